//! Word tokens: found with UAX #29 word boundaries, lower-cased, stemmed.

use std::borrow::Cow;

use rust_stemmers::Stemmer;
use unicode_segmentation::UnicodeSegmentation;

use crate::Span;

/// Index of a term (a normalised, stemmed word) in a [`Document`](crate::Document)'s vocabulary.
pub type TermId = u32;

/// One word of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the word is in the text.
    pub span: Span,
    /// The word's stem, as an index into the document vocabulary.
    pub term: TermId,
    /// Whether the lower-cased word is a stop word of the document language.
    pub stop: bool,
}

/// Calls `f(span, word)` for every word of `text[span]`: every UAX #29 word
/// segment that contains a letter or a digit.
pub fn for_each_word(text: &str, span: Span, mut f: impl FnMut(Span, &str)) {
    let slice = span.slice(text);
    for (offset, word) in slice.split_word_bound_indices() {
        if word.chars().any(char::is_alphanumeric) {
            let start = span.start + offset;
            f(Span::new(start, start + word.len()), word);
        }
    }
}

/// Lower-cases a word, borrowing when it already is lower-case.
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
