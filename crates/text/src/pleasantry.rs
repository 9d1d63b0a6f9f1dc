//! Greetings, thanks and farewells in speech: "Hi everyone, thanks for
//! joining", "Great, thanks all, see you next week".
//!
//! A meeting or an interview opens and closes with them, so the position
//! prior would put the greeting first in every summary of a transcript. A
//! unit of speech that is only a pleasantry is therefore a fragment
//! ([`SentenceKind::Fragment`](crate::SentenceKind::Fragment)): chosen only
//! when a document has no prose, and not counted in the prose rank of the
//! position prior, so the first sentence with content opens the transcript.
//!
//! The test, [`is_pleasantry`], is on the words of one unit: a greeting,
//! thanks or farewell word ([`CUES`]), and besides the words of
//! pleasantries ([`CUES`], [`COMPANY`]) and stop words at most two others
//! (names: "thank you Ines Okafor"), no more than there are pleasantry
//! words. "Welcome back, today we decide the budget" has four others, so
//! it stays prose.
//!
//! ```
//! use abridge_text::pleasantry::is_pleasantry;
//!
//! let words = |unit: &'static str| unit.split_whitespace().map(|word| (word, false));
//! assert!(is_pleasantry(words("Hi everyone thanks for joining")));
//! assert!(!is_pleasantry(words("Welcome back today we decide the budget")));
//! ```

/// Words that make a unit a greeting, thanks or farewell, in the languages
/// whose transcripts we see most (English first).
pub const CUES: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "morning",
    "afternoon",
    "evening",
    "welcome",
    "thanks",
    "thank",
    "bye",
    "goodbye",
    "cheers",
    "bonjour",
    "merci",
    "salut",
    "hallo",
    "danke",
    "hola",
    "gracias",
    "ciao",
    "grazie",
];

/// Words that go with pleasantries: the people greeted and the occasion.
pub const COMPANY: &[&str] = &[
    "everyone",
    "everybody",
    "folks",
    "guys",
    "all",
    "team",
    "you",
    "joining",
    "join",
    "coming",
    "having",
    "being",
    "here",
    "back",
    "great",
    "good",
    "nice",
    "glad",
    "pleasure",
    "meet",
    "see",
    "soon",
    "later",
    "again",
    "much",
    "lot",
    "so",
    "very",
    "ladies",
    "gentlemen",
    "listeners",
    "tous",
    "alle",
    "todos",
];

/// Units longer than this are never pleasantries.
const MAX_WORDS: usize = 12;

/// Whether a unit with these words (each with its stop-word flag) is only
/// a greeting, thanks or farewell; see the module doc.
pub fn is_pleasantry<'w>(words: impl IntoIterator<Item = (&'w str, bool)>) -> bool {
    let (mut n_words, mut cues, mut company, mut others) = (0, 0, 0, 0);
    for (word, stop) in words {
        n_words += 1;
        if n_words > MAX_WORDS {
            return false;
        }
        if is_one_of(word, CUES) {
            cues += 1;
        } else if is_one_of(word, COMPANY) {
            company += 1;
        } else if !stop {
            others += 1;
        }
    }
    cues > 0 && others <= 2 && others <= cues + company
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of `unit`, with a small stop-word list.
    fn words(unit: &str) -> impl Iterator<Item = (&str, bool)> {
        const STOP: &[&str] =
            &["for", "to", "the", "we", "it", "a", "and", "of", "in", "is", "me", "next", "are"];
        unit.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(|word| {
            let stop = STOP.iter().any(|stop| stop.eq_ignore_ascii_case(word));
            (word, stop)
        })
    }

    #[test]
    fn greetings_thanks_and_farewells() {
        for unit in [
            "Hi everyone, thanks for joining.",
            "Good morning and welcome back to the coast hour",
            "ines okafor thank you",
            "Great, thanks everyone, see you next week.",
            "Hello all.",
            "Bonjour à tous",
        ] {
            assert!(is_pleasantry(words(unit)), "{unit}");
        }
    }

    #[test]
    fn sentences_with_content_are_not_pleasantries() {
        for unit in [
            "Welcome back, today we decide the budget for the new warehouse.",
            "Thanks to the new pumps the harbour stayed dry.",
            "The storm came in faster than the forecast said",
            "Sounds good to me.",
            "thanks for having me it has been a long week for everyone down at the port",
            "Hi everyone, thanks for joining, the lease on the old building ends in February and we have to decide today.",
        ] {
            assert!(!is_pleasantry(words(unit)), "{unit}");
        }
    }
}
