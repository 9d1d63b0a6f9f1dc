//! Units of e-mail headers and separators that carry no terminator.
//!
//! Forwarded and replied e-mail is full of lines that end without
//! punctuation, and in running text those lines are often joined by
//! spaces: "Anna Berg 03/14/2021 09:30 AM Please see the note below", or a
//! signature closed by "______________". Two kinds of span are units of
//! their own, wherever they stand:
//!
//! - a **time stamp** of a header: a date with slashes and a time with AM or
//!   PM (`03/14/2021 09:30 AM`, `3/4/99 11:05:12 PM`); the name before it
//!   is a unit too;
//! - a **separator**: a run of at least [`MIN_SEPARATOR`] of the same
//!   `=`, `*`, `_`, `~`, `-` or `#`;
//! - a **sign-off** that starts a unit and ends with a comma before a
//!   name ("Thanks, Anna", "Best regards, Tom Ng"): the sign-off is a
//!   unit, and the name starts the next one. "Thank you, Mr Lee" and
//!   "Thanks, I will" stay whole.
//!
//! [`next_break`] finds the next place where such a span starts or ends;
//! the splitter cuts there as it cuts at a full stop.

/// The shortest run of one character that is a separator.
pub(crate) const MIN_SEPARATOR: usize = 5;

/// Bytes the search stops at.
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'/' as usize] = true;
    table[b',' as usize] = true;
    let mut index = 0;
    while index < SEPARATOR_BYTES.len() {
        table[SEPARATOR_BYTES[index] as usize] = true;
        index += 1;
    }
    table
};

const SEPARATOR_BYTES: &[u8] = b"=*_~-#";

/// The first offset at or after `from` (and before `end`) where a time
/// stamp or separator starts or ends a unit. A start counts only after a
/// word and a space on the same stretch of text, an end only before white
/// space and more text, so no break leaves an empty unit.
pub(crate) fn next_break(text: &str, from: usize, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = from;
    while index < end {
        let at = index + find_interesting(&bytes[index..end])?;
        if bytes[at] == b',' {
            if at + 1 >= from && is_sign_off(bytes, at, end) && ends_unit(bytes, at + 1, end) {
                return Some(at + 1);
            }
            index = at + 1;
            continue;
        }
        let span =
            if bytes[at] == b'/' { time_stamp(bytes, at, end) } else { separator(bytes, at, end) };
        let Some((start, stop)) = span else {
            index = at + 1;
            continue;
        };
        if start >= from && starts_unit(bytes, start) {
            return Some(start);
        }
        if stop >= from && ends_unit(bytes, stop, end) {
            return Some(stop);
        }
        index = stop.max(at + 1);
    }
    None
}

/// The first byte of `bytes` that a time stamp or a separator holds.
///
/// Fast path: blocks of 32 bytes with none of them, tested with compares
/// alone (no table look-up, no early exit), which the compiler vectorises.
fn find_interesting(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 32;
    let is_interesting = |byte: u8| {
        u8::from(byte == b'/')
            | u8::from(byte == b',')
            | u8::from(byte == b'=')
            | u8::from(byte == b'*')
            | u8::from(byte == b'_')
            | u8::from(byte == b'~')
            | u8::from(byte == b'-')
            | u8::from(byte == b'#')
    };
    let mut offset = 0;
    for block in bytes.chunks_exact(BLOCK) {
        // Byte-wise flags, or-ed lane by lane, then folded.
        let mut lanes = [0u8; BLOCK];
        for (lane, &byte) in lanes.iter_mut().zip(block) {
            *lane = is_interesting(byte);
        }
        if lanes.iter().fold(0u8, |any, &lane| any | lane) != 0 {
            break;
        }
        offset += BLOCK;
    }
    bytes[offset..].iter().position(|&byte| INTERESTING[usize::from(byte)]).map(|at| offset + at)
}

/// Closing words of a letter or an e-mail, written before the sender's
/// name.
const SIGN_OFFS: &[&[u8]] = &[
    b"Thanks",
    b"Thank you",
    b"Many thanks",
    b"Regards",
    b"Best regards",
    b"Kind regards",
    b"Warm regards",
    b"Best",
    b"Best wishes",
    b"All the best",
    b"Cheers",
    b"Sincerely",
    b"Yours sincerely",
    b"Yours truly",
    b"Cordially",
    b"Respectfully",
];

/// Words of address after "Thank you,": the sign-off then thanks someone.
const TITLES: &[&[u8]] = &[
    b"Mr",
    b"Mrs",
    b"Ms",
    b"Miss",
    b"Mister",
    b"Madam",
    b"Madame",
    b"Sir",
    b"Dr",
    b"Doctor",
    b"Professor",
    b"Prof",
    b"President",
    b"Chair",
    b"Chairman",
    b"Commissioner",
    b"Senator",
    b"Judge",
    b"Lady",
    b"Lord",
    b"Everyone",
    b"Everybody",
    b"All",
];

/// Whether the comma at `comma` closes a sign-off that starts a unit (at
/// the start of the text or a line, or after a terminator and a space) and
/// comes before a capitalised name that is not a word of address.
fn is_sign_off(bytes: &[u8], comma: usize, end: usize) -> bool {
    let before = &bytes[..comma];
    let Some(phrase) = SIGN_OFFS.iter().find(|phrase| before.ends_with(phrase)) else {
        return false;
    };
    let start = comma - phrase.len();
    let starts_unit = start == 0
        || bytes[start - 1] == b'\n'
        || (bytes[start - 1] == b' '
            && (start < 2 || matches!(bytes[start - 2], b'.' | b'!' | b'?' | b'\n')));
    if !starts_unit {
        return false;
    }
    let rest = &bytes[comma + 1..end];
    let Some(name) = rest.strip_prefix(b" ") else { return false };
    let word_len = name.iter().take_while(|byte| byte.is_ascii_alphabetic()).count();
    let word = &name[..word_len];
    // A capital, then lower case: a name, not "I" or an acronym. A name
    // with a terminator of its own is thanked: "Thanks, Kim."
    let thanked = name.get(word_len).is_some_and(|byte| matches!(byte, b'.' | b'!' | b'?'));
    word.len() >= 2
        && word[0].is_ascii_uppercase()
        && word[1].is_ascii_lowercase()
        && !TITLES.contains(&word)
        && !thanked
}

/// Whether `unit` is a separator alone, which stays a unit of its own.
pub(crate) fn is_separator(unit: &str) -> bool {
    let bytes = unit.as_bytes();
    bytes.len() >= MIN_SEPARATOR
        && SEPARATOR_BYTES.contains(&bytes[0])
        && bytes.iter().all(|&byte| byte == bytes[0])
}

/// Whether a unit may start at `start`: a space, and a character that is
/// not white space before it.
fn starts_unit(bytes: &[u8], start: usize) -> bool {
    start >= 2 && bytes[start - 1] == b' ' && !bytes[start - 2].is_ascii_whitespace()
}

/// Whether a unit may end at `stop`: white space, then more text.
fn ends_unit(bytes: &[u8], stop: usize, end: usize) -> bool {
    let rest = &bytes[stop..end];
    rest.first().is_some_and(u8::is_ascii_whitespace)
        && rest.iter().any(|byte| !byte.is_ascii_whitespace())
}

/// The run of one separator byte around `at`, if it is long enough and
/// stands as a word (white space or the edge of the text on both sides).
fn separator(bytes: &[u8], at: usize, end: usize) -> Option<(usize, usize)> {
    let byte = bytes[at];
    let mut start = at;
    while start > 0 && bytes[start - 1] == byte {
        start -= 1;
    }
    let mut stop = at;
    while stop < end && bytes[stop] == byte {
        stop += 1;
    }
    let alone = (start == 0 || bytes[start - 1].is_ascii_whitespace())
        && (stop == end || bytes[stop].is_ascii_whitespace());
    (stop - start >= MIN_SEPARATOR && alone).then_some((start, stop))
}

/// The time stamp whose first slash is at `slash`: `M/D/YY` or
/// `MM/DD/YYYY`, a space, `H:MM` or `HH:MM:SS`, an optional space, and
/// `AM` or `PM` (either case).
fn time_stamp(bytes: &[u8], slash: usize, end: usize) -> Option<(usize, usize)> {
    let digits_before = bytes[..slash].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&digits_before) {
        return None;
    }
    let start = slash - digits_before;
    if start > 0 && !bytes[start - 1].is_ascii_whitespace() {
        return None;
    }
    let mut cursor = slash + 1;
    let digits = |cursor: &mut usize, allowed: &[usize]| -> bool {
        let count = bytes[*cursor..end].iter().take_while(|b| b.is_ascii_digit()).count();
        *cursor += count;
        allowed.contains(&count)
    };
    let byte = |cursor: &mut usize, expected: u8| -> bool {
        let matches = bytes.get(*cursor) == Some(&expected) && *cursor < end;
        *cursor += usize::from(matches);
        matches
    };
    let date = digits(&mut cursor, &[1, 2])
        && byte(&mut cursor, b'/')
        && digits(&mut cursor, &[2, 4])
        && byte(&mut cursor, b' ');
    let time = date
        && digits(&mut cursor, &[1, 2])
        && byte(&mut cursor, b':')
        && digits(&mut cursor, &[2]);
    if !time {
        return None;
    }
    if byte(&mut cursor, b':') && !digits(&mut cursor, &[2]) {
        return None;
    }
    byte(&mut cursor, b' ');
    let meridiem = bytes.get(cursor..cursor + 2).filter(|_| cursor + 2 <= end)?;
    if !matches!(meridiem, b"AM" | b"PM" | b"am" | b"pm") {
        return None;
    }
    let stop = cursor + 2;
    let alone = stop == end || bytes[stop].is_ascii_whitespace();
    alone.then_some((start, stop))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(text: &str) -> Vec<usize> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = next_break(text, from, text.len()) {
            found.push(at);
            from = at + 1;
        }
        found
    }

    #[test]
    fn time_stamps_and_separators_start_and_end_units() {
        let text = "Anna Berg 03/14/2021 09:30 AM Please call.";
        assert_eq!(breaks(text), [10, 29]);
        assert_eq!(breaks("Sent 3/4/99 11:05:12 pm by Tom"), [5, 23]);
        let text = "Bye for now. ______________ Get the new app";
        assert_eq!(breaks(text), [13, 27]);
        // Not a stamp: no time, a fraction, a price.
        assert!(breaks("We met on 03/14/2021 at noon.").is_empty());
        assert!(breaks("Add 1/2 cup of milk and 3/4 of the flour.").is_empty());
        // Not a separator: too short, or inside a word.
        assert!(breaks("A well-known --- no, a famous --- writer.").is_empty());
        assert!(breaks("See file_____name today").is_empty());
        // Sign-offs before a name.
        assert_eq!(breaks("Call me soon. Best regards, Tom Ng"), [27]);
        assert_eq!(breaks("Thanks, Anna\nSee you"), [7]);
        assert!(breaks("Thank you, Mr Lee. Next.").is_empty());
        assert!(breaks("Thanks, I will. Thanks, mate.").is_empty());
        assert!(breaks("No, thanks, Anna said.").is_empty());
        assert!(breaks("It was the Best, Anna said.").is_empty());
        assert!(breaks("Thanks, Kim. See you.").is_empty());
        // The block search finds the first byte of interest anywhere.
        for at in [0, 1, 31, 32, 33, 63, 64, 100] {
            let mut text = "a".repeat(120);
            text.replace_range(at..=at, "-");
            assert_eq!(find_interesting(text.as_bytes()), Some(at));
        }
        assert_eq!(find_interesting("b".repeat(70).as_bytes()), None);
        // A stamp at the start or end of the text leaves no empty unit.
        assert_eq!(breaks("03/14/2021 09:30 AM Please call."), [19]);
        assert!(breaks("Sent by Anna ==========").len() == 1);
    }
}
