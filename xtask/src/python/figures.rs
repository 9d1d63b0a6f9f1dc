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

    let cli = |threads: &str| -> anyhow::Result<Measured> {
        measured(&installed.binary, &["batch", "-q", "-j", threads], &corpus, CNNDM_DOCS)
    };
    let py = |args: &[&str], documents: u64| -> anyhow::Result<Measured> {
        let mut full = vec![script_str];
        full.extend_from_slice(args);
        measured(Path::new(python_str), &full, &corpus, documents)
    };
    let cli_1 = median_of(|| cli("1"))?;
    let cli_2 = median_of(|| cli("2"))?;
    let py_1 = median_of(|| py(&["batch", "1"], CNNDM_DOCS))?;
    let py_2 = median_of(|| py(&["batch", "2"], CNNDM_DOCS))?;
    let single = median_of(|| py(&["single"], CNNDM_DOCS))?;
    let stream_5k = py(&["stream", "5000"], 5_000)?.run;
    let stream_50k = py(&["stream", "50000"], 50_000)?.run;

    let mb = |run: &Run| run.peak_rss_kb.map_or(f64::NAN, |kb| kb as f64 / 1024.0);
    // Each row: label, its run, and what its processor time is set against
    // (the CLI's whole process for the batches, the batch call for the
    // one-by-one calls).
    let rows = [
        ("`abridge batch -j 1`", &cli_1, None),
        ("`summarize_batch(threads=1)`", &py_1, Some((cli_1.cpu(), cli_1.cpu(), "the CLI"))),
        ("`abridge batch -j 2`", &cli_2, None),
        ("`summarize_batch(threads=2)`", &py_2, Some((cli_2.cpu(), cli_2.cpu(), "the CLI"))),
        (
            "`Summarizer.summarize`, once per record",
            &single,
            Some((py_1.cpu(), py_1.call_cpu.unwrap_or(f64::NAN), "the batch")),
        ),
    ];
    let mut body = String::from(
        "## Python\n\n\
         The `abridge-rs` package against the command line, on the same machine in the same minutes. \
         *Whole process* is the Python script from start to end, reading and writing the JSONL with the `json` module as a user would; \
         *in the call* is the processor time (every thread) of the `summarize_batch` call alone, or of the loop of `summarize` calls.\n\n\
         | run (cnndm_test, 4,000 records) | wall s | CPU s, whole process | against | CPU s in the call | against | peak RSS |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    for (label, measured, against) in rows {
        let (whole, call) = match against {
            None => (String::new(), String::new()),
            Some((whole_base, call_base, name)) => (
                format!("{:.2}× {name}", measured.cpu() / whole_base),
                format!("{:.2}× {name}", measured.call_cpu.unwrap_or(f64::NAN) / call_base),
            ),
        };
        let call_cpu = measured.call_cpu.map_or_else(String::new, |cpu| format!("{cpu:.2}"));
        body.push_str(&format!(
            "| {label} | {:.2} | {:.2} | {whole} | {call_cpu} | {call} | {:.0} MB |\n",
            measured.run.seconds,
            measured.cpu(),
            mb(&measured.run)
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
        "\nMeasured with `cargo xtask python figures` (medians of {RUNS} runs by whole-process processor time, stream runs once), on {} cores.\n",
        std::thread::available_parallelism().map_or(1, usize::from)
    ));
    util::note(&format!("python figures:\n{body}"));
    util::write_section(&util::root().join("docs/results.md"), "python", &body)
}

/// A run, and the processor time of the measured call when the script
/// reported it (`call_cpu_seconds X` on standard error).
struct Measured {
    run: Run,
    call_cpu: Option<f64>,
}

impl Measured {
    fn cpu(&self) -> f64 {
        self.run.cpu_seconds.unwrap_or(f64::NAN)
    }
}

fn measured(
    binary: &Path,
    args: &[&str],
    corpus: &Path,
    expected: u64,
) -> anyhow::Result<Measured> {
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
    let call_cpu = output
        .stderr
        .lines()
        .find_map(|line| line.strip_prefix("call_cpu_seconds "))
        .and_then(|value| value.trim().parse().ok());
    Ok(Measured { run, call_cpu })
}

/// The run with the median processor time of [`RUNS`].
fn median_of(mut measure: impl FnMut() -> anyhow::Result<Measured>) -> anyhow::Result<Measured> {
    let mut runs = (0..RUNS).map(|_| measure()).collect::<anyhow::Result<Vec<_>>>()?;
    runs.sort_by(|a, b| a.cpu().total_cmp(&b.cpu()));
    Ok(runs.swap_remove(RUNS / 2))
}
