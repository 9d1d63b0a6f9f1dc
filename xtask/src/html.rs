//! `cargo xtask html`: main-content extraction on the two benchmarks in
//! `../shared/html` (or `ABRIDGE_HTML`), each with its own metric, against
//! the figures recorded in `xtask/html-figures.json`.
//!
//! - `articles/`: F1 of 4-token shingles (scrapinghub's article extraction
//!   benchmark), with precision and recall.
//! - `web/`: bag-of-words precision, recall and F1 per page, averaged
//!   (WCXB), overall and per page type, with the share of `with` snippets
//!   found and of `without` snippets absent.
//!
//! Speed is pages per CPU-second of the extraction alone (pages decoded
//! and in memory, one thread), from the thread's CPU clock.
//!
//! Flags: `--check` scores and compares without writing `docs/results.md`
//! (what `cargo xtask ci` runs); `--record` writes the figures measured
//! into `xtask/html-figures.json`; `--dump DIR` also writes each page's
//! F1 and extracted text to `DIR/articles.jsonl` and `DIR/web.jsonl`, the
//! furniture found in summaries to `DIR/furniture.jsonl` and the summaries
//! that differ between a page and its ground truth to
//! `DIR/same-sentences.jsonl`. Any F1 (or the share of same summaries)
//! more than 0.005 below its recorded figure, or more furniture in
//! summaries than recorded, fails the task.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::Value;

use crate::html_checks as checks;
use crate::html_metrics as metrics;
use crate::util;

/// The key of the same-sentences share in `xtask/html-figures.json`.
const SAME_KEY: &str = "summaries: same sentences";

/// The key of the count of furniture sentences in summaries in
/// `xtask/html-figures.json` (the task fails when it grows).
const FURNITURE_KEY: &str = "summaries: furniture sentences";

/// How far an F1 may fall below its recorded figure before the task fails.
const TOLERANCE: f64 = 0.005;

/// Where the benchmarks are: `ABRIDGE_HTML`, else `../shared/html`.
pub fn dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ABRIDGE_HTML") {
        return Some(PathBuf::from(dir));
    }
    let default = util::root().join("../shared/html");
    default.is_dir().then_some(default)
}

struct Page {
    record: Value,
    html: String,
}

fn read_pages(dir: &Path) -> anyhow::Result<Vec<Page>> {
    let list = dir.join("pages.jsonl");
    let text = std::fs::read_to_string(&list)
        .with_context(|| format!("{}: cannot read", list.display()))?;
    let mut pages = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let record: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", list.display(), number + 1))?;
        let Some(file) = record["html"].as_str() else {
            bail!("{}:{}: no `html` path", list.display(), number + 1)
        };
        let path = dir.join(file);
        let mut bytes = Vec::new();
        let raw = std::fs::File::open(&path)
            .with_context(|| format!("{}: cannot open", path.display()))?;
        flate2::read::GzDecoder::new(raw)
            .read_to_end(&mut bytes)
            .with_context(|| format!("{}: cannot gunzip", path.display()))?;
        let (html, _, _) = abridge_formats::html::decode_html(&bytes, None);
        pages.push(Page { record, html: html.into_owned() });
    }
    Ok(pages)
}

/// This thread's CPU time in seconds (Linux), or wall time elsewhere.
fn cpu_seconds(start: std::time::Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

/// Extracts every page; returns the texts and pages per CPU-second (best
/// of `runs`).
fn extract_all(pages: &[Page], runs: usize) -> (Vec<String>, f64) {
    let mut best = 0.0f64;
    let mut texts = Vec::new();
    for _ in 0..runs {
        let wall = std::time::Instant::now();
        let before = cpu_seconds(wall);
        texts = pages.iter().map(|page| abridge_formats::html::main_text(&page.html)).collect();
        let seconds = (cpu_seconds(wall) - before).max(1e-9);
        best = best.max(pages.len() as f64 / seconds);
    }
    (texts, best)
}

/// One line of the table: name, pages, precision, recall, F1, and the
/// shares of `with` snippets found and `without` snippets absent.
type Row = (String, usize, f64, f64, f64, Option<(f64, f64)>);

#[derive(Default)]
struct Figures {
    rows: Vec<Row>,
    speed: BTreeMap<String, f64>,
    checks: checks::Findings,
}

/// Every how many `web` pages one goes into the furniture check (all
/// `articles` pages do).
const WEB_SAMPLE_EVERY: usize = 5;

/// The share of `articles` pages whose HTML and ground truth must give the
/// same summary.
const SAME_TARGET: f64 = 0.9;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let check = args.iter().any(|a| a == "--check");
    let record = args.iter().any(|a| a == "--record");
    let dump = args.iter().position(|a| a == "--dump").map(|i| args.get(i + 1).map(PathBuf::from));
    let dump = match dump {
        Some(None) => bail!("`--dump` needs a folder"),
        Some(Some(folder)) => Some(folder),
        None => None,
    };
    if let Some(other) = args.iter().enumerate().find_map(|(i, a)| {
        let known = matches!(a.as_str(), "--check" | "--record" | "--dump")
            || (i > 0 && args[i - 1] == "--dump");
        (!known).then_some(a)
    }) {
        bail!(
            "unknown flag {other:?} for `cargo xtask html` (known: --check, --record, --dump DIR)"
        );
    }
    if let Some(folder) = &dump {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("{}: cannot create", folder.display()))?;
    }
    let Some(dir) = dir() else {
        bail!("no benchmarks: set ABRIDGE_HTML or add ../shared/html");
    };
    let runs = if check { 1 } else { 3 };
    let mut figures = Figures::default();

    let articles = read_pages(&dir.join("articles"))?;
    let (texts, speed) = extract_all(&articles, runs);
    let counts: Vec<_> = articles
        .iter()
        .zip(&texts)
        .map(|(page, text)| {
            metrics::shingle_counts(page.record["text"].as_str().unwrap_or(""), text)
        })
        .collect();
    if let Some(folder) = &dump {
        let lines = articles.iter().zip(&texts).zip(&counts).map(|((page, text), &counts)| {
            let (_, _, f) = metrics::shingle_f1(&[counts]);
            serde_json::json!({"id": page.record["id"], "f1": f, "text": text})
        });
        write_dump(&folder.join("articles.jsonl"), lines)?;
    }
    let (p, r, f) = metrics::shingle_f1(&counts);
    figures.rows.push(("articles".to_owned(), articles.len(), p, r, f, None));
    figures.speed.insert("articles".to_owned(), speed);

    let web = read_pages(&dir.join("web"))?;
    let (texts, speed) = extract_all(&web, runs);
    let mut by_type: BTreeMap<String, Vec<[f64; 5]>> = BTreeMap::new();
    let mut dumped = Vec::new();
    for (page, text) in web.iter().zip(&texts) {
        let truth = &page.record["ground_truth"];
        let (p, r, f) = metrics::bag_prf(truth["main_content"].as_str().unwrap_or(""), text);
        let lower = text.to_lowercase();
        let share = |key: &str, want: bool| {
            let snippets: Vec<&str> = truth[key]
                .as_array()
                .map(|items| items.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if snippets.is_empty() {
                return f64::NAN;
            }
            let hits =
                snippets.iter().filter(|s| lower.contains(&s.to_lowercase()) == want).count();
            hits as f64 / snippets.len() as f64
        };
        let row = [p, r, f, share("with", true), share("without", false)];
        let page_type = page.record["page_type"].as_str().unwrap_or("unknown").to_owned();
        if dump.is_some() {
            dumped.push(serde_json::json!({
                "id": page.record["id"], "type": page_type, "p": p, "r": r, "f1": f, "text": text,
            }));
        }
        by_type.entry("web: all".to_owned()).or_default().push(row);
        by_type.entry(format!("web: {page_type}")).or_default().push(row);
    }
    for (name, rows) in &by_type {
        let mean = |i: usize| {
            let values: Vec<f64> = rows.iter().map(|row| row[i]).filter(|v| !v.is_nan()).collect();
            values.iter().sum::<f64>() / values.len().max(1) as f64
        };
        figures.rows.push((
            name.clone(),
            rows.len(),
            mean(0),
            mean(1),
            mean(2),
            Some((mean(3), mean(4))),
        ));
    }
    figures.speed.insert("web".to_owned(), speed);
    if let Some(folder) = &dump {
        write_dump(&folder.join("web.jsonl"), dumped.into_iter())?;
    }

    let truth_of = |page: &Page, web: bool| -> String {
        let value =
            if web { &page.record["ground_truth"]["main_content"] } else { &page.record["text"] };
        value.as_str().unwrap_or("").to_owned()
    };
    let article_truths: Vec<String> = articles.iter().map(|page| truth_of(page, false)).collect();
    let web_truths: Vec<String> = web.iter().map(|page| truth_of(page, true)).collect();
    let article_pages: Vec<checks::Page<'_>> = articles
        .iter()
        .zip(&article_truths)
        .map(|(page, truth)| checks::Page {
            id: page.record["id"].as_str().unwrap_or(""),
            html: &page.html,
            truth,
        })
        .collect();
    let mut sample: Vec<checks::Page<'_>> = article_pages
        .iter()
        .map(|page| checks::Page { id: page.id, html: page.html, truth: page.truth })
        .collect();
    sample.extend(web.iter().zip(&web_truths).step_by(WEB_SAMPLE_EVERY).map(|(page, truth)| {
        checks::Page { id: page.record["id"].as_str().unwrap_or(""), html: &page.html, truth }
    }));
    figures.checks = checks::run(&sample, &article_pages)?;
    let same_share = figures.checks.same as f64 / figures.checks.compared.max(1) as f64;
    for (id, scorer, sentence) in figures.checks.furniture.iter().take(20) {
        util::note(&format!("furniture in a summary: page {id}, {scorer}: {sentence:?}"));
    }
    if let Some(folder) = &dump {
        let lines = figures.checks.furniture.iter().map(|(id, scorer, sentence)| {
            serde_json::json!({"id": id, "scorer": scorer, "sentence": sentence})
        });
        write_dump(&folder.join("furniture.jsonl"), lines)?;
        let lines = figures.checks.differing.iter().map(|(id, from_html, from_truth)| {
            serde_json::json!({"id": id, "html": from_html, "truth": from_truth})
        });
        write_dump(&folder.join("same-sentences.jsonl"), lines)?;
    }

    let recorded_path = util::root().join("xtask/html-figures.json");
    let recorded: BTreeMap<String, f64> = match std::fs::read_to_string(&recorded_path) {
        Ok(text) => serde_json::from_str(&text)
            .with_context(|| format!("{}: not a map of figures", recorded_path.display()))?,
        Err(_) => BTreeMap::new(),
    };
    let mut measured: BTreeMap<String, f64> =
        figures.rows.iter().map(|row| (row.0.clone(), (row.4 * 1000.0).round() / 1000.0)).collect();
    measured.insert(SAME_KEY.to_owned(), (same_share * 1000.0).round() / 1000.0);
    measured.insert(FURNITURE_KEY.to_owned(), figures.checks.furniture.len() as f64);
    // Recording makes the measured figures the recorded ones, in the table too.
    let table = render(&figures, if record { &measured } else { &recorded });
    #[allow(clippy::print_stdout)]
    {
        println!("{table}");
    }
    if record {
        std::fs::write(&recorded_path, serde_json::to_string_pretty(&measured)? + "\n")
            .with_context(|| format!("{}: cannot write", recorded_path.display()))?;
        util::note(&format!("recorded the figures in {}", recorded_path.display()));
    } else {
        let mut fallen: Vec<String> = figures
            .rows
            .iter()
            .filter_map(|row| {
                let was = recorded.get(&row.0)?;
                (row.4 < was - TOLERANCE)
                    .then(|| format!("{} F1 {:.3} < recorded {was:.3}", row.0, row.4))
            })
            .collect();
        if let Some(was) = recorded.get(SAME_KEY)
            && same_share < was - TOLERANCE
        {
            fallen.push(format!("same sentences {same_share:.3} < recorded {was:.3}"));
        }
        let furniture = figures.checks.furniture.len() as f64;
        if let Some(&was) = recorded.get(FURNITURE_KEY)
            && furniture > was
        {
            fallen
                .push(format!("{furniture} summary sentences are page furniture, recorded {was}"));
        }
        if !fallen.is_empty() {
            bail!("extraction got worse: {}", fallen.join("; "));
        }
    }
    if !check {
        util::write_section(&util::root().join("docs/results.md"), "html", &table)?;
        util::note("wrote the html section of docs/results.md");
    }
    Ok(())
}

/// Writes one JSON value a line (`--dump`: each page's score and text).
fn write_dump(path: &Path, lines: impl Iterator<Item = Value>) -> anyhow::Result<()> {
    let mut out = String::new();
    for line in lines {
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("{}: cannot write", path.display()))
}

fn render(figures: &Figures, recorded: &BTreeMap<String, f64>) -> String {
    let mut out = String::from(
        "## Main-content extraction (HTML)\n\n\
         abridge's HTML extraction on the dev parts of the two benchmarks in `../shared/html`, each with its own metric \
         (`articles`: 4-token shingle F1; `web`: bag-of-words F1 per page, averaged, with the share of `with` snippets \
         found and of `without` snippets left out), against the figures recorded in `xtask/html-figures.json`:\n\n\
         ```sh\ncargo run --release -p xtask -- html --record\n```\n\n\
         | benchmark | pages | precision | recall | F1 | recorded F1 | with found | without absent |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (name, n, p, r, f, snippets) in &figures.rows {
        let was = recorded.get(name).map_or("".to_owned(), |was| format!("{was:.3}"));
        let (with, without) = snippets.map_or(("".to_owned(), "".to_owned()), |(w, wo)| {
            (format!("{w:.3}"), format!("{wo:.3}"))
        });
        out.push_str(&format!(
            "| {name} | {n} | {p:.3} | {r:.3} | {f:.3} | {was} | {with} | {without} |\n"
        ));
    }
    let found = &figures.checks;
    let same = found.same as f64 / found.compared.max(1) as f64;
    let was = recorded.get(SAME_KEY).map_or(String::new(), |was| format!(" (recorded {was:.3})"));
    out.push_str(&format!(
        "\nSummaries of the pages (`xtask/src/html_checks.rs`): of {} summaries ({} pages: every `articles` \
         page and every {WEB_SAMPLE_EVERY}th `web` page, by each of the {} scorers), {} hold a sentence of the page's \
         navigation, footer, banner, sidebar or script; summarising an `articles` page's HTML and its ground-truth \
         text choose the same sentences on {} of {} pages, {same:.3}{was} (target {SAME_TARGET}).\n",
        found.summaries,
        found.pages,
        abridge::ScorerKind::ALL.len(),
        found.furniture.len(),
        found.same,
        found.compared,
    ));
    out.push_str("\nSpeed, pages per CPU-second of extraction (one thread, best of 3 runs, pages already in memory; \
         a debug build of xtask, as plain `cargo xtask html` runs, is about 12 times slower): ");
    let speeds: Vec<String> =
        figures.speed.iter().map(|(name, speed)| format!("{name} {speed:.0}")).collect();
    out.push_str(&speeds.join(", "));
    out.push_str(".\n");
    out.push_str(
        "\nThe peers, as `../shared/html/README.md` gives them (measured on this machine; `web` over all 1,869 pages, \
         of which these 1,079 are the dev part): articles F1 / web F1 / web article pages / pages per CPU-second on \
         `articles`: trafilatura 2.3.1 0.971 / 0.833 / 0.940 / 34; rs-trafilatura 0.960 / 0.857 / 0.938 / 60; \
         readability-lxml 0.961 / 0.719 / 0.902 / 32; dom_smoothie 0.955 / 0.791 / 0.933 / 285–377.\n",
    );
    out
}
