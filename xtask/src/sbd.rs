//! `cargo xtask sbd`: the sentence boundary Golden Rules.
//!
//! Runs the English Golden Rules (`golden_rules_en.json`, pySBD's cases) and
//! the multilingual cases (`multilingual.json`) through the release binary,
//! one `abridge sentences --format json --lang xx` per case. It compares the
//! units with the expected sentences, white space normalised, prints every
//! failing case with what was expected and what came out, then the pass rate
//! per language. It fails when English passes fewer than [`ENGLISH_BAR`]
//! cases, or when the multilingual cases of the languages that have rules
//! pass less than [`MULTILINGUAL_BAR`] of the time. A language has rules
//! when abridge knows it (`--lang` accepts it) or when its script has rules
//! of its own ([`SCRIPT_RULES`]); the others are reported, not gated.
//!
//! Then it scores boundaries in running text, the Universal Dependencies
//! documents of `ud/` ([`sbd_ud`]), against the figures recorded in the
//! repository.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::Value;

use crate::{sbd_ud, util};

/// English cases that must pass.
const ENGLISH_BAR: usize = 46;

/// Share of the multilingual cases that must pass, over the languages that
/// have rules.
const MULTILINGUAL_BAR: f64 = 0.9;

/// Languages abridge has no `Language` for, whose script has rules of its
/// own in the segmenter: Amharic (Ethiopic full stops) and Burmese.
const SCRIPT_RULES: &[&str] = &["am", "my"];

/// Where the cases are: `ABRIDGE_SBD`, else `../shared/sbd` beside the
/// workspace, if it exists.
pub fn dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ABRIDGE_SBD") {
        return Some(PathBuf::from(dir));
    }
    let default = util::root().join("../shared/sbd");
    default.is_dir().then_some(default)
}

/// One case: a text and the sentences it must give.
struct Case {
    /// The rule number, when the file gives one.
    rule: Option<u64>,
    text: String,
    sentences: Vec<String>,
}

/// The outcome of one language.
struct Tally {
    language: String,
    /// How the language was run: with `--lang`, or as English when abridge
    /// does not know it.
    mode: &'static str,
    /// Whether abridge has rules for the language or its script.
    has_rules: bool,
    passed: usize,
    total: usize,
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let (mut record, mut ud_only) = (false, false);
    for arg in args {
        match arg.as_str() {
            "--record" => record = true,
            "--ud-only" => ud_only = true,
            other => bail!("`cargo xtask sbd` takes --record and --ud-only, not '{other}'"),
        }
    }
    let dir = dir().context("no Golden Rules: set ABRIDGE_SBD or add ../shared/sbd")?;
    let binary = util::release_binary()?;
    if !ud_only {
        golden_rules(&binary, &dir)?;
    }
    match sbd_ud::dir(&dir) {
        Some(ud) => sbd_ud::run(&binary, &ud, record),
        None => {
            util::note(&format!("skipping running text: no {}/ud", dir.display()));
            Ok(())
        }
    }
}

/// The Golden Rules and the multilingual cases, with their bars.
fn golden_rules(binary: &Path, dir: &Path) -> anyhow::Result<()> {
    let golden = read_json(&dir.join("golden_rules_en.json"))?;
    let english = cases(&golden["cases"]).context("golden_rules_en.json: bad cases")?;
    let mut tallies = vec![run_language(binary, "en", &english)?];

    let multilingual = read_json(&dir.join("multilingual.json"))?;
    let languages =
        multilingual["languages"].as_object().context("multilingual.json: no \"languages\"")?;
    let mut codes: Vec<&String> = languages.keys().collect();
    codes.sort();
    for code in codes {
        let cases = cases(&languages[code])
            .with_context(|| format!("multilingual.json: bad cases for {code}"))?;
        if !cases.is_empty() {
            tallies.push(run_language(binary, code, &cases)?);
        }
    }

    print_summary(&tallies);
    let english = &tallies[0];
    if english.passed < ENGLISH_BAR {
        bail!(
            "English Golden Rules: {} of {} pass, {ENGLISH_BAR} needed",
            english.passed,
            english.total
        );
    }
    let with_rules = tallies[1..].iter().filter(|tally| tally.has_rules);
    let (passed, total) = with_rules
        .fold((0, 0), |(passed, total), tally| (passed + tally.passed, total + tally.total));
    let share = passed as f64 / total.max(1) as f64;
    if share < MULTILINGUAL_BAR {
        bail!(
            "multilingual cases of the languages with rules: {passed} of {total} pass ({:.1}%), {:.0}% needed",
            100.0 * share,
            100.0 * MULTILINGUAL_BAR
        );
    }
    util::note(&format!(
        "sbd: English {} of {} pass; languages with rules {passed} of {total} ({:.1}%)",
        english.passed,
        english.total,
        100.0 * share
    ));
    Ok(())
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

fn cases(list: &Value) -> anyhow::Result<Vec<Case>> {
    let list = list.as_array().context("cases are not a list")?;
    list.iter()
        .map(|case| {
            let text = case["text"].as_str().context("a case has no text")?.to_owned();
            let sentences = case["sentences"]
                .as_array()
                .context("a case has no sentences")?
                .iter()
                .map(|sentence| sentence.as_str().map(normalise).context("a sentence is no string"))
                .collect::<anyhow::Result<_>>()?;
            Ok(Case { rule: case["rule"].as_u64(), text, sentences })
        })
        .collect()
}

/// Runs every case of one language, printing each failure.
fn run_language(binary: &Path, code: &str, cases: &[Case]) -> anyhow::Result<Tally> {
    let known = util::run_abridge(binary, &["sentences", "--lang", code], Some("A test.")).is_ok();
    let mut args = vec!["sentences", "--format", "json"];
    if known {
        args.extend(["--lang", code]);
    }
    let mut passed = 0;
    for (index, case) in cases.iter().enumerate() {
        let actual = match util::run_abridge(binary, &args, Some(&case.text)) {
            Ok(output) => units(&output)?,
            Err(error) => vec![format!("<error: {error:#}>")],
        };
        if actual == case.sentences {
            passed += 1;
            continue;
        }
        let name = match case.rule {
            Some(rule) => format!("rule {rule}"),
            None => format!("case {}", index + 1),
        };
        print_failure(code, &name, case, &actual);
    }
    let mode = match (known, SCRIPT_RULES.contains(&code)) {
        (true, _) => "--lang",
        (false, true) => "script rules, run as en",
        (false, false) => "unknown to abridge, run as en, not gated",
    };
    let has_rules = known || SCRIPT_RULES.contains(&code);
    Ok(Tally { language: code.to_owned(), mode, has_rules, passed, total: cases.len() })
}

/// The unit texts of `abridge sentences --format json` output, normalised.
fn units(output: &str) -> anyhow::Result<Vec<String>> {
    let json: Value = serde_json::from_str(output).context("abridge gave no JSON")?;
    let sentences = json["sentences"].as_array().context("abridge gave no sentences")?;
    sentences
        .iter()
        .map(|sentence| sentence["text"].as_str().map(normalise).context("a unit has no text"))
        .collect()
}

/// Collapses every run of white space to one space, and drops it between
/// two Chinese or Japanese characters: a line break inside a sentence of
/// those scripts is no space (`友だちを\n待つ` reads `友だちを待つ`),
/// and a unit, being a span of the input, keeps the line break.
fn normalise(text: &str) -> String {
    let mut normalised = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let joins = normalised.chars().next_back().is_some_and(is_wide)
            && word.chars().next().is_some_and(is_wide);
        if !normalised.is_empty() && !joins {
            normalised.push(' ');
        }
        normalised.push_str(word);
    }
    normalised
}

/// Han, kana and the full-width forms: characters of scripts that put no
/// space between words.
fn is_wide(character: char) -> bool {
    matches!(
        character,
        '\u{3000}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{20000}'..='\u{2FFFF}'
    )
}

#[allow(clippy::print_stdout)]
fn print_failure(code: &str, name: &str, case: &Case, actual: &[String]) {
    println!("FAIL [{code}] {name}: {:?}", case.text);
    println!("  expected: {:?}", case.sentences);
    println!("  actual:   {actual:?}");
}

#[allow(clippy::print_stdout)]
fn print_summary(tallies: &[Tally]) {
    println!("\nGolden Rules pass rates:");
    for tally in tallies {
        let percent = 100.0 * tally.passed as f64 / tally.total.max(1) as f64;
        println!(
            "  {:<3} {:>3}/{:<3} {percent:5.1}%  ({})",
            tally.language, tally.passed, tally.total, tally.mode
        );
    }
    let multilingual = &tallies[1..];
    for (label, with_rules_only) in [("with rules", true), ("all", false)] {
        let (passed, total) = multilingual
            .iter()
            .filter(|tally| tally.has_rules || !with_rules_only)
            .fold((0, 0), |(passed, total), tally| (passed + tally.passed, total + tally.total));
        let percent = 100.0 * passed as f64 / total.max(1) as f64;
        println!("  multilingual, {label:<10} {passed:>3}/{total:<3} {percent:5.1}%");
    }
}
