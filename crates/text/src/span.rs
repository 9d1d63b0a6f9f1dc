//! Byte spans into the input text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the text a unit was found in.
///
/// Spans always lie on `char` boundaries, so `&text[span.range()]` never panics
/// for the text the span was produced from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    ///
    /// ```
    /// assert_eq!(abridge_text::Span::new(2, 5).len(), 3);
    /// ```
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    ///
    /// ```
    /// assert_eq!(abridge_text::Span::new(10, 12).len(), 2);
    /// ```
    #[inline]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    ///
    /// ```
    /// assert!(abridge_text::Span::new(3, 3).is_empty());
    /// ```
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a range, for slicing.
    ///
    /// ```
    /// assert_eq!(abridge_text::Span::new(1, 4).range(), 1..4);
    /// ```
    #[inline]
    pub const fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text this span covers in `text`.
    ///
    /// `text` must be the string the span was produced from.
    ///
    /// ```
    /// assert_eq!(abridge_text::Span::new(0, 3).slice("One two"), "One");
    /// ```
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// Shrinks the span so it neither starts nor ends with white space or
    /// U+FEFF (the byte-order mark some editors put at the start of a
    /// UTF-8 file, invisible and never part of a sentence).
    ///
    /// ```
    /// use abridge_text::Span;
    ///
    /// assert_eq!(Span::new(0, 9).trim("  word \n "), Span::new(2, 6));
    /// ```
    pub fn trim(self, text: &str) -> Span {
        let blank = |c: char| c.is_whitespace() || c == '\u{FEFF}';
        let inner = self.slice(text);
        let leading = inner.len() - inner.trim_start_matches(blank).len();
        let trimmed = inner.trim_matches(blank);
        Span::new(self.start + leading, self.start + leading + trimmed.len())
    }
}

/// A span in 32-bit offsets, as tokens, sentences and paragraphs keep it:
/// a document covers at most [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Compact {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Compact {
    /// The span in `usize` offsets.
    #[inline]
    pub(crate) fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

impl From<Span> for Compact {
    /// **Precondition:** the span lies in the first
    /// [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES) of the text.
    fn from(span: Span) -> Compact {
        debug_assert!(span.end <= crate::MAX_TEXT_BYTES);
        Compact { start: span.start as u32, end: span.end as u32 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_keeps_char_boundaries() {
        let text = "  héllo wörld \n";
        let span = Span::new(0, text.len()).trim(text);
        assert_eq!(span.slice(text), "héllo wörld");
        assert_eq!(span, Span::new(2, 15));
    }

    #[test]
    fn trim_drops_a_byte_order_mark() {
        let text = "\u{FEFF}Title\n";
        assert_eq!(Span::new(0, text.len()).trim(text).slice(text), "Title");
    }

    #[test]
    fn trim_of_blank_is_empty() {
        let text = " \t\n ";
        assert!(Span::new(0, text.len()).trim(text).is_empty());
    }
}
