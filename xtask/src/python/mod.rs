//! `cargo xtask python`: builds the `abridge-rs` wheel and tests it.
//!
//! 1. A throw-away virtual environment under `target/python/venv` gets
//!    maturin, pytest, mypy and pandas from PyPI, pinned in
//!    `xtask/python/requirements.txt`.
//! 2. maturin builds the wheel of `crates/python` (release, `abi3`: one
//!    wheel for every CPython from 3.9 on) into `target/python/wheels`, and
//!    it is installed into the environment.
//! 3. pytest runs `crates/python/tests` against the installed wheel, with
//!    the release `abridge` binary for the tests that compare with the
//!    command line; `mypy --strict` and `mypy.stubtest` check the stubs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::Context;

use crate::util;

mod figures;

/// The environment, the wheel and the binary, ready for a task to use.
pub struct Installed {
    pub venv: PathBuf,
    pub binary: PathBuf,
}

impl Installed {
    pub fn python(&self) -> PathBuf {
        self.venv.join("bin/python")
    }
}

/// Builds the binary and the wheel, and installs the wheel into a fresh
/// environment at `work/venv` with the test requirements and `extra`.
/// With `ABRIDGE_REUSE_VENV=1` an environment left by an earlier run is
/// kept (only the wheel is installed again), to iterate quickly.
pub fn install(work: &Path, extra: Option<&Path>) -> anyhow::Result<Installed> {
    let binary = util::release_binary()?;
    std::fs::create_dir_all(work).with_context(|| format!("{}: cannot create", work.display()))?;
    let venv = work.join("venv");
    let started = Instant::now();
    let reuse = std::env::var_os("ABRIDGE_REUSE_VENV").is_some_and(|value| value == "1")
        && venv.join("bin/python").exists();
    if reuse {
        util::note(&format!("python: reusing {}", venv.display()));
    } else {
        util::make_venv(&venv, &util::root().join("xtask/python/requirements.txt"))?;
    }
    if let Some(requirements) = extra.filter(|_| !reuse) {
        util::run_command(
            Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check", "--no-input", "-r"])
                .arg(requirements),
        )?;
    }
    util::note(&format!("python: environment ready in {:.1} s", started.elapsed().as_secs_f64()));
    let wheels = work.join("wheels");
    if wheels.exists() {
        std::fs::remove_dir_all(&wheels)
            .with_context(|| format!("{}: cannot remove", wheels.display()))?;
    }
    let built = Instant::now();
    util::run_command(
        Command::new(venv.join("bin/maturin"))
            .args(["build", "--release", "--quiet", "--interpreter"])
            .arg(venv.join("bin/python"))
            .arg("--out")
            .arg(&wheels)
            .current_dir(util::root().join("crates/python")),
    )?;
    let wheel = std::fs::read_dir(&wheels)
        .with_context(|| format!("{}: cannot read", wheels.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|extension| extension == "whl"))
        .with_context(|| format!("maturin wrote no wheel into {}", wheels.display()))?;
    util::note(&format!(
        "python: built {} in {:.1} s",
        wheel.file_name().unwrap_or_default().to_string_lossy(),
        built.elapsed().as_secs_f64()
    ));
    util::run_command(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "--no-deps"])
            .args(["--force-reinstall"])
            .arg(&wheel),
    )?;
    Ok(Installed { venv, binary })
}

/// Whether a Python to build environments with is on this machine.
pub fn available() -> bool {
    Command::new(util::python())
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    match args {
        [] => check().map(drop),
        [figures] if figures == "figures" => figures::run(),
        _ => anyhow::bail!("usage: cargo xtask python [figures]"),
    }
}

/// Builds, installs and tests the package; returns the environment, so
/// that `cargo xtask ci` can run the Spark check in it without a second
/// install.
pub fn check() -> anyhow::Result<Installed> {
    let started = Instant::now();
    let work = util::target_dir().join("python");
    let installed = install(&work, None)?;
    let package = util::root().join("crates/python");
    util::run_command(
        Command::new(installed.python())
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"])
            .env("ABRIDGE_BIN", &installed.binary)
            .current_dir(&package),
    )?;
    // Type-check the installed package (its stubs and its Python layer),
    // from a folder where the source tree cannot shadow it.
    util::run_command(
        Command::new(installed.python())
            .args(["-m", "mypy", "--strict", "--no-incremental", "-p", "abridge"])
            .current_dir(&work),
    )?;
    util::run_command(
        Command::new(installed.python())
            .args(["-m", "mypy.stubtest", "abridge"])
            .current_dir(&work),
    )?;
    util::note(&format!("python: ok in {:.1} s", started.elapsed().as_secs_f64()));
    Ok(installed)
}
