//! Records of the JSONL corpus format: one JSON object a line, with `text`,
//! and optionally `id`, `lang` and any other fields.
//!
//! [`Record::parse`] never fails on a record it can read as a JSON object:
//! a missing or non-string `text` is the record's [`Record::text`] error,
//! so that the record still has its `id` and fields for the error record it
//! becomes. Only bytes that are not UTF-8, or not a JSON object, are an
//! error of the whole line.

use std::borrow::Cow;
use std::fmt;

use abridge_formats::{InputFormat, UnknownFormat};
use abridge_text::Language;

use crate::OwnedClusterDocument;
use serde::Deserialize;
use serde_json::value::RawValue;

/// One JSONL record.
///
/// ```
/// use abridge::record::Record;
///
/// let record = Record::parse(br#"{"id": 42, "text": "The harbour closed.", "lang": "en", "source": "cnn"}"#.to_vec()).unwrap();
/// assert_eq!(record.id.as_deref(), Some("42"));
/// assert_eq!(record.text.as_deref(), Ok("The harbour closed."));
/// assert_eq!(record.fields.iter().map(|(key, _)| key.as_str()).collect::<Vec<_>>(), ["lang", "source"]);
/// ```
#[derive(Debug)]
pub struct Record {
    /// The `id` as a string: the JSON string's value, or the raw JSON of
    /// any other value (`42`).
    pub id: Option<String>,
    /// The `id` exactly as the input wrote it.
    pub raw_id: Option<Box<RawValue>>,
    /// The document, or why the record has none.
    pub text: Result<String, RecordError>,
    /// The language the record names in `lang`, when abridge knows it.
    pub language: Option<Language>,
    /// The input format the record names in `format` (a string), or the
    /// name abridge does not know; `None` when it names none.
    pub format: Option<Result<InputFormat, UnknownFormat>>,
    /// Every field but `id`, `text` and `docs`, in input order, as raw JSON.
    pub fields: Vec<(String, Box<RawValue>)>,
    /// A cluster record's documents (its `docs` list, named by `doc_ids`;
    /// see [`OwnedClusterDocument::from_json`]), or why they cannot be read;
    /// `None` when the record has no `docs`.
    pub docs: Option<Result<Vec<OwnedClusterDocument>, String>>,
}

/// Why a line gives no document.
///
/// ```
/// use abridge::record::{Record, RecordError};
///
/// assert!(matches!(Record::parse(br#"{"id": "a"}"#.to_vec()), Err(RecordError::NoText) | Ok(Record { text: Err(RecordError::NoText), .. })));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// The line is not UTF-8 from this byte on.
    InvalidUtf8 {
        /// Offset of the first bad byte in the line.
        byte: usize,
    },
    /// The line is not a JSON object.
    Malformed {
        /// The column serde_json stopped at (0 when it cannot say).
        column: usize,
        /// What serde_json said.
        message: String,
    },
    /// The object has no `text` field.
    NoText,
    /// The `text` field is not a string.
    TextNotString,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::InvalidUtf8 { byte } => write!(f, "invalid UTF-8 at byte {byte}"),
            RecordError::Malformed { column: 0, message } => write!(f, "malformed JSON: {message}"),
            RecordError::Malformed { column, message } => {
                write!(f, "malformed JSON at column {column}: {message}")
            }
            RecordError::NoText => f.write_str("no `text` field"),
            RecordError::TextNotString => f.write_str("`text` is not a string"),
        }
    }
}

impl std::error::Error for RecordError {}

impl Record {
    /// The question the record's summary answers: its `query` field, when
    /// that is a string that is not blank.
    pub fn query(&self) -> Option<String> {
        let (_, value) = self.fields.iter().find(|(key, _)| key == "query")?;
        serde_json::from_str::<String>(value.get()).ok().filter(|query| !query.trim().is_empty())
    }

    /// Reads one line (without its line break).
    ///
    /// ```
    /// use abridge::record::Record;
    ///
    /// assert!(Record::parse(b"not json".to_vec()).is_err());
    /// assert!(Record::parse(br#"{"text": "A line."}"#.to_vec()).is_ok());
    /// ```
    pub fn parse(line: Vec<u8>) -> Result<Record, RecordError> {
        let line = String::from_utf8(line)
            .map_err(|error| RecordError::InvalidUtf8 { byte: error.utf8_error().valid_up_to() })?;
        let fields = serde_json::from_str::<Fields<'_>>(&line).map_err(|error| {
            let message = error.to_string();
            // One line is parsed at a time, so serde_json's "at line 1" says nothing.
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            RecordError::Malformed { column: error.column(), message }
        })?;
        let mut record = Record {
            id: None,
            raw_id: None,
            text: Err(RecordError::NoText),
            language: None,
            format: None,
            fields: Vec::new(),
            docs: None,
        };
        let mut docs = None;
        let mut seen_text = false;
        for (key, value) in fields.0 {
            match key.as_ref() {
                "id" if record.raw_id.is_none() => {
                    record.id = Some(
                        serde_json::from_str::<String>(value.get())
                            .unwrap_or_else(|_| value.get().to_owned()),
                    );
                    record.raw_id = Some(value.to_owned());
                }
                "text" if !seen_text => {
                    seen_text = true;
                    record.text = serde_json::from_str::<String>(value.get())
                        .map_err(|_| RecordError::TextNotString);
                }
                // An `html` field is a web page; `text` wins when both are there.
                "html" if !seen_text => {
                    seen_text = true;
                    record.text = serde_json::from_str::<String>(value.get())
                        .map_err(|_| RecordError::TextNotString);
                    if record.format.is_none() {
                        record.format = Some(Ok(InputFormat::Html));
                    }
                }
                "docs" if docs.is_none() => docs = Some(value),
                key => {
                    if key == "format" {
                        record.format = serde_json::from_str::<String>(value.get())
                            .ok()
                            .map(|name| name.parse::<InputFormat>());
                    }
                    if key == "lang" {
                        record.language = serde_json::from_str::<&str>(value.get())
                            .ok()
                            .and_then(|lang| lang.parse::<Language>().ok());
                    }
                    record.fields.push((key.to_owned(), value.to_owned()));
                }
            }
        }
        record.docs = docs.map(|docs| {
            let docs: serde_json::Value = serde_json::from_str(docs.get())
                .map_err(|error| format!("`docs` is not JSON: {error}"))?;
            let ids = record
                .fields
                .iter()
                .find(|(key, _)| key == "doc_ids")
                .and_then(|(_, ids)| serde_json::from_str::<serde_json::Value>(ids.get()).ok());
            OwnedClusterDocument::from_json(&docs, ids.as_ref())
        });
        Ok(record)
    }
}

/// The fields of a JSON object, in order, values left as raw JSON.
struct Fields<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    fields.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_id_text_lang_and_keeps_the_rest() {
        let record =
            Record::parse(br#"{"id": 7, "text": "Hi there.", "lang": "fr", "n": [1, 2]}"#.to_vec())
                .unwrap();
        assert_eq!(record.id.as_deref(), Some("7"));
        assert_eq!(record.raw_id.unwrap().get(), "7");
        assert_eq!(record.text.as_deref(), Ok("Hi there."));
        assert_eq!(record.language, Some(Language::French));
        let keys: Vec<&str> = record.fields.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["lang", "n"]);
        assert_eq!(record.fields[1].1.get(), "[1, 2]");
    }

    #[test]
    fn bad_lines_say_why() {
        assert_eq!(
            Record::parse(b"{\"text\": \"caf\xe9\"}".to_vec()).unwrap_err(),
            RecordError::InvalidUtf8 { byte: 13 }
        );
        let error = Record::parse(b"{\"text\": ".to_vec()).unwrap_err();
        assert!(matches!(error, RecordError::Malformed { .. }), "{error:?}");
        assert!(error.to_string().starts_with("malformed JSON"), "{error}");
        assert!(matches!(Record::parse(b"[1, 2]".to_vec()), Err(RecordError::Malformed { .. })));
        let record = Record::parse(br#"{"id": "a"}"#.to_vec()).unwrap();
        assert_eq!((record.id.as_deref(), record.text), (Some("a"), Err(RecordError::NoText)));
        let record = Record::parse(br#"{"text": 5}"#.to_vec()).unwrap();
        assert_eq!(record.text, Err(RecordError::TextNotString));
    }

    #[test]
    fn reads_the_query_field() {
        let record = Record::parse(br#"{"text": "T.", "query": "Why?"}"#.to_vec()).unwrap();
        assert_eq!(record.query().as_deref(), Some("Why?"));
        assert_eq!(record.fields.len(), 1, "the query is passed on");
        for line in [
            r#"{"text": "T."}"#,
            r#"{"text": "T.", "query": 3}"#,
            r#"{"text": "T.", "query": " "}"#,
        ] {
            assert_eq!(Record::parse(line.as_bytes().to_vec()).unwrap().query(), None, "{line}");
        }
    }

    #[test]
    fn reads_the_format_field() {
        let record = Record::parse(br#"{"text": "T.", "format": "text"}"#.to_vec()).unwrap();
        assert_eq!(record.format, Some(Ok(InputFormat::Text)));
        let record = Record::parse(br#"{"text": "T.", "format": "docx"}"#.to_vec()).unwrap();
        assert_eq!(record.format, Some(Err(UnknownFormat("docx".to_owned()))));
        assert_eq!(Record::parse(br#"{"text": "T."}"#.to_vec()).unwrap().format, None);
        let record = Record::parse(br#"{"html": "<p>T.</p>", "url": "u"}"#.to_vec()).unwrap();
        assert_eq!(record.text.as_deref(), Ok("<p>T.</p>"));
        assert_eq!(record.format, Some(Ok(InputFormat::Html)));
        assert_eq!(record.fields.len(), 1);
    }
}
