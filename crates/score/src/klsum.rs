//! `kl-sum`: the summary whose word distribution is closest to the document's.
//!
//! Haghighi and Vanderwende, "Exploring Content Models for Multi-Document
//! Summarization", NAACL 2009 (section 3, KLSum).

use abridge_text::{Document, TermId};
use serde::{Deserialize, Serialize};

use crate::features::TermCounts;
use crate::picks::{explain_pick, scores_from_picks};
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

/// Summary lengths (in added words) whose support part is kept per round.
const BASE_MEMO: usize = 1024;

impl KlSum {
    /// One term's part of `KL(P_D ‖ P_S)`: `p · ln(p / q)` for a term of
    /// document probability `p` that the summary of `total` words holds
    /// `count` times (0 for a term the document lacks).
    fn term_divergence(&self, p: f64, count: f64, total: f64) -> f64 {
        if p > 0.0 {
            let q = (count / total + self.smoothing * p) / (1.0 + self.smoothing);
            p * (p / q).ln()
        } else {
            0.0
        }
    }

    /// `KL(P_D ‖ P_S)` for the summary with `summary_counts` (dense, by
    /// term) and `summary_total` words, given the terms where
    /// `summary_counts` is not zero.
    ///
    /// Where the summary has no count, `P_S = smoothing × P_D / (1 +
    /// smoothing)`, so those terms add `P_D(w) × ln((1 + smoothing) /
    /// smoothing)` each: their sum is that constant times the probability
    /// mass outside `support`. Only the terms of `support` need a look,
    /// which keeps a step linear in the summary's length rather than in the
    /// vocabulary (the naive sum made kl-sum take seconds on a 1 MB text).
    /// `mass` is the sum of `document_p`: 1, or 0 for a document without
    /// content words.
    fn divergence(
        &self,
        document_p: &[f64],
        mass: f64,
        summary_counts: &[f64],
        summary_total: f64,
        support: impl Iterator<Item = TermId>,
    ) -> f64 {
        let outside = ((1.0 + self.smoothing) / self.smoothing).ln();
        let mut mass_inside = 0.0;
        let mut kl_inside = 0.0;
        if summary_total > 0.0 {
            for term in support {
                let p = document_p[term as usize];
                if p > 0.0 {
                    let q_raw = summary_counts[term as usize] / summary_total;
                    let q = (q_raw + self.smoothing * p) / (1.0 + self.smoothing);
                    kl_inside += p * (p / q).ln();
                    mass_inside += p;
                }
            }
        }
        kl_inside + outside * (mass - mass_inside).max(0.0)
    }

    /// Pick order with the divergence after each pick; writes each
    /// sentence's divergence on its own into `alone`.
    fn run(&self, document: &Document<'_>, alone: &mut [f64]) -> Vec<(usize, f64)> {
        let counts = TermCounts::new(document);
        let total: f64 = counts.document.iter().map(|&c| f64::from(c)).sum();
        let document_p: Vec<f64> = counts
            .document
            .iter()
            .map(|&c| if total > 0.0 { f64::from(c) / total } else { 0.0 })
            .collect();
        let mass = if total > 0.0 { 1.0 } else { 0.0 };
        let n = counts.sentences.len();
        let mut summary_counts = vec![0.0; document_p.len()];
        let mut summary_total = 0.0;
        // The terms where `summary_counts` is not zero.
        let mut support: Vec<TermId> = Vec::new();
        let outside = ((1.0 + self.smoothing) / self.smoothing).ln();
        // `base[added]`: the support's part of the divergence once a
        // candidate of `added` words joins (NaN until needed this round).
        let mut base = vec![f64::NAN; BASE_MEMO];
        let mut picked = vec![false; n];
        let mut order = Vec::new();
        while order.len() < n.min(self.max_picks) {
            let mut best: Option<(usize, f64)> = None;
            base.fill(f64::NAN);
            let support_mass: f64 = support.iter().map(|&term| document_p[term as usize]).sum();
            for candidate in (0..n).filter(|&i| !picked[i]) {
                // The divergence splits into the support's terms, which the
                // candidate changes only through the summary's length, and
                // the candidate's own terms: a candidate costs its own terms,
                // not the summary's.
                let terms = counts.sentences.row(candidate);
                let added: u32 = terms.iter().map(|&(_, count)| count).sum();
                let total = summary_total + f64::from(added);
                let support_part = |total: f64| {
                    support
                        .iter()
                        .map(|&term| {
                            self.term_divergence(
                                document_p[term as usize],
                                summary_counts[term as usize],
                                total,
                            )
                        })
                        .sum::<f64>()
                };
                let mut kl_inside = match base.get_mut(added as usize) {
                    Some(memo) => {
                        if memo.is_nan() {
                            *memo = support_part(total);
                        }
                        *memo
                    }
                    None => support_part(total),
                };
                let mut mass_inside = support_mass;
                for &(term, count) in terms {
                    let p = document_p[term as usize];
                    let had = summary_counts[term as usize];
                    if had > 0.0 {
                        kl_inside -= self.term_divergence(p, had, total);
                    } else {
                        mass_inside += p;
                    }
                    kl_inside += self.term_divergence(p, had + f64::from(count), total);
                }
                let kl = kl_inside + outside * (mass - mass_inside).max(0.0);
                if best.is_none_or(|(_, best_kl)| kl < best_kl) {
                    best = Some((candidate, kl));
                }
            }
            let Some((sentence_idx, kl)) = best else { break };
            picked[sentence_idx] = true;
            order.push((sentence_idx, kl));
            for &(term, count) in counts.sentences.row(sentence_idx) {
                if summary_counts[term as usize] == 0.0 {
                    support.push(term);
                }
                summary_counts[term as usize] += f64::from(count);
                summary_total += f64::from(count);
            }
        }
        let mut own = vec![0.0; document_p.len()];
        let divergences = counts.sentences.rows().map(|terms| {
            let mut own_total = 0.0;
            for &(term, count) in terms {
                own[term as usize] += f64::from(count);
                own_total += f64::from(count);
            }
            let kl = self.divergence(
                &document_p,
                mass,
                &own,
                own_total,
                terms.iter().map(|&(term, _)| term),
            );
            for &(term, _) in terms {
                own[term as usize] = 0.0;
            }
            kl
        });
        for (value, kl) in alone.iter_mut().zip(divergences) {
            *value = kl;
        }
        order
    }
}

impl Scorer for KlSum {
    fn name(&self) -> &'static str {
        "kl-sum"
    }

    fn score(&self, document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [Score]) {
        let order = self.run(document, scores);
        // In (0, 1): lower divergence, higher score, below every pick.
        for score in scores.iter_mut() {
            *score = 1.0 / (2.0 + *score);
        }
        scores_from_picks(&order, scores);
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let mut alone = vec![0.0; document.sentences().len()];
        let order = self.run(document, &mut alone);
        let score = self.scores(document, stats)[sentence_idx];
        explain_pick(
            "kl-sum",
            &order,
            score,
            sentence_idx,
            "KL(document ‖ summary) after the pick",
            || {
                Explanation::new("kl-sum: not picked; 1 / (2 + KL of the sentence alone)", score)
                    .with(Explanation::new("KL(document ‖ sentence)", alone[sentence_idx]))
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use abridge_text::Language;

    /// The divergence summed over every term, as the formula reads.
    fn naive_divergence(
        smoothing: f64,
        document_p: &[f64],
        summary_counts: &[f64],
        summary_total: f64,
    ) -> f64 {
        let mut kl = 0.0;
        for (term, &p) in document_p.iter().enumerate() {
            if p > 0.0 {
                let q_raw =
                    if summary_total > 0.0 { summary_counts[term] / summary_total } else { 0.0 };
                let q = (q_raw + smoothing * p) / (1.0 + smoothing);
                kl += p * (p / q).ln();
            }
        }
        kl
    }

    #[test]
    fn the_sparse_divergence_is_the_full_sum() {
        let kl_sum = KlSum::default();
        let document_p = [0.4, 0.0, 0.3, 0.2, 0.1];
        let cases: [(&[f64], &[TermId]); 4] = [
            (&[0.0, 0.0, 0.0, 0.0, 0.0], &[]),
            (&[2.0, 0.0, 0.0, 0.0, 0.0], &[0]),
            (&[1.0, 0.0, 3.0, 0.0, 1.0], &[0, 2, 4]),
            (&[1.0, 0.0, 1.0, 1.0, 1.0], &[0, 2, 3, 4]),
        ];
        for (counts, support) in cases {
            let total: f64 = counts.iter().sum();
            let sparse =
                kl_sum.divergence(&document_p, 1.0, counts, total, support.iter().copied());
            let naive = naive_divergence(kl_sum.smoothing, &document_p, counts, total);
            assert!((sparse - naive).abs() < 1e-12, "{counts:?}: {sparse} vs {naive}");
        }
    }

    #[test]
    fn picks_cover_the_document() {
        let text = "The harbour froze in January. Boats stayed in port. \
                    The harbour ice was thick. Fishermen waited for the thaw. \
                    Boats and fishermen left the harbour in March.";
        let document = Document::new(text, Language::English);
        let mut alone = vec![f64::NAN; document.sentences().len()];
        let order = KlSum::default().run(&document, &mut alone);
        assert!(alone.iter().all(|kl| kl.is_finite()));
        assert_eq!(order.len(), document.sentences().len());
        assert_eq!(alone.len(), document.sentences().len());
        // Each pick brings the summary closer to the document.
        assert!(order.windows(2).all(|pair| pair[1].1 <= pair[0].1 + 1e-12), "{order:?}");
        // The sentence that covers most of the document's words goes first.
        assert_eq!(order[0].0, 4, "{order:?}");
    }
}
