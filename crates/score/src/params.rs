//! [`ScorerParams`]: the typed parameters of each built-in strategy, with
//! the range every parameter must keep to.
//!
//! `--param position_weight=2` used to be taken as given, and made the
//! content weight `1 - 2 = -1`. Every strategy's parameters now say what
//! they accept, and [`ScorerKind::build_with`] and the typed
//! `SummarizerBuilder::with_scorer` of the `abridge` crate refuse the rest.

use crate::{
    Centroid, KlSum, LexRank, Luhn, PacSum, PositionPrior, Scorer, ScorerKind, SumBasic, TextRank,
    TfIdfPosition,
};

/// A built-in strategy's parameters: the strategy's own type, whose public
/// fields are its parameters, with the range each must keep to.
///
/// ```
/// use abridge_score::{ScorerParams, TfIdfPosition};
///
/// let scorer = TfIdfPosition { position_weight: 0.5, ..TfIdfPosition::default() };
/// assert!(scorer.check().is_ok());
/// let scorer = TfIdfPosition { position_weight: 2.0, ..TfIdfPosition::default() };
/// assert_eq!(
///     scorer.check().unwrap_err().to_string(),
///     "invalid parameters for scorer 'tfidf-position': position_weight is 2, but must be in [0, 1] (the share of the score that comes from position)"
/// );
/// ```
pub trait ScorerParams: Scorer + Sized + 'static {
    /// The strategy these are the parameters of.
    const KIND: ScorerKind;

    /// Checks every parameter against its range.
    fn check(&self) -> Result<(), crate::InvalidParams> {
        let mut ranges = Ranges::default();
        self.ranges(&mut ranges);
        match ranges.first_error {
            None => Ok(()),
            Some(message) => Err(crate::InvalidParams { scorer: Self::KIND, message }),
        }
    }

    /// Puts every parameter to [`Ranges`].
    fn ranges(&self, ranges: &mut Ranges);
}

/// Collects the first parameter out of its range, for
/// [`ScorerParams::ranges`].
///
/// ```
/// use abridge_score::{ScorerParams, TextRank};
///
/// let bad = TextRank { damping: 1.5, ..TextRank::default() };
/// assert!(bad.check().unwrap_err().message.contains("damping is 1.5"));
/// assert!(TextRank::default().check().is_ok());
/// ```
#[derive(Debug, Default)]
pub struct Ranges {
    first_error: Option<String>,
}

impl Ranges {
    /// `value` must be finite and in `[low, high]`; `meaning` says what
    /// the parameter is, for the message.
    pub fn within(&mut self, name: &str, value: f64, low: f64, high: f64, meaning: &str) {
        if !(value.is_finite() && low <= value && value <= high) {
            self.fail(format!("{name} is {value}, but must be in [{low}, {high}] ({meaning})"));
        }
    }

    /// `value` must be finite and above `low`.
    pub fn above(&mut self, name: &str, value: f64, low: f64, meaning: &str) {
        if !(value.is_finite() && value > low) {
            self.fail(format!("{name} is {value}, but must be a number above {low} ({meaning})"));
        }
    }

    /// `value` must be finite and at least `low`.
    pub fn at_least(&mut self, name: &str, value: f64, low: f64, meaning: &str) {
        if !(value.is_finite() && value >= low) {
            self.fail(format!("{name} is {value}, but must be at least {low} ({meaning})"));
        }
    }

    /// `value` must be finite.
    pub fn finite(&mut self, name: &str, value: f64, meaning: &str) {
        if !value.is_finite() {
            self.fail(format!("{name} is {value}, but must be a finite number ({meaning})"));
        }
    }

    fn fail(&mut self, message: String) {
        self.first_error.get_or_insert(message);
    }
}

fn prior_ranges(prior: &PositionPrior, ranges: &mut Ranges) {
    ranges.above("prior.decay", prior.decay, 0.0, "the rank at which the position prior halves");
    ranges.at_least(
        "prior.decay_per_sentence",
        prior.decay_per_sentence,
        0.0,
        "how much the prior stretches per sentence of the summary",
    );
    ranges.within(
        "prior.paragraph_weight",
        prior.paragraph_weight,
        0.0,
        1.0,
        "the share of the prior that goes to opening a paragraph",
    );
}

impl ScorerParams for TfIdfPosition {
    const KIND: ScorerKind = ScorerKind::TfIdfPosition;

    fn ranges(&self, ranges: &mut Ranges) {
        ranges.within(
            "position_weight",
            self.position_weight,
            0.0,
            1.0,
            "the share of the score that comes from position",
        );
        ranges.above(
            "lead_sentences",
            self.lead_sentences,
            0.0,
            "summaries up to this long give position its full weight",
        );
        ranges.within(
            "centrality_weight",
            self.centrality_weight,
            0.0,
            1.0,
            "the share of the content that comes from degree centrality",
        );
        ranges.finite(
            "earlier_weight",
            self.earlier_weight,
            "the weight of cosines with earlier sentences in the degree",
        );
        ranges.at_least(
            "budget_power",
            self.budget_power,
            0.0,
            "how fast news falls with long summaries",
        );
        ranges.finite("lead_center", self.lead_center, "the lead centrality where the gate is 1/2");
        ranges.at_least("lead_slope", self.lead_slope, 0.0, "how sharply the gate turns");
        ranges.above(
            "lead_share",
            self.lead_share,
            0.0,
            "the share of the prose beyond which a summary is not a lead",
        );
        ranges.finite("length_slope", self.length_slope, "how much the gate opens with length");
        ranges.finite(
            "length_power",
            self.length_power,
            "the power of sentence length in long summaries",
        );
        prior_ranges(&self.prior, ranges);
    }
}

impl ScorerParams for Luhn {
    const KIND: ScorerKind = ScorerKind::Luhn;

    fn ranges(&self, ranges: &mut Ranges) {
        ranges.at_least(
            "min_count",
            f64::from(self.min_count),
            1.0,
            "occurrences a word needs to be significant",
        );
    }
}

impl ScorerParams for SumBasic {
    const KIND: ScorerKind = ScorerKind::SumBasic;

    fn ranges(&self, ranges: &mut Ranges) {
        ranges.at_least("max_picks", self.max_picks as f64, 1.0, "rounds of picking");
    }
}

impl ScorerParams for Centroid {
    const KIND: ScorerKind = ScorerKind::Centroid;

    fn ranges(&self, ranges: &mut Ranges) {
        for (name, weight) in [
            ("centroid_weight", self.centroid_weight),
            ("position_weight", self.position_weight),
            ("first_weight", self.first_weight),
        ] {
            ranges.at_least(name, weight, 0.0, "a feature's weight");
        }
        ranges.within(
            "centroid_share",
            self.centroid_share,
            0.0,
            1.0,
            "the share of the top centroid value a word needs",
        );
    }
}

impl ScorerParams for TextRank {
    const KIND: ScorerKind = ScorerKind::TextRank;

    fn ranges(&self, ranges: &mut Ranges) {
        ranges.within("damping", self.damping, 0.0, 1.0, "PageRank's damping factor");
        ranges.above("tolerance", self.tolerance, 0.0, "when to stop iterating");
    }
}

impl ScorerParams for LexRank {
    const KIND: ScorerKind = ScorerKind::LexRank;

    fn ranges(&self, ranges: &mut Ranges) {
        if let Some(threshold) = self.threshold {
            ranges.within("threshold", threshold, 0.0, 1.0, "the cosine an edge needs");
        }
        ranges.within("damping", self.damping, 0.0, 1.0, "the probability of following an edge");
        ranges.above("tolerance", self.tolerance, 0.0, "when to stop iterating");
    }
}

impl ScorerParams for KlSum {
    const KIND: ScorerKind = ScorerKind::KlSum;

    fn ranges(&self, ranges: &mut Ranges) {
        ranges.within(
            "smoothing",
            self.smoothing,
            f64::MIN_POSITIVE,
            1.0,
            "the weight of the document's distribution mixed into the summary's",
        );
        ranges.at_least("max_picks", self.max_picks as f64, 1.0, "rounds of picking");
    }
}

impl ScorerParams for PacSum {
    const KIND: ScorerKind = ScorerKind::PacSum;

    fn ranges(&self, ranges: &mut Ranges) {
        ranges.finite("lambda1", self.lambda1, "the weight of edges to preceding sentences");
        ranges.finite("lambda2", self.lambda2, "the weight of edges to following sentences");
        ranges.within("beta", self.beta, 0.0, 1.0, "the share of the similarity range cut away");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn defaults_are_in_range() {
        TfIdfPosition::default().check().unwrap();
        Luhn::default().check().unwrap();
        SumBasic::default().check().unwrap();
        Centroid::default().check().unwrap();
        TextRank::default().check().unwrap();
        LexRank::default().check().unwrap();
        LexRank { threshold: Some(0.1), ..LexRank::default() }.check().unwrap();
        KlSum::default().check().unwrap();
        PacSum::default().check().unwrap();
    }

    #[test]
    fn parameters_out_of_range_are_refused_by_name() {
        for (kind, params, words) in [
            (
                ScorerKind::TfIdfPosition,
                serde_json::json!({"position_weight": 2}),
                "position_weight is 2, but must be in [0, 1]",
            ),
            (
                ScorerKind::TfIdfPosition,
                serde_json::json!({"position_weight": -0.1}),
                "position_weight is -0.1",
            ),
            (
                ScorerKind::TfIdfPosition,
                serde_json::json!({"prior": {"decay": 0}}),
                "prior.decay is 0, but must be a number above 0",
            ),
            (
                ScorerKind::TfIdfPosition,
                serde_json::json!({"lead_sentences": -3}),
                "lead_sentences",
            ),
            (ScorerKind::Luhn, serde_json::json!({"min_count": 0}), "min_count is 0"),
            (ScorerKind::SumBasic, serde_json::json!({"max_picks": 0}), "max_picks"),
            (ScorerKind::Centroid, serde_json::json!({"first_weight": -1}), "first_weight"),
            (ScorerKind::Centroid, serde_json::json!({"centroid_share": 1.5}), "centroid_share"),
            (ScorerKind::TextRank, serde_json::json!({"damping": 1.2}), "damping is 1.2"),
            (ScorerKind::TextRank, serde_json::json!({"tolerance": 0}), "tolerance"),
            (ScorerKind::LexRank, serde_json::json!({"threshold": 2}), "threshold is 2"),
            (ScorerKind::KlSum, serde_json::json!({"smoothing": 0}), "smoothing is 0"),
            (ScorerKind::PacSum, serde_json::json!({"beta": -0.5}), "beta is -0.5"),
        ] {
            let error = kind.build_with(&json(params.clone())).map(|_| ()).unwrap_err();
            assert!(error.to_string().contains(words), "{params}: {error}");
            assert_eq!(error.scorer, kind);
        }
        // At the ends of the ranges, accepted.
        for (kind, params) in [
            (ScorerKind::TfIdfPosition, serde_json::json!({"position_weight": 1})),
            (ScorerKind::TfIdfPosition, serde_json::json!({"position_weight": 0})),
            (ScorerKind::PacSum, serde_json::json!({"lambda1": -2, "beta": 1})),
        ] {
            assert!(kind.build_with(&json(params.clone())).is_ok(), "{params}");
        }
    }
}
