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
    /// Before a capitalised word, or before a quotation that is a sentence
    /// of its own (its terminator inside its closing mark).
    BeforeCapital,
    /// Before an opening quotation mark or a dialogue dash, wherever the
    /// quotation's full stop goes (Portuguese writes `«…».`).
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
        let opens_quotation = trimmed.starts_with(['«', '“', '"', '—', '–']);
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
                Colon::BeforeCapital if opens_quotation => quotation_is_sentence(trimmed),
                Colon::BeforeCapital => capital(),
                Colon::BeforeQuotation => opens_quotation,
            },
            ';' => self.semicolon_before_capital && capital(),
            _ => false,
        }
    }
}

/// Whether `text` opens with a quotation (or a dialogue dash) that is a
/// sentence of its own: its closing mark comes right after a terminator
/// (`«Vamos.» Depois`), not before one (`"quanto fa?"."`), or it does not
/// close within a bounded stretch.
fn quotation_is_sentence(text: &str) -> bool {
    const WINDOW: usize = 1024;
    let mut chars = text.chars();
    let close = match chars.next() {
        Some('«') => '»',
        Some('“') => '”',
        Some('"') => '"',
        Some('—' | '–') => return true,
        _ => return false,
    };
    let rest = chars.as_str();
    let window = &rest[..crate::segment::rules::floor_char_boundary(rest, rest.len().min(WINDOW))];
    let Some(at) = window.find(close) else { return true };
    let inside = window[..at].trim_end_matches(['\'', '’', '"', ')']);
    let closes_sentence = inside.ends_with(['.', '!', '?', '…']);
    let after = window[at + close.len_utf8()..].chars().next();
    closes_sentence && after.is_none_or(|c| c.is_whitespace())
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
        assert!(italian.ends_sentence(':', " \"Domani piove.\" Poi uscì."));
        assert!(!italian.ends_sentence(':', " domani piove."));
        assert!(!italian.ends_sentence(':', " ONU e NATO."));
        let portuguese = MarkRules::for_language(Language::Portuguese);
        assert!(portuguese.ends_sentence(':', " «Vamos embora.»"));
        assert!(!portuguese.ends_sentence(':', " Lisboa e Porto."));
        // A quotation inside the sentence: its full stop comes after it.
        assert!(!italian.ends_sentence(':', " \"Quanto fa '2 + 2?'\"."));
        let english = MarkRules::for_language(Language::English);
        assert!(!english.any());
        assert!(!english.ends_sentence(';', " The rest."));
    }
}
