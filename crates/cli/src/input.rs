//! Reading the input text: a file or standard input, as UTF-8.
//!
//! Invalid UTF-8 is not an error: each invalid sequence is replaced with
//! U+FFFD and a warning names the input and the first bad byte offset.
//! Byte offsets in the output then refer to the text after replacement,
//! which is the input itself whenever the input was valid UTF-8.
//!
//! Text that starts with a UTF-16 byte-order mark (as Windows Notepad
//! saves "Unicode") is decoded from UTF-16, with a note. Input that is not
//! text at all ([`looks_binary`]: an image, an executable, an archive) is
//! refused unless `-a/--binary-as-text` says to read it anyway, as ripgrep
//! skips binary files unless told `-a/--text`. (abridge has no `--text`:
//! sumy users read it as "summarise this string", which is `--string`.)

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::{Context, bail};

use abridge::crates::formats;

use crate::args::InputArgs;

/// A text read from a file or standard input.
#[derive(Debug)]
pub struct Input {
    /// How to name the input in messages: the path, or `<stdin>`.
    pub name: String,
    /// The text, valid UTF-8.
    pub text: String,
    /// Where the input was not valid UTF-8, if anywhere.
    pub invalid_utf8: Option<InvalidUtf8>,
    /// The encoding the text was decoded from, when it was not UTF-8, and
    /// what said so.
    pub decoded_from: Option<(&'static str, DecodedBy)>,
    /// Why the input looks like binary data rather than text, if it does.
    pub binary: Option<Binary>,
    /// The format its source says it is in (a web server's content type).
    pub source_format: Option<abridge::InputFormat>,
}

/// What named the encoding of an input that was not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodedBy {
    /// A UTF-16 byte-order mark.
    ByteOrderMark,
    /// Its source: a web server's content type, an HTML page's charset.
    Charset,
    /// Detection of a legacy 8-bit encoding (`chardetng`).
    Detected,
    /// `--encoding LABEL`.
    Flag,
}

/// How much of the start of an input is not text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Binary {
    /// Bytes looked at: the first [`SNIFF_BYTES`].
    pub sample: usize,
    /// Of those, NUL and other control bytes and bytes of invalid UTF-8.
    pub not_text: usize,
}

impl std::fmt::Display for Binary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "looks like binary data, not text ({:.0}% of its first {} bytes are NUL or control bytes or invalid UTF-8); pass -a/--binary-as-text to read it as text",
            100.0 * self.not_text as f64 / self.sample as f64,
            self.sample
        )
    }
}

/// How many bytes from the start of an input [`looks_binary`] reads.
pub const SNIFF_BYTES: usize = 64 << 10;

/// Input is binary when at least this share of its first [`SNIFF_BYTES`]
/// is not text. Text in a legacy 8-bit encoding (Latin-1 French, say) has
/// a few per cent of invalid UTF-8, and text with stray NUL bytes a few per
/// cent of those; random or compressed bytes have over half, executables
/// mostly NUL.
pub const BINARY_SHARE: f64 = 0.3;

/// Whether `bytes` look like binary data rather than text: at least
/// [`BINARY_SHARE`] of the first [`SNIFF_BYTES`] are NUL or other control
/// bytes (all below U+0020 but tab, line feed, vertical tab, form feed,
/// carriage return and escape, and DEL) or bytes of invalid UTF-8.
pub fn looks_binary(bytes: &[u8]) -> Option<Binary> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.is_empty() {
        return None;
    }
    let control = sample
        .iter()
        .filter(|&&byte| {
            (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1B))
                || byte == 0x7F
        })
        .count();
    let mut invalid = 0;
    let mut rest = sample;
    while let Err(error) = std::str::from_utf8(rest) {
        // A character cut by the end of the sample is not an error.
        let Some(len) = error.error_len() else { break };
        invalid += len;
        rest = &rest[error.valid_up_to() + len..];
    }
    let not_text = control + invalid;
    (not_text as f64 >= BINARY_SHARE * sample.len() as f64)
        .then_some(Binary { sample: sample.len(), not_text })
}

/// Where and how much of the input was not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// Byte offset of the first invalid sequence.
    pub first_offset: usize,
    /// Number of invalid sequences replaced.
    pub sequences: usize,
}

impl Input {
    /// Reads `path`, or standard input for `None` and `-`.
    pub fn read(path: Option<&Path>) -> anyhow::Result<Input> {
        let (name, bytes) = read_bytes(path)?;
        Ok(Input::from_bytes(name, bytes))
    }

    /// Decodes `bytes`: UTF-16 after its byte-order mark, text in a legacy
    /// 8-bit encoding (Latin-1, Windows-1252, …) by detection, anything
    /// else as UTF-8, replacing invalid sequences. Says whether the bytes
    /// look binary; decoding never fails.
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Input {
        let decoded = |text, encoding, by| Input {
            name: name.clone(),
            text,
            invalid_utf8: None,
            decoded_from: Some((encoding, by)),
            binary: None,
            source_format: None,
        };
        if let Some((text, encoding)) = decode_utf16(&bytes) {
            return decoded(text, encoding, DecodedBy::ByteOrderMark);
        }
        let binary = looks_binary(&bytes);
        if binary.is_none() {
            if let Some(input) = Input::legacy_html(&name, &bytes) {
                return input;
            }
            if let Some((text, encoding)) = formats::encoding::decode_legacy(&bytes) {
                return decoded(text, encoding, DecodedBy::Detected);
            }
        }
        Input::from_utf8(name, bytes, binary)
    }

    /// `bytes` as UTF-8, each invalid sequence replaced with U+FFFD.
    fn from_utf8(name: String, bytes: Vec<u8>, binary: Option<Binary>) -> Input {
        match String::from_utf8(bytes) {
            Ok(text) => Input {
                name,
                text,
                invalid_utf8: None,
                decoded_from: None,
                binary,
                source_format: None,
            },
            Err(error) => {
                let first_offset = error.utf8_error().valid_up_to();
                let bytes = error.into_bytes();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let sequences = count_invalid_sequences(&bytes);
                Input {
                    name,
                    text,
                    invalid_utf8: Some(InvalidUtf8 { first_offset, sequences }),
                    decoded_from: None,
                    binary,
                    source_format: None,
                }
            }
        }
    }

    /// An HTML page that is not UTF-8, decoded by its `<meta charset>` or
    /// by detection; `None` for UTF-8 and for anything but HTML.
    pub fn legacy_html(name: &str, bytes: &[u8]) -> Option<Input> {
        if std::str::from_utf8(bytes).is_ok() {
            return None;
        }
        let head = String::from_utf8_lossy(
            &bytes[..bytes.len().min(abridge::crates::formats::HEAD_BYTES)],
        );
        if !abridge::crates::formats::html::looks_like_html(&head) {
            return None;
        }
        let (text, encoding, _) = abridge::crates::formats::html::decode_html(bytes, None);
        Some(Input {
            name: name.to_owned(),
            text: text.into_owned(),
            invalid_utf8: None,
            decoded_from: Some((encoding.name(), DecodedBy::Charset)),
            binary: None,
            source_format: Some(abridge::InputFormat::Html),
        })
    }

    /// The format to read this input as: `--input-format`, else what its
    /// source said (a web server's content type), else its extension and
    /// content.
    pub fn format(&self, args: &InputArgs) -> abridge::InputFormat {
        match (args.input_format.fixed(), self.source_format) {
            (Some(format), _) | (None, Some(format)) => format,
            (None, None) => args.input_format.resolve(args.file.as_deref(), &self.text),
        }
    }

    /// Reads `path` (standard input for `None` and `-`) as
    /// [`Input::read`] does, or, with an `--encoding` label, decoded from
    /// that encoding.
    pub fn read_as(path: Option<&Path>, encoding: Option<&str>) -> anyhow::Result<Input> {
        let Some(label) = encoding else { return Input::read(path) };
        let encoding = formats::encoding::encoding_for_label(label).with_context(|| {
            format!("--encoding: unknown encoding '{label}' (labels such as utf-8, latin1, windows-1252, iso-8859-15, shift_jis)")
        })?;
        let (name, bytes) = read_bytes(path)?;
        if encoding.name() == "UTF-8" {
            let binary = looks_binary(&bytes);
            return Ok(Input::from_utf8(name, bytes, binary));
        }
        let (text, _) = encoding.decode_with_bom_removal(&bytes);
        Ok(Input {
            name,
            text: text.into_owned(),
            invalid_utf8: None,
            decoded_from: Some((encoding.name(), DecodedBy::Flag)),
            binary: None,
            source_format: None,
        })
    }

    /// Fetches the page at `url`.
    pub fn fetch(url: &str, fetch: &crate::web::FetchArgs) -> anyhow::Result<Input> {
        let page = crate::web::Fetcher::new(fetch)
            .fetch(url)
            .map_err(|error| anyhow::anyhow!("{url}: {error}"))?;
        Ok(Input {
            name: url.to_owned(),
            text: page.text,
            invalid_utf8: None,
            decoded_from: (page.encoding != "UTF-8").then_some((page.encoding, DecodedBy::Charset)),
            binary: None,
            source_format: Some(page.format),
        })
    }

    /// Reads the input of `summarize` and `sentences` (a file, standard
    /// input, a URL, or `--string TEXT`, read as the input `<string>`) and
    /// warns about how it was read; `None`, reported, when it looks binary
    /// and `--binary-as-text` does not say to read it anyway.
    pub fn read_text(args: &InputArgs) -> anyhow::Result<Option<Input>> {
        refuse_ambiguous_text(args.ambiguous_text.as_ref())?;
        let url = args.file.as_deref().and_then(Path::to_str).filter(|arg| crate::web::is_url(arg));
        let input = match (&args.string, url) {
            (Some(text), _) => Input::from_bytes("<string>".to_owned(), text.clone().into_bytes()),
            (None, Some(url)) => Input::fetch(url, &args.fetch)?,
            (None, None) => Input::read_as(args.file.as_deref(), args.encoding.as_deref())?,
        };
        if let Some(binary) = input.binary.filter(|_| !args.text) {
            crate::report(&format!("{}: {binary}", input.name));
            return Ok(None);
        }
        if let Some(warning) = input.warning() {
            crate::warn(&warning);
        }
        Ok(Some(input))
    }

    /// The warning to print about how the text was read, if any: invalid
    /// UTF-8 replaced, or decoded from UTF-16.
    pub fn warning(&self) -> Option<String> {
        if let Some((encoding, by)) = self.decoded_from {
            let why = match by {
                DecodedBy::ByteOrderMark => "byte-order mark",
                DecodedBy::Charset => "its charset",
                DecodedBy::Detected => "detected; --encoding LABEL forces one",
                DecodedBy::Flag => "--encoding",
            };
            return Some(format!(
                "{}: read as {encoding} ({why}); offsets refer to the text in UTF-8",
                self.name
            ));
        }
        self.invalid_utf8.map(|invalid| {
            format!(
                "{}: invalid UTF-8 from byte {}; {} invalid sequence(s) replaced with U+FFFD",
                self.name, invalid.first_offset, invalid.sequences
            )
        })
    }
}

/// The name and bytes of `path`, or of standard input for `None` and `-`.
fn read_bytes(path: Option<&Path>) -> anyhow::Result<(String, Vec<u8>)> {
    match path {
        Some(path) if path != Path::new("-") => {
            let name = path.display().to_string();
            if path.is_dir() {
                bail!("{name}: is a directory, not a text file");
            }
            let bytes = std::fs::read(path).with_context(|| {
                // A sentence given where a file was expected.
                let hint = if name.contains(char::is_whitespace) && !path.exists() {
                    " (to summarise a text given on the command line, use --string \"TEXT\")"
                } else {
                    ""
                };
                format!("{name}: cannot read{hint}")
            })?;
            Ok((name, bytes))
        }
        _ => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                bail!("no input: give a FILE, or pipe text into abridge");
            }
            let mut bytes = Vec::new();
            stdin.lock().read_to_end(&mut bytes).context("<stdin>: cannot read")?;
            Ok(("<stdin>".to_owned(), bytes))
        }
    }
}

/// Refuses `--text`, which abridge does not have because it could mean
/// two things: summarise this string (sumy's `--text`), or read binary
/// input as text (ripgrep's).
pub fn refuse_ambiguous_text(text: Option<&Option<String>>) -> anyhow::Result<()> {
    if text.is_some() {
        bail!(
            "abridge has no --text flag: to summarise a text given on the command line, use --string \"TEXT\"; to read input that looks like binary data as text, use -a/--binary-as-text"
        );
    }
    Ok(())
}

/// The text of `bytes` that start with a UTF-16 byte-order mark, decoded
/// (unpaired surrogates and an odd last byte become U+FFFD), with the
/// encoding's name; `None` without a mark.
pub fn decode_utf16(bytes: &[u8]) -> Option<(String, &'static str)> {
    let (encoding, unit): (_, fn([u8; 2]) -> u16) = match bytes.get(..2)? {
        [0xFF, 0xFE] => ("UTF-16LE", u16::from_le_bytes),
        [0xFE, 0xFF] => ("UTF-16BE", u16::from_be_bytes),
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        // An odd last byte is not a whole unit.
        _ => 0xFFFD,
    });
    let text =
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    Some((text, encoding))
}

fn count_invalid_sequences(mut bytes: &[u8]) -> usize {
    let mut count = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return count,
            Err(error) => {
                count += 1;
                let skip = error.valid_up_to()
                    + error.error_len().unwrap_or(bytes.len() - error.valid_up_to());
                bytes = &bytes[skip..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let bytes = b"caf\xc3\xa9 \xc3\xa0 l\xc3\xa9t\xc3\xa9\xe9 au lait. ok \xff\xfe.".to_vec();
        let input = Input::from_bytes("x.txt".into(), bytes);
        assert_eq!(input.text, "café à lété\u{FFFD} au lait. ok \u{FFFD}\u{FFFD}.");
        assert_eq!(input.invalid_utf8, Some(InvalidUtf8 { first_offset: 15, sequences: 3 }));
        assert!(input.warning().unwrap().starts_with("x.txt: invalid UTF-8 from byte 15"));
    }

    #[test]
    fn binary_is_told_from_text() {
        // Random bytes, an executable's NUL padding, UTF-16 without its mark.
        let mut state = 99u32;
        let random: Vec<u8> = (0..10_000)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 24) as u8
            })
            .collect();
        assert!(looks_binary(&random).is_some_and(|binary| binary.not_text > 4_000));
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0").is_some());
        let utf16: Vec<u8> = "Plain words.".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(looks_binary(&utf16).is_some());
        // Text: with stray NUL bytes, in Latin-1, with tabs and escapes, cut mid-character.
        assert!(looks_binary("The storm hit the coast.\0 The wall\0 broke. ".as_bytes()).is_none());
        assert!(
            looks_binary(b"Le caf\xe9 est ouvert tous les jours, m\xeame le dimanche.").is_none()
        );
        assert!(looks_binary(b"col\tcol\r\n\x1b[1mbold\x1b[0m\x0c").is_none());
        let long = "é".repeat(SNIFF_BYTES);
        assert!(looks_binary(&long.as_bytes()[..SNIFF_BYTES + 1]).is_none());
        assert!(looks_binary(b"").is_none());
        let message = looks_binary(&random).unwrap().to_string();
        assert!(message.starts_with("looks like binary data, not text ("), "{message}");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        for (mark, to_bytes) in [
            ([0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
            ([0xFE, 0xFF], u16::to_be_bytes as fn(u16) -> [u8; 2]),
        ] {
            let mut bytes = mark.to_vec();
            bytes.extend("Grüße, 世界 🎉.".encode_utf16().flat_map(to_bytes));
            let input = Input::from_bytes("u".into(), bytes.clone());
            assert_eq!(input.text, "Grüße, 世界 🎉.");
            assert!(input.binary.is_none());
            assert!(input.warning().unwrap().contains("read as UTF-16"));
            bytes.push(b'x');
            assert!(Input::from_bytes("u".into(), bytes).text.ends_with(".\u{FFFD}"));
        }
    }

    #[test]
    fn valid_utf8_is_kept() {
        let input = Input::from_bytes("y".into(), "naïve".as_bytes().to_vec());
        assert_eq!(input.text, "naïve");
        assert!(input.warning().is_none());
    }
}
