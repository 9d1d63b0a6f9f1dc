//! Elision: the article or preposition that French, Italian and Catalan
//! glue onto the next word with an apostrophe (`l'accusé`, `dell'anno`,
//! `d'Andorra`).
//!
//! UAX #29 keeps `l'accusé` as one word, because an apostrophe between
//! letters does not break a word. Left whole, `l'accusé`, `d'accusé` and
//! `accusé` would be three unrelated terms, and the elided article would
//! hide the noun from the stemmer. So the analyzer cuts a word in two
//! when the part before its first apostrophe is one of the language's
//! elided forms: the elided form becomes a stop word of its own, and the
//! rest a word, each with its own span.

use crate::Language;

/// The elided forms of `language`, lower-case, without the apostrophe;
/// empty for languages that do not elide this way.
///
/// ```
/// use abridge_text::{Language, elision::elided_forms};
///
/// assert!(elided_forms(Language::French).contains(&"l"));
/// assert!(elided_forms(Language::English).is_empty());
/// ```
pub fn elided_forms(language: Language) -> &'static [&'static str] {
    match language {
        Language::French => &[
            "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
            "presqu", "quelqu",
        ],
        Language::Italian => &[
            "l", "d", "c", "m", "n", "s", "t", "v", "un", "all", "dall", "dell", "nell", "sull",
            "coll", "quest", "quell", "bell", "sant", "anch", "nessun", "tutt",
        ],
        Language::Catalan => &["d", "l", "m", "n", "s", "t"],
        _ => &[],
    }
}

/// Where the word proper starts in `word` when it opens with one of
/// `forms` and an apostrophe (`'` or `’`): `Some((prefix_end, word_start))`
/// in bytes, so that `word[..prefix_end]` is the elided form and
/// `word[word_start..]` the rest, which starts with a letter.
///
/// ```
/// use abridge_text::{Language, elision::{elided_forms, split}};
///
/// let forms = elided_forms(Language::French);
/// assert_eq!(split("l'autorité", forms), Some((1, 2)));
/// assert_eq!(split("aujourd'hui", forms), None);
/// ```
pub fn split(word: &str, forms: &[&str]) -> Option<(usize, usize)> {
    if forms.is_empty() {
        return None;
    }
    let (prefix_end, apostrophe) = word.char_indices().find(|&(_, c)| c == '\'' || c == '’')?;
    let word_start = prefix_end + apostrophe.len_utf8();
    let prefix = &word[..prefix_end];
    let starts_with_letter = word[word_start..].chars().next().is_some_and(char::is_alphabetic);
    let known = forms.iter().any(|form| form.eq_ignore_ascii_case(prefix));
    (known && starts_with_letter).then_some((prefix_end, word_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(word: &str, language: Language) -> Option<(&str, &str)> {
        split(word, elided_forms(language)).map(|(end, start)| (&word[..end], &word[start..]))
    }

    #[test]
    fn splits_elided_articles_and_prepositions() {
        assert_eq!(parts("l'accusé", Language::French), Some(("l", "accusé")));
        assert_eq!(parts("D’Artagnan", Language::French), Some(("D", "Artagnan")));
        assert_eq!(parts("qu'il", Language::French), Some(("qu", "il")));
        assert_eq!(parts("jusqu'à", Language::French), Some(("jusqu", "à")));
        assert_eq!(parts("dell'anno", Language::Italian), Some(("dell", "anno")));
        assert_eq!(parts("l'any", Language::Catalan), Some(("l", "any")));
    }

    #[test]
    fn documents_cut_elided_words_in_two() {
        let text = "L'accusé nie. Le juge interroge l’accusé.";
        let document = crate::Document::new(text, Language::French);
        let words: Vec<(&str, bool)> = document
            .tokens()
            .iter()
            .map(|token| (token.span().slice(text), token.is_stop()))
            .collect();
        assert_eq!(
            words,
            [
                ("L", true),
                ("accusé", false),
                ("nie", false),
                ("Le", true),
                ("juge", false),
                ("interroge", false),
                ("l", true),
                ("accusé", false),
            ]
        );
        // Both "accusé" share a term.
        assert_eq!(document.tokens()[1].term(), document.tokens()[7].term());
        // English keeps "l'accusé" whole.
        let english = crate::Document::new(text, Language::English);
        assert_eq!(english.tokens()[0].span().slice(text), "L'accusé");
    }

    #[test]
    fn keeps_other_words_whole() {
        assert_eq!(parts("aujourd'hui", Language::French), None);
        assert_eq!(parts("prud'homme", Language::French), None);
        assert_eq!(parts("l'", Language::French), None);
        assert_eq!(parts("l'1", Language::French), None);
        assert_eq!(parts("accusé", Language::French), None);
        assert_eq!(parts("don't", Language::English), None);
        assert_eq!(parts("l'accusé", Language::German), None);
    }
}
