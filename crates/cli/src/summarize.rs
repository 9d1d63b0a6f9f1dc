//! `abridge summarize`.

use std::io::Write;

use abridge::{Summarizer, Summary};
use anyhow::Context;
use serde::Serialize;

use crate::args::{Format, SummarizeArgs};
use crate::input::Input;
use crate::{Outcome, one_line, report, warn};

#[derive(Serialize)]
struct JsonSummary<'a> {
    input: &'a str,
    #[serde(flatten)]
    summary: &'a Summary<'a>,
}

pub fn run(args: &SummarizeArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let params = args.summary.params_map().map_err(anyhow::Error::msg)?;
    let summarizer = Summarizer::builder()
        .explain(args.explain)
        .scorer_params(params)
        .build_from(args.summary.to_config())
        .context("invalid settings")?;
    let Some(input) = Input::read_text(&args.input)? else {
        return Ok(Outcome::Failed);
    };
    let format = input.format(&args.input);
    let summary = summarizer.summarize_as(&input.text, format);
    if summary.unanalysed_bytes > 0 {
        warn(&format!(
            "{}: only the first {} bytes of {} are summarised (the most one document may have)",
            input.name,
            input.text.len() - summary.unanalysed_bytes,
            input.text.len()
        ));
    }
    if !summary.language.has_stemmer() {
        warn(&format!(
            "{}: no stemmer for {}; words are compared unstemmed",
            input.name,
            summary.language.name()
        ));
    }
    match args.format {
        Format::Text => {
            for extract in &summary.sentences {
                writeln!(out, "{}", one_line(extract.shown.as_deref().unwrap_or(&extract.text)))?;
                if let Some(explanation) = &extract.explanation {
                    for line in explanation.to_string().lines() {
                        writeln!(out, "    {line}")?;
                    }
                }
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(
                &mut *out,
                &JsonSummary { input: &input.name, summary: &summary },
            )?;
            writeln!(out)?;
        }
    }
    match summary.empty_reason {
        None => Ok(Outcome::Success),
        Some(reason) => {
            report(&format!("{}: {}", input.name, reason.message()));
            Ok(Outcome::Failed)
        }
    }
}
