//! Colons and semicolons that end sentences in some languages.
//!
//! Spanish and French write a lower-case word after a semicolon; a
//! capitalised word there starts a new sentence, as after a full stop. In
//! Italian a colon before a capital opens direct speech or a new statement,
//! and Italian treebanks cut there; Portuguese does the same before a
//! quotation that opens after a colon (`declarou: «É …»`). English and the
//! other languages put capitals after colons inside one sentence (titles,
//! names, "Note: The"), so there the marks end nothing.

use crate::Language;
use crate::segment::rules::is_opener;

/// When a colon ends a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Colon {
    /// Never.
    Never,
    /// Before a capitalised word or an opening quotation.
    BeforeCapital,
    /// Before an opening quotation mark or a dialogue dash.
    BeforeQuotation,
}

/// Which of `:` and `;` end sentences in a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MarkRules {
    pub colon: Colon,
    /// Whether a semicolon before a capitalised word ends a sentence.
    pub semicolon_before_capital: bool,
}

impl MarkRules {
    /// The rules of `language`.
    pub fn for_language(language: Language) -> MarkRules {
        let (colon, semicolon_before_capital) = match language {
            Language::Spanish | Language::French => (Colon::Never, true),
            Language::Italian => (Colon::BeforeCapital, false),
            Language::Portuguese => (Colon::BeforeQuotation, false),
            _ => (Colon::Never, false),
        };
        MarkRules { colon, semicolon_before_capital }
    }

    /// Whether the scan must look at `:` and `;` at all.
    pub fn any(self) -> bool {
        self.colon != Colon::Never || self.semicolon_before_capital
    }

    /// Whether the `mark` (`:` or `;`) followed by `rest` ends a sentence:
    /// white space must follow the mark, then the word the rule asks for.
    pub fn ends_sentence(self, mark: char, rest: &str) -> bool {
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() || !rest.starts_with([' ', '\t', '\n']) {
            return false;
        }
        let first = trimmed.chars().next();
        let quotation = first.is_some_and(|c| matches!(c, '«' | '“' | '"' | '—' | '–'));
        let capital = || {
            let word = trimmed.trim_start_matches(is_opener);
            let mut chars = word.chars();
            // A capital and a lower-case letter: "Nel", not "ONU" or "A4".
            matches!((chars.next(), chars.next()),
                (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase())
        };
        match mark {
            ':' => match self.colon {
                Colon::Never => false,
                Colon::BeforeCapital => quotation || capital(),
                Colon::BeforeQuotation => quotation,
            },
            ';' => self.semicolon_before_capital && capital(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_keeps_its_own_marks() {
        let spanish = MarkRules::for_language(Language::Spanish);
        assert!(spanish.ends_sentence(';', " Luego llovió."));
        assert!(!spanish.ends_sentence(';', " luego llovió."));
        assert!(!spanish.ends_sentence(':', " Luego llovió."));
        assert!(!spanish.ends_sentence(';', "Luego"));
        let italian = MarkRules::for_language(Language::Italian);
        assert!(italian.ends_sentence(':', " Domani piove."));
        assert!(italian.ends_sentence(':', " \"Domani piove\"."));
        assert!(!italian.ends_sentence(':', " domani piove."));
        assert!(!italian.ends_sentence(':', " ONU e NATO."));
        let portuguese = MarkRules::for_language(Language::Portuguese);
        assert!(portuguese.ends_sentence(':', " «Vamos embora.»"));
        assert!(!portuguese.ends_sentence(':', " Lisboa e Porto."));
        let english = MarkRules::for_language(Language::English);
        assert!(!english.any());
        assert!(!english.ends_sentence(';', " The rest."));
    }
}
