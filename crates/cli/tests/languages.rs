//! Issue 7: languages other than English, detected or given, and scripts
//! without spaces or written right to left. Every text here was written for
//! these tests.

use crate::{abridge, stdout_lines};

const FRENCH: &str = "Le conseil municipal de Lyon a voté lundi soir le budget du nouveau port fluvial. \
Les travaux commenceront au printemps prochain et dureront deux ans. \
Selon le maire, l'aménagement des quais coûtera douze millions d'euros. \
Les habitants du quartier attendent ce chantier depuis longtemps.";

const GERMAN: &str = "Der Stadtrat von Hamburg hat am Montagabend den Haushalt für den neuen Flusshafen beschlossen. \
Die Bauarbeiten beginnen im nächsten Frühjahr und dauern zwei Jahre. \
Nach Angaben des Bürgermeisters kostet der Umbau der Kais zwölf Millionen Euro. \
Die Anwohner warten schon lange auf die Baustelle.";

const CHINESE: &str = "上海市议会周一晚上通过了新河港的预算。\
工程将于明年春天开始，预计持续两年！\
市长表示，码头改造将花费一千二百万欧元。\
附近的居民已经等待这个工程很久了。\
你觉得这个计划好吗？";

fn summarize_json(args: &[&str], text: &str) -> (serde_json::Value, String) {
    let output = abridge()
        .args(["summarize", "--format", "json"])
        .args(args)
        .write_stdin(text)
        .output()
        .expect("abridge runs");
    assert!(output.status.success(), "{output:?}");
    (
        serde_json::from_slice(&output.stdout).expect("stdout is JSON"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

/// Every extract's offsets slice the input to its text.
fn assert_spans(json: &serde_json::Value, text: &str) {
    for extract in json["sentences"].as_array().expect("a sentences array") {
        let start = extract["start"].as_u64().expect("a start") as usize;
        let end = extract["end"].as_u64().expect("an end") as usize;
        assert_eq!(&text[start..end], extract["text"].as_str().expect("a text"), "{extract}");
    }
}

#[test]
fn json_says_which_language_was_detected() {
    for (text, code) in [(FRENCH, "fr"), (GERMAN, "de"), (CHINESE, "zh")] {
        let (json, stderr) = summarize_json(&["-n", "2"], text);
        assert_eq!(json["language"], code, "{json}");
        assert_eq!(json["language_source"], "detected");
        assert_eq!(json["settings"]["language"], "auto");
        assert_eq!(json["sentences"].as_array().unwrap().len(), 2);
        assert_spans(&json, text);
        // Chinese has no stemmer, and abridge says so.
        assert_eq!(stderr.contains("no stemmer for Chinese"), code == "zh", "{stderr}");
    }
}

#[test]
fn a_given_language_wins_over_detection() {
    let (json, _) = summarize_json(&["--lang", "en", "-n", "1"], FRENCH);
    assert_eq!(json["language"], "en");
    assert_eq!(json["language_source"], "given");
    let (json, _) = summarize_json(&["--lang", "French", "-n", "1"], FRENCH);
    assert_eq!((&json["language"], &json["language_source"]), (&"fr".into(), &"given".into()));
    // Too little text to tell: English, and the JSON says it was a fallback.
    let (json, _) = summarize_json(&["-n", "1"], "Ok.");
    assert_eq!((&json["language"], &json["language_source"]), (&"en".into(), &"fallback".into()));
}

#[test]
fn chinese_is_cut_at_its_full_stops() {
    let output = abridge().arg("sentences").write_stdin(CHINESE).output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        stdout_lines(&output),
        [
            "上海市议会周一晚上通过了新河港的预算。",
            "工程将于明年春天开始，预计持续两年！",
            "市长表示，码头改造将花费一千二百万欧元。",
            "附近的居民已经等待这个工程很久了。",
            "你觉得这个计划好吗？",
        ]
    );
    let (json, _) = summarize_json(&["-n", "1", "--lang", "zh"], CHINESE);
    assert_eq!(json["n_sentences"], 5);
    assert_spans(&json, CHINESE);
}

#[test]
fn right_to_left_text_keeps_its_byte_offsets() {
    let arabic = "وافق مجلس المدينة يوم الاثنين على ميزانية الميناء الجديد. \
                  ستبدأ الأعمال في الربيع المقبل وتستمر عامين. \
                  قال رئيس البلدية إن تكلفة المشروع تبلغ 12 مليون يورو.";
    let hebrew = "מועצת העיר אישרה ביום שני את תקציב הנמל החדש. \
                  העבודות יתחילו באביב הבא ויימשכו שנתיים. \
                  לדברי ראש העיר, העלות תגיע ל-12 מיליון יורו.";
    for (text, code) in [(arabic, "ar"), (hebrew, "he")] {
        let (json, _) = summarize_json(&["-n", "2"], text);
        assert_eq!(json["language"], code, "{json}");
        assert_eq!(json["sentences"].as_array().unwrap().len(), 2);
        assert_spans(&json, text);
        let output =
            abridge().args(["sentences", "--format", "json"]).write_stdin(text).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["sentences"].as_array().unwrap().len(), 3, "{json}");
        assert_spans(&json, text);
    }
}
