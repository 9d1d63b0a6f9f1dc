//! `abridge sentences`.

use std::io::Write;

use abridge::crates::text::Analyzer;
use abridge::{Document, SentenceKind};
use serde::Serialize;

use crate::args::{Format, SentencesArgs};
use crate::input::Input;
use crate::{Outcome, one_line, report};

#[derive(Serialize)]
struct JsonSentence<'a> {
    index: usize,
    text: &'a str,
    start: usize,
    end: usize,
    kind: SentenceKind,
    paragraph: usize,
}

#[derive(Serialize)]
struct JsonSentences<'a> {
    input: &'a str,
    language: abridge::Language,
    language_source: abridge::LanguageSource,
    sentences: Vec<JsonSentence<'a>>,
}

pub fn run(args: &SentencesArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let Some(input) = Input::read_text(&args.input)? else {
        return Ok(Outcome::Failed);
    };
    let (language, language_source) = args.lang.resolve(&input.text);
    let document: Document<'_> = Analyzer::new(language).analyze(&input.text);
    match args.format {
        Format::Text => {
            for sentence in document.sentences() {
                writeln!(out, "{}", one_line(sentence.span().slice(&input.text)))?;
            }
        }
        Format::Json => {
            let sentences = document
                .sentences()
                .iter()
                .enumerate()
                .map(|(index, sentence)| {
                    let span = sentence.span();
                    JsonSentence {
                        index,
                        text: span.slice(&input.text),
                        start: span.start,
                        end: span.end,
                        kind: sentence.kind(),
                        paragraph: document.paragraph_of(index),
                    }
                })
                .collect();
            let json = JsonSentences { input: &input.name, language, language_source, sentences };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
    }
    if document.sentences().is_empty() {
        report(&format!("{}: input is empty", input.name));
        return Ok(Outcome::Failed);
    }
    Ok(Outcome::Success)
}
