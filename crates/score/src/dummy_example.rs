//! A template for new strategies: copy this file, rename, fill in.
//!
//! To add a strategy:
//!
//! 1. Copy this file to `src/<name>.rs` and name the type after its
//!    purpose (`CoverageScorer`, not `BitsetScorer`).
//! 2. Write `score`: one finite score per sentence, written into the slice;
//!    higher is better. Write `explain` so `--explain` can say why.
//! 3. Give the type `#[derive(Serialize, Deserialize)]` with
//!    `#[serde(default, deny_unknown_fields)]` so `--param` can set fields.
//! 4. Add `mod` and `pub use` lines in `lib.rs`, a variant in `kind.rs`
//!    (`scorer_kinds!`, `build`, `build_with`), and a
//!    `test_scorer!(conformance_<name>, ...)` line in `lib.rs`.
//! 5. Cite the paper in DESIGN.md and run `cargo xtask eval`.

use abridge_text::Document;
use serde::{Deserialize, Serialize};

use crate::{Explanation, Score, Scorer, TermStats};

/// Example strategy: a sentence scores its number of content words. It is
/// not registered as a `--scorer`; it shows the shape of a strategy and
/// runs the conformance harness.
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{Scorer, SentenceFrequencies};
/// use abridge_score::WordCount;
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
/// let mut scores = vec![0.0; document.sentences().len()];
/// WordCount::default().score(&document, &SentenceFrequencies::new(&document), &mut scores);
/// assert!(scores.iter().all(|score| score.is_finite()));
/// assert_eq!(WordCount::default().name(), "word-count");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WordCount;

impl Scorer for WordCount {
    fn name(&self) -> &'static str {
        "word-count"
    }

    fn score(&self, document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [Score]) {
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            *score = document
                .sentence_tokens(sentence_idx)
                .iter()
                .filter(|token| !token.is_stop())
                .count() as f64;
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
        Explanation::new("word-count: content words in the sentence", scores[sentence_idx])
    }
}
