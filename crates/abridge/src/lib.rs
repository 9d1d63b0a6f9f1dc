//! abridge: extractive summarisation. Give it text, get back the few
//! sentences that carry it, as spans of the input.
//!
//! # The pipeline
//!
//! A [`Summarizer`] runs five stages, each behind a trait or type of the
//! crate that owns it:
//!
//! 1. **Segment** ([`Segmenter`](abridge_text::Segmenter), in `abridge-text`):
//!    the text is cut into paragraphs and sentence-like units with byte spans;
//!    headlines, captions and page furniture are marked as not prose.
//! 2. **Tokenise, normalise, stem** ([`Analyzer`](abridge_text::Analyzer)):
//!    words by UAX #29, lower-cased, stop words marked, stemmed with
//!    rust-stemmers, interned into the document's vocabulary.
//! 3. **Term statistics** ([`TermStats`](abridge_score::TermStats), in
//!    `abridge-score`): IDF from the document's own sentences, or from a
//!    background corpus.
//! 4. **Score** ([`Scorer`]): one score per sentence.
//! 5. **Select** ([`Selector`](abridge_score::Selector)): the best eligible
//!    sentences under a [`Budget`], skipping near-duplicates, optionally
//!    with MMR redundancy control, in document or score order.
//!
//! The result is a [`Summary`]: [`Extract`]s that borrow the input, with
//! their byte offsets and scores. Nothing here prints or fails at run time;
//! only configuration returns errors.
//!
//! # Example
//!
//! ```
//! use abridge::{Budget, Summarizer};
//!
//! let text = "Powered by\n\n\
//!             The city council approved the new harbour budget on Monday. \
//!             The harbour budget funds repairs to the old pier. \
//!             Council members also discussed parking.";
//! let summarizer = Summarizer::builder().budget(Budget::Sentences(1)).build()?;
//! let summary = summarizer.summarize(text);
//! assert_eq!(
//!     summary.texts().collect::<Vec<_>>(),
//!     ["The city council approved the new harbour budget on Monday."]
//! );
//! assert_eq!(&text[summary.sentences[0].start..summary.sentences[0].end], summary.sentences[0].text);
//! # Ok::<(), abridge::Error>(())
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod batch;
mod cluster;
mod config;
mod error;
mod parsed;
pub mod record;
mod summarizer;
mod summary;

pub use abridge_formats::{
    Block, BlockKind, Format, InputFormat, LineBreaks, Metadata, Origin, Parsed, UnknownFormat,
};
pub use abridge_score::{Budget, Eligibility, Explanation, Order, QueryFocus, Scorer, ScorerKind};
pub use abridge_score::{ClusterMethod, ConceptParams};
pub use abridge_text::{Document, Language, MAX_TEXT_BYTES, SentenceKind, Span};
pub use batch::{BatchError, BatchItem, BatchOptions, BatchResult, BatchResults, Scratch};
pub use cluster::{ClusterDocument, OwnedClusterDocument};
pub use config::{
    DEFAULT_SENTENCES, FALLBACK_LANGUAGE, LanguageChoice, LanguageSource, MIN_DETECTION_CONFIDENCE,
    SummarizerConfig, nest_params,
};
pub use error::{Error, Result};
pub use summarizer::{Summarizer, SummarizerBuilder};
pub use summary::{EmptyReason, Extract, Summary, one_line};

/// The crates behind the facade, for callers who need more.
pub mod crates {
    pub use abridge_formats as formats;
    pub use abridge_score as score;
    pub use abridge_text as text;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn summarizer_is_thread_safe() {
        assert_send_sync::<Summarizer>();
        assert_send_sync::<Summary<'static>>();
    }

    #[test]
    fn empty_reasons() {
        let summarizer = Summarizer::builder().build().unwrap();
        assert_eq!(summarizer.summarize("").empty_reason, Some(EmptyReason::EmptyInput));
        assert_eq!(summarizer.summarize("  \n\t ").empty_reason, Some(EmptyReason::EmptyInput));
        assert_eq!(summarizer.summarize("🎉🎉 🎉").empty_reason, Some(EmptyReason::NoWords));
        assert_eq!(summarizer.summarize("... !!! ???").empty_reason, Some(EmptyReason::NoWords));
        assert_eq!(
            summarizer.summarize("Powered by").empty_reason,
            Some(EmptyReason::OnlyFurniture)
        );
        let tiny = Summarizer::builder().budget(Budget::Words(2)).build().unwrap();
        assert_eq!(
            tiny.summarize("This sentence has far more than two words.").empty_reason,
            Some(EmptyReason::BudgetTooSmall)
        );
        assert_eq!(summarizer.summarize("A real sentence is here.").empty_reason, None);
    }

    #[test]
    fn detects_the_language_of_each_text() {
        let summarizer = Summarizer::builder().sentences(1).build().unwrap();
        let french = "Le conseil municipal a voté le budget lundi soir. Les travaux du port commenceront au printemps prochain.";
        let summary = summarizer.summarize(french);
        assert_eq!(
            (summary.language, summary.language_source),
            (Language::French, LanguageSource::Detected)
        );
        let english = summarizer.summarize("The council voted on the budget on Monday night. Work on the harbour starts next spring.");
        assert_eq!(
            (english.language, english.language_source),
            (Language::English, LanguageSource::Detected)
        );
        let fixed =
            Summarizer::builder().language(Language::German).build().unwrap().summarize(french);
        assert_eq!(
            (fixed.language, fixed.language_source),
            (Language::German, LanguageSource::Given)
        );
    }

    #[test]
    fn summary_round_trips_through_json() {
        let text = "The dam burst after days of rain. Villages downstream were evacuated. Nobody was hurt.";
        let summarizer = Summarizer::builder().sentences(2).explain(true).build().unwrap();
        let summary = summarizer.summarize(text);
        assert_eq!(summary.sentences.len(), 2);
        assert!(summary.sentences.iter().all(|extract| extract.explanation.is_some()));
        let json = serde_json::to_string(&summary).unwrap();
        let back: Summary<'_> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, summary);
    }

    #[test]
    fn extracts_are_spans_of_the_input() {
        let text = "Première phrase du texte, assez longue. Deuxième phrase, également longue. Troisième et dernière phrase ici.";
        let summarizer =
            Summarizer::builder().language(Language::French).sentences(2).build().unwrap();
        for extract in summarizer.summarize(text).sentences {
            assert_eq!(&text[extract.start..extract.end], extract.text);
        }
    }
}
