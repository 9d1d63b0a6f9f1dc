//! `cargo xtask worst-case`: time and peak memory of `abridge summarize` on
//! hostile inputs, for every strategy, into `docs/results.md`.
//!
//! The inputs are generated here, from words we chose, into
//! `target/worst-case/`:
//! - a 100 MB document of news-like sentences and paragraphs (and a 10 MB
//!   one, to show that the cost grows linearly);
//! - a single 5 MB "sentence" with no punctuation;
//! - 1,000,000 one-word lines;
//! - 50,000 identical sentences;
//! - quotes and brackets nested 1,000,000 deep;
//! - 10 MB of emoji only;
//! - 10 MB of text with NUL bytes;
//! - 10 MB of random bytes (a binary file), read with `--binary-as-text`.
//!
//! Every strategy runs with its default budget on every input; large
//! budgets (half the sentences, 500,000 words, half the sentences with
//! MMR) run with the default strategy on the news and the identical
//! sentences. Cost must grow linearly: from the 10 MB to the 100 MB news,
//! each run's time may grow by at most [`GROWTH_LIMIT`] (10 × the input).
//!
//! Each run must end within [`TIME_LIMIT_S`] on one core, without a panic
//! (exit code 101 or `panicked at` on standard error), and with a peak RSS
//! of the whole process of less than [`MEMORY_FACTOR`] × the input. The
//! inputs are a few MB or more, so that the process's own few MB (the
//! idle process, shown in the table) do not decide the factor. The task
//! fails otherwise, after writing its table.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::bench::{Input, run_measured};
use crate::util;

/// The name of this task's section of `docs/results.md`.
pub const SECTION: &str = "worst-case";

/// Seconds a run may take.
const TIME_LIMIT_S: f64 = 30.0;

/// Peak RSS of the whole process may be at most this many times the input.
const MEMORY_FACTOR: f64 = 10.0;

/// Time on the 100 MB news may be at most this many times that on the
/// 10 MB news: linear cost gives 10, with some room for a noisy machine.
const GROWTH_LIMIT: f64 = 15.0;

/// What runs on an input: a strategy with its default budget, or the
/// default strategy with a large budget.
struct Variant {
    label: &'static str,
    args: Vec<&'static str>,
    /// The inputs it runs on; `None` for all.
    cases: Option<&'static [&'static str]>,
}

/// The inputs the large budgets run on.
const BUDGET_CASES: &[&str] = &["news-10mb", "news-100mb", "identical-sentences"];

fn variants() -> Vec<Variant> {
    let mut variants: Vec<Variant> = abridge::ScorerKind::ALL
        .iter()
        .map(|kind| Variant {
            label: kind.name(),
            args: vec!["--scorer", kind.name()],
            cases: None,
        })
        .collect();
    for (label, args) in [
        ("--ratio 0.5", vec!["--ratio", "0.5"]),
        ("--words 500000", vec!["--words", "500000"]),
        ("--ratio 0.5 --redundancy 0.7", vec!["--ratio", "0.5", "--redundancy", "0.7"]),
    ] {
        variants.push(Variant { label, args, cases: Some(BUDGET_CASES) });
    }
    variants
}

const WORDS: &[&str] = &[
    "the",
    "harbour",
    "council",
    "storm",
    "wall",
    "boats",
    "power",
    "homes",
    "coast",
    "road",
    "fishermen",
    "closure",
    "engineers",
    "repairs",
    "said",
    "on",
    "Tuesday",
    "a",
    "of",
    "and",
    "week",
    "million",
    "town",
    "mayor",
    "budget",
    "water",
    "bridge",
    "river",
    "school",
    "night",
];

/// A small deterministic generator, so the inputs are the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

/// One hostile input.
struct Case {
    name: &'static str,
    about: &'static str,
    file: PathBuf,
    bytes: u64,
    /// Flags for this input: binary input is read with `--binary-as-text`, the costly
    /// way (by default abridge refuses it after looking at 64 KiB).
    flags: &'static [&'static str],
}

fn news(size: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(size + 200);
    while out.len() < size {
        let words = 5 + rng.below(25);
        let mut first = true;
        for _ in 0..words {
            let word = rng.word();
            if first {
                let mut chars = word.chars();
                if let Some(c) = chars.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(chars.as_str());
                }
                first = false;
            } else {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push_str(if rng.below(20) == 0 { ".\n\n" } else { ". " });
    }
    out.into_bytes()
}

fn generate(dir: &Path) -> anyhow::Result<Vec<Case>> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut rng = Rng(0x5EED);
    let mut cases: Vec<(&'static str, &'static str, Vec<u8>)> = Vec::new();
    cases.push(("news-10mb", "10 MB of news-like sentences and paragraphs", news(10_000_000, 1)));
    cases.push((
        "news-100mb",
        "100 MB of news-like sentences and paragraphs",
        news(100_000_000, 2),
    ));
    let mut sentence = String::with_capacity(5_000_100);
    while sentence.len() < 5_000_000 {
        sentence.push_str(rng.word());
        sentence.push(' ');
    }
    cases.push((
        "one-sentence-5mb",
        "a single 5 MB sentence without punctuation",
        sentence.into_bytes(),
    ));
    let mut lines = String::new();
    for _ in 0..1_000_000 {
        lines.push_str(rng.word());
        lines.push('\n');
    }
    cases.push(("one-word-lines", "1,000,000 one-word lines", lines.into_bytes()));
    cases.push((
        "identical-sentences",
        "50,000 identical sentences",
        "The harbour council voted to rebuild the sea wall after the storm. "
            .repeat(50_000)
            .into_bytes(),
    ));
    let depth = 1_000_000;
    cases.push((
        "nested-quotes",
        "quotes and brackets nested 1,000,000 deep around one sentence",
        format!("{}The wall held. It did.{}", "(\"[«'".repeat(depth), "'»]\")".repeat(depth))
            .into_bytes(),
    ));
    cases.push(("emoji", "10 MB of emoji and spaces", "🎉🙌🔥 ".repeat(800_000).into_bytes()));
    cases.push((
        "nul-bytes",
        "10 MB of sentences with NUL bytes inside them",
        "The storm hit the coast.\0 The wall\0 broke. ".repeat(230_000).into_bytes(),
    ));
    cases.push((
        "binary",
        "10 MB of random bytes (a binary file renamed .txt), read with --binary-as-text",
        (0..10_000_000).map(|_| (rng.next() >> 32) as u8).collect(),
    ));
    cases
        .into_iter()
        .map(|(name, about, bytes)| {
            let file = dir.join(format!("{name}.txt"));
            let mut out = std::fs::File::create(&file)
                .with_context(|| format!("{}: cannot create", file.display()))?;
            out.write_all(&bytes)?;
            let flags: &[&str] = if name == "binary" { &["--binary-as-text"] } else { &[] };
            Ok(Case { name, about, file, bytes: bytes.len() as u64, flags })
        })
        .collect()
}

struct Measured {
    case: usize,
    scorer: &'static str,
    seconds: f64,
    peak_mb: f64,
    factor: f64,
    problem: Option<String>,
}

pub fn run() -> anyhow::Result<()> {
    let binary = util::release_binary()?;
    let dir = util::root().join("target/worst-case");
    let cases = generate(&dir)?;
    let idle_file = dir.join("idle.txt");
    std::fs::write(&idle_file, "The harbour is open. Boats left at dawn.")?;
    let (idle, _) = run_measured(&binary, &["summarize", "-"], Input::File(idle_file))?;
    let idle_kb = idle.peak_rss_kb.context("cannot read peak memory from /proc")?;

    let variants = variants();
    let mut rows = Vec::new();
    for (case_idx, case) in cases.iter().enumerate() {
        for variant in &variants {
            if variant.cases.is_some_and(|only| !only.contains(&case.name)) {
                continue;
            }
            util::note(&format!("worst-case: {} with {}", case.name, variant.label));
            let mut args = vec!["summarize"];
            args.extend(&variant.args);
            args.extend(case.flags);
            args.push("-");
            let (run, output) = run_measured(&binary, &args, Input::File(case.file.clone()))?;
            let peak_kb = run.peak_rss_kb.unwrap_or(0);
            let factor = peak_kb as f64 * 1024.0 / case.bytes as f64;
            let mut problem = None;
            if output.code == Some(101) || output.stderr.contains("panicked at") {
                problem = Some(format!("panicked: {}", output.stderr.lines().last().unwrap_or("")));
            } else if output.code.is_none() || output.code == Some(2) {
                problem = Some(format!("failed ({:?}): {}", output.code, output.stderr.trim()));
            } else if run.seconds > TIME_LIMIT_S {
                problem = Some(format!("took {:.1} s", run.seconds));
            } else if factor > MEMORY_FACTOR {
                problem = Some(format!("peak memory {factor:.1} × the input"));
            }
            rows.push(Measured {
                case: case_idx,
                scorer: variant.label,
                seconds: run.seconds,
                peak_mb: peak_kb as f64 / 1024.0,
                factor,
                problem,
            });
        }
    }
    let growth = growth(&cases, &rows);

    let body = render(&cases, &rows, &growth, idle_kb)?;
    util::write_section(&util::root().join("docs/results.md"), SECTION, &body)?;
    let problems: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            row.problem
                .as_ref()
                .map(|problem| format!("{} with {}: {problem}", cases[row.case].name, row.scorer))
        })
        .chain(growth.iter().filter(|(_, factor)| *factor > GROWTH_LIMIT).map(|(label, factor)| {
            format!(
                "{label}: {factor:.1} × the time from 10 MB to 100 MB (limit {GROWTH_LIMIT:.0} ×)"
            )
        }))
        .collect();
    if !problems.is_empty() {
        bail!("worst cases over their limits:\n{}", problems.join("\n"));
    }
    util::note("worst-case: every input within its limits; table in docs/results.md");
    Ok(())
}

/// Per variant, its time on the 100 MB news over its time on the 10 MB news.
fn growth(cases: &[Case], rows: &[Measured]) -> Vec<(&'static str, f64)> {
    let seconds = |case: &str, label: &str| {
        let case_idx = cases.iter().position(|c| c.name == case)?;
        rows.iter().find(|row| row.case == case_idx && row.scorer == label).map(|row| row.seconds)
    };
    let mut labels: Vec<&'static str> = Vec::new();
    for row in rows {
        if !labels.contains(&row.scorer) {
            labels.push(row.scorer);
        }
    }
    labels
        .into_iter()
        .filter_map(|label| {
            let (small, large) = (seconds("news-10mb", label)?, seconds("news-100mb", label)?);
            Some((label, large / small.max(1e-3)))
        })
        .collect()
}

fn render(
    cases: &[Case],
    rows: &[Measured],
    growth: &[(&'static str, f64)],
    idle_kb: u64,
) -> anyhow::Result<String> {
    let mut out = String::new();
    writeln!(out, "## Hostile input: time and memory")?;
    writeln!(out)?;
    writeln!(
        out,
        "Written by `cargo xtask worst-case` (see `xtask/src/worst.rs`), which generates the inputs; do not edit by hand."
    )?;
    writeln!(
        out,
        "Measured on {} at commit {} on {} ({} cores), load average {}.",
        util_date(),
        crate::bench::command_output("git", &["rev-parse", "--short", "HEAD"]).unwrap_or_default(),
        crate::bench::cpu_model(),
        std::thread::available_parallelism().map_or(1, usize::from),
        crate::bench::load_average()
    )?;
    writeln!(
        out,
        "Each cell is `abridge summarize --scorer S` (or, in the last columns, the default scorer with a large budget) on the input through standard input, whole process, one core: seconds of wall time, and the peak RSS of the whole process as a multiple of the input size (the idle process takes {:.1} MB).",
        idle_kb as f64 / 1024.0
    )?;
    writeln!(
        out,
        "The limits are {TIME_LIMIT_S:.0} s and {MEMORY_FACTOR:.0} × the input, and at most {GROWTH_LIMIT:.0} × the time from the 10 MB news to the 100 MB news (the last row); graph strategies rank the whole document (sparse graphs past 500 sentences, see DESIGN.md)."
    )?;
    writeln!(out)?;
    let scorers: Vec<&str> = {
        let mut seen = Vec::new();
        for row in rows {
            if !seen.contains(&row.scorer) {
                seen.push(row.scorer);
            }
        }
        seen
    };
    write!(out, "| input | size |")?;
    for scorer in &scorers {
        write!(out, " {scorer} |")?;
    }
    writeln!(out)?;
    writeln!(out, "|---|---:|{}", "---:|".repeat(scorers.len()))?;
    for (case_idx, case) in cases.iter().enumerate() {
        write!(out, "| {} ({}) | {:.1} MB |", case.name, case.about, case.bytes as f64 / 1e6)?;
        for scorer in &scorers {
            match rows.iter().find(|row| row.case == case_idx && row.scorer == *scorer) {
                Some(row) => {
                    let mark = if row.problem.is_some() { " ✗" } else { "" };
                    write!(
                        out,
                        " {:.2} s, {:.1}× ({:.0} MB){mark} |",
                        row.seconds, row.factor, row.peak_mb
                    )?;
                }
                None => write!(out, " |")?,
            }
        }
        writeln!(out)?;
    }
    write!(out, "| growth from 10 MB to 100 MB of news | 10 × |")?;
    for scorer in &scorers {
        match growth.iter().find(|(label, _)| label == scorer) {
            Some((_, factor)) => {
                let mark = if *factor > GROWTH_LIMIT { " ✗" } else { "" };
                write!(out, " {factor:.1} ×{mark} |")?;
            }
            None => write!(out, " |")?,
        }
    }
    writeln!(out)?;
    Ok(out)
}

fn util_date() -> String {
    crate::bench::command_output("date", &["-u", "+%Y-%m-%d"])
        .unwrap_or_else(|| "unknown date".to_owned())
}
