//! Text from PDFs, as `pdftotext` writes it: pages separated by form feeds,
//! lines broken where the page broke them, words hyphenated at line ends,
//! running headers, footers and page numbers on every page.
//!
//! The parse keeps every byte where it is: [`Parsed::text`] is the input
//! with page numbers, running headers and footers (lines repeated at the
//! top or bottom of at least half the pages, digits aside) and form feeds
//! overwritten with spaces, byte for byte, so offsets into it are offsets
//! into the input. Where a sentence runs on over a page break or a column
//! break (the text before the break has no final punctuation and the text
//! after it starts in lower case), the blank lines between are overwritten
//! too, so the segmenter reads one paragraph and the sentence is one unit.
//! The segmenter then reads the text as plain text (no blocks).
//!
//! Words hyphenated at a line end ("acquisi-\ntion") stay as they are in
//! the text and the spans; [`Format::show`] joins them ("acquisition"), and
//! the summary's `shown` field carries that rendering.

use std::borrow::Cow;

use crate::{Format, Parsed};

/// Text extracted from PDFs (`pdf-text`).
///
/// ```
/// use abridge_formats::{Format, PdfText};
///
/// assert_eq!(PdfText.show("the acquisi-\ntion"), "the acquisition");
/// assert!(PdfText.sniff("Page one.\n\u{c}Page two.\n"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct PdfText;

/// How many lines at the top and at the bottom of a page may be running
/// headers or footers.
const EDGE_LINES: usize = 3;

impl Format for PdfText {
    fn name(&self) -> &'static str {
        "pdf-text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &[]
    }

    /// A form feed between two lines of text: `pdftotext`'s page break.
    /// Typed prose has none.
    fn sniff(&self, head: &str) -> bool {
        head.trim_end().contains('\u{c}')
    }

    fn parse<'a>(&self, input: &'a str) -> Parsed<'a> {
        let mut bytes = input.as_bytes().to_vec();
        blank_furniture(input, &mut bytes);
        join_broken_paragraphs(&mut bytes);
        match String::from_utf8(bytes) {
            Ok(text) if text == input => Parsed::plain(input),
            Ok(text) => Parsed { text: Cow::Owned(text), ..Parsed::plain(input) },
            // Only whole lines of valid text and ASCII bytes were
            // overwritten, so this cannot happen; the input as it is, then.
            Err(_) => Parsed::plain(input),
        }
    }

    fn show<'t>(&self, unit: &'t str) -> Cow<'t, str> {
        dehyphenate(unit)
    }

    fn show_in<'t>(&self, unit: &'t str, text: &str) -> Cow<'t, str> {
        dehyphenate_in(unit, text)
    }
}

/// Joins words hyphenated at a line end: a letter, `-`, a line break
/// (with any spaces around it) and a lower-case letter lose the hyphen and
/// the break ("acquisi-\ntion" is shown "acquisition"), unless the
/// hyphenated form is a compound ([`is_compound`]: "well-\nknown" is shown
/// "well-known").
///
/// ```
/// use abridge_formats::{Format, PdfText};
///
/// // `PdfText::show` is this function.
/// assert_eq!(PdfText.show("the construc-\ntion of the berth"), "the construction of the berth");
/// assert_eq!(PdfText.show("a well-\nknown harbour"), "a well-known harbour");
/// ```
pub fn dehyphenate(unit: &str) -> Cow<'_, str> {
    dehyphenate_by(unit, is_compound)
}

/// [`dehyphenate`], reading the document the unit is part of first: a
/// hyphenated word is shown as the document writes it elsewhere, where it
/// is not cut by a line end. When `text` has the hyphenated form
/// ("open-source" in running text) and not the joined one, the hyphen
/// stays; when it has the joined form ("selfish") and not the hyphenated
/// one, the word is joined; otherwise (neither, or both) the rule of
/// [`dehyphenate`] decides. This needs no word list and works in any
/// language whose words the document repeats.
///
/// ```
/// use abridge_formats::{Format, PdfText};
///
/// // `PdfText::show_in` is this function.
/// let text = "Our open-source tools are selfish about memory.\n\
///             We publish open-\nsource code; no one is self-\nish here.";
/// let unit = "We publish open-\nsource code; no one is self-\nish here.";
/// assert_eq!(PdfText.show_in(unit, text), "We publish open-source code; no one is selfish here.");
/// ```
pub fn dehyphenate_in<'t>(unit: &'t str, text: &str) -> Cow<'t, str> {
    dehyphenate_by(unit, |head, next| {
        let tail = &next[..next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len())];
        let hyphenated = written_as_word(text, head, "-", tail);
        let joined = written_as_word(text, head, "", tail);
        match (hyphenated, joined) {
            (true, false) => true,
            (false, true) => false,
            _ => is_compound(head, next),
        }
    })
}

/// Whether `text` has `head`, `joint` and `tail` written together as a
/// word of its own (no letter before or after it), with `head` as it is
/// or with its first letter's case changed ("Well-known" for "well-known").
fn written_as_word(text: &str, head: &str, joint: &str, tail: &str) -> bool {
    let mut chars = head.chars();
    let Some(first) = chars.next() else { return false };
    let rest = chars.as_str();
    let flipped: String = if first.is_uppercase() {
        first.to_lowercase().collect()
    } else {
        first.to_uppercase().collect()
    };
    [format!("{head}{joint}{tail}"), format!("{flipped}{rest}{joint}{tail}")].iter().any(|word| {
        text.match_indices(word.as_str()).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
        })
    })
}

/// Joins the line-end hyphens of `unit` whose first part and following
/// text `keep` does not call a compound.
fn dehyphenate_by(unit: &str, keep: impl Fn(&str, &str) -> bool) -> Cow<'_, str> {
    if !unit.contains("-\n") && !unit.contains("- \n") {
        return Cow::Borrowed(unit);
    }
    let mut out = String::with_capacity(unit.len());
    let mut rest = unit;
    while let Some(hyphen) = rest.find('-') {
        let (before, after) = rest.split_at(hyphen);
        let after_hyphen = &after[1..];
        let gap = after_hyphen.len() - after_hyphen.trim_start_matches([' ', '\t', '\r']).len();
        let broken = after_hyphen[gap..].starts_with('\n');
        let next_start = if broken {
            let tail = &after_hyphen[gap + 1..];
            gap + 1 + (tail.len() - tail.trim_start_matches([' ', '\t']).len())
        } else {
            0
        };
        let letter_before = before.chars().next_back().is_some_and(char::is_alphabetic);
        let next = &after_hyphen[next_start..];
        let lower_after = broken && next.chars().next().is_some_and(char::is_lowercase);
        out.push_str(before);
        if letter_before && lower_after {
            let head = last_word(before);
            if keep(head, next) {
                // The hyphen stays; only the line break goes.
                out.push('-');
            }
            rest = next;
        } else {
            out.push('-');
            rest = after_hyphen;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The letters at the end of `text`, back to the first that is not one.
fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(at, _)| at);
    &text[start..]
}

/// First parts that make hyphenated compounds in English ("well-known",
/// "self-employed", "twenty-five"): whole words that a typesetter's
/// hyphenation of one word rarely leaves before the hyphen. (Not "ex",
/// "so", "mid": "ex-pected", "so-cial", "mid-dle" are cuts.)
const COMPOUND_HEADS: &[&str] = &[
    "all", "anti", "cross", "eighty", "fifty", "first", "five", "forty", "four", "full", "half",
    "high", "ill", "long", "low", "ninety", "old", "one", "second", "self", "seventy", "short",
    "sixty", "third", "thirty", "three", "twenty", "two", "well", "wide",
];

/// Second parts that make hyphenated compounds ("data-driven",
/// "long-term", "decision-making"): words that end no ordinary word cut
/// at a line end.
const COMPOUND_TAILS: &[&str] = &[
    "based", "born", "called", "driven", "free", "friendly", "known", "led", "level", "like",
    "looking", "made", "making", "minded", "old", "oriented", "owned", "related", "scale", "sized",
    "specific", "term", "time", "wide", "year",
];

/// Endings that a cut word's second part often is, after a first part
/// that is a word of its own ("cross-ing", "wide-ly", "four-teen",
/// "short-age"): never the second part of a compound.
const SUFFIXES: &[&str] =
    &["age", "ed", "er", "est", "es", "ing", "ly", "ment", "ness", "s", "teen", "tion", "y"];

/// Whether `head-` at a line end, then `next`, is a hyphenated compound
/// rather than one word cut in two: its second part (the letters of
/// `next`) is one of [`COMPOUND_TAILS`], or another hyphen follows it
/// ("state-\nof-the-art"), or its first part is one of [`COMPOUND_HEADS`]
/// and its second part not one of the [`SUFFIXES`].
fn is_compound(head: &str, next: &str) -> bool {
    let tail_len = next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len());
    let (tail, after) = next.split_at(tail_len);
    let head = head.to_lowercase();
    COMPOUND_TAILS.contains(&tail)
        || after.starts_with('-') && after[1..].starts_with(char::is_alphabetic)
        || COMPOUND_HEADS.contains(&head.as_str()) && !SUFFIXES.contains(&tail)
}

/// A line as a running header or footer is recognised: trimmed,
/// lower-cased, digits made `#`, so "Page 3 of 12" and "Page 4 of 12" match.
fn edge_key(line: &str) -> String {
    line.split_whitespace()
        .map(|word| {
            word.chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_lowercase() })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `12`, `- 12 -`, `Page 12`, `Page 12 of 40`, `xii`: a page number.
fn is_page_number(line: &str) -> bool {
    let line = line.trim().trim_matches(['-', '–', '—', ' ']);
    let lower = line.to_lowercase();
    let body = lower.strip_prefix("page").map_or(lower.as_str(), str::trim_start);
    let digits = |text: &str| {
        !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
    };
    match body.split_once(" of ") {
        Some((page, total)) => digits(page.trim()) && digits(total.trim()),
        None => {
            digits(body)
                || (!body.is_empty()
                    && body.len() <= 6
                    && body.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
        }
    }
}

/// The lines of each page: (byte offset, line without its line break).
fn pages(input: &str) -> Vec<Vec<(usize, &str)>> {
    let mut pages = Vec::new();
    let mut offset = 0;
    for page in input.split('\u{c}') {
        let mut lines = Vec::new();
        let mut line_offset = offset;
        for line in page.split_inclusive('\n') {
            lines.push((line_offset, line.trim_end_matches(['\n', '\r'])));
            line_offset += line.len();
        }
        pages.push(lines);
        offset += page.len() + 1;
    }
    pages
}

/// Overwrites page numbers, running headers and footers, and form feeds
/// with spaces.
fn blank_furniture(input: &str, bytes: &mut [u8]) {
    let pages = pages(input);
    let edges = |lines: &[(usize, &str)]| -> Vec<usize> {
        let filled: Vec<usize> =
            (0..lines.len()).filter(|&i| !lines[i].1.trim().is_empty()).collect();
        let mut edges: Vec<usize> = filled.iter().take(EDGE_LINES).copied().collect();
        edges.extend(filled.iter().rev().take(EDGE_LINES).copied());
        edges.sort_unstable();
        edges.dedup();
        edges
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for lines in &pages {
        let mut keys: Vec<String> =
            edges(lines).into_iter().map(|i| edge_key(lines[i].1)).collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            *counts.entry(key).or_default() += 1;
        }
    }
    let filled_pages =
        pages.iter().filter(|lines| lines.iter().any(|(_, line)| !line.trim().is_empty())).count();
    let repeated = |key: &str| {
        filled_pages >= 2
            && counts.get(key).is_some_and(|&count| count >= 2 && count * 2 >= filled_pages)
    };
    for lines in &pages {
        for i in edges(lines) {
            let (offset, line) = lines[i];
            if is_page_number(line) || repeated(&edge_key(line)) {
                bytes[offset..offset + line.len()].fill(b' ');
            }
        }
    }
    for byte in bytes.iter_mut().filter(|byte| **byte == 0x0c) {
        *byte = b' ';
    }
}

/// Where a paragraph ends without final punctuation and the next one
/// starts in lower case (a sentence cut by a page or column break), the
/// line breaks between them but the first become spaces.
fn join_broken_paragraphs(bytes: &mut [u8]) {
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] != b'\n' {
            index += 1;
            continue;
        }
        // A run of white space holding line breaks: is it a blank line?
        let start = index;
        let mut end = index;
        let mut breaks = 0;
        while end < bytes.len() && bytes[end].is_ascii_whitespace() {
            breaks += usize::from(bytes[end] == b'\n');
            end += 1;
        }
        if breaks >= 2 && end < bytes.len() {
            let before = bytes[..start].iter().rev().find(|b| !b.is_ascii_whitespace()).copied();
            let cut = before
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b',' || b == b'-' || b >= 0x80);
            let lower = bytes[end].is_ascii_lowercase();
            if cut && lower {
                for byte in &mut bytes[start + 1..end] {
                    if *byte == b'\n' || *byte == b'\r' {
                        *byte = b' ';
                    }
                }
            }
        }
        index = end.max(index + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_words_are_shown_joined() {
        assert_eq!(dehyphenate("the acquisi-\ntion of land"), "the acquisition of land");
        assert_eq!(dehyphenate("the acquisi- \n  tion of land"), "the acquisition of land");
        assert_eq!(dehyphenate("a well-known fact"), "a well-known fact");
        assert_eq!(dehyphenate("pages 4-\n5"), "pages 4-\n5");
        assert_eq!(dehyphenate("North-\nWest"), "North-\nWest");
        assert_eq!(dehyphenate("a well-\nknown fact"), "a well-known fact");
    }

    /// Line-end hyphens we wrote, as a typesetter breaks words: cuts of
    /// one word, to be joined, and compounds, to keep their hyphen. The
    /// first two lists are the ones the rule was made on; the last two
    /// were written after it, to measure it.
    const CUTS: &[&str] = &[
        "acquisi-tion",
        "construc-tion",
        "govern-ment",
        "infor-mation",
        "par-ticular",
        "de-velopment",
        "re-sponsible",
        "har-bour",
        "author-ity",
        "contain-er",
        "engi-neers",
        "im-portant",
        "com-pany",
        "pro-duction",
        "op-erations",
        "ship-ping",
        "tem-porary",
        "inter-national",
        "con-sidered",
        "stor-age",
        "wa-ter",
        "win-ter",
        "sum-mer",
        "posi-tion",
        "dif-ferent",
        "in-formation",
        "under-standing",
        "com-munity",
        "finan-cial",
        "ex-pected",
        "so-cial",
        "mid-dle",
        "cross-ing",
        "wide-ly",
        "four-teen",
        "short-age",
        "high-er",
    ];
    const COMPOUNDS: &[&str] = &[
        "well-known",
        "self-employed",
        "long-term",
        "twenty-five",
        "so-called",
        "high-quality",
        "all-inclusive",
        "half-hearted",
        "decision-making",
        "data-driven",
        "cross-border",
        "ill-advised",
        "state-of-the-art",
        "short-lived",
        "full-time",
        "year-old",
        "world-wide",
        "family-owned",
        "community-based",
        "first-hand",
        "low-cost",
        "up-to-date",
        "small-scale",
        "user-friendly",
        "country-specific",
    ];
    const MORE_CUTS: &[&str] = &[
        "ques-tion",
        "rail-way",
        "ad-ditional",
        "techni-cal",
        "pas-sengers",
        "inves-tigation",
        "hospi-tal",
        "reli-able",
        "break-water",
        "fish-ing",
        "elec-tricity",
        "trans-port",
        "avail-able",
        "be-tween",
        "to-gether",
        "re-pairs",
        "sea-son",
        "low-land",
        "one-self",
        "self-ish",
        "for-ward",
        "some-thing",
        "every-one",
        "high-lands",
    ];
    const MORE_COMPOUNDS: &[&str] = &[
        "two-thirds",
        "open-source",
        "real-time",
        "left-wing",
        "cost-effective",
        "hard-working",
        "part-time",
        "brand-new",
        "old-fashioned",
        "man-made",
        "best-known",
        "top-down",
        "follow-up",
        "built-in",
        "one-off",
        "day-to-day",
        "long-standing",
        "three-quarters",
        "high-speed",
        "full-length",
        "self-service",
        "half-price",
        "well-paid",
        "ill-fated",
        "well-being",
    ];

    /// `word` cut after its first hyphen, as at a line end, and shown.
    fn shown_cut(word: &str) -> String {
        let (head, tail) = word.split_once('-').unwrap();
        dehyphenate(&format!("the {head}-\n{tail} of")).into_owned()
    }

    /// How many of `cuts` are shown joined and of `compounds` hyphenated.
    fn tally(cuts: &[&str], compounds: &[&str]) -> (usize, usize) {
        let joined = cuts
            .iter()
            .filter(|cut| shown_cut(cut) == format!("the {} of", cut.replace('-', "")))
            .count();
        let kept =
            compounds.iter().filter(|word| shown_cut(word) == format!("the {word} of")).count();
        (joined, kept)
    }

    #[test]
    fn compounds_keep_their_hyphen_and_cut_words_are_joined() {
        assert_eq!(tally(CUTS, COMPOUNDS), (CUTS.len(), COMPOUNDS.len()));
        // Measured on the lists written afterwards: 20 of 24 cuts joined
        // (the misses: low-land, one-self, self-ish, high-lands), 17 of 25
        // compounds kept (missed: open-source, left-wing, cost-effective,
        // hard-working, brand-new, top-down, follow-up, built-in), where
        // joining every hyphen kept none.
        let (joined, kept) = tally(MORE_CUTS, MORE_COMPOUNDS);
        assert!(
            joined >= 20 && kept >= 17,
            "joined {joined} of {}, kept {kept} of {}",
            MORE_CUTS.len(),
            MORE_COMPOUNDS.len()
        );
    }

    #[test]
    fn the_document_shows_how_it_writes_a_word_where_no_line_end_cuts_it() {
        let show = |unit: &str, text: &str| dehyphenate_in(unit, text).into_owned();
        // Words the rule of `dehyphenate` gets wrong, written whole elsewhere.
        let text = "Open-source tools. A selfish plan. Ils viendront peut-être.";
        assert_eq!(show("an open-\nsource tool", text), "an open-source tool");
        assert_eq!(show("a self-\nish plan", text), "a selfish plan");
        assert_eq!(show("ils peut-\nêtre", text), "ils peut-être");
        assert_eq!(dehyphenate("an open-\nsource tool"), "an opensource tool");
        assert_eq!(dehyphenate("a self-\nish plan"), "a self-ish plan");
        // Only a word of its own counts: "left-wingers" is no "left-wing",
        // so the rule decides (it joins).
        assert_eq!(show("the left-\nwing", "The left-wingers met."), "the leftwing");
        assert_eq!(show("the left-\nwing", "The left-wing party met."), "the left-wing");
        // Both forms, or neither: the rule.
        let both = "A co-operative and a cooperative.";
        assert_eq!(show("the co-\noperative", both), dehyphenate("the co-\noperative"));
        assert_eq!(show("a well-\nknown", "Nothing here."), "a well-known");
        // A case of its own at a sentence start counts.
        assert_eq!(show("a hard-\nworking crew", "Hard-working crews."), "a hard-working crew");
    }

    #[test]
    fn the_document_fixes_what_the_rule_misses_on_the_lists_written_after_it() {
        // Each word written once whole in the document, as a report that
        // hyphenates a word at a line end usually writes it elsewhere.
        let text: String = MORE_CUTS
            .iter()
            .map(|cut| cut.replace('-', ""))
            .chain(MORE_COMPOUNDS.iter().map(|word| (*word).to_owned()))
            .collect::<Vec<_>>()
            .join(". ");
        let shown = |word: &str| {
            let (head, tail) = word.split_once('-').unwrap();
            dehyphenate_in(&format!("the {head}-\n{tail} of"), &text).into_owned()
        };
        for cut in MORE_CUTS {
            assert_eq!(shown(cut), format!("the {} of", cut.replace('-', "")));
        }
        for word in MORE_COMPOUNDS {
            assert_eq!(shown(word), format!("the {word} of"));
        }
    }

    #[test]
    fn page_numbers() {
        for line in ["12", " - 12 - ", "Page 3", "Page 3 of 40", "xii"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["12 members", "Page three", "The end", "1990s"] {
            assert!(!is_page_number(line), "{line}");
        }
    }

    #[test]
    fn furniture_is_blanked_byte_for_byte_and_cut_sentences_join() {
        let input = "Annual Report 2025\nThe board met four times. Growth came\nfrom the northern region\n\n1\n\u{c}Annual Report 2025\naccording to the survey. Costs fell.\n\n2\n";
        let parsed = PdfText.parse(input);
        assert_eq!(parsed.text.len(), input.len());
        assert!(parsed.blocks.is_none());
        let text = parsed.text.as_ref();
        assert!(!text.contains("Annual Report") && !text.contains('\u{c}'), "{text:?}");
        assert!(!text.contains("\n1\n"), "{text:?}");
        // One paragraph now runs from "The board" to "Costs fell.".
        let body = &text[text.find("The board").unwrap()..text.find("Costs fell.").unwrap()];
        assert!(!body.lines().any(|line| line.trim().is_empty()), "{body:?}");
        assert!(PdfText.sniff(input) && !PdfText.sniff("The harbour closed.\n"));
    }
}
