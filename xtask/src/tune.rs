//! `cargo xtask tune`: a grid search of `tfidf-position`'s weights on the
//! dev corpora, and nothing else.
//!
//! The dev corpora are cnndm_test (3 sentences: short summaries of news,
//! where the lead is strong) and bbc_news_summary (ratio 0.4: long
//! extractive summaries that favour central sentences). Every setting is
//! run with `abridge eval --scorer tfidf-position --param …` (release
//! build) next to `lead`. A setting scores the *smaller* of its two gains
//! over Lead in ROUGE-1 + ROUGE-2, so the winner is the one that beats the
//! baseline on both kinds of news, not the one that wins big on one.
//!
//! The table of every setting goes to `docs/tuning.md`; DESIGN.md records
//! the defaults chosen from it.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::util;

/// A dev corpus and its budget.
struct Dev {
    name: &'static str,
    budget: &'static [&'static str],
}

const DEV: &[Dev] = &[
    Dev { name: "cnndm_test", budget: &["-n", "3"] },
    Dev { name: "bbc_news_summary", budget: &["--ratio", "0.4"] },
];

const POSITION_WEIGHT: &[f64] = &[0.5, 0.6, 0.65, 0.7, 0.8];
const LEAD_SENTENCES: &[f64] = &[2.0, 3.0, 4.0];
const DECAY: &[f64] = &[3.0, 4.0, 6.0];

/// ROUGE-1 and ROUGE-2 F1 (× 100).
#[derive(Clone, Copy, Debug)]
struct Figures {
    r1: f64,
    r2: f64,
}

fn run_eval(
    binary: &Path,
    corpus: &Path,
    budget: &[&str],
    scorer: &str,
    params: &[String],
) -> anyhow::Result<Figures> {
    let corpus = corpus.to_str().context("corpus path is not UTF-8")?;
    let mut args = vec![
        "eval",
        "--corpus",
        corpus,
        "--scorer",
        scorer,
        "--format",
        "json",
        "--resamples",
        "0",
    ];
    args.extend_from_slice(budget);
    for param in params {
        args.extend_from_slice(&["--param", param]);
    }
    let output = util::run_abridge(binary, &args, None)?;
    let json: Value = serde_json::from_str(&output)?;
    let result = &json["results"][0];
    let f = |variant: &str| {
        result[variant]["f"].as_f64().map(|f| 100.0 * f).context("no F1 in the report")
    };
    Ok(Figures { r1: f("rouge1")?, r2: f("rouge2")? })
}

pub fn run() -> anyhow::Result<()> {
    let corpora =
        util::corpora_dir().context("no corpora: set ABRIDGE_CORPORA or add ../shared/corpora")?;
    let binary = util::release_binary()?;
    let paths: Vec<_> =
        DEV.iter().map(|dev| corpora.join(dev.name).join(format!("{}.jsonl", dev.name))).collect();
    for path in &paths {
        if !path.is_file() {
            bail!("{}: no such dev corpus", path.display());
        }
    }
    let lead: Vec<Figures> = DEV
        .iter()
        .zip(&paths)
        .map(|(dev, path)| run_eval(&binary, path, dev.budget, "lead", &[]))
        .collect::<anyhow::Result<_>>()?;

    let mut rows: Vec<(f64, String, Vec<Figures>)> = Vec::new();
    for &weight in POSITION_WEIGHT {
        for &lead_sentences in LEAD_SENTENCES {
            for &decay in DECAY {
                let params = vec![
                    format!("position_weight={weight}"),
                    format!("lead_sentences={lead_sentences}"),
                    format!("prior.decay={decay}"),
                    format!("prior.decay_per_sentence={}", decay / 3.0),
                ];
                let figures: Vec<Figures> = DEV
                    .iter()
                    .zip(&paths)
                    .map(|(dev, path)| {
                        run_eval(&binary, path, dev.budget, "tfidf-position", &params)
                    })
                    .collect::<anyhow::Result<_>>()?;
                let objective = figures
                    .iter()
                    .zip(&lead)
                    .map(|(ours, base)| ours.r1 + ours.r2 - base.r1 - base.r2)
                    .fold(f64::INFINITY, f64::min);
                let setting = format!("{weight} / {lead_sentences} / {decay}");
                util::note(&format!("tune: {setting}: min gain {objective:.2}"));
                rows.push((objective, setting, figures));
            }
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));

    let mut report = String::new();
    writeln!(report, "# Tuning tfidf-position")?;
    writeln!(report)?;
    writeln!(
        report,
        "Written by `cargo xtask tune` (see `xtask/src/tune.rs`); do not edit by hand."
    )?;
    writeln!(
        report,
        "Each row is `abridge eval --scorer tfidf-position` with `--param position_weight=W --param lead_sentences=L --param prior.decay=D --param prior.decay_per_sentence=D/3` on the dev corpora."
    )?;
    writeln!(
        report,
        "The objective is the smaller of the two gains over Lead in ROUGE-1 + ROUGE-2 F1 (× 100); rows are sorted by it."
    )?;
    writeln!(report)?;
    write!(report, "| W / L / D | objective |")?;
    for dev in DEV {
        write!(report, " {} R-1 | {} R-2 |", dev.name, dev.name)?;
    }
    writeln!(report)?;
    writeln!(report, "|---|---:|{}", "---:|---:|".repeat(DEV.len()))?;
    write!(report, "| lead | 0.00 |")?;
    for base in &lead {
        write!(report, " {:.2} | {:.2} |", base.r1, base.r2)?;
    }
    writeln!(report)?;
    for (objective, setting, figures) in &rows {
        write!(report, "| {setting} | {objective:.2} |")?;
        for figure in figures {
            write!(report, " {:.2} | {:.2} |", figure.r1, figure.r2)?;
        }
        writeln!(report)?;
    }
    let path = util::root().join("docs/tuning.md");
    std::fs::write(&path, report).with_context(|| format!("{}: cannot write", path.display()))?;
    util::note(&format!(
        "tune: best {} (min gain {:.2}); table in {}",
        rows[0].1,
        rows[0].0,
        path.display()
    ));
    Ok(())
}
