//! A scorer of your own, plugged into the abridge pipeline.
//!
//! Run with `cargo run -p abridge --example custom_scorer`.
//!
//! This scorer prefers sentences that mention numbers, a crude stand-in for
//! "sentences with facts". It gets segmentation, tokens, selection under a
//! budget, furniture filtering and explanations from abridge for free.

use abridge::crates::score::{Explanation, Score, Scorer, TermStats};
use abridge::{Budget, Document, Summarizer};

/// Scores a sentence by the share of its words that contain a digit.
#[derive(Debug)]
struct NumberDensity;

impl Scorer for NumberDensity {
    fn name(&self) -> &'static str {
        "number-density"
    }

    fn score(&self, document: &Document<'_>, _stats: &dyn TermStats, scores: &mut [Score]) {
        for (sentence_idx, score) in scores.iter_mut().enumerate() {
            let tokens = document.sentence_tokens(sentence_idx);
            let with_digits = tokens
                .iter()
                .filter(|token| {
                    token.span().slice(document.text()).chars().any(|c| c.is_ascii_digit())
                })
                .count();
            *score = if tokens.is_empty() { 0.0 } else { with_digits as f64 / tokens.len() as f64 };
        }
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        let mut scores = vec![0.0; document.sentences().len()];
        self.score(document, stats, &mut scores);
        Explanation::new("share of words with a digit", scores[sentence_idx])
    }
}

fn main() -> Result<(), abridge::Error> {
    let text = "The storm closed the harbour on Tuesday. \
                Gusts reached 130 km/h and 2,300 homes lost power. \
                Residents were asked to stay indoors.";
    let summarizer = Summarizer::builder()
        .custom_scorer(Box::new(NumberDensity))
        .budget(Budget::Sentences(1))
        .explain(true)
        .build()?;
    let summary = summarizer.summarize(text);
    assert_eq!(summary.sentences[0].text, "Gusts reached 130 km/h and 2,300 homes lost power.");
    for extract in &summary.sentences {
        println!("{} ({}..{})", extract.text, extract.start, extract.end);
        if let Some(explanation) = &extract.explanation {
            print!("{explanation}");
        }
    }
    Ok(())
}
