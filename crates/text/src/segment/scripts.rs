//! Sentence rules that belong to a script rather than to a language.
//!
//! They apply whatever language the segmenter was made for, so that a text
//! in a language abridge has no [`Language`](crate::Language) for (Kazakh,
//! Burmese, Amharic) is still cut where its script ends sentences:
//! - after an Armenian letter, `:` is the Armenian full stop (it stands in
//!   for `։`), and a single `.` is the Armenian middle stop, which ends
//!   nothing;
//! - after a Greek letter, `;` is the Greek question mark (it stands in for
//!   U+037E);
//! - Thai and Lao put no punctuation at the end of a sentence but a space,
//!   so a space between two of their letters ends a unit once the unit is
//!   long enough ([`next_thai_break`]);
//! - a quotation in Chinese or Japanese that is followed by its reporting
//!   clause (`「…。」と言った`, `“…！”他说。`) stays in one sentence with it
//!   ([`attribution_follows`]);
//! - a line of Chinese or Japanese that ends with a comma or a Japanese
//!   particle goes on on the next line ([`line_continues`]).
//!
//! The terminators of each script (`。`, `．`, `।`, `؟`, `۔`, `։`, `።`, `။`,
//! `។`, …) are in the segmenter's table of terminators, scanned like `.`.

/// Whether `character` is a letter of the Armenian script.
pub(crate) fn is_armenian_letter(character: char) -> bool {
    matches!(character, '\u{0531}'..='\u{0556}' | '\u{0560}'..='\u{0588}' | '\u{FB13}'..='\u{FB17}')
}

/// Whether `character` is a letter of the Greek script, with or without
/// accents.
pub(crate) fn is_greek_letter(character: char) -> bool {
    matches!(character, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
        && character.is_alphabetic()
}

/// Whether `character` is a Thai or Lao letter, vowel sign or tone mark:
/// not a digit, not a symbol, and not the repetition or abbreviation marks
/// (`ๆ`, `ฯ`, `ໆ`, `ຯ`), after which a space is customary inside a
/// sentence.
pub(crate) fn is_thai_or_lao_letter(character: char) -> bool {
    matches!(
        character,
        '\u{0E01}'..='\u{0E2E}'
            | '\u{0E30}'..='\u{0E3A}'
            | '\u{0E40}'..='\u{0E45}'
            | '\u{0E47}'..='\u{0E4E}'
            | '\u{0E81}'..='\u{0EAE}'
            | '\u{0EB0}'..='\u{0EBD}'
            | '\u{0EC0}'..='\u{0EC4}'
            | '\u{0EC8}'..='\u{0ECE}'
            | '\u{0EDC}'..='\u{0EDF}'
    )
}

/// Whether `character` is written in the scripts that put no space between
/// words and take two columns in a terminal: Han, kana, and the full-width
/// forms and punctuation that go with them.
pub(crate) fn is_wide(character: char) -> bool {
    matches!(
        character,
        '\u{3000}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{20000}'..='\u{2FFFF}'
    )
}

/// Whether `character`, in a run of terminators that starts at `at`, ends
/// a sentence in the script before it: `:` after an Armenian letter, `;`
/// after a Greek word of two letters or more (a lone `β;` is a symbol in a
/// formula).
pub(crate) fn is_script_terminator(text: &str, at: usize, character: char) -> bool {
    match character {
        ':' => letter_before(text, at).is_some_and(|(_, letter)| is_armenian_letter(letter)),
        ';' => letter_before(text, at).is_some_and(|(index, letter)| {
            is_greek_letter(letter)
                && text[..index].chars().next_back().is_some_and(is_greek_letter)
        }),
        _ => false,
    }
}

/// Longest stretch (in bytes) [`letter_before`] skips back over.
const SKIP_BACK: usize = 16;

/// The last character of `text[..at]` that is not a closing quote, a
/// closing bracket or a terminator, and where it is, looking back at most a
/// few characters (`»։`, `...:`).
pub(crate) fn letter_before(text: &str, at: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    if at == 0 {
        return None;
    }
    let last = bytes[at - 1];
    if last.is_ascii() && !matches!(last, b'"' | b'\'' | b')' | b']' | b'.') {
        // The fast path of Latin text: a letter, a digit or a space.
        return Some((at - 1, char::from(last)));
    }
    let mut lower = at.saturating_sub(SKIP_BACK);
    while !text.is_char_boundary(lower) {
        lower += 1;
    }
    text[lower..at]
        .char_indices()
        .rev()
        .find(|&(_, character)| {
            !matches!(character, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '.' | '…')
        })
        .map(|(index, character)| (lower + index, character))
}

/// A space between Thai letters ends a unit only after at least this many
/// Thai or Lao letters since the unit began, counting those that take a
/// column of their own (not the vowel and tone marks written above or
/// below): shorter stretches are names and phrases ("นายสมชาย ใจดี", a
/// title, a given name and a surname).
pub(crate) const MIN_THAI_UNIT: usize = 12;

/// Thai and Lao vowel and tone marks written above or below a letter.
fn is_thai_or_lao_mark(character: char) -> bool {
    matches!(
        character,
        '\u{0E31}'
            | '\u{0E34}'..='\u{0E3A}'
            | '\u{0E47}'..='\u{0E4E}'
            | '\u{0EB1}'
            | '\u{0EB4}'..='\u{0EBC}'
            | '\u{0EC8}'..='\u{0ECE}'
    )
}

/// The next place in `text[from..end]` where Thai or Lao text ends a unit:
/// white space between two Thai or Lao letters, with at least
/// [`MIN_THAI_UNIT`] of their letters between `from` and it. Returns the
/// start and the end of the white space.
pub(crate) fn next_thai_break(text: &str, from: usize, end: usize) -> Option<(usize, usize)> {
    let mut n_letters = 0;
    let mut previous: Option<char> = None;
    let mut space_start: Option<usize> = None;
    for (offset, character) in text[from..end].char_indices() {
        let at = from + offset;
        if character.is_whitespace() {
            if space_start.is_none() {
                space_start = Some(at);
            }
            continue;
        }
        if let Some(start) = space_start.take()
            && n_letters >= MIN_THAI_UNIT
            && previous.is_some_and(is_thai_or_lao_letter)
            && is_thai_or_lao_letter(character)
        {
            return Some((start, at));
        }
        if is_thai_or_lao_letter(character) && !is_thai_or_lao_mark(character) {
            n_letters += 1;
        }
        previous = Some(character);
    }
    None
}

/// Japanese particles that open a reporting clause right after a closing
/// quotation mark: `「…」と言った`, `「…」って聞いた`.
const QUOTATIVE_PARTICLES: &[&str] = &["と", "って"];

/// Chinese verbs that end a reporting clause (`他说`, `她问道`, `部长表示`),
/// in simplified and traditional characters.
const REPORTING_VERBS: &[&str] = &[
    "说", "說", "道", "问", "問", "称", "稱", "答", "喊", "表示", "指出", "强调", "強調", "透露",
    "介绍", "介紹", "宣布", "解释", "解釋", "补充", "補充", "认为", "認為", "坦言", "直言", "感叹",
    "感嘆",
];

/// Longest reporting clause, in characters.
const MAX_ATTRIBUTION_CHARS: usize = 30;

/// Whether the text after a closing quotation mark, at `after`, is its
/// reporting clause: a Japanese quotative particle, or a short Chinese
/// clause that ends with a verb of saying before the next comma, colon or
/// full stop (`“…！”一位船主说。`).
pub(crate) fn attribution_follows(text: &str, after: usize, end: usize) -> bool {
    let rest = &text[after..end];
    if QUOTATIVE_PARTICLES.iter().any(|particle| rest.starts_with(particle)) {
        return true;
    }
    for (offset, character) in rest.char_indices().take(MAX_ATTRIBUTION_CHARS + 1) {
        if matches!(
            character,
            '。' | '！' | '？' | '，' | '、' | '：' | '；' | ',' | ':' | '!' | '?'
        ) {
            let clause = &rest[..offset];
            return !clause.is_empty() && REPORTING_VERBS.iter().any(|verb| clause.ends_with(verb));
        }
        if !is_wide(character) || matches!(character, '「' | '『' | '“' | '（') {
            // Not Chinese, or a new quotation opens: no reporting clause.
            return false;
        }
    }
    false
}

/// Japanese particles that cannot end a sentence or a headline, so a line
/// that ends with one was broken inside a sentence.
const LINE_FINAL_PARTICLES: &[char] = &['の', 'は', 'が', 'を', 'に', 'へ', 'で', 'と', 'も', 'や'];

/// Whether a line of Chinese or Japanese goes on on the next line: it ends
/// with an ideographic comma (`、`, `，`) or a Japanese particle.
pub(crate) fn line_continues(line: &str) -> bool {
    line.trim_end()
        .chars()
        .next_back()
        .is_some_and(|last| matches!(last, '、' | '，') || LINE_FINAL_PARTICLES.contains(&last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_terminators_need_their_script() {
        let at_end =
            |text: &str| is_script_terminator(text, text.len() - 1, text.chars().last().unwrap());
        assert!(at_end("Ճիշտ է:"));
        assert!(at_end("Բարև»:"));
        assert!(!at_end("Time:"));
        assert!(at_end("Πού πας;"));
        assert!(at_end("Τι είπες»;"));
        assert!(!at_end("It rained;"));
        // A Greek letter alone is a symbol in a formula.
        assert!(!at_end("for every β;"));
        assert!(!at_end(":"));
    }

    #[test]
    fn the_letter_before_skips_closers_and_dots() {
        assert_eq!(letter_before("word", 4), Some((3, 'd')));
        assert_eq!(letter_before("Բարև»", "Բարև»".len()), Some((6, 'և')));
        assert_eq!(letter_before("են...", "են...".len()), Some((2, 'ն')));
        assert_eq!(letter_before("", 0), None);
    }

    #[test]
    fn thai_breaks_after_long_enough_stretches() {
        // Our own text: "The market opens early every day. Many people come."
        let text = "ตลาดเปิดแต่เช้าทุกวัน คนมาซื้อของเยอะมาก";
        let (start, end) = next_thai_break(text, 0, text.len()).unwrap();
        assert_eq!(&text[..start], "ตลาดเปิดแต่เช้าทุกวัน");
        assert_eq!(&text[end..], "คนมาซื้อของเยอะมาก");
        // A title and a name, then a surname: too short to be a sentence.
        assert_eq!(next_thai_break("นายสมชาย ใจดี", 0, "นายสมชาย ใจดี".len()), None);
        // After the repetition mark a space is customary inside a sentence.
        let text = "มีผลไม้หลายอย่างต่างๆ มากมาย";
        assert_eq!(next_thai_break(text, 0, text.len()), None);
        // Thai next to digits or Latin letters is no sentence break.
        let text = "ราคาสินค้าทั้งหมดในร้าน 500 บาท";
        assert_eq!(next_thai_break(text, 0, text.len()), None);
    }

    #[test]
    fn reporting_clauses_after_quotations() {
        let text = "と彼は言った。";
        assert!(attribution_follows(text, 0, text.len()));
        let text = "他的邻居告诉记者说。";
        assert!(attribution_follows(text, 0, text.len()));
        let text = "她笑着问道，";
        assert!(attribution_follows(text, 0, text.len()));
        let text = "第二天早上，天气很好。";
        assert!(!attribution_follows(text, 0, text.len()));
        let text = "大家都很高兴。";
        assert!(!attribution_follows(text, 0, text.len()));
        let text = "He said.";
        assert!(!attribution_follows(text, 0, text.len()));
    }

    #[test]
    fn lines_that_go_on() {
        assert!(line_continues("東京の"));
        assert!(line_continues("我们买了苹果、"));
        assert!(!line_continues("今日は晴れです。"));
        assert!(!line_continues("新华社北京电"));
        assert!(!line_continues("Thanks,"));
    }
}
