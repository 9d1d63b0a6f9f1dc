//! `abridge eval`: ROUGE of each scorer against a corpus's references.
//!
//! Bad corpus lines are reported on standard error with their line numbers
//! and skipped; the results cover the good lines, and the exit code is 1
//! when any line was bad.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use abridge::Budget;
use abridge_eval::{
    Bootstrap, Corpus, Interval, LanguagePolicy, Measure, Observer, Report, Settings, System,
    SystemReport, Variant, evaluate_observed,
};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::args::{EvalArgs, EvalFormat};
use crate::{Outcome, report, warn};

/// Bad lines reported one by one before the rest are only counted.
const MAX_BAD_LINES_SHOWN: usize = 20;

#[derive(Serialize)]
struct JsonReport<'a> {
    corpus: &'a str,
    bad_lines: usize,
    #[serde(flatten)]
    report: &'a Report,
}

#[derive(Serialize)]
struct PerDocLine<'a> {
    scorer: &'a str,
    #[serde(flatten)]
    result: &'a abridge_eval::DocResult,
}

pub fn run(args: &EvalArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let systems = System::parse_list(&args.scorer)?;
    let name = args.corpus.display().to_string();
    if args.corpus.is_dir() {
        anyhow::bail!("{name}: is a directory, not a JSONL corpus");
    }
    let corpus = Corpus::open(&args.corpus, args.limit).map_err(|error| match error {
        // The error names the file already.
        abridge_eval::Error::Open { .. } => anyhow::Error::new(error),
        other => anyhow::Error::new(other).context(name.clone()),
    })?;
    for bad in corpus.bad_lines.iter().take(MAX_BAD_LINES_SHOWN) {
        warn(&format!("{name}:{}: {}; line skipped", bad.line, bad.reason));
    }
    if corpus.bad_lines.len() > MAX_BAD_LINES_SHOWN {
        warn(&format!(
            "{name}: {} more bad lines skipped",
            corpus.bad_lines.len() - MAX_BAD_LINES_SHOWN
        ));
    }
    if corpus.entries.is_empty() {
        report(&format!("{name}: no document to evaluate"));
        return Ok(Outcome::Failed);
    }
    let settings = Settings {
        systems,
        budget: args.budget.to_budget(),
        language: LanguagePolicy { default: args.lang, force: args.force_lang },
        tokenizer: args.tokenizer,
        bootstrap: Bootstrap { resamples: args.resamples, ..Bootstrap::default() },
        keep_summaries: args.per_doc.is_some(),
        params: crate::args::nest_params(&args.params).map_err(anyhow::Error::msg)?,
        protocol: args.protocol.to_protocol(),
        queries: !args.no_query,
    };
    let measure = args.protocol.measure;
    let progress = EvalProgress::new(settings.systems.len() * corpus.entries.len());
    let evaluation =
        evaluate_observed(&corpus.entries, &settings, &progress).context("invalid settings")?;
    progress.finish();
    if let Some(warning) = tokenizer_warning(&evaluation, args.tokenizer) {
        warn(&format!("{name}: {warning}"));
    }
    if let Some(path) = &args.per_doc {
        write_per_doc(path, &evaluation)?;
    }
    match args.format {
        EvalFormat::Table => {
            out.write_all(table(&name, &corpus, &evaluation, measure).as_bytes())?;
        }
        EvalFormat::Markdown => out.write_all(markdown(&evaluation, measure).as_bytes())?,
        EvalFormat::Json => {
            let json = JsonReport {
                corpus: &name,
                bad_lines: corpus.bad_lines.len(),
                report: &evaluation,
            };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
    }
    Ok(if corpus.bad_lines.is_empty() { Outcome::Success } else { Outcome::Failed })
}

/// A progress bar on standard error, when it is a terminal and the run is
/// not `--quiet`: documents done over all systems, the system at work, and
/// one line per system as it finishes, so a long evaluation is never silent.
struct EvalProgress {
    bar: Option<ProgressBar>,
}

impl EvalProgress {
    fn new(total: usize) -> EvalProgress {
        use std::io::IsTerminal;
        if crate::is_quiet() || !std::io::stderr().is_terminal() {
            return EvalProgress { bar: None };
        }
        let style = ProgressStyle::with_template(
            "{spinner} {msg:>12} [{bar:30}] {pos}/{len} summaries ({per_sec}, {eta} left)",
        )
        .map_or_else(|_| ProgressStyle::default_bar(), |style| style.progress_chars("=> "));
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
            .with_style(style);
        EvalProgress { bar: Some(bar) }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for EvalProgress {
    fn system_started(&self, system: System, _docs: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message(system.name());
        }
    }

    fn document_done(&self, _system: System) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn system_done(&self, report: &SystemReport) {
        if let Some(bar) = &self.bar {
            bar.println(format!(
                "abridge: {}: ROUGE-1 F1 {}, {} documents in {:.1} s",
                report.scorer,
                percent(report.rouge1.f),
                report.docs,
                report.seconds
            ));
        }
    }
}

/// The warning for a corpus not in English scored with the default
/// tokenizer, which keeps only the letters a to z: "café" becomes "caf",
/// and a Russian summary has no token at all.
fn tokenizer_warning(evaluation: &Report, tokenizer: abridge_eval::Tokenizer) -> Option<String> {
    if tokenizer != abridge_eval::Tokenizer::Default {
        return None;
    }
    let others: Vec<_> = evaluation
        .languages
        .iter()
        .filter(|count| count.language != abridge::Language::English)
        .collect();
    if others.is_empty() {
        return None;
    }
    let n_other: usize = others.iter().map(|count| count.docs).sum();
    let n_docs: usize = evaluation.languages.iter().map(|count| count.docs).sum();
    let others: Vec<String> =
        others.iter().map(|count| format!("{} {}", count.language.code(), count.docs)).collect();
    Some(format!(
        "{n_other} of {n_docs} documents are not in English ({}), but the default ROUGE tokenizer (rouge-score's) keeps only the letters a to z; use --tokenizer unicode (or --tokenizer character for Chinese, Japanese or Thai)",
        others.join(", ")
    ))
}

fn write_per_doc(path: &Path, evaluation: &Report) -> anyhow::Result<()> {
    let name = path.display();
    let file = std::fs::File::create(path).with_context(|| format!("{name}: cannot create"))?;
    let mut writer = std::io::BufWriter::new(file);
    for system in &evaluation.results {
        for result in &system.per_doc {
            serde_json::to_writer(&mut writer, &PerDocLine { scorer: &system.scorer, result })
                .with_context(|| format!("{name}: cannot write"))?;
            writer.write_all(b"\n").with_context(|| format!("{name}: cannot write"))?;
        }
    }
    writer.flush().with_context(|| format!("{name}: cannot write"))
}

/// A budget for people: `3 sentences`, `ratio 0.4`.
pub fn describe_budget(budget: Budget) -> String {
    match budget {
        Budget::Sentences(1) => "1 sentence".to_owned(),
        Budget::Sentences(n) => format!("{n} sentences"),
        Budget::Words(n) => format!("{n} words"),
        Budget::Chars(n) => format!("{n} characters"),
        Budget::Ratio(ratio) => format!("ratio {ratio}"),
    }
}

fn percent(value: f64) -> String {
    format!("{:.2}", value * 100.0)
}

fn cell_with_interval(
    value: f64,
    interval: Interval,
    open: &str,
    separator: &str,
    close: &str,
) -> String {
    format!(
        "{}{open}{}{separator}{}{close}",
        percent(value),
        percent(interval.low),
        percent(interval.high)
    )
}

/// What the protocol adds to a table's caption: `, clusters of `docs`,
/// first 100 words (ROUGE-1.5.5 -l 100)`.
fn describe_protocol(evaluation: &Report) -> String {
    let mut text = String::new();
    if evaluation.protocol.cluster {
        text.push_str(", clusters of `docs`");
    }
    if let Some(truncation) = evaluation.protocol.truncation {
        let _ = write!(text, ", {}", truncation.describe());
    }
    text
}

fn table(name: &str, corpus: &Corpus, evaluation: &Report, measure: Measure) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{name}: {} documents{}, budget {}",
        evaluation.docs,
        if corpus.bad_lines.is_empty() {
            String::new()
        } else {
            format!(" ({} bad lines skipped)", corpus.bad_lines.len())
        },
        describe_budget(evaluation.budget)
    );
    let _ = writeln!(text, "languages: {}", describe_languages(evaluation));
    let _ = writeln!(
        text,
        "ROUGE {} × 100 (tokenizer {}{}), mean [{:.0}% bootstrap interval, {} resamples]\n",
        measure.label(),
        evaluation.tokenizer.describe(),
        describe_protocol(evaluation),
        evaluation.bootstrap.confidence * 100.0,
        evaluation.bootstrap.resamples
    );
    let rows: Vec<Vec<String>> = evaluation
        .results
        .iter()
        .map(|system| {
            let mut row = vec![system.scorer.clone(), system.docs.to_string()];
            row.extend(Variant::ALL.iter().map(|&variant| {
                let (value, interval) = measure.of(system.get(variant));
                cell_with_interval(value, interval, " [", ", ", "]")
            }));
            row.push(format!("{:.0}", system.docs_per_s));
            row
        })
        .collect();
    let mut header = vec!["scorer".to_owned(), "docs".to_owned()];
    header.extend(Variant::ALL.iter().map(|variant| variant.label().to_owned()));
    header.push("docs/s".to_owned());
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            rows.iter().chain([&header]).map(|row| row[column].chars().count()).max().unwrap_or(0)
        })
        .collect();
    for row in [&header].into_iter().chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                if column == 0 {
                    format!("{cell:<width$}", width = widths[column])
                } else {
                    format!("{cell:>width$}", width = widths[column])
                }
            })
            .collect();
        let _ = writeln!(text, "{}", cells.join("  ").trim_end());
    }
    text
}

/// The languages the documents were analysed in: `fr 998 (given), en 2
/// (detected)`.
fn describe_languages(evaluation: &Report) -> String {
    let counts: Vec<String> = evaluation
        .languages
        .iter()
        .map(|count| format!("{} {} ({})", count.language.code(), count.docs, count.source.name()))
        .collect();
    if counts.is_empty() { "none".to_owned() } else { counts.join(", ") }
}

/// The results as a Markdown table: F1 × 100 with the interval, per
/// variant, and a line naming the tokenizer.
fn markdown(evaluation: &Report, measure: Measure) -> String {
    let mut text = String::from("| scorer | docs |");
    for variant in Variant::ALL {
        let _ = write!(text, " {} |", variant.label());
    }
    text.push_str(" docs/s |\n|---|---:|");
    text.push_str(&"---:|".repeat(Variant::ALL.len()));
    text.push_str("---:|\n");
    for system in &evaluation.results {
        text.push_str(&markdown_row(system, measure));
    }
    let _ = writeln!(
        text,
        "\nROUGE {} × 100, tokenizer `{}` ({}){}; languages: {}.",
        measure.label(),
        evaluation.tokenizer.profile(),
        if evaluation.tokenizer.stems() { "Porter stemmer" } else { "no stemming" },
        describe_protocol(evaluation),
        describe_languages(evaluation)
    );
    text
}

fn markdown_row(system: &SystemReport, measure: Measure) -> String {
    let mut row = format!("| {} | {} |", system.scorer, system.docs);
    for variant in Variant::ALL {
        let (value, interval) = measure.of(system.get(variant));
        let _ = write!(row, " {} |", cell_with_interval(value, interval, " (", "–", ")"));
    }
    let _ = writeln!(row, " {:.0} |", system.docs_per_s);
    row
}
