//! Run-in headings and items: a unit with no terminator inside a paragraph.
//!
//! Manuals and help pages that lost their layout join a heading or a list
//! item to the sentence after it with one space ("Combining filters You can
//! combine filters."). Nothing but the words marks the seam: a word that
//! opens sentences and is written with a capital in the middle of a line
//! ("You", "When", "The"), right after a content word in lower case.
//! English prose capitalises these words inside a sentence only in titles
//! and names ("The Hague", "Gone With The Wind"), where the next word is
//! capitalised too; so the break also needs a lower-case word after the
//! opener, and the two words before the seam must be plain words that are
//! not a pronoun or a verb of a clause ("I said The end is near" stays
//! whole). English only: the lists are English words.

/// Capitalised words that open a sentence after a run-in heading: articles,
/// pronouns (not "I", capitalised anywhere), conjunctions that open a
/// clause, prepositions that open a phrase, and the verbs of instructions.
const OPENERS: &[&str] = &[
    "A", "After", "Also", "Although", "An", "As", "At", "Because", "Before", "By", "Click", "Each",
    "Every", "For", "From", "However", "If", "In", "On", "Once", "Please", "Select", "Since",
    "Some", "That", "The", "There", "These", "They", "This", "Those", "To", "Unless", "Use", "We",
    "When", "Where", "While", "Why", "You",
];

/// Lower-case words that cannot end a heading: function words, after which
/// a capitalised word is a name or a title ("the Save As command", "of The
/// Times").
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "among", "an", "and", "any", "as", "at", "because", "before", "between",
    "but", "by", "during", "every", "for", "from", "how", "if", "in", "into", "less", "like",
    "more", "most", "no", "nor", "of", "on", "onto", "or", "over", "per", "since", "so", "some",
    "such", "than", "the", "then", "through", "to", "under", "until", "via", "what", "when",
    "where", "which", "while", "who", "whom", "whose", "why", "with", "within", "without",
];

/// Pronouns, determiners and verbs of a clause: a heading has none of them
/// among the two words before the seam, a sentence usually has ("he met
/// The Who").
const CLAUSE_WORDS: &[&str] = &[
    "am", "are", "be", "been", "can", "could", "did", "do", "does", "had", "has", "have", "he",
    "her", "him", "his", "i", "is", "it", "its", "may", "me", "might", "must", "my", "not", "our",
    "said", "shall", "she", "should", "that", "their", "them", "these", "they", "this", "those",
    "us", "was", "we", "were", "will", "would", "you", "your",
];

/// The most words a heading that opens its unit may have for the
/// repeated-word rule ([`next_break`]).
const MAX_HEADING_WORDS: usize = 8;

/// How many letters of a word must repeat a word of the heading before it.
const STEM: usize = 5;

/// The first byte offset of `unit` (at the end of the heading's last word)
/// where a run-in heading or item ends and a sentence starts.
///
/// Two signs mark the seam. An opener ([`OPENERS`]) after a plain word in
/// lower case, anywhere in the unit. Or, for a unit that opens with a
/// heading of plain words, a capitalised word that repeats the heading's
/// subject: "Combining filters Filters are additive."
pub(crate) fn next_break(unit: &str) -> Option<usize> {
    let bytes = unit.as_bytes();
    // The two words before the current one, as (start, end).
    let mut before: [Option<(usize, usize)>; 2] = [None, None];
    // Whether every word so far is a heading word, the first capitalised.
    let mut heading = true;
    let mut words = words(unit).enumerate().peekable();
    while let Some((index, (start, end))) = words.next() {
        let word = &unit[start..end];
        // Openers and repeated subjects are capitalised: that byte test
        // comes first, so the word lists are read only before a capital.
        if bytes[start].is_ascii_uppercase()
            && let (Some(last), Some(&(_, (next_start, _)))) = (before[1], words.peek())
            && bytes[next_start].is_ascii_lowercase()
            && ends_heading(&unit[last.0..last.1])
            && before[0].is_none_or(|(s, e)| is_heading_word(&unit[s..e]))
            && (is_opener(word)
                || (heading && index <= MAX_HEADING_WORDS && repeats_heading(unit, start, word)))
        {
            return Some(last.1);
        }
        heading = heading
            && index < MAX_HEADING_WORDS
            && is_heading_word(word)
            && (index > 0 || bytes[start].is_ascii_uppercase());
        before = [before[1], Some((start, end))];
    }
    None
}

/// Whether `word` (capitalised, then lower-case letters) starts like a
/// word of `unit` before `word_start` that is the first or in lower case
/// (a capitalised word inside a heading is a name: "Calling Ann Ann").
fn repeats_heading(unit: &str, word_start: usize, word: &str) -> bool {
    let mut letters = word.bytes();
    if word.len() < 2
        || !letters.next().is_some_and(|b| b.is_ascii_uppercase())
        || !letters.all(|b| b.is_ascii_lowercase())
    {
        return false;
    }
    let stem = &word[..word.len().min(STEM)];
    words(&unit[..word_start]).enumerate().any(|(index, (start, end))| {
        let earlier = &unit[start..end];
        (index == 0 || earlier.as_bytes()[0].is_ascii_lowercase())
            && earlier.len() >= stem.len()
            && earlier.is_char_boundary(stem.len())
            && earlier[..stem.len()].eq_ignore_ascii_case(stem)
    })
}

/// White-space separated words of `text`, as byte ranges.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut cursor = 0;
    std::iter::from_fn(move || {
        let rest = &text[cursor..];
        let skip = rest.find(|c: char| !c.is_whitespace())?;
        let start = cursor + skip;
        let end = text[start..].find(char::is_whitespace).map_or(text.len(), |i| start + i);
        cursor = end;
        Some((start, end))
    })
}

/// An opener, with or without a comma after it ("However, the").
fn is_opener(word: &str) -> bool {
    let word = word.strip_suffix(',').unwrap_or(word);
    OPENERS.contains(&word)
}

/// A plain word (letters, digits, hyphens, slashes, brackets: "(CSS)")
/// that is no pronoun or verb of a clause.
fn is_heading_word(word: &str) -> bool {
    let bare = word.strip_prefix('(').unwrap_or(word);
    let mut chars = bare.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '(' | ')'))
        && !word.eq_ignore_ascii_case("i")
        && !contains_lowercased(CLAUSE_WORDS, bare)
}

/// The last word of a heading: a heading word in lower case (or closing a
/// bracket, "(XSLT)") that is no function word.
fn ends_heading(word: &str) -> bool {
    is_heading_word(word)
        && (word.as_bytes()[0].is_ascii_lowercase() || word.ends_with(')'))
        && !contains_lowercased(FUNCTION_WORDS, word)
}

/// Whether `list` (lower-case ASCII words) holds `word`, in any case.
fn contains_lowercased(list: &[&str], word: &str) -> bool {
    list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(unit: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        while let Some(at) = next_break(&unit[start..]) {
            out.push(unit[start..start + at].trim());
            start += at;
        }
        out.push(unit[start..].trim());
        out
    }

    #[test]
    fn a_heading_run_into_its_paragraph_is_cut_before_the_opener() {
        assert_eq!(
            pieces("Sorting the rows You can sort rows by any column."),
            ["Sorting the rows", "You can sort rows by any column."]
        );
        assert_eq!(
            pieces("Printing a report When the report is open, press the print key."),
            ["Printing a report", "When the report is open, press the print key."]
        );
        assert_eq!(
            pieces("Removing a filter However, the settings stay with the table."),
            ["Removing a filter", "However, the settings stay with the table."]
        );
        assert_eq!(
            pieces("Style sheets (CSS) The style sheet sets the fonts."),
            ["Style sheets (CSS)", "The style sheet sets the fonts."]
        );
    }

    #[test]
    fn list_items_without_terminators_are_cut_apart() {
        assert_eq!(
            pieces("Fast start-up times Small memory use If you want both, use the lite build."),
            ["Fast start-up times Small memory use", "If you want both, use the lite build."]
        );
    }

    #[test]
    fn a_heading_whose_subject_starts_the_next_sentence_is_cut_off() {
        assert_eq!(
            pieces("Merging tables Tables merge on a shared column."),
            ["Merging tables", "Tables merge on a shared column."]
        );
        assert_eq!(
            pieces("Export options Exporting needs a target folder."),
            ["Export options", "Exporting needs a target folder."]
        );
        for unit in [
            // A name inside the heading, not its subject.
            "Calls from Smith office Smith wants a date.",
            // Not a heading at the start: a pronoun, a comma, a long run.
            "He stores tables Tables are big.",
            "Tables, chairs Tables are big.",
            // "I" repeats nothing.
            "In the evening I went home.",
            "Notes on the old red barn roof and the new blue barn door Barns are big.",
        ] {
            assert_eq!(pieces(unit), [unit], "{unit}");
        }
    }

    #[test]
    fn titles_names_and_clauses_stay_whole() {
        for unit in [
            // A title: the word after the opener is capitalised.
            "We watched Gone With The Wind on Sunday.",
            "She reads The Times every morning.",
            // A function word before the capital: a name or a title.
            "Use the Save As command on the menu.",
            "He sang a song of The Beatles again.",
            // A pronoun or a verb of a clause before the seam.
            "I said The end is near.",
            "She told me You are late again.",
            // "I" is capitalised anywhere.
            "Then suddenly I saw the bus.",
            // Punctuation before the capital.
            "Apples, The pears are ripe.",
        ] {
            assert_eq!(pieces(unit), [unit], "{unit}");
        }
    }
}
