//! Transcripts: speaker turns (`MAYA:`), timestamps (`[00:01:15]`), and
//! speech typed or recognised without sentence punctuation.
//!
//! Every turn is a [`BlockKind::Turn`] span of the input, its label and
//! timestamp left out; its [`Origin`] names the speaker and, when the line
//! has a timestamp, the time from it to the next turn's. Lines with no
//! label continue the turn before them, and a blank line ends it. The
//! analyzer cuts turns without punctuation into units of at most
//! [`MAX_SPEECH_WORDS`](abridge_text::speech::MAX_SPEECH_WORDS) words, so
//! that budgets work on them. A unit is shown without the transcriber's
//! marks in it (`{vocalsound}`, `[laughter]`; see [`without_marks`]).

use std::borrow::Cow;

use crate::{Block, BlockKind, Format, Origin, Parsed, Span};

/// Transcripts of speech.
#[derive(Clone, Copy, Debug, Default)]
pub struct Transcript;

/// Words the sniffer reads before it judges the punctuation of a text.
const SNIFF_MIN_WORDS: usize = 150;

/// How many bytes the sniffer for text without punctuation reads.
const SNIFF_BYTES: usize = 2048;

/// A text with fewer sentence terminators than one per this many words has
/// no punctuation to speak of. Prose has one every 15 to 30 words.
const WORDS_PER_TERMINATOR: usize = 60;

impl Format for Transcript {
    fn name(&self) -> &'static str {
        "transcript"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &[]
    }

    /// Speaker labels or timestamps opening most lines (at least three), or
    /// at least `SNIFF_MIN_WORDS` words of Latin, Greek or Cyrillic script
    /// with almost no sentence punctuation.
    fn sniff(&self, head: &str) -> bool {
        let mut lines = 0;
        let mut labelled = 0;
        for line in head.lines().filter(|line| !line.trim().is_empty()) {
            lines += 1;
            let (time, rest) = timestamp(line.trim_start());
            if time.is_some() || speaker(rest).is_some() {
                labelled += 1;
            }
        }
        if labelled >= 3 && labelled * 5 >= lines * 2 {
            return true;
        }
        unpunctuated(head)
    }

    fn parse<'a>(&self, input: &'a str) -> Parsed<'a> {
        let (blocks, origins) = turns(input);
        Parsed { blocks: Some(blocks), origins, ..Parsed::plain(input) }
    }

    /// The unit without the transcriber's marks in it.
    fn show<'t>(&self, unit: &'t str) -> Cow<'t, str> {
        without_marks(unit)
    }
}

/// `unit` without the transcriber's marks in it: single words in braces
/// or square brackets (`{vocalsound}`, `{disfmarker}`, `[laughter]`), which
/// the analyzer does not count as words either
/// ([`speech::is_mark`](abridge_text::speech::is_mark)); the spaces around a
/// mark become one.
pub fn without_marks(unit: &str) -> Cow<'_, str> {
    if !unit.contains(['{', '[']) {
        return Cow::Borrowed(unit);
    }
    let mut out = String::with_capacity(unit.len());
    let mut rest = unit;
    let mut changed = false;
    while let Some(open) = rest.find(['{', '[']) {
        let close = if rest.as_bytes()[open] == b'{' { '}' } else { ']' };
        let inner = &rest[open + 1..];
        let word_len = inner
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(inner.len());
        if word_len == 0 || !inner[word_len..].starts_with(close) {
            out.push_str(&rest[..=open]);
            rest = inner;
            continue;
        }
        changed = true;
        out.push_str(&rest[..open]);
        rest = &inner[word_len + 1..];
        if out.is_empty() || out.ends_with(char::is_whitespace) {
            rest = rest.trim_start_matches([' ', '\t']);
        }
    }
    if !changed {
        return Cow::Borrowed(unit);
    }
    out.push_str(rest);
    let trimmed = out.trim();
    if trimmed.len() != out.len() {
        out = trimmed.to_owned();
    }
    Cow::Owned(out)
}

/// Whether `head` is a long stretch of alphabetic text with almost no
/// sentence punctuation, and either none at all or almost no capitals
/// (speech recognisers write in lower case), in Latin, Greek or Cyrillic
/// script. One pass over the bytes: it runs on every input.
fn unpunctuated(head: &str) -> bool {
    // Judged on the first 2 KiB (some 350 words of English).
    let sample = &head.as_bytes()[..head.len().min(SNIFF_BYTES)];
    // Prose is ruled out by a vectorised search that stops early: it has a
    // terminator every 100 bytes or so, this asks for fewer than one in 300.
    let enough = sample.len().div_ceil(300);
    if memchr::memchr3_iter(b'.', b'!', b'?', sample).take(enough).count() == enough {
        return false;
    }
    let (mut words, mut terminators, mut upper, mut letters, mut other_script) = (0, 0, 0, 0, 0);
    let mut in_word = false;
    for &byte in sample {
        let space = byte.is_ascii_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
        match byte {
            b'.' | b'!' | b'?' => terminators += 1,
            b'A'..=b'Z' => {
                upper += 1;
                letters += 1;
            }
            b'a'..=b'z' => letters += 1,
            // Lead bytes of scripts from Hebrew (U+0590) on: Thai marks no
            // sentence ends, Chinese writes no spaces; neither is judged.
            0xD6..=0xEF => other_script += 1,
            _ => {}
        }
    }
    words >= SNIFF_MIN_WORDS
        && terminators * WORDS_PER_TERMINATOR < words
        && (terminators == 0 || upper * 100 < letters)
        && other_script * 20 < letters
}

/// A timestamp at the start of `line` (`[00:01:15]`, `(1:15)`, `00:01:15.200`,
/// `01:15 -`), in milliseconds, and the rest of the line.
fn timestamp(line: &str) -> (Option<u64>, &str) {
    let (inner, rest) = match line.as_bytes().first() {
        Some(b'[') => match line.as_bytes().iter().take(16).position(|&b| b == b']') {
            Some(end) => (&line[1..end], &line[end + 1..]),
            None => return (None, line),
        },
        Some(b'(') => match line.as_bytes().iter().take(16).position(|&b| b == b')') {
            Some(end) => (&line[1..end], &line[end + 1..]),
            None => return (None, line),
        },
        Some(b'0'..=b'9') => {
            let end = line.find(char::is_whitespace).unwrap_or(line.len());
            (&line[..end], &line[end..])
        }
        _ => return (None, line),
    };
    match parse_time(inner) {
        Some(ms) => (Some(ms), rest.trim_start().trim_start_matches(['-', '–']).trim_start()),
        None => (None, line),
    }
}

/// `h:mm:ss`, `mm:ss`, with an optional `.mmm` or `,mmm`, in milliseconds.
pub(crate) fn parse_time(text: &str) -> Option<u64> {
    let (clock, millis) = match text.split_once(['.', ',']) {
        Some((clock, millis)) => (clock, Some(millis)),
        None => (text, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts.iter().any(|part| {
            part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit())
        })
    {
        return None;
    }
    let mut seconds = 0u64;
    for part in &parts {
        seconds = seconds * 60 + part.parse::<u64>().ok()?;
    }
    let millis = match millis {
        Some(millis)
            if !millis.is_empty()
                && millis.len() <= 3
                && millis.bytes().all(|b| b.is_ascii_digit()) =>
        {
            millis.parse::<u64>().ok()? * 10u64.pow(3 - millis.len() as u32)
        }
        Some(_) => return None,
        None => 0,
    };
    Some(seconds * 1000 + millis)
}

/// A speaker label opening `line` (`MAYA:`, `Dr Okafor:`, `Speaker 2:`):
/// one to four capitalised words or numbers, at most 32 bytes, then a colon
/// and a space. Returns the name and the rest of the line.
fn speaker(line: &str) -> Option<(&str, &str)> {
    let colon = line.as_bytes().iter().take(33).position(|&b| b == b':')?;
    if colon == 0 {
        return None;
    }
    let name = &line[..colon];
    let rest = &line[colon + 1..];
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let capitalised = |word: &&str| {
        word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && word.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-'))
    };
    (words.len() <= 4 && words.iter().all(capitalised)).then(|| (name, rest.trim_start()))
}

/// The turns of `input`, with their origins.
fn turns(input: &str) -> (Vec<Block>, Vec<Origin>) {
    let mut blocks = Vec::new();
    let mut origins: Vec<Origin> = Vec::new();
    let mut current: Option<(Span, Origin)> = None;
    let flush = |current: &mut Option<(Span, Origin)>,
                 blocks: &mut Vec<Block>,
                 origins: &mut Vec<Origin>| {
        if let Some((span, origin)) = current.take() {
            blocks.push(Block::new(BlockKind::Turn, span));
            origins.push(origin);
        }
    };
    let mut offset = 0;
    for line in input.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() {
            flush(&mut current, &mut blocks, &mut origins);
            continue;
        }
        let trimmed = content.trim_start();
        let (time, after_time) = timestamp(trimmed);
        let (name, text) = match speaker(after_time) {
            Some((name, text)) => (Some(name), text),
            None => (None, after_time),
        };
        let text_start = line_start + (content.len() - text.len());
        let text_span = Span::new(text_start, line_start + content.len());
        if time.is_some() || name.is_some() {
            flush(&mut current, &mut blocks, &mut origins);
            let origin = Origin {
                speaker: name.map(str::to_owned),
                time_ms: time.map(|ms| (ms, ms)),
                ..Origin::default()
            };
            if !text_span.is_empty() {
                current = Some((text_span, origin));
            } else {
                // A label alone on its line: the turn is on the next lines.
                current = Some((Span::new(text_span.end, text_span.end), origin));
            }
            continue;
        }
        match &mut current {
            Some((span, _)) if span.is_empty() => *span = text_span,
            Some((span, _)) => span.end = text_span.end,
            None => current = Some((text_span, Origin::default())),
        }
    }
    flush(&mut current, &mut blocks, &mut origins);
    // Turns without text are dropped; a timed turn lasts until the next one.
    let mut kept_blocks = Vec::with_capacity(blocks.len());
    let mut kept_origins: Vec<Origin> = Vec::with_capacity(origins.len());
    for (block, origin) in blocks.into_iter().zip(origins) {
        if block.span.is_empty() {
            continue;
        }
        if let (Some(previous), Some((start, _))) = (kept_origins.last_mut(), origin.time_ms)
            && let Some((previous_start, _)) = previous.time_ms
        {
            previous.time_ms = Some((previous_start, start.max(previous_start)));
        }
        kept_blocks.push(block);
        kept_origins.push(origin);
    }
    if kept_origins.iter().all(|origin| *origin == Origin::default()) {
        kept_origins.clear();
    }
    (kept_blocks, kept_origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_labels() {
        assert_eq!(parse_time("01:02:03"), Some(3_723_000));
        assert_eq!(parse_time("1:15"), Some(75_000));
        assert_eq!(parse_time("00:00:01,5"), Some(1_500));
        assert_eq!(parse_time("12"), None);
        assert_eq!(parse_time("1:2:3:4"), None);
        assert_eq!(timestamp("[00:01:15] MAYA: hi"), (Some(75_000), "MAYA: hi"));
        assert_eq!(speaker("MAYA: so we went"), Some(("MAYA", "so we went")));
        assert_eq!(speaker("Dr Okafor: yes"), Some(("Dr Okafor", "yes")));
        assert_eq!(speaker("so we said: okay"), None);
        assert_eq!(speaker("Note:the"), None);
    }

    #[test]
    fn marks_are_not_shown() {
        let show = |unit| Transcript.show(unit).into_owned();
        assert_eq!(show("So {disfmarker} so we went"), "So so we went");
        assert_eq!(show("{vocalsound} Right , the wall [laughter]"), "Right , the wall");
        assert_eq!(show("the {broken wall} and [x"), "the {broken wall} and [x");
        assert!(matches!(Transcript.show("plain words"), Cow::Borrowed(_)));
    }

    #[test]
    fn turns_are_spans_without_labels() {
        let input = "[00:00:05] MAYA: so the wall broke\non tuesday night\n\n[00:00:20] TOM: and the boats sank\nMAYA: yes two of them";
        let (blocks, origins) = turns(input);
        let texts: Vec<&str> = blocks.iter().map(|block| block.span.slice(input)).collect();
        assert_eq!(
            texts,
            ["so the wall broke\non tuesday night", "and the boats sank", "yes two of them"]
        );
        assert_eq!(origins[0].speaker.as_deref(), Some("MAYA"));
        assert_eq!(origins[0].time_ms, Some((5_000, 20_000)));
        assert_eq!(origins[2].time_ms, None);
    }

    #[test]
    fn sniffs_transcripts_but_not_prose() {
        let labelled = "MAYA: hello\nTOM: hi there\nMAYA: so about the harbour\nTOM: yes\n";
        assert!(Transcript.sniff(labelled));
        let words = "so we went down to the harbour and the wall was gone ".repeat(20);
        assert!(Transcript.sniff(&words));
        let prose = "The harbour closed on Tuesday. Divers found a breach in the wall. ".repeat(20);
        assert!(!Transcript.sniff(&prose));
        assert!(!Transcript.sniff(include_str!("../../../corpora/samples/minutes.txt")));
        assert!(!Transcript.sniff(include_str!("../../../corpora/samples/wrapped-email.txt")));
        let thai = "ฝนตกหนักทั้งคืน ถนนหลายสายในเมืองน้ำท่วม ".repeat(40);
        assert!(!Transcript.sniff(&thai));
        // News whose full stops were lost: capitals say it is written text.
        let news = "The Mayor Said The Harbour Would Open Again On Monday After Repairs, "
            .repeat(20)
            + ". . .";
        assert!(!Transcript.sniff(&news));
    }
}
