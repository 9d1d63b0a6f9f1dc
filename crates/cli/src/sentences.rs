//! `abridge sentences`.

use std::io::Write;

use abridge::crates::text::Analyzer;
use abridge::{Block, Document, InputFormat, SentenceKind};
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
    format: InputFormat,
    /// The text spans point into, when the format extracted it from the
    /// input rather than keeping it.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    blocks: Option<&'a [Block]>,
    language: abridge::Language,
    language_source: abridge::LanguageSource,
    sentences: Vec<JsonSentence<'a>>,
}

pub fn run(args: &SentencesArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let Some(input) = Input::read_text(&args.input)? else {
        return Ok(Outcome::Failed);
    };
    let format = input.format(&args.input);
    let parsed = format.parse(&input.text);
    let text: &str = &parsed.text;
    let (language, language_source) = args.lang.resolve(text);
    let analyzer = Analyzer::new(language);
    let document: Document<'_> = match &parsed.blocks {
        Some(blocks) => analyzer.analyze_blocks(text, blocks),
        None => analyzer.analyze(text),
    };
    match args.format {
        Format::Text => {
            for sentence in document.sentences() {
                let shown = format.format().show(sentence.span().slice(text));
                writeln!(out, "{}", one_line(&shown))?;
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
                        text: span.slice(text),
                        start: span.start,
                        end: span.end,
                        kind: sentence.kind(),
                        paragraph: document.paragraph_of(index),
                    }
                })
                .collect();
            let json = JsonSentences {
                input: &input.name,
                format,
                text: matches!(parsed.text, std::borrow::Cow::Owned(_)).then_some(text),
                blocks: parsed.blocks.as_deref(),
                language,
                language_source,
                sentences,
            };
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
