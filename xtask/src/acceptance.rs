//! Checks on the real corpora: the seed article and CNN/DailyMail.

use anyhow::{Context, bail, ensure};

use crate::util;

/// The sentence the seed article's one-sentence summary must be.
const SEED_LEAD: &str =
    "US Secretary of State Anthony Blinken met with the visiting Pakistan Foreign Minister";

/// Page furniture of the seed article that must never be chosen.
const SEED_FURNITURE: &[&str] =
    &["Powered by", "Sponsored by", "| Reuters", "Telegram", "Click here"];

pub fn run() -> anyhow::Result<()> {
    let corpora =
        util::corpora_dir().context("no corpora: set ABRIDGE_CORPORA or add ../shared/corpora")?;
    let binary = util::release_binary()?;
    let seed = corpora.join("seed/article.txt");
    let seed = seed.to_str().context("corpora path is not UTF-8")?;

    let one = util::run_abridge(&binary, &["summarize", seed, "-n", "1"], None)?;
    ensure!(one.starts_with(SEED_LEAD), "seed -n 1 gave {one:?}");
    for args in [vec!["summarize", seed], vec!["summarize", seed, "-n", "3"]] {
        let summary = util::run_abridge(&binary, &args, None)?;
        for furniture in SEED_FURNITURE {
            if summary.contains(furniture) {
                bail!("abridge {} chose furniture {furniture:?}:\n{summary}", args.join(" "));
            }
        }
    }
    util::note("acceptance: seed article ok");
    check_cnndm_lead(&corpora.join("cnndm_test/cnndm_test.jsonl"))?;
    Ok(())
}

/// On every document of cnndm_test, `lead -n 3` chooses exactly the first
/// three units of the segmentation that are not page furniture (5 of the
/// 4,000 have a "scroll down for video" or a caption among their first
/// three, which Lead-3 once took), and the segmentation is sane: the
/// median is about one sentence per 25 words and no long document collapses
/// into a handful of sentences.
fn check_cnndm_lead(path: &std::path::Path) -> anyhow::Result<()> {
    use abridge::{Budget, ScorerKind, SentenceKind, Summarizer};
    let jsonl = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let lead =
        Summarizer::builder().scorer(ScorerKind::Lead).budget(Budget::Sentences(3)).build()?;
    let mut words_per_sentence = Vec::new();
    let mut collapsed = Vec::new();
    let mut with_furniture = 0;
    for (line_idx, line) in jsonl.lines().enumerate() {
        let record: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: bad JSON", path.display(), line_idx + 1))?;
        let text = record["text"].as_str().context("record without text")?;
        let id = record["id"].as_str().unwrap_or("?");
        let document = lead.analyze(text);
        let chosen: Vec<usize> =
            lead.summarize_document(&document).sentences.iter().map(|e| e.index).collect();
        let expected: Vec<usize> = (0..document.sentences().len())
            .filter(|&i| document.sentences()[i].kind() != SentenceKind::Furniture)
            .take(3)
            .collect();
        ensure!(
            chosen == expected,
            "{id}: lead -n 3 chose {chosen:?}, not the first three units that are not furniture"
        );
        with_furniture += usize::from(expected.last().is_some_and(|&last| last >= 3));
        let words = text.split_whitespace().count();
        words_per_sentence.push(words as f64 / document.sentences().len().max(1) as f64);
        if words >= 200 && document.sentences().len() < 5 {
            collapsed.push(id.to_owned());
        }
    }
    words_per_sentence.sort_by(f64::total_cmp);
    let median = words_per_sentence[words_per_sentence.len() / 2];
    ensure!(collapsed.is_empty(), "documents collapsed into a handful of sentences: {collapsed:?}");
    ensure!(
        (15.0..=35.0).contains(&median),
        "median words per sentence {median:.1}, expected about 25"
    );
    util::note(&format!(
        "acceptance: cnndm_test lead-3 = first three units that are not furniture on {} documents ({with_furniture} with furniture among the first three); median {median:.1} words per sentence",
        words_per_sentence.len()
    ));
    Ok(())
}
