//! `cargo xtask sbd`: the sentence boundary Golden Rules.
//!
//! Runs the English Golden Rules (`golden_rules_en.json`, pySBD's cases) and
//! the multilingual cases (`multilingual.json`) through the release binary,
//! one `abridge sentences --format json --lang xx` per case. It compares the
//! units with the expected sentences, white space normalised, prints every
//! failing case with what was expected and what came out, then the pass rate
//! per language. A failing case of a language that has rules is a `FAIL`
//! and fails the check, unless it is listed with its reason in
//! `xtask/sbd/accepted-misses.txt` ([`AcceptedMisses`]): then it is printed
//! as an accepted miss. It also fails when English passes fewer than
//! [`ENGLISH_BAR`] cases, or when the multilingual cases of the languages
//! that have rules pass less than [`MULTILINGUAL_BAR`] of the time, accepted
//! misses counted as misses. A language has rules when abridge knows it
//! (`--lang` accepts it) or when its script has rules of its own
//! ([`SCRIPT_RULES`]); the others are reported, not gated.
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
    /// The failures listed in `xtask/sbd/accepted-misses.txt`, as
    /// `"de case 18"`.
    accepted_misses: Vec<String>,
    /// The failures of a language with rules that are not on the list:
    /// regressions, which fail the check.
    regressions: Vec<String>,
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
    let accepted = AcceptedMisses::read()?;
    let mut tallies = vec![run_language(binary, "en", &english, &accepted)?];

    let multilingual = read_json(&dir.join("multilingual.json"))?;
    let languages =
        multilingual["languages"].as_object().context("multilingual.json: no \"languages\"")?;
    let mut codes: Vec<&String> = languages.keys().collect();
    codes.sort();
    for code in codes {
        let cases = cases(&languages[code])
            .with_context(|| format!("multilingual.json: bad cases for {code}"))?;
        if !cases.is_empty() {
            tallies.push(run_language(binary, code, &cases, &accepted)?);
        }
    }

    print_summary(&tallies);
    accepted.report(&tallies);
    let regressions: Vec<&String> = tallies.iter().flat_map(|tally| &tally.regressions).collect();
    if !regressions.is_empty() {
        bail!(
            "{} Golden Rules cases fail that are not accepted misses: {} (fix them, or list them with a reason in {})",
            regressions.len(),
            regressions.iter().map(|label| label.as_str()).collect::<Vec<_>>().join(", "),
            AcceptedMisses::PATH
        );
    }
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
fn run_language(
    binary: &Path,
    code: &str,
    cases: &[Case],
    accepted: &AcceptedMisses,
) -> anyhow::Result<Tally> {
    let known = util::run_abridge(binary, &["sentences", "--lang", code], Some("A test.")).is_ok();
    let mut args = vec!["sentences", "--format", "json"];
    if known {
        args.extend(["--lang", code]);
    }
    let has_rules = known || SCRIPT_RULES.contains(&code);
    let mut passed = 0;
    let (mut missed, mut regressions) = (Vec::new(), Vec::new());
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
        let label = format!("{code} {name}");
        let miss = Miss::of(&label, has_rules, accepted);
        match miss {
            Miss::Accepted(_) => missed.push(label),
            Miss::NotGated => {}
            Miss::Regression => regressions.push(label),
        }
        print_failure(code, &name, case, &actual, &miss);
    }
    let mode = match (known, SCRIPT_RULES.contains(&code)) {
        (true, _) => "--lang",
        (false, true) => "script rules, run as en",
        (false, false) => "unknown to abridge, run as en, not gated",
    };
    Ok(Tally {
        language: code.to_owned(),
        mode,
        has_rules,
        passed,
        total: cases.len(),
        accepted_misses: missed,
        regressions,
    })
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

/// Golden Rules cases abridge is known to miss, for a reason written down:
/// `xtask/sbd/accepted-misses.txt`, one `CODE CASE  # reason` a line
/// (`de case 18  # …`). They are printed as accepted misses, not as
/// failures; the pass rates and their bars count them as misses all the
/// same.
struct AcceptedMisses {
    reasons: Vec<(String, String)>,
}

impl AcceptedMisses {
    const PATH: &str = "xtask/sbd/accepted-misses.txt";

    fn read() -> anyhow::Result<AcceptedMisses> {
        let path = util::root().join(Self::PATH);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(error) => {
                return Err(error).with_context(|| format!("{}: cannot read", path.display()));
            }
        };
        Ok(AcceptedMisses { reasons: parse_accepted(&text) })
    }

    fn reason(&self, label: &str) -> Option<&str> {
        self.reasons.iter().find(|(case, _)| case == label).map(|(_, reason)| reason.as_str())
    }

    /// Prints how many misses were accepted, and the listed cases that
    /// now pass (to take off the list).
    #[allow(clippy::print_stdout)]
    fn report(&self, tallies: &[Tally]) {
        let missed: Vec<&String> =
            tallies.iter().flat_map(|tally| &tally.accepted_misses).collect();
        let regressions: usize = tallies.iter().map(|tally| tally.regressions.len()).sum();
        let not_gated: usize = tallies
            .iter()
            .map(|tally| {
                tally.total - tally.passed - tally.accepted_misses.len() - tally.regressions.len()
            })
            .sum();
        println!(
            "  {} accepted misses (listed in {}), {not_gated} misses in languages without rules, {regressions} failures",
            missed.len(),
            Self::PATH
        );
        for (case, _) in &self.reasons {
            if !missed.contains(&case) {
                println!("  now passes or is gone, take it off the list: {case}");
            }
        }
    }
}

/// `CODE CASE  # reason` lines; blank lines and lines of only a comment
/// are skipped.
fn parse_accepted(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let (case, reason) = line.split_once('#').unwrap_or((line, ""));
            let case = case.split_whitespace().collect::<Vec<_>>().join(" ");
            (!case.is_empty()).then(|| (case, reason.trim().to_owned()))
        })
        .collect()
}

/// What a failing case is.
#[derive(Debug, PartialEq)]
enum Miss<'a> {
    /// Listed in the accepted misses, with this reason.
    Accepted(&'a str),
    /// A case of a language abridge has no rules for: reported, not gated.
    NotGated,
    /// A case that should pass: it fails the check.
    Regression,
}

impl<'a> Miss<'a> {
    fn of(label: &str, has_rules: bool, accepted: &'a AcceptedMisses) -> Miss<'a> {
        match accepted.reason(label) {
            Some(reason) => Miss::Accepted(reason),
            None if !has_rules => Miss::NotGated,
            None => Miss::Regression,
        }
    }
}

#[allow(clippy::print_stdout)]
fn print_failure(code: &str, name: &str, case: &Case, actual: &[String], miss: &Miss<'_>) {
    match miss {
        Miss::Accepted(reason) => {
            println!("accepted miss [{code}] {name} ({reason}): {:?}", case.text);
        }
        Miss::NotGated => println!("miss, not gated [{code}] {name}: {:?}", case.text),
        Miss::Regression => println!("FAIL [{code}] {name}: {:?}", case.text),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_misses_are_read_with_their_reasons() {
        let text = "# cases we miss on purpose\n\nde case 18   # an ordinal at the end of a sentence\nen  rule 7\n";
        assert_eq!(
            parse_accepted(text),
            [
                ("de case 18".to_owned(), "an ordinal at the end of a sentence".to_owned()),
                ("en rule 7".to_owned(), String::new()),
            ]
        );
        let accepted = AcceptedMisses { reasons: parse_accepted(text) };
        assert_eq!(accepted.reason("de case 18"), Some("an ordinal at the end of a sentence"));
        assert_eq!(accepted.reason("de case 1"), None);
    }

    #[test]
    fn a_failure_is_accepted_not_gated_or_a_regression() {
        let accepted = AcceptedMisses { reasons: parse_accepted("de case 18  # a reason\n") };
        assert_eq!(Miss::of("de case 18", true, &accepted), Miss::Accepted("a reason"));
        assert_eq!(Miss::of("de case 17", true, &accepted), Miss::Regression);
        assert_eq!(Miss::of("kk case 2", false, &accepted), Miss::NotGated);
    }

    #[test]
    fn the_list_in_the_repository_parses() {
        let accepted = AcceptedMisses::read().unwrap();
        assert!(
            accepted
                .reasons
                .iter()
                .all(|(case, reason)| { case.split(' ').count() == 3 && !reason.is_empty() }),
            "{:?}",
            accepted.reasons
        );
    }
}
