//! E-mail: single messages (`.eml`: RFC 5322 headers, MIME parts, quoted-
//! printable and base64 bodies, read with mail-parser) and threads pasted
//! as text.
//!
//! The text of a message is its body; of the body:
//!
//! - quoted replies are [`BlockKind::Quoted`]: lines that start with `>`,
//!   and everything after an `-----Original Message-----` or
//!   `Forwarded message` line or an Outlook block of `From:` and `Sent:`
//!   lines; the attribution line ("On 3 May, Ana wrote:") is furniture;
//! - the signature, from a `-- ` line to the next quoted text, headers
//!   pasted at the top, and paragraphs of legal or unsubscribe boilerplate
//!   ("This e-mail is confidential", "intended recipient", "unsubscribe")
//!   are [`BlockKind::Furniture`];
//! - every other paragraph is a [`BlockKind::Paragraph`], whose wrapped
//!   lines the segmenter joins as in plain text.
//!
//! The `>` marks of quoted lines are overwritten with spaces, byte for byte,
//! so that a quoted sentence reads whole when quoted text is asked for
//! (`include_quoted`) and offsets stay those of the input. A message whose
//! body is not in the input as it stands (MIME, encoded bodies, HTML) gets
//! its decoded body as [`Parsed::text`].

use std::borrow::Cow;

use mail_parser::MessageParser;

use crate::{Block, BlockKind, Format, Metadata, Parsed, Span};

/// E-mail messages and threads (`email`).
///
/// ```
/// use abridge_formats::{BlockKind, Email, Format};
///
/// let thread = "Yes, on Monday.\n\nOn Fri, 2 May 2026, Ben wrote:\n> When do the racks arrive?\n";
/// let parsed = Email.parse(thread);
/// let kinds: Vec<BlockKind> = parsed.blocks.unwrap().iter().map(|block| block.kind).collect();
/// assert!(kinds.contains(&BlockKind::Quoted) && kinds.contains(&BlockKind::Paragraph));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Email;

/// Headers that start a message (RFC 5322 and what mail clients add).
const MESSAGE_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "received",
    "return-path",
    "reply-to",
    "content-type",
    "delivered-to",
    "x-mailer",
    "sent",
];

/// Phrases of legal and list boilerplate: a paragraph with one is furniture.
const FOOTER_PHRASES: &[&str] = &[
    "e-mail is confidential",
    "email is confidential",
    "message is confidential",
    "confidential and may be privileged",
    "intended recipient",
    "intended solely for",
    "intended only for",
    "if you have received this",
    "unsubscribe",
    "do not print this",
    "sent from my iphone",
    "sent from my android",
    "virus-free",
    "legally privileged",
    "notify the sender",
];

impl Format for Email {
    fn name(&self) -> &'static str {
        "email"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["eml", "msg", "mbox"]
    }

    /// A message's headers at the start (two known ones before the first
    /// blank line), or a pasted thread: an attribution line ("… wrote:")
    /// or an `Original Message` line, with quoted lines.
    fn sniff(&self, head: &str) -> bool {
        if starts_with_headers(head) {
            return true;
        }
        // A cheap test first: a thread has quoted lines or a history line.
        // One `memchr` for `>`, which prose seldom has, before the lines.
        let quoted_line = head.contains('>')
            && (head.starts_with('>') || head.lines().any(|line| line.starts_with('>')));
        if !quoted_line && !head.contains("essage") {
            return false;
        }
        let quoted = head.lines().filter(|line| line.starts_with('>')).count();
        let attributed = head.lines().any(|line| is_attribution(line) || is_original_marker(line));
        attributed && (quoted >= 2 || head.lines().any(is_original_marker))
    }

    fn parse<'a>(&self, input: &'a str) -> Parsed<'a> {
        if !starts_with_headers(input) {
            let (text, blocks) = thread(input, Span::new(0, input.len()));
            return Parsed { text, blocks: Some(blocks), ..Parsed::plain(input) };
        }
        let Some(message) = MessageParser::default().parse(input.as_bytes()) else {
            let (text, blocks) = thread(input, Span::new(0, input.len()));
            return Parsed { text, blocks: Some(blocks), ..Parsed::plain(input) };
        };
        let metadata = Metadata {
            title: message.subject().map(str::to_owned),
            author: message
                .from()
                .and_then(|from| from.first())
                .and_then(|addr| addr.name().or(addr.address()).map(str::to_owned)),
            date: message.date().map(|date| date.to_rfc3339()),
            ..Metadata::default()
        };
        let body = message.body_text(0).map(Cow::into_owned).unwrap_or_default();
        // A plain body stands in the input as it is: spans stay offsets of
        // the input, and the headers are in no block.
        let trimmed = body.trim_end();
        let verbatim = (!trimmed.trim().is_empty())
            .then(|| input.rfind(trimmed))
            .flatten()
            .filter(|&start| input[..start].contains("\n\n") || input[..start].contains("\r\n\r\n"))
            .map(|start| Span::new(start, start + trimmed.len()));
        match verbatim {
            Some(span) => {
                let (text, blocks) = thread(input, span);
                Parsed { text, blocks: Some(blocks), metadata, ..Parsed::default() }
            }
            None => {
                let (text, blocks) = thread(&body, Span::new(0, body.len()));
                Parsed {
                    text: Cow::Owned(text.into_owned()),
                    blocks: Some(blocks),
                    metadata,
                    ..Parsed::default()
                }
            }
        }
    }
}

/// Whether `text` opens with message headers: `Name: value` lines, two of
/// them known headers, before the first blank line.
fn starts_with_headers(text: &str) -> bool {
    let text = text.trim_start_matches('\u{FEFF}');
    // A header's name is short: without a colon near its start, the first
    // line is no header, and the rest of a long line need not be read.
    if !text.as_bytes().iter().take(MAX_HEADER_NAME + 1).any(|&b| b == b':') {
        return false;
    }
    let mut known = 0;
    for line in text.lines().take(40) {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue; // A folded header line.
        }
        let Some((name, _)) = line.split_once(':') else { return false };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        known += usize::from(MESSAGE_HEADERS.contains(&name.to_ascii_lowercase().as_str()));
    }
    known >= 2
}

/// The longest header name [`starts_with_headers`] looks for a colon
/// after (`Content-Transfer-Encoding` has 25 letters).
const MAX_HEADER_NAME: usize = 76;

/// "On Tue, 3 May 2026 at 09:14, Ana Berg <ana@example.invalid> wrote:".
fn is_attribution(line: &str) -> bool {
    let line = line.trim();
    line.ends_with("wrote:")
        || line.ends_with("writes:")
        || line.ends_with("a écrit :")
        || line.ends_with("schrieb:")
}

/// `-----Original Message-----`, `---------- Forwarded message ---------`,
/// `Begin forwarded message:`.
fn is_original_marker(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    (lower.starts_with("---")
        && (lower.contains("original message") || lower.contains("forwarded message")))
        || lower == "begin forwarded message:"
}

/// An Outlook header block of an earlier message: `From:` with `Sent:` or
/// `Date:` in the next few lines.
fn is_outlook_header(lines: &[(usize, &str)], index: usize) -> bool {
    lines[index].1.trim_start().starts_with("From:")
        && lines[index + 1..].iter().take(4).any(|(_, line)| {
            let line = line.trim_start();
            line.starts_with("Sent:") || line.starts_with("Date:")
        })
}

/// A header line pasted at the top of a message.
fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        MESSAGE_HEADERS.contains(&name.trim().to_ascii_lowercase().as_str())
    })
}

/// What a line of a body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Text,
    Quoted,
    Furniture,
}

/// The blocks of the body at `body` in `text`, and the text with the `>`
/// marks of quoted lines overwritten.
fn thread(text: &str, body: Span) -> (Cow<'_, str>, Vec<Block>) {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = body.start;
    for line in body.slice(text).split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    let mut classes = Vec::with_capacity(lines.len());
    let mut history = false; // After an Original Message line: all quoted.
    let mut signature = false;
    let mut leading_headers = true;
    for (index, &(_, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            leading_headers = leading_headers && index == 0;
            classes.push(None);
            continue;
        }
        if leading_headers && is_header_line(line) {
            classes.push(Some(Class::Furniture));
            continue;
        }
        leading_headers = false;
        let class = if is_original_marker(line) || (!history && is_outlook_header(&lines, index)) {
            history = true;
            signature = false;
            Class::Furniture
        } else if history || line.trim_start().starts_with('>') {
            signature = false;
            Class::Quoted
        } else if is_attribution(line) {
            Class::Furniture
        } else if line == "-- " || trimmed == "--" {
            signature = true;
            Class::Furniture
        } else if signature {
            Class::Furniture
        } else {
            Class::Text
        };
        classes.push(Some(class));
    }
    // An attribution that wraps ("On Tue, … Ana Berg\n<ana@…> wrote:"):
    // its first line is furniture too.
    for index in 1..lines.len() {
        if is_attribution(lines[index].1)
            && classes[index - 1] == Some(Class::Text)
            && lines[index - 1].1.trim_start().starts_with("On ")
        {
            classes[index - 1] = Some(Class::Furniture);
        }
    }

    // The `>` marks, overwritten byte for byte.
    let mut bytes: Option<Vec<u8>> = None;
    for (&(offset, line), class) in lines.iter().zip(&classes) {
        if *class != Some(Class::Quoted) {
            continue;
        }
        let marks = line.len() - line.trim_start_matches(['>', ' ']).len();
        if marks > 0 {
            let bytes = bytes.get_or_insert_with(|| text.as_bytes().to_vec());
            bytes[offset..offset + marks].fill(b' ');
        }
    }
    let source = text;
    let text: Cow<'_, str> = match bytes.map(String::from_utf8) {
        Some(Ok(owned)) => Cow::Owned(owned),
        _ => Cow::Borrowed(source),
    };

    // Paragraphs: runs of non-blank lines of one class.
    let mut blocks: Vec<Block> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let Some(class) = classes[index] else {
            index += 1;
            continue;
        };
        let first = index;
        while index < lines.len() && classes[index] == Some(class) {
            index += 1;
        }
        let span =
            Span::new(lines[first].0, lines[index - 1].0 + lines[index - 1].1.len()).trim(&text);
        if span.is_empty() {
            continue;
        }
        let kind = match class {
            Class::Text if is_footer(span.slice(&text)) || is_salutation(span.slice(&text)) => {
                BlockKind::Furniture
            }
            Class::Text => BlockKind::Paragraph,
            Class::Quoted => BlockKind::Quoted,
            Class::Furniture => BlockKind::Furniture,
        };
        blocks.push(Block::new(kind, span));
    }

    (text, blocks)
}

/// Whether a paragraph is a greeting or a sign-off: at most three short
/// lines, eight words in all, the first ending with a comma ("Hi Ben,",
/// "Kind regards,\nAna").
fn is_salutation(paragraph: &str) -> bool {
    let first = paragraph.lines().next().unwrap_or_default().trim_end();
    paragraph.lines().count() <= 3
        && paragraph.split_whitespace().count() <= 8
        && first.ends_with(',')
}

/// Whether a paragraph is legal or list boilerplate.
fn is_footer(paragraph: &str) -> bool {
    let lower = paragraph.to_lowercase();
    FOOTER_PHRASES.iter().any(|phrase| lower.contains(phrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str) -> Vec<(BlockKind, String)> {
        let parsed = Email.parse(input);
        let text = parsed.text.clone();
        parsed
            .blocks
            .unwrap()
            .iter()
            .map(|block| (block.kind, block.span.slice(&text).to_owned()))
            .collect()
    }

    #[test]
    fn a_pasted_thread() {
        let input = "Hi Ben,\n\nThe new racks arrive on Monday.\n\nOn Fri, 2 May 2026, Ben Osei wrote:\n> When do the racks\n> arrive?\n\n-- \nAna Berg\nFacilities\n\nThis e-mail is confidential. If you are not the intended recipient, delete it.\n";
        let blocks = kinds(input);
        assert_eq!(
            blocks,
            [
                (BlockKind::Furniture, "Hi Ben,".to_owned()),
                (BlockKind::Paragraph, "The new racks arrive on Monday.".to_owned()),
                (BlockKind::Furniture, "On Fri, 2 May 2026, Ben Osei wrote:".to_owned()),
                (BlockKind::Quoted, "When do the racks\n  arrive?".to_owned()),
                (BlockKind::Furniture, "-- \nAna Berg\nFacilities".to_owned()),
                (BlockKind::Furniture, "This e-mail is confidential. If you are not the intended recipient, delete it.".to_owned()),
            ]
        );
        assert!(Email.sniff(input));
        assert_eq!(Email.parse(input).text.len(), input.len(), "marks overwritten byte for byte");
    }

    #[test]
    fn outlook_history_is_quoted() {
        let input = "Agreed, let us go ahead.\n\n-----Original Message-----\nFrom: Ben\nSent: Friday\nSubject: Racks\n\nShall we order the racks now?\n";
        let blocks = kinds(input);
        assert_eq!(blocks[0], (BlockKind::Paragraph, "Agreed, let us go ahead.".to_owned()));
        assert!(blocks[1..].iter().all(|(kind, _)| *kind != BlockKind::Paragraph), "{blocks:?}");
        assert!(
            blocks
                .iter()
                .any(|(kind, text)| *kind == BlockKind::Quoted && text.contains("Shall we"))
        );
    }

    #[test]
    fn a_mime_message_with_a_quoted_printable_body() {
        let input = "From: Ana Berg <ana@example.invalid>\r\nTo: team@example.invalid\r\nSubject: Racks\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nThe new racks arrive on Monday, and the caf=C3=A9 stays open.\r\n";
        assert!(Email.sniff(input));
        let parsed = Email.parse(input);
        assert_eq!(parsed.metadata.title.as_deref(), Some("Racks"));
        assert_eq!(parsed.metadata.author.as_deref(), Some("Ana Berg"));
        let blocks = parsed.blocks.clone().unwrap();
        assert_eq!(
            blocks[0].span.slice(&parsed.text),
            "The new racks arrive on Monday, and the café stays open."
        );
    }

    #[test]
    fn prose_is_not_email() {
        for prose in [
            "The harbour closed on Tuesday. Divers found a breach in the wall.",
            include_str!("../../../corpora/samples/wrapped-email.txt"),
            include_str!("../../../corpora/samples/minutes.txt"),
            "Note: the meeting moved.\nTime: 9 a.m.\n\nThe board met.",
        ] {
            assert!(!Email.sniff(prose), "{prose}");
        }
    }
}
