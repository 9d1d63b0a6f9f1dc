//! Sentence scoring for abridge: the [`Scorer`] trait, its strategies, the
//! [`TermStats`] they draw IDF from, and the [`Selector`] that chooses
//! sentences under a [`Budget`].
//!
//! # Why scores go into a slice
//!
//! [`Scorer::score`] writes into `&mut [Score]` that the caller owns rather
//! than returning a `Vec`. A batch of millions of documents then reuses one
//! buffer, and the cost of a strategy is the cost of its arithmetic, which
//! is what the benches compare. [`Scorer::scores`] allocates for callers
//! who do not care.
//!
//! # Strategies
//!
//! | name | type | idea |
//! |---|---|---|
//! | `tfidf-position` | [`TfIdfPosition`] | tf-idf cosine to the document, mixed with a [`PositionPrior`] |
//! | `lead` | [`Lead`] | the first k units (the Lead-k baseline) |
//!
//! [`ScorerKind`] names them for configuration.
//!
//! # Example
//!
//! ```
//! use abridge_score::{Budget, Order, Scorer, Selector, SentenceFrequencies, TfIdfPosition};
//! use abridge_text::{Document, Language};
//!
//! let text = "The river flooded the town. Rain fell for a week. \
//!             The flooded town asked the river authority for help.";
//! let document = Document::new(text, Language::English);
//! let stats = SentenceFrequencies::new(&document);
//! let scorer = TfIdfPosition::default();
//! let scores = scorer.scores(&document, &stats);
//! let selector = Selector { budget: Budget::Sentences(1), order: Order::Document, redundancy: None };
//! let chosen = selector.select(&document, &scores, scorer.eligibility());
//! assert_eq!(document.sentence_text(chosen[0]), "The river flooded the town.");
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod explain;
pub mod features;
mod kind;
mod lead;
mod position;
mod scorer;
mod select;
mod stats;
mod testing;
mod tfidf;

pub use explain::Explanation;
pub use kind::{ScorerKind, UnknownScorer};
pub use lead::Lead;
pub use position::PositionPrior;
pub use scorer::{Eligibility, Score, Scorer};
pub use select::{Budget, DUPLICATE_SIMILARITY, MIN_WORDS, Order, Selector};
pub use stats::{BackgroundFrequencies, SentenceFrequencies, TermStats};
pub use tfidf::TfIdfPosition;

test_scorer!(conformance_lead, crate::Lead);
test_scorer!(conformance_tfidf_position, crate::TfIdfPosition::default());

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_thread_safe() {
        assert_send_sync::<Box<dyn Scorer>>();
        assert_send_sync::<Selector>();
        assert_send_sync::<SentenceFrequencies>();
        assert_send_sync::<BackgroundFrequencies>();
    }
}
