//! Helpers shared by the tasks.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Prints a progress note on standard error.
pub fn note(message: &str) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("xtask: {message}");
    }
}

/// Runs `cargo <args>` in the workspace root and fails if it fails.
pub fn cargo(args: &[&str], env: &[(&str, &str)]) -> anyhow::Result<()> {
    note(&format!("cargo {}", args.join(" ")));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .status()
        .with_context(|| format!("cannot run cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}

/// Where the evaluation corpora are: `ABRIDGE_CORPORA`, else
/// `../shared/corpora` beside the workspace, if it exists.
pub fn corpora_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ABRIDGE_CORPORA") {
        return Some(PathBuf::from(dir));
    }
    let default = root().join("../shared/corpora");
    default.is_dir().then_some(default)
}

/// The target directory: `CARGO_TARGET_DIR`, else `target/` in the root.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// The Python to build virtual environments with: `PYTHON`, else
/// `python3`.
pub fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Runs `command`, showing it, and fails if it fails.
pub fn run_command(command: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{command:?}");
    note(&shown);
    let status = command.status().with_context(|| format!("cannot run {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// Creates a fresh virtual environment at `venv` (removing an old one)
/// and installs `requirements` into it from PyPI.
pub fn make_venv(venv: &Path, requirements: &Path) -> anyhow::Result<()> {
    if venv.exists() {
        std::fs::remove_dir_all(venv)
            .with_context(|| format!("{}: cannot remove", venv.display()))?;
    }
    run_command(Command::new(python()).args(["-m", "venv"]).arg(venv))?;
    run_command(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "--no-input", "-r"])
            .arg(requirements),
    )
}

/// Builds the release binary and returns its path.
pub fn release_binary() -> anyhow::Result<PathBuf> {
    cargo(&["build", "--release", "--package", "abridge-cli"], &[])?;
    Ok(target_dir().join("release").join("abridge"))
}

/// Runs the binary with `args` and `stdin`; returns stdout, failing on a
/// non-zero exit.
pub fn run_abridge(binary: &Path, args: &[&str], stdin: Option<&str>) -> anyhow::Result<String> {
    use std::io::Write;
    let mut child = Command::new(binary)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    let mut child_stdin = child.stdin.take().context("no stdin")?;
    let input = stdin.unwrap_or("").to_owned();
    let writer = std::thread::spawn(move || child_stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output()?;
    let _ = writer.join();
    if !output.status.success() {
        bail!(
            "abridge {} failed ({}): {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8(output.stdout)?)
}

/// The markers around a task's section of a generated Markdown file.
fn markers(name: &str) -> (String, String) {
    (format!("<!-- {name}:start -->"), format!("<!-- {name}:end -->"))
}

/// The section `name` of `text`, markers included, if it has one.
pub fn find_section<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let (start_marker, end_marker) = markers(name);
    let start = text.find(&start_marker)?;
    let end = text[start..].find(&end_marker)? + start + end_marker.len();
    Some(&text[start..end])
}

/// `old` with its section `name` replaced by `body` (between fresh
/// markers), or with the section appended when it has none.
pub fn replace_section(old: &str, name: &str, body: &str) -> String {
    let (start_marker, end_marker) = markers(name);
    let section = format!("{start_marker}\n{}\n{end_marker}", body.trim_end());
    match find_section(old, name) {
        Some(existing) => old.replacen(existing, &section, 1),
        None => {
            let separator = if old.ends_with('\n') { "\n" } else { "\n\n" };
            format!("{old}{separator}{section}\n")
        }
    }
}

/// Writes `body` as the section `name` of the Markdown file at `path`,
/// creating the file if it is absent.
pub fn write_section(path: &Path, name: &str, body: &str) -> anyhow::Result<()> {
    let old = match std::fs::read_to_string(path) {
        Ok(old) => old,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => "# Results\n".to_owned(),
        Err(error) => {
            return Err(error).with_context(|| format!("{}: cannot read", path.display()));
        }
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, replace_section(&old, name, body))
        .with_context(|| format!("{}: cannot write", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_replaced_in_place_or_appended() {
        let old =
            "# Results\n\n## Eval\n\n<!-- batch:start -->\nold\n<!-- batch:end -->\n\n## More\n";
        assert_eq!(
            replace_section(old, "batch", "new\n"),
            "# Results\n\n## Eval\n\n<!-- batch:start -->\nnew\n<!-- batch:end -->\n\n## More\n"
        );
        assert_eq!(
            replace_section("# Results\n", "worst-case", "rows"),
            "# Results\n\n<!-- worst-case:start -->\nrows\n<!-- worst-case:end -->\n"
        );
        assert_eq!(
            find_section(old, "batch"),
            Some("<!-- batch:start -->\nold\n<!-- batch:end -->")
        );
        assert_eq!(find_section(old, "worst-case"), None);
    }
}
