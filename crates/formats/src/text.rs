//! Plain text: no markup, structure only in the layout.

use crate::{Format, Parsed};

/// Plain text. Its parse gives no blocks, so the segmenter finds paragraphs,
/// lists and headlines from the layout, exactly as for any text before
/// formats existed.
///
/// ```
/// use abridge_formats::{Format, PlainText};
///
/// assert!(PlainText.parse("Any text.\n\nTwo paragraphs.").blocks.is_none());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct PlainText;

impl Format for PlainText {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }

    fn sniff(&self, _head: &str) -> bool {
        true
    }

    fn parse<'a>(&self, input: &'a str) -> Parsed<'a> {
        Parsed::plain(input)
    }
}
