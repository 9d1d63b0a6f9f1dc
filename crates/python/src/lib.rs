//! The `abridge._abridge` extension module: abridge for Python.
//!
//! The pure-Python package `abridge` (in `python/abridge/`) re-exports what
//! is here, with the docstrings and the type stubs; this crate turns Python
//! arguments into the library's settings (`settings.rs`), summaries into
//! Python objects with string indices (`summary.rs`), and runs batches on
//! the library's batch path with the GIL released (`batch.rs`).
//!
//! Offsets: the library gives byte offsets into UTF-8 text; Python indexes
//! strings by code point, so every offset handed to Python is converted
//! (`CharOffsets`), and `text[start:end]` is the sentence.

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod batch;
mod settings;
mod summary;

use std::sync::{Arc, Mutex, PoisonError};

use abridge::crates::text::Analyzer;
use abridge::{LanguageChoice, ScorerKind};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::settings::Settings;
use crate::summary::{CharOffsets, Extract, Sentence, Summary};

pyo3::create_exception!(
    abridge,
    SummaryError,
    PyValueError,
    "A text that gives no summary: empty, without words, only page furniture, or with no sentence that fits the budget."
);
pyo3::create_exception!(
    abridge,
    InputError,
    PyValueError,
    "An item of a batch that cannot be read: not a str, not valid Unicode, or an unknown language."
);
pyo3::create_exception!(
    abridge,
    InternalError,
    PyRuntimeError,
    "A bug in abridge, caught while summarising one text of a batch."
);

/// Summarises texts with fixed settings.
///
/// The budget is one of `sentences` (the default, 3), `words`, `chars` or
/// `ratio`; `scorer` is one of `abridge.SCORERS`; `lang` an ISO 639-1 code,
/// an English name or `"auto"`; `order` is `"document"` or `"score"`;
/// `redundancy` the MMR trade-off in [0, 1]; `params` the scorer's
/// parameters (dotted keys nest); `explain=True` computes every chosen
/// sentence's explanation at once; `format` is the texts' input format
/// (`"auto"` detects it from each text's content, as `abridge summarize`
/// does; or one of `abridge.FORMATS`). Bad settings raise `ValueError`.
/// A summarizer is thread-safe and pickles.
#[pyclass(module = "abridge", name = "Summarizer", frozen)]
#[derive(Debug)]
pub struct Summarizer {
    pub(crate) settings: Settings,
    pub(crate) inner: abridge::Summarizer,
    /// Scratch memory for `summarize`, kept between calls (the stems of
    /// the words met, the score buffer), so that one call per text costs
    /// little more than a batch; one per thread that calls at once.
    scratches: Arc<Mutex<Vec<abridge::Scratch>>>,
}

/// The most scratch memories a summarizer keeps for `summarize`.
const MAX_SCRATCHES: usize = 8;

#[pymethods]
impl Summarizer {
    #[new]
    #[pyo3(signature = (*, sentences=None, words=None, chars=None, ratio=None, scorer="tfidf-position", lang="auto", order="document", redundancy=None, params=None, explain=false, format="auto"))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        sentences: Option<i64>,
        words: Option<i64>,
        chars: Option<i64>,
        ratio: Option<f64>,
        scorer: &str,
        lang: &str,
        order: &str,
        redundancy: Option<f64>,
        params: Option<&Bound<'_, PyAny>>,
        explain: bool,
        format: &str,
    ) -> PyResult<Summarizer> {
        let settings = Settings::from_python(
            [sentences, words, chars],
            ratio,
            scorer,
            lang,
            order,
            redundancy,
            params,
            explain,
            format,
        )?;
        Summarizer::from_settings(settings)
    }

    /// Summarises one text: a `Summary`. `lang` overrides the language for
    /// this text, `format` the summarizer's input format. Raises
    /// `SummaryError` when the text has nothing to summarise, `TypeError`
    /// when it is not a `str`.
    #[pyo3(signature = (text, *, lang=None, format=None))]
    fn summarize(
        &self,
        text: &Bound<'_, PyString>,
        lang: Option<&str>,
        format: Option<&str>,
    ) -> PyResult<Summary> {
        let py = text.py();
        let rust_text = text.to_cow()?;
        let known = lang.map(settings::parse_language).transpose()?;
        let format = match format {
            None => self.settings.format,
            Some(name) => settings::parse_format(name)?,
        };
        let summarizer = &self.inner;
        let scratches = &self.scratches;
        let summary = py.detach(|| {
            let taken = scratches.lock().unwrap_or_else(PoisonError::into_inner).pop();
            let mut scratch = taken.unwrap_or_default();
            let summary =
                summarizer.summarize_input(&rust_text, format, known, &mut scratch).into_owned();
            let mut pool = scratches.lock().unwrap_or_else(PoisonError::into_inner);
            if pool.len() < MAX_SCRATCHES {
                pool.push(scratch);
            }
            summary
        });
        if let Some(reason) = summary.empty_reason.filter(|_| summary.is_empty()) {
            return Err(summary_error(py, reason, None));
        }
        let offsets = CharOffsets::new(&rust_text);
        Ok(Summary::new(summary, &offsets, text.clone().unbind(), self.handle()))
    }

    /// Summarises every text of `texts` (any iterable) on `threads` threads
    /// (0: every core, 1: the sequential path), with the GIL released, and
    /// returns one result per text, in order: a `Summary`, or the exception
    /// instance (`SummaryError`, `InputError`, with the text's `index`) that
    /// says why there is none. `langs`, when given, has one language (or
    /// `None`) per text, used instead of detecting it.
    #[pyo3(signature = (texts, *, langs=None, threads=0))]
    fn summarize_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        langs: Option<&Bound<'_, PyAny>>,
        threads: usize,
    ) -> PyResult<Vec<Py<PyAny>>> {
        batch::summarize_all(py, self, texts, langs, threads)
    }

    /// The lazy form of `summarize_batch`: an iterator of the results, in
    /// order, that reads `texts` only while its window (`window` texts in
    /// flight, 0: 32 per thread) has room, so a stream of any length goes
    /// through in flat memory. An exception raised by `texts` is raised
    /// after the results of the texts before it.
    #[pyo3(signature = (texts, *, langs=None, threads=0, window=0))]
    fn iter_batch(
        &self,
        texts: &Bound<'_, PyAny>,
        langs: Option<&Bound<'_, PyAny>>,
        threads: usize,
        window: usize,
    ) -> PyResult<batch::BatchIterator> {
        batch::BatchIterator::new(self, texts, langs, threads, window)
    }

    /// The settings, as a dict.
    #[getter]
    fn settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        settings::json_to_python(py, &self.settings.to_json())
    }

    fn __repr__(&self) -> String {
        self.settings.repr()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let restore = slf.py().import("abridge._abridge")?.getattr("_summarizer_from_state")?;
        Ok((restore, (slf.get().settings.to_json().to_string(),)))
    }
}

impl Summarizer {
    pub(crate) fn from_settings(settings: Settings) -> PyResult<Summarizer> {
        let inner = settings.build()?;
        Ok(Summarizer { settings, inner, scratches: Arc::default() })
    }

    /// A cheap copy for a summary to keep, for `explain()` and pickling.
    pub(crate) fn handle(&self) -> Summarizer {
        Summarizer {
            settings: self.settings.clone(),
            inner: self.inner.clone(),
            scratches: self.scratches.clone(),
        }
    }
}

/// Rebuilds a pickled `Summarizer`.
#[pyfunction]
fn _summarizer_from_state(state: &str) -> PyResult<Summarizer> {
    Summarizer::from_settings(Settings::from_json(state)?)
}

/// The exception for a text with nothing to summarise.
pub(crate) fn summary_error(
    py: Python<'_>,
    reason: abridge::EmptyReason,
    index: Option<usize>,
) -> PyErr {
    let error = SummaryError::new_err(reason.message());
    let value = error.value(py);
    let reason_name = match reason {
        abridge::EmptyReason::EmptyInput => "empty_input",
        abridge::EmptyReason::NoWords => "no_words",
        abridge::EmptyReason::OnlyFurniture => "only_furniture",
        abridge::EmptyReason::BudgetTooSmall => "budget_too_small",
    };
    // Setting attributes on a fresh exception instance cannot fail.
    let _ = value.setattr("reason", reason_name);
    let _ = value.setattr("index", index);
    error
}

/// The sentence segmentation of `text`.
#[pyfunction]
#[pyo3(signature = (text, *, lang="auto"))]
fn sentences(text: &Bound<'_, PyString>, lang: &str) -> PyResult<Vec<Sentence>> {
    let py = text.py();
    let rust_text = text.to_cow()?;
    let choice: LanguageChoice = settings::parse_language_choice(lang)?;
    let sentences = py.detach(|| {
        let (language, _) = choice.resolve(&rust_text);
        let document = Analyzer::new(language).analyze(&rust_text);
        let offsets = CharOffsets::new(&rust_text);
        document
            .sentences()
            .iter()
            .enumerate()
            .map(|(index, sentence)| {
                let span = sentence.span();
                Sentence {
                    index,
                    text: span.slice(&rust_text).to_owned(),
                    start: offsets.char_index(span.start),
                    end: offsets.char_index(span.end),
                    kind: kind_name(sentence.kind()),
                    paragraph: document.paragraph_of(index),
                }
            })
            .collect()
    });
    Ok(sentences)
}

fn kind_name(kind: abridge::SentenceKind) -> &'static str {
    match kind {
        abridge::SentenceKind::Prose => "prose",
        abridge::SentenceKind::Fragment => "fragment",
        abridge::SentenceKind::Furniture => "furniture",
        abridge::SentenceKind::Heading => "heading",
    }
}

/// The language abridge would analyse `text` in, and how it was chosen.
#[pyfunction]
fn detect_language(text: &Bound<'_, PyString>) -> PyResult<(String, String)> {
    let rust_text = text.to_cow()?;
    let (language, source) = LanguageChoice::Auto.resolve(&rust_text);
    Ok((language.code().to_owned(), source.name().to_owned()))
}

#[pymodule]
fn _abridge(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add_class::<Summarizer>()?;
    module.add_class::<Summary>()?;
    module.add_class::<Extract>()?;
    module.add_class::<Sentence>()?;
    module.add_class::<batch::BatchIterator>()?;
    module.add("SummaryError", py.get_type::<SummaryError>())?;
    module.add("InputError", py.get_type::<InputError>())?;
    module.add("InternalError", py.get_type::<InternalError>())?;
    module.add_function(wrap_pyfunction!(sentences, module)?)?;
    module.add_function(wrap_pyfunction!(detect_language, module)?)?;
    module.add_function(wrap_pyfunction!(_summarizer_from_state, module)?)?;
    module.add_function(wrap_pyfunction!(summary::_summary_from_state, module)?)?;
    let scorers: Vec<&str> = ScorerKind::ALL.iter().map(|kind| kind.name()).collect();
    module.add("SCORERS", scorers)?;
    let formats: Vec<&str> = std::iter::once("auto")
        .chain(abridge::InputFormat::ALL.iter().map(|format| format.name()))
        .collect();
    module.add("FORMATS", formats)?;
    let languages: Vec<&str> =
        abridge::Language::ALL.iter().map(|language| language.code()).collect();
    module.add("LANGUAGES", languages)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
