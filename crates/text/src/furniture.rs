//! Page furniture: lines of a scraped page that are not part of the article.
//!
//! Web pages carry sponsor lines ("Powered by"), image captions with photo
//! credits, and promotions ("Click here to join our channel"). None of them
//! should ever be chosen for a summary. A unit is *furniture* when one of
//! these general, documented rules holds:
//!
//! 1. **Call to action**: it contains a stock phrase of page chrome
//!    ("click here", "scroll down for", "sign up for", "all rights
//!    reserved", …), or it opens with an imperative of page chrome (click,
//!    tap, subscribe, follow, join, share, download, …) and names a channel,
//!    newsletter, app, platform, `@handle` or link.
//! 2. **Promotion marker**: it opens with a pictographic emoji (📣, 👉, 🔔, …).
//!    News prose does not.
//! 3. **Caption or credit**: it carries a photo credit after a caption
//!    separator (`| Reuters`, `/ AP Photo`, `(Getty Images)`), or opens with
//!    an all-capitals wire slug such as `USA-BIDEN/BLINKEN`.
//! 4. **Dangling label**: a unit of at most four words with no final
//!    punctuation that ends in a preposition ("Powered by", "Sponsored by",
//!    "Photo from") or is a bare label ("Advertisement"): the rest of it was
//!    a logo or a link.
//! 5. **Link only**: every piece of the unit is a URL, e-mail address,
//!    `@handle` or `#hashtag`.
//! 6. **Promotion block**: a short paragraph (at most three units) in which
//!    rule 1 or 2 holds for one unit is furniture as a whole.
//!
//! The rules look at wording and shape only, never at a list of known
//! furniture strings, so they carry over to pages we have not seen.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// Why a unit is page furniture.
///
/// ```
/// use abridge_text::furniture::{FurnitureRule, classify_unit};
///
/// assert_eq!(classify_unit("Click here to join our channel"), Some(FurnitureRule::CallToAction));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FurnitureRule {
    /// Rule 1: a call to action.
    CallToAction,
    /// Rule 2: opens with a pictographic emoji.
    PromotionMarker,
    /// Rule 3: an image caption or photo credit.
    Caption,
    /// Rule 4: a label whose rest was a logo or link.
    DanglingLabel,
    /// Rule 5: only links, addresses, handles or hashtags.
    LinkOnly,
    /// Rule 6: shares a short paragraph with a promotion.
    PromotionBlock,
}

const STOCK_PHRASES: &[&str] = &[
    "click here",
    "tap here",
    "scroll down for",
    "sign up for",
    "sign up to",
    "subscribe to our",
    "subscribe now",
    "all rights reserved",
    "follow us on",
    "join our channel",
    "download our app",
    "download the app",
    "read more:",
    "share this article",
    "share on facebook",
    "share on twitter",
    "stay updated with",
    "for the latest updates",
];

const IMPERATIVES: &[&str] = &[
    "click",
    "tap",
    "subscribe",
    "follow",
    "join",
    "share",
    "download",
    "like",
    "sign",
    "read",
    "watch",
    "listen",
    "get",
    "install",
];

const CHANNELS: &[&str] = &[
    "channel",
    "newsletter",
    "app",
    "page",
    "feed",
    "podcast",
    "updates",
    "headlines",
    "telegram",
    "whatsapp",
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "tiktok",
    "linkedin",
    "google news",
    "notifications",
    "alerts",
];

const CREDITS: &[&str] = &[
    "reuters",
    "ap",
    "ap photo",
    "afp",
    "getty images",
    "getty",
    "pti",
    "ani",
    "ians",
    "epa",
    "file photo",
    "file",
    "photo",
    "image",
    "pa",
    "shutterstock",
    "bloomberg",
    "xinhua",
];

const LABEL_ENDINGS: &[&str] = &["by", "from", "with", "of", "to", "for", "at", "via"];

const BARE_LABELS: &[&str] =
    &["advertisement", "sponsored", "promoted", "ad", "sponsored content", "partner content"];

/// Classifies a unit on its own (rules 1 to 5); `None` when it may be prose.
///
/// ```
/// use abridge_text::furniture::classify_unit;
///
/// assert!(classify_unit("The harbour closed on Tuesday.").is_none());
/// assert!(classify_unit("https://example.invalid/story").is_some());
/// ```
pub fn classify_unit(unit: &str) -> Option<FurnitureRule> {
    if starts_with_pictograph(unit) {
        return Some(FurnitureRule::PromotionMarker);
    }
    if is_call_to_action(unit) {
        return Some(FurnitureRule::CallToAction);
    }
    if is_caption(unit) {
        return Some(FurnitureRule::Caption);
    }
    if is_dangling_label(unit) {
        return Some(FurnitureRule::DanglingLabel);
    }
    if is_link_only(unit) {
        return Some(FurnitureRule::LinkOnly);
    }
    None
}

/// Classifies the units of one paragraph, applying rule 6 on top of
/// [`classify_unit`].
///
/// ```
/// use abridge_text::furniture::classify_paragraph;
///
/// let rules = classify_paragraph(["Read more", "📱 Get our app"]);
/// assert!(rules.iter().all(Option::is_some), "a promotion block: {rules:?}");
/// ```
pub fn classify_paragraph<'a>(
    units: impl IntoIterator<Item = &'a str>,
) -> Vec<Option<FurnitureRule>> {
    let mut block = PromotionBlock::default();
    let mut rules: Vec<Option<FurnitureRule>> = units
        .into_iter()
        .map(|unit| {
            let rule = classify_unit(unit);
            block.add(rule);
            rule
        })
        .collect();
    if block.holds() {
        for rule in &mut rules {
            rule.get_or_insert(FurnitureRule::PromotionBlock);
        }
    }
    rules
}

/// Rule 6 over a paragraph whose units come one at a time: give it each
/// unit's rule, then ask whether the paragraph is a promotion block, in
/// which case every unit of it is furniture.
///
/// ```
/// use abridge_text::furniture::{PromotionBlock, classify_unit};
///
/// let mut block = PromotionBlock::default();
/// for unit in ["📱 Get our app", "Read more"] {
///     block.add(classify_unit(unit));
/// }
/// assert!(block.holds() && block.may_hold());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PromotionBlock {
    units: usize,
    promotes: bool,
}

impl PromotionBlock {
    /// Paragraphs with at most this many units can be promotion blocks.
    const MAX_UNITS: usize = 3;

    /// Counts one more unit of the paragraph, with its [`classify_unit`] rule.
    ///
    /// ```
    /// use abridge_text::furniture::{FurnitureRule, PromotionBlock};
    ///
    /// let mut block = PromotionBlock::default();
    /// block.add(Some(FurnitureRule::PromotionMarker));
    /// assert!(block.may_hold());
    /// ```
    pub fn add(&mut self, rule: Option<FurnitureRule>) {
        self.units += 1;
        self.promotes |=
            matches!(rule, Some(FurnitureRule::CallToAction | FurnitureRule::PromotionMarker));
    }

    /// Whether more units could still make a promotion block of these:
    /// false once the paragraph has more units than one can have.
    ///
    /// ```
    /// use abridge_text::furniture::PromotionBlock;
    ///
    /// let mut block = PromotionBlock::default();
    /// for _ in 0..4 {
    ///     block.add(None);
    /// }
    /// assert!(!block.may_hold(), "too many units for a promotion block");
    /// ```
    pub fn may_hold(&self) -> bool {
        self.units <= Self::MAX_UNITS
    }

    /// Whether the units so far make a promotion block.
    ///
    /// ```
    /// use abridge_text::furniture::PromotionBlock;
    ///
    /// let mut block = PromotionBlock::default();
    /// block.add(None);
    /// assert!(!block.holds(), "prose alone is no promotion");
    /// ```
    pub fn holds(&self) -> bool {
        self.promotes && self.units <= Self::MAX_UNITS
    }
}

fn is_dangling_label(unit: &str) -> bool {
    const MAX_LABEL_WORDS: usize = 4;
    let trimmed = unit.trim_end_matches([':', ' ']);
    if trimmed.ends_with(|c: char| c.is_ascii_punctuation()) {
        return false;
    }
    // Fast path: lower-casing keeps the words, so count them first.
    if trimmed.split_whitespace().nth(MAX_LABEL_WORDS).is_some() {
        return false;
    }
    let lower = trimmed.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_LABEL_WORDS {
        return false;
    }
    BARE_LABELS.contains(&lower.as_str())
        || words.last().is_some_and(|last| LABEL_ENDINGS.contains(last))
}

fn is_link_only(unit: &str) -> bool {
    let is_link = |piece: &str| {
        let piece = piece
            .trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | ',' | '.'));
        piece.contains("://")
            || piece.starts_with("www.")
            || (piece.starts_with(['@', '#']) && piece.len() > 1)
            || (piece.contains('@') && piece.contains('.'))
    };
    let mut pieces = unit.split_whitespace().peekable();
    pieces.peek().is_some() && pieces.all(is_link)
}

fn starts_with_pictograph(unit: &str) -> bool {
    unit.chars().next().is_some_and(|c| {
        matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x2B50..=0x2B55 | 0x1F000..=0x1F2FF)
    })
}

/// The stock phrases, found in one pass whatever their case.
fn stock_phrases() -> &'static AhoCorasick {
    static PHRASES: OnceLock<AhoCorasick> = OnceLock::new();
    PHRASES.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(STOCK_PHRASES)
            .expect("a few short phrases always build")
    })
}

fn is_call_to_action(unit: &str) -> bool {
    // Fast path: the phrases and imperatives are ASCII, so both tests run
    // on the unit as it is, without lower-casing it.
    if stock_phrases().is_match(unit) {
        return true;
    }
    let first =
        unit.split(|c: char| !c.is_alphanumeric()).find(|word| !word.is_empty()).unwrap_or("");
    if !IMPERATIVES.iter().any(|imperative| imperative.eq_ignore_ascii_case(first)) {
        return false;
    }
    let lower = unit.to_lowercase();
    let names_channel = CHANNELS.iter().any(|channel| contains_word(&lower, channel));
    let handle_or_link = lower.contains('@') || lower.contains("http") || lower.contains("www.");
    names_channel || handle_or_link
}

fn is_caption(unit: &str) -> bool {
    // A credit after a caption separator: "... | Reuters", "... / AP Photo".
    for separator in ['|', '/'] {
        if let Some((_, credit)) = unit.rsplit_once(separator) {
            let credit = credit.trim().trim_end_matches(['.', ')']).to_lowercase();
            if CREDITS
                .iter()
                .any(|known| credit == *known || credit.starts_with(&format!("{known} ")))
                && credit.split_whitespace().count() <= 4
            {
                return true;
            }
        }
    }
    // A credit in brackets at the end: "(Getty Images)", "(Photo: AFP)".
    if let Some(open) =
        unit.trim_end().strip_suffix(')').and_then(|rest| rest.rfind('(').map(|i| &rest[i + 1..]))
    {
        let inside = open.to_lowercase();
        let inside = inside.trim_start_matches("photo:").trim_start_matches("image:").trim();
        if CREDITS.contains(&inside) {
            return true;
        }
    }
    // A wire slug: "USA-BIDEN/BLINKEN ..." (capitals joined by '-' or '/').
    let first = unit.split_whitespace().next().unwrap_or("");
    first.contains(['/', '-'])
        && first.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && first
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '/' | '-' | '_'))
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(index, _)| {
        let before = haystack[..index].chars().next_back();
        let after = haystack[index + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_to_action() {
        for unit in [
            "Click here to get the full story",
            "Follow us on the socials for more.",
            "Join our WhatsApp channel for breaking news",
            "Subscribe to our weekly newsletter.",
            "scroll down for video .",
        ] {
            assert_eq!(classify_unit(unit), Some(FurnitureRule::CallToAction), "{unit}");
        }
    }

    #[test]
    fn prose_is_not_furniture() {
        for unit in [
            "The minister said the talks would follow the summit.",
            "Police asked witnesses to share any footage with detectives.",
            "Shares in the company fell 5% on Monday.",
            "He joined the club in 2019 and scored 40 goals.",
            "The deal, signed in Geneva/Vienna, ends the dispute.",
        ] {
            assert_eq!(classify_unit(unit), None, "{unit}");
        }
    }

    #[test]
    fn captions_and_credits() {
        for unit in [
            "The minister arrives for talks | Reuters",
            "Fans celebrate in the square / AP Photo",
            "A view of the flooded town (Getty Images)",
            "UK-ECONOMY/RATES The Bank of England in London",
        ] {
            assert_eq!(classify_unit(unit), Some(FurnitureRule::Caption), "{unit}");
        }
    }

    #[test]
    fn dangling_labels() {
        for unit in ["Powered by", "Sponsored by", "Presented with", "Advertisement", "Photo from:"]
        {
            assert_eq!(classify_unit(unit), Some(FurnitureRule::DanglingLabel), "{unit}");
        }
        for unit in ["Written by", "Powered by the sun, the car drove on.", "Markets rally"] {
            let expected = (unit == "Written by").then_some(FurnitureRule::DanglingLabel);
            assert_eq!(classify_unit(unit), expected, "{unit}");
        }
    }

    #[test]
    fn link_only() {
        for unit in
            ["https://example.com/a/b", "www.example.org", "@someone #tag", "(mail@example.com)"]
        {
            assert_eq!(classify_unit(unit), Some(FurnitureRule::LinkOnly), "{unit}");
        }
        assert_eq!(classify_unit("See https://example.com for the full report."), None);
    }

    #[test]
    fn promotion_blocks() {
        let rules =
            classify_paragraph(["🔔 Our paper is on a new app.", "Tap here to install it today"]);
        assert_eq!(
            rules,
            [Some(FurnitureRule::PromotionMarker), Some(FurnitureRule::CallToAction)]
        );
        let rules = classify_paragraph(["We are now on a new platform.", "Click here to read it"]);
        assert_eq!(rules, [Some(FurnitureRule::PromotionBlock), Some(FurnitureRule::CallToAction)]);
        // A long paragraph keeps its prose.
        let rules = classify_paragraph(["One.", "Two.", "Three.", "Click here for more"]);
        assert_eq!(rules, [None, None, None, Some(FurnitureRule::CallToAction)]);
    }
}
