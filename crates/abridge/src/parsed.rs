//! Summaries of inputs in a format: Markdown, e-mail, text from PDFs,
//! subtitles, HTML ([`abridge_formats`]).
//!
//! A format parser turns the input into a [`Parsed`]: the text that spans
//! point into and the [`Block`]s found in it. The analyzer segments each
//! candidate block on its own (see
//! [`Analyzer::analyze_blocks`](abridge_text::Analyzer::analyze_blocks)), so
//! code, tables, quoted replies and furniture are never chosen, and headings
//! count as a headline does without being chosen.
//!
//! # Where spans point
//!
//! An [`Extract`]'s `start` and `end` are byte offsets into
//! [`Parsed::text`]. Where the format keeps the input as it is (plain text,
//! Markdown, pasted e-mail threads, transcripts), [`Parsed::text`] *is* the
//! input, so they are offsets into the input; text from PDFs is the input
//! with its page furniture overwritten by spaces byte for byte, so its
//! offsets are the input's too.
//! Where it must rewrite it (subtitles, whose cue numbers and timestamps
//! are cut out; HTML; MIME bodies), the extract's `source` gives the bytes
//! of the input its blocks came from (from the first block's
//! [`Origin::source`] start to the last one's end), and [`Summary::format`]
//! says which format was used.

use std::borrow::Cow;

use abridge_formats::{Block, BlockKind, InputFormat, Origin, Parsed, Shower};
use abridge_text::{Document, Language, Span};

use crate::batch::Scratch;
use crate::{Extract, LanguageChoice, LanguageSource, Summarizer, Summary};

/// How much candidate text language detection reads.
const DETECTION_SAMPLE_BYTES: usize = 1024;

impl Summarizer {
    /// Summarises `input` read as `format`.
    ///
    /// ```
    /// use abridge::{InputFormat, Summarizer};
    ///
    /// let readme = "# Tool\n\nThe tool trims reads before alignment.\n\n```sh\n# Install it first.\ncargo install tool\n```\n";
    /// let summary = Summarizer::builder().build()?.summarize_as(readme, InputFormat::Markdown);
    /// assert_eq!(summary.texts().collect::<Vec<_>>(), ["The tool trims reads before alignment."]);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_as<'a>(&self, input: &'a str, format: InputFormat) -> Summary<'a> {
        self.summarize_input(input, Some(format), None, &mut Scratch::new())
    }

    /// Summarises `input` in the format its content looks like (plain text
    /// when no format recogniser fires).
    ///
    /// ```
    /// use abridge::{InputFormat, Summarizer};
    ///
    /// let subtitles = "WEBVTT\n\n00:00.500 --> 00:04.000\nToday we look at glaciers.\n";
    /// let summary = Summarizer::builder().build()?.summarize_detected(subtitles);
    /// assert_eq!(summary.format, InputFormat::Vtt);
    /// assert_eq!(summary.sentences[0].start_ms, Some(500));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_detected<'a>(&self, input: &'a str) -> Summary<'a> {
        self.summarize_input(input, None, None, &mut Scratch::new())
    }

    /// Summarises an input a format parser has read; `format` is the one
    /// that read it (its [`show`](abridge_formats::Format::show) renders the
    /// chosen sentences). The extracts borrow [`Parsed::text`].
    ///
    /// ```
    /// use abridge::{InputFormat, Summarizer};
    ///
    /// let input = "MAYA: The lease on the old warehouse ends in February.\nBEN: Yes.\n";
    /// let parsed = InputFormat::Transcript.parse(input);
    /// let summary = Summarizer::builder().sentences(1).build()?.summarize_parsed(&parsed, InputFormat::Transcript);
    /// assert_eq!(summary.sentences[0].speaker.as_deref(), Some("MAYA"));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_parsed<'p>(&self, parsed: &'p Parsed<'_>, format: InputFormat) -> Summary<'p> {
        self.summarize_text_blocks(&parsed.text, parsed, format, None, &mut Scratch::new())
    }

    /// Summarises `input` in `format`, or the format detected from its
    /// content when `None`, with memory kept between calls (see
    /// [`Summarizer::summarize_with`]); `known` is the text's language when
    /// its source says it. This is what `abridge summarize` and `abridge
    /// batch` do with each input.
    ///
    /// ```
    /// use abridge::{InputFormat, Language, Scratch, Summarizer};
    ///
    /// let page = "<html><body><article><p>The harbour closed on Tuesday after the storm.</p></article></body></html>";
    /// let summarizer = Summarizer::builder().sentences(1).build()?;
    /// let summary = summarizer.summarize_input(page, None, Some(Language::English), &mut Scratch::new());
    /// assert_eq!(summary.format, InputFormat::Html);
    /// assert_eq!(summary.texts().collect::<Vec<_>>(), ["The harbour closed on Tuesday after the storm."]);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_input<'a>(
        &self,
        input: &'a str,
        format: Option<InputFormat>,
        known: Option<Language>,
        scratch: &mut Scratch,
    ) -> Summary<'a> {
        let format = format.unwrap_or_else(|| InputFormat::detect(None, input));
        if format == InputFormat::Text {
            return self.summarize_in(input, known, scratch);
        }
        let parsed = format.parse(input);
        match &parsed.text {
            Cow::Borrowed(text) => {
                self.summarize_text_blocks(text, &parsed, format, known, scratch)
            }
            Cow::Owned(text) => {
                self.summarize_text_blocks(text, &parsed, format, known, scratch).into_owned()
            }
        }
    }

    /// Summarises `text` (which is `parsed.text`) with the blocks of
    /// `parsed`.
    fn summarize_text_blocks<'a>(
        &self,
        text: &'a str,
        parsed: &Parsed<'_>,
        format: InputFormat,
        known: Option<Language>,
        scratch: &mut Scratch,
    ) -> Summary<'a> {
        let Some(blocks) = &parsed.blocks else {
            let mut summary = self.summarize_in(text, known, scratch);
            summary.format = format;
            summary.metadata = parsed.metadata.clone();
            let show = format.format().shower(text);
            for extract in &mut summary.sentences {
                describe(extract, &show, &[], &[]);
            }
            return summary;
        };
        let blocks = self.candidate_blocks(blocks);
        let (language, source) = match (self.config().language, known) {
            (LanguageChoice::Auto, Some(language)) => (language, LanguageSource::Given),
            (LanguageChoice::Auto, None) => {
                let (detected, source) = self.language_of(&detection_sample(text, &blocks));
                // The language the input declares (`<html lang>`) is a hint:
                // it decides when detection cannot.
                match (source, declared_language(&parsed.metadata)) {
                    (LanguageSource::Fallback, Some(declared)) => {
                        (declared, LanguageSource::Declared)
                    }
                    _ => (detected, source),
                }
            }
            _ => self.language_of(&detection_sample(text, &blocks)),
        };
        let document = self
            .analyzer(language)
            .analyze_blocks_cached(
                text,
                &blocks,
                format.format().line_breaks(),
                scratch.cache(language),
            )
            .with_conversation(is_conversation(&parsed.origins));
        // Who said each sentence, for a query that names a speaker.
        let speakers: Option<Vec<Option<&str>>> = (self.query().is_some()
            && parsed.origins.len() == blocks.len()
            && parsed.origins.iter().any(|origin| origin.speaker.is_some()))
        .then(|| {
            document
                .sentences()
                .iter()
                .map(|sentence| {
                    let start = sentence.span().start;
                    let block = blocks.partition_point(|block| block.span.end <= start);
                    parsed.origins.get(block).and_then(|origin| origin.speaker.as_deref())
                })
                .collect()
        });
        let mut summary =
            self.summarize_spoken(&document, &mut scratch.scores, speakers.as_deref());
        summary.language_source = source;
        summary.unanalysed_bytes = text.len() - document.text().len();
        summary.format = format;
        summary.metadata = parsed.metadata.clone();
        let show = format.format().shower(text);
        for extract in &mut summary.sentences {
            describe(extract, &show, &blocks, &parsed.origins);
        }
        recycle(scratch, language, document);
        summary
    }

    /// The blocks as the settings read them: quoted replies are candidates
    /// with `include_quoted`.
    fn candidate_blocks<'b>(&self, blocks: &'b [Block]) -> Cow<'b, [Block]> {
        if !self.config().include_quoted || !blocks.iter().any(|b| b.kind == BlockKind::Quoted) {
            return Cow::Borrowed(blocks);
        }
        blocks
            .iter()
            .map(|block| match block.kind {
                BlockKind::Quoted => Block::new(BlockKind::Quote, block.span),
                _ => *block,
            })
            .collect()
    }
}

/// Whether the origins are turns of two or more speakers.
fn is_conversation(origins: &[Origin]) -> bool {
    let mut speakers = origins.iter().filter_map(|origin| origin.speaker.as_deref());
    let Some(first) = speakers.next() else { return false };
    speakers.any(|speaker| speaker != first)
}

/// The language a document's metadata declares, when abridge knows it
/// (`en-GB` is English).
fn declared_language(metadata: &abridge_formats::Metadata) -> Option<Language> {
    let tag = metadata.language.as_deref()?;
    let primary = tag.split(['-', '_']).next()?.trim();
    primary.parse::<Language>().ok()
}

fn recycle(scratch: &mut Scratch, language: Language, document: Document<'_>) {
    scratch.cache(language).recycle(document);
}

/// The text language detection reads: the first candidate blocks, so that
/// code and headers do not decide the language.
fn detection_sample<'t>(text: &'t str, blocks: &[Block]) -> Cow<'t, str> {
    let mut candidates = blocks.iter().filter(|block| block.kind.is_candidate());
    let Some(first) = candidates.next() else { return Cow::Borrowed(text) };
    let first_text = first.span.slice(text);
    if first_text.len() >= DETECTION_SAMPLE_BYTES {
        return Cow::Borrowed(first_text);
    }
    let mut sample = first_text.to_owned();
    for block in candidates {
        if sample.len() >= DETECTION_SAMPLE_BYTES {
            break;
        }
        sample.push('\n');
        sample.push_str(block.span.slice(text));
    }
    Cow::Owned(sample)
}

/// Adds to a chosen sentence what its blocks say: where in the input they
/// came from, when it was said and by whom, and how the format shows it
/// (`show`, the format's [`Shower`] for the whole text).
fn describe(extract: &mut Extract<'_>, show: &Shower<'_>, blocks: &[Block], origins: &[Origin]) {
    let shown = show(&extract.text);
    if shown != extract.text {
        extract.shown = Some(Cow::Owned(shown.into_owned()));
    }
    if origins.len() != blocks.len() || blocks.is_empty() {
        return;
    }
    // The blocks the sentence starts and ends in.
    let first = blocks.partition_point(|block| block.span.end <= extract.start);
    let last = blocks.partition_point(|block| block.span.start < extract.end).saturating_sub(1);
    let (Some(first_origin), Some(last_origin)) = (origins.get(first), origins.get(last)) else {
        return;
    };
    if let (Some(start), Some(end)) = (first_origin.source, last_origin.source) {
        extract.source = Some(Span::new(start.start, end.end.max(start.start)));
    }
    if let (Some((start, _)), Some((_, end))) = (first_origin.time_ms, last_origin.time_ms) {
        extract.start_ms = Some(start);
        extract.end_ms = Some(end.max(start));
    }
    extract.speaker.clone_from(&first_origin.speaker);
    extract.path.clone_from(&first_origin.path);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Budget, ScorerKind};

    /// A hand-made parse: a title, a paragraph, code, a quoted reply, and
    /// two subtitle-like turns with times, in an extracted text.
    fn parsed() -> Parsed<'static> {
        let text = "Harbour repairs\n\n\
                    The council approved the harbour repairs on Monday. Work starts in spring.\n\n\
                    cargo run --release -- repair harbour now\n\n\
                    > The council rejected the harbour repairs last year after a long debate.\n\n\
                    The divers found a breach in the harbour wall and they\n\
                    reported it to the council on Tuesday.";
        let find = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span::new(start, start + needle.len())
        };
        let kinds_and_texts = [
            (BlockKind::Title, "Harbour repairs"),
            (
                BlockKind::Paragraph,
                "The council approved the harbour repairs on Monday. Work starts in spring.",
            ),
            (BlockKind::Code, "cargo run --release -- repair harbour now"),
            (
                BlockKind::Quoted,
                "> The council rejected the harbour repairs last year after a long debate.",
            ),
            (BlockKind::Turn, "The divers found a breach in the harbour wall and they"),
            (BlockKind::Turn, "reported it to the council on Tuesday."),
        ];
        let blocks: Vec<Block> =
            kinds_and_texts.iter().map(|&(kind, needle)| Block::new(kind, find(needle))).collect();
        let origins = (0..blocks.len() as u64)
            .map(|i| Origin {
                source: Some(Span::new(100 * i as usize, 100 * i as usize + 50)),
                time_ms: Some((1000 * i, 1000 * i + 900)),
                ..Origin::default()
            })
            .collect();
        Parsed {
            text: Cow::Owned(text.to_owned()),
            blocks: Some(blocks),
            origins,
            metadata: Default::default(),
        }
    }

    #[test]
    fn only_candidate_blocks_are_chosen_whatever_the_scorer() {
        let parsed = parsed();
        for &scorer in ScorerKind::ALL {
            for budget in [Budget::Sentences(10), Budget::Words(12), Budget::Ratio(1.0)] {
                let summarizer =
                    Summarizer::builder().scorer(scorer).budget(budget).build().unwrap();
                let summary = summarizer.summarize_parsed(&parsed, InputFormat::Text);
                assert!(!summary.is_empty(), "{scorer:?} {budget:?}");
                for extract in &summary.sentences {
                    assert!(!extract.text.contains("cargo"), "{scorer:?}: {}", extract.text);
                    assert!(!extract.text.contains("rejected"), "{scorer:?}: {}", extract.text);
                    assert_ne!(extract.text, "Harbour repairs", "{scorer:?}");
                    assert_eq!(&parsed.text[extract.start..extract.end], extract.text);
                }
            }
        }
    }

    #[test]
    fn headings_count_but_are_not_chosen_and_turns_join() {
        let parsed = parsed();
        let summarizer = Summarizer::builder().sentences(10).build().unwrap();
        let document = summarizer.analyzer(Language::English).analyze_blocks(
            &parsed.text,
            parsed.blocks.as_deref().unwrap(),
            abridge_text::LineBreaks::Layout,
        );
        let units: Vec<(&str, abridge_text::SentenceKind)> = (0..document.sentences().len())
            .map(|i| (document.sentence_text(i), document.sentences()[i].kind()))
            .collect();
        use abridge_text::SentenceKind::{Heading, Prose};
        assert_eq!(
            units,
            [
                ("Harbour repairs", Heading),
                ("The council approved the harbour repairs on Monday.", Prose),
                ("Work starts in spring.", Prose),
                (
                    "The divers found a breach in the harbour wall and they\nreported it to the council on Tuesday.",
                    Prose
                ),
            ]
        );
        // The sentence across two turns takes its time and source from both.
        let summary = summarizer.summarize_parsed(&parsed, InputFormat::Text);
        let last = summary.sentences.last().unwrap();
        assert_eq!((last.start_ms, last.end_ms), (Some(4000), Some(5900)));
        assert_eq!(last.source, Some(Span::new(400, 550)));
        assert_eq!(summary.sentences[0].start_ms, Some(1000));
    }

    #[test]
    fn quoted_replies_only_when_asked() {
        let parsed = parsed();
        let summarizer = Summarizer::builder().sentences(10).include_quoted(true).build().unwrap();
        let summary = summarizer.summarize_parsed(&parsed, InputFormat::Text);
        assert!(summary.texts().any(|text| text.contains("rejected")), "{summary:?}");
        let json = serde_json::to_value(summary.settings).unwrap();
        assert_eq!(json["include_quoted"], true);
        let plain = serde_json::to_value(crate::SummarizerConfig::default()).unwrap();
        assert!(plain.get("include_quoted").is_none(), "{plain}");
    }

    #[test]
    fn plain_text_is_summarised_as_before() {
        let text = "Powered by\n\nThe dam burst after days of rain. Villages downstream were evacuated on Monday. Nobody was hurt.";
        let summarizer = Summarizer::builder().sentences(2).build().unwrap();
        let before = summarizer.summarize(text);
        assert_eq!(summarizer.summarize_as(text, InputFormat::Text), before);
        assert_eq!(summarizer.summarize_detected(text), before);
        assert_eq!(before.format, InputFormat::Text);
    }

    #[test]
    fn headings_alone_give_no_summary() {
        let text = "Release checklist";
        let parsed = Parsed {
            blocks: Some(vec![Block::new(BlockKind::Heading, Span::new(0, text.len()))]),
            ..Parsed::plain(text)
        };
        for &scorer in ScorerKind::ALL {
            let summary = Summarizer::builder()
                .scorer(scorer)
                .build()
                .unwrap()
                .summarize_parsed(&parsed, InputFormat::Text);
            assert!(summary.is_empty(), "{scorer:?}");
            assert_eq!(summary.empty_reason, Some(crate::EmptyReason::OnlyFurniture));
        }
    }
}
