//! [`SummarizerConfig`]: every setting of a summary, serialisable.

use abridge_score::{Budget, Order, ScorerKind};
use abridge_text::Language;
use serde::{Deserialize, Serialize};

use crate::Error;

/// The settings a [`Summarizer`](crate::Summarizer) runs with. Summaries
/// record them, so a result says how it was made.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummarizerConfig {
    /// Language of the input.
    pub language: Language,
    /// Scoring strategy.
    pub scorer: ScorerKind,
    /// How long a summary may be.
    pub budget: Budget,
    /// Order of the chosen sentences.
    pub order: Order,
    /// MMR trade-off λ in `[0, 1]` (`None`: pick by score alone).
    pub redundancy: Option<f64>,
}

impl Default for SummarizerConfig {
    fn default() -> Self {
        SummarizerConfig {
            language: Language::English,
            scorer: ScorerKind::default(),
            budget: Budget::Sentences(DEFAULT_SENTENCES),
            order: Order::Document,
            redundancy: None,
        }
    }
}

/// Sentences in a summary when no budget is given.
pub const DEFAULT_SENTENCES: usize = 3;

impl SummarizerConfig {
    /// Checks that the settings make sense: a budget above zero, a ratio in
    /// `(0, 1]`, a redundancy λ in `[0, 1]`.
    pub fn validate(&self) -> Result<(), Error> {
        let budget_ok = match self.budget {
            Budget::Sentences(n) | Budget::Words(n) | Budget::Chars(n) => n > 0,
            Budget::Ratio(ratio) => ratio > 0.0 && ratio <= 1.0,
        };
        if !budget_ok {
            return Err(Error::InvalidBudget(self.budget));
        }
        if let Some(lambda) = self.redundancy
            && !(0.0..=1.0).contains(&lambda)
        {
            return Err(Error::InvalidRedundancy(lambda));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_budgets() {
        for budget in [
            Budget::Sentences(0),
            Budget::Words(0),
            Budget::Chars(0),
            Budget::Ratio(0.0),
            Budget::Ratio(1.5),
            Budget::Ratio(f64::NAN),
        ] {
            let config = SummarizerConfig { budget, ..SummarizerConfig::default() };
            assert!(config.validate().is_err(), "{budget:?}");
        }
        assert!(SummarizerConfig::default().validate().is_ok());
        let config = SummarizerConfig { redundancy: Some(2.0), ..SummarizerConfig::default() };
        assert!(config.validate().is_err());
    }

    #[test]
    fn round_trips_through_json() {
        let config = SummarizerConfig {
            budget: Budget::Ratio(0.4),
            redundancy: Some(0.7),
            ..SummarizerConfig::default()
        };
        let json = serde_json::to_string(&config).unwrap();
        assert_eq!(
            json,
            r#"{"language":"en","scorer":"tfidf-position","budget":{"ratio":0.4},"order":"document","redundancy":0.7}"#
        );
        assert_eq!(serde_json::from_str::<SummarizerConfig>(&json).unwrap(), config);
        // Missing fields take their defaults.
        assert_eq!(
            serde_json::from_str::<SummarizerConfig>("{}").unwrap(),
            SummarizerConfig::default()
        );
    }
}
