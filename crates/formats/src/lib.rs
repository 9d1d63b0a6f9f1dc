//! Input formats for abridge: the text people have, turned into blocks.
//!
//! Every input enters abridge through this layer:
//!
//! ```text
//! input (&str) --Format::parse--> Parsed { text, blocks, origins, metadata }
//!              --Analyzer (abridge-text)--> Document
//! ```
//!
//! A [`Format`] reads one kind of input (plain text, Markdown, e-mail, text
//! from PDFs, subtitles, HTML) and says what its parts are: a list of
//! [`Block`]s (title, heading, paragraph, list item, quote, code, table,
//! caption, furniture) with byte spans into [`Parsed::text`], which the
//! segmenter consumes instead of guessing layout. Each format is one module
//! behind the one trait, so a new format is one file and one line in
//! [`InputFormat`].
//!
//! Where a format can keep the input as it is (Markdown, e-mail threads,
//! subtitles, text from PDFs), [`Parsed::text`] borrows the input and spans
//! are byte offsets into the original file. Where it cannot (HTML, whose
//! text is extracted from markup; MIME bodies in base64), the text is owned
//! and each block's [`Origin`] says where it came from in the source.
//!
//! Parsing never fails: any input gives a [`Parsed`], at worst with no
//! blocks.

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod email;
pub mod encoding;
pub mod html;
mod markdown;
mod pdf;
mod subtitles;
mod text;
mod transcript;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use abridge_text::{Block, BlockKind, LineBreaks, Span};
pub use email::Email;
pub use html::Html;
pub use markdown::Markdown;
pub use pdf::PdfText;
pub use subtitles::{Srt, Vtt};
pub use text::PlainText;
pub use transcript::Transcript;

/// One kind of input.
///
/// ```
/// use abridge_formats::{BlockKind, Format, Markdown};
///
/// let parsed = Markdown.parse("# Notes\n\nThe harbour closed.\n");
/// let kinds: Vec<BlockKind> = parsed.blocks.unwrap().iter().map(|block| block.kind).collect();
/// assert_eq!(kinds, [BlockKind::Title, BlockKind::Paragraph]);
/// assert!(Markdown.extensions().contains(&"md"));
/// ```
pub trait Format: Send + Sync + fmt::Debug {
    /// The format's name, as `--input-format` takes it.
    fn name(&self) -> &'static str;

    /// File name extensions (lower case, without the dot) that mean this
    /// format.
    fn extensions(&self) -> &'static [&'static str];

    /// Whether `head` (the first few KiB of an input, cut on a `char`
    /// boundary) looks like this format. Called only when the extension
    /// says nothing; it must be cheap and must never fire on plain prose.
    fn sniff(&self, head: &str) -> bool;

    /// Parses `input`. Never fails.
    fn parse<'a>(&self, input: &'a str) -> Parsed<'a>;

    /// How a unit of [`Parsed::text`] is shown to people: the unit itself,
    /// unless the format knows a better rendering (text from PDFs joins the
    /// words it hyphenated at line ends). The unit's span still covers the
    /// text as it is; callers say which they show.
    fn show<'t>(&self, unit: &'t str) -> Cow<'t, str> {
        Cow::Borrowed(unit)
    }

    /// [`Format::show`] for a unit of `text` (the whole [`Parsed::text`]
    /// it is part of), which the format may read for how the document
    /// writes things elsewhere: text from PDFs shows a word hyphenated at a
    /// line end as the document writes it where no line end cuts it. The
    /// default ignores `text`.
    ///
    /// ```
    /// use abridge_formats::{Format, PdfText, Srt};
    ///
    /// let text = "A cross-\ntown ferry. The crosstown route is new.";
    /// assert_eq!(PdfText.show_in("A cross-\ntown ferry.", text), "A crosstown ferry.");
    /// assert_eq!(Srt.show_in("A cross-\ntown ferry.", text), "A cross-\ntown ferry.");
    /// ```
    fn show_in<'t>(&self, unit: &'t str, text: &str) -> Cow<'t, str> {
        let _ = text;
        self.show(unit)
    }

    /// How line breaks inside this format's blocks read: as in plain text
    /// (the default), or as spaces (Markdown and HTML, which wrap
    /// paragraphs freely).
    fn line_breaks(&self) -> LineBreaks {
        LineBreaks::Layout
    }
}

/// An input as a format parser understood it.
///
/// ```
/// use abridge_formats::{Format, Srt};
///
/// let parsed = Srt.parse("1\n00:00:01,000 --> 00:00:03,000\nThe ferry runs again.\n");
/// assert_eq!(parsed.text, "The ferry runs again.");
/// assert_eq!(parsed.origins[0].time_ms, Some((1000, 3000)));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed<'a> {
    /// The text that block spans point into: the input itself where the
    /// format allows, the extracted text otherwise.
    pub text: Cow<'a, str>,
    /// The blocks, in text order, not overlapping. `None` means the format
    /// knows no structure (plain text): the segmenter finds paragraphs from
    /// the layout, as it always has.
    pub blocks: Option<Vec<Block>>,
    /// Where each block came from in the source, one per block, when the
    /// text is not the input itself or a block carries more than its span
    /// (a subtitle cue's times). Empty when there is nothing to say.
    pub origins: Vec<Origin>,
    /// What the input says about itself.
    pub metadata: Metadata,
}

impl<'a> Parsed<'a> {
    /// The input as plain text: the text itself, no blocks.
    ///
    /// ```
    /// use abridge_formats::Parsed;
    ///
    /// let parsed = Parsed::plain("Just text.");
    /// assert_eq!((parsed.text.as_ref(), parsed.blocks.is_none()), ("Just text.", true));
    /// ```
    pub fn plain(input: &'a str) -> Parsed<'a> {
        Parsed { text: Cow::Borrowed(input), ..Parsed::default() }
    }
}

/// Where a block came from in the source.
///
/// ```
/// use abridge_formats::{Format, Transcript};
///
/// let parsed = Transcript.parse("[00:00:02] MAYA: The lease ends in February.\n");
/// assert_eq!(parsed.origins[0].speaker.as_deref(), Some("MAYA"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The block's bytes in the original input, when the text was extracted
    /// from it (HTML, MIME parts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// A path to the element it came from (`html > body > article > p[3]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Start and end time in milliseconds (subtitles, transcripts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_ms: Option<(u64, u64)>,
    /// Who said it (transcripts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

/// What an input says about itself: a page's title and author, a message's
/// subject and sender.
///
/// ```
/// use abridge_formats::{Format, Markdown};
///
/// assert_eq!(Markdown.parse("# Sandpiper\n\nIt trims reads.\n").metadata.title.as_deref(), Some("Sandpiper"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The title, headline or subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The author or sender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The publication or sending date, as the input gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The site or publication name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The canonical URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The language the input declares (a BCP 47 tag, as given), a hint for
    /// detection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Metadata {
    /// Whether nothing is known.
    ///
    /// ```
    /// use abridge_formats::Metadata;
    ///
    /// assert!(Metadata::default().is_empty());
    /// assert!(!Metadata { title: Some("A title".into()), ..Metadata::default() }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }
}

/// The input formats abridge reads, by name.
///
/// ```
/// use abridge_formats::InputFormat;
///
/// assert_eq!("Markdown".parse::<InputFormat>().unwrap(), InputFormat::Markdown);
/// assert_eq!(InputFormat::PdfText.to_string(), "pdf-text");
/// assert!("docx".parse::<InputFormat>().unwrap_err().to_string().contains("known: auto, text"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum InputFormat {
    /// Plain text: structure from the layout.
    #[default]
    Text,
    /// Markdown (CommonMark, GitHub tables).
    Markdown,
    /// Transcripts: speaker turns, timestamps, speech without punctuation.
    Transcript,
    /// SubRip subtitles.
    Srt,
    /// WebVTT subtitles.
    Vtt,
    /// Text from PDFs (`pdftotext` output).
    PdfText,
    /// E-mail messages and pasted threads.
    Email,
    /// HTML and XHTML pages: the main content, furniture dropped.
    Html,
}

impl InputFormat {
    /// Every format, in the order detection tries them.
    ///
    /// ```
    /// use abridge_formats::InputFormat;
    ///
    /// assert_eq!(abridge_formats::InputFormat::ALL[0], InputFormat::Text);
    /// ```
    pub const ALL: &'static [InputFormat] = &[
        InputFormat::Text,
        InputFormat::Html,
        InputFormat::Srt,
        InputFormat::Vtt,
        InputFormat::PdfText,
        InputFormat::Email,
        InputFormat::Markdown,
        InputFormat::Transcript,
    ];

    /// The parser of this format.
    ///
    /// ```
    /// use abridge_formats::InputFormat;
    ///
    /// assert_eq!(InputFormat::Vtt.format().name(), "vtt");
    /// ```
    pub fn format(self) -> &'static dyn Format {
        match self {
            InputFormat::Text => &PlainText,
            InputFormat::Markdown => &Markdown,
            InputFormat::Transcript => &Transcript,
            InputFormat::Srt => &Srt,
            InputFormat::Vtt => &Vtt,
            InputFormat::PdfText => &PdfText,
            InputFormat::Email => &Email,
            InputFormat::Html => &Html,
        }
    }

    /// The format's name.
    ///
    /// ```
    /// use abridge_formats::InputFormat;
    ///
    /// assert_eq!(InputFormat::Email.name(), "email");
    /// ```
    pub fn name(self) -> &'static str {
        self.format().name()
    }

    /// The format a file name extension (without the dot, any case) means.
    ///
    /// ```
    /// use abridge_formats::InputFormat;
    ///
    /// assert_eq!(InputFormat::from_extension("MD"), Some(InputFormat::Markdown));
    /// assert_eq!(InputFormat::from_extension("docx"), None);
    /// ```
    pub fn from_extension(extension: &str) -> Option<InputFormat> {
        let extension = extension.to_ascii_lowercase();
        InputFormat::ALL
            .iter()
            .copied()
            .find(|format| format.format().extensions().contains(&extension.as_str()))
    }

    /// The format a file's name means, by its extension.
    ///
    /// ```
    /// use abridge_formats::InputFormat;
    ///
    /// assert_eq!(InputFormat::from_path(std::path::Path::new("talk/lecture.vtt")), Some(InputFormat::Vtt));
    /// ```
    pub fn from_path(path: &std::path::Path) -> Option<InputFormat> {
        path.extension()
            .and_then(|extension| extension.to_str())
            .and_then(InputFormat::from_extension)
    }

    /// The format an input is in: by its extension when that names a
    /// format, by its content otherwise, plain text when nothing fires.
    ///
    /// A `.txt` extension says little (text from PDFs, pasted e-mail
    /// threads and transcripts are all saved as `.txt`), so it leaves the
    /// decision to the content too.
    ///
    /// ```
    /// use abridge_formats::InputFormat;
    ///
    /// assert_eq!(InputFormat::detect(Some("srt"), "anything"), InputFormat::Srt);
    /// assert_eq!(InputFormat::detect(None, "WEBVTT\n\n00:01.000 --> 00:02.000\nHello.\n"), InputFormat::Vtt);
    /// assert_eq!(InputFormat::detect(Some("txt"), "The harbour closed on Tuesday."), InputFormat::Text);
    /// ```
    pub fn detect(extension: Option<&str>, input: &str) -> InputFormat {
        if let Some(format) = extension
            .and_then(InputFormat::from_extension)
            .filter(|&format| format != InputFormat::Text)
        {
            return format;
        }
        let head = head(input, HEAD_BYTES);
        InputFormat::ALL
            .iter()
            .copied()
            .filter(|&format| format != InputFormat::Text)
            .find(|format| format.format().sniff(head))
            .unwrap_or(InputFormat::Text)
    }

    /// Parses `input` in this format.
    ///
    /// ```
    /// use abridge_formats::InputFormat;
    ///
    /// let parsed = InputFormat::PdfText.parse("Page one ends here\n\u{c}and page two goes on.\n");
    /// assert_eq!(parsed.text.len(), "Page one ends here\n\u{c}and page two goes on.\n".len(), "byte for byte");
    /// ```
    pub fn parse(self, input: &str) -> Parsed<'_> {
        self.format().parse(input)
    }
}

/// How much of an input the sniffers look at.
pub const HEAD_BYTES: usize = 8 * 1024;

/// The first `max` bytes of `text`, cut back to a `char` boundary.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An input format name that abridge does not know.
///
/// ```
/// use abridge_formats::{InputFormat, UnknownFormat};
///
/// assert_eq!("rtf".parse::<InputFormat>(), Err(UnknownFormat("rtf".to_owned())));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = InputFormat::ALL.iter().map(|format| format.name()).collect();
        write!(f, "unknown input format '{}' (known: auto, {})", self.0, known.join(", "))
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for InputFormat {
    type Err = UnknownFormat;

    /// A format by name, in any case.
    fn from_str(name: &str) -> Result<InputFormat, UnknownFormat> {
        let lower = name.trim().to_ascii_lowercase();
        InputFormat::ALL
            .iter()
            .copied()
            .find(|format| format.name() == lower)
            .ok_or_else(|| UnknownFormat(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_list_the_known_ones() {
        for &format in InputFormat::ALL {
            assert_eq!(format.name().parse::<InputFormat>(), Ok(format));
            assert_eq!(format.name().to_uppercase().parse::<InputFormat>(), Ok(format));
        }
        let error = "docx".parse::<InputFormat>().unwrap_err();
        assert!(error.to_string().contains("'docx'"), "{error}");
        assert!(error.to_string().contains("text"), "{error}");
    }

    #[test]
    fn plain_prose_is_text() {
        let prose = "The harbour closed on Tuesday. Divers found a breach in the wall.";
        assert_eq!(InputFormat::detect(None, prose), InputFormat::Text);
        assert_eq!(InputFormat::detect(Some("TXT"), prose), InputFormat::Text);
        let parsed = InputFormat::Text.parse(prose);
        assert_eq!(parsed.text, prose);
        assert!(parsed.blocks.is_none());
    }

    #[test]
    fn head_cuts_on_a_char_boundary() {
        let text = "ééé";
        assert_eq!(head(text, 3), "é");
        assert_eq!(head(text, 100), text);
    }
}
