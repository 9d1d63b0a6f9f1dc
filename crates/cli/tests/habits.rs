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

/// A Chinese text: abridge has no stemmer for Chinese, so it warns.
const CHINESE: &str = "港口管理局周二关闭了港口。暴风雨摧毁了海堤。修复工作至少需要一周。";

#[test]
fn quiet_silences_warnings_on_every_command() {
    abridge()
        .args(["summarize", "--lang", "zh", "-n", "1"])
        .write_stdin(CHINESE)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: <stdin>: no stemmer for Chinese"));
    for args in [
        &["-q", "summarize", "--lang", "zh", "-n", "1"][..],
        &["summarize", "--quiet", "--lang", "zh", "-n", "1"],
        &["summarise", "-q", "--lang", "zh"],
    ] {
        let output = abridge().args(args).write_stdin(CHINESE).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
        assert!(!output.stdout.is_empty(), "{args:?}");
    }
    // Invalid UTF-8 warns in `sentences` unless -q.
    let latin = b"Le caf\xe9 est ouvert. Il ferme tard.".to_vec();
    abridge()
        .args(["sentences"])
        .write_stdin(latin.clone())
        .assert()
        .success()
        .stderr(predicate::str::contains("warning"));
    abridge().args(["sentences", "-q"]).write_stdin(latin).assert().success().stderr("");
    // Errors are never silenced.
    abridge()
        .args(["summarize", "-q"])
        .write_stdin("   ")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: <stdin>: input is empty"));
    abridge()
        .args(["-q", "eval", "--corpus", "no-such-corpus.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-corpus.jsonl"));
    let records = "{\"id\": \"a\", \"text\": \"\"}\n";
    abridge()
        .args(["batch", "-q"])
        .write_stdin(records)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: ").and(predicate::str::contains("empty")));
}

#[test]
fn completions_parse_in_bash_and_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = abridge().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains("summarize") && script.contains("scorer"), "{shell}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("abridge.bash");
    let output = abridge().args(["completions", "bash"]).output().unwrap();
    std::fs::write(&path, &output.stdout).unwrap();
    let check = std::process::Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    abridge().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_renders() {
    let dir = tempfile::tempdir().unwrap();
    abridge().args(["man", "--out-dir"]).arg(dir.path()).assert().success();
    for page in ["abridge.1", "abridge-summarize.1", "abridge-batch.1", "abridge-eval.1"] {
        assert!(dir.path().join(page).is_file(), "{page}");
    }
    let page = dir.path().join("abridge-summarize.1");
    // `man -l` where man is installed, groff otherwise.
    let rendered = std::process::Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .or_else(|_| {
            std::process::Command::new("groff").args(["-man", "-Tutf8"]).arg(&page).output()
        })
        .expect("man or groff renders the page");
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "{text}");
    assert!(text.contains("abridge-summarize - Summarise one text"), "{text}");
    assert!(text.contains("scorer") && text.contains("tfidf-position"), "{text}");
    let output = abridge().arg("man").output().unwrap();
    assert!(String::from_utf8(output.stdout).unwrap().starts_with(".ie"));
}

fn json_of(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

#[test]
fn config_file_sets_defaults_and_the_json_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("abridgerc");
    std::fs::write(&config, "# my defaults\n--scorer=lead\n-n\n2\n--glob=*.text\n").unwrap();
    let run = |args: &[&str]| {
        abridge()
            .env("ABRIDGE_CONFIG_PATH", &config)
            .args(args)
            .write_stdin(STORY)
            .output()
            .unwrap()
    };
    let json = json_of(&run(&["summarize", "--format", "json"]));
    assert_eq!(json["settings"]["scorer"], "lead");
    assert_eq!(json["settings"]["budget"], serde_json::json!({"sentences": 2}));
    assert_eq!(json["settings"]["from_config"], serde_json::json!(["scorer", "budget"]));
    assert_eq!(json["settings"]["config_file"], config.display().to_string());
    assert_eq!(json["sentences"].as_array().unwrap().len(), 2);
    // The command line wins, budget flags as a group.
    let json =
        json_of(&run(&["summarize", "--format", "json", "--words", "40", "--scorer", "luhn"]));
    assert_eq!(json["settings"]["scorer"], "luhn");
    assert_eq!(json["settings"]["budget"], serde_json::json!({"words": 40}));
    assert_eq!(json["settings"]["from_config"], serde_json::json!([]));
    // --no-config ignores the file.
    let json = json_of(&run(&["summarize", "--no-config", "--format", "json"]));
    assert_eq!(json["settings"]["scorer"], "tfidf-position");
    assert!(json["settings"].get("from_config").is_none(), "{json}");
    // `sentences` takes no --scorer: the file's is skipped.
    assert!(run(&["sentences"]).status.success());
    // Without the variable, no file.
    let output = abridge().args(["summarize", "--format", "json"]).write_stdin(STORY).output();
    assert!(json_of(&output.unwrap())["settings"].get("config_file").is_none());
}

#[test]
fn bad_config_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("abridgerc");
    std::fs::write(&config, "--scorer=lead\n--colour=always\n").unwrap();
    abridge()
        .env("ABRIDGE_CONFIG_PATH", &config)
        .args(["summarize"])
        .write_stdin(STORY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("abridgerc (the config file named by ABRIDGE_CONFIG_PATH): line 2: no abridge command takes the flag '--colour'"));
    abridge()
        .env("ABRIDGE_CONFIG_PATH", dir.path().join("missing"))
        .args(["summarize"])
        .write_stdin(STORY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing: cannot read the config file"));
    // A value clap refuses is reported as clap reports the command line's.
    std::fs::write(&config, "--scorer=magic\n").unwrap();
    abridge()
        .env("ABRIDGE_CONFIG_PATH", &config)
        .args(["summarize"])
        .write_stdin(STORY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("magic"));
    abridge()
        .env("ABRIDGE_CONFIG_PATH", &config)
        .args(["summarize", "--no-config", "-n", "1"])
        .write_stdin(STORY)
        .assert()
        .success();
}

#[test]
fn string_on_the_command_line_is_summarised() {
    let text = "The council met on Monday to vote on the harbour budget. \
                The budget pays for repairs to the sea wall. Council members also discussed parking.";
    let output = abridge().args(["summarize", "-n", "1", "--string", text]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stdout_lines(&output), ["The council met on Monday to vote on the harbour budget."]);
    let json = json_of(
        &abridge().args(["summarize", "--format", "json", "--string", text]).output().unwrap(),
    );
    assert_eq!(json["input"], "<string>");
    let start = json["sentences"][0]["start"].as_u64().unwrap() as usize;
    let end = json["sentences"][0]["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], json["sentences"][0]["text"]);
    abridge()
        .args(["sentences", "--string", text])
        .assert()
        .success()
        .stdout(predicate::str::contains("The budget pays for repairs to the sea wall.\n"));
    // --string and a FILE together are a usage error.
    abridge().args(["summarize", "--string", text, "file.txt"]).assert().code(2);
    // `--text` could mean the string or binary input: refused, with both names.
    for args in [&["summarize", "--text", text][..], &["summarize", "--text"], &["batch", "--text"]]
    {
        abridge().args(args).write_stdin(STORY).assert().code(2).stderr(
            predicate::str::contains("--string").and(predicate::str::contains("--binary-as-text")),
        );
    }
    // A sentence where a file was expected gets a hint.
    abridge()
        .args(["summarize", "The council met on Monday."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use --string"));
    // The help says which is which.
    let help = abridge().args(["summarize", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("--string <TEXT>") && help.contains("-a, --binary-as-text"), "{help}");
    assert!(!help.contains("--text"), "{help}");
}

#[test]
fn scorer_parameters_are_range_checked() {
    abridge()
        .args(["summarize", "--param", "position_weight=2"])
        .write_stdin(STORY)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "invalid parameters for scorer 'tfidf-position': position_weight is 2, but must be in [0, 1]",
        ));
    abridge()
        .args(["summarize", "--scorer", "textrank", "--param", "damping=1.5"])
        .write_stdin(STORY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("damping is 1.5"));
    abridge()
        .args(["summarize", "-n", "1", "--param", "position_weight=1", "--explain"])
        .write_stdin(STORY)
        .assert()
        .success()
        .stdout(predicate::str::contains("0.00 × content + 1.00 × position"));
}

#[test]
fn explain_shows_the_mmr_step() {
    let output = abridge()
        .args(["summarize", "-n", "2", "--explain", "--redundancy", "0.7"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    for words in [
        "redundancy control (MMR), pick 1: 0.70 × relevance − 0.30 × redundancy",
        "redundancy control (MMR), pick 2: 0.70 × relevance − 0.30 × redundancy",
        "relevance: its score, rescaled to [0, 1]",
        "redundancy: highest cosine to the sentences picked before",
    ] {
        assert!(text.contains(words), "{words}\n{text}");
    }
    let json = json_of(
        &abridge()
            .args(["summarize", "-n", "2", "--explain", "--redundancy", "0.7", "--format", "json"])
            .write_stdin(STORY)
            .output()
            .unwrap(),
    );
    let sentences = json["sentences"].as_array().unwrap();
    assert!(sentences.iter().all(|sentence| sentence["selection"]["details"].is_array()));
    // Without --redundancy, no MMR step.
    let output =
        abridge().args(["summarize", "-n", "2", "--explain"]).write_stdin(STORY).output().unwrap();
    assert!(!String::from_utf8(output.stdout).unwrap().contains("MMR"));
}

#[test]
fn eval_warns_when_the_tokenizer_does_not_fit_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let french = dir.path().join("fr.jsonl");
    std::fs::write(
        &french,
        concat!(
            r#"{"id": "a", "lang": "fr", "text": "Le café du port a rouvert lundi après des travaux. Les pêcheurs étaient ravis. La mairie a payé la moitié des frais.", "summaries": ["Le café du port a rouvert."]}"#,
            "\n",
            r#"{"id": "b", "lang": "en", "text": "The harbour café reopened on Monday after repairs. The fishermen were pleased. The town paid half the cost.", "summaries": ["The harbour café reopened."]}"#,
            "\n",
        ),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut command = abridge();
        command.args(["eval", "--scorer", "lead", "-n", "1", "--resamples", "0", "--corpus"]);
        command.arg(&french).args(extra).output().unwrap()
    };
    let output = run(&[]);
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("1 of 2 documents are not in English (fr 1)")
            && stderr.contains("use --tokenizer unicode"),
        "{stderr}"
    );
    for quiet in [&["--tokenizer", "unicode"][..], &["-q"]] {
        let output = run(quiet);
        assert!(output.status.success(), "{output:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{quiet:?}");
    }
    let output = run(&["--force-lang", "en"]);
    assert!(!String::from_utf8_lossy(&output.stderr).contains("not in English"));
}

#[test]
fn batch_explains_an_empty_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.rst"), "Some notes on the harbour.").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/story.html"), "<p>A story.</p>").unwrap();
    abridge()
        .arg("batch")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: no documents to summarise: folders were searched for *.txt, *.md, *.eml, *.srt, *.vtt and 2 files in them matched none (choose others with --glob)",
        ));
    abridge()
        .args(["batch", "--glob", "*.text"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("searched for *.text and 2 files"));
    // The right glob finds the document.
    abridge().args(["batch", "-q", "--glob", "*.rst"]).arg(dir.path()).assert().success();
    // An empty folder too; but empty JSONL is zero documents, no error.
    let empty = tempfile::tempdir().unwrap();
    abridge()
        .arg("batch")
        .arg(empty.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("and 0 files in them matched none"));
    abridge().arg("batch").write_stdin("").assert().success();
}

#[test]
fn lead_passes_over_page_furniture() {
    let harbour = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpora/samples/harbour.txt");
    let output = abridge().args(["summarize", "--scorer", "lead", "-n", "1", harbour]).output();
    let lines = stdout_lines(&output.unwrap());
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("The Kelby harbour authority closed the town's harbour"),
        "{lines:?}"
    );
    let output = abridge()
        .args(["summarize", "--scorer", "lead", "-n", "3"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    let lines = stdout_lines(&output);
    assert_eq!(
        lines,
        [
            "The Elm Street bridge reopened to traffic on Friday after eight months of repairs that cost the city $12 million.",
            "Mayor Ana Ruiz said the bridge was safer than ever and thanked residents for their patience.",
            "Engineers replaced the steel deck and strengthened the piers against floods.",
        ]
    );
}
