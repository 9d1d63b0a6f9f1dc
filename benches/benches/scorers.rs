//! How fast is each strategy on the same documents?
//!
//! Two groups, each with every strategy:
//! - `summarize/<corpus>`: the whole pipeline (analyse, statistics, score,
//!   select) on one core, as a corpus runs through it: the sequential batch
//!   path, English (the corpus's `lang`), no JSON; in documents per second.
//!   `detect+tfidf-position` adds language detection to the default.
//! - `score/<corpus>`: scoring alone, on documents analysed beforehand.
//!
//! Compare with `stages/<corpus>/analyze-cached` in `stages.rs`, the
//! tokenise+stem stage alone.
//!
//! Documents: the first 500 of cnndm_test when the corpora are present
//! (`ABRIDGE_CORPORA` or `../shared/corpora`), our own samples otherwise.

use abridge::{BatchItem, BatchOptions, Budget, LanguageChoice, Summarizer};
use abridge_score::{ScorerKind, SentenceFrequencies};
use abridge_text::{Analyzer, Language};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const DOCS: usize = 500;

fn summarize(c: &mut Criterion) {
    let texts = abridge_benches::load(DOCS);
    let mut group = c.benchmark_group(format!("summarize/{}", texts.name));
    group.throughput(Throughput::Elements(texts.texts.len() as u64));
    let runs = ScorerKind::ALL
        .iter()
        .map(|&kind| (kind.name().to_owned(), kind, LanguageChoice::Fixed(Language::English)))
        .chain([(
            "detect+tfidf-position".to_owned(),
            ScorerKind::TfIdfPosition,
            LanguageChoice::Auto,
        )]);
    for (name, kind, language) in runs {
        let summarizer = Summarizer::builder()
            .scorer(kind)
            .budget(Budget::Sentences(3))
            .language_choice(language)
            .build()
            .expect("valid settings");
        let run = || {
            let items =
                texts.texts.iter().map(|text| BatchItem::new(String::new(), text.clone(), ()));
            summarizer
                .summarize_batch(items, BatchOptions::sequential())
                .expect("the sequential path")
                .map(|result| result.outcome.map_or(0, |summary| summary.sentences.len()))
                .sum::<usize>()
        };
        // Check the answer once, so that a fast wrong result cannot pass.
        assert_eq!(
            run(),
            3 * texts.texts.len(),
            "{name}: every document has three sentences to give"
        );
        group.bench_function(name, |b| b.iter(run));
    }
    group.finish();
}

fn score_only(c: &mut Criterion) {
    let texts = abridge_benches::load(DOCS);
    let analyzer = Analyzer::new(Language::English);
    let documents: Vec<_> = texts.texts.iter().map(|text| analyzer.analyze(text)).collect();
    let stats: Vec<SentenceFrequencies> = documents.iter().map(SentenceFrequencies::new).collect();
    let mut group = c.benchmark_group(format!("score/{}", texts.name));
    group.throughput(Throughput::Elements(documents.len() as u64));
    for &kind in ScorerKind::ALL {
        let scorer = kind.build();
        let mut buffer = Vec::new();
        let run = |buffer: &mut Vec<f64>| {
            let mut finite = 0usize;
            for (document, stats) in documents.iter().zip(&stats) {
                buffer.clear();
                buffer.resize(document.sentences().len(), 0.0);
                scorer.score(document, stats, buffer);
                finite += buffer.iter().filter(|score| score.is_finite()).count();
            }
            finite
        };
        let n_sentences: usize = documents.iter().map(|document| document.sentences().len()).sum();
        assert_eq!(run(&mut buffer), n_sentences, "{kind}: one finite score per sentence");
        group.bench_function(kind.name(), |b| b.iter(|| run(&mut buffer)));
    }
    group.finish();
}

criterion_group!(benches, summarize, score_only);
criterion_main!(benches);
