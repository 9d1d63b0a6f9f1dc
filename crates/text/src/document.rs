//! [`Document`]: a text cut into paragraphs, sentences and tokens, and the
//! [`Analyzer`] that builds it.

use std::ops::Range;

use rust_stemmers::Stemmer;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::segment::{RuleSegmenter, Segment, SegmentKind, Segmenter};
use crate::token::{self, TermId, Token};
use crate::{Language, Span};
use crate::{elision, furniture};

/// What a sentence-like unit is, for the purpose of choosing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// A sentence of prose.
    Prose,
    /// No final punctuation: a headline, byline, list item or caption.
    Fragment,
    /// Page furniture (see [the furniture rules](crate::furniture)): never part of a summary.
    Furniture,
}

/// One sentence (or sentence-like unit) of a [`Document`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence is in the text.
    pub span: Span,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// Its index inside the paragraph (0 for a paragraph's first sentence).
    pub index_in_paragraph: usize,
    /// Whether it is prose, a fragment or furniture.
    pub kind: SentenceKind,
    tokens: Range<usize>,
}

impl Sentence {
    /// Number of word tokens, stop words included.
    pub fn n_words(&self) -> usize {
        self.tokens.len()
    }

    /// The range of this sentence's tokens in [`Document::tokens`].
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.clone()
    }
}

/// A paragraph: a run of sentences between blank lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// From the start of its first sentence to the end of its last.
    pub span: Span,
    /// The range of its sentences in [`Document::sentences`].
    pub sentences: Range<usize>,
}

/// A text cut into paragraphs, sentences and word tokens, all with byte
/// spans into the text, and a vocabulary of the stems it uses.
#[derive(Clone, Debug)]
pub struct Document<'a> {
    text: &'a str,
    language: Language,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
    terms: Vec<Box<str>>,
}

impl<'a> Document<'a> {
    /// Analyses `text` in `language` with the default segmenter.
    ///
    /// For many documents, build one [`Analyzer`] and reuse it.
    pub fn new(text: &'a str, language: Language) -> Document<'a> {
        Analyzer::new(language).analyze(text)
    }

    /// The text the document was built from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The language it was analysed in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Its sentences, in text order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// Its paragraphs, in text order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// All word tokens, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The tokens of sentence `sentence_idx`.
    pub fn sentence_tokens(&self, sentence_idx: usize) -> &[Token] {
        &self.tokens[self.sentences[sentence_idx].tokens.clone()]
    }

    /// The text of sentence `sentence_idx`.
    pub fn sentence_text(&self, sentence_idx: usize) -> &'a str {
        self.sentences[sentence_idx].span.slice(self.text)
    }

    /// The stem behind a term id.
    pub fn term(&self, term: TermId) -> &str {
        &self.terms[term as usize]
    }

    /// Number of distinct terms (stems).
    pub fn n_terms(&self) -> usize {
        self.terms.len()
    }

    /// The vocabulary, indexed by [`TermId`].
    pub fn terms(&self) -> &[Box<str>] {
        &self.terms
    }

    /// Number of word tokens in the whole document.
    pub fn n_words(&self) -> usize {
        self.tokens.len()
    }
}

/// Builds [`Document`]s: segments, tokenises, lower-cases, stems and marks
/// stop words and page furniture.
///
/// An analyzer holds the per-language resources (segmenter, stemmer, stop
/// words) and is cheap to share between threads.
pub struct Analyzer {
    language: Language,
    segmenter: Box<dyn Segmenter>,
    stemmer: Option<Stemmer>,
    stop_words: &'static FxHashSet<&'static str>,
    elided_forms: &'static [&'static str],
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("language", &self.language)
            .field("segmenter", &self.segmenter)
            .field("stemmer", &self.stemmer.is_some())
            .finish_non_exhaustive()
    }
}

impl Analyzer {
    /// An analyzer for `language`, with its rule segmenter.
    pub fn new(language: Language) -> Analyzer {
        Analyzer::with_segmenter(language, Box::new(RuleSegmenter::new(language)))
    }

    /// An analyzer that cuts sentences with `segmenter`.
    pub fn with_segmenter(language: Language, segmenter: Box<dyn Segmenter>) -> Analyzer {
        Analyzer {
            language,
            segmenter,
            stemmer: language.stemmer_algorithm().map(Stemmer::create),
            stop_words: language.stop_words(),
            elided_forms: elision::elided_forms(language),
        }
    }

    /// The language documents are analysed in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The segmenter in use.
    pub fn segmenter(&self) -> &dyn Segmenter {
        &*self.segmenter
    }

    /// Analyses `text`. Never fails: empty input gives an empty document.
    pub fn analyze<'a>(&self, text: &'a str) -> Document<'a> {
        let segments = self.segmenter.segment(text);
        let kinds = sentence_kinds(text, &segments);

        let mut interner: FxHashMap<Box<str>, TermId> = FxHashMap::default();
        let mut terms: Vec<Box<str>> = Vec::new();
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut sentences = Vec::with_capacity(segments.len());
        let mut paragraphs: Vec<Paragraph> = Vec::new();

        for (segment, kind) in segments.iter().zip(kinds) {
            let first_token = tokens.len();
            let mut push_word = |span: Span, word: &str, stop: bool| {
                let lower = token::lowercase(word);
                let stop = stop || self.stop_words.contains(lower.as_ref());
                let stem = token::stem(self.stemmer.as_ref(), &lower);
                let term = match interner.get(stem.as_ref()) {
                    Some(&term) => term,
                    None => {
                        let term = terms.len() as TermId;
                        let owned: Box<str> = stem.as_ref().into();
                        terms.push(owned.clone());
                        interner.insert(owned, term);
                        term
                    }
                };
                tokens.push(Token { span, term, stop });
            };
            token::for_each_word(text, segment.span, |span, word| {
                match elision::split(word, self.elided_forms) {
                    // The elided article or preposition is a stop word.
                    Some((prefix_end, word_start)) => {
                        push_word(
                            Span::new(span.start, span.start + prefix_end),
                            &word[..prefix_end],
                            true,
                        );
                        push_word(
                            Span::new(span.start + word_start, span.end),
                            &word[word_start..],
                            false,
                        );
                    }
                    None => push_word(span, word, false),
                }
            });

            let sentence_idx = sentences.len();
            match paragraphs.last_mut() {
                Some(paragraph)
                    if sentences
                        .last()
                        .is_some_and(|last: &Sentence| last.paragraph == segment.paragraph) =>
                {
                    paragraph.span.end = segment.span.end;
                    paragraph.sentences.end = sentence_idx + 1;
                }
                _ => paragraphs.push(Paragraph {
                    span: segment.span,
                    sentences: sentence_idx..sentence_idx + 1,
                }),
            }
            let paragraph = paragraphs.len() - 1;
            let index_in_paragraph = sentence_idx - paragraphs[paragraph].sentences.start;
            sentences.push(Sentence {
                span: segment.span,
                paragraph,
                index_in_paragraph,
                kind,
                tokens: first_token..tokens.len(),
            });
        }

        Document { text, language: self.language, paragraphs, sentences, tokens, terms }
    }
}

/// The kind of every segment: its punctuation, then the furniture rules per
/// paragraph.
fn sentence_kinds(text: &str, segments: &[Segment]) -> Vec<SentenceKind> {
    let mut kinds = Vec::with_capacity(segments.len());
    for paragraph in segments.chunk_by(|a, b| a.paragraph == b.paragraph) {
        let rules =
            furniture::classify_paragraph(paragraph.iter().map(|segment| segment.span.slice(text)));
        kinds.extend(paragraph.iter().zip(rules).map(|(segment, rule)| {
            match (rule, segment.kind) {
                (Some(_), _) => SentenceKind::Furniture,
                (None, SegmentKind::Prose) => SentenceKind::Prose,
                (None, SegmentKind::Fragment) => SentenceKind::Fragment,
            }
        }));
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_sentences_tokens_and_terms() {
        let text = "The cats sat.\n\nA cat runs! Dogs ran.";
        let document = Document::new(text, Language::English);
        assert_eq!(document.sentences().len(), 3);
        assert_eq!(document.paragraphs().len(), 2);
        assert_eq!(document.paragraphs()[1].sentences, 1..3);
        assert_eq!(document.sentence_text(1), "A cat runs!");
        assert_eq!(document.sentences()[2].index_in_paragraph, 1);
        assert_eq!(document.sentences()[2].paragraph, 1);

        let words: Vec<&str> =
            document.sentence_tokens(0).iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(words, ["The", "cats", "sat"]);
        // "cats" and "cat" share a stem, so a term id.
        let cats = document.sentence_tokens(0)[1].term;
        let cat = document.sentence_tokens(1)[1].term;
        assert_eq!(cats, cat);
        assert_eq!(document.term(cat), "cat");
        assert!(document.sentence_tokens(0)[0].stop, "'the' is a stop word");
        assert!(!document.sentence_tokens(0)[1].stop);
    }

    #[test]
    fn empty_text_is_an_empty_document() {
        let document = Document::new("", Language::English);
        assert!(document.sentences().is_empty());
        assert!(document.paragraphs().is_empty());
        assert_eq!(document.n_words(), 0);
    }

    #[test]
    fn furniture_and_fragments_are_marked() {
        let text = "Powered by\n\nSome Headline Here\n\nThe council approved the budget on Monday.\n\n📣 We are on a new app. Click here to join our channel";
        let document = Document::new(text, Language::English);
        let kinds: Vec<SentenceKind> = document.sentences().iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Furniture,
                SentenceKind::Fragment,
                SentenceKind::Prose,
                SentenceKind::Furniture,
                SentenceKind::Furniture,
            ]
        );
    }

    #[test]
    fn language_without_stemmer_keeps_words() {
        let document = Document::new("Dzieci bawią się w parku.", Language::Polish);
        let terms: Vec<&str> =
            document.sentence_tokens(0).iter().map(|t| document.term(t.term)).collect();
        assert_eq!(terms, ["dzieci", "bawią", "się", "w", "parku"]);
    }
}
