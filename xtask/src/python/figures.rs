//! `cargo xtask python figures`: the Python package against the command
//! line on cnndm_test, into `docs/results.md`.
//!
//! - Parity: `summarize_batch` (each record's `lang` passed, as `abridge
//!   batch` does) gives the same sentences and spans as `abridge batch` for
//!   every record; the task fails otherwise.
//! - Processor time of the whole process (wait4, through `xtask measure`)
//!   for `abridge batch` and for a Python script that reads the JSONL,
//!   calls `summarize_batch` and writes JSONL, with 1 and 2 threads; and
//!   for `Summarizer.summarize` called once per record.
//! - Peak RSS of `iter_batch` over a generator of 5,000 and of 50,000
//!   items: flat memory means the two are close.

use std::path::Path;

use anyhow::{Context, ensure};

use crate::bench::{Input, Run, run_measured};
use crate::util;

/// Records in cnndm_test.
const CNNDM_DOCS: u64 = 4000;

/// Runs of each configuration; the table gives medians.
const RUNS: usize = 3;

pub fn run() -> anyhow::Result<()> {
    let Some(corpora) = util::corpora_dir() else {
        anyhow::bail!("no corpora: set ABRIDGE_CORPORA or add ../shared/corpora");
    };
    let corpus = corpora.join("cnndm_test/cnndm_test.jsonl");
    let work = util::target_dir().join("python");
    let installed = super::install(&work, None)?;
    let python = installed.python();
    let script = util::root().join("xtask/python/figures.py");
    let script_str = script.to_str().context("the script's path is not UTF-8")?;
    let python_str = python.to_str().context("the environment's path is not UTF-8")?;

    let parity = std::process::Command::new(&python)
        .arg(&script)
        .arg("parity")
        .arg(&installed.binary)
        .arg(&corpus)
        .output()
        .context("cannot run the parity script")?;
    ensure!(parity.status.success(), "parity failed: {}", String::from_utf8_lossy(&parity.stderr));
    let report: serde_json::Value = serde_json::from_slice(&parity.stdout)?;
    let identical = report["identical"].as_u64().unwrap_or(0);
    ensure!(
        identical == CNNDM_DOCS && report["cli_records"].as_u64() == Some(CNNDM_DOCS),
        "summarize_batch and abridge batch differ: {report}"
    );
    util::note(&format!("python: {identical}/{CNNDM_DOCS} records identical to abridge batch"));

    let cli = |threads: &str| -> anyhow::Result<Run> {
        measured(&installed.binary, &["batch", "-q", "-j", threads], &corpus, CNNDM_DOCS)
    };
    let py = |args: &[&str], documents: u64| -> anyhow::Result<Run> {
        let mut full = vec![script_str];
        full.extend_from_slice(args);
        measured(Path::new(python_str), &full, &corpus, documents)
    };
    let cli_1 = median_of(|| cli("1"))?;
    let cli_2 = median_of(|| cli("2"))?;
    let py_1 = median_of(|| py(&["batch", "1"], CNNDM_DOCS))?;
    let py_2 = median_of(|| py(&["batch", "2"], CNNDM_DOCS))?;
    let single = median_of(|| py(&["single"], CNNDM_DOCS))?;
    let stream_5k = py(&["stream", "5000"], 5_000)?;
    let stream_50k = py(&["stream", "50000"], 50_000)?;

    let cpu = |run: &Run| run.cpu_seconds.unwrap_or(f64::NAN);
    let mb = |run: &Run| run.peak_rss_kb.map_or(f64::NAN, |kb| kb as f64 / 1024.0);
    let rows = [
        ("`abridge batch -j 1`", &cli_1, cpu(&cli_1)),
        ("`summarize_batch(threads=1)`", &py_1, cpu(&cli_1)),
        ("`abridge batch -j 2`", &cli_2, cpu(&cli_2)),
        ("`summarize_batch(threads=2)`", &py_2, cpu(&cli_2)),
        ("`Summarizer.summarize`, once per record", &single, cpu(&py_1)),
    ];
    let mut body = String::from(
        "## Python\n\n\
         The `abridge-rs` package against the command line, on the same machine in the same minutes.\n\n\
         | run (cnndm_test, 4,000 records, whole process) | wall s | CPU s | CPU against | peak RSS |\n\
         |---|---:|---:|---:|---:|\n",
    );
    let against = ["", "the CLI", "", "the CLI", "the batch"];
    for ((label, run, base), against) in rows.iter().zip(against) {
        let ratio = if against.is_empty() {
            "".to_owned()
        } else {
            format!("{:.2}× {against}", cpu(run) / base)
        };
        body.push_str(&format!(
            "| {label} | {:.2} | {:.2} | {ratio} | {:.0} MB |\n",
            run.seconds,
            cpu(run),
            mb(run)
        ));
    }
    body.push_str(&format!(
        "\n`iter_batch` over a generator (cnndm_test's texts, cycled), all cores: 5,000 items peak at {:.0} MB, 50,000 at {:.0} MB ({:.1} s, {:.0} items/s).\n",
        mb(&stream_5k),
        mb(&stream_50k),
        stream_50k.seconds,
        50_000.0 / stream_50k.seconds
    ));
    body.push_str(&format!(
        "\nParity: `summarize_batch` with each record's `lang` gives the same sentences and byte spans as `abridge batch` for {identical} of {CNNDM_DOCS} records.\n"
    ));
    body.push_str(&format!(
        "\nMeasured with `cargo xtask python figures` (medians of {RUNS} runs, stream runs once; the Python script reads and writes the JSONL with the `json` module, as a user would), on {} cores.\n",
        std::thread::available_parallelism().map_or(1, usize::from)
    ));
    util::note(&format!("python figures:\n{body}"));
    util::write_section(&util::root().join("docs/results.md"), "python", &body)
}

fn measured(binary: &Path, args: &[&str], corpus: &Path, expected: u64) -> anyhow::Result<Run> {
    let (run, output) = run_measured(binary, args, Input::File(corpus.to_path_buf()))?;
    ensure!(
        output.records == expected && output.errors == 0 && output.success,
        "{} {} gave {} records and {} errors (expected {expected}, none): {}",
        binary.display(),
        args.join(" "),
        output.records,
        output.errors,
        output.stderr
    );
    Ok(run)
}

/// The run with the median processor time of [`RUNS`].
fn median_of(mut measure: impl FnMut() -> anyhow::Result<Run>) -> anyhow::Result<Run> {
    let mut runs = (0..RUNS).map(|_| measure()).collect::<anyhow::Result<Vec<_>>>()?;
    runs.sort_by(|a, b| a.cpu_seconds.unwrap_or(0.0).total_cmp(&b.cpu_seconds.unwrap_or(0.0)));
    Ok(runs.swap_remove(RUNS / 2))
}
