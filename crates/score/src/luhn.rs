//! `luhn`: clusters of significant words.
//!
//! Luhn, "The Automatic Creation of Literature Abstracts", IBM Journal of
//! Research and Development 2(2), 1958.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::content_totals;
use crate::{Explanation, Score, Scorer, TermStats};

/// A word is *significant* when it is a content word (not a stop word)
/// that occurs at least `min_count` times in the document. Within a
/// sentence, significant words no more than `max_gap` insignificant words
/// apart form a cluster; a cluster's value is
///
/// ```text
/// (significant words in the cluster)² / (words in the cluster)
/// ```
///
/// and a sentence scores its best cluster.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Luhn {
    /// Occurrences a content word needs to be significant.
    pub min_count: u32,
    /// Most insignificant words allowed between two significant ones of a cluster (4 in the paper).
    pub max_gap: usize,
}

impl Default for Luhn {
    fn default() -> Self {
        Luhn { min_count: 2, max_gap: 4 }
    }
}

/// The best cluster of one sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Cluster {
    significant: usize,
    length: usize,
}

impl Cluster {
    fn value(self) -> f64 {
        if self.length == 0 {
            0.0
        } else {
            (self.significant * self.significant) as f64 / self.length as f64
        }
    }
}

impl Luhn {
    fn best_cluster(
        &self,
        document: &Document<'_>,
        totals: &[u32],
        sentence_idx: usize,
    ) -> Cluster {
        let significant = document
            .sentence_tokens(sentence_idx)
            .iter()
            .map(|token| !token.is_stop() && totals[token.term() as usize] >= self.min_count);
        let mut best = Cluster::default();
        let mut current: Option<(usize, usize, usize)> = None; // (start, last significant, count)
        for (position, is_significant) in significant.enumerate() {
            if !is_significant {
                continue;
            }
            current = match current {
                Some((start, last, count)) if position - last - 1 <= self.max_gap => {
                    Some((start, position, count + 1))
                }
                finished => {
                    if let Some((start, last, count)) = finished {
                        best =
                            better(best, Cluster { significant: count, length: last - start + 1 });
                    }
                    Some((position, position, 1))
                }
            };
        }
        if let Some((start, last, count)) = current {
            best = better(best, Cluster { significant: count, length: last - start + 1 });
        }
        best
    }
}

fn better(a: Cluster, b: Cluster) -> Cluster {
    if b.value() > a.value() { b } else { a }
}

impl Scorer for Luhn {
    fn name(&self) -> &'static str {
        "luhn"
    }

    fn score(&self, document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [Score]) {
        let totals = content_totals(document);
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            *score = self.best_cluster(document, &totals, sentence_idx).value();
        }
    }

    fn explain(
        &self,
        document: &Document<'_>,
        _stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let totals = content_totals(document);
        let cluster = self.best_cluster(document, &totals, sentence_idx);
        Explanation::new("luhn: significant² / length of the best cluster", cluster.value())
            .with(Explanation::new(
                format!("significant words (≥ {} occurrences) in it", self.min_count),
                cluster.significant as f64,
            ))
            .with(Explanation::new(
                format!("words in it (gaps ≤ {})", self.max_gap),
                cluster.length as f64,
            ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SentenceFrequencies;
    use abridge_text::Language;

    #[test]
    fn clusters_of_frequent_words_win() {
        let text = "The harbour wall broke in the storm. The storm broke the harbour wall again. Lunch was served at noon.";
        let document = Document::new(text, Language::English);
        let scores = Luhn::default().scores(&document, &SentenceFrequencies::new(&document));
        assert!(scores[0] > 0.0 && scores[1] > 0.0);
        assert_eq!(scores[2], 0.0, "no significant word");
        // "storm broke ... harbour wall": four significant words in four content positions.
        let totals = content_totals(&document);
        let cluster = Luhn::default().best_cluster(&document, &totals, 1);
        assert_eq!(cluster.significant, 4);
    }
}
