//! The character encoding of an HTML page: byte-order mark, the HTTP
//! header's `charset`, the page's own `<meta charset>`, then detection.
//!
//! This follows the order the HTML standard gives browsers ("determining the
//! character encoding"), in a simplified form: a byte-order mark wins; then
//! the transport's word; then a `<meta>` declaration in the first 4 KiB;
//! then, for bytes that are not valid UTF-8, `chardetng`'s guess.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// How far into a page the `<meta charset>` prescan looks.
const PRESCAN_BYTES: usize = 4096;

/// Where an encoding came from.
///
/// ```
/// use abridge_formats::html::{CharsetSource, sniff_encoding};
///
/// let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9</body></html>";
/// assert_eq!(sniff_encoding(page, None).1, CharsetSource::Meta);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte-order mark.
    ByteOrderMark,
    /// The `charset` parameter of the HTTP `Content-Type` header.
    Header,
    /// A `<meta charset>` or `<meta http-equiv="Content-Type">` in the page.
    Meta,
    /// The bytes are valid UTF-8.
    Utf8,
    /// A statistical guess (`chardetng`).
    Detected,
}

/// Decodes an HTML page to text. `content_type` is the HTTP header's value,
/// when there was one. Malformed sequences become U+FFFD; never fails.
///
/// ```
/// use abridge_formats::html::decode_html;
///
/// let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9</body></html>";
/// let (text, encoding, _) = decode_html(page, None);
/// assert!(text.contains("Café"));
/// assert_eq!(encoding.name(), "windows-1252");
/// ```
pub fn decode_html<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
) -> (Cow<'a, str>, &'static Encoding, CharsetSource) {
    let (encoding, source) = sniff_encoding(bytes, content_type);
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    // `decode_with_bom_removal` strips only the mark of `encoding`; a page
    // whose header and byte-order mark disagree keeps the mark's encoding
    // (sniffed above), so nothing else is left to strip.
    (text, encoding, source)
}

/// The encoding of `bytes` and where it was found.
///
/// ```
/// use abridge_formats::html::{CharsetSource, sniff_encoding};
///
/// let (encoding, source) = sniff_encoding(b"<p>plain ASCII</p>", Some("text/html; charset=utf-8"));
/// assert_eq!((encoding.name(), source), ("UTF-8", CharsetSource::Header));
/// ```
pub fn sniff_encoding(
    bytes: &[u8],
    content_type: Option<&str>,
) -> (&'static Encoding, CharsetSource) {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return (encoding, CharsetSource::ByteOrderMark);
    }
    if let Some(encoding) = content_type.and_then(charset_param).and_then(label) {
        return (encoding, CharsetSource::Header);
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if let Some(encoding) = meta_charset(head) {
        return (encoding, CharsetSource::Meta);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, CharsetSource::Utf8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), CharsetSource::Detected)
}

/// The encoding a label names. A page that says UTF-16 in ASCII markup is
/// not UTF-16 (the standard's rule), so those labels mean UTF-8.
fn label(name: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(name.trim().trim_matches(['"', '\'']).as_bytes())?;
    Some(if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        encoding
    })
}

/// The value of `charset=` in a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = &content_type[at..];
    let end = rest.find([';', ' ', ',']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The encoding a `<meta>` tag in `head` declares.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    // The head is ASCII-compatible markup in every encoding a page can
    // declare this way, so a lossy view is enough to find the tag.
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = text[from..].find("<meta") {
        let start = from + at;
        let end = text[start..].find('>').map_or(text.len(), |e| start + e);
        let tag = &text[start..end];
        if let Some(encoding) = attribute_value(tag, "charset").and_then(label) {
            return Some(encoding);
        }
        if attribute_value(tag, "http-equiv").is_some_and(|v| v == "content-type")
            && let Some(encoding) =
                attribute_value(tag, "content").and_then(charset_param).and_then(label)
        {
            return Some(encoding);
        }
        from = end;
    }
    None
}

/// The value of attribute `name` in a lower-cased start tag.
fn attribute_value<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = tag[..start].ends_with([' ', '\t', '\n', '\r', '/', '"', '\'']);
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let (value, _) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &rest[1..];
                let end = body.find(quote).unwrap_or(body.len());
                (&body[..end], ())
            }
            _ => {
                let end = rest.find([' ', '\t', '\n', '/', '>']).unwrap_or(rest.len());
                (&rest[..end], ())
            }
        };
        return Some(value.trim());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meta_charset_decides_for_latin_1_pages() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let (text, encoding, source) = decode_html(page, None);
        assert_eq!(encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(source, CharsetSource::Meta);
        assert!(text.contains("café"), "{text}");
    }

    #[test]
    fn the_http_equiv_form_and_the_header_are_read() {
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>\xcf\xf0\xe8";
        assert_eq!(sniff_encoding(page, None).0, encoding_rs::WINDOWS_1251);
        let (text, _, source) =
            decode_html(b"<p>\xe9t\xe9</p>", Some("text/html; charset=ISO-8859-1"));
        assert_eq!(source, CharsetSource::Header);
        assert_eq!(text, "<p>été</p>");
    }

    #[test]
    fn a_byte_order_mark_wins_and_utf_8_needs_no_declaration() {
        let page = b"\xef\xbb\xbf<meta charset=latin1><p>\xc3\xa9</p>";
        let (text, encoding, source) = decode_html(page, Some("text/html; charset=latin1"));
        assert_eq!((encoding, source), (UTF_8, CharsetSource::ByteOrderMark));
        assert_eq!(text, "<meta charset=latin1><p>é</p>");
        assert_eq!(sniff_encoding("<p>naïve</p>".as_bytes(), None), (UTF_8, CharsetSource::Utf8));
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let page = "<p>Le château où l'été dure, près de la forêt, était fermé à clé.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let (text, _, source) = decode_html(&bytes, None);
        assert_eq!(source, CharsetSource::Detected);
        assert_eq!(text, page);
    }
}
