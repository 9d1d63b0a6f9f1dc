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
    Ok(())
}
