//! Markdown: CommonMark with GitHub tables, task lists, strikethrough,
//! footnotes and front matter, read with pulldown-cmark.
//!
//! The parser's offset iterator pairs every event with its byte range in
//! the source, so blocks are spans of the file as it is:
//!
//! - a paragraph is a [`BlockKind::Paragraph`], the text of a list item a
//!   [`BlockKind::ListItem`] (its marker and task box left out), a paragraph
//!   inside a block quotation a [`BlockKind::Quote`];
//! - the first level-1 heading (when it comes before any other heading) is
//!   the [`BlockKind::Title`], every other heading a [`BlockKind::Heading`];
//! - a paragraph or item made of inline code alone ("`cargo install
//!   abridge`") is [`BlockKind::Code`], like fenced and indented code;
//! - tables are [`BlockKind::Table`]; HTML blocks and front matter are
//!   [`BlockKind::Furniture`]; link reference definitions give no event,
//!   so they are in no block.
//!
//! A block spans its inline content, from the first text to the last, so
//! heading marks (`## `) and list markers are outside it; emphasis marks
//! inside it are not words and do not end sentences. Line breaks inside a
//! paragraph are spaces ([`LineBreaks::Spaces`]).
//!
//! The `>` marks that a block quotation repeats on each line of a
//! paragraph inside it are overwritten with spaces in [`Parsed::text`],
//! byte for byte (as the e-mail format does with quoted lines), so a quoted
//! sentence that runs over two lines reads without them and its offsets are
//! still offsets into the file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::{Block, BlockKind, Format, LineBreaks, Metadata, Parsed, Span};

/// Markdown (`.md`).
///
/// ```
/// use abridge_formats::{Format, LineBreaks, Markdown};
///
/// assert!(Markdown.sniff("# Tool\n\n```sh\nrun\n```\n"));
/// assert_eq!(Markdown.line_breaks(), LineBreaks::Spaces);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Markdown;

impl Format for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown", "mdown", "mkd", "mkdn"]
    }

    /// At least two kinds of Markdown mark at line starts: an ATX heading
    /// (`## Usage`), a code fence, a table's delimiter row, a setext
    /// underline; or a heading and an inline link. Prose has none of them.
    fn sniff(&self, head: &str) -> bool {
        // Every mark opens a line (after at most a few spaces) with one of
        // these bytes; a line of prose seldom does. One pass, from line
        // start to line start: this runs on every input. (A backtick
        // inside a line is no mark: tokenised news opens its quotations
        // with two, ``like this''.)
        if !line_starts(head).any(|line| {
            line.trim_start_matches(' ').starts_with(['#', '`', '~', '=', '|', '-', ':'])
        }) {
            return false;
        }
        let mut heading = false;
        let mut fence = false;
        let mut table = false;
        let mut underline = false;
        for line in head.lines() {
            let line = line.trim_end();
            let hashes = line.len() - line.trim_start_matches('#').len();
            if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
                heading = true;
            } else if line.starts_with("```") || line.starts_with("~~~") {
                fence = true;
            } else if is_table_delimiter(line) {
                table = true;
            } else if line.len() >= 3 && line.bytes().all(|b| b == b'=') {
                underline = true;
            }
        }
        let link = head.contains("](http") || head.contains("](./") || head.contains("](#");
        let marks = [heading, fence, table, underline].iter().filter(|&&mark| mark).count();
        marks >= 2 || (heading && link)
    }

    fn parse<'a>(&self, input: &'a str) -> Parsed<'a> {
        let (blocks, quoted) = blocks(input);
        let title = blocks
            .iter()
            .find(|block| block.kind == BlockKind::Title)
            .map(|block| block.span.slice(input).to_owned());
        Parsed {
            text: without_quote_marks(input, &quoted),
            blocks: Some(blocks),
            metadata: Metadata { title, ..Metadata::default() },
            ..Parsed::plain(input)
        }
    }

    fn line_breaks(&self) -> LineBreaks {
        LineBreaks::Spaces
    }
}

/// The start of each line of `head`, up to a few bytes of it: found
/// from one line feed to the next (`str::find` of one byte is `memchr`),
/// without reading the rest of the line.
fn line_starts(head: &str) -> impl Iterator<Item = &str> {
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let start = from?;
        from = head[start..].find('\n').map(|at| start + at + 1);
        let mut end = (start + 8).min(head.len());
        while !head.is_char_boundary(end) {
            end -= 1;
        }
        Some(&head[start..end])
    })
}

/// `|---|:---:|`, `--- | ---`: a GitHub table's delimiter row.
fn is_table_delimiter(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line.contains('|')
        && line.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '))
        && line.matches("---").count() >= 1
}

/// A leaf block being read: where its inline content starts and ends.
#[derive(Debug)]
struct Leaf {
    kind: BlockKind,
    span: Option<Span>,
    /// Whether every piece of content so far is inline code.
    only_code: bool,
    /// Whether a block quotation encloses it.
    quoted: bool,
}

impl Leaf {
    fn new(kind: BlockKind, containers: &[Container]) -> Leaf {
        let quoted = containers.contains(&Container::Quote);
        Leaf { kind, span: None, only_code: true, quoted }
    }

    fn extend(&mut self, range: std::ops::Range<usize>) {
        self.span = Some(match self.span {
            Some(span) => Span::new(span.start.min(range.start), span.end.max(range.end)),
            None => Span::new(range.start, range.end),
        });
    }
}

/// What encloses the leaf blocks being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
    Other,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// `input` with the `>` marks at the starts of the continuation lines of
/// each span in `quoted` overwritten with spaces; borrowed when there are
/// none.
fn without_quote_marks<'a>(input: &'a str, quoted: &[Span]) -> std::borrow::Cow<'a, str> {
    let mut bytes: Option<Vec<u8>> = None;
    for span in quoted {
        let mut offset = span.start;
        for line in span.slice(input).split_inclusive('\n') {
            let first = offset == span.start;
            let start = offset;
            offset += line.len();
            if first {
                continue;
            }
            let marks = line.len() - line.trim_start_matches(['>', ' ', '\t']).len();
            if line[..marks].contains('>') {
                bytes.get_or_insert_with(|| input.as_bytes().to_vec())[start..start + marks]
                    .fill(b' ');
            }
        }
    }
    match bytes.map(String::from_utf8) {
        // Only ASCII marks were overwritten, so the text stays UTF-8.
        Some(Ok(text)) => std::borrow::Cow::Owned(text),
        _ => std::borrow::Cow::Borrowed(input),
    }
}

/// The blocks of `input`, and the spans of those inside a block quotation.
fn blocks(input: &str) -> (Vec<Block>, Vec<Span>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut quoted: Vec<Span> = Vec::new();
    let mut containers: Vec<Container> = Vec::new();
    let mut leaf: Option<Leaf> = None;
    // Inside code, a table, an HTML block or front matter: how deep.
    let mut skipping = 0usize;
    let mut seen_heading = false;

    let mut flush = |leaf: &mut Option<Leaf>, blocks: &mut Vec<Block>| {
        if let Some(Leaf { kind, span: Some(span), only_code, quoted: in_quote }) = leaf.take() {
            let span = span.trim(input);
            if span.is_empty() {
                return;
            }
            let kind = if only_code && kind.is_candidate() { BlockKind::Code } else { kind };
            // Blocks stay in order and apart, whatever the parser's ranges.
            if blocks.last().is_none_or(|last| last.span.end <= span.start) {
                blocks.push(Block::new(kind, span));
                if in_quote {
                    quoted.push(span);
                }
            }
        }
    };
    let push_skipped = |blocks: &mut Vec<Block>, kind: BlockKind, range: std::ops::Range<usize>| {
        let span = Span::new(range.start, range.end.min(input.len())).trim(input);
        if !span.is_empty() && blocks.last().is_none_or(|last| last.span.end <= span.start) {
            blocks.push(Block::new(kind, span));
        }
    };

    for (event, range) in Parser::new_ext(input, options()).into_offset_iter() {
        if skipping > 0 {
            match event {
                Event::Start(
                    Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock | Tag::MetadataBlock(_),
                ) => skipping += 1,
                Event::End(
                    TagEnd::CodeBlock
                    | TagEnd::Table
                    | TagEnd::HtmlBlock
                    | TagEnd::MetadataBlock(_),
                ) => skipping -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    flush(&mut leaf, &mut blocks);
                    let kind = match containers.last() {
                        Some(Container::Item) => BlockKind::ListItem,
                        Some(Container::Quote) => BlockKind::Quote,
                        _ => BlockKind::Paragraph,
                    };
                    leaf = Some(Leaf::new(kind, &containers));
                }
                Tag::Heading { level, .. } => {
                    flush(&mut leaf, &mut blocks);
                    let title = level == pulldown_cmark::HeadingLevel::H1 && !seen_heading;
                    seen_heading = true;
                    let mut heading =
                        Leaf::new(if title { BlockKind::Title } else { BlockKind::Heading }, &[]);
                    heading.only_code = false;
                    leaf = Some(heading);
                }
                Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    flush(&mut leaf, &mut blocks);
                    let kind = match tag {
                        Tag::CodeBlock(_) => BlockKind::Code,
                        Tag::Table(_) => BlockKind::Table,
                        _ => BlockKind::Furniture,
                    };
                    push_skipped(&mut blocks, kind, range);
                    skipping = 1;
                }
                Tag::Item => {
                    flush(&mut leaf, &mut blocks);
                    containers.push(Container::Item);
                }
                Tag::BlockQuote(_) => {
                    flush(&mut leaf, &mut blocks);
                    containers.push(Container::Quote);
                }
                Tag::List(_) | Tag::FootnoteDefinition(_) | Tag::DefinitionList => {
                    flush(&mut leaf, &mut blocks);
                    containers.push(Container::Other);
                }
                // Inline tags: emphasis, links, images, strikethrough.
                _ => inline(&mut leaf, &containers, range, false),
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) => flush(&mut leaf, &mut blocks),
                TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList => {
                    flush(&mut leaf, &mut blocks);
                    containers.pop();
                }
                _ => {}
            },
            Event::Code(_) => inline(&mut leaf, &containers, range, true),
            Event::Text(text) => {
                if !text.trim().is_empty() {
                    inline(&mut leaf, &containers, range, false);
                }
            }
            Event::InlineHtml(_) | Event::FootnoteReference(_) | Event::InlineMath(_) => {
                inline(&mut leaf, &containers, range, false)
            }
            Event::TaskListMarker(_) => {
                // The box is not text: the item starts after it.
                flush(&mut leaf, &mut blocks);
            }
            Event::Html(_)
            | Event::DisplayMath(_)
            | Event::Rule
            | Event::SoftBreak
            | Event::HardBreak => {}
        }
    }
    flush(&mut leaf, &mut blocks);
    (blocks, quoted)
}

/// Inline content at `range`: it extends the current leaf, or starts the
/// text of a tight list item (which has no paragraph of its own).
fn inline(
    leaf: &mut Option<Leaf>,
    containers: &[Container],
    range: std::ops::Range<usize>,
    code: bool,
) {
    let leaf = leaf.get_or_insert_with(|| {
        let kind = match containers.last() {
            Some(Container::Item) => BlockKind::ListItem,
            Some(Container::Quote) => BlockKind::Quote,
            _ => BlockKind::Paragraph,
        };
        Leaf::new(kind, containers)
    });
    leaf.extend(range);
    if !code {
        leaf.only_code = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(input: &str) -> Vec<(BlockKind, &str)> {
        blocks(input).0.iter().map(|block| (block.kind, block.span.slice(input))).collect()
    }

    #[test]
    fn quote_marks_on_continuation_lines_are_overwritten() {
        let input = "Intro.\n\n> The council said the harbour\n> would reopen on Friday.\n>\n> - a quoted item that\n>   runs on\n\nAfter.\n";
        let parsed = Markdown.parse(input);
        assert_eq!(parsed.text.len(), input.len(), "byte for byte");
        let texts: Vec<&str> = parsed
            .blocks
            .as_ref()
            .unwrap()
            .iter()
            .map(|block| block.span.slice(&parsed.text))
            .collect();
        assert_eq!(
            texts,
            [
                "Intro.",
                "The council said the harbour\n  would reopen on Friday.",
                "a quoted item that\n    runs on",
                "After."
            ]
        );
        // Nothing outside a quotation changes, and without one the text is
        // the input itself.
        assert_eq!(&parsed.text[..8], &input[..8]);
        let plain = "Intro.\n\nA line\nand > another.\n";
        assert!(matches!(Markdown.parse(plain).text, std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn blocks_of_a_small_document() {
        let input = "# Title\n\nSome *text* here.\nMore text.\n\n## Part\n\n- one item\n- `code only`\n- [ ] a task\n\n> quoted words\n\n```\n# not a heading\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`inline only`\n\n[ref]: https://example.invalid\n";
        assert_eq!(
            units(input),
            [
                (BlockKind::Title, "Title"),
                (BlockKind::Paragraph, "Some *text* here.\nMore text."),
                (BlockKind::Heading, "Part"),
                (BlockKind::ListItem, "one item"),
                (BlockKind::Code, "`code only`"),
                (BlockKind::ListItem, "a task"),
                (BlockKind::Quote, "quoted words"),
                (BlockKind::Code, "```\n# not a heading\n```"),
                (BlockKind::Table, "| a | b |\n|---|---|\n| 1 | 2 |"),
                (BlockKind::Code, "`inline only`"),
            ]
        );
    }

    #[test]
    fn a_later_level_one_heading_is_a_heading() {
        let input = "## Intro\n\nText.\n\n# Big\n\nMore.";
        assert_eq!(units(input)[0], (BlockKind::Heading, "Intro"));
        assert_eq!(units(input)[2], (BlockKind::Heading, "Big"));
    }

    #[test]
    fn sniffs_markdown_but_not_prose() {
        assert!(Markdown.sniff("# Tool\n\nIt works.\n\n```sh\nrun\n```\n"));
        assert!(Markdown.sniff("# Tool\n\nSee [the docs](https://example.invalid).\n"));
        assert!(Markdown.sniff("Tool\n====\n\n## Usage\n"));
        // A heading and a table whose delimiter row is indented.
        assert!(Markdown.sniff("Intro.\n\n## Usage\n\n| a | b |\n  |---|---|\n| 1 | 2 |\n"));
        assert!(Markdown.sniff("Intro\n\n```\ncode\n```\n\n| a | b |\n| --- | --- |\n"));
        for prose in [
            "``We will reopen on Friday,'' the harbour master said. ``Not before.''",
            "The harbour closed on Tuesday. Divers found a breach in the wall.",
            "#1 seed wins the final\n\nThe top seed won on Sunday.",
            "Scores: 3 - 1 | 2 - 2\n\nThe match ended in a draw.",
            "## not quite\n\nJust one mark here.",
        ] {
            assert!(!Markdown.sniff(prose), "{prose}");
        }
    }
}
