use std::io::Write;

use crate::{abridge, stdout_lines};

/// A meeting we wrote, one turn a line as transcripts are: the chair's
/// welcome, back-channels, and two subjects.
pub const MEETING: &str = "\
Chair A: OK . Welcome everyone , let 's get started with the meeting .
Member B: Yeah .
Member C: {vocalsound} Mm-hmm .
Chair A: So the first thing on the list is the new budget for the library .
Member B: The library budget has to cover the roof repairs and new shelves .
Member C: Yeah , yeah .
Member B: I think the roof repairs alone will cost about forty thousand .
Chair A: OK . Then the second thing is the harbour wall .
Member C: Divers found a breach in the harbour wall last week near the north pier .
Member B: Uh-huh .
Member C: The engineers say the breach grows with every tide , so the wall needs work before winter .
Chair A: Right . We will vote on both plans next month .
Member B: {vocalsound} Okay .
";

#[test]
fn query_chooses_the_turns_that_answer_it() {
    let run = |args: &[&str]| {
        let output = abridge().arg("summarize").args(args).write_stdin(MEETING).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        stdout_lines(&output)
    };
    let harbour = run(&["-n", "2", "--query", "What did the divers find at the harbour?"]);
    assert!(harbour.iter().any(|line| line.contains("breach")), "{harbour:?}");
    assert!(harbour.iter().all(|line| line.contains("harbour") || line.contains("breach")));
    let library = run(&["-n", "1", "--query", "How much will the library roof cost?"]);
    assert_eq!(library.len(), 1);
    assert!(library[0].contains("roof repairs"), "{library:?}");
    for lines in [harbour, library, run(&["-n", "4"])] {
        for line in &lines {
            // Speaker labels are not part of the sentences, and
            // back-channels are never chosen.
            assert!(!line.contains("Member") && !line.contains("Chair"), "{lines:?}");
            assert!(!line.contains("vocalsound") && !line.starts_with("Yeah"), "{lines:?}");
        }
    }
}

#[test]
fn explain_shows_the_query_relevance() {
    let output = abridge()
        .args(["summarize", "-n", "1", "--explain", "--format", "json"])
        .args(["--query", "harbour wall"])
        .write_stdin(MEETING)
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let explanation = &json["sentences"][0]["explanation"];
    let text = explanation.to_string();
    assert!(text.contains("query relevance"), "{text}");
    assert!(text.contains("query term \\\"harbour\\\""), "{text}");
    assert!(text.contains("tfidf-position") || text.contains("position"), "{text}");
}

#[test]
fn batch_reads_each_record_query() {
    let record = |id: &str, query: Option<&str>| {
        let mut object = serde_json::json!({"id": id, "text": MEETING});
        if let Some(query) = query {
            object["query"] = query.into();
        }
        object.to_string()
    };
    let input = [
        record("harbour", Some("the breach in the harbour wall")),
        record("library", Some("the library roof")),
        record("plain", None),
    ]
    .join("\n");
    let output = abridge()
        .args(["batch", "-n", "1", "--query", "library shelves", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records: Vec<serde_json::Value> =
        stdout_lines(&output).iter().map(|line| serde_json::from_str(line).unwrap()).collect();
    let first = |record: &serde_json::Value| record["sentences"][0].as_str().unwrap().to_owned();
    assert!(first(&records[0]).contains("harbour wall"), "{records:?}");
    assert_eq!(records[0]["query"], "the breach in the harbour wall", "the field is passed on");
    assert!(first(&records[1]).contains("roof"), "{records:?}");
    // No query of its own: the one of --query.
    assert!(first(&records[2]).contains("shelves"), "{records:?}");
}

#[test]
fn eval_summarises_with_the_record_query() {
    let record = |query: &str, reference: &str| {
        serde_json::json!({"id": query, "text": MEETING, "query": query, "summaries": [reference]})
            .to_string()
    };
    let corpus = [
        record("What was found at the harbour wall?", "Divers found a breach in the harbour wall."),
        record("What will the library roof cost?", "The roof repairs will cost forty thousand."),
    ]
    .join("\n");
    let mut file = tempfile::Builder::new().suffix(".jsonl").tempfile().unwrap();
    file.write_all(corpus.as_bytes()).unwrap();
    let per_doc = tempfile::Builder::new().suffix(".jsonl").tempfile().unwrap();
    let output = abridge()
        .args(["eval", "-n", "1", "--format", "json", "--corpus"])
        .arg(file.path())
        .arg("--per-doc")
        .arg(per_doc.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let lines = std::fs::read_to_string(per_doc.path()).unwrap();
    let summaries: Vec<String> = lines
        .lines()
        .map(|line| {
            let json: serde_json::Value = serde_json::from_str(line).unwrap();
            json["summary"].as_str().unwrap().to_owned()
        })
        .collect();
    assert!(summaries[0].contains("harbour wall"), "{summaries:?}");
    assert!(summaries[1].contains("roof"), "{summaries:?}");
    // The transcriber's marks are not in the text ROUGE reads.
    assert!(summaries.iter().all(|summary| !summary.contains('{')), "{summaries:?}");
    // --no-query: the two records have one text, so one summary.
    let output = abridge()
        .args(["eval", "-n", "1", "--no-query", "--format", "json", "--corpus"])
        .arg(file.path())
        .arg("--per-doc")
        .arg(per_doc.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let lines = std::fs::read_to_string(per_doc.path()).unwrap();
    let summaries: Vec<serde_json::Value> = lines
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["summary"].clone())
        .collect();
    assert_eq!(summaries[0], summaries[1]);
}
