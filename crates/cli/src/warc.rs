//! Web archives: `abridge batch crawl.warc.gz`.
//!
//! WARC files are read with the `warc` crate; a `.gz` file is a series of
//! gzip members, one per record as Common Crawl ships them, which
//! `flate2`'s multi-member decoder reads as one stream. Every `response`
//! record whose HTTP payload is HTML becomes one document, named by its
//! `WARC-Target-URI`, with that URI and the record's `WARC-Date` in the
//! output record. Other records (requests, metadata, images) are skipped.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use abridge::crates::formats::html::decode_html;

/// Records whose block is larger than this are reported and skipped.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// Whether a path names a WARC file (`.warc`, `.warc.gz`).
pub fn is_warc(path: &Path) -> bool {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("").to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// One page of an archive, or why a record could not be read.
#[derive(Debug)]
pub struct ArchivedPage {
    /// The record's target URI.
    pub url: String,
    /// The record's date (RFC 3339).
    pub date: String,
    /// The page's text, or the error.
    pub text: Result<String, String>,
}

type Records = Box<dyn Iterator<Item = Result<warc::Record<warc::BufferedBody>, warc::Error>>>;

/// The HTML pages of one WARC file, in file order.
pub struct WarcSource {
    records: Records,
    failed: bool,
}

impl WarcSource {
    /// Opens `path` (gzipped when its name ends in `.gz`).
    pub fn open(path: &Path) -> std::io::Result<WarcSource> {
        let file = std::fs::File::open(path)?;
        let gzipped =
            path.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("gz"));
        let reader: Box<dyn BufRead> = if gzipped {
            Box::new(BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(file)))
        } else {
            Box::new(BufReader::with_capacity(1 << 16, file))
        };
        Ok(WarcSource {
            records: Box::new(warc::WarcReader::new(reader).iter_records()),
            failed: false,
        })
    }
}

impl Iterator for WarcSource {
    type Item = Result<ArchivedPage, String>;

    /// The next HTML response, or the error that stops the file (after
    /// which there is nothing more).
    fn next(&mut self) -> Option<Result<ArchivedPage, String>> {
        if self.failed {
            return None;
        }
        loop {
            let record = match self.records.next()? {
                Ok(record) => record,
                Err(error) => {
                    self.failed = true;
                    return Some(Err(format!("not a readable WARC record: {error}")));
                }
            };
            if *record.warc_type() != warc::RecordType::Response {
                continue;
            }
            let url = record
                .header(warc::WarcHeader::TargetURI)
                .map(|uri| uri.trim().to_owned())
                .unwrap_or_default();
            let date = record.date().to_rfc3339();
            if record.content_length() > MAX_RECORD_BYTES {
                let text = Err(format!("record larger than {MAX_RECORD_BYTES} bytes"));
                return Some(Ok(ArchivedPage { url, date, text }));
            }
            match http_payload(record.body()) {
                Payload::Html(text) => return Some(Ok(ArchivedPage { url, date, text: Ok(text) })),
                Payload::Broken(message) => {
                    return Some(Ok(ArchivedPage { url, date, text: Err(message) }));
                }
                Payload::NotHtml => continue,
            }
        }
    }
}

enum Payload {
    Html(String),
    NotHtml,
    Broken(String),
}

/// The HTML page in an HTTP response as a WARC `response` record holds it:
/// status line, headers, blank line, body (de-chunked and decompressed
/// when the headers say so).
fn http_payload(block: &[u8]) -> Payload {
    let Some(split) = find(block, b"\r\n\r\n")
        .map(|at| (at, 4))
        .or_else(|| find(block, b"\n\n").map(|at| (at, 2)))
    else {
        return Payload::Broken("no HTTP headers in the response record".to_owned());
    };
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut body = block[split.0 + split.1..].to_vec();
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = None;
    for line in head.lines().skip(1) {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_owned()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let is_html = content_type.as_deref().is_some_and(|kind| {
        let kind = kind.to_ascii_lowercase();
        kind.starts_with("text/html") || kind.starts_with("application/xhtml")
    });
    if !is_html {
        return Payload::NotHtml;
    }
    if chunked {
        match dechunk(&body) {
            Some(plain) => body = plain,
            None => return Payload::Broken("bad chunked transfer encoding".to_owned()),
        }
    }
    if let Some(encoding) = encoding.as_deref().filter(|e| *e == "gzip" || *e == "x-gzip") {
        let mut plain = Vec::new();
        if let Err(error) = flate2::read::MultiGzDecoder::new(&body[..]).read_to_end(&mut plain) {
            return Payload::Broken(format!("cannot decompress the {encoding} body: {error}"));
        }
        body = plain;
    }
    let (text, _, _) = decode_html(&body, content_type.as_deref());
    Payload::Html(text.into_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The body of a chunked transfer encoding.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_payloads_are_unwrapped() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>ca\r\n7\r\nf\xe9</p>\n\r\n0\r\n\r\n";
        match http_payload(block) {
            Payload::Html(text) => assert_eq!(text, "<p>café</p>\n"),
            _ => panic!("not read as HTML"),
        }
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(matches!(http_payload(image), Payload::NotHtml));
        assert!(matches!(http_payload(b"garbage"), Payload::Broken(_)));
    }

    #[test]
    fn warc_names() {
        assert!(is_warc(Path::new("crawl/CC-MAIN-1.warc.gz")));
        assert!(is_warc(Path::new("a.WARC")));
        assert!(!is_warc(Path::new("a.gz")));
    }
}
