//! Property tests: every segmenter keeps the invariants of the
//! [module docs](super) on any input.

use proptest::prelude::*;

use super::{RuleSegmenter, Segment, SegmentKind, Segmenter, UnicodeSegmenter};
use crate::Language;

/// The segmenters under test: the rule segmenter with the lists of several
/// languages, and the UAX #29 baseline.
fn segmenters() -> Vec<Box<dyn Segmenter>> {
    vec![
        Box::new(RuleSegmenter::new(Language::English)),
        Box::new(RuleSegmenter::new(Language::German)),
        Box::new(RuleSegmenter::new(Language::Italian)),
        Box::new(RuleSegmenter::new(Language::Chinese)),
        Box::new(RuleSegmenter::new(Language::Greek)),
        Box::new(RuleSegmenter::new(Language::Russian)),
        Box::new(UnicodeSegmenter),
    ]
}

/// Checks the invariants of `segments` over `text`; the error names the
/// first one broken.
fn check_invariants(text: &str, segments: &[Segment]) -> Result<(), String> {
    let mut covered_to = 0;
    let mut paragraph = 0;
    for (index, segment) in segments.iter().enumerate() {
        let span = segment.span;
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(format!("unit {index} {span:?} is not on char boundaries"));
        }
        if span.start < covered_to {
            return Err(format!("unit {index} {span:?} overlaps or is out of order"));
        }
        let unit = span.slice(text);
        if unit.is_empty() {
            return Err(format!("unit {index} {span:?} is empty"));
        }
        if unit.starts_with(char::is_whitespace) || unit.ends_with(char::is_whitespace) {
            return Err(format!("unit {index} {unit:?} starts or ends with white space"));
        }
        let gap = &text[covered_to..span.start];
        if !gap.chars().all(char::is_whitespace) {
            return Err(format!("text {gap:?} before unit {index} is in no unit"));
        }
        if segment.paragraph < paragraph {
            return Err(format!("unit {index} goes back to paragraph {}", segment.paragraph));
        }
        let expected_kind = super::rules::kind_of(unit);
        if segment.kind != expected_kind {
            return Err(format!(
                "unit {index} {unit:?} is {:?}, not {expected_kind:?}",
                segment.kind
            ));
        }
        paragraph = segment.paragraph;
        covered_to = span.end;
    }
    let tail = &text[covered_to..];
    if !tail.chars().all(char::is_whitespace) {
        return Err(format!("text {tail:?} after the last unit is in no unit"));
    }
    Ok(())
}

fn check_all(text: &str) -> Result<(), TestCaseError> {
    for segmenter in segmenters() {
        let segments = segmenter.segment(text);
        check_invariants(text, &segments)
            .map_err(|error| TestCaseError::fail(format!("{segmenter:?}: {error} in {text:?}")))?;
    }
    Ok(())
}

/// Pieces of text that exercise the rules: words, abbreviations, numbers,
/// terminators, quotes, brackets, list markers, white space of every kind.
const PIECES: &[&str] = &[
    "word",
    "The",
    "he",
    "I",
    "Mr.",
    "mr.",
    "U.S.",
    "u.s",
    "a.m.",
    "p.m.",
    "e.g.",
    "etc.",
    "Inc.",
    "No.",
    "p.",
    "J.",
    "K",
    "ill.",
    "3.14",
    "$100.00",
    "1990",
    "12",
    "N°.",
    "x@y.com",
    "http://a.b/c.d",
    ".",
    "..",
    "...",
    "…",
    ". . .",
    "?",
    "!",
    "?!",
    "。",
    "！",
    "．",
    "３",
    "።",
    "।",
    "؟",
    "۔",
    "։",
    "။",
    "\u{037E}",
    "Բարև",
    "ում",
    "ตลาดเปิดแต่เช้าทุกวัน",
    "คน",
    "ๆ",
    "ສະບາຍດີ",
    "「",
    "」",
    "と",
    "《",
    "》",
    "说",
    "—¿",
    "г.",
    "Пл.",
    ",",
    ";",
    ":",
    "\"",
    "'",
    "''",
    "``",
    "“",
    "”",
    "‘",
    "’",
    "„",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "[...]",
    "[12]",
    "1.",
    "2.",
    "1)",
    "2.)",
    "(a)",
    "b)",
    "iv.",
    "•",
    "⁃",
    "-",
    "--",
    "—",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    " \n ",
    "\u{2028}",
    "\u{3000}",
    "é",
    "Ωμέγα",
    "東京",
    "🙂",
    "e\u{301}",
];

fn structured_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(PIECES), prop::sample::select(&[" ", "", "\n", "  "][..])),
        0..60,
    )
    .prop_map(|pieces| pieces.into_iter().flat_map(|(piece, gap)| [piece, gap]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_any_string(text in any::<String>()) {
        check_all(&text)?;
    }

    #[test]
    fn invariants_hold_on_text_like_strings(text in "[a-zA-Z0-9 .!?…'\"()\\[\\]\n\t,:;•-]{0,200}") {
        check_all(&text)?;
    }

    #[test]
    fn invariants_hold_on_structured_text(text in structured_text()) {
        check_all(&text)?;
    }

    #[test]
    fn invariants_hold_in_lower_case(text in structured_text()) {
        // Enough lower-case letters make the text caseless.
        let text = format!("{} {}", "the cat sat on the mat . ".repeat(4), text.to_lowercase());
        check_all(&text)?;
    }

    #[test]
    fn segmenting_appends_and_is_deterministic(text in structured_text()) {
        let segmenter = RuleSegmenter::default();
        let first = segmenter.segment(&text);
        let marker = Segment { span: crate::Span::new(0, 0), paragraph: 0, kind: SegmentKind::Fragment };
        let mut out = vec![marker];
        segmenter.segment_into(&text, &mut out);
        prop_assert_eq!(out[0], marker);
        prop_assert_eq!(&out[1..], &first[..]);
    }
}

#[test]
fn large_inputs_keep_the_invariants() {
    // One long paragraph, one long word and many short lines.
    let sentence = "Dr. Lee met the U.S. envoy at 5 p.m. on Jan. 5 . . . then left! ";
    let inputs = [
        sentence.repeat(2_000),
        "x".repeat(1 << 17),
        ".".repeat(1 << 17),
        "a. ".repeat(20_000),
        "• one\n".repeat(5_000),
        "1. a 2. b 3. c ".repeat(2_000),
        "He said \" no . \" ".repeat(5_000),
        // Thai with and without spaces, unclosed title marks and
        // parentheses, Greek and Armenian marks: each must stay linear.
        "ตลาดเปิดแต่เช้าทุกวัน ".repeat(5_000),
        "ตลาดเปิด?".repeat(10_000),
        "《书！".repeat(20_000),
        "( a. B. ".repeat(20_000),
        "Πού πας; Εδώ: ".repeat(10_000),
        "Բարև: Ոչինչ. ".repeat(10_000),
    ];
    for text in &inputs {
        for segmenter in segmenters() {
            let segments = segmenter.segment(text);
            if let Err(error) = check_invariants(text, &segments) {
                panic!("{segmenter:?}: {error}");
            }
        }
    }
}
