//! The rule-based segmenter.
//!
//! The text is cut in three passes, each working on byte offsets into the
//! input so that every unit keeps its span:
//!
//! 1. **Paragraphs**: blank lines separate paragraphs.
//! 2. **Lines into blocks** ([`layout`]): inside a paragraph,
//!    a line break joins two lines of one block when the first line looks
//!    wrapped or the text goes on in lower case to the end of a sentence. A
//!    short line with no final punctuation (a headline, a byline, a caption)
//!    and a list item end their block.
//! 3. **Sentences inside a block**: a block that opens with a list marker is
//!    first cut before each following marker of the same list ("1) Eggs
//!    2) Milk"). Then every run of `.`, `!`, `?`, `…` (and the CJK full
//!    stops), with any closing quotes or brackets after it, followed by white
//!    space is a candidate boundary; the methods of `Splitter` decide from
//!    the run, the word before it and the word after it.
//!
//! Lower-cased text (such as the CNN/DailyMail release) has no capitals to
//! go by, so a document whose letters are almost all lower-case is
//! segmented in *caseless* mode, where a full stop ends a sentence unless the
//! word before it is an abbreviation or an initial.
//!
//! DESIGN.md lists every rule. The scan looks only at bytes that can start a
//! terminator and decides each candidate from a few words around it; no
//! candidate allocates, except when a word outside ASCII is lower-cased to
//! look it up in a list.

use crate::segment::abbreviations::{Abbreviation, Abbreviations, Role};
use crate::segment::marks::MarkRules;
use crate::segment::{Segment, SegmentKind, Segmenter};
use crate::segment::{email, headings, layout, scripts};
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
    marks: MarkRules,
    /// Whether run-in headings are cut off ([`headings`]): English only.
    run_in_headings: bool,
}

impl RuleSegmenter {
    /// A segmenter with the abbreviations of `language`.
    ///
    /// ```
    /// use abridge_text::{Language, RuleSegmenter, Segmenter};
    ///
    /// let segmenter = RuleSegmenter::new(Language::German);
    /// let mut units = Vec::new();
    /// segmenter.for_each_segment("Er kam am 3. Mai. Dann ging er.", &mut |segment| units.push(segment.span));
    /// assert_eq!(units.len(), 2, "an ordinal does not end a sentence");
    /// ```
    pub fn new(language: Language) -> RuleSegmenter {
        RuleSegmenter {
            abbreviations: Abbreviations::for_language(language),
            marks: MarkRules::for_language(language),
            run_in_headings: language == Language::English,
        }
    }
}

impl Default for RuleSegmenter {
    fn default() -> Self {
        RuleSegmenter::new(Language::English)
    }
}

impl Segmenter for RuleSegmenter {
    fn for_each_segment(&self, text: &str, f: &mut dyn FnMut(Segment)) {
        let mut splitter = Splitter {
            text,
            abbreviations: self.abbreviations,
            caseless: is_caseless(text),
            informal: is_informal(text),
            marks: self.marks,
            script_marks: self.marks.any(),
            run_in_headings: self.run_in_headings,
            paragraph: 0,
            last: None,
            last_in_block: false,
            f,
        };
        layout::for_each_paragraph(text, |paragraph| {
            let caseless = splitter.caseless;
            layout::for_each_block(text, paragraph, caseless, |block| {
                splitter.split_block(block);
            });
            splitter.paragraph += 1;
        });
        if let Some(last) = splitter.last {
            (splitter.f)(last);
        }
    }
}

/// Whether almost no letter of `text` is upper-case.
fn is_caseless(text: &str) -> bool {
    // Looking at a prefix is enough and keeps this cheap on huge inputs.
    const SAMPLE: usize = 1 << 15;
    const MIN_LETTERS: usize = 40;
    const UPPER_SHARE: usize = 200;
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let (lower, upper, non_ascii) = count_ascii_letters(sample.as_bytes());
    let letters = lower + upper;
    if letters >= MIN_LETTERS {
        if (upper + non_ascii) * UPPER_SHARE < letters {
            // Caseless whatever the other characters are.
            return true;
        }
        if upper * UPPER_SHARE >= letters + non_ascii {
            // Cased whatever the other characters are.
            return false;
        }
    }
    // Otherwise decode the characters outside ASCII.
    let (mut letters, mut upper) = (letters, upper);
    for (index, _) in sample.bytes().enumerate().filter(|&(_, byte)| byte >= 0xC0) {
        if let Some(character) = sample[index..].chars().next()
            && character.is_alphabetic()
        {
            letters += 1;
            upper += usize::from(character.is_uppercase());
        }
    }
    letters >= MIN_LETTERS && upper * UPPER_SHARE < letters
}

/// Whether `text` reads as informal writing that does not capitalise
/// sentences (e-mail, forum posts, chat): at least `MIN_SIGNS` signs in
/// its first 32 KiB, a sign being the pronoun "i" in lower case ("i think",
/// "i'm") or a line that starts with a lower-case letter. Edited text
/// shows at most one (a line that goes on after a break).
fn is_informal(text: &str) -> bool {
    const SAMPLE: usize = 1 << 15;
    const MIN_SIGNS: usize = 2;
    let bytes = &text.as_bytes()[..text.len().min(SAMPLE)];
    let mut signs = 0;
    let mut line_start = true;
    for (index, &byte) in bytes.iter().enumerate() {
        match byte {
            b'\n' => line_start = true,
            b' ' | b'\t' | b'\r' => {}
            _ => {
                if line_start && byte.is_ascii_lowercase() {
                    signs += 1;
                } else if byte == b'i' && (index == 0 || bytes[index - 1].is_ascii_whitespace()) {
                    let rest = &bytes[index + 1..];
                    let rest = ["'m", "'ve", "'d", "'ll", "’m", "’ve", "’d", "’ll", "m"]
                        .iter()
                        .find_map(|tail| rest.strip_prefix(tail.as_bytes()))
                        .unwrap_or(rest);
                    signs += usize::from(rest.first().is_some_and(u8::is_ascii_whitespace));
                }
                if signs >= MIN_SIGNS {
                    return true;
                }
                line_start = false;
            }
        }
    }
    false
}

/// Counts lower-case and upper-case ASCII letters and non-ASCII characters.
///
/// Fast path: branch-free counts into byte-sized counters over chunks of 255
/// bytes, which the compiler turns into vector code.
fn count_ascii_letters(bytes: &[u8]) -> (usize, usize, usize) {
    let (mut lower, mut upper, mut non_ascii) = (0, 0, 0);
    for chunk in bytes.chunks(usize::from(u8::MAX)) {
        let (mut chunk_lower, mut chunk_upper, mut chunk_non_ascii) = (0u8, 0u8, 0u8);
        for &byte in chunk {
            chunk_lower += u8::from(byte.wrapping_sub(b'a') < 26);
            chunk_upper += u8::from(byte.wrapping_sub(b'A') < 26);
            // Lead bytes of multi-byte characters.
            chunk_non_ascii += u8::from(byte >= 0xC0);
        }
        lower += usize::from(chunk_lower);
        upper += usize::from(chunk_upper);
        non_ascii += usize::from(chunk_non_ascii);
    }
    (lower, upper, non_ascii)
}

/// Sentence terminators: the Latin ones, the Greek question mark (U+037E),
/// and the full stops and question marks of other scripts, which
/// [`needs_no_space`] lists.
const TERMINATORS: &[char] = &[
    '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '\u{037E}', '。', '！', '？', '｡', '．', '︒', '﹒',
    '﹗', '﹖', '।', '॥', '؟', '۔', '։', '።', '፧', '။', '។', '៕', '᠃',
];

#[inline]
fn is_terminator(character: char) -> bool {
    match character {
        '.' | '!' | '?' => true,
        // Fast path: no other ASCII character is a terminator.
        _ if character.is_ascii() => false,
        _ => TERMINATORS.contains(&character),
    }
}

/// Terminators that end a sentence with no space after them and whatever
/// follows: the CJK full stops, question and exclamation marks (full-width
/// and half-width), the Devanagari danda, the Arabic question mark and Urdu
/// full stop, and the full stops of Armenian, Ethiopic, Burmese, Khmer and
/// Mongolian. Their scripts mark nothing else with them.
fn needs_no_space(character: char) -> bool {
    matches!(
        character,
        '。' | '！'
            | '？'
            | '｡'
            | '．'
            | '︒'
            | '﹒'
            | '﹗'
            | '﹖'
            | '।'
            | '॥'
            | '؟'
            | '۔'
            | '։'
            | '።'
            | '፧'
            | '။'
            | '។'
            | '៕'
            | '᠃'
    )
}

/// Whether `character` at `at` ends sentences: a terminator, or a mark that
/// is one in the script before it (`:` after Armenian, `;` after Greek).
fn is_terminator_at(text: &str, at: usize, character: char) -> bool {
    is_terminator(character)
        || (matches!(character, ':' | ';') && scripts::is_script_terminator(text, at, character))
}

/// The smallest first byte of a terminator outside ASCII.
const MIN_TERMINATOR_LEAD: u8 = {
    let mut min = u8::MAX;
    let mut index = 0;
    while index < TERMINATORS.len() {
        let lead = first_utf8_byte(TERMINATORS[index]);
        if lead >= 0x80 && lead < min {
            min = lead;
        }
        index += 1;
    }
    min
};

/// Finds the first byte in `bytes[from..end]` where the splitter must look:
/// one that can start a terminator, or another byte of [`CANDIDATE_BYTES`].
/// With `SCRIPT_MARKS`, `:` and `;` are looked at too; the splitter turns
/// that on once it has met a Greek or Armenian letter.
///
/// Chunks of bytes are first tested with a cheap test the compiler
/// vectorises (a full stop, `!`, `?`, a parenthesis, a high lead byte, and
/// `:` or `;` with `SCRIPT_MARKS`); only chunks that pass are searched with
/// the exact table.
fn find_candidate<const SCRIPT_MARKS: bool>(
    bytes: &[u8],
    from: usize,
    end: usize,
) -> Option<usize> {
    const CHUNK: usize = 32;
    let table = if SCRIPT_MARKS { &CANDIDATE_BYTES_WITH_MARKS } else { &CANDIDATE_BYTES };
    let is_candidate = |byte: &u8| table[usize::from(*byte)];
    let mut position = from;
    while position + CHUNK <= end {
        let chunk = &bytes[position..position + CHUNK];
        let maybe = chunk.iter().fold(false, |maybe, &byte| {
            // `(` and `)` differ in their last bit only, and so do `:` and
            // `;`.
            maybe
                | (byte == b'.')
                | (byte == b'!')
                | (byte == b'?')
                | (byte | 1 == b')')
                | (SCRIPT_MARKS && byte | 1 == b';')
                | (byte >= MIN_TERMINATOR_LEAD)
        });
        if maybe && let Some(offset) = chunk.iter().position(is_candidate) {
            return Some(position + offset);
        }
        position += CHUNK;
    }
    bytes[position..end].iter().position(is_candidate).map(|offset| position + offset)
}

/// Bytes where the scan stops: the first bytes of terminators, parentheses,
/// which the splitter counts, the lead byte of Thai and Lao (shared with
/// the Devanagari danda), and the lead bytes of Greek and Armenian letters,
/// which turn on the scan for `:` and `;`.
static CANDIDATE_BYTES: [bool; 256] = {
    let mut table = terminator_table();
    table[b'(' as usize] = true;
    table[b')' as usize] = true;
    table[0xE0] = true;
    let mut lead = 0xCD;
    while lead <= 0xD6 {
        // Greek U+0370 to U+03FF, Armenian U+0530 to U+058F.
        table[lead] = lead <= 0xCF || lead >= 0xD4;
        lead += 1;
    }
    table
};

/// The bytes of [`CANDIDATE_BYTES`] once Greek or Armenian has turned up:
/// `:` and `;` instead of the lead bytes of those scripts.
static CANDIDATE_BYTES_WITH_MARKS: [bool; 256] = {
    let mut table = terminator_table();
    table[b'(' as usize] = true;
    table[b')' as usize] = true;
    table[0xE0] = true;
    table[b':' as usize] = true;
    table[b';' as usize] = true;
    table
};

/// The first bytes of the terminators.
const fn terminator_table() -> [bool; 256] {
    let mut table = [false; 256];
    let mut index = 0;
    while index < TERMINATORS.len() {
        table[first_utf8_byte(TERMINATORS[index]) as usize] = true;
        index += 1;
    }
    table
}

const fn first_utf8_byte(character: char) -> u8 {
    let code = character as u32;
    if code < 0x80 {
        code as u8
    } else if code < 0x800 {
        0xC0 | (code >> 6) as u8
    } else if code < 0x1_0000 {
        0xE0 | (code >> 12) as u8
    } else {
        0xF0 | (code >> 18) as u8
    }
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

fn is_quote(character: char) -> bool {
    matches!(character, '"' | '\'' | '”' | '’' | '“' | '‘' | '»' | '›' | '«' | '‹' | '」' | '』')
}

pub(crate) fn is_opener(character: char) -> bool {
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
    match stripped.as_bytes().last() {
        // Fast path: an ASCII terminator.
        Some(b'.' | b'!' | b'?') => true,
        Some(_) => stripped
            .chars()
            .next_back()
            .is_some_and(|last| is_terminator_at(stripped, stripped.len() - last.len_utf8(), last)),
        None => false,
    }
}

/// The kind of a unit, from its final punctuation. Thai and Lao mark the
/// end of a sentence with a space, not punctuation, so a unit that ends
/// with one of their letters counts as prose.
pub(crate) fn kind_of(unit: &str) -> SegmentKind {
    let unpunctuated = || unit.chars().next_back().is_some_and(scripts::is_thai_or_lao_letter);
    if ends_with_terminal(unit) || unpunctuated() {
        SegmentKind::Prose
    } else {
        SegmentKind::Fragment
    }
}

/// Longest word (in bytes) the rules look at on either side of a
/// candidate; a longer token is no abbreviation.
const WORD_WINDOW: usize = 64;

/// Lower-case words of at least this many letters are taken for words, not
/// abbreviations, before a lower-case word.
const MIN_UNABBREVIATED: usize = 6;

/// A run of terminators: `.`, `?!`, `...`, `. . . .`, `。`.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: usize,
    end: usize,
    /// Full stops in the run (an ellipsis character counts three).
    dots: usize,
    /// Whether the dots are spaced (`. . .`).
    spaced: bool,
    /// Whether it holds a `?` or `!`, or a mark that ends sentences in the
    /// script before it (`:` after Armenian, `;` after Greek).
    question_or_exclamation: bool,
    /// Whether it holds a terminator that needs no space after it.
    unspaced: bool,
    /// Whether it is a single `.` after an Armenian letter: the Armenian
    /// middle stop, which ends no sentence.
    middle_stop: bool,
}

impl Run {
    fn scan(text: &str, start: usize, end: usize) -> Run {
        let mut run = Run {
            start,
            end: start,
            dots: 0,
            spaced: false,
            question_or_exclamation: false,
            unspaced: false,
            middle_stop: false,
        };
        for character in text[start..end].chars() {
            match character {
                '.' => run.dots += 1,
                '…' => run.dots += 3,
                _ if needs_no_space(character) => run.unspaced = true,
                _ if is_terminator(character) => run.question_or_exclamation = true,
                ':' | ';' if scripts::is_script_terminator(text, start, character) => {
                    run.question_or_exclamation = true;
                }
                _ => break,
            }
            run.end += character.len_utf8();
        }
        // Armenian letters are outside ASCII, so an ASCII byte before the
        // stop settles it without looking further.
        run.middle_stop = run.dots == 1
            && !run.question_or_exclamation
            && !run.unspaced
            && start > 0
            && !text.as_bytes()[start - 1].is_ascii_alphanumeric()
            && !text.as_bytes()[start - 1].is_ascii_whitespace()
            && scripts::letter_before(text, start)
                .is_some_and(|(_, letter)| scripts::is_armenian_letter(letter));
        if run.question_or_exclamation || run.unspaced || !text[..run.end].ends_with('.') {
            return run;
        }
        // Spaced dots (". . ."), each followed by white space, another dot,
        // a closer or the end. Two spaced dots are a full stop after an
        // abbreviation ("u.s. ."), not an ellipsis.
        let mut cursor = run.end;
        let mut extra = 0;
        while text[cursor..end].starts_with(" .") {
            let after_dot = cursor + 2;
            let following = text[after_dot..end].chars().next();
            if !following.is_none_or(|c| c.is_whitespace() || c == '.' || is_closer(c)) {
                break;
            }
            extra += 1;
            cursor = after_dot;
        }
        if extra > 0 && run.dots + extra >= 3 {
            run.dots += extra;
            run.end = cursor;
            run.spaced = true;
        }
        run
    }
}

/// The case of a word's first letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
    /// A digit, a symbol or a letter without case.
    Other,
}

impl Case {
    fn of(word: &str) -> Case {
        match word.chars().next() {
            Some(c) if c.is_uppercase() => Case::Upper,
            Some(c) if c.is_lowercase() => Case::Lower,
            _ => Case::Other,
        }
    }
}

/// What the word before a full stop is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordKind {
    /// A known abbreviation.
    Abbreviation(Abbreviation),
    /// "a.m." or "p.m.", alone or after a number ("9:30p.m.").
    Time,
    /// A single letter: "K." in "Anna K. Berg".
    Initial,
    /// Letters with inner full stops: "U.S", "Ph.D", "e.g".
    Dotted,
    /// A short capitalised word with no vowel: "Blvd", "Mr".
    Consonants,
    /// Any other word.
    Plain,
}

/// Cuts blocks into sentences and hands them to `f`, one unit late: a unit
/// with no letter or digit may still join the last one.
struct Splitter<'t, 'f> {
    text: &'t str,
    abbreviations: &'static Abbreviations,
    caseless: bool,
    /// Whether the text is informal ([`is_informal`]): there a lower-case
    /// word after a terminator starts a sentence.
    informal: bool,
    /// Which colons and semicolons end sentences in the language.
    marks: MarkRules,
    /// Whether `:` and `;` may end sentences: a Greek or Armenian letter has
    /// turned up, or the language ends sentences with them ([`MarkRules`]).
    script_marks: bool,
    /// Whether a unit is cut after a run-in heading ([`headings`]).
    run_in_headings: bool,
    paragraph: usize,
    /// The last unit, not yet given to `f`.
    last: Option<Segment>,
    /// Whether `last` is in the current block.
    last_in_block: bool,
    f: &'f mut dyn FnMut(Segment),
}

impl Splitter<'_, '_> {
    fn split_block(&mut self, block: Span) {
        self.last_in_block = false;
        let Some(mut marker) = layout::list_marker(block.slice(self.text)) else {
            self.split_sentences(block.start, block.start, block.end);
            return;
        };
        // A list written on one line: cut before each following marker.
        let mut item_start = block.start;
        loop {
            let body = item_start + marker.len;
            match layout::next_item(self.text, body, block.end, &marker) {
                Some((next_start, next_marker)) => {
                    self.split_sentences(item_start, body, next_start);
                    item_start = next_start;
                    marker = next_marker;
                }
                None => {
                    self.split_sentences(item_start, body, block.end);
                    return;
                }
            }
        }
    }

    /// Cuts `start..end` into sentences, looking for terminators from
    /// `scan_from` on (after a list marker, whose full stop ends nothing).
    ///
    /// The scan also stops at parentheses, to know whether one is open, and
    /// at the first Thai or Lao character of a sentence, to find where a
    /// space ends it ([`scripts::next_thai_break`]).
    fn split_sentences(&mut self, start: usize, scan_from: usize, end: usize) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut sentence_start = start;
        let mut position = scan_from;
        // Parentheses and Chinese title marks (《…》) opened and not
        // closed since the sentence started.
        let mut open_parentheses = 0usize;
        let mut open_titles = 0usize;
        // Where a space in Thai or Lao ends the sentence, once looked for.
        let mut thai_break: Option<(usize, usize)> = None;
        let mut thai_looked = false;
        // No Thai break is left in the range: a later start finds none.
        let mut thai_done = false;
        // The next place where an e-mail time stamp or a separator starts
        // or ends a unit ([`email`]).
        let mut forced = email::next_break(text, scan_from, end);
        loop {
            while let Some(at) = forced
                && at <= sentence_start
            {
                forced = email::next_break(text, at + 1, end);
            }
            let candidate = if self.script_marks {
                find_candidate::<true>(bytes, position, end)
            } else {
                find_candidate::<false>(bytes, position, end)
            };
            if let Some((space, next)) = thai_break
                && candidate.is_none_or(|at| at >= space)
            {
                self.emit(sentence_start, space);
                sentence_start = next;
                (thai_break, thai_looked, open_parentheses, open_titles) = (None, false, 0, 0);
                continue;
            }
            if let Some(at) = forced
                && candidate.is_none_or(|candidate| candidate >= at)
            {
                self.emit(sentence_start, at);
                sentence_start = at;
                position = position.max(at);
                (thai_break, thai_looked, open_parentheses, open_titles) = (None, false, 0, 0);
                continue;
            }
            let Some(at) = candidate else { break };
            let Some(character) = text[at..end].chars().next() else { break };
            if matches!(character, ':' | ';')
                && open_parentheses == 0
                && self.marks.ends_sentence(character, &text[at + 1..end])
            {
                let boundary = at + 1;
                self.emit(sentence_start, boundary);
                sentence_start = boundary;
                position = boundary;
                (thai_break, thai_looked, open_parentheses, open_titles) = (None, false, 0, 0);
                continue;
            }
            if !is_terminator_at(text, at, character) {
                match character {
                    '(' => open_parentheses += 1,
                    ')' => open_parentheses = open_parentheses.saturating_sub(1),
                    '《' | '〈' => open_titles += 1,
                    '》' | '〉' => open_titles = open_titles.saturating_sub(1),
                    '\u{0E00}'..='\u{0EFF}' if !thai_looked && !thai_done => {
                        thai_looked = true;
                        thai_break = scripts::next_thai_break(text, sentence_start, end);
                        thai_done = thai_break.is_none();
                    }
                    _ if scripts::is_greek_letter(character)
                        || scripts::is_armenian_letter(character) =>
                    {
                        // From here on `:` and `;` may end sentences.
                        self.script_marks = true;
                    }
                    _ => {}
                }
                position = at + character.len_utf8();
                continue;
            }
            let run = Run::scan(text, at, end);
            let (after, quoted) = skip_closers(text, sentence_start, &run, end);
            // A bracket closed right after the terminator ("(good!)") is
            // closed: later boundaries are not inside it.
            let closed = bytes[run.end..after].iter().filter(|&&byte| byte == b')').count();
            // Closed here, opened inside the sentence (not a whole sentence
            // in brackets).
            let inner_bracket = closed > 0
                && open_parentheses > 0
                && !text[sentence_start..at].trim_start().starts_with('(');
            open_parentheses = open_parentheses.saturating_sub(closed);
            position = after;
            let Some(following) = text[after..end].chars().next() else { break };
            let boundary = if run.middle_stop {
                None
            } else if run.unspaced {
                // A title keeps its punctuation: 《快跑！小猫》.
                let in_title = open_titles > 0 && closes_title(text, run.end, end);
                if in_title { None } else { self.after_unspaced(&run, after, end, quoted) }
            } else if following.is_whitespace() {
                // A bracket closed right after the terminator, then a word
                // in lower case: an aside inside the sentence ("is (sadly!)
                // gone").
                let aside = inner_bracket
                    && next_word(text, after, end)
                        .is_some_and(|word| Case::of(word) == Case::Lower);
                if aside {
                    None
                } else {
                    self.decide(sentence_start, &run, after, end, quoted)
                        .filter(|_| open_parentheses == 0 || !closes_parenthesis(text, after, end))
                }
            } else {
                self.glued_sentence(sentence_start, &run, after, end).then_some(after)
            };
            if let Some(boundary) = boundary {
                self.emit(sentence_start, boundary);
                sentence_start = boundary;
                (thai_break, thai_looked, open_parentheses, open_titles) = (None, false, 0, 0);
            }
        }
        self.emit(sentence_start, end);
    }

    /// Appends the unit `start..end`, cut after each run-in heading
    /// ([`headings`]) when the language has them.
    fn emit(&mut self, start: usize, end: usize) {
        let mut start = start;
        if self.run_in_headings {
            while let Some(at) = self.text.get(start..end).and_then(headings::next_break) {
                self.emit_unit(start, start + at);
                start += at;
            }
        }
        self.emit_unit(start, end);
    }

    /// Appends the unit `start..end`, trimmed. A unit with no letter or
    /// digit (a stray `|` or `.`) is not a sentence: it joins the unit
    /// before it in the same block, and a unit of terminators alone (a `.`
    /// cut off by a stray line break) joins the unit before it anywhere.
    fn emit_unit(&mut self, start: usize, end: usize) {
        let span = Span::new(start, end).trim(self.text);
        if span.is_empty() {
            return;
        }
        let unit = span.slice(self.text);
        if !unit.chars().any(char::is_alphanumeric)
            && !email::is_separator(unit)
            && let Some(last) = &mut self.last
            && (self.last_in_block || unit.chars().all(is_terminator))
        {
            last.span.end = span.end;
            last.kind = kind_of(last.span.slice(self.text));
            return;
        }
        let unit = Segment { span, paragraph: self.paragraph, kind: kind_of(unit) };
        if let Some(done) = self.last.replace(unit) {
            (self.f)(done);
        }
        self.last_in_block = true;
    }

    /// Decides whether `run`, with its closers up to `after`, ends the
    /// sentence that began at `sentence_start`; returns where it ends.
    fn decide(
        &self,
        sentence_start: usize,
        run: &Run,
        after: usize,
        end: usize,
        quoted: bool,
    ) -> Option<usize> {
        let Some(next) = next_word(self.text, after, end) else { return Some(after) };
        if next.starts_with(['&', ',', ';', ':', '%', '/', '=', '+', ')', ']', '}']) {
            // No sentence starts with these: "Eng. & Mktg.".
            return None;
        }
        let case = Case::of(next);
        if run.question_or_exclamation {
            self.after_question_or_exclamation(run, next, case, after, end, quoted)
        } else if run.dots >= 2 {
            self.after_ellipsis(run, next, case, after)
        } else {
            self.after_full_stop(sentence_start, run, next, case, after, end, quoted)
        }
    }

    /// A terminator that needs no space (`。`, `।`, `؟`, `։`, …) ends a
    /// sentence, except between two digits (`３．５`) and before the
    /// reporting clause of a quotation it closes (`「…。」と言った`).
    fn after_unspaced(&self, run: &Run, after: usize, end: usize, quoted: bool) -> Option<usize> {
        let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        let before = self.text[..run.start].chars().next_back();
        let following = self.text[run.end..end].chars().next();
        if before.is_some_and(is_digit) && following.is_some_and(is_digit) {
            return None;
        }
        if quoted && scripts::attribution_follows(self.text, after, end) {
            return None;
        }
        Some(after)
    }

    /// Whether a terminator with no space after it ends a sentence, as in
    /// scraped text that lost its spaces ("Hello world.Today is Tuesday."):
    /// a plain word before it, a capitalised word (or "I") after it, and no
    /// sign of an address, a file name or an abbreviation around it.
    fn glued_sentence(&self, sentence_start: usize, run: &Run, after: usize, end: usize) -> bool {
        if self.caseless || run.dots > 1 {
            return false;
        }
        let window_end = floor_char_boundary(self.text, (after + WORD_WINDOW).min(end));
        let rest = &self.text[after..window_end];
        let token_after = rest.split(char::is_whitespace).next().unwrap_or("");
        let mut chars = token_after.chars();
        let capitalised = match (chars.next(), chars.next()) {
            (Some('I'), None | Some('\'' | '’')) => true,
            (Some(first), Some(second)) => first.is_uppercase() && second.is_lowercase(),
            _ => false,
        };
        if !capitalised {
            return false;
        }
        let Some(word) = word_before(self.text, sentence_start, run.start) else { return false };
        let bare = word.trim_start_matches(is_opener);
        let address = |part: &str| part.contains(['@', '/', ':', '\\']) || part.starts_with("www");
        // "Tuesday.Mr." is glued, "example.Com.au" is a name.
        let inner_stop =
            token_after.trim_end_matches(|c: char| is_terminator(c) || is_closer(c)).contains('.');
        !address(bare)
            && !address(token_after)
            && !inner_stop
            && bare.chars().nth(1).is_some()
            && bare.ends_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
            && self.word_kind(bare) == WordKind::Plain
    }

    /// `?` and `!` end a sentence unless a lower-case word follows
    /// ("Wham! bars", `"Why?" she asked`) or a reporting clause follows a
    /// quotation (`"Why?" John asked`).
    fn after_question_or_exclamation(
        &self,
        run: &Run,
        next: &str,
        case: Case,
        after: usize,
        end: usize,
        quoted: bool,
    ) -> Option<usize> {
        if !self.caseless && case == Case::Lower {
            // Informal writing starts sentences in lower case ("really? i
            // thought so"), but not after a quotation or a comma (`'',?
            // fragte er`), where a reporting clause goes on.
            let after_word = self.text[..run.start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, ')' | ']'));
            if !self.informal || quoted || !after_word {
                return None;
            }
        }
        if is_dash(next) {
            // "and -- voila! -- you have cake".
            return None;
        }
        if let Some(rest) = next.strip_prefix(['—', '–'])
            && Case::of(rest) == Case::Lower
        {
            // A dialogue tag after a dash: "¿Vienes? —preguntó Ana."
            return None;
        }
        if quoted && self.reporting_clause_follows(next, case, after, end) {
            return None;
        }
        if !quoted
            && !self.caseless
            && case == Case::Upper
            && self.speech_tag_follows(next, after, end)
        {
            // Dialogue without quotation marks: "Are you coming? Ann asked."
            return None;
        }
        Some(after)
    }

    /// Whether the words after a question or exclamation are a speech tag
    /// of two words that ends there: "I" or a name (no word that starts
    /// sentences), then a reporting verb and a comma or full stop ("Ann
    /// asked.", "I said,"). "Why? Ann said nothing." goes on past its verb.
    fn speech_tag_follows(&self, next: &str, after: usize, end: usize) -> bool {
        if letters(next) != next || (!is_pronoun_i(next) && self.is_starter(next)) {
            return false;
        }
        let window_end = floor_char_boundary(self.text, (after + WORD_WINDOW).min(end));
        self.text[after..window_end].split_whitespace().nth(1).is_some_and(|verb| {
            verb.ends_with(['.', ','])
                && letters(verb).len() + 1 == verb.len()
                && self.abbreviations.is_reporting_verb(letters(verb))
        })
    }

    /// An ellipsis marks an omission inside a sentence; it ends one only
    /// when a new sentence visibly starts after it.
    fn after_ellipsis(&self, run: &Run, next: &str, case: Case, after: usize) -> Option<usize> {
        let before = self.text[..run.start].chars().next_back();
        let following = self.text[run.end..].chars().next();
        if matches!(before, Some('[' | '(')) && matches!(following, Some(']' | ')')) {
            // "[...]" marks an omission in a quotation.
            return None;
        }
        let attached = before.is_some_and(|c| !c.is_whitespace());
        if attached && run.spaced && run.dots >= 4 && self.text[run.start..].starts_with(". ") {
            // "word. . . . Next": a full stop ends the sentence and the
            // ellipsis opens the next one.
            return (!self.caseless && case == Case::Upper).then_some(run.start + 1);
        }
        if run.dots >= 4 {
            // A full stop and an ellipsis.
            return (self.caseless || case != Case::Lower).then_some(after);
        }
        if self.caseless {
            return None;
        }
        // The pronoun "I" is capitalised anywhere, so it shows nothing.
        (case == Case::Upper && !is_pronoun_i(next)).then_some(after)
    }

    /// A single full stop, decided by the word before it and the word after
    /// it.
    #[allow(clippy::too_many_arguments)]
    fn after_full_stop(
        &self,
        sentence_start: usize,
        run: &Run,
        next: &str,
        case: Case,
        after: usize,
        end: usize,
        quoted: bool,
    ) -> Option<usize> {
        let Some(word) = word_before(self.text, sentence_start, run.start) else {
            // A token too long to be an abbreviation.
            return (self.caseless || case != Case::Lower).then_some(after);
        };
        if word.is_empty() {
            return self.after_detached_full_stop(sentence_start, run, next, after);
        }
        let bare = word.trim_start_matches(is_opener);
        if !self.caseless && case == Case::Lower {
            // A lower-case word follows: the stop ends an abbreviation,
            // unless it follows a long lower-case word, which abbreviations
            // rarely are ("... ended. the next day": a sentence whose
            // writer did not capitalise, or whose first letter was lost).
            let long_word = after == run.end
                && bare.chars().count() >= MIN_UNABBREVIATED
                && bare.chars().all(char::is_lowercase)
                && self.word_kind(bare) == WordKind::Plain;
            // Informal writing starts sentences in lower case after any
            // plain word: "that's fine. we can go".
            let informal_start = self.informal
                && !quoted
                && bare.chars().nth(1).is_some()
                && self.word_kind(bare) == WordKind::Plain;
            return (long_word || informal_start).then_some(after);
        }
        let first_word = self.text[sentence_start..run.start - word.len()].trim().is_empty();
        let starts_digit = next.starts_with(|c: char| c.is_ascii_digit());
        let kind = match self.word_kind(bare) {
            WordKind::Abbreviation(abbreviation) => {
                if abbreviation.role == Role::Number && starts_digit {
                    return None;
                }
                // An abbreviation that is also a word ("no", "ill") is the word
                // when written in lower case, or capitalised only because a
                // sentence starts, unless a number follows ("Jan. 5"). An
                // English title in another language is capitalised at the
                // start of a sentence too ("Gen. Müller kam").
                let written_as_word = !starts_digit
                    && (self.caseless
                        || (first_word && !abbreviation.title)
                        || !bare.starts_with(|c: char| c.is_uppercase()));
                if abbreviation.also_word && written_as_word {
                    WordKind::Plain
                } else {
                    WordKind::Abbreviation(abbreviation)
                }
            }
            kind => kind,
        };
        if self.caseless {
            return match kind {
                WordKind::Plain => {
                    let reported = quoted && self.reporting_clause_follows(next, case, after, end);
                    (!reported).then_some(after)
                }
                _ => None,
            };
        }
        let starter = case == Case::Upper && self.is_starter(next);
        match kind {
            WordKind::Abbreviation(Abbreviation { role: Role::Prepositive, .. }) => None,
            WordKind::Abbreviation(_) | WordKind::Dotted | WordKind::Consonants => {
                (starter && !self.is_intro_phrase(sentence_start, run.start)).then_some(after)
            }
            WordKind::Time => {
                // Times are followed by days, months and zones ("5 p.m.
                // Monday", "9 a.m. ET"); any other capital starts a sentence.
                let new_sentence = case == Case::Upper
                    && !self.abbreviations.is_time_word(letters(next))
                    && !self.is_intro_phrase(sentence_start, run.start);
                new_sentence.then_some(after)
            }
            WordKind::Initial => self.after_initial(sentence_start, run, bare, next, case, after),
            WordKind::Plain => {
                if self.is_numbered_label(sentence_start, run.start) {
                    return None;
                }
                let small_number = bare.len() <= 3 && bare.bytes().all(|b| b.is_ascii_digit());
                if small_number && self.abbreviations.is_ordinal_month(letters(next)) {
                    // A day written as an ordinal: "am 12. Juni".
                    return None;
                }
                if small_number && after == run.end && self.abbreviations.writes_ordinals() {
                    // An ordinal ("der 2. Weltkrieg") ends a sentence only
                    // before a word that commonly starts one, or before a
                    // quotation or a bracket, which no ordinal qualifies.
                    let opens = self.text[after..end].trim_start().starts_with(is_opener);
                    return (starter || opens).then_some(after);
                }
                let reported =
                    quoted && !starter && self.reporting_clause_follows(next, case, after, end);
                (!reported).then_some(after)
            }
        }
    }

    /// A full stop after white space ends a sentence, as in tokenised text
    /// ("he said . the"), unless the tokeniser split it from a title ("mrs
    /// . lee") or from an abbreviation with inner stops ("u.s . senator").
    fn after_detached_full_stop(
        &self,
        sentence_start: usize,
        run: &Run,
        next: &str,
        after: usize,
    ) -> Option<usize> {
        let before = self.text[sentence_start..run.start].trim_end();
        let Some(word) = word_before(self.text, sentence_start, sentence_start + before.len())
        else {
            return Some(after);
        };
        const LONGEST_TITLE: usize = 6;
        let word = word.trim_start_matches(is_opener);
        if word.contains('.') {
            return if is_dotted(word) && !self.is_starter(next) { None } else { Some(after) };
        }
        if word.len() > LONGEST_TITLE {
            return Some(after);
        }
        match self.abbreviations.get(word) {
            Some(Abbreviation { role: Role::Prepositive, also_word: false, .. }) => None,
            _ => Some(after),
        }
    }

    /// Whether `sentence_start..stop` is a label and a number, as in
    /// "Step 1. Open the box": a capitalised word, then a number of at most
    /// three digits.
    fn is_numbered_label(&self, sentence_start: usize, stop: usize) -> bool {
        const MAX_LABEL_BYTES: usize = 24;
        let Some(phrase) = self.text.get(sentence_start..stop) else { return false };
        if phrase.len() > MAX_LABEL_BYTES {
            return false;
        }
        let mut words = phrase.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some(label), Some(number), None) => {
                Case::of(label) == Case::Upper
                    && label.chars().all(char::is_alphabetic)
                    && number.len() <= 3
                    && number.bytes().all(|b| b.is_ascii_digit())
            }
            _ => false,
        }
    }

    /// A single letter and a full stop: an initial ("Anna K. Berg") or a
    /// word ("her and I.", "Plan B.").
    fn after_initial(
        &self,
        sentence_start: usize,
        run: &Run,
        bare: &str,
        next: &str,
        case: Case,
        after: usize,
    ) -> Option<usize> {
        if bare == "I" {
            let before = self.text[sentence_start..run.start - bare.len()].trim_end();
            let previous = before.rsplit(char::is_whitespace).next().unwrap_or("");
            if previous.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase) {
                // The pronoun after a lower-case word: "her and I."
                return Some(after);
            }
        }
        if looks_like_initial(next) {
            // "J. R. Hall".
            return None;
        }
        if next.starts_with(|c: char| c.is_ascii_digit()) {
            // A one-letter abbreviation before a number: "p. 55", "č. 5".
            return None;
        }
        match case {
            Case::Upper => self.is_starter(next).then_some(after),
            _ => Some(after),
        }
    }

    fn word_kind(&self, bare: &str) -> WordKind {
        if is_time(bare) {
            return WordKind::Time;
        }
        if let Some(abbreviation) = self.abbreviations.get(bare) {
            return WordKind::Abbreviation(abbreviation);
        }
        // "then-Sen.", "R-Calif.", and after an elided article: "l'Avv.".
        if let Some((_, last)) = bare.rsplit_once(['-', '\'', '’'])
            && let Some(abbreviation) = self.abbreviations.get(last)
        {
            return WordKind::Abbreviation(abbreviation);
        }
        let mut chars = bare.chars();
        if let (Some(first), None) = (chars.next(), chars.next()) {
            return if first.is_alphabetic() { WordKind::Initial } else { WordKind::Plain };
        }
        if is_dotted(bare) {
            return WordKind::Dotted;
        }
        if is_consonant_abbreviation(bare) {
            return WordKind::Consonants;
        }
        WordKind::Plain
    }

    fn is_starter(&self, next: &str) -> bool {
        self.abbreviations.is_sentence_starter(letters(next))
    }

    /// Whether `sentence_start..stop` is only an introductory phrase ("At 5
    /// a.m"), which cannot be a sentence on its own.
    fn is_intro_phrase(&self, sentence_start: usize, stop: usize) -> bool {
        const MAX_INTRO_BYTES: usize = 40;
        const MAX_INTRO_WORDS: usize = 4;
        let Some(phrase) = self.text.get(sentence_start..stop) else { return false };
        if phrase.len() > MAX_INTRO_BYTES {
            return false;
        }
        let mut words = phrase.split_whitespace();
        let first = words.next().map(|word| word.trim_start_matches(is_opener)).unwrap_or("");
        Case::of(first) == Case::Upper
            && self.abbreviations.is_intro_word(first)
            && words.count() < MAX_INTRO_WORDS
    }

    /// Whether the words after a quotation, `next` first, form a reporting
    /// clause ("he asked", "John said", "said the mayor").
    fn reporting_clause_follows(&self, next: &str, case: Case, after: usize, end: usize) -> bool {
        const CLAUSE_WORDS: usize = 5;
        let window_end = floor_char_boundary(self.text, (after + WORD_WINDOW).min(end));
        let window = &self.text[after..window_end];
        if !self.caseless && case == Case::Upper && self.is_starter(next) {
            // A capitalised pronoun or article starts a new sentence, but
            // "I", capitalised anywhere, may report one when the clause
            // ends at its verb: `"Why?" I asked.` (not `'Why?' I said no.`).
            let reported_by_i = is_pronoun_i(next)
                && window.split_whitespace().nth(1).is_some_and(|verb| {
                    verb.ends_with(['.', ',', ';', '!', '?'])
                        && self.abbreviations.is_reporting_verb(letters(verb))
                });
            return reported_by_i;
        }
        for word in window.split_whitespace().take(CLAUSE_WORDS) {
            if self.abbreviations.is_reporting_verb(letters(word)) {
                return true;
            }
            if word.ends_with(is_terminator) {
                break;
            }
        }
        false
    }
}

/// Whether an open parenthesis closes soon after `after`, before another
/// one opens: a terminator inside it then ends nothing, as in a citation
/// ("(Daily News, 7 May 2012. No. 590); The mayor said.") or an aside
/// ("(See the map. It helps.)").
fn closes_parenthesis(text: &str, after: usize, end: usize) -> bool {
    const WINDOW: usize = 256;
    let ahead = &text.as_bytes()[after..(after + WINDOW).min(end)];
    // The bracket of an emoticon (":)", ";-)") closes nothing.
    let emoticon = |index: usize| {
        index
            .checked_sub(1)
            .and_then(|i| ahead.get(i))
            .is_some_and(|&b| matches!(b, b':' | b';' | b'-'))
    };
    ahead
        .iter()
        .enumerate()
        .find(|&(index, &byte)| byte == b'(' || (byte == b')' && !emoticon(index)))
        .is_some_and(|(_, &byte)| byte == b')')
}

/// Whether a Chinese title mark (`》` or `〉`) closes soon after `from`,
/// before any terminator.
fn closes_title(text: &str, from: usize, end: usize) -> bool {
    const WINDOW: usize = 120;
    let window_end = floor_char_boundary(text, (from + WINDOW).min(end));
    text[from..window_end]
        .chars()
        .find(|&c| matches!(c, '》' | '〉') || is_terminator(c))
        .is_some_and(|c| matches!(c, '》' | '〉'))
}

/// How far back (in bytes) a detached straight quote looks for the quote
/// it closes.
const QUOTE_WINDOW: usize = 1024;

/// Skips closing quotes and brackets after the terminators of `run`,
/// including a detached closing quote of tokenised text (`. ''`). After a
/// terminator that needs no space (`。`), a straight quote (`"` or `'`)
/// closes only if white space or punctuation follows it, or if it balances
/// an opening one in the sentence: in `第一句话。"第二句话。"` the first `"`
/// opens the next sentence and the second closes it. Returns the end and
/// whether a quote was closed.
fn skip_closers(text: &str, sentence_start: usize, run: &Run, end: usize) -> (usize, bool) {
    let position = run.end;
    let mut cursor = position;
    let mut quoted = false;
    for character in text[position..end].chars() {
        // Right after a terminator, “ and ‘ close a quotation too (German
        // „…“ and ‚…‘), and so do « and ‹ (Danish and German »…«).
        if !is_closer(character) && !matches!(character, '“' | '‘' | '«' | '‹') {
            break;
        }
        if run.unspaced
            && matches!(character, '"' | '\'')
            && !closes_attached_quote(text, sentence_start, cursor, end, character)
        {
            break;
        }
        quoted |= is_quote(character);
        cursor += character.len_utf8();
    }
    cursor = skip_citation_marks(text, cursor, end);
    let rest = &text[cursor..end];
    let trimmed = rest.trim_start_matches(' ');
    let gap = rest.len() - trimmed.len();
    if gap == 0 || !trimmed.starts_with(['\'', '"', '”', '’', '»']) {
        return (cursor, quoted);
    }
    for quote in ["''", "”", "’", "»", "\"", "'"] {
        let detached = trimmed
            .strip_prefix(quote)
            .is_some_and(|after| after.is_empty() || after.starts_with(char::is_whitespace));
        if !detached {
            continue;
        }
        let ambiguous = quote == "\"" || quote == "'";
        // Look back a bounded stretch, so long sentences stay linear.
        let look_back =
            ceil_char_boundary(text, position.saturating_sub(QUOTE_WINDOW).max(sentence_start));
        let sentence = &text[look_back..position];
        let quote_byte = quote.as_bytes()[0];
        // A detached quote closes one opened in the sentence, detached
        // (tokenised text) or attached (`"Back to your seat! "`).
        if !ambiguous || closes_open_quote(sentence, quote_byte) || odd_quotes(sentence, quote_byte)
        {
            return (cursor + gap + quote.len(), true);
        }
        break;
    }
    (cursor, quoted)
}

/// Skips the citation marks after a terminator: `end.[12] Next`, `end.[4][5]
/// Next`, `end. [4] Next` and `end. [4] [5] Next`. A mark of one to three
/// digits in square brackets, attached or after spaces, cites the sentence
/// before it.
fn skip_citation_marks(text: &str, mut cursor: usize, end: usize) -> usize {
    loop {
        let rest = &text[cursor..end];
        let trimmed = rest.trim_start_matches(' ');
        let Some(inner) = trimmed.strip_prefix('[') else { return cursor };
        let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=3).contains(&digits) || !inner[digits..].starts_with(']') {
            return cursor;
        }
        cursor += rest.len() - trimmed.len() + digits + 2;
    }
}

/// Whether the straight `quote` at `at`, right after a terminator, closes a
/// quotation: white space, punctuation or the end follows it, or the
/// sentence before it holds an odd number of such quotes (not counting
/// apostrophes inside words).
fn closes_attached_quote(
    text: &str,
    sentence_start: usize,
    at: usize,
    end: usize,
    quote: char,
) -> bool {
    let following = text[at + 1..end].chars().next();
    if following.is_none_or(|c| {
        c.is_whitespace() || is_closer(c) || is_terminator(c) || c.is_ascii_punctuation()
    }) {
        return true;
    }
    let look_back = ceil_char_boundary(text, at.saturating_sub(QUOTE_WINDOW).max(sentence_start));
    odd_quotes(&text[look_back..at], quote as u8)
}

/// Whether `sentence` holds an odd number of the straight `quote` (`"` or
/// `'`), not counting apostrophes inside words ("don't").
fn odd_quotes(sentence: &str, quote: u8) -> bool {
    let bytes = sentence.as_bytes();
    let is_word_byte = |index: Option<usize>| {
        index.and_then(|i| bytes.get(i)).is_some_and(|&b| b.is_ascii_alphanumeric() || b >= 0x80)
    };
    let n_quotes = bytes
        .iter()
        .enumerate()
        .filter(|&(index, &byte)| {
            let apostrophe = quote == b'\''
                && is_word_byte(index.checked_sub(1))
                && is_word_byte(Some(index + 1));
            byte == quote && !apostrophe
        })
        .count();
    n_quotes % 2 == 1
}

/// Whether `sentence` holds an odd number of detached `quote` tokens (an
/// ASCII quote with white space or an end on both sides), so a detached one
/// after it closes a quotation.
fn closes_open_quote(sentence: &str, quote: u8) -> bool {
    let bytes = sentence.as_bytes();
    let is_gap =
        |index: Option<usize>| index.and_then(|i| bytes.get(i)).is_none_or(u8::is_ascii_whitespace);
    let n_detached = bytes
        .iter()
        .enumerate()
        .filter(|&(index, &byte)| {
            byte == quote && is_gap(index.checked_sub(1)) && is_gap(Some(index + 1))
        })
        .count();
    n_detached % 2 == 1
}

/// The first word of `text[after..end]`, after white space and opening
/// punctuation; `None` if nothing follows.
fn next_word(text: &str, after: usize, end: usize) -> Option<&str> {
    let rest = text[after..end].trim_start_matches(|c: char| c.is_whitespace() || is_opener(c));
    let window = &rest[..floor_char_boundary(rest, rest.len().min(WORD_WINDOW))];
    let word = window.split(char::is_whitespace).next()?;
    (!word.is_empty()).then_some(word)
}

/// The white-space separated word that ends at `stop`: empty if white
/// space (or the sentence start) comes right before `stop`, `None` if it is
/// longer than [`WORD_WINDOW`].
fn word_before(text: &str, sentence_start: usize, stop: usize) -> Option<&str> {
    let lower = ceil_char_boundary(text, stop.saturating_sub(WORD_WINDOW).max(sentence_start));
    let window = text.get(lower..stop)?;
    // Fast path for ASCII: the last ASCII white space, if no other byte
    // outside ASCII (which might be white space) comes after it.
    let tail = window.bytes().rev().position(|byte| byte.is_ascii_whitespace() || !byte.is_ascii());
    if let Some(from_end) = tail {
        let index = window.len() - 1 - from_end;
        if window.as_bytes()[index].is_ascii_whitespace() {
            return Some(&window[index + 1..]);
        }
    }
    match window.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        Some((index, space)) => Some(&window[index + space.len_utf8()..]),
        None if lower == sentence_start => Some(window),
        None => None,
    }
}

pub(crate) fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// The word without punctuation around it, and without an apostrophe and
/// what follows ("It's" gives "It").
fn letters(word: &str) -> &str {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    match word.find(['\'', '’']) {
        Some(index) => &word[..index],
        None => word,
    }
}

/// A dash standing as a word: "--", "–", "—".
fn is_dash(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, '-' | '–' | '—'))
}

fn is_pronoun_i(word: &str) -> bool {
    letters(word) == "I"
}

/// A single letter and a full stop, as in "R." of "J. R. Hall".
fn looks_like_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(letter), Some('.')) if letter.is_alphabetic())
}

/// "a.m" or "p.m", alone or after digits ("9:30p.m").
fn is_time(word: &str) -> bool {
    match word.len().checked_sub(3) {
        Some(split) if word.is_char_boundary(split) => {
            let (head, tail) = word.split_at(split);
            (tail.eq_ignore_ascii_case("a.m") || tail.eq_ignore_ascii_case("p.m"))
                && (head.is_empty() || head.ends_with(|c: char| c.is_ascii_digit()))
        }
        _ => false,
    }
}

/// Abbreviations written with inner full stops: "U.S", "a.m", "e.g",
/// "Ph.D": two or more parts of one or two letters.
fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let count = part.chars().count();
            (1..=2).contains(&count) && part.chars().all(char::is_alphabetic)
        })
}

/// A capitalised word of two to four letters with no vowel: "Blvd", "Mr",
/// "St", Bulgarian "Пл". Words in capitals ("TV", "BBC") are not counted.
fn is_consonant_abbreviation(word: &str) -> bool {
    let bytes = word.as_bytes();
    if word.is_ascii() {
        return (2..=4).contains(&bytes.len())
            && bytes[0].is_ascii_uppercase()
            && bytes[1..].iter().all(u8::is_ascii_lowercase)
            && !bytes.iter().any(|b| b"aeiouyAEIOUY".contains(b));
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let rest = chars.as_str();
    (1..=3).contains(&rest.chars().count())
        && first.is_uppercase()
        && rest.chars().all(char::is_lowercase)
        && !word.chars().any(is_vowel)
}

/// Vowels of the Latin, Cyrillic and Greek alphabets, with their accented
/// forms.
fn is_vowel(character: char) -> bool {
    let lower = character.to_lowercase().next().unwrap_or(character);
    "aeiouyàáâãäåæèéêëěìíîïòóôõöøœùúûüůűýÿāăąēĕėęīįıōőūųаеёиоуыэюяіїєўәөұүαεηιουωάέήίόύώϊϋΐΰ"
        .contains(lower)
}

#[cfg(test)]
mod tests {
    //! Cases we wrote ourselves, one table per rule. The Golden Rules of
    //! other projects are run by `cargo xtask sbd`, never copied here.

    use super::*;

    fn split_in(language: Language, text: &str) -> Vec<&str> {
        RuleSegmenter::new(language)
            .segment(text)
            .iter()
            .map(|segment| segment.span.slice(text))
            .collect()
    }

    /// Checks every case of a table (English): the text, then the units it
    /// must give. Prints every failing case, not only the first.
    fn check(cases: &[(&str, &[&str])]) {
        check_in(Language::English, cases);
    }

    fn check_in(language: Language, cases: &[(&str, &[&str])]) {
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|(text, expected)| {
                let got = split_in(language, text);
                (got != *expected)
                    .then(|| format!("{text:?}\n  expected {expected:?}\n  got      {got:?}"))
            })
            .collect();
        assert!(
            failures.is_empty(),
            "{} of {} cases failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn terminators() {
        check(&[
            ("The bus left. Nobody was on it.", &["The bus left.", "Nobody was on it."]),
            ("What is it? It is mine! Really.", &["What is it?", "It is mine!", "Really."]),
            ("Is it true?! No way.", &["Is it true?!", "No way."]),
            ("This is it!!! Let's go.", &["This is it!!!", "Let's go."]),
            ("Our shop sells Wham! bars and more.", &["Our shop sells Wham! bars and more."]),
            ("Mix it and -- voila! -- you have cake.", &["Mix it and -- voila! -- you have cake."]),
            ("It was in 1990. 150 people died.", &["It was in 1990.", "150 people died."]),
            ("World War II. The war ended.", &["World War II.", "The war ended."]),
            ("He works in Eng. & Mktg. at the plant.", &["He works in Eng. & Mktg. at the plant."]),
            // No sentence starts with "&", even after a word that is no
            // known abbreviation.
            ("She studied Econ. & Stats. at night.", &["She studied Econ. & Stats. at night."]),
            ("See the note.[12] It explains why.", &["See the note.[12]", "It explains why."]),
            (
                "We left at noon.It rained.Then we sat down and paid 2,500.I was glad.",
                &[
                    "We left at noon.",
                    "It rained.",
                    "Then we sat down and paid 2,500.",
                    "I was glad.",
                ],
            ),
            (
                "Mail ann.Lee@example.org or see www.example.Com.au, St.Louis and e.g.The list.",
                &["Mail ann.Lee@example.org or see www.example.Com.au, St.Louis and e.g.The list."],
            ),
        ]);
    }

    #[test]
    fn prepositive_and_number_abbreviations() {
        check(&[
            (
                "Dr. Watson lives at 221B Baker St. on weekdays.",
                &["Dr. Watson lives at 221B Baker St. on weekdays."],
            ),
            (
                "Gov. Brown signed it. Sen. Smith objected.",
                &["Gov. Brown signed it.", "Sen. Smith objected."],
            ),
            ("Mr. and Mrs. Smith arrived.", &["Mr. and Mrs. Smith arrived."]),
            ("He scored twice vs. Arsenal.", &["He scored twice vs. Arsenal."]),
            ("I like apples, e.g. Fuji and Gala.", &["I like apples, e.g. Fuji and Gala."]),
            ("See Fig. 3 for details.", &["See Fig. 3 for details."]),
            ("Read pp. 10-20 tonight.", &["Read pp. 10-20 tonight."]),
            ("Call 555-1234 ext. 5 now.", &["Call 555-1234 ext. 5 now."]),
            (
                "She lives at No. 10 Downing St. in London.",
                &["She lives at No. 10 Downing St. in London."],
            ),
            ("Yes. No. Maybe.", &["Yes.", "No.", "Maybe."]),
            ("He said no. The talks ended.", &["He said no.", "The talks ended."]),
        ]);
    }

    #[test]
    fn ordinary_abbreviations() {
        check(&[
            (
                "She works for Acme Inc. She started last year.",
                &["She works for Acme Inc.", "She started last year."],
            ),
            (
                "Acme Inc. Chief Executive Ann Lee spoke.",
                &["Acme Inc. Chief Executive Ann Lee spoke."],
            ),
            (
                "The company, XYZ Corp., reported profits.",
                &["The company, XYZ Corp., reported profits."],
            ),
            ("Mt. Everest is tall. K2 is second.", &["Mt. Everest is tall.", "K2 is second."]),
            ("The St. Louis team won.", &["The St. Louis team won."]),
            (
                "They left on Jan. 5 and came back on Feb. 10.",
                &["They left on Jan. 5 and came back on Feb. 10."],
            ),
            ("Sept. 11 changed everything.", &["Sept. 11 changed everything."]),
            ("Approx. 50 people came.", &["Approx. 50 people came."]),
            ("He's 6 ft. 2 in. tall.", &["He's 6 ft. 2 in. tall."]),
            (
                "The baby weighed 7 lbs. 8 oz. at birth.",
                &["The baby weighed 7 lbs. 8 oz. at birth."],
            ),
            ("His name is John Doe Sr. He is 80.", &["His name is John Doe Sr.", "He is 80."]),
            ("He moved to Tampa, Fla. He loved it.", &["He moved to Tampa, Fla.", "He loved it."]),
            ("He fell ill. Doctors came.", &["He fell ill.", "Doctors came."]),
            (
                "Turn left on Elm Blvd. The shop is there.",
                &["Turn left on Elm Blvd.", "The shop is there."],
            ),
            ("Hmm. That is odd.", &["Hmm.", "That is odd."]),
        ]);
    }

    #[test]
    fn dotted_abbreviations_and_times() {
        check(&[
            (
                "He was born in the U.K. and moved to the U.S. in 1990.",
                &["He was born in the U.K. and moved to the U.S. in 1990."],
            ),
            ("The U.S. Army is large.", &["The U.S. Army is large."]),
            (
                "The U.N. Security Council met. It voted.",
                &["The U.N. Security Council met.", "It voted."],
            ),
            ("He holds a Ph.D. He teaches.", &["He holds a Ph.D.", "He teaches."]),
            (
                "Ph.D. students must apply. Deadlines vary.",
                &["Ph.D. students must apply.", "Deadlines vary."],
            ),
            (
                "The term e.g. is Latin. So is i.e. for that matter.",
                &["The term e.g. is Latin.", "So is i.e. for that matter."],
            ),
            ("She gave him the i.v. It was night.", &["She gave him the i.v.", "It was night."]),
            ("He is the C.E.O. of the firm.", &["He is the C.E.O. of the firm."]),
            ("The meeting is at 10 a.m. tomorrow.", &["The meeting is at 10 a.m. tomorrow."]),
            (
                "The meeting ended at 10 a.m. Everyone went home.",
                &["The meeting ended at 10 a.m.", "Everyone went home."],
            ),
            ("It was 5 p.m. The sun was setting.", &["It was 5 p.m.", "The sun was setting."]),
            (
                "The plane landed at 10:30 a.m. Passengers cheered.",
                &["The plane landed at 10:30 a.m.", "Passengers cheered."],
            ),
            ("They met at 3 P.M. on Friday.", &["They met at 3 P.M. on Friday."]),
            ("He left at 4 a.m. Sunday.", &["He left at 4 a.m. Sunday."]),
            (
                "The polls close at 8 p.m. ET in most states.",
                &["The polls close at 8 p.m. ET in most states."],
            ),
            (
                "By 7 a.m. Dr. Lee was at work. She left at 9 p.m. Dr. Lee then slept.",
                &["By 7 a.m. Dr. Lee was at work.", "She left at 9 p.m.", "Dr. Lee then slept."],
            ),
            (
                "Call me at 9 a.m. or 5 p.m. Tell me which.",
                &["Call me at 9 a.m. or 5 p.m.", "Tell me which."],
            ),
        ]);
    }

    #[test]
    fn initials_numbers_and_addresses() {
        check(&[
            ("Prof. J. R. R. Tolkien wrote it.", &["Prof. J. R. R. Tolkien wrote it."]),
            ("J.K. Rowling wrote it.", &["J.K. Rowling wrote it."]),
            ("A. B. Hall & Co. was founded in 1900.", &["A. B. Hall & Co. was founded in 1900."]),
            (
                "She lives at 12 Elm St. Apt. 4 is hers.",
                &["She lives at 12 Elm St. Apt. 4 is hers."],
            ),
            (
                "I met John F. Kennedy Jr. at the party.",
                &["I met John F. Kennedy Jr. at the party."],
            ),
            (
                "It was just her and I. Then Mary B. Lane came.",
                &["It was just her and I.", "Then Mary B. Lane came."],
            ),
            ("The letter A. Then came B.", &["The letter A.", "Then came B."]),
            ("The price is $3.50. That is cheap.", &["The price is $3.50.", "That is cheap."]),
            (
                "The Dow fell 2.5%. Investors worried.",
                &["The Dow fell 2.5%.", "Investors worried."],
            ),
            ("Version 2.0. The next one.", &["Version 2.0.", "The next one."]),
            ("Visit www.example.org. It has more.", &["Visit www.example.org.", "It has more."]),
            (
                "Write to ann.lee@mail.example.uk for help. She replies fast.",
                &["Write to ann.lee@mail.example.uk for help.", "She replies fast."],
            ),
            ("See http://example.com/a?b=c. Done.", &["See http://example.com/a?b=c.", "Done."]),
            (
                "Step 1. Open the box. Step 2. Take it out.",
                &["Step 1. Open the box.", "Step 2. Take it out."],
            ),
        ]);
    }

    #[test]
    fn quotes_and_brackets() {
        check(&[
            (
                "He said \"Stop.\" Then he left. 'Why?' she asked.",
                &["He said \"Stop.\"", "Then he left.", "'Why?' she asked."],
            ),
            (
                "He asked, 'Are you coming?' I said no.",
                &["He asked, 'Are you coming?'", "I said no."],
            ),
            ("\"Stop!\" he shouted. She stopped.", &["\"Stop!\" he shouted.", "She stopped."]),
            (
                "\"Why not?\" Anna asked. Nobody knew.",
                &["\"Why not?\" Anna asked.", "Nobody knew."],
            ),
            (
                "She asked: \"Where?\" Nobody answered.",
                &["She asked: \"Where?\"", "Nobody answered."],
            ),
            (
                "She said, \"I'm tired.\" Then she left.",
                &["She said, \"I'm tired.\"", "Then she left."],
            ),
            ("\"I know.\" \"Really?\" \"Yes.\"", &["\"I know.\"", "\"Really?\"", "\"Yes.\""]),
            ("He wrote “We won.” The team cheered.", &["He wrote “We won.”", "The team cheered."]),
            ("(This is an aside.) This is not.", &["(This is an aside.)", "This is not."]),
            // A closing quote detached by a space closes the quotation
            // opened in the sentence.
            (
                "She yelled, \"Get out of my garden! \" The boys ran. He said 'no more. ' Fine.",
                &[
                    "She yelled, \"Get out of my garden! \"",
                    "The boys ran.",
                    "He said 'no more. '",
                    "Fine.",
                ],
            ),
            // "I" and a reporting verb after a quotation report it.
            (
                "\"Are you hungry?\" I asked. \"Yes!\" I think so. She nodded.",
                &["\"Are you hungry?\" I asked.", "\"Yes!\"", "I think so.", "She nodded."],
            ),
            // A bracket closed after "!" is closed: a later emoticon's
            // bracket does not hold the sentences between open.
            (
                "We went (great fun!) and ate. Then we slept. See you :)",
                &["We went (great fun!) and ate.", "Then we slept.", "See you :)"],
            ),
            // The same with a later bracket that is no emoticon: the one
            // closed after "!" does not wait for it.
            (
                "We had a party (great fun!) and ate. Then we slept. Next time 1) rest 2) eat",
                &[
                    "We had a party (great fun!) and ate.",
                    "Then we slept.",
                    "Next time 1) rest 2) eat",
                ],
            ),
            // A bracket left open, then an emoticon: the emoticon's bracket
            // closes nothing, so the sentences between are not held in.
            (
                "Great day (really. We ate cake. See you :)",
                &["Great day (really.", "We ate cake.", "See you :)"],
            ),
            (
                "ok i asked (politely?) about it. (we will see.) maybe not. (so it goes!) right",
                &[
                    "ok i asked (politely?) about it.",
                    "(we will see.)",
                    "maybe not.",
                    "(so it goes!)",
                    "right",
                ],
            ),
        ]);
    }

    #[test]
    fn dialogue_without_quotation_marks() {
        check(&[
            // A speech tag of "I" or a name and a reporting verb ending at a
            // comma or full stop belongs to the question before it.
            (
                "Are you coming? Ann asked. The bus was late.",
                &["Are you coming? Ann asked.", "The bus was late."],
            ),
            ("Where now? I asked. Nobody knew.", &["Where now? I asked.", "Nobody knew."]),
            (
                "Stop! Tom shouted, waving. We stopped.",
                &["Stop! Tom shouted, waving.", "We stopped."],
            ),
            // The clause goes on past its verb, or the next word starts
            // sentences: a sentence of its own.
            ("Why? Ann said nothing.", &["Why?", "Ann said nothing."]),
            ("Is it late? He said so.", &["Is it late?", "He said so."]),
            ("Really? They asked.", &["Really?", "They asked."]),
        ]);
    }

    #[test]
    fn run_in_headings_of_manuals() {
        check(&[
            (
                "Sorting rows is quick. Sorting by two columns You can sort by a second column. \
                 Removing a sort However, the order stays until you close the table.",
                &[
                    "Sorting rows is quick.",
                    "Sorting by two columns",
                    "You can sort by a second column.",
                    "Removing a sort",
                    "However, the order stays until you close the table.",
                ],
            ),
            // Titles and names keep their capitals inside a sentence.
            (
                "We saw Gone With The Wind. Use the Save As command now.",
                &["We saw Gone With The Wind.", "Use the Save As command now."],
            ),
        ]);
        // Only English has the word lists.
        check_in(
            Language::German,
            &[(
                "Zeilen sortieren The table stays open.",
                &["Zeilen sortieren The table stays open."],
            )],
        );
    }

    #[test]
    fn informal_text_starts_sentences_in_lower_case() {
        // Informal: the pronoun "i" and a line in lower case.
        check(&[
            (
                "i got the tickets. we leave at noon? bring snacks! see you.",
                &["i got the tickets.", "we leave at noon?", "bring snacks!", "see you."],
            ),
            (
                "ok so i tried it. it worked.\nthanks for the tip, e.g. the one about the cable.",
                &[
                    "ok so i tried it.",
                    "it worked.",
                    "thanks for the tip, e.g. the one about the cable.",
                ],
            ),
            ("i asked \"why?\" she laughed.", &["i asked \"why?\" she laughed."]),
        ]);
        // Edited text: a lower-case word after "?" or a short word and a
        // full stop goes on the sentence.
        check(&[
            (
                "Is it \"Who?\" or what? the panel asked.",
                &["Is it \"Who?\" or what? the panel asked."],
            ),
            ("He met Prof. Ng at the lab. and left.", &["He met Prof. Ng at the lab. and left."]),
        ]);
        assert!(is_informal("so i said no\nthen we left"));
        assert!(!is_informal("The index i runs from 1 to n.\nIt ends there."));
    }

    #[test]
    fn citation_marks_belong_to_the_sentence_before() {
        check(&[
            (
                "The bridge opened in 1932.[3] It still stands.",
                &["The bridge opened in 1932.[3]", "It still stands."],
            ),
            (
                "The bridge opened in 1932. [3] It still stands.",
                &["The bridge opened in 1932. [3]", "It still stands."],
            ),
            (
                "Rain fell all week.[4][12] Crops failed.",
                &["Rain fell all week.[4][12]", "Crops failed."],
            ),
            (
                "Rain fell all week. [4] [12] Crops failed.",
                &["Rain fell all week. [4] [12]", "Crops failed."],
            ),
            (
                "She left Oslo in May.\" [7] Nobody followed.",
                &["She left Oslo in May.\" [7]", "Nobody followed."],
            ),
            ("The tower fell. [2]\n\nIt was rebuilt.", &["The tower fell. [2]", "It was rebuilt."]),
            (
                "She sings (she took lessons for years.) in the choir.",
                &["She sings (she took lessons for years.) in the choir."],
            ),
        ]);
    }

    #[test]
    fn ellipses() {
        check(&[
            ("Wait... What did you say?", &["Wait...", "What did you say?"]),
            ("He paused... and then continued.", &["He paused... and then continued."]),
            ("And then… The end.", &["And then…", "The end."]),
            ("I see.... Well, fine.", &["I see....", "Well, fine."]),
            ("It was late . . . I went home.", &["It was late . . . I went home."]),
            ("It was late . . . . We went home.", &["It was late . . . .", "We went home."]),
            ("They ran. . . . Nobody saw them.", &["They ran.", ". . . Nobody saw them."]),
            ("He stopped… . . . Then he left.", &["He stopped… . . .", "Then he left."]),
            (
                "The report said \"costs [...] rose\" last year.",
                &["The report said \"costs [...] rose\" last year."],
            ),
        ]);
    }

    #[test]
    fn lists() {
        check(&[
            ("1) Eggs 2) Milk 3) Bread", &["1) Eggs", "2) Milk", "3) Bread"]),
            (
                "1.) Eggs are fresh. 2.) Milk is cold.",
                &["1.) Eggs are fresh.", "2.) Milk is cold."],
            ),
            ("a) First option b) Second option", &["a) First option", "b) Second option"]),
            (
                "i. Introduction ii. Methods iii. Results",
                &["i. Introduction", "ii. Methods", "iii. Results"],
            ),
            ("(1) Apples (2) Pears", &["(1) Apples", "(2) Pears"]),
            ("• 3. Wash the bowl • 4. Dry it", &["• 3. Wash the bowl", "• 4. Dry it"]),
            ("▪Wash ▪Dry", &["▪Wash", "▪Dry"]),
            ("1) Eggs, 3) Milk", &["1) Eggs, 3) Milk"]),
            (
                "Shopping:\n- eggs\n- milk and bread\n1. first thing\n2. second thing",
                &["Shopping:", "- eggs", "- milk and bread", "1. first thing", "2. second thing"],
            ),
        ]);
    }

    #[test]
    fn e_mail_headers_and_separators() {
        check(&[
            (
                "Anna Berg 03/14/2021 09:30 AM Please see the note below. It is short.",
                &["Anna Berg", "03/14/2021 09:30 AM", "Please see the note below.", "It is short."],
            ),
            (
                "See you at six. Regards, Lee Kim The new schedule is attached.",
                &["See you at six.", "Regards,", "Lee Kim The new schedule is attached."],
            ),
            (
                "Thanks for the tea. ______________ Get the new mail app now",
                &["Thanks for the tea.", "______________", "Get the new mail app now"],
            ),
            (
                "We met on 03/14/2021 at 9:30 and talked.",
                &["We met on 03/14/2021 at 9:30 and talked."],
            ),
            (
                "It was a well-known -- and loved -- tune.",
                &["It was a well-known -- and loved -- tune."],
            ),
        ]);
    }

    #[test]
    fn lines_and_paragraphs() {
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
        check(&[
            (
                "This is a long sentence that was wrapped by a\nterminal at a fixed width and it goes on\nuntil here. Next one.",
                &[
                    "This is a long sentence that was wrapped by a\nterminal at a fixed width and it goes on\nuntil here.",
                    "Next one.",
                ],
            ),
            ("A sentence cut\nin two by a PDF.", &["A sentence cut\nin two by a PDF."]),
            (
                "The wind was cold \nthat night in town.",
                &["The wind was cold \nthat night in town."],
            ),
            ("groceries\nfresh bread\neggs, milk\n", &["groceries", "fresh bread", "eggs, milk"]),
            ("We met Dr.\nLee at noon.", &["We met Dr.\nLee at noon."]),
            ("Thanks,\nDana", &["Thanks,", "Dana"]),
            ("", &[]),
            (" \n\n\t ", &[]),
            ("   one   ", &["one"]),
        ]);
    }

    #[test]
    fn tokenised_lower_case_text() {
        check(&[
            (
                "he said . `` it is done . '' the man left ! mr. smith came at 5 p.m. yesterday .",
                &[
                    "he said .",
                    "`` it is done . ''",
                    "the man left !",
                    "mr. smith came at 5 p.m. yesterday .",
                ],
            ),
            (
                "`` can you hear me ? '' the officer asked . nobody answered . `` no ! '' ",
                &["`` can you hear me ? '' the officer asked .", "nobody answered .", "`` no ! ''"],
            ),
            (
                "she called it ' a good deal . ' the board agreed with the u.s . senator on it .",
                &[
                    "she called it ' a good deal . '",
                    "the board agreed with the u.s . senator on it .",
                ],
            ),
            (
                "the team lost ... but the fans stayed . the coach said so .... the end .",
                &["the team lost ... but the fans stayed .", "the coach said so ....", "the end ."],
            ),
        ]);
    }

    #[test]
    fn colons_and_semicolons_of_each_language() {
        check_in(
            Language::Spanish,
            &[
                (
                    "Llovió toda la semana; El río creció.",
                    &["Llovió toda la semana;", "El río creció."],
                ),
                (
                    "Llovió toda la semana; el río creció.",
                    &["Llovió toda la semana; el río creció."],
                ),
                ("Dijo: Vamos a casa.", &["Dijo: Vamos a casa."]),
            ],
        );
        check_in(
            Language::Italian,
            &[
                (
                    "Il sindaco ha detto: Domani si vota.",
                    &["Il sindaco ha detto:", "Domani si vota."],
                ),
                ("Servono tre cose: pane, vino e olio.", &["Servono tre cose: pane, vino e olio."]),
                (
                    "Ci sono (vedi sotto: Tabella 2) dati nuovi.",
                    &["Ci sono (vedi sotto: Tabella 2) dati nuovi."],
                ),
            ],
        );
        check_in(
            Language::Portuguese,
            &[
                (
                    "O ministro declarou: «Vamos ganhar.»",
                    &["O ministro declarou:", "«Vamos ganhar.»"],
                ),
                ("Preço: Dez euros.", &["Preço: Dez euros."]),
            ],
        );
        check(&[(
            "We need three things: Bread, wine and oil; Cheese too.",
            &["We need three things: Bread, wine and oil; Cheese too."],
        )]);
    }

    #[test]
    fn other_languages() {
        check_in(
            Language::German,
            &[
                ("Wir sehen uns am 3. Mai wieder.", &["Wir sehen uns am 3. Mai wieder."]),
                (
                    "Er sagte: „Wir kommen.“ Dann ging er.",
                    &["Er sagte: „Wir kommen.“", "Dann ging er."],
                ),
                (
                    "Das kostet z. B. zehn Euro. Das ist viel.",
                    &["Das kostet z. B. zehn Euro.", "Das ist viel."],
                ),
            ],
        );
        check_in(
            Language::Italian,
            &[(
                "Ho visto l'Avv. Rossi ieri. Stava bene.",
                &["Ho visto l'Avv. Rossi ieri.", "Stava bene."],
            )],
        );
        check_in(
            Language::Chinese,
            &[(
                "今天天气很好。我们去公园吧！好的？",
                &["今天天气很好。", "我们去公园吧！", "好的？"],
            )],
        );
    }

    #[test]
    fn terminators_of_other_scripts() {
        // The Greek question mark, as U+037E and as `;` after a Greek word;
        // after Latin letters `;` is a semicolon.
        check_in(
            Language::Greek,
            &[
                ("Τι ώρα είναι; Είναι αργά.", &["Τι ώρα είναι;", "Είναι αργά."]),
                ("Τι ώρα είναι\u{037E} Είναι αργά.", &["Τι ώρα είναι\u{037E}", "Είναι αργά."]),
                ("It rained; Then it stopped.", &["It rained; Then it stopped."]),
            ],
        );
        // Armenian: `։` or `:` ends a sentence, a single `.` does not.
        check_in(
            Language::Armenian,
            &[
                ("Արևը ծագեց: Մենք արթնացանք։", &["Արևը ծագեց:", "Մենք արթնացանք։"]),
                ("Նա ասաց. Երևանը մեծ է: Լավ է:", &["Նա ասաց. Երևանը մեծ է:", "Լավ է:"]),
                ("Time: Noon. Place: Hall.", &["Time: Noon.", "Place: Hall."]),
            ],
        );
        // Full stops that need no space after them.
        check_in(
            Language::Hindi,
            &[("बारिश हुई।हम घर गए। ठीक है॥", &["बारिश हुई।", "हम घर गए।", "ठीक है॥"])],
        );
        check_in(
            Language::Urdu,
            &[("کیا وہ آیا؟ہاں، وہ آیا۔ اچھا۔", &["کیا وہ آیا؟", "ہاں، وہ آیا۔", "اچھا۔"])],
        );
        check(&[
            ("ကျွန်တော် စာဖတ်တယ်။သူ အိပ်တယ်။", &["ကျွန်တော် စာဖတ်တယ်။", "သူ အိပ်တယ်။"]),
            ("ខ្ញុំទៅផ្ទះ។គាត់នៅសាលា។", &["ខ្ញុំទៅផ្ទះ។", "គាត់នៅសាលា។"]),
            ("ዝናብ ዘነበ።ቤት ገባን፧", &["ዝናብ ዘነበ።", "ቤት ገባን፧"]),
        ]);
        // The full-width full stop, but not between full-width digits.
        check_in(
            Language::Japanese,
            &[("気温は２３．５度でした．風は弱い．", &["気温は２３．５度でした．", "風は弱い．"])],
        );
    }

    #[test]
    fn thai_and_lao_end_units_at_spaces() {
        // "The market opens early every day", "many people come to buy
        // things", and a name (title, given name, surname) that stays whole.
        check_in(
            Language::Thai,
            &[
                ("ตลาดเปิดแต่เช้าทุกวัน คนมาซื้อของเยอะมาก", &["ตลาดเปิดแต่เช้าทุกวัน", "คนมาซื้อของเยอะมาก"]),
                ("นายสมชาย ใจดี ไปตลาด", &["นายสมชาย ใจดี ไปตลาด"]),
                ("ผลไม้ต่างๆ มากมายวางขายอยู่", &["ผลไม้ต่างๆ มากมายวางขายอยู่"]),
                // Spaces next to digits end nothing, `?` still does.
                ("ผลไม้วันนี้ราคาถูกมาก 50 บาท", &["ผลไม้วันนี้ราคาถูกมาก 50 บาท"]),
                ("วันนี้ไปไหนมาคะ? ไปตลาดมา", &["วันนี้ไปไหนมาคะ?", "ไปตลาดมา"]),
            ],
        );
        let text = "ตลาดเปิดแต่เช้าทุกวัน คนมาซื้อของเยอะมาก";
        let kinds: Vec<SegmentKind> =
            RuleSegmenter::new(Language::Thai).segment(text).iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SegmentKind::Prose, SegmentKind::Prose]);
    }

    #[test]
    fn quotations_in_chinese_and_japanese() {
        check_in(
            Language::Chinese,
            &[
                // A reporting clause after the quotation stays with it.
                (
                    "“今天的比赛我们一定会赢！”教练对记者说。球员们都笑了。",
                    &["“今天的比赛我们一定会赢！”教练对记者说。", "球员们都笑了。"],
                ),
                ("“你去哪儿？”她问道，“我也想去。”", &["“你去哪儿？”她问道，“我也想去。”"]),
                // A new sentence after the quotation does not.
                ("“明天会下雨。”第二天果然下雨了。", &["“明天会下雨。”", "第二天果然下雨了。"]),
                // Straight quotes open or close by balance.
                ("天黑了。\"快回家。\"妈妈喊。", &["天黑了。", "\"快回家。\"妈妈喊。"]),
                // Titles keep their punctuation.
                ("你读过《活着！》这本书吗？读过。", &["你读过《活着！》这本书吗？", "读过。"]),
            ],
        );
        check_in(
            Language::Japanese,
            &[
                (
                    "先生は「宿題を忘れないで。」と言った。みんな頷いた。",
                    &["先生は「宿題を忘れないで。」と言った。", "みんな頷いた。"],
                ),
                ("「はい。」って答えた。", &["「はい。」って答えた。"]),
                ("「雨だ。」外は暗い。", &["「雨だ。」", "外は暗い。"]),
            ],
        );
    }

    #[test]
    fn lines_of_chinese_and_japanese() {
        check_in(
            Language::Japanese,
            &[
                ("駅の前で友だちを\n待っていました。", &["駅の前で友だちを\n待っていました。"]),
                ("北海道の天気\n今日は雪です。", &["北海道の天気", "今日は雪です。"]),
            ],
        );
        check_in(
            Language::Chinese,
            &[("我们买了苹果、\n香蕉和梨。", &["我们买了苹果、\n香蕉和梨。"])],
        );
    }

    #[test]
    fn parentheses_quotation_marks_and_dashes() {
        check(&[
            // A citation in parentheses keeps its full stops.
            (
                "(City Herald, 4 May 2011. No. 12); The mayor agreed. (Radio News, 2012.)",
                &["(City Herald, 4 May 2011. No. 12); The mayor agreed.", "(Radio News, 2012.)"],
            ),
            ("(See the map. It helps.) We left.", &["(See the map. It helps.)", "We left."]),
            ("A (stray one. Then (a) pair.", &["A (stray one.", "Then (a) pair."]),
        ]);
        check_in(
            Language::Spanish,
            &[(
                "—¿Vienes mañana? —preguntó Lucía. —Sí. Iré temprano.",
                &["—¿Vienes mañana? —preguntó Lucía.", "—Sí.", "Iré temprano."],
            )],
        );
        check_in(
            Language::Danish,
            &[(
                "»Kom ind.« Hun smilede. »Tak!« sagde han.",
                &["»Kom ind.«", "Hun smilede.", "»Tak!« sagde han."],
            )],
        );
    }

    #[test]
    fn ordinal_numbers() {
        check_in(
            Language::German,
            &[
                (
                    "Der 3. Versuch gelang. Wir jubelten.",
                    &["Der 3. Versuch gelang.", "Wir jubelten."],
                ),
                (
                    "Sie wurde 70. Seine Frau gratulierte.",
                    &["Sie wurde 70.", "Seine Frau gratulierte."],
                ),
                (
                    "Er kam als 12. \"Ich bin da\", rief er.",
                    &["Er kam als 12.", "\"Ich bin da\", rief er."],
                ),
                (
                    "Das Tor fiel spät (88.) Danach war Schluss.",
                    &["Das Tor fiel spät (88.)", "Danach war Schluss."],
                ),
            ],
        );
        check_in(
            Language::Danish,
            &[(
                "Vi ses den 14. juni. Den 2. runde starter.",
                &["Vi ses den 14. juni.", "Den 2. runde starter."],
            )],
        );
        check_in(
            Language::Slovak,
            &[("Stretnutie bude 3. Mája v Nitre.", &["Stretnutie bude 3. Mája v Nitre."])],
        );
        // English writes no ordinal with a full stop.
        check(&[("He came 3. Then he left.", &["He came 3.", "Then he left."])]);
    }

    #[test]
    fn lower_case_after_a_long_word() {
        check(&[
            // A sentence that lost its capital.
            (
                "The match finished. the fans went home.",
                &["The match finished.", "the fans went home."],
            ),
            // Short words may be abbreviations.
            ("We met at the univ. library.", &["We met at the univ. library."]),
            ("She said \"It ended.\" she left.", &["She said \"It ended.\" she left."]),
        ]);
    }

    #[test]
    fn abbreviations_of_each_language() {
        let cases: [(Language, &str, &[&str]); 14] = [
            (
                Language::Danish,
                "Han bor i Aarhus m.m. Det ved jeg.",
                &["Han bor i Aarhus m.m.", "Det ved jeg."],
            ),
            (
                Language::Danish,
                "Vi så det. Hr. Holm kom f.eks. senere.",
                &["Vi så det.", "Hr. Holm kom f.eks. senere."],
            ),
            (
                Language::Norwegian,
                "Se s. 4 og kap. 2. Det er alt.",
                &["Se s. 4 og kap. 2.", "Det er alt."],
            ),
            (
                Language::Swedish,
                "Köp t.ex. Mjölk och bröd. Sedan hem.",
                &["Köp t.ex. Mjölk och bröd.", "Sedan hem."],
            ),
            (
                Language::Dutch,
                "Neem bijv. Peer of appel. Dat is gezond.",
                &["Neem bijv. Peer of appel.", "Dat is gezond."],
            ),
            (
                Language::Finnish,
                "Osta esim. Maitoa. Se on halpaa.",
                &["Osta esim. Maitoa.", "Se on halpaa."],
            ),
            (
                Language::Russian,
                "Он живёт на ул. Ленина. Мы там были.",
                &["Он живёт на ул. Ленина.", "Мы там были."],
            ),
            (
                Language::Russian,
                "Дом построен в 1905 г. Он стоит до сих пор.",
                &["Дом построен в 1905 г.", "Он стоит до сих пор."],
            ),
            (Language::Ukrainian, "Див. рис. 3. Це важливо.", &["Див. рис. 3.", "Це важливо."]),
            (
                Language::Bulgarian,
                "Срещата е на бул. Витоша. Ела!",
                &["Срещата е на бул. Витоша.", "Ела!"],
            ),
            (
                Language::Polish,
                "Kupiłem np. Chleb. To wszystko.",
                &["Kupiłem np. Chleb.", "To wszystko."],
            ),
            (
                Language::Czech,
                "Přijel např. Petr. To je dobře.",
                &["Přijel např. Petr.", "To je dobře."],
            ),
            (Language::Greek, "Ήρθε ο κ. Νίκος. Ήταν αργά.", &["Ήρθε ο κ. Νίκος.", "Ήταν αργά."]),
            (
                Language::German,
                "Gen. Weber sprach. Wir hörten zu.",
                &["Gen. Weber sprach.", "Wir hörten zu."],
            ),
        ];
        for (language, text, expected) in cases {
            check_in(language, &[(text, expected)]);
        }
        // A capitalised word of consonants in any alphabet.
        check_in(
            Language::Bulgarian,
            &[("Живея на Пр. \"Свобода\" 5.", &["Живея на Пр. \"Свобода\" 5."])],
        );
        // One letter before a number abbreviates a page or a number.
        check_in(Language::Czech, &[("Viz s. 12 a č. 4.", &["Viz s. 12 a č. 4."])]);
        // English sentences and number signs turn up in every language.
        check_in(
            Language::Danish,
            &[
                (
                    "Han flyttede til U.S. They liked him.",
                    &["Han flyttede til U.S.", "They liked him."],
                ),
                ("Huset nr. 4 og Nº. 6 er solgt.", &["Huset nr. 4 og Nº. 6 er solgt."]),
            ],
        );
    }

    #[test]
    fn stray_punctuation_joins_its_neighbour() {
        check(&[
            ("It ended . | . The next day came .", &["It ended . | .", "The next day came ."]),
            ("It ended\n\n. Then it began.", &["It ended\n\n.", "Then it began."]),
            ("Part one.\n\n***\n\nPart two.", &["Part one.", "***", "Part two."]),
        ]);
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
}
