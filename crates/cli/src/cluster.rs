//! `abridge summarize --cluster FILE…|FOLDER`: one summary of several
//! documents.
//!
//! Each argument is a file, or a folder whose files (not those of its
//! subfolders, nor hidden ones) are read in name order. A file that cannot
//! be read or looks binary is reported and left out; the run fails when no
//! document is left. Each document's id is its path as given.

use std::io::Write;
use std::path::{Path, PathBuf};

use abridge::{ClusterDocument, Summary};
use anyhow::Context;
use serde::Serialize;

use crate::args::{Format, SummarizeArgs};
use crate::input::Input;
use crate::{Outcome, one_line, report, warn};

/// The JSON output: the documents, then the summary, whose sentences carry
/// `doc` (an index into `docs`) and `doc_id`.
#[derive(Serialize)]
struct JsonCluster<'a> {
    input: &'static str,
    docs: Vec<JsonDoc<'a>>,
    #[serde(flatten)]
    summary: &'a Summary<'a>,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: &'a str,
    bytes: usize,
}

/// The files the arguments name: files as given, folders' files in name order.
fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let name = path.display();
        let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("{name}: cannot read folder"))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.is_file() && !is_hidden(path))
            .collect();
        inside.sort();
        if inside.is_empty() {
            warn(&format!("{name}: no file in this folder"));
        }
        files.extend(inside);
    }
    Ok(files)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.starts_with('.'))
}

pub fn run(args: &SummarizeArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let summarizer = crate::summarize::summarizer(args)?;
    let mut failed = false;
    let mut inputs: Vec<Input> = Vec::new();
    for path in expand(&args.cluster)? {
        match Input::read(Some(&path)) {
            Err(error) => {
                report(&format!("{error:#}; left out of the cluster"));
                failed = true;
            }
            Ok(input) => match input.binary.filter(|_| !args.input.text) {
                Some(binary) => {
                    report(&format!("{}: {binary}; left out of the cluster", input.name));
                    failed = true;
                }
                None => {
                    if let Some(warning) = input.warning() {
                        warn(&warning);
                    }
                    inputs.push(input);
                }
            },
        }
    }
    if inputs.is_empty() {
        report("--cluster: no document to summarise");
        return Ok(Outcome::Failed);
    }
    let documents: Vec<ClusterDocument<'_>> = inputs
        .iter()
        .map(|input| ClusterDocument::new(&input.text).with_id(input.name.as_str()))
        .collect();
    let summary = summarizer.summarize_cluster(&documents);
    if !summary.language.has_stemmer() {
        warn(&format!(
            "cluster: no stemmer for {}; words are compared unstemmed",
            summary.language.name()
        ));
    }
    match args.format {
        Format::Text => {
            for extract in &summary.sentences {
                writeln!(out, "{}", one_line(&extract.text))?;
                if let Some(explanation) = &extract.explanation {
                    for line in explanation.to_string().lines() {
                        writeln!(out, "    {line}")?;
                    }
                }
            }
        }
        Format::Json => {
            let docs = inputs
                .iter()
                .map(|input| JsonDoc { id: &input.name, bytes: input.text.len() })
                .collect();
            let json = JsonCluster { input: "<cluster>", docs, summary: &summary };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
    }
    if let Some(reason) = summary.empty_reason {
        report(&format!("cluster: {}", reason.message()));
        failed = true;
    }
    Ok(if failed { Outcome::Failed } else { Outcome::Success })
}
