//! Term statistics: how informative a term is, from the document itself or
//! from a background corpus.

use std::collections::HashMap;

use abridge_text::{Document, TermId};
use serde::{Deserialize, Serialize};

/// Document frequencies for inverse document frequency (IDF).
///
/// Modelled on tantivy's `Bm25StatisticsProvider`: the scorer asks how many
/// "documents" there are and how many contain a term, and never where the
/// numbers come from. [`SentenceFrequencies`] counts the sentences of the
/// document being summarised; [`BackgroundFrequencies`] counts the documents
/// of a corpus.
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{SentenceFrequencies, TermStats};
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
/// let stats = SentenceFrequencies::new(&document);
/// let harbour = document.tokens()[1].term();
/// let the = document.tokens()[0].term();
/// assert_eq!(stats.n_docs(), 3.0);
/// assert!(stats.idf(&document, harbour) > stats.idf(&document, the) || stats.doc_freq(&document, harbour) <= stats.doc_freq(&document, the));
/// ```
pub trait TermStats: Send + Sync + std::fmt::Debug {
    /// Number of documents the frequencies were counted over.
    fn n_docs(&self) -> f64;

    /// How many of them contain `term` of `document`.
    fn doc_freq(&self, document: &Document<'_>, term: TermId) -> f64;

    /// Smoothed IDF: `ln((1 + N) / (1 + df)) + 1`.
    ///
    /// The `+ 1` inside the logarithm acts as if one extra document held
    /// every term, so no term divides by zero; the `+ 1` outside keeps terms
    /// that occur everywhere from weighing nothing.
    fn idf(&self, document: &Document<'_>, term: TermId) -> f64 {
        ((1.0 + self.n_docs()) / (1.0 + self.doc_freq(document, term))).ln() + 1.0
    }
}

/// Sentence-level document frequencies of one document: each sentence counts
/// as a document. This is the default: it needs no corpus.
#[derive(Clone, Debug)]
pub struct SentenceFrequencies {
    n_sentences: usize,
    doc_freq: Vec<u32>,
}

impl SentenceFrequencies {
    /// Counts, for every term of `document`, the sentences it occurs in.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::{SentenceFrequencies, TermStats};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach in the harbour wall. Repairs take a week.");
    /// let stats = SentenceFrequencies::new(&document);
    /// assert_eq!(stats.doc_freq(&document, document.tokens()[1].term()), 2.0, "harbour is in two sentences");
    /// ```
    pub fn new(document: &Document<'_>) -> SentenceFrequencies {
        let mut doc_freq = vec![0u32; document.n_terms()];
        // The sentence that last counted each term, so a term counts once
        // per sentence (a document has fewer than 2³² − 1 sentences).
        let mut last_seen = vec![u32::MAX; document.n_terms()];
        for sentence_idx in 0..document.sentences().len() {
            for token in document.sentence_tokens(sentence_idx) {
                let term = token.term() as usize;
                if last_seen[term] != sentence_idx as u32 {
                    last_seen[term] = sentence_idx as u32;
                    doc_freq[term] += 1;
                }
            }
        }
        SentenceFrequencies { n_sentences: document.sentences().len(), doc_freq }
    }
}

impl TermStats for SentenceFrequencies {
    fn n_docs(&self) -> f64 {
        self.n_sentences as f64
    }

    fn doc_freq(&self, _document: &Document<'_>, term: TermId) -> f64 {
        self.doc_freq.get(term as usize).copied().unwrap_or(0) as f64
    }
}

/// Document frequencies counted over a background corpus, keyed by stem.
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_score::{BackgroundFrequencies, TermStats};
///
/// let analyzer = Analyzer::new(Language::English);
/// let mut background = BackgroundFrequencies::default();
/// for text in ["The harbour closed.", "The market opened.", "The harbour reopened."] {
///     background.add(&analyzer.analyze(text));
/// }
/// let document = analyzer.analyze("The harbour");
/// assert_eq!(background.n_docs(), 3.0);
/// assert_eq!(background.doc_freq(&document, document.tokens()[1].term()), 2.0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BackgroundFrequencies {
    /// Number of documents counted.
    pub n_docs: u64,
    /// For each stem, the number of documents that contain it.
    pub doc_freq: HashMap<String, u64>,
}

impl BackgroundFrequencies {
    /// Adds one document: each of its distinct stems counts once.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_score::BackgroundFrequencies;
    ///
    /// let mut background = BackgroundFrequencies::default();
    /// background.add(&Analyzer::new(Language::English).analyze("Harbour, harbour, harbour."));
    /// assert_eq!(background.doc_freq["harbour"], 1, "once per document");
    /// ```
    pub fn add(&mut self, document: &Document<'_>) {
        self.n_docs += 1;
        for term in document.terms() {
            *self.doc_freq.entry(term.to_string()).or_default() += 1;
        }
    }
}

impl TermStats for BackgroundFrequencies {
    fn n_docs(&self) -> f64 {
        self.n_docs as f64
    }

    fn doc_freq(&self, document: &Document<'_>, term: TermId) -> f64 {
        self.doc_freq.get(document.term(term)).copied().unwrap_or(0) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use abridge_text::Language;

    fn term_id(document: &Document<'_>, stem: &str) -> TermId {
        document.terms().iter().position(|term| &**term == stem).unwrap() as TermId
    }

    #[test]
    fn sentence_frequencies_count_sentences_not_tokens() {
        let document = Document::new("Cats cats cats. Cats sleep. Dogs bark.", Language::English);
        let stats = SentenceFrequencies::new(&document);
        assert_eq!(stats.n_docs(), 3.0);
        assert_eq!(stats.doc_freq(&document, term_id(&document, "cat")), 2.0);
        assert_eq!(stats.doc_freq(&document, term_id(&document, "dog")), 1.0);
        // Rarer terms weigh more.
        let cat = stats.idf(&document, term_id(&document, "cat"));
        let dog = stats.idf(&document, term_id(&document, "dog"));
        assert!(dog > cat, "{dog} > {cat}");
        assert!((dog - ((4.0f64 / 2.0).ln() + 1.0)).abs() < 1e-12);
    }

    #[test]
    fn background_frequencies_look_up_stems() {
        let mut background = BackgroundFrequencies::default();
        background.add(&Document::new("The cat sat.", Language::English));
        background.add(&Document::new("The dog ran.", Language::English));
        let document = Document::new("A cat and a dog.", Language::English);
        assert_eq!(background.n_docs(), 2.0);
        assert_eq!(background.doc_freq(&document, term_id(&document, "cat")), 1.0);
        assert_eq!(background.doc_freq(&document, term_id(&document, "and")), 0.0);
        let json = serde_json::to_string(&background).unwrap();
        let back: BackgroundFrequencies = serde_json::from_str(&json).unwrap();
        assert_eq!(back, background);
    }
}
