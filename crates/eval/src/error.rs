//! The error type of `abridge-eval`.

use std::path::PathBuf;

use crate::corpus::BadLine;

/// What can go wrong in an evaluation. Bad corpus lines are reported, not
/// fatal: [`Corpus::read`](crate::Corpus::read) collects them.
///
/// ```
/// use abridge_eval::{Error, System};
///
/// let error = System::parse_list("bert").unwrap_err();
/// assert!(matches!(error, Error::UnknownSystem(_)));
/// assert!(error.to_string().starts_with("unknown scorer 'bert' (known: "));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The corpus file could not be opened.
    #[error("{}: cannot open", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Reading the corpus failed part-way.
    #[error("cannot read the corpus after line {after_line}")]
    Read {
        /// The last line read.
        after_line: usize,
        /// Why.
        source: std::io::Error,
    },
    /// A line of the corpus is not a record.
    #[error(transparent)]
    BadLine(#[from] BadLine),
    /// A system name that is neither a scorer, `oracle` nor `all`.
    #[error("unknown scorer '{0}' (known: {known}, oracle, all)", known = known_scorers())]
    UnknownSystem(String),
    /// Settings the summarizer refuses.
    #[error(transparent)]
    Settings(#[from] abridge::Error),
}

fn known_scorers() -> String {
    abridge::ScorerKind::ALL.iter().map(|kind| kind.name()).collect::<Vec<_>>().join(", ")
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
