//! `cargo xtask langid`: how often language detection names the corpus
//! language.
//!
//! For every document of each corpus of [`CORPORA`], it compares the
//! record's `lang` with
//!
//! - `Language::detect` (whatlang on the first KiB), and
//! - what `--lang auto` uses: the detection, or English when whatlang's
//!   confidence is below `MIN_DETECTION_CONFIDENCE`.
//!
//! and prints a Markdown table; `cargo xtask eval` puts the same table in
//! `docs/results.md`. It fails when a non-English corpus is below
//! [`MIN_ACCURACY`] with either.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use abridge::{Language, LanguageChoice};
use anyhow::{Context, bail};

use crate::util;

/// The corpora whose documents are checked.
pub const CORPORA: &[&str] = &[
    "orangesum",
    "sueddeutsche_de",
    "temario",
    "cstnews_sds",
    "cnndm_test",
    "bbc_news_summary",
    "xsum_humaneval",
];

/// The share of documents detection must get right on the non-English
/// corpora (issue 7).
pub const MIN_ACCURACY: f64 = 0.98;

/// Detection figures of one corpus.
pub struct Figures {
    pub corpus: &'static str,
    pub language: Language,
    pub docs: usize,
    /// `Language::detect` named the corpus language.
    pub detected: usize,
    /// `--lang auto` chose the corpus language.
    pub auto: usize,
    /// What the misses were, with counts (`none` when detection gave up).
    pub misses: BTreeMap<String, usize>,
}

impl Figures {
    pub fn detect_share(&self) -> f64 {
        self.detected as f64 / self.docs.max(1) as f64
    }

    pub fn auto_share(&self) -> f64 {
        self.auto as f64 / self.docs.max(1) as f64
    }
}

pub fn run() -> anyhow::Result<()> {
    let corpora =
        util::corpora_dir().context("no corpora: set ABRIDGE_CORPORA or add ../shared/corpora")?;
    let figures = measure(&corpora)?;
    #[allow(clippy::print_stdout)]
    {
        print!("{}", table(&figures));
    }
    let problems = problems(&figures);
    if !problems.is_empty() {
        bail!("language detection misses the acceptance figure:\n  {}", problems.join("\n  "));
    }
    util::note("langid: detection meets the acceptance figure on every non-English corpus");
    Ok(())
}

/// Detection on every corpus of [`CORPORA`] found in `corpora`.
pub fn measure(corpora: &Path) -> anyhow::Result<Vec<Figures>> {
    CORPORA
        .iter()
        .map(|&name| {
            let path = corpora.join(name).join(format!("{name}.jsonl"));
            corpus_figures(name, &path)
        })
        .collect()
}

fn corpus_figures(corpus: &'static str, path: &Path) -> anyhow::Result<Figures> {
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut figures = Figures {
        corpus,
        language: Language::English,
        docs: 0,
        detected: 0,
        auto: 0,
        misses: BTreeMap::new(),
    };
    for (line_idx, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: cannot read", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: invalid JSON", path.display(), line_idx + 1))?;
        let text = record["text"].as_str().unwrap_or_default();
        let expected = record["lang"]
            .as_str()
            .and_then(Language::from_code_or_name)
            .with_context(|| format!("{}:{}: no known `lang`", path.display(), line_idx + 1))?;
        figures.language = expected;
        figures.docs += 1;
        let detected = Language::detect(text).map(|detection| detection.language);
        if detected == Some(expected) {
            figures.detected += 1;
        } else {
            let name =
                detected.map_or_else(|| "none".to_owned(), |language| language.code().to_owned());
            *figures.misses.entry(name).or_default() += 1;
        }
        if LanguageChoice::Auto.resolve(text).0 == expected {
            figures.auto += 1;
        }
    }
    Ok(figures)
}

/// The Markdown table of `figures`.
pub fn table(figures: &[Figures]) -> String {
    let mut text = String::from(
        "| corpus | language | docs | `Language::detect` right | `--lang auto` right | misses |\n|---|---|---:|---:|---:|---|\n",
    );
    for figure in figures {
        let misses: Vec<String> =
            figure.misses.iter().map(|(language, count)| format!("{language} × {count}")).collect();
        text.push_str(&format!(
            "| {} | {} | {} | {:.1}% | {:.1}% | {} |\n",
            figure.corpus,
            figure.language.code(),
            figure.docs,
            figure.detect_share() * 100.0,
            figure.auto_share() * 100.0,
            if misses.is_empty() { "none".to_owned() } else { misses.join(", ") },
        ));
    }
    text
}

/// The non-English corpora below [`MIN_ACCURACY`].
pub fn problems(figures: &[Figures]) -> Vec<String> {
    figures
        .iter()
        .filter(|figure| figure.language != Language::English)
        .filter(|figure| figure.detect_share().min(figure.auto_share()) < MIN_ACCURACY)
        .map(|figure| {
            format!(
                "{}: detection right on {:.1}% (--lang auto {:.1}%), below {:.0}%",
                figure.corpus,
                figure.detect_share() * 100.0,
                figure.auto_share() * 100.0,
                MIN_ACCURACY * 100.0
            )
        })
        .collect()
}
