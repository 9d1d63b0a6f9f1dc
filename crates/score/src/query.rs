//! Query-focused scoring: a scorer's own score mixed with how well each
//! sentence answers a query.
//!
//! ```text
//! cosine(i)    = cosine(tfidf(sentence i), q')                 q' = the expanded query
//! coverage(i)  = Σ over the 16 heaviest terms t of q'  weight(t) · c / (c + 1),
//!                c = occurrences of t in sentences i − w ..= i + w,  w = min(window, n / 10)
//! relevance(i) = (1 − context) · cosine(i) / max cosine + context · coverage(i) / max coverage
//! score(i)     = (1 − weight) · own(i), scaled to [0, 1] + weight · relevance(i) / max relevance
//! ```
//!
//! The query is a bag of the document's terms (stems of content words, as
//! [`query_terms`] finds them), weighted by count × IDF like a sentence.
//! It is expanded over the terms that co-occur with it in the document
//! (pseudo-relevance feedback, as Rocchio's): the unit vectors of the
//! `feedback` sentences most similar to the query are added to it with
//! weight `expansion`, so a sentence about the query's subject in other
//! words still scores. Meetings and reports talk about one subject for a
//! stretch, so a sentence also takes `context` of how well the stretch
//! around it covers the query's terms: saturating counts, so that a
//! stretch holding every term of the query beats one repeating one of
//! them. A query that shares no term with the document leaves the scorer's
//! own order.
//!
//! In a transcript, a query may name a speaker ("What did *Marketing*
//! think of the price?"): the caller says which sentences that speaker
//! said ([`QueryFocused::with_speakers`]), and they take `speaker` of the
//! relevance:
//!
//! ```text
//! relevance'(i) = (1 − speaker) · relevance(i) / max relevance + speaker · [i said by a named speaker]
//! ```

use abridge_text::{Document, TermId};
use serde::{Deserialize, Serialize};

use crate::features::{SparseVector, SparseView, TermCounts, TfIdfVectors};
use crate::{Eligibility, Explanation, Score, Scorer, TermStats};

/// How a query's relevance is found and mixed with a scorer's score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QueryFocus {
    /// Share of the score that comes from the query, in `[0, 1]`.
    pub weight: f64,
    /// Weight of the feedback sentences added to the query, `0` for none.
    pub expansion: f64,
    /// How many of the sentences most similar to the query expand it.
    pub feedback: usize,
    /// Share of a sentence's relevance that comes from how well the stretch
    /// around it covers the query, in `[0, 1]`.
    pub context: f64,
    /// How many sentences on either side the stretch takes (at most a tenth
    /// of the document's sentences).
    pub window: usize,
    /// Share of the relevance that comes from being said by a speaker the
    /// query names, in `[0, 1]`.
    pub speaker: f64,
}

impl Default for QueryFocus {
    fn default() -> Self {
        QueryFocus {
            weight: 0.8,
            expansion: 1.0,
            feedback: 20,
            context: 0.8,
            window: 15,
            speaker: 0.3,
        }
    }
}

impl QueryFocus {
    /// Checks the ranges: `weight` and `context` in `[0, 1]`, `expansion`
    /// finite and not negative.
    pub fn check(&self) -> Result<(), String> {
        for (name, value) in
            [("weight", self.weight), ("context", self.context), ("speaker", self.speaker)]
        {
            if !(0.0..=1.0).contains(&value) {
                return Err(format!("query {name} is {value}, but must be in [0, 1]"));
            }
        }
        if !self.expansion.is_finite() || self.expansion < 0.0 {
            return Err(format!(
                "query expansion is {}, but must be a number of at least 0",
                self.expansion
            ));
        }
        Ok(())
    }
}

/// Words that frame a question about a meeting or a report rather than
/// name its subject ("What did the group *discuss* about the *decision*
/// on the roof?"), lower-case, sorted: they are in the answer no more than
/// anywhere else, and match the talk about talking ("as we discussed").
/// English only, like [`is_framing_word`].
const FRAMING_WORDS: &[&str] = &[
    "agree",
    "agreed",
    "agreement",
    "believe",
    "conclude",
    "concluded",
    "conclusion",
    "conclusions",
    "consider",
    "considered",
    "decide",
    "decided",
    "decision",
    "decisions",
    "describe",
    "detail",
    "details",
    "disagree",
    "disagreed",
    "disagreement",
    "discuss",
    "discussed",
    "discussing",
    "discussion",
    "discussions",
    "explain",
    "explained",
    "feel",
    "felt",
    "group",
    "happen",
    "happened",
    "idea",
    "ideas",
    "main",
    "meeting",
    "meetings",
    "mention",
    "mentioned",
    "opinion",
    "opinions",
    "overall",
    "point",
    "points",
    "proposal",
    "proposals",
    "propose",
    "proposed",
    "reason",
    "reasons",
    "said",
    "say",
    "says",
    "suggest",
    "suggested",
    "suggestion",
    "suggestions",
    "summarise",
    "summarize",
    "summary",
    "talk",
    "talked",
    "talking",
    "team",
    "tell",
    "think",
    "thought",
    "thoughts",
    "view",
    "views",
    "whole",
];

/// Whether `word`, lower-cased, frames a question rather than naming its
/// subject: *discuss*, *decide*, *think*, *meeting*, *summarize*, … A query
/// of such words alone ("Summarize the whole meeting.") asks for the
/// summary of no query.
pub fn is_framing_word(word: &str) -> bool {
    FRAMING_WORDS.binary_search(&word).is_ok()
}

/// The query as terms of `document`: each of `stems` that the document
/// has, with its count, sorted by term. Stems the document lacks cannot
/// match a sentence and are left out.
pub fn query_terms<S: AsRef<str>>(document: &Document<'_>, stems: &[S]) -> Vec<(TermId, f64)> {
    let mut terms: Vec<(TermId, f64)> = Vec::new();
    if stems.is_empty() {
        return terms;
    }
    for (term, stem) in document.terms().iter().enumerate() {
        let count = stems.iter().filter(|query| query.as_ref() == &**stem).count();
        if count > 0 {
            terms.push((term as TermId, count as f64));
        }
    }
    terms
}

/// A scorer's scores mixed with relevance to a query (see the
/// [module docs](self)).
#[derive(Debug)]
pub struct QueryFocused<'s> {
    inner: &'s dyn Scorer,
    query: Vec<(TermId, f64)>,
    focus: QueryFocus,
    /// Per sentence, whether a speaker the query names said it; empty when
    /// the query names none.
    named: Vec<bool>,
}

/// Every sentence's relevance, before and after expansion, and with the
/// coverage of the stretch around it.
struct Relevance {
    /// Cosine to the query as given.
    plain: Vec<f64>,
    /// Cosine to the expanded query.
    expanded: Vec<f64>,
    /// The coverage of the query by the stretch around it.
    coverage: Vec<f64>,
    /// The mix of the expanded cosine and the coverage, each scaled.
    spread: Vec<f64>,
    /// The best of `spread`.
    max: f64,
    /// The expanded query.
    vector: SparseVector,
}

impl<'s> QueryFocused<'s> {
    /// `inner`'s scores focused on `query`, terms of the document to be
    /// scored (from [`query_terms`]).
    pub fn new(
        inner: &'s dyn Scorer,
        query: Vec<(TermId, f64)>,
        focus: QueryFocus,
    ) -> QueryFocused<'s> {
        QueryFocused { inner, query, focus, named: Vec::new() }
    }

    /// Says, per sentence, whether a speaker the query names said it (see
    /// the [module docs](self)); all `false`, or empty, when it names none.
    #[must_use]
    pub fn with_speakers(mut self, named: Vec<bool>) -> QueryFocused<'s> {
        self.named = if named.contains(&true) { named } else { Vec::new() };
        self
    }

    /// The sentences either side of a stretch in a document of `n`: the
    /// `window`, but no more than a tenth of the document, so that in a
    /// short text the stretches still differ.
    fn window(&self, n: usize) -> usize {
        self.focus.window.min(n / 10)
    }

    /// Whether there is anything to focus on.
    fn is_focused(&self) -> bool {
        !self.query.is_empty() || !self.named.is_empty()
    }

    /// Relevance `spread` of sentence `i` scaled to `[0, 1]`, with the
    /// share of a named speaker.
    fn scaled(&self, relevance: &Relevance, i: usize) -> f64 {
        let own = if relevance.max > 0.0 { relevance.spread[i] / relevance.max } else { 0.0 };
        if self.named.is_empty() {
            return own;
        }
        let named = if self.named.get(i).copied().unwrap_or(false) { 1.0 } else { 0.0 };
        if relevance.max > 0.0 {
            (1.0 - self.focus.speaker) * own + self.focus.speaker * named
        } else {
            named
        }
    }

    fn relevance(&self, document: &Document<'_>, stats: &dyn TermStats) -> Relevance {
        let n = document.sentences().len();
        let counts = TermCounts::new(document);
        let vectors = TfIdfVectors::new(document, stats, &counts);
        let query = SparseVector::from_sorted(
            self.query
                .iter()
                .map(|&(term, count)| (term, count * vectors.idf[term as usize]))
                .collect(),
        );
        let cosines = |query: SparseView<'_>| -> Vec<f64> {
            (0..n).map(|i| vectors.sentence(i).cosine(query)).collect()
        };
        let plain = cosines(query.view());
        let vector = if self.focus.expansion > 0.0 && self.focus.feedback > 0 && !query.is_empty() {
            expand(&query, &plain, &vectors, self.focus)
        } else {
            query
        };
        let expanded =
            if self.focus.expansion > 0.0 { cosines(vector.view()) } else { plain.clone() };
        let coverage = coverage(&counts, &vector, self.window(n));
        let max_cosine = expanded.iter().copied().fold(0.0, f64::max);
        let max_coverage = coverage.iter().copied().fold(0.0, f64::max);
        let scale = |value: f64, max: f64| if max > 0.0 { value / max } else { 0.0 };
        let spread: Vec<f64> = (0..n)
            .map(|i| {
                (1.0 - self.focus.context) * scale(expanded[i], max_cosine)
                    + self.focus.context * scale(coverage[i], max_coverage)
            })
            .collect();
        let max = spread.iter().copied().fold(0.0, f64::max);
        Relevance { plain, expanded, coverage, spread, max, vector }
    }

    /// The mix of `own` (the inner scorer's score, and the best and worst
    /// of them) with the scaled relevance, when there is any.
    fn mix(&self, own: f64, low: f64, high: f64, relevance: Option<f64>) -> f64 {
        let own = if high > low { (own - low) / (high - low) } else { 1.0 };
        match relevance {
            Some(relevance) => (1.0 - self.focus.weight) * own + self.focus.weight * relevance,
            None => own,
        }
    }

    /// Whether the relevance says anything: some sentence matches the
    /// query, or a named speaker said one.
    fn informative(&self, relevance: &Relevance) -> bool {
        relevance.max > 0.0 || !self.named.is_empty()
    }
}

/// The query plus `expansion` times the mean unit vector of the
/// `feedback` sentences most similar to it, themselves as unit vectors.
fn expand(
    query: &SparseVector,
    cosines: &[f64],
    vectors: &TfIdfVectors,
    focus: QueryFocus,
) -> SparseVector {
    let mut best: Vec<usize> = (0..cosines.len()).filter(|&i| cosines[i] > 0.0).collect();
    best.sort_by(|&a, &b| cosines[b].total_cmp(&cosines[a]).then(a.cmp(&b)));
    best.truncate(focus.feedback);
    if best.is_empty() {
        return query.clone();
    }
    let mut weights: std::collections::BTreeMap<TermId, f64> = std::collections::BTreeMap::new();
    for &(term, weight) in query.entries() {
        *weights.entry(term).or_default() += weight / query.norm();
    }
    let share = focus.expansion / best.len() as f64;
    for &i in &best {
        let sentence = vectors.sentence(i);
        for &(term, weight) in sentence.entries() {
            *weights.entry(term).or_default() += share * weight / sentence.norm();
        }
    }
    SparseVector::from_sorted(weights.into_iter().collect())
}

/// How well the `window` sentences either side of each sentence (and the
/// sentence itself) cover the heaviest terms of `query`: the sum over
/// those terms of their weight × `c / (c + 1)`, `c` the term's count in
/// the window, so that a stretch holding every term of the query beats one
/// that repeats one of them.
fn coverage(counts: &TermCounts, query: &SparseVector, window: usize) -> Vec<f64> {
    const TERMS: usize = 16;
    let n = counts.sentences.len();
    let mut heaviest: Vec<(TermId, f64)> = query.entries().to_vec();
    heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    heaviest.truncate(TERMS);
    let mut region = vec![0.0; n];
    let mut prefix = vec![0u32; n + 1];
    for &(term, weight) in &heaviest {
        for i in 0..n {
            let row = counts.sentences.row(i);
            let count = row.binary_search_by_key(&term, |&(t, _)| t).map_or(0, |at| row[at].1);
            prefix[i + 1] = prefix[i] + count;
        }
        for (i, value) in region.iter_mut().enumerate() {
            let start = i.saturating_sub(window);
            let end = (i + window + 1).min(n);
            let c = f64::from(prefix[end] - prefix[start]);
            *value += weight * c / (c + 1.0);
        }
    }
    region
}

fn bounds(scores: &[Score]) -> (f64, f64) {
    scores
        .iter()
        .filter(|score| score.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &score| {
            (low.min(score), high.max(score))
        })
}

impl Scorer for QueryFocused<'_> {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        self.score_for_target(document, stats, crate::DEFAULT_TARGET_SENTENCES, scores);
    }

    fn score_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
        scores: &mut [Score],
    ) {
        self.inner.score_for_target(document, stats, target_sentences, scores);
        if !self.is_focused() {
            return;
        }
        let relevance = self.relevance(document, stats);
        if !self.informative(&relevance) {
            return;
        }
        let (low, high) = bounds(scores);
        for (i, score) in scores.iter_mut().enumerate() {
            let own = if score.is_finite() { *score } else { low };
            *score = self.mix(own, low, high, Some(self.scaled(&relevance, i)));
        }
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        self.explain_for_target(document, stats, crate::DEFAULT_TARGET_SENTENCES, sentence_idx)
    }

    fn explain_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
        sentence_idx: usize,
    ) -> Explanation {
        let own_explanation =
            self.inner.explain_for_target(document, stats, target_sentences, sentence_idx);
        if !self.is_focused() {
            return own_explanation;
        }
        let relevance = self.relevance(document, stats);
        if !self.informative(&relevance) {
            return own_explanation;
        }
        let mut scores = vec![0.0; document.sentences().len()];
        self.inner.score_for_target(document, stats, target_sentences, &mut scores);
        let (low, high) = bounds(&scores);
        let own = scores.get(sentence_idx).copied().filter(|s| s.is_finite()).unwrap_or(low);
        let scaled_relevance = self.scaled(&relevance, sentence_idx);
        let value = self.mix(own, low, high, Some(scaled_relevance));
        let scaled_own = if high > low { (own - low) / (high - low) } else { 1.0 };
        // The query's terms in this sentence, most weight first.
        let sentence_terms: Vec<TermId> = {
            let mut terms: Vec<TermId> = document
                .sentence_tokens(sentence_idx)
                .iter()
                .filter(|token| !token.is_stop())
                .map(|token| token.term())
                .collect();
            terms.sort_unstable();
            terms.dedup();
            terms
        };
        let mut matched: Vec<(TermId, f64)> = relevance
            .vector
            .entries()
            .iter()
            .filter(|(term, _)| sentence_terms.binary_search(term).is_ok())
            .copied()
            .collect();
        matched.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let coverage = Explanation::new(
            format!(
                "coverage of the query's heaviest terms by the {} sentences either side and this one",
                self.window(document.sentences().len())
            ),
            relevance.coverage[sentence_idx],
        );
        let mut cosine = Explanation::new(
            "tf-idf cosine to the expanded query",
            relevance.expanded[sentence_idx],
        )
        .with(Explanation::new(
            "tf-idf cosine to the query as given",
            relevance.plain[sentence_idx],
        ));
        for &(term, weight) in matched.iter().take(8) {
            let origin = if self.query.iter().any(|&(query_term, _)| query_term == term) {
                "query term"
            } else {
                "expansion term"
            };
            cosine = cosine.with(Explanation::new(
                format!("{origin} \"{}\" (weight in the query)", document.term(term)),
                weight,
            ));
        }
        let mut query_relevance = Explanation::new(
            format!(
                "query relevance, scaled: {:.2} × cosine + {:.2} × coverage, each over its best",
                1.0 - self.focus.context,
                self.focus.context,
            ),
            scaled_relevance,
        )
        .with(cosine)
        .with(coverage);
        if !self.named.is_empty() {
            let named = self.named.get(sentence_idx).copied().unwrap_or(false);
            query_relevance = query_relevance.with(Explanation::new(
                format!(
                    "said by a speaker the query names ({:.2} of the relevance)",
                    self.focus.speaker
                ),
                if named { 1.0 } else { 0.0 },
            ));
        }
        Explanation::new(
            format!(
                "query-focused score: {:.2} × scorer's score + {:.2} × query relevance, each scaled to [0, 1] over the document",
                1.0 - self.focus.weight,
                self.focus.weight
            ),
            value,
        )
        .with(Explanation::new("scorer's score, scaled", scaled_own).with(own_explanation))
        .with(query_relevance)
    }

    fn eligibility(&self) -> Eligibility {
        self.inner.eligibility()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SentenceFrequencies, TfIdfPosition};
    use abridge_text::Language;

    const TEXT: &str = "The council met on Monday to plan the year. \
        The budget for the new library was the first item. \
        Members argued about the cost of the library roof. \
        The harbour wall needs repairs before the winter storms. \
        Divers found a breach in the harbour wall last week. \
        Engineers say the breach grows with every tide. \
        The council will vote on both plans in March.";

    fn scores(document: &Document<'_>, stems: &[&str], focus: QueryFocus) -> Vec<f64> {
        let stats = SentenceFrequencies::new(document);
        let inner = TfIdfPosition::default();
        let focused = QueryFocused::new(&inner, query_terms(document, stems), focus);
        focused.scores(document, &stats)
    }

    fn best(scores: &[f64]) -> usize {
        (0..scores.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap()
    }

    #[test]
    fn the_query_moves_the_best_sentence() {
        let document = Document::new(TEXT, Language::English);
        let plain =
            TfIdfPosition::default().scores(&document, &SentenceFrequencies::new(&document));
        let harbour = scores(&document, &["harbour", "wall"], QueryFocus::default());
        assert!(document.sentence_text(best(&harbour)).contains("harbour wall"));
        let library = scores(&document, &["librari", "roof"], QueryFocus::default());
        assert!(document.sentence_text(best(&library)).contains("library roof"));
        // Without a query, neither question decides.
        assert!(best(&plain) != best(&harbour) || best(&plain) != best(&library));
    }

    #[test]
    fn a_query_the_document_lacks_keeps_the_order() {
        let document = Document::new(TEXT, Language::English);
        let stats = SentenceFrequencies::new(&document);
        let inner = TfIdfPosition::default();
        let plain = inner.scores(&document, &stats);
        let terms = query_terms(&document, &["volcano"]);
        assert!(terms.is_empty());
        let focused =
            QueryFocused::new(&inner, terms, QueryFocus::default()).scores(&document, &stats);
        assert_eq!(focused, plain);
    }

    #[test]
    fn expansion_reaches_sentences_in_other_words() {
        // "breach" is not in the query, but it stands beside "harbour" in
        // a sentence that answers it.
        let document = Document::new(TEXT, Language::English);
        let stats = SentenceFrequencies::new(&document);
        let inner = TfIdfPosition::default();
        let tide = (0..document.sentences().len())
            .find(|&i| document.sentence_text(i).contains("tide"))
            .unwrap();
        let terms = query_terms(&document, &["harbour"]);
        let focus = QueryFocus { context: 0.0, ..QueryFocus::default() };
        let relevance =
            QueryFocused::new(&inner, terms.clone(), focus).relevance(&document, &stats);
        assert_eq!(relevance.plain[tide], 0.0);
        assert!(relevance.expanded[tide] > 0.0);
        let focus = QueryFocus { expansion: 0.0, ..focus };
        let relevance = QueryFocused::new(&inner, terms, focus).relevance(&document, &stats);
        assert_eq!(relevance.expanded[tide], 0.0);
    }

    #[test]
    fn coverage_rewards_every_term_of_the_query() {
        let text = "Alpha beta gamma delta. Alpha again here now. Alpha once more today. \
                    Zeta eta theta iota. Beta lives here too. Gamma lives here also.";
        let document = Document::new(text, Language::English);
        let stats = SentenceFrequencies::new(&document);
        let counts = TermCounts::new(&document);
        let vectors = TfIdfVectors::new(&document, &stats, &counts);
        let terms = query_terms(&document, &["alpha", "beta", "gamma"]);
        let query = SparseVector::from_sorted(
            terms.iter().map(|&(term, count)| (term, count * vectors.idf[term as usize])).collect(),
        );
        let alone = coverage(&counts, &query, 0);
        // The first sentence holds all three terms; the second repeats one.
        assert!(alone[0] > alone[1] && alone[1] > 0.0 && alone[3] == 0.0, "{alone:?}");
        // With neighbours, the sentence between "beta" and "gamma" covers two.
        let around = coverage(&counts, &query, 1);
        assert!(around[3] > 0.0 && around[4] > alone[4], "{around:?}");
    }

    #[test]
    fn scores_are_finite_and_explained() {
        let document = Document::new(TEXT, Language::English);
        let stats = SentenceFrequencies::new(&document);
        let inner = TfIdfPosition::default();
        let focused =
            QueryFocused::new(&inner, query_terms(&document, &["harbour"]), QueryFocus::default());
        let scores = focused.scores(&document, &stats);
        assert!(scores.iter().all(|score| score.is_finite()));
        for (i, score) in scores.iter().enumerate() {
            let explanation = focused.explain(&document, &stats, i);
            assert!((explanation.value - score).abs() < 1e-9, "{explanation}");
        }
        let text = focused.explain(&document, &stats, 4).to_string();
        assert!(text.contains("query term \"harbour\""), "{text}");
    }

    #[test]
    fn a_named_speaker_lifts_their_sentences() {
        let document = Document::new(TEXT, Language::English);
        let stats = SentenceFrequencies::new(&document);
        let inner = TfIdfPosition::default();
        let mut named = vec![false; document.sentences().len()];
        named[2] = true;
        let focus = QueryFocus { speaker: 1.0, ..QueryFocus::default() };
        // No term of the query in the document: the speaker alone decides.
        let focused = QueryFocused::new(&inner, Vec::new(), focus).with_speakers(named.clone());
        let scores = focused.scores(&document, &stats);
        assert_eq!(best(&scores), 2);
        let text = focused.explain(&document, &stats, 2).to_string();
        assert!(text.contains("said by a speaker the query names"), "{text}");
        // Nobody named: the scorer's own order.
        let focused = QueryFocused::new(&inner, Vec::new(), focus).with_speakers(vec![false; 7]);
        assert_eq!(focused.scores(&document, &stats), inner.scores(&document, &stats));
    }

    #[test]
    fn framing_words_are_sorted() {
        assert!(FRAMING_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_framing_word("discussed") && !is_framing_word("harbour"));
    }

    #[test]
    fn ranges_are_checked() {
        assert!(QueryFocus::default().check().is_ok());
        assert!(QueryFocus { weight: 1.5, ..QueryFocus::default() }.check().is_err());
        assert!(QueryFocus { expansion: -1.0, ..QueryFocus::default() }.check().is_err());
    }
}
