//! `pacsum`: directed, position-aware centrality over tf-idf similarities.
//!
//! Zheng and Lapata, "Sentence Centrality Revisited for Unsupervised
//! Summarization", ACL 2019.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::{TermCounts, TfIdfVectors};
use crate::graph::{DENSE_GRAPH_SENTENCES, Matrix, SparseGraph};
use crate::{Explanation, Score, Scorer, TermStats};

/// Centrality on a *directed* graph: an edge from a sentence to the ones
/// after it counts differently from an edge to the ones before it
/// (the paper's equation 4):
///
/// ```text
/// centrality(i) = λ1 · Σ_{j < i} ẽ(i, j) + λ2 · Σ_{j > i} ẽ(i, j)
/// ẽ(i, j)        = max(0, e(i, j) − (min e + β · (max e − min e)))
/// ```
///
/// `e` is the tf-idf cosine of two sentences; `β` sets how much of the
/// range of similarities is cut away as noise. With `λ1 < 0`, a sentence
/// that repeats earlier ones loses centrality, and one that later sentences
/// build on gains it: in news, the important content comes first.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PacSum {
    /// Weight of edges to preceding sentences.
    pub lambda1: f64,
    /// Weight of edges to following sentences.
    pub lambda2: f64,
    /// Share of the similarity range cut away, in `[0, 1]`.
    pub beta: f64,
    /// How `e(i, j)` is measured.
    pub similarity: EdgeSimilarity,
}

/// The edge weight of PacSum's sentence graph.
///
/// ```
/// use abridge_score::{EdgeSimilarity, PacSum};
///
/// assert_eq!(serde_json::to_string(&EdgeSimilarity::Dot).unwrap(), r#""dot""#);
/// let _dot = PacSum { similarity: EdgeSimilarity::Dot, ..PacSum::default() };
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeSimilarity {
    /// Cosine of the tf-idf vectors: length-neutral.
    Cosine,
    /// The idf-modified dot product `Σ_w tf_i(w) · tf_j(w) · idf(w)²`: the
    /// cosine's numerator, which grows with the words two sentences share,
    /// so long, informative sentences gather more weight.
    Dot,
}

impl Default for PacSum {
    fn default() -> Self {
        PacSum { lambda1: -2.0, lambda2: 1.0, beta: 0.0, similarity: EdgeSimilarity::Cosine }
    }
}

struct Parts {
    before: Vec<f64>,
    after: Vec<f64>,
    threshold: f64,
}

impl PacSum {
    /// The graph parts: every pair up to [`DENSE_GRAPH_SENTENCES`]
    /// sentences, each sentence's nearest neighbours past it.
    fn parts(&self, document: &Document<'_>, stats: &dyn TermStats) -> Parts {
        let n = document.sentences().len();
        let counts = TermCounts::new(document);
        let vectors = TfIdfVectors::new(document, stats, &counts);
        drop(counts);
        let similarity = |i: usize, j: usize| {
            let (a, b) = (vectors.sentence(i), vectors.sentence(j));
            match self.similarity {
                EdgeSimilarity::Cosine => a.cosine(b),
                EdgeSimilarity::Dot => a.dot(b),
            }
        };
        let mut before = vec![0.0; n];
        let mut after = vec![0.0; n];
        if n <= DENSE_GRAPH_SENTENCES {
            let matrix = Matrix::symmetric(n, similarity);
            let (low, high) = matrix
                .off_diagonal()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), e| (lo.min(e), hi.max(e)));
            let threshold = if low.is_finite() { low + self.beta * (high - low) } else { 0.0 };
            for i in 0..n {
                for j in 0..n {
                    let edge = (matrix.get(i, j) - threshold).max(0.0);
                    if i != j && edge > 0.0 {
                        if j < i {
                            before[i] += edge;
                        } else {
                            after[i] += edge;
                        }
                    }
                }
            }
            return Parts { before, after, threshold };
        }
        let terms = |i: usize| vectors.sentence(i).entries().iter().map(|&(term, _)| term);
        let graph = SparseGraph::build(n, terms, similarity);
        // The pairs left out of the graph are the least similar: the lowest
        // similarity is theirs, 0 or close to it, unless every pair is in.
        let complete = graph.n_edges() == n * (n - 1) / 2;
        let (low, high) = graph
            .weights()
            .fold((if complete { f64::INFINITY } else { 0.0 }, 0.0_f64), |(lo, hi), e| {
                (lo.min(e), hi.max(e))
            });
        let threshold = if low.is_finite() { low + self.beta * (high - low) } else { 0.0 };
        for i in 0..n {
            for &(j, weight) in graph.neighbours(i) {
                let edge = (weight - threshold).max(0.0);
                if (j as usize) < i {
                    before[i] += edge;
                } else {
                    after[i] += edge;
                }
            }
        }
        Parts { before, after, threshold }
    }
}

impl Scorer for PacSum {
    fn name(&self) -> &'static str {
        "pacsum"
    }

    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        let parts = self.parts(document, stats);
        let n = parts.before.len();
        // Centrality can be negative; shift it to be positive.
        let centrality: Vec<f64> = (0..n)
            .map(|i| self.lambda1 * parts.before[i] + self.lambda2 * parts.after[i])
            .collect();
        let low = centrality.iter().copied().fold(f64::INFINITY, f64::min);
        let shift = if low.is_finite() && low < 0.0 { -low } else { 0.0 };
        for (score, value) in scores.iter_mut().zip(&centrality) {
            // A small epsilon keeps the lowest score above zero.
            *score = value + shift + 1e-9;
        }
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let mut scores = vec![0.0; document.sentences().len()];
        self.score(document, stats, &mut scores);
        let parts = self.parts(document, stats);
        let explanation = Explanation::new(
            format!(
                "pacsum: λ1 = {} × edges to earlier + λ2 = {} × edges to later (shifted ≥ 0)",
                self.lambda1, self.lambda2
            ),
            scores[sentence_idx],
        );
        explanation
            .with(Explanation::new(
                "sum of thresholded edges to earlier sentences",
                parts.before[sentence_idx],
            ))
            .with(Explanation::new(
                "sum of thresholded edges to later sentences",
                parts.after[sentence_idx],
            ))
            .with(Explanation::new(format!("edge threshold (β = {})", self.beta), parts.threshold))
    }
}
