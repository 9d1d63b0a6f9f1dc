//! `tfidf-position`: tf-idf centrality combined with a position prior.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::{TermCounts, TfIdfVectors};
use crate::{Explanation, PositionPrior, Score, Scorer, TermStats};

/// Scores a sentence by how well its tf-idf vector matches the whole
/// document's, mixed with a [`PositionPrior`]:
///
/// ```text
/// content  = cosine(tfidf(sentence), tfidf(document)) / max over sentences
/// score    = (1 - position_weight) * content + position_weight * prior
/// ```
///
/// The prior stretches over long summaries (see [`PositionPrior`]); plain
/// [`Scorer::score`] assumes a summary of [`DEFAULT_TARGET_SENTENCES`].
///
/// Term frequencies count content words (not stop words) after stemming;
/// IDF comes from the [`TermStats`] given, by default sentence-level
/// frequencies of the document itself. The cosine does not grow with
/// sentence length, so long sentences win only if they stay on topic.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TfIdfPosition {
    /// Share of the score that comes from position, in `[0, 1]`.
    pub position_weight: f64,
    /// The position prior.
    pub prior: PositionPrior,
}

impl Default for TfIdfPosition {
    fn default() -> Self {
        TfIdfPosition { position_weight: 0.65, prior: PositionPrior::default() }
    }
}

/// The summary length [`Scorer::score`] assumes: the CLI's default budget.
pub const DEFAULT_TARGET_SENTENCES: usize = 3;

struct Parts {
    content: Vec<f64>,
    max_content: f64,
    prior: Vec<f64>,
}

impl TfIdfPosition {
    fn parts(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
    ) -> Parts {
        let counts = TermCounts::new(document);
        let vectors = TfIdfVectors::new(document, stats, &counts);
        let content: Vec<f64> =
            vectors.sentences.iter().map(|s| s.cosine(&vectors.document)).collect();
        let max_content = content.iter().copied().fold(0.0, f64::max);
        Parts {
            content,
            max_content,
            prior: self.prior.for_target(target_sentences).weights(document),
        }
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
        let parts = self.parts(document, stats, target_sentences);
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            *score = self.combine(
                parts.content[sentence_idx],
                parts.max_content,
                parts.prior[sentence_idx],
            );
        }
    }

    fn explain_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
        sentence_idx: usize,
    ) -> Explanation {
        let parts = self.parts(document, stats, target_sentences);
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
        .with(self.prior.for_target(target_sentences).explain(document, sentence_idx))
    }
}
