//! `abridge sentences`.

use std::io::Write;

use abridge::crates::text::{Analyzer, Unit};
use abridge::{Block, Document, InputFormat, SentenceKind};
use serde::Serialize;

use crate::args::{Format, SentencesArgs};
use crate::input::Input;
use crate::{Outcome, report};

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
    // Plain text needs its units only, so no word is tokenised or stemmed;
    // formats with blocks are analysed as `summarize` analyses them.
    let document: Option<Document<'_>> = match &parsed.blocks {
        Some(blocks) => Some(analyzer.analyze_blocks(text, blocks, format.format().line_breaks())),
        None if format != InputFormat::Text => Some(analyzer.analyze(text)),
        None => None,
    };
    let each_unit = |f: &mut dyn FnMut(Unit)| match &document {
        None => analyzer.for_each_unit(text, f),
        Some(document) => {
            for (index, sentence) in document.sentences().iter().enumerate() {
                f(Unit {
                    span: sentence.span(),
                    paragraph: document.paragraph_of(index),
                    kind: sentence.kind(),
                });
            }
        }
    };
    let mut n_units = 0;
    match args.format {
        Format::Text => {
            let mut result = Ok(());
            let show = format.format().shower(text);
            let mut write = |span: abridge::Span| {
                n_units += 1;
                if result.is_ok() {
                    result = write_line(out, &show(span.slice(text)));
                }
            };
            match &document {
                // Lines show no kind, so plain text skips the furniture
                // rules that decide it.
                None => analyzer.for_each_span(text, write),
                Some(_) => each_unit(&mut |unit| write(unit.span)),
            }
            result?;
        }
        Format::Json => {
            let mut sentences = Vec::new();
            each_unit(&mut |unit: Unit| {
                let span = unit.span;
                sentences.push(JsonSentence {
                    index: sentences.len(),
                    text: span.slice(text),
                    start: span.start,
                    end: span.end,
                    kind: unit.kind,
                    paragraph: unit.paragraph,
                });
            });
            n_units = sentences.len();
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
    if n_units == 0 {
        report(&format!("{}: input is empty", input.name));
        return Ok(Outcome::Failed);
    }
    Ok(Outcome::Success)
}

/// Writes `unit` on one line, each run of white space in it one space, as
/// [`one_line`](crate::one_line) makes it, without building the line.
fn write_line(out: &mut impl Write, unit: &str) -> std::io::Result<()> {
    if is_one_line(unit) {
        out.write_all(unit.as_bytes())?;
        return out.write_all(b"\n");
    }
    for (index, word) in unit.split_whitespace().enumerate() {
        if index > 0 {
            out.write_all(b" ")?;
        }
        out.write_all(word.as_bytes())?;
    }
    out.write_all(b"\n")
}

/// Whether `unit` (trimmed) is on one line already: no control character,
/// no two spaces in a row and no white space outside ASCII.
fn is_one_line(unit: &str) -> bool {
    let bytes = unit.as_bytes();
    // One pass without early exit, which the compiler vectorises. The
    // white space outside ASCII (U+0085, U+00A0, U+1680, U+2000 to U+3000)
    // starts with one of four lead bytes.
    let (control, wide_lead) = bytes.iter().fold((false, false), |(control, wide), &byte| {
        (control | (byte < b' '), wide | matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3))
    });
    let double_space = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |double, (&a, &b)| double | ((a == b' ') & (b == b' ')));
    let wide_space = wide_lead && unit.chars().any(|c| !c.is_ascii() && c.is_whitespace());
    !(control || double_space || wide_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_the_unit_with_its_white_space_collapsed() {
        let units = [
            "Plain words here.",
            "Two  spaces.",
            "A line\nbreak and a\ttab.",
            "Caf\u{e9} \u{2019}quoted\u{2019} text.",
            "No-break\u{a0}space and\u{3000}ideographic one.",
            "Thin\u{2009}space, em dash \u{2014} here.",
        ];
        for unit in units {
            let mut out = Vec::new();
            write_line(&mut out, unit).expect("writes to a vector");
            assert_eq!(
                String::from_utf8(out).expect("UTF-8"),
                format!("{}\n", abridge::one_line(unit))
            );
        }
        assert!(is_one_line("Caf\u{e9} \u{2014} fine."));
        assert!(!is_one_line("No-break\u{a0}space."));
    }
}
