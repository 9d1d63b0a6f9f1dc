//! `cargo xtask parity`: abridge's ROUGE against Google's `rouge-score`.
//!
//! 1. `abridge eval --per-doc` writes the summaries of `lead`,
//!    `tfidf-position` and `oracle` on samples of four corpora (1,350
//!    (reference, summary) pairs, 300 of them with 11 references) with
//!    abridge's scores.
//! 2. A throw-away virtual environment gets `rouge-score` from PyPI, pinned
//!    in `xtask/parity/requirements.txt`.
//! 3. `xtask/parity/parity.py` scores the same pairs with `rouge-score`
//!    (`use_stemmer=True`, `score_multi`) and fails if any precision, recall
//!    or F1 differs by more than 1e-6. It prints the largest difference.
//!
//! Without the corpora the check is skipped with a note.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::Context;

use crate::util;

/// The largest difference allowed between abridge and `rouge-score`.
const TOLERANCE: &str = "1e-6";

/// Fewer pairs than this fails the check.
const MIN_PAIRS: &str = "500";

/// Corpus, budget flags and number of documents of each sample.
const SAMPLES: &[(&str, &[&str], &str)] = &[
    ("cnndm_test", &["-n", "3"], "200"),
    ("bbc_news_summary", &["--ratio", "0.4"], "100"),
    ("xsum_humaneval", &["-n", "1"], "50"),
    ("cnndm_summeval", &["-n", "3"], "100"),
];

/// The systems whose summaries are scored.
const SYSTEMS: &str = "lead,tfidf-position,oracle";

pub fn run() -> anyhow::Result<()> {
    let Some(corpora) = util::corpora_dir() else {
        util::note(
            "skipping the ROUGE parity check: no corpora (set ABRIDGE_CORPORA or add ../shared/corpora)",
        );
        return Ok(());
    };
    let start = Instant::now();
    let binary = util::release_binary()?;
    let work = util::target_dir().join("parity");
    if work.exists() {
        std::fs::remove_dir_all(&work)
            .with_context(|| format!("{}: cannot remove", work.display()))?;
    }
    std::fs::create_dir_all(&work).with_context(|| format!("{}: cannot create", work.display()))?;

    let mut files: Vec<String> = Vec::new();
    for (name, budget, limit) in SAMPLES {
        let corpus = corpora.join(name).join(format!("{name}.jsonl"));
        let per_doc = work.join(format!("{name}.per-doc.jsonl"));
        let corpus = path_str(&corpus)?;
        let per_doc_str = path_str(&per_doc)?;
        let mut args = vec!["eval", "--corpus", corpus.as_str(), "--scorer", SYSTEMS];
        args.extend_from_slice(budget);
        args.extend_from_slice(&["--limit", limit, "--resamples", "0", "--format", "json"]);
        args.extend_from_slice(&["--per-doc", per_doc_str.as_str()]);
        util::run_abridge(&binary, &args, None)?;
        files.push(corpus);
        files.push(per_doc_str);
    }

    let venv = work.join("venv");
    let install = Instant::now();
    let requirements = util::root().join("xtask/parity/requirements.txt");
    util::make_venv(&venv, &requirements)?;
    util::note(&format!(
        "parity: rouge-score installed in {:.1} s",
        install.elapsed().as_secs_f64()
    ));

    let script = util::root().join("xtask/parity/parity.py");
    let result = util::run_command(
        Command::new(venv.join("bin/python"))
            .arg(&script)
            .args(["--tolerance", TOLERANCE, "--min-pairs", MIN_PAIRS])
            .args(&files),
    );
    // The environment is thrown away, whatever the outcome.
    let _ = std::fs::remove_dir_all(&venv);
    result?;
    util::note(&format!("parity: ok in {:.1} s", start.elapsed().as_secs_f64()));
    Ok(())
}

fn path_str(path: &Path) -> anyhow::Result<String> {
    path.to_str()
        .map(str::to_owned)
        .with_context(|| format!("{}: path is not UTF-8", path.display()))
}
