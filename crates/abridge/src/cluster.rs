//! [`Summarizer::summarize_cluster`]: one summary of several documents on
//! one story.
//!
//! Every document is segmented, analysed and scored on its own, in one
//! language, with term statistics counted over the whole cluster
//! ([`ClusterTerms`]); the sentences are then chosen from all documents
//! under one budget by a [`ClusterSelector`], which keeps a fact that
//! several documents report from being chosen twice. See DESIGN.md,
//! "Clusters of documents".
//!
//! **Input order does not matter.** The documents are put in an order of
//! their own before anything else: by `date` when they have one (dated
//! documents first), then by `id`, then by text. Every tie of the selection
//! is broken in that order, and a summary in document order lists its
//! sentences in it, so permuting the documents permutes only the `doc`
//! indices of the extracts, which name each document's place in the input.
//!
//! **One document is a plain summary.** A cluster of one document is
//! summarised exactly as [`Summarizer::summarize`] summarises its text; its
//! extracts only gain `doc` and `doc_id`.

use std::borrow::Cow;
use std::cmp::Ordering;

use abridge_formats::{InputFormat, Metadata};
use abridge_score::{ClusterMethod, ClusterSelector, ClusterTerms, Score};
use abridge_text::{Document, Language};

use crate::summarizer::empty_reason;
use crate::{Extract, LanguageSource, Summarizer, Summary};

/// One document of a cluster: its text, and optionally an id and a date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterDocument<'a> {
    /// The document.
    pub text: &'a str,
    /// Its id (a file name, a record's `doc_ids` entry), copied into the
    /// extracts it gives.
    pub id: Option<Cow<'a, str>>,
    /// Its date, in a form whose string order is time order (ISO 8601:
    /// `2006-08-04T07:42`); dated documents come first in a summary, oldest
    /// first.
    pub date: Option<Cow<'a, str>>,
}

impl<'a> ClusterDocument<'a> {
    /// A document with `text`, no id and no date.
    pub fn new(text: &'a str) -> ClusterDocument<'a> {
        ClusterDocument { text, id: None, date: None }
    }

    /// With the id `id`.
    pub fn with_id(mut self, id: impl Into<Cow<'a, str>>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// With the date `date`.
    pub fn with_date(mut self, date: impl Into<Cow<'a, str>>) -> Self {
        self.date = Some(date.into());
        self
    }
}

/// A [`ClusterDocument`] that owns its text, id and date: what a batch item
/// or a corpus record holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedClusterDocument {
    /// The document.
    pub text: String,
    /// Its id.
    pub id: Option<String>,
    /// Its date (see [`ClusterDocument::date`]).
    pub date: Option<String>,
}

impl OwnedClusterDocument {
    /// The document, borrowed, to give [`Summarizer::summarize_cluster`].
    pub fn as_document(&self) -> ClusterDocument<'_> {
        ClusterDocument {
            text: &self.text,
            id: self.id.as_deref().map(Cow::Borrowed),
            date: self.date.as_deref().map(Cow::Borrowed),
        }
    }

    /// The documents of a JSONL record's `docs` field, the schema of
    /// `cstnews_mds`: a list of strings, or of objects with `text` and
    /// optionally `id` and `date`, with the record's `doc_ids` (a list
    /// beside it) naming documents that do not name themselves. An id that
    /// is not a string is kept as its JSON (`7`).
    ///
    /// ```
    /// use abridge::OwnedClusterDocument;
    ///
    /// let docs = serde_json::json!(["First.", {"text": "Second.", "date": "2024-05-01"}]);
    /// let ids = serde_json::json!(["d1", "d2"]);
    /// let documents = OwnedClusterDocument::from_json(&docs, Some(&ids)).unwrap();
    /// assert_eq!(documents[1].text, "Second.");
    /// assert_eq!(documents[1].id.as_deref(), Some("d2"));
    /// assert_eq!(documents[1].date.as_deref(), Some("2024-05-01"));
    /// assert!(OwnedClusterDocument::from_json(&serde_json::json!("one"), None).is_err());
    /// ```
    pub fn from_json(
        docs: &serde_json::Value,
        doc_ids: Option<&serde_json::Value>,
    ) -> Result<Vec<OwnedClusterDocument>, String> {
        let serde_json::Value::Array(docs) = docs else {
            return Err("`docs` is not a list of documents".to_owned());
        };
        let ids: &[serde_json::Value] = match doc_ids {
            Some(serde_json::Value::Array(ids)) => ids,
            _ => &[],
        };
        docs.iter()
            .enumerate()
            .map(|(doc_idx, doc)| {
                let listed = ids.get(doc_idx).and_then(id_string);
                match doc {
                    serde_json::Value::String(text) => {
                        Ok(OwnedClusterDocument { text: text.clone(), id: listed, date: None })
                    }
                    serde_json::Value::Object(fields) => {
                        let Some(serde_json::Value::String(text)) = fields.get("text") else {
                            return Err(format!("`docs[{doc_idx}]` has no `text` string"));
                        };
                        let id = fields.get("id").and_then(id_string).or(listed);
                        let date = fields.get("date").and_then(id_string);
                        Ok(OwnedClusterDocument { text: text.clone(), id, date })
                    }
                    _ => Err(format!("`docs[{doc_idx}]` is neither a string nor an object")),
                }
            })
            .collect()
    }
}

fn id_string(id: &serde_json::Value) -> Option<String> {
    match id {
        serde_json::Value::String(id) => Some(id.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// The order documents are summarised in: dated ones first, by date, then
/// by id (documents with an id first), then by text.
fn canonical(a: &ClusterDocument<'_>, b: &ClusterDocument<'_>) -> Ordering {
    // `None` last: compare "is none" first.
    fn key<'d>(field: &'d Option<Cow<'_, str>>) -> (bool, Option<&'d str>) {
        (field.is_none(), field.as_deref())
    }
    key(&a.date)
        .cmp(&key(&b.date))
        .then_with(|| key(&a.id).cmp(&key(&b.id)))
        .then_with(|| a.text.cmp(b.text))
}

impl Summarizer {
    /// Summarises a cluster of documents on one story: one summary under the
    /// configured budget, each extract naming its document (`doc`, its
    /// index in `documents`, and `doc_id`) with `index`, `start` and `end`
    /// into that document's text.
    ///
    /// Redundancy across documents is controlled by concept coverage, or by
    /// MMR when the settings ask for [`redundancy`](crate::SummarizerConfig::redundancy).
    ///
    /// ```
    /// use abridge::{ClusterDocument, Summarizer};
    ///
    /// let first = "A storm flooded the harbour town of Kelso on Monday night. \
    ///              Fishing boats broke loose from their moorings in the old port.";
    /// let second = "The harbour town of Kelso was flooded by a storm on Monday night. \
    ///               Insurers expect claims of several million pounds from the town.";
    /// let summarizer = Summarizer::builder().sentences(2).build()?;
    /// let summary = summarizer.summarize_cluster(&[
    ///     ClusterDocument::new(first).with_id("a"),
    ///     ClusterDocument::new(second).with_id("b"),
    /// ]);
    /// // The flood is told once, from one of the two wires.
    /// let floods = summary.texts().filter(|text| text.contains("Monday")).count();
    /// assert_eq!((summary.sentences.len(), floods), (2, 1));
    /// let extract = &summary.sentences[0];
    /// let text = [first, second][extract.doc.unwrap()];
    /// assert_eq!(&text[extract.start..extract.end], extract.text);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_cluster<'a>(&self, documents: &[ClusterDocument<'a>]) -> Summary<'a> {
        let mut order: Vec<usize> = (0..documents.len()).collect();
        order.sort_by(|&a, &b| canonical(&documents[a], &documents[b]).then(a.cmp(&b)));
        if let [only] = order[..] {
            let mut summary = self.summarize(documents[only].text);
            for extract in &mut summary.sentences {
                extract.doc = Some(only);
                extract.doc_id = documents[only].id.as_deref().map(str::to_owned);
            }
            return summary;
        }
        // One language for the whole cluster, so that stems meet: the
        // configured one, or the one detected in the longest document.
        let longest = order
            .iter()
            .copied()
            .max_by(|&a, &b| documents[a].text.len().cmp(&documents[b].text.len()).then(b.cmp(&a)));
        let (language, source) = match longest {
            Some(longest) => self.language_of(documents[longest].text),
            None => (Language::English, LanguageSource::Given),
        };
        let analyzer = self.analyzer(language);
        let analysed: Vec<Document<'a>> =
            order.iter().map(|&doc_idx| analyzer.analyze(documents[doc_idx].text)).collect();
        let terms = ClusterTerms::new(&analysed);
        let selector = self.selector();
        let eligibility = self.scorer().eligibility();
        let scores: Vec<Vec<Score>> = analysed
            .iter()
            .enumerate()
            .map(|(doc_idx, document)| {
                let mut scores = vec![0.0; document.sentences().len()];
                let target = selector.target_sentences(document, eligibility);
                self.scorer().score_for_target(
                    document,
                    &terms.stats(doc_idx),
                    target,
                    &mut scores,
                );
                scores
            })
            .collect();
        let cluster_selector = ClusterSelector {
            budget: self.config().budget,
            order: self.config().order,
            method: match self.config().redundancy {
                Some(lambda) => ClusterMethod::Mmr(lambda),
                None => self.cluster_method(),
            },
        };
        let picks = cluster_selector.select(&analysed, &terms, &scores, eligibility);
        let sentences: Vec<Extract<'a>> = picks
            .iter()
            .map(|pick| {
                let document = &analysed[pick.doc_idx];
                let input_idx = order[pick.doc_idx];
                let span = document.sentences()[pick.sentence_idx].span();
                Extract {
                    index: pick.sentence_idx,
                    text: Cow::Borrowed(span.slice(document.text())),
                    start: span.start,
                    end: span.end,
                    score: scores[pick.doc_idx][pick.sentence_idx],
                    explanation: self.explains().then(|| {
                        let target = selector.target_sentences(document, eligibility);
                        self.scorer().explain_for_target(
                            document,
                            &terms.stats(pick.doc_idx),
                            target,
                            pick.sentence_idx,
                        )
                    }),
                    shown: None,
                    source: None,
                    start_ms: None,
                    end_ms: None,
                    speaker: None,
                    selection: None,
                    path: None,
                    doc: Some(input_idx),
                    doc_id: documents[input_idx].id.as_deref().map(str::to_owned),
                }
            })
            .collect();
        let empty_reason = sentences.is_empty().then(|| {
            // The reason of the document that came closest to a summary.
            analysed
                .iter()
                .map(|document| empty_reason(document, self.config().budget))
                .max_by_key(|reason| *reason as u8)
                .unwrap_or(crate::EmptyReason::EmptyInput)
        });
        Summary {
            settings: *self.config(),
            language,
            language_source: source,
            format: InputFormat::Text,
            metadata: Metadata::default(),
            n_sentences: analysed.iter().map(|document| document.sentences().len()).sum(),
            sentences,
            empty_reason,
            unanalysed_bytes: documents.iter().map(|document| document.text.len()).sum::<usize>()
                - analysed.iter().map(|document| document.text().len()).sum::<usize>(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Budget;

    const WIRE_A: &str = "A storm flooded the harbour town of Kelso on Monday night.\n\n\
        Fishing boats broke loose from their moorings in the old port and drifted onto the rocks.\n\n\
        The mayor said the sea wall would be rebuilt before the winter storms return.\n\n\
        Kelso last flooded in 1953, when the same wall gave way.";
    const WIRE_B: &str = "The harbour town of Kelso was flooded by a storm on Monday night.\n\n\
        Residents of the lower streets spent the night in the school gym on camp beds.\n\n\
        Insurers expect claims of several million pounds from the harbour town.\n\n\
        The mayor promised to rebuild the sea wall before the winter.";
    const WIRE_C: &str = "Rescue teams searched the flooded streets of Kelso on Tuesday.\n\n\
        Two fishermen were taken to hospital after their boat broke loose in the storm.\n\n\
        The school gym will shelter residents until the water goes down.\n\n\
        Forecasters expect calmer weather by the end of the week.";

    fn strip_docs(summary: &Summary<'_>) -> Summary<'static> {
        let mut summary = summary.clone().into_owned();
        for extract in &mut summary.sentences {
            extract.doc = None;
            extract.doc_id = None;
        }
        summary
    }

    #[test]
    fn one_document_is_the_single_document_summary() {
        for budget in [Budget::Sentences(2), Budget::Words(30), Budget::Ratio(0.5)] {
            for redundancy in [None, Some(0.7)] {
                let summarizer = Summarizer::builder()
                    .budget(budget)
                    .language(Language::English)
                    .build()
                    .unwrap();
                let summarizer = match redundancy {
                    Some(lambda) => Summarizer::builder()
                        .budget(budget)
                        .redundancy(lambda)
                        .language(Language::English)
                        .build()
                        .unwrap(),
                    None => summarizer,
                };
                for text in [WIRE_A, WIRE_B, WIRE_C, ""] {
                    let single = summarizer.summarize(text);
                    let cluster =
                        summarizer.summarize_cluster(&[ClusterDocument::new(text).with_id("only")]);
                    assert_eq!(strip_docs(&cluster), single.clone().into_owned(), "{budget:?}");
                    assert!(cluster.sentences.iter().all(|extract| extract.doc == Some(0)
                        && extract.doc_id.as_deref() == Some("only")));
                }
            }
        }
    }

    /// The extracts with what names them apart from input order.
    fn content(summary: &Summary<'_>, ids: &[&str]) -> Vec<(String, usize, usize, String)> {
        summary
            .sentences
            .iter()
            .map(|extract| {
                let id = extract.doc_id.clone().unwrap_or_default();
                assert_eq!(ids[extract.doc.unwrap()], id);
                (id, extract.start, extract.end, extract.text.to_string())
            })
            .collect()
    }

    #[test]
    fn permuting_the_documents_changes_nothing_but_their_indices() {
        let texts = [WIRE_A, WIRE_B, WIRE_C];
        let ids = ["a", "b", "c"];
        let permutations = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        for budget in [Budget::Sentences(3), Budget::Words(40)] {
            for redundancy in [None, Some(0.6)] {
                let mut builder = Summarizer::builder().budget(budget).language(Language::English);
                if let Some(lambda) = redundancy {
                    builder = builder.redundancy(lambda);
                }
                let summarizer = builder.build().unwrap();
                let mut first = None;
                for permutation in permutations {
                    let documents: Vec<ClusterDocument<'_>> = permutation
                        .iter()
                        .map(|&i| ClusterDocument::new(texts[i]).with_id(ids[i]))
                        .collect();
                    let permuted_ids: Vec<&str> = permutation.iter().map(|&i| ids[i]).collect();
                    let summary = summarizer.summarize_cluster(&documents);
                    assert!(!summary.is_empty());
                    let content = content(&summary, &permuted_ids);
                    match &first {
                        None => first = Some(content),
                        Some(first) => assert_eq!(&content, first, "{permutation:?}"),
                    }
                }
            }
        }
        // Without ids, the documents are ordered by their text.
        let summarizer = Summarizer::builder().sentences(3).build().unwrap();
        let forward = summarizer
            .summarize_cluster(&texts.map(ClusterDocument::new))
            .texts()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        let backward = summarizer
            .summarize_cluster(&[WIRE_C, WIRE_B, WIRE_A].map(ClusterDocument::new))
            .texts()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        assert_eq!(forward, backward);
    }

    #[test]
    fn a_story_told_by_three_wires_is_told_once_and_from_several() {
        let summarizer = Summarizer::builder().sentences(3).build().unwrap();
        let documents = [WIRE_A, WIRE_B, WIRE_C].map(ClusterDocument::new);
        let summary = summarizer.summarize_cluster(&documents);
        let floods = summary.texts().filter(|text| text.contains("Monday night")).count();
        assert_eq!(floods, 1, "{:?}", summary.texts().collect::<Vec<_>>());
        let docs: std::collections::BTreeSet<usize> =
            summary.sentences.iter().filter_map(|extract| extract.doc).collect();
        assert!(docs.len() >= 2, "{docs:?}");
        for extract in &summary.sentences {
            let text = documents[extract.doc.unwrap()].text;
            assert_eq!(&text[extract.start..extract.end], extract.text);
        }
    }

    #[test]
    fn dated_documents_come_in_date_order() {
        let summarizer = Summarizer::builder().sentences(4).build().unwrap();
        let documents = [
            ClusterDocument::new(WIRE_A).with_id("a").with_date("2024-03-05"),
            ClusterDocument::new(WIRE_B).with_id("b").with_date("2024-03-04"),
            ClusterDocument::new(WIRE_C).with_id("c"),
        ];
        let summary = summarizer.summarize_cluster(&documents);
        let rank = |id: &str| ["b", "a", "c"].iter().position(|&known| known == id).unwrap();
        let ranks: Vec<usize> = summary
            .sentences
            .iter()
            .map(|extract| rank(extract.doc_id.as_deref().unwrap()))
            .collect();
        assert!(ranks.windows(2).all(|pair| pair[0] <= pair[1]), "{ranks:?}");
    }

    #[test]
    fn an_empty_cluster_gives_an_empty_summary() {
        let summarizer = Summarizer::builder().build().unwrap();
        let summary = summarizer.summarize_cluster(&[]);
        assert!(summary.is_empty());
        assert_eq!(summary.empty_reason, Some(crate::EmptyReason::EmptyInput));
        let summary =
            summarizer.summarize_cluster(&[ClusterDocument::new(""), ClusterDocument::new("  ")]);
        assert!(summary.is_empty());
    }
}
