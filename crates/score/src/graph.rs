//! Sentence graphs: similarity matrices and their stationary distributions.
//!
//! Documents of up to [`DENSE_GRAPH_SENTENCES`] sentences (every news
//! article, report and paper) get the full graph, a [`Matrix`] of every
//! pair. Longer ones (books, transcripts of days) get a [`SparseGraph`]:
//! each sentence linked to its [`SparseGraph::NEIGHBOURS`] most similar
//! sentences anywhere in the document, found through an inverted index over
//! terms, so that time and memory grow linearly with the document.

use abridge_text::TermId;

/// Up to this many sentences a graph strategy builds the full n × n
/// matrix (1 MB at this size, the matrix keeping each pair once); past it,
/// a [`SparseGraph`] over the whole document.
pub const DENSE_GRAPH_SENTENCES: usize = 500;

/// A weighted undirected graph over sentences, as PageRank walks it.
pub trait Graph {
    /// Number of nodes.
    fn len(&self) -> usize;

    /// Whether the graph has no nodes.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `Σ_j share[j] · w(j, x)` to `into[x]` for every node `x`.
    fn spread(&self, share: &[f64], into: &mut [f64]);
}

/// A symmetric square matrix of similarities with a zero diagonal: only
/// the entries above the diagonal are kept, row by row, so that the
/// largest dense graph ([`DENSE_GRAPH_SENTENCES`] sentences) takes 1 MB, not 2.
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

impl Graph for Matrix {
    fn len(&self) -> usize {
        self.n
    }

    fn spread(&self, share: &[f64], into: &mut [f64]) {
        Matrix::spread(self, share, into);
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
pub fn pagerank(
    matrix: &impl Graph,
    damping: f64,
    tolerance: f64,
    max_iterations: usize,
) -> Vec<f64> {
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

/// PageRank of the sentences of a graph strategy: over the full matrix up
/// to [`DENSE_GRAPH_SENTENCES`] sentences, over a [`SparseGraph`] past it.
/// `terms(i)` gives sentence `i`'s content terms (sorted, distinct) and
/// `similarity` is symmetric.
pub fn rank_sentences<T: IntoIterator<Item = TermId>>(
    n: usize,
    terms: impl Fn(usize) -> T,
    similarity: impl Fn(usize, usize) -> f64,
    damping: f64,
    tolerance: f64,
    max_iterations: usize,
) -> Vec<f64> {
    if n <= DENSE_GRAPH_SENTENCES {
        pagerank(&Matrix::symmetric(n, similarity), damping, tolerance, max_iterations)
    } else {
        pagerank(&SparseGraph::build(n, terms, similarity), damping, tolerance, max_iterations)
    }
}

/// A sparse symmetric similarity graph: each sentence keeps its
/// [`SparseGraph::NEIGHBOURS`] most similar sentences (and is kept by theirs),
/// in compressed rows sorted by neighbour.
///
/// Candidates come from an inverted index over the sentences' terms. A
/// term in at most [`SparseGraph::WINDOW`] sentences links all of them, so
/// names and rare words join sentences however far apart; a commoner term
/// links each sentence only to the `WINDOW` nearest sentences that have it,
/// so a word in every other line costs no more than a rare one. The
/// candidates sharing most terms, weighted by rarity (`1 + ln(n / df)`),
/// are scored by the exact similarity, and the best are kept. Building takes O(n · terms per sentence · `WINDOW`)
/// time and O(n · `NEIGHBOURS`) memory.
#[derive(Clone, Debug, PartialEq)]
pub struct SparseGraph {
    /// Node `i`'s edges are `edges[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    edges: Vec<(u32, f64)>,
}

impl SparseGraph {
    /// Neighbours each sentence keeps (the graph is their union, so some
    /// have more).
    pub const NEIGHBOURS: usize = 16;
    /// Postings a term contributes per sentence (see the type's docs).
    pub const WINDOW: usize = 32;
    /// Candidates per sentence given the exact similarity.
    const SHORTLIST: usize = 2 * SparseGraph::NEIGHBOURS;

    /// Builds the graph of `n` sentences whose content terms (sorted,
    /// distinct) `terms(i)` gives, with the symmetric `similarity(i, j)`;
    /// pairs of similarity 0 or less are no edges.
    pub fn build<T: IntoIterator<Item = TermId>>(
        n: usize,
        terms: impl Fn(usize) -> T,
        similarity: impl Fn(usize, usize) -> f64,
    ) -> SparseGraph {
        // The inverted index, as compressed rows: term -> sentences, ascending.
        let n_terms = (0..n).flat_map(&terms).map(|t| t as usize + 1).max().unwrap_or(0);
        let mut starts = vec![0u32; n_terms + 1];
        for i in 0..n {
            for term in terms(i) {
                starts[term as usize + 1] += 1;
            }
        }
        for t in 0..n_terms {
            starts[t + 1] += starts[t];
        }
        let mut fill = starts.clone();
        let mut postings = vec![0u32; starts[n_terms] as usize];
        for i in 0..n {
            for term in terms(i) {
                postings[fill[term as usize] as usize] = i as u32;
                fill[term as usize] += 1;
            }
        }
        drop(fill);

        // Rare terms weigh more, as in tf-idf: 1 + ln(n / df).
        let weights: Vec<f32> = starts
            .windows(2)
            .map(|pair| 1.0 + (n as f32 / (pair[1] - pair[0]).max(1) as f32).ln())
            .collect();
        let mut pairs: Vec<(u32, u32, f64)> = Vec::with_capacity(n * SparseGraph::NEIGHBOURS);
        let mut shared = vec![0.0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut scored: Vec<(f64, u32)> = Vec::new();
        for i in 0..n {
            for term in terms(i) {
                let list =
                    &postings[starts[term as usize] as usize..starts[term as usize + 1] as usize];
                let near = if list.len() <= SparseGraph::WINDOW {
                    list
                } else {
                    let at = list.partition_point(|&j| j < i as u32);
                    let from = at
                        .saturating_sub(SparseGraph::WINDOW / 2)
                        .min(list.len() - SparseGraph::WINDOW);
                    &list[from..from + SparseGraph::WINDOW]
                };
                let weight = weights[term as usize];
                for &j in near {
                    if j as usize != i {
                        if shared[j as usize] == 0.0 {
                            touched.push(j);
                        }
                        shared[j as usize] += weight;
                    }
                }
            }
            // The shortlist: most shared weight first, then nearest. The
            // weights are positive, so their bits order as they do.
            let key = |j: &u32| {
                let weight = shared[*j as usize].to_bits();
                (std::cmp::Reverse(weight), (*j as usize).abs_diff(i), *j)
            };
            if touched.len() > SparseGraph::SHORTLIST {
                touched.select_nth_unstable_by_key(SparseGraph::SHORTLIST, key);
            }
            scored.clear();
            for &j in touched.iter().take(SparseGraph::SHORTLIST) {
                let value = similarity(i, j as usize);
                if value > 0.0 {
                    scored.push((value, j));
                }
            }
            for j in touched.drain(..) {
                shared[j as usize] = 0.0;
            }
            scored.sort_unstable_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then((a.1 as usize).abs_diff(i).cmp(&(b.1 as usize).abs_diff(i)))
                    .then(a.1.cmp(&b.1))
            });
            for &(value, j) in scored.iter().take(SparseGraph::NEIGHBOURS) {
                let (a, b) = if (i as u32) < j { (i as u32, j) } else { (j, i as u32) };
                pairs.push((a, b, value));
            }
        }
        drop(postings);
        pairs.sort_unstable_by_key(|&(a, b, _)| (a, b));
        pairs.dedup_by_key(|&mut (a, b, _)| (a, b));

        let mut degree = vec![0u32; n + 1];
        for &(a, b, _) in &pairs {
            degree[a as usize + 1] += 1;
            degree[b as usize + 1] += 1;
        }
        for i in 0..n {
            degree[i + 1] += degree[i];
        }
        let offsets = degree;
        let mut fill = offsets.clone();
        let mut edges = vec![(0u32, 0.0); offsets[n] as usize];
        // Pairs are sorted by (a, b): node a receives its later neighbours
        // in order, and node b its earlier ones in order, all before any
        // later one (every (b, c) with c > b sorts after (a, b), a < b).
        for &(a, b, value) in &pairs {
            edges[fill[b as usize] as usize] = (a, value);
            fill[b as usize] += 1;
        }
        for &(a, b, value) in &pairs {
            edges[fill[a as usize] as usize] = (b, value);
            fill[a as usize] += 1;
        }
        SparseGraph { offsets, edges }
    }

    /// Node `i`'s neighbours and edge weights, by neighbour.
    pub fn neighbours(&self, i: usize) -> &[(u32, f64)] {
        &self.edges[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Number of edges (each pair once).
    pub fn n_edges(&self) -> usize {
        self.edges.len() / 2
    }

    /// Every edge weight, once per pair.
    pub fn weights(&self) -> impl Iterator<Item = f64> + '_ {
        (0..self.offsets.len() - 1).flat_map(move |i| {
            self.neighbours(i).iter().filter(move |&&(j, _)| j as usize > i).map(|&(_, w)| w)
        })
    }
}

impl Graph for SparseGraph {
    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn spread(&self, share: &[f64], into: &mut [f64]) {
        assert!(share.len() == Graph::len(self) && into.len() == share.len(), "one value per node");
        for (x, value) in into.iter_mut().enumerate() {
            *value += self.neighbours(x).iter().map(|&(j, w)| share[j as usize] * w).sum::<f64>();
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

    #[test]
    fn sparse_graph_of_a_small_document_is_the_full_graph() {
        // Ten sentences whose terms overlap in a pattern: fewer sentences
        // than NEIGHBOURS, so every pair of positive similarity is an edge.
        let terms: Vec<Vec<TermId>> = (0..10u32)
            .map(|i| (0..4).map(|k| (i * 3 + k * 5) % 17).collect::<Vec<_>>())
            .map(|mut t| {
                t.sort_unstable();
                t.dedup();
                t
            })
            .collect();
        let similarity =
            |i: usize, j: usize| terms[i].iter().filter(|t| terms[j].contains(t)).count() as f64;
        let sparse = SparseGraph::build(10, |i| terms[i].iter().copied(), similarity);
        let dense = Matrix::symmetric(10, similarity);
        for i in 0..10 {
            let expected: Vec<(u32, f64)> = dense
                .row(i)
                .enumerate()
                .filter(|&(j, w)| j != i && w > 0.0)
                .map(|(j, w)| (j as u32, w))
                .collect();
            assert_eq!(sparse.neighbours(i), expected, "row {i}");
        }
        assert_eq!(sparse.n_edges(), dense.off_diagonal().filter(|&w| w > 0.0).count());
        let (a, b) = (pagerank(&sparse, 0.85, 1e-12, 500), pagerank(&dense, 0.85, 1e-12, 500));
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 1e-9, "{a:?} against {b:?}");
        }
    }

    #[test]
    fn sparse_graph_links_rare_terms_across_the_document_and_bounds_degree() {
        // 2,000 sentences: term 0 in every one, each sentence's own term
        // 1 + i, and term 9,999 in the first and the last only.
        let n = 2000;
        let terms = |i: usize| {
            let mut t = vec![0, 1 + i as TermId];
            if i == 0 || i == n - 1 {
                t.push(9999);
            }
            t
        };
        let similarity = |i: usize, j: usize| {
            let (a, b) = (terms(i), terms(j));
            a.iter().filter(|t| b.contains(t)).count() as f64
        };
        let graph = SparseGraph::build(n, terms, similarity);
        assert!(graph.neighbours(0).iter().any(|&(j, w)| j as usize == n - 1 && w == 2.0));
        // The common term links each sentence to nearby ones only: the
        // union of the best NEIGHBOURS of each, no more than twice that.
        for i in 0..n {
            let degree = graph.neighbours(i).len();
            assert!(
                (SparseGraph::NEIGHBOURS..=2 * SparseGraph::NEIGHBOURS + 1).contains(&degree),
                "{i}: {degree}"
            );
            assert!(graph.neighbours(i).windows(2).all(|w| w[0].0 < w[1].0));
        }
        let rank = pagerank(&graph, 0.85, 1e-10, 200);
        assert!((rank.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn graph_strategies_rank_the_whole_of_a_long_document() {
        use abridge_text::{Document, Language};

        use crate::{LexRank, PacSum, Scorer, SentenceFrequencies, TextRank};

        // 700 sentences of unrelated made-up words, then, past the dense
        // graph's size, a run of sentences on one subject that share their
        // words: the centre of the document's only cluster.
        let mut text = String::new();
        for i in 0..700 {
            text.push_str(&format!("Zorbex{i} quilvan{i} dratho{i} melvik{i}. "));
        }
        for i in 0..12 {
            text.push_str(&format!(
                "The harbour storm sank fishing boats near the pier wall {i}. "
            ));
        }
        let document = Document::new(&text, Language::English);
        assert!(document.sentences().len() > DENSE_GRAPH_SENTENCES + 100);
        let stats = SentenceFrequencies::new(&document);
        let scorers: [&dyn Scorer; 3] =
            [&TextRank::default(), &LexRank::default(), &PacSum::default()];
        for scorer in scorers {
            let scores = scorer.scores(&document, &stats);
            let best = (0..scores.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap();
            assert!(best >= 700, "{}: best sentence {best}", scorer.name());
        }
    }
}
