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
//! | `luhn` | [`Luhn`] | clusters of significant words |
//! | `sumbasic` | [`SumBasic`] | word probabilities, squared after each pick |
//! | `centroid` | [`Centroid`] | MEAD: centroid, position and first-sentence overlap |
//! | `textrank` | [`TextRank`] | PageRank over word overlap |
//! | `lexrank` | [`LexRank`] | eigenvector centrality over tf-idf cosine |
//! | `kl-sum` | [`KlSum`] | greedy KL divergence to the document's words |
//! | `pacsum` | [`PacSum`] | directed, position-aware tf-idf centrality |
//!
//! New strategies start from `dummy_example.rs`, a commented template.
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
//! // In a text this short the lead is not given its place: content decides.
//! assert_eq!(
//!     document.sentence_text(chosen[0]),
//!     "The flooded town asked the river authority for help."
//! );
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod centroid;
mod cluster;
mod dummy_example;
mod explain;
pub mod features;
pub mod graph;
mod kind;
mod klsum;
mod lead;
mod lexrank;
mod luhn;
mod pacsum;
mod params;
mod picks;
mod position;
pub mod query;
mod redundancy;
mod scorer;
mod select;
mod stats;
mod sumbasic;
mod testing;
mod textrank;
mod tfidf;

pub use centroid::Centroid;
pub use cluster::{
    ClusterMethod, ClusterPick, ClusterSelector, ClusterStats, ClusterTerms, ConceptParams,
};
pub use dummy_example::WordCount;
pub use explain::Explanation;
pub use kind::{InvalidParams, ScorerKind, UnknownScorer};
pub use klsum::KlSum;
pub use lead::Lead;
pub use lexrank::LexRank;
pub use luhn::Luhn;
pub use pacsum::{EdgeSimilarity, PacSum};
pub use params::{Ranges, ScorerParams};
pub use position::PositionPrior;
pub use query::{QueryFocus, QueryFocused, is_framing_word, query_terms};
pub use scorer::{Eligibility, Score, Scorer};
pub use select::{
    Budget, BudgetMeter, DUPLICATE_SIMILARITY, Eligible, MAX_WORDS, MIN_WORDS, MmrStep, Order,
    Selector,
};
pub use stats::{BackgroundFrequencies, SentenceFrequencies, TermStats};
pub use sumbasic::SumBasic;
pub use textrank::TextRank;
pub use tfidf::{DEFAULT_TARGET_SENTENCES, TfIdfPosition};

test_scorer!(conformance_lead, crate::Lead);
test_scorer!(conformance_tfidf_position, crate::TfIdfPosition::default());
test_scorer!(conformance_luhn, crate::Luhn::default());
test_scorer!(conformance_sumbasic, crate::SumBasic::default());
test_scorer!(conformance_centroid, crate::Centroid::default());
test_scorer!(conformance_textrank, crate::TextRank::default());
test_scorer!(conformance_lexrank, crate::LexRank::default());
test_scorer!(
    conformance_lexrank_threshold,
    crate::LexRank { threshold: Some(0.1), ..crate::LexRank::default() }
);
test_scorer!(conformance_kl_sum, crate::KlSum::default());
test_scorer!(conformance_pacsum, crate::PacSum::default());
test_scorer!(conformance_word_count, crate::WordCount);

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
