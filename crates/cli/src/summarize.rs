//! `abridge summarize`.

use std::io::Write;

use abridge::{Summarizer, Summary};
use anyhow::Context;
use serde::Serialize;

use crate::args::{Format, SummarizeArgs};
use crate::input::Input;
use crate::{Outcome, report, warn};

/// The JSON output: the input's name, then the summary, whose `settings`
/// say which of them came from the config file (`from_config`).
#[derive(Serialize)]
struct JsonSummary<'a> {
    input: &'a str,
    settings: JsonSettings<'a>,
    language: abridge::Language,
    language_source: abridge::LanguageSource,
    format: abridge::InputFormat,
    #[serde(skip_serializing_if = "abridge::Metadata::is_empty")]
    metadata: &'a abridge::Metadata,
    n_sentences: usize,
    sentences: &'a [abridge::Extract<'a>],
    #[serde(skip_serializing_if = "Option::is_none")]
    empty_reason: Option<abridge::EmptyReason>,
    #[serde(skip_serializing_if = "is_zero")]
    unanalysed_bytes: usize,
}

#[derive(Serialize)]
struct JsonSettings<'a> {
    #[serde(flatten)]
    config: &'a abridge::SummarizerConfig,
    /// The config file, when one was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    config_file: Option<String>,
    /// The keys above that the config file set.
    #[serde(skip_serializing_if = "Option::is_none")]
    from_config: Option<Vec<&'static str>>,
}

fn is_zero(bytes: &usize) -> bool {
    *bytes == 0
}

impl<'a> JsonSummary<'a> {
    fn new(input: &'a str, summary: &'a Summary<'a>) -> JsonSummary<'a> {
        let from_config = crate::config::from_config();
        JsonSummary {
            input,
            settings: JsonSettings {
                config: &summary.settings,
                config_file: from_config.map(|from| from.path.display().to_string()),
                from_config: from_config.map(crate::config::FromConfig::settings),
            },
            language: summary.language,
            language_source: summary.language_source,
            format: summary.format,
            metadata: &summary.metadata,
            n_sentences: summary.n_sentences,
            sentences: &summary.sentences,
            empty_reason: summary.empty_reason,
            unanalysed_bytes: summary.unanalysed_bytes,
        }
    }
}

/// The summarizer the flags of `summarize` describe.
pub fn summarizer(args: &SummarizeArgs) -> anyhow::Result<Summarizer> {
    let params = args.summary.params_map().map_err(anyhow::Error::msg)?;
    Ok(Summarizer::builder()
        .explain(args.explain)
        .scorer_params(params)
        .build_from(args.summary.to_config())
        .context("invalid settings")?
        .with_query(args.summary.query.as_deref()))
}

pub fn run(args: &SummarizeArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    if !args.cluster.is_empty() {
        return crate::cluster::run(args, out);
    }
    let summarizer = summarizer(args)?;
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
                writeln!(out, "{}", extract.one_line())?;
                for explanation in [&extract.explanation, &extract.selection].into_iter().flatten()
                {
                    for line in explanation.to_string().lines() {
                        writeln!(out, "    {line}")?;
                    }
                }
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &JsonSummary::new(&input.name, &summary))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a config file, the JSON is the summary's own, with `input`
    /// first: no field of [`Summary`] is left out.
    #[test]
    fn json_keeps_every_field_of_the_summary() {
        #[derive(Serialize)]
        struct Plain<'a> {
            input: &'a str,
            #[serde(flatten)]
            summary: &'a Summary<'a>,
        }
        let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the wall. Repairs take a week.";
        let summarizer = Summarizer::builder().sentences(2).explain(true).build().unwrap();
        let summary = summarizer.summarize(text);
        let ours = serde_json::to_value(JsonSummary::new("x", &summary)).unwrap();
        let plain = serde_json::to_value(Plain { input: "x", summary: &summary }).unwrap();
        assert_eq!(ours, plain);
        let empty = summarizer.summarize("  ");
        let ours = serde_json::to_value(JsonSummary::new("x", &empty)).unwrap();
        let plain = serde_json::to_value(Plain { input: "x", summary: &empty }).unwrap();
        assert_eq!(ours, plain);
        assert_eq!(ours["empty_reason"], "empty_input");
    }
}
