//! `centroid`: MEAD's centroid, position and first-sentence features.
//!
//! Radev, Jing, Styś and Tam, "Centroid-based summarization of multiple
//! documents", Information Processing and Management 40, 2004.

use abridge_text::{Document, SentenceKind, TermId};
use serde::{Deserialize, Serialize};

use crate::features::{content_totals, push_content_terms};
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

/// What the features of a sentence are computed from: values per term, so
/// that scoring needs no memory per sentence.
struct Model {
    /// The centroid value of each term (0 below the cut-off).
    centroid_value: Vec<f64>,
    /// The counts of the first sentence of prose, dense by term.
    first_counts: Vec<f64>,
    /// Sentences of prose, at least 1.
    n_prose: usize,
    /// The sorted content terms of the sentence at hand.
    scratch: Vec<TermId>,
}

impl Model {
    fn new(centroid: &Centroid, document: &Document<'_>, stats: &dyn TermStats) -> Model {
        let n_terms = document.n_terms();
        let totals = content_totals(document);
        // The document's tf-idf vector, as `TfIdfVectors::document` holds it.
        let document_vector: Vec<(usize, f64)> = totals
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .map(|(term, &count)| (term, f64::from(count) * stats.idf(document, term as TermId)))
            .collect();
        let top = document_vector.iter().map(|&(_, v)| v).fold(0.0, f64::max);
        let mut centroid_value = vec![0.0; n_terms];
        for &(term, value) in &document_vector {
            if value >= centroid.centroid_share * top {
                centroid_value[term] = value;
            }
        }
        let n_prose =
            document.sentences().iter().filter(|s| s.kind() == SentenceKind::Prose).count().max(1);
        let mut model = Model {
            centroid_value,
            first_counts: vec![0.0; n_terms],
            n_prose,
            scratch: Vec::new(),
        };
        let first_idx =
            document.sentences().iter().position(|s| s.kind() == SentenceKind::Prose).unwrap_or(0);
        if first_idx < document.sentences().len() {
            // Raw term counts of the first sentence, dense, so each
            // sentence's overlap with it is one lookup per term.
            model.sort_terms(document, first_idx);
            for run in model.scratch.chunk_by(|a, b| a == b) {
                model.first_counts[run[0] as usize] = f64::from(run.len() as u32);
            }
        }
        model
    }

    /// Puts the sorted content terms of sentence `sentence_idx` in `scratch`.
    fn sort_terms(&mut self, document: &Document<'_>, sentence_idx: usize) {
        self.scratch.clear();
        push_content_terms(document, sentence_idx, &mut self.scratch);
    }

    /// C: the centroid value of the sentence's distinct words, summed in
    /// term order.
    fn centroid(&mut self, document: &Document<'_>, sentence_idx: usize) -> f64 {
        self.sort_terms(document, sentence_idx);
        self.scratch.chunk_by(|a, b| a == b).map(|run| self.centroid_value[run[0] as usize]).sum()
    }

    /// F: the overlap with the first sentence, summed in term order.
    fn first(&mut self, document: &Document<'_>, sentence_idx: usize) -> f64 {
        self.sort_terms(document, sentence_idx);
        self.scratch
            .chunk_by(|a, b| a == b)
            .map(|run| f64::from(run.len() as u32) * self.first_counts[run[0] as usize])
            .sum()
    }

    /// P: `(n − rank) / n · C_max` for the sentence of prose rank `rank`.
    fn position(&self, rank: usize, c_max: f64) -> f64 {
        (self.n_prose.saturating_sub(rank)) as f64 / self.n_prose as f64 * c_max
    }
}

impl Centroid {
    /// `w_c · C + w_p · P + w_f · F`, or 0 for a sentence under `min_words`.
    fn raw(&self, document: &Document<'_>, sentence_idx: usize, features: [f64; 3]) -> f64 {
        if document.sentence_words(sentence_idx) < self.min_words {
            return 0.0;
        }
        let [centroid, position, first] = features;
        self.centroid_weight * centroid
            + self.position_weight * position
            + self.first_weight * first
    }
}

impl Scorer for Centroid {
    fn name(&self) -> &'static str {
        "centroid"
    }

    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        let mut model = Model::new(self, document, stats);
        // C of every sentence goes into `scores` first: P needs the best.
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            *score = model.centroid(document, sentence_idx);
        }
        let c_max = scores.iter().copied().fold(0.0, f64::max);
        let mut rank = 0usize;
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            let sentence = &document.sentences()[sentence_idx];
            let position = model.position(rank, c_max);
            if sentence.kind() == SentenceKind::Prose {
                rank += 1;
            }
            *score = if document.sentence_words(sentence_idx) < self.min_words {
                0.0
            } else {
                let first = model.first(document, sentence_idx);
                self.raw(document, sentence_idx, [*score, position, first])
            };
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
        let mut model = Model::new(self, document, stats);
        let c_max = (0..document.sentences().len())
            .map(|i| model.centroid(document, i))
            .fold(0.0, f64::max);
        let rank = document.sentences()[..sentence_idx]
            .iter()
            .filter(|s| s.kind() == SentenceKind::Prose)
            .count();
        let centroid = model.centroid(document, sentence_idx);
        let position = model.position(rank, c_max);
        let first = model.first(document, sentence_idx);
        let score = self.scores(document, stats)[sentence_idx];
        Explanation::new(
            format!(
                "centroid: ({} × C + {} × P + {} × F) / best, 0 under {} words",
                self.centroid_weight, self.position_weight, self.first_weight, self.min_words
            ),
            score,
        )
        .with(Explanation::new("C: centroid value of its words", centroid))
        .with(Explanation::new("P: position, (n − rank) / n × C_max", position))
        .with(Explanation::new("F: overlap with the first sentence", first))
    }
}
