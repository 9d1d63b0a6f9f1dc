use crate::{STORY, abridge, stdout_lines};

#[test]
fn default_summary_skips_furniture() {
    let output = abridge().arg("summarize").write_stdin(STORY).output().unwrap();
    assert!(output.status.success());
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(
        lines[0],
        "The Elm Street bridge reopened to traffic on Friday after eight months of repairs that cost the city $12 million."
    );
    for furniture in [
        "Powered by",
        "Sponsored by",
        "Daily Example",
        "Telegram",
        "Click here",
        "Bridge reopens after repairs",
    ] {
        assert!(
            lines.iter().all(|line| !line.contains(furniture)),
            "{furniture} chosen: {lines:?}"
        );
    }
}

// Issue 20: lead passes over page furniture, as every strategy does.
#[test]
fn lead_takes_the_first_sentences_of_prose() {
    let output = abridge()
        .args(["summarize", "--scorer", "lead", "-n", "2"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        stdout_lines(&output),
        [
            "The Elm Street bridge reopened to traffic on Friday after eight months of repairs that cost the city $12 million.",
            "Mayor Ana Ruiz said the bridge was safer than ever and thanked residents for their patience."
        ]
    );
}

#[test]
fn json_output_has_spans_scores_and_settings() {
    let output = abridge()
        .args(["summarize", "-n", "2", "--format", "json", "-"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["input"], "<stdin>");
    assert_eq!(json["settings"]["scorer"], "tfidf-position");
    assert_eq!(json["settings"]["budget"]["sentences"], 2);
    let sentences = json["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 2);
    for sentence in sentences {
        let (start, end) = (
            sentence["start"].as_u64().unwrap() as usize,
            sentence["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&STORY[start..end], sentence["text"].as_str().unwrap());
        assert!(sentence["score"].as_f64().unwrap().is_finite());
        assert!(sentence["index"].is_u64());
    }
    assert!(sentences[0]["start"].as_u64() < sentences[1]["start"].as_u64(), "document order");
}

#[test]
fn budgets_hold() {
    let words = abridge().args(["summarize", "--words", "25"]).write_stdin(STORY).output().unwrap();
    assert!(words.status.success());
    let n_words: usize =
        stdout_lines(&words).iter().map(|line| line.split_whitespace().count()).sum();
    assert!(n_words <= 25 && n_words > 0, "{n_words}");

    let chars =
        abridge().args(["summarize", "--chars", "150"]).write_stdin(STORY).output().unwrap();
    assert!(chars.status.success());
    let lines = stdout_lines(&chars);
    let n_chars: usize = lines.iter().map(|line| line.chars().count()).sum::<usize>()
        + lines.len().saturating_sub(1);
    assert!(n_chars <= 150 && !lines.is_empty(), "{n_chars}");

    let ratio =
        abridge().args(["summarize", "--ratio", "0.5"]).write_stdin(STORY).output().unwrap();
    // Six sentences of prose: half is three.
    assert_eq!(stdout_lines(&ratio).len(), 3);
}

#[test]
fn score_order_puts_the_best_first() {
    let output = abridge()
        .args(["summarize", "-n", "3", "--order", "score", "--format", "json"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let scores: Vec<f64> = json["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|pair| pair[0] >= pair[1]), "{scores:?}");
}

#[test]
fn explain_breaks_scores_down() {
    let output =
        abridge().args(["summarize", "-n", "1", "--explain"]).write_stdin(STORY).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("tf-idf cosine to the document"), "{stdout}");
    assert!(stdout.contains("position prior"), "{stdout}");
    let json = abridge()
        .args(["summarize", "-n", "1", "--explain", "--format", "json"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(json["sentences"][0]["explanation"]["details"].as_array().unwrap().len() >= 2);
}

#[test]
fn other_languages() {
    let text = "Le conseil municipal a voté le budget lundi soir. Le budget prévoit de nouvelles pistes cyclables. \
                Les travaux commenceront au printemps prochain.";
    let output = abridge()
        .args(["summarize", "--lang", "fr", "-n", "1"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(stdout_lines(&output).len(), 1);
}
