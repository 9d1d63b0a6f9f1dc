//! Main-content extraction: which blocks of a page are its content.
//!
//! One walk over the parsed DOM (html5ever through `scraper`) turns the page
//! into a flat list of text blocks, each owned by the block-level element
//! whose text it is, and an arena of the elements with their aggregates
//! (text and link characters). Then:
//!
//! 1. Elements that are boilerplate by their tag (`nav`, `aside`, `footer`,
//!    `form`, …) or by the words of their `class` and `id` (`comment`,
//!    `share`, `related`, `newsletter`, `cookie`, …) are set apart; scripts,
//!    styles and hidden elements are never read.
//! 2. Readability's scoring picks the element that holds the content: every
//!    paragraph of running text gives its ancestors points for its commas
//!    and length, each container's total is scaled by one minus its link
//!    density, and class and id words move it up or down. Siblings of the
//!    winner that score close to it, or are clean paragraphs, join it.
//! 3. Blocks of the chosen elements are kept unless they are boilerplate:
//!    inside a boilerplate element, mostly link text, or a short line of a
//!    known kind ("share this", "all rights reserved").
//! 4. Pages that are not articles (listings, forums, products) often have
//!    no one winner; when the chosen elements hold little of the page's
//!    clean text, every clean block of the page is kept instead.

use scraper::{Html, Node};

use super::meta::PageFacts;
use crate::BlockKind;

/// One block of extracted text.
#[derive(Clone, Debug)]
pub(crate) struct TextBlock {
    /// What it is.
    pub kind: BlockKind,
    /// Its text, white space collapsed (kept inside `pre`).
    pub text: String,
    /// The element path it came from (`html > body > div[2] > p[3]`).
    pub path: String,
}

/// The result of extracting a page.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    /// The content blocks, in page order.
    pub blocks: Vec<TextBlock>,
    /// What the walk saw of the page's metadata.
    pub facts: PageFacts,
}

/// Elements never read: their text is not page text.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
    "audio", "title", "select", "option", "button", "input", "textarea", "dialog",
];

/// Elements that start a block of their own.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "noscript",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "caption",
    "legend",
];

/// Elements that are boilerplate by their tag (a `noscript` holding much
/// of the page's text is its content for readers without scripts: see
/// [`LAYOUT_SHARE`]).
const BOILER_TAGS: &[&str] = &["nav", "aside", "footer", "form", "menu", "fieldset", "noscript"];

/// `class`/`id` words that mark boilerplate whatever else the element says.
const STRONG_NEGATIVE: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adsense",
    "sponsor",
    "sponsored",
    "promo",
    "popup",
    "modal",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "navbar",
    "nav",
    "navigation",
    "menu",
    "pagination",
    "pager",
    "recommended",
    "trending",
    "outbrain",
    "taboola",
    "signup",
    "paywall",
    "masthead",
    "toolbar",
    "byline",
    "tags",
    "tagcloud",
    "author-bio",
    "rss",
    "signature",
    "flair",
    "footnotes",
    "helpful",
];

/// `class` names that mark boilerplate only as whole names: as a part
/// they name layout ("overflow-hidden", "hero-banner", "hidden-xs").
const STRONG_NEGATIVE_NAMES: &[&str] = &[
    "hidden",
    "visually-hidden",
    "sr-only",
    "screen-reader-text",
    "print-only",
    "banner",
    "skip-link",
    "user-info",
    "userinfo",
    "user-details",
    "usertitle",
    "postprofile",
];

/// `class`/`id` words that lower an element's score.
const NEGATIVE: &[&str] = &[
    "meta", "footnote", "foot", "header", "sidebar", "aside", "promo", "teaser", "more", "related",
    "widget", "tag", "tags", "author", "bio", "contact", "caption", "credit", "extra", "links",
    "list", "shopping", "scroll", "login", "rail",
];

/// `class`/`id` words that raise an element's score.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
    "prose",
    "richtext",
    "markdown",
    "articlebody",
    "thread",
    "message",
];

/// Short lines that are furniture on any site (compared lower-cased).
const BOILER_PHRASES: &[&str] = &[
    "share this",
    "share on",
    "share via",
    "follow us",
    "sign up",
    "subscribe",
    "all rights reserved",
    "copyright ©",
    "© copyright",
    "cookie",
    "advertisement",
    "read more",
    "related articles",
    "related stories",
    "related posts",
    "click here",
    "skip to",
    "back to top",
    "print this",
    "email this",
    "newsletter",
    "log in",
    "sign in",
    "you may also like",
    "recommended for you",
    "more stories",
    "more from",
    "trending now",
    "loading...",
    "please enable javascript",
    "terms of service",
    "privacy policy",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "comments are closed",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "tweet",
    "pin it",
];

/// Lines that close an article without being part of it: who reported it,
/// where to follow the site; and a cookie notice's (compared lower-cased).
const END_MATTER: &[&str] = &[
    "reporting by",
    "contributed reporting",
    "contributed to this report",
    "editing by",
    "writing by",
    "if you enjoyed this",
    "like this story",
    "follow us on",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
];

/// Blocks at most this long are checked against [`END_MATTER`].
const END_MATTER_LINE: usize = 250;

/// A marked element holding at least this share of the page's text is
/// layout, not boilerplate.
const LAYOUT_SHARE: f32 = 0.4;

/// A hidden element holding at least this share of the page's text is
/// shown by the page's scripts.
const HIDDEN_SHARE: f32 = 0.5;

/// How many levels the winner may climb to hold a story in many parts.
const MAX_CLIMB: usize = 4;

/// A block at least this long, with few links, is running text.
const PROSE_CHARS: usize = 80;

/// How many levels above the winner siblings are looked for.
const MAX_SIBLING_LEVEL: usize = 2;

/// An article has at most this many date lines (a thread has one a post).
const MAX_DATELINES: usize = 3;

/// Chosen text shorter than this, beside a listing's many named links,
/// is the listing's introduction, not an article.
const LISTING_TEXT: usize = 1000;

/// A link at least this long names an item of a listing.
const LINK_NAME: usize = 25;

/// Blocks at most this long are checked against [`BOILER_PHRASES`].
const SHORT_LINE: usize = 80;

#[derive(Debug)]
struct Element<'a> {
    tag: &'a str,
    parent: usize,
    /// The index of this element's last descendant (elements are in
    /// pre-order, so the subtree is `self..=end`).
    end: usize,
    /// Position among the parent's children of the same tag, from 1.
    nth: u32,
    /// Boilerplate by its own tag, class or id (before the size check).
    marked: bool,
    /// Named by its class or id as a shop's furniture (reviews, a
    /// carousel, variant pickers): boilerplate on a product's page.
    shop: bool,
    /// A cookie or consent banner, or a dialog over the page: boilerplate
    /// whatever its size (a dialog holding the article's anchor excepted).
    overlay: Option<Overlay>,
    /// Hidden from readers, itself or through an ancestor (after the
    /// size check).
    hidden: bool,
    /// Boilerplate, itself or through an ancestor (after the size check).
    boiler: bool,
    /// Characters of all text in the subtree.
    all_chars: usize,
    /// Whether the subtree holds an anchor of the content: an `<article>`,
    /// `<main>`, `<h1>` or an `itemprop="articleBody"`.
    holds_anchor: bool,
    /// Whether the subtree holds the page's frame for its content: an
    /// `<article>`, `<main>` or an `itemprop="articleBody"` (a heading
    /// alone does not make one: a terms-of-service dialog in a footer has
    /// its own `<h1>`).
    holds_frame: bool,
    /// Score change from the tag and the class and id words.
    weight: f32,
    /// Characters of clean (non-boilerplate) text in the subtree.
    chars: usize,
    /// Of those, characters inside links.
    link_chars: usize,
    /// Readability score (accumulated from paragraphs below).
    score: f32,
    scored: bool,
    /// The class attribute (for the sibling rule).
    class: &'a str,
}

#[derive(Debug)]
struct RawBlock {
    kind: BlockKind,
    text: String,
    owner: usize,
    link_chars: usize,
    /// How many links were opened in it.
    links: usize,
    /// Characters of its longest link.
    longest_link: usize,
}

/// The links of the text being gathered into a block.
#[derive(Default)]
struct LinkTally {
    /// Bytes of the buffer inside links.
    bytes: usize,
    /// Links opened in it.
    count: usize,
    /// Where the outermost open link started in the buffer.
    start: usize,
    /// Bytes of the longest closed link.
    longest: usize,
    /// Whether a link is open.
    open: bool,
}

struct Frame {
    element: usize,
    block_owner: bool,
    kind: BlockKind,
    child_counts: Vec<(usize, u32)>,
}

/// Extracts the main content of a parsed page.
pub(crate) fn extract(document: &Html) -> Extracted {
    let mut walk = Walk::default();
    walk.run(document);
    let Walk { mut elements, blocks, facts, .. } = walk;
    let chosen = tidy(choose_blocks(&mut elements, &blocks), &blocks);
    let blocks = chosen
        .into_iter()
        .map(|index| {
            let block = &blocks[index];
            TextBlock {
                kind: block.kind,
                text: block.text.clone(),
                path: path(&elements, block.owner),
            }
        })
        .collect();
    Extracted { blocks, facts }
}

#[derive(Default)]
struct Walk<'a> {
    elements: Vec<Element<'a>>,
    blocks: Vec<RawBlock>,
    facts: PageFacts,
    tags: Vec<&'a str>,
}

impl<'a> Walk<'a> {
    fn tag_id(&mut self, tag: &'a str) -> usize {
        match self.tags.iter().position(|t| *t == tag) {
            Some(id) => id,
            None => {
                self.tags.push(tag);
                self.tags.len() - 1
            }
        }
    }

    fn run(&mut self, document: &'a Html) {
        use ego_tree::iter::Edge;
        let mut stack: Vec<Frame> = Vec::new();
        let mut buffer = String::new();
        // Bytes of the buffer inside links, the links opened in it and
        // the longest of them.
        let mut buffer_links = LinkTally::default();
        let mut pending_space = false;
        let mut link_depth = 0usize;
        let mut pre_depth = 0usize;
        // The skipped subtree being passed over: its depth, and what to
        // capture from it (`<title>`, JSON-LD).
        let mut skip_depth = 0usize;
        let mut capture: Option<(Capture, String)> = None;
        for edge in document.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(element) => {
                        let element: &'a scraper::node::Element = element;
                        let tag = element.name();
                        if skip_depth > 0 {
                            skip_depth += 1;
                            continue;
                        }
                        if tag == "meta" {
                            self.read_meta(element);
                            continue;
                        }
                        if tag == "link" {
                            if element
                                .attr("rel")
                                .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                            {
                                self.facts.canonical = element.attr("href").map(str::to_owned);
                            }
                            continue;
                        }
                        if tag == "html" && self.facts.lang.is_none() {
                            self.facts.lang = element.attr("lang").map(str::to_owned);
                        }
                        if tag == "time" && self.facts.time.is_none() {
                            self.facts.time = element.attr("datetime").map(str::to_owned);
                        }
                        // A hidden block may be shown by the page's scripts
                        // (a shop's whole product under `display:none` until
                        // they run): it is read, and set apart below unless
                        // it holds most of the page. Hidden inline text is
                        // never read.
                        let hidden = is_hidden(element);
                        if SKIPPED.contains(&tag) || (hidden && !BLOCK_TAGS.contains(&tag)) {
                            skip_depth = 1;
                            capture = match tag {
                                "title" if self.facts.title.is_none() => {
                                    Some((Capture::Title, String::new()))
                                }
                                "script"
                                    if element
                                        .attr("type")
                                        .is_some_and(|t| t.contains("ld+json")) =>
                                {
                                    Some((Capture::JsonLd, String::new()))
                                }
                                _ => None,
                            };
                            continue;
                        }
                        if tag == "br" {
                            if !buffer.is_empty() {
                                buffer.push('\n');
                            }
                            pending_space = false;
                            continue;
                        }
                        let index = self.elements.len();
                        let parent = stack.last().map_or(usize::MAX, |frame| frame.element);
                        let tag_id = self.tag_id(tag);
                        let nth = match stack.last_mut() {
                            Some(frame) => {
                                match frame.child_counts.iter_mut().find(|(t, _)| *t == tag_id) {
                                    Some((_, count)) => {
                                        *count += 1;
                                        *count
                                    }
                                    None => {
                                        frame.child_counts.push((tag_id, 1));
                                        1
                                    }
                                }
                            }
                            None => 1,
                        };
                        let class = element.attr("class").unwrap_or("");
                        let id = element.attr("id").unwrap_or("");
                        let (strong, weight) = class_words(tag, class, id, element.attr("role"));
                        let marked = strong || BOILER_TAGS.contains(&tag);
                        let shop = has_word(class, SHOP_FURNITURE) || has_word(id, SHOP_FURNITURE);
                        let overlay = overlay_of(tag, class, id, element);
                        self.elements.push(Element {
                            tag,
                            parent,
                            end: index,
                            nth,
                            marked,
                            shop,
                            overlay,
                            hidden,
                            boiler: false,
                            all_chars: 0,
                            holds_anchor: false,
                            holds_frame: false,
                            weight: weight + tag_weight(tag),
                            chars: 0,
                            link_chars: 0,
                            score: 0.0,
                            scored: false,
                            class,
                        });
                        let frame = matches!(tag, "article" | "main")
                            || element
                                .attr("itemprop")
                                .is_some_and(|p| p.eq_ignore_ascii_case("articlebody"));
                        if frame || tag == "h1" {
                            let mut at = index;
                            while at != usize::MAX
                                && !(self.elements[at].holds_anchor
                                    && (self.elements[at].holds_frame || !frame))
                            {
                                self.elements[at].holds_anchor = true;
                                self.elements[at].holds_frame |= frame;
                                at = self.elements[at].parent;
                            }
                        }
                        let block_owner = BLOCK_TAGS.contains(&tag);
                        let outer_kind = stack.last().map_or(BlockKind::Paragraph, |f| f.kind);
                        if block_owner {
                            self.flush(&stack, &mut buffer, &mut buffer_links);
                            pending_space = false;
                        }
                        if tag == "a" {
                            if link_depth == 0 {
                                buffer_links.start = buffer.len();
                                buffer_links.open = true;
                            }
                            link_depth += 1;
                            buffer_links.count += 1;
                        }
                        if tag == "pre" {
                            pre_depth += 1;
                        }
                        let kind = if block_owner { kind_of(tag, outer_kind) } else { outer_kind };
                        stack.push(Frame {
                            element: index,
                            block_owner,
                            kind,
                            child_counts: Vec::new(),
                        });
                    }
                    Node::Text(text) => {
                        if skip_depth > 0 {
                            if let Some((_, captured)) = capture.as_mut() {
                                captured.push_str(&text[..]);
                            }
                            continue;
                        }
                        let before = buffer.len();
                        if pre_depth > 0 {
                            buffer.push_str(&text[..]);
                        } else {
                            for c in text[..].chars() {
                                if c.is_whitespace() {
                                    pending_space = true;
                                } else {
                                    if pending_space
                                        && !buffer.is_empty()
                                        && !buffer.ends_with('\n')
                                    {
                                        buffer.push(' ');
                                    }
                                    pending_space = false;
                                    buffer.push(c);
                                }
                            }
                        }
                        if link_depth > 0 {
                            buffer_links.bytes += buffer.len() - before;
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    let Node::Element(element) = node.value() else { continue };
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        if skip_depth == 0
                            && let Some((what, text)) = capture.take()
                        {
                            match what {
                                Capture::Title => self.facts.title = Some(text),
                                Capture::JsonLd => self.facts.json_ld.push(text),
                            }
                        }
                        continue;
                    }
                    let tag = element.name();
                    if matches!(tag, "meta" | "link" | "br") {
                        continue;
                    }
                    let Some(frame) = stack.last() else { continue };
                    if frame.block_owner {
                        self.flush(&stack, &mut buffer, &mut buffer_links);
                        pending_space = false;
                    } else if matches!(tag, "span" | "a" | "b" | "i" | "em" | "strong") {
                        // Inline elements keep their text together with
                        // what follows; nothing to do.
                    }
                    if tag == "a" {
                        link_depth = link_depth.saturating_sub(1);
                        if link_depth == 0 && buffer_links.open {
                            let length = buffer.len().saturating_sub(buffer_links.start);
                            buffer_links.longest = buffer_links.longest.max(length);
                            buffer_links.open = false;
                        }
                    }
                    if tag == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if let Some(frame) = stack.pop() {
                        let last = self.elements.len() - 1;
                        self.elements[frame.element].end = last;
                    }
                }
            }
        }
        self.flush(&stack, &mut buffer, &mut buffer_links);
        // A marked element is boilerplate unless it holds much of the
        // page's text or the article itself: then the mark names a layout
        // ("page-with-sidebar" around the article, a form around the whole
        // page), not furniture.
        for block in &self.blocks {
            let n_chars = block.text.chars().count();
            let mut at = block.owner;
            while at != usize::MAX {
                self.elements[at].all_chars += n_chars;
                at = self.elements[at].parent;
            }
        }
        let all_chars = self.elements.first().map_or(0, |root| root.all_chars);
        // A hidden element that holds most of the page's text is the page,
        // waiting for its scripts; any other is not read.
        let mut page_chars = all_chars;
        for index in 0..self.elements.len() {
            let parent = self.elements[index].parent;
            let inherited = parent != usize::MAX && self.elements[parent].hidden;
            let element = &mut self.elements[index];
            element.hidden = inherited
                || (element.hidden && (element.all_chars as f32) < HIDDEN_SHARE * all_chars as f32);
            if element.hidden && !inherited {
                page_chars -= element.all_chars;
            }
        }
        let product = is_product_page(&self.facts);
        for index in 0..self.elements.len() {
            let parent = self.elements[index].parent;
            let inherited = parent != usize::MAX && self.elements[parent].boiler;
            let element = &mut self.elements[index];
            let overlay = match element.overlay {
                Some(Overlay::Consent) => true,
                Some(Overlay::Dialog) => !element.holds_anchor,
                Some(Overlay::Furniture) => !element.holds_frame,
                None => false,
            };
            element.boiler = inherited
                || element.hidden
                || overlay
                || (product && element.shop && !element.holds_anchor)
                || (element.marked
                    && !element.holds_anchor
                    && (element.all_chars as f32) < LAYOUT_SHARE * page_chars as f32);
        }
        // Aggregate clean text upwards.
        for block in &self.blocks {
            let mut at = block.owner;
            if self.elements[at].boiler {
                continue;
            }
            while at != usize::MAX {
                let element = &mut self.elements[at];
                element.chars += block.text.chars().count();
                element.link_chars += block.link_chars;
                at = element.parent;
            }
        }
    }

    fn read_meta(&mut self, element: &scraper::node::Element) {
        let Some(content) = element.attr("content") else { return };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(name) = element.attr(key) {
                self.facts.metas.push((name.trim().to_ascii_lowercase(), content.to_owned()));
            }
        }
    }

    fn flush(&mut self, stack: &[Frame], buffer: &mut String, buffer_links: &mut LinkTally) {
        let text = buffer.trim();
        if !text.is_empty()
            && let Some(frame) = stack.iter().rev().find(|frame| frame.block_owner)
        {
            let mut kind = frame.kind;
            if kind == BlockKind::Table && text.len() > 150 {
                kind = BlockKind::Paragraph;
            }
            if kind != BlockKind::Code && credits_a_picture(text) {
                kind = BlockKind::Caption;
            }
            let text = text.to_owned();
            // Link text was counted in bytes of the buffer; the aggregates
            // count chars, so scale to the char count.
            let n_chars = text.chars().count();
            let link_bytes = buffer_links.bytes.min(text.len());
            let link_chars = link_bytes * n_chars / text.len();
            // A link still open at the flush counts up to here.
            let mut longest = buffer_links.longest;
            if buffer_links.open {
                longest = longest.max(buffer.len().saturating_sub(buffer_links.start));
            }
            let longest_link = longest.min(text.len()) * n_chars / text.len();
            let links = buffer_links.count;
            self.blocks.push(RawBlock {
                kind,
                text,
                owner: frame.element,
                link_chars,
                links,
                longest_link,
            });
        }
        buffer.clear();
        *buffer_links = LinkTally { open: buffer_links.open, ..LinkTally::default() };
    }
}

enum Capture {
    Title,
    JsonLd,
}

/// Whether an element is hidden from readers.
fn is_hidden(element: &scraper::node::Element) -> bool {
    // React streams a server-rendered part of the page as `<div hidden
    // id="S:1">` and its script moves it into place.
    if element.attr("hidden").is_some() && !element.id().is_some_and(|id| id.starts_with("S:")) {
        return true;
    }
    if element.attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String =
            style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        // `visibility:hidden` on a page's wrapper hides it until its
        // scripts have run; only `display:none` takes an element away.
        style.contains("display:none")
    })
}

/// The block kind of a block-level element inside a block of `outer` kind.
fn kind_of(tag: &str, outer: BlockKind) -> BlockKind {
    match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "pre" => BlockKind::Code,
        "figcaption" | "caption" => BlockKind::Caption,
        _ if matches!(
            outer,
            BlockKind::Code
                | BlockKind::Quote
                | BlockKind::Caption
                | BlockKind::ListItem
                | BlockKind::Table
        ) =>
        {
            outer
        }
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "td" | "th" => BlockKind::Table,
        _ => BlockKind::Paragraph,
    }
}

/// Whether a short block credits a picture ("Photo: Ana Ruiz, AP",
/// "(Image: Getty)", "Image copyright Reuters", "Image 2 of 5").
fn credits_a_picture(text: &str) -> bool {
    const CREDITS: &[&str] = &[
        "photo:",
        "photo by",
        "photos:",
        "photograph:",
        "image:",
        "image copyright",
        "image credit",
        "image caption",
        "picture:",
        "credit:",
        "getty images",
        "(ap photo",
        "file photo",
        "in this photo",
        "photo provided",
        "photo courtesy",
        ", left, ",
        ", right, ",
        "shutterstock",
    ];
    if text.len() > 300 {
        return false;
    }
    let lower = text.to_lowercase();
    if CREDITS.iter().any(|credit| lower.contains(credit)) {
        return true;
    }
    // "Image 2 of 5", "Photo 3 of 12": a gallery's counter.
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() == 4
        && matches!(words[0], "image" | "photo" | "picture" | "slide")
        && words[1].parse::<u32>().is_ok()
        && words[2] == "of"
        && words[3].parse::<u32>().is_ok()
}

/// Readability's start score of a candidate by its tag.
fn tag_weight(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Whether the class, id and role mark boilerplate outright, and the score
/// change they bring.
fn class_words(tag: &str, class: &str, id: &str, role: Option<&str>) -> (bool, f32) {
    if let Some(role) = role {
        if matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert"
        ) {
            return (true, -25.0);
        }
        if role == "main" || role == "article" {
            return (false, 25.0);
        }
    }
    // The page's own frame is never boilerplate by its classes: a body
    // class names the layout ("has-sidebar"), not the element.
    let frame = matches!(tag, "html" | "body" | "main" | "article");
    let mut weight = 0.0;
    let mut strong = false;
    for attribute in [class, id] {
        if attribute.is_empty() {
            continue;
        }
        let lower = attribute.to_ascii_lowercase();
        let (mut negative, mut positive) = (false, false);
        for token in lower.split_whitespace() {
            // Whole names first ("author-bio"), then their parts.
            if STRONG_NEGATIVE.contains(&token) || STRONG_NEGATIVE_NAMES.contains(&token) {
                strong = true;
            }
            for word in token.split(['-', '_']).filter(|w| !w.is_empty()) {
                if STRONG_NEGATIVE.contains(&word) {
                    strong = true;
                }
                if NEGATIVE.contains(&word) || STRONG_NEGATIVE.contains(&word) {
                    negative = true;
                }
                if POSITIVE.contains(&word) {
                    positive = true;
                }
            }
        }
        if negative {
            weight -= 25.0;
        }
        if positive {
            weight += 25.0;
        }
    }
    (strong && !frame, weight)
}

/// What kind of layer over the page an element is.
#[derive(Clone, Copy, Debug)]
enum Overlay {
    /// A cookie or consent banner.
    Consent,
    /// A dialog, modal or pop-up.
    Dialog,
    /// A footer or a block of related links: furniture, never the layout
    /// around the article, however much text it holds.
    Furniture,
}

/// `class`/`id` words of a cookie or consent banner.
const CONSENT_WORDS: &[&str] = &["cookie", "cookies", "consent", "gdpr", "onetrust", "cookiebot"];

/// `class`/`id` words of a dialog over the page.
const DIALOG_WORDS: &[&str] = &["modal", "popup", "lightbox"];

/// Whether an element is a layer over the page (the page's own frame
/// never is).
fn overlay_of(
    tag: &str,
    class: &str,
    id: &str,
    element: &scraper::node::Element,
) -> Option<Overlay> {
    if matches!(tag, "html" | "body" | "main" | "article") {
        return None;
    }
    let mut words = [class, id]
        .into_iter()
        .flat_map(|attribute| attribute.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|word| !word.is_empty());
    let mut dialog =
        element.attr("role").is_some_and(|role| matches!(role, "dialog" | "alertdialog"))
            || element.attr("aria-modal").is_some_and(|modal| modal == "true");
    for word in words.by_ref() {
        let word = word.to_ascii_lowercase();
        if CONSENT_WORDS.contains(&word.as_str()) {
            return Some(Overlay::Consent);
        }
        dialog |= DIALOG_WORDS.contains(&word.as_str());
    }
    if dialog {
        return Some(Overlay::Dialog);
    }
    let furniture = tag == "footer"
        || [class, id]
            .into_iter()
            .flat_map(|attribute| attribute.split(|c: char| !c.is_ascii_alphanumeric()))
            .any(|word| FURNITURE_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)));
    furniture.then_some(Overlay::Furniture)
}

/// `class`/`id` words of a shop's furniture around a product: its
/// reviews, carousels of other products and pickers of its variants.
const SHOP_FURNITURE: &[&str] = &["review", "reviews", "ratings", "carousel"];

/// Whether an attribute holds one of `words` as a word of its names
/// (split at anything but letters and digits; compared lower-cased).
fn has_word(attribute: &str, words: &[&str]) -> bool {
    attribute
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| words.iter().any(|w| word.eq_ignore_ascii_case(w)))
}

/// Whether the page is a product's: its Open Graph type says so, or,
/// without one, its JSON-LD has a `"@type": "Product"`.
pub(super) fn is_product_page(facts: &PageFacts) -> bool {
    if let Some((_, kind)) = facts.metas.iter().find(|(key, _)| key == "og:type") {
        return kind.trim().to_ascii_lowercase().starts_with("product");
    }
    facts.json_ld.iter().any(|script| {
        script.match_indices("\"@type\"").any(|(at, key)| {
            let rest = script[at + key.len()..].trim_start();
            let Some(rest) = rest.strip_prefix(':') else { return false };
            let rest = rest.trim_start();
            let rest = rest.strip_prefix('[').map_or(rest, str::trim_start);
            rest.starts_with("\"Product\"")
        })
    })
}

/// `class`/`id` words of a page's furniture that is never its layout.
const FURNITURE_WORDS: &[&str] = &["footer", "related"];

/// Characters that separate clauses (commas in several scripts).
fn n_commas(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count()
}

fn link_density(element: &Element<'_>) -> f32 {
    if element.chars == 0 { 0.0 } else { element.link_chars as f32 / element.chars as f32 }
}

fn block_link_density(block: &RawBlock) -> f32 {
    let n = block.text.chars().count();
    if n == 0 { 0.0 } else { block.link_chars as f32 / n as f32 }
}

/// Picks the content blocks; returns their indices in page order.
fn choose_blocks(elements: &mut [Element<'_>], blocks: &[RawBlock]) -> Vec<usize> {
    if elements.is_empty() {
        return Vec::new();
    }
    // 1. Score: each paragraph gives its ancestors points.
    let mut candidates: Vec<usize> = Vec::new();
    for block in blocks {
        if elements[block.owner].boiler || block.kind == BlockKind::Heading {
            continue;
        }
        let n_chars = block.text.chars().count();
        if n_chars < 25 || block_link_density(block) > 0.5 {
            continue;
        }
        let points = 1.0 + n_commas(&block.text) as f32 + (n_chars as f32 / 100.0).min(3.0);
        let mut at = elements[block.owner].parent;
        let mut level = 0;
        while at != usize::MAX && level < 5 {
            let element = &mut elements[at];
            if !element.scored {
                element.scored = true;
                element.score = element.weight;
                candidates.push(at);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            element.score += points / divider;
            at = element.parent;
            level += 1;
        }
    }
    let clean: Vec<usize> = (0..blocks.len()).filter(|&i| is_clean(elements, &blocks[i])).collect();
    let total_chars: usize = clean.iter().map(|&i| blocks[i].text.chars().count()).sum();
    let final_score = |e: &Element<'_>| e.score * (1.0 - link_density(e));
    let Some(mut top) = candidates
        .iter()
        .copied()
        .filter(|&c| !elements[c].boiler)
        .max_by(|&a, &b| final_score(&elements[a]).total_cmp(&final_score(&elements[b])))
    else {
        // No running text at all: a listing of links, kept as the
        // fallback below keeps one.
        return (0..blocks.len())
            .filter(|&i| is_clean(elements, &blocks[i]) || is_named_link(elements, &blocks[i]))
            .collect();
    };
    // 2. A parent that scores more than the winner, or holds most of the
    // winner's close rivals, is the real container.
    let top_score = final_score(&elements[top]);
    let mut rivals: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&c| {
            c != top && !elements[c].boiler && final_score(&elements[c]) >= 0.75 * top_score
        })
        .collect();
    rivals.truncate(8);
    if rivals.len() >= 3 {
        let mut at = elements[top].parent;
        while at != usize::MAX && elements[at].tag != "body" {
            let contains = rivals.iter().filter(|&&r| at <= r && r <= elements[at].end).count();
            if contains >= 3 {
                top = at;
                break;
            }
            at = elements[at].parent;
        }
    }
    let mut last_score = final_score(&elements[top]);
    let mut at = elements[top].parent;
    while at != usize::MAX && elements[at].tag != "body" {
        if !elements[at].scored {
            at = elements[at].parent;
            continue;
        }
        let score = final_score(&elements[at]);
        if score < last_score / 3.0 {
            break;
        }
        if score > last_score {
            top = at;
            last_score = score;
        }
        at = elements[at].parent;
    }
    // A story split into many small parts (a page builder's blocks): the
    // winner's ancestor that holds clearly more running text, and is
    // itself 60% running text with few links, is the story.
    let mut prose = vec![0usize; elements.len()];
    for block in blocks {
        let n_chars = block.text.chars().count();
        if is_clean(elements, block)
            && block.kind != BlockKind::Heading
            && n_chars >= PROSE_CHARS
            && block_link_density(block) < 0.25
        {
            let mut at = block.owner;
            while at != usize::MAX {
                prose[at] += n_chars;
                at = elements[at].parent;
            }
        }
    }
    let mut at = elements[top].parent;
    for _ in 0..MAX_CLIMB {
        if at == usize::MAX || matches!(elements[at].tag, "body" | "html") {
            break;
        }
        let element = &elements[at];
        if prose[at] * 10 >= prose[top] * 13
            && prose[at] * 10 >= element.chars * 6
            && link_density(element) < 0.2
        {
            top = at;
        }
        at = element.parent;
    }
    // 3. Siblings that score close to the winner, or are clean paragraphs;
    // then siblings of its parent and grandparent that score as well (a
    // story split into several columns or sections).
    let top_score = final_score(&elements[top]);
    let threshold = (top_score * 0.2).max(10.0);
    let mut roots = vec![top];
    let mut anchor = top;
    for level in 0..=MAX_SIBLING_LEVEL {
        let parent = elements[anchor].parent;
        if parent == usize::MAX || (level > 0 && matches!(elements[parent].tag, "body" | "html")) {
            break;
        }
        let mut child = parent + 1;
        while child <= elements[parent].end {
            let element = &elements[child];
            if child != anchor && !element.boiler {
                let bonus = if !element.class.is_empty() && element.class == elements[anchor].class
                {
                    top_score * 0.2
                } else {
                    0.0
                };
                let mut join = element.scored && final_score(element) + bonus >= threshold;
                if level > 0 {
                    join &= link_density(element) < 0.3;
                } else if !join && element.tag == "p" {
                    let density = link_density(element);
                    join = (element.chars > 80 && density < 0.25)
                        || (element.chars > 0 && density == 0.0 && sentence_like(blocks, child));
                }
                if join {
                    roots.push(child);
                }
            }
            child = element.end + 1;
        }
        anchor = parent;
    }
    // A story in several parts far apart in the markup (each part in its
    // own section of a page builder): elements of the winner's tag and
    // class elsewhere, scoring as a sibling would and mostly running text,
    // are parts too.
    let class = elements[top].class;
    if !class.is_empty() {
        let tag = elements[top].tag;
        let bonus = top_score * 0.2;
        let mut at = 0;
        while at < elements.len() {
            let element = &elements[at];
            let within = roots.iter().any(|&r| r <= at && at <= elements[r].end);
            if !within
                && element.tag == tag
                && element.class == class
                && !element.boiler
                && element.scored
                && final_score(element) + bonus >= threshold
                && link_density(element) < 0.3
                && prose[at] * 10 >= element.chars * 6
            {
                roots.push(at);
                at = element.end + 1;
            } else {
                at += 1;
            }
        }
    }
    let inside = |owner: usize| roots.iter().any(|&r| r <= owner && owner <= elements[r].end);
    let mut chosen: Vec<usize> =
        clean.iter().copied().filter(|&i| inside(blocks[i].owner)).collect();
    let chosen_chars: usize = chosen.iter().map(|&i| blocks[i].text.chars().count()).sum();
    // 4. Not an article: keep every clean block.
    // A listing's items are links: their names count as the page's text.
    let listed_chars: usize = (0..blocks.len())
        .filter(|&i| is_named_link(elements, &blocks[i]) && !is_clean(elements, &blocks[i]))
        .map(|i| blocks[i].text.chars().count())
        .sum::<usize>()
        + total_chars;
    if (chosen_chars * 3 < total_chars
        || (chosen_chars < LISTING_TEXT && chosen_chars * 3 < listed_chars))
        && chosen_chars < 3000
    {
        // The smallest container of the winner that holds half the page's
        // clean text (a listing's grid, a thread), or the whole page.
        let mut at = top;
        while at != usize::MAX && elements[at].chars * 2 < total_chars {
            at = elements[at].parent;
        }
        // A listing's items are links: inside the container, a long link
        // (a product's or a story's name) is content too.
        let (start, end) = if at == usize::MAX { (0, usize::MAX) } else { (at, elements[at].end) };
        return (0..blocks.len())
            .filter(|&i| {
                let block = &blocks[i];
                start <= block.owner
                    && block.owner <= end
                    && (is_clean(elements, block) || is_named_link(elements, block))
            })
            .collect();
    }
    // Teasers of other stories (their first lines cut off with an
    // ellipsis) after an article's own running text are a list of links
    // to elsewhere: from the first teaser on, when the article's text
    // comes before it and the teasers outweigh what else follows (a
    // listing's teasers come with its own entries around them).
    if chosen.iter().filter(|&&i| is_teaser(&blocks[i].text)).count() >= MIN_TEASERS
        && let Some(first) = chosen.iter().position(|&i| is_teaser(&blocks[i].text))
    {
        let prose = |range: &[usize]| -> usize {
            range
                .iter()
                .filter(|&&i| !is_teaser(&blocks[i].text) && blocks[i].kind != BlockKind::Heading)
                .map(|&i| blocks[i].text.chars().count())
                .filter(|&n| n >= PROSE_CHARS)
                .sum()
        };
        let teased: usize = chosen[first..]
            .iter()
            .filter(|&&i| is_teaser(&blocks[i].text))
            .map(|&i| blocks[i].text.chars().count())
            .sum();
        if prose(&chosen[..first]) >= ARTICLE_TEXT && prose(&chosen[first..]) * 2 <= teased {
            let tail: Vec<usize> = chosen.split_off(first);
            chosen.extend(tail.into_iter().filter(|&i| !is_teaser(&blocks[i].text)));
        }
    }
    // An article's date lines ("Updated Nov 19, 6:55 AM", "Posted on
    // March 30, 2015 by Admin") are its metadata, not its text; a thread
    // dates each of its posts.
    let datelines = chosen.iter().filter(|&&i| is_dateline(&blocks[i].text)).count();
    if datelines <= MAX_DATELINES {
        chosen.retain(|&i| !is_dateline(&blocks[i].text));
    }
    chosen
}

/// Whether a block is a teaser: a story's first lines cut off with an
/// ellipsis ("... officials said the wall would..."; not a line that
/// trails off after a word of its own, such as a quote's "and so...").
fn is_teaser(text: &str) -> bool {
    let trimmed = text.trim_end();
    let cut = trimmed.strip_suffix("...").or_else(|| trimmed.strip_suffix('…'));
    cut.is_some_and(|rest| !rest.ends_with('.') || rest.ends_with("...."))
        && text.chars().count() >= TEASER_CHARS
}

/// A teaser is at least this long.
const TEASER_CHARS: usize = 60;

/// A list of teasers has at least this many.
const MIN_TEASERS: usize = 3;

/// Running text of its own, at least this long, makes the chosen blocks an
/// article.
const ARTICLE_TEXT: usize = 1000;

/// Whether a short line is a date, a time or both with a few words
/// around them (not a quoted post's signature: "— Name (@name) May 1, 2019").
fn is_dateline(text: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ];
    if text.chars().count() > 70 || text.starts_with(['—', '–', '-']) {
        return false;
    }
    let (mut month, mut year, mut time, mut numeric, mut words) = (false, false, false, false, 0);
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '(' | ')'))
    {
        let token = token.trim_matches(|c: char| matches!(c, '.' | ':' | '/' | '-'));
        if token.is_empty() {
            continue;
        }
        let lower = token.to_lowercase();
        let digits = token.chars().filter(char::is_ascii_digit).count();
        if MONTHS.contains(&lower.as_str()) {
            month = true;
        } else if digits == token.len() {
            year |= digits == 4 && (token.starts_with("19") || token.starts_with("20"));
        } else if digits > 0 && token.contains(':') {
            time = true;
        } else if digits >= 4
            && token.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
        {
            numeric = true;
        } else if !matches!(lower.as_str(), "am" | "pm" | "a.m" | "p.m" | "at" | "on" | "by") {
            words += 1;
        }
    }
    ((month && (year || time)) || numeric) && words <= 5
}

/// Headings that open a page's furniture: what follows them is not the
/// article (compared lower-cased, as the heading's start).
const FURNITURE_HEADINGS: &[&str] = &[
    "related",
    "more from",
    "more stories",
    "more news",
    "more on",
    "read more",
    "read next",
    "recommended",
    "you may also like",
    "you might also like",
    "popular",
    "most read",
    "most popular",
    "trending",
    "latest news",
    "latest stories",
    "comments",
    "leave a comment",
    "leave a reply",
    "share this",
    "tags",
    "categories",
    "about the author",
    "sponsored",
    "advertisement",
    "newsletter",
    "sign up",
    "join the conversation",
    "editor's picks",
];

/// The chosen blocks without repeated captions (a slideshow's) and without the tail after a furniture heading ("Related
/// stories") when most of the text comes before it.
fn tidy(chosen: Vec<usize>, blocks: &[RawBlock]) -> Vec<usize> {
    let total: usize = chosen.iter().map(|&i| blocks[i].text.len()).sum();
    let mut seen = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(chosen.len());
    let mut before = 0;
    for index in chosen {
        let block = &blocks[index];
        if block.kind == BlockKind::Heading && block.text.len() < 50 && before * 10 >= total * 6 {
            let lower = block.text.to_lowercase();
            if FURNITURE_HEADINGS.iter().any(|heading| lower.starts_with(heading)) {
                break;
            }
        }
        before += block.text.len();
        // A caption shown twice is a slideshow's; any longer block shown
        // twice is a copy (a gallery's, a layout's for small screens).
        let count = seen.entry(block.text.as_str()).or_insert(0usize);
        *count += 1;
        if *count > 1
            && ((block.text.len() > 10 && block.kind == BlockKind::Caption)
                || block.text.len() > 40)
        {
            continue;
        }
        kept.push(index);
    }
    kept
}

/// Whether an element's text reads as a sentence (ends like one).
fn sentence_like(blocks: &[RawBlock], element: usize) -> bool {
    blocks.iter().any(|b| b.owner == element && b.text.ends_with(['.', '!', '?', '。']))
}

/// Whether a block is made of long links outside boilerplate: an item of
/// a listing (a tag cloud's or a share bar's links are short).
fn is_named_link(elements: &[Element<'_>], block: &RawBlock) -> bool {
    !elements[block.owner].boiler
        && (block.link_chars >= LINK_NAME * block.links.max(1)
            || (block.longest_link >= LINK_NAME
                && block.link_chars * 2 >= block.text.chars().count()))
        && !BOILER_PHRASES.iter().any(|phrase| block.text.to_lowercase().contains(phrase))
}

/// Whether a block can be content at all.
fn is_clean(elements: &[Element<'_>], block: &RawBlock) -> bool {
    if elements[block.owner].boiler {
        return false;
    }
    let n_chars = block.text.chars().count();
    if block_link_density(block) > 0.5 && block.kind != BlockKind::Heading {
        return false;
    }
    if n_chars <= END_MATTER_LINE {
        let lower = block.text.to_lowercase();
        if n_chars <= SHORT_LINE && BOILER_PHRASES.iter().any(|phrase| lower.contains(phrase)) {
            return false;
        }
        if END_MATTER.iter().any(|phrase| lower.contains(phrase)) {
            return false;
        }
    }
    true
}

/// The element path of an element: `html > body > div[2] > p`.
fn path(elements: &[Element<'_>], mut at: usize) -> String {
    let mut parts = Vec::new();
    while at != usize::MAX {
        let element = &elements[at];
        parts.push(if element.nth > 1 {
            format!("{}[{}]", element.tag, element.nth)
        } else {
            element.tag.to_owned()
        });
        at = element.parent;
    }
    parts.reverse();
    parts.join(" > ")
}
