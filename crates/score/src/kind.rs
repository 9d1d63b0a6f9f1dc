//! [`ScorerKind`]: the closed set of built-in strategies, by stable name.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{
    Centroid, KlSum, Lead, LexRank, Luhn, PacSum, Scorer, ScorerParams, SumBasic, TextRank,
    TfIdfPosition,
};

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
    Luhn => "luhn", "clusters of significant words (Luhn 1958)";
    SumBasic => "sumbasic", "word probabilities, squared after each pick (Nenkova and Vanderwende 2005)";
    Centroid => "centroid", "MEAD: centroid, position and first-sentence overlap (Radev et al. 2004)";
    TextRank => "textrank", "PageRank over word-overlap similarity (Mihalcea and Tarau 2004)";
    LexRank => "lexrank", "eigenvector centrality over tf-idf cosine (Erkan and Radev 2004)";
    KlSum => "kl-sum", "greedy KL divergence to the document's word distribution (Haghighi and Vanderwende 2009)";
    PacSum => "pacsum", "directed, position-aware tf-idf centrality (Zheng and Lapata 2019)";
}

/// Parameters of a strategy that do not fit it: an unknown name or a value
/// of the wrong type.
///
/// ```
/// use abridge_score::ScorerKind;
///
/// let params = serde_json::json!({"damping": 1.5});
/// let error = ScorerKind::TextRank.build_with(params.as_object().unwrap()).unwrap_err();
/// assert_eq!(error.scorer, ScorerKind::TextRank);
/// ```
#[derive(Debug)]
pub struct InvalidParams {
    /// The strategy.
    pub scorer: ScorerKind,
    /// What serde said.
    pub message: String,
}

impl fmt::Display for InvalidParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid parameters for scorer '{}': {}", self.scorer, self.message)
    }
}

impl std::error::Error for InvalidParams {}

impl ScorerKind {
    /// The strategy with its default parameters.
    ///
    /// ```
    /// use abridge_score::ScorerKind;
    ///
    /// assert_eq!(ScorerKind::Luhn.build().name(), "luhn");
    /// ```
    pub fn build(self) -> Box<dyn Scorer> {
        match self {
            ScorerKind::TfIdfPosition => Box::new(TfIdfPosition::default()),
            ScorerKind::Lead => Box::new(Lead),
            ScorerKind::Luhn => Box::new(Luhn::default()),
            ScorerKind::SumBasic => Box::new(SumBasic::default()),
            ScorerKind::Centroid => Box::new(Centroid::default()),
            ScorerKind::TextRank => Box::new(TextRank::default()),
            ScorerKind::LexRank => Box::new(LexRank::default()),
            ScorerKind::KlSum => Box::new(KlSum::default()),
            ScorerKind::PacSum => Box::new(PacSum::default()),
        }
    }

    /// The strategy with the parameters in `params`, a JSON object whose
    /// keys are the fields of the strategy's type (missing keys keep their
    /// defaults; unknown keys, and values out of their range, see
    /// [`ScorerParams`], are an error). `lead` takes none.
    ///
    /// ```
    /// use abridge_score::ScorerKind;
    ///
    /// let params = serde_json::json!({"threshold": 0.1});
    /// assert_eq!(ScorerKind::LexRank.build_with(params.as_object().unwrap()).unwrap().name(), "lexrank");
    /// assert!(ScorerKind::Lead.build_with(params.as_object().unwrap()).is_err(), "lead takes none");
    /// ```
    pub fn build_with(
        self,
        params: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Box<dyn Scorer>, InvalidParams> {
        fn parse<T: serde::de::DeserializeOwned + ScorerParams>(
            kind: ScorerKind,
            params: &serde_json::Map<String, serde_json::Value>,
        ) -> Result<Box<dyn Scorer>, InvalidParams> {
            let scorer = serde_json::from_value::<T>(serde_json::Value::Object(params.clone()))
                .map_err(|error| InvalidParams { scorer: kind, message: error.to_string() })?;
            scorer.check()?;
            Ok(Box::new(scorer))
        }
        match self {
            ScorerKind::Lead if params.is_empty() => Ok(Box::new(Lead)),
            ScorerKind::Lead => {
                Err(InvalidParams { scorer: self, message: "lead takes no parameters".to_owned() })
            }
            ScorerKind::TfIdfPosition => parse::<TfIdfPosition>(self, params),
            ScorerKind::Luhn => parse::<Luhn>(self, params),
            ScorerKind::SumBasic => parse::<SumBasic>(self, params),
            ScorerKind::Centroid => parse::<Centroid>(self, params),
            ScorerKind::TextRank => parse::<TextRank>(self, params),
            ScorerKind::LexRank => parse::<LexRank>(self, params),
            ScorerKind::KlSum => parse::<KlSum>(self, params),
            ScorerKind::PacSum => parse::<PacSum>(self, params),
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
///
/// ```
/// use abridge_score::{ScorerKind, UnknownScorer};
///
/// assert_eq!("bert".parse::<ScorerKind>(), Err(UnknownScorer("bert".to_owned())));
/// assert_eq!("TextRank".parse::<ScorerKind>(), Ok(ScorerKind::TextRank));
/// ```
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

    #[test]
    fn parameters_override_defaults_and_unknown_ones_fail() {
        let params = serde_json::json!({"lambda1": -1.5, "beta": 0.3});
        let scorer = ScorerKind::PacSum.build_with(params.as_object().unwrap()).unwrap();
        assert_eq!(
            format!("{scorer:?}"),
            format!("{:?}", crate::PacSum { lambda1: -1.5, beta: 0.3, ..crate::PacSum::default() })
        );
        let bad = serde_json::json!({"lambda9": 1.0});
        let error = ScorerKind::PacSum.build_with(bad.as_object().unwrap()).unwrap_err();
        assert!(error.to_string().contains("lambda9"), "{error}");
        let empty = serde_json::Map::new();
        for &kind in ScorerKind::ALL {
            assert_eq!(kind.build_with(&empty).unwrap().name(), kind.name());
        }
        assert!(ScorerKind::Lead.build_with(params.as_object().unwrap()).is_err());
    }
}
