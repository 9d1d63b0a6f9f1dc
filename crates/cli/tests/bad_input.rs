use std::io::Write;

use predicates::prelude::*;

use crate::{STORY, abridge};

#[test]
fn missing_file() {
    abridge()
        .args(["summarize", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt: cannot read"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    abridge()
        .arg("summarize")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    // UTF-8 with one damaged byte: repaired, not read as a legacy encoding.
    file.write_all(
        "The café opened on Monday morning in the old town. It sold crème brûlée all day long."
            .as_bytes(),
    )
    .unwrap();
    file.write_all(b"\xff \xff The end.").unwrap();
    abridge()
        .arg("summarize")
        .arg(file.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("The café opened"))
        .stderr(predicate::str::contains("invalid UTF-8 from byte 89"));
}

// Issue 20: text in Latin-1 or Windows-1252 is detected and decoded with a
// note; --encoding LABEL forces one; offsets are into the UTF-8 text.
#[test]
fn legacy_encodings_are_detected_and_can_be_forced() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(
        b"Caf\xe9 prices rose by a fifth in March, the \x93bureau\x94 said. Tea stayed as it was.",
    )
    .unwrap();
    let output = abridge()
        .args(["summarize", "-n", "1", "--format", "json"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("read as windows-1252 (detected; --encoding LABEL forces one); offsets refer to the text in UTF-8"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let sentence = &json["sentences"][0];
    let text = "Café prices rose by a fifth in March, the \u{201C}bureau\u{201D} said.";
    assert_eq!(sentence["text"], text);
    assert_eq!(
        (sentence["start"].as_u64(), sentence["end"].as_u64()),
        (Some(0), Some(text.len() as u64))
    );
    // Forced: the same bytes as ISO-8859-7 (Greek) read differently, and
    // with no "detected" note.
    let output = abridge()
        .args(["summarize", "-n", "1", "--encoding", "iso-8859-7"])
        .arg(file.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("Cafι prices"), "{stdout}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("read as ISO-8859-7 (--encoding)"));
    // UTF-8 forced: repaired as UTF-8, from standard input too.
    abridge()
        .args(["sentences", "--encoding", "utf-8"])
        .write_stdin(b"Caf\xe9 prices rose.".to_vec())
        .assert()
        .success()
        .stdout("Caf\u{FFFD} prices rose.\n")
        .stderr(predicate::str::contains("invalid UTF-8 from byte 3"));
    abridge()
        .args(["summarize", "--encoding", "klingon"])
        .arg(file.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--encoding: unknown encoding 'klingon'"));
}

#[test]
fn empty_and_blank_input() {
    for input in ["", "   \n\n\t  \n"] {
        abridge()
            .arg("summarize")
            .write_stdin(input)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("<stdin>: input is empty"));
    }
}

#[test]
fn input_without_sentences() {
    for input in ["https://example.com/some/page", "🎉 🎉 🙌 🎉", "... !!! ---"] {
        abridge()
            .arg("summarize")
            .write_stdin(input)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("input has no sentence"))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn budget_of_zero_is_a_usage_error() {
    for flag in ["-n", "--words", "--chars", "--ratio"] {
        abridge()
            .args(["summarize", flag, "0"])
            .write_stdin(STORY)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("invalid value '0'"));
    }
}

#[test]
fn budget_too_small_for_any_sentence() {
    abridge()
        .args(["summarize", "--words", "2"])
        .write_stdin(STORY)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no sentence fits in the budget"));
}

#[test]
fn closed_stdout_ends_quietly() {
    let long: String = (0..20_000)
        .map(|i| format!("Sentence number {i} talks about bridges and rivers. "))
        .collect();
    let output = crate::run_with_closed_stdout(&["sentences", "-"], long);
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
}

/// A text longer than a document may be: the first GiB is summarised and a
/// warning says how much was left out. Needs about 5 GB of memory, so it
/// runs with `RUN_SLOW_TESTS=1` only.
#[test]
fn text_over_the_document_limit_is_cut_with_a_warning() {
    if std::env::var_os("RUN_SLOW_TESTS").is_none() {
        return;
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    let paragraph = format!("{STORY}\n\n");
    let mut written = 0;
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    while written <= abridge::MAX_TEXT_BYTES {
        out.write_all(paragraph.as_bytes()).unwrap();
        written += paragraph.len();
    }
    out.flush().unwrap();
    drop(out);
    abridge()
        .args(["summarize", "--scorer", "lead", "-n", "1"])
        .arg(file.path())
        .assert()
        .success()
        .stdout(predicate::str::is_empty().not())
        .stderr(predicate::str::contains(format!(
            "only the first {} bytes of {written} are summarised",
            abridge::MAX_TEXT_BYTES
        )));
}

/// Random bytes, as in an image or an archive renamed `.txt`.
fn random_bytes(len: usize) -> Vec<u8> {
    let mut state = 0x5EEDu64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_input_is_refused_unless_read_as_text() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&random_bytes(100_000)).unwrap();
    for command in ["summarize", "sentences"] {
        abridge()
            .arg(command)
            .arg(file.path())
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("looks like binary data, not text ("))
            .stderr(predicate::str::contains("pass -a/--binary-as-text to read it as text"));
    }
    // Read as text: repaired and summarised, or "no sentence"; never a panic.
    let output =
        abridge().args(["summarize", "--binary-as-text"]).arg(file.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{stderr}");
    assert!(!stderr.contains("binary") && !stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("invalid UTF-8 from byte"), "{stderr}");
}

#[test]
fn text_with_nul_bytes_is_still_text() {
    let text = STORY.replace(". ", ".\0 ");
    abridge()
        .args(["summarize", "-n", "1", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("Elm Street bridge reopened"));
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(STORY.encode_utf16().flat_map(u16::to_le_bytes));
    abridge()
        .args(["summarize", "-n", "1", "-"])
        .write_stdin(bytes)
        .assert()
        .success()
        .stdout(predicate::str::contains("Elm Street bridge reopened"))
        .stderr(predicate::str::contains("<stdin>: read as UTF-16LE"));
}
