use crate::{STORY, abridge, stdout_lines};

#[test]
fn one_unit_per_line_with_furniture_apart() {
    let output = abridge().arg("sentences").write_stdin(STORY).output().unwrap();
    assert!(output.status.success());
    let lines = stdout_lines(&output);
    assert_eq!(lines[0], "Powered by");
    assert_eq!(lines[1], "Sponsored by");
    assert_eq!(lines[2], "Bridge reopens after repairs");
    assert_eq!(lines[3], "CITY-BRIDGE/REPAIRS Workers on the Elm Street bridge | Daily Example");
    assert_eq!(lines.len(), 11, "{lines:?}");
}

#[test]
fn json_marks_kinds_and_spans() {
    let output =
        abridge().args(["sentences", "--format", "json"]).write_stdin(STORY).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let sentences = json["sentences"].as_array().unwrap();
    assert_eq!(sentences[0]["kind"], "furniture");
    assert_eq!(sentences[2]["kind"], "fragment");
    assert_eq!(sentences[4]["kind"], "prose");
    for sentence in sentences {
        let (start, end) = (
            sentence["start"].as_u64().unwrap() as usize,
            sentence["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&STORY[start..end], sentence["text"].as_str().unwrap());
    }
}

#[test]
fn lower_cased_tokenised_text() {
    let text = "the mayor said . `` we are done . '' the bridge reopened on friday . mr. smith was there .";
    let output = abridge().arg("sentences").write_stdin(text).output().unwrap();
    assert_eq!(
        stdout_lines(&output),
        [
            "the mayor said .",
            "`` we are done . ''",
            "the bridge reopened on friday .",
            "mr. smith was there ."
        ]
    );
}
