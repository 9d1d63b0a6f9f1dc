//! HTML: a web page's main content as blocks, with its metadata.
//!
//! The page is parsed by html5ever (through `scraper`), a parser that
//! follows the HTML standard, so broken markup reads as a browser reads it.
//! `extract` finds the main content and drops navigation, banners, share
//! bars, related links, comments and footers; each kept element becomes one
//! block (paragraph, heading, list item, quote, caption, code, table row)
//! with its element path as its [`Origin`]. `meta` reads
//! the title, author, date, site name, canonical URL and language.
//!
//! The text is owned: the page's title (as a [`BlockKind::Title`] block)
//! then each block, separated by blank lines. Bytes are decoded by
//! [`decode_html`] (byte-order mark, HTTP header, `<meta charset>`, then
//! detection) before parsing.

mod charset;
mod extract;
mod meta;

use std::borrow::Cow;

use scraper::Html as Dom;

pub use charset::{CharsetSource, decode_html, sniff_encoding};

use crate::{Block, BlockKind, Format, Metadata, Origin, Parsed, Span};

/// HTML and XHTML pages.
///
/// ```
/// use abridge_formats::{Format, Html};
///
/// let page = "<html><body><nav>Home | News</nav><article><p>The harbour closed on Tuesday after the storm broke the sea wall.</p></article></body></html>";
/// let parsed = Html.parse(page);
/// assert!(parsed.text.contains("The harbour closed") && !parsed.text.contains("Home | News"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Html;

impl Format for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml", "shtml"]
    }

    fn sniff(&self, head: &str) -> bool {
        looks_like_html(head)
    }

    fn parse<'a>(&self, input: &'a str) -> Parsed<'a> {
        let page = Page::parse(input);
        let mut text = String::new();
        let mut blocks = Vec::new();
        let mut origins = Vec::new();
        let mut push = |kind: BlockKind, body: &str, origin: Origin| {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(body);
            blocks.push(Block::new(kind, Span::new(start, text.len())));
            origins.push(origin);
        };
        if let Some(title) = &page.metadata.title {
            push(BlockKind::Title, title, Origin::default());
        }
        for block in &page.blocks {
            let origin = Origin { path: Some(block.path.clone()), ..Origin::default() };
            push(block.kind, &block.text, origin);
        }
        Parsed { text: Cow::Owned(text), blocks: Some(blocks), origins, metadata: page.metadata }
    }
}

/// A page's content blocks and metadata.
#[derive(Debug)]
struct Page {
    blocks: Vec<extract::TextBlock>,
    metadata: Metadata,
}

impl Page {
    fn parse(input: &str) -> Page {
        let dom = parse_dom(input);
        let extracted = extract::extract(&dom);
        let metadata = meta::metadata(&extracted.facts);
        let title = metadata.title.as_deref().map(title_key);
        // A heading that repeats the title is the title, not content.
        let blocks = extracted
            .blocks
            .into_iter()
            .filter(|block| {
                block.kind != BlockKind::Heading
                    || title
                        .as_deref()
                        .is_none_or(|title| !same_title(title, &title_key(&block.text)))
            })
            .collect();
        Page { blocks, metadata }
    }
}

/// Parses a page as a browser without scripts would: the content of
/// `<noscript>` is markup, not raw text. Pages built by scripts (forums,
/// shops) often put their whole text there for readers and crawlers that
/// do not run them.
fn parse_dom(input: &str) -> Dom {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::parse_document(scraper::HtmlTreeSink::new(Dom::new_document()), opts).one(input)
}

/// A title reduced for comparison: lower case, letters and digits only.
fn title_key(title: &str) -> String {
    title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether a heading's key and a title's key name the same title: equal, or
/// one holds the other (a title with the site's name after it).
fn same_title(title: &str, heading: &str) -> bool {
    if heading.is_empty() {
        return false;
    }
    title == heading
        || (heading.len().min(title.len()) >= 12
            && (title.contains(heading) || heading.contains(title)))
}

/// The main content of a page as plain text, blocks separated by blank
/// lines, without the title and the captions (which are blocks of the
/// parsed page, but never summary candidates): what main-content
/// benchmarks score.
///
/// ```
/// use abridge_formats::html::main_text;
///
/// let page = "<html><body><article><p>The harbour closed on Tuesday after the storm broke the sea wall.</p></article><footer>Contact us</footer></body></html>";
/// assert!(main_text(page).starts_with("The harbour closed"));
/// ```
pub fn main_text(input: &str) -> String {
    let page = Page::parse(input);
    let texts: Vec<&str> = page
        .blocks
        .iter()
        .filter(|block| block.kind != BlockKind::Caption)
        .map(|block| block.text.as_str())
        .collect();
    texts.join("\n\n")
}

/// Whether the start of an input is HTML markup: a doctype, an `<html>`,
/// `<head>` or `<body>` tag (after white space, a byte-order mark, an XML
/// declaration or comments). Prose that mentions a tag does not start
/// with one.
///
/// ```
/// use abridge_formats::html::looks_like_html;
///
/// assert!(looks_like_html("<!DOCTYPE html>\n<html>"));
/// assert!(!looks_like_html("The <html> tag opens a page."));
/// ```
pub fn looks_like_html(head: &str) -> bool {
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    for _ in 0..16 {
        let lower: String = rest.chars().take(16).collect::<String>().to_ascii_lowercase();
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.starts_with("<head")
            || lower.starts_with("<body")
        {
            return true;
        }
        let skip = if lower.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else if lower.starts_with("<?xml") || lower.starts_with("<!doctype") {
            rest.find('>').map(|end| end + 1)
        } else {
            None
        };
        match skip {
            Some(end) => rest = rest[end..].trim_start(),
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests;
