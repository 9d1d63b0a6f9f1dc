//! Batches from Python: any iterable of texts through the library's batch
//! path, with the GIL released while documents are summarised.
//!
//! The library pulls items from [`PyItems`] on the thread that asks for
//! results, only while its window has room; `PyItems` takes the GIL for
//! the moment it reads one item from the Python iterator, and lets it go
//! again. The worker threads never touch Python. Every result carries the
//! item's index, and results come back in input order, so the original
//! `str` objects wait in a queue ([`Shared::originals`]) until their
//! summary is handed to Python.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use abridge::{BatchError, BatchItem, BatchOptions, BatchResult, BatchResults, Language};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyString};

use crate::summary::{CharOffsets, Prepared, extracts};
use crate::{InputError, InternalError, Summarizer, summary_error};

/// How many results an eager batch gathers between two checks for Ctrl-C.
const SIGNAL_CHECK_EVERY: usize = 256;

/// What the item reader and the result side share.
#[derive(Debug, Default)]
struct Shared {
    /// The `str` of every item read and not yet returned, in order (`None`
    /// for an item that was not a `str`).
    originals: VecDeque<Option<Py<PyString>>>,
    /// An exception raised by the input iterables, to raise once the items
    /// read before it have been returned.
    error: Option<PyErr>,
}

fn lock(shared: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The Python iterables as the library's batch items.
#[derive(Debug)]
struct PyItems {
    texts: Py<PyIterator>,
    langs: Option<Py<PyIterator>>,
    /// The summarizer's input format (`None`: detected per text).
    format: Option<abridge::InputFormat>,
    next_index: usize,
    finished: bool,
    shared: Arc<Mutex<Shared>>,
}

impl Iterator for PyItems {
    type Item = BatchItem<usize>;

    fn next(&mut self) -> Option<BatchItem<usize>> {
        if self.finished {
            return None;
        }
        let item = Python::attach(|py| self.read(py));
        if item.is_none() {
            self.finished = true;
        }
        item
    }
}

impl PyItems {
    fn new(
        summarizer: &Summarizer,
        texts: &Bound<'_, PyAny>,
        langs: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyItems> {
        Ok(PyItems {
            texts: texts.try_iter()?.unbind(),
            langs: langs.map(|langs| langs.try_iter().map(Bound::unbind)).transpose()?,
            format: summarizer.settings.format,
            next_index: 0,
            finished: false,
            shared: Arc::default(),
        })
    }

    fn fail(&self, error: PyErr) -> Option<BatchItem<usize>> {
        lock(&self.shared).error.get_or_insert(error);
        None
    }

    /// Reads the next item, or `None` at the end or on an exception.
    fn read(&mut self, py: Python<'_>) -> Option<BatchItem<usize>> {
        let index = self.next_index;
        let text = match self.texts.bind(py).clone().next() {
            None => {
                if let Some(langs) = &self.langs
                    && let Some(Ok(_)) = langs.bind(py).clone().next()
                {
                    return self.fail(PyValueError::new_err(format!(
                        "langs= has more items than texts ({index} texts)"
                    )));
                }
                return None;
            }
            Some(Err(error)) => return self.fail(error),
            Some(Ok(text)) => text,
        };
        let language = match &self.langs {
            None => Ok(None),
            Some(langs) => match langs.bind(py).clone().next() {
                None => {
                    return self.fail(PyValueError::new_err(format!(
                        "langs= has fewer items than texts (none for text {index})"
                    )));
                }
                Some(Err(error)) => return self.fail(error),
                Some(Ok(lang)) => read_language(&lang),
            },
        };
        self.next_index += 1;
        let id = index.to_string();
        let (item, original) = match text.cast_into::<PyString>() {
            Err(error) => {
                let type_name = type_name(error.into_inner().as_any());
                (BatchItem::failed(id, format!("text is not a str (got {type_name})"), index), None)
            }
            Ok(text) => {
                let item = match (text.to_cow(), language) {
                    (Err(error), _) => {
                        BatchItem::failed(id, format!("text is not valid Unicode: {error}"), index)
                    }
                    (Ok(_), Err(message)) => BatchItem::failed(id, message, index),
                    (Ok(rust_text), Ok(language)) => {
                        BatchItem::new(id, rust_text.into_owned(), index)
                            .with_language(language)
                            .with_format(self.format)
                    }
                };
                (item, Some(text.unbind()))
            }
        };
        lock(&self.shared).originals.push_back(original);
        Some(item)
    }
}

/// A `langs=` entry: `None`, or a language abridge knows.
fn read_language(lang: &Bound<'_, PyAny>) -> Result<Option<Language>, String> {
    if lang.is_none() {
        return Ok(None);
    }
    match lang.cast::<PyString>() {
        Err(_) => Err(format!("lang is not a str or None (got {})", type_name(lang))),
        Ok(lang) => {
            let lang = lang.to_cow().map_err(|error| error.to_string())?;
            lang.parse::<Language>().map(Some).map_err(|error| error.to_string())
        }
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "an unknown type".to_owned(), |name| name.to_string())
}

/// A result, ready to become a Python object: the summary with string
/// indices, or the error.
type Ready = (usize, Result<Prepared, BatchError>);

/// Converts offsets while the GIL is released.
fn prepare(result: BatchResult<usize>) -> Ready {
    let index = result.meta;
    let outcome = match &result.outcome {
        Ok(summary) => {
            let offsets = CharOffsets::new(result.text().unwrap_or_default());
            Ok(Prepared { extracts: extracts(summary, &offsets), inner: summary.clone() })
        }
        Err(error) => Err(error.clone()),
    };
    (index, outcome)
}

/// The Python object for one result: a `Summary`, or the exception
/// instance (not raised) that says why there is none.
fn to_python(
    py: Python<'_>,
    (index, outcome): Ready,
    original: Option<Py<PyString>>,
    summarizer: &Summarizer,
) -> PyResult<Py<PyAny>> {
    let error = match outcome {
        Ok(prepared) => {
            let text = original.unwrap_or_else(|| PyString::new(py, "").unbind());
            let summary = prepared.into_summary(text, summarizer.handle());
            return Ok(Py::new(py, summary)?.into_any());
        }
        Err(BatchError::Empty(reason)) => summary_error(py, reason, Some(index)),
        Err(BatchError::Input(message)) => InputError::new_err(message),
        Err(error) => InternalError::new_err(error.to_string()),
    };
    let value = error.into_value(py);
    value.bind(py).setattr("index", index)?;
    Ok(value.into_any())
}

fn options(threads: usize, window: usize) -> BatchOptions {
    BatchOptions::default().threads(threads).window(window)
}

fn start(
    summarizer: &Summarizer,
    items: PyItems,
    options: BatchOptions,
) -> PyResult<BatchResults<PyItems, usize>> {
    summarizer
        .inner
        .summarize_batch(items, options)
        .map_err(|error| PyRuntimeError::new_err(error.to_string()))
}

/// `Summarizer.summarize_batch`: every result, in order.
pub fn summarize_all(
    py: Python<'_>,
    summarizer: &Summarizer,
    texts: &Bound<'_, PyAny>,
    langs: Option<&Bound<'_, PyAny>>,
    threads: usize,
) -> PyResult<Vec<Py<PyAny>>> {
    let items = PyItems::new(summarizer, texts, langs)?;
    let shared = items.shared.clone();
    let mut results = start(summarizer, items, options(threads, 0))?;
    let gathered: PyResult<Vec<Ready>> = py.detach(|| {
        let mut ready = Vec::new();
        for result in results.by_ref() {
            ready.push(prepare(result));
            if ready.len() % SIGNAL_CHECK_EVERY == 0 {
                Python::attach(|py| py.check_signals())?;
            }
        }
        Ok(ready)
    });
    drop(results);
    let gathered = gathered?;
    let mut shared = lock(&shared);
    if let Some(error) = shared.error.take() {
        return Err(error);
    }
    gathered
        .into_iter()
        .map(|ready| {
            let original = shared.originals.pop_front().flatten();
            to_python(py, ready, original, summarizer)
        })
        .collect()
}

/// The lazy form of a batch: an iterator of results, in input order.
#[pyclass(module = "abridge", name = "BatchIterator")]
#[derive(Debug)]
pub struct BatchIterator {
    results: Mutex<Option<BatchResults<PyItems, usize>>>,
    shared: Arc<Mutex<Shared>>,
    summarizer: Summarizer,
}

impl BatchIterator {
    pub fn new(
        summarizer: &Summarizer,
        texts: &Bound<'_, PyAny>,
        langs: Option<&Bound<'_, PyAny>>,
        threads: usize,
        window: usize,
    ) -> PyResult<BatchIterator> {
        let items = PyItems::new(summarizer, texts, langs)?;
        let shared = items.shared.clone();
        let results = start(summarizer, items, options(threads, window))?;
        Ok(BatchIterator {
            results: Mutex::new(Some(results)),
            shared,
            summarizer: summarizer.handle(),
        })
    }
}

#[pymethods]
impl BatchIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        // A second thread must not wait for the lock with the GIL held: the
        // first one may need the GIL to read its next item.
        let Ok(mut guard) = self.results.try_lock() else {
            return Err(PyValueError::new_err("the batch iterator is already running"));
        };
        let Some(results) = guard.as_mut() else { return Ok(None) };
        let ready = py.detach(|| results.next().map(prepare));
        let Some(ready) = ready else {
            // Finished: free the threads, then raise what the input raised.
            *guard = None;
            return match lock(&self.shared).error.take() {
                Some(error) => Err(error),
                None => Ok(None),
            };
        };
        let original = lock(&self.shared).originals.pop_front().flatten();
        to_python(py, ready, original, &self.summarizer).map(Some)
    }
}
