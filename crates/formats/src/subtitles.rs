//! Subtitles: SubRip (`.srt`) and WebVTT (`.vtt`).
//!
//! Cue numbers, identifiers, timing lines, `NOTE` and `STYLE` blocks and
//! styling tags (`<i>`, `<font …>`, `<c.yellow>`, `{\an8}`, karaoke
//! timestamps) are not text. The text of each cue, its lines joined by
//! spaces and its character references decoded, becomes one
//! [`BlockKind::Turn`] of an extracted text, so [`Parsed::text`] is owned:
//! cues follow one another with a space between them, so that a sentence
//! runs on from one cue into the next, and a blank line separates runs of
//! cues at a change of speaker (`<v Ana>`) or a pause of
//! [`PAUSE_MS`] or more. Each block's [`Origin`] gives the cue's time and
//! the bytes of its text lines in the input.

use std::borrow::Cow;

use crate::transcript::parse_time;
use crate::{Block, BlockKind, Format, Origin, Parsed, Span};

/// A pause between cues that starts a new paragraph.
pub const PAUSE_MS: u64 = 5_000;

/// SubRip subtitles.
///
/// ```
/// use abridge_formats::{Format, Srt};
///
/// assert!(Srt.sniff("1\n00:00:01,000 --> 00:00:02,000\nHello.\n"));
/// assert!(!Srt.sniff("12 members met on Monday."));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Srt;

/// WebVTT subtitles.
///
/// ```
/// use abridge_formats::{Format, Vtt};
///
/// let parsed = Vtt.parse("WEBVTT\n\n00:00.500 --> 00:04.000\n<v Prof. Lind>Glaciers move.\n");
/// assert_eq!(parsed.text, "Glaciers move.");
/// assert_eq!(parsed.origins[0].speaker.as_deref(), Some("Prof. Lind"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Vtt;

impl Format for Srt {
    fn name(&self) -> &'static str {
        "srt"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["srt"]
    }

    /// A cue number on the first line and a timing line on the second.
    fn sniff(&self, head: &str) -> bool {
        let head = head.trim_start_matches('\u{FEFF}');
        // Prose does not open with a digit: ruled out without reading on.
        if !head.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let mut lines = head.lines().filter(|line| !line.trim().is_empty());
        let number =
            lines.next().is_some_and(|line| line.trim().bytes().all(|b| b.is_ascii_digit()));
        number && lines.next().is_some_and(|line| timing(line).is_some())
    }

    fn parse<'a>(&self, input: &'a str) -> Parsed<'a> {
        parse(input)
    }
}

impl Format for Vtt {
    fn name(&self) -> &'static str {
        "vtt"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["vtt"]
    }

    /// The `WEBVTT` signature.
    fn sniff(&self, head: &str) -> bool {
        head.trim_start_matches('\u{FEFF}').starts_with("WEBVTT")
    }

    fn parse<'a>(&self, input: &'a str) -> Parsed<'a> {
        parse(input)
    }
}

/// `00:00:01,000 --> 00:00:04,200 align:start`: the start and end times.
fn timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((parse_time(start.trim())?, parse_time(end)?))
}

/// One cue as read.
struct Cue {
    time: (u64, u64),
    /// Its text lines in the input.
    source: Span,
    text: String,
    speaker: Option<String>,
}

/// Reads the cues of an SRT or a WebVTT file (the two differ in little
/// that matters here: the header, `NOTE` and `STYLE` blocks, and cue
/// settings after the times).
fn cues(input: &str) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in input.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    let mut index = 0;
    while index < lines.len() {
        let (_, line) = lines[index];
        index += 1;
        let Some(time) = timing(line) else { continue };
        // The cue's text: the lines up to a blank one.
        let first = index;
        while index < lines.len() && !lines[index].1.trim().is_empty() {
            index += 1;
        }
        if first == index {
            continue;
        }
        let source = Span::new(lines[first].0, lines[index - 1].0 + lines[index - 1].1.len());
        let mut speaker = None;
        let mut text = String::new();
        for &(_, line) in &lines[first..index] {
            let cleaned = clean(line, &mut speaker);
            if !cleaned.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&cleaned);
            }
        }
        if !text.is_empty() {
            cues.push(Cue { time, source, text, speaker });
        }
    }
    cues
}

/// A cue line without its tags, with character references decoded; a
/// WebVTT voice tag (`<v Ana>`) sets `speaker`.
fn clean(line: &str, speaker: &mut Option<String>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line.trim();
    while let Some(c) = rest.chars().next() {
        match c {
            '<' | '{' => {
                let close = if c == '<' { '>' } else { '}' };
                match rest.find(close) {
                    Some(end) => {
                        let tag = &rest[1..end];
                        if let Some(voice) = tag.strip_prefix('v')
                            && (voice.starts_with(' ') || voice.starts_with('.'))
                        {
                            let name = voice.split_once(' ').map_or("", |(_, name)| name).trim();
                            if !name.is_empty() {
                                *speaker = Some(name.to_owned());
                            }
                        }
                        rest = &rest[end + 1..];
                    }
                    None => {
                        out.push(c);
                        rest = &rest[c.len_utf8()..];
                    }
                }
            }
            '&' => {
                let decoded = [
                    ("&amp;", '&'),
                    ("&lt;", '<'),
                    ("&gt;", '>'),
                    ("&nbsp;", ' '),
                    ("&quot;", '"'),
                    ("&#39;", '\''),
                ]
                .iter()
                .find(|(entity, _)| rest.starts_with(entity));
                match decoded {
                    Some((entity, character)) => {
                        out.push(*character);
                        rest = &rest[entity.len()..];
                    }
                    None => {
                        out.push('&');
                        rest = &rest[1..];
                    }
                }
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a cue describes rather than says: a sound in brackets
/// (`[DOOR SLAMS]`, `(music)`, `♪ … ♪`) or on-screen text in capitals
/// (`HALLAN ISLAND, 7 A.M.`). Such cues are furniture.
fn is_description(text: &str) -> bool {
    let bracketed = (text.starts_with('[') && text.ends_with(']'))
        || (text.starts_with('(') && text.ends_with(')'))
        || text.starts_with('♪');
    let capitals = text.chars().any(char::is_uppercase) && !text.chars().any(char::is_lowercase);
    bracketed || capitals
}

fn parse(input: &str) -> Parsed<'_> {
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut origins = Vec::new();
    let mut previous: Option<&Cue> = None;
    let cues = cues(input);
    for cue in &cues {
        if let Some(previous) = previous {
            let pause = cue.time.0.saturating_sub(previous.time.1) >= PAUSE_MS;
            let new_speaker = cue.speaker.is_some() && cue.speaker != previous.speaker;
            text.push_str(if pause || new_speaker { "\n\n" } else { " " });
        }
        let start = text.len();
        text.push_str(&cue.text);
        let kind = if is_description(&cue.text) { BlockKind::Furniture } else { BlockKind::Turn };
        blocks.push(Block::new(kind, Span::new(start, text.len())));
        origins.push(Origin {
            source: Some(cue.source),
            time_ms: Some((cue.time.0, cue.time.1.max(cue.time.0))),
            speaker: cue.speaker.clone(),
            ..Origin::default()
        });
        previous = Some(cue);
    }
    Parsed { text: Cow::Owned(text), blocks: Some(blocks), origins, ..Parsed::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRT: &str = "1\n00:00:01,000 --> 00:00:03,500\n<i>The ferry left</i> the harbour\nat dawn.\n\n2\n00:00:03,600 --> 00:00:06,000\nIt reached the island &amp; the\n\n3\n00:00:06,100 --> 00:00:08,000\n{\\an8}lighthouse by noon.\n\n4\n00:00:20,000 --> 00:00:22,000\nNobody was on board.\n";

    #[test]
    fn cues_join_into_sentences_without_their_markup() {
        assert!(Srt.sniff(SRT));
        let parsed = Srt.parse(SRT);
        assert_eq!(
            parsed.text,
            "The ferry left the harbour at dawn. It reached the island & the lighthouse by noon.\n\nNobody was on board."
        );
        let blocks = parsed.blocks.unwrap();
        assert_eq!(blocks.len(), 4);
        assert_eq!(parsed.origins[1].time_ms, Some((3_600, 6_000)));
        let source = parsed.origins[0].source.unwrap();
        assert_eq!(source.slice(SRT), "<i>The ferry left</i> the harbour\nat dawn.");
    }

    #[test]
    fn webvtt_voices_notes_and_settings() {
        let vtt = "WEBVTT\n\nNOTE written for this test\n\nintro\n00:01.000 --> 00:02.500 align:start\n<v Ana>We open at nine.\n\n00:02.600 --> 00:04.000\n<v Ben>And we close <00:03.000><c>at six.</c>\n";
        assert!(Vtt.sniff(vtt) && !Srt.sniff(vtt));
        let parsed = Vtt.parse(vtt);
        assert_eq!(parsed.text, "We open at nine.\n\nAnd we close at six.");
        assert_eq!(parsed.origins[0].speaker.as_deref(), Some("Ana"));
        assert_eq!(parsed.origins[1].speaker.as_deref(), Some("Ben"));
    }

    #[test]
    fn descriptions_are_furniture() {
        assert!(is_description("[DOOR SLAMS]") && is_description("(music)"));
        assert!(is_description("HALLAN ISLAND, 7 A.M.") && is_description("♪ la la ♪"));
        assert!(!is_description("We open at nine.") && !is_description("OK, we open at nine."));
    }

    #[test]
    fn prose_is_not_subtitles() {
        let prose = "1\nThe harbour closed on Tuesday.\n";
        assert!(!Srt.sniff(prose) && !Vtt.sniff(prose));
    }
}
