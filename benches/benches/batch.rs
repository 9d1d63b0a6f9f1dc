//! How much faster is a batch on every core than one thread, in process
//! (no JSON, no I/O)? `cargo xtask bench batch` measures the whole command.

use abridge::{BatchItem, BatchOptions, Summarizer};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn batch(c: &mut Criterion) {
    let texts = abridge_benches::load(500);
    let summarizer = Summarizer::builder().build().expect("valid settings");
    let items = || {
        texts
            .texts
            .iter()
            .enumerate()
            .map(|(i, text)| BatchItem::new(i.to_string(), text.clone(), i))
    };
    let mut group = c.benchmark_group(format!("batch/{}", texts.name));
    group.throughput(Throughput::Elements(texts.texts.len() as u64));
    for (name, options) in
        [("sequential", BatchOptions::sequential()), ("all-cores", BatchOptions::default())]
    {
        // Check the answer once, so a fast wrong result cannot pass: one
        // summary per text, in order.
        let results: Vec<_> =
            summarizer.summarize_batch(items(), options).expect("a thread pool").collect();
        assert_eq!(results.len(), texts.texts.len(), "{name}");
        assert!(results.iter().enumerate().all(|(i, result)| result.meta == i && result.is_ok()));
        group.bench_function(name, |b| {
            b.iter(|| summarizer.summarize_batch(items(), options).expect("a thread pool").count())
        });
    }
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
