//! [`Summary`]: the chosen sentences, as spans of the input.

use std::borrow::Cow;

use abridge_score::Explanation;
use serde::{Deserialize, Serialize};

use crate::{LanguageSource, SummarizerConfig};
use abridge_formats::{InputFormat, Metadata};
use abridge_text::{Language, Span};

/// One chosen sentence.
///
/// ```
/// use abridge::Summarizer;
///
/// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
/// let summary = Summarizer::builder().sentences(1).build()?.summarize(text);
/// let extract = &summary.sentences[0];
/// assert_eq!((extract.index, extract.start), (0, 0));
/// assert_eq!(&text[extract.start..extract.end], extract.text);
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Extract<'a> {
    /// Index of the sentence in the document's segmentation.
    pub index: usize,
    /// The sentence, exactly as it stands in the input.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// Byte offset of its first byte in the input.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Its score under the scorer used.
    pub score: f64,
    /// How the score was made, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    /// The sentence as its format shows it, when that differs from `text`
    /// (text from PDFs joins words hyphenated at line ends); `text`, `start`
    /// and `end` still give it as it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown: Option<Cow<'a, str>>,
    /// The bytes of the original input the sentence's blocks came from,
    /// when the format extracted its text from the input instead of
    /// keeping it (subtitles, HTML, MIME bodies): then `start` and `end`
    /// are offsets into the extracted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// When the sentence starts being said, in milliseconds (subtitles,
    /// timed transcripts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    /// When it has been said, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
    /// Who says it (transcripts with speaker turns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// How redundancy control (MMR) picked it, when explanations are asked
    /// for and redundancy control is on: its relevance, its redundancy with
    /// the sentences picked before it, and the value that won its round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<Explanation>,
    /// The path of the element its block came from (HTML:
    /// `html > body > article > p[2]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// In a summary of a cluster of documents
    /// ([`Summarizer::summarize_cluster`](crate::Summarizer::summarize_cluster)):
    /// the index of the document the sentence comes from, in the order the
    /// documents were given; `index`, `start` and `end` are then into that
    /// document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<usize>,
    /// The id of that document, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
}

impl Extract<'_> {
    /// The sentence on one line, as `abridge summarize` prints it: as its
    /// format shows it ([`Extract::shown`], where there is one: text from
    /// PDFs joins words hyphenated at line ends), with runs of white space,
    /// line breaks included, as one space. [`Extract::text`] keeps the
    /// input's bytes exactly.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The harbour closed on Tuesday\nafter the storm broke the wall.";
    /// let summary = Summarizer::builder().sentences(1).build()?.summarize(text);
    /// assert_eq!(summary.sentences[0].text, text);
    /// assert_eq!(summary.sentences[0].one_line(), "The harbour closed on Tuesday after the storm broke the wall.");
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn one_line(&self) -> String {
        one_line(self.shown.as_deref().unwrap_or(&self.text))
    }
}

/// `text` on one line: runs of white space (line breaks included) become
/// one space, and white space at the ends goes.
///
/// ```
/// assert_eq!(abridge::one_line("  Two\n lines\t here. "), "Two lines here.");
/// ```
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// Why a summary came out empty.
///
/// ```
/// use abridge::{EmptyReason, Summarizer};
///
/// let summarizer = Summarizer::builder().build()?;
/// assert_eq!(summarizer.summarize("   ").empty_reason, Some(EmptyReason::EmptyInput));
/// assert_eq!(summarizer.summarize("!!! ???").empty_reason, Some(EmptyReason::NoWords));
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmptyReason {
    /// The input is empty or only white space.
    EmptyInput,
    /// The input has no words: only punctuation, symbols, emoji or links.
    NoWords,
    /// Every unit is a link, page furniture, a heading or a lead-in.
    OnlyFurniture,
    /// No eligible sentence fits in the budget.
    BudgetTooSmall,
}

impl EmptyReason {
    /// A sentence for people.
    ///
    /// ```
    /// use abridge::EmptyReason;
    ///
    /// assert_eq!(EmptyReason::BudgetTooSmall.message(), "no sentence fits in the budget");
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            EmptyReason::EmptyInput => "input is empty",
            EmptyReason::NoWords => {
                "input has no sentence with words in it (only symbols, emoji or punctuation)"
            }
            EmptyReason::OnlyFurniture => {
                "input has no sentence, only links or page furniture (labels, captions, promotions)"
            }
            EmptyReason::BudgetTooSmall => "no sentence fits in the budget",
        }
    }
}

/// An extractive summary: the chosen sentences and the settings that chose them.
///
/// ```
/// use abridge::{InputFormat, Language, Summarizer};
///
/// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
/// let summary = Summarizer::builder().build()?.summarize(text);
/// assert_eq!((summary.language, summary.format), (Language::English, InputFormat::Text));
/// assert_eq!(summary.settings, *Summarizer::builder().build()?.config());
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary<'a> {
    /// The settings used.
    pub settings: SummarizerConfig,
    /// The language the text was analysed in.
    pub language: Language,
    /// Whether that language was given, detected, or the fallback.
    pub language_source: LanguageSource,
    /// The input format the text was read as.
    #[serde(default)]
    pub format: InputFormat,
    /// What the input said about itself (a message's subject and sender).
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
    /// Number of sentences in the document.
    pub n_sentences: usize,
    /// The chosen sentences, in the configured order.
    #[serde(borrow)]
    pub sentences: Vec<Extract<'a>>,
    /// Why no sentence was chosen, when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_reason: Option<EmptyReason>,
    /// Bytes at the end of the text that were not analysed: a text longer
    /// than [`MAX_TEXT_BYTES`](abridge_text::MAX_TEXT_BYTES) is analysed up
    /// to there. 0 for every other text.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unanalysed_bytes: usize,
}

fn is_zero(bytes: &usize) -> bool {
    *bytes == 0
}

impl Summary<'_> {
    /// Whether no sentence was chosen.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let summarizer = Summarizer::builder().build()?;
    /// assert!(summarizer.summarize("").is_empty());
    /// assert!(!summarizer.summarize("The harbour closed on Tuesday.").is_empty());
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// The sentence texts.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summary = Summarizer::builder().sentences(1).build()?.summarize(text);
    /// assert_eq!(summary.texts().collect::<Vec<_>>(), ["The harbour closed on Tuesday after the storm."]);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.sentences.iter().map(|extract| extract.text.as_ref())
    }

    /// An owned copy that no longer borrows the input.
    ///
    /// ```
    /// use abridge::{Summarizer, Summary};
    ///
    /// let summarizer = Summarizer::builder().build()?;
    /// let owned: Summary<'static> = {
    ///     let text = String::from("The harbour closed on Tuesday. Divers found a breach.");
    ///     summarizer.summarize(&text).into_owned()
    /// };
    /// assert_eq!(owned.sentences.len(), 2);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn into_owned(self) -> Summary<'static> {
        Summary {
            settings: self.settings,
            language: self.language,
            language_source: self.language_source,
            format: self.format,
            metadata: self.metadata,
            n_sentences: self.n_sentences,
            sentences: self
                .sentences
                .into_iter()
                .map(|extract| Extract {
                    text: Cow::Owned(extract.text.into_owned()),
                    shown: extract.shown.map(|shown| Cow::Owned(shown.into_owned())),
                    ..extract
                })
                .collect(),
            empty_reason: self.empty_reason,
            unanalysed_bytes: self.unanalysed_bytes,
        }
    }
}
