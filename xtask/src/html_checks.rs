//! Checks on summaries of the HTML benchmarks' pages, part of
//! `cargo xtask html`:
//!
//! - **No furniture**: summaries of a sample of pages from both benchmarks,
//!   by every scorer, never hold a line of the page's navigation, footer,
//!   banner, sidebar or script. A chosen sentence fails when it is not in
//!   the page's ground truth and either holds such a line (at least
//!   [`MIN_LINE`] characters) or lies inside one.
//! - **Same sentences**: summarising an `articles` page's HTML and
//!   summarising its ground-truth text (as plain text) with the default
//!   settings choose the same sentences.

use abridge::{InputFormat, ScorerKind, Summarizer};
use anyhow::Context;
use scraper::{ElementRef, Html, Selector};

/// Shorter lines of furniture ("Home", "Share") are words any text may hold.
const MIN_LINE: usize = 25;

/// One page: its HTML and its ground-truth main text.
pub struct Page<'a> {
    /// The benchmark's id of the page.
    pub id: &'a str,
    pub html: &'a str,
    pub truth: &'a str,
}

/// What the checks found.
#[derive(Default)]
pub struct Findings {
    /// Pages summarised for the furniture check.
    pub pages: usize,
    /// Summaries made (pages × scorers).
    pub summaries: usize,
    /// Chosen sentences that are furniture: page id, scorer, sentence.
    pub furniture: Vec<(String, &'static str, String)>,
    /// `articles` pages whose HTML and ground truth give the same
    /// sentences, and pages compared.
    pub same: usize,
    pub compared: usize,
    /// The pages whose summaries differ: id, sentences from the HTML, from
    /// the ground truth.
    pub differing: Vec<(String, Vec<String>, Vec<String>)>,
}

/// Lower-cased words joined by single spaces: text compared across
/// extraction and ground truth whatever the white space and punctuation.
fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The keys of the lines of a page's furniture: the text nodes of its
/// navigation, footers, banners and sidebars; and the lines of its scripts
/// (JSON data excepted: it holds the article itself).
struct Furniture {
    frame: Vec<String>,
    script: Vec<String>,
}

fn furniture_lines(html: &str) -> Furniture {
    let dom = Html::parse_document(html);
    let furniture = Selector::parse(
        "nav, footer, aside, body > header, [role=navigation], [role=banner], \
         [role=contentinfo], [role=complementary]",
    )
    .expect("a valid selector");
    let scripts = Selector::parse("script").expect("a valid selector");
    let keys = |texts: &mut dyn Iterator<Item = &str>| {
        let mut lines: Vec<String> = texts.map(key).filter(|line| line.len() >= MIN_LINE).collect();
        lines.sort_unstable();
        lines.dedup();
        lines
    };
    let frame = keys(&mut dom.select(&furniture).flat_map(|element| element.text()));
    let script = keys(
        &mut dom
            .select(&scripts)
            .filter(|script| is_javascript(*script))
            .flat_map(|script| script.text().flat_map(str::lines)),
    );
    Furniture { frame, script }
}

fn is_javascript(script: ElementRef<'_>) -> bool {
    script.value().attr("type").is_none_or(|kind| {
        let kind = kind.to_ascii_lowercase();
        kind.is_empty() || kind.contains("javascript") || kind == "module"
    })
}

/// Whether a chosen sentence is a line of the page's furniture: it holds a
/// line of the frame or of a script, or lies inside a line of the frame (a
/// sentence inside a script's string is the page's data, not its code).
fn is_furniture(sentence: &str, truth: &str, lines: &Furniture) -> bool {
    let sentence = key(sentence);
    if sentence.is_empty() || truth.contains(&sentence) {
        return false;
    }
    lines.script.iter().any(|line| sentence.contains(line.as_str()))
        || lines.frame.iter().any(|line| {
            sentence.contains(line.as_str())
                || (sentence.len() >= MIN_LINE && line.contains(sentence.as_str()))
        })
}

/// Runs both checks: the furniture check on `sample`, the same-sentences
/// check on `articles`.
pub fn run(sample: &[Page<'_>], articles: &[Page<'_>]) -> anyhow::Result<Findings> {
    let mut findings = Findings::default();
    let summarizers = ScorerKind::ALL
        .iter()
        .map(|&kind| {
            Summarizer::builder()
                .scorer(kind)
                .build()
                .map(|summarizer| (kind.name(), summarizer))
                .with_context(|| format!("cannot build the {} summarizer", kind.name()))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    for page in sample {
        let lines = furniture_lines(page.html);
        let truth = key(page.truth);
        findings.pages += 1;
        for (name, summarizer) in &summarizers {
            let summary = summarizer.summarize_as(page.html, InputFormat::Html);
            findings.summaries += 1;
            for sentence in summary.texts() {
                if is_furniture(sentence, &truth, &lines) {
                    findings.furniture.push((page.id.to_owned(), *name, sentence.to_owned()));
                }
            }
        }
    }
    let summarizer =
        Summarizer::builder().build().context("cannot build the default summarizer")?;
    for page in articles {
        let html_summary = summarizer.summarize_as(page.html, InputFormat::Html);
        let truth_summary = summarizer.summarize(page.truth);
        findings.compared += 1;
        if html_summary.texts().map(key).eq(truth_summary.texts().map(key)) {
            findings.same += 1;
        } else {
            findings.differing.push((
                page.id.to_owned(),
                html_summary.texts().map(str::to_owned).collect(),
                truth_summary.texts().map(str::to_owned).collect(),
            ));
        }
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_space_and_punctuation() {
        assert_eq!(key("  The Pier, rebuilt!\n(2019)"), "the pier rebuilt 2019");
    }

    #[test]
    fn furniture_is_the_page_frame_and_its_scripts() {
        let html = "<html><body><nav><a href=/>Home</a><a href=/w>World news from every continent</a></nav>\
                    <article><p>The harbour reopened on Monday after repairs.</p></article>\
                    <footer>All rights reserved by the harbour gazette.</footer>\
                    <script>var tracker = window.tracker || makeTracker(42);</script>\
                    <script type=\"application/ld+json\">{\"articleBody\": \"The harbour reopened on Monday after repairs.\"}</script>\
                    </body></html>";
        let lines = furniture_lines(html);
        assert!(lines.frame.contains(&key("World news from every continent")));
        assert!(lines.frame.contains(&key("All rights reserved by the harbour gazette.")));
        assert!(lines.script.iter().any(|line| line.contains("maketracker")));
        assert!(!lines.frame.iter().chain(&lines.script).any(|line| line.contains("reopened")));
        assert!(is_furniture(
            "So var tracker = window.tracker || makeTracker(42); ran.",
            &truth_of_none(),
            &lines
        ));
        let truth = key("The harbour reopened on Monday after repairs.");
        assert!(!is_furniture("The harbour reopened on Monday after repairs.", &truth, &lines));
        assert!(is_furniture("All rights reserved by the harbour gazette.", &truth, &lines));
        assert!(!is_furniture("Home", &truth, &lines));
    }

    fn truth_of_none() -> String {
        String::new()
    }
}
