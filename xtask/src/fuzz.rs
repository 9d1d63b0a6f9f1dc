//! `cargo xtask fuzz [--time SECONDS] [TARGET…]`: runs the cargo-fuzz
//! (libFuzzer) targets in `fuzz/`, each for the given time (60 s by default).
//!
//! The toolchain here is stable, so the targets build with
//! `RUSTC_BOOTSTRAP=1` and without a sanitizer (`--sanitizer none`): the
//! targets assert the invariants themselves, and Rust code without `unsafe`
//! has no memory errors for a sanitizer to find. cargo-fuzz is installed
//! from crates.io when it is missing.
//!
//! Each target reads and grows its corpus in `fuzz/corpus/<target>/`, which
//! is kept in the repository: only inputs the fuzzer generated or that we
//! wrote. A crash, a timeout (10 s for one input) or an out-of-memory (2 GB)
//! fails the task and leaves the input in `fuzz/artifacts/<target>/`.

use std::process::Command;

use anyhow::{Context, bail};

use crate::util;

/// Every target, with what it checks.
pub const TARGETS: &[(&str, &str)] = &[
    ("segment", "segmenter and tokeniser on arbitrary bytes: span invariants"),
    ("summarize", "the whole pipeline over every scorer and budget: extracts, budget, order"),
    ("batch", "the JSONL record reader and the batch path: one result per line, in order"),
];

const DEFAULT_SECONDS: u64 = 60;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--time" => {
                let value = args.next().context("--time needs a number of seconds")?;
                seconds = value
                    .parse()
                    .with_context(|| format!("--time {value}: not a number of seconds"))?;
            }
            name => match TARGETS.iter().find(|(target, _)| *target == name) {
                Some((target, _)) => targets.push(target),
                None => bail!("unknown fuzz target '{name}' (known: {})", names().join(", ")),
            },
        }
    }
    if targets.is_empty() {
        targets = names();
    }
    ensure_cargo_fuzz()?;
    let fuzz_dir = util::root().join("fuzz");
    let mut summaries = Vec::new();
    for target in targets {
        util::note(&format!("fuzz: {target} for {seconds} s"));
        let corpus = fuzz_dir.join("corpus").join(target);
        std::fs::create_dir_all(&corpus)
            .with_context(|| format!("{}: cannot create", corpus.display()))?;
        let output = Command::new("cargo")
            .args(["fuzz", "run", "--sanitizer", "none", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-timeout=10",
                "-rss_limit_mb=2048",
                "-print_final_stats=1",
            ])
            .env("RUSTC_BOOTSTRAP", "1")
            .current_dir(&fuzz_dir)
            .output()
            .context("cannot run cargo fuzz")?;
        let log = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            bail!(
                "fuzz target {target} failed ({}):\n{}",
                output.status,
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
        summaries.push(summary(target, &log));
    }
    for line in summaries {
        util::note(&line);
    }
    Ok(())
}

fn names() -> Vec<&'static str> {
    TARGETS.iter().map(|(name, _)| *name).collect()
}

/// One line from libFuzzer's final stats: runs, executions per second,
/// coverage and corpus size.
fn summary(target: &str, log: &str) -> String {
    let stat = |key: &str| {
        log.lines()
            .find_map(|line| line.strip_prefix(key).map(|value| value.trim().to_owned()))
            .unwrap_or_else(|| "?".to_owned())
    };
    let last_status = log.lines().rev().find(|line| line.contains(" cov: ")).unwrap_or("");
    let field = |name: &str| {
        last_status
            .split_whitespace()
            .skip_while(|word| *word != name)
            .nth(1)
            .unwrap_or("?")
            .to_owned()
    };
    format!(
        "fuzz: {target}: {} runs, {} exec/s, coverage {} edges ({} features), corpus {} inputs, no crash",
        stat("stat::number_of_executed_units:"),
        stat("stat::average_exec_per_sec:"),
        field("cov:"),
        field("ft:"),
        field("corp:").split('/').next().unwrap_or("?"),
    )
}

fn ensure_cargo_fuzz() -> anyhow::Result<()> {
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        util::note("fuzz: installing cargo-fuzz from crates.io");
        util::cargo(&["install", "cargo-fuzz", "--locked"], &[])?;
    }
    Ok(())
}
