//! Selection: choosing sentences by score under a length budget.

use abridge_text::{Document, SentenceKind, TermId};
use serde::{Deserialize, Serialize};

use crate::redundancy::{ChosenSets, LazyMmr};
use crate::{Eligibility, Score};

/// How long a summary may be.
///
/// ```
/// use abridge_score::Budget;
///
/// assert_eq!(Budget::default(), Budget::Sentences(3));
/// assert_eq!(serde_json::to_string(&Budget::Words(60)).unwrap(), r#"{"words":60}"#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// At most this many words (word tokens, stop words included).
    Words(usize),
    /// At most this many characters: the chosen sentences' characters plus
    /// one separator between each two.
    Chars(usize),
    /// This share of the document's eligible sentences, rounded, at least one.
    Ratio(f64),
}

impl Default for Budget {
    fn default() -> Self {
        Budget::Sentences(3)
    }
}

/// The order of the chosen sentences in a summary.
///
/// ```
/// use abridge_score::Order;
///
/// assert_eq!(Order::default(), Order::Document);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// As they stand in the document.
    #[default]
    Document,
    /// Best first.
    Score,
}

/// Sentences of prose need at least this many words to be chosen: shorter
/// ones are fragments ("He agreed.") that say little on their own.
pub const MIN_WORDS: usize = 4;

/// Sentences of prose with more words than this are run-ons (usually a
/// missed boundary, a list or a table flattened into one line); they are
/// chosen only when a document has nothing else.
pub const MAX_WORDS: usize = 120;

/// Content-term cosine at or above which a sentence counts as a
/// near-duplicate of one already chosen.
pub const DUPLICATE_SIMILARITY: f64 = 0.8;

/// Chooses sentences by score under a [`Budget`].
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{Budget, Eligibility, Selector};
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
/// let selector = Selector { budget: Budget::Sentences(2), ..Selector::default() };
/// assert_eq!(selector.select(&document, &[0.1, 0.9, 0.5], Eligibility::Content), [1, 2]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Selector {
    /// How long the summary may be.
    pub budget: Budget,
    /// The order of the chosen sentences.
    pub order: Order,
    /// Maximal marginal relevance: with `Some(λ)`, each pick maximises
    /// `λ · score − (1 − λ) · max similarity to the sentences already chosen`
    /// (scores rescaled to `[0, 1]`, λ clamped to `[0, 1]`). `None` picks by
    /// score alone.
    pub redundancy: Option<f64>,
}

/// Which sentences of a document may be chosen: a rule settled once per
/// document ([`Selector::eligible`]) and checked per sentence, so that it
/// costs no memory per sentence.
#[derive(Clone, Copy, Debug)]
pub struct Eligible<'d, 'a> {
    document: &'d Document<'a>,
    rule: Rule,
}

/// The rule of an [`Eligible`], from the most to the least demanding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// Every sentence but headings ([`Eligibility::Any`]).
    Any,
    /// Prose of [`MIN_WORDS`] to [`MAX_WORDS`] words.
    Prose,
    /// Prose with a word.
    AnyProse,
    /// Fragments with a word, but titles and lead-ins to lists.
    Fragments,
    /// Fragments with a word.
    AnyFragments,
    /// None.
    Nothing,
}

impl Eligible<'_, '_> {
    /// Whether sentence `sentence_idx` may be chosen.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Eligibility, Selector};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// assert!(Selector::eligible(&document, Eligibility::Any).contains(2));
    /// ```
    #[inline]
    pub fn contains(&self, sentence_idx: usize) -> bool {
        Eligible::holds(self.document, self.rule, sentence_idx)
    }

    /// The sentences that may be chosen, in document order.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Eligibility, Selector};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// assert_eq!(Selector::eligible(&document, Eligibility::Prose).iter().count(), 3);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.document.sentences().len()).filter(|&i| self.contains(i))
    }

    /// How many sentences may be chosen.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Eligibility, Selector};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// assert_eq!(Selector::eligible(&document, Eligibility::Any).count(), 3);
    /// ```
    pub fn count(&self) -> usize {
        self.iter().count()
    }

    fn holds(document: &Document<'_>, rule: Rule, sentence_idx: usize) -> bool {
        let sentence = &document.sentences()[sentence_idx];
        match rule {
            // Headings come only from parsed formats, never from plain text.
            Rule::Any => sentence.kind() != SentenceKind::Heading,
            Rule::Prose => {
                sentence.kind() == SentenceKind::Prose
                    && (MIN_WORDS..=MAX_WORDS).contains(&document.sentence_words(sentence_idx))
            }
            Rule::AnyProse => {
                sentence.kind() == SentenceKind::Prose && document.sentence_words(sentence_idx) > 0
            }
            Rule::Fragments => {
                sentence.kind() == SentenceKind::Fragment
                    && document.sentence_words(sentence_idx) > 0
                    && !is_heading_or_lead_in(document, sentence_idx)
            }
            Rule::AnyFragments => {
                sentence.kind() == SentenceKind::Fragment
                    && document.sentence_words(sentence_idx) > 0
            }
            Rule::Nothing => false,
        }
    }
}

/// Whether a fragment heads a document of fragments rather than says
/// something: a lead-in to a list ("Before the release:") or the first
/// paragraph of one unit when more follow, the title of a checklist
/// ("Release checklist for version 4.2"). Checked only in documents
/// without prose.
fn is_heading_or_lead_in(document: &Document<'_>, sentence_idx: usize) -> bool {
    let text = document.sentence_text(sentence_idx);
    let lead_in = text.trim_end().ends_with(':');
    let paragraphs = document.paragraphs();
    let title = paragraphs.len() > 1
        && document.paragraph_of(sentence_idx) == 0
        && paragraphs[0].sentences().len() == 1;
    lead_in || title
}

impl Selector {
    /// Which sentences may be chosen under `eligibility`.
    ///
    /// With [`Eligibility::Content`]: sentences of prose with
    /// [`MIN_WORDS`] to [`MAX_WORDS`] words; if there are none, prose of any
    /// length; if there is none, fragments with a word. Furniture never.
    /// With [`Eligibility::Prose`]: prose with a word; if there is none,
    /// fragments with a word. Furniture never.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Eligibility, Selector};
    ///
    /// let document = Analyzer::new(Language::English).analyze("Click here to subscribe.\n\nThe harbour closed on Tuesday after the storm broke the wall.");
    /// let eligible = Selector::eligible(&document, Eligibility::Content);
    /// assert_eq!(eligible.iter().collect::<Vec<_>>(), [1], "furniture is not eligible");
    /// ```
    pub fn eligible<'d, 'a>(
        document: &'d Document<'a>,
        eligibility: Eligibility,
    ) -> Eligible<'d, 'a> {
        let rule = match eligibility {
            Eligibility::Any => Rule::Any,
            Eligibility::Content => Selector::first_rule_that_holds(
                document,
                &[Rule::Prose, Rule::AnyProse, Rule::Fragments, Rule::AnyFragments],
            ),
            Eligibility::Prose => Selector::first_rule_that_holds(
                document,
                &[Rule::AnyProse, Rule::Fragments, Rule::AnyFragments],
            ),
        };
        Eligible { document, rule }
    }

    fn first_rule_that_holds(document: &Document<'_>, rules: &[Rule]) -> Rule {
        rules
            .iter()
            .copied()
            .find(|&rule| {
                (0..document.sentences().len()).any(|i| Eligible::holds(document, rule, i))
            })
            .unwrap_or(Rule::Nothing)
    }

    /// About how many sentences the budget will hold in `document`: the
    /// hint for [`Scorer::score_for_target`](crate::Scorer::score_for_target).
    /// Word and character budgets are divided by the mean length of the
    /// eligible sentences.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, Eligibility, Selector};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let half = Selector { budget: Budget::Ratio(0.5), ..Selector::default() };
    /// assert_eq!(half.target_sentences(&document, Eligibility::Content), 2);
    /// ```
    pub fn target_sentences(&self, document: &Document<'_>, eligibility: Eligibility) -> usize {
        let eligible = Selector::eligible(document, eligibility);
        let count = eligible.count();
        let n_eligible = count.max(1);
        let mean = |cost: &dyn Fn(usize) -> usize| -> f64 {
            eligible.iter().map(|i| cost(i) as f64).sum::<f64>() / n_eligible as f64
        };
        let target = match self.budget {
            Budget::Sentences(n) => n,
            Budget::Ratio(ratio) => (ratio.clamp(0.0, 1.0) * count as f64).round() as usize,
            Budget::Words(n) => {
                (n as f64 / mean(&|i| document.sentence_words(i)).max(1.0)).round() as usize
            }
            Budget::Chars(n) => (n as f64
                / mean(&|i| document.sentence_text(i).chars().count() + 1).max(1.0))
            .round() as usize,
        };
        target.clamp(1, n_eligible)
    }

    /// Chooses sentences: indices into `document.sentences()`, in the
    /// selector's [`Order`]. A sentence is never chosen twice and the budget
    /// always holds; with [`Eligibility::Content`], near-duplicates of a
    /// chosen sentence are skipped.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, Eligibility, Order, Selector};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let selector = Selector { budget: Budget::Sentences(2), order: Order::Score, redundancy: None };
    /// assert_eq!(selector.select(&document, &[0.1, 0.9, 0.5], Eligibility::Content), [1, 2]);
    /// assert_eq!(selector.select(&document, &[0.9, 0.1, 0.5], Eligibility::Content), [0, 2]);
    /// ```
    pub fn select(
        &self,
        document: &Document<'_>,
        scores: &[Score],
        eligibility: Eligibility,
    ) -> Vec<usize> {
        self.select_in(document, scores, eligibility, None)
    }

    /// Like [`Selector::select`], and with redundancy control on, how MMR
    /// picked each chosen sentence: one [`MmrStep`] per chosen sentence, in
    /// the order of the chosen indices. Without redundancy control there
    /// are no steps.
    ///
    /// ```
    /// use abridge_score::{Budget, Eligibility, Order, Selector};
    /// use abridge_text::{Document, Language};
    ///
    /// let text = "Storm hits the coast and floods homes. Storm floods coastal homes in the night. Schools close across the region.";
    /// let document = Document::new(text, Language::English);
    /// let selector = Selector { budget: Budget::Sentences(2), order: Order::Document, redundancy: Some(0.3) };
    /// let (chosen, steps) = selector.select_explained(&document, &[1.0, 0.9, 0.5], Eligibility::Content);
    /// assert_eq!(chosen, [0, 2]);
    /// assert_eq!((steps[0].pick, steps[1].pick), (1, 2));
    /// assert_eq!(steps[0].redundancy, 0.0);
    /// ```
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, Eligibility, Order, Selector};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let selector = Selector { budget: Budget::Sentences(2), order: Order::Score, redundancy: Some(0.7) };
    /// let (chosen, _) = selector.select_explained(&document, &[0.9, 0.8, 0.1], Eligibility::Content);
    /// assert_eq!(chosen, selector.select(&document, &[0.9, 0.8, 0.1], Eligibility::Content));
    /// ```
    pub fn select_explained(
        &self,
        document: &Document<'_>,
        scores: &[Score],
        eligibility: Eligibility,
    ) -> (Vec<usize>, Vec<MmrStep>) {
        let mut steps = Vec::new();
        let chosen = self.select_in(document, scores, eligibility, Some(&mut steps));
        let steps = chosen
            .iter()
            .filter_map(|&sentence_idx| {
                steps.iter().find(|step: &&MmrStep| step.sentence == sentence_idx).copied()
            })
            .collect();
        (chosen, steps)
    }

    fn select_in(
        &self,
        document: &Document<'_>,
        scores: &[Score],
        eligibility: Eligibility,
        mut steps: Option<&mut Vec<MmrStep>>,
    ) -> Vec<usize> {
        assert_eq!(scores.len(), document.sentences().len(), "one score per sentence");
        let eligible = Selector::eligible(document, eligibility);
        let mut meter = BudgetMeter::new(self.budget, eligible.count());
        let skip_duplicates = eligibility == Eligibility::Content;

        let mut chosen: Vec<usize> = Vec::new();
        match self.redundancy {
            None => {
                // Content terms only of the sentences looked at, which are
                // few: the best ones until the budget is spent.
                let mut chosen_terms = ChosenSets::default();
                let mut terms: Vec<TermId> = Vec::new();
                for candidate in BestFirst::new(scores, eligible) {
                    let candidate = candidate as usize;
                    if meter.is_full() {
                        break;
                    }
                    // A sentence that does not fit is skipped either way:
                    // the costly duplicate check only for those that do.
                    if !meter.fits(document, candidate) {
                        continue;
                    }
                    terms.clear();
                    if skip_duplicates {
                        content_terms(document, candidate, &mut terms);
                        if chosen_terms.is_duplicate(&terms) {
                            continue;
                        }
                    }
                    if meter.try_add(document, candidate) {
                        chosen.push(candidate);
                        if skip_duplicates {
                            chosen_terms.add(document, terms.clone());
                        }
                    }
                }
            }
            Some(lambda) => {
                // Every candidate is looked at, best first.
                let candidates: Vec<u32> = BestFirst::new(scores, eligible).collect();
                // The content terms of every candidate, in one buffer.
                let mut terms: Vec<TermId> = Vec::new();
                let mut ends: Vec<u32> = Vec::with_capacity(candidates.len());
                for &candidate in &candidates {
                    content_terms(document, candidate as usize, &mut terms);
                    ends.push(terms.len() as u32);
                }
                // Row `p` holds the terms of `candidates[p]`.
                let row_of = |p: u32| -> &[TermId] {
                    let start = if p == 0 { 0 } else { ends[p as usize - 1] as usize };
                    &terms[start..ends[p as usize] as usize]
                };
                let (low, high) =
                    candidates.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &i| {
                        let score = finite_or_min(scores[i as usize]);
                        (lo.min(score), hi.max(score))
                    });
                let scale = if high > low { high - low } else { 1.0 };
                let relevance =
                    candidates.iter().map(|&i| (finite_or_min(scores[i as usize]) - low) / scale);
                let mut picks = LazyMmr::new(relevance, lambda, document.n_terms());
                // Positions in `candidates` of the chosen.
                let mut chosen_positions: Vec<u32> = Vec::new();
                while !meter.is_full() {
                    let Some(pick) = picks.next(&chosen_positions, row_of, skip_duplicates) else {
                        break;
                    };
                    let p = pick.position;
                    let candidate = candidates[p as usize] as usize;
                    if meter.try_add(document, candidate) {
                        chosen.push(candidate);
                        chosen_positions.push(p);
                        if let Some(steps) = steps.as_deref_mut() {
                            steps.push(MmrStep {
                                sentence: candidate,
                                pick: chosen.len(),
                                lambda,
                                relevance: pick.relevance,
                                redundancy: pick.similarity,
                                value: pick.value,
                            });
                        }
                    }
                }
            }
        }
        if self.order == Order::Document {
            chosen.sort_unstable();
        }
        chosen
    }
}

/// How maximal marginal relevance picked one sentence
/// ([`Selector::select_explained`]).
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{Budget, Eligibility, Order, Selector};
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
/// let selector = Selector { budget: Budget::Sentences(2), order: Order::Document, redundancy: Some(0.7) };
/// let (chosen, steps) = selector.select_explained(&document, &[0.9, 0.8, 0.1], Eligibility::Content);
/// assert_eq!(steps.len(), chosen.len());
/// assert_eq!((steps[0].pick, steps[0].redundancy), (1, 0.0), "nothing picked before the first");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MmrStep {
    /// The sentence picked.
    pub sentence: usize,
    /// Which pick it was: 1 for the first sentence chosen.
    pub pick: usize,
    /// The trade-off λ.
    pub lambda: f64,
    /// Its score, rescaled to `[0, 1]` over the candidates.
    pub relevance: f64,
    /// Its highest content-term cosine to the sentences picked before it.
    pub redundancy: f64,
    /// `λ · relevance − (1 − λ) · redundancy`, the best of its round.
    pub value: f64,
}

impl MmrStep {
    /// The step as an [`Explanation`](crate::Explanation) tree.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, Eligibility, Order, Selector};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let selector = Selector { budget: Budget::Sentences(1), order: Order::Document, redundancy: Some(0.5) };
    /// let (_, steps) = selector.select_explained(&document, &[0.9, 0.8, 0.1], Eligibility::Content);
    /// assert!(steps[0].explanation().description.contains("MMR"));
    /// ```
    pub fn explanation(&self) -> crate::Explanation {
        crate::Explanation::new(
            format!(
                "redundancy control (MMR), pick {}: {:.2} × relevance − {:.2} × redundancy",
                self.pick,
                self.lambda,
                1.0 - self.lambda
            ),
            self.value,
        )
        .with(crate::Explanation::new("relevance: its score, rescaled to [0, 1]", self.relevance))
        .with(crate::Explanation::new(
            "redundancy: highest cosine to the sentences picked before",
            self.redundancy,
        ))
    }
}

/// The sentences of an [`Eligible`] best first: by score, ties to the
/// earlier sentence, NaN (a scorer bug) last.
///
/// Selection usually stops after a few sentences, so they are found a
/// chunk at a time (64, then twice as many each time) with a buffer of
/// twice the chunk, instead of sorting every sentence of a long document:
/// memory stays small, and a selection that goes through every sentence
/// (all near-duplicates) still costs O(n log n). The order is total, so
/// the sentences come in exactly the order a full sort gives.
struct BestFirst<'s, 'd, 'a> {
    scores: &'s [Score],
    eligible: Eligible<'d, 'a>,
    /// The current chunk, best first, and how far it has been read.
    chunk: Vec<u32>,
    read: usize,
    /// Size of the next chunk.
    size: usize,
    /// The last sentence given so far; every later one comes after it.
    last: Option<u32>,
    /// Whether the chunk holds every sentence left.
    exhausted: bool,
}

impl<'s, 'd, 'a> BestFirst<'s, 'd, 'a> {
    const FIRST_CHUNK: usize = 64;

    fn new(scores: &'s [Score], eligible: Eligible<'d, 'a>) -> Self {
        BestFirst {
            scores,
            eligible,
            chunk: Vec::new(),
            read: 0,
            size: BestFirst::FIRST_CHUNK,
            last: None,
            exhausted: false,
        }
    }

    /// `Less` when sentence `a` comes before sentence `b`.
    fn order(scores: &[Score], a: u32, b: u32) -> std::cmp::Ordering {
        let (sa, sb) = (finite_or_min(scores[a as usize]), finite_or_min(scores[b as usize]));
        sb.total_cmp(&sa).then(a.cmp(&b))
    }

    /// Fills the chunk with the `size` first sentences after `last`.
    fn refill(&mut self) {
        let (scores, size) = (self.scores, self.size);
        let order = |a: &u32, b: &u32| BestFirst::order(scores, *a, *b);
        let keep = |buffer: &mut Vec<u32>| {
            if buffer.len() > size {
                buffer.select_nth_unstable_by(size - 1, order);
                buffer.truncate(size);
            }
        };
        self.chunk.clear();
        let mut left = 0;
        // Indices in 32 bits: a document has fewer than 2³² sentences.
        for sentence_idx in self.eligible.iter().map(|i| i as u32) {
            if self.last.is_some_and(|last| order(&sentence_idx, &last).is_le()) {
                continue;
            }
            left += 1;
            self.chunk.push(sentence_idx);
            if self.chunk.len() == 2 * size {
                keep(&mut self.chunk);
            }
        }
        self.exhausted = left <= size;
        keep(&mut self.chunk);
        self.chunk.sort_unstable_by(order);
        self.last = self.chunk.last().copied().or(self.last);
        self.read = 0;
        self.size = self.size.saturating_mul(2);
    }
}

impl Iterator for BestFirst<'_, '_, '_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.read == self.chunk.len() {
            if self.exhausted {
                return None;
            }
            self.refill();
        }
        let next = self.chunk.get(self.read).copied();
        self.read += 1;
        next
    }
}

fn finite_or_min(score: Score) -> Score {
    if score.is_finite() { score } else { Score::MIN }
}

/// Appends the sorted, distinct content terms of a sentence to `terms`.
pub(crate) fn content_terms(document: &Document<'_>, sentence_idx: usize, terms: &mut Vec<TermId>) {
    let start = terms.len();
    crate::features::push_content_terms(document, sentence_idx, terms);
    let mut kept = start;
    for i in start..terms.len() {
        if kept == start || terms[i] != terms[kept - 1] {
            terms[kept] = terms[i];
            kept += 1;
        }
    }
    terms.truncate(kept);
}

/// How much of a [`Budget`] a summary has used: the one place that says
/// what a sentence costs. The selector and the ROUGE oracle both spend
/// their budgets through it, so they count alike.
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{Budget, BudgetMeter};
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
/// let mut meter = BudgetMeter::new(Budget::Words(10), 3);
/// assert!(meter.try_add(&document, 0), "five words");
/// assert!(!meter.try_add(&document, 1), "eight more would be over");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BudgetMeter {
    limit: Limit,
    sentences: usize,
    used: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Limit {
    Sentences(usize),
    Words(usize),
    Chars(usize),
}

impl BudgetMeter {
    /// A meter for `budget` in a document with `n_eligible` sentences that
    /// may be chosen (a ratio counts those, rounded, at least one).
    ///
    /// ```
    /// use abridge_score::{Budget, BudgetMeter};
    ///
    /// assert!(!BudgetMeter::new(Budget::Sentences(1), 5).is_full());
    /// ```
    pub fn new(budget: Budget, n_eligible: usize) -> BudgetMeter {
        let limit = match budget {
            Budget::Sentences(n) => Limit::Sentences(n),
            Budget::Words(n) => Limit::Words(n),
            Budget::Chars(n) => Limit::Chars(n),
            Budget::Ratio(ratio) => {
                let n = (ratio.clamp(0.0, 1.0) * n_eligible as f64).round() as usize;
                Limit::Sentences(if ratio > 0.0 { n.max(1) } else { 0 })
            }
        };
        BudgetMeter { limit, sentences: 0, used: 0 }
    }

    /// Whether nothing more can be added.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, BudgetMeter};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let mut meter = BudgetMeter::new(Budget::Sentences(1), 3);
    /// meter.add(&document, 0);
    /// assert!(meter.is_full());
    /// ```
    pub fn is_full(&self) -> bool {
        match self.limit {
            Limit::Sentences(n) => self.sentences >= n,
            Limit::Words(n) | Limit::Chars(n) => self.used >= n,
        }
    }

    /// What sentence `sentence_idx` would cost now: nothing for a sentence
    /// budget, its words, or its characters plus one separator after the
    /// first sentence.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, BudgetMeter};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// assert_eq!(BudgetMeter::new(Budget::Words(100), 3).cost(&document, 0), 5);
    /// ```
    pub fn cost(&self, document: &Document<'_>, sentence_idx: usize) -> usize {
        match self.limit {
            Limit::Sentences(_) => 0,
            Limit::Words(_) => document.sentence_words(sentence_idx),
            Limit::Chars(_) => {
                document.sentence_text(sentence_idx).chars().count()
                    + usize::from(self.sentences > 0)
            }
        }
    }

    /// Whether sentence `sentence_idx` fits in what is left.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, BudgetMeter};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// assert!(!BudgetMeter::new(Budget::Words(4), 3).fits(&document, 0));
    /// ```
    pub fn fits(&self, document: &Document<'_>, sentence_idx: usize) -> bool {
        match self.limit {
            Limit::Sentences(n) => self.sentences < n,
            Limit::Words(n) | Limit::Chars(n) => self.used + self.cost(document, sentence_idx) <= n,
        }
    }

    /// Counts sentence `sentence_idx` as chosen (whether or not it fits).
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, BudgetMeter};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let mut meter = BudgetMeter::new(Budget::Words(9), 3);
    /// meter.add(&document, 2);
    /// assert!(meter.fits(&document, 0), "4 + 5 words");
    /// ```
    pub fn add(&mut self, document: &Document<'_>, sentence_idx: usize) {
        self.used += self.cost(document, sentence_idx);
        self.sentences += 1;
    }

    /// Adds the sentence if it fits; says whether it did.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{Budget, BudgetMeter};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let mut meter = BudgetMeter::new(Budget::Sentences(1), 3);
    /// assert!(meter.try_add(&document, 0) && !meter.try_add(&document, 1));
    /// ```
    pub fn try_add(&mut self, document: &Document<'_>, sentence_idx: usize) -> bool {
        let fits = self.fits(document, sentence_idx);
        if fits {
            self.add(document, sentence_idx);
        }
        fits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use abridge_text::Language;

    const TEXT: &str = "Alpha beta gamma delta one. Epsilon zeta eta theta two. \
                        Iota kappa lambda mu three. Nu xi omicron pi four.";

    /// Whether each sentence is eligible.
    fn mask(document: &Document<'_>, eligibility: Eligibility) -> Vec<bool> {
        let eligible = Selector::eligible(document, eligibility);
        (0..document.sentences().len()).map(|i| eligible.contains(i)).collect()
    }

    fn select(budget: Budget, scores: &[Score], order: Order) -> Vec<usize> {
        let document = Document::new(TEXT, Language::English);
        Selector { budget, order, redundancy: None }.select(&document, scores, Eligibility::Content)
    }

    #[test]
    fn best_first_gives_the_order_of_a_full_sort() {
        let text = "Word here. ".repeat(1000);
        let document = Document::new(&text, Language::English);
        let eligible = Selector::eligible(&document, Eligibility::Any);
        // Ties, NaN and infinities, over several chunks.
        let mut state = 7u64;
        let scores: Vec<Score> = (0..1000)
            .map(|i| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                match i % 97 {
                    0 => Score::NAN,
                    1 => Score::INFINITY,
                    _ => ((state >> 33) % 50) as Score / 7.0,
                }
            })
            .collect();
        let mut sorted: Vec<u32> = (0..1000).collect();
        sorted.sort_by(|&a, &b| BestFirst::order(&scores, a, b));
        let best_first: Vec<u32> = BestFirst::new(&scores, eligible).collect();
        assert_eq!(best_first, sorted);
        assert!(
            BestFirst::new(
                &scores[..0],
                Selector::eligible(&Document::new("", Language::English), Eligibility::Any)
            )
            .next()
            .is_none()
        );
    }

    #[test]
    fn sentence_budget_takes_the_best_in_document_order() {
        assert_eq!(select(Budget::Sentences(2), &[0.1, 0.9, 0.5, 0.7], Order::Document), [1, 3]);
        assert_eq!(select(Budget::Sentences(2), &[0.1, 0.9, 0.5, 0.7], Order::Score), [1, 3]);
        assert_eq!(select(Budget::Sentences(2), &[0.1, 0.5, 0.9, 0.7], Order::Score), [2, 3]);
        assert_eq!(
            select(Budget::Sentences(10), &[0.1, 0.9, 0.5, 0.7], Order::Score),
            [1, 3, 2, 0]
        );
        assert!(select(Budget::Sentences(0), &[0.1, 0.9, 0.5, 0.7], Order::Document).is_empty());
    }

    #[test]
    fn word_and_char_budgets_hold() {
        // Each sentence has 5 words and 27 or 28 characters.
        assert_eq!(select(Budget::Words(10), &[0.1, 0.9, 0.5, 0.7], Order::Document), [1, 3]);
        assert_eq!(select(Budget::Words(9), &[0.1, 0.9, 0.5, 0.7], Order::Document), [1]);
        assert!(select(Budget::Words(4), &[0.1, 0.9, 0.5, 0.7], Order::Document).is_empty());
        let chosen = select(Budget::Chars(60), &[0.1, 0.9, 0.5, 0.7], Order::Document);
        assert_eq!(chosen, [1, 3]);
        assert!(select(Budget::Chars(40), &[0.1, 0.9, 0.5, 0.7], Order::Document).len() == 1);
    }

    #[test]
    fn ratio_rounds_and_takes_at_least_one() {
        assert_eq!(select(Budget::Ratio(0.5), &[0.1, 0.9, 0.5, 0.7], Order::Document), [1, 3]);
        assert_eq!(select(Budget::Ratio(0.01), &[0.1, 0.9, 0.5, 0.7], Order::Document), [1]);
        assert_eq!(
            select(Budget::Ratio(1.0), &[0.1, 0.9, 0.5, 0.7], Order::Document),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn near_duplicates_are_skipped() {
        let text = "The council approved the new budget. The council approved the new budget! Rain fell all day long.";
        let document = Document::new(text, Language::English);
        let selector =
            Selector { budget: Budget::Sentences(2), order: Order::Document, redundancy: None };
        assert_eq!(selector.select(&document, &[0.9, 0.8, 0.1], Eligibility::Content), [0, 2]);
        // The positional baseline keeps units as they are.
        assert_eq!(selector.select(&document, &[0.9, 0.8, 0.1], Eligibility::Any), [0, 1]);
    }

    #[test]
    fn mmr_prefers_new_information() {
        let text = "Storm hits the coast and floods homes. Storm floods coastal homes in the night. Schools close across the region.";
        let document = Document::new(text, Language::English);
        let plain =
            Selector { budget: Budget::Sentences(2), order: Order::Document, redundancy: None };
        assert_eq!(plain.select(&document, &[1.0, 0.9, 0.5], Eligibility::Content), [0, 1]);
        let mmr = Selector { redundancy: Some(0.3), ..plain };
        assert_eq!(mmr.select(&document, &[1.0, 0.9, 0.5], Eligibility::Content), [0, 2]);
        // The steps: sentence 0 first (relevance 1, nothing before it), then
        // sentence 2, which shares no content word with sentence 0.
        let (chosen, steps) =
            mmr.select_explained(&document, &[1.0, 0.9, 0.5], Eligibility::Content);
        assert_eq!(chosen, [0, 2]);
        assert_eq!(
            steps.iter().map(|step| (step.sentence, step.pick)).collect::<Vec<_>>(),
            [(0, 1), (2, 2)]
        );
        assert_eq!((steps[0].relevance, steps[0].redundancy), (1.0, 0.0));
        assert!((steps[0].value - 0.3).abs() < 1e-12);
        assert_eq!((steps[1].relevance, steps[1].redundancy), (0.0, 0.0));
        let text = steps[1].explanation().to_string();
        assert!(
            text.starts_with(
                "0.0000  redundancy control (MMR), pick 2: 0.30 × relevance − 0.70 × redundancy\n"
            ),
            "{text}"
        );
        // Best first, the steps follow the chosen order.
        let by_score = Selector { order: Order::Score, ..mmr };
        let (chosen, steps) =
            by_score.select_explained(&document, &[0.5, 0.9, 1.0], Eligibility::Content);
        assert_eq!(chosen, steps.iter().map(|step| step.sentence).collect::<Vec<_>>());
        assert!(
            plain.select_explained(&document, &[1.0, 0.9, 0.5], Eligibility::Content).1.is_empty()
        );
    }

    #[test]
    fn run_ons_only_when_nothing_else() {
        let run_on = "word ".repeat(MAX_WORDS + 1) + "end.";
        let text = format!("{run_on} A short sentence of prose here.");
        let document = Document::new(&text, Language::English);
        assert_eq!(mask(&document, Eligibility::Content), [false, true]);
        let document = Document::new(&run_on, Language::English);
        assert_eq!(mask(&document, Eligibility::Content), [true]);
    }

    #[test]
    fn fragments_and_furniture_are_not_chosen() {
        let text = "Powered by\n\nBig Headline Of The Day\n\nThe mayor opened the new bridge on Monday.\n\nClick here to subscribe to our newsletter.";
        let document = Document::new(text, Language::English);
        assert_eq!(mask(&document, Eligibility::Content), [false, false, true, false]);
        assert_eq!(Selector::eligible(&document, Eligibility::Content).count(), 1);
        assert_eq!(mask(&document, Eligibility::Any), [true; 4]);
        // Without prose, fragments are the fallback; furniture never is.
        let document = Document::new("Powered by\n\nBig Headline Of The Day", Language::English);
        assert_eq!(mask(&document, Eligibility::Content), [false, true]);
        // Nothing to choose.
        let document = Document::new("Powered by", Language::English);
        assert_eq!(mask(&document, Eligibility::Content), [false]);
    }

    #[test]
    fn checklist_titles_and_lead_ins_are_not_chosen() {
        // Issue 13: a checklist has no prose; its items are the fallback,
        // not its title or the line that introduces the list.
        let text = "Release checklist for version 4.2\n\nBefore the release:\n- Update the changelog\n- Tag the release\n- Publish the binaries";
        let document = Document::new(text, Language::English);
        let chosen: Vec<&str> = Selector::eligible(&document, Eligibility::Content)
            .iter()
            .map(|i| document.sentence_text(i))
            .collect();
        assert_eq!(
            chosen,
            ["- Update the changelog", "- Tag the release", "- Publish the binaries"]
        );
    }
}
