//! `sumbasic`: word probabilities, squared after each pick.
//!
//! Nenkova and Vanderwende, "The Impact of Frequency on Summarization",
//! Microsoft Research MSR-TR-2005-101, 2005.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::TermCounts;
use crate::picks::{explain_pick, scores_from_picks};
use crate::{Explanation, Score, Scorer, TermStats};

/// SumBasic picks sentences one at a time:
///
/// 1. `p(w)` = occurrences of content word `w` / content words in the document.
/// 2. A sentence weighs the mean `p(w)` of its content words.
/// 3. Among the sentences that contain the most probable word still
///    present, pick the heaviest.
/// 4. Square `p(w)` for every word of the picked sentence (it is now
///    covered), and go back to 2.
///
/// The pick order becomes the score: the k-th pick of n scores `n − k`, so
/// that a budget of k sentences takes SumBasic's first k picks. At most
/// `max_picks` rounds run; sentences never picked score their last weight,
/// below every pick.
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{Scorer, SentenceFrequencies};
/// use abridge_score::SumBasic;
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
/// let mut scores = vec![0.0; document.sentences().len()];
/// SumBasic::default().score(&document, &SentenceFrequencies::new(&document), &mut scores);
/// assert!(scores.iter().all(|score| score.is_finite()));
/// assert_eq!(SumBasic::default().name(), "sumbasic");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SumBasic {
    /// Rounds of picking before the rest are scored by weight.
    pub max_picks: usize,
}

impl Default for SumBasic {
    fn default() -> Self {
        SumBasic { max_picks: 200 }
    }
}

impl SumBasic {
    /// Pick order: `(sentence, weight when picked)`; writes every
    /// sentence's weight after the picks into `weights`.
    fn run(&self, document: &Document<'_>, weights: &mut [f64]) -> Vec<(usize, f64)> {
        let counts = TermCounts::new(document);
        let total: f64 = counts.document.iter().map(|&c| f64::from(c)).sum();
        let mut probability: Vec<f64> = counts
            .document
            .iter()
            .map(|&c| if total > 0.0 { f64::from(c) / total } else { 0.0 })
            .collect();
        let n = counts.sentences.len();
        let weight = |probability: &[f64], sentence_idx: usize| -> f64 {
            let terms = counts.sentences.row(sentence_idx);
            let words: u32 = terms.iter().map(|&(_, count)| count).sum();
            if words == 0 {
                return 0.0;
            }
            terms
                .iter()
                .map(|&(term, count)| f64::from(count) * probability[term as usize])
                .sum::<f64>()
                / f64::from(words)
        };
        let mut picked = vec![false; n];
        let mut order = Vec::new();
        while order.len() < n.min(self.max_picks) {
            // The most probable word still in an unpicked sentence.
            let top_word = (0..n)
                .filter(|&i| !picked[i])
                .flat_map(|i| counts.sentences.row(i).iter().map(|&(term, _)| term))
                .max_by(|&a, &b| {
                    probability[a as usize].total_cmp(&probability[b as usize]).then(b.cmp(&a))
                });
            let candidates = (0..n).filter(|&i| !picked[i]);
            let best = match top_word {
                Some(word) => candidates
                    .filter(|&i| {
                        counts
                            .sentences
                            .row(i)
                            .binary_search_by_key(&word, |&(term, _)| term)
                            .is_ok()
                    })
                    .map(|i| (i, weight(&probability, i)))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0))),
                // No content word left: the rest keep document order.
                None => candidates.map(|i| (i, 0.0)).next(),
            };
            let Some((sentence_idx, sentence_weight)) = best else { break };
            picked[sentence_idx] = true;
            order.push((sentence_idx, sentence_weight));
            for &(term, _) in counts.sentences.row(sentence_idx) {
                probability[term as usize] *= probability[term as usize];
            }
        }
        for (sentence_idx, value) in weights.iter_mut().enumerate() {
            *value = weight(&probability, sentence_idx);
        }
        order
    }
}

impl Scorer for SumBasic {
    fn name(&self) -> &'static str {
        "sumbasic"
    }

    fn score(&self, document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [Score]) {
        let order = self.run(document, scores);
        // Unpicked sentences: their weight, a mean probability below 1.
        for score in scores.iter_mut() {
            *score = score.clamp(0.0, 1.0 - f64::EPSILON);
        }
        scores_from_picks(&order, scores);
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let order = self.run(document, &mut vec![0.0; document.sentences().len()]);
        let score = self.scores(document, stats)[sentence_idx];
        explain_pick(
            "sumbasic",
            &order,
            score,
            sentence_idx,
            "mean word probability when picked",
            || {
                Explanation::new(
                    "sumbasic: not picked; mean word probability after the picks",
                    score,
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SentenceFrequencies;
    use abridge_text::Language;

    #[test]
    fn picks_frequent_words_then_moves_on() {
        let text = "Flood waters rose in the valley. Flood waters rose again in the valley. Schools closed early because of the flood.";
        let document = Document::new(text, Language::English);
        let scores = SumBasic::default().scores(&document, &SentenceFrequencies::new(&document));
        let mut ranked: Vec<usize> = (0..3).collect();
        ranked.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        // After the first flood sentence, its words are squared away, so the
        // schools sentence beats the repeat.
        assert_eq!(ranked[1], 2, "{scores:?}");
    }
}
