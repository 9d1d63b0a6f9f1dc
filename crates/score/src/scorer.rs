//! The [`Scorer`] trait.

use abridge_text::Document;

use crate::{Explanation, TermStats};

/// A sentence's relevance. Higher is better; only the order within one
/// document matters.
///
/// ```
/// let scores: Vec<abridge_score::Score> = vec![0.5, 1.0];
/// assert!(scores.iter().all(|score| score.is_finite()));
/// ```
pub type Score = f64;

/// Which sentences a scorer's scores may be used to choose.
///
/// ```
/// use abridge_score::{Eligibility, Lead, Scorer, TextRank};
///
/// assert_eq!(Lead.eligibility(), Eligibility::Prose);
/// assert_eq!(TextRank::default().eligibility(), Eligibility::Content);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eligibility {
    /// Sentences of prose with at least a few words; page furniture and
    /// fragments (headlines, captions) only when a document has no prose.
    /// Near-duplicates of a chosen sentence are skipped.
    Content,
    /// Sentences of prose with a word, as they are: any length, and
    /// near-duplicates kept; fragments with a word only when a document has
    /// no prose; page furniture never. The first-k baseline, [`Lead`](crate::Lead),
    /// uses this: on news it is the first k sentences of the article, as
    /// the literature means, without the "Advertisement" above it.
    Prose,
    /// Every unit the segmenter produced, in the scorer's order, as is,
    /// furniture included.
    Any,
}

/// Assigns a relevance score to every sentence of a document.
///
/// Scores are written into a slice that the caller owns, so a batch can
/// reuse one buffer for every document, and a scorer never allocates the
/// output it is measured on.
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{Scorer, SentenceFrequencies, TermStats};
/// use abridge_text::Document;
///
/// /// Longer sentences first.
/// #[derive(Debug)]
/// struct Longest;
///
/// impl Scorer for Longest {
///     fn name(&self) -> &'static str {
///         "longest"
///     }
///     fn score(&self, document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [f64]) {
///         for (sentence_idx, score) in scores.iter_mut().enumerate() {
///             *score = document.sentence_words(sentence_idx) as f64;
///         }
///     }
/// }
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
/// let mut scores = vec![0.0; 3];
/// Longest.score(&document, &SentenceFrequencies::new(&document), &mut scores);
/// assert_eq!(scores, [5.0, 8.0, 4.0]);
/// ```
pub trait Scorer: Send + Sync + std::fmt::Debug {
    /// Stable short name, used for `--scorer` and as the bench id.
    fn name(&self) -> &'static str;

    /// Writes one score per sentence into `scores` (same order, same length
    /// as `document.sentences()`). Every score must be finite.
    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]);

    /// Why sentence `sentence_idx` got its score. Override when you can say more.
    fn explain(
        &self,
        _document: &Document<'_>,
        _stats: &dyn TermStats,
        _sentence_idx: usize,
    ) -> Explanation {
        Explanation::opaque(self.name())
    }

    /// Scores for a summary of about `target_sentences` sentences.
    ///
    /// Scorers whose scores depend on how long the summary will be
    /// override this; `tfidf-position` stretches its position prior over
    /// longer summaries. The default ignores the hint.
    fn score_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        _target_sentences: usize,
        scores: &mut [Score],
    ) {
        self.score(document, stats, scores);
    }

    /// [`Scorer::explain`] for a summary of about `target_sentences` sentences.
    fn explain_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        _target_sentences: usize,
        sentence_idx: usize,
    ) -> Explanation {
        self.explain(document, stats, sentence_idx)
    }

    /// Which sentences the scores may choose from.
    fn eligibility(&self) -> Eligibility {
        Eligibility::Content
    }

    /// Convenience: allocates and scores.
    fn scores(&self, document: &Document<'_>, stats: &dyn TermStats) -> Vec<Score> {
        let mut scores = vec![0.0; document.sentences().len()];
        self.score(document, stats, &mut scores);
        scores
    }
}
