//! abridge-eval: how good are abridge's summaries? ROUGE against human
//! references, on real corpora.
//!
//! 1. **Read** a JSONL corpus ([`CorpusReader`], [`Corpus`]): one document
//!    per line with one or more references; bad lines are reported with
//!    their line numbers and skipped.
//! 2. **Summarise** every document with each [`System`]: an abridge scorer,
//!    or the greedy extractive [`Oracle`] that reads the references and
//!    gives the ceiling of extraction.
//! 3. **Score** each summary with ROUGE-1, -2, -L and -Lsum ([`Rouge`]),
//!    exactly as Google's `rouge-score` does (Porter stemmer on; several
//!    references: the best per variant), or, for other languages, over
//!    Unicode words or characters ([`Tokenizer`]).
//! 4. **Aggregate**: mean precision, recall and F1 per variant with
//!    percentile-bootstrap confidence intervals ([`Bootstrap`]).
//!
//! [`evaluate()`] runs steps 2 to 4 in parallel with rayon.
//!
//! # Example
//!
//! ```
//! use abridge::Budget;
//! use abridge_eval::{Corpus, Settings, System, evaluate};
//!
//! let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Repairs cost a lot. Rain fell.", "summaries": ["The bridge reopened."]}"#;
//! let corpus = Corpus::read(jsonl.as_bytes(), None)?;
//! let settings = Settings {
//!     systems: System::parse_list("lead,oracle")?,
//!     budget: Budget::Sentences(1),
//!     ..Settings::default()
//! };
//! let report = evaluate(&corpus.entries, &settings)?;
//! assert_eq!(report.results[0].scorer, "lead");
//! assert!(report.results[1].rouge1.f > 0.5);
//! # Ok::<(), abridge_eval::Error>(())
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod bootstrap;
pub mod corpus;
mod error;
pub mod evaluate;
pub mod oracle;
pub mod protocol;
pub mod rouge;

pub use bootstrap::{Bootstrap, Interval};
pub use corpus::{BadLine, Corpus, CorpusReader, Entry, Record};
pub use error::{Error, Result};
pub use evaluate::{
    Aggregate, DocResult, LanguageCount, LanguagePolicy, Observer, Report, Settings, System,
    SystemReport, evaluate, evaluate_observed,
};
pub use oracle::Oracle;
pub use protocol::{ClusterDocs, Measure, Protocol, Truncation};
pub use rouge::{Prf, Rouge, RougeScores, Tokenizer, UnknownTokenizer, Variant, join_sentences};

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn shared_types_are_thread_safe() {
        assert_send_sync::<Rouge>();
        assert_send_sync::<Oracle>();
        assert_send_sync::<Report>();
    }
}
