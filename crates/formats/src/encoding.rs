//! Text in a legacy 8-bit encoding (Latin-1, Windows-1252, …), told from
//! UTF-8 with a few damaged bytes.
//!
//! Bytes that are not valid UTF-8 are one of two things: UTF-8 with a few
//! bad sequences (a file cut mid-character, a stray byte), to be repaired
//! with U+FFFD; or text saved in an older encoding, where every accented
//! letter is one byte that is invalid in UTF-8 ("Caf\xe9"). The second
//! kind has (almost) no valid multi-byte UTF-8 sequence: two Latin-1 letters
//! in a row rarely make one ("Ã©" is not a pair people write). So text is
//! legacy when its invalid sequences outnumber its valid non-ASCII
//! characters; `chardetng` (Firefox's detector) then names the encoding,
//! and `encoding_rs` decodes it.
//!
//! ```
//! use abridge_formats::encoding::{decode_legacy, decode_with};
//!
//! let (text, encoding) = decode_legacy(b"Caf\xe9 prices rose in March.").unwrap();
//! assert_eq!(text, "Café prices rose in March.");
//! assert_eq!(encoding, "windows-1252");
//! // UTF-8 with one bad byte is not legacy text: repair it instead.
//! assert!(decode_legacy(b"Caf\xc3\xa9 prices\xff").is_none());
//! // A label forces an encoding.
//! assert_eq!(decode_with(b"\xc0 bient\xf4t", "latin1").unwrap(), "À bientôt");
//! ```

use encoding_rs::Encoding;

/// How many bytes from the start `chardetng` looks at: enough for any
/// language's letters, and bounded for huge inputs.
const DETECT_BYTES: usize = 1 << 20;

/// The text of `bytes` decoded from the legacy encoding they are in, with
/// the encoding's name (`windows-1252`, `ISO-8859-2`, `Shift_JIS`, …);
/// `None` when the bytes are valid UTF-8 or UTF-8 with a few damaged
/// sequences (see the module doc). Unmappable bytes become U+FFFD.
///
/// ```
/// use abridge_formats::encoding::decode_legacy;
///
/// assert_eq!(decode_legacy(b"na\xefve caf\xe9 owners").map(|(_, encoding)| encoding), Some("windows-1252"));
/// ```
pub fn decode_legacy(bytes: &[u8]) -> Option<(String, &'static str)> {
    if !looks_legacy(bytes) {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = encoding.decode(bytes);
    Some((text.into_owned(), encoding.name()))
}

/// The text of `bytes` decoded from the encoding `label` names (any label
/// of the WHATWG Encoding Standard: `latin1`, `cp1252`, `iso-8859-15`,
/// `shift_jis`, `utf-8`, …), after a byte-order mark of that encoding;
/// `None` for an unknown label. Unmappable bytes become U+FFFD.
///
/// ```
/// use abridge_formats::encoding::decode_with;
///
/// assert_eq!(decode_with(b"\x82\xb1\x82\xf1", "shift_jis").unwrap(), "こん");
/// ```
pub fn decode_with(bytes: &[u8], label: &str) -> Option<String> {
    let encoding = encoding_for_label(label)?;
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    Some(text.into_owned())
}

/// The canonical name of the encoding `label` names, if it names one:
/// `latin1` is `windows-1252`, as browsers read it.
///
/// ```
/// use abridge_formats::encoding::encoding_for_label;
///
/// assert_eq!(encoding_for_label("cp1252").unwrap().name(), "windows-1252");
/// assert!(encoding_for_label("klingon").is_none());
/// ```
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label_no_replacement(label.trim().as_bytes())
}

/// Whether `bytes` are not UTF-8 and have more invalid sequences than
/// valid non-ASCII characters.
fn looks_legacy(bytes: &[u8]) -> bool {
    let (mut invalid, mut multibyte) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                multibyte += count_non_ascii(valid);
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                multibyte += count_non_ascii(std::str::from_utf8(valid).unwrap_or_default());
                invalid += 1;
                let Some(len) = error.error_len() else { break };
                rest = &after[len..];
            }
        }
    }
    invalid > multibyte
}

fn count_non_ascii(text: &str) -> usize {
    // Counting lead bytes counts characters without decoding them.
    text.bytes().filter(|&byte| byte >= 0xC0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_1_french_and_windows_1252_quotes_are_decoded() {
        let (text, encoding) =
            decode_legacy(b"L'\xe9t\xe9 fut chaud \x96 et le caf\xe9 resta ouvert.").unwrap();
        assert_eq!(text, "L'été fut chaud – et le café resta ouvert.");
        assert_eq!(encoding, "windows-1252");
        let bytes = b"\x93The caf\xe9 will stay open,\x94 she said, \x93whatever the r\xe9sum\xe9 of the year says.\x94";
        let (text, _) = decode_legacy(bytes).unwrap();
        assert_eq!(
            text,
            "\u{201C}The café will stay open,\u{201D} she said, \u{201C}whatever the résumé of the year says.\u{201D}"
        );
    }

    #[test]
    fn a_central_european_text_gets_its_own_encoding() {
        // Polish in ISO-8859-2: "Zażółć gęślą jaźń" has letters Latin-1 lacks.
        let bytes = b"Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1. Dzi\xeaki za pomoc w \xb3odzi.";
        let (text, encoding) = decode_legacy(bytes).unwrap();
        assert!(encoding.starts_with("ISO-8859-2") || encoding == "windows-1250", "{encoding}");
        assert!(text.contains("gęślą"), "{text}");
    }

    #[test]
    fn utf_8_and_damaged_utf_8_are_not_legacy() {
        assert!(decode_legacy("Café, déjà vu, naïve.".as_bytes()).is_none());
        let mut damaged = "Le café est ouvert. Il ferme tard, après minuit.".as_bytes().to_vec();
        damaged.push(0xFF);
        assert!(decode_legacy(&damaged).is_none());
        // Cut in the middle of a character: one bad sequence, two good ones.
        let cut = "été à".as_bytes();
        assert!(decode_legacy(&cut[..cut.len() - 1]).is_none());
    }

    #[test]
    fn labels_force_an_encoding() {
        assert_eq!(decode_with(b"caf\xe9", "ISO-8859-1").unwrap(), "café");
        assert_eq!(decode_with("café".as_bytes(), "utf-8").unwrap(), "café");
        assert_eq!(decode_with(b"\xef\xbb\xbfcaf\xc3\xa9", "utf8").unwrap(), "café");
        assert!(decode_with(b"x", "no-such-encoding").is_none());
        assert_eq!(encoding_for_label(" Latin1 ").unwrap().name(), "windows-1252");
    }
}
