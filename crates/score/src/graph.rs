//! Sentence graphs: similarity matrices and their stationary distributions.

use abridge_text::Document;

/// Graph strategies build an n × n matrix, so they look at no more than
/// this many sentences. Later sentences are scored by a cheaper rule (see
/// [`cap_graph`]): a document of 50,000 sentences must not need 20 GB.
pub const MAX_GRAPH_SENTENCES: usize = 500;

/// A dense square matrix of similarities, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    n: usize,
    values: Vec<f64>,
}

impl Matrix {
    /// An `n × n` matrix with `similarity(i, j)` for `i != j` and 0 on the
    /// diagonal. `similarity` must be symmetric; it is called once per pair.
    pub fn symmetric(n: usize, mut similarity: impl FnMut(usize, usize) -> f64) -> Matrix {
        let mut values = vec![0.0; n * n];
        for i in 0..n {
            for j in i + 1..n {
                let value = similarity(i, j);
                values[i * n + j] = value;
                values[j * n + i] = value;
            }
        }
        Matrix { n, values }
    }

    /// Side length.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the matrix has no rows.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.n..(i + 1) * self.n]
    }

    /// Entry `(i, j)`.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.n + j]
    }

    /// All entries off the diagonal.
    pub fn off_diagonal(&self) -> impl Iterator<Item = f64> + '_ {
        (0..self.n)
            .flat_map(move |i| (0..self.n).filter(move |&j| j != i).map(move |j| self.get(i, j)))
    }
}

/// Weighted PageRank by power iteration:
///
/// ```text
/// rank(i) = (1 - d) / n + d · Σ_j rank(j) · w(j, i) / Σ_k w(j, k)
/// ```
///
/// A sentence with no edges spreads its rank evenly (a dangling node), so
/// the ranks always sum to 1. Iterates until the L1 change is below
/// `tolerance` or `max_iterations` is reached.
pub fn pagerank(matrix: &Matrix, damping: f64, tolerance: f64, max_iterations: usize) -> Vec<f64> {
    let n = matrix.len();
    if n == 0 {
        return Vec::new();
    }
    let out_weight: Vec<f64> = (0..n).map(|i| matrix.row(i).iter().sum()).collect();
    let mut rank = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iterations {
        let dangling: f64 = (0..n).filter(|&j| out_weight[j] <= 0.0).map(|j| rank[j]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        next.iter_mut().for_each(|value| *value = base);
        for j in 0..n {
            if out_weight[j] > 0.0 {
                let share = damping * rank[j] / out_weight[j];
                for (value, &weight) in next.iter_mut().zip(matrix.row(j)) {
                    *value += share * weight;
                }
            }
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < tolerance {
            break;
        }
    }
    rank
}

/// Runs `graph_scores` on the first [`MAX_GRAPH_SENTENCES`] sentences and
/// scores the rest by `fallback`, scaled below the lowest graph score, so
/// that the graph's choice always wins and later sentences keep their
/// fallback order.
pub fn cap_graph(
    document: &Document<'_>,
    scores: &mut [f64],
    graph_scores: impl FnOnce(usize, &mut [f64]),
    mut fallback: impl FnMut(usize) -> f64,
) {
    let n = document.sentences().len().min(MAX_GRAPH_SENTENCES);
    graph_scores(n, &mut scores[..n]);
    if scores.len() > n {
        let floor = scores[..n].iter().copied().fold(f64::INFINITY, f64::min).max(0.0);
        for (sentence_idx, score) in scores.iter_mut().enumerate().skip(n) {
            // `fallback` is in [0, 1]; keep every capped sentence below the floor.
            *score = floor * 0.5 * fallback(sentence_idx).clamp(0.0, 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagerank_sums_to_one_and_favours_hubs() {
        // Sentence 0 is linked to everyone; 1, 2 and 3 only to 0.
        let matrix = Matrix::symmetric(4, |i, j| if i == 0 || j == 0 { 1.0 } else { 0.0 });
        let rank = pagerank(&matrix, 0.85, 1e-10, 200);
        assert!((rank.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(rank[0] > rank[1] && (rank[1] - rank[2]).abs() < 1e-12);
    }

    #[test]
    fn pagerank_without_edges_is_uniform() {
        let rank = pagerank(&Matrix::symmetric(3, |_, _| 0.0), 0.85, 1e-10, 100);
        for value in rank {
            assert!((value - 1.0 / 3.0).abs() < 1e-12);
        }
        assert!(pagerank(&Matrix::symmetric(0, |_, _| 1.0), 0.85, 1e-9, 10).is_empty());
    }
}
