//! `cargo xtask eval`: the standard ROUGE suite on the real corpora.
//!
//! Runs `abridge eval` (release build) with every scorer plus the oracle on
//! each corpus of [`SUITE`], times `lead` and `tfidf-position` on all of
//! cnndm_test, and writes `docs/results.md` and the headline rows of the
//! README (between `<!-- results:begin -->` and `<!-- results:end -->`).
//! Every number in them comes from this run.
//!
//! It then checks the acceptance figures of cnndm_test (Lead-3 within 0.5
//! of what `rouge-score` gives, the oracle at least 50 ROUGE-1) and fails,
//! after writing, if they are missed.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::util;

/// One corpus of the suite.
struct Corpus {
    name: &'static str,
    budget: &'static [&'static str],
    about: &'static str,
}

/// The standard suite.
const SUITE: &[Corpus] = &[
    Corpus {
        name: "cnndm_test",
        budget: &["-n", "3"],
        about: "CNN/DailyMail test sample, one reference (the highlights), 3 sentences.",
    },
    Corpus {
        name: "bbc_news_summary",
        budget: &["--ratio", "0.4"],
        about: "BBC News Summary, one extractive reference, 40% of the sentences.",
    },
    Corpus {
        name: "xsum_humaneval",
        budget: &["-n", "1"],
        about: "XSum human-evaluation articles, one single-sentence reference, 1 sentence.",
    },
    Corpus {
        name: "cnndm_summeval",
        budget: &["-n", "3"],
        about: "SummEval's CNN/DailyMail articles, 11 references each (best per variant), 3 sentences.",
    },
];

/// Every scorer that exists, plus the oracle.
const SYSTEMS: &str = "all,oracle";

/// Rows the README shows for each corpus.
const HEADLINE: &[&str] = &["lead", "tfidf-position", "oracle"];

/// How often the speed run is repeated.
const SPEED_RUNS: usize = 3;

const README_BEGIN: &str = "<!-- results:begin -->";
const README_END: &str = "<!-- results:end -->";

pub fn run() -> anyhow::Result<()> {
    let corpora =
        util::corpora_dir().context("no corpora: set ABRIDGE_CORPORA or add ../shared/corpora")?;
    let shown_corpora = if std::env::var_os("ABRIDGE_CORPORA").is_some() {
        "$ABRIDGE_CORPORA".to_owned()
    } else {
        "../shared/corpora".to_owned()
    };
    let binary = util::release_binary()?;
    let machine = machine_note();

    let mut results = String::new();
    let mut problems: Vec<String> = Vec::new();
    let mut headline = String::from(
        "| corpus | scorer | R-1 | R-2 | R-L | R-Lsum |\n|---|---|---:|---:|---:|---:|\n",
    );
    for corpus in SUITE {
        let path = corpora.join(corpus.name).join(format!("{}.jsonl", corpus.name));
        let path_str = path.to_str().context("corpora path is not UTF-8")?;
        let mut args = vec!["eval", "--corpus", path_str, "--scorer", SYSTEMS];
        args.extend_from_slice(corpus.budget);
        util::note(&format!("eval: {}", corpus.name));
        let start = Instant::now();
        let json = run_json(&binary, &args)?;
        let seconds = start.elapsed().as_secs_f64();

        let shown = format!(
            "abridge eval --corpus {shown_corpora}/{0}/{0}.jsonl --scorer {SYSTEMS} {1}",
            corpus.name,
            corpus.budget.join(" ")
        );
        let docs = json["docs"].as_u64().unwrap_or(0);
        let _ = writeln!(results, "## {}\n", corpus.name);
        let _ = writeln!(results, "{}", corpus.about);
        let _ = writeln!(
            results,
            "{} documents; the whole command took {seconds:.2} s.\n",
            thousands(docs)
        );
        let _ = writeln!(results, "```sh\n{shown}\n```\n");
        results.push_str(&table(&json)?);
        results.push('\n');

        if corpus.name == "cnndm_test" {
            problems.extend(check_cnndm(&json));
        }
        for row in json["results"].as_array().context("no results")? {
            let scorer = row["scorer"].as_str().unwrap_or_default();
            if HEADLINE.contains(&scorer) {
                let _ = writeln!(
                    headline,
                    "| {} | {scorer} | {} | {} | {} | {} |",
                    corpus.name,
                    f1(row, "rouge1"),
                    f1(row, "rouge2"),
                    f1(row, "rougeL"),
                    f1(row, "rougeLsum")
                );
            }
        }
    }

    let speed = speed(&binary, &corpora, &shown_corpora)?;

    let mut document = String::from("# Results\n\n");
    document.push_str(
        "This file is written by `cargo xtask eval`; do not edit it by hand, run the task again.\n",
    );
    let _ = writeln!(document, "{machine}\n");
    document.push_str(
        "Scores are ROUGE F1 × 100 as Google's `rouge-score` computes them (Porter stemmer on, summary sentences one per line for ROUGE-Lsum), averaged over the documents.\n\
         In brackets: the 95% percentile-bootstrap interval of the mean (1,000 resamples, fixed seed).\n\
         With several references, each variant takes the best reference (`score_multi`).\n\
         `oracle` is the greedy extractive oracle (mean of ROUGE-1 and ROUGE-2 F1 against the references, same budget, abridge's sentences): the ceiling for extraction.\n\
         docs/s counts summarising and scoring on all cores, not reading the corpus.\n\
         `abridge eval --format json` gives precision and recall as well.\n\n",
    );
    document.push_str(&results);
    document.push_str(&speed);
    let docs_dir = util::root().join("docs");
    std::fs::create_dir_all(&docs_dir).context("cannot create docs/")?;
    let results_path = docs_dir.join("results.md");
    // Keep the section `cargo xtask bench batch` writes between its markers.
    let old = std::fs::read_to_string(&results_path).unwrap_or_default();
    if let Some(section) = crate::bench::batch_section(&old) {
        let _ = write!(document, "\n{section}\n");
    }
    std::fs::write(&results_path, document)
        .with_context(|| format!("{}: cannot write", results_path.display()))?;
    util::note(&format!("eval: wrote {}", results_path.display()));

    update_readme(&headline, &machine)?;
    if !problems.is_empty() {
        bail!("the results miss the acceptance figures:\n  {}", problems.join("\n  "));
    }
    util::note("eval: lead and oracle on cnndm_test meet the acceptance figures");
    Ok(())
}

/// Lead-3 that `rouge-score` gives on cnndm_test with a plain sentence split
/// (R-1, R-2, R-Lsum), and how far abridge's may be from it.
const LEAD3_CNNDM: [(&str, f64); 3] = [("rouge1", 40.0), ("rouge2", 17.4), ("rougeLsum", 36.3)];
const LEAD3_TOLERANCE: f64 = 0.5;

/// The greedy oracle must reach this ROUGE-1 on cnndm_test.
const ORACLE_CNNDM_MIN_R1: f64 = 50.0;

/// The acceptance figures of cnndm_test: what is missed, if anything.
fn check_cnndm(json: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let rows = json["results"].as_array().map(Vec::as_slice).unwrap_or_default();
    let row = |name: &str| rows.iter().find(|row| row["scorer"] == name);
    let f1 = |row: &Value, variant: &str| row[variant]["f"].as_f64().unwrap_or(f64::NAN) * 100.0;
    match row("lead") {
        Some(lead) => {
            for (variant, expected) in LEAD3_CNNDM {
                let value = f1(lead, variant);
                if value.is_nan() || (value - expected).abs() > LEAD3_TOLERANCE {
                    problems.push(format!(
                        "lead {variant} on cnndm_test is {value:.2}, not within {LEAD3_TOLERANCE} of {expected}"
                    ));
                }
            }
        }
        None => problems.push("no lead row for cnndm_test".to_owned()),
    }
    match row("oracle") {
        Some(oracle) if f1(oracle, "rouge1") >= ORACLE_CNNDM_MIN_R1 => {}
        Some(oracle) => problems.push(format!(
            "oracle rouge1 on cnndm_test is {:.2}, below {ORACLE_CNNDM_MIN_R1}",
            f1(oracle, "rouge1")
        )),
        None => problems.push("no oracle row for cnndm_test".to_owned()),
    }
    problems
}

/// Times `lead` and `tfidf-position` on all of cnndm_test, whole process.
fn speed(binary: &Path, corpora: &Path, shown_corpora: &str) -> anyhow::Result<String> {
    let path = corpora.join("cnndm_test/cnndm_test.jsonl");
    let path = path.to_str().context("corpora path is not UTF-8")?;
    let args = ["eval", "--corpus", path, "--scorer", "lead,tfidf-position", "-n", "3"];
    let mut seconds = Vec::with_capacity(SPEED_RUNS);
    let mut docs = 0;
    for _ in 0..SPEED_RUNS {
        let start = Instant::now();
        let json = run_json(binary, &[&args[..], &["--format", "json"]].concat())?;
        seconds.push(start.elapsed().as_secs_f64());
        docs = json["docs"].as_u64().unwrap_or(0);
    }
    seconds.sort_by(f64::total_cmp);
    let runs: Vec<String> = seconds.iter().map(|s| format!("{s:.2} s")).collect();
    let mut text = String::from("## Speed\n\n");
    let _ = writeln!(
        text,
        "`lead` and `tfidf-position` on all {} cnndm_test documents, 3 sentences, ROUGE and bootstrap included, timed as a whole process (reading the corpus too):\n",
        thousands(docs)
    );
    let _ = writeln!(
        text,
        "```sh\ntime abridge eval --corpus {shown_corpora}/cnndm_test/cnndm_test.jsonl --scorer lead,tfidf-position -n 3\n```\n"
    );
    let _ = writeln!(
        text,
        "Median of {SPEED_RUNS} runs: {:.2} s (runs: {}).",
        seconds[seconds.len() / 2],
        runs.join(", ")
    );
    text.push_str("The machine is shared, so the spread shows how busy it was.\n");
    Ok(text)
}

fn run_json(binary: &Path, args: &[&str]) -> anyhow::Result<Value> {
    let mut args = args.to_vec();
    if !args.contains(&"--format") {
        args.extend_from_slice(&["--format", "json"]);
    }
    let stdout = util::run_abridge(binary, &args, None)?;
    serde_json::from_str(&stdout).context("abridge eval did not print JSON")
}

fn table(json: &Value) -> anyhow::Result<String> {
    let mut text = String::from(
        "| scorer | R-1 | R-2 | R-L | R-Lsum | docs/s |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for row in json["results"].as_array().context("no results")? {
        let scorer = row["scorer"].as_str().context("a result without a scorer")?;
        let _ = write!(text, "| {scorer} |");
        for variant in ["rouge1", "rouge2", "rougeL", "rougeLsum"] {
            let interval = &row[variant]["f_ci"];
            let _ = write!(
                text,
                " {} ({}–{}) |",
                f1(row, variant),
                percent(&interval[0]),
                percent(&interval[1])
            );
        }
        let _ = writeln!(text, " {:.0} |", row["docs_per_s"].as_f64().unwrap_or(0.0));
    }
    Ok(text)
}

fn f1(row: &Value, variant: &str) -> String {
    percent(&row[variant]["f"])
}

fn percent(value: &Value) -> String {
    value.as_f64().map_or_else(|| "?".to_owned(), |value| format!("{:.2}", value * 100.0))
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (idx, digit) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Replaces the README's results section with `headline`.
fn update_readme(headline: &str, machine: &str) -> anyhow::Result<()> {
    let path = util::root().join("README.md");
    let readme = std::fs::read_to_string(&path).context("cannot read README.md")?;
    let (Some(begin), Some(end)) = (readme.find(README_BEGIN), readme.find(README_END)) else {
        bail!("README.md has no {README_BEGIN} … {README_END} section to update");
    };
    let mut updated = String::with_capacity(readme.len());
    updated.push_str(&readme[..begin + README_BEGIN.len()]);
    updated.push('\n');
    updated.push_str(headline);
    updated.push('\n');
    let _ = writeln!(updated, "{machine}");
    updated.push_str(&readme[end..]);
    std::fs::write(&path, updated).context("cannot write README.md")?;
    util::note("eval: updated the results in README.md");
    Ok(())
}

/// One line on when and where the numbers were made.
fn machine_note() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|load| load.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned());
    let commit = command_output("git", &["rev-parse", "--short", "HEAD"]);
    let dirty = command_output("git", &["status", "--porcelain", "--untracked-files=no"])
        .is_some_and(|status| !status.trim().is_empty());
    let rustc = command_output("rustc", &["--version"]).unwrap_or_else(|| "rustc ?".to_owned());
    format!(
        "Measured on {} at commit {}{} with {}, on {cores} cores ({cpu}), load average {load} at the start.",
        today(),
        commit.unwrap_or_else(|| "?".to_owned()),
        if dirty { " (with uncommitted changes)" } else { "" },
        rustc.trim(),
    )
}

fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let output =
        std::process::Command::new(program).args(args).current_dir(util::root()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_000), (2024, 10, 4));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(4000), "4,000");
        assert_eq!(thousands(50), "50");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
