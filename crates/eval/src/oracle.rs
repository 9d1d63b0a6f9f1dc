//! A greedy extractive oracle: the ceiling of extraction on a corpus.
//!
//! The oracle sees the references. Starting from an empty summary, it adds
//! at each step the sentence that most increases the objective, and stops
//! when no sentence increases it or the budget is spent (Nallapati et al.,
//! 2017, SummaRuNNer; Liu and Lapata, 2019, BertSum's `greedy_selection`).
//!
//! - **Objective**: the mean of ROUGE-1 F1 and ROUGE-2 F1 of the candidate
//!   summary against the references, computed by the same code and the same
//!   [`Tokenizer`] as every reported score (with several
//!   references, the best per variant, as in [`Rouge::score_multi`]).
//!   BertSum uses the sum of the same two F1s, which ranks candidates the
//!   same way.
//! - **Sentences**: abridge's segmentation of the document, so the oracle
//!   is the best any abridge scorer could do with that segmentation. Every
//!   sentence with a ROUGE token is a candidate, furniture and headlines
//!   included.
//! - **Budget**: the same as the scorers'. A sentence budget caps the
//!   number of picks; a ratio is taken of the sentences the default scorer
//!   may choose (prose with at least four words), rounded, at least one;
//!   word and character budgets are counted as the selector counts them,
//!   and a sentence that does not fit is passed over.
//!
//! Greedy search is not the exact optimum, but it is what the literature
//! reports as the oracle (about 52.6 ROUGE-1 on the CNN/DailyMail test set
//! with three sentences).
//!
//! [`Rouge::score_multi`]: crate::Rouge::score_multi

use abridge::crates::score::{BudgetMeter, Selector};
use abridge::{Budget, Document, Eligibility};
use rougers::{RougeScorer, RougeType};

use crate::Tokenizer;

/// The name of the oracle in reports.
///
/// ```
/// assert_eq!(abridge_eval::System::Oracle.name(), abridge_eval::oracle::ORACLE);
/// ```
pub const ORACLE: &str = "oracle";

/// Chooses sentences greedily to maximise ROUGE against the references.
///
/// ```
/// use abridge::{Budget, Summarizer};
/// use abridge_eval::Oracle;
///
/// let text = "The bridge reopened on Friday. Rain fell all day. Shops were busy.";
/// let document = Summarizer::builder().build().unwrap().analyze(text);
/// assert_eq!(Oracle::new(Budget::Sentences(1)).select(&document, &["The bridge reopened."]), [0]);
/// ```
#[derive(Clone, Debug)]
pub struct Oracle {
    budget: Budget,
    scorer: RougeScorer,
}

impl Oracle {
    /// An oracle that keeps to `budget`, with `rouge-score`'s tokenizer.
    ///
    /// ```
    /// use abridge::Budget;
    ///
    /// assert_eq!(abridge_eval::Oracle::new(Budget::Words(50)).budget(), Budget::Words(50));
    /// ```
    pub fn new(budget: Budget) -> Oracle {
        Oracle::with_tokenizer(budget, Tokenizer::Default)
    }

    /// An oracle that keeps to `budget` and reads texts with `tokenizer`.
    ///
    /// ```
    /// use abridge::Budget;
    /// use abridge_eval::{Oracle, Tokenizer};
    ///
    /// let _oracle = Oracle::with_tokenizer(Budget::Sentences(3), Tokenizer::Unicode);
    /// ```
    pub fn with_tokenizer(budget: Budget, tokenizer: Tokenizer) -> Oracle {
        let scorer = RougeScorer::with_tokenizer(
            vec![RougeType::N(1), RougeType::N(2)],
            tokenizer.to_rougers(),
        )
        .unwrap_or_else(|_| unreachable!("n-gram sizes 1 and 2 are valid"));
        Oracle { budget, scorer }
    }

    /// The budget the oracle keeps to.
    ///
    /// ```
    /// use abridge::Budget;
    ///
    /// assert_eq!(abridge_eval::Oracle::new(Budget::Sentences(2)).budget(), Budget::Sentences(2));
    /// ```
    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// The chosen sentences of `document`, as indices in document order.
    /// Empty when no sentence scores above zero.
    ///
    /// ```
    /// use abridge::{Budget, Summarizer};
    /// use abridge_eval::Oracle;
    ///
    /// let text = "Rain fell all day. Shops were busy. The bridge reopened on Friday.";
    /// let document = Summarizer::builder().build().unwrap().analyze(text);
    /// assert_eq!(Oracle::new(Budget::Sentences(1)).select(&document, &["the bridge reopened"]), [2]);
    /// ```
    pub fn select<S: AsRef<str>>(&self, document: &Document<'_>, references: &[S]) -> Vec<usize> {
        let references: Vec<rougers::Document> =
            references.iter().map(|reference| self.scorer.document(reference.as_ref())).collect();
        let sentences: Vec<Vec<String>> = (0..document.sentences().len())
            .map(|sentence_idx| {
                self.scorer.tokenizer().tokenize(document.sentence_text(sentence_idx))
            })
            .collect();
        let n_eligible = Selector::eligible(document, Eligibility::Content).count();
        let mut budget = BudgetMeter::new(self.budget, n_eligible);
        let mut chosen: Vec<usize> = Vec::new();
        let mut best_objective = 0.0;
        let mut candidate_tokens = Vec::new();
        loop {
            if budget.is_full() {
                break;
            }
            let mut best: Option<(usize, f64)> = None;
            for sentence_idx in 0..sentences.len() {
                if sentences[sentence_idx].is_empty()
                    || chosen.contains(&sentence_idx)
                    || !budget.fits(document, sentence_idx)
                {
                    continue;
                }
                candidate_tokens.clear();
                // The candidate summary in document order, as ROUGE will read it.
                let position = chosen.partition_point(|&c| c < sentence_idx);
                for &idx in
                    chosen[..position].iter().chain([&sentence_idx]).chain(&chosen[position..])
                {
                    candidate_tokens.extend(sentences[idx].iter().cloned());
                }
                let objective = self.objective(&references, &candidate_tokens);
                if best.is_none_or(|(_, value)| objective > value) {
                    best = Some((sentence_idx, objective));
                }
            }
            match best {
                Some((sentence_idx, objective)) if objective > best_objective => {
                    best_objective = objective;
                    budget.add(document, sentence_idx);
                    let position = chosen.partition_point(|&c| c < sentence_idx);
                    chosen.insert(position, sentence_idx);
                }
                _ => break,
            }
        }
        chosen
    }

    /// Mean of ROUGE-1 and ROUGE-2 F1, each the best over the references.
    fn objective(&self, references: &[rougers::Document], tokens: &[String]) -> f64 {
        let summary = rougers::Document { tokens: tokens.to_vec(), sentences: Vec::new() };
        let (mut rouge1, mut rouge2) = (0.0_f64, 0.0_f64);
        for reference in references {
            let scores = self.scorer.score_documents(reference, &summary);
            let f = |rouge_type| scores.get(rouge_type).map_or(0.0, |score| score.fmeasure);
            rouge1 = rouge1.max(f(RougeType::N(1)));
            rouge2 = rouge2.max(f(RougeType::N(2)));
        }
        (rouge1 + rouge2) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use abridge::Language;

    const TEXT: &str = "The weather was mild all week in the valley. \
        Engineers reopened the old bridge on Friday after repairs. \
        The mayor thanked residents for their patience. \
        Repairs to the bridge cost twelve million dollars. \
        A local bakery won a prize.";

    fn select(budget: Budget, references: &[&str]) -> Vec<usize> {
        let document = Document::new(TEXT, Language::English);
        Oracle::new(budget).select(&document, references)
    }

    const REFERENCE: &str =
        "Engineers reopened the bridge on Friday.\nThe repairs cost twelve million dollars.";

    #[test]
    fn picks_the_sentences_the_reference_repeats() {
        assert_eq!(select(Budget::Sentences(3), &[REFERENCE]), [1, 3]);
        // Sentence 3 alone has the better precision, so it goes first.
        assert_eq!(select(Budget::Sentences(1), &[REFERENCE]), [3]);
    }

    #[test]
    fn stops_when_nothing_helps() {
        assert!(select(Budget::Sentences(3), &["zebra quokka"]).is_empty());
        assert_eq!(select(Budget::Sentences(3), &["a local bakery won a prize"]), [4]);
    }

    #[test]
    fn keeps_to_word_and_ratio_budgets() {
        // Sentence 1 has 9 words, sentence 2 has 7 and sentence 3 has 8.
        assert_eq!(select(Budget::Words(17), &[REFERENCE]), [1, 3]);
        assert_eq!(select(Budget::Words(9), &[REFERENCE]), [3]);
        // Sentences 1 and 3 do not fit; sentence 2 shares "the".
        assert_eq!(select(Budget::Words(7), &[REFERENCE]), [2]);
        assert!(select(Budget::Words(3), &[REFERENCE]).is_empty());
        // Five eligible sentences: a ratio of 0.2 is one sentence, 0.5 three.
        assert_eq!(select(Budget::Ratio(0.2), &[REFERENCE]), [3]);
        assert_eq!(select(Budget::Ratio(0.5), &[REFERENCE]).len(), 2, "stops when nothing helps");
    }

    #[test]
    fn reads_other_scripts_with_the_unicode_tokenizer() {
        let text = "Le pont a rouvert vendredi. Il pleuvait à Lyon. Les travaux ont coûté douze millions d'euros.";
        let document = Document::new(text, Language::French);
        let reference = ["Les travaux du pont ont coûté douze millions d'euros."];
        let unicode = Oracle::with_tokenizer(Budget::Sentences(1), Tokenizer::Unicode);
        assert_eq!(unicode.select(&document, &reference), [2]);
        // Russian has no rouge-score token: the default oracle finds nothing.
        let russian = Document::new("Мост открыли в пятницу. Шёл дождь.", Language::Russian);
        let reference = ["Мост открыли."];
        assert!(Oracle::new(Budget::Sentences(1)).select(&russian, &reference).is_empty());
        assert_eq!(unicode.select(&russian, &reference), [0]);
    }

    #[test]
    fn several_references_count_the_best() {
        let bridge = "Engineers reopened the old bridge on Friday after repairs.";
        let bakery = "A bakery in the town won.";
        assert_eq!(select(Budget::Sentences(1), &[bakery, bridge]), [1]);
        assert_eq!(select(Budget::Sentences(1), &[bakery]), [4]);
    }
}
