//! `cargo xtask bench detect`: what content detection of the input format
//! costs on plain text (issue 13: "format detection is cheap").
//!
//! Runs the release binary's `abridge batch -q -j 1` on the first
//! [`DOCS`] documents of cnndm_test twice under callgrind, with
//! `--input-format text` (no detection) and with the default `auto` (every
//! sniffer on each document's head), and compares the instructions of the
//! whole process. Instruction counts do not depend on the load of a shared
//! machine, as times do. The two outputs must be byte-identical (detection
//! never fires on plain prose), and the extra instructions must stay below
//! [`LIMIT_PERCENT`]. Needs `valgrind`.
//!
//! Then, without callgrind, it runs the whole of each corpus of
//! [`PLAIN_CORPORA`] both ways and checks that the outputs are
//! byte-identical: the recognisers never fire on plain prose.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, bail, ensure};

use crate::util;

/// Documents of cnndm_test measured.
const DOCS: usize = 300;

/// Corpora of plain prose whose summaries must not change with detection.
const PLAIN_CORPORA: &[&str] =
    &["cnndm_test/cnndm_test.jsonl", "bbc_news_summary/bbc_news_summary.jsonl"];

/// The most detection may add, in per cent of the instructions without it.
const LIMIT_PERCENT: f64 = 5.0;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    ensure!(args.is_empty(), "`cargo xtask bench detect` takes no arguments");
    let corpora = util::corpora_dir().context("no corpora: set ABRIDGE_CORPORA")?;
    let corpus = corpora.join("cnndm_test/cnndm_test.jsonl");
    let text = std::fs::read_to_string(&corpus)
        .with_context(|| format!("{}: cannot read", corpus.display()))?;
    let scratch = util::target_dir().join("bench-detect");
    std::fs::create_dir_all(&scratch)?;
    let input = scratch.join("cnndm_test-head.jsonl");
    let head: String = text.lines().take(DOCS).map(|line| format!("{line}\n")).collect();
    std::fs::write(&input, head)?;
    let binary = util::release_binary()?;
    let (plain, plain_out) = instructions(&binary, &input, "text", &scratch)?;
    let (auto, auto_out) = instructions(&binary, &input, "auto", &scratch)?;
    ensure!(
        std::fs::read(&plain_out)? == std::fs::read(&auto_out)?,
        "the output with detection differs from --input-format text ({} and {})",
        plain_out.display(),
        auto_out.display()
    );
    let percent = 100.0 * (auto as f64 - plain as f64) / plain as f64;
    util::note(&format!(
        "bench detect: first {DOCS} documents of cnndm_test, abridge batch -q -j 1: {:.1} M instructions with --input-format text, {:.1} M with detection (auto): {percent:+.1}%, outputs identical",
        plain as f64 / 1e6,
        auto as f64 / 1e6
    ));
    if percent >= LIMIT_PERCENT {
        bail!("format detection costs {percent:.1}% more instructions, {LIMIT_PERCENT}% allowed");
    }
    for name in PLAIN_CORPORA {
        let corpus = corpora.join(name);
        if !corpus.is_file() {
            util::note(&format!("bench detect: skipping {name}: not in {}", corpora.display()));
            continue;
        }
        let outputs: Vec<Vec<u8>> = ["text", "auto"]
            .iter()
            .map(|format| -> anyhow::Result<Vec<u8>> {
                let output = Command::new(&binary)
                    .args(["batch", "-q", "-j", "1", "--input-format", format])
                    .arg(&corpus)
                    .stderr(Stdio::inherit())
                    .output()
                    .with_context(|| format!("cannot run {}", binary.display()))?;
                ensure!(output.status.success(), "abridge batch {name} failed ({})", output.status);
                Ok(output.stdout)
            })
            .collect::<anyhow::Result<_>>()?;
        ensure!(outputs[0] == outputs[1], "{name}: summaries differ with format detection");
        let records = outputs[1].iter().filter(|&&byte| byte == b'\n').count();
        util::note(&format!(
            "bench detect: {name}: {records} summaries, byte-identical with detection"
        ));
    }
    Ok(())
}

/// The instructions callgrind counts for one run, and its output file.
fn instructions(
    binary: &Path,
    input: &Path,
    format: &str,
    scratch: &Path,
) -> anyhow::Result<(u64, std::path::PathBuf)> {
    let output = scratch.join(format!("out-{format}.jsonl"));
    let log = scratch.join(format!("callgrind-{format}.log"));
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!(
            "--callgrind-out-file={}",
            scratch.join(format!("callgrind-{format}.out")).display()
        ))
        .arg(format!("--log-file={}", log.display()))
        .arg(binary)
        .args(["batch", "-q", "-j", "1", "--input-format", format])
        .arg(input)
        .stdout(Stdio::from(std::fs::File::create(&output)?))
        .status()
        .context("cannot run valgrind (is it installed?)")?;
    ensure!(status.success(), "valgrind abridge batch --input-format {format} failed ({status})");
    let log_text = std::fs::read_to_string(&log)?;
    let collected = log_text
        .lines()
        .find_map(|line| line.split_once("Collected :").map(|(_, count)| count.trim().to_owned()))
        .with_context(|| format!("{}: no instruction count", log.display()))?;
    let count = collected.replace(',', "").parse().context("callgrind's count is no number")?;
    Ok((count, output))
}
