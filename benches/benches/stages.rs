//! What does each stage of the pipeline cost on the same documents?
//!
//! `stages/<corpus>` times, in bytes per second of input:
//! - `segment`: sentence segmentation alone;
//! - `analyze`: segmentation plus tokenising, lower-casing, stop words and
//!   stemming (the whole `Analyzer`), one document at a time;
//! - `analyze-cached`: the same with an `AnalyzerCache`, as a batch runs it
//!   (each word stemmed once);
//! - `term-stats`: sentence frequencies and tf-idf vectors;
//! - `score`: the default strategy on analysed documents;
//! - `select`: choosing three sentences from the scores.
//!
//! Tokenise+stem alone is `analyze` minus `segment`.

use abridge_score::features::{TermCounts, TfIdfVectors};
use abridge_score::{Budget, Order, Scorer, Selector, SentenceFrequencies, TfIdfPosition};
use abridge_text::{Analyzer, AnalyzerCache, Language, RuleSegmenter, Segmenter};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn stages(c: &mut Criterion) {
    let texts = abridge_benches::load(500);
    let analyzer = Analyzer::new(Language::English);
    let segmenter = RuleSegmenter::new(Language::English);
    let documents: Vec<_> = texts.texts.iter().map(|text| analyzer.analyze(text)).collect();
    let n_sentences: usize = documents.iter().map(|document| document.sentences().len()).sum();
    let n_tokens: usize = documents.iter().map(|document| document.n_words()).sum();
    let stats: Vec<SentenceFrequencies> = documents.iter().map(SentenceFrequencies::new).collect();
    let scorer = TfIdfPosition::default();
    let scores: Vec<Vec<f64>> = documents
        .iter()
        .zip(&stats)
        .map(|(document, stats)| scorer.scores(document, stats))
        .collect();
    let selector =
        Selector { budget: Budget::Sentences(3), order: Order::Document, redundancy: None };

    let mut group = c.benchmark_group(format!("stages/{}", texts.name));
    group.throughput(Throughput::Bytes(texts.bytes()));

    let segment = || texts.texts.iter().map(|text| segmenter.segment(text).len()).sum::<usize>();
    assert_eq!(segment(), n_sentences, "segmenting alone gives the analyzer's sentences");
    group.bench_function("segment", |b| b.iter(segment));

    let analyze = || texts.texts.iter().map(|text| analyzer.analyze(text).n_words()).sum::<usize>();
    assert_eq!(analyze(), n_tokens);
    group.bench_function("analyze", |b| b.iter(analyze));

    let mut cache = AnalyzerCache::new();
    let mut analyze_cached = || {
        texts
            .texts
            .iter()
            .map(|text| {
                let document = analyzer.analyze_cached(text, &mut cache);
                let words = document.n_words();
                cache.recycle(document);
                words
            })
            .sum::<usize>()
    };
    assert_eq!(analyze_cached(), n_tokens);
    group.bench_function("analyze-cached", |b| b.iter(&mut analyze_cached));

    let term_stats = || {
        documents
            .iter()
            .map(|document| {
                let stats = SentenceFrequencies::new(document);
                let counts = TermCounts::new(document);
                TfIdfVectors::new(document, &stats, &counts).len()
            })
            .sum::<usize>()
    };
    assert_eq!(term_stats(), n_sentences);
    group.bench_function("term-stats", |b| b.iter(term_stats));

    let score = || {
        documents
            .iter()
            .zip(&stats)
            .map(|(document, stats)| scorer.scores(document, stats).len())
            .sum::<usize>()
    };
    assert_eq!(score(), n_sentences);
    group.bench_function("score", |b| b.iter(score));

    let select = || {
        documents
            .iter()
            .zip(&scores)
            .map(|(document, scores)| selector.select(document, scores, scorer.eligibility()).len())
            .sum::<usize>()
    };
    assert_eq!(select(), 3 * documents.len());
    group.bench_function("select", |b| b.iter(select));
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
