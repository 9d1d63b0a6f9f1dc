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
