//! Blocks: the structure a format parser found, which the segmenter consumes.
//!
//! Plain text carries its structure only in its layout, so the segmenter
//! guesses paragraphs, lists and headlines from blank lines and line shapes.
//! A parsed format (Markdown, HTML, e-mail, subtitles; see the
//! `abridge-formats` crate) knows it: it hands the analyzer a list of
//! [`Block`]s, each with a [`BlockKind`] and a byte [`Span`] into the text,
//! and the analyzer segments each candidate block on its own instead of
//! guessing.
//!
//! Blocks are in text order and do not overlap; text outside every block
//! is not part of the document's content (markup, headers, timestamps).

use serde::{Deserialize, Serialize};

use crate::Span;

/// What a block of a parsed document is.
///
/// ```
/// use abridge_text::BlockKind;
///
/// assert!(BlockKind::Paragraph.is_candidate() && !BlockKind::Code.is_candidate());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The document's title. Never a candidate; it may inform scoring as a
    /// headline does.
    Title,
    /// A section heading. Never a candidate.
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// A block quotation that belongs to the document (not a quoted reply).
    Quote,
    /// A figure or table caption. Not a candidate: it tells what a
    /// picture shows, not what the document says (main-content benchmarks
    /// leave captions out of a page's text too).
    Caption,
    /// A turn of a transcript or a subtitle cue run: text said by someone.
    Turn,
    /// Quoted text of an earlier message (e-mail replies). Not a candidate
    /// unless the caller asks for quoted text.
    Quoted,
    /// Code: fenced or indented code, inline-code-only lines.
    Code,
    /// A table or a row of one.
    Table,
    /// Headers, signatures, legal footers, page numbers, running headers,
    /// navigation, banners: never a candidate.
    Furniture,
}

impl BlockKind {
    /// Whether sentences of this block may be chosen for a summary.
    ///
    /// ```
    /// use abridge_text::BlockKind;
    ///
    /// assert!(BlockKind::Turn.is_candidate());
    /// assert!(!BlockKind::Furniture.is_candidate());
    /// ```
    pub fn is_candidate(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote | BlockKind::Turn
        )
    }

    /// Whether the block is a title or heading: not a candidate, but text a
    /// scorer may read as a headline.
    ///
    /// ```
    /// use abridge_text::BlockKind;
    ///
    /// assert!(BlockKind::Title.is_heading() && !BlockKind::Quote.is_heading());
    /// ```
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Title | BlockKind::Heading)
    }
}

/// How the line breaks inside a block read.
///
/// ```
/// use abridge_text::LineBreaks;
///
/// assert_eq!(LineBreaks::default(), LineBreaks::Layout);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineBreaks {
    /// As in plain text: the segmenter decides from the lines' shapes
    /// whether a break ends a unit (e-mail, text from PDFs, transcripts).
    #[default]
    Layout,
    /// As spaces: the format wraps its paragraphs freely and says where
    /// they end (Markdown, HTML).
    Spaces,
}

/// One block of a parsed document.
///
/// ```
/// use abridge_text::{Block, BlockKind, Span};
///
/// let block = Block::new(BlockKind::Code, Span::new(0, 12));
/// assert_eq!((block.kind, block.span.len()), (BlockKind::Code, 12));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where its text is, in the text handed to the analyzer.
    pub span: Span,
}

impl Block {
    /// A block of `kind` over `span`.
    pub const fn new(kind: BlockKind, span: Span) -> Block {
        Block { kind, span }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_running_text_is_a_candidate() {
        let candidates =
            [BlockKind::Paragraph, BlockKind::ListItem, BlockKind::Quote, BlockKind::Turn];
        let others = [
            BlockKind::Title,
            BlockKind::Heading,
            BlockKind::Caption,
            BlockKind::Quoted,
            BlockKind::Code,
            BlockKind::Table,
            BlockKind::Furniture,
        ];
        assert!(candidates.iter().all(|kind| kind.is_candidate()));
        assert!(others.iter().all(|kind| !kind.is_candidate()));
        assert!(BlockKind::Title.is_heading() && BlockKind::Heading.is_heading());
        assert!(!BlockKind::Paragraph.is_heading());
    }
}
