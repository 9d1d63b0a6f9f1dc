//! The error type of the `abridge` crate.

use abridge_score::Budget;

/// What can go wrong when configuring abridge. Summarising itself cannot
/// fail: every text gives a summary, possibly empty with its reason.
///
/// ```
/// use abridge::{Error, Summarizer};
///
/// let error = Summarizer::builder().redundancy(2.0).build().unwrap_err();
/// assert!(matches!(error, Error::InvalidRedundancy(_)));
/// assert_eq!(error.to_string(), "invalid redundancy 2: it must be in [0, 1]");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A budget that allows nothing, or a ratio outside `(0, 1]`.
    #[error(
        "invalid budget {0:?}: it must allow at least one sentence, word or character, and a ratio must be in (0, 1]"
    )]
    InvalidBudget(Budget),
    /// Scorer parameters that do not fit the scorer.
    #[error(transparent)]
    Params(#[from] abridge_score::InvalidParams),
    /// A redundancy λ outside `[0, 1]`.
    #[error("invalid redundancy {0}: it must be in [0, 1]")]
    InvalidRedundancy(f64),
    /// Query focus settings out of range.
    #[error("invalid query focus: {0}")]
    InvalidQueryFocus(String),
    /// The worker threads of a batch could not be started.
    #[error("cannot start the batch threads: {0}")]
    ThreadPool(String),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
