//! Query-focused scoring: a scorer's own score mixed with how well each
//! sentence answers a query.
//!
//! ```text
//! relevance(i) = cosine(tfidf(sentence i), q')            q' = the expanded query
//! spread(i)    = (1 − context) · relevance(i) + context · mean relevance of its neighbours
//! score(i)     = (1 − weight) · own(i) / max own + weight · spread(i) / max spread
//! ```
//!
//! The query is a bag of the document's terms (stems of content words, as
//! [`query_terms`] finds them), weighted by count × IDF like a sentence.
//! It is expanded over the terms that co-occur with it in the document
//! (pseudo-relevance feedback, as Rocchio's): the unit vectors of the
//! `feedback` sentences most similar to the query are added to it with
//! weight `expansion`, so a sentence about the query's subject in other
//! words still scores. Meetings and reports talk about one subject for a
//! stretch, so a sentence also takes `context` of the mean relevance of the
//! `window` sentences either side of it. A query that shares no term with
//! the document leaves the scorer's own order.

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
    /// Share of a sentence's relevance that comes from its neighbours, in
    /// `[0, 1]`.
    pub context: f64,
    /// How many sentences on either side are its neighbours.
    pub window: usize,
}

impl Default for QueryFocus {
    fn default() -> Self {
        QueryFocus { weight: 0.8, expansion: 0.5, feedback: 5, context: 0.3, window: 3 }
    }
}

impl QueryFocus {
    /// Checks the ranges: `weight` and `context` in `[0, 1]`, `expansion`
    /// finite and not negative.
    pub fn check(&self) -> Result<(), String> {
        for (name, value) in [("weight", self.weight), ("context", self.context)] {
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
}

/// Every sentence's relevance, before and after expansion and spreading.
struct Relevance {
    /// Cosine to the query as given.
    plain: Vec<f64>,
    /// Cosine to the expanded query.
    expanded: Vec<f64>,
    /// With the neighbours' share.
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
        QueryFocused { inner, query, focus }
    }

    fn relevance(&self, document: &Document<'_>, stats: &dyn TermStats) -> Relevance {
        let n = document.sentences().len();
        let vectors = TfIdfVectors::new(document, stats, &TermCounts::new(document));
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
        let spread = spread(&expanded, self.focus);
        let max = spread.iter().copied().fold(0.0, f64::max);
        Relevance { plain, expanded, spread, max, vector }
    }

    /// The mix of `own` (the inner scorer's score, and the best and worst
    /// of them) with the relevance.
    fn mix(&self, own: f64, low: f64, high: f64, relevance: f64, max_relevance: f64) -> f64 {
        let own = if high > low { (own - low) / (high - low) } else { 1.0 };
        if max_relevance <= 0.0 {
            return own;
        }
        (1.0 - self.focus.weight) * own + self.focus.weight * relevance / max_relevance
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

/// Each value with `context` of the mean of its `window` neighbours on
/// either side.
fn spread(values: &[f64], focus: QueryFocus) -> Vec<f64> {
    if focus.context == 0.0 || focus.window == 0 {
        return values.to_vec();
    }
    // Prefix sums: the mean of a window in constant time.
    let mut prefix = Vec::with_capacity(values.len() + 1);
    prefix.push(0.0);
    for value in values {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + value);
    }
    (0..values.len())
        .map(|i| {
            let start = i.saturating_sub(focus.window);
            let end = (i + focus.window + 1).min(values.len());
            let neighbours = end - start - 1;
            if neighbours == 0 {
                return values[i];
            }
            let mean = (prefix[end] - prefix[start] - values[i]) / neighbours as f64;
            (1.0 - focus.context) * values[i] + focus.context * mean
        })
        .collect()
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
        if self.query.is_empty() {
            return;
        }
        let relevance = self.relevance(document, stats);
        let (low, high) = bounds(scores);
        for (score, &relevance_i) in scores.iter_mut().zip(&relevance.spread) {
            let own = if score.is_finite() { *score } else { low };
            *score = self.mix(own, low, high, relevance_i, relevance.max);
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
        if self.query.is_empty() {
            return own_explanation;
        }
        let mut scores = vec![0.0; document.sentences().len()];
        self.inner.score_for_target(document, stats, target_sentences, &mut scores);
        let (low, high) = bounds(&scores);
        let own = scores.get(sentence_idx).copied().filter(|s| s.is_finite()).unwrap_or(low);
        let relevance = self.relevance(document, stats);
        let value = self.mix(own, low, high, relevance.spread[sentence_idx], relevance.max);
        let scaled_own = if high > low { (own - low) / (high - low) } else { 1.0 };
        let scaled_relevance =
            if relevance.max > 0.0 { relevance.spread[sentence_idx] / relevance.max } else { 0.0 };
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
        Explanation::new(
            format!(
                "query-focused score: {:.2} × scorer's score + {:.2} × query relevance, each scaled to [0, 1] over the document",
                1.0 - self.focus.weight,
                self.focus.weight
            ),
            value,
        )
        .with(Explanation::new("scorer's score, scaled", scaled_own).with(own_explanation))
        .with(
            Explanation::new(
                format!(
                    "query relevance, scaled ({:.2} its own, {:.2} the mean of {} neighbours either side)",
                    1.0 - self.focus.context,
                    self.focus.context,
                    self.focus.window
                ),
                scaled_relevance,
            )
            .with(cosine),
        )
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
        assert_eq!(best(&plain), 0, "without a query the lead wins");
        let harbour = scores(&document, &["harbour", "wall"], QueryFocus::default());
        assert!(document.sentence_text(best(&harbour)).contains("harbour wall"));
        let library = scores(&document, &["librari", "roof"], QueryFocus::default());
        assert!(document.sentence_text(best(&library)).contains("library roof"));
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
    fn neighbours_share_their_relevance() {
        let spread = spread(
            &[0.0, 1.0, 0.0, 0.0],
            QueryFocus { context: 0.5, window: 1, ..QueryFocus::default() },
        );
        assert_eq!(spread, [0.5, 0.5, 0.25, 0.0]);
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
        for i in 0..scores.len() {
            let explanation = focused.explain(&document, &stats, i);
            assert!((explanation.value - scores[i]).abs() < 1e-9, "{explanation}");
        }
        let text = focused.explain(&document, &stats, 4).to_string();
        assert!(text.contains("query term \"harbour\""), "{text}");
    }

    #[test]
    fn ranges_are_checked() {
        assert!(QueryFocus::default().check().is_ok());
        assert!(QueryFocus { weight: 1.5, ..QueryFocus::default() }.check().is_err());
        assert!(QueryFocus { expansion: -1.0, ..QueryFocus::default() }.check().is_err());
    }
}
