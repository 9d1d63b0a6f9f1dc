//! The README's examples are the binary's output (issue 20).
//!
//! Every `console` block of `README.md` is a session: `$ abridge …` lines
//! are run from the root of the repository, and the lines after one, up to
//! the next `$ `, are what it prints (standard output and standard error
//! as a terminal shows them). `$ cat FILE` shows a file the next commands
//! read: its lines are written to a scratch folder the commands run in,
//! and `$ echo $?` prints the exit code of the command before. The timing
//! at the end of `batch`'s summary line is not compared.
//!
//! `ABRIDGE_BLESS=1 cargo test -p abridge-cli --test tests readme` writes
//! the output of the current binary into the README instead of comparing.

// The helpers below are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One `$ ` line of a console block and the lines after it.
struct Step {
    command: String,
    output: Vec<String>,
}

/// The console blocks of `markdown`: for each, the line range of its body
/// and its steps.
fn console_blocks(markdown: &str) -> Vec<(std::ops::Range<usize>, Vec<Step>)> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        if lines[at] != "```console" {
            at += 1;
            continue;
        }
        let start = at + 1;
        let end = start + lines[start..].iter().position(|line| *line == "```").unwrap();
        let mut steps: Vec<Step> = Vec::new();
        for line in &lines[start..end] {
            match line.strip_prefix("$ ") {
                Some(command) => steps.push(Step { command: command.to_owned(), output: vec![] }),
                None => {
                    steps.last_mut().expect("a block starts with $").output.push(line.to_string())
                }
            }
        }
        blocks.push((start..end, steps));
        at = end + 1;
    }
    blocks
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Runs `command` (an `abridge` command line without quotes, with at most
/// a `< FILE` redirection) in `dir`; its output lines, standard error and
/// standard output through one pipe, and its exit code.
fn run(command: &str, dir: &Path) -> (Vec<String>, i32) {
    assert!(
        !command.contains(['"', '\'', '|']),
        "no quoting or pipes in README commands: {command}"
    );
    let (command, stdin) = match command.split_once(" < ") {
        Some((command, file)) => (command, Some(dir.join(file.trim()))),
        None => (command, None),
    };
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("abridge"), "{command}");
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_abridge"));
    child
        .args(words)
        .current_dir(dir)
        .env_remove("ABRIDGE_CONFIG_PATH")
        .stdout(writer.try_clone().unwrap())
        .stderr(writer);
    match stdin {
        Some(path) => child.stdin(std::fs::File::open(path).unwrap()),
        None => child.stdin(std::process::Stdio::null()),
    };
    let mut process = child.spawn().unwrap();
    // The builder holds copies of the pipe's writer: drop them, so that
    // reading ends when the command exits.
    drop(child);
    let mut output = String::new();
    reader.read_to_string(&mut output).unwrap();
    let status = process.wait().unwrap();
    (output.lines().map(str::to_owned).collect(), status.code().unwrap_or(-1))
}

/// `batch`'s summary line without its timing, which changes from run to
/// run: `abridge: 4 documents, 3 errors in 0.00 s (3507 documents/s)`.
fn untimed(line: &str) -> &str {
    match line.find(" errors in ").or_else(|| line.find(" error in ")) {
        Some(at) if line.starts_with("abridge: ") && line.ends_with(" documents/s)") => &line[..at],
        _ => line,
    }
}

#[test]
fn readme_examples_are_the_binarys_output() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let bless = std::env::var_os("ABRIDGE_BLESS").is_some();
    let scratch = tempfile::tempdir().unwrap();
    // The commands name files under corpora/.
    std::os::unix::fs::symlink(root().join("corpora"), scratch.path().join("corpora")).unwrap();
    let mut lines: Vec<String> = readme.lines().map(str::to_owned).collect();
    let mut mismatches = Vec::new();
    let mut n_commands = 0;
    // From the last block up, so that blessing keeps the earlier ranges.
    for (range, steps) in console_blocks(&readme).into_iter().rev() {
        let mut body = Vec::new();
        let mut last_code = 0;
        for step in steps {
            body.push(format!("$ {}", step.command));
            let actual = if let Some(file) = step.command.strip_prefix("cat ") {
                let contents: String = step.output.iter().map(|line| format!("{line}\n")).collect();
                std::fs::write(scratch.path().join(file.trim()), contents).unwrap();
                step.output.clone()
            } else if step.command == "echo $?" {
                vec![last_code.to_string()]
            } else {
                n_commands += 1;
                let (output, code) = run(&step.command, scratch.path());
                last_code = code;
                output
            };
            let same = actual.len() == step.output.len()
                && actual.iter().zip(&step.output).all(|(a, e)| untimed(a) == untimed(e));
            if !same {
                mismatches.push(format!(
                    "$ {}\n--- README\n{}\n--- binary\n{}",
                    step.command,
                    step.output.join("\n"),
                    actual.join("\n")
                ));
            }
            body.extend(if same { step.output } else { actual });
        }
        lines.splice(range, body);
    }
    assert!(n_commands >= 10, "only {n_commands} README commands found");
    if bless {
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    } else {
        assert!(
            mismatches.is_empty(),
            "README examples differ from the binary's output (ABRIDGE_BLESS=1 rewrites them):\n\n{}",
            mismatches.join("\n\n")
        );
    }
}
