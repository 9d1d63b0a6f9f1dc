//! `cargo xtask sbd`, second part: sentence boundaries in running text.
//!
//! Reads the Universal Dependencies documents of `<sbd>/ud/*.jsonl` (the
//! record format and the metric are in that folder's README), gives each
//! document's whole text to one `abridge sentences --format json --lang xx`
//! run of the release binary, and scores the unit ends against the
//! annotators' sentence ends: boundary precision, recall and F1, micro
//! averaged, per set, per genre of the sets that have genres, and in the
//! "inner" variant that leaves paragraph ends out. The last boundary of a
//! document is dropped on both sides.
//!
//! The figures are compared with the ones recorded in
//! `xtask/sbd/ud-baseline.json`: the task fails when a set's F1 drops by
//! more than [`SET_TOLERANCE`] or a genre's by more than
//! [`GENRE_TOLERANCE`]. `cargo xtask sbd --record` writes the baseline and
//! the table of `docs/results.md` from the run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::{bench, util};

/// The largest drop of a set's F1 (in points) the gate lets pass.
const SET_TOLERANCE: f64 = 0.3;

/// The largest drop of a genre's F1 (in points) the gate lets pass.
const GENRE_TOLERANCE: f64 = 1.0;

/// The sets whose genres are reported and gated.
const SETS_WITH_GENRES: &[&str] = &["en_ewt", "en_gum"];

/// The recorded figures, relative to the workspace root.
const BASELINE: &str = "xtask/sbd/ud-baseline.json";

/// One document with its gold boundaries (character offsets).
struct Record {
    doc_id: String,
    set: String,
    genre: String,
    lang: String,
    text: String,
    sentence_ends: Vec<usize>,
    para_ends: Vec<usize>,
}

/// Boundary counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }

    fn precision(self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    fn recall(self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    /// F1 in points (0 to 100).
    pub fn f1(self) -> f64 {
        let denominator = 2 * self.true_positives + self.false_positives + self.false_negatives;
        100.0 * ratio(2 * self.true_positives, denominator)
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 { 1.0 } else { numerator as f64 / denominator as f64 }
}

/// Scores one document: `predicted` and `gold` are boundary offsets in
/// increasing order, each list with the document's last boundary still in
/// it. With `inner`, gold paragraph ends and predictions at them are left
/// out.
pub fn score(predicted: &[usize], gold: &[usize], para_ends: &[usize], inner: bool) -> Counts {
    let drop_last = |list: &[usize]| list[..list.len().saturating_sub(1)].to_vec();
    let (mut predicted, mut gold) = (drop_last(predicted), drop_last(gold));
    if inner {
        predicted.retain(|offset| para_ends.binary_search(offset).is_err());
        gold.retain(|offset| para_ends.binary_search(offset).is_err());
    }
    let true_positives =
        predicted.iter().filter(|offset| gold.binary_search(offset).is_ok()).count();
    Counts {
        true_positives,
        false_positives: predicted.len() - true_positives,
        false_negatives: gold.len() - true_positives,
    }
}

/// The character offsets of the byte offsets `ends` (in increasing order)
/// in `text`.
pub fn char_offsets(text: &str, ends: &[usize]) -> Vec<usize> {
    let mut offsets = Vec::with_capacity(ends.len());
    let (mut byte, mut chars) = (0, 0);
    for &end in ends {
        chars += text.get(byte..end).map_or(0, |between| between.chars().count());
        byte = byte.max(end);
        offsets.push(chars);
    }
    offsets
}

/// Where the documents are: `<sbd>/ud`, when it exists.
pub fn dir(sbd: &Path) -> Option<PathBuf> {
    let dir = sbd.join("ud");
    dir.is_dir().then_some(dir)
}

/// The outcome of a run: counts per set, per set and genre, and inner per
/// set.
#[derive(Default)]
struct Tallies {
    sets: BTreeMap<String, Counts>,
    genres: BTreeMap<(String, String), Counts>,
    inner: BTreeMap<String, Counts>,
    documents: BTreeMap<String, usize>,
}

/// Scores every set of `dir` through `binary`, prints the table and checks
/// it against the baseline (or records it).
pub fn run(binary: &Path, dir: &Path, record: bool) -> anyhow::Result<()> {
    let records = read_records(dir)?;
    let tallies = evaluate(binary, &records)?;
    let table = render(&tallies);
    #[allow(clippy::print_stdout)]
    {
        println!("\n{table}");
    }
    let baseline_path = util::root().join(BASELINE);
    if record {
        let figures = figures(&tallies);
        std::fs::create_dir_all(baseline_path.parent().unwrap_or(Path::new(".")))?;
        std::fs::write(&baseline_path, serde_json::to_string_pretty(&figures)? + "\n")
            .with_context(|| format!("{}: cannot write", baseline_path.display()))?;
        let body = format!(
            "## Sentence boundaries in running text (Universal Dependencies)\n\n{}\n\n{table}",
            provenance()
        );
        util::write_section(&util::root().join("docs/results.md"), "sbd-ud", &body)?;
        util::note(&format!("sbd: recorded {} and docs/results.md", baseline_path.display()));
        return Ok(());
    }
    let baseline = std::fs::read_to_string(&baseline_path)
        .with_context(|| format!("{}: cannot read", baseline_path.display()))?;
    let baseline: Value = serde_json::from_str(&baseline)
        .with_context(|| format!("{} is not JSON", baseline_path.display()))?;
    let drops = regressions(&figures(&tallies), &baseline);
    if !drops.is_empty() {
        bail!("sentence boundary F1 dropped below the recorded figures:\n  {}", drops.join("\n  "));
    }
    util::note("sbd: no set or genre below its recorded F1");
    Ok(())
}

fn read_records(dir: &Path) -> anyhow::Result<Vec<Record>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "jsonl"))
        .collect();
    paths.sort();
    let mut records = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        for (number, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
            let record = parse_record(line)
                .with_context(|| format!("{}:{}: bad record", path.display(), number + 1))?;
            records.push(record);
        }
    }
    Ok(records)
}

fn parse_record(line: &str) -> anyhow::Result<Record> {
    let value: Value = serde_json::from_str(line)?;
    let field = |name: &str| -> anyhow::Result<String> {
        Ok(value[name].as_str().with_context(|| format!("no \"{name}\""))?.to_owned())
    };
    let offsets = |name: &str| -> anyhow::Result<Vec<usize>> {
        value[name]
            .as_array()
            .with_context(|| format!("no \"{name}\""))?
            .iter()
            .map(|offset| {
                offset.as_u64().map(|offset| offset as usize).context("an offset is no number")
            })
            .collect()
    };
    Ok(Record {
        doc_id: field("doc_id")?,
        set: field("set")?,
        genre: field("genre")?,
        lang: field("lang")?,
        text: field("text")?,
        sentence_ends: offsets("sentence_ends")?,
        para_ends: offsets("para_ends")?,
    })
}

/// Runs every document, on as many threads as there are cores.
fn evaluate(binary: &Path, records: &[Record]) -> anyhow::Result<Tallies> {
    let next = AtomicUsize::new(0);
    let tallies = Mutex::new(Tallies::default());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(record) = records.get(index) else { return Ok(()) };
                        let predicted = predict(binary, record)
                            .with_context(|| format!("{}: {}", record.set, record.doc_id))?;
                        let all =
                            score(&predicted, &record.sentence_ends, &record.para_ends, false);
                        let inner =
                            score(&predicted, &record.sentence_ends, &record.para_ends, true);
                        let mut tallies =
                            tallies.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
                        tallies.sets.entry(record.set.clone()).or_default().add(all);
                        tallies.inner.entry(record.set.clone()).or_default().add(inner);
                        *tallies.documents.entry(record.set.clone()).or_default() += 1;
                        if SETS_WITH_GENRES.contains(&record.set.as_str()) {
                            let key = (record.set.clone(), record.genre.clone());
                            tallies.genres.entry(key).or_default().add(all);
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().map_err(|_| anyhow::anyhow!("a worker panicked"))??;
        }
        Ok(())
    })?;
    tallies.into_inner().map_err(|_| anyhow::anyhow!("poisoned"))
}

/// The unit ends abridge gives for a document, as character offsets.
fn predict(binary: &Path, record: &Record) -> anyhow::Result<Vec<usize>> {
    let args = ["sentences", "--format", "json", "--lang", record.lang.as_str()];
    let output = util::run_abridge(binary, &args, Some(&record.text))?;
    let json: Value = serde_json::from_str(&output).context("abridge gave no JSON")?;
    let ends = json["sentences"]
        .as_array()
        .context("abridge gave no sentences")?
        .iter()
        .map(|unit| unit["end"].as_u64().map(|end| end as usize).context("a unit has no end"))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(char_offsets(&record.text, &ends))
}

/// The F1 figures of a run, as the baseline file keeps them.
fn figures(tallies: &Tallies) -> Value {
    let round = |counts: &Counts| (counts.f1() * 100.0).round() / 100.0;
    let sets: serde_json::Map<String, Value> =
        tallies.sets.iter().map(|(set, counts)| (set.clone(), json!(round(counts)))).collect();
    let genres: serde_json::Map<String, Value> = tallies
        .genres
        .iter()
        .map(|((set, genre), counts)| (format!("{set}/{genre}"), json!(round(counts))))
        .collect();
    json!({ "sets": sets, "genres": genres })
}

/// Every set or genre whose F1 in `current` is below `baseline` by more
/// than its tolerance, or that is missing.
fn regressions(current: &Value, baseline: &Value) -> Vec<String> {
    let mut drops = Vec::new();
    for (group, tolerance) in [("sets", SET_TOLERANCE), ("genres", GENRE_TOLERANCE)] {
        let Some(recorded) = baseline[group].as_object() else { continue };
        for (name, before) in recorded {
            let Some(before) = before.as_f64() else { continue };
            match current[group][name].as_f64() {
                Some(now) if now + tolerance + 1e-9 >= before => {}
                Some(now) => drops.push(format!(
                    "{name}: F1 {now:.2}, recorded {before:.2} (tolerance {tolerance})"
                )),
                None => drops.push(format!("{name}: not in this run (recorded {before:.2})")),
            }
        }
    }
    drops
}

fn provenance() -> String {
    let commit = bench::command_output("git", &["rev-parse", "--short", "HEAD"])
        .unwrap_or_else(|| "unknown".to_owned());
    let date =
        bench::command_output("date", &["-u", "+%Y-%m-%d"]).unwrap_or_else(|| "unknown".to_owned());
    format!(
        "`cargo xtask sbd --record` on {date}, commit {commit}: the train and dev parts of `../shared/sbd/ud` (its README has the record format and the metric), each document's whole text in one `abridge sentences --lang xx` run of the release binary. \
         Boundary precision, recall and F1 (× 100, micro-averaged), the last boundary of each document left out; \"inner\" leaves out gold paragraph ends and predictions there. \
         The gate of `cargo xtask sbd` fails on a drop of more than {SET_TOLERANCE} F1 on a set or {GENRE_TOLERANCE} on a genre from these figures (`xtask/sbd/ud-baseline.json`)."
    )
}

fn render(tallies: &Tallies) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "| set | documents | boundaries | P | R | F1 | inner F1 |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
    for (set, counts) in &tallies.sets {
        let inner = tallies.inner.get(set).copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "| {set} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
            tallies.documents.get(set).copied().unwrap_or(0),
            counts.true_positives + counts.false_negatives,
            100.0 * counts.precision(),
            100.0 * counts.recall(),
            counts.f1(),
            inner.f1()
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| set | genre | boundaries | P | R | F1 |");
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|");
    for ((set, genre), counts) in &tallies.genres {
        let _ = writeln!(
            out,
            "| {set} | {genre} | {} | {:.1} | {:.1} | {:.1} |",
            counts.true_positives + counts.false_negatives,
            100.0 * counts.precision(),
            100.0 * counts.recall(),
            counts.f1()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_boundary_is_dropped_and_matches_are_exact() {
        // Gold 10, 20, 30 (30 the end); predicted 10, 25, 30.
        let counts = score(&[10, 25, 30], &[10, 20, 30], &[30], false);
        assert_eq!(counts, Counts { true_positives: 1, false_positives: 1, false_negatives: 1 });
        assert!((counts.f1() - 50.0).abs() < 1e-9);
    }

    #[test]
    fn inner_leaves_out_paragraph_ends_on_both_sides() {
        // A paragraph ends at 20: neither the gold nor the predicted 20 counts.
        let counts = score(&[10, 20, 25, 30], &[10, 20, 30], &[20, 30], true);
        assert_eq!(counts, Counts { true_positives: 1, false_positives: 1, false_negatives: 0 });
    }

    #[test]
    fn byte_ends_become_character_offsets() {
        let text = "Ça va. Très bien.";
        let first = "Ça va.".len();
        assert_eq!(char_offsets(text, &[first, text.len()]), [6, 17]);
    }

    #[test]
    fn a_drop_beyond_the_tolerance_is_reported() {
        let baseline = json!({ "sets": { "a": 95.0, "b": 90.0 }, "genres": { "a/x": 80.0 } });
        let current = json!({ "sets": { "a": 94.8, "b": 89.5 }, "genres": { "a/x": 79.1 } });
        let drops = regressions(&current, &baseline);
        assert_eq!(drops.len(), 1, "{drops:?}");
        assert!(drops[0].starts_with("b:"), "{drops:?}");
        let missing = regressions(&json!({ "sets": {}, "genres": {} }), &baseline);
        assert_eq!(missing.len(), 3, "{missing:?}");
    }
}
