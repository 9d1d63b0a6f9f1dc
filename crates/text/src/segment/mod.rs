//! Sentence segmentation: text in, sentence-like units with byte spans out.
//!
//! A [`Segmenter`] cuts a text into [`Segment`]s. Segments are in text order,
//! do not overlap, never start or end with white space, and lie on `char`
//! boundaries; together with the white space between them they cover the
//! input. Segmenting cannot fail: any `&str` gives a (possibly empty) list.
//!
//! Not every unit is a sentence of prose. Headlines, bylines, captions and
//! list items often carry no final punctuation; the segmenter keeps each as a
//! unit of its own and marks it [`SegmentKind::Fragment`] so that scorers can
//! pass it over.

mod abbreviations;
mod email;
mod headings;
mod layout;
mod marks;
#[cfg(test)]
mod properties;
mod rules;
mod scripts;

use serde::{Deserialize, Serialize};

use crate::Span;

pub use rules::RuleSegmenter;

/// What kind of unit a segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// A sentence that ends with sentence-final punctuation.
    Prose,
    /// A unit with no final punctuation: a headline, byline, caption, list
    /// item or a line of page furniture.
    Fragment,
}

/// One sentence-like unit of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Segment {
    /// Where the unit is in the text.
    pub span: Span,
    /// Index of the paragraph (blank-line separated block) it belongs to.
    pub paragraph: usize,
    /// Whether it reads as a sentence of prose.
    pub kind: SegmentKind,
}

/// Cuts text into sentence-like units.
///
/// Implementations must keep the invariants in the [module docs](self).
pub trait Segmenter: Send + Sync + std::fmt::Debug {
    /// Calls `f` with every unit of `text`, in order.
    ///
    /// The [`Analyzer`](crate::Analyzer) builds each sentence as its unit
    /// comes, so that it never holds a list of all the units of a text.
    fn for_each_segment(&self, text: &str, f: &mut dyn FnMut(Segment));

    /// Appends the units of `text`, in order, to `out`.
    fn segment_into(&self, text: &str, out: &mut Vec<Segment>) {
        self.for_each_segment(text, &mut |segment| out.push(segment));
    }

    /// Convenience: allocates and segments.
    fn segment(&self, text: &str) -> Vec<Segment> {
        let mut out = Vec::new();
        self.segment_into(text, &mut out);
        out
    }
}

/// The segmenter of plain UAX #29 sentence boundaries, from
/// unicode-segmentation. It breaks after every "Mr." and "U.S."; it is here
/// as the baseline the rule segmenter is measured against.
#[derive(Clone, Copy, Debug, Default)]
pub struct UnicodeSegmenter;

impl Segmenter for UnicodeSegmenter {
    fn for_each_segment(&self, text: &str, f: &mut dyn FnMut(Segment)) {
        use unicode_segmentation::UnicodeSegmentation;
        for (start, sentence) in text.split_sentence_bound_indices() {
            let span = Span::new(start, start + sentence.len()).trim(text);
            if !span.is_empty() {
                let kind = rules::kind_of(span.slice(text));
                f(Segment { span, paragraph: 0, kind });
            }
        }
    }
}
