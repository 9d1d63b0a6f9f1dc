//! `tfidf-position`: tf-idf centrality combined with a position prior.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::CentroidCosines;
use crate::{Explanation, PositionPrior, Score, Scorer, TermStats};

/// Scores a sentence by how well its tf-idf vector matches the whole
/// document's, mixed with a [`PositionPrior`]:
///
/// ```text
/// content  = cosine(tfidf(sentence), tfidf(document)) / max over sentences
/// weight   = position_weight * min(1, lead_sentences / k)
/// score    = (1 - weight) * content + weight * prior
/// ```
///
/// for a summary of about k sentences. Short summaries of news want the
/// lead, so up to `lead_sentences` sentences position has its full weight;
/// a longer summary (40% of an article, say) wants the best sentences from
/// all over it, so the weight of position shrinks as k grows, and the prior
/// itself stretches (see [`PositionPrior`]). Plain [`Scorer::score`]
/// assumes a summary of [`DEFAULT_TARGET_SENTENCES`]. A conversation
/// ([`Document::is_conversation`]: a meeting's transcript) has no lead,
/// and position no weight in it.
///
/// Term frequencies count content words (not stop words) after stemming;
/// IDF comes from the [`TermStats`] given, by default sentence-level
/// frequencies of the document itself. The cosine does not grow with
/// sentence length, so long sentences win only if they stay on topic.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TfIdfPosition {
    /// Share of the score that comes from position, in `[0, 1]`, for
    /// summaries of up to `lead_sentences` sentences.
    pub position_weight: f64,
    /// Summaries up to this long give position its full weight.
    pub lead_sentences: f64,
    /// The position prior.
    pub prior: PositionPrior,
}

impl Default for TfIdfPosition {
    fn default() -> Self {
        TfIdfPosition {
            position_weight: 0.65,
            lead_sentences: 3.0,
            prior: PositionPrior::default(),
        }
    }
}

/// The summary length [`Scorer::score`] assumes: the CLI's default budget.
pub const DEFAULT_TARGET_SENTENCES: usize = 3;

impl TfIdfPosition {
    /// Writes every sentence's tf-idf cosine to the document into
    /// `contents` and returns the best.
    fn contents(document: &Document<'_>, stats: &dyn TermStats, contents: &mut [f64]) -> f64 {
        CentroidCosines::new(document, stats).all_into(document, contents);
        contents.iter().copied().fold(0.0, f64::max)
    }

    /// The weight of position for a summary of `target_sentences` sentences.
    pub fn position_weight_for(&self, target_sentences: usize) -> f64 {
        let k = target_sentences.max(1) as f64;
        self.position_weight * (self.lead_sentences / k).min(1.0)
    }

    /// [`TfIdfPosition::position_weight_for`] in `document`: none in a
    /// conversation ([`Document::is_conversation`]), which has no lead.
    fn position_weight_in(&self, document: &Document<'_>, target_sentences: usize) -> f64 {
        if document.is_conversation() { 0.0 } else { self.position_weight_for(target_sentences) }
    }

    fn combine(content: f64, max_content: f64, position_weight: f64, prior: f64) -> f64 {
        let content = if max_content > 0.0 { content / max_content } else { 0.0 };
        (1.0 - position_weight) * content + position_weight * prior
    }
}

impl Scorer for TfIdfPosition {
    fn name(&self) -> &'static str {
        "tfidf-position"
    }

    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        self.score_for_target(document, stats, DEFAULT_TARGET_SENTENCES, scores);
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        self.explain_for_target(document, stats, DEFAULT_TARGET_SENTENCES, sentence_idx)
    }

    fn score_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
        scores: &mut [Score],
    ) {
        // The contents go into `scores`, then each is mixed with its prior
        // in place: no buffer per sentence besides the caller's.
        let max_content = TfIdfPosition::contents(document, stats, scores);
        let position_weight = self.position_weight_in(document, target_sentences);
        let priors = self.prior.for_target(target_sentences).weights(document);
        for (score, prior) in scores.iter_mut().zip(priors) {
            *score = TfIdfPosition::combine(*score, max_content, position_weight, prior);
        }
    }

    fn explain_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
        sentence_idx: usize,
    ) -> Explanation {
        let mut contents = vec![0.0; document.sentences().len()];
        let max_content = TfIdfPosition::contents(document, stats, &mut contents);
        let content = contents[sentence_idx];
        let position_weight = self.position_weight_in(document, target_sentences);
        let prior = self.prior.for_target(target_sentences);
        let prior_weight = prior.weights(document).nth(sentence_idx).unwrap_or(0.0);
        let normalized = if max_content > 0.0 { content / max_content } else { 0.0 };
        Explanation::new(
            format!(
                "tfidf-position: {:.2} × content + {:.2} × position (for a summary of {} sentence{})",
                1.0 - position_weight,
                position_weight,
                target_sentences,
                if target_sentences == 1 { "" } else { "s" }
            ),
            TfIdfPosition::combine(content, max_content, position_weight, prior_weight),
        )
        .with(
            Explanation::new(
                "content: tf-idf cosine to the document, over the best sentence's",
                normalized,
            )
            .with(Explanation::new("tf-idf cosine to the document", content))
            .with(Explanation::new("best cosine in the document", max_content)),
        )
        .with(prior.explain(document, sentence_idx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SentenceFrequencies;
    use abridge_text::Language;

    #[test]
    fn position_weighs_less_in_long_summaries() {
        let scorer = TfIdfPosition::default();
        assert_eq!(scorer.position_weight_for(1), scorer.position_weight);
        assert_eq!(scorer.position_weight_for(3), scorer.position_weight);
        assert!((scorer.position_weight_for(6) - scorer.position_weight / 2.0).abs() < 1e-12);
    }

    #[test]
    fn on_topic_sentences_beat_early_digressions_in_long_summaries() {
        let text = "The weather was mild on the first day of the fair. \
                    Visitors queued for coffee near the gate. \
                    The harbour council voted to rebuild the harbour wall after the storm. \
                    Rebuilding the harbour wall will cost the council two million. \
                    The harbour wall fell in the storm last winter.";
        let document = Document::new(text, Language::English);
        let stats = SentenceFrequencies::new(&document);
        let scorer = TfIdfPosition::default();
        let mut short = vec![0.0; 5];
        scorer.score_for_target(&document, &stats, 1, &mut short);
        let mut long = vec![0.0; 5];
        scorer.score_for_target(&document, &stats, 5, &mut long);
        // A one-sentence summary keeps the lead; a long one lets content decide.
        assert!(short[0] > short[4], "{short:?}");
        assert!(long[4] > long[1], "{long:?}");
    }
}
