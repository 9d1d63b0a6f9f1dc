//! Text analysis for abridge: a [`Document`] is a text cut into paragraphs,
//! sentences and word tokens, each carrying a byte [`Span`] into the input.
//!
//! # Overview
//!
//! - [`Segmenter`] cuts text into sentence-like units; [`RuleSegmenter`] is
//!   the abbreviation-aware default.
//! - [`Analyzer`] builds a [`Document`]: it segments, finds word tokens with
//!   UAX #29 word boundaries, lower-cases them, marks stop words (from the
//!   `stop-words` crate) and stems them with rust-stemmers.
//! - [`furniture`] marks lines of page furniture (sponsor lines, captions,
//!   promotions) so that they are never chosen.
//! - [`Language`] lists the languages and their compiled-in resources.
//!
//! Nothing here knows about scoring, and nothing here fails: every `&str`
//! gives a document, empty input an empty one.
//!
//! # Example
//!
//! ```
//! use abridge_text::{Document, Language, SentenceKind};
//!
//! let text = "Dr. Smith arrived at 9 a.m. on Monday. The meeting began.";
//! let document = Document::new(text, Language::English);
//! assert_eq!(document.sentences().len(), 2);
//! assert_eq!(document.sentence_text(1), "The meeting began.");
//! assert_eq!(document.sentences()[0].kind(), SentenceKind::Prose);
//! let stems: Vec<&str> =
//!     document.sentence_tokens(1).iter().map(|token| document.term(token.term())).collect();
//! assert_eq!(stems, ["the", "meet", "began"]);
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod block;
mod document;
pub mod elision;
pub mod furniture;
mod language;
pub mod pleasantry;
pub mod segment;
mod span;
pub mod speech;
pub mod token;

pub use block::{Block, BlockKind, LineBreaks};
pub use document::{
    Analyzer, AnalyzerCache, Document, MAX_TEXT_BYTES, Paragraph, Sentence, SentenceKind, Unit,
};
pub use language::{Detection, Language, UnknownLanguage};
pub use segment::{RuleSegmenter, Segment, SegmentKind, Segmenter, UnicodeSegmenter};
pub use span::Span;
pub use token::{TermId, Token};

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_thread_safe() {
        assert_send_sync::<Analyzer>();
        assert_send_sync::<Document<'static>>();
        assert_send_sync::<RuleSegmenter>();
        assert_send_sync::<Language>();
    }
}
