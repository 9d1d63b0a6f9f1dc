//! Sentence graphs: similarity matrices and their stationary distributions.

use abridge_text::Document;

/// Graph strategies build an n × n matrix, so they look at no more than
/// this many sentences. Later sentences are scored by a cheaper rule (see
/// [`cap_graph`]): a document of 50,000 sentences must not need 20 GB.
pub const MAX_GRAPH_SENTENCES: usize = 500;

/// A symmetric square matrix of similarities with a zero diagonal: only
/// the entries above the diagonal are kept, row by row, so that the
/// largest graph ([`MAX_GRAPH_SENTENCES`] sentences) takes 1 MB, not 2.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    n: usize,
    /// `(i, j)` for `i < j`, at [`Matrix::index`].
    upper: Vec<f64>,
}

impl Matrix {
    /// An `n × n` matrix with `similarity(i, j)` for `i != j` and 0 on the
    /// diagonal. `similarity` must be symmetric; it is called once per pair.
    pub fn symmetric(n: usize, mut similarity: impl FnMut(usize, usize) -> f64) -> Matrix {
        let mut upper = Vec::with_capacity(n * n.saturating_sub(1) / 2);
        for i in 0..n {
            for j in i + 1..n {
                upper.push(similarity(i, j));
            }
        }
        Matrix { n, upper }
    }

    /// Where `(i, j)`, `i < j`, is in `upper`: after the `n - 1 - k`
    /// entries of each row `k < i`.
    fn index(&self, i: usize, j: usize) -> usize {
        debug_assert!(i < j && j < self.n);
        i * (2 * self.n - i - 1) / 2 + (j - i - 1)
    }

    /// Side length.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the matrix has no rows.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Row `i`, from column 0 to column `n - 1`.
    pub fn row(&self, i: usize) -> impl Iterator<Item = f64> + '_ {
        // Left of the diagonal, column j of row i is (j, i), which is `n - 2 - j`
        // entries after (j - 1, i); right of it, row i is one run.
        let left = (0..i).map(move |j| self.upper[self.index(j, i)]);
        let right_start = if i + 1 < self.n { self.index(i, i + 1) } else { self.upper.len() };
        let right = &self.upper[right_start..right_start + (self.n - i - 1)];
        left.chain(std::iter::once(0.0)).chain(right.iter().copied())
    }

    /// Adds `Σ_j share[j] · (j, x)` to `into[x]` for every `x`, in one pass
    /// over the pairs. Each `into[x]` receives its terms in the order of
    /// `j`, as a pass over the full matrix row by row would add them, so the
    /// sums are the same to the last bit (the zero diagonal adds nothing).
    pub fn spread(&self, share: &[f64], into: &mut [f64]) {
        assert!(share.len() == self.n && into.len() == self.n, "one value per row");
        let mut rest = &self.upper[..];
        for i in 0..self.n {
            let (row, tail) = rest.split_at(self.n - i - 1);
            rest = tail;
            let share_i = share[i];
            let (head, after) = into.split_at_mut(i + 1);
            // (i, j) for j > i: row i gives to every later x, and every later
            // row gives to x = i, in the order of j.
            let mut sum_i = head[i];
            for ((value, &weight), &share_j) in after.iter_mut().zip(row).zip(&share[i + 1..]) {
                *value += share_i * weight;
                sum_i += share_j * weight;
            }
            head[i] = sum_i;
        }
    }

    /// Entry `(i, j)`.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        match i.cmp(&j) {
            std::cmp::Ordering::Less => self.upper[self.index(i, j)],
            std::cmp::Ordering::Equal => 0.0,
            std::cmp::Ordering::Greater => self.upper[self.index(j, i)],
        }
    }

    /// Every entry off the diagonal, once per pair.
    pub fn off_diagonal(&self) -> impl Iterator<Item = f64> + '_ {
        self.upper.iter().copied()
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
    // Each row's sum, in the order of its columns: spreading ones adds
    // (j, i) to entry i in the order of j.
    let mut out_weight = vec![0.0; n];
    matrix.spread(&vec![1.0; n], &mut out_weight);
    let mut rank = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    let mut share = vec![0.0; n];
    for _ in 0..max_iterations {
        let dangling: f64 = (0..n).filter(|&j| out_weight[j] <= 0.0).map(|j| rank[j]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        next.iter_mut().for_each(|value| *value = base);
        for j in 0..n {
            // A dangling sentence gives nothing: its edges are all zero.
            share[j] = if out_weight[j] > 0.0 { damping * rank[j] / out_weight[j] } else { 0.0 };
        }
        matrix.spread(&share, &mut next);
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
    fn matrix_keeps_each_pair_once_and_reads_like_a_full_one() {
        for n in [0, 1, 2, 5, 9] {
            let similarity = |i: usize, j: usize| (i.min(j) * 10 + i.max(j)) as f64;
            let mut calls = 0;
            let matrix = Matrix::symmetric(n, |i, j| {
                calls += 1;
                similarity(i, j)
            });
            assert_eq!(calls, n * n.saturating_sub(1) / 2);
            for i in 0..n {
                let full: Vec<f64> =
                    (0..n).map(|j| if i == j { 0.0 } else { similarity(i, j) }).collect();
                assert_eq!(matrix.row(i).collect::<Vec<_>>(), full, "row {i} of {n}");
                for (j, &value) in full.iter().enumerate() {
                    assert_eq!(matrix.get(i, j), value);
                }
            }
            assert_eq!(matrix.off_diagonal().count(), calls);
            // Spreading equals the sums of a full pass, term by term in order.
            let share: Vec<f64> = (0..n).map(|i| 0.1 + i as f64 / 3.0).collect();
            let mut spread = vec![0.25; n];
            matrix.spread(&share, &mut spread);
            let mut full = vec![0.25; n];
            for (j, &share_j) in share.iter().enumerate() {
                for (x, value) in full.iter_mut().enumerate() {
                    *value += share_j * matrix.get(j, x);
                }
            }
            assert_eq!(spread, full);
        }
    }

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
