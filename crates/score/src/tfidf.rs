//! `tfidf-position`: tf-idf centrality combined with a position prior.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::centroid_cosines;
use crate::{Explanation, PositionPrior, Score, Scorer, TermStats};

/// Scores a sentence by how well its tf-idf vector matches the whole
/// document's, mixed with a [`PositionPrior`]:
///
/// ```text
/// content  = cosine(tfidf(sentence), tfidf(document)) / max over sentences
/// score    = (1 - position_weight) * content + position_weight * prior
/// ```
///
/// Term frequencies count content words (not stop words) after stemming;
/// IDF comes from the [`TermStats`] given, by default sentence-level
/// frequencies of the document itself. The cosine does not grow with
/// sentence length, so long sentences win only if they stay on topic.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TfIdfPosition {
    /// Share of the score that comes from position, in `[0, 1]`.
    pub position_weight: f64,
    /// The position prior.
    pub prior: PositionPrior,
}

impl Default for TfIdfPosition {
    fn default() -> Self {
        TfIdfPosition { position_weight: 0.4, prior: PositionPrior::default() }
    }
}

struct Parts {
    content: Vec<f64>,
    max_content: f64,
    prior: Vec<f64>,
}

impl TfIdfPosition {
    fn parts(&self, document: &Document<'_>, stats: &dyn TermStats) -> Parts {
        let content = centroid_cosines(document, stats);
        let max_content = content.iter().copied().fold(0.0, f64::max);
        Parts { content, max_content, prior: self.prior.weights(document) }
    }

    fn combine(&self, content: f64, max_content: f64, prior: f64) -> f64 {
        let content = if max_content > 0.0 { content / max_content } else { 0.0 };
        (1.0 - self.position_weight) * content + self.position_weight * prior
    }
}

impl Scorer for TfIdfPosition {
    fn name(&self) -> &'static str {
        "tfidf-position"
    }

    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        let parts = self.parts(document, stats);
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            *score = self.combine(
                parts.content[sentence_idx],
                parts.max_content,
                parts.prior[sentence_idx],
            );
        }
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let parts = self.parts(document, stats);
        let content = parts.content[sentence_idx];
        let normalized = if parts.max_content > 0.0 { content / parts.max_content } else { 0.0 };
        Explanation::new(
            format!(
                "tfidf-position: {:.2} × content + {:.2} × position",
                1.0 - self.position_weight,
                self.position_weight
            ),
            self.combine(content, parts.max_content, parts.prior[sentence_idx]),
        )
        .with(
            Explanation::new(
                "content: tf-idf cosine to the document, over the best sentence's",
                normalized,
            )
            .with(Explanation::new("tf-idf cosine to the document", content))
            .with(Explanation::new("best cosine in the document", parts.max_content)),
        )
        .with(self.prior.explain(document, sentence_idx))
    }
}
