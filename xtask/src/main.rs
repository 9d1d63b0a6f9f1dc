//! `cargo xtask`: the project's scripts, in Rust so they run wherever cargo does.
//!
//! - `cargo xtask ci`: everything CI checks (format, lints, tests, docs,
//!   benches compile, and the corpus checks when the corpora are present).
//! - `cargo xtask acceptance`: the checks on the real corpora alone.
//! - `cargo xtask bench batch`: throughput and peak memory of `abridge
//!   batch` on cnndm_test, into `docs/results.md`.
//! - `cargo xtask bench sentences`: `abridge sentences` against the
//!   `sentencex` crate, whole process, on the UD texts.
//! - `cargo xtask bench detect`: the instructions content detection of the
//!   input format adds on plain text (callgrind), with a 5% limit;
//!   `--before BINARY` compares with an older build.
//! - `cargo xtask eval`: the ROUGE suite on the real corpora; writes
//!   `docs/results.md` and the README's results.
//! - `cargo xtask parity`: abridge's ROUGE against Google's `rouge-score`.
//! - `cargo xtask python`: builds the `abridge-rs` wheel, installs it in a
//!   throw-away virtual environment and runs its tests and type checks.
//! - `cargo xtask spark`: the Spark and Dask examples in local mode, checked
//!   against `abridge batch`.
//! - `cargo xtask sbd [--record] [--ud-only]`: the sentence boundary Golden Rules, and
//!   boundary F1 on running text (Universal Dependencies) against the recorded figures.
//! - `cargo xtask fuzz [--time S] [TARGET…]`: the libFuzzer targets in `fuzz/`.
//! - `cargo xtask worst-case`: time and memory on hostile inputs.
//! - `cargo xtask tune [--limit N]`: fits the default scorer's weights on
//!   the dev corpora by leave-one-corpus-out cross-validation; writes
//!   `docs/tuning.md`.
//! - `cargo xtask langid`: how often language detection names each corpus's
//!   language.
//! - `cargo xtask man [DIR]`: the man pages, from the clap definitions.
//! - `cargo xtask html`: main-content extraction on the HTML benchmarks
//!   (`../shared/html`), into `docs/results.md`.
//! - `cargo xtask cjk`: the time to summarise 1 MB of generated Chinese and
//!   Japanese.
//! - `cargo xtask cluster [--no-speed]`: multi-document summaries on
//!   cstnews_mds (ROUGE recall) and the speed of `abridge batch` on
//!   generated clusters, into `docs/results.md`.

mod acceptance;
mod bench;
mod bench_detect;
mod bench_sentences;
mod cjk;
mod cluster;
mod eval;
mod fuzz;
mod html;
mod html_checks;
mod html_metrics;
mod langid;
mod man;
mod parity;
mod python;
mod sbd;
mod sbd_ud;
mod spark;
mod tune;
mod util;
mod worst;

use anyhow::bail;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        print_help();
        return Ok(());
    };
    match task.as_str() {
        "ci" => ci(rest),
        "acceptance" => acceptance::run(),
        "bench" => bench::run(rest),
        "eval" => eval::run(),
        "parity" => parity::run(),
        "python" => python::run(rest),
        "spark" => spark::run(rest),
        "tune" => tune::run(rest),
        "sbd" => sbd::run(rest),
        "langid" => langid::run(),
        "man" => man::run(rest),
        "cjk" => cjk::run(),
        "cluster" => cluster::run(rest),
        "fuzz" => fuzz::run(rest),
        "html" => html::run(rest),
        "worst-case" => worst::run(),
        "measure" => bench::measure_child(rest),
        "help" | "--help" | "-h" => {
            print_help();
            Ok(())
        }
        other => bail!("unknown task '{other}'; try `cargo xtask help`"),
    }
}

fn print_help() {
    println!(
        "cargo xtask <task>\n\n\
         tasks:\n  \
         ci           format, lints, tests, docs, benches compile, corpus checks\n  \
         acceptance   the checks on the real corpora (needs ABRIDGE_CORPORA or ../shared/corpora)\n  \
         bench batch  throughput and peak memory of `abridge batch`, into docs/results.md\n  \
         bench sentences  `abridge sentences` against the sentencex crate, whole process, into docs/results.md\n  \
         bench detect [--before BINARY]  instructions format detection adds on plain text (callgrind; fails at 5%)\n  \
         eval         the ROUGE suite on the real corpora; writes docs/results.md and the README's results\n  \
         parity       abridge's ROUGE against rouge-score from PyPI, in a throw-away virtual environment\n  \
         python       build the abridge-rs wheel, install it in a throw-away virtual environment, run pytest, mypy and stubtest\n  \
         spark        the Spark (pipe, mapInPandas) and Dask examples in local mode against abridge batch (needs Java and the corpora)\n  \
         tune [--limit N]  fits tfidf-position's weights on the dev corpora, leaving one corpus out; writes docs/tuning.md\n  \
         sbd          the sentence boundary Golden Rules and F1 on running text (needs ABRIDGE_SBD or ../shared/sbd;\n               --record writes xtask/sbd/ud-baseline.json and docs/results.md, --ud-only skips the rules)\n  \
         langid       how often language detection names each corpus's language (needs the corpora)\n  \
         man [DIR]    the man pages of abridge, from its clap definitions, into DIR (default <target>/man)\n  \
         cjk          time to summarise 1 MB of generated Chinese and Japanese, every strategy\n  \
         cluster      multi-document summaries on cstnews_mds (recall) and batch speed on generated clusters (--no-speed skips it)\n  \
         html         main-content extraction on ../shared/html (--check, --record), into docs/results.md\n  \
         fuzz         the libFuzzer targets in fuzz/ (--time SECONDS, default 60; names to pick some)\n  \
         worst-case   time and peak memory of abridge summarize on generated hostile inputs, into docs/results.md"
    );
}

fn ci(args: &[String]) -> anyhow::Result<()> {
    if !args.is_empty() {
        bail!("`cargo xtask ci` takes no arguments");
    }
    util::cargo(&["fmt", "--all", "--check"], &[])?;
    util::cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    util::cargo(&["test", "--workspace"], &[])?;
    util::cargo(
        &["doc", "--workspace", "--no-deps", "--document-private-items"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    util::cargo(&["bench", "--workspace", "--no-run"], &[])?;
    util::cargo(&["run", "--quiet", "--package", "abridge", "--example", "custom_scorer"], &[])?;
    match util::corpora_dir() {
        Some(_) => {
            acceptance::run()?;
            parity::run()?;
        }
        None => util::note(
            "skipping the corpus checks: no corpora (set ABRIDGE_CORPORA or add ../shared/corpora)",
        ),
    }
    if python::available() {
        let installed = python::check()?;
        spark::ci(&installed)?;
    } else {
        util::note(
            "skipping the Python package and the Spark and Dask check: no python3 (set PYTHON to one)",
        );
    }
    match html::dir() {
        Some(_) => util::cargo(
            &["run", "--release", "--quiet", "--package", "xtask", "--", "html", "--check"],
            &[],
        )?,
        None => util::note(
            "skipping the HTML benchmarks: none (set ABRIDGE_HTML or add ../shared/html)",
        ),
    }
    match sbd::dir() {
        Some(_) => sbd::run(&[])?,
        None => {
            util::note("skipping the Golden Rules: no cases (set ABRIDGE_SBD or add ../shared/sbd)")
        }
    }
    util::note("ci: all checks passed");
    Ok(())
}
