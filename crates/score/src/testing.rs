//! The conformance harness every [`Scorer`](crate::Scorer) passes.

/// Generates a test module that checks a scorer against the contract of
/// [`Scorer`](crate::Scorer): one finite score per sentence, deterministic
/// results, empty and one-sentence documents, explanations for every
/// sentence, and a budget that holds when its scores are selected.
///
/// ```text
/// abridge_score::test_scorer!(tfidf_position, abridge_score::TfIdfPosition::default());
/// ```
#[macro_export]
macro_rules! test_scorer {
    ($module:ident, $scorer:expr) => {
        #[cfg(test)]
        mod $module {
            use abridge_text::{Document, Language};
            use $crate::{Budget, Order, Scorer, Selector, SentenceFrequencies};

            const TEXTS: &[&str] = &[
                "",
                "   \n\n  ",
                "One lonely sentence about the harbour.",
                "The harbour froze in January. Boats stayed in port for weeks. \
                 Fishermen said the ice was the thickest in decades. The town council \
                 asked for help from the coast guard. Icebreakers arrived on Friday.\n\n\
                 By Monday the harbour was open again. Boats left at dawn.",
                "le port a gelé en janvier . les bateaux sont restés au port . \
                 les pêcheurs ont dit que la glace était épaisse .",
                "Same sentence here. Same sentence here. Same sentence here.",
            ];

            fn scores(text: &str) -> Vec<f64> {
                let document = Document::new(text, Language::English);
                let stats = SentenceFrequencies::new(&document);
                let scorer = $scorer;
                let scores = scorer.scores(&document, &stats);
                assert_eq!(
                    scores.len(),
                    document.sentences().len(),
                    "help: `{}` must write one score per sentence",
                    scorer.name()
                );
                scores
            }

            #[test]
            fn one_finite_score_per_sentence() {
                for text in TEXTS {
                    for score in scores(text) {
                        assert!(score.is_finite(), "non-finite score {score} for {text:?}");
                    }
                }
            }

            #[test]
            fn deterministic() {
                for text in TEXTS {
                    assert_eq!(
                        scores(text),
                        scores(text),
                        "scores differ between runs on {text:?}"
                    );
                }
            }

            #[test]
            fn explains_every_sentence() {
                let scorer = $scorer;
                for text in TEXTS {
                    let document = Document::new(text, Language::English);
                    let stats = SentenceFrequencies::new(&document);
                    for sentence_idx in 0..document.sentences().len() {
                        let explanation = scorer.explain(&document, &stats, sentence_idx);
                        assert!(!explanation.description.is_empty());
                    }
                }
            }

            #[test]
            fn budgets_hold() {
                let scorer = $scorer;
                for text in TEXTS {
                    let document = Document::new(text, Language::English);
                    let stats = SentenceFrequencies::new(&document);
                    let scores = scorer.scores(&document, &stats);
                    for budget in [
                        Budget::Sentences(0),
                        Budget::Sentences(1),
                        Budget::Sentences(3),
                        Budget::Words(12),
                        Budget::Chars(80),
                        Budget::Ratio(0.3),
                    ] {
                        for order in [Order::Document, Order::Score] {
                            let selector = Selector { budget, order, redundancy: None };
                            let chosen = selector.select(&document, &scores, scorer.eligibility());
                            let mut distinct = chosen.clone();
                            distinct.sort_unstable();
                            distinct.dedup();
                            assert_eq!(distinct.len(), chosen.len(), "a sentence chosen twice");
                            match budget {
                                Budget::Sentences(n) => assert!(chosen.len() <= n),
                                Budget::Words(n) => assert!(
                                    chosen
                                        .iter()
                                        .map(|&i| document.sentence_words(i))
                                        .sum::<usize>()
                                        <= n
                                ),
                                Budget::Chars(n) => {
                                    let chars: usize = chosen
                                        .iter()
                                        .map(|&i| document.sentence_text(i).chars().count())
                                        .sum();
                                    assert!(chars + chosen.len().saturating_sub(1) <= n);
                                }
                                Budget::Ratio(_) => {
                                    assert!(chosen.len() <= document.sentences().len())
                                }
                            }
                            if order == Order::Document {
                                assert!(chosen.windows(2).all(|pair| pair[0] < pair[1]));
                            }
                        }
                    }
                }
            }
        }
    };
}
