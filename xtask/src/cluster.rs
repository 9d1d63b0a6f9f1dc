//! `cargo xtask cluster`: multi-document summarisation (issue 17), measured.
//!
//! - **Quality** on `cstnews_mds` (50 Portuguese clusters of 2 or 3 news
//!   articles, one human multi-document summary each): ROUGE recall with
//!   `--tokenizer unicode`, at a word budget equal to the corpus's median
//!   reference length, of the cluster mode (`--cluster`) against joining the
//!   files and summarising the result (the record's `text`), with today's
//!   default and with lexrank. Fails when the cluster mode does not beat
//!   the joined default by 1.5 ROUGE-1 and 1.0 ROUGE-2.
//! - **Speed and memory** of `abridge batch` on 1,000 generated clusters of
//!   10 documents of 1,000 words: one thread (time per cluster) and every
//!   core (peak RSS, which must not grow with the number of clusters).
//!
//! Writes the `cluster` section of docs/results.md.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail, ensure};
use serde_json::Value;

use crate::bench::{Input, run_measured};
use crate::util;

/// The systems of the quality table: a label and the `abridge eval` flags.
const SYSTEMS: &[(&str, &[&str])] = &[
    ("joined files, tfidf-position (the default before clusters)", &["--scorer", "tfidf-position"]),
    ("joined files, lexrank", &["--scorer", "lexrank"]),
    ("joined files, lead", &["--scorer", "lead"]),
    (
        "**cluster, tfidf-position + concept coverage (the default)**",
        &["--scorer", "tfidf-position", "--cluster"],
    ),
    ("cluster, lexrank + concept coverage", &["--scorer", "lexrank", "--cluster"]),
    ("cluster, lead + concept coverage", &["--scorer", "lead", "--cluster"]),
    (
        "cluster, tfidf-position + MMR λ = 0.7",
        &["--scorer", "tfidf-position", "--cluster", "--cluster-mmr", "0.7"],
    ),
];

/// The acceptance margins over the joined default, in ROUGE points.
const MIN_GAIN_R1: f64 = 1.5;
const MIN_GAIN_R2: f64 = 1.0;

/// Generated clusters for the speed runs.
const N_CLUSTERS: usize = 1_000;
const DOCS_PER_CLUSTER: usize = 10;
const WORDS_PER_DOC: usize = 1_000;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let skip_speed = args.iter().any(|arg| arg == "--no-speed");
    let binary = util::release_binary()?;
    let corpora = util::corpora_dir().context(
        "cluster needs the corpora: set ABRIDGE_CORPORA or put them in ../shared/corpora",
    )?;
    let corpus = corpora.join("cstnews_mds/cstnews_mds.jsonl");
    let budget = median_reference_words(&corpus)?;
    util::note(&format!("cstnews_mds: median reference length {budget} words"));
    let mut rows = Vec::new();
    for (label, flags) in SYSTEMS {
        let budget_arg = budget.to_string();
        let mut args = vec!["eval", "--corpus", corpus.to_str().context("corpus path")?];
        args.extend(["--words", &budget_arg, "--tokenizer", "unicode", "--measure", "recall"]);
        args.extend(["--format", "json", "-q"]);
        args.extend(flags.iter().copied());
        let json: Value = serde_json::from_str(&util::run_abridge(&binary, &args, None)?)?;
        let result = &json["results"][0];
        rows.push((
            *label,
            flags.join(" "),
            Recall::of(&result["rouge1"]),
            Recall::of(&result["rouge2"]),
        ));
    }
    let (joined_r1, joined_r2) = (rows[0].2.mean, rows[0].3.mean);
    let (cluster_r1, cluster_r2) = (rows[3].2.mean, rows[3].3.mean);
    let gains = (cluster_r1 - joined_r1, cluster_r2 - joined_r2);
    let date = crate::bench::command_output("date", &["-u", "+%Y-%m-%d"])
        .unwrap_or_else(|| "unknown date".to_owned());
    let commit = crate::bench::command_output("git", &["rev-parse", "--short", "HEAD"])
        .unwrap_or_else(|| "unknown".to_owned());
    let mut body = String::new();
    let _ = writeln!(body, "## Clusters of documents (issue 17)\n\n### Quality: cstnews_mds\n");
    let _ = writeln!(
        body,
        "`cargo xtask cluster` on {date}, commit {commit}: 50 Portuguese news clusters (2 or 3 articles each), one human summary each; \
         `abridge eval --corpus cstnews_mds.jsonl --words {budget} --tokenizer unicode --measure recall`, {budget} words being the median reference length. \
         ROUGE **recall** × 100 (tokenizer `unicode-v1`, no stemming), nothing truncated, mean [95% bootstrap interval].\n",
    );
    body.push_str("| system | flags | R-1 recall | R-2 recall |\n|---|---|---:|---:|\n");
    for (label, flags, r1, r2) in &rows {
        let _ = writeln!(body, "| {label} | `{flags}` | {} | {} |", r1.cell(), r2.cell());
    }
    let _ = writeln!(
        body,
        "\nThe cluster mode against the joined files with the default: {:+.2} ROUGE-1, {:+.2} ROUGE-2 (acceptance: at least +{MIN_GAIN_R1} and +{MIN_GAIN_R2}).",
        gains.0, gains.1
    );
    if !skip_speed {
        body.push_str(&speed(&binary)?);
    }
    util::write_section(&util::root().join("docs/results.md"), "cluster", &body)?;
    util::note("cluster: wrote docs/results.md");
    #[allow(clippy::print_stdout)]
    {
        println!("{body}");
    }
    ensure!(
        gains.0 >= MIN_GAIN_R1 && gains.1 >= MIN_GAIN_R2,
        "cluster mode gains {:+.2} / {:+.2} ROUGE-1/2 recall over the joined default, below +{MIN_GAIN_R1} / +{MIN_GAIN_R2}",
        gains.0,
        gains.1
    );
    Ok(())
}

/// A mean recall with its interval, × 100.
struct Recall {
    mean: f64,
    low: f64,
    high: f64,
}

impl Recall {
    fn of(aggregate: &Value) -> Recall {
        let get = |value: &Value| value.as_f64().unwrap_or(f64::NAN) * 100.0;
        Recall {
            mean: get(&aggregate["r"]),
            low: get(&aggregate["r_ci"][0]),
            high: get(&aggregate["r_ci"][1]),
        }
    }

    fn cell(&self) -> String {
        format!("{:.2} ({:.2}–{:.2})", self.mean, self.low, self.high)
    }
}

/// The median number of white-space separated words of the corpus's first
/// references (the lower middle one when there are two).
fn median_reference_words(corpus: &Path) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(corpus)
        .with_context(|| format!("{}: cannot read", corpus.display()))?;
    let mut lengths: Vec<usize> = Vec::new();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let record: Value = serde_json::from_str(line)?;
        if let Some(reference) = record["summaries"][0].as_str() {
            lengths.push(reference.split_whitespace().count());
        }
    }
    ensure!(!lengths.is_empty(), "{}: no reference", corpus.display());
    lengths.sort_unstable();
    Ok(lengths[(lengths.len() - 1) / 2])
}

/// Times `abridge batch` on generated clusters, one thread and every core.
fn speed(binary: &Path) -> anyhow::Result<String> {
    let dir = util::target_dir().join("cluster-bench");
    std::fs::create_dir_all(&dir)?;
    let small = write_clusters(&dir.join("clusters-100.jsonl"), N_CLUSTERS / 10)?;
    let large = write_clusters(&dir.join("clusters.jsonl"), N_CLUSTERS)?;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "\n### Speed and memory: generated clusters\n\n\
         `abridge batch --lang en --words 100` on generated clusters of {DOCS_PER_CLUSTER} documents of {WORDS_PER_DOC} words \
         (`cargo xtask cluster` writes them into `<target>/cluster-bench/`), whole process, through `cargo xtask measure`; \
         {} cores, load average {} at the start.\n",
        std::thread::available_parallelism().map_or(1, usize::from),
        crate::bench::load_average()
    );
    text.push_str("| clusters | threads | wall s | ms per cluster | CPU ms per cluster | peak RSS MB |\n|---:|---:|---:|---:|---:|---:|\n");
    let mut per_cluster_ms = Vec::new();
    let mut per_cluster_cpu_ms = Vec::new();
    // Peak RSS on every core, per corpus size.
    let mut all_cores_rss_kb = Vec::new();
    for (path, n) in [(&small, N_CLUSTERS / 10), (&large, N_CLUSTERS)] {
        for threads in ["1", "0"] {
            // Median of three runs.
            let mut runs = Vec::new();
            for _ in 0..3 {
                let args = ["batch", "--lang", "en", "--words", "100", "-j", threads, "-q", "-"];
                let (run, output) = run_measured(binary, &args, Input::File(path.clone()))?;
                ensure!(
                    output.success && output.records == n as u64 && output.errors == 0,
                    "abridge {}: {} records, {} errors: {}",
                    args.join(" "),
                    output.records,
                    output.errors,
                    output.stderr
                );
                runs.push((
                    run.seconds,
                    run.cpu_seconds.unwrap_or(f64::NAN),
                    run.peak_rss_kb.unwrap_or(0),
                ));
            }
            runs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (seconds, cpu_seconds, rss_kb) = runs[1];
            let cpu_ms = cpu_seconds * 1000.0 / n as f64;
            let ms = seconds * 1000.0 / n as f64;
            if threads == "1" {
                per_cluster_ms.push(ms);
                per_cluster_cpu_ms.push(cpu_ms);
            } else {
                all_cores_rss_kb.push(rss_kb);
            }
            let shown = if threads == "0" { "all" } else { threads };
            let _ = writeln!(
                text,
                "| {n} | {shown} | {seconds:.2} | {ms:.2} | {cpu_ms:.2} | {} |",
                rss_kb / 1024
            );
        }
    }
    let _ = writeln!(
        text,
        "\nOne cluster of {DOCS_PER_CLUSTER} × {WORDS_PER_DOC} words takes {:.2} ms on one thread, reading and writing JSONL included (median of 3 runs; acceptance: under 20 ms), \
         and {:.2} ms of processor time (wall time counts the waits of a loaded machine too). \
         On every core, peak RSS is {} MB for {} clusters and {} MB for {}: the batch holds at most its window of clusters, not the input \
         (the task fails if ten times the clusters take more than 1.5 times the memory).",
        per_cluster_ms.last().copied().unwrap_or(f64::NAN),
        per_cluster_cpu_ms.last().copied().unwrap_or(f64::NAN),
        all_cores_rss_kb.first().copied().unwrap_or(0) / 1024,
        N_CLUSTERS / 10,
        all_cores_rss_kb.last().copied().unwrap_or(0) / 1024,
        N_CLUSTERS
    );
    if let [small_kb, large_kb] = all_cores_rss_kb[..] {
        ensure!(
            large_kb * 2 <= small_kb * 3,
            "peak RSS grows with the clusters: {small_kb} kB for {} and {large_kb} kB for {N_CLUSTERS}",
            N_CLUSTERS / 10
        );
    }
    if per_cluster_ms.last().is_some_and(|&ms| ms >= 20.0) {
        bail!(
            "a cluster takes {:.2} ms, not under 20 ms",
            per_cluster_ms.last().copied().unwrap_or(0.0)
        );
    }
    Ok(text)
}

/// Writes `n` generated clusters as JSONL records with `docs`; returns the path.
fn write_clusters(path: &Path, n: usize) -> anyhow::Result<PathBuf> {
    let file = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for cluster_idx in 0..n {
        let docs = generate_cluster(&mut rng);
        let record = serde_json::json!({
            "id": format!("generated-{cluster_idx}"),
            "docs": docs,
        });
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(path.to_owned())
}

/// Words that are stop words in English, so the generated text has their
/// share of running text.
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "a", "to", "in", "is", "was", "for", "on", "that", "with", "by", "at",
    "from", "it", "as", "were", "has", "had",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mer", "ti", "san", "do", "vel", "ra", "pen", "cu", "ost", "li", "bar", "ne", "fi",
    "tor", "em", "gu", "sha", "ril",
];

/// A small deterministic generator (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn pseudo_word(rng: &mut XorShift) -> String {
    let n = 2 + rng.below(2);
    (0..n).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()
}

/// One cluster: documents that share a topic vocabulary and a pool of
/// facts, each told again in other words by several documents.
fn generate_cluster(rng: &mut XorShift) -> Vec<String> {
    let topic: Vec<String> = (0..60).map(|_| pseudo_word(rng)).collect();
    let facts: Vec<Vec<String>> =
        (0..30).map(|_| (0..12).map(|_| topic[rng.below(topic.len())].clone()).collect()).collect();
    (0..DOCS_PER_CLUSTER)
        .map(|_| {
            let mut text = String::new();
            let mut words = 0;
            let mut sentence_idx = 0;
            while words < WORDS_PER_DOC {
                let n = 8 + rng.below(22);
                let fact = (rng.below(3) == 0).then(|| &facts[rng.below(facts.len())]);
                let mut sentence: Vec<String> = (0..n)
                    .map(|word_idx| {
                        if rng.below(5) < 2 {
                            FUNCTION_WORDS[rng.below(FUNCTION_WORDS.len())].to_owned()
                        } else if let Some(fact) = fact.filter(|_| rng.below(3) > 0) {
                            fact[word_idx % fact.len()].clone()
                        } else if rng.below(2) == 0 {
                            topic[rng.below(topic.len())].clone()
                        } else {
                            pseudo_word(rng)
                        }
                    })
                    .collect();
                if let Some(first) = sentence.first_mut() {
                    let mut chars = first.chars();
                    *first = chars
                        .next()
                        .map(|c| c.to_uppercase().chain(chars).collect())
                        .unwrap_or_default();
                }
                words += sentence.len();
                text.push_str(&sentence.join(" "));
                text.push('.');
                sentence_idx += 1;
                text.push_str(if sentence_idx % 3 == 0 { "\n\n" } else { " " });
            }
            text.trim_end().to_owned()
        })
        .collect()
}
