//! `lexrank`: eigenvector centrality over a tf-idf cosine graph.
//!
//! Erkan and Radev, "LexRank: Graph-based Lexical Centrality as Salience in
//! Text Summarization", JAIR 22, 2004.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::{TermCounts, TfIdfVectors};
use crate::graph::rank_sentences;
use crate::{Explanation, Score, Scorer, TermStats};

/// Sentences are vertices joined by their idf-modified cosine (the paper's
/// equation 1, which is the cosine of tf × idf vectors).
///
/// - **Continuous LexRank** (the default, `threshold: None`): edges keep
///   their cosine as weight.
/// - **Threshold LexRank** (`threshold: Some(t)`): an edge exists, with
///   weight 1, where the cosine exceeds `t` (0.1 in the paper's best runs).
///
/// Scores are the stationary distribution of the random walk with damping
/// (the paper's equation 5, with jump probability `1 - damping`), found by
/// power iteration.
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{Scorer, SentenceFrequencies};
/// use abridge_score::LexRank;
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
/// let mut scores = vec![0.0; document.sentences().len()];
/// LexRank::default().score(&document, &SentenceFrequencies::new(&document), &mut scores);
/// assert!(scores.iter().all(|score| score.is_finite()));
/// assert_eq!(LexRank::default().name(), "lexrank");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexRank {
    /// `None` for continuous LexRank; `Some(t)` for the threshold variant.
    pub threshold: Option<f64>,
    /// Probability of following an edge (the paper's `1 - d`, `d = 0.15`).
    pub damping: f64,
    /// Stop iterating when the ranks change by less than this (L1).
    pub tolerance: f64,
}

impl Default for LexRank {
    fn default() -> Self {
        LexRank { threshold: None, damping: 0.85, tolerance: 1e-6 }
    }
}

const MAX_ITERATIONS: usize = 100;

impl LexRank {
    fn weight(&self, cosine: f64) -> f64 {
        match self.threshold {
            None => cosine,
            Some(threshold) => f64::from(u8::from(cosine > threshold)),
        }
    }

    fn ranks(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        let n = document.sentences().len();
        let counts = TermCounts::new(document);
        let vectors = TfIdfVectors::new(document, stats, &counts);
        drop(counts);
        let similarity = |i, j| self.weight(vectors.sentence(i).cosine(vectors.sentence(j)));
        let terms = |i: usize| vectors.sentence(i).entries().iter().map(|&(term, _)| term);
        let rank =
            rank_sentences(n, terms, similarity, self.damping, self.tolerance, MAX_ITERATIONS);
        scores.copy_from_slice(&rank);
    }
}

impl Scorer for LexRank {
    fn name(&self) -> &'static str {
        "lexrank"
    }

    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        self.ranks(document, stats, scores);
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let mut scores = vec![0.0; document.sentences().len()];
        self.ranks(document, stats, &mut scores);
        let vectors = TfIdfVectors::new(document, stats, &TermCounts::new(document));
        let this = vectors.sentence(sentence_idx);
        let weights: Vec<f64> = (0..vectors.len())
            .filter(|&j| j != sentence_idx)
            .map(|j| self.weight(this.cosine(vectors.sentence(j))))
            .collect();
        let variant = match self.threshold {
            None => "continuous".to_owned(),
            Some(threshold) => format!("threshold {threshold}"),
        };
        Explanation::new(
            format!("lexrank ({variant}): stationary probability of the random walk"),
            scores[sentence_idx],
        )
        .with(Explanation::new("sum of edge weights", weights.iter().sum()))
        .with(Explanation::new("edges", weights.iter().filter(|&&w| w > 0.0).count() as f64))
    }
}
