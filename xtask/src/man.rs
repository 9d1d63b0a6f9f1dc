//! `cargo xtask man [DIR]`: the man pages, generated from the clap
//! definitions of the `abridge` command (clap_mangen, through the hidden
//! `abridge man --out-dir DIR`), into DIR or `<target>/man`.

use std::path::PathBuf;

use anyhow::bail;

use crate::util;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let dir = match args {
        [] => util::target_dir().join("man"),
        [dir] => PathBuf::from(dir),
        _ => bail!("usage: cargo xtask man [DIR]"),
    };
    let dir = if dir.is_absolute() { dir } else { std::env::current_dir()?.join(dir) };
    let out_dir = dir.display().to_string();
    util::cargo(
        &["run", "--quiet", "--package", "abridge-cli", "--", "man", "--out-dir", &out_dir],
        &[],
    )?;
    util::note(&format!("man pages in {out_dir}; read one with `man -l {out_dir}/abridge.1`"));
    Ok(())
}
