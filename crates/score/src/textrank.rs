//! `textrank`: PageRank over a word-overlap sentence graph.
//!
//! Mihalcea and Tarau, "TextRank: Bringing Order into Texts", EMNLP 2004.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::TermCounts;
use crate::graph::rank_sentences;
use crate::{Explanation, Score, Scorer, TermStats};

/// Sentences are vertices; two sentences are joined by an edge weighted by
/// their word overlap, normalised by their lengths (section 4.1 of the paper):
///
/// ```text
/// similarity(Si, Sj) = |{w : w ∈ Si and w ∈ Sj}| / (ln |Si| + ln |Sj|)
/// ```
///
/// Words are stemmed content words (stop words left out), counted once per
/// sentence in the overlap; `|S|` counts a sentence's content words. A
/// sentence's score is its weighted PageRank.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TextRank {
    /// PageRank damping factor `d` (0.85 in the paper).
    pub damping: f64,
    /// Stop iterating when the ranks change by less than this (L1).
    pub tolerance: f64,
}

impl Default for TextRank {
    fn default() -> Self {
        TextRank { damping: 0.85, tolerance: 1e-6 }
    }
}

/// Upper bound on power iterations.
const MAX_ITERATIONS: usize = 100;

impl TextRank {
    fn similarity(counts: &TermCounts, lengths: &[f64], i: usize, j: usize) -> f64 {
        let shared = shared_terms(counts.sentences.row(i), counts.sentences.row(j));
        if shared == 0 {
            return 0.0;
        }
        let denominator = lengths[i].ln() + lengths[j].ln();
        // Two one-word sentences that share their word: ln 1 + ln 1 = 0.
        if denominator > 0.0 { shared as f64 / denominator } else { shared as f64 }
    }

    /// The number of content words of each row of `counts`.
    fn lengths(counts: &TermCounts) -> Vec<f64> {
        counts
            .sentences
            .rows()
            .map(|terms| terms.iter().map(|&(_, count)| f64::from(count)).sum())
            .collect()
    }

    fn ranks(&self, document: &Document<'_>, scores: &mut [Score]) {
        let n = document.sentences().len();
        let counts = TermCounts::new(document);
        let lengths = TextRank::lengths(&counts);
        let similarity = |i, j| TextRank::similarity(&counts, &lengths, i, j);
        let terms = |i: usize| counts.sentences.row(i).iter().map(|&(term, _)| term);
        let rank =
            rank_sentences(n, terms, similarity, self.damping, self.tolerance, MAX_ITERATIONS);
        scores.copy_from_slice(&rank);
    }
}

pub(crate) fn shared_terms(a: &[(u32, u32)], b: &[(u32, u32)]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

impl Scorer for TextRank {
    fn name(&self) -> &'static str {
        "textrank"
    }

    fn score(&self, document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [Score]) {
        self.ranks(document, scores);
    }

    fn explain(
        &self,
        document: &Document<'_>,
        _stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let mut scores = vec![0.0; document.sentences().len()];
        self.ranks(document, &mut scores);
        let counts = TermCounts::new(document);
        let lengths = TextRank::lengths(&counts);
        let n = document.sentences().len();
        let linked = (0..n)
            .filter(|&j| {
                j != sentence_idx && TextRank::similarity(&counts, &lengths, sentence_idx, j) > 0.0
            })
            .count();
        let weight: f64 = (0..n)
            .filter(|&j| j != sentence_idx)
            .map(|j| TextRank::similarity(&counts, &lengths, sentence_idx, j))
            .sum();
        Explanation::new(
            format!("textrank: PageRank (d = {}) over word-overlap similarity", self.damping),
            scores[sentence_idx],
        )
        .with(Explanation::new("sentences sharing a content word", linked as f64))
        .with(Explanation::new("sum of overlap similarities", weight))
        .with(Explanation::new("content words in the sentence", lengths[sentence_idx]))
    }
}
