//! `Summary`, `Extract` and `Sentence` for Python, with string indices.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::Summarizer;
use crate::settings::{Settings, json_to_python};

/// Byte offsets into UTF-8 text to code point indices, as Python counts.
///
/// ASCII text needs nothing; other text keeps the code point count at the
/// start of every block of [`CharOffsets::BLOCK`] bytes, so a lookup
/// counts at most one block.
#[derive(Debug)]
pub struct CharOffsets<'a> {
    bytes: &'a [u8],
    /// Code points before each block; empty for ASCII text.
    blocks: Vec<usize>,
}

impl<'a> CharOffsets<'a> {
    const BLOCK: usize = 256;

    pub fn new(text: &'a str) -> CharOffsets<'a> {
        let bytes = text.as_bytes();
        let mut blocks = Vec::new();
        if !text.is_ascii() {
            let mut count = 0;
            for block in bytes.chunks(Self::BLOCK) {
                blocks.push(count);
                count += count_chars(block);
            }
        }
        CharOffsets { bytes, blocks }
    }

    /// The code point index of byte offset `byte`, a `char` boundary.
    pub fn char_index(&self, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let block = byte / Self::BLOCK;
        match self.blocks.get(block) {
            Some(&before) => before + count_chars(&self.bytes[block * Self::BLOCK..byte]),
            // `byte` is the end of the text, at a block boundary.
            None => self.blocks.last().copied().unwrap_or(0) + count_chars(self.tail()),
        }
    }

    /// The input's bytes from `start` to `end`, when both are in it.
    pub fn bytes(&self, start: usize, end: usize) -> Option<&[u8]> {
        self.bytes.get(start..end)
    }

    fn tail(&self) -> &[u8] {
        let start = (self.blocks.len().saturating_sub(1)) * Self::BLOCK;
        &self.bytes[start..]
    }
}

/// A string index for `__repr__`: the number, or `None`.
fn index_repr(index: Option<usize>) -> String {
    index.map_or_else(|| "None".to_owned(), |index| index.to_string())
}

/// Code points in `bytes`: every byte that does not continue a sequence.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| (byte & 0xC0) != 0x80).count()
}

/// One chosen sentence of a summary.
#[pyclass(module = "abridge", name = "Extract", frozen, eq)]
#[derive(Clone, Debug, PartialEq)]
pub struct Extract {
    /// Index of the sentence in the text's segmentation.
    #[pyo3(get)]
    pub index: usize,
    /// The sentence, exactly as it stands in the text.
    #[pyo3(get)]
    pub text: String,
    /// String index of its first character in the text summarised:
    /// `text[start:end]` is the sentence. Where the format rewrote the
    /// input, it is the start of the stretch of the input the sentence came
    /// from (a subtitle's cue, an e-mail's body part), or `None` where the
    /// input does not say (HTML, whose text is extracted from the markup).
    #[pyo3(get)]
    pub start: Option<usize>,
    /// String index one past its last character (see `start`).
    #[pyo3(get)]
    pub end: Option<usize>,
    /// UTF-8 byte offsets, as `abridge batch` reports them (for a format
    /// that extracts its text, into the extracted text).
    #[pyo3(get)]
    pub byte_start: usize,
    #[pyo3(get)]
    pub byte_end: usize,
    /// Its score under the scorer used.
    #[pyo3(get)]
    pub score: f64,
}

#[pymethods]
impl Extract {
    fn __repr__(&self) -> String {
        format!(
            "Extract(index={}, start={}, end={}, score={:.4}, text={:?})",
            self.index,
            index_repr(self.start),
            index_repr(self.end),
            self.score,
            self.text
        )
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }

    /// The extract as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("index", self.index)?;
        dict.set_item("text", &self.text)?;
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("score", self.score)?;
        Ok(dict)
    }
}

/// One unit of a text's segmentation, from `abridge.sentences`.
#[pyclass(module = "abridge", name = "Sentence", frozen, eq)]
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    #[pyo3(get)]
    pub index: usize,
    #[pyo3(get)]
    pub text: String,
    #[pyo3(get)]
    pub start: usize,
    #[pyo3(get)]
    pub end: usize,
    /// `prose`, `fragment` (a headline, byline or caption) or `furniture`.
    #[pyo3(get)]
    pub kind: &'static str,
    /// Index of its paragraph.
    #[pyo3(get)]
    pub paragraph: usize,
}

#[pymethods]
impl Sentence {
    fn __repr__(&self) -> String {
        format!(
            "Sentence(index={}, start={}, end={}, kind='{}', paragraph={}, text={:?})",
            self.index, self.start, self.end, self.kind, self.paragraph, self.text
        )
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }
}

/// The summary of one text.
#[pyclass(module = "abridge", name = "Summary", frozen)]
#[derive(Debug)]
pub struct Summary {
    inner: abridge::Summary<'static>,
    extracts: Vec<Extract>,
    /// The text summarised, kept for `explain()` and pickling (a reference,
    /// not a copy).
    text: Py<PyString>,
    summarizer: Summarizer,
}

impl Summary {
    pub fn new(
        inner: abridge::Summary<'static>,
        offsets: &CharOffsets<'_>,
        text: Py<PyString>,
        summarizer: Summarizer,
    ) -> Summary {
        let extracts = extracts(&inner, offsets);
        Summary { inner, extracts, text, summarizer }
    }
}

/// The extracts of `summary` with string indices.
pub fn extracts(summary: &abridge::Summary<'_>, offsets: &CharOffsets<'_>) -> Vec<Extract> {
    summary
        .sentences
        .iter()
        .map(|extract| {
            // The sentence where it stands in the input; where the format
            // rewrote the input, the stretch it came from, when known.
            let stands = offsets.bytes(extract.start, extract.end) == Some(extract.text.as_bytes());
            let span = if stands {
                Some((extract.start, extract.end))
            } else {
                extract.source.map(|source| (source.start, source.end))
            };
            (extract, span)
        })
        .map(|(extract, span)| Extract {
            index: extract.index,
            text: extract.text.clone().into_owned(),
            start: span.map(|(start, _)| offsets.char_index(start)),
            end: span.map(|(_, end)| offsets.char_index(end)),
            byte_start: extract.start,
            byte_end: extract.end,
            score: extract.score,
        })
        .collect()
}

/// A batch result before it meets the interpreter: the summary and its
/// extracts, computed while the batch ran without the GIL.
#[derive(Debug)]
pub struct Prepared {
    pub inner: abridge::Summary<'static>,
    pub extracts: Vec<Extract>,
}

impl Prepared {
    pub fn into_summary(self, text: Py<PyString>, summarizer: Summarizer) -> Summary {
        Summary { inner: self.inner, extracts: self.extracts, text, summarizer }
    }
}

#[pymethods]
impl Summary {
    /// The chosen sentences.
    #[getter]
    fn sentences(&self) -> Vec<Extract> {
        self.extracts.clone()
    }

    /// The chosen sentences' texts.
    #[getter]
    fn texts(&self) -> Vec<String> {
        self.extracts.iter().map(|extract| extract.text.clone()).collect()
    }

    /// The ISO 639-1 code of the language the text was analysed in.
    #[getter]
    fn language(&self) -> &'static str {
        self.inner.language.code()
    }

    /// `given`, `detected` or `fallback`.
    #[getter]
    fn language_source(&self) -> &'static str {
        self.inner.language_source.name()
    }

    /// The input format the text was read as (`text`, `html`, `markdown`,
    /// …: one of `abridge.FORMATS` but `auto`).
    #[getter]
    fn format(&self) -> &'static str {
        self.inner.format.name()
    }

    /// Number of sentences in the text.
    #[getter]
    fn n_sentences(&self) -> usize {
        self.inner.n_sentences
    }

    /// The summarizer's settings.
    #[getter]
    fn settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.summarizer.settings.to_json())
    }

    /// How each chosen sentence's score was made, as `abridge summarize
    /// --explain` prints it.
    fn explain(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).to_cow()?;
        let summarizer = &self.summarizer.inner;
        let inner = &self.inner;
        let settings = &self.summarizer.settings;
        py.detach(|| -> PyResult<String> {
            let precomputed = inner.sentences.iter().all(|extract| extract.explanation.is_some());
            let plain = inner.format == abridge::InputFormat::Text;
            let document =
                (!precomputed && plain).then(|| summarizer.analyzer(inner.language).analyze(&text));
            // A text read in another format is summarised again, in that
            // format and language, with its explanations.
            let again = if !precomputed && !plain {
                let explaining = Settings { explain: true, ..settings.clone() }.build()?;
                let summary = explaining.summarize_input(
                    &text,
                    Some(inner.format),
                    Some(inner.language),
                    &mut abridge::Scratch::new(),
                );
                summary
                    .sentences
                    .into_iter()
                    .filter_map(|extract| Some((extract.index, extract.explanation?)))
                    .collect()
            } else {
                std::collections::HashMap::new()
            };
            let mut out = String::new();
            for extract in &inner.sentences {
                let explanation = match (&extract.explanation, &document) {
                    (Some(explanation), _) => explanation.clone(),
                    (None, Some(document)) => summarizer.explain(document, extract.index),
                    (None, None) => match again.get(&extract.index).cloned() {
                        Some(explanation) => explanation,
                        None => continue,
                    },
                };
                out.push_str(&one_line(&extract.text));
                out.push('\n');
                for line in explanation.to_string().lines() {
                    out.push_str("    ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Ok(out)
        })
    }

    /// The summary as a dict: settings, language, sentences with string
    /// indices and scores.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("settings", self.settings(py)?)?;
        dict.set_item("language", self.language())?;
        dict.set_item("language_source", self.language_source())?;
        dict.set_item("n_sentences", self.n_sentences())?;
        let sentences = PyList::empty(py);
        for extract in &self.extracts {
            sentences.append(extract.to_dict(py)?)?;
        }
        dict.set_item("sentences", sentences)?;
        Ok(dict)
    }

    fn __len__(&self) -> usize {
        self.extracts.len()
    }

    fn __repr__(&self) -> String {
        let texts: Vec<String> =
            self.extracts.iter().map(|extract| format!("{:?}", extract.text)).collect();
        format!(
            "Summary(language='{}', n_sentences={}, sentences=[{}])",
            self.language(),
            self.n_sentences(),
            texts.join(", ")
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, SummaryState)> {
        let py = slf.py();
        let summary = slf.get();
        let restore = py.import("abridge._abridge")?.getattr("_summary_from_state")?;
        let inner = serde_json::to_string(&summary.inner)
            .map_err(|error| PyValueError::new_err(error.to_string()))?;
        let settings = summary.summarizer.settings.to_json().to_string();
        Ok((restore, (settings, inner, summary.text.clone_ref(py))))
    }
}

/// What a pickled `Summary` holds: its summarizer's settings and the
/// library's summary as JSON, and the text.
type SummaryState = (String, String, Py<PyString>);

/// Rebuilds a pickled `Summary`.
#[pyfunction]
pub fn _summary_from_state(
    settings: &str,
    summary: &str,
    text: &Bound<'_, PyString>,
) -> PyResult<Summary> {
    let summarizer = Summarizer::from_settings(Settings::from_json(settings)?)?;
    let inner: abridge::Summary<'_> = serde_json::from_str(summary)
        .map_err(|error| PyValueError::new_err(format!("invalid summary state: {error}")))?;
    let rust_text = text.to_cow()?;
    let offsets = CharOffsets::new(&rust_text);
    Ok(Summary::new(inner.into_owned(), &offsets, text.clone().unbind(), summarizer))
}

/// Runs of white space as single spaces, as the CLI prints a sentence.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
