//! The whole summarize pipeline, over every scorer, budget and input
//! format, on arbitrary bytes: extracts are spans of the text the format
//! gives (the input itself for plain text), distinct, in order, and within
//! the budget.

#![no_main]

use abridge::{Budget, InputFormat, Order, ScorerKind, Summarizer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [scorer, budget_kind, amount, order, rest @ ..] = data else { return };
    let kind = ScorerKind::ALL[*scorer as usize % ScorerKind::ALL.len()];
    let amount = usize::from(*amount % 50) + 1;
    let budget = match budget_kind % 4 {
        0 => Budget::Sentences(amount),
        1 => Budget::Words(amount * 3),
        2 => Budget::Chars(amount * 20),
        _ => Budget::Ratio(amount as f64 / 50.0),
    };
    // The other bits of the order byte choose the input format, or detection.
    let format = InputFormat::ALL.get(usize::from(order >> 1) % (InputFormat::ALL.len() + 1)).copied();
    let order = if order % 2 == 0 { Order::Document } else { Order::Score };
    let redundancy = (budget_kind & 0x80 != 0).then_some(0.7);
    let text = String::from_utf8_lossy(rest);
    let builder = Summarizer::builder().scorer(kind).budget(budget).order(order);
    let builder = match redundancy {
        Some(lambda) => builder.redundancy(lambda),
        None => builder,
    };
    let summarizer = builder.build().expect("valid settings");
    let format = format.unwrap_or_else(|| InputFormat::detect(None, &text));
    let summary = summarizer.summarize_as(&text, format);
    assert_eq!(summary.format, format);
    let parsed = format.parse(&text);
    let text = parsed.text.as_ref();
    let mut indices: Vec<usize> = summary.sentences.iter().map(|extract| extract.index).collect();
    for extract in &summary.sentences {
        assert_eq!(&text[extract.start..extract.end], extract.text, "an extract is a span of the text");
        assert!(extract.score.is_finite());
        assert!(extract.index < summary.n_sentences);
    }
    if order == Order::Document {
        assert!(indices.windows(2).all(|pair| pair[0] < pair[1]), "document order");
    }
    indices.sort_unstable();
    indices.dedup();
    assert_eq!(indices.len(), summary.sentences.len(), "a sentence chosen twice");
    match budget {
        Budget::Sentences(n) => assert!(summary.sentences.len() <= n),
        Budget::Words(n) => {
            let analyzer = summarizer.analyzer(summary.language);
            let document = match &parsed.blocks {
                Some(blocks) => analyzer.analyze_blocks(text, blocks, format.format().line_breaks()),
                None => analyzer.analyze(text),
            };
            let words: usize = summary.sentences.iter().map(|e| document.sentence_words(e.index)).sum();
            assert!(words <= n, "{words} words over a budget of {n}");
        }
        Budget::Chars(n) => {
            let chars: usize = summary.sentences.iter().map(|e| e.text.chars().count()).sum::<usize>()
                + summary.sentences.len().saturating_sub(1);
            assert!(chars <= n, "{chars} characters over a budget of {n}");
        }
        Budget::Ratio(_) => assert!(summary.sentences.len() <= summary.n_sentences),
    }
    assert_eq!(summary.is_empty(), summary.empty_reason.is_some(), "an empty summary says why");
});
