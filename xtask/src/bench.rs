//! `cargo xtask bench batch`: whole-process throughput and peak memory of
//! `abridge batch` on cnndm_test, written into `docs/results.md`.
//!
//! Each run starts the release binary with cnndm_test as its standard input
//! (JSONL in) and a file as its standard output (JSONL out); the records are
//! counted after the run, so a fast wrong answer cannot pass. Time is wall-clock time from start to
//! exit. Peak memory (the peak resident set size) and processor time come
//! from `wait4(2)` when the process ends: the kernel's own figures, exact
//! even for a run that lasts a millisecond.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail, ensure};
use wait4::Wait4 as _;

use crate::util;

/// Documents in cnndm_test.
const CNNDM_DOCS: u64 = 4_000;

/// The name of this task's section of `docs/results.md` (between markers;
/// other tasks write the rest of the file).
pub const SECTION: &str = "batch";

pub fn run(args: &[String]) -> anyhow::Result<()> {
    match args.split_first() {
        Some((what, rest)) if what == "batch" => batch(rest),
        Some((what, rest)) if what == "sentences" => crate::bench_sentences::run(rest),
        Some((what, rest)) if what == "detect" => crate::bench_detect::run(rest),
        _ => bail!("usage: cargo xtask bench batch|sentences [--runs N] | detect"),
    }
}

/// Runs two one-thread processes at once, each on the whole corpus, and
/// returns the wall time until both are done.
fn two_processes(binary: &Path, corpus: &Path) -> anyhow::Result<f64> {
    let started = Instant::now();
    let children: Vec<std::process::Child> = (0..2)
        .map(|_| -> anyhow::Result<std::process::Child> {
            Ok(Command::new(binary)
                .args(["batch", "-q", "-j", "1"])
                .stdin(Stdio::from(std::fs::File::open(corpus)?))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()?)
        })
        .collect::<anyhow::Result<_>>()?;
    for mut child in children {
        ensure!(child.wait()?.success(), "abridge batch -j 1 failed");
    }
    let seconds = started.elapsed().as_secs_f64();
    util::note(&format!(
        "two abridge batch -j 1 side by side: {seconds:.2} s, {:.0} docs/s together",
        2.0 * CNNDM_DOCS as f64 / seconds
    ));
    Ok(seconds)
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub(crate) seconds: f64,
    /// Processor time (user and system, all threads), when it could be read.
    pub(crate) cpu_seconds: Option<f64>,
    pub(crate) peak_rss_kb: Option<u64>,
}

/// Medians over the runs of one configuration.
#[derive(Debug)]
struct Row {
    label: String,
    documents: u64,
    threads: String,
    runs: usize,
    docs_per_second: f64,
    docs_per_cpu_second: Option<f64>,
    peak_rss_mb: Option<f64>,
}

fn batch(args: &[String]) -> anyhow::Result<()> {
    let runs = match args {
        [] => 5,
        [flag, n] if flag == "--runs" => n.parse().context("--runs takes a number")?,
        _ => bail!("usage: cargo xtask bench batch [--runs N]"),
    };
    ensure!(runs > 0, "--runs must be at least 1");
    let corpora =
        util::corpora_dir().context("no corpora: set ABRIDGE_CORPORA or add ../shared/corpora")?;
    let corpus = corpora.join("cnndm_test/cnndm_test.jsonl");
    ensure!(corpus.is_file(), "{}: not found", corpus.display());
    let binary = util::release_binary()?;
    let load_before = load_average();

    // One thread and two threads in turns, so that a burst of load from
    // other processes falls on both; the speed-up is the median of the
    // runs' ratios.
    // As a yardstick for two threads, two one-thread processes side by
    // side, each on the whole corpus: what this machine gives two
    // independent workers, with no sharing at all.
    let (mut one, mut two, mut apart) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        one.push(measure(&binary, &["batch", "-q", "-j", "1"], &corpus, 1, CNNDM_DOCS)?);
        two.push(measure(&binary, &["batch", "-q", "-j", "2"], &corpus, 1, CNNDM_DOCS)?);
        apart.push(two_processes(&binary, &corpus)?);
    }
    let speedup =
        median(one.iter().zip(&two).map(|(one, two)| one.seconds / two.seconds).collect());
    let apart_rate =
        median(apart.iter().map(|seconds| 2.0 * CNNDM_DOCS as f64 / seconds).collect());
    let mut rows = vec![
        row("cnndm_test, 1 thread".to_owned(), CNNDM_DOCS, "1", &one),
        row("cnndm_test, 2 threads".to_owned(), CNNDM_DOCS, "2", &two),
    ];
    let memory_runs = runs.min(3);
    for repeat in [1, 10] {
        let documents = CNNDM_DOCS * repeat as u64;
        let measured: Vec<Run> = (0..memory_runs)
            .map(|_| measure(&binary, &["batch", "-q"], &corpus, repeat, documents))
            .collect::<anyhow::Result<_>>()?;
        let label = format!("cnndm_test × {repeat} through stdin, all cores");
        rows.push(row(label, documents, "all", &measured));
    }
    // The long stream with one thread too: past the first few thousand
    // documents the caches are warm, and the speed-up is the steady one.
    let documents = CNNDM_DOCS * 10;
    let measured: Vec<Run> = (0..memory_runs)
        .map(|_| measure(&binary, &["batch", "-q", "-j", "1"], &corpus, 10, documents))
        .collect::<anyhow::Result<_>>()?;
    rows.push(row("cnndm_test × 10 through stdin, 1 thread".to_owned(), documents, "1", &measured));
    let huge = measure_huge_document(&binary)?;

    let load_after = load_average();
    let section = render(&rows, (speedup, apart_rate), huge, (load_before, load_after))?;
    #[allow(clippy::print_stdout)]
    {
        println!("{section}");
    }
    let results = util::root().join("docs/results.md");
    util::write_section(&results, SECTION, &section)?;
    util::note(&format!("bench batch: wrote {}", results.display()));
    Ok(())
}

fn row(label: String, documents: u64, threads: &str, runs: &[Run]) -> Row {
    let rates: Vec<f64> = runs.iter().map(|run| documents as f64 / run.seconds).collect();
    let cpu_rates: Vec<f64> =
        runs.iter().filter_map(|run| run.cpu_seconds).map(|cpu| documents as f64 / cpu).collect();
    let rss: Vec<f64> =
        runs.iter().filter_map(|run| run.peak_rss_kb).map(|kb| kb as f64 / 1024.0).collect();
    Row {
        label,
        documents,
        threads: threads.to_owned(),
        runs: runs.len(),
        docs_per_second: median(rates),
        docs_per_cpu_second: (cpu_rates.len() == runs.len()).then(|| median(cpu_rates)),
        peak_rss_mb: (!rss.is_empty()).then(|| median(rss)),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Runs `abridge <args>` with `corpus` on standard input `repeat` times over,
/// checks that it wrote `expected` records and no error, and measures it.
fn measure(
    binary: &Path,
    args: &[&str],
    corpus: &Path,
    repeat: usize,
    expected: u64,
) -> anyhow::Result<Run> {
    let input = if repeat == 1 {
        Input::File(corpus.to_path_buf())
    } else {
        Input::Repeat(corpus.to_path_buf(), repeat)
    };
    let (run, output) = run_measured(binary, args, input)?;
    ensure!(
        output.records == expected && output.errors == 0 && output.success,
        "abridge {} gave {} records and {} errors (expected {expected}, none): {}",
        args.join(" "),
        output.records,
        output.errors,
        output.stderr
    );
    util::note(&format!(
        "abridge {} ({repeat}× cnndm_test): {:.2} s, {:.0} docs/s, peak RSS {}",
        args.join(" "),
        run.seconds,
        expected as f64 / run.seconds,
        run.peak_rss_kb.map_or_else(|| "unknown".to_owned(), |kb| format!("{} MB", kb / 1024))
    ));
    Ok(run)
}

/// What a run reads on standard input.
pub(crate) enum Input {
    /// A file, given as standard input directly.
    File(PathBuf),
    /// A file so many times over, through a pipe.
    Repeat(PathBuf, usize),
    /// These bytes, through a pipe.
    Bytes(Vec<u8>),
}

/// What a run wrote.
pub(crate) struct Output {
    pub(crate) records: u64,
    pub(crate) errors: u64,
    pub(crate) success: bool,
    /// The exit code, when the process exited (not killed by a signal).
    pub(crate) code: Option<i32>,
    pub(crate) stderr: String,
}

/// Runs the binary on `input` and measures it. Standard output goes to a
/// file and is checked after the run, so that the harness takes as little
/// processor time as it can from the process it measures.
pub(crate) fn run_measured(
    binary: &Path,
    args: &[&str],
    input: Input,
) -> anyhow::Result<(Run, Output)> {
    let scratch = util::root().join("target/bench-batch");
    std::fs::create_dir_all(&scratch)?;
    let out_path = scratch.join("out.jsonl");
    let err_path = scratch.join("err.txt");
    let stdin = match &input {
        Input::File(path) => Stdio::from(
            std::fs::File::open(path)
                .with_context(|| format!("{}: cannot read", path.display()))?,
        ),
        Input::Repeat(..) | Input::Bytes(_) => Stdio::piped(),
    };
    // The run goes through a small measuring process (`xtask measure`, see
    // [`measure_child`]): a process's peak RSS as the kernel reports it
    // starts at the high-water mark of whatever process started it, and
    // this one may have held a 100 MB input a moment ago.
    let report_path = scratch.join("measure.txt");
    let mut child = Command::new(std::env::current_exe()?)
        .arg("measure")
        .arg(&report_path)
        .arg(binary)
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::from(std::fs::File::create(&out_path)?))
        .stderr(Stdio::from(std::fs::File::create(&err_path)?))
        .spawn()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || -> std::io::Result<()> {
            match input {
                Input::File(_) => Ok(()),
                Input::Repeat(path, repeat) => {
                    for _ in 0..repeat {
                        std::io::copy(&mut std::fs::File::open(&path)?, &mut stdin)?;
                    }
                    Ok(())
                }
                Input::Bytes(bytes) => stdin.write_all(&bytes),
            }
        })
    });
    let status = child.wait().context("cannot wait for the measuring process")?;
    ensure!(status.success(), "the measuring process failed: {status}");
    let report = std::fs::read_to_string(&report_path)
        .with_context(|| format!("{}: cannot read", report_path.display()))?;
    let [seconds, cpu_seconds, peak_rss_kb, code] =
        report.split_whitespace().collect::<Vec<_>>()[..]
    else {
        bail!("{}: not a measurement: {report:?}", report_path.display());
    };
    let seconds: f64 = seconds.parse()?;
    let cpu_seconds = Some(cpu_seconds.parse::<f64>()?);
    let peak_rss_kb = Some(peak_rss_kb.parse::<u64>()?);
    let code: Option<i32> = code.parse().ok();
    let status = Status { success: code == Some(0), code };
    if let Some(writer) = writer {
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("the feeding thread panicked"))?
            .with_context(|| format!("cannot feed abridge {}", args.join(" ")))?;
    }
    let (mut records, mut errors) = (0, 0);
    let mut line = Vec::new();
    let mut out = BufReader::with_capacity(1 << 16, std::fs::File::open(&out_path)?);
    while out.read_until(b'\n', &mut line)? > 0 {
        records += 1;
        if line.starts_with(b"{\"id\":") && contains(&line, b"\"error\":") {
            errors += 1;
        }
        line.clear();
    }
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    std::fs::remove_file(&out_path)?;
    Ok((
        Run { seconds, cpu_seconds, peak_rss_kb },
        Output { records, errors, success: status.success, code: status.code, stderr },
    ))
}

/// How the measured process ended.
struct Status {
    success: bool,
    /// The exit code; `None` when a signal ended it.
    code: Option<i32>,
}

/// `cargo xtask measure REPORT BINARY ARGS…`, run by [`run_measured`]:
/// runs `BINARY ARGS…` with this process's standard streams, waits for it
/// with `wait4(2)` and writes `seconds cpu-seconds peak-rss-kb exit-code`
/// into `REPORT` (the exit code is `signal` when a signal ended it).
///
/// The kernel's peak RSS is exact even for a run of a millisecond, where
/// sampling `/proc` would miss the end; it counts from the high-water mark
/// of the process that started the run, which is why the run is started
/// from this small process and not from the task that generated its input.
pub(crate) fn measure_child(args: &[String]) -> anyhow::Result<()> {
    let [report, binary, rest @ ..] = args else {
        bail!("usage: cargo xtask measure REPORT BINARY [ARGS…]");
    };
    let started = Instant::now();
    let mut child =
        Command::new(binary).args(rest).spawn().with_context(|| format!("cannot run {binary}"))?;
    let usage = child.wait4().with_context(|| format!("cannot wait for {binary}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let cpu = (usage.rusage.utime + usage.rusage.stime).as_secs_f64();
    let code = usage.status.code().map_or_else(|| "signal".to_owned(), |code| code.to_string());
    std::fs::write(report, format!("{seconds} {cpu} {} {code}\n", usage.rusage.maxrss / 1024))
        .with_context(|| format!("{report}: cannot write"))?;
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// A 50 MB document between two small ones: one record each, no panic.
/// Returns the time and peak memory.
fn measure_huge_document(binary: &Path) -> anyhow::Result<Run> {
    const PARAGRAPH: &str = "The harbour authority closed the port on Tuesday after a storm \
        broke the sea wall. Divers found a breach near the north pier, and repairs will take a \
        week. Fishing crews moved their boats to the river mooring until the engineers finish.";
    let mut huge = String::with_capacity(50 << 20);
    while huge.len() < 50 << 20 {
        huge.push_str(PARAGRAPH);
        huge.push_str("\n\n");
    }
    let small = serde_json::json!({"id": "small", "text": PARAGRAPH}).to_string();
    let big = serde_json::json!({"id": "huge", "text": huge}).to_string();
    let input = format!("{small}\n{big}\n{small}\n");
    let (run, output) = run_measured(binary, &["batch", "-q"], Input::Bytes(input.into_bytes()))?;
    ensure!(
        output.records == 3 && output.errors == 0 && output.success,
        "the 50 MB document gave {} records and {} errors: {}",
        output.records,
        output.errors,
        output.stderr
    );
    ensure!(!output.stderr.contains("panicked"), "abridge panicked: {}", output.stderr);
    util::note(&format!(
        "50 MB document: {:.2} s, peak RSS {}",
        run.seconds,
        run.peak_rss_kb.map_or_else(|| "unknown".to_owned(), |kb| format!("{} MB", kb / 1024))
    ));
    Ok(run)
}

pub(crate) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|load| load.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

pub(crate) fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

pub(crate) fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split(':').nth(1))
                .map(|model| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}

fn render(
    rows: &[Row],
    (speedup, apart_rate): (f64, f64),
    huge: Run,
    (load_before, load_after): (String, String),
) -> anyhow::Result<String> {
    use std::fmt::Write as _;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let commit = command_output("git", &["rev-parse", "--short", "HEAD"])
        .unwrap_or_else(|| "unknown".to_owned());
    let date =
        command_output("date", &["-u", "+%Y-%m-%d"]).unwrap_or_else(|| "unknown date".to_owned());
    let mb = |rss: Option<f64>| rss.map_or_else(|| "n/a".to_owned(), |mb| format!("{mb:.0}"));
    let mut out = String::new();
    writeln!(out, "## Batch throughput and memory")?;
    writeln!(out)?;
    writeln!(
        out,
        "`cargo xtask bench batch` on {date}, commit {commit}, {cores} cores ({}), load average {load_before} before and {load_after} after.",
        cpu_model()
    )?;
    writeln!(
        out,
        "Each run is the whole `abridge batch -q` process: cnndm_test as JSONL on standard input, JSONL out to a file, default settings (tfidf-position, 3 sentences, the language from each record's `lang`)."
    )?;
    writeln!(
        out,
        "Figures are medians over the runs; 1 and 2 threads run in turns, and the speed-up is the median of the runs' ratios."
    )?;
    writeln!(
        out,
        "Documents per processor-second (user and system time of all threads) change less with other load than documents per second of wall time; processor time and peak RSS are the kernel's, from `wait4(2)` when the process ends."
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| run | documents | threads | runs | documents/s | documents per processor-second | peak RSS (MB) |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
    for row in rows {
        writeln!(
            out,
            "| {} | {} | {} | {} | {:.0} | {} | {} |",
            row.label,
            row.documents,
            row.threads,
            row.runs,
            row.docs_per_second,
            row.docs_per_cpu_second.map_or_else(|| "n/a".to_owned(), |rate| format!("{rate:.0}")),
            mb(row.peak_rss_mb)
        )?;
    }
    writeln!(
        out,
        "| one 50 MB document between two small ones | 3 | all | 1 | {:.2} s in all | | {} |",
        huge.seconds,
        mb(huge.peak_rss_kb.map(|kb| kb as f64 / 1024.0))
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Two threads against one on cnndm_test: {speedup:.2}× (the median of the runs' ratios)."
    )?;
    if let (Some(all), Some(one)) = (
        rows.iter().find(|row| row.documents == 10 * CNNDM_DOCS && row.threads == "all"),
        rows.iter().find(|row| row.documents == 10 * CNNDM_DOCS && row.threads == "1"),
    ) {
        writeln!(
            out,
            "All cores against one thread on the 40,000-document stream, where the caches are warm: {:.2}×.",
            all.docs_per_second / one.docs_per_second
        )?;
    }
    writeln!(
        out,
        "Two one-thread processes side by side, each on the whole corpus, manage {apart_rate:.0} documents/s together: what this machine gives two workers that share nothing."
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn measures_the_peak_memory_and_exit_code_of_a_short_run() {
        let report = std::env::temp_dir().join(format!("xtask-measure-{}.txt", std::process::id()));
        // 64 MB touched for a moment, then exit code 3: over in milliseconds.
        let script = "x = bytearray(64 << 20); raise SystemExit(3)";
        let args: Vec<String> = [report.to_str().unwrap(), "python3", "-c", script]
            .into_iter()
            .map(str::to_owned)
            .collect();
        measure_child(&args).unwrap();
        let measured = std::fs::read_to_string(&report).unwrap();
        std::fs::remove_file(&report).unwrap();
        let fields: Vec<&str> = measured.split_whitespace().collect();
        let peak_kb: u64 = fields[2].parse().unwrap();
        assert!((64 << 10..1 << 20).contains(&peak_kb), "peak {peak_kb} kB");
        assert_eq!(fields[3], "3");
    }
}
