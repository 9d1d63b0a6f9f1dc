//! How fast is each strategy, end to end (analyse, score, select), on the
//! same documents?

use abridge::{Budget, Summarizer};
use abridge_score::ScorerKind;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn scorers(c: &mut Criterion) {
    let texts = abridge_benches::load(500);
    let mut group = c.benchmark_group(format!("summarize/{}", texts.name));
    group.throughput(Throughput::Elements(texts.texts.len() as u64));
    for &kind in ScorerKind::ALL {
        let summarizer = Summarizer::builder()
            .scorer(kind)
            .budget(Budget::Sentences(3))
            .build()
            .expect("valid settings");
        // Check the answer once, so a fast wrong result cannot pass.
        for text in &texts.texts {
            let summary = summarizer.summarize(text);
            assert!(!summary.is_empty() && summary.sentences.len() <= 3, "{kind}: bad summary");
        }
        group.bench_function(kind.name(), |b| {
            b.iter(|| {
                let mut chosen = 0;
                for text in &texts.texts {
                    chosen += summarizer.summarize(text).sentences.len();
                }
                chosen
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scorers);
criterion_main!(benches);
