//! A cluster of 10 documents of 1,000 words, summarised in process
//! (`Summarizer::summarize_cluster`, no JSON, no I/O). `cargo xtask cluster`
//! measures the whole `abridge batch` command on such clusters.

use abridge::{ClusterDocument, Summarizer};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const DOCS: usize = 10;
const WORDS: usize = 1_000;

/// Ten documents of 1,000 words, each made of consecutive texts of the
/// bench corpus (the samples go round again when it is short), cut after
/// its 1,000th word.
fn cluster_texts() -> (&'static str, Vec<String>) {
    let texts = abridge_benches::load(200);
    let mut pool = texts.texts.iter().cycle();
    let documents = (0..DOCS)
        .map(|_| {
            let mut document = String::new();
            while document.split_whitespace().count() < WORDS {
                let Some(text) = pool.next() else { break };
                document.push_str(text);
                document.push_str("\n\n");
            }
            cut_after_words(&document, WORDS).to_owned()
        })
        .collect();
    (texts.name, documents)
}

/// `text` up to the end of its `n`th white-space separated word.
fn cut_after_words(text: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word && words == n {
                return &text[..at];
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    text
}

fn cluster(c: &mut Criterion) {
    let (name, texts) = cluster_texts();
    let documents: Vec<ClusterDocument<'_>> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| ClusterDocument::new(text).with_id(i.to_string()))
        .collect();
    let words: usize = texts.iter().map(|text| text.split_whitespace().count()).sum();
    let mut group = c.benchmark_group(format!("cluster/{name}"));
    group.throughput(Throughput::Elements(words as u64));
    for (label, words_budget) in [("100-words", 100), ("250-words", 250)] {
        let summarizer = Summarizer::builder()
            .language(abridge::Language::English)
            .budget(abridge::Budget::Words(words_budget))
            .build()
            .expect("valid settings");
        // Check the answer once, so a fast wrong result cannot pass.
        let summary = summarizer.summarize_cluster(&documents);
        assert!(!summary.sentences.is_empty(), "{label}: empty summary");
        assert!(summary.sentences.iter().all(|extract| extract.doc.is_some()));
        group.bench_function(label, |b| b.iter(|| summarizer.summarize_cluster(&documents)));
        // The same words as one document, for the cost of the cluster's
        // own work (term ids shared across documents, concept coverage).
        let joined = texts.join("\n\n");
        group.bench_function(format!("{label}-joined"), |b| {
            b.iter(|| summarizer.summarize(&joined))
        });
    }
    group.finish();
}

criterion_group!(benches, cluster);
criterion_main!(benches);
