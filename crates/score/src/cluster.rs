//! Choosing sentences from a cluster of documents: several articles on one
//! story, summarised together.
//!
//! Each document is segmented, analysed and scored on its own, so its
//! position prior counts rank within that document, not within a
//! concatenation. What the documents share is counted here:
//!
//! - [`ClusterTerms`] maps every document's term ids to ids shared by the
//!   cluster and counts, per term, the sentences of the whole cluster that
//!   hold it (the IDF the scorers see, through [`ClusterTerms::stats`]) and
//!   the documents that hold it.
//! - [`ClusterSelector`] chooses sentences from all the documents under one
//!   budget. By default it covers *concepts*, as ICSI-style systems do
//!   (Gillick and Favre, "A Scalable Global Model for Summarization", 2009):
//!   a concept is a bigram of stems that is not two stop words, weighted by
//!   the number of documents that contain it, and counted once in a
//!   summary, however many chosen sentences hold it. A fact that several
//!   wires report is a concept of several documents; the second sentence
//!   that reports it adds nothing. Sentences are picked greedily by gain per
//!   length: the weight of the concepts a sentence would newly cover,
//!   divided by its words to the power [`ConceptParams::length_exponent`]
//!   (½ by default) and normalised so the best sentence gains 1, plus its own
//!   score from the scorer (normalised by the best of its document), which
//!   carries the position prior, times [`ConceptParams::relevance_weight`]. With [`ClusterMethod::Mmr`] it picks by
//!   maximal marginal relevance instead, the redundancy being the
//!   content-term cosine to the sentences already chosen, across
//!   documents.
//! - Either way, a near-duplicate (content-term cosine at least
//!   [`DUPLICATE_SIMILARITY`]) of a chosen sentence, from any document, is
//!   never chosen.
//!
//! The selector sees the documents in the order it is given them and breaks
//! every tie by that order, so a caller that wants summaries independent of
//! input order (the facade does) puts the documents into an order of their
//! own (date, id, text) first.

use std::collections::HashMap;

use abridge_text::{Document, TermId};
use serde::{Deserialize, Serialize};

use crate::redundancy::set_cosine;
use crate::select::{BudgetMeter, DUPLICATE_SIMILARITY};
use crate::{Budget, Eligibility, Order, Score, Selector, TermStats};

/// The terms of a cluster: ids shared by all its documents, and how many
/// sentences and documents of the cluster hold each.
#[derive(Clone, Debug)]
pub struct ClusterTerms {
    /// Per document, per term id of the document, the cluster's id.
    global: Vec<Vec<u32>>,
    /// Per cluster term, the sentences (of all documents) that hold it.
    sentence_freq: Vec<u32>,
    /// Per cluster term, the documents that hold it.
    doc_freq: Vec<u32>,
    n_sentences: usize,
}

impl ClusterTerms {
    /// Counts the terms of `documents`, which must all be analysed in one
    /// language for their stems to meet.
    pub fn new(documents: &[Document<'_>]) -> ClusterTerms {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut global = Vec::with_capacity(documents.len());
        for document in documents {
            let map: Vec<u32> = document
                .terms()
                .iter()
                .map(|term| {
                    let next = ids.len() as u32;
                    *ids.entry(&**term).or_insert(next)
                })
                .collect();
            global.push(map);
        }
        let n_global = ids.len();
        let mut sentence_freq = vec![0u32; n_global];
        let mut doc_freq = vec![0u32; n_global];
        // The last sentence (numbered across the cluster) and document that
        // counted each term, so a term counts once per sentence and document.
        let mut last_sentence = vec![u32::MAX; n_global];
        let mut last_doc = vec![u32::MAX; n_global];
        let mut n_sentences = 0u32;
        for (doc_idx, document) in documents.iter().enumerate() {
            for sentence_idx in 0..document.sentences().len() {
                for token in document.sentence_tokens(sentence_idx) {
                    let term = global[doc_idx][token.term() as usize] as usize;
                    if last_sentence[term] != n_sentences {
                        last_sentence[term] = n_sentences;
                        sentence_freq[term] += 1;
                    }
                    if last_doc[term] != doc_idx as u32 {
                        last_doc[term] = doc_idx as u32;
                        doc_freq[term] += 1;
                    }
                }
                n_sentences += 1;
            }
        }
        ClusterTerms { global, sentence_freq, doc_freq, n_sentences: n_sentences as usize }
    }

    /// The cluster's id of `term` of document `doc_idx`.
    pub fn global(&self, doc_idx: usize, term: TermId) -> u32 {
        self.global[doc_idx][term as usize]
    }

    /// Number of terms in the cluster.
    pub fn n_terms(&self) -> usize {
        self.doc_freq.len()
    }

    /// How many documents hold the cluster term `global`.
    pub fn doc_freq(&self, global: u32) -> u32 {
        self.doc_freq[global as usize]
    }

    /// The term statistics to score document `doc_idx` with: each sentence
    /// of the cluster counts as a document, as [`SentenceFrequencies`]
    /// counts the sentences of one document.
    ///
    /// [`SentenceFrequencies`]: crate::SentenceFrequencies
    pub fn stats(&self, doc_idx: usize) -> ClusterStats<'_> {
        ClusterStats { terms: self, doc_idx }
    }
}

/// [`TermStats`] of one document of a cluster, counted over the cluster
/// ([`ClusterTerms::stats`]).
#[derive(Clone, Copy, Debug)]
pub struct ClusterStats<'c> {
    terms: &'c ClusterTerms,
    doc_idx: usize,
}

impl TermStats for ClusterStats<'_> {
    fn n_docs(&self) -> f64 {
        self.terms.n_sentences as f64
    }

    fn doc_freq(&self, _document: &Document<'_>, term: TermId) -> f64 {
        self.terms
            .global
            .get(self.doc_idx)
            .and_then(|map| map.get(term as usize))
            .map_or(0.0, |&global| self.terms.sentence_freq[global as usize] as f64)
    }
}

/// How a [`ClusterSelector`] controls redundancy across documents.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterMethod {
    /// Concept coverage, greedy by gain per word.
    Concepts(ConceptParams),
    /// Maximal marginal relevance with trade-off λ in `[0, 1]`.
    Mmr(f64),
}

impl Default for ClusterMethod {
    fn default() -> Self {
        ClusterMethod::Concepts(ConceptParams::default())
    }
}

/// The settings of concept coverage.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConceptParams {
    /// How much a sentence's score (over the best of its document) adds to
    /// the gain of the concepts it covers (normalised so the best sentence
    /// gains 1).
    pub relevance_weight: f64,
    /// The weight of a content word shared by documents, as a concept of
    /// its own, beside the bigrams (0 counts bigrams only).
    pub unigram_weight: f64,
    /// The concepts' gain is divided by the sentence's words to this power:
    /// 1 is gain per word, as a knapsack greedy, 0 gain per sentence.
    pub length_exponent: f64,
}

impl Default for ConceptParams {
    fn default() -> Self {
        ConceptParams { relevance_weight: 1.0, unigram_weight: 0.0, length_exponent: 0.5 }
    }
}

/// A sentence that may be chosen.
#[derive(Debug)]
struct Candidate {
    doc_idx: usize,
    sentence_idx: usize,
    words: usize,
    /// The scorer's score over the best of its document, in `[0, 1]`.
    relevance: f64,
    /// Distinct content terms, cluster ids, sorted.
    terms: Vec<u32>,
    /// Distinct concepts with a weight, indices into the weights.
    concepts: Vec<u32>,
}

/// A chosen sentence: document and sentence index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClusterPick {
    /// Index of the document, in the order the selector was given them.
    pub doc_idx: usize,
    /// Index of the sentence in that document.
    pub sentence_idx: usize,
}

/// Chooses sentences from a cluster of documents under one budget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterSelector {
    /// How long the summary may be, over all documents.
    pub budget: Budget,
    /// [`Order::Document`]: by document, then by place in it;
    /// [`Order::Score`]: in the order picked.
    pub order: Order,
    /// How redundancy is controlled.
    pub method: ClusterMethod,
}

impl ClusterSelector {
    /// The least number of documents a concept must occur in to count:
    /// two, and a quarter of the documents in large clusters (three of ten,
    /// as ICSI's systems keep on DUC clusters).
    pub fn min_doc_freq(n_docs: usize) -> u32 {
        (n_docs.div_ceil(4)).max(2) as u32
    }

    /// Chooses sentences of `documents` given each document's scores
    /// (`scores[doc_idx][sentence_idx]`, from one scorer with
    /// `eligibility`). The budget always holds, no sentence is chosen twice,
    /// and no two chosen sentences are near-duplicates.
    pub fn select(
        &self,
        documents: &[Document<'_>],
        terms: &ClusterTerms,
        scores: &[Vec<Score>],
        eligibility: Eligibility,
    ) -> Vec<ClusterPick> {
        let (candidates, weights) = self.candidates(documents, terms, scores, eligibility);
        let n_eligible = candidates.len();
        let mut meter = BudgetMeter::new(self.budget, n_eligible);
        let mut covered = vec![false; weights.len()];
        let mut chosen: Vec<usize> = Vec::new();
        let mut open: Vec<bool> = vec![true; candidates.len()];
        let length_exponent = match self.method {
            ClusterMethod::Concepts(params) => params.length_exponent,
            ClusterMethod::Mmr(_) => 0.0,
        };
        let per_word = |candidate: &Candidate, gain: f64| {
            gain / (candidate.words.max(1) as f64).powf(length_exponent)
        };
        let max_gain = candidates
            .iter()
            .map(|candidate| {
                per_word(
                    candidate,
                    candidate.concepts.iter().map(|&c| weights[c as usize]).sum::<f64>(),
                )
            })
            .fold(0.0, f64::max);
        while !meter.is_full() {
            let mut best: Option<(usize, f64)> = None;
            for (candidate_idx, candidate) in candidates.iter().enumerate() {
                if !open[candidate_idx] {
                    continue;
                }
                if !meter.fits(&documents[candidate.doc_idx], candidate.sentence_idx) {
                    continue;
                }
                let value = match self.method {
                    ClusterMethod::Concepts(params) => {
                        let gain: f64 = candidate
                            .concepts
                            .iter()
                            .filter(|&&c| !covered[c as usize])
                            .map(|&c| weights[c as usize])
                            .sum();
                        let gain = per_word(candidate, gain);
                        let gain = if max_gain > 0.0 { gain / max_gain } else { 0.0 };
                        // A sliver of relevance orders sentences that cover
                        // nothing new, so the budget still fills.
                        gain + (params.relevance_weight + 1e-3) * candidate.relevance
                    }
                    ClusterMethod::Mmr(lambda) => {
                        let lambda = lambda.clamp(0.0, 1.0);
                        let redundancy = chosen
                            .iter()
                            .map(|&c| set_cosine(&candidates[c].terms, &candidate.terms))
                            .fold(0.0, f64::max);
                        lambda * candidate.relevance - (1.0 - lambda) * redundancy
                    }
                };
                // Ties go to the earlier candidate: strict comparison.
                if best.is_none_or(|(_, best_value)| value > best_value) {
                    best = Some((candidate_idx, value));
                }
            }
            let Some((pick, _)) = best else { break };
            open[pick] = false;
            let candidate = &candidates[pick];
            meter.add(&documents[candidate.doc_idx], candidate.sentence_idx);
            for &c in &candidate.concepts {
                covered[c as usize] = true;
            }
            // Near-duplicates of the pick, in any document, are out.
            for (other_idx, other) in candidates.iter().enumerate() {
                if open[other_idx]
                    && set_cosine(&other.terms, &candidate.terms) >= DUPLICATE_SIMILARITY
                {
                    open[other_idx] = false;
                }
            }
            chosen.push(pick);
        }
        let mut picks: Vec<ClusterPick> = chosen
            .iter()
            .map(|&c| ClusterPick {
                doc_idx: candidates[c].doc_idx,
                sentence_idx: candidates[c].sentence_idx,
            })
            .collect();
        if self.order == Order::Document {
            picks.sort_unstable();
        }
        picks
    }

    /// The eligible sentences with their terms and concepts, and the
    /// weight of every concept.
    fn candidates(
        &self,
        documents: &[Document<'_>],
        terms: &ClusterTerms,
        scores: &[Vec<Score>],
        eligibility: Eligibility,
    ) -> (Vec<Candidate>, Vec<f64>) {
        let params = match self.method {
            ClusterMethod::Concepts(params) => Some(params),
            ClusterMethod::Mmr(_) => None,
        };
        let min_doc_freq = ClusterSelector::min_doc_freq(documents.len());
        // Concept key → (index, documents holding it, last document seen).
        let mut concept_ids: HashMap<u64, (u32, u32, u32)> = HashMap::new();
        let mut candidates = Vec::new();
        let mut sentence_concepts: Vec<u64> = Vec::new();
        for (doc_idx, document) in documents.iter().enumerate() {
            let eligible = Selector::eligible(document, eligibility);
            let doc_scores = &scores[doc_idx];
            let best = eligible
                .iter()
                .map(|i| doc_scores.get(i).copied().unwrap_or(0.0))
                .fold(0.0, f64::max);
            for sentence_idx in 0..document.sentences().len() {
                let tokens = document.sentence_tokens(sentence_idx);
                let global = |token: &abridge_text::Token| terms.global(doc_idx, token.term());
                sentence_concepts.clear();
                if params.is_some() {
                    for pair in tokens.windows(2) {
                        if pair[0].is_stop() && pair[1].is_stop() {
                            continue;
                        }
                        sentence_concepts.push(
                            (u64::from(global(&pair[0])) << 32) | u64::from(global(&pair[1])),
                        );
                    }
                    if params.is_some_and(|params| params.unigram_weight > 0.0) {
                        // Unigrams as the pair (term, u32::MAX), which no
                        // bigram is.
                        sentence_concepts.extend(
                            tokens.iter().filter(|token| !token.is_stop()).map(|token| {
                                (u64::from(global(token)) << 32) | u64::from(u32::MAX)
                            }),
                        );
                    }
                    sentence_concepts.sort_unstable();
                    sentence_concepts.dedup();
                }
                let mut concepts = Vec::with_capacity(sentence_concepts.len());
                for &key in &sentence_concepts {
                    let next = concept_ids.len() as u32;
                    let entry = concept_ids.entry(key).or_insert((next, 0, u32::MAX));
                    if entry.2 != doc_idx as u32 {
                        entry.2 = doc_idx as u32;
                        entry.1 += 1;
                    }
                    concepts.push(entry.0);
                }
                if !eligible.contains(sentence_idx) {
                    continue;
                }
                let mut content: Vec<u32> =
                    tokens.iter().filter(|token| !token.is_stop()).map(global).collect();
                content.sort_unstable();
                content.dedup();
                let score = doc_scores.get(sentence_idx).copied().unwrap_or(0.0);
                candidates.push(Candidate {
                    doc_idx,
                    sentence_idx,
                    words: document.sentence_words(sentence_idx),
                    relevance: if best > 0.0 { (score / best).max(0.0) } else { 0.0 },
                    terms: content,
                    concepts,
                });
            }
        }
        let mut weights = vec![0.0; concept_ids.len()];
        let unigram_weight = params.map_or(0.0, |params| params.unigram_weight);
        for (&key, &(concept, n_docs, _)) in &concept_ids {
            if n_docs >= min_doc_freq {
                let unigram = key & u64::from(u32::MAX) == u64::from(u32::MAX);
                weights[concept as usize] =
                    f64::from(n_docs) * if unigram { unigram_weight } else { 1.0 };
            }
        }
        // Only concepts with a weight matter from here on.
        for candidate in &mut candidates {
            candidate.concepts.retain(|&c| weights[c as usize] > 0.0);
        }
        (candidates, weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use abridge_text::Language;

    fn documents<'a>(texts: &[&'a str]) -> Vec<Document<'a>> {
        texts.iter().map(|text| Document::new(text, Language::English)).collect()
    }

    const WIRE_A: &str = "A storm flooded the harbour town of Kelso on Monday night. \
        Fishing boats broke loose from their moorings in the old port. \
        The mayor said the sea wall would be rebuilt before winter.";
    const WIRE_B: &str = "The harbour town of Kelso was flooded by a storm on Monday night. \
        Residents of the lower streets spent the night in the school gym. \
        Insurers expect claims of several million pounds from the town.";

    #[test]
    fn cluster_terms_share_ids_and_count_documents() {
        let documents = documents(&[WIRE_A, WIRE_B]);
        let terms = ClusterTerms::new(&documents);
        let id_in = |doc_idx: usize, stem: &str| {
            let local = documents[doc_idx].terms().iter().position(|t| &**t == stem).unwrap();
            terms.global(doc_idx, local as TermId)
        };
        assert_eq!(id_in(0, "kelso"), id_in(1, "kelso"));
        assert_eq!(terms.doc_freq(id_in(0, "kelso")), 2);
        assert_eq!(terms.doc_freq(id_in(0, "mayor")), 1);
        let stats = terms.stats(1);
        let local = documents[1].terms().iter().position(|t| &**t == "kelso").unwrap();
        assert_eq!(stats.n_docs(), 6.0);
        assert_eq!(stats.doc_freq(&documents[1], local as TermId), 2.0);
    }

    #[test]
    fn a_fact_two_wires_report_is_chosen_once() {
        let documents = documents(&[WIRE_A, WIRE_B]);
        let terms = ClusterTerms::new(&documents);
        // Each wire's first sentence reports the flood; score leads highest.
        let scores = vec![vec![1.0, 0.5, 0.4], vec![1.0, 0.6, 0.5]];
        for method in [ClusterMethod::default(), ClusterMethod::Mmr(0.5)] {
            let selector =
                ClusterSelector { budget: Budget::Sentences(2), order: Order::Document, method };
            let picks = selector.select(&documents, &terms, &scores, Eligibility::Content);
            assert_eq!(picks.len(), 2, "{method:?}: {picks:?}");
            let leads = picks.iter().filter(|pick| pick.sentence_idx == 0).count();
            assert_eq!(leads, 1, "{method:?}: both wires' leads chosen: {picks:?}");
        }
    }

    #[test]
    fn the_budget_holds_across_documents() {
        let documents = documents(&[WIRE_A, WIRE_B]);
        let terms = ClusterTerms::new(&documents);
        let scores = vec![vec![1.0, 0.5, 0.4], vec![1.0, 0.6, 0.5]];
        let selector = ClusterSelector { budget: Budget::Words(25), ..ClusterSelector::default() };
        let picks = selector.select(&documents, &terms, &scores, Eligibility::Content);
        let words: usize = picks
            .iter()
            .map(|pick| documents[pick.doc_idx].sentence_words(pick.sentence_idx))
            .sum();
        assert!(!picks.is_empty() && words <= 25, "{words} words: {picks:?}");
    }
}
