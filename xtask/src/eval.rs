//! `cargo xtask eval`: the standard ROUGE suite on the real corpora.
//!
//! Runs `abridge eval` (release build) with every scorer plus the oracle on
//! each corpus of [`SUITE`], times `lead` and `tfidf-position` on all of
//! cnndm_test, and writes `docs/results.md` and the headline rows of the
//! README (between `<!-- results:begin -->` and `<!-- results:end -->`,
//! and between `<!-- languages:begin -->` and `<!-- languages:end -->`).
//! Every number in them comes from this run.
//!
//! The corpora in other languages are scored with `--tokenizer unicode`
//! (`rouge-score`'s own tokenizer drops every letter outside `[a-z]`), and
//! the default strategy runs a second time with `--force-lang en`, so that
//! the table shows what the language's stop words, stemmer and elisions
//! are worth; the difference comes with a paired bootstrap interval. The
//! language detection table ([`crate::langid`]) and the 1 MB Chinese and
//! Japanese timings ([`crate::cjk`]) go into the same file.
//!
//! It then checks the acceptance figures and fails, after writing, if any
//! is missed: on cnndm_test, Lead-3 within 0.5 of what `rouge-score` gives
//! and the oracle at least 50 ROUGE-1; on orangesum, sueddeutsche_de and
//! temario, the default strategy's ROUGE-1 at least Lead's and above its
//! own with `--force-lang en`; detection right on 98% of the documents of
//! every non-English corpus; 1 MB of Chinese or Japanese summarised in
//! under a second.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::{cjk, langid, util};

/// One corpus of the suite.
pub(crate) struct Corpus {
    pub(crate) name: &'static str,
    pub(crate) budget: &'static [&'static str],
    about: &'static str,
    /// The corpus language, for the corpora not in English: scored with
    /// `--tokenizer unicode`, with a `--force-lang en` row.
    pub(crate) language: Option<&'static str>,
    /// Whether issue 7's acceptance figures apply.
    acceptance: bool,
}

/// The standard suite: also the dev corpora of `cargo xtask tune`.
pub(crate) const SUITE: &[Corpus] = &[
    Corpus {
        name: "cnndm_test",
        budget: &["-n", "3"],
        about: "CNN/DailyMail test sample, one reference (the highlights), 3 sentences.",
        language: None,
        acceptance: false,
    },
    Corpus {
        name: "bbc_news_summary",
        budget: &["--ratio", "0.4"],
        about: "BBC News Summary, one extractive reference, 40% of the sentences.",
        language: None,
        acceptance: false,
    },
    Corpus {
        name: "xsum_humaneval",
        budget: &["-n", "1"],
        about: "XSum human-evaluation articles, one single-sentence reference, 1 sentence.",
        language: None,
        acceptance: false,
    },
    Corpus {
        name: "cnndm_summeval",
        budget: &["-n", "3"],
        about: "SummEval's CNN/DailyMail articles, 11 references each (best per variant), 3 sentences.",
        language: None,
        acceptance: false,
    },
    Corpus {
        name: "scitldr",
        budget: &["-n", "1"],
        about: "SciTLDR (paper abstracts), 3.2 one-sentence TLDRs each on average (best per variant), 1 sentence.",
        language: None,
        acceptance: false,
    },
    Corpus {
        name: "orangesum",
        budget: &["-n", "1"],
        about: "OrangeSum (French news), one abstract of 1–2 sentences (median 1, 32 words, about 1.3 article sentences), 1 sentence.",
        language: Some("fr"),
        acceptance: true,
    },
    Corpus {
        name: "sueddeutsche_de",
        budget: &["-n", "1"],
        about: "Süddeutsche Zeitung (German news, articles cut to about 300 words), one teaser of 22 words on average (about 1.4 article sentences), 1 sentence.",
        language: Some("de"),
        acceptance: true,
    },
    Corpus {
        name: "temario",
        budget: &["--ratio", "0.3"],
        about: "TeMário (Brazilian Portuguese news), one professional abstract of about a third of the article's words, 30% of the sentences.",
        language: Some("pt"),
        acceptance: true,
    },
    Corpus {
        name: "cstnews_sds",
        budget: &["--ratio", "0.3"],
        about: "CSTNews single-document summaries (Brazilian Portuguese news), one abstract of about 30% of the article's words, 30% of the sentences.",
        language: Some("pt"),
        acceptance: false,
    },
];

/// The strategy whose language resources are put to the test.
const DEFAULT_SCORER: &str = "tfidf-position";

/// Every scorer that exists, plus the oracle.
const SYSTEMS: &str = "all,oracle";

/// Rows the README shows for each corpus.
const HEADLINE: &[&str] = &["lead", "tfidf-position", "oracle"];

/// How often the speed run is repeated.
const SPEED_RUNS: usize = 3;

const README_BEGIN: &str = "<!-- results:begin -->";
const README_END: &str = "<!-- results:end -->";
const README_LANGUAGES_BEGIN: &str = "<!-- languages:begin -->";
const README_LANGUAGES_END: &str = "<!-- languages:end -->";

pub fn run() -> anyhow::Result<()> {
    let corpora =
        util::corpora_dir().context("no corpora: set ABRIDGE_CORPORA or add ../shared/corpora")?;
    let shown_corpora = if std::env::var_os("ABRIDGE_CORPORA").is_some() {
        "$ABRIDGE_CORPORA".to_owned()
    } else {
        "../shared/corpora".to_owned()
    };
    let binary = util::release_binary()?;
    let machine = machine_note();

    let mut results = String::new();
    let mut problems: Vec<String> = Vec::new();
    let mut headline = String::from(
        "| corpus | scorer | R-1 | R-2 | R-L | R-Lsum |\n|---|---|---:|---:|---:|---:|\n",
    );
    let mut languages_headline = String::from(
        "| corpus | language | budget | lead | tfidf-position | tfidf-position, `--force-lang en` | oracle |\n|---|---|---|---:|---:|---:|---:|\n",
    );
    let work = util::target_dir().join("xtask-eval");
    std::fs::create_dir_all(&work).with_context(|| format!("{}: cannot create", work.display()))?;
    let mut in_other_languages = false;
    let mut against_best = String::from(AGAINST_BEST_INTRO);
    for corpus in SUITE {
        let path = corpora.join(corpus.name).join(format!("{}.jsonl", corpus.name));
        let path_str = path.to_str().context("corpora path is not UTF-8")?;
        let mut args = vec!["eval", "--corpus", path_str, "--scorer", SYSTEMS];
        args.extend_from_slice(corpus.budget);
        if corpus.language.is_some() {
            args.extend_from_slice(&["--tokenizer", "unicode"]);
        }
        let per_doc = work.join(format!("{}.per-doc.jsonl", corpus.name));
        let per_doc_str = per_doc.to_str().context("target path is not UTF-8")?;
        if corpus.language.is_some() {
            args.extend_from_slice(&["--per-doc", per_doc_str]);
        }
        util::note(&format!("eval: {}", corpus.name));
        let start = Instant::now();
        let json = run_json(&binary, &args)?;
        let seconds = start.elapsed().as_secs_f64();

        let tokenizer_flag = if corpus.language.is_some() { " --tokenizer unicode" } else { "" };
        let shown = format!(
            "abridge eval --corpus {shown_corpora}/{0}/{0}.jsonl --scorer {SYSTEMS} {1}{tokenizer_flag}",
            corpus.name,
            corpus.budget.join(" ")
        );
        let docs = json["docs"].as_u64().unwrap_or(0);
        if corpus.language.is_some() && !in_other_languages {
            in_other_languages = true;
            results.push_str(OTHER_LANGUAGES_INTRO);
        }
        let _ = writeln!(results, "## {}\n", corpus.name);
        let _ = writeln!(results, "{}", corpus.about);
        let _ = writeln!(
            results,
            "{} documents; the whole command took {seconds:.2} s.\n",
            thousands(docs)
        );
        let _ = writeln!(results, "```sh\n{shown}\n```\n");
        let mut rows = json["results"].as_array().context("no results")?.clone();

        if let Some(language) = corpus.language {
            let english_per_doc = work.join(format!("{}.en.per-doc.jsonl", corpus.name));
            let english_per_doc_str =
                english_per_doc.to_str().context("target path is not UTF-8")?;
            let mut english_args = vec!["eval", "--corpus", path_str, "--scorer", DEFAULT_SCORER];
            english_args.extend_from_slice(corpus.budget);
            english_args.extend_from_slice(&[
                "--tokenizer",
                "unicode",
                "--force-lang",
                "en",
                "--per-doc",
                english_per_doc_str,
            ]);
            let english = run_json(&binary, &english_args)?;
            let mut english_row = english["results"][0].clone();
            english_row["scorer"] = Value::from(format!("{DEFAULT_SCORER}, `--force-lang en`"));
            let position = rows.iter().position(|row| row["scorer"] == DEFAULT_SCORER);
            rows.insert(position.map_or(rows.len(), |position| position + 1), english_row.clone());
            results.push_str(&table_of_rows(&rows)?);
            results.push('\n');

            let difference = paired_difference(&per_doc, &english_per_doc, DEFAULT_SCORER)?;
            let _ = writeln!(
                results,
                "```sh\nabridge eval --corpus {shown_corpora}/{0}/{0}.jsonl --scorer {DEFAULT_SCORER} {1} --tokenizer unicode --force-lang en\n```\n",
                corpus.name,
                corpus.budget.join(" ")
            );
            let _ = writeln!(
                results,
                "{DEFAULT_SCORER} in {language} minus {DEFAULT_SCORER} with `--force-lang en`, ROUGE-1 F1 × 100: {:+.2} (95% paired bootstrap interval {:+.2} to {:+.2}); the two chose different sentences in {} of {} documents.\n",
                difference.mean * 100.0,
                difference.low * 100.0,
                difference.high * 100.0,
                thousands(difference.differing as u64),
                thousands(difference.docs as u64),
            );
            let row = |name: &str| rows.iter().find(|row| row["scorer"] == name);
            let _ = writeln!(
                languages_headline,
                "| {} | {language} | {} | {} | {} | {} | {} |",
                corpus.name,
                corpus.budget.join(" "),
                row("lead").map_or_else(|| "?".to_owned(), |row| f1(row, "rouge1")),
                row(DEFAULT_SCORER).map_or_else(|| "?".to_owned(), |row| f1(row, "rouge1")),
                f1(&english_row, "rouge1"),
                row("oracle").map_or_else(|| "?".to_owned(), |row| f1(row, "rouge1")),
            );
            if corpus.acceptance {
                problems.extend(check_language(corpus.name, &rows, &english_row));
            }
        } else {
            results.push_str(&table_of_rows(&rows)?);
            results.push('\n');
        }

        let _ = writeln!(against_best, "{}", against_best_row(corpus, &rows));
        if corpus.name == "cnndm_test" {
            problems.extend(check_cnndm(&json));
        }
        if corpus.language.is_none() {
            for row in &rows {
                let scorer = row["scorer"].as_str().unwrap_or_default();
                if HEADLINE.contains(&scorer) {
                    let _ = writeln!(
                        headline,
                        "| {} | {scorer} | {} | {} | {} | {} |",
                        corpus.name,
                        f1(row, "rouge1"),
                        f1(row, "rouge2"),
                        f1(row, "rougeL"),
                        f1(row, "rougeLsum")
                    );
                }
            }
        }
    }

    util::note("eval: language detection");
    let detection = langid::measure(&corpora)?;
    problems.extend(langid::problems(&detection));
    results.push_str("## Language detection\n\n");
    results.push_str(
        "`cargo xtask langid` compares each document's `lang` with `Language::detect` (whatlang on the first KiB) and with what `--lang auto` chooses (the detection, or English below whatlang confidence 0.1).\n\n",
    );
    results.push_str(&langid::table(&detection));
    results.push('\n');
    let _ = writeln!(languages_headline);
    let detection_line: Vec<String> = detection
        .iter()
        .filter(|figure| figure.language != abridge::Language::English)
        .map(|figure| format!("{} {:.1}%", figure.corpus, figure.detect_share() * 100.0))
        .collect();
    let _ = writeln!(
        languages_headline,
        "Language detection names the corpus language for {}.",
        detection_line.join(", ")
    );

    util::note("eval: 1 MB of Chinese and Japanese");
    let (cjk_section, cjk_problems) = cjk::report(&binary)?;
    problems.extend(cjk_problems);
    results.push_str(&cjk_section);
    results.push('\n');

    let speed = speed(&binary, &corpora, &shown_corpora)?;

    let mut document = String::from("# Results\n\n");
    document.push_str(
        "This file is written by `cargo xtask eval`; do not edit it by hand, run the task again.\n",
    );
    let _ = writeln!(document, "{machine}\n");
    document.push_str(
        "Scores are ROUGE F1 × 100 as Google's `rouge-score` computes them (Porter stemmer on, summary sentences one per line for ROUGE-Lsum), averaged over the documents.\n\
         In brackets: the 95% percentile-bootstrap interval of the mean (1,000 resamples, fixed seed).\n\
         With several references, each variant takes the best reference (`score_multi`).\n\
         `oracle` is the greedy extractive oracle (mean of ROUGE-1 and ROUGE-2 F1 against the references, same budget, abridge's sentences): the ceiling for extraction.\n\
         docs/s counts summarising and scoring on all cores, not reading the corpus.\n\
         `abridge eval --format json` gives precision and recall as well.\n\n",
    );
    document.push_str(&against_best);
    document.push('\n');
    document.push_str(&results);
    document.push_str(&speed);
    let docs_dir = util::root().join("docs");
    std::fs::create_dir_all(&docs_dir).context("cannot create docs/")?;
    let results_path = docs_dir.join("results.md");
    // Keep the sections other tasks write between their markers.
    let old = std::fs::read_to_string(&results_path).unwrap_or_default();
    for name in [crate::bench::SECTION, crate::worst::SECTION] {
        if let Some(section) = util::find_section(&old, name) {
            let _ = write!(document, "\n{section}\n");
        }
    }
    std::fs::write(&results_path, document)
        .with_context(|| format!("{}: cannot write", results_path.display()))?;
    util::note(&format!("eval: wrote {}", results_path.display()));

    update_readme(README_BEGIN, README_END, &headline, &machine)?;
    update_readme(README_LANGUAGES_BEGIN, README_LANGUAGES_END, &languages_headline, &machine)?;
    if !problems.is_empty() {
        bail!("the results miss the acceptance figures:\n  {}", problems.join("\n  "));
    }
    util::note("eval: the results meet the acceptance figures");
    Ok(())
}

/// The table of the default against Lead and the best other strategy.
const AGAINST_BEST_INTRO: &str = "## The default against the best strategy\n\n\
For each corpus, the default strategy's ROUGE-1 / ROUGE-2 F1 beside Lead's and beside the best of the other strategies on that corpus (by ROUGE-1; the oracle left out), from the tables below.\n\
`cargo xtask tune` fits the default's weights on these corpora, leaving each out in turn: its held-out figures are in [tuning.md](tuning.md).\n\n\
| corpus | budget | default R-1 / R-2 | lead R-1 / R-2 | best strategy | best R-1 / R-2 | default − best, R-1 |\n\
|---|---|---:|---:|---|---:|---:|\n";

/// One row of [`AGAINST_BEST_INTRO`]'s table.
fn against_best_row(corpus: &Corpus, rows: &[Value]) -> String {
    let r1 = |row: &Value| row["rouge1"]["f"].as_f64().unwrap_or(f64::NAN) * 100.0;
    let both = |row: Option<&Value>| {
        row.map_or_else(
            || "?".to_owned(),
            |row| format!("{} / {}", f1(row, "rouge1"), f1(row, "rouge2")),
        )
    };
    let find = |name: &str| rows.iter().find(|row| row["scorer"] == name);
    let best = rows
        .iter()
        .filter(|row| row["scorer"] != DEFAULT_SCORER && row["scorer"] != "oracle")
        .filter(|row| !row["scorer"].as_str().unwrap_or_default().contains("force-lang"))
        .max_by(|a, b| r1(a).total_cmp(&r1(b)));
    let gap = match (find(DEFAULT_SCORER), best) {
        (Some(ours), Some(best)) => format!("{:+.2}", r1(ours) - r1(best)),
        _ => "?".to_owned(),
    };
    format!(
        "| {} | {} | {} | {} | {} | {} | {gap} |",
        corpus.name,
        corpus.budget.join(" "),
        both(find(DEFAULT_SCORER)),
        both(find("lead")),
        best.and_then(|row| row["scorer"].as_str()).unwrap_or("?"),
        both(best),
    )
}

/// The introduction of the corpora in other languages.
const OTHER_LANGUAGES_INTRO: &str = "## Other languages\n\n\
The corpora below are not in English, so they are scored with `--tokenizer unicode` (rougers' `unicode-v1` profile: NFKC and case folding, Unicode words, no stemming); `rouge-score`'s tokenizer would keep only the letters a to z.\n\
Each record's `lang` gives the language.\n\
The row `tfidf-position, --force-lang en` is the default strategy analysing the same texts as English: English stop words, the English stemmer, no elisions.\n\
Budgets follow the references' length in words: about one article sentence for OrangeSum and the Süddeutsche teasers, about 30% of the article for TeMário and CSTNews.\n\n";

/// Issue 7 on one corpus: the default strategy's ROUGE-1 is at least
/// Lead's and above its own with `--force-lang en`.
fn check_language(corpus: &str, rows: &[Value], english: &Value) -> Vec<String> {
    let r1 = |row: &Value| row["rouge1"]["f"].as_f64().unwrap_or(f64::NAN) * 100.0;
    let find = |name: &str| rows.iter().find(|row| row["scorer"] == name);
    let (Some(ours), Some(lead)) = (find(DEFAULT_SCORER), find("lead")) else {
        return vec![format!("{corpus}: no {DEFAULT_SCORER} or lead row")];
    };
    let mut problems = Vec::new();
    if r1(ours).is_nan() || r1(ours) < r1(lead) {
        problems.push(format!(
            "{corpus}: {DEFAULT_SCORER} ROUGE-1 {:.2} is below lead's {:.2}",
            r1(ours),
            r1(lead)
        ));
    }
    if r1(ours).is_nan() || r1(ours) <= r1(english) {
        problems.push(format!(
            "{corpus}: {DEFAULT_SCORER} ROUGE-1 {:.2} is not above its {:.2} with --force-lang en",
            r1(ours),
            r1(english)
        ));
    }
    problems
}

/// The mean per-document difference of one scorer's ROUGE-1 F1 between
/// two runs, with a 95% paired percentile-bootstrap interval.
#[derive(Debug)]
struct Difference {
    mean: f64,
    low: f64,
    high: f64,
    docs: usize,
    /// Documents whose chosen sentences differ.
    differing: usize,
}

/// Resamples of the paired bootstrap.
const PAIRED_RESAMPLES: usize = 1000;

fn paired_difference(ours: &Path, theirs: &Path, scorer: &str) -> anyhow::Result<Difference> {
    let read = |path: &Path| -> anyhow::Result<Vec<(f64, Value)>> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let mut rows = Vec::new();
        for line in text.lines() {
            let row: Value = serde_json::from_str(line)
                .with_context(|| format!("{}: a line is not JSON", path.display()))?;
            if row["scorer"] == scorer {
                let f = row["rouge1"]["f"].as_f64().context("a line without rouge1.f")?;
                rows.push((f, row["sentences"].clone()));
            }
        }
        Ok(rows)
    };
    let (ours, theirs) = (read(ours)?, read(theirs)?);
    if ours.len() != theirs.len() || ours.is_empty() {
        bail!("the per-document files of {scorer} do not pair up");
    }
    let differences: Vec<f64> = ours.iter().zip(&theirs).map(|(a, b)| a.0 - b.0).collect();
    let differing = ours.iter().zip(&theirs).filter(|(a, b)| a.1 != b.1).count();
    let (low, high) = paired_interval(&differences, PAIRED_RESAMPLES);
    Ok(Difference {
        mean: differences.iter().sum::<f64>() / differences.len() as f64,
        low,
        high,
        docs: differences.len(),
        differing,
    })
}

/// The 2.5th and 97.5th percentiles of the mean of `values` over
/// `resamples` bootstrap resamples (fixed seed).
fn paired_interval(values: &[f64], resamples: usize) -> (f64, f64) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| {
            let sum: f64 = (0..values.len()).map(|_| values[next(values.len())]).sum();
            sum / values.len() as f64
        })
        .collect();
    means.sort_by(f64::total_cmp);
    let at = |share: f64| means[((share * resamples as f64) as usize).min(resamples - 1)];
    (at(0.025), at(0.975))
}

/// Lead-3 that `rouge-score` gives on cnndm_test with a plain sentence split
/// (R-1, R-2, R-Lsum), and how far abridge's may be from it.
const LEAD3_CNNDM: [(&str, f64); 3] = [("rouge1", 40.0), ("rouge2", 17.4), ("rougeLsum", 36.3)];
const LEAD3_TOLERANCE: f64 = 0.5;

/// The greedy oracle must reach this ROUGE-1 on cnndm_test.
const ORACLE_CNNDM_MIN_R1: f64 = 50.0;

/// The acceptance figures of cnndm_test: what is missed, if anything.
fn check_cnndm(json: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let rows = json["results"].as_array().map(Vec::as_slice).unwrap_or_default();
    let row = |name: &str| rows.iter().find(|row| row["scorer"] == name);
    let f1 = |row: &Value, variant: &str| row[variant]["f"].as_f64().unwrap_or(f64::NAN) * 100.0;
    match row("lead") {
        Some(lead) => {
            for (variant, expected) in LEAD3_CNNDM {
                let value = f1(lead, variant);
                if value.is_nan() || (value - expected).abs() > LEAD3_TOLERANCE {
                    problems.push(format!(
                        "lead {variant} on cnndm_test is {value:.2}, not within {LEAD3_TOLERANCE} of {expected}"
                    ));
                }
            }
        }
        None => problems.push("no lead row for cnndm_test".to_owned()),
    }
    match row("oracle") {
        Some(oracle) if f1(oracle, "rouge1") >= ORACLE_CNNDM_MIN_R1 => {}
        Some(oracle) => problems.push(format!(
            "oracle rouge1 on cnndm_test is {:.2}, below {ORACLE_CNNDM_MIN_R1}",
            f1(oracle, "rouge1")
        )),
        None => problems.push("no oracle row for cnndm_test".to_owned()),
    }
    problems
}

/// Times `lead` and `tfidf-position` on all of cnndm_test, whole process.
fn speed(binary: &Path, corpora: &Path, shown_corpora: &str) -> anyhow::Result<String> {
    let path = corpora.join("cnndm_test/cnndm_test.jsonl");
    let path = path.to_str().context("corpora path is not UTF-8")?;
    let args = ["eval", "--corpus", path, "--scorer", "lead,tfidf-position", "-n", "3"];
    let mut seconds = Vec::with_capacity(SPEED_RUNS);
    let mut docs = 0;
    for _ in 0..SPEED_RUNS {
        let start = Instant::now();
        let json = run_json(binary, &[&args[..], &["--format", "json"]].concat())?;
        seconds.push(start.elapsed().as_secs_f64());
        docs = json["docs"].as_u64().unwrap_or(0);
    }
    seconds.sort_by(f64::total_cmp);
    let runs: Vec<String> = seconds.iter().map(|s| format!("{s:.2} s")).collect();
    let mut text = String::from("## Speed\n\n");
    let _ = writeln!(
        text,
        "`lead` and `tfidf-position` on all {} cnndm_test documents, 3 sentences, ROUGE and bootstrap included, timed as a whole process (reading the corpus too):\n",
        thousands(docs)
    );
    let _ = writeln!(
        text,
        "```sh\ntime abridge eval --corpus {shown_corpora}/cnndm_test/cnndm_test.jsonl --scorer lead,tfidf-position -n 3\n```\n"
    );
    let _ = writeln!(
        text,
        "Median of {SPEED_RUNS} runs: {:.2} s (runs: {}).",
        seconds[seconds.len() / 2],
        runs.join(", ")
    );
    text.push_str("The machine is shared, so the spread shows how busy it was.\n");
    Ok(text)
}

fn run_json(binary: &Path, args: &[&str]) -> anyhow::Result<Value> {
    let mut args = args.to_vec();
    if !args.contains(&"--format") {
        args.extend_from_slice(&["--format", "json"]);
    }
    let stdout = util::run_abridge(binary, &args, None)?;
    serde_json::from_str(&stdout).context("abridge eval did not print JSON")
}

fn table_of_rows(rows: &[Value]) -> anyhow::Result<String> {
    let mut text = String::from(
        "| scorer | R-1 | R-2 | R-L | R-Lsum | docs/s |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let scorer = row["scorer"].as_str().context("a result without a scorer")?;
        let _ = write!(text, "| {scorer} |");
        for variant in ["rouge1", "rouge2", "rougeL", "rougeLsum"] {
            let interval = &row[variant]["f_ci"];
            let _ = write!(
                text,
                " {} ({}–{}) |",
                f1(row, variant),
                percent(&interval[0]),
                percent(&interval[1])
            );
        }
        let _ = writeln!(text, " {:.0} |", row["docs_per_s"].as_f64().unwrap_or(0.0));
    }
    Ok(text)
}

fn f1(row: &Value, variant: &str) -> String {
    percent(&row[variant]["f"])
}

fn percent(value: &Value) -> String {
    value.as_f64().map_or_else(|| "?".to_owned(), |value| format!("{:.2}", value * 100.0))
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (idx, digit) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Replaces the README's section between `begin_marker` and `end_marker`
/// with `headline` and the machine note.
fn update_readme(
    begin_marker: &str,
    end_marker: &str,
    headline: &str,
    machine: &str,
) -> anyhow::Result<()> {
    let path = util::root().join("README.md");
    let readme = std::fs::read_to_string(&path).context("cannot read README.md")?;
    let (Some(begin), Some(end)) = (readme.find(begin_marker), readme.find(end_marker)) else {
        bail!("README.md has no {begin_marker} … {end_marker} section to update");
    };
    let mut updated = String::with_capacity(readme.len());
    updated.push_str(&readme[..begin + begin_marker.len()]);
    updated.push('\n');
    updated.push_str(headline);
    updated.push('\n');
    let _ = writeln!(updated, "{machine}");
    updated.push_str(&readme[end..]);
    std::fs::write(&path, updated).context("cannot write README.md")?;
    util::note("eval: updated the results in README.md");
    Ok(())
}

/// One line on when and where the numbers were made.
fn machine_note() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|load| load.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned());
    let commit = command_output("git", &["rev-parse", "--short", "HEAD"]);
    let dirty = command_output("git", &["status", "--porcelain", "--untracked-files=no"])
        .is_some_and(|status| !status.trim().is_empty());
    let rustc = command_output("rustc", &["--version"]).unwrap_or_else(|| "rustc ?".to_owned());
    format!(
        "Measured on {} at commit {}{} with {}, on {cores} cores ({cpu}), load average {load} at the start.",
        today(),
        commit.unwrap_or_else(|| "?".to_owned()),
        if dirty { " (with uncommitted changes)" } else { "" },
        rustc.trim(),
    )
}

fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let output =
        std::process::Command::new(program).args(args).current_dir(util::root()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_000), (2024, 10, 4));
    }

    #[test]
    fn paired_intervals_cover_the_mean() {
        let values: Vec<f64> = (0..200).map(|idx| f64::from(idx % 7) / 10.0 - 0.2).collect();
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let (low, high) = paired_interval(&values, 1000);
        assert!(low < mean && mean < high, "{low} {mean} {high}");
        assert!(high - low < 0.1);
        assert_eq!(paired_interval(&[0.5; 10], 100), (0.5, 0.5));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(4000), "4,000");
        assert_eq!(thousands(50), "50");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
