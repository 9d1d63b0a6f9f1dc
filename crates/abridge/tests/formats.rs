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
            "On a laptop it\ntrims a 10 GB run in about four minutes, which is faster than the tools it\nreplaces.",
        ]
    );
    assert_eq!(summary.metadata.title.as_deref(), Some("sandpiper"));
}

const INTERVIEW: &str = include_str!("../../../corpora/samples/interview.txt");
const VOICE_MEMO: &str = include_str!("../../../corpora/samples/voice-memo.txt");

#[test]
fn transcript_labels_and_timestamps_are_never_chosen() {
    for sample in [INTERVIEW, VOICE_MEMO] {
        assert_eq!(InputFormat::detect(Some("txt"), sample), InputFormat::Transcript);
        assert_never_chosen(sample, InputFormat::Transcript, &["[00:", "HOST:", "OKAFOR:", "\n"]);
    }
    // Every chosen sentence of the interview says who and when.
    every_summary(INTERVIEW, InputFormat::Transcript, |label, summary| {
        for extract in &summary.sentences {
            assert!(
                extract.speaker.is_some() && extract.start_ms.is_some(),
                "{label}: {extract:?}"
            );
            assert!(extract.start_ms <= extract.end_ms, "{label}");
        }
    });
}

#[test]
fn transcript_summary_is_pinned() {
    let summarizer = Summarizer::builder().scorer(ScorerKind::TextRank).build().unwrap();
    let summary = summarizer.summarize_as(VOICE_MEMO, InputFormat::Transcript);
    assert_eq!(
        summary.texts().collect::<Vec<_>>(),
        [
            "all the boxes for the new site are labelled with green tape and anything with red tape stays here for the recycling collection on monday",
            "the new site has parking for six cars only so if you can take the bus on monday that would help a lot",
            "if anyone calls your mobile just tell them we are back on monday",
        ]
    );
}

/// About 2,000 words of speech without punctuation or line breaks, from
/// clauses written for this test, in a fixed shuffled order.
fn long_transcript() -> String {
    const CLAUSES: &[&str] = &[
        "we started the survey of the river banks in early spring",
        "and the water was higher than anyone in the village could remember",
        "so the first thing we did was move the boats up onto the meadow",
        "because the old jetty had already lost two of its posts",
        "then the volunteers from the school came down with spades and sandbags",
        "and we built a low wall along the path to the mill",
        "the council sent an engineer who measured the flow every morning",
        "but the readings kept rising for nearly a fortnight",
        "which meant the footbridge had to stay closed the whole time",
        "well the farmers were worried about the lower fields",
        "because the sheep could not be moved to the hill in time",
        "so they opened the old sluice gate to let the water run off",
        "and that took the pressure off the wall for a few days",
        "then the rain came back harder than before",
        "and the meadow turned into a lake overnight",
        "we lost most of the fence posts and one of the sheds",
        "but nobody was hurt and the houses stayed dry",
        "now the engineers want to raise the bank by half a metre",
        "which will cost the parish about forty thousand pounds",
        "and the work should start as soon as the ground dries out",
    ];
    let mut words = 0;
    let mut state: u64 = 17;
    let mut text = String::new();
    while words < 2000 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let clause = CLAUSES[(state >> 33) as usize % CLAUSES.len()];
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(clause);
        words += clause.split_whitespace().count();
    }
    text
}

#[test]
fn a_long_transcript_keeps_to_a_word_budget_in_whole_units() {
    let text = long_transcript();
    assert!(text.split_whitespace().count() >= 2000);
    assert_eq!(InputFormat::detect(None, &text), InputFormat::Transcript);
    for &scorer in ScorerKind::ALL {
        let summarizer =
            Summarizer::builder().scorer(scorer).budget(Budget::Words(60)).build().unwrap();
        let summary = summarizer.summarize_detected(&text);
        assert!(!summary.is_empty(), "{}: {:?}", scorer.name(), summary.empty_reason);
        let words: usize = summary.texts().map(|t| t.split_whitespace().count()).sum();
        assert!(words <= 60, "{}: {words} words", scorer.name());
        assert!(
            summary.n_sentences > 2000 / 25,
            "{}: {} units",
            scorer.name(),
            summary.n_sentences
        );
        for extract in &summary.sentences {
            assert_eq!(&text[extract.start..extract.end], extract.text);
            assert!(extract.text.split_whitespace().count() <= 25, "{}", extract.text);
        }
    }
}

const FERRY: &str = include_str!("../../../corpora/samples/ferry.srt");
const LECTURE: &str = include_str!("../../../corpora/samples/lecture.vtt");

#[test]
fn subtitle_numbers_timestamps_and_tags_are_never_chosen() {
    for (sample, format, extension) in
        [(FERRY, InputFormat::Srt, "srt"), (LECTURE, InputFormat::Vtt, "vtt")]
    {
        assert_eq!(InputFormat::detect(Some(extension), sample), format);
        assert_eq!(InputFormat::detect(None, sample), format, "sniffed");
        let parsed = format.parse(sample);
        every_summary(sample, format, |label, summary| {
            assert!(!summary.is_empty(), "{label}");
            for extract in &summary.sentences {
                assert_eq!(&parsed.text[extract.start..extract.end], extract.text, "{label}");
                for needle in ["-->", "<", "{", "00:", "HALLAN ISLAND", "WEBVTT", "NOTE", "cue"] {
                    assert!(!extract.text.contains(needle), "{label}: chose {:?}", extract.text);
                }
                // Times and the bytes of the input the sentence came from.
                let (Some(start), Some(end)) = (extract.start_ms, extract.end_ms) else {
                    panic!("{label}: no times for {:?}", extract.text)
                };
                assert!(start < end, "{label}");
                let source = extract.source.expect("a source span");
                assert!(source.end <= sample.len() && source.start < source.end, "{label}");
            }
        });
    }
}

#[test]
fn subtitle_sentences_run_across_cues() {
    let summary =
        Summarizer::builder().sentences(2).build().unwrap().summarize_as(FERRY, InputFormat::Srt);
    let texts: Vec<&str> = summary.texts().collect();
    assert_eq!(
        texts,
        [
            "This winter the ferry to Hallan Island has run on only three days a week.",
            "The operator says the old boat needs new engines, and the parts will not arrive before March.",
        ]
    );
    // The second sentence is said over cues 2 and 3.
    assert_eq!(
        (summary.sentences[1].start_ms, summary.sentences[1].end_ms),
        (Some(4_100), Some(10_000))
    );
    let lecture =
        Summarizer::builder().sentences(1).build().unwrap().summarize_as(LECTURE, InputFormat::Vtt);
    assert_eq!(lecture.sentences[0].speaker.as_deref(), Some("Prof. Lind"));
}

const REPORT: &str = include_str!("../../../corpora/samples/report.txt");

#[test]
fn pdf_page_numbers_and_running_headers_are_never_chosen() {
    assert_eq!(InputFormat::detect(Some("txt"), REPORT), InputFormat::PdfText);
    let parsed = InputFormat::PdfText.parse(REPORT);
    assert_eq!(parsed.text.len(), REPORT.len(), "offsets are the input's");
    every_summary(REPORT, InputFormat::PdfText, |label, summary| {
        assert!(!summary.is_empty(), "{label}");
        for extract in &summary.sentences {
            assert_eq!(&parsed.text[extract.start..extract.end], extract.text, "{label}");
            for needle in ["Page ", "Annual Report", "Authority  ", "\u{c}"] {
                assert!(!extract.text.contains(needle), "{label}: chose {:?}", extract.text);
            }
            // No fragment of a sentence cut by the page break.
            assert!(!extract.text.starts_with("the figures"), "{label}");
        }
    });
}

#[test]
fn pdf_sentences_run_over_page_breaks_and_hyphens_are_shown_joined() {
    // Every sentence, so that the check does not hang on which ones the
    // default scorer prefers.
    let summary = Summarizer::builder()
        .budget(Budget::Ratio(1.0))
        .build()
        .unwrap()
        .summarize_as(REPORT, InputFormat::PdfText);
    let shown: Vec<String> = summary
        .sentences
        .iter()
        .map(|extract| {
            extract
                .shown
                .as_deref()
                .unwrap_or(&extract.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let position = |sentence: &str| {
        shown
            .iter()
            .position(|shown| shown == sentence)
            .unwrap_or_else(|| panic!("{sentence:?} not in {shown:?}"))
    };
    let first = position(
        "The harbour handled 1.4 million tonnes of cargo in 2025, eight per cent more than in the year before.",
    );
    let hyphenated = position(
        "Most of the growth came from the new container berth, which opened in April after two years of construction and the acquisition of the old timber yard beside it.",
    );
    // Runs over the page break.
    position(
        "Cruise calls rose to 31, and the cruise terminal earned more than its running costs for the first time, which is a better result than most ports of a similar size managed in 2025 according to the figures that the national ports association published in November.",
    );
    // The text and the span keep the hyphen as the input has it.
    assert!(summary.sentences[hyphenated].text.contains("construc-\ntion"));
    assert!(summary.sentences[first].shown.is_none(), "nothing to join");
}

const THREAD: &str = include_str!("../../../corpora/samples/thread.txt");
const MESSAGE: &str = include_str!("../../../corpora/samples/club-meeting.eml");

#[test]
fn email_quotes_signatures_headers_and_footers_are_never_chosen() {
    assert_eq!(InputFormat::detect(Some("txt"), THREAD), InputFormat::Email);
    assert_eq!(InputFormat::detect(Some("eml"), MESSAGE), InputFormat::Email);
    assert_eq!(InputFormat::detect(None, MESSAGE), InputFormat::Email, "sniffed");
    let forbidden = [
        "Leeds",
        "controllers failed",
        "Can you move",
        "wrote:",
        "Lindqvist",
        "+46",
        "confidential",
        "unsubscribe",
        "intended recipient",
        "From:",
        "Subject:",
        "Content-",
        "--b1",
        "<p>",
        "=\r\n",
        "Dear members",
        "Kind regards",
    ];
    for (sample, budget_check) in [(THREAD, true), (MESSAGE, false)] {
        let parsed = InputFormat::Email.parse(sample);
        every_summary(sample, InputFormat::Email, |label, summary| {
            assert!(!summary.is_empty(), "{label}");
            for extract in &summary.sentences {
                assert_eq!(&parsed.text[extract.start..extract.end], extract.text, "{label}");
                if budget_check {
                    assert_eq!(&sample[extract.start..extract.end], extract.text, "{label}");
                }
                for needle in forbidden {
                    assert!(!extract.text.contains(needle), "{label}: chose {:?}", extract.text);
                }
            }
        });
    }
    let summary = Summarizer::builder().build().unwrap().summarize_as(MESSAGE, InputFormat::Email);
    assert_eq!(summary.metadata.title.as_deref(), Some("Spring meeting on 12 April"));
    assert!(
        summary
            .texts()
            .next()
            .unwrap()
            .starts_with("The spring meeting of the Hallan Island Rowing Club")
    );
}

#[test]
fn quoted_replies_are_whole_sentences_when_asked_for() {
    let summarizer = Summarizer::builder().sentences(20).include_quoted(true).build().unwrap();
    let summary = summarizer.summarize_as(THREAD, InputFormat::Email);
    let quoted = summary
        .texts()
        .find(|text| text.contains("Leeds"))
        .expect("the quoted report is a candidate");
    assert_eq!(
        quoted.split_whitespace().collect::<Vec<_>>().join(" "),
        "The storage cluster in the Leeds data centre went read-only after both controllers failed at about 13:30."
    );
    assert!(!summary.texts().any(|text| text.contains('>') || text.contains("confidential")));
}
