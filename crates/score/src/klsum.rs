//! `kl-sum`: the summary whose word distribution is closest to the document's.
//!
//! Haghighi and Vanderwende, "Exploring Content Models for Multi-Document
//! Summarization", NAACL 2009 (section 3, KLSum).

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::features::TermCounts;
use crate::{Explanation, Score, Scorer, TermStats};

/// KLSum grows a summary greedily: each step adds the sentence that makes
/// the summary's unigram distribution `P_S` closest to the document's `P_D`:
///
/// ```text
/// KL(P_D ‖ P_S) = Σ_w P_D(w) · ln(P_D(w) / P_S(w))
/// ```
///
/// over content words, with `P_S` smoothed by `smoothing` × `P_D` so that
/// it is never zero where `P_D` is not. As with SumBasic, the pick order is
/// the score; sentences beyond `max_picks` score below every pick.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KlSum {
    /// Weight of the document distribution mixed into the summary's.
    pub smoothing: f64,
    /// Rounds of picking before the rest are scored by their own divergence.
    pub max_picks: usize,
}

impl Default for KlSum {
    fn default() -> Self {
        KlSum { smoothing: 0.01, max_picks: 20 }
    }
}

impl KlSum {
    fn divergence(&self, document_p: &[f64], summary_counts: &[f64], summary_total: f64) -> f64 {
        let mut kl = 0.0;
        for (term, &p) in document_p.iter().enumerate() {
            if p > 0.0 {
                let q_raw =
                    if summary_total > 0.0 { summary_counts[term] / summary_total } else { 0.0 };
                let q = (q_raw + self.smoothing * p) / (1.0 + self.smoothing);
                kl += p * (p / q).ln();
            }
        }
        kl
    }

    /// Pick order with the divergence after each pick, and each sentence's
    /// divergence on its own.
    fn run(&self, document: &Document<'_>) -> (Vec<(usize, f64)>, Vec<f64>) {
        let counts = TermCounts::new(document);
        let total: f64 = counts.document.iter().map(|&c| f64::from(c)).sum();
        let document_p: Vec<f64> = counts
            .document
            .iter()
            .map(|&c| if total > 0.0 { f64::from(c) / total } else { 0.0 })
            .collect();
        let n = counts.sentences.len();
        let mut summary_counts = vec![0.0; document_p.len()];
        let mut summary_total = 0.0;
        let mut picked = vec![false; n];
        let mut order = Vec::new();
        while order.len() < n.min(self.max_picks) {
            let mut best: Option<(usize, f64)> = None;
            for candidate in (0..n).filter(|&i| !picked[i]) {
                let terms = &counts.sentences[candidate];
                for &(term, count) in terms {
                    summary_counts[term as usize] += f64::from(count);
                }
                let added: f64 = terms.iter().map(|&(_, count)| f64::from(count)).sum();
                let kl = self.divergence(&document_p, &summary_counts, summary_total + added);
                for &(term, count) in terms {
                    summary_counts[term as usize] -= f64::from(count);
                }
                if best.is_none_or(|(_, best_kl)| kl < best_kl) {
                    best = Some((candidate, kl));
                }
            }
            let Some((sentence_idx, kl)) = best else { break };
            picked[sentence_idx] = true;
            order.push((sentence_idx, kl));
            for &(term, count) in &counts.sentences[sentence_idx] {
                summary_counts[term as usize] += f64::from(count);
                summary_total += f64::from(count);
            }
        }
        let alone = (0..n)
            .map(|i| {
                let mut own = vec![0.0; document_p.len()];
                let mut own_total = 0.0;
                for &(term, count) in &counts.sentences[i] {
                    own[term as usize] += f64::from(count);
                    own_total += f64::from(count);
                }
                self.divergence(&document_p, &own, own_total)
            })
            .collect();
        (order, alone)
    }
}

impl Scorer for KlSum {
    fn name(&self) -> &'static str {
        "kl-sum"
    }

    fn score(&self, document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [Score]) {
        let (order, alone) = self.run(document);
        let n = scores.len();
        for (score, kl) in scores.iter_mut().zip(alone) {
            // In (0, 1): lower divergence, higher score, below every pick.
            *score = 1.0 / (2.0 + kl);
        }
        for (rank, &(sentence_idx, _)) in order.iter().enumerate() {
            scores[sentence_idx] = (n - rank) as f64;
        }
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let (order, alone) = self.run(document);
        let score = self.scores(document, stats)[sentence_idx];
        match order.iter().position(|&(i, _)| i == sentence_idx) {
            Some(rank) => Explanation::new("kl-sum: n − pick rank", score)
                .with(Explanation::new("pick rank (0 = first)", rank as f64))
                .with(Explanation::new("KL(document ‖ summary) after the pick", order[rank].1)),
            None => {
                Explanation::new("kl-sum: not picked; 1 / (2 + KL of the sentence alone)", score)
                    .with(Explanation::new("KL(document ‖ sentence)", alone[sentence_idx]))
            }
        }
    }
}
