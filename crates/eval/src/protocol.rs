//! How an evaluation reads its corpus and its texts, beyond the scorer and
//! the budget: the protocol of the multi-document literature.
//!
//! - **Clusters** ([`Protocol::cluster`]): each record's `docs` (the schema
//!   of `cstnews_mds`) are summarised together with
//!   [`Summarizer::summarize_cluster`](abridge::Summarizer::summarize_cluster)
//!   instead of its joined `text`. `docs` is a list of strings, or of
//!   objects with `text` and optionally `id` and `date`; a list `doc_ids`
//!   beside it names string documents. A record without `docs` is one
//!   document, its `text`.
//! - **Truncation** ([`Truncation`]): ROUGE-1.5.5's `-l N` and `-b N` cut
//!   every summary, the system's and the references, to its first N words
//!   (white-space separated) or N bytes before scoring; published tables
//!   of DUC multi-document summarisation use `-l 100` (DUC 2004 used
//!   `-b 665`). Line breaks, which ROUGE-Lsum reads as sentence ends, stay.
//! - **Measure** ([`Measure`]): which of precision, recall and F1 a table
//!   shows. Single-document tables (rouge-score) show F1, multi-document
//!   ones (ROUGE-1.5.5 at a fixed length) recall.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use abridge::{ClusterDocument, OwnedClusterDocument};
use serde::{Deserialize, Serialize};

use crate::Record;

/// Where the summaries and references are cut before scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Truncation {
    /// The first N white-space separated words (ROUGE-1.5.5 `-l N`).
    Words(usize),
    /// The first N bytes, cut back to a character boundary (`-b N`).
    Bytes(usize),
}

impl Truncation {
    /// `text` cut to the limit, its line breaks kept.
    pub fn apply<'t>(self, text: &'t str) -> Cow<'t, str> {
        match self {
            Truncation::Bytes(n) => {
                let mut end = n.min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                Cow::Borrowed(&text[..end])
            }
            Truncation::Words(n) => {
                let mut words = 0;
                let mut in_word = false;
                for (at, c) in text.char_indices() {
                    if c.is_whitespace() {
                        in_word = false;
                    } else if !in_word {
                        in_word = true;
                        if words == n {
                            return Cow::Borrowed(text[..at].trim_end());
                        }
                        words += 1;
                    }
                }
                Cow::Borrowed(text)
            }
        }
    }

    /// `-l 100`, `-b 665`: the ROUGE-1.5.5 option.
    pub fn describe(self) -> String {
        match self {
            Truncation::Words(n) => format!("first {n} words (ROUGE-1.5.5 -l {n})"),
            Truncation::Bytes(n) => format!("first {n} bytes (ROUGE-1.5.5 -b {n})"),
        }
    }
}

/// Which mean a table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// F1 (rouge-score's tables).
    #[default]
    F1,
    /// Recall (ROUGE-1.5.5 tables at a fixed length).
    Recall,
    /// Precision.
    Precision,
}

impl Measure {
    /// Every measure.
    pub const ALL: [Measure; 3] = [Measure::F1, Measure::Recall, Measure::Precision];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Measure::F1 => "f1",
            Measure::Recall => "recall",
            Measure::Precision => "precision",
        }
    }

    /// The name in a table's caption.
    pub fn label(self) -> &'static str {
        match self {
            Measure::F1 => "F1",
            Measure::Recall => "recall",
            Measure::Precision => "precision",
        }
    }

    /// The mean and interval of this measure in `aggregate`.
    pub fn of(self, aggregate: &crate::Aggregate) -> (f64, crate::Interval) {
        match self {
            Measure::F1 => (aggregate.f, aggregate.f_ci),
            Measure::Recall => (aggregate.r, aggregate.r_ci),
            Measure::Precision => (aggregate.p, aggregate.p_ci),
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Measure {
    type Err = String;

    fn from_str(name: &str) -> Result<Measure, String> {
        Measure::ALL
            .into_iter()
            .find(|measure| measure.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| format!("unknown measure `{name}`: f1, recall or precision"))
    }
}

/// The protocol of an evaluation; the default is the single-document one:
/// each record's `text`, nothing cut.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Protocol {
    /// Summarise each record's `docs` as a cluster.
    #[serde(default)]
    pub cluster: bool,
    /// How clusters control redundancy, when not the summarizer's default
    /// (concept coverage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_method: Option<abridge::ClusterMethod>,
    /// Cut summaries and references before scoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncation: Option<Truncation>,
}

impl Protocol {
    /// `text` as it is scored: cut when the protocol says so.
    pub fn cut<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match self.truncation {
            Some(truncation) => truncation.apply(text),
            None => Cow::Borrowed(text),
        }
    }
}

/// The documents of a cluster record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterDocs {
    docs: Vec<OwnedClusterDocument>,
}

impl ClusterDocs {
    /// The documents of `record`'s `docs` (with `doc_ids` naming string
    /// documents, see [`OwnedClusterDocument::from_json`]), or `None` when
    /// it has no `docs` list of documents.
    pub fn of(record: &Record) -> Option<ClusterDocs> {
        let docs = record.extra.get("docs")?;
        let docs = OwnedClusterDocument::from_json(docs, record.extra.get("doc_ids")).ok()?;
        Some(ClusterDocs { docs })
    }

    /// The documents, to give [`Summarizer::summarize_cluster`](abridge::Summarizer::summarize_cluster).
    pub fn documents(&self) -> Vec<ClusterDocument<'_>> {
        self.docs.iter().map(OwnedClusterDocument::as_document).collect()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cut_as_rouge_cuts_them_and_lines_stay() {
        let text = "One two three.\nFour five six.\nSeven.";
        assert_eq!(Truncation::Words(4).apply(text), "One two three.\nFour");
        assert_eq!(Truncation::Words(3).apply(text), "One two three.");
        assert_eq!(Truncation::Words(100).apply(text), text);
        assert_eq!(Truncation::Words(0).apply(text), "");
    }

    #[test]
    fn bytes_are_cut_on_a_character_boundary() {
        assert_eq!(Truncation::Bytes(5).apply("Café au lait"), "Café");
        assert_eq!(Truncation::Bytes(4).apply("Café au lait"), "Caf");
        assert_eq!(Truncation::Bytes(99).apply("Café"), "Café");
    }

    #[test]
    fn cluster_records_give_their_documents_with_ids_and_dates() {
        let record: Record = serde_json::from_str(
            r#"{"text": "a b", "summaries": ["x"], "docs": ["First doc.", "Second doc."], "doc_ids": ["d1", 7]}"#,
        )
        .unwrap();
        let docs = ClusterDocs::of(&record).unwrap();
        let documents = docs.documents();
        assert_eq!(documents.len(), 2);
        assert_eq!((documents[0].text, documents[0].id.as_deref()), ("First doc.", Some("d1")));
        assert_eq!(documents[1].id.as_deref(), Some("7"));
        let record: Record = serde_json::from_str(
            r#"{"text": "", "summaries": ["x"], "docs": [{"text": "A.", "id": "a", "date": "2024-01-02"}, {"text": "B."}]}"#,
        )
        .unwrap();
        let documents = ClusterDocs::of(&record).unwrap();
        let documents = documents.documents();
        assert_eq!(documents[0].date.as_deref(), Some("2024-01-02"));
        assert_eq!(documents[1].id, None);
        let plain: Record = serde_json::from_str(r#"{"text": "A.", "summaries": ["x"]}"#).unwrap();
        assert_eq!(ClusterDocs::of(&plain), None);
    }

    #[test]
    fn measures_parse_by_name() {
        assert_eq!("Recall".parse::<Measure>(), Ok(Measure::Recall));
        assert!("mean".parse::<Measure>().is_err());
    }
}
