//! Integration tests that run the `abridge` binary.

// `abridge summarize`: budgets, scorers, formats, furniture.
mod summarize;
// Bad input: missing files, directories, invalid UTF-8, empty input, closed pipes.
mod bad_input;
// `abridge sentences`.
mod sentences;
// `abridge eval`: ROUGE on tiny corpora we wrote, bad lines included.
mod eval;
// Other languages and scripts: detection, CJK full stops, right-to-left spans.
mod languages;
// `abridge batch`: inputs, error records, order, --out-dir (issue 6).
mod batch;
// Input formats: --input-format, detection, and each format's sample (issue 13).
mod formats;
// The habits of a command-line tool (issue 20): aliases, messages, config, completions.
mod habits;
// Batch runs stopped by Ctrl-C and resumed (issue 15).
mod interrupt;
// The README's examples, run through the binary (issue 20).
mod readme;
// Web pages: HTML files and records, URLs from a local server, web archives (issue 12).
mod web;
// `abridge summarize --cluster`: several documents, one summary (issue 17).
mod cluster;
// Questions: --query in summarize and batch, a record's `query` in batch and eval (issue 17).
mod query;

use assert_cmd::Command;

/// A short news story we wrote for the tests, with page furniture around it.
pub const STORY: &str = "\
Powered by
Sponsored by

Bridge reopens after repairs

CITY-BRIDGE/REPAIRS Workers on the Elm Street bridge | Daily Example

The Elm Street bridge reopened to traffic on Friday after eight months of repairs that cost the city $12 million.

Mayor Ana Ruiz said the bridge was safer than ever and thanked residents for their patience. Engineers replaced the steel deck and strengthened the piers against floods.

Traffic on the river road fell by a third while the bridge was closed, the city said. Shops near the bridge reported their best week of the year.

📣 Our city paper is now on Telegram. Click here to join our channel
";

/// The binary, without a config file of the caller's (`ABRIDGE_CONFIG_PATH`).
pub fn abridge() -> Command {
    let mut command = Command::cargo_bin("abridge").expect("the abridge binary is built");
    command.env_remove("ABRIDGE_CONFIG_PATH");
    command
}

pub fn stdout_lines(output: &std::process::Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Runs `abridge ARGS` on `input`, reads the first bytes of its output and
/// closes the pipe, like `abridge … | head -1`; returns how the run ended.
pub fn run_with_closed_stdout(args: &[&str], input: String) -> std::process::Output {
    use std::io::{Read, Write};
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("abridge"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("abridge starts");
    let mut stdin = child.stdin.take().expect("a stdin pipe");
    // The input is long, so that abridge is still writing when the reader goes away.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("a stdout pipe");
    let mut first = [0u8; 64];
    let _ = stdout.read(&mut first).expect("abridge writes something");
    drop(stdout);
    let output = child.wait_with_output().expect("abridge ends");
    let _ = writer.join();
    output
}
