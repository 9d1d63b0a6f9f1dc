//! `cargo xtask tune [--limit N]`: fits the few weights of `tfidf-position`
//! on the dev corpora by leave-one-corpus-out cross-validation.
//!
//! The dev corpora are those of `cargo xtask eval` ([`crate::eval::SUITE`]),
//! each with its budget and ROUGE tokenizer. On each, every built-in
//! strategy runs once (`--scorer all`), which gives Lead and the best
//! single strategy there; then every setting of [`GRID`] runs as
//! `abridge eval --scorer tfidf-position --param …` (release build).
//!
//! A setting's *slack* on a corpus is the smaller of its ROUGE-1 above
//! (best strategy − 1), its ROUGE-1 above Lead and its ROUGE-2 above Lead:
//! positive where the acceptance holds. On a set of corpora, a
//! setting scores its worst slack, ties broken by its mean ROUGE-1 regret
//! to the best strategies, so the winner is the one that is good
//! everywhere, not the one that wins big on one corpus.
//!
//! For each corpus the setting that scores best on the *other* corpora is
//! chosen, and its figure on the held-out corpus is reported: that is the
//! figure to trust. The setting chosen on all corpora is what the code
//! ships (DESIGN.md records it). Everything goes to `docs/tuning.md`.
//! `--limit N` scores only the first N documents of each corpus, for quick
//! iteration; the report says so.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::eval::{Corpus, SUITE};
use crate::util;

/// One parameter of `tfidf-position` and the values the grid tries.
struct Axis {
    param: &'static str,
    values: &'static [f64],
}

/// The grid: every combination of these values.
const GRID: &[Axis] = &[
    Axis { param: "position_weight", values: &[0.3, 0.4] },
    Axis { param: "lead_center", values: &[-0.1, 0.1] },
    Axis { param: "budget_power", values: &[6.0, 30.0] },
    Axis { param: "length_slope", values: &[0.0, 1.0, 2.0] },
    Axis { param: "length_power", values: &[0.0, 0.25] },
];

/// ROUGE-1 and ROUGE-2 F1 (× 100).
#[derive(Clone, Copy, Debug)]
struct Figures {
    r1: f64,
    r2: f64,
}

/// What a corpus's setting is measured against.
struct Baseline {
    lead: Figures,
    /// The best strategy other than the default, and its figures.
    best: (String, Figures),
    /// The default as the binary shipped it when the tune ran.
    default: Figures,
    docs: u64,
}

impl Baseline {
    fn slack(&self, ours: Figures) -> f64 {
        (ours.r1 - (self.best.1.r1 - 1.0)).min(ours.r1 - self.lead.r1).min(ours.r2 - self.lead.r2)
    }

    fn regret(&self, ours: Figures) -> f64 {
        ours.r1 - self.best.1.r1
    }
}

/// The arguments of `abridge eval` for `corpus`, as `cargo xtask eval` runs it.
fn eval_args(corpus: &Corpus, path: &str, limit: Option<usize>) -> Vec<String> {
    let mut args: Vec<String> = ["eval", "--corpus", path, "--format", "json", "--resamples", "0"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    args.extend(corpus.budget.iter().map(|s| (*s).to_owned()));
    if corpus.language.is_some() {
        args.extend(["--tokenizer".to_owned(), "unicode".to_owned()]);
    }
    if let Some(limit) = limit {
        args.extend(["--limit".to_owned(), limit.to_string()]);
    }
    args
}

fn run_eval(binary: &Path, args: &[String], extra: &[String]) -> anyhow::Result<Value> {
    let all: Vec<&str> = args.iter().chain(extra).map(String::as_str).collect();
    let output = util::run_abridge(binary, &all, None)?;
    serde_json::from_str(&output).context("abridge eval did not print JSON")
}

fn figures(row: &Value) -> anyhow::Result<Figures> {
    let f = |variant: &str| {
        row[variant]["f"].as_f64().map(|f| 100.0 * f).context("no F1 in the report")
    };
    Ok(Figures { r1: f("rouge1")?, r2: f("rouge2")? })
}

fn baseline(json: &Value) -> anyhow::Result<Baseline> {
    let rows = json["results"].as_array().context("no results")?;
    let row = |name: &str| rows.iter().find(|row| row["scorer"] == name);
    let lead = figures(row("lead").context("no lead row")?)?;
    let default = figures(row("tfidf-position").context("no tfidf-position row")?)?;
    let mut best: Option<(String, Figures)> = None;
    for row in rows {
        let name = row["scorer"].as_str().unwrap_or_default();
        if name == "tfidf-position" || name == "oracle" {
            continue;
        }
        let ours = figures(row)?;
        if best.as_ref().is_none_or(|(_, b)| ours.r1 > b.r1) {
            best = Some((name.to_owned(), ours));
        }
    }
    Ok(Baseline {
        lead,
        best: best.context("no strategy besides the default")?,
        default,
        docs: json["docs"].as_u64().unwrap_or(0),
    })
}

/// Every combination of the grid's values, as `(param, value)` lists.
fn settings() -> Vec<Vec<(&'static str, f64)>> {
    let mut settings = vec![Vec::new()];
    for axis in GRID {
        settings = settings
            .into_iter()
            .flat_map(|setting| {
                axis.values.iter().map(move |&value| {
                    let mut setting = setting.clone();
                    setting.push((axis.param, value));
                    setting
                })
            })
            .collect();
    }
    settings
}

fn shown(setting: &[(&str, f64)]) -> String {
    setting.iter().map(|(_, value)| value.to_string()).collect::<Vec<_>>().join(" / ")
}

/// The objective of `setting_idx` on the corpora `on`: worst slack, then
/// mean regret.
fn objective(
    grid: &[Vec<Figures>],
    baselines: &[Baseline],
    setting_idx: usize,
    on: &[usize],
) -> (f64, f64) {
    let slack =
        on.iter().map(|&c| baselines[c].slack(grid[setting_idx][c])).fold(f64::INFINITY, f64::min);
    let regret = on.iter().map(|&c| baselines[c].regret(grid[setting_idx][c])).sum::<f64>()
        / on.len().max(1) as f64;
    (slack, regret)
}

/// The setting that scores best on the corpora `on`.
fn best_setting(grid: &[Vec<Figures>], baselines: &[Baseline], on: &[usize]) -> usize {
    (0..grid.len())
        .max_by(|&a, &b| {
            let (sa, ra) = objective(grid, baselines, a, on);
            let (sb, rb) = objective(grid, baselines, b, on);
            sa.total_cmp(&sb).then(ra.total_cmp(&rb)).then(b.cmp(&a))
        })
        .unwrap_or(0)
}

fn parse_limit(args: &[String]) -> anyhow::Result<Option<usize>> {
    match args {
        [] => Ok(None),
        [flag, n] if flag == "--limit" => {
            Ok(Some(n.parse().with_context(|| format!("--limit {n}: not a number"))?))
        }
        _ => bail!("usage: cargo xtask tune [--limit N]"),
    }
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let limit = parse_limit(args)?;
    let corpora =
        util::corpora_dir().context("no corpora: set ABRIDGE_CORPORA or add ../shared/corpora")?;
    let binary = util::release_binary()?;
    let mut corpus_args = Vec::new();
    for corpus in SUITE {
        let path = corpora.join(corpus.name).join(format!("{}.jsonl", corpus.name));
        if !path.is_file() {
            bail!("{}: no such dev corpus", path.display());
        }
        let path = path.to_str().context("corpus path is not UTF-8")?.to_owned();
        corpus_args.push(eval_args(corpus, &path, limit));
    }

    let mut baselines = Vec::new();
    for (corpus, args) in SUITE.iter().zip(&corpus_args) {
        util::note(&format!("tune: every strategy on {}", corpus.name));
        let json = run_eval(&binary, args, &["--scorer".to_owned(), "all".to_owned()])?;
        baselines.push(baseline(&json)?);
    }

    let settings = settings();
    let mut grid: Vec<Vec<Figures>> = Vec::with_capacity(settings.len());
    for (setting_idx, setting) in settings.iter().enumerate() {
        let mut extra = vec!["--scorer".to_owned(), "tfidf-position".to_owned()];
        for (param, value) in setting {
            extra.extend(["--param".to_owned(), format!("{param}={value}")]);
        }
        let row = corpus_args
            .iter()
            .map(|args| figures(&run_eval(&binary, args, &extra)?["results"][0]))
            .collect::<anyhow::Result<Vec<_>>>()?;
        grid.push(row);
        let everywhere: Vec<usize> = (0..SUITE.len()).collect();
        let (slack, regret) = objective(&grid, &baselines, setting_idx, &everywhere);
        util::note(&format!(
            "tune: {}/{} {}: worst slack {slack:.2}, mean regret {regret:.2}",
            setting_idx + 1,
            settings.len(),
            shown(setting)
        ));
    }

    let everywhere: Vec<usize> = (0..SUITE.len()).collect();
    let chosen = best_setting(&grid, &baselines, &everywhere);
    let held_out: Vec<usize> = (0..SUITE.len())
        .map(|c| {
            let others: Vec<usize> = everywhere.iter().copied().filter(|&o| o != c).collect();
            best_setting(&grid, &baselines, &others)
        })
        .collect();

    let report = report(limit, &settings, &grid, &baselines, chosen, &held_out)?;
    let path = util::root().join("docs/tuning.md");
    std::fs::write(&path, report).with_context(|| format!("{}: cannot write", path.display()))?;
    util::note(&format!(
        "tune: chosen on every corpus: {} ({}); report in {}",
        shown(&settings[chosen]),
        GRID.iter().map(|axis| axis.param).collect::<Vec<_>>().join(" / "),
        path.display()
    ));
    Ok(())
}

fn report(
    limit: Option<usize>,
    settings: &[Vec<(&str, f64)>],
    grid: &[Vec<Figures>],
    baselines: &[Baseline],
    chosen: usize,
    held_out: &[usize],
) -> anyhow::Result<String> {
    let axes = GRID.iter().map(|axis| axis.param).collect::<Vec<_>>().join(" / ");
    let mut out = String::new();
    writeln!(out, "# Tuning tfidf-position")?;
    writeln!(out)?;
    writeln!(out, "Written by `cargo xtask tune` (see `xtask/src/tune.rs`); do not edit by hand.")?;
    match limit {
        Some(n) => writeln!(
            out,
            "**Quick run: only the first {n} documents of each corpus** (`--limit {n}`)."
        )?,
        None => writeln!(out, "Every document of every dev corpus.")?,
    }
    writeln!(
        out,
        "Each setting is `abridge eval --scorer tfidf-position --param …` with the budget and ROUGE tokenizer of `cargo xtask eval`; the grid is every combination of {}.",
        GRID.iter()
            .map(|axis| format!(
                "`{}` in {{{}}}",
                axis.param,
                axis.values.iter().map(f64::to_string).collect::<Vec<_>>().join(", ")
            ))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(
        out,
        "A setting's slack on a corpus is the smallest of its ROUGE-1 above (best strategy − 1), its ROUGE-1 above Lead and its ROUGE-2 above Lead (F1 × 100); on a set of corpora it scores its worst slack, ties broken by its mean ROUGE-1 regret to the best strategies."
    )?;
    writeln!(out)?;
    writeln!(out, "## Leave one corpus out")?;
    writeln!(out)?;
    writeln!(
        out,
        "For each corpus, the setting chosen on the other corpora alone, and its figures on the corpus it never saw."
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| held out | docs | setting ({axes}) | R-1 | R-2 | default when tuned R-1 | Lead R-1 | Lead R-2 | best strategy | best R-1 | R-1 − best |"
    )?;
    writeln!(out, "|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|")?;
    for (c, corpus) in SUITE.iter().enumerate() {
        let base = &baselines[c];
        let ours = grid[held_out[c]][c];
        writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {:.2} | {:+.2} |",
            corpus.name,
            base.docs,
            shown(&settings[held_out[c]]),
            ours.r1,
            ours.r2,
            base.default.r1,
            base.lead.r1,
            base.lead.r2,
            base.best.0,
            base.best.1.r1,
            ours.r1 - base.best.1.r1
        )?;
    }
    writeln!(out)?;
    writeln!(out, "## Chosen on every corpus")?;
    writeln!(out)?;
    writeln!(
        out,
        "`{}` ({axes}): the weights the code ships, with their (in-sample) figures.",
        shown(&settings[chosen])
    )?;
    writeln!(out)?;
    writeln!(out, "| corpus | R-1 | R-2 | slack |")?;
    writeln!(out, "|---|---:|---:|---:|")?;
    for (c, corpus) in SUITE.iter().enumerate() {
        let ours = grid[chosen][c];
        writeln!(
            out,
            "| {} | {:.2} | {:.2} | {:+.2} |",
            corpus.name,
            ours.r1,
            ours.r2,
            baselines[c].slack(ours)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "## Every setting")?;
    writeln!(out)?;
    writeln!(out, "ROUGE-1 F1 × 100 per corpus; sorted by the objective on every corpus.")?;
    writeln!(out)?;
    write!(out, "| {axes} | worst slack | mean regret |")?;
    for corpus in SUITE {
        write!(out, " {} |", corpus.name)?;
    }
    writeln!(out)?;
    writeln!(out, "|---|---:|---:|{}", "---:|".repeat(SUITE.len()))?;
    let everywhere: Vec<usize> = (0..SUITE.len()).collect();
    let mut order: Vec<usize> = (0..settings.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, ra) = objective(grid, baselines, a, &everywhere);
        let (sb, rb) = objective(grid, baselines, b, &everywhere);
        sb.total_cmp(&sa).then(rb.total_cmp(&ra))
    });
    for setting_idx in order {
        let (slack, regret) = objective(grid, baselines, setting_idx, &everywhere);
        write!(out, "| {} | {slack:+.2} | {regret:+.2} |", shown(&settings[setting_idx]))?;
        for figures in &grid[setting_idx] {
            write!(out, " {:.2} |", figures.r1)?;
        }
        writeln!(out)?;
    }
    Ok(out)
}
