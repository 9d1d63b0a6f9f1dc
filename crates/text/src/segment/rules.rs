//! The rule-based segmenter.
//!
//! The text is cut in three passes, each working on byte offsets into the
//! input so that every unit keeps its span:
//!
//! 1. **Paragraphs**: blank lines separate paragraphs.
//! 2. **Lines into blocks**: inside a paragraph, a line break joins two lines
//!    of one block when the first line looks wrapped (long and with no final
//!    punctuation). A short line with no final punctuation (a headline, a
//!    byline, a caption) and a line before a list item end their block.
//! 3. **Sentences inside a block**: every run of `.`, `!`, `?`, `…` (and the
//!    CJK full stops) followed by optional closing quotes or brackets and
//!    white space is a candidate; [`RuleSegmenter::is_boundary`] decides from
//!    the word before it and the word after it.
//!
//! Lower-cased text (such as the CNN/DailyMail release) has no capitals to
//! go by, so a document whose letters are almost all lower-case is
//! segmented in *caseless* mode, where a full stop ends a sentence unless the
//! word before it is an abbreviation or an initial.

use crate::segment::abbreviations::Abbreviations;
use crate::segment::{Segment, SegmentKind, Segmenter};
use crate::{Language, Span};

/// A rule-based, abbreviation-aware sentence segmenter.
///
/// ```
/// use abridge_text::{Language, RuleSegmenter, Segmenter};
///
/// let text = "Mr. Smith went to Washington. He arrived at 5 p.m. on Monday.";
/// let segments = RuleSegmenter::new(Language::English).segment(text);
/// let sentences: Vec<&str> = segments.iter().map(|s| s.span.slice(text)).collect();
/// assert_eq!(sentences, ["Mr. Smith went to Washington.", "He arrived at 5 p.m. on Monday."]);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RuleSegmenter {
    abbreviations: &'static Abbreviations,
}

impl RuleSegmenter {
    /// A segmenter with the abbreviations of `language`.
    pub fn new(language: Language) -> RuleSegmenter {
        RuleSegmenter { abbreviations: Abbreviations::for_language(language) }
    }
}

impl Default for RuleSegmenter {
    fn default() -> Self {
        RuleSegmenter::new(Language::English)
    }
}

impl Segmenter for RuleSegmenter {
    fn segment_into(&self, text: &str, out: &mut Vec<Segment>) {
        let caseless = is_caseless(text);
        for (paragraph, paragraph_span) in paragraphs(text).into_iter().enumerate() {
            for block in blocks(text, paragraph_span) {
                self.split_block(text, block, caseless, paragraph, out);
            }
        }
    }
}

/// Lines shorter than this (in chars) never count as wrapped.
const MIN_WRAPPED_LINE: usize = 30;

/// A line counts as wrapped when it is at least this share of the longest
/// line of its paragraph.
const WRAPPED_LINE_SHARE: f32 = 0.6;

/// Whether almost no letter of `text` is upper-case.
fn is_caseless(text: &str) -> bool {
    // Looking at a prefix is enough and keeps this cheap on huge inputs.
    const SAMPLE: usize = 1 << 15;
    let mut letters = 0usize;
    let mut upper = 0usize;
    for character in text.chars().take(SAMPLE) {
        if character.is_alphabetic() {
            letters += 1;
            if character.is_uppercase() {
                upper += 1;
            }
        }
    }
    letters >= 40 && upper * 200 < letters
}

/// Spans of the blank-line separated paragraphs, trimmed, non-empty.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Span> = None;
    let mut line_start = 0;
    loop {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim().is_empty() {
            if let Some(paragraph) = current.take() {
                paragraphs.push(paragraph.trim(text));
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
    paragraphs.extend(current.map(|paragraph| paragraph.trim(text)));
    paragraphs
}

/// Splits a paragraph into blocks of lines that read as one run of text.
fn blocks(text: &str, paragraph: Span) -> Vec<Span> {
    let body = paragraph.slice(text);
    if !body.contains('\n') {
        return vec![paragraph];
    }
    let mut lines: Vec<Span> = Vec::new();
    let mut line_start = paragraph.start;
    for (offset, _) in body.match_indices('\n') {
        lines.push(Span::new(line_start, paragraph.start + offset));
        line_start = paragraph.start + offset + 1;
    }
    lines.push(Span::new(line_start, paragraph.end));
    let lines: Vec<Span> =
        lines.into_iter().map(|line| line.trim(text)).filter(|line| !line.is_empty()).collect();
    let longest = lines.iter().map(|line| line.slice(text).chars().count()).max().unwrap_or(0);

    let mut blocks = Vec::new();
    let mut block_start = lines[0].start;
    for pair in lines.windows(2) {
        let (line, next) = (pair[0], pair[1]);
        if ends_block(line.slice(text), next.slice(text), longest) {
            blocks.push(Span::new(block_start, line.end));
            block_start = next.start;
        }
    }
    blocks.push(Span::new(block_start, paragraph.end));
    blocks
}

/// Whether a line break between `line` and `next` ends a block.
fn ends_block(line: &str, next: &str, longest: usize) -> bool {
    if starts_with_list_marker(next) || starts_with_list_marker(line) {
        return true;
    }
    if ends_with_terminal(line) {
        // The sentence pass will split here if it should; a terminal line
        // break after an abbreviation is treated like a space.
        return false;
    }
    let length = line.chars().count();
    let wrapped =
        length >= MIN_WRAPPED_LINE && length as f32 >= WRAPPED_LINE_SHARE * longest as f32;
    !wrapped
}

/// Whether a line starts like an item of a bulleted or numbered list.
pub(crate) fn starts_with_list_marker(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else { return false };
    if matches!(first, '•' | '·' | '◦' | '▪' | '‣' | '⁃' | '●' | '○' | '■' | '□' | '►' | '–' | '—')
    {
        return true;
    }
    if matches!(first, '-' | '*' | '+') {
        return chars.next().is_some_and(char::is_whitespace);
    }
    // "1.", "12)", "(a)", "a)", "iv."
    let marker: String = line.chars().take_while(|c| !c.is_whitespace()).collect();
    let core = marker.trim_start_matches('(');
    let core = core.strip_suffix(['.', ')']).map(|c| c.trim_end_matches('.'));
    match core {
        Some(core) if !core.is_empty() && core.len() <= 4 => {
            core.chars().all(|c| c.is_ascii_digit())
                || (core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_lowercase()))
                || core.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
        }
        _ => false,
    }
}

fn is_terminator(character: char) -> bool {
    matches!(character, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '｡')
}

/// Terminators that end a sentence with no space after them.
fn is_full_width_terminator(character: char) -> bool {
    matches!(character, '。' | '！' | '？' | '｡')
}

fn is_closer(character: char) -> bool {
    matches!(
        character,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '》'
            | '〉'
            | '】'
    )
}

fn is_opener(character: char) -> bool {
    matches!(
        character,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '„'
            | '「'
            | '『'
            | '（'
            | '¿'
            | '¡'
            | '`'
    )
}

/// Whether `text` ends with sentence-final punctuation, possibly followed by
/// closing quotes or brackets.
pub(crate) fn ends_with_terminal(text: &str) -> bool {
    let stripped = text.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace() || c == '`');
    stripped.ends_with(is_terminator)
}

/// The kind of a unit, from its final punctuation.
pub(crate) fn kind_of(unit: &str) -> SegmentKind {
    if ends_with_terminal(unit) { SegmentKind::Prose } else { SegmentKind::Fragment }
}

impl RuleSegmenter {
    fn split_block(
        &self,
        text: &str,
        block: Span,
        caseless: bool,
        paragraph: usize,
        out: &mut Vec<Segment>,
    ) {
        let mut emit = |span: Span| {
            let span = span.trim(text);
            if !span.is_empty() {
                out.push(Segment { span, paragraph, kind: kind_of(span.slice(text)) });
            }
        };
        let mut sentence_start = block.start;
        let mut position = block.start;
        while position < block.end {
            let Some(character) = text[position..block.end].chars().next() else { break };
            if !is_terminator(character) {
                position += character.len_utf8();
                continue;
            }
            let run_start = position;
            let run_end = skip_while(text, run_start, block.end, is_terminator);
            let end = skip_closers(text, run_end, block.end);
            let full_width = text[run_start..run_end].chars().any(is_full_width_terminator);
            let at_space = end == block.end || text[end..].starts_with(char::is_whitespace);
            if (at_space || full_width)
                && self.is_boundary(
                    text,
                    sentence_start,
                    run_start,
                    run_end,
                    end,
                    block.end,
                    caseless,
                )
            {
                emit(Span::new(sentence_start, end));
                sentence_start = end;
            }
            position = end.max(run_end);
        }
        emit(Span::new(sentence_start, block.end));
    }

    /// Decides whether the terminator run `run_start..run_end`, with its
    /// closers up to `end`, ends the sentence that began at `sentence_start`.
    #[allow(clippy::too_many_arguments)]
    fn is_boundary(
        &self,
        text: &str,
        sentence_start: usize,
        run_start: usize,
        run_end: usize,
        end: usize,
        block_end: usize,
        caseless: bool,
    ) -> bool {
        let run = &text[run_start..run_end];
        let next = next_word(&text[end..block_end]);
        let Some(next) = next else { return true };
        let next_first = next.chars().next().unwrap_or(' ');
        let next_lower = next_first.is_lowercase();
        let next_upper = next_first.is_uppercase();

        if run.chars().any(is_full_width_terminator) {
            return true;
        }
        if run != "." {
            let ellipsis = run.starts_with("..") || run.contains('…');
            if ellipsis && !run.contains(['!', '?']) {
                // An ellipsis ends a sentence only before a capital.
                return !caseless && next_upper;
            }
            return caseless || !next_lower;
        }

        // A single full stop: look at the word it ends.
        let before = word_before(&text[sentence_start..run_start]);
        if before.is_empty() {
            // A detached full stop, as in tokenised text ("he said . the").
            return true;
        }
        let bare = before.trim_start_matches(is_opener);
        if self.abbreviations.is_prepositive(bare) {
            return false;
        }
        if self.abbreviations.is_number(bare) && next_first.is_ascii_digit() {
            return false;
        }
        if is_initial(bare) {
            // "George W. Bush", "J. K. Rowling".
            return !caseless && !next_upper && !next_lower && !next_first.is_alphanumeric();
        }
        let dotted = is_dotted_abbreviation(bare);
        if dotted || self.abbreviations.is_known(bare) {
            if caseless {
                return false;
            }
            let starter = self.abbreviations.is_sentence_starter(strip_word(next));
            return next_upper && (starter || !dotted);
        }
        if caseless {
            return true;
        }
        !next_lower
    }
}

fn skip_while(text: &str, mut position: usize, end: usize, predicate: fn(char) -> bool) -> usize {
    while let Some(character) = text[position..end].chars().next() {
        if !predicate(character) {
            break;
        }
        position += character.len_utf8();
    }
    position
}

/// Skips closing quotes and brackets after a terminator, including the
/// detached closing quote of tokenised text (`. ''`).
fn skip_closers(text: &str, position: usize, end: usize) -> usize {
    let position = skip_while(text, position, end, is_closer);
    let rest = &text[position..end];
    let trimmed = rest.trim_start_matches(' ');
    let gap = rest.len() - trimmed.len();
    for quote in ["''", "\"", "”", "’", "»"] {
        if gap > 0 && trimmed.starts_with(quote) {
            let after = &trimmed[quote.len()..];
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                return position + gap + quote.len();
            }
        }
    }
    position
}

/// The first word of `rest`, after white space and opening punctuation.
fn next_word(rest: &str) -> Option<&str> {
    let rest = rest.trim_start();
    let rest = rest.trim_start_matches(|c: char| is_opener(c) || c.is_whitespace());
    let word = rest.split(char::is_whitespace).next()?;
    (!word.is_empty()).then_some(word)
}

/// The last white-space separated word of `before` (empty if `before` ends
/// with white space).
fn word_before(before: &str) -> &str {
    match before.rfind(char::is_whitespace) {
        Some(index) => {
            let space = before[index..].chars().next().map_or(1, char::len_utf8);
            &before[index + space..]
        }
        None => before,
    }
}

fn strip_word(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// A single letter, as in an initial ("E." in "Jonas E. Smith").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

/// Abbreviations written with inner full stops: "U.S", "a.m", "e.g", "Ph.D".
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let count = part.chars().count();
            count <= 3 && part.chars().all(char::is_alphabetic)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        RuleSegmenter::new(Language::English)
            .segment(text)
            .iter()
            .map(|segment| segment.span.slice(text))
            .collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(split("Hello World. My name is Jonas."), ["Hello World.", "My name is Jonas."]);
        assert_eq!(
            split("What is it? It is mine! Really."),
            ["What is it?", "It is mine!", "Really."]
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(split("Dr. Brown met Mr. K. Ito today."), ["Dr. Brown met Mr. K. Ito today."]);
        assert_eq!(split("Turn to p. 42 now."), ["Turn to p. 42 now."]);
        assert_eq!(split("I moved to the U.S. Navy base."), ["I moved to the U.S. Navy base."]);
        assert_eq!(
            split("I moved to the U.S. Then I left."),
            ["I moved to the U.S.", "Then I left."]
        );
        assert_eq!(
            split("We ate apples, pears etc. Then we slept."),
            ["We ate apples, pears etc.", "Then we slept."]
        );
        assert_eq!(
            split("It opens at 9 a.m. and closes late."),
            ["It opens at 9 a.m. and closes late."]
        );
    }

    #[test]
    fn numbers_and_ellipses() {
        assert_eq!(split("Pi is 3.14 or so. Fine."), ["Pi is 3.14 or so.", "Fine."]);
        assert_eq!(
            split("Wait... what happened? Nothing."),
            ["Wait... what happened?", "Nothing."]
        );
        assert_eq!(split("And then... The end."), ["And then...", "The end."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said \"Stop.\" Then he left. 'Why?' she asked."),
            ["He said \"Stop.\"", "Then he left.", "'Why?' she asked."]
        );
    }

    #[test]
    fn tokenised_lower_case_text() {
        let text =
            "he said . `` it is done . '' the man left ! mr. smith came at 5 p.m. yesterday .";
        assert_eq!(
            split(text),
            [
                "he said .",
                "`` it is done . ''",
                "the man left !",
                "mr. smith came at 5 p.m. yesterday ."
            ]
        );
    }

    #[test]
    fn lines_without_punctuation_are_units() {
        let text =
            "Powered by\nSponsored by\n\nA headline here\n\nThe body starts here. It goes on.";
        let segments = RuleSegmenter::default().segment(text);
        let units: Vec<(&str, SegmentKind, usize)> =
            segments.iter().map(|s| (s.span.slice(text), s.kind, s.paragraph)).collect();
        assert_eq!(
            units,
            [
                ("Powered by", SegmentKind::Fragment, 0),
                ("Sponsored by", SegmentKind::Fragment, 0),
                ("A headline here", SegmentKind::Fragment, 1),
                ("The body starts here.", SegmentKind::Prose, 2),
                ("It goes on.", SegmentKind::Prose, 2),
            ]
        );
    }

    #[test]
    fn wrapped_lines_join() {
        let text = "This is a long sentence that was wrapped by a\nterminal at a fixed width and it goes on\nuntil here. Next one.";
        assert_eq!(
            split(text),
            [
                "This is a long sentence that was wrapped by a\nterminal at a fixed width and it goes on\nuntil here.",
                "Next one."
            ]
        );
    }

    #[test]
    fn list_items_are_units() {
        let text = "Shopping:\n- eggs\n- milk and bread\n1. first thing\n2. second thing";
        assert_eq!(
            split(text),
            ["Shopping:", "- eggs", "- milk and bread", "1. first thing", "2. second thing"]
        );
    }

    #[test]
    fn cjk_full_stops() {
        assert_eq!(
            split("今天天气很好。我们去公园吧！好的？"),
            ["今天天气很好。", "我们去公园吧！", "好的？"]
        );
    }

    #[test]
    fn blank_and_empty() {
        assert!(split("").is_empty());
        assert!(split(" \n\n\t ").is_empty());
        assert_eq!(split("   one   "), ["one"]);
    }

    #[test]
    fn caseless_detection() {
        assert!(is_caseless(
            "the quick brown fox jumps over the lazy dog . it was not amused at all ."
        ));
        assert!(!is_caseless(
            "The quick brown fox jumps over the lazy dog. It was not amused at all."
        ));
        assert!(!is_caseless("short"));
    }

    #[test]
    fn list_markers() {
        for marker in ["- a", "* b", "• c", "1. d", "12) e", "(a) f", "iv. g", "a) h"] {
            assert!(starts_with_list_marker(marker), "{marker}");
        }
        for not_marker in ["-5 degrees", "Mr. X", "Hello", "2024 was"] {
            assert!(!starts_with_list_marker(not_marker), "{not_marker}");
        }
    }
}
