use std::io::Write;

use predicates::prelude::*;

use crate::abridge;

/// A tiny corpus we wrote: a document, a bad line (2), a blank line, and a
/// document with two references (line 4).
const CORPUS: &str = concat!(
    r#"{"id": "bridge", "text": "Engineers reopened the old bridge on Friday after long repairs. The weather stayed mild all week. Repairs to the bridge cost twelve million dollars in all. A bakery nearby won a prize.", "summaries": ["The bridge reopened on Friday.\nRepairs cost twelve million dollars."], "source": "ours", "lang": "en", "title": "Bridge"}"#,
    "\n",
    "{\"id\": \"broken\", \"text\": \"no closing brace\"\n",
    "\n",
    r#"{"id": "library", "text": "The council voted to build a new library downtown. Some residents asked for more parking spaces. The library will open in two years. Its budget is ten million.", "summaries": ["A new library will open downtown in two years.", "The council voted for a library."]}"#,
    "\n",
);

fn corpus_file(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".jsonl").tempfile().expect("a temporary file");
    file.write_all(text.as_bytes()).expect("the corpus is written");
    file
}

fn json_report(
    args: &[&str],
    corpus: &tempfile::NamedTempFile,
) -> (serde_json::Value, String, i32) {
    let output = abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("abridge runs");
    let json = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    (
        json,
        String::from_utf8(output.stderr).expect("UTF-8"),
        output.status.code().expect("an exit code"),
    )
}

#[test]
fn json_results_and_a_bad_line() {
    let corpus = corpus_file(CORPUS);
    let (json, stderr, code) =
        json_report(&["--scorer", "lead,tfidf-position,oracle", "-n", "2"], &corpus);
    // The bad line is reported with its number, and the run goes on.
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(":2: invalid JSON: EOF while parsing an object; line skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("line skipped"), "{stderr}");
    assert_eq!(json["bad_lines"], 1);
    assert_eq!(json["docs"], 2);
    let results = json["results"].as_array().unwrap();
    let names: Vec<&str> =
        results.iter().map(|result| result["scorer"].as_str().unwrap()).collect();
    assert_eq!(names, ["lead", "tfidf-position", "oracle"]);
    for result in results {
        assert_eq!(result["docs"], 2);
        assert!(result["docs_per_s"].as_f64().unwrap() > 0.0);
        for variant in ["rouge1", "rouge2", "rougeL", "rougeLsum"] {
            for field in ["p", "r", "f"] {
                let value = result[variant][field].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&value), "{variant}.{field} = {value}");
                let interval = result[variant][format!("{field}_ci")].as_array().unwrap();
                let (low, high) = (interval[0].as_f64().unwrap(), interval[1].as_f64().unwrap());
                assert!(low <= value + 1e-12 && value <= high + 1e-12, "{variant}.{field}");
            }
        }
    }
    let f1 = |idx: usize| results[idx]["rouge1"]["f"].as_f64().unwrap();
    assert!(f1(2) >= f1(0) && f1(2) >= f1(1), "the oracle is the ceiling: {results:?}");
}

#[test]
fn all_expands_to_every_scorer() {
    let corpus = corpus_file(CORPUS);
    let (json, _, _) = json_report(&["--scorer", "all"], &corpus);
    let names: Vec<&str> =
        json["results"].as_array().unwrap().iter().map(|r| r["scorer"].as_str().unwrap()).collect();
    assert!(names.contains(&"lead") && names.contains(&"tfidf-position"), "{names:?}");
    assert!(!names.contains(&"oracle"));
}

#[test]
fn per_doc_jsonl_has_summaries_and_scores() {
    let corpus = corpus_file(CORPUS);
    let dir = tempfile::tempdir().unwrap();
    let per_doc = dir.path().join("per-doc.jsonl");
    abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--scorer", "lead,oracle", "-n", "1", "--per-doc"])
        .arg(&per_doc)
        .assert()
        .code(1);
    let text = std::fs::read_to_string(&per_doc).unwrap();
    let lines: Vec<serde_json::Value> =
        text.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(lines.len(), 4, "two systems × two documents");
    assert_eq!(lines[0]["scorer"], "lead");
    assert_eq!(lines[0]["id"], "bridge");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(
        lines[0]["summary"],
        "Engineers reopened the old bridge on Friday after long repairs."
    );
    assert_eq!(lines[0]["sentences"], serde_json::json!([0]));
    assert_eq!(lines[1]["id"], "library");
    assert_eq!(lines[1]["line"], 4);
    assert_eq!(lines[2]["scorer"], "oracle");
    for line in &lines {
        assert!(line["rougeLsum"]["f"].is_number(), "{line}");
    }
}

#[test]
fn table_and_markdown() {
    let corpus = corpus_file(CORPUS);
    let table = abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--scorer", "lead", "--ratio", "0.5", "--limit", "1"])
        .output()
        .unwrap();
    // --limit 1 stops before the bad line.
    assert!(table.status.success());
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("1 documents, budget ratio 0.5"), "{table}");
    assert!(table.contains("R-Lsum"), "{table}");
    assert!(table.lines().any(|line| line.starts_with("lead ")), "{table}");

    let markdown = abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--scorer", "lead", "--words", "20", "--format", "markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(
        markdown.starts_with("| scorer | docs | R-1 | R-2 | R-L | R-Lsum | docs/s |\n|---|"),
        "{markdown}"
    );
    assert!(markdown.contains("\n| lead | 2 | "), "{markdown}");
}

#[test]
fn bad_arguments_and_files() {
    let corpus = corpus_file(CORPUS);
    abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--scorer", "lead,magic"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown scorer 'magic'"));
    abridge()
        .args(["eval", "--corpus", "no/such/corpus.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/corpus.jsonl: cannot open"));
    abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--per-doc", "no/such/dir/per-doc.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/dir/per-doc.jsonl: cannot create"));
    abridge().args(["eval", "--corpus", "x.jsonl", "-n", "2", "--ratio", "0.5"]).assert().code(2);
    abridge().args(["eval"]).assert().code(2);
}

#[test]
fn a_corpus_of_bad_lines_fails() {
    let corpus = corpus_file("not json\n{\"text\": \"x\"}\n");
    abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":2: missing field `summaries`"))
        .stderr(predicate::str::contains("no document to evaluate"));
}

/// Three short news items we wrote: French, German (whose record wrongly
/// says English) and Portuguese without a `lang`.
const MULTILINGUAL: &str = concat!(
    r#"{"id": "fr", "text": "Le conseil municipal a voté lundi soir le budget du nouveau port de pêche. Les travaux commenceront au printemps prochain et dureront deux ans. Les pêcheurs attendent ce chantier depuis longtemps.", "summaries": ["Le conseil municipal a voté le budget du port de pêche."], "lang": "fr"}"#,
    "\n",
    r#"{"id": "de", "text": "Der Stadtrat hat am Montag den Haushalt für den neuen Fischereihafen beschlossen. Die Bauarbeiten beginnen im nächsten Frühjahr und dauern zwei Jahre.", "summaries": ["Der Stadtrat beschließt den Haushalt für den Fischereihafen."], "lang": "en"}"#,
    "\n",
    r#"{"id": "pt", "text": "A câmara municipal aprovou na segunda-feira o orçamento do novo porto de pesca. As obras começam na próxima primavera e vão durar dois anos.", "summaries": ["A câmara aprovou o orçamento do porto de pesca."]}"#,
    "\n",
);

fn languages(json: &serde_json::Value) -> Vec<(String, String, u64)> {
    json["languages"]
        .as_array()
        .expect("a languages array")
        .iter()
        .map(|count| {
            (
                count["language"].as_str().expect("a language").to_owned(),
                count["source"].as_str().expect("a source").to_owned(),
                count["docs"].as_u64().expect("a count"),
            )
        })
        .collect()
}

fn row<'a>(json: &'a serde_json::Value, scorer: &str) -> &'a serde_json::Value {
    json["results"]
        .as_array()
        .expect("a results array")
        .iter()
        .find(|row| row["scorer"] == scorer)
        .expect("a row for the scorer")
}

// Issue 7: ROUGE beyond English.
#[test]
fn the_unicode_tokenizer_scores_accented_words() {
    // A Russian item we wrote: rouge-score's tokenizer finds no token in it.
    let russian = corpus_file(concat!(
        r#"{"id": "ru", "text": "Городской совет в понедельник утвердил бюджет нового порта. Работы начнутся весной.", "summaries": ["Совет утвердил бюджет порта."], "lang": "ru"}"#,
        "\n"
    ));
    let args = ["--scorer", "lead,oracle", "-n", "1", "--resamples", "0"];
    let (default, _, code) = json_report(&args, &russian);
    assert_eq!(code, 0);
    assert_eq!(default["tokenizer"], "rouge-score");
    let f1 =
        |json: &serde_json::Value, scorer: &str| row(json, scorer)["rouge1"]["f"].as_f64().unwrap();
    assert_eq!(f1(&default, "lead"), 0.0);
    assert_eq!(default["results"][1]["empty"], 1, "the oracle finds nothing to match");
    let (unicode, _, _) = json_report(&[&args[..], &["--tokenizer", "unicode"]].concat(), &russian);
    assert_eq!(unicode["tokenizer"], "unicode-v1");
    // The lead sentence has 8 words; all 4 of the reference are among them
    // once case is folded ("Совет" and "совет").
    assert_eq!(row(&unicode, "lead")["rouge1"]["p"], 4.0 / 8.0);
    assert_eq!(row(&unicode, "lead")["rouge1"]["r"], 1.0);
    assert_eq!(unicode["results"][1]["empty"], 0);
    let (character, _, _) =
        json_report(&[&args[..], &["--tokenizer", "character"]].concat(), &russian);
    assert_eq!(character["tokenizer"], "character-v1");
    assert!(f1(&character, "lead") > 0.0);

    let corpus = corpus_file(MULTILINGUAL);
    let table = abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--scorer", "lead", "--tokenizer", "unicode"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("(tokenizer unicode-v1, no stemming)"), "{table}");
    assert!(table.contains("languages: en 2 (given), fr 1 (given)"), "{table}");
    let markdown = abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--scorer", "lead", "--format", "markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(markdown.contains("tokenizer `rouge-score` (Porter stemmer)"), "{markdown}");
    abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--tokenizer", "words"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'words'"));
}

// Issue 7: the same strategy with the language forced, or detected.
#[test]
fn languages_given_forced_and_detected() {
    let corpus = corpus_file(MULTILINGUAL);
    let base = ["--scorer", "tfidf-position", "-n", "1", "--resamples", "0"];
    let run = |extra: &[&str]| json_report(&[&base[..], extra].concat(), &corpus).0;

    let records = run(&[]);
    assert_eq!(
        languages(&records),
        [("en".into(), "given".into(), 2), ("fr".into(), "given".into(), 1)]
    );
    assert_eq!(records["language_policy"], serde_json::json!({"default": "en"}));

    let missing_detected = run(&["--lang", "auto"]);
    assert_eq!(
        languages(&missing_detected),
        [
            ("en".into(), "given".into(), 1),
            ("fr".into(), "given".into(), 1),
            ("pt".into(), "detected".into(), 1)
        ]
    );

    let detected = run(&["--force-lang", "auto"]);
    assert_eq!(
        languages(&detected),
        [
            ("de".into(), "detected".into(), 1),
            ("fr".into(), "detected".into(), 1),
            ("pt".into(), "detected".into(), 1)
        ]
    );
    assert_eq!(detected["language_policy"], serde_json::json!({"default": "en", "force": "auto"}));

    let english = run(&["--force-lang", "en"]);
    assert_eq!(languages(&english), [("en".into(), "given".into(), 3)]);
    let german = run(&["--force-lang", "German"]);
    assert_eq!(languages(&german), [("de".into(), "given".into(), 3)]);

    // Per document, the language is in the --per-doc lines.
    let dir = tempfile::tempdir().unwrap();
    let per_doc = dir.path().join("per-doc.jsonl");
    abridge()
        .arg("eval")
        .arg("--corpus")
        .arg(corpus.path())
        .args(["--scorer", "lead", "--force-lang", "auto", "--per-doc"])
        .arg(&per_doc)
        .assert()
        .success();
    let text = std::fs::read_to_string(&per_doc).unwrap();
    let per_doc: Vec<String> = text
        .lines()
        .map(|line| {
            let line: serde_json::Value = serde_json::from_str(line).unwrap();
            line["language"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(per_doc, ["fr", "de", "pt"]);
}

/// Issue 17: two wires on one story, as cstnews_mds gives clusters.
const CLUSTER_CORPUS: &str = concat!(
    r#"{"id": "kelso", "text": "joined", "docs": ["A storm flooded the harbour town of Kelso on Monday night. Fishing boats broke loose from their moorings in the old port.", "The harbour town of Kelso was flooded by a storm on Monday night. Insurers expect claims of several million pounds from the town."], "doc_ids": ["a", "b"], "summaries": ["A storm flooded Kelso on Monday night. Boats broke loose and insurers expect large claims."]}"#,
    "\n",
);

// Issue 17: the multi-document protocol (clusters, ROUGE-1.5.5's -l, recall tables).
#[test]
fn clusters_truncation_and_recall_tables() {
    let corpus = corpus_file(CLUSTER_CORPUS);
    let (json, stderr, code) = json_report(
        &["--scorer", "tfidf-position", "-n", "3", "--cluster", "--truncate-words", "12"],
        &corpus,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["protocol"]["cluster"], true);
    assert_eq!(json["protocol"]["truncation"]["words"], 12);
    let output = abridge()
        .args(["eval", "--scorer", "tfidf-position", "-n", "3", "--cluster", "--measure", "recall"])
        .args(["--truncate-words", "12", "--corpus"])
        .arg(corpus.path())
        .output()
        .unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(table.contains("ROUGE recall × 100"), "{table}");
    assert!(table.contains("clusters of `docs`, first 12 words (ROUGE-1.5.5 -l 12)"), "{table}");
    // The table's R-1 is the JSON's recall.
    let recall = json["results"][0]["rouge1"]["r"].as_f64().unwrap();
    assert!(table.contains(&format!("{:.2}", recall * 100.0)), "{recall} not in {table}");
    // Without --cluster the one word of `text` is the summary.
    let (joined, _, _) = json_report(&["--scorer", "tfidf-position", "-n", "3"], &corpus);
    assert!(joined["results"][0]["rouge1"]["r"].as_f64().unwrap() < recall);
}
