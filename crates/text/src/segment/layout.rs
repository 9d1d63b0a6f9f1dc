//! The layout passes of the rule segmenter: paragraphs, blocks of lines and
//! list markers.
//!
//! A *paragraph* is a run of non-blank lines. Inside it, a *block* is a run
//! of lines that read as one stretch of text: a hard line break inside a
//! sentence (e-mail, PDF text, terminal-wrapped files) joins two lines, a
//! line that reads as a unit of its own (a headline, a byline, a list item)
//! ends its block.

use crate::Span;
use crate::segment::scripts;

/// Lines shorter than this (in columns) never count as wrapped.
const MIN_WRAPPED_LINE: usize = 30;

/// A line counts as wrapped when it is at least this share of the longest
/// line of its paragraph.
const WRAPPED_LINE_SHARE: f32 = 0.6;

/// Text is not hard-wrapped narrower than this (in columns): shorter lines
/// that go on with a capital are units of their own (a headline, a byline).
const MIN_WRAP_WIDTH: usize = 45;

/// Calls `f` with the span of every blank-line separated paragraph, trimmed
/// and non-empty, in order.
pub(crate) fn for_each_paragraph(text: &str, mut f: impl FnMut(Span)) {
    let mut current: Option<Span> = None;
    let mut line_start = 0;
    loop {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim().is_empty() {
            if let Some(paragraph) = current.take() {
                f(paragraph.trim(text));
            }
        } else {
            let start = current.map_or(line_start, |paragraph| paragraph.start);
            current = Some(Span::new(start, line_end));
        }
        if line_end == text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    if let Some(paragraph) = current {
        f(paragraph.trim(text));
    }
}

/// Calls `f` with every block of lines of `paragraph`, in order.
///
/// Two passes over the lines, which are found again in each, so that a
/// paragraph of a million lines costs no memory: the first finds the
/// longest line, the second decides each line break.
pub(crate) fn for_each_block(text: &str, paragraph: Span, caseless: bool, mut f: impl FnMut(Span)) {
    let body = paragraph.slice(text);
    if !body.contains('\n') {
        f(paragraph);
        return;
    }
    let longest =
        Lines::new(text, paragraph).map(|line| width(line.slice(text))).max().unwrap_or(0);

    let mut terminals = Terminals::new(text, paragraph);
    let mut block_start = paragraph.start;
    let mut lines = Lines::new(text, paragraph);
    if let Some(mut line) = lines.next() {
        for (index, next) in lines.enumerate() {
            let continues =
                !caseless && starts_lowercase(next.slice(text)) && terminals.reach(index + 1);
            if ends_block(line.slice(text), next.slice(text), continues, longest) {
                f(Span::new(block_start, line.end));
                block_start = next.start;
            }
            line = next;
        }
    }
    f(Span::new(block_start, paragraph.end));
}

/// The lines of a paragraph, trimmed, without the blank ones, in order.
#[derive(Clone, Debug)]
struct Lines<'t> {
    text: &'t str,
    /// Where the next line starts, or `None` after the last.
    start: Option<usize>,
    end: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str, paragraph: Span) -> Lines<'t> {
        Lines { text, start: Some(paragraph.start), end: paragraph.end }
    }
}

impl Iterator for Lines<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            let start = self.start?;
            let line = match self.text[start..self.end].find('\n') {
                Some(offset) => {
                    self.start = Some(start + offset + 1);
                    Span::new(start, start + offset)
                }
                None => {
                    self.start = None;
                    Span::new(start, self.end)
                }
            };
            let line = line.trim(self.text);
            if !line.is_empty() {
                return Some(line);
            }
        }
    }
}

/// Whether a line, and the lines that go on from it in lower case, reach
/// a line that ends with sentence-final punctuation; asked of lines in
/// order, it reads each line once.
///
/// The answer is the same for every line of a run up to the line that
/// settles it, so one look ahead answers the whole run.
#[derive(Debug)]
struct Terminals<'t> {
    text: &'t str,
    lines: Lines<'t>,
    /// The line the look-ahead is at, and its index.
    line: Option<Span>,
    at: usize,
    /// The answer for the lines before `known_until` not yet passed.
    known: bool,
    known_until: usize,
}

impl<'t> Terminals<'t> {
    fn new(text: &'t str, paragraph: Span) -> Terminals<'t> {
        let mut lines = Lines::new(text, paragraph);
        let line = lines.next();
        Terminals { text, lines, line, at: 0, known: false, known_until: 0 }
    }

    /// The answer for line `index`; `index` never goes down between calls.
    fn reach(&mut self, index: usize) -> bool {
        if index < self.known_until {
            return self.known;
        }
        while self.at < index {
            self.line = self.lines.next();
            self.at += 1;
        }
        loop {
            let Some(line) = self.line else {
                self.known = false;
                self.known_until = self.at;
                return false;
            };
            if super::rules::ends_with_terminal(line.slice(self.text)) {
                self.known = true;
                self.known_until = self.at + 1;
                return true;
            }
            self.line = self.lines.next();
            self.at += 1;
            if !self.line.is_some_and(|next| starts_lowercase(next.slice(self.text))) {
                self.known = false;
                self.known_until = self.at;
                return false;
            }
        }
    }
}

/// Whether the line break between `line` and `next` ends a block.
/// `continues` says that `next` goes on in lower case to the end of a
/// sentence.
fn ends_block(line: &str, next: &str, continues: bool, longest: usize) -> bool {
    if list_marker(next).is_some() {
        return true;
    }
    if continues {
        // A line that goes on in lower case to the end of a sentence
        // continues it: headlines and bylines are followed by a capital,
        // and a list in lower case has no final punctuation.
        return false;
    }
    if list_marker(line).is_some() {
        // A list item ends with its line.
        return true;
    }
    if super::rules::ends_with_terminal(line) {
        // The sentence pass splits here if it should; the line break is
        // read like a space.
        return false;
    }
    let next_is_wide = next.chars().next().is_some_and(scripts::is_wide);
    if next_is_wide && scripts::line_continues(line) {
        // Chinese or Japanese broken after a comma or a particle.
        return false;
    }
    // A wrapped line is long, and the next line's first word would not have
    // fitted on it: the longest line shows the width the text was wrapped at.
    // Chinese and Japanese have no spaces, so their next word is one
    // character.
    let length = width(line);
    let next_word = if next_is_wide { 2 } else { next.split_whitespace().next().map_or(0, width) };
    let wrapped = length >= MIN_WRAPPED_LINE
        && length as f32 >= WRAPPED_LINE_SHARE * longest as f32
        && longest >= MIN_WRAP_WIDTH
        && length + 1 + next_word > longest;
    !wrapped
}

/// The width of `line` in terminal columns: Chinese and Japanese
/// characters take two.
fn width(line: &str) -> usize {
    line.chars().map(|character| 1 + usize::from(scripts::is_wide(character))).sum()
}

fn starts_lowercase(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// What kind of list marker opens a line or an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MarkerKind {
    /// A bullet character; only the non-ASCII bullets repeat inline.
    Bullet(char),
    /// `1.`, `12)`, `3.)`, `(4)`.
    Number(u32),
    /// `a.`, `b)`, `(c)`, upper or lower case.
    Letter(char),
    /// `iv.`, `(ii)`, `IX)`: the value and whether it is upper case.
    Roman(u32, bool),
}

/// How an enumerator is written around its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Style {
    open_paren: bool,
    /// The closing text: `.`, `)` or `.)`.
    close: &'static str,
}

/// A list marker at the start of a line or item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ListMarker {
    pub kind: MarkerKind,
    style: Style,
    /// Length in bytes of the marker, including an enumerator after a
    /// bullet (`• 9.`) but not the white space after it.
    pub len: usize,
}

/// Bullets that can only be list markers.
fn is_bullet(character: char) -> bool {
    matches!(
        character,
        '•' | '◦'
            | '▪'
            | '▫'
            | '‣'
            | '⁃'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '➢'
            | '✓'
            | '✔'
    )
}

/// The list marker `text` starts with, if any: a bullet, or an enumerator
/// (a number of at most three digits, one letter or a roman numeral, closed
/// by `.`, `)` or `.)`, or wrapped in parentheses) followed by white space.
pub(crate) fn list_marker(text: &str) -> Option<ListMarker> {
    let first = text.chars().next()?;
    if is_bullet(first) {
        let after = first.len_utf8();
        let rest = &text[after..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        // "• 3. Wash the bowl": the number belongs to the marker.
        let len = match enumerator(&rest[gap..]) {
            Some((_, _, enumerator_len)) => after + gap + enumerator_len,
            None => after,
        };
        let style = Style { open_paren: false, close: "" };
        return Some(ListMarker { kind: MarkerKind::Bullet(first), style, len });
    }
    if matches!(first, '-' | '*' | '+' | '–' | '—') {
        let rest = &text[first.len_utf8()..];
        return rest.starts_with(char::is_whitespace).then_some(ListMarker {
            kind: MarkerKind::Bullet(first),
            style: Style { open_paren: false, close: "" },
            len: first.len_utf8(),
        });
    }
    let (kind, style, len) = enumerator(text)?;
    Some(ListMarker { kind, style, len })
}

/// Parses an enumerator followed by white space at the start of `text`.
fn enumerator(text: &str) -> Option<(MarkerKind, Style, usize)> {
    let bytes = text.as_bytes();
    let open_paren = bytes.first() == Some(&b'(');
    let start = usize::from(open_paren);
    let value_len = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if value_len == 0 || value_len > 4 {
        return None;
    }
    let value = &text[start..start + value_len];
    let rest = &text[start + value_len..];
    let close = if open_paren {
        ")"
    } else if rest.starts_with(".)") {
        ".)"
    } else if rest.starts_with('.') {
        "."
    } else if rest.starts_with(')') {
        ")"
    } else {
        return None;
    };
    if open_paren && !rest.starts_with(')') {
        return None;
    }
    let len = start + value_len + close.len();
    if !text[len..].starts_with(char::is_whitespace) {
        return None;
    }
    let kind = if value.bytes().all(|b| b.is_ascii_digit()) {
        if value.len() > 3 {
            return None;
        }
        MarkerKind::Number(value.parse().ok()?)
    } else if let Some(roman) = roman_value(value) {
        let upper = value.bytes().all(|b| b.is_ascii_uppercase());
        if value.len() == 1 && !matches!(value, "i" | "I") {
            // "v." or "x." alone is more likely a letter.
            MarkerKind::Letter(char::from(bytes[start]))
        } else if upper || value.bytes().all(|b| b.is_ascii_lowercase()) {
            MarkerKind::Roman(roman, upper)
        } else {
            return None;
        }
    } else if value.len() == 1 {
        MarkerKind::Letter(char::from(bytes[start]))
    } else {
        return None;
    };
    Some((kind, Style { open_paren, close }, len))
}

/// The value of a roman numeral made of i, v and x (up to 39).
fn roman_value(value: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut previous = u32::MAX;
    for byte in value.bytes() {
        let digit = match byte.to_ascii_lowercase() {
            b'i' => 1,
            b'v' => 5,
            b'x' => 10,
            _ => return None,
        };
        if digit > previous {
            total += digit - 2 * previous;
        } else {
            total += digit;
        }
        previous = digit;
    }
    (roman_text(total, false).eq_ignore_ascii_case(value)).then_some(total)
}

/// The roman numeral of `value` (1 to 39).
fn roman_text(value: u32, upper: bool) -> String {
    let mut text = String::new();
    let mut rest = value;
    for (amount, numeral) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while rest >= amount {
            text.push_str(numeral);
            rest -= amount;
        }
    }
    if upper { text.to_ascii_uppercase() } else { text }
}

impl ListMarker {
    /// The markers that may follow this one in the same list, as text.
    fn successors(&self) -> [Option<String>; 2] {
        let Style { open_paren, close } = self.style;
        let wrap = |value: String| {
            Some(if open_paren { format!("({value}{close}") } else { format!("{value}{close}") })
        };
        match self.kind {
            MarkerKind::Bullet(bullet) if is_bullet(bullet) => [Some(bullet.to_string()), None],
            MarkerKind::Bullet(_) => [None, None],
            MarkerKind::Number(value) => [wrap((value + 1).to_string()), None],
            MarkerKind::Letter(letter) => {
                let next = char::from_u32(letter as u32 + 1).filter(char::is_ascii_alphabetic);
                [next.and_then(|next| wrap(next.to_string())), None]
            }
            MarkerKind::Roman(value, upper) if value < 39 => {
                // "i." may also be the ninth letter of a lettered list.
                let letter = (value == 1).then(|| if upper { "J" } else { "j" }.to_owned());
                [wrap(roman_text(value + 1, upper)), letter.and_then(wrap)]
            }
            MarkerKind::Roman(..) => [None, None],
        }
    }
}

/// Finds the next item of the list that `marker` belongs to in
/// `text[from..end]`: its successor marker, after white space and followed
/// by white space (as in "1.) Eggs 2.) Milk").
pub(crate) fn next_item(
    text: &str,
    from: usize,
    end: usize,
    marker: &ListMarker,
) -> Option<(usize, ListMarker)> {
    let haystack = &text[from..end];
    let mut best: Option<(usize, ListMarker)> = None;
    for successor in marker.successors().into_iter().flatten() {
        let mut search = 0;
        while let Some(found) = haystack[search..].find(&successor) {
            let at = search + found;
            search = at + successor.len();
            // An item has a body: "A. B. Smith" is no list.
            let has_body = haystack[..at].chars().any(char::is_alphanumeric);
            let after_space = haystack[..at].ends_with(char::is_whitespace);
            let parsed = list_marker(&haystack[at..]);
            if let (true, true, Some(next)) = (has_body, after_space, parsed) {
                if best.is_none_or(|(best_at, _)| from + at < best_at) {
                    best = Some((from + at, next));
                }
                break;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<&str> {
        blocks_with(text, false)
    }

    fn blocks_with(text: &str, caseless: bool) -> Vec<&str> {
        let mut found = Vec::new();
        for_each_paragraph(text, |paragraph| {
            for_each_block(text, paragraph, caseless, |block| {
                found.push(block.slice(text));
            });
        });
        found
    }

    /// The blocks as the rules read, with every line held in memory and
    /// `reaches_terminal` worked out from the last line up: what
    /// [`for_each_block`] computes in two passes without them.
    fn reference_blocks(text: &str, caseless: bool) -> Vec<&str> {
        let mut found = Vec::new();
        for_each_paragraph(text, |paragraph| {
            let lines: Vec<Span> = paragraph
                .slice(text)
                .split('\n')
                .scan(paragraph.start, |start, line| {
                    let span = Span::new(*start, *start + line.len());
                    *start += line.len() + 1;
                    Some(span.trim(text))
                })
                .filter(|line| !line.is_empty())
                .collect();
            let longest = lines.iter().map(|line| width(line.slice(text))).max().unwrap_or(0);
            let mut reaches_terminal = vec![false; lines.len()];
            for index in (0..lines.len()).rev() {
                let continued =
                    lines.get(index + 1).is_some_and(|next| starts_lowercase(next.slice(text)));
                reaches_terminal[index] =
                    super::super::rules::ends_with_terminal(lines[index].slice(text))
                        || (continued && reaches_terminal[index + 1]);
            }
            let mut block_start = paragraph.start;
            for (index, pair) in lines.windows(2).enumerate() {
                let (line, next) = (pair[0], pair[1]);
                let continues =
                    !caseless && starts_lowercase(next.slice(text)) && reaches_terminal[index + 1];
                if ends_block(line.slice(text), next.slice(text), continues, longest) {
                    found.push(Span::new(block_start, line.end).slice(text));
                    block_start = next.start;
                }
            }
            found.push(Span::new(block_start, paragraph.end).slice(text));
        });
        found
    }

    proptest::proptest! {
        #[test]
        fn blocks_are_the_reference_blocks(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(String::new()),
                    "[a-cA-C .!?]{0,12}",
                    "[a-c ]{25,60}",
                    "[A-C][a-c ]{30,50}[.]",
                    proptest::strategy::Just("1. item".to_owned()),
                    proptest::strategy::Just("• item".to_owned()),
                ],
                0..12,
            ),
            caseless in proptest::bool::ANY,
        ) {
            let text = lines.join("\n");
            proptest::prop_assert_eq!(blocks_with(&text, caseless), reference_blocks(&text, caseless));
        }
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let text = "\n  one\ntwo \n \t\n\nthree\n";
        let mut paragraphs = Vec::new();
        for_each_paragraph(text, |paragraph| paragraphs.push(paragraph.slice(text)));
        assert_eq!(paragraphs, ["one\ntwo", "three"]);
    }

    #[test]
    fn short_lines_end_blocks_and_lower_case_lines_continue() {
        assert_eq!(
            blocks("Storm closes harbour\nBy a staff writer\nThe harbour closed."),
            ["Storm closes harbour", "By a staff writer", "The harbour closed."]
        );
        assert_eq!(
            blocks("A line cut short\nin the middle of a sentence."),
            ["A line cut short\nin the middle of a sentence."]
        );
        assert_eq!(
            blocks("A sentence broken\nin three\nby a PDF."),
            ["A sentence broken\nin three\nby a PDF."]
        );
        assert_eq!(
            blocks("shopping\nfresh bread\neggs, milk\n"),
            ["shopping", "fresh bread", "eggs, milk"]
        );
        assert_eq!(
            blocks("Harbour Authority Annual Report\nPublished by the Kelby Harbour Board"),
            ["Harbour Authority Annual Report", "Published by the Kelby Harbour Board"]
        );
    }

    #[test]
    fn wrapped_lines_join() {
        let text = "The harbour authority said on Tuesday that the sea wall had\nTaken more damage than any storm since records began in 1950\nand that repairs would take a week.";
        assert_eq!(blocks(text), [text]);
        // "Two" would have fitted on the first line, so the break is deliberate.
        let text = "Agenda for the meeting on the first of May\nTwo items are on it: the budget and the new bus shelter on Elm Road.";
        assert_eq!(
            blocks(text),
            [
                "Agenda for the meeting on the first of May",
                "Two items are on it: the budget and the new bus shelter on Elm Road."
            ]
        );
    }

    #[test]
    fn list_lines_are_blocks() {
        assert_eq!(
            blocks("Bring these:\n- a tent\n- two lamps\n3) soap"),
            ["Bring these:", "- a tent", "- two lamps", "3) soap"]
        );
    }

    #[test]
    fn markers() {
        let kind = |text: &str| list_marker(text).map(|marker| (marker.kind, marker.len));
        assert_eq!(kind("1. x"), Some((MarkerKind::Number(1), 2)));
        assert_eq!(kind("12) x"), Some((MarkerKind::Number(12), 3)));
        assert_eq!(kind("3.) x"), Some((MarkerKind::Number(3), 3)));
        assert_eq!(kind("(b) x"), Some((MarkerKind::Letter('b'), 3)));
        assert_eq!(kind("iv. x"), Some((MarkerKind::Roman(4, false), 3)));
        assert_eq!(kind("XII) x"), Some((MarkerKind::Roman(12, true), 4)));
        assert_eq!(kind("• 7. x"), Some((MarkerKind::Bullet('•'), 6)));
        assert_eq!(kind("- x"), Some((MarkerKind::Bullet('-'), 1)));
        for not_marker in ["-5 degrees", "Mr. X", "Hello", "2024. was", "1)fish", "ivy. x", "1.5 x"]
        {
            assert_eq!(kind(not_marker), None, "{not_marker}");
        }
    }

    #[test]
    fn successors_are_found_inline() {
        fn find(text: &str) -> Option<&str> {
            let marker = list_marker(text).unwrap();
            next_item(text, marker.len, text.len(), &marker).map(|(at, _)| &text[at..])
        }
        assert_eq!(find("1) Eggs 2) Milk"), Some("2) Milk"));
        assert_eq!(find("a. red b. blue"), Some("b. blue"));
        assert_eq!(find("i. red ii. blue"), Some("ii. blue"));
        assert_eq!(find("• one • two"), Some("• two"));
        assert_eq!(find("1. Eggs, 3. Milk"), None);
        assert_eq!(find("- one - two"), None);
        assert_eq!(find("A. B. Smith wrote it"), None);
    }
}
