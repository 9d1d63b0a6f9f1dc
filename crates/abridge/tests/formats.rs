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
/// each one is a span of the input (marks a format overwrote, such as the
/// `>` of a Markdown quotation's lines, read as spaces).
fn assert_never_chosen(input: &str, format: InputFormat, forbidden: &[&str]) {
    every_summary(input, format, |label, summary| {
        assert!(!summary.is_empty(), "{label}: {:?}", summary.empty_reason);
        for extract in &summary.sentences {
            let source = &input.as_bytes()[extract.start..extract.end];
            assert_eq!(source.len(), extract.text.len(), "{label}");
            assert!(
                source.iter().zip(extract.text.as_bytes()).all(|(a, b)| a == b || *b == b' '),
                "{label}: {:?} is not {:?}",
                extract.text,
                &input[extract.start..extract.end]
            );
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

#[test]
fn pdf_hyphens_at_line_ends_are_shown_as_the_document_writes_the_word() {
    // "open-source" is written whole on the first page, "selfish" on the
    // second; where a line end cuts them, they are shown the same way.
    let pages = "The port runs open-source software for its cranes and berths.\n\
                 Its engineers publish the open-\nsource code of the berth planner.\n\
                 \u{c}No one in the team is self-\nish about the planner's code.\n\
                 A selfish team would keep it.\n";
    let summary = Summarizer::builder()
        .scorer(ScorerKind::Lead)
        .sentences(4)
        .build()
        .unwrap()
        .summarize_as(pages, InputFormat::PdfText);
    let shown: Vec<String> = summary.sentences.iter().map(|extract| extract.one_line()).collect();
    assert!(
        shown.contains(
            &"Its engineers publish the open-source code of the berth planner.".to_owned()
        ),
        "{shown:?}"
    );
    assert!(
        shown.contains(&"No one in the team is selfish about the planner's code.".to_owned()),
        "{shown:?}"
    );
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

#[test]
fn markdown_quotes_are_read_without_their_marks() {
    let input = "# Notes\n\n> The council said the harbour would reopen on Friday\n> once the engineers had checked every berth.\n\nThe ferry timetable stays as it is.\n";
    let summary = Summarizer::builder()
        .sentences(1)
        .build()
        .unwrap()
        .summarize_as(input, InputFormat::Markdown);
    let extract = &summary.sentences[0];
    assert_eq!(
        extract.one_line(),
        "The council said the harbour would reopen on Friday once the engineers had checked every berth."
    );
    // Offsets are still into the file: the span covers the mark's place.
    assert_eq!(input[extract.start..extract.end].replace("\n> ", "\n  "), extract.text);
}

/// A meeting we wrote, opened and closed with pleasantries.
const MEETING: &str = "MAYA: Hi everyone, thanks for joining.
MAYA: Today we need to decide whether the warehouse moves to the new site in March.
BEN: The lease on the old building ends on the last day of February, so we cannot stay longer.
MAYA: The new site has room for twice the stock, but the loading bays are not finished yet.
BEN: The builder says the bays will be ready by the middle of March if the weather holds.
MAYA: Then we move the slow stock in February and the rest once the bays are done.
MAYA: Great, thanks everyone, see you next week.
";

#[test]
fn transcript_greetings_and_farewells_are_not_chosen() {
    assert_never_chosen(MEETING, InputFormat::Transcript, &["thanks for joining", "see you"]);
    let summary = Summarizer::builder()
        .sentences(1)
        .build()
        .unwrap()
        .summarize_as(MEETING, InputFormat::Transcript);
    // A conversation has no lead (it opens with greetings): the one
    // sentence is one of the turns about the move, not a pleasantry.
    let chosen = &summary.sentences[0].text;
    assert!(chosen.contains("site") || chosen.contains("lease"), "{chosen}");
    assert!(!chosen.contains("thanks") && !chosen.contains("Hi "), "{chosen}");
    // A transcript of nothing but pleasantries is still summarised.
    let only = "MAYA: Hi everyone, thanks for joining.\nBEN: Thanks Maya.\nMAYA: Hello all.\n";
    let summary = Summarizer::builder()
        .sentences(1)
        .build()
        .unwrap()
        .summarize_as(only, InputFormat::Transcript);
    assert_eq!(summary.sentences.len(), 1);
    assert!(only.contains(summary.sentences[0].text.as_ref()));
}

/// The samples of `corpora/samples/` in plain prose.
const PLAIN_SAMPLES: &[(&str, &str)] = &[
    ("harbour.txt", include_str!("../../../corpora/samples/harbour.txt")),
    ("minutes.txt", include_str!("../../../corpora/samples/minutes.txt")),
    ("port-fr.txt", include_str!("../../../corpora/samples/port-fr.txt")),
    ("typhoon-zh.txt", include_str!("../../../corpora/samples/typhoon-zh.txt")),
    ("wrapped-email.txt", include_str!("../../../corpora/samples/wrapped-email.txt")),
];

#[test]
fn the_recognisers_never_fire_on_the_plain_samples() {
    let summarizer = Summarizer::builder().build().unwrap();
    for (name, text) in PLAIN_SAMPLES {
        assert_eq!(InputFormat::detect(Some("txt"), text), InputFormat::Text, "{name}");
        assert_eq!(InputFormat::detect(None, text), InputFormat::Text, "{name}");
        // Summarised by detection, as plain text and as before the formats
        // (`summarize`, which reads plain text): the same sentences.
        let detected = summarizer.summarize_as(text, InputFormat::detect(None, text));
        let plain = summarizer.summarize(text);
        assert_eq!(detected.sentences, plain.sentences, "{name}");
    }
}

#[test]
fn nested_listed_and_lazy_markdown_quotes_are_read_without_their_marks() {
    let input = "# Notes\n\n> > The council said the harbour would reopen on Friday\n> > once the engineers had checked every berth.\n\n- A list item that quotes:\n\n  > The ferry timetable stays as it is\n  > until the end of the month.\n\nLazy quotes too:\n\n> The mayor thanked the divers\nwho found the breach in the wall.\n";
    let summary = Summarizer::builder()
        .scorer(ScorerKind::Lead)
        .sentences(5)
        .build()
        .unwrap()
        .summarize_as(input, InputFormat::Markdown);
    let lines: Vec<String> = summary.sentences.iter().map(|extract| extract.one_line()).collect();
    for sentence in [
        "The council said the harbour would reopen on Friday once the engineers had checked every berth.",
        "The ferry timetable stays as it is until the end of the month.",
        "The mayor thanked the divers who found the breach in the wall.",
    ] {
        assert!(lines.contains(&sentence.to_owned()), "{lines:?}");
    }
    assert!(lines.iter().all(|line| !line.contains('>')), "{lines:?}");
}
