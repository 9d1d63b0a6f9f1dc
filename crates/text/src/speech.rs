//! Speech without punctuation: cutting a long unit of a transcript into
//! units a summary can use.
//!
//! Speech-to-text output and hand-typed transcripts often have no sentence
//! punctuation at all, so the segmenter's units are whole turns, or the
//! whole text. A unit of speech ([`BlockKind::Turn`](crate::BlockKind::Turn))
//! of more than [`MAX_SPEECH_WORDS`] words is cut into pieces of at most
//! that many: each piece ends before the last clause-like point within
//! reach (a word that commonly opens a clause in spoken English, *and*,
//! *but*, *so*, *because*, *then*, …, or the word after a comma), and at the
//! limit when there is none. No piece is shorter than
//! [`MIN_SPEECH_WORDS`] words unless the unit is.
//!
//! Speech also carries words that say nothing about what was said: the
//! transcriber's marks (`{vocalsound}`, `[laughter]`), which are not words
//! of the unit at all ([`is_mark`]), and fillers and back-channels (`uh`,
//! `mm-hmm`, `yeah`, `okay`), which are words but never content
//! ([`is_filler`]); a unit of speech with no other content word is never
//! chosen (see [`Analyzer::analyze_blocks`](crate::Analyzer::analyze_blocks)).

use crate::Span;
use crate::token;

/// The most words of a unit of speech.
pub const MAX_SPEECH_WORDS: usize = 25;

/// The fewest words of a piece cut from one (the last may have fewer).
pub const MIN_SPEECH_WORDS: usize = 8;

/// Words that commonly open a clause in spoken English: a piece may end
/// before one.
const CLAUSE_OPENERS: &[&str] = &[
    "actually",
    "after",
    "also",
    "although",
    "and",
    "anyway",
    "because",
    "before",
    "but",
    "however",
    "if",
    "meanwhile",
    "now",
    "okay",
    "or",
    "so",
    "then",
    "though",
    "um",
    "uh",
    "unless",
    "until",
    "well",
    "when",
    "where",
    "whereas",
    "which",
    "while",
    "yeah",
    "yes",
];

/// The fewest content words (neither stop words nor fillers) of a unit of
/// speech that may be chosen: fewer make a back-channel ("Yeah , OK .",
/// "Do you like it ?").
pub const MIN_SPEECH_CONTENT: usize = 4;

/// Fillers, hesitations and back-channels of spoken English, lower-case:
/// words a listener can drop without losing what was said. Sorted, for
/// [`is_filler`].
const FILLERS: &[&str] = &[
    "ah", "aha", "alright", "eh", "er", "erm", "gosh", "hm", "hmm", "huh", "mhm", "mm", "mm-hmm",
    "mmm", "oh", "ok", "okay", "oops", "uh", "uh-huh", "uh-oh", "uhm", "um", "umh", "umm", "wow",
    "yeah", "yep", "yes", "yup",
];

/// Whether `word`, lower-cased, is a filler or back-channel of spoken
/// English (`uh`, `mm-hmm`, `yeah`, `okay`).
pub fn is_filler(word: &str) -> bool {
    FILLERS.binary_search(&word).is_ok()
}

/// Whether the word at `word` of `text` is a transcriber's mark: a single
/// word in braces (`{vocalsound}`, `{disfmarker}`) or square brackets
/// (`[laughter]`), not something that was said.
pub fn is_mark(text: &str, word: Span) -> bool {
    let before = text[..word.start].chars().next_back();
    let after = text[word.end..].chars().next();
    matches!((before, after), (Some('{'), Some('}')) | (Some('['), Some(']')))
}

/// Calls `f` with the pieces of the unit without final punctuation at
/// `span` of `text`: each of its lines, and each line of more than
/// [`MAX_SPEECH_WORDS`] words cut as the [module docs](self) say.
///
/// ```
/// use abridge_text::{Span, speech::cut};
///
/// let text = "so the storm came in fast\nand the wall gave way";
/// let mut pieces = Vec::new();
/// cut(text, Span::new(0, text.len()), |piece| pieces.push(piece.slice(text)));
/// assert_eq!(pieces, ["so the storm came in fast", "and the wall gave way"]);
/// ```
pub fn cut(text: &str, span: Span, mut f: impl FnMut(Span)) {
    let mut line_start = span.start;
    for line in span.slice(text).split_inclusive('\n') {
        let line_span = Span::new(line_start, line_start + line.len()).trim(text);
        line_start += line.len();
        if !line_span.is_empty() {
            cut_line(text, line_span, &mut f);
        }
    }
}

/// Cuts one line of speech.
fn cut_line(text: &str, span: Span, f: &mut impl FnMut(Span)) {
    let mut words: Vec<Span> = Vec::new();
    token::for_each_word(text, span, |word, _| words.push(word));
    if words.len() <= MAX_SPEECH_WORDS {
        f(span);
        return;
    }
    let opens_clause = |index: usize| -> bool {
        let word = words[index].slice(text);
        let after_comma = index > 0 && text[words[index - 1].end..words[index].start].contains(',');
        after_comma || CLAUSE_OPENERS.iter().any(|opener| opener.eq_ignore_ascii_case(word))
    };
    let mut start = 0;
    let mut piece_start = span.start;
    while words.len() - start > MAX_SPEECH_WORDS {
        // The piece ends before word `end`: the last clause opener within
        // reach, or the limit.
        let reach = start + MAX_SPEECH_WORDS;
        let end =
            (start + MIN_SPEECH_WORDS..=reach).rev().find(|&i| opens_clause(i)).unwrap_or(reach);
        let piece = Span::new(piece_start, words[end - 1].end).trim(text);
        f(piece);
        start = end;
        piece_start = words[end].start;
    }
    f(Span::new(piece_start, span.end).trim(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        cut(text, Span::new(0, text.len()), |span| out.push(span.slice(text)));
        out
    }

    #[test]
    fn fillers_and_marks() {
        assert!(FILLERS.windows(2).all(|pair| pair[0] < pair[1]));
        for word in ["uh", "mm-hmm", "yeah", "okay"] {
            assert!(is_filler(word), "{word}");
        }
        for word in ["harbour", "wall", "Yeah"] {
            assert!(!is_filler(word), "{word}");
        }
        let text = "so {vocalsound} the [laughter] wall {broke up} [x";
        let at = |word: &str| {
            let start = text.find(word).unwrap();
            Span::new(start, start + word.len())
        };
        assert!(is_mark(text, at("vocalsound")));
        assert!(is_mark(text, at("laughter")));
        assert!(!is_mark(text, at("wall")));
        assert!(!is_mark(text, at("broke")), "two words in braces are speech");
        assert!(!is_mark(text, at("x")));
    }

    #[test]
    fn short_units_stay_whole() {
        assert_eq!(pieces("we went down to the harbour"), ["we went down to the harbour"]);
    }

    #[test]
    fn long_units_are_cut_before_clause_openers() {
        let text = "we looked at the wall on monday morning with the divers from the port \
                    and they found a breach of about forty metres near the north pier \
                    so the harbour stays closed until the engineers have checked every berth \
                    which will take at least a week";
        let cut = pieces(text);
        // The last opener within reach wins: "so" is passed over for "which".
        assert_eq!(cut.len(), 3, "{cut:?}");
        assert!(cut[1].starts_with("and they found"), "{cut:?}");
        assert!(cut[2].starts_with("which will take"), "{cut:?}");
        for piece in &cut {
            let words = piece.split_whitespace().count();
            assert!(words <= MAX_SPEECH_WORDS, "{piece}");
        }
        // The pieces cover the unit's words in order.
        assert_eq!(
            cut.join(" ").split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn lines_are_units() {
        assert_eq!(
            pieces(
                "we went down

to the harbour
it was gone"
            ),
            ["we went down", "to the harbour", "it was gone"]
        );
    }

    #[test]
    fn without_openers_the_limit_cuts() {
        let text = (0..60).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let cut = pieces(&text);
        assert_eq!(cut.len(), 3);
        assert_eq!(cut[0].split_whitespace().count(), MAX_SPEECH_WORDS);
        assert_eq!(cut[2].split_whitespace().count(), 10);
    }
}
