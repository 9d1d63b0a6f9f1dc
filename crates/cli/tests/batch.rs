//! `abridge batch`. See: issue 6, "Batch summarising of corpora".

// Helpers outside `#[test]` functions unwrap too; clippy.toml allows it only inside them.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::{STORY, abridge};

/// A made-up news article, different for every `i`.
fn article(i: usize) -> String {
    const PLACES: &[&str] = &["Kelby", "Marston", "Ashford", "Penrith", "Corwen", "Dunmore"];
    const THINGS: &[&str] = &["bridge", "library", "harbour", "school", "market", "station"];
    let place = PLACES[i % PLACES.len()];
    let thing = THINGS[(i / PLACES.len()) % THINGS.len()];
    format!(
        "{place} reopens its {thing}\n\n\
         The {thing} in {place} reopened on Monday after {n} months of repairs that cost {m} million.\n\n\
         Mayor Jo Lane said the {thing} was safer than ever and thanked residents for their patience. \
         Engineers replaced the roof of the {thing} and strengthened its walls against floods.\n\n\
         Visitors to {place} fell by a third while the {thing} was closed, the council said. \
         Shops near the {thing} reported their best week of the year, with {k} visitors on Saturday alone.",
        n = 2 + i % 11,
        m = 3 + i % 17,
        k = 100 + i * 7,
    )
}

fn parse_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .expect("output is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is JSON"))
        .collect()
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|record| format!("{record}\n")).collect()
}

/// A corpus with every kind of bad record between good ones: returns the
/// JSONL bytes, the number of records in it, and the good records alone.
fn hostile_corpus(huge_document: bool) -> (Vec<u8>, usize, Vec<Value>) {
    let mut bytes = Vec::new();
    let mut good = Vec::new();
    let mut n_records = 0;
    let mut push_good = |bytes: &mut Vec<u8>, i: usize| {
        let record =
            json!({"id": format!("good-{i}"), "text": article(i), "source": "ours", "n": i});
        bytes.extend_from_slice(format!("{record}\n").as_bytes());
        good.push(record);
    };
    for i in 0..40 {
        push_good(&mut bytes, i);
        n_records += 1;
        match i % 8 {
            0 => bytes.extend_from_slice(b"{\"id\": \"broken\", \"text\": \"no end\n"),
            1 => bytes.extend_from_slice(b"{\"id\": \"no-text\", \"title\": \"Only a title\"}\n"),
            2 => {
                bytes.extend_from_slice(b"{\"id\": \"bad-utf8\", \"text\": \"caf\xe9 au lait.\"}\n")
            }
            3 => bytes.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"\"}\n"),
            4 => bytes.extend_from_slice(b"[\"not\", \"an\", \"object\"]\n"),
            5 => bytes.extend_from_slice(b"{\"id\": \"number\", \"text\": 12}\n"),
            6 => bytes.extend_from_slice(
                b"{\"id\": \"emoji\", \"text\": \"\xf0\x9f\x8e\x89 \xf0\x9f\x8e\x89\"}\n",
            ),
            _ => bytes.extend_from_slice(b"\n   \n"), // Blank lines are not records.
        }
        if i % 8 != 7 {
            n_records += 1;
        }
    }
    if huge_document {
        // About 50 MB of prose in one record.
        let paragraph = article(7);
        let mut text = String::with_capacity(50 << 20);
        while text.len() < 50 << 20 {
            text.push_str(&paragraph);
            text.push_str("\n\n");
        }
        let record = json!({"id": "huge", "text": text});
        bytes.extend_from_slice(format!("{record}\n").as_bytes());
        n_records += 1;
    }
    // A last line without its newline.
    let record = json!({"id": "last", "text": article(99)});
    bytes.extend_from_slice(record.to_string().as_bytes());
    good.push(record);
    n_records += 1;
    (bytes, n_records, good)
}

fn check_hostile_corpus(huge_document: bool) {
    let (bytes, n_records, good) = hostile_corpus(huge_document);
    let clean = abridge().args(["batch", "-j", "1"]).write_stdin(jsonl(&good)).output().unwrap();
    assert!(clean.status.success(), "{}", String::from_utf8_lossy(&clean.stderr));
    let clean = parse_lines(&clean.stdout);
    assert_eq!(clean.len(), good.len());

    for threads in ["1", "2", "4"] {
        let output =
            abridge().args(["batch", "-j", threads]).write_stdin(bytes.clone()).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        let records = parse_lines(&output.stdout);
        assert_eq!(records.len(), n_records, "one output record per input record");
        let good_out: Vec<&Value> =
            records.iter().filter(|record| record.get("error").is_none()).collect();
        let expected_good = clean.len() + usize::from(huge_document);
        assert_eq!(good_out.len(), expected_good, "{stderr}");
        // The good records come out as in a clean run, in order.
        let good_out: Vec<&Value> =
            good_out.into_iter().filter(|record| record["id"] != "huge").collect();
        assert_eq!(good_out, clean.iter().collect::<Vec<_>>());

        let errors: Vec<(String, String)> = records
            .iter()
            .filter(|record| record.get("error").is_some())
            .map(|record| (record["id"].to_string(), record["error"].as_str().unwrap().to_owned()))
            .collect();
        assert!(errors.iter().all(|(_, error)| !error.is_empty()));
        let error_for = |id: &str| {
            errors.iter().find(|(record_id, _)| record_id == id).map(|(_, error)| error.as_str())
        };
        assert_eq!(error_for(r#""no-text""#), Some("no `text` field"));
        assert_eq!(error_for(r#""empty""#), Some("input is empty"));
        assert_eq!(error_for(r#""number""#), Some("`text` is not a string"));
        assert!(error_for(r#""<stdin>:2""#).unwrap().starts_with("malformed JSON"));
        assert!(error_for(r#""<stdin>:6""#).unwrap().starts_with("invalid UTF-8 at byte"));
        assert!(error_for(r#""emoji""#).unwrap().starts_with("input has no sentence"));
        assert!(
            stderr.contains(&format!("{} documents, {} errors", n_records, errors.len())),
            "{stderr}"
        );
    }
}

#[test]
fn hostile_corpus_gives_one_record_per_input() {
    check_hostile_corpus(false);
}

#[test]
fn hostile_corpus_with_a_50_mb_document() {
    if std::env::var_os("RUN_SLOW_TESTS").is_none() {
        return;
    }
    check_hostile_corpus(true);
}

#[test]
fn output_keeps_input_order_and_passes_fields_through() {
    let records: Vec<Value> = (0..300)
        .map(|i| json!({"id": i, "text": article(i), "lang": "en", "tags": ["a", i]}))
        .collect();
    for threads in ["1", "3"] {
        let output = abridge()
            .args(["batch", "-n", "2", "--threads", threads])
            .write_stdin(jsonl(&records))
            .output()
            .unwrap();
        assert!(output.status.success());
        let out = parse_lines(&output.stdout);
        assert_eq!(out.len(), 300);
        for (i, record) in out.iter().enumerate() {
            assert_eq!(record["id"], json!(i), "numeric ids stay numbers");
            assert_eq!(record["lang"], "en");
            assert_eq!(record["tags"], json!(["a", i]));
            assert!(record.get("text").is_none(), "the text is not copied to the output");
            let sentences = record["sentences"].as_array().unwrap();
            let spans = record["spans"].as_array().unwrap();
            assert_eq!(sentences.len(), 2);
            let text = article(i);
            for (sentence, span) in sentences.iter().zip(spans) {
                let (start, end) = (
                    span["start"].as_u64().unwrap() as usize,
                    span["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&text[start..end], sentence.as_str().unwrap());
            }
        }
    }
}

fn write_file(path: &Path, contents: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// A folder of articles in sub-folders, with files the default globs skip.
fn article_folder(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for i in 0..12 {
        let relative = match i % 3 {
            0 => format!("news/{i:02}.txt"),
            1 => format!("news/local/{i:02}.md"),
            _ => format!("{i:02}.txt"),
        };
        write_file(&dir.join(&relative), article(i).as_bytes());
        files.push((relative, article(i)));
    }
    write_file(&dir.join("news/notes.csv"), b"not,an,article");
    write_file(&dir.join("README"), b"Not an article either.");
    // Walks are sorted by file name, within each folder.
    files.sort_by(|a, b| {
        let key = |path: &str| {
            let path = Path::new(path);
            path.components().map(|c| c.as_os_str().to_owned()).collect::<Vec<_>>()
        };
        key(&a.0).cmp(&key(&b.0))
    });
    files
}

#[test]
fn folder_and_jsonl_give_the_same_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let files = article_folder(&corpus);

    let from_folder = abridge().arg("batch").arg(&corpus).output().unwrap();
    assert!(from_folder.status.success(), "{}", String::from_utf8_lossy(&from_folder.stderr));
    let from_folder = parse_lines(&from_folder.stdout);
    let ids: Vec<&str> = from_folder.iter().map(|record| record["id"].as_str().unwrap()).collect();
    let expected_ids: Vec<&str> = files.iter().map(|(relative, _)| relative.as_str()).collect();
    assert_eq!(ids, expected_ids, "ids are paths inside the folder, .csv and README skipped");

    // A `.md` file is read as Markdown (issue 13), so its record says so.
    let records: Vec<Value> = files
        .iter()
        .map(|(relative, text)| match relative.ends_with(".md") {
            true => json!({"id": relative, "text": text, "format": "markdown"}),
            false => json!({"id": relative, "text": text}),
        })
        .collect();
    let jsonl_path = dir.path().join("corpus.jsonl");
    std::fs::write(&jsonl_path, jsonl(&records)).unwrap();
    let from_jsonl = abridge().arg("batch").arg(&jsonl_path).output().unwrap();
    assert!(from_jsonl.status.success());
    assert_eq!(parse_lines(&from_jsonl.stdout), from_folder);

    // The same through standard input, with one thread.
    let from_stdin =
        abridge().args(["batch", "-j", "1", "-"]).write_stdin(jsonl(&records)).output().unwrap();
    assert_eq!(parse_lines(&from_stdin.stdout), from_folder);
}

#[test]
fn glob_chooses_the_files() {
    let dir = tempfile::tempdir().unwrap();
    article_folder(dir.path());
    let output =
        abridge().arg("batch").arg(dir.path()).args(["--glob", "news/**/*.md"]).output().unwrap();
    assert!(output.status.success());
    let ids: Vec<String> = parse_lines(&output.stdout)
        .iter()
        .map(|record| record["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        ["news/local/01.md", "news/local/04.md", "news/local/07.md", "news/local/10.md"]
    );
}

#[test]
fn files_and_missing_paths() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, STORY).unwrap();
    let missing = dir.path().join("missing.txt");
    let output = abridge().arg("batch").arg(&story).arg(&missing).arg(&story).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = parse_lines(&output.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["id"], story.display().to_string());
    assert_eq!(
        records[0]["sentences"][0],
        "The Elm Street bridge reopened to traffic on Friday after eight months of repairs that cost the city $12 million."
    );
    assert_eq!(records[1]["id"], missing.display().to_string());
    assert!(records[1]["error"].as_str().unwrap().starts_with("cannot read"));
    assert_eq!(records[2], records[0]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("abridge: error: {}: cannot read", missing.display())),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_file_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    write_file(
        &dir.path().join("a.txt"),
        b"The caf\xc3\xa9 opened on Monday in the \xc3\xb6ld town.\xff",
    );
    write_file(&dir.path().join("b.txt"), article(1).as_bytes());
    // Text in Latin-1 is not invalid UTF-8 but a legacy encoding: decoded.
    write_file(&dir.path().join("c.txt"), b"The caf\xe9 opened on Monday in the old town.");
    let output = abridge().arg("batch").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = parse_lines(&output.stdout);
    assert_eq!(records[0], json!({"id": "a.txt", "error": "invalid UTF-8 at byte 44"}));
    assert!(records[1].get("sentences").is_some());
    assert_eq!(records[2]["sentences"][0], "The café opened on Monday in the old town.");
}

#[test]
fn fail_fast_stops_at_the_first_failure() {
    let mut input =
        jsonl(&[json!({"id": "a", "text": article(0)}), json!({"id": "b", "text": ""})]);
    for i in 0..50 {
        input.push_str(&format!("{}\n", json!({"id": i, "text": article(i)})));
    }
    for threads in ["1", "2"] {
        let output = abridge()
            .args(["batch", "--fail-fast", "-j", threads])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let records = parse_lines(&output.stdout);
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[1]["error"], "input is empty");
    }
}

/// See: issue 19, "Past one machine: Spark and Dask".
#[test]
fn record_errors_ok_exits_0_but_not_for_run_errors() {
    let input = jsonl(&[
        json!({"id": "a", "text": article(0)}),
        json!({"id": "b", "text": ""}),
        json!({"id": "c"}),
    ]) + "not json\n";
    let plain = abridge().args(["batch", "-q"]).write_stdin(input.clone()).output().unwrap();
    assert_eq!(plain.status.code(), Some(1));
    let output =
        abridge().args(["batch", "--record-errors-ok"]).write_stdin(input).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(output.stdout, plain.stdout, "the same records either way");
    let records = parse_lines(&output.stdout);
    assert_eq!(records.len(), 4);
    assert_eq!(records[1]["error"], "input is empty");
    assert!(String::from_utf8_lossy(&output.stderr).contains("4 documents, 3 errors"));
    // A run that cannot go through still fails: a bad flag, an output that
    // cannot be written.
    abridge().args(["batch", "--record-errors-ok", "-n", "0"]).write_stdin("").assert().code(2);
    let dir = tempfile::tempdir().unwrap();
    abridge()
        .args(["batch", "--record-errors-ok", "-o"])
        .arg(dir.path().join("no/such/dir/out.jsonl"))
        .write_stdin(jsonl(&[json!({"id": "a", "text": article(0)})]))
        .assert()
        .code(2);
}

#[test]
fn output_file_and_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let input = jsonl(&[json!({"id": "a", "text": article(0)})]);
    abridge()
        .args(["batch", "-q", "-o"])
        .arg(&out)
        .write_stdin(input.clone())
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(parse_lines(&std::fs::read(&out).unwrap()).len(), 1);
    // Without -q, a summary line on standard error (which is not a terminal
    // here, so there is no progress bar).
    abridge().args(["batch"]).write_stdin(input.clone()).assert().success().stderr(
        predicate::str::is_match(
            r"^abridge: 1 documents, 0 errors in \d+\.\d\d s \(\d+ documents/s\)\n$",
        )
        .unwrap(),
    );
    // An output file that cannot be created is an error of the run.
    abridge()
        .args(["batch", "-o"])
        .arg(dir.path().join("no/such/dir/out.jsonl"))
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create"));
}

#[test]
fn out_dir_mirrors_the_tree_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let files = article_folder(&corpus);
    write_file(&corpus.join("news/empty.txt"), b"");
    let records: Vec<Value> = (0..3).map(|i| json!({"id": i, "text": article(i)})).collect();
    let jsonl_path = dir.path().join("extra.jsonl");
    std::fs::write(&jsonl_path, jsonl(&records)).unwrap();
    let out = dir.path().join("summaries");

    let first = abridge()
        .arg("batch")
        .arg(&corpus)
        .arg(&jsonl_path)
        .arg("--out-dir")
        .arg(&out)
        .arg("-n")
        .arg("1")
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(1), "the empty file fails");
    assert_eq!(first.stdout, b"");
    for (relative, text) in &files {
        let summary = std::fs::read_to_string(out.join(relative)).unwrap();
        let expected =
            abridge().args(["summarize", "-n", "1"]).write_stdin(text.clone()).output().unwrap();
        assert_eq!(summary.as_bytes(), expected.stdout, "{relative}");
    }
    assert!(!out.join("news/empty.txt").exists(), "no file for a failed document");
    assert_eq!(parse_lines(&std::fs::read(out.join("extra.jsonl")).unwrap()).len(), 3);

    // Resume: only the missing summaries are made again.
    std::fs::remove_file(out.join(&files[0].0)).unwrap();
    let second = abridge()
        .arg("batch")
        .arg(&corpus)
        .arg(&jsonl_path)
        .arg("--out-dir")
        .arg(&out)
        .args(["-n", "1", "--skip-existing"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains(&format!("2 documents, 1 errors, {} skipped", files.len())),
        "{stderr}"
    );
    assert!(out.join(&files[0].0).exists());
    // No temporary files are left behind.
    let partial = walk(&out).into_iter().filter(|path| path.ends_with(".partial")).count();
    assert_eq!(partial, 0);
}

fn walk(dir: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            paths.extend(walk(&path));
        } else {
            paths.push(path.display().to_string());
        }
    }
    paths
}

#[test]
fn out_dir_inside_the_input_folder_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let files = article_folder(dir.path());
    let out = dir.path().join("summaries");
    abridge().arg("batch").arg(dir.path()).arg("--out-dir").arg(&out).assert().success();
    // A second run over the same folder still sees only the articles.
    let output = abridge().arg("batch").arg(dir.path()).output().unwrap();
    assert_eq!(
        parse_lines(&output.stdout).len(),
        files.len() * 2,
        "the summaries are .txt/.md files too"
    );
    let again = abridge().arg("batch").arg(dir.path()).arg("--out-dir").arg(&out).output().unwrap();
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains(&format!("{} documents", files.len())), "{stderr}");
}

#[test]
fn usage_errors() {
    abridge()
        .args(["batch", "-", "--out-dir", "x"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--out-dir"));
    abridge().args(["batch", "--skip-existing"]).write_stdin("").assert().code(2);
    abridge()
        .args(["batch", "--glob", "a{b"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid --glob"));
    abridge().args(["batch", "-n", "0"]).write_stdin("").assert().code(2);
    // No input at all is no error: zero documents.
    abridge().args(["batch"]).write_stdin("").assert().success().stdout("");
}

#[test]
fn closed_stdout_ends_quietly() {
    let input: String =
        (0..2000).map(|i| format!("{}\n", json!({"id": i, "text": article(i)}))).collect();
    let output = crate::run_with_closed_stdout(&["batch", "-q"], input);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn binary_file_is_an_error_record_unless_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("a-story.txt");
    std::fs::write(&story, STORY).unwrap();
    // Valid UTF-8, but mostly NUL: an executable's padding, or UTF-16
    // without its byte-order mark.
    let padded: Vec<u8> = STORY.bytes().flat_map(|byte| [byte, 0]).collect();
    std::fs::write(dir.path().join("b-padded.txt"), &padded).unwrap();
    let output = abridge().arg("batch").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = parse_lines(&output.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "a-story.txt");
    assert!(records[0]["sentences"].is_array());
    assert_eq!(records[1]["id"], "b-padded.txt");
    let error = records[1]["error"].as_str().unwrap();
    assert!(error.starts_with("looks like binary data, not text (50% of its first"), "{error}");
    assert!(error.ends_with("pass -a/--binary-as-text to read it as text"), "{error}");

    let output = abridge().args(["batch", "--binary-as-text"]).arg(dir.path()).output().unwrap();
    let records = parse_lines(&output.stdout);
    assert_eq!(records.len(), 2);
    assert!(
        records[1].get("error").is_none_or(|error| !error.as_str().unwrap().contains("binary"))
    );

    // The same text as UTF-16 with its byte-order mark is text.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(STORY.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("b-padded.txt"), &utf16).unwrap();
    let output = abridge().arg("batch").arg(dir.path()).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records = parse_lines(&output.stdout);
    assert_eq!(records[1]["sentences"], records[0]["sentences"]);
}
