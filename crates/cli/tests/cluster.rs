use crate::{abridge, stdout_lines};

const WIRE_A: &str = "A storm flooded the harbour town of Kelso on Monday night.\n\n\
Fishing boats broke loose from their moorings in the old port and drifted onto the rocks.\n\n\
The mayor said the sea wall would be rebuilt before the winter storms return.\n";
const WIRE_B: &str = "The harbour town of Kelso was flooded by a storm on Monday night.\n\n\
Residents of the lower streets spent the night in the school gym on camp beds.\n\n\
Insurers expect claims of several million pounds from the harbour town.\n";

fn write_wires(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::write(dir.join("a.txt"), WIRE_A)?;
    std::fs::write(dir.join("b.txt"), WIRE_B)
}

#[test]
fn a_folder_and_its_files_in_any_order_give_one_summary() {
    let dir = tempfile::tempdir().unwrap();
    write_wires(dir.path()).unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    let run = |args: Vec<&std::ffi::OsStr>| {
        let output = abridge()
            .args(["summarize", "-n", "3", "--lang", "en", "--cluster"])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        stdout_lines(&output)
    };
    let forward = run(vec![a.as_os_str(), b.as_os_str()]);
    assert_eq!(forward.len(), 3, "{forward:?}");
    assert_eq!(forward.iter().filter(|line| line.contains("Monday night")).count(), 1);
    assert_eq!(run(vec![b.as_os_str(), a.as_os_str()]), forward);
    assert_eq!(run(vec![dir.path().as_os_str()]), forward);
}

#[test]
fn json_sentences_name_their_document_with_spans_into_it() {
    let dir = tempfile::tempdir().unwrap();
    write_wires(dir.path()).unwrap();
    let output = abridge()
        .args(["summarize", "-n", "3", "--format", "json", "--cluster"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let docs = json["docs"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let texts = [WIRE_A, WIRE_B];
    for sentence in json["sentences"].as_array().unwrap() {
        let doc = sentence["doc"].as_u64().unwrap() as usize;
        assert!(docs[doc]["id"].as_str().unwrap().ends_with(["a.txt", "b.txt"][doc]));
        assert_eq!(sentence["doc_id"], docs[doc]["id"]);
        let (start, end) = (
            sentence["start"].as_u64().unwrap() as usize,
            sentence["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&texts[doc][start..end], sentence["text"].as_str().unwrap());
    }
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_summarised() {
    let dir = tempfile::tempdir().unwrap();
    write_wires(dir.path()).unwrap();
    let output = abridge()
        .args(["summarize", "-n", "2", "--cluster"])
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("missing.txt: cannot read"), "{stderr}");
    assert_eq!(stdout_lines(&output).len(), 2);
}

// Issue 17: a JSONL record with `docs` (the schema of cstnews_mds) is a
// cluster in `abridge batch`; a record without is summarised as before.
#[test]
fn batch_records_with_docs_are_clusters() {
    let record = serde_json::json!({
        "id": "kelso",
        "docs": [WIRE_A, WIRE_B],
        "doc_ids": ["a", "b"],
        "topic": "storm",
    });
    let plain = serde_json::json!({"id": "plain", "text": WIRE_A});
    let broken = serde_json::json!({"id": "broken", "docs": "not a list"});
    let input = format!("{record}\n{plain}\n{broken}\n");
    let output = abridge()
        .args(["batch", "-n", "3", "--lang", "en", "-j", "2"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<serde_json::Value> =
        stdout_lines(&output).iter().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    let cluster = &lines[0];
    assert_eq!(cluster["topic"], "storm");
    assert!(cluster.get("docs").is_none(), "the documents are not passed through: {cluster}");
    let sentences = cluster["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 3);
    let texts = [WIRE_A, WIRE_B];
    for (sentence, span) in sentences.iter().zip(cluster["spans"].as_array().unwrap()) {
        let doc = span["doc"].as_u64().unwrap() as usize;
        assert_eq!(span["doc_id"], ["a", "b"][doc]);
        let (start, end) =
            (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
        assert_eq!(sentence.as_str().unwrap(), texts[doc][start..end].replace('\n', " "));
    }
    assert!(lines[1]["spans"][0].get("doc").is_none());
    assert_eq!(lines[2]["error"], "`docs` is not a list of documents");
}
