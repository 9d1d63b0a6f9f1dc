//! Scores from a greedy pick order, for the strategies that pick sentences
//! one at a time (`sumbasic`, `kl-sum`).

use crate::{Explanation, Score};

/// Writes the scores of a pick order: the k-th of n picks scores `n − k`,
/// so a budget of k sentences takes the first k picks. `scores` holds the
/// value of every sentence never picked, which must lie in `[0, 1)` so that
/// it stays below every pick.
pub(crate) fn scores_from_picks(order: &[(usize, f64)], scores: &mut [Score]) {
    debug_assert!(scores.iter().all(|value| (0.0..1.0).contains(value)), "{scores:?}");
    let n = scores.len();
    for (rank, &(sentence_idx, _)) in order.iter().enumerate() {
        scores[sentence_idx] = (n - rank) as f64;
    }
}

/// Explains the score of sentence `sentence_idx` under a pick order:
/// `picked` names the value recorded with each pick; `unpicked` explains a
/// sentence that was never picked.
pub(crate) fn explain_pick(
    name: &str,
    order: &[(usize, f64)],
    score: Score,
    sentence_idx: usize,
    picked: &str,
    unpicked: impl FnOnce() -> Explanation,
) -> Explanation {
    match order.iter().position(|&(i, _)| i == sentence_idx) {
        Some(rank) => Explanation::new(format!("{name}: n − pick rank"), score)
            .with(Explanation::new("pick rank (0 = first)", rank as f64))
            .with(Explanation::new(picked, order[rank].1)),
        None => unpicked(),
    }
}
