//! Reading evaluation corpora: JSONL, one document per line.
//!
//! Each line is a JSON object:
//!
//! ```json
//! {"id": "cnn-1", "text": "…", "summaries": ["first ref\nits second sentence", "another ref"], "source": "…", "lang": "en"}
//! ```
//!
//! - `text` (required): the document.
//! - `summaries` (required, at least one): the human references; a
//!   reference's sentences are separated by `\n`, which is what ROUGE-Lsum
//!   reads as sentence boundaries.
//! - `id`, `source`, `lang` (optional): `lang` is an ISO 639-1 code or an
//!   English name.
//! - `query` (optional): the question the summary answers
//!   ([`Record::query`]); systems then summarise with it.
//! - Any other field is kept in [`Record::extra`].
//!
//! [`CorpusReader`] streams the lines. A line that is not such an object
//! (bad JSON, a missing or mistyped field, no reference, invalid UTF-8) is
//! reported as a [`BadLine`] with its line number, and reading goes on.
//! Blank lines are skipped. Only an I/O error ends the stream.

use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::Error;

/// One document of a corpus with its references.
///
/// ```
/// use abridge_eval::corpus::parse_line;
///
/// let record = parse_line(1, r#"{"id": "a", "text": "T.", "summaries": ["S."], "split": "test"}"#).unwrap();
/// assert_eq!((record.id.as_str(), record.extra["split"].as_str()), ("a", Some("test")));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The document's identifier (empty when the line has none).
    #[serde(default)]
    pub id: String,
    /// The document.
    pub text: String,
    /// The reference summaries, sentences separated by `\n`.
    pub summaries: Vec<String>,
    /// Where the document comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Its language, as an ISO 639-1 code or English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Every other field of the line, as it was.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Record {
    /// The question the summary should answer: the `query` field (of
    /// query-focused corpora such as QMSum), when it is a string that is
    /// not blank.
    pub fn query(&self) -> Option<&str> {
        self.extra
            .get("query")
            .and_then(serde_json::Value::as_str)
            .filter(|query| !query.trim().is_empty())
    }
}

/// A record and the line it was read from.
///
/// ```
/// use abridge_eval::Corpus;
///
/// let corpus = Corpus::read("\n{\"text\": \"T.\", \"summaries\": [\"S.\"]}\n".as_bytes(), None)?;
/// assert_eq!(corpus.entries[0].line, 2);
/// # Ok::<(), abridge_eval::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// 1-based line number in the corpus file.
    pub line: usize,
    /// The record on that line.
    pub record: Record,
}

/// A line that could not be read as a record.
///
/// ```
/// use abridge_eval::{BadLine, corpus::parse_line};
///
/// let error = parse_line(3, r#"{"text": "T.", "summaries": []}"#).unwrap_err();
/// assert_eq!(error.line, 3);
/// assert!(error.to_string().starts_with("line 3: `summaries` is empty"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct BadLine {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it, lower-case.
    pub reason: String,
}

/// Parses one line of a corpus. `line` is the 1-based line number, used in
/// the error.
///
/// ```
/// use abridge_eval::corpus::parse_line;
///
/// assert!(parse_line(1, r#"{"text": "T.", "summaries": ["S."]}"#).is_ok());
/// assert!(parse_line(2, "not json").is_err());
/// ```
pub fn parse_line(line: usize, json: &str) -> Result<Record, BadLine> {
    let bad = |reason: String| BadLine { line, reason };
    let record: Record = serde_json::from_str(json).map_err(|error| bad(json_reason(&error)))?;
    if record.summaries.is_empty() {
        return Err(bad("`summaries` is empty: a document needs at least one reference".into()));
    }
    Ok(record)
}

/// serde_json's message without its position, which is always "line 1" of
/// the one line we gave it.
fn json_reason(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let message = error.to_string();
    let message = match message.rfind(" at line ") {
        Some(cut) => &message[..cut],
        None => &message,
    };
    match error.classify() {
        Category::Syntax => format!("invalid JSON: {message} (column {})", error.column()),
        Category::Eof => format!("invalid JSON: {message}"),
        Category::Data | Category::Io => format!("{message} (column {})", error.column()),
    }
}

/// Streams the records of a JSONL corpus.
///
/// Yields `Ok(entry)` for each good line, `Err(Error::BadLine(..))` for each
/// bad one (and goes on), and `Err(Error::Read { .. })` once if reading
/// fails, after which it yields nothing.
///
/// ```
/// use abridge_eval::CorpusReader;
///
/// let jsonl = "{\"text\": \"T.\", \"summaries\": [\"S.\"]}\nnot json\n";
/// let results: Vec<_> = CorpusReader::new(jsonl.as_bytes()).collect();
/// assert_eq!(results.len(), 2);
/// ```
#[derive(Debug)]
pub struct CorpusReader<R> {
    reader: R,
    line: usize,
    buffer: Vec<u8>,
    done: bool,
}

impl<R: BufRead> CorpusReader<R> {
    /// Reads records from `reader`.
    ///
    /// ```
    /// use abridge_eval::CorpusReader;
    ///
    /// let mut reader = CorpusReader::new("{\"text\": \"T.\", \"summaries\": [\"S.\"]}\n".as_bytes());
    /// assert!(reader.next().unwrap().is_ok());
    /// ```
    pub fn new(reader: R) -> CorpusReader<R> {
        CorpusReader { reader, line: 0, buffer: Vec::new(), done: false }
    }
}

impl CorpusReader<std::io::BufReader<std::fs::File>> {
    /// Opens the corpus file at `path`.
    ///
    /// ```
    /// use abridge_eval::CorpusReader;
    ///
    /// assert!(CorpusReader::open(std::path::Path::new("no-such-corpus.jsonl")).is_err());
    /// ```
    pub fn open(path: &Path) -> Result<Self, Error> {
        let file = std::fs::File::open(path)
            .map_err(|source| Error::Open { path: path.to_owned(), source })?;
        Ok(CorpusReader::new(std::io::BufReader::new(file)))
    }
}

impl<R: BufRead> Iterator for CorpusReader<R> {
    type Item = Result<Entry, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buffer.clear();
            match self.reader.read_until(b'\n', &mut self.buffer) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let line = self.line;
                    let Ok(text) = std::str::from_utf8(&self.buffer) else {
                        let reason = "invalid UTF-8".to_owned();
                        return Some(Err(Error::BadLine(BadLine { line, reason })));
                    };
                    let text = text.trim_end_matches(['\n', '\r']);
                    if text.trim().is_empty() {
                        continue;
                    }
                    return Some(
                        parse_line(line, text)
                            .map(|record| Entry { line, record })
                            .map_err(Error::BadLine),
                    );
                }
                Err(source) => {
                    self.done = true;
                    return Some(Err(Error::Read { after_line: self.line, source }));
                }
            }
        }
        None
    }
}

/// A whole corpus in memory: its good entries and its bad lines.
///
/// ```
/// use abridge_eval::Corpus;
///
/// let jsonl = "{\"text\": \"T.\", \"summaries\": [\"S.\"]}\nnot json\n";
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// assert_eq!((corpus.entries.len(), corpus.bad_lines.len()), (1, 1));
/// # Ok::<(), abridge_eval::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// The records, in file order.
    pub entries: Vec<Entry>,
    /// The lines that were not records, in file order.
    pub bad_lines: Vec<BadLine>,
}

impl Corpus {
    /// Reads every line of `reader`, keeping at most `limit` good entries.
    /// Fails only on an I/O error.
    ///
    /// ```
    /// use abridge_eval::Corpus;
    ///
    /// let jsonl = "{\"text\": \"A.\", \"summaries\": [\"S.\"]}\n{\"text\": \"B.\", \"summaries\": [\"S.\"]}\n";
    /// assert_eq!(Corpus::read(jsonl.as_bytes(), Some(1))?.entries.len(), 1);
    /// # Ok::<(), abridge_eval::Error>(())
    /// ```
    pub fn read(reader: impl BufRead, limit: Option<usize>) -> Result<Corpus, Error> {
        let mut corpus = Corpus::default();
        for item in CorpusReader::new(reader) {
            if limit.is_some_and(|limit| corpus.entries.len() >= limit) {
                break;
            }
            match item {
                Ok(entry) => corpus.entries.push(entry),
                Err(Error::BadLine(bad)) => corpus.bad_lines.push(bad),
                Err(error) => return Err(error),
            }
        }
        Ok(corpus)
    }

    /// Reads the corpus file at `path` (see [`Corpus::read`]).
    ///
    /// ```
    /// use abridge_eval::Corpus;
    ///
    /// let error = Corpus::open(std::path::Path::new("no-such-corpus.jsonl"), None).unwrap_err();
    /// assert!(error.to_string().contains("no-such-corpus.jsonl"));
    /// ```
    pub fn open(path: &Path, limit: Option<usize>) -> Result<Corpus, Error> {
        let file = std::fs::File::open(path)
            .map_err(|source| Error::Open { path: path.to_owned(), source })?;
        Corpus::read(std::io::BufReader::new(file), limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORPUS: &str = concat!(
        r#"{"id": "a", "text": "One. Two.", "summaries": ["One."], "source": "us", "lang": "en", "title": "T"}"#,
        "\n",
        "\n",
        r#"{"id": "b", "text": "Three.", "summaries": []}"#,
        "\n",
        "not json\n",
        r#"{"id": "c", "summaries": ["x"]}"#,
        "\n",
        r#"{"id": "d", "text": "Four.", "summaries": "just a string"}"#,
        "\n",
        r#"{"text": "Five. Six.", "summaries": ["Five.\nSix.", "Six."]}"#,
    );

    #[test]
    fn reads_good_lines_and_reports_bad_ones() {
        let corpus = Corpus::read(CORPUS.as_bytes(), None).unwrap();
        let lines: Vec<usize> = corpus.entries.iter().map(|entry| entry.line).collect();
        assert_eq!(lines, [1, 7]);
        let first = &corpus.entries[0].record;
        assert_eq!(first.id, "a");
        assert_eq!(first.lang.as_deref(), Some("en"));
        assert_eq!(first.source.as_deref(), Some("us"));
        assert_eq!(first.extra["title"], "T");
        let last = &corpus.entries[1].record;
        assert_eq!(last.id, "");
        assert_eq!(last.summaries, ["Five.\nSix.", "Six."]);

        let bad: Vec<(usize, &str)> =
            corpus.bad_lines.iter().map(|bad| (bad.line, bad.reason.as_str())).collect();
        assert_eq!(bad.len(), 4, "{bad:?}");
        assert_eq!(bad[0].0, 3);
        assert!(bad[0].1.contains("`summaries` is empty"), "{bad:?}");
        assert_eq!(bad[1].0, 4);
        assert!(bad[1].1.starts_with("invalid JSON"), "{bad:?}");
        assert_eq!(bad[2].0, 5);
        assert!(bad[2].1.contains("missing field `text`"), "{bad:?}");
        assert_eq!(bad[3].0, 6);
        assert!(bad[3].1.contains("invalid type"), "{bad:?}");
        assert!(!bad[3].1.contains("line 1"), "{bad:?}");
    }

    #[test]
    fn invalid_utf8_is_a_bad_line() {
        let mut bytes = b"{\"text\": \"caf\xe9\", \"summaries\": [\"x\"]}\n".to_vec();
        bytes.extend_from_slice(br#"{"text": "ok", "summaries": ["x"]}"#);
        let corpus = Corpus::read(bytes.as_slice(), None).unwrap();
        assert_eq!(corpus.entries.len(), 1);
        assert_eq!(corpus.entries[0].line, 2);
        assert_eq!(corpus.bad_lines, [BadLine { line: 1, reason: "invalid UTF-8".into() }]);
    }

    #[test]
    fn limit_counts_good_entries() {
        let corpus = Corpus::read(CORPUS.as_bytes(), Some(1)).unwrap();
        assert_eq!(corpus.entries.len(), 1);
        assert!(corpus.bad_lines.is_empty());
    }

    #[test]
    fn crlf_lines_parse() {
        let corpus =
            Corpus::read(&b"{\"text\": \"a\", \"summaries\": [\"b\"]}\r\n"[..], None).unwrap();
        assert_eq!(corpus.entries.len(), 1);
    }
}
