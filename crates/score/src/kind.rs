//! [`ScorerKind`]: the closed set of built-in strategies, by stable name.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Lead, Scorer, TfIdfPosition};

macro_rules! scorer_kinds {
    ($($variant:ident => $name:literal, $summary:literal;)*) => {
        /// A built-in scoring strategy, named as `--scorer` names it.
        ///
        /// The names are stable: scripts and result tables depend on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum ScorerKind {
            $(
                #[doc = $summary]
                #[serde(rename = $name)]
                $variant,
            )*
        }

        impl ScorerKind {
            /// Every built-in strategy.
            pub const ALL: &'static [ScorerKind] = &[$(ScorerKind::$variant),*];

            /// The stable name.
            pub const fn name(self) -> &'static str {
                match self { $(ScorerKind::$variant => $name,)* }
            }

            /// One line on what the strategy does.
            pub const fn summary(self) -> &'static str {
                match self { $(ScorerKind::$variant => $summary,)* }
            }
        }
    };
}

scorer_kinds! {
    TfIdfPosition => "tfidf-position", "TF-IDF centrality mixed with a position prior (the default)";
    Lead => "lead", "the first sentences, as they are (the Lead-k baseline)";
}

impl ScorerKind {
    /// The strategy with its default parameters.
    pub fn build(self) -> Box<dyn Scorer> {
        match self {
            ScorerKind::TfIdfPosition => Box::new(TfIdfPosition::default()),
            ScorerKind::Lead => Box::new(Lead),
        }
    }
}

// The enum comes from a macro, so `#[default]` cannot mark a variant.
#[allow(clippy::derivable_impls)]
impl Default for ScorerKind {
    fn default() -> Self {
        ScorerKind::TfIdfPosition
    }
}

impl fmt::Display for ScorerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for a strategy name abridge does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownScorer(pub String);

impl fmt::Display for UnknownScorer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = ScorerKind::ALL.iter().map(|kind| kind.name()).collect();
        write!(f, "unknown scorer '{}' (known: {})", self.0, names.join(", "))
    }
}

impl std::error::Error for UnknownScorer {}

impl FromStr for ScorerKind {
    type Err = UnknownScorer;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        ScorerKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownScorer(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_the_scorers() {
        for &kind in ScorerKind::ALL {
            assert_eq!(kind.name().parse::<ScorerKind>(), Ok(kind));
            assert_eq!(kind.build().name(), kind.name());
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.name()));
        }
        assert!("nope".parse::<ScorerKind>().is_err());
    }
}
