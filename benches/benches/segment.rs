//! How fast does each segmenter cut text into sentences, in bytes per
//! second? `RuleSegmenter` (abbreviation-aware, the default) against
//! `UnicodeSegmenter` (plain UAX #29 sentence boundaries, the baseline) and
//! the `sentencex` crate (a peer, rules for some 300 languages), on the
//! cnndm_test texts and on our own samples.
//!
//! Each bench checks its answer before it times it: the sample counts were
//! made by hand, and on cnndm_test the rule segmenter must find about one
//! sentence per 15 to 35 words and at least two in every document.

use abridge_text::{
    Language, RuleSegmenter, Segment, SegmentKind, Segmenter, Span, UnicodeSegmenter,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Documents of cnndm_test to bench on.
const N_DOCUMENTS: usize = 1000;

/// Units in our samples (harbour, wrapped e-mail, minutes), counted by hand.
const SAMPLE_UNITS: usize = 16 + 8 + 24;

/// The `sentencex` crate behind our trait: its sentences are slices of the
/// text, so their offsets are where they start in it.
#[derive(Debug)]
struct Sentencex;

impl Segmenter for Sentencex {
    fn for_each_segment(&self, text: &str, f: &mut dyn FnMut(Segment)) {
        for sentence in sentencex::segment("en", text) {
            let start = sentence.as_ptr() as usize - text.as_ptr() as usize;
            let span = Span::new(start, start + sentence.len()).trim(text);
            if !span.is_empty() {
                f(Segment { span, paragraph: 0, kind: SegmentKind::Prose });
            }
        }
    }
}

/// Segments every text, reusing one buffer, and returns the number of units.
fn count_units(segmenter: &dyn Segmenter, texts: &[String], out: &mut Vec<Segment>) -> usize {
    let mut n_units = 0;
    for text in texts {
        out.clear();
        segmenter.segment_into(text, out);
        n_units += out.len();
    }
    n_units
}

fn bench_texts(c: &mut Criterion, name: &str, texts: &[String], check: impl Fn(&str, usize)) {
    let n_bytes: u64 = texts.iter().map(|text| text.len() as u64).sum();
    let segmenters: [(&str, Box<dyn Segmenter>); 3] = [
        ("rule", Box::new(RuleSegmenter::new(Language::English))),
        ("unicode", Box::new(UnicodeSegmenter)),
        ("sentencex", Box::new(Sentencex)),
    ];
    let mut group = c.benchmark_group(format!("segment/{name}"));
    group.throughput(Throughput::Bytes(n_bytes));
    let mut out = Vec::new();
    for (id, segmenter) in &segmenters {
        // Check the answer once (this also warms the abbreviation tables).
        check(id, count_units(segmenter.as_ref(), texts, &mut out));
        group.bench_function(*id, |b| b.iter(|| count_units(segmenter.as_ref(), texts, &mut out)));
    }
    group.finish();
}

fn segment(c: &mut Criterion) {
    let samples: Vec<String> =
        abridge_benches::SAMPLES.iter().map(|&text| text.to_owned()).collect();
    bench_texts(c, "samples", &samples, |id, n_units| match id {
        "rule" => assert_eq!(n_units, SAMPLE_UNITS, "rule: wrong unit count on the samples"),
        // UAX #29 breaks after every "Dr." and "p.m.", so it finds more.
        "unicode" => assert!(n_units > SAMPLE_UNITS, "{id}: {n_units} units on the samples"),
        // sentencex knows the abbreviations but joins the lines of a block.
        _ => assert!(n_units >= SAMPLE_UNITS / 2, "{id}: {n_units} units on the samples"),
    });

    let corpus = abridge_benches::load(N_DOCUMENTS);
    if corpus.name != "cnndm_test" {
        return;
    }
    let texts = &corpus.texts;
    let rule = RuleSegmenter::new(Language::English);
    for text in texts {
        assert!(rule.segment(text).len() >= 2, "a document collapsed: {:.60}", text);
    }
    let n_words: usize = texts.iter().map(|text| text.split_whitespace().count()).sum();
    bench_texts(c, corpus.name, texts, |id, n_units| {
        let words_per_unit = n_words as f64 / n_units.max(1) as f64;
        match id {
            "rule" => assert!(
                (15.0..=35.0).contains(&words_per_unit),
                "rule: {words_per_unit:.1} words per sentence on cnndm_test"
            ),
            // Lower-cased text hides most boundaries from UAX #29.
            _ => assert!(n_units > 0, "{id}: no units on cnndm_test"),
        }
    });
}

criterion_group!(benches, segment);
criterion_main!(benches);
