//! `cargo xtask bench sentences [--runs N]`: the whole `abridge sentences`
//! process against the `sentencex` crate's, on the running text of the
//! Universal Dependencies sets, into `docs/results.md`.
//!
//! The input is every document of `<sbd>/ud/*.jsonl`, joined by blank
//! lines, in one file (about 3 MB); each run reads it on standard input and
//! writes one sentence a line to a file. `abridge sentences --lang en` runs
//! against the `sentencex_peer` example of `benches/` (the crate's
//! `segment("en", …)`, the same output shape), in turns, `--runs` times
//! each (5 by default). Each run is timed by `cargo xtask measure`
//! (`wait4(2)`): wall time, and processor time, which the machine's other
//! load disturbs less. The speed-up is the median of the runs' ratios.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail, ensure};

use crate::bench::{self, Input};
use crate::{sbd, util};

/// The name of this task's section of `docs/results.md`.
const SECTION: &str = "bench-sentences";

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut runs = 5;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                let value = args.next().context("--runs needs a number")?;
                runs = value.parse().with_context(|| format!("--runs {value}: not a number"))?;
            }
            other => bail!("usage: cargo xtask bench sentences [--runs N], not '{other}'"),
        }
    }
    ensure!(runs > 0, "--runs must be at least 1");
    let dir = sbd::dir().context("no UD texts: set ABRIDGE_SBD or add ../shared/sbd")?;
    let input = joined_texts(&dir.join("ud"))?;
    let n_bytes = std::fs::metadata(&input)?.len();
    let abridge = util::release_binary()?;
    util::cargo(
        &["build", "--release", "--package", "abridge-benches", "--example", "sentencex_peer"],
        &[],
    )?;
    let peer = util::target_dir().join("release/examples/sentencex_peer");

    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let load_before = bench::load_average();
    for _ in 0..runs {
        let (run, lines) = measure(&abridge, &["sentences", "--lang", "en"], &input)?;
        let (peer_run, peer_lines) = measure(&peer, &["en"], &input)?;
        ensure!(lines > 0 && peer_lines > 0, "a run wrote no sentences");
        util::note(&format!(
            "abridge {:.3} s ({lines} lines), sentencex {:.3} s ({peer_lines} lines)",
            run.0, peer_run.0
        ));
        ratios.push(peer_run.1 / run.1);
        ours.push(run);
        theirs.push(peer_run);
    }
    let load_after = bench::load_average();
    let body = render(n_bytes, runs, &ours, &theirs, median(ratios), (&load_before, &load_after));
    #[allow(clippy::print_stdout)]
    {
        println!("{body}");
    }
    util::write_section(&util::root().join("docs/results.md"), SECTION, &body)
}

/// Wall and processor seconds of one run, and the lines it wrote.
fn measure(binary: &Path, args: &[&str], input: &Path) -> anyhow::Result<((f64, f64), u64)> {
    let (run, output) = bench::run_measured(binary, args, Input::File(input.to_path_buf()))?;
    ensure!(output.success, "{} {} failed: {}", binary.display(), args.join(" "), output.stderr);
    let cpu = run.cpu_seconds.unwrap_or(run.seconds);
    Ok(((run.seconds, cpu), output.records))
}

/// Writes every UD text, joined by blank lines, into one file.
fn joined_texts(dir: &Path) -> anyhow::Result<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "jsonl"))
        .collect();
    paths.sort();
    let mut joined = String::new();
    for path in &paths {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("{}: a line is not JSON", path.display()))?;
            joined.push_str(record["text"].as_str().unwrap_or_default());
            joined.push_str("\n\n");
        }
    }
    ensure!(!joined.is_empty(), "{}: no texts", dir.display());
    let out = util::root().join("target/bench-sentences");
    std::fs::create_dir_all(&out)?;
    let path = out.join("ud.txt");
    std::fs::write(&path, joined)?;
    Ok(path)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn render(
    n_bytes: u64,
    runs: usize,
    ours: &[(f64, f64)],
    theirs: &[(f64, f64)],
    speedup: f64,
    (load_before, load_after): (&str, &str),
) -> String {
    use std::fmt::Write as _;
    let commit = bench::command_output("git", &["rev-parse", "--short", "HEAD"])
        .unwrap_or_else(|| "unknown".to_owned());
    let date =
        bench::command_output("date", &["-u", "+%Y-%m-%d"]).unwrap_or_else(|| "unknown".to_owned());
    let mb = n_bytes as f64 / 1e6;
    let row = |name: &str, runs: &[(f64, f64)]| {
        let wall = median(runs.iter().map(|run| run.0).collect());
        let cpu = median(runs.iter().map(|run| run.1).collect());
        format!("| {name} | {wall:.3} | {:.1} | {cpu:.3} | {:.1} |", mb / wall, mb / cpu)
    };
    let mut out = String::new();
    let _ = writeln!(out, "## Sentences: abridge against sentencex, whole process");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "`cargo xtask bench sentences` on {date}, commit {commit}, {} ({} cores), load average {load_before} before and {load_after} after.",
        bench::cpu_model(),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    let _ = writeln!(
        out,
        "Input: every text of `../shared/sbd/ud` joined by blank lines, {mb:.1} MB on standard input; output one sentence a line to a file. \
         `abridge sentences --lang en` against the `sentencex` crate's `segment(\"en\", …)` in `benches/examples/sentencex_peer.rs`, in turns, {runs} runs each; medians."
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "| process | wall s | MB/s | processor s | MB per processor-second |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    let _ = writeln!(out, "{}", row("abridge sentences", ours));
    let _ = writeln!(out, "{}", row("sentencex", theirs));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "abridge takes {speedup:.2}× less processor time than sentencex (median of the runs' ratios)."
    );
    out
}
