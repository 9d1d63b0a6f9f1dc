//! `cargo xtask spark`: abridge as a stage of Spark and Dask, in local mode.
//!
//! 1. A throw-away virtual environment under `target/spark/venv` gets the
//!    Python test tools, PySpark, pyarrow and Dask (pinned in
//!    `xtask/spark/requirements.txt`) and the `abridge-rs` wheel.
//! 2. `xtask/spark/check.py` splits cnndm_test into 8 shards and adds one
//!    of bad records, runs `abridge batch` on them (the reference), then
//!    `examples/spark/summarize_corpus.py` (`RDD.pipe`),
//!    `examples/spark/summarize_corpus_pandas.py` (`mapInPandas`) with
//!    `spark-submit --master local[2]`, and `examples/dask/summarize_corpus.py`
//!    (threads scheduler), and fails unless each gives one output record
//!    per input record, equal to the reference by `id`.
//! 3. Its timings go into `docs/results.md`.
//!
//! Without Java or without the corpora it says so and skips.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, ensure};

use crate::util;

/// Whether a Java runtime is here for Spark: `JAVA_HOME/bin/java` or
/// `java` on the PATH.
pub fn java() -> Option<PathBuf> {
    let candidates = std::env::var_os("JAVA_HOME")
        .map(|home| PathBuf::from(home).join("bin/java"))
        .into_iter()
        .chain(std::iter::once(PathBuf::from("java")));
    candidates.into_iter().find(|java| {
        Command::new(java).arg("-version").output().is_ok_and(|output| output.status.success())
    })
}

/// Why the check cannot run here, if it cannot: no Java or no corpora.
pub fn missing() -> Option<&'static str> {
    if java().is_none() {
        Some("skipping the Spark and Dask check: no Java (install Java 17, or set JAVA_HOME)")
    } else if util::corpora_dir().is_none() {
        Some(
            "skipping the Spark and Dask check: no corpora (set ABRIDGE_CORPORA or add ../shared/corpora)",
        )
    } else {
        None
    }
}

/// `cargo xtask spark`: its own environment, the check, and its figures
/// recorded in `docs/results.md`.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    if !args.is_empty() {
        anyhow::bail!("`cargo xtask spark` takes no arguments");
    }
    if let Some(why) = missing() {
        util::note(why);
        return Ok(());
    }
    let started = Instant::now();
    let work = util::target_dir().join("spark");
    let requirements = util::root().join("xtask/spark/requirements.txt");
    let installing = Instant::now();
    let installed = crate::python::install(&work, Some(&requirements))?;
    let install_seconds = installing.elapsed().as_secs_f64();
    let venv_mb = dir_size(&installed.venv) as f64 / 1e6;
    util::note(&format!(
        "spark: environment with the wheel ready in {install_seconds:.0} s, {venv_mb:.0} MB on disk"
    ));
    let report = check(&installed, &work)?;
    let reused = std::env::var_os("ABRIDGE_REUSE_VENV").is_some_and(|value| value == "1");
    let body = section(&report, install_seconds, venv_mb, reused);
    util::note(&format!("spark:\n{body}"));
    util::write_section(&util::root().join("docs/results.md"), "spark", &body)?;
    util::note(&format!("spark: ok in {:.0} s", started.elapsed().as_secs_f64()));
    Ok(())
}

/// The check of `cargo xtask ci`: PySpark, pyarrow and Dask are added to
/// the environment the Python package was tested in (its wheel is already
/// there), and nothing is recorded. Skips, saying why, without Java or
/// corpora.
pub fn ci(installed: &crate::python::Installed) -> anyhow::Result<()> {
    if let Some(why) = missing() {
        util::note(why);
        return Ok(());
    }
    let started = Instant::now();
    util::run_command(
        Command::new(installed.venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "--no-input", "-r"])
            .arg(util::root().join("xtask/spark/requirements.txt")),
    )?;
    util::note(&format!(
        "spark: PySpark and Dask installed in {:.0} s",
        started.elapsed().as_secs_f64()
    ));
    let work = util::target_dir().join("spark-ci");
    std::fs::create_dir_all(&work).with_context(|| format!("{}: cannot create", work.display()))?;
    let report = check(installed, &work)?;
    let number = |path: &[&str]| {
        path.iter().fold(&report, |value, key| &value[*key]).as_f64().unwrap_or(f64::NAN)
    };
    util::note(&format!(
        "spark: ok in {:.0} s ({:.0} records; pipe {:.0}, mapInPandas {:.0}, Dask {:.0}, each equal to abridge batch)",
        started.elapsed().as_secs_f64(),
        number(&["records_in"]),
        number(&["pipe", "records"]),
        number(&["mapInPandas", "records"]),
        number(&["dask", "records"]),
    ));
    Ok(())
}

/// Runs `xtask/spark/check.py` in the environment and returns its report;
/// fails unless every run matched `abridge batch`.
fn check(installed: &crate::python::Installed, work: &Path) -> anyhow::Result<serde_json::Value> {
    let corpora = util::corpora_dir().context("no corpora")?;
    let corpus = corpora.join("cnndm_test/cnndm_test.jsonl");
    let output = Command::new(installed.python())
        .arg(util::root().join("xtask/spark/check.py"))
        .arg("--abridge")
        .arg(&installed.binary)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--work")
        .arg(work)
        .arg("--repo")
        .arg(util::root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("cannot run xtask/spark/check.py")?;
    ensure!(output.status.success(), "the Spark and Dask check failed ({})", output.status);
    serde_json::from_slice(&output.stdout).context("check.py wrote no report")
}

fn section(report: &serde_json::Value, install_seconds: f64, venv_mb: f64, reused: bool) -> String {
    let number = |path: &[&str]| {
        path.iter().fold(report, |value, key| &value[*key]).as_f64().unwrap_or(f64::NAN)
    };
    let records = number(&["records_in"]);
    let cli = number(&["cli_seconds"]);
    let warm = number(&["pipe", "warm_job_seconds"]);
    format!(
        "## Spark and Dask\n\n\
         The examples of `examples/` in local mode (see docs/engines.md).\n\n\
         | run (cnndm_test in 8 shards and a shard of 6 records, 5 of them bad: {records:.0} records, 2 cores) | seconds | records out | error records |\n\
         |---|---:|---:|---:|\n\
         | `abridge batch` on the shards, bare (best of 3) | {cli:.2} | {records:.0} | {cli_errors:.0} |\n\
         | Spark `pipe`, warm job (best of runs 2 and 3 in one session) | {warm:.2} | {pipe:.0} | {pipe_errors:.0} |\n\
         | Spark `pipe`, first job | {first:.2} | | |\n\
         | Spark session start (`SparkSession.builder.getOrCreate()`) | {session:.2} | | |\n\
         | Spark `pipe`, whole `spark-submit` (session, three jobs) | {pipe_submit:.2} | | |\n\
         | Spark `mapInPandas`, whole `spark-submit` | {pandas_submit:.2} | {pandas:.0} | {pandas_errors:.0} |\n\
         | Dask bag, threads scheduler, whole process | {dask_seconds:.2} | {dask:.0} | {dask_errors:.0} |\n\
         \n\
         Every output record equals `abridge batch`'s for the same `id` (sentences, spans, passed-through fields; through `pipe`, the error messages too).\n\
         The warm Spark job takes {ratio:.1}× the bare command line; the session's fixed start-up cost is {session:.1} s.\n\
         The test environment (PySpark, pyarrow, pandas, Dask, the test tools and the wheel) takes {venv_mb:.0} MB; {install}.\n\
         \n\
         Measured with `cargo xtask spark` (Java 17, `local[2]`).",
        cli_errors = number(&["cli_errors"]),
        pipe = number(&["pipe", "records"]),
        pipe_errors = number(&["pipe", "errors"]),
        first = number(&["pipe", "first_job_seconds"]),
        session = number(&["pipe", "session_seconds"]),
        pipe_submit = number(&["pipe", "submit_seconds"]),
        pandas_submit = number(&["mapInPandas", "submit_seconds"]),
        pandas = number(&["mapInPandas", "records"]),
        pandas_errors = number(&["mapInPandas", "errors"]),
        dask_seconds = number(&["dask", "seconds"]),
        dask = number(&["dask", "records"]),
        dask_errors = number(&["dask", "errors"]),
        ratio = warm / cli,
        install = if reused {
            "this run reused it (`ABRIDGE_REUSE_VENV=1`)".to_owned()
        } else {
            format!("it took {install_seconds:.0} s to install, the wheel's build included")
        },
    )
}

/// Bytes in the files under `dir`.
fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => dir_size(&entry.path()),
            Ok(kind) if kind.is_file() => entry.metadata().map_or(0, |meta| meta.len()),
            _ => 0,
        })
        .sum()
}
