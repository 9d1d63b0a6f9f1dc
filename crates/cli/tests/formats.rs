//! Issue 13: `--input-format` in `summarize`, `sentences` and `batch`, the
//! `format` field of JSONL records, and the format named in JSON output.

use crate::{STORY, abridge, stdout_lines};

#[test]
fn plain_text_is_the_same_with_or_without_the_flag() {
    let plain = abridge().args(["summarize", "-n", "2"]).write_stdin(STORY).output().unwrap();
    let forced = abridge()
        .args(["summarize", "-n", "2", "--input-format", "text"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    assert!(plain.status.success() && forced.status.success());
    assert_eq!(plain.stdout, forced.stdout);
}

#[test]
fn json_names_the_format() {
    let output =
        abridge().args(["summarize", "--format", "json"]).write_stdin(STORY).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "text");
    let output =
        abridge().args(["sentences", "--format", "json"]).write_stdin(STORY).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "text");
    assert!(json.get("blocks").is_none(), "plain text has no blocks");
}

#[test]
fn unknown_formats_are_refused_with_the_known_ones() {
    let output = abridge()
        .args(["summarize", "--input-format", "docx"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unknown input format 'docx'") && stderr.contains("text"), "{stderr}");
}

#[test]
fn batch_records_name_their_format() {
    let input = concat!(
        r#"{"id": "a", "text": "The dam burst after days of rain. Villages were evacuated.", "format": "text"}"#,
        "\n",
        r#"{"id": "b", "text": "The dam burst after days of rain.", "format": "docx"}"#,
        "\n",
        r#"{"id": "c", "text": "The dam burst after days of rain."}"#,
        "\n",
    );
    let output = abridge().args(["batch", "-n", "1", "-q"]).write_stdin(input).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let lines = stdout_lines(&output);
    let records: Vec<serde_json::Value> =
        lines.iter().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(records[0]["format"], "text", "a record that names its format gets it back");
    assert!(records[1]["error"].as_str().unwrap().contains("unknown input format 'docx'"));
    assert!(records[2].get("format").is_none(), "plain text records stay as they were");
}

fn sample(name: &str) -> String {
    format!("{}/../../corpora/samples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_transcript_without_punctuation_keeps_to_a_word_budget() {
    let output = abridge()
        .args(["summarize", "--words", "60", "--format", "json"])
        .arg(sample("voice-memo.txt"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "transcript");
    let words: usize = json["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().split_whitespace().count())
        .sum();
    assert!((1..=60).contains(&words), "{words}");
}

#[test]
fn subtitle_and_transcript_times_are_in_json() {
    let output = abridge()
        .args(["summarize", "-n", "2", "--format", "json"])
        .arg(sample("interview.txt"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for sentence in json["sentences"].as_array().unwrap() {
        assert!(sentence["start_ms"].is_u64() && sentence["end_ms"].is_u64(), "{sentence}");
        assert!(sentence["speaker"].is_string(), "{sentence}");
    }
}

#[test]
fn pdf_text_hyphens_are_shown_as_the_document_writes_the_word() {
    // "open-source" and "selfish" are written whole elsewhere in the text.
    let pages = "The port runs open-source software.\nIts engineers publish the open-\nsource code.\n\u{c}No one here is self-\nish about it.\nA selfish team would keep it.\n";
    let run = |args: &[&str]| {
        let output = abridge()
            .args(args)
            .args(["--input-format", "pdf-text"])
            .write_stdin(pages)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    for text in [run(&["summarize", "-n", "4", "--scorer", "lead"]), run(&["sentences"])] {
        assert!(text.contains("publish the open-source code."), "{text}");
        assert!(text.contains("is selfish about it."), "{text}");
    }
}
