//! How fast is each strategy on the same documents?
//!
//! Two groups, each with every strategy:
//! - `summarize/<corpus>`: the whole pipeline (analyse, statistics, score,
//!   select) per document, in documents per second;
//! - `score/<corpus>`: scoring alone, on documents analysed beforehand.
//!
//! Documents: the first 500 of cnndm_test when the corpora are present
//! (`ABRIDGE_CORPORA` or `../shared/corpora`), our own samples otherwise.

use abridge::{Budget, Summarizer};
use abridge_score::{ScorerKind, SentenceFrequencies};
use abridge_text::{Analyzer, Language};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const DOCS: usize = 500;

fn summarize(c: &mut Criterion) {
    let texts = abridge_benches::load(DOCS);
    let mut group = c.benchmark_group(format!("summarize/{}", texts.name));
    group.throughput(Throughput::Elements(texts.texts.len() as u64));
    for &kind in ScorerKind::ALL {
        let summarizer = Summarizer::builder()
            .scorer(kind)
            .budget(Budget::Sentences(3))
            .build()
            .expect("valid settings");
        // Check the answer once, so that a fast wrong result cannot pass.
        let chosen: usize =
            texts.texts.iter().map(|text| summarizer.summarize(text).sentences.len()).sum();
        assert_eq!(
            chosen,
            3 * texts.texts.len(),
            "{kind}: every document has three sentences to give"
        );
        group.bench_function(kind.name(), |b| {
            b.iter(|| {
                texts
                    .texts
                    .iter()
                    .map(|text| summarizer.summarize(text).sentences.len())
                    .sum::<usize>()
            })
        });
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
