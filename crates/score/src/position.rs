//! The position prior: how much a sentence's place in the document says
//! about its importance.

use abridge_text::{Document, SentenceKind};
use serde::{Deserialize, Serialize};

use crate::Explanation;

/// A prior over sentence position, in `[0, 1]`.
///
/// News puts the most important facts first, and each paragraph tends to
/// open with its point. The prior mixes the two:
///
/// ```text
/// sentence  = 1 / (1 + rank / decay)
/// paragraph = 1 if the sentence opens its paragraph, else 0
/// prior     = (1 - paragraph_weight) * sentence + paragraph_weight * paragraph
/// ```
///
/// `rank` counts only sentences of prose, so headlines, bylines and page
/// furniture before the article do not push its first sentence down.
/// With `decay = 4`, the fifth prose sentence gets half the first one's weight.
///
/// The prior stretches with the summary: for a summary of k sentences the
/// decay used is `max(decay, decay_per_sentence × k)`. A three-sentence
/// summary of news wants the lead; a summary of 40% of an article wants the
/// best sentences from all over it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PositionPrior {
    /// Rank at which the sentence prior halves, for short summaries.
    pub decay: f64,
    /// Decay per sentence of the summary, for long summaries.
    pub decay_per_sentence: f64,
    /// Share of the prior that goes to opening a paragraph.
    pub paragraph_weight: f64,
}

impl Default for PositionPrior {
    fn default() -> Self {
        PositionPrior { decay: 4.0, decay_per_sentence: 4.0 / 3.0, paragraph_weight: 0.0 }
    }
}

impl PositionPrior {
    /// The prior for a summary of `target_sentences` sentences.
    ///
    /// ```
    /// use abridge_score::PositionPrior;
    ///
    /// let prior = PositionPrior::default();
    /// assert_eq!(prior.for_target(1).decay, 4.0);
    /// assert_eq!(prior.for_target(30).decay, 40.0, "4/3 per sentence");
    /// ```
    pub fn for_target(&self, target_sentences: usize) -> PositionPrior {
        PositionPrior {
            decay: self.decay.max(self.decay_per_sentence * target_sentences as f64),
            ..*self
        }
    }

    /// The prior of every sentence of `document`, in order.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::PositionPrior;
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let weights: Vec<f64> = PositionPrior::default().weights(&document).collect();
    /// assert_eq!(weights[0], 1.0);
    /// assert!(weights.windows(2).all(|pair| pair[0] > pair[1]));
    /// ```
    pub fn weights<'d>(&self, document: &'d Document<'_>) -> impl Iterator<Item = f64> + 'd {
        let prior = *self;
        let paragraphs = document.paragraphs();
        let mut paragraph = 0;
        let mut rank = 0usize;
        document.sentences().iter().enumerate().map(move |(sentence_idx, sentence)| {
            // Paragraphs cover the sentences in order.
            while paragraphs[paragraph].sentences().end <= sentence_idx {
                paragraph += 1;
            }
            let index_in_paragraph = sentence_idx - paragraphs[paragraph].sentences().start;
            let weight = prior.weight(rank, index_in_paragraph);
            if sentence.kind() == SentenceKind::Prose {
                rank += 1;
            }
            weight
        })
    }

    /// The prior of the sentence with prose rank `rank` and index
    /// `index_in_paragraph` in its paragraph.
    ///
    /// ```
    /// use abridge_score::PositionPrior;
    ///
    /// assert_eq!(PositionPrior::default().weight(4, 1), 0.5, "the fifth sentence of prose weighs half the first");
    /// ```
    pub fn weight(&self, rank: usize, index_in_paragraph: usize) -> f64 {
        let sentence = 1.0 / (1.0 + rank as f64 / self.decay.max(f64::MIN_POSITIVE));
        let paragraph = if index_in_paragraph == 0 { 1.0 } else { 0.0 };
        (1.0 - self.paragraph_weight) * sentence + self.paragraph_weight * paragraph
    }

    /// The prior of one sentence, explained.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::PositionPrior;
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// assert_eq!(PositionPrior::default().explain(&document, 0).value, 1.0);
    /// ```
    pub fn explain(&self, document: &Document<'_>, sentence_idx: usize) -> Explanation {
        let rank = document.sentences()[..sentence_idx]
            .iter()
            .filter(|s| s.kind() == SentenceKind::Prose)
            .count();
        let index_in_paragraph = document.index_in_paragraph(sentence_idx);
        Explanation::new("position prior", self.weight(rank, index_in_paragraph))
            .with(Explanation::new(
                format!("sentence: 1 / (1 + rank / {})", self.decay),
                1.0 / (1.0 + rank as f64 / self.decay),
            ))
            .with(Explanation::new("prose rank", rank as f64))
            .with(Explanation::new(
                format!("opens its paragraph (weight {})", self.paragraph_weight),
                if index_in_paragraph == 0 { 1.0 } else { 0.0 },
            ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use abridge_text::Language;

    #[test]
    fn decays_with_rank_and_rewards_paragraph_openers() {
        let prior = PositionPrior { decay: 4.0, paragraph_weight: 0.0, ..PositionPrior::default() };
        assert_eq!(prior.weight(0, 0), 1.0);
        assert_eq!(prior.weight(4, 3), 0.5);
        let prior = PositionPrior { decay: 4.0, paragraph_weight: 0.5, ..PositionPrior::default() };
        assert!(prior.weight(4, 0) > prior.weight(4, 1));
    }

    #[test]
    fn fragments_do_not_take_a_rank() {
        let document =
            Document::new("A Headline\n\nFirst sentence here. Second one here.", Language::English);
        let weights =
            PositionPrior { decay: 1.0, paragraph_weight: 0.0, ..PositionPrior::default() }
                .weights(&document)
                .collect::<Vec<f64>>();
        assert_eq!(weights, [1.0, 1.0, 0.5]);
    }

    #[test]
    fn stretches_with_the_summary() {
        let prior = PositionPrior::default();
        assert_eq!(prior.for_target(1).decay, 4.0);
        assert!((prior.for_target(12).decay - 16.0).abs() < 1e-9);
        assert!(prior.for_target(10).weight(8, 1) > prior.weight(8, 1));
    }
}
