//! [`Document`]: a text cut into paragraphs, sentences and tokens, and the
//! [`Analyzer`] that builds it.

use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::OnceLock;

use hashbrown::HashTable;
use rust_stemmers::Stemmer;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::block::{Block, BlockKind, LineBreaks};
use crate::segment::{RuleSegmenter, Segment, SegmentKind, Segmenter};
use crate::span::Compact;
use crate::token::{self, Known, TermId, Token};
use crate::{Language, Span};
use crate::{elision, furniture, speech};

/// What a sentence-like unit is, for the purpose of choosing it.
///
/// ```
/// use abridge_text::{Analyzer, Language};
/// use abridge_text::SentenceKind;
///
/// let document = Analyzer::new(Language::English).analyze("Click here to subscribe.\n\nThe harbour closed on Tuesday after the storm.");
/// let kinds: Vec<SentenceKind> = document.sentences().iter().map(|sentence| sentence.kind()).collect();
/// assert_eq!(kinds, [SentenceKind::Furniture, SentenceKind::Prose]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// A sentence of prose.
    Prose = 0,
    /// No final punctuation: a headline, byline, list item or caption.
    Fragment = 1,
    /// Page furniture (see [the furniture rules](crate::furniture)): never part of a summary.
    Furniture = 2,
    /// A title or section heading a format parser found (see
    /// [`Analyzer::analyze_blocks`]): never part of a summary, but its words
    /// count as a headline's do. Plain text has none.
    Heading = 3,
}

/// The most bytes of a text a [`Document`] covers: 1 GiB less one byte.
/// Of a longer text, only the first `MAX_TEXT_BYTES` (cut back to a `char`
/// boundary) are analysed.
///
/// Offsets then fit in 32 bits, and a token index (every word takes at
/// least one byte) in 30, which leaves two bits of a sentence's first-token
/// index for its kind. Analysing a document takes about three to five
/// times its size in memory, so a document of this size already needs
/// several GiB.
pub const MAX_TEXT_BYTES: usize = (1 << 30) - 1;

/// One sentence (or sentence-like unit) of a [`Document`].
///
/// A document holds one per unit, so a sentence keeps only its span, its
/// first token and its kind, in 12 bytes: its tokens run up to the next
/// sentence's first ([`Document::sentence_tokens`],
/// [`Document::sentence_words`]), and its paragraph is found from the
/// document's [`Paragraph`]s ([`Document::paragraph_of`]).
///
/// ```
/// use abridge_text::{Analyzer, Language};
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
/// let sentence = &document.sentences()[1];
/// assert_eq!(sentence.span().slice(document.text()), "Divers found a breach.");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Sentence {
    span: Compact,
    /// The index of its first token in the low 30 bits (a document of at
    /// most [`MAX_TEXT_BYTES`] has fewer words than that), the kind in the
    /// top two.
    token_and_kind: u32,
}

impl Sentence {
    const KIND_SHIFT: u32 = 30;
    const TOKEN: u32 = (1 << Sentence::KIND_SHIFT) - 1;

    /// **Precondition:** the span lies in the first [`MAX_TEXT_BYTES`] of
    /// the text, so that `first_token` is below 2³⁰, as in every document
    /// the [`Analyzer`] builds.
    fn new(span: Compact, first_token: u32, kind: SentenceKind) -> Sentence {
        debug_assert!(first_token <= Sentence::TOKEN);
        Sentence { span, token_and_kind: first_token | (kind as u32) << Sentence::KIND_SHIFT }
    }

    /// Whether it is prose, a fragment or furniture.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    /// use abridge_text::SentenceKind;
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
    /// assert_eq!(document.sentences()[0].kind(), SentenceKind::Prose);
    /// ```
    #[inline]
    pub fn kind(&self) -> SentenceKind {
        match self.token_and_kind >> Sentence::KIND_SHIFT {
            0 => SentenceKind::Prose,
            1 => SentenceKind::Fragment,
            2 => SentenceKind::Furniture,
            _ => SentenceKind::Heading,
        }
    }

    fn set_kind(&mut self, kind: SentenceKind) {
        self.token_and_kind =
            self.token_and_kind & Sentence::TOKEN | (kind as u32) << Sentence::KIND_SHIFT;
    }

    /// Where the sentence is in the text.
    #[inline]
    pub fn span(&self) -> Span {
        self.span.span()
    }

    /// The index in [`Document::tokens`] of its first token (of the next
    /// sentence's first, when it has none).
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
    /// assert_eq!(document.sentences()[1].first_token(), 5, "after the five words of the first");
    /// ```
    #[inline]
    pub fn first_token(&self) -> usize {
        (self.token_and_kind & Sentence::TOKEN) as usize
    }
}

impl std::fmt::Debug for Sentence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sentence")
            .field("span", &self.span())
            .field("kind", &self.kind())
            .field("first_token", &self.first_token())
            .finish()
    }
}

/// A paragraph: a run of sentences between blank lines.
///
/// ```
/// use abridge_text::{Analyzer, Language};
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
/// assert_eq!(document.paragraphs().len(), 2);
/// assert_eq!(document.paragraphs()[1].sentences(), 2..3);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Paragraph {
    span: Compact,
    first_sentence: u32,
    end_sentence: u32,
}

impl Paragraph {
    /// From the start of its first sentence to the end of its last.
    #[inline]
    pub fn span(&self) -> Span {
        self.span.span()
    }

    /// The range of its sentences in [`Document::sentences`].
    #[inline]
    pub fn sentences(&self) -> Range<usize> {
        self.first_sentence as usize..self.end_sentence as usize
    }
}

impl std::fmt::Debug for Paragraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paragraph")
            .field("span", &self.span())
            .field("sentences", &self.sentences())
            .finish()
    }
}

/// A text cut into paragraphs, sentences and word tokens, all with byte
/// spans into the text, and a vocabulary of the stems it uses.
///
/// ```
/// use abridge_text::{Analyzer, Language};
///
/// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
/// assert_eq!((document.sentences().len(), document.n_words()), (3, 13));
/// ```
#[derive(Clone, Debug)]
pub struct Document<'a> {
    text: &'a str,
    language: Language,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
    /// The vocabulary: every term's stem, one after the other.
    terms: Terms,
    /// The vocabulary as a list, made on the first call to [`Document::terms`].
    term_list: OnceLock<Vec<Box<str>>>,
    /// Whether it is a conversation (see [`Document::is_conversation`]).
    conversation: bool,
}

/// Stems stored one after the other in one string: term `t` ends at
/// `ends[t]` and starts where term `t - 1` ends. One allocation for a whole
/// vocabulary instead of one per term.
#[derive(Clone, Debug, Default)]
struct Terms {
    stems: String,
    ends: Vec<usize>,
}

impl Terms {
    fn push(&mut self, stem: &str) -> TermId {
        self.stems.push_str(stem);
        self.ends.push(self.stems.len());
        (self.ends.len() - 1) as TermId
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, term: TermId) -> &str {
        let term = term as usize;
        let start = if term == 0 { 0 } else { self.ends[term - 1] };
        &self.stems[start..self.ends[term]]
    }
}

impl<'a> Document<'a> {
    /// Analyses `text` in `language` with the default segmenter.
    ///
    /// For many documents, build one [`Analyzer`] and reuse it.
    ///
    /// ```
    /// use abridge_text::{Document, Language};
    ///
    /// let document = Document::new("", Language::English);
    /// assert!(document.sentences().is_empty());
    /// ```
    pub fn new(text: &'a str, language: Language) -> Document<'a> {
        Analyzer::new(language).analyze(text)
    }

    /// The text the document was built from: the whole input, or its first
    /// [`MAX_TEXT_BYTES`] for a longer one.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("One sentence.");
    /// assert_eq!(document.text(), "One sentence.");
    /// ```
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

    /// The index of the paragraph that holds sentence `sentence_idx` (a
    /// binary search of the paragraphs).
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
    /// assert_eq!([0, 1, 2].map(|idx| document.paragraph_of(idx)), [0, 0, 1]);
    /// ```
    pub fn paragraph_of(&self, sentence_idx: usize) -> usize {
        self.paragraphs.partition_point(|paragraph| paragraph.end_sentence as usize <= sentence_idx)
    }

    /// The index of sentence `sentence_idx` inside its paragraph (0 for a
    /// paragraph's first sentence).
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
    /// assert_eq!([0, 1, 2].map(|idx| document.index_in_paragraph(idx)), [0, 1, 0]);
    /// ```
    pub fn index_in_paragraph(&self, sentence_idx: usize) -> usize {
        let paragraph = &self.paragraphs[self.paragraph_of(sentence_idx)];
        sentence_idx - paragraph.first_sentence as usize
    }

    /// All word tokens, in text order.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbours closed.");
    /// let words: Vec<&str> = document.tokens().iter().map(|token| token.span().slice(document.text())).collect();
    /// assert_eq!(words, ["The", "harbours", "closed"]);
    /// ```
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The range of sentence `sentence_idx`'s tokens in [`Document::tokens`]:
    /// from its first token to the next sentence's.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
    /// assert_eq!(document.sentence_token_range(1), 5..9);
    /// ```
    #[inline]
    pub fn sentence_token_range(&self, sentence_idx: usize) -> Range<usize> {
        let end = match self.sentences.get(sentence_idx + 1) {
            Some(next) => next.first_token(),
            None => self.tokens.len(),
        };
        self.sentences[sentence_idx].first_token()..end
    }

    /// The tokens of sentence `sentence_idx`.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
    /// assert_eq!(document.sentence_tokens(2).len(), 4);
    /// ```
    #[inline]
    pub fn sentence_tokens(&self, sentence_idx: usize) -> &[Token] {
        &self.tokens[self.sentence_token_range(sentence_idx)]
    }

    /// The number of word tokens of sentence `sentence_idx`, stop words
    /// included.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
    /// assert_eq!(document.sentence_words(0), 5);
    /// ```
    #[inline]
    pub fn sentence_words(&self, sentence_idx: usize) -> usize {
        self.sentence_token_range(sentence_idx).len()
    }

    /// The text of sentence `sentence_idx`.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour closed on Tuesday. Divers found a breach.\n\nRepairs take a week.");
    /// assert_eq!(document.sentence_text(2), "Repairs take a week.");
    /// ```
    pub fn sentence_text(&self, sentence_idx: usize) -> &'a str {
        self.sentences[sentence_idx].span().slice(self.text)
    }

    /// The stem behind a term id.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbours closed.");
    /// let harbours = document.tokens()[1];
    /// assert_eq!(document.term(harbours.term()), "harbour", "lower-cased and stemmed");
    /// ```
    pub fn term(&self, term: TermId) -> &str {
        self.terms.get(term)
    }

    /// Number of distinct terms (stems).
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("Harbour closed. The harbour reopened.");
    /// assert_eq!(document.n_terms(), 4, "harbour, close, the, reopen");
    /// ```
    pub fn n_terms(&self) -> usize {
        self.terms.len()
    }

    /// The vocabulary, indexed by [`TermId`].
    ///
    /// The list is made on the first call; [`Document::term`] needs none.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("Harbours closed.");
    /// assert_eq!(document.terms().len(), document.n_terms());
    /// ```
    pub fn terms(&self) -> &[Box<str>] {
        self.term_list.get_or_init(|| {
            (0..self.terms.len() as TermId).map(|term| self.terms.get(term).into()).collect()
        })
    }

    /// Whether it is a conversation: turns of two or more speakers (a
    /// meeting, an interview), as the caller that parsed it says
    /// ([`Document::with_conversation`]). A conversation has no lead: a
    /// meeting opens with greetings, not with its news.
    pub fn is_conversation(&self) -> bool {
        self.conversation
    }

    /// Says whether the document is a conversation (see
    /// [`Document::is_conversation`]); a document is none unless told.
    #[must_use]
    pub fn with_conversation(mut self, conversation: bool) -> Document<'a> {
        self.conversation = conversation;
        self
    }

    /// Number of word tokens in the whole document.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// assert_eq!(Analyzer::new(Language::English).analyze("Two words. And three more.").n_words(), 5);
    /// ```
    pub fn n_words(&self) -> usize {
        self.tokens.len()
    }
}

/// Builds [`Document`]s: segments, tokenises, lower-cases, stems and marks
/// stop words and page furniture.
///
/// An analyzer holds the per-language resources (segmenter, stemmer, stop
/// words) and is cheap to share between threads.
///
/// ```
/// use abridge_text::{Analyzer, Language};
///
/// let analyzer = Analyzer::new(Language::German);
/// let document = analyzer.analyze("Der Hafen ist seit Dienstag geschlossen. Taucher fanden ein Loch.");
/// assert_eq!(document.sentences().len(), 2);
/// assert_eq!(document.language(), Language::German);
/// ```
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
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// assert_eq!(Analyzer::new(Language::French).language(), Language::French);
    /// ```
    pub fn new(language: Language) -> Analyzer {
        Analyzer::with_segmenter(language, Box::new(RuleSegmenter::new(language)))
    }

    /// An analyzer that cuts sentences with `segmenter`.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language, UnicodeSegmenter};
    ///
    /// let analyzer = Analyzer::with_segmenter(Language::English, Box::new(UnicodeSegmenter));
    /// assert_eq!(analyzer.analyze("One. Two.").sentences().len(), 2);
    /// ```
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
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let analyzer = Analyzer::new(Language::English);
    /// let mut n = 0;
    /// analyzer.segmenter().for_each_segment("Dr. Okafor spoke. Then she left.", &mut |_| n += 1);
    /// assert_eq!(n, 2, "an abbreviation does not end a sentence");
    /// ```
    pub fn segmenter(&self) -> &dyn Segmenter {
        &*self.segmenter
    }

    /// Analyses `text`. Never fails: empty input gives an empty document.
    ///
    /// For many documents, [`Analyzer::analyze_cached`] with one
    /// [`AnalyzerCache`] per thread is faster and gives the same documents.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("Mr. Patel called at 6 a.m. on Friday. He left.");
    /// assert_eq!(document.sentences().len(), 2);
    /// ```
    pub fn analyze<'a>(&self, text: &'a str) -> Document<'a> {
        self.analyze_cached(text, &mut AnalyzerCache::new())
    }

    /// Analyses `text`, reusing what `cache` remembers from earlier
    /// documents: the stems and stop-word flags of words already seen and
    /// the buffers of a recycled document. The document is the same as
    /// [`Analyzer::analyze`] gives.
    ///
    /// Of a text longer than [`MAX_TEXT_BYTES`], only that many bytes (cut
    /// back to a `char` boundary) are analysed.
    ///
    /// ```
    /// use abridge_text::{Analyzer, AnalyzerCache, Language};
    ///
    /// let analyzer = Analyzer::new(Language::English);
    /// let mut cache = AnalyzerCache::new();
    /// let text = "The harbour closed. Divers came.";
    /// assert_eq!(analyzer.analyze_cached(text, &mut cache).tokens(), analyzer.analyze(text).tokens());
    /// assert!(!cache.is_empty());
    /// ```
    pub fn analyze_cached<'a>(&self, text: &'a str, cache: &mut AnalyzerCache) -> Document<'a> {
        let text = prefix(text, MAX_TEXT_BYTES);
        let mut builder = Builder::start(self, text, cache);
        self.segmenter.for_each_segment(text, &mut |segment: Segment| {
            builder.push(segment.span, segment.paragraph, UnitSource::Segment(segment.kind));
        });
        builder.finish()
    }

    /// Analyses `text` as the [`Block`]s a format parser found in it,
    /// instead of guessing its layout.
    ///
    /// Each candidate block ([`BlockKind::is_candidate`]) is segmented on
    /// its own and is a paragraph (or, where it holds blank lines, several);
    /// the units of a [`BlockKind::Turn`] are prose even without final
    /// punctuation, since speech has none to give, and adjacent turns with
    /// no blank line between them are segmented as one stretch. A title or heading is
    /// one unit of kind [`SentenceKind::Heading`]: never chosen, but its
    /// words count as a headline's do. Every other block (code, tables,
    /// quoted replies, furniture) and the text outside every block are not
    /// part of the document: they give no unit and no word.
    ///
    /// With [`LineBreaks::Spaces`], a line break inside a block is read as
    /// a space; with [`LineBreaks::Layout`], as in plain text.
    ///
    /// Blocks must be in text order, not overlapping, on `char` boundaries
    /// of `text`; blocks past [`MAX_TEXT_BYTES`] are left out and a block
    /// across it is cut there.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Block, BlockKind, Language, LineBreaks, SentenceKind, Span};
    ///
    /// let text = "Notes\n\nThe harbour closed.";
    /// let blocks = [Block::new(BlockKind::Heading, Span::new(0, 5)), Block::new(BlockKind::Paragraph, Span::new(7, 26))];
    /// let document = Analyzer::new(Language::English).analyze_blocks(text, &blocks, LineBreaks::Layout);
    /// let kinds: Vec<SentenceKind> = document.sentences().iter().map(|sentence| sentence.kind()).collect();
    /// assert_eq!(kinds, [SentenceKind::Heading, SentenceKind::Prose]);
    /// ```
    pub fn analyze_blocks<'a>(
        &self,
        text: &'a str,
        blocks: &[Block],
        line_breaks: LineBreaks,
    ) -> Document<'a> {
        self.analyze_blocks_cached(text, blocks, line_breaks, &mut AnalyzerCache::new())
    }

    /// [`Analyzer::analyze_blocks`] with a cache, as
    /// [`Analyzer::analyze_cached`] is [`Analyzer::analyze`] with one.
    ///
    /// ```
    /// use abridge_text::{Analyzer, AnalyzerCache, Block, BlockKind, Language, LineBreaks, Span};
    ///
    /// let text = "The harbour closed.";
    /// let blocks = [Block::new(BlockKind::Paragraph, Span::new(0, text.len()))];
    /// let analyzer = Analyzer::new(Language::English);
    /// let mut cache = AnalyzerCache::new();
    /// let cached = analyzer.analyze_blocks_cached(text, &blocks, LineBreaks::Layout, &mut cache);
    /// assert_eq!(cached.tokens(), analyzer.analyze_blocks(text, &blocks, LineBreaks::Layout).tokens());
    /// ```
    pub fn analyze_blocks_cached<'a>(
        &self,
        text: &'a str,
        blocks: &[Block],
        line_breaks: LineBreaks,
        cache: &mut AnalyzerCache,
    ) -> Document<'a> {
        let text = prefix(text, MAX_TEXT_BYTES);
        let mut builder = Builder::start(self, text, cache);
        // Paragraph numbers: each block's are its own.
        let mut next_paragraph = 0;
        // A block's text with its line breaks made spaces, byte for byte, so
        // that the segmenter's offsets hold for the text itself.
        let mut flowing = String::new();
        let mut block_idx = 0;
        while block_idx < blocks.len() {
            let block = blocks[block_idx];
            block_idx += 1;
            if block.span.start >= text.len() || block.span.is_empty() {
                continue;
            }
            let mut end = block.span.end;
            // A run of turns with only white space and no blank line between
            // them (subtitle cues) is one stretch of speech: a sentence may
            // run from one cue into the next.
            if block.kind == BlockKind::Turn {
                while let Some(next) = blocks.get(block_idx)
                    && next.kind == BlockKind::Turn
                    && next.span.start >= end
                    && next.span.start < text.len()
                    && text[end..next.span.start].trim().is_empty()
                    && !text[end..next.span.start].contains("\n\n")
                {
                    end = next.span.end;
                    block_idx += 1;
                }
            }
            let span = Span::new(block.span.start, end.min(text.len()));
            builder.speech = false;
            if block.kind.is_heading() {
                let span = span.trim(text);
                if !span.is_empty() {
                    builder.push(span, next_paragraph, UnitSource::Heading);
                    next_paragraph += 1;
                }
            } else if block.kind.is_candidate() {
                let speech = block.kind == BlockKind::Turn;
                builder.speech = speech;
                let base = next_paragraph;
                let mut inner = span.slice(text);
                if line_breaks == LineBreaks::Spaces && inner.contains(['\n', '\r']) {
                    flowing.clear();
                    flowing.extend(
                        inner.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                    );
                    inner = &flowing;
                }
                self.segmenter.for_each_segment(inner, &mut |segment: Segment| {
                    let span =
                        Span::new(span.start + segment.span.start, span.start + segment.span.end);
                    let paragraph = base + segment.paragraph;
                    next_paragraph = next_paragraph.max(paragraph + 1);
                    if speech && segment.kind == SegmentKind::Fragment {
                        // Speech without punctuation: lines and long units
                        // are cut.
                        speech::cut(text, span, |piece| {
                            builder.push(piece, paragraph, UnitSource::Speech(segment.kind))
                        });
                    } else if speech {
                        builder.push(span, paragraph, UnitSource::Spoken(segment.kind));
                    } else {
                        builder.push(span, paragraph, UnitSource::Segment(segment.kind));
                    }
                });
            }
        }
        builder.finish()
    }

    /// The units of `text` with their kinds and paragraphs, as
    /// [`Analyzer::analyze`] would give them, without finding, lower-casing
    /// or stemming a single word: what `abridge sentences` prints. Calls `f`
    /// with every unit, in order.
    ///
    /// A paragraph may turn out to be a promotion block (rule 6 of the
    /// [furniture rules](crate::furniture)) only while it has at most three
    /// units, so at most that many wait here before they go out.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let mut units = Vec::new();
    /// Analyzer::new(Language::English).for_each_unit("One here. Two there.\n\nThree.", |unit| units.push(unit.paragraph));
    /// assert_eq!(units, [0, 0, 1]);
    /// ```
    pub fn for_each_unit(&self, text: &str, mut f: impl FnMut(Unit)) {
        let text = prefix(text, MAX_TEXT_BYTES);
        let mut pending: Vec<Unit> = Vec::new();
        let mut promotion = furniture::PromotionBlock::default();
        let mut segment_paragraph: Option<usize> = None;
        let mut paragraph = 0;
        let flush = |pending: &mut Vec<Unit>,
                     promotion: furniture::PromotionBlock,
                     f: &mut dyn FnMut(Unit)| {
            let furniture = promotion.holds();
            for mut unit in pending.drain(..) {
                if furniture {
                    unit.kind = SentenceKind::Furniture;
                }
                f(unit);
            }
        };
        self.segmenter.for_each_segment(text, &mut |segment: Segment| {
            if segment_paragraph != Some(segment.paragraph) {
                if segment_paragraph.is_some() {
                    flush(&mut pending, promotion, &mut f);
                    paragraph += 1;
                }
                promotion = furniture::PromotionBlock::default();
                segment_paragraph = Some(segment.paragraph);
            }
            let rule = furniture::classify_unit(segment.span.slice(text));
            promotion.add(rule);
            let kind = match (rule, segment.kind) {
                (Some(_), _) => SentenceKind::Furniture,
                (None, SegmentKind::Prose) => SentenceKind::Prose,
                (None, SegmentKind::Fragment) => SentenceKind::Fragment,
            };
            pending.push(Unit { span: segment.span, paragraph, kind });
            if !promotion.may_hold() {
                // Too long to be a promotion block: nothing more can change.
                flush(&mut pending, promotion, &mut f);
            }
        });
        flush(&mut pending, promotion, &mut f);
    }

    /// Calls `f` with the span of every unit [`Analyzer::for_each_unit`]
    /// gives, in order, without its kind or paragraph: no furniture rule
    /// runs, so this is the cheapest way to cut a text into its units.
    pub fn for_each_span(&self, text: &str, mut f: impl FnMut(Span)) {
        let text = prefix(text, MAX_TEXT_BYTES);
        self.segmenter.for_each_segment(text, &mut |segment: Segment| f(segment.span));
    }

    /// The stem and stop-word flag of a word as it stands in the text.
    fn stem_of(&self, word: &str) -> (Box<str>, bool) {
        let lower = token::lowercase(word);
        let stop = self.stop_words.contains(lower.as_ref());
        let stem = token::stem(self.stemmer.as_ref(), &lower);
        (stem.as_ref().into(), stop)
    }
}

/// One unit of a text as [`Analyzer::for_each_unit`] gives it: the span,
/// kind and paragraph index a [`Document`] would give its sentence.
///
/// ```
/// use abridge_text::{Analyzer, Language};
///
/// let mut spans = Vec::new();
/// Analyzer::new(Language::English).for_each_unit("One here. Two there.", |unit| spans.push(unit.span.range()));
/// assert_eq!(spans, [0..9, 10..20]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Where the unit is in the text.
    pub span: Span,
    /// The index of its paragraph, counting paragraphs with units.
    pub paragraph: usize,
    /// What the unit is.
    pub kind: SentenceKind,
}

/// What a unit is, as its source says.
#[derive(Clone, Copy, Debug)]
enum UnitSource {
    /// A unit the segmenter found in running text.
    Segment(SegmentKind),
    /// A unit of speech without punctuation (a transcript turn, a subtitle
    /// cue): prose whether or not it ends with punctuation.
    Speech(SegmentKind),
    /// A unit the segmenter found in punctuated speech: a segment, but a
    /// greeting or thanks alone is a fragment ([`crate::pleasantry`]).
    Spoken(SegmentKind),
    /// A title or heading.
    Heading,
}

/// A document being built, one unit at a time.
struct Builder<'a, 'c> {
    analyzer: &'c Analyzer,
    text: &'a str,
    cache: &'c mut AnalyzerCache,
    spare: Spare,
    /// The paragraph number of the last unit.
    paragraph_index: Option<usize>,
    /// Rule 6 of the furniture rules looks at a whole paragraph, so it is
    /// settled when the paragraph ends.
    promotion: furniture::PromotionBlock,
    /// Whether the units pushed now are speech (of a transcript turn or a
    /// subtitle cue): transcriber's marks are then no words, and fillers
    /// no content (see [`speech`]).
    speech: bool,
}

impl<'a, 'c> Builder<'a, 'c> {
    fn start(analyzer: &'c Analyzer, text: &'a str, cache: &'c mut AnalyzerCache) -> Self {
        cache.prepare(analyzer.language);
        // The buffers of a document given back with `recycle`, if any.
        let mut spare = std::mem::take(&mut cache.spare);
        spare.tokens.reserve(text.len() / 6);
        cache.generation = cache.generation.wrapping_add(1);
        cache.document_words.clear();
        Builder {
            analyzer,
            text,
            cache,
            spare,
            paragraph_index: None,
            promotion: furniture::PromotionBlock::default(),
            speech: false,
        }
    }

    /// Adds the unit at `span`, of paragraph number `paragraph` (units of
    /// one paragraph come one after the other).
    #[inline]
    fn push(&mut self, span: Span, paragraph: usize, unit: UnitSource) {
        let Spare { terms, tokens, sentences, paragraphs } = &mut self.spare;
        let text = self.text;
        let sentence_idx = sentences.len() as u32;
        let compact = Compact::from(span);
        match paragraphs.last_mut() {
            Some(last) if self.paragraph_index == Some(paragraph) => {
                last.span.end = compact.end;
                last.end_sentence = sentence_idx + 1;
            }
            _ => {
                close_paragraph(sentences, paragraphs.last(), self.promotion);
                self.promotion = furniture::PromotionBlock::default();
                self.paragraph_index = Some(paragraph);
                paragraphs.push(Paragraph {
                    span: compact,
                    first_sentence: sentence_idx,
                    end_sentence: sentence_idx + 1,
                });
            }
        }
        let mut kind = match unit {
            UnitSource::Heading => SentenceKind::Heading,
            UnitSource::Segment(segment_kind)
            | UnitSource::Speech(segment_kind)
            | UnitSource::Spoken(segment_kind) => {
                let rule = furniture::classify_unit(span.slice(text));
                self.promotion.add(rule);
                match (rule, segment_kind, unit) {
                    (Some(_), _, _) => SentenceKind::Furniture,
                    (None, SegmentKind::Prose, _) | (None, _, UnitSource::Speech(_)) => {
                        SentenceKind::Prose
                    }
                    (None, SegmentKind::Fragment, _) => SentenceKind::Fragment,
                }
            }
        };

        let analyzer = self.analyzer;
        let cache = &mut *self.cache;
        let first_token = tokens.len() as u32;
        let speech = self.speech;
        let mut push_word = |span: Span, word: &str, forced_stop: bool| {
            // Most tokens repeat a word of the same document: they are
            // found in the small table of this document's words, which
            // stays in the processor's cache.
            let known = match ShortWord::new(word) {
                Some(short) => match cache.document_words.get(&short) {
                    Some(&known) => known,
                    None => {
                        let found = cache.term(word, Some(short), analyzer, terms);
                        cache.remember_document_word(short, found);
                        found
                    }
                },
                None => cache.term(word, None, analyzer, terms),
            };
            tokens.push(Token::new(span, known.or_stop(forced_stop)));
        };
        token::for_each_word(text, span, |span, word| {
            if speech && speech::is_mark(text, span) {
                return;
            }
            match elision::split(word, analyzer.elided_forms) {
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
                None => push_word(span, word, speech && speech::is_filler(&token::lowercase(word))),
            }
        });
        kind = match unit {
            UnitSource::Speech(_) | UnitSource::Spoken(_)
                if kind == SentenceKind::Prose
                    && crate::pleasantry::is_pleasantry(
                        tokens[first_token as usize..]
                            .iter()
                            .map(|token| (token.span().slice(text), token.is_stop())),
                    ) =>
            {
                SentenceKind::Fragment
            }
            _ => kind,
        };
        // A unit of speech of fewer than MIN_SPEECH_CONTENT words that are
        // not fillers or stop words ("Yeah .", "Uh, OK.", "Do you like it
        // ?") is a back-channel: never chosen while there is prose.
        if speech
            && kind == SentenceKind::Prose
            && tokens[first_token as usize..].iter().filter(|token| !token.is_stop()).count()
                < speech::MIN_SPEECH_CONTENT
        {
            kind = SentenceKind::Fragment;
        }
        sentences.push(Sentence::new(compact, first_token, kind));
    }

    fn finish(self) -> Document<'a> {
        let Spare { terms, tokens, mut sentences, paragraphs } = self.spare;
        close_paragraph(&mut sentences, paragraphs.last(), self.promotion);
        Document {
            text: self.text,
            language: self.analyzer.language,
            paragraphs,
            sentences,
            tokens,
            terms,
            term_list: OnceLock::new(),
            conversation: false,
        }
    }
}

/// What an [`Analyzer`] remembers between documents: the stem and stop-word
/// flag of every word it has met, and buffers. Keep one per thread and pass
/// it to [`Analyzer::analyze_cached`].
///
/// Stemming is the costliest step of analysis, and most words of a corpus
/// are words it has met before. The cache holds at most
/// [`AnalyzerCache::MAX_WORDS`] words between documents (it starts afresh
/// when it is full), so its memory stays bounded on any corpus.
///
/// ```
/// use abridge_text::{Analyzer, AnalyzerCache, Language};
///
/// let analyzer = Analyzer::new(Language::English);
/// let mut cache = AnalyzerCache::new();
/// for text in ["The harbour closed.", "The harbour reopened."] {
///     let document = analyzer.analyze_cached(text, &mut cache);
///     cache.recycle(document);
/// }
/// assert!(cache.len() >= 4, "the words met are remembered");
/// ```
#[derive(Debug, Default)]
pub struct AnalyzerCache {
    language: Option<Language>,
    /// Word as it stands in the text, to its stem id and stop-word flag:
    /// words of up to [`ShortWord::MAX_LEN`] bytes, kept inline so that a
    /// lookup reads no memory outside the table,
    short_words: FxHashMap<ShortWord, Known>,
    /// and longer ones.
    long_words: FxHashMap<Box<str>, Known>,
    /// The short words of the document being analysed, to their term ids
    /// and stop-word flags: at most [`AnalyzerCache::MAX_DOCUMENT_WORDS`],
    /// the first met.
    document_words: FxHashMap<ShortWord, Known>,
    /// Stem ids, to dedupe stems: a table of ids alone, hashed by the stem
    /// they stand for in `stems`, so that each stem is stored once.
    stem_ids: HashTable<u32>,
    /// Stems by id.
    stems: Terms,
    /// By stem id: the generation (document) that last used the stem, and
    /// its term id in that document.
    document_terms: Vec<(u32, TermId)>,
    generation: u32,
    /// Buffers of a document given back with [`AnalyzerCache::recycle`].
    spare: Spare,
}

/// Empty buffers to build the next document in.
#[derive(Debug, Default)]
struct Spare {
    terms: Terms,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    paragraphs: Vec<Paragraph>,
}

impl AnalyzerCache {
    /// Most words kept between documents.
    pub const MAX_WORDS: usize = 1 << 16;

    /// Most words of one document kept in the table of its own words. The
    /// table is there for speed: a news article has a few hundred distinct
    /// words, which it keeps in the processor's cache. Words beyond these
    /// are found in the main table, so that a text of many distinct words
    /// (a binary file read as text) does not pay for them twice.
    pub const MAX_DOCUMENT_WORDS: usize = 1 << 12;

    /// Most tokens a recycled document may have room for.
    pub const MAX_SPARE_TOKENS: usize = 1 << 16;

    /// An empty cache.
    ///
    /// ```
    /// assert!(abridge_text::AnalyzerCache::new().is_empty());
    /// ```
    pub fn new() -> AnalyzerCache {
        AnalyzerCache::default()
    }

    /// Takes back the buffers of a document that is no longer needed, to
    /// build the next one in, so that analysing allocates less. Buffers of
    /// more than [`AnalyzerCache::MAX_SPARE_TOKENS`] tokens are let go, so
    /// one huge document does not keep its memory.
    ///
    /// ```
    /// use abridge_text::{Analyzer, AnalyzerCache, Language};
    ///
    /// let mut cache = AnalyzerCache::new();
    /// let document = Analyzer::new(Language::English).analyze_cached("A text.", &mut cache);
    /// cache.recycle(document);
    /// ```
    pub fn recycle(&mut self, document: Document<'_>) {
        let Document { mut paragraphs, mut sentences, mut tokens, mut terms, .. } = document;
        if tokens.capacity() > Self::MAX_SPARE_TOKENS {
            return;
        }
        paragraphs.clear();
        sentences.clear();
        tokens.clear();
        terms.stems.clear();
        terms.ends.clear();
        self.spare = Spare { terms, tokens, sentences, paragraphs };
    }

    /// Number of words remembered.
    ///
    /// ```
    /// use abridge_text::{Analyzer, AnalyzerCache, Language};
    ///
    /// let mut cache = AnalyzerCache::new();
    /// let _ = Analyzer::new(Language::English).analyze_cached("harbour harbour wall", &mut cache);
    /// assert_eq!(cache.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.short_words.len() + self.long_words.len()
    }

    /// Whether no word is remembered.
    ///
    /// ```
    /// assert!(abridge_text::AnalyzerCache::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.short_words.is_empty() && self.long_words.is_empty()
    }

    /// Empties the cache when it is full, was filled for another language,
    /// or has run out of generations.
    fn prepare(&mut self, language: Language) {
        if self.language != Some(language)
            || self.len() >= Self::MAX_WORDS
            || self.generation == u32::MAX
        {
            self.short_words.clear();
            self.long_words.clear();
            self.stem_ids.clear();
            self.stems = Terms::default();
            self.document_terms.clear();
            self.generation = 0;
            self.language = Some(language);
        }
    }

    /// Remembers a short word of the document being analysed, while the
    /// table of its words has room.
    fn remember_document_word(&mut self, word: ShortWord, found: Known) {
        if self.document_words.len() < Self::MAX_DOCUMENT_WORDS {
            self.document_words.insert(word, found);
        }
    }

    /// The document's term for `word` and its stop-word flag. The term is
    /// the next free id (its stem pushed on `terms`) the first time the
    /// document uses the stem.
    fn term(
        &mut self,
        word: &str,
        short: Option<ShortWord>,
        analyzer: &Analyzer,
        terms: &mut Terms,
    ) -> Known {
        let stem = self.word(word, short, analyzer);
        let slot = &mut self.document_terms[stem.id() as usize];
        if slot.0 != self.generation {
            *slot = (self.generation, terms.push(self.stems.get(stem.id())));
        }
        Known::new(slot.1, stem.is_stop())
    }

    /// The stem id and stop-word flag of `word`, stemming it on first sight.
    fn word(&mut self, word: &str, short: Option<ShortWord>, analyzer: &Analyzer) -> Known {
        let known = match short {
            Some(short) => self.short_words.get(&short),
            None => self.long_words.get(word),
        };
        if let Some(&known) = known {
            return known;
        }
        let (stem, stop) = analyzer.stem_of(word);
        let hash = FxBuildHasher.hash_one(&*stem);
        let stem_id = match self.stem_ids.find(hash, |&id| self.stems.get(id) == &*stem) {
            Some(&stem_id) => stem_id,
            None => {
                let stem_id = self.stems.push(&stem);
                let stems = &self.stems;
                self.stem_ids
                    .insert_unique(hash, stem_id, |&id| FxBuildHasher.hash_one(stems.get(id)));
                self.document_terms.push((0, 0));
                stem_id
            }
        };
        let known = Known::new(stem_id, stop);
        match short {
            Some(short) => self.short_words.insert(short, known),
            None => self.long_words.insert(word.into(), known),
        };
        known
    }
}

/// A word of at most [`ShortWord::MAX_LEN`] bytes, inline: its bytes,
/// zero-padded, with the length in the last byte (so that no two words
/// share a key). Sixteen bytes with an alignment of four, so that a table
/// entry with its [`Known`] takes 20 bytes: a text of many distinct words
/// (a binary file read as text) makes the tables large.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShortWord([u32; 4]);

impl ShortWord {
    const MAX_LEN: usize = 15;

    fn new(word: &str) -> Option<ShortWord> {
        let bytes = word.as_bytes();
        if bytes.len() > Self::MAX_LEN {
            return None;
        }
        let mut buffer = [0u8; 16];
        // A byte loop: words are short, and a variable-length copy would
        // call memmove.
        for (to, from) in buffer.iter_mut().zip(bytes) {
            *to = *from;
        }
        buffer[15] = bytes.len() as u8;
        let mut words = [0u32; 4];
        for (word, chunk) in words.iter_mut().zip(buffer.chunks_exact(4)) {
            let mut four = [0u8; 4];
            four.copy_from_slice(chunk);
            *word = u32::from_le_bytes(four);
        }
        Some(ShortWord(words))
    }
}

impl std::hash::Hash for ShortWord {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Two words of eight bytes: half the rounds of four of four.
        let [a, b, c, d] = self.0.map(u64::from);
        state.write_u64(a | b << 32);
        state.write_u64(c | d << 32);
    }
}

/// Ends `paragraph`, the last of `sentences`: if it is a promotion block
/// (rule 6 of the [furniture rules](furniture)), all its sentences are
/// furniture.
fn close_paragraph(
    sentences: &mut [Sentence],
    paragraph: Option<&Paragraph>,
    promotion: furniture::PromotionBlock,
) {
    if let Some(paragraph) = paragraph
        && promotion.holds()
    {
        for sentence in &mut sentences[paragraph.sentences()] {
            sentence.set_kind(SentenceKind::Furniture);
        }
    }
}

/// The longest prefix of `text` of at most `max_bytes` that ends on a
/// `char` boundary.
fn prefix(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_the_sentences_of_the_document() {
        let texts = [
            "The cats sat.\n\nA cat runs! Dogs ran.",
            // A promotion block of two units, then a paragraph of five.
            "Harbour closed\n\n👉 Follow us on Telegram. Read more.\n\nOne. Two. Three. Four. Click here to subscribe.",
            // A promotion block at the end, a caption, a bare label.
            "The storm hit. Boats sank.\n\nBoats in the harbour | Reuters\n\nAdvertisement\n\nJoin our WhatsApp channel now.",
            "",
            "   \n\n  ",
            "Mr. Lee left at 5 p.m. on Monday.\nHe came back.\n\n\n\nBye",
        ];
        let analyzer = Analyzer::new(Language::English);
        for text in texts {
            let document = analyzer.analyze(text);
            let expected: Vec<Unit> = (0..document.sentences().len())
                .map(|index| Unit {
                    span: document.sentences()[index].span(),
                    paragraph: document.paragraph_of(index),
                    kind: document.sentences()[index].kind(),
                })
                .collect();
            let mut units = Vec::new();
            analyzer.for_each_unit(text, |unit| units.push(unit));
            assert_eq!(units, expected, "{text:?}");
            let mut spans = Vec::new();
            analyzer.for_each_span(text, |span| spans.push(span));
            let unit_spans: Vec<Span> = units.iter().map(|unit| unit.span).collect();
            assert_eq!(spans, unit_spans, "{text:?}");
        }
    }

    #[test]
    fn builds_sentences_tokens_and_terms() {
        let text = "The cats sat.\n\nA cat runs! Dogs ran.";
        let document = Document::new(text, Language::English);
        assert_eq!(document.sentences().len(), 3);
        assert_eq!(document.paragraphs().len(), 2);
        assert_eq!(document.paragraphs()[1].sentences(), 1..3);
        assert_eq!(document.sentence_text(1), "A cat runs!");
        assert_eq!(document.index_in_paragraph(2), 1);
        assert_eq!(document.paragraph_of(2), 1);
        assert_eq!(document.paragraph_of(0), 0);
        assert_eq!(document.index_in_paragraph(1), 0);

        let words: Vec<&str> =
            document.sentence_tokens(0).iter().map(|t| t.span().slice(text)).collect();
        assert_eq!(words, ["The", "cats", "sat"]);
        // "cats" and "cat" share a stem, so a term id.
        let cats = document.sentence_tokens(0)[1].term();
        let cat = document.sentence_tokens(1)[1].term();
        assert_eq!(cats, cat);
        assert_eq!(document.term(cat), "cat");
        assert!(document.sentence_tokens(0)[0].is_stop(), "'the' is a stop word");
        assert!(!document.sentence_tokens(0)[1].is_stop());
    }

    fn assert_same(a: &Document<'_>, b: &Document<'_>) {
        assert_eq!(a.sentences(), b.sentences(), "{:?}", a.text());
        assert_eq!(a.paragraphs(), b.paragraphs());
        assert_eq!(a.tokens(), b.tokens());
        assert_eq!(a.terms(), b.terms());
    }

    #[test]
    fn cached_analysis_gives_the_same_documents() {
        let texts = [
            "The cats sat.\n\nA cat runs! Dogs ran.",
            "CATS and dogs. The dog's owners ran, running and RUNNING.",
            "",
            "Dogs ran again; the cats sat again.",
        ];
        let english = Analyzer::new(Language::English);
        let french = Analyzer::new(Language::French);
        let mut cache = AnalyzerCache::new();
        for _ in 0..2 {
            for text in texts {
                assert_same(&english.analyze_cached(text, &mut cache), &english.analyze(text));
            }
            // Another language starts the cache afresh.
            let text = "Les chats dormaient. Le chat dort.";
            assert_same(&french.analyze_cached(text, &mut cache), &french.analyze(text));
        }
        assert!(!cache.is_empty());
    }

    #[test]
    fn short_words_are_distinct_keys() {
        let longest = "x".repeat(ShortWord::MAX_LEN);
        let words = ["", "a", "a\0", "ab", "abcdefgh", "abcdefghi", longest.as_str()];
        let keys: Vec<ShortWord> = words.iter().map(|word| ShortWord::new(word).unwrap()).collect();
        for (i, a) in keys.iter().enumerate() {
            for (j, b) in keys.iter().enumerate() {
                assert_eq!(a == b, i == j, "{:?} {:?}", words[i], words[j]);
            }
        }
        assert!(ShortWord::new(&"x".repeat(ShortWord::MAX_LEN + 1)).is_none());
        // Long words go through the cache too.
        let text = "Antidisestablishmentarianism is long. Antidisestablishmentarianism again.";
        let analyzer = Analyzer::new(Language::English);
        let mut cache = AnalyzerCache::new();
        assert_same(&analyzer.analyze_cached(text, &mut cache), &analyzer.analyze(text));
        assert_same(&analyzer.analyze_cached(text, &mut cache), &analyzer.analyze(text));
    }

    #[test]
    fn cache_stays_bounded() {
        let analyzer = Analyzer::new(Language::English);
        let mut cache = AnalyzerCache::new();
        let words: String = (0..AnalyzerCache::MAX_WORDS + 10).map(|i| format!("w{i} ")).collect();
        let text = format!("{words}.");
        analyzer.analyze_cached(&text, &mut cache);
        assert!(cache.len() > AnalyzerCache::MAX_WORDS);
        let small = "A small text about cats.";
        assert_same(&analyzer.analyze_cached(small, &mut cache), &analyzer.analyze(small));
        assert!(cache.len() < 10, "the full cache was emptied");
    }

    #[test]
    fn units_stay_small() {
        // One of each per word or unit of a text: their size is the memory
        // a document costs (see the worst cases in docs/results.md).
        assert_eq!(std::mem::size_of::<Token>(), 12);
        assert_eq!(std::mem::size_of::<Sentence>(), 12);
        assert_eq!(std::mem::size_of::<Paragraph>(), 16);
    }

    #[test]
    fn sentences_keep_their_kind_and_first_token_in_one_word() {
        let span = Compact { start: 3, end: 90 };
        for kind in [
            SentenceKind::Prose,
            SentenceKind::Fragment,
            SentenceKind::Furniture,
            SentenceKind::Heading,
        ] {
            for first_token in [0, 5, Sentence::TOKEN] {
                let mut sentence = Sentence::new(span, first_token, kind);
                assert_eq!(sentence.kind(), kind);
                assert_eq!(sentence.first_token(), first_token as usize);
                assert_eq!(sentence.span(), Span::new(3, 90));
                sentence.set_kind(SentenceKind::Furniture);
                assert_eq!(sentence.kind(), SentenceKind::Furniture);
                assert_eq!(sentence.first_token(), first_token as usize);
            }
        }
    }

    #[test]
    fn sentence_tokens_run_to_the_next_sentence() {
        let document = Document::new("One two three. Four.\n\nFive six", Language::English);
        let words: Vec<usize> =
            (0..document.sentences().len()).map(|i| document.sentence_words(i)).collect();
        assert_eq!(words, [3, 1, 2]);
        assert_eq!(document.sentence_token_range(2), 4..6);
        assert_eq!(document.term(document.sentence_tokens(1)[0].term()), "four");
    }

    #[test]
    fn long_texts_are_cut_on_a_char_boundary() {
        assert_eq!(prefix("abc", 5), "abc");
        assert_eq!(prefix("abc", 2), "ab");
        // "é" is two bytes: a cut inside it moves back before it.
        assert_eq!(prefix("aé", 2), "a");
        assert_eq!(prefix("aé", 3), "aé");
        assert_eq!(prefix("🎉", 3), "");
    }

    #[test]
    fn paragraphs_locate_their_sentences() {
        let text = "One. Two. Three.\n\nFour.\n\nFive. Six.";
        let document = Document::new(text, Language::English);
        let located: Vec<(usize, usize)> = (0..document.sentences().len())
            .map(|i| (document.paragraph_of(i), document.index_in_paragraph(i)))
            .collect();
        assert_eq!(located, [(0, 0), (0, 1), (0, 2), (1, 0), (2, 0), (2, 1)]);
        for (index, paragraph) in document.paragraphs().iter().enumerate() {
            let first = &document.sentences()[paragraph.sentences().start];
            let last = &document.sentences()[paragraph.sentences().end - 1];
            assert_eq!(paragraph.span(), Span::new(first.span().start, last.span().end));
            assert!(paragraph.sentences().all(|i| document.paragraph_of(i) == index));
        }
    }

    #[test]
    fn promotion_blocks_are_furniture_as_a_whole() {
        // Rule 6 holds for a short paragraph, not for a long one.
        let text = "We are on a new app now.\nTap here to install it today\n\n\
                    One fact. Two facts. Three facts.\nClick here for more";
        let document = Document::new(text, Language::English);
        let kinds: Vec<SentenceKind> = document.sentences().iter().map(|s| s.kind()).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Furniture,
                SentenceKind::Furniture,
                SentenceKind::Prose,
                SentenceKind::Prose,
                SentenceKind::Prose,
                SentenceKind::Furniture,
            ]
        );
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
        let kinds: Vec<SentenceKind> = document.sentences().iter().map(|s| s.kind()).collect();
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
            document.sentence_tokens(0).iter().map(|t| document.term(t.term())).collect();
        assert_eq!(terms, ["dzieci", "bawią", "się", "w", "parku"]);
    }
}
