//! `centroid`: MEAD's centroid, position and first-sentence features.
//!
//! Radev, Jing, Styś and Tam, "Centroid-based summarization of multiple
//! documents", Information Processing and Management 40, 2004.

use abridge_text::{Document, SentenceKind};
use serde::{Deserialize, Serialize};

use crate::features::{TermCounts, TfIdfVectors};
use crate::{Explanation, Score, Scorer, TermStats};

/// MEAD scores a sentence with three features (section 4 of the paper):
///
/// ```text
/// C  = Σ over the sentence's distinct words of their centroid value
/// P  = (n − rank) / n · C_max              (rank among sentences of prose)
/// F  = tf(sentence) · tf(first sentence)    (overlap with the first sentence)
/// score = w_c · C + w_p · P + w_f · F        (0 for sentences under min_words)
/// ```
///
/// The centroid holds each word's tf × idf over the document, keeping the
/// words at or above `centroid_share` of the highest value (the paper's
/// topic-signature cut-off). Scores are divided by the best score, so they
/// lie in `[0, 1]`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Centroid {
    /// Weight of the centroid feature.
    pub centroid_weight: f64,
    /// Weight of the position feature.
    pub position_weight: f64,
    /// Weight of the first-sentence overlap feature.
    pub first_weight: f64,
    /// Words below this share of the top centroid value are left out.
    pub centroid_share: f64,
    /// Sentences with fewer words score 0 (MEAD's length cut-off).
    pub min_words: usize,
}

impl Default for Centroid {
    fn default() -> Self {
        Centroid {
            centroid_weight: 1.0,
            position_weight: 1.0,
            first_weight: 1.0,
            centroid_share: 0.1,
            min_words: 6,
        }
    }
}

struct Features {
    centroid: Vec<f64>,
    position: Vec<f64>,
    first: Vec<f64>,
}

impl Centroid {
    fn features(&self, document: &Document<'_>, stats: &dyn TermStats) -> Features {
        let counts = TermCounts::new(document);
        let vectors = TfIdfVectors::new(document, stats, &counts);
        let top = vectors.document.entries().iter().map(|&(_, v)| v).fold(0.0, f64::max);
        let mut centroid_value = vec![0.0; document.n_terms()];
        for &(term, value) in vectors.document.entries() {
            if value >= self.centroid_share * top {
                centroid_value[term as usize] = value;
            }
        }
        let centroid: Vec<f64> = counts
            .sentences
            .rows()
            .map(|terms| terms.iter().map(|&(term, _)| centroid_value[term as usize]).sum())
            .collect();
        let c_max = centroid.iter().copied().fold(0.0, f64::max);
        let n_prose =
            document.sentences().iter().filter(|s| s.kind == SentenceKind::Prose).count().max(1);
        let mut rank = 0usize;
        let position = document
            .sentences()
            .iter()
            .map(|sentence| {
                let value = (n_prose.saturating_sub(rank)) as f64 / n_prose as f64 * c_max;
                if sentence.kind == SentenceKind::Prose {
                    rank += 1;
                }
                value
            })
            .collect();
        let first_idx =
            document.sentences().iter().position(|s| s.kind == SentenceKind::Prose).unwrap_or(0);
        // Raw term counts of the first sentence, dense, so each sentence's
        // overlap with it is one lookup per term.
        let mut first_counts = vec![0.0f64; document.n_terms()];
        if first_idx < counts.sentences.len() {
            for &(term, count) in counts.sentences.row(first_idx) {
                first_counts[term as usize] = f64::from(count);
            }
        }
        let first = counts
            .sentences
            .rows()
            .map(|terms| {
                terms
                    .iter()
                    .map(|&(term, count)| f64::from(count) * first_counts[term as usize])
                    .sum()
            })
            .collect();
        Features { centroid, position, first }
    }

    fn raw(&self, document: &Document<'_>, features: &Features, sentence_idx: usize) -> f64 {
        if document.sentences()[sentence_idx].n_words() < self.min_words {
            return 0.0;
        }
        self.centroid_weight * features.centroid[sentence_idx]
            + self.position_weight * features.position[sentence_idx]
            + self.first_weight * features.first[sentence_idx]
    }
}

impl Scorer for Centroid {
    fn name(&self) -> &'static str {
        "centroid"
    }

    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        let features = self.features(document, stats);
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            *score = self.raw(document, &features, sentence_idx);
        }
        let best = scores.iter().copied().fold(0.0, f64::max);
        if best > 0.0 {
            scores.iter_mut().for_each(|score| *score /= best);
        }
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let features = self.features(document, stats);
        let score = self.scores(document, stats)[sentence_idx];
        Explanation::new(
            format!(
                "centroid: ({} × C + {} × P + {} × F) / best, 0 under {} words",
                self.centroid_weight, self.position_weight, self.first_weight, self.min_words
            ),
            score,
        )
        .with(Explanation::new("C: centroid value of its words", features.centroid[sentence_idx]))
        .with(Explanation::new(
            "P: position, (n − rank) / n × C_max",
            features.position[sentence_idx],
        ))
        .with(Explanation::new("F: overlap with the first sentence", features.first[sentence_idx]))
    }
}
