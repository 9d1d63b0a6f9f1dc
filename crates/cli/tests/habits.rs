//! Issue 20: the habits of a well-made command-line tool.

use predicates::prelude::*;

use crate::{STORY, abridge, stdout_lines};

#[test]
fn summarise_is_an_alias_of_summarize() {
    let run =
        |command: &str| abridge().args([command, "-n", "1"]).write_stdin(STORY).output().unwrap();
    let (american, british) = (run("summarize"), run("summarise"));
    assert!(british.status.success(), "{british:?}");
    assert_eq!(stdout_lines(&british), stdout_lines(&american));
    assert_eq!(stdout_lines(&british).len(), 1);
}

#[test]
fn scorer_names_ignore_case() {
    for name in ["LEAD", "Lead", "TextRank", "KL-Sum"] {
        abridge()
            .args(["summarize", "-n", "1", "--scorer", name])
            .write_stdin(STORY)
            .assert()
            .success();
    }
    let output = abridge()
        .args(["summarize", "-n", "1", "--scorer", "LEAD", "--format", "json"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["settings"]["scorer"], "lead");
}

#[test]
fn lang_takes_bcp47_tags_and_iso_639_3_codes() {
    for (tag, code) in [("de-DE", "de"), ("pt-BR", "pt"), ("deu", "de"), ("en_GB", "en")] {
        let output = abridge()
            .args(["summarize", "-n", "1", "--format", "json", "--lang", tag])
            .write_stdin(STORY)
            .output()
            .unwrap();
        assert!(output.status.success(), "{tag}: {output:?}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["language"], code, "{tag}");
        assert_eq!(json["language_source"], "given", "{tag}");
    }
    let output =
        abridge().args(["summarize", "--lang", "xx-YY"]).write_stdin(STORY).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let list = stderr.split("known: ").nth(1).unwrap().split(';').next().unwrap();
    let codes: Vec<&str> = list.split(", ").collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted, "{stderr}");
    assert!(codes.contains(&"ar") && codes.contains(&"zh"), "{stderr}");
}

#[test]
fn zero_budgets_are_refused_in_words() {
    for (flag, words) in [
        ("-n", "a summary needs at least 1 sentence"),
        ("--words", "a summary needs at least 1 word"),
        ("--chars", "a summary needs at least 1 character"),
    ] {
        abridge()
            .args(["summarize", flag, "0"])
            .write_stdin(STORY)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(words))
            .stderr(predicate::str::contains("18446744073709551615").not());
    }
    abridge()
        .args(["summarize", "-n", "-2"])
        .write_stdin(STORY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 1 sentence"));
    abridge()
        .args(["summarize", "--ratio", "1.5"])
        .write_stdin(STORY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("more than 0 and at most 1"));
    abridge()
        .args(["eval", "--corpus", "c.jsonl", "--limit", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--limit needs at least 1 document"));
}
