//! `lead`: the first-k baseline.

use abridge_text::Document;

use crate::{Eligibility, Explanation, Score, Scorer, TermStats};

/// Scores sentence `i` as `1 / (1 + i)`, so that a budget of k sentences
/// takes the first k units of the segmentation, as they are.
///
/// Lead-3 is the baseline every news summariser is measured against; it
/// chooses from every unit ([`Eligibility::Any`]) so that it stays the
/// baseline the literature reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lead;

impl Scorer for Lead {
    fn name(&self) -> &'static str {
        "lead"
    }

    fn score(&self, _document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [Score]) {
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            *score = 1.0 / (1.0 + sentence_idx as f64);
        }
    }

    fn explain(
        &self,
        _document: &Document<'_>,
        _stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        Explanation::new("lead: 1 / (1 + sentence index)", 1.0 / (1.0 + sentence_idx as f64))
            .with(Explanation::new("sentence index", sentence_idx as f64))
    }

    fn eligibility(&self) -> Eligibility {
        Eligibility::Any
    }
}
