//! The JSONL batch path on arbitrary bytes: every line gives exactly one
//! result, in input order, with a summary or an error, and the summaries
//! are spans of their text.

#![no_main]

use abridge::record::Record;
use abridge::{BatchItem, BatchOptions, Budget, Summarizer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&settings, bytes)) = data.split_first() else { return };
    let threads = 1 + usize::from(settings % 2);
    let window = usize::from(settings / 2 % 8);
    let summarizer =
        Summarizer::builder().budget(Budget::Sentences(2)).build().expect("valid settings");
    let items: Vec<BatchItem<usize>> = bytes
        .split(|&byte| byte == b'\n')
        .enumerate()
        .map(|(line, bytes)| match Record::parse(bytes.to_vec()) {
            Ok(record) => {
                let id = record.id.unwrap_or_else(|| format!("line {line}"));
                match record.text {
                    Ok(text) => BatchItem::new(id, text, line).with_language(record.language),
                    Err(error) => BatchItem::failed(id, error.to_string(), line),
                }
            }
            Err(error) => BatchItem::failed(format!("line {line}"), error.to_string(), line),
        })
        .collect();
    let n_items = items.len();
    let options = BatchOptions::default().threads(threads).window(window);
    let results = summarizer.summarize_batch(items, options).expect("valid batch options");
    let mut n_results = 0;
    for (position, result) in results.enumerate() {
        assert_eq!(result.meta, position, "results come back in input order");
        if let (Ok(summary), Some(text)) = (&result.outcome, result.text()) {
            for extract in &summary.sentences {
                assert_eq!(&text[extract.start..extract.end], extract.text);
            }
        }
        n_results += 1;
    }
    assert_eq!(n_results, n_items, "one result per input line");
});
