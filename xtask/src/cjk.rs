//! `cargo xtask cjk`: how fast abridge summarises 1 MB of Chinese or
//! Japanese, and into how many sentences of what length.
//!
//! The texts are generated, never copied from a corpus: the sentences below
//! were written for this task, and a fixed-seed generator shuffles them
//! into paragraphs of three to eight sentences until the text reaches
//! [`TARGET_BYTES`]. The files go to `target/xtask-cjk/`.
//!
//! Every strategy summarises each text with the default budget (three
//! sentences), timed as a whole process with the release binary, median of
//! [`RUNS`]. When the corpora are present, 1 MB of cnndm_test articles
//! joined by blank lines is timed too, since a real vocabulary is larger
//! than that of a few dozen sentences. It fails when the default strategy
//! takes a second or more on the Chinese or Japanese text (issue 7).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};

use crate::util;

/// Size of each generated text.
pub const TARGET_BYTES: usize = 1_000_000;

/// Runs per timing; the median is reported.
const RUNS: usize = 3;

/// The default strategy must summarise 1 MB in less than this (seconds).
const MAX_SECONDS: f64 = 1.0;

/// Every strategy, the default first.
const STRATEGIES: &[&str] = &[
    "tfidf-position",
    "lead",
    "luhn",
    "sumbasic",
    "centroid",
    "textrank",
    "lexrank",
    "kl-sum",
    "pacsum",
];

const CHINESE: &[&str] = &[
    "今天上午，市政府宣布将在河边修建一座新的图书馆。",
    "这座图书馆预计明年秋天正式开放，可以容纳五百名读者。",
    "许多居民表示，他们希望图书馆能延长周末的开放时间！",
    "市长在新闻发布会上说，这个项目的总投资约为两亿元。",
    "有记者问，工程会不会影响附近的交通？",
    "负责人回答说，施工期间将开放两条临时道路。",
    "去年冬天，这个城市经历了三十年来最冷的一个月。",
    "气象专家提醒大家，今年的天气可能同样寒冷。",
    "学校的老师们正在准备新学期的课程。",
    "孩子们对即将到来的科学展览非常期待。",
    "一位老人每天早上都在公园里打太极拳。",
    "他说，坚持锻炼让他的身体越来越健康。",
    "火车站附近新开了一家面馆，生意非常好。",
    "店主是一位从山西来的年轻人，他做的刀削面很有名。",
    "据统计，今年前十个月本市接待游客超过八百万人次。",
    "旅游部门计划在明年推出更多的文化活动。",
    "“我们会认真听取市民的意见，”一位官员说。",
    "港口的货运量比去年同期增长了百分之十二。",
    "专家认为，新的地铁线路将缓解城东的交通压力。",
    "周末的音乐节吸引了来自全国各地的年轻人。",
];

const JAPANESE: &[&str] = &[
    "東京都は今日、新しい図書館を川の近くに建設すると発表しました。",
    "図書館は来年の秋に開館する予定で、五百人の利用者を受け入れることができます。",
    "多くの住民は、週末の開館時間を延ばしてほしいと話しています！",
    "市長は記者会見で、総事業費は約二百億円になると述べました。",
    "工事の間、交通はどうなるのでしょうか？",
    "担当者によると、工事期間中は臨時の道路が二本開通します。",
    "去年の冬、この町は三十年ぶりの寒さを経験しました。",
    "気象の専門家は、今年も同じように寒くなるかもしれないと注意を呼びかけています。",
    "学校の先生たちは新しい学期の授業の準備をしています。",
    "子どもたちは来月の科学展をとても楽しみにしています。",
    "毎朝、公園では一人のお年寄りが体操をしています。",
    "駅の近くに新しいラーメン屋が開店し、行列ができています。",
    "「市民の声をしっかり聞きたい。」と担当者は話しました。",
    "港の貨物の取扱量は、前の年に比べて十二パーセント増えました。",
    "新しい地下鉄の路線で、東側の渋滞が減ると専門家は見ています。",
    "週末の音楽祭には、全国から多くの若者が集まりました。",
];

/// A deterministic text of about `bytes` bytes from `sentences`: paragraphs
/// of three to eight sentences, separated by blank lines.
pub fn generate(sentences: &[&str], bytes: usize, seed: u64) -> String {
    let mut state = seed.max(1);
    let mut next = move |bound: usize| {
        // xorshift64: plenty for shuffling sample sentences.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let mut text = String::with_capacity(bytes + 512);
    while text.len() < bytes {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        for _ in 0..3 + next(6) {
            text.push_str(sentences[next(sentences.len())]);
        }
    }
    text
}

/// One text's figures.
struct TextFigures {
    name: String,
    bytes: usize,
    sentences: usize,
    longest_chars: usize,
    mean_chars: f64,
    /// Median seconds per strategy, in [`STRATEGIES`] order.
    seconds: Vec<f64>,
}

pub fn run() -> anyhow::Result<()> {
    let binary = util::release_binary()?;
    let (section, problems) = report(&binary)?;
    #[allow(clippy::print_stdout)]
    {
        print!("{section}");
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    Ok(())
}

/// The Markdown section for `docs/results.md`, and what misses the
/// acceptance figure.
pub fn report(binary: &Path) -> anyhow::Result<(String, Vec<String>)> {
    let dir = util::target_dir().join("xtask-cjk");
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut texts: Vec<(String, PathBuf)> = Vec::new();
    for (name, sentences, seed) in [("zh", CHINESE, 7), ("ja", JAPANESE, 11)] {
        let path = dir.join(format!("{name}.txt"));
        std::fs::write(&path, generate(sentences, TARGET_BYTES, seed))
            .with_context(|| format!("{}: cannot write", path.display()))?;
        texts.push((format!("{name} (generated)"), path));
    }
    if let Some(corpora) = util::corpora_dir() {
        let path = dir.join("en-cnndm.txt");
        std::fs::write(&path, joined_articles(&corpora.join("cnndm_test/cnndm_test.jsonl"))?)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        texts.push(("en (cnndm_test articles)".to_owned(), path));
    }

    let mut figures = Vec::new();
    for (name, path) in &texts {
        util::note(&format!("cjk: {name}"));
        figures.push(text_figures(binary, name, path)?);
    }

    let mut problems = Vec::new();
    for figure in figures.iter().filter(|figure| !figure.name.starts_with("en")) {
        if figure.seconds[0] >= MAX_SECONDS {
            problems.push(format!(
                "{}: the default strategy took {:.2} s, not under {MAX_SECONDS} s",
                figure.name, figure.seconds[0]
            ));
        }
    }

    let mut text = String::from("## Scripts without spaces: 1 MB of Chinese and Japanese\n\n");
    text.push_str(
        "`cargo xtask cjk` generates about 1 MB of Chinese and of Japanese from a few dozen sentences written for it (shuffled into paragraphs with a fixed seed) and times `abridge summarize FILE --scorer S` (three sentences, language detected) as a whole process with the release binary, median of 3 runs.\n\
         1 MB of cnndm_test articles joined by blank lines shows the same with a real vocabulary.\n\
         Sentences are cut at 。！？ and every ideograph is a word, so no sentence or word runs away with the text.\n\n",
    );
    text.push_str("| text | bytes | sentences | longest sentence (chars) | mean (chars) |");
    for strategy in STRATEGIES {
        let _ = write!(text, " {strategy} |");
    }
    text.push_str("\n|---|---:|---:|---:|---:|");
    text.push_str(&"---:|".repeat(STRATEGIES.len()));
    text.push('\n');
    for figure in &figures {
        let _ = write!(
            text,
            "| {} | {} | {} | {} | {:.1} |",
            figure.name, figure.bytes, figure.sentences, figure.longest_chars, figure.mean_chars
        );
        for seconds in &figure.seconds {
            let _ = write!(text, " {seconds:.2} s |");
        }
        text.push('\n');
    }
    Ok((text, problems))
}

fn text_figures(binary: &Path, name: &str, path: &Path) -> anyhow::Result<TextFigures> {
    let path_str = path.to_str().context("path is not UTF-8")?;
    let bytes = std::fs::metadata(path)?.len() as usize;
    let json: serde_json::Value = serde_json::from_str(&util::run_abridge(
        binary,
        &["sentences", path_str, "--format", "json"],
        None,
    )?)?;
    let lengths: Vec<usize> = json["sentences"]
        .as_array()
        .context("no sentences")?
        .iter()
        .map(|sentence| sentence["text"].as_str().unwrap_or_default().chars().count())
        .collect();
    let mut seconds = Vec::with_capacity(STRATEGIES.len());
    for strategy in STRATEGIES {
        let mut runs = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let start = Instant::now();
            util::run_abridge(binary, &["summarize", path_str, "--scorer", strategy], None)?;
            runs.push(start.elapsed().as_secs_f64());
        }
        runs.sort_by(f64::total_cmp);
        seconds.push(runs[RUNS / 2]);
    }
    Ok(TextFigures {
        name: name.to_owned(),
        bytes,
        sentences: lengths.len(),
        longest_chars: lengths.iter().copied().max().unwrap_or(0),
        mean_chars: lengths.iter().sum::<usize>() as f64 / lengths.len().max(1) as f64,
        seconds,
    })
}

/// The first articles of a corpus, joined by blank lines, up to
/// [`TARGET_BYTES`].
fn joined_articles(path: &Path) -> anyhow::Result<String> {
    use std::io::BufRead;
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut text = String::with_capacity(TARGET_BYTES + 8192);
    for line in std::io::BufReader::new(file).lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(record["text"].as_str().unwrap_or_default());
        if text.len() >= TARGET_BYTES {
            break;
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_text_is_deterministic_and_made_of_the_sentences() {
        let text = generate(CHINESE, 10_000, 7);
        assert_eq!(text, generate(CHINESE, 10_000, 7));
        assert_ne!(text, generate(CHINESE, 10_000, 8));
        assert!(text.len() >= 10_000 && text.len() < 10_000 + 8 * 100);
        for paragraph in text.split("\n\n") {
            let sentences = paragraph.matches(['。', '！', '？']).count();
            assert!((3..=8).contains(&sentences), "{paragraph}");
        }
    }
}
