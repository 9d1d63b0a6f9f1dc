//! Evaluating systems on a corpus: summarise, score, aggregate.
//!
//! [`evaluate`] runs each [`System`] over every document of a corpus in
//! parallel (rayon, documents in corpus order), scores each summary against
//! the document's references with [`Rouge::score_multi`], and reports per
//! system the mean precision, recall and F1 of every variant with bootstrap
//! confidence intervals ([`Bootstrap`]), the number of documents, and the
//! throughput.
//!
//! Systems run one after another, so each one's time is its own: documents
//! per second counts summarising and ROUGE scoring, not reading the corpus.
//!
//! **Languages.** Each document's language is settled once, before any
//! system runs, by the [`LanguagePolicy`]: the record's `lang` by default,
//! or one forced language (or detection) for every record. Every system,
//! the oracle included, then analyses the document in that language, and
//! the report counts the documents per language and how it was chosen.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::Instant;

use abridge::crates::text::Analyzer;
use abridge::{
    Budget, Document, InputFormat, Language, LanguageChoice, LanguageSource, QueryFocus,
    ScorerKind, Summarizer,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::bootstrap::{Bootstrap, Interval};
use crate::corpus::Entry;
use crate::oracle::{ORACLE, Oracle};
use crate::protocol::{ClusterDocs, Protocol};
use crate::rouge::{Prf, Rouge, RougeScores, Tokenizer, Variant, join_sentences};

/// What makes the summaries: a built-in scorer, or the oracle.
///
/// ```
/// use abridge::ScorerKind;
/// use abridge_eval::System;
///
/// assert_eq!(System::parse_list("lead,oracle")?, [System::Scorer(ScorerKind::Lead), System::Oracle]);
/// # Ok::<(), abridge_eval::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum System {
    /// A [`Summarizer`] with this scorer.
    Scorer(ScorerKind),
    /// The greedy extractive [`Oracle`], which reads the references.
    Oracle,
}

impl System {
    /// The name in reports: the scorer's name, or `oracle`.
    ///
    /// ```
    /// use abridge::ScorerKind;
    /// use abridge_eval::System;
    ///
    /// assert_eq!(System::Scorer(ScorerKind::TextRank).name(), "textrank");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            System::Scorer(kind) => kind.name(),
            System::Oracle => ORACLE,
        }
    }

    /// Parses a comma-separated list of names: scorer names, `oracle`, and
    /// `all` for every built-in scorer ([`ScorerKind::ALL`]). Repeated
    /// systems are listed once, in the order first named.
    ///
    /// ```
    /// use abridge_eval::System;
    ///
    /// assert_eq!(System::parse_list("lead, lead, oracle")?.len(), 2);
    /// assert!(System::parse_list("no-such-scorer").is_err());
    /// # Ok::<(), abridge_eval::Error>(())
    /// ```
    pub fn parse_list(list: &str) -> Result<Vec<System>, Error> {
        let mut systems = Vec::new();
        for name in list.split(',').map(str::trim).filter(|name| !name.is_empty()) {
            let named: Vec<System> = if name.eq_ignore_ascii_case("all") {
                ScorerKind::ALL.iter().copied().map(System::Scorer).collect()
            } else {
                vec![name.parse()?]
            };
            for system in named {
                if !systems.contains(&system) {
                    systems.push(system);
                }
            }
        }
        if systems.is_empty() {
            return Err(Error::UnknownSystem(list.to_owned()));
        }
        Ok(systems)
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for System {
    type Err = Error;

    fn from_str(name: &str) -> Result<System, Error> {
        if name.trim().eq_ignore_ascii_case(ORACLE) {
            return Ok(System::Oracle);
        }
        name.parse::<ScorerKind>()
            .map(System::Scorer)
            .map_err(|_| Error::UnknownSystem(name.to_owned()))
    }
}

/// Which language each document is analysed in.
///
/// | `force` | record with a known `lang` | record without one |
/// |---|---|---|
/// | `None` | its `lang` | `default` (a language, or detection) |
/// | `Some(choice)` | `choice` | `choice` |
///
/// `Some(LanguageChoice::Auto)` detects the language of every document and
/// ignores the records' `lang`; `Some(LanguageChoice::Fixed(English))`
/// measures what a strategy does without the right language's resources.
///
/// ```
/// use abridge::{Language, LanguageSource};
/// use abridge_eval::{LanguagePolicy, corpus::parse_line};
///
/// let record = parse_line(1, r#"{"text": "Le port a fermé.", "summaries": ["S."], "lang": "fr"}"#).unwrap();
/// assert_eq!(LanguagePolicy::default().resolve(&record), (Language::French, LanguageSource::Given));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguagePolicy {
    /// The language of records that have no `lang` (or one abridge does not
    /// know), or [`LanguageChoice::Auto`] to detect it.
    pub default: LanguageChoice,
    /// A choice that overrides every record's `lang`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force: Option<LanguageChoice>,
}

impl Default for LanguagePolicy {
    fn default() -> Self {
        LanguagePolicy { default: LanguageChoice::Fixed(Language::English), force: None }
    }
}

impl LanguagePolicy {
    /// The language `record` is analysed in, and how it was chosen: a
    /// record's own `lang` counts as [`LanguageSource::Given`].
    ///
    /// ```
    /// use abridge::{Language, LanguageChoice, LanguageSource};
    /// use abridge_eval::{LanguagePolicy, corpus::parse_line};
    ///
    /// let record = parse_line(1, r#"{"text": "Le port a fermé.", "summaries": ["S."], "lang": "fr"}"#).unwrap();
    /// let forced = LanguagePolicy { force: Some(LanguageChoice::Fixed(Language::English)), ..LanguagePolicy::default() };
    /// assert_eq!(forced.resolve(&record), (Language::English, LanguageSource::Given));
    /// ```
    pub fn resolve(&self, record: &crate::Record) -> (Language, LanguageSource) {
        if let Some(choice) = self.force {
            return choice.resolve(&record.text);
        }
        match record.lang.as_deref().and_then(Language::from_code_or_name) {
            Some(language) => (language, LanguageSource::Given),
            None => self.default.resolve(&record.text),
        }
    }
}

/// How many documents were analysed in one language, chosen one way.
///
/// ```
/// use abridge::Budget;
/// use abridge_eval::{Corpus, Settings, System, evaluate};
///
/// let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Rain fell all day.", "summaries": ["The bridge reopened."]}"#;
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// let settings = Settings { systems: System::parse_list("lead")?, budget: Budget::Sentences(1), ..Settings::default() };
/// let report = evaluate(&corpus.entries, &settings)?;
/// assert_eq!(report.languages[0].docs, 1);
/// # Ok::<(), abridge_eval::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageCount {
    /// The language.
    pub language: Language,
    /// How it was chosen: `given` (by the record or the settings),
    /// `detected`, or `fallback` (detection could not tell).
    pub source: LanguageSource,
    /// Documents.
    pub docs: usize,
}

/// How to evaluate.
///
/// ```
/// use abridge::Budget;
/// use abridge_eval::{Settings, Tokenizer};
///
/// let settings = Settings { budget: Budget::Words(60), tokenizer: Tokenizer::Unicode, ..Settings::default() };
/// assert_eq!(settings.budget, Budget::Words(60));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The systems, in report order.
    pub systems: Vec<System>,
    /// The length budget of every summary, the oracle's included.
    pub budget: Budget,
    /// Which language each document is analysed in.
    pub language: LanguagePolicy,
    /// How ROUGE reads the summaries and references (the oracle's too).
    pub tokenizer: Tokenizer,
    /// The confidence intervals.
    pub bootstrap: Bootstrap,
    /// Keep every document's summary text in the report (for `--per-doc`).
    pub keep_summaries: bool,
    /// Parameters for the scorers, as for
    /// [`SummarizerBuilder::scorer_params`](abridge::SummarizerBuilder::scorer_params);
    /// they apply to every scorer system but `lead`, which has none.
    pub params: serde_json::Map<String, serde_json::Value>,
    /// Clusters and truncation ([`Protocol`]); the default summarises each
    /// record's `text` and cuts nothing.
    pub protocol: Protocol,
    /// Summarise each record that has a `query` for it
    /// ([`Record::query`](crate::Record::query)); `false` summarises every
    /// record as if it had none.
    pub queries: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            systems: ScorerKind::ALL.iter().copied().map(System::Scorer).collect(),
            budget: Budget::default(),
            language: LanguagePolicy::default(),
            tokenizer: Tokenizer::default(),
            bootstrap: Bootstrap::default(),
            keep_summaries: false,
            params: serde_json::Map::new(),
            protocol: Protocol::default(),
            queries: true,
        }
    }
}

/// The mean of one variant's scores over the documents, with intervals.
///
/// ```
/// use abridge::Budget;
/// use abridge_eval::{Corpus, Settings, System, evaluate};
///
/// let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Rain fell all day.", "summaries": ["The bridge reopened."]}"#;
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// let settings = Settings { systems: System::parse_list("lead")?, budget: Budget::Sentences(1), ..Settings::default() };
/// let report = evaluate(&corpus.entries, &settings)?;
/// let rouge1 = &report.results[0].rouge1;
/// assert!(rouge1.f_ci.low <= rouge1.f && rouge1.f <= rouge1.f_ci.high);
/// # Ok::<(), abridge_eval::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Mean precision.
    pub p: f64,
    /// Mean recall.
    pub r: f64,
    /// Mean F1.
    pub f: f64,
    /// Confidence interval of the mean precision.
    pub p_ci: Interval,
    /// Confidence interval of the mean recall.
    pub r_ci: Interval,
    /// Confidence interval of the mean F1.
    pub f_ci: Interval,
}

/// One document's summary by one system, and its scores.
///
/// ```
/// use abridge::Budget;
/// use abridge_eval::{Corpus, Settings, System, evaluate};
///
/// let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Rain fell all day.", "summaries": ["The bridge reopened."]}"#;
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// let settings = Settings { systems: System::parse_list("lead")?, budget: Budget::Sentences(1), ..Settings::default() };
/// let report = evaluate(&corpus.entries, &settings)?;
/// let doc = &report.results[0].per_doc[0];
/// assert_eq!((doc.line, doc.id.as_str(), doc.sentences.as_slice()), (1, "1", &[0][..]));
/// # Ok::<(), abridge_eval::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocResult {
    /// The document's line in the corpus file.
    pub line: usize,
    /// The document's id.
    pub id: String,
    /// The language it was analysed in.
    pub language: Language,
    /// Indices of the chosen sentences in abridge's segmentation.
    pub sentences: Vec<usize>,
    /// The summary as it was scored, one sentence per line (kept only when
    /// [`Settings::keep_summaries`] is set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Its scores against the references.
    #[serde(flatten)]
    pub scores: RougeScores,
}

/// The results of one system.
///
/// ```
/// use abridge::Budget;
/// use abridge_eval::{Corpus, Settings, System, evaluate};
///
/// let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Rain fell all day.", "summaries": ["The bridge reopened."]}"#;
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// let settings = Settings { systems: System::parse_list("lead")?, budget: Budget::Sentences(1), ..Settings::default() };
/// let report = evaluate(&corpus.entries, &settings)?;
/// assert_eq!((report.results[0].scorer.as_str(), report.results[0].docs), ("lead", 1));
/// # Ok::<(), abridge_eval::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SystemReport {
    /// The system's name.
    pub scorer: String,
    /// Documents evaluated.
    pub docs: usize,
    /// Documents whose summary came out empty (they score zero).
    pub empty: usize,
    /// Wall-clock seconds spent summarising and scoring.
    pub seconds: f64,
    /// Documents per second.
    pub docs_per_s: f64,
    /// ROUGE-1.
    pub rouge1: Aggregate,
    /// ROUGE-2.
    pub rouge2: Aggregate,
    /// ROUGE-L.
    #[serde(rename = "rougeL")]
    pub rouge_l: Aggregate,
    /// ROUGE-Lsum.
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: Aggregate,
    /// Every document's result, in corpus order.
    #[serde(skip)]
    pub per_doc: Vec<DocResult>,
}

impl SystemReport {
    /// The aggregate of `variant`.
    ///
    /// ```
    /// use abridge::Budget;
    /// use abridge_eval::{Corpus, Settings, System, evaluate};
    ///
    /// let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Rain fell all day.", "summaries": ["The bridge reopened."]}"#;
    /// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
    /// let settings = Settings { systems: System::parse_list("lead")?, budget: Budget::Sentences(1), ..Settings::default() };
    /// use abridge_eval::Variant;
    /// let report = evaluate(&corpus.entries, &settings)?;
    /// assert_eq!(report.results[0].get(Variant::Rouge1).f, report.results[0].rouge1.f);
    /// # Ok::<(), abridge_eval::Error>(())
    /// ```
    pub fn get(&self, variant: Variant) -> &Aggregate {
        match variant {
            Variant::Rouge1 => &self.rouge1,
            Variant::Rouge2 => &self.rouge2,
            Variant::RougeL => &self.rouge_l,
            Variant::RougeLsum => &self.rouge_lsum,
        }
    }
}

/// The results of every system on a corpus.
///
/// ```
/// use abridge::Budget;
/// use abridge_eval::{Corpus, Settings, System, evaluate};
///
/// let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Rain fell all day.", "summaries": ["The bridge reopened."]}"#;
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// let settings = Settings { systems: System::parse_list("lead")?, budget: Budget::Sentences(1), ..Settings::default() };
/// let report = evaluate(&corpus.entries, &settings)?;
/// assert_eq!((report.docs, report.budget), (1, Budget::Sentences(1)));
/// # Ok::<(), abridge_eval::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Documents evaluated.
    pub docs: usize,
    /// The budget of every summary.
    pub budget: Budget,
    /// How ROUGE read the texts, named by its profile (`rouge-score`,
    /// `unicode-v1`, `character-v1`).
    pub tokenizer: Tokenizer,
    /// Which language each document was analysed in.
    pub language_policy: LanguagePolicy,
    /// The documents per language and per way the language was chosen,
    /// most documents first.
    pub languages: Vec<LanguageCount>,
    /// How the confidence intervals were made.
    pub bootstrap: Bootstrap,
    /// Clusters and truncation.
    #[serde(default)]
    pub protocol: Protocol,
    /// One report per system, in the order asked for.
    pub results: Vec<SystemReport>,
}

/// What [`evaluate_observed`] tells as it goes, for a progress bar: every
/// method has a default that does nothing. Documents finish on several
/// threads at once, so the observer is `Sync`.
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
///
/// use abridge::Budget;
/// use abridge_eval::{Corpus, Observer, Settings, System, evaluate_observed};
///
/// #[derive(Default)]
/// struct Count(AtomicUsize);
/// impl Observer for Count {
///     fn document_done(&self, _system: System) {
///         self.0.fetch_add(1, Ordering::Relaxed);
///     }
/// }
///
/// let jsonl = "{\"text\": \"A b. C d.\", \"summaries\": [\"A b.\"]}\n{\"text\": \"E f.\", \"summaries\": [\"E f.\"]}\n";
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// let settings = Settings { systems: System::parse_list("lead,oracle")?, budget: Budget::Sentences(1), ..Settings::default() };
/// let count = Count::default();
/// evaluate_observed(&corpus.entries, &settings, &count)?;
/// assert_eq!(count.0.load(Ordering::Relaxed), 4, "two documents, two systems");
/// # Ok::<(), abridge_eval::Error>(())
/// ```
pub trait Observer: Sync {
    /// `system` starts on the corpus's `docs` documents.
    fn system_started(&self, system: System, docs: usize) {
        let _ = (system, docs);
    }

    /// `system` has summarised and scored one more document.
    fn document_done(&self, system: System) {
        let _ = system;
    }

    /// `system` is done, with this report.
    fn system_done(&self, report: &SystemReport) {
        let _ = report;
    }
}

/// The observer that is told nothing.
impl Observer for () {}

/// Summarises every entry with every system and scores the summaries.
///
/// Fails only on invalid settings (a budget of zero, say); a document that
/// cannot be summarised gets an empty summary, which scores zero.
///
/// ```
/// use abridge::Budget;
/// use abridge_eval::{Corpus, Settings, System, evaluate};
///
/// let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Rain fell all day.", "summaries": ["The bridge reopened."]}"#;
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// let settings = Settings { systems: System::parse_list("lead")?, budget: Budget::Sentences(1), ..Settings::default() };
/// let report = evaluate(&corpus.entries, &settings)?;
/// assert_eq!(report.results.len(), 1);
/// let zero = Settings { budget: Budget::Sentences(0), ..settings };
/// assert!(evaluate(&corpus.entries, &zero).is_err());
/// # Ok::<(), abridge_eval::Error>(())
/// ```
pub fn evaluate(entries: &[Entry], settings: &Settings) -> Result<Report, Error> {
    evaluate_observed(entries, settings, &())
}

/// [`evaluate`], telling `observer` how far it got.
///
/// ```
/// use abridge::Budget;
/// use abridge_eval::{Corpus, Settings, System, evaluate};
///
/// let jsonl = r#"{"id": "1", "text": "The bridge reopened on Friday. Rain fell all day.", "summaries": ["The bridge reopened."]}"#;
/// let corpus = Corpus::read(jsonl.as_bytes(), None)?;
/// let settings = Settings { systems: System::parse_list("lead")?, budget: Budget::Sentences(1), ..Settings::default() };
/// use abridge_eval::evaluate_observed;
/// let report = evaluate_observed(&corpus.entries, &settings, &())?;
/// assert_eq!(report.docs, 1);
/// # Ok::<(), abridge_eval::Error>(())
/// ```
pub fn evaluate_observed(
    entries: &[Entry],
    settings: &Settings,
    observer: &dyn Observer,
) -> Result<Report, Error> {
    // Detection, if any, runs once per document, not once per system.
    let resolved: Vec<(Language, LanguageSource)> =
        entries.par_iter().map(|entry| settings.language.resolve(&entry.record)).collect();
    let languages: Vec<Language> = resolved
        .iter()
        .map(|&(language, _)| language)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // Analysis is the same for every scorer; the oracle uses these analyzers.
    let analyzers = summarizers(ScorerKind::default(), settings, &languages)?;
    let rouge = Rouge::with_tokenizer(settings.tokenizer);
    let mut results = Vec::with_capacity(settings.systems.len());
    for &system in &settings.systems {
        let start = Instant::now();
        observer.system_started(system, entries.len());
        let per_doc: Vec<(DocResult, bool)> = match system {
            System::Scorer(kind) => {
                let summarizers = summarizers(kind, settings, &languages)?;
                entries
                    .par_iter()
                    .zip(&resolved)
                    .map(|(entry, &(language, _))| {
                        let summarizer = &summarizers[&language];
                        let focused;
                        let query = entry.record.query().filter(|_| settings.queries);
                        let summarizer = match query {
                            Some(query) => {
                                focused = summarizer.with_query(Some(query));
                                &focused
                            }
                            None => summarizer,
                        };
                        let cluster = settings
                            .protocol
                            .cluster
                            .then(|| ClusterDocs::of(&entry.record))
                            .flatten();
                        let summary = match &cluster {
                            Some(docs) => summarizer.summarize_cluster(&docs.documents()),
                            None => summarizer.summarize_detected(&entry.record.text),
                        };
                        let indices =
                            summary.sentences.iter().map(|extract| extract.index).collect();
                        // As the format shows them: a transcript's
                        // sentences without the transcriber's marks.
                        let text = join_sentences(
                            summary
                                .sentences
                                .iter()
                                .map(|extract| extract.shown.as_deref().unwrap_or(&extract.text)),
                        );
                        let result = doc_result(entry, language, &rouge, indices, text, settings);
                        observer.document_done(system);
                        result
                    })
                    .collect()
            }
            System::Oracle => {
                let oracle = Oracle::with_tokenizer(settings.budget, settings.tokenizer);
                entries
                    .par_iter()
                    .zip(&resolved)
                    .map(|(entry, &(language, _))| {
                        let analyzer = analyzers[&language].analyzer(language);
                        let (indices, text) =
                            with_document(analyzer, &entry.record.text, |document, format| {
                                let indices = oracle.select(document, &entry.record.summaries);
                                let shown: Vec<_> = indices
                                    .iter()
                                    .map(|&sentence_idx| {
                                        format.format().show(document.sentence_text(sentence_idx))
                                    })
                                    .collect();
                                let text = join_sentences(shown.iter().map(AsRef::as_ref));
                                (indices, text)
                            });
                        let result = doc_result(entry, language, &rouge, indices, text, settings);
                        observer.document_done(system);
                        result
                    })
                    .collect()
            }
        };
        let seconds = start.elapsed().as_secs_f64();
        let empty = per_doc.iter().filter(|(_, empty)| *empty).count();
        let per_doc: Vec<DocResult> = per_doc.into_iter().map(|(result, _)| result).collect();
        let report = system_report(system, per_doc, empty, seconds, &settings.bootstrap);
        observer.system_done(&report);
        results.push(report);
    }
    Ok(Report {
        docs: entries.len(),
        budget: settings.budget,
        tokenizer: settings.tokenizer,
        language_policy: settings.language,
        languages: count_languages(&resolved),
        bootstrap: settings.bootstrap,
        protocol: settings.protocol,
        results,
    })
}

/// Calls `f` with the document `analyzer` reads from `text` in the input
/// format detected in it, as [`Summarizer::summarize_detected`] reads it:
/// the scorers and the oracle see the same sentences (a transcript's turns
/// without their speaker labels, say).
fn with_document<R>(
    analyzer: &Analyzer,
    text: &str,
    f: impl FnOnce(&Document<'_>, InputFormat) -> R,
) -> R {
    let format = InputFormat::detect(None, text);
    if format == InputFormat::Text {
        return f(&analyzer.analyze(text), format);
    }
    let parsed = format.parse(text);
    match &parsed.blocks {
        Some(blocks) => {
            f(&analyzer.analyze_blocks(&parsed.text, blocks, format.format().line_breaks()), format)
        }
        None => f(&analyzer.analyze(&parsed.text), format),
    }
}

/// Documents per (language, source), most documents first, then by
/// language code.
fn count_languages(resolved: &[(Language, LanguageSource)]) -> Vec<LanguageCount> {
    let mut counts: Vec<LanguageCount> = Vec::new();
    for &(language, source) in resolved {
        match counts.iter_mut().find(|count| count.language == language && count.source == source) {
            Some(count) => count.docs += 1,
            None => counts.push(LanguageCount { language, source, docs: 1 }),
        }
    }
    counts
        .sort_by(|a, b| b.docs.cmp(&a.docs).then_with(|| a.language.code().cmp(b.language.code())));
    counts
}

fn summarizers(
    kind: ScorerKind,
    settings: &Settings,
    languages: &[Language],
) -> Result<BTreeMap<Language, Summarizer>, Error> {
    languages
        .iter()
        .map(|&language| {
            let mut params = if kind == ScorerKind::Lead {
                serde_json::Map::new()
            } else {
                settings.params.clone()
            };
            // `query.*` sets how a query is followed (any scorer's), not
            // the scorer.
            let focus = settings.params.get("query").cloned();
            params.remove("query");
            let mut builder = Summarizer::builder()
                .scorer(kind)
                .budget(settings.budget)
                .language(language)
                .scorer_params(params);
            if let Some(focus) = focus {
                let focus: QueryFocus = serde_json::from_value(focus).map_err(|error| {
                    abridge::Error::InvalidQueryFocus(format!("parameter 'query': {error}"))
                })?;
                builder = builder.query_focus(focus);
            }
            if let Some(method) = settings.protocol.cluster_method {
                builder = builder.cluster_method(method);
            }
            let summarizer = builder.build()?;
            Ok((language, summarizer))
        })
        .collect()
}

fn doc_result(
    entry: &Entry,
    language: Language,
    rouge: &Rouge,
    sentences: Vec<usize>,
    summary: String,
    settings: &Settings,
) -> (DocResult, bool) {
    let keep_summary = settings.keep_summaries;
    let protocol = settings.protocol;
    let scores = if protocol.truncation.is_some() {
        let references: Vec<std::borrow::Cow<'_, str>> =
            entry.record.summaries.iter().map(|reference| protocol.cut(reference)).collect();
        rouge.score_multi(&references, &protocol.cut(&summary))
    } else {
        rouge.score_multi(&entry.record.summaries, &summary)
    };
    // The summary kept is the one scored.
    let summary = protocol.cut(&summary).into_owned();
    let empty = sentences.is_empty();
    let result = DocResult {
        line: entry.line,
        id: entry.record.id.clone(),
        language,
        sentences,
        summary: keep_summary.then_some(summary),
        scores,
    };
    (result, empty)
}

fn system_report(
    system: System,
    per_doc: Vec<DocResult>,
    empty: usize,
    seconds: f64,
    bootstrap: &Bootstrap,
) -> SystemReport {
    let docs = per_doc.len();
    // Columns: for each variant, P, R and F.
    let columns: Vec<Vec<f64>> = Variant::ALL
        .iter()
        .flat_map(|&variant| {
            let values = |pick: fn(Prf) -> f64| -> Vec<f64> {
                per_doc.iter().map(|result| pick(result.scores.get(variant))).collect()
            };
            [values(|prf| prf.p), values(|prf| prf.r), values(|prf| prf.f)]
        })
        .collect();
    let column_refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let intervals = bootstrap.intervals(&column_refs);
    let mean = |column: &[f64]| {
        if column.is_empty() { 0.0 } else { column.iter().sum::<f64>() / column.len() as f64 }
    };
    let aggregate = |variant_idx: usize| {
        let base = variant_idx * 3;
        Aggregate {
            p: mean(&columns[base]),
            r: mean(&columns[base + 1]),
            f: mean(&columns[base + 2]),
            p_ci: intervals[base],
            r_ci: intervals[base + 1],
            f_ci: intervals[base + 2],
        }
    };
    SystemReport {
        scorer: system.name().to_owned(),
        docs,
        empty,
        seconds,
        docs_per_s: if seconds > 0.0 { docs as f64 / seconds } else { 0.0 },
        rouge1: aggregate(0),
        rouge2: aggregate(1),
        rouge_l: aggregate(2),
        rouge_lsum: aggregate(3),
        per_doc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;
    use crate::Truncation;

    const CORPUS: &str = concat!(
        r#"{"id": "one", "text": "Engineers reopened the old bridge on Friday after long repairs. The weather stayed mild all week. Repairs to the bridge cost twelve million dollars in all.", "summaries": ["The bridge reopened on Friday.\nRepairs cost twelve million dollars."]}"#,
        "\n",
        r#"{"id": "two", "text": "The council voted to build a new library downtown. Some residents asked for more parking spaces. The library will open in two years.", "summaries": ["A new library will open downtown.", "The council voted for a library."], "lang": "en"}"#,
        "\n",
        r#"{"id": "three", "text": "", "summaries": ["Nothing here."]}"#,
        "\n",
    );

    fn report(systems: &str, budget: Budget) -> Report {
        let corpus = Corpus::read(CORPUS.as_bytes(), None).unwrap();
        let settings = Settings {
            systems: System::parse_list(systems).unwrap(),
            budget,
            keep_summaries: true,
            ..Settings::default()
        };
        evaluate(&corpus.entries, &settings).unwrap()
    }

    #[test]
    fn observer_hears_every_document_of_every_system() {
        use std::sync::Mutex;
        #[derive(Default)]
        struct Log(Mutex<Vec<String>>);
        impl Observer for Log {
            fn system_started(&self, system: System, docs: usize) {
                self.0.lock().unwrap().push(format!("start {system} {docs}"));
            }
            fn document_done(&self, system: System) {
                self.0.lock().unwrap().push(format!("doc {system}"));
            }
            fn system_done(&self, report: &SystemReport) {
                self.0.lock().unwrap().push(format!("done {} {}", report.scorer, report.docs));
            }
        }
        let corpus = Corpus::read(CORPUS.as_bytes(), None).unwrap();
        let settings =
            Settings { systems: System::parse_list("lead,oracle").unwrap(), ..Settings::default() };
        let log = Log::default();
        let observed = evaluate_observed(&corpus.entries, &settings, &log).unwrap();
        let log = log.0.into_inner().unwrap();
        let doc = |system: &str| format!("doc {system}");
        let expected: Vec<String> = std::iter::once("start lead 3".to_owned())
            .chain(std::iter::repeat_n(doc("lead"), 3))
            .chain(["done lead 3".to_owned(), "start oracle 3".to_owned()])
            .chain(std::iter::repeat_n(doc("oracle"), 3))
            .chain(std::iter::once("done oracle 3".to_owned()))
            .collect();
        assert_eq!(log, expected);
        let plain = evaluate(&corpus.entries, &settings).unwrap();
        assert_eq!(observed.results[0].rouge1.f, plain.results[0].rouge1.f);
    }

    #[test]
    fn query_params_set_the_focus_and_bad_ones_are_refused() {
        let jsonl = r#"{"id": "q", "text": "The council met on Monday to plan the year. The budget for the new library was the first item. Divers found a breach in the harbour wall last week.", "query": "What happened to the harbour?", "summaries": ["Divers found a breach in the harbour wall."]}"#;
        let corpus = Corpus::read(jsonl.as_bytes(), None).unwrap();
        let settings = |params: serde_json::Value| Settings {
            systems: System::parse_list("tfidf-position").unwrap(),
            budget: Budget::Sentences(1),
            keep_summaries: true,
            params: params.as_object().unwrap().clone(),
            ..Settings::default()
        };
        let summary = |params: serde_json::Value| {
            let report = evaluate(&corpus.entries, &settings(params)).unwrap();
            report.results[0].per_doc[0].summary.clone().unwrap()
        };
        // The query's weight alone decides: all of it, the harbour; none
        // of it, the scorer's own choice.
        assert!(summary(serde_json::json!({"query": {"weight": 1.0}})).starts_with("Divers"));
        assert!(!summary(serde_json::json!({"query": {"weight": 0.0}})).starts_with("Divers"));
        for bad in [
            serde_json::json!({"query": {"weight": 2.0}}),
            serde_json::json!({"query": {"wieght": 1.0}}),
        ] {
            assert!(evaluate(&corpus.entries, &settings(bad)).is_err());
        }
    }

    const CLUSTER_CORPUS: &str = concat!(
        r#"{"id": "c1", "text": "joined", "docs": ["A storm flooded the harbour town of Kelso on Monday night. Fishing boats broke loose from their moorings in the old port.", "The harbour town of Kelso was flooded by a storm on Monday night. Insurers expect claims of several million pounds from the town."], "doc_ids": ["a", "b"], "summaries": ["A storm flooded Kelso on Monday. Boats broke loose and insurers expect large claims."]}"#,
        "\n",
    );

    #[test]
    fn clusters_are_summarised_from_their_docs_and_summaries_cut_to_the_limit() {
        let corpus = Corpus::read(CLUSTER_CORPUS.as_bytes(), None).unwrap();
        let settings = |protocol: Protocol| Settings {
            systems: System::parse_list("tfidf-position").unwrap(),
            budget: Budget::Sentences(2),
            keep_summaries: true,
            protocol,
            ..Settings::default()
        };
        let joined = evaluate(&corpus.entries, &settings(Protocol::default())).unwrap();
        // Without the cluster protocol the record's `text` is summarised.
        assert_eq!(joined.results[0].per_doc[0].summary.as_deref(), Some("joined"));
        let cluster = Protocol { cluster: true, ..Protocol::default() };
        let report = evaluate(&corpus.entries, &settings(cluster)).unwrap();
        let summary = report.results[0].per_doc[0].summary.clone().unwrap();
        assert_eq!(summary.lines().count(), 2, "{summary}");
        assert_eq!(summary.matches("Monday night").count(), 1, "{summary}");
        let cut = Protocol {
            cluster: true,
            truncation: Some(Truncation::Words(5)),
            cluster_method: None,
        };
        let cut_report = evaluate(&corpus.entries, &settings(cut)).unwrap();
        let cut_summary = cut_report.results[0].per_doc[0].summary.clone().unwrap();
        assert_eq!(cut_summary.split_whitespace().count(), 5, "{cut_summary}");
        assert!(summary.starts_with(&cut_summary));
        assert_eq!(cut_report.protocol, cut);
        // Fewer words of summary, and of the reference: precision can only
        // be scored on what is left.
        assert_ne!(cut_report.results[0].rouge1.r, report.results[0].rouge1.r);
    }

    #[test]
    fn reports_every_system_in_order() {
        let report = report("lead,oracle,tfidf-position", Budget::Sentences(1));
        let names: Vec<&str> = report.results.iter().map(|result| result.scorer.as_str()).collect();
        assert_eq!(names, ["lead", "oracle", "tfidf-position"]);
        assert_eq!(report.docs, 3);
        for result in &report.results {
            assert_eq!(result.docs, 3);
            assert_eq!(result.empty, 1, "the empty document");
            assert_eq!(result.per_doc.len(), 3);
            for variant in Variant::ALL {
                let aggregate = result.get(variant);
                for (value, interval) in [
                    (aggregate.p, aggregate.p_ci),
                    (aggregate.r, aggregate.r_ci),
                    (aggregate.f, aggregate.f_ci),
                ] {
                    assert!((0.0..=1.0).contains(&value), "{result:?}");
                    assert!(interval.low <= value + 1e-12 && value <= interval.high + 1e-12);
                }
            }
        }
        let lead = &report.results[0];
        assert_eq!(lead.per_doc[0].sentences, [0]);
        assert_eq!(
            lead.per_doc[0].summary.as_deref(),
            Some("Engineers reopened the old bridge on Friday after long repairs.")
        );
        assert_eq!(lead.per_doc[2].scores, RougeScores::default());
    }

    #[test]
    fn scores_are_the_means_of_the_documents() {
        let report = report("lead", Budget::Sentences(2));
        let lead = &report.results[0];
        let rouge = Rouge::new();
        let expected = rouge.score_multi(
            &["The bridge reopened on Friday.\nRepairs cost twelve million dollars."],
            "Engineers reopened the old bridge on Friday after long repairs.\nThe weather stayed mild all week.",
        );
        assert_eq!(lead.per_doc[0].scores, expected);
        let mean_f1: f64 =
            lead.per_doc.iter().map(|result| result.scores.rouge1.f).sum::<f64>() / 3.0;
        assert!((lead.rouge1.f - mean_f1).abs() < 1e-12);
    }

    #[test]
    fn the_oracle_is_at_least_as_good_as_lead() {
        let report = report("lead,oracle", Budget::Sentences(2));
        let (lead, oracle) = (&report.results[0], &report.results[1]);
        // Adding the first sentence would lower ROUGE-2 more than it raises ROUGE-1.
        assert_eq!(oracle.per_doc[0].sentences, [2]);
        for (lead_doc, oracle_doc) in lead.per_doc.iter().zip(&oracle.per_doc) {
            let objective = |scores: &RougeScores| scores.rouge1.f + scores.rouge2.f;
            assert!(objective(&oracle_doc.scores) >= objective(&lead_doc.scores) - 1e-12);
        }
    }

    #[test]
    fn system_lists() {
        assert_eq!(
            System::parse_list("oracle, lead,lead").unwrap(),
            [System::Oracle, System::Scorer(ScorerKind::Lead)]
        );
        let all = System::parse_list("all,oracle").unwrap();
        assert_eq!(all.len(), ScorerKind::ALL.len() + 1);
        assert!(
            matches!(System::parse_list("lead,magic"), Err(Error::UnknownSystem(name)) if name == "magic")
        );
        assert!(System::parse_list(" , ").is_err());
    }

    /// Two French documents (one says so), one German that claims to be
    /// English, all written for these tests.
    const MIXED: &str = concat!(
        r#"{"id": "fr-1", "text": "Le conseil municipal a voté lundi soir le budget du nouveau port de pêche. Les travaux commenceront au printemps prochain et dureront deux ans. Les pêcheurs attendent ce chantier depuis longtemps.", "summaries": ["Le conseil a voté le budget du port de pêche."], "lang": "fr"}"#,
        "\n",
        r#"{"id": "fr-2", "text": "La bibliothèque municipale rouvrira ses portes en septembre après deux années de rénovation. Les lecteurs trouveront une salle de lecture plus grande et un espace pour les enfants.", "summaries": ["La bibliothèque rouvre en septembre."]}"#,
        "\n",
        r#"{"id": "de-1", "text": "Der Stadtrat hat am Montag den Haushalt für den neuen Fischereihafen beschlossen. Die Bauarbeiten beginnen im nächsten Frühjahr und dauern zwei Jahre.", "summaries": ["Der Stadtrat beschließt den Haushalt für den Hafen."], "lang": "en"}"#,
        "\n",
    );

    fn mixed_report(language: LanguagePolicy, tokenizer: Tokenizer) -> Report {
        let corpus = Corpus::read(MIXED.as_bytes(), None).unwrap();
        let settings = Settings {
            systems: System::parse_list("lead,oracle").unwrap(),
            budget: Budget::Sentences(1),
            language,
            tokenizer,
            bootstrap: Bootstrap { resamples: 0, ..Bootstrap::default() },
            ..Settings::default()
        };
        evaluate(&corpus.entries, &settings).unwrap()
    }

    fn languages_of(report: &Report) -> Vec<Language> {
        report.results[0].per_doc.iter().map(|result| result.language).collect()
    }

    #[test]
    fn records_say_their_language_unless_it_is_forced() {
        use Language::{English, French, German};
        let record = LanguagePolicy::default();
        let report = mixed_report(record, Tokenizer::Unicode);
        assert_eq!(languages_of(&report), [French, English, English]);
        assert_eq!(
            report.languages,
            [
                LanguageCount { language: English, source: LanguageSource::Given, docs: 2 },
                LanguageCount { language: French, source: LanguageSource::Given, docs: 1 },
            ]
        );

        let detect_missing =
            LanguagePolicy { default: LanguageChoice::Auto, ..LanguagePolicy::default() };
        let report = mixed_report(detect_missing, Tokenizer::Unicode);
        assert_eq!(languages_of(&report), [French, French, English]);

        let detect_all = LanguagePolicy { force: Some(LanguageChoice::Auto), ..record };
        let report = mixed_report(detect_all, Tokenizer::Unicode);
        assert_eq!(languages_of(&report), [French, French, German]);
        assert_eq!(
            report.languages,
            [
                LanguageCount { language: French, source: LanguageSource::Detected, docs: 2 },
                LanguageCount { language: German, source: LanguageSource::Detected, docs: 1 },
            ]
        );

        let english = LanguagePolicy { force: Some(LanguageChoice::Fixed(English)), ..record };
        let report = mixed_report(english, Tokenizer::Unicode);
        assert_eq!(languages_of(&report), [English, English, English]);
        assert_eq!(report.language_policy, english);
    }

    #[test]
    fn the_tokenizer_reaches_rouge_and_the_oracle() {
        let policy = LanguagePolicy { force: Some(LanguageChoice::Auto), ..Default::default() };
        let default = mixed_report(policy, Tokenizer::Default);
        let unicode = mixed_report(policy, Tokenizer::Unicode);
        assert_eq!(default.tokenizer, Tokenizer::Default);
        assert_eq!(unicode.tokenizer, Tokenizer::Unicode);
        let reference = "Le conseil a voté le budget du port de pêche.";
        let lead_summary =
            "Le conseil municipal a voté lundi soir le budget du nouveau port de pêche.";
        for report in [&default, &unicode] {
            let rouge = Rouge::with_tokenizer(report.tokenizer);
            assert_eq!(report.results[0].per_doc[0].scores, rouge.score(reference, lead_summary));
        }
        assert_ne!(default.results[0].per_doc[0].scores, unicode.results[0].per_doc[0].scores);
        // The oracle is the ceiling under either tokenizer.
        for report in [&default, &unicode] {
            assert!(report.results[1].rouge1.f >= report.results[0].rouge1.f);
        }
        let json = serde_json::to_value(&unicode).unwrap();
        assert_eq!(json["tokenizer"], "unicode-v1");
        assert_eq!(json["language_policy"], serde_json::json!({"default": "en", "force": "auto"}));
        assert_eq!(
            json["languages"][0],
            serde_json::json!({"language": "fr", "source": "detected", "docs": 2})
        );
    }

    #[test]
    fn report_json_has_the_documented_shape() {
        let report = report("lead", Budget::Sentences(1));
        let json = serde_json::to_value(&report).unwrap();
        let result = &json["results"][0];
        assert_eq!(result["scorer"], "lead");
        assert_eq!(result["docs"], 3);
        assert!(result["docs_per_s"].is_number());
        for key in ["rouge1", "rouge2", "rougeL", "rougeLsum"] {
            for field in ["p", "r", "f"] {
                assert!(result[key][field].is_number(), "{key}.{field}");
            }
            assert_eq!(result[key]["f_ci"].as_array().unwrap().len(), 2);
        }
        assert!(result.get("per_doc").is_none());
        assert_eq!(json["tokenizer"], "rouge-score");
        assert_eq!(json["language_policy"], serde_json::json!({"default": "en"}));
        assert_eq!(
            json["languages"],
            serde_json::json!([{"language": "en", "source": "given", "docs": 3}])
        );
    }
}
