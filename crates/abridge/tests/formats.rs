//! Issue 13: text as people have it. Each sample of `corpora/samples/` in a
//! format is summarised with every scorer and budget, and nothing that is
//! not running text (code, table rows, headings, headers, quoted lines,
//! signatures, footers, page numbers, timestamps) is ever chosen. Every
//! sample was written for these tests.

use abridge::{Budget, InputFormat, ScorerKind, Summarizer, Summary};

const README: &str = include_str!("../../../corpora/samples/readme.md");

/// The budgets every sample is tried with.
const BUDGETS: &[Budget] = &[
    Budget::Sentences(1),
    Budget::Sentences(3),
    Budget::Sentences(50),
    Budget::Words(60),
    Budget::Chars(200),
    Budget::Ratio(0.5),
    Budget::Ratio(1.0),
];

/// Summarises `input` as `format` with every scorer and budget; `check`
/// sees each summary.
fn every_summary(input: &str, format: InputFormat, mut check: impl FnMut(&str, &Summary<'_>)) {
    for &scorer in ScorerKind::ALL {
        for &budget in BUDGETS {
            let summarizer =
                Summarizer::builder().scorer(scorer).budget(budget).build().expect("settings");
            let summary = summarizer.summarize_as(input, format);
            let label = format!("{} {budget:?}", scorer.name());
            assert_eq!(summary.format, format, "{label}");
            check(&label, &summary);
        }
    }
}

/// Asserts that no chosen sentence contains any of `forbidden`, and that
/// each one is a span of the input.
fn assert_never_chosen(input: &str, format: InputFormat, forbidden: &[&str]) {
    every_summary(input, format, |label, summary| {
        assert!(!summary.is_empty(), "{label}: {:?}", summary.empty_reason);
        for extract in &summary.sentences {
            assert_eq!(&input[extract.start..extract.end], extract.text, "{label}");
            for needle in forbidden {
                assert!(!extract.text.contains(needle), "{label}: chose {:?}", extract.text);
            }
        }
    });
}

#[test]
fn markdown_code_tables_headings_and_markup_are_never_chosen() {
    assert_eq!(InputFormat::detect(Some("md"), README), InputFormat::Markdown);
    assert_eq!(InputFormat::detect(None, README), InputFormat::Markdown, "sniffed");
    assert_never_chosen(
        README,
        InputFormat::Markdown,
        &[
            "# Or download",
            "cargo install",
            "curl",
            "sandpiper --version",
            "--min-qual 20",
            "| `--",
            "drop reads whose",
            "title:",
            "<img",
            "example.invalid",
            "Release checklist",
            "Install",
        ],
    );
}

#[test]
fn markdown_summary_is_pinned() {
    let summary =
        Summarizer::builder().build().unwrap().summarize_as(README, InputFormat::Markdown);
    assert_eq!(
        summary.texts().collect::<Vec<_>>(),
        [
            "sandpiper trims low-quality reads from sequencing runs before they reach\nthe aligner, and it does so in a single pass over the input files.",
            "It reads FASTQ from files or a pipe, **keeps the pairs of paired-end runs\ntogether**, and writes the reads that pass to standard output.",
            "Give it one file for single-end runs, or two files for paired-end runs.",
        ]
    );
    assert_eq!(summary.metadata.title.as_deref(), Some("sandpiper"));
}
