//! Property tests of the whole pipeline: whatever the text, scorer and
//! budget, a summary is a set of distinct sentences of the input, in the
//! order asked for, within the budget, and never a panic. The fuzz targets
//! in `fuzz/` check the same invariants on bytes the fuzzer finds.

use abridge::{Budget, Order, ScorerKind, Summarizer};
use proptest::prelude::*;

/// Text-like strings: words, sentence punctuation, quotes, line breaks,
/// paragraphs, abbreviations, emoji and a few non-Latin scripts.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z]{1,9}".prop_map(|word| format!("{word} ")),
        1 => Just(". ".to_owned()),
        1 => Just("? ".to_owned()),
        1 => Just("! ".to_owned()),
        1 => Just("\n".to_owned()),
        1 => Just("\n\n".to_owned()),
        1 => Just("Mr. ".to_owned()),
        1 => Just("U.S. ".to_owned()),
        1 => Just("\"".to_owned()),
        1 => Just("… ".to_owned()),
        1 => Just("🎉 ".to_owned()),
        1 => Just("今天很好。".to_owned()),
        1 => Just("Ça va? ".to_owned()),
        1 => Just("3.5 ".to_owned()),
        1 => Just("- ".to_owned()),
    ];
    prop_oneof![
        prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.concat()),
        any::<String>(),
    ]
}

fn budget() -> impl Strategy<Value = Budget> {
    prop_oneof![
        (1usize..8).prop_map(Budget::Sentences),
        (1usize..80).prop_map(Budget::Words),
        (1usize..400).prop_map(Budget::Chars),
        (1u32..=100).prop_map(|percent| Budget::Ratio(f64::from(percent) / 100.0)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn summaries_are_spans_within_the_budget(
        text in text(),
        budget in budget(),
        scorer in prop::sample::select(ScorerKind::ALL),
        by_score in any::<bool>(),
        redundancy in prop::option::of(0.0f64..=1.0),
    ) {
        let order = if by_score { Order::Score } else { Order::Document };
        let builder = Summarizer::builder().scorer(scorer).budget(budget).order(order);
        let builder = match redundancy {
            Some(lambda) => builder.redundancy(lambda),
            None => builder.without_redundancy(),
        };
        let summarizer = builder.build().unwrap();
        let summary = summarizer.summarize(&text);
        let document = summarizer.analyze(&text);
        prop_assert_eq!(summary.n_sentences, document.sentences().len());
        prop_assert_eq!(summary.is_empty(), summary.empty_reason.is_some());

        let mut indices: Vec<usize> = Vec::new();
        for extract in &summary.sentences {
            prop_assert_eq!(&text[extract.start..extract.end], extract.text.as_ref());
            prop_assert_eq!(document.sentences()[extract.index].span().start, extract.start);
            prop_assert!(extract.score.is_finite());
            indices.push(extract.index);
        }
        if order == Order::Document {
            prop_assert!(indices.windows(2).all(|pair| pair[0] < pair[1]), "{:?}", indices);
        }
        let mut distinct = indices.clone();
        distinct.sort_unstable();
        distinct.dedup();
        prop_assert_eq!(distinct.len(), indices.len(), "a sentence chosen twice");

        match budget {
            Budget::Sentences(n) => prop_assert!(indices.len() <= n),
            Budget::Words(n) => {
                let words: usize = indices.iter().map(|&i| document.sentence_words(i)).sum();
                prop_assert!(words <= n, "{} words, budget {}", words, n);
            }
            Budget::Chars(n) => {
                let chars: usize = summary.sentences.iter().map(|e| e.text.chars().count()).sum::<usize>()
                    + indices.len().saturating_sub(1);
                prop_assert!(chars <= n, "{} characters, budget {}", chars, n);
            }
            Budget::Ratio(_) => prop_assert!(indices.len() <= document.sentences().len()),
        }
    }
}
