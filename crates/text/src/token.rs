//! Word tokens: found with UAX #29 word boundaries, lower-cased, stemmed.

use std::borrow::Cow;

use rust_stemmers::Stemmer;
use unicode_segmentation::UnicodeSegmentation;

use crate::Span;
use crate::span::Compact;

/// Index of a term (a normalised, stemmed word) in a [`Document`](crate::Document)'s vocabulary.
pub type TermId = u32;

/// One word of a sentence: where it is, its stem and whether it is a stop
/// word.
///
/// A document holds one token per word, so a token is kept in 12 bytes:
/// its offsets in 32 bits each (a document analyses at most
/// [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES) of text) and the stop-word
/// flag in the top bit of the term (a document has fewer than 2³¹ terms).
///
/// ```
/// use abridge_text::{Analyzer, Language};
///
/// let document = Analyzer::new(Language::English).analyze("The harbour");
/// let [the, harbour] = document.tokens() else { panic!() };
/// assert!(the.is_stop() && !harbour.is_stop());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    span: Compact,
    term: Known,
}

impl Token {
    /// A token of `term` at `span`.
    ///
    /// **Precondition:** `span` lies in the first
    /// [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES) of the text, as in every
    /// document the [`Analyzer`](crate::Analyzer) builds.
    pub(crate) fn new(span: Span, term: Known) -> Token {
        Token { span: Compact::from(span), term }
    }

    /// Where the word is in the text.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language, Span};
    ///
    /// let document = Analyzer::new(Language::English).analyze("The harbour");
    /// assert_eq!(document.tokens()[1].span(), Span::new(4, 11));
    /// ```
    #[inline]
    pub fn span(&self) -> Span {
        self.span.span()
    }

    /// The word's stem, as an index into the document vocabulary.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// let document = Analyzer::new(Language::English).analyze("Harbours and harbour");
    /// let tokens = document.tokens();
    /// assert_eq!(tokens[0].term(), tokens[2].term(), "one stem");
    /// ```
    #[inline]
    pub fn term(&self) -> TermId {
        self.term.id()
    }

    /// Whether the lower-cased word is a stop word of the document language.
    ///
    /// ```
    /// use abridge_text::{Analyzer, Language};
    ///
    /// assert!(Analyzer::new(Language::English).analyze("the").tokens()[0].is_stop());
    /// ```
    #[inline]
    pub fn is_stop(&self) -> bool {
        self.term.is_stop()
    }
}

/// A stem or term id and the word's stop-word flag, in its top bit: what a
/// [`Token`] and the analyzer's tables of words hold, in four bytes. Ids
/// stay below 2³¹, since a text of at most
/// [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES) has fewer distinct words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Known(u32);

impl Known {
    const STOP: u32 = 1 << 31;

    pub(crate) fn new(id: u32, stop: bool) -> Known {
        debug_assert!(id < Known::STOP);
        Known(id | if stop { Known::STOP } else { 0 })
    }

    #[inline]
    pub(crate) fn id(self) -> u32 {
        self.0 & !Known::STOP
    }

    #[inline]
    pub(crate) fn is_stop(self) -> bool {
        self.0 & Known::STOP != 0
    }

    /// The same id, a stop word also when `stop` says so (the elided
    /// article of `l'homme`).
    pub(crate) fn or_stop(self, stop: bool) -> Known {
        Known(self.0 | if stop { Known::STOP } else { 0 })
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("span", &self.span())
            .field("term", &self.term())
            .field("stop", &self.is_stop())
            .finish()
    }
}

/// Calls `f(span, word)` for every word of `text[span]`: every UAX #29 word
/// segment that contains a letter or a digit.
///
/// ```
/// use abridge_text::{Span, token::for_each_word};
///
/// let text = "The 6 boats, ok?";
/// let mut words = Vec::new();
/// for_each_word(text, Span::new(0, text.len()), |_, word| words.push(word));
/// assert_eq!(words, ["The", "6", "boats", "ok"]);
/// ```
pub fn for_each_word<'t>(text: &'t str, span: Span, mut f: impl FnMut(Span, &'t str)) {
    let slice = span.slice(text);
    if slice.is_ascii() {
        // Fast track for ASCII: the same words as below (tests compare the
        // two), found byte by byte.
        for_each_ascii_word(slice, |offset, word| {
            let start = span.start + offset;
            f(Span::new(start, start + word.len()), word);
        });
        return;
    }
    for (offset, word) in slice.split_word_bound_indices() {
        if word.chars().any(char::is_alphanumeric) {
            let start = span.start + offset;
            f(Span::new(start, start + word.len()), word);
        }
    }
}

/// The UAX #29 words of an ASCII text that hold a letter or a digit.
///
/// In ASCII the word-boundary rules come down to this: letters, digits and
/// `_` join (WB5, WB8 to WB10, WB13a, WB13b); `.`, `'` and `:` join two
/// letters (WB6, WB7); `.`, `'`, `,` and `;` join two digits (WB11, WB12);
/// every other byte stands alone.
fn for_each_ascii_word<'t>(slice: &'t str, mut f: impl FnMut(usize, &'t str)) {
    let bytes = slice.as_bytes();
    let is_core = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
    let joins = |infix: u8, before: u8, after: u8| match infix {
        b'.' | b'\'' => {
            (before.is_ascii_alphabetic() && after.is_ascii_alphabetic())
                || (before.is_ascii_digit() && after.is_ascii_digit())
        }
        b':' => before.is_ascii_alphabetic() && after.is_ascii_alphabetic(),
        b',' | b';' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    };
    let mut i = 0;
    while i < bytes.len() {
        if !is_core(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut has_alphanumeric = bytes[i] != b'_';
        i += 1;
        loop {
            match bytes.get(i) {
                Some(&byte) if is_core(byte) => {
                    has_alphanumeric |= byte != b'_';
                    i += 1;
                }
                Some(&infix)
                    if bytes.get(i + 1).is_some_and(|&after| joins(infix, bytes[i - 1], after)) =>
                {
                    // Both sides of a joining infix are letters or digits.
                    has_alphanumeric = true;
                    i += 2;
                }
                _ => break,
            }
        }
        if has_alphanumeric {
            f(start, &slice[start..i]);
        }
    }
}

/// Lower-cases a word, borrowing when it already is lower-case.
///
/// ```
/// use abridge_text::token::lowercase;
///
/// assert_eq!(lowercase("Harbour"), "harbour");
/// assert!(matches!(lowercase("harbour"), std::borrow::Cow::Borrowed(_)));
/// ```
#[inline]
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        // Fast track for ASCII.
        if word.bytes().any(|byte| byte.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Stems a lower-cased word.
///
/// **Precondition:** `word` is lower-case, as rust-stemmers expects ("All
/// algorithms expect the input to already be lowercased"). Without a
/// stemmer the word is its own stem.
///
/// ```
/// use abridge_text::token::stem;
/// use rust_stemmers::{Algorithm, Stemmer};
///
/// let english = Stemmer::create(Algorithm::English);
/// assert_eq!(stem(Some(&english), "harbours"), "harbour");
/// assert_eq!(stem(None, "harbours"), "harbours");
/// ```
#[inline]
pub fn stem<'w>(stemmer: Option<&Stemmer>, word: &'w str) -> Cow<'w, str> {
    match stemmer {
        Some(stemmer) => stemmer.stem(word),
        None => Cow::Borrowed(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    #[test]
    fn words_skip_punctuation_and_keep_spans() {
        let text = "Héllo, wörld! It's 3.5 km — ok?";
        let mut words = Vec::new();
        for_each_word(text, Span::new(0, text.len()), |span, word| {
            assert_eq!(span.slice(text), word);
            words.push(word.to_owned());
        });
        assert_eq!(words, ["Héllo", "wörld", "It's", "3.5", "km", "ok"]);
    }

    /// The words of `text` by the general (non-ASCII) path.
    fn general_words(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices()
            .filter(|(_, word)| word.chars().any(char::is_alphanumeric))
            .collect()
    }

    fn words(text: &str) -> Vec<(usize, &str)> {
        let mut words = Vec::new();
        for_each_word(text, Span::new(0, text.len()), |span, word| words.push((span.start, word)));
        words
    }

    #[test]
    fn ascii_fast_track_agrees_with_the_general_path() {
        for text in [
            "e.g. the U.S. economy grew 3.5% in 2019, i.e. 1,000,000 jobs",
            "it's he 's don't ' quoted ' a:b http://x.org/a_b __init__ _ __",
            "1.2.3 a.1 1.a 1'000 1;2 a;b ... .5 5. end.",
            "  tabs\tand\r\nnew\x0Blines\x0C here ",
            "",
        ] {
            assert!(text.is_ascii());
            assert_eq!(words(text), general_words(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_track_agrees_on_any_ascii(text in "[a-cA-C0-2 _.,;:'\"\t\r\n\x0B!?()-]{0,40}") {
            proptest::prop_assert_eq!(words(&text), general_words(&text));
        }

        #[test]
        fn ascii_fast_track_agrees_on_any_bytes(text in "[\\x00-\\x7F]{0,60}") {
            proptest::prop_assert_eq!(words(&text), general_words(&text));
        }
    }

    #[test]
    fn lowercase_borrows_when_it_can() {
        assert!(matches!(lowercase("plain"), Cow::Borrowed(_)));
        assert_eq!(lowercase("MiXeD"), "mixed");
        assert_eq!(lowercase("ÉCOLE"), "école");
        assert!(matches!(lowercase("école"), Cow::Borrowed(_)));
    }

    #[test]
    fn stems_english_and_french() {
        let english = Stemmer::create(Algorithm::English);
        assert_eq!(stem(Some(&english), "meetings"), "meet");
        assert_eq!(stem(Some(&english), "running"), "run");
        let french = Stemmer::create(Algorithm::French);
        assert_eq!(stem(Some(&french), "continuellement"), "continuel");
        assert_eq!(stem(None, "words"), "words");
    }
}
