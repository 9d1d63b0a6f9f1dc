//! The `abridge` command: argument parsing, I/O, output formats and exit
//! codes, over the `abridge` library.
//!
//! Exit codes: 0 success; 1 the input could not be summarised (empty, no
//! sentence with words, nothing fits the budget); 2 usage or I/O error.
//! A closed standard output (`abridge … | head -1`) ends the run quietly
//! with 0.

mod args;
mod batch;
mod eval;
mod formats;
mod input;
mod sentences;
mod summarize;
mod warc;
mod web;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done.
    Success,
    /// The run went through, but some input could not be summarised.
    Failed,
}

/// Exit code for usage and I/O errors.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "abridge: error: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = match cli.command {
        Command::Summarize(args) => summarize::run(&args, &mut out)?,
        Command::Sentences(args) => sentences::run(&args, &mut out)?,
        Command::Batch(args) => batch::run(&args, &mut out)?,
        Command::Eval(args) => eval::run(&args, &mut out)?,
    };
    out.flush()?;
    Ok(outcome)
}

/// Prints a warning on standard error.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "abridge: warning: {message}");
}

/// Prints an error about one input on standard error.
pub fn report(message: &str) {
    let _ = writeln!(std::io::stderr(), "abridge: error: {message}");
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Collapses runs of white space (including line breaks inside a sentence)
/// into single spaces, so that text output has one sentence per line.
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}
