//! Shell integration, generated from the clap definitions: `abridge
//! completions SHELL` (clap_complete) and the man pages (`abridge man`,
//! hidden; `cargo xtask man` runs it).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::Outcome;
use crate::args::Cli;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write abridge.1 and one page per command (abridge-summarize.1, …)
    /// into DIR instead of printing abridge.1.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// Prints the completion script for `args.shell`.
pub fn completions(args: &CompletionsArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "abridge", out);
    Ok(Outcome::Success)
}

/// Prints the man page, or writes every page into `--out-dir`.
pub fn man(args: &ManArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let command = Cli::command();
    match &args.out_dir {
        None => clap_mangen::Man::new(command).render(out)?,
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("{}: cannot write the man pages", dir.display()))?;
        }
    }
    Ok(Outcome::Success)
}
