//! Issue 7: scripts without spaces between words (Chinese, Japanese, Thai)
//! and scripts written right to left (Arabic, Hebrew), through the public
//! API. Every text here was written for these tests.
//!
//! The tests at the end were the known gaps of the segmenter, recorded as
//! ignored tests until the script rules (`segment/scripts.rs`) closed them.

use abridge::{Document, Language, Summarizer};

/// The words of a document, as slices of its text.
fn words<'a>(document: &Document<'a>) -> Vec<&'a str> {
    document.tokens().iter().map(|token| token.span().slice(document.text())).collect()
}

fn sentences<'a>(document: &Document<'a>) -> Vec<&'a str> {
    (0..document.sentences().len()).map(|idx| document.sentence_text(idx)).collect()
}

/// Spans lie on char boundaries and slice the text in order.
fn assert_spans_are_sane(document: &Document<'_>) {
    let text = document.text();
    let mut previous_end = 0;
    for (sentence_idx, sentence) in document.sentences().iter().enumerate() {
        assert!(sentence.span().start >= previous_end, "{sentence:?}");
        assert!(text.is_char_boundary(sentence.span().start));
        assert!(text.is_char_boundary(sentence.span().end));
        previous_end = sentence.span().end;
        for token in document.sentence_tokens(sentence_idx) {
            assert!(
                sentence.span().start <= token.span().start
                    && token.span().end <= sentence.span().end
            );
            assert!(text.is_char_boundary(token.span().start));
            assert!(text.is_char_boundary(token.span().end));
        }
    }
}

#[test]
fn chinese_sentences_end_at_full_width_punctuation_and_every_ideograph_is_a_word() {
    let text = "北京今天下雪了。路上的车很少！你明天还去上班吗？";
    let document = Document::new(text, Language::Chinese);
    assert_eq!(sentences(&document), ["北京今天下雪了。", "路上的车很少！", "你明天还去上班吗？"]);
    assert_eq!(words(&document)[..4], ["北", "京", "今", "天"]);
    assert!(words(&document).iter().all(|word| word.chars().count() == 1));
    // 的 and 了 are stop words of the Chinese list.
    let stops: Vec<&str> = document
        .tokens()
        .iter()
        .filter(|token| token.is_stop())
        .map(|token| token.span().slice(text))
        .collect();
    assert!(stops.contains(&"的") && stops.contains(&"了"), "{stops:?}");
    assert_spans_are_sane(&document);
}

#[test]
fn japanese_keeps_closing_brackets_and_katakana_words() {
    let text = "「明日は晴れる。」天気予報によると、東京は暖かい。コンピューターを買いました！";
    let document = Document::new(text, Language::Japanese);
    assert_eq!(
        sentences(&document),
        ["「明日は晴れる。」", "天気予報によると、東京は暖かい。", "コンピューターを買いました！"]
    );
    // A run of katakana is one word (UAX #29), kana and kanji one each.
    let words = words(&document);
    assert!(words.contains(&"コンピューター"), "{words:?}");
    assert!(words.contains(&"東") && words.contains(&"は"), "{words:?}");
    assert_spans_are_sane(&document);
}

#[test]
fn thai_words_are_grapheme_clusters_not_whole_runs() {
    // UAX #29 leaves Thai (line-break class SA) to a dictionary; without
    // one, every grapheme cluster is a word, so a run of Thai between
    // spaces is never a single token.
    let text = "วันนี้อากาศดีมาก เราไปเดินเล่นที่สวนสาธารณะกัน";
    let document = Document::new(text, Language::Thai);
    let words = words(&document);
    assert_eq!(words[..3], ["วั", "น", "นี้"]);
    assert!(words.iter().all(|word| word.chars().count() <= 3), "{words:?}");
    assert_spans_are_sane(&document);
}

#[test]
fn arabic_and_hebrew_spans_slice_the_words() {
    let arabic =
        "قال رئيس البلدية إن تكلفة المشروع تبلغ 12 مليون يورو. ستبدأ الأعمال في الربيع المقبل.";
    let document = Document::new(arabic, Language::Arabic);
    assert_eq!(
        sentences(&document),
        ["قال رئيس البلدية إن تكلفة المشروع تبلغ 12 مليون يورو.", "ستبدأ الأعمال في الربيع المقبل."]
    );
    assert_eq!(words(&document)[..4], ["قال", "رئيس", "البلدية", "إن"]);
    assert!(words(&document).contains(&"12"));
    assert_spans_are_sane(&document);

    // Hebrew with a right-to-left mark, Latin letters and digits mixed in.
    let hebrew =
        "\u{200F}ראש העיר אמר שהעלות תגיע ל-12 מיליון יורו. העבודות יתחילו ב-2026 בעיר Haifa!";
    let document = Document::new(hebrew, Language::Hebrew);
    assert_eq!(document.sentences().len(), 2);
    assert_eq!(document.sentence_text(1), "העבודות יתחילו ב-2026 בעיר Haifa!");
    let words = words(&document);
    assert_eq!(words[..3], ["ראש", "העיר", "אמר"]);
    assert!(words.contains(&"Haifa") && words.contains(&"2026"), "{words:?}");
    assert_spans_are_sane(&document);

    // Summaries are spans of the input, whatever the direction.
    let summarizer = Summarizer::builder().sentences(1).build().unwrap();
    for text in [arabic, hebrew] {
        let summary = summarizer.summarize(text);
        assert_eq!(summary.sentences.len(), 1);
        for extract in &summary.sentences {
            assert_eq!(&text[extract.start..extract.end], extract.text);
        }
    }
}

#[test]
fn a_long_chinese_text_keeps_sentences_of_sane_length() {
    const SENTENCES: [&str; 6] = [
        "今天上午，市政府宣布将在河边修建一座新的图书馆。",
        "这座图书馆预计明年秋天正式开放！",
        "有记者问，工程会不会影响附近的交通？",
        "负责人回答说，施工期间将开放两条临时道路。",
        "孩子们对即将到来的科学展览非常期待。",
        "据统计，今年前十个月本市接待游客超过八百万人次。",
    ];
    // About 100 KB: 2,000 sentences in paragraphs of five.
    let mut text = String::new();
    for idx in 0..2000 {
        if idx > 0 && idx % 5 == 0 {
            text.push_str("\n\n");
        }
        text.push_str(SENTENCES[(idx * 7 + idx / 6) % SENTENCES.len()]);
    }
    let summarizer = Summarizer::builder().sentences(3).build().unwrap();
    let document = summarizer.analyze(&text);
    assert_eq!(document.language(), Language::Chinese);
    assert_eq!(document.sentences().len(), 2000);
    let longest = (0..2000).map(|idx| document.sentence_text(idx).chars().count()).max();
    assert_eq!(longest, Some(24));
    let summary = summarizer.summarize(&text);
    assert_eq!(summary.sentences.len(), 3);
    assert!(summary.sentences.iter().all(|extract| SENTENCES.contains(&&*extract.text)));
}

// The known gaps of issue 7, closed by the script rules.

#[test]
fn arabic_question_mark_ends_a_sentence() {
    let text = "هل أنت بخير؟ نعم، أنا بخير.";
    let document = Document::new(text, Language::Arabic);
    assert_eq!(sentences(&document), ["هل أنت بخير؟", "نعم، أنا بخير."]);
}

#[test]
fn devanagari_danda_ends_a_sentence() {
    let text = "मैं घर जा रहा हूँ। तुम कहाँ जा रहे हो?";
    let document = Document::new(text, Language::Hindi);
    assert_eq!(sentences(&document), ["मैं घर जा रहा हूँ।", "तुम कहाँ जा रहे हो?"]);
}

#[test]
fn full_width_full_stop_ends_a_sentence() {
    let text = "本日は晴天なり．明日は雨でしょう．";
    let document = Document::new(text, Language::Japanese);
    assert_eq!(sentences(&document), ["本日は晴天なり．", "明日は雨でしょう．"]);
}

#[test]
fn japanese_quotation_followed_by_to_stays_in_its_sentence() {
    let text = "彼は「明日は行かない。」と言った。私は驚いた。";
    let document = Document::new(text, Language::Japanese);
    assert_eq!(sentences(&document), ["彼は「明日は行かない。」と言った。", "私は驚いた。"]);
}

#[test]
fn thai_spaces_separate_sentences() {
    let text = "วันนี้อากาศดีมาก เราไปเดินเล่นที่สวนสาธารณะกัน";
    let document = Document::new(text, Language::Thai);
    assert_eq!(sentences(&document), ["วันนี้อากาศดีมาก", "เราไปเดินเล่นที่สวนสาธารณะกัน"]);
    // Thai has no sentence punctuation, so its units count as prose and
    // can be chosen for a summary.
    let summarizer = Summarizer::builder().sentences(1).build().unwrap();
    let summary = summarizer.summarize(text);
    assert_eq!(summary.sentences.len(), 1);
    assert!(sentences(&document).contains(&&*summary.sentences[0].text));
}

#[test]
fn straight_quotes_after_chinese_full_stops_open_the_next_sentence() {
    let text = "第一句话。\"第二句话。\"第三句话。";
    let document = Document::new(text, Language::Chinese);
    assert_eq!(sentences(&document), ["第一句话。", "\"第二句话。\"", "第三句话。"]);
}

#[test]
fn a_chinese_reporting_clause_stays_with_its_quotation() {
    // In Chinese, the clause that names the speaker after a quotation
    // belongs to the quotation's sentence, as "…," she said. does in English.
    let text = "“今年的收成比去年好得多！”一位种了二十年水稻的农民说。村里人都很高兴。";
    let document = Document::new(text, Language::Chinese);
    assert_eq!(
        sentences(&document),
        ["“今年的收成比去年好得多！”一位种了二十年水稻的农民说。", "村里人都很高兴。"]
    );
}
