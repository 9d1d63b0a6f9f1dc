//! Default flags from a config file, as ripgrep's `RIPGREP_CONFIG_PATH`.
//!
//! `ABRIDGE_CONFIG_PATH` names a file of flags, one argument a line: a
//! flag and its value either on one line (`--scorer=lead`, `-n3`) or on
//! two (`--scorer` then `lead`). Blank lines and lines starting with `#`
//! are skipped. The flags go after the command name, before those of the
//! command line, and a flag given on the command line wins: the file's is
//! dropped (so are the file's budget flags when the command line has one).
//! A flag that the command does not take but another command does
//! (`--scorer` for `abridge sentences`) is skipped, so one file serves
//! every command; a flag no command takes is an error naming the line.
//! `--no-config` ignores the file.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::{Context, bail};
use clap::CommandFactory;
use clap::parser::ValueSource;

use crate::args::Cli;

/// The environment variable that names the config file.
pub const CONFIG_ENV: &str = "ABRIDGE_CONFIG_PATH";

/// The config file a run read, and the flags it took from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromConfig {
    /// The file, as `ABRIDGE_CONFIG_PATH` names it.
    pub path: PathBuf,
    /// The clap ids of the arguments taken from the file (`scorer`,
    /// `sentences`, …), in the file's order.
    pub ids: Vec<String>,
}

impl FromConfig {
    /// The keys of the JSON `settings` that came from the file:
    /// `language`, `scorer`, `budget`, `order`, `redundancy`.
    pub fn settings(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = Vec::new();
        for id in &self.ids {
            let key = match id.as_str() {
                "lang" => "language",
                "scorer" => "scorer",
                "sentences" | "words" | "chars" | "ratio" => "budget",
                "order" => "order",
                "redundancy" => "redundancy",
                "params" => "params",
                _ => continue,
            };
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }
}

static FROM_CONFIG: OnceLock<Option<FromConfig>> = OnceLock::new();

/// What this run took from its config file: `None` without a file.
pub fn from_config() -> Option<&'static FromConfig> {
    FROM_CONFIG.get().and_then(Option::as_ref)
}

/// The command line with the config file's flags put in, remembered for
/// [`from_config`].
pub fn args_with_config(argv: Vec<OsString>) -> anyhow::Result<Vec<OsString>> {
    let path = std::env::var_os(CONFIG_ENV).filter(|path| !path.is_empty()).map(PathBuf::from);
    let no_config =
        argv.iter().skip(1).take_while(|arg| *arg != "--").any(|arg| arg == "--no-config");
    let (argv, from_config) = match path {
        Some(path) if !no_config => {
            let contents = std::fs::read_to_string(&path).with_context(|| {
                format!("{}: cannot read the config file named by {CONFIG_ENV}", path.display())
            })?;
            let (argv, ids) = merge(argv, &contents).with_context(|| {
                format!("{} (the config file named by {CONFIG_ENV})", path.display())
            })?;
            (argv, Some(FromConfig { path, ids }))
        }
        _ => (argv, None),
    };
    let _ = FROM_CONFIG.set(from_config);
    Ok(argv)
}

/// One flag of the config file, with its value if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ConfigFlag {
    line: usize,
    /// As written: `--scorer`, `-n`.
    flag: String,
    /// Its arguments as they go on the command line: `["--scorer", "lead"]`.
    args: Vec<String>,
}

/// Puts the flags of `contents` into `argv`; returns the new command line
/// and the ids of the arguments the file gave.
fn merge(argv: Vec<OsString>, contents: &str) -> anyhow::Result<(Vec<OsString>, Vec<String>)> {
    let mut command = Cli::command();
    command.build();
    // Let clap report a bad command line itself, without the file's flags.
    let Ok(matches) = command.clone().try_get_matches_from(&argv) else {
        return Ok((argv, Vec::new()));
    };
    let Some((name, sub_matches)) = matches.subcommand() else {
        return Ok((argv, Vec::new()));
    };
    let Some(subcommand) = command.find_subcommand(name) else {
        return Ok((argv, Vec::new()));
    };
    let mut inserted: Vec<OsString> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for flag in read_flags(contents, &command)? {
        let Some(arg) = find_arg(subcommand, &flag.flag) else {
            // Another command's flag.
            continue;
        };
        let id = arg.get_id().as_str();
        let given = |id: &str| sub_matches.value_source(id) == Some(ValueSource::CommandLine);
        let group_given = subcommand.get_groups().any(|group| {
            let members: Vec<&str> = group.get_args().map(|member| member.as_str()).collect();
            members.contains(&id) && members.iter().any(|member| given(member))
        });
        if given(id) || group_given || ids.iter().any(|taken| taken == id) && !is_repeatable(arg) {
            continue;
        }
        inserted.extend(flag.args.into_iter().map(OsString::from));
        if !ids.iter().any(|taken| taken == id) {
            ids.push(id.to_owned());
        }
    }
    // The command name is the first argument that is not a flag (the only
    // flag before it is the boolean -q).
    let at = argv
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, arg)| !arg.to_string_lossy().starts_with('-'))
        .map_or(argv.len(), |(index, _)| index + 1);
    let mut merged = argv;
    merged.splice(at..at, inserted);
    Ok((merged, ids))
}

fn is_repeatable(arg: &clap::Arg) -> bool {
    matches!(arg.get_action(), clap::ArgAction::Append | clap::ArgAction::Count)
}

/// The flags of a config file, each with its value, checked against every
/// command's flags.
fn read_flags(contents: &str, command: &clap::Command) -> anyhow::Result<Vec<ConfigFlag>> {
    let mut lines = contents
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'));
    let mut flags = Vec::new();
    while let Some((line, text)) = lines.next() {
        let (flag, inline) = split_flag(text).with_context(|| {
            format!("line {line}: '{text}' is not a flag (one flag a line, its value after = or on the next line)")
        })?;
        if flag == "--no-config" {
            bail!("line {line}: --no-config belongs on the command line, not in the config file");
        }
        let Some(arg) = std::iter::once(command)
            .chain(command.get_subcommands())
            .find_map(|candidate| find_arg(candidate, &flag))
        else {
            bail!("line {line}: no abridge command takes the flag '{flag}'");
        };
        let mut args = vec![flag.clone()];
        if arg.get_action().takes_values() {
            match inline {
                Some(value) => args.push(value),
                None => match lines.next() {
                    Some((_, value)) => args.push(value.to_owned()),
                    None => bail!("line {line}: '{flag}' needs a value on the next line"),
                },
            }
        } else if let Some(value) = inline {
            bail!("line {line}: '{flag}' takes no value, but is given '{value}'");
        }
        flags.push(ConfigFlag { line, flag, args });
    }
    Ok(flags)
}

/// `--name=value` → (`--name`, `value`); `-n3` → (`-n`, `3`); `--name` and
/// `-n` alone have no value. `None` for a line that is not a flag.
fn split_flag(text: &str) -> Option<(String, Option<String>)> {
    if let Some(long) = text.strip_prefix("--") {
        if long.is_empty() {
            return None;
        }
        return Some(match long.split_once('=') {
            Some((name, value)) => (format!("--{}", name.trim()), Some(value.trim().to_owned())),
            None => (text.to_owned(), None),
        });
    }
    let short = text.strip_prefix('-')?;
    let mut chars = short.chars();
    let letter = chars.next()?;
    let rest = chars.as_str().trim_start_matches('=').trim();
    Some((format!("-{letter}"), (!rest.is_empty()).then(|| rest.to_owned())))
}

/// The argument of `command` that `flag` (`--scorer`, `-n`) names, by
/// name or alias.
fn find_arg<'c>(command: &'c clap::Command, flag: &str) -> Option<&'c clap::Arg> {
    command.get_arguments().find(|arg| {
        if let Some(long) = flag.strip_prefix("--") {
            arg.get_long() == Some(long)
                || arg.get_all_aliases().is_some_and(|aliases| aliases.contains(&long))
        } else {
            let short = flag.strip_prefix('-').and_then(|short| short.chars().next());
            short.is_some() && arg.get_short() == short
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(argv: &[&str], contents: &str) -> (Vec<String>, Vec<String>) {
        let argv = argv.iter().map(OsString::from).collect();
        let (merged, ids) = merge(argv, contents).unwrap();
        (merged.into_iter().map(|arg| arg.into_string().unwrap()).collect(), ids)
    }

    #[test]
    fn file_flags_go_after_the_command_and_lose_to_the_command_line() {
        let file = "# defaults\n--scorer=lead\n\n-n\n2\n--format json\n--glob=*.text\n";
        let file = file.replace("--format json", "--format\njson");
        let (argv, ids) = merged(&["abridge", "-q", "summarize", "a.txt"], &file);
        assert_eq!(
            argv,
            [
                "abridge",
                "-q",
                "summarize",
                "--scorer",
                "lead",
                "-n",
                "2",
                "--format",
                "json",
                "a.txt"
            ]
        );
        assert_eq!(ids, ["scorer", "sentences", "format"]);
        // The command line's scorer and budget win; --glob is batch's, skipped.
        let (argv, ids) =
            merged(&["abridge", "summarize", "--words", "20", "--scorer", "luhn"], &file);
        assert_eq!(
            argv,
            ["abridge", "summarize", "--format", "json", "--words", "20", "--scorer", "luhn"]
        );
        assert_eq!(ids, ["format"]);
        let (argv, _) = merged(&["abridge", "batch", "dir"], &file);
        assert!(argv.contains(&"--glob".to_owned()), "{argv:?}");
    }

    #[test]
    fn repeatable_flags_add_up() {
        let file = "--param=position_weight=0.5\n--param\nprior.decay=6\n";
        let (argv, ids) = merged(&["abridge", "summarize"], file);
        assert_eq!(
            argv,
            ["abridge", "summarize", "--param", "position_weight=0.5", "--param", "prior.decay=6"]
        );
        assert_eq!(ids, ["params"]);
    }

    #[test]
    fn bad_files_name_the_line() {
        let argv = || vec![OsString::from("abridge"), OsString::from("summarize")];
        for (file, words) in [
            (
                "--scorer=lead\n--colour=always\n",
                "line 2: no abridge command takes the flag '--colour'",
            ),
            ("lead\n", "line 1: 'lead' is not a flag"),
            ("\n--scorer", "line 2: '--scorer' needs a value"),
            ("--explain=yes", "'--explain' takes no value"),
            ("--no-config", "belongs on the command line"),
        ] {
            let message = format!("{:#}", merge(argv(), file).unwrap_err());
            assert!(message.contains(words), "{file:?}: {message}");
        }
    }

    #[test]
    fn settings_name_the_json_keys() {
        let from = FromConfig {
            path: PathBuf::from("c"),
            ids: ["words", "format", "scorer", "sentences", "lang"].map(String::from).to_vec(),
        };
        assert_eq!(from.settings(), ["budget", "scorer", "language"]);
    }
}
