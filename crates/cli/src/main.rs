//! The `abridge` command: argument parsing, I/O, output formats and exit
//! codes, over the `abridge` library.
//!
//! Exit codes: 0 success; 1 the input could not be summarised (empty, no
//! sentence with words, nothing fits the budget); 2 usage or I/O error.
//! A closed standard output (`abridge … | head -1`) ends the run quietly
//! with 0.

mod args;
mod batch;
mod cluster;
mod completions;
mod config;
mod eval;
mod eval_protocol;
mod formats;
mod input;
mod interrupt;
mod sentences;
mod summarize;
mod warc;
mod web;

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

use crate::args::{Cli, Command};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done.
    Success,
    /// The run went through, but some input could not be summarised.
    Failed,
    /// A signal stopped the run after a whole document (see `interrupt`).
    Interrupted,
}

/// Exit code for usage and I/O errors.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let argv = match config::args_with_config(std::env::args_os().collect()) {
        Ok(argv) => argv,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "abridge: error: {error:#}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let mut cli = Cli::parse_from(argv);
    QUIET.store(cli.quiet, Ordering::Relaxed);
    if let Command::Batch(args) = &mut cli.command {
        args.quiet = cli.quiet;
    }
    match run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Ok(Outcome::Interrupted) => ExitCode::from(interrupt::EXIT_INTERRUPTED),
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
        Command::Completions(args) => completions::completions(&args, &mut out)?,
        Command::Man(args) => completions::man(&args, &mut out)?,
    };
    out.flush()?;
    Ok(outcome)
}

/// Whether `-q/--quiet` was given: warnings are not printed.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Whether `-q/--quiet` was given.
pub fn is_quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Prints a warning on standard error, unless `-q/--quiet`.
pub fn warn(message: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        let _ = writeln!(std::io::stderr(), "abridge: warning: {message}");
    }
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

/// One sentence per line in text output: the library's own form.
pub use abridge::one_line;
