//! `lead`: the first-k baseline.

use abridge_text::Document;

use crate::{Eligibility, Explanation, Score, Scorer, TermStats};

/// Scores sentence `i` as `1 / (1 + i)`, so that a budget of k sentences
/// takes the first k sentences of prose, as they are.
///
/// Lead-3 is the baseline every news summariser is measured against; it
/// chooses from every sentence of prose, short or long ([`Eligibility::Prose`]),
/// so that it stays the baseline the literature reports, while the page
/// furniture, headline and captions above a scraped article are passed
/// over as by every other strategy.
///
/// ```
/// use abridge_score::{Budget, Lead, Order, Scorer, Selector, SentenceFrequencies};
/// use abridge_text::{Document, Language};
///
/// let text = "Advertisement\n\nHarbour closed\n\nThe harbour closed on Tuesday. Divers found a breach.";
/// let document = Document::new(text, Language::English);
/// let scores = Lead.scores(&document, &SentenceFrequencies::new(&document));
/// let selector = Selector { budget: Budget::Sentences(1), order: Order::Document, redundancy: None };
/// let chosen = selector.select(&document, &scores, Lead.eligibility());
/// assert_eq!(document.sentence_text(chosen[0]), "The harbour closed on Tuesday.");
/// ```
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
        Eligibility::Prose
    }
}
