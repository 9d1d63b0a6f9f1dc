//! `abridge batch` stopped by a signal: whole records only, exit 130, a
//! message, and `--skip-existing` going on from the last record (issue 15).
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `n` JSONL records of made-up news, long enough that a run takes a while.
fn corpus(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let text = format!(
            "The council of town {i} met on Monday to discuss the budget for the harbour. \
             Fishermen asked for a new sea wall after the storms of the winter. \
             The mayor said repairs to the north pier would start in spring. \
             Engineers from the coast guard will check every berth before the boats return. \
             Residents of town {i} can comment on the plans until the end of the month."
        );
        out.push_str(&serde_json::json!({ "id": format!("doc-{i}"), "text": text }).to_string());
        out.push('\n');
    }
    out
}

fn lines_in(path: &Path) -> usize {
    std::fs::read(path).map_or(0, |bytes| bytes.iter().filter(|&&b| b == b'\n').count())
}

/// Starts `abridge ARGS`, waits until `watch` has a line, sends SIGINT and
/// returns the exit code and standard error.
fn interrupt_when_written(args: &[&str], watch: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("abridge"))
        .args(args)
        .env_remove("ABRIDGE_CONFIG_PATH")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("abridge starts");
    let started = Instant::now();
    while lines_in(watch) == 0 {
        assert!(started.elapsed() < Duration::from_secs(120), "no output after 2 minutes");
        assert!(child.try_wait().expect("wait").is_none(), "the run ended before any output");
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed =
        Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill runs");
    assert!(killed.success());
    let output = child.wait_with_output().expect("abridge ends");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn interrupted_output_file_holds_whole_records() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("news.jsonl");
    std::fs::write(&input, corpus(20_000)).expect("input written");
    let out = dir.path().join("out.jsonl");
    let (code, stderr) = interrupt_when_written(
        &["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", "1"],
        &out,
    );
    assert_eq!(code, Some(130), "{stderr}");
    assert!(stderr.contains("interrupted after"), "{stderr}");
    let written = std::fs::read_to_string(&out).expect("output read");
    assert!(written.ends_with('\n'), "the last line is whole");
    let ids: Vec<String> = written
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("a whole JSON line");
            record["id"].as_str().expect("an id").to_owned()
        })
        .collect();
    assert!(!ids.is_empty() && ids.len() < 20_000, "{} records", ids.len());
    let expected: Vec<String> = (0..ids.len()).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, expected, "the first records, in order");
    let last = format!("the last with id doc-{}", ids.len() - 1);
    assert!(stderr.contains(&last), "{stderr}");
}

#[test]
fn skip_existing_goes_on_from_the_last_record() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("news.jsonl");
    std::fs::write(&input, corpus(1_500)).expect("input written");
    let whole = dir.path().join("whole");
    let status = Command::new(assert_cmd::cargo::cargo_bin("abridge"))
        .args(["batch", input.to_str().unwrap(), "--out-dir", whole.to_str().unwrap(), "-q"])
        .env_remove("ABRIDGE_CONFIG_PATH")
        .status()
        .expect("abridge runs");
    assert!(status.success());

    let out = dir.path().join("out");
    let partial = out.join("news.jsonl.partial");
    let (code, stderr) = interrupt_when_written(
        &["batch", input.to_str().unwrap(), "--out-dir", out.to_str().unwrap(), "-j", "1"],
        &partial,
    );
    assert_eq!(code, Some(130), "{stderr}");
    assert!(!out.join("news.jsonl").exists(), "an unfinished file is not taken for done");
    let done = lines_in(&partial);
    assert!(done > 0 && done < 1_500, "{done} records before the interruption");
    // A run killed outright can leave half a line: it is written again.
    let mut cut = std::fs::read(&partial).expect("partial read");
    cut.extend_from_slice(b"{\"id\":\"doc-");
    std::fs::write(&partial, cut).expect("partial written");

    let resumed = Command::new(assert_cmd::cargo::cargo_bin("abridge"))
        .args(["batch", input.to_str().unwrap(), "--out-dir", out.to_str().unwrap()])
        .arg("--skip-existing")
        .env_remove("ABRIDGE_CONFIG_PATH")
        .output()
        .expect("abridge runs");
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stderr));
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(stderr.contains(&format!("{} documents", 1_500 - done)), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(out.join("news.jsonl")).expect("resumed output"),
        std::fs::read_to_string(whole.join("news.jsonl")).expect("whole output"),
        "the resumed output is the output of one whole run"
    );
    assert!(!partial.exists());
}
