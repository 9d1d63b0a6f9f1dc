//! ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum, as Google's `rouge-score`
//! computes them.
//!
//! The arithmetic is the [`rougers`] crate's, which reproduces `rouge-score`
//! bit for bit. How texts become tokens is the [`Tokenizer`]:
//!
//! - [`Tokenizer::Default`] is `rouge-score`'s own (lower-case, every
//!   character outside `[a-z0-9]` a separator) with NLTK's Porter stemmer,
//!   always on (`use_stemmer=True`, as papers report). `cargo xtask parity`
//!   checks the agreement on the real corpora. It is meant for English:
//!   "données" becomes `donn`, `es`, and Russian or Chinese text has no
//!   token at all.
//! - [`Tokenizer::Unicode`] (rougers' `unicode-v1` profile) normalises the
//!   text (NFKC, full case folding) and keeps the UAX #29 words that contain
//!   a letter or a digit, in any script; it does not stem. Every ideograph
//!   is a word of its own.
//! - [`Tokenizer::Character`] (`character-v1`) makes every grapheme cluster
//!   with a letter or digit a token: character-level ROUGE, a common
//!   convention for Chinese, Japanese and Thai.
//!
//! - **ROUGE-N** counts the clipped n-gram overlap of the two token
//!   sequences.
//! - **ROUGE-L** is the longest common subsequence of the two texts taken
//!   whole.
//! - **ROUGE-Lsum** is summary-level LCS: the texts are cut into sentences
//!   at `\n`, and each reference sentence is matched against the union of
//!   its LCSs with every summary sentence. So a system summary must be
//!   written one sentence per line: [`join_sentences`] does that.
//!
//! **Several references.** [`Rouge::score_multi`] scores the summary
//! against each reference and keeps, for each variant separately, the scores
//! (precision, recall and F1 together) of the reference with the highest F1,
//! the first one on ties. This is `rouge-score`'s `score_multi`
//! (`np.argmax` over F1 per rouge type), so the best reference for ROUGE-1
//! can differ from the best for ROUGE-2.

use std::fmt;
use std::str::FromStr;

use rougers::{RougeScorer, RougeType};
use serde::{Deserialize, Serialize};

/// How ROUGE cuts texts into tokens (see the [module docs](self)).
///
/// Reports name it by its profile (`rouge-score`, `unicode-v1`,
/// `character-v1`), which is also its form in JSON; the command line uses
/// the short names `default`, `unicode` and `character`.
///
/// ```
/// use abridge_eval::Tokenizer;
///
/// assert_eq!("unicode".parse::<Tokenizer>().unwrap(), Tokenizer::Unicode);
/// assert_eq!(Tokenizer::default(), Tokenizer::Default);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Tokenizer {
    /// `rouge-score`'s tokenizer with the Porter stemmer: for English, and
    /// the one published figures use.
    #[default]
    Default,
    /// Unicode words (UAX #29), normalised, unstemmed: for every language
    /// that separates words, in any script.
    Unicode,
    /// One token per grapheme cluster: for Chinese, Japanese and Thai.
    Character,
}

impl Tokenizer {
    /// Every tokenizer, in the order help texts list them.
    ///
    /// ```
    /// assert_eq!(abridge_eval::Tokenizer::ALL.len(), 3);
    /// ```
    pub const ALL: [Tokenizer; 3] = [Tokenizer::Default, Tokenizer::Unicode, Tokenizer::Character];

    /// The short name: `default`, `unicode` or `character`.
    pub const fn name(self) -> &'static str {
        match self {
            Tokenizer::Default => "default",
            Tokenizer::Unicode => "unicode",
            Tokenizer::Character => "character",
        }
    }

    /// The rougers profile: `rouge-score`, `unicode-v1` or `character-v1`.
    pub const fn profile(self) -> &'static str {
        match self {
            Tokenizer::Default => "rouge-score",
            Tokenizer::Unicode => "unicode-v1",
            Tokenizer::Character => "character-v1",
        }
    }

    /// Whether tokens are stemmed (Porter, for the default only).
    pub const fn stems(self) -> bool {
        matches!(self, Tokenizer::Default)
    }

    /// The profile and whether it stems, for people: `rouge-score, Porter
    /// stemmer` or `unicode-v1, no stemming`.
    ///
    /// ```
    /// use abridge_eval::Tokenizer;
    ///
    /// assert!(Tokenizer::Character.describe().contains("character-v1"));
    /// ```
    pub fn describe(self) -> String {
        let stemming = if self.stems() { "Porter stemmer" } else { "no stemming" };
        format!("{}, {stemming}", self.profile())
    }

    /// The rougers tokenizer.
    ///
    /// ```
    /// use abridge_eval::Tokenizer;
    ///
    /// let _tokenizer: rougers::Tokenizer = Tokenizer::Unicode.to_rougers();
    /// ```
    pub fn to_rougers(self) -> rougers::Tokenizer {
        match self {
            Tokenizer::Default => rougers::Tokenizer::new(true),
            Tokenizer::Unicode => rougers::Tokenizer::unicode(),
            Tokenizer::Character => rougers::Tokenizer::character(),
        }
    }
}

impl fmt::Display for Tokenizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.profile())
    }
}

/// The error for a tokenizer name abridge does not know.
///
/// ```
/// use abridge_eval::{Tokenizer, UnknownTokenizer};
///
/// assert_eq!("bpe".parse::<Tokenizer>(), Err(UnknownTokenizer("bpe".to_owned())));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown ROUGE tokenizer '{0}' (known: default, unicode, character)")]
pub struct UnknownTokenizer(pub String);

impl FromStr for Tokenizer {
    type Err = UnknownTokenizer;

    /// Reads a short name (`unicode`) or a profile (`unicode-v1`), ignoring
    /// case.
    fn from_str(input: &str) -> Result<Tokenizer, UnknownTokenizer> {
        let wanted = input.trim();
        Tokenizer::ALL
            .into_iter()
            .find(|tokenizer| {
                tokenizer.name().eq_ignore_ascii_case(wanted)
                    || tokenizer.profile().eq_ignore_ascii_case(wanted)
            })
            .ok_or_else(|| UnknownTokenizer(input.to_owned()))
    }
}

impl TryFrom<String> for Tokenizer {
    type Error = UnknownTokenizer;

    fn try_from(input: String) -> Result<Tokenizer, UnknownTokenizer> {
        input.parse()
    }
}

impl From<Tokenizer> for &'static str {
    fn from(tokenizer: Tokenizer) -> &'static str {
        tokenizer.profile()
    }
}

/// A ROUGE variant.
///
/// ```
/// use abridge_eval::Variant;
///
/// assert_eq!(Variant::ALL.map(Variant::label), ["R-1", "R-2", "R-L", "R-Lsum"]);
/// assert_eq!(Variant::RougeLsum.name(), "rougeLsum");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Variant {
    /// Unigram overlap.
    #[serde(rename = "rouge1")]
    Rouge1,
    /// Bigram overlap.
    #[serde(rename = "rouge2")]
    Rouge2,
    /// Longest common subsequence of the whole texts.
    #[serde(rename = "rougeL")]
    RougeL,
    /// Summary-level LCS over newline-separated sentences.
    #[serde(rename = "rougeLsum")]
    RougeLsum,
}

impl Variant {
    /// Every variant, in the order tables show them.
    pub const ALL: [Variant; 4] =
        [Variant::Rouge1, Variant::Rouge2, Variant::RougeL, Variant::RougeLsum];

    /// The name `rouge-score` uses, and the key in JSON output: `rouge1`,
    /// `rouge2`, `rougeL`, `rougeLsum`.
    pub const fn name(self) -> &'static str {
        match self {
            Variant::Rouge1 => "rouge1",
            Variant::Rouge2 => "rouge2",
            Variant::RougeL => "rougeL",
            Variant::RougeLsum => "rougeLsum",
        }
    }

    /// The short label of tables: `R-1`, `R-2`, `R-L`, `R-Lsum`.
    pub const fn label(self) -> &'static str {
        match self {
            Variant::Rouge1 => "R-1",
            Variant::Rouge2 => "R-2",
            Variant::RougeL => "R-L",
            Variant::RougeLsum => "R-Lsum",
        }
    }

    fn rouge_type(self) -> RougeType {
        match self {
            Variant::Rouge1 => RougeType::N(1),
            Variant::Rouge2 => RougeType::N(2),
            Variant::RougeL => RougeType::L,
            Variant::RougeLsum => RougeType::LSum,
        }
    }
}

/// Precision, recall and F1, each a fraction in `[0, 1]`.
///
/// ```
/// use abridge_eval::Rouge;
///
/// let scores = Rouge::new().score("the harbour closed", "the harbour closed today");
/// assert_eq!(scores.rouge1.r, 1.0);
/// assert!(scores.rouge1.p < 1.0 && scores.rouge1.f > scores.rouge1.p);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    /// Precision: the share of the summary found in the reference.
    pub p: f64,
    /// Recall: the share of the reference found in the summary.
    pub r: f64,
    /// F1: the harmonic mean of the two.
    pub f: f64,
}

impl From<rougers::Score> for Prf {
    fn from(score: rougers::Score) -> Prf {
        Prf { p: score.precision, r: score.recall, f: score.fmeasure }
    }
}

/// The scores of one summary for every [`Variant`].
///
/// ```
/// use abridge_eval::{Rouge, Variant};
///
/// let scores = Rouge::new().score("the storm broke the wall", "the storm broke the wall");
/// assert_eq!(scores.get(Variant::Rouge2).f, 1.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RougeScores {
    /// ROUGE-1.
    pub rouge1: Prf,
    /// ROUGE-2.
    pub rouge2: Prf,
    /// ROUGE-L.
    #[serde(rename = "rougeL")]
    pub rouge_l: Prf,
    /// ROUGE-Lsum.
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: Prf,
}

impl RougeScores {
    /// The scores of `variant`.
    ///
    /// ```
    /// use abridge_eval::{Rouge, Variant};
    ///
    /// let scores = Rouge::new().score("a b c d", "a b x y");
    /// assert_eq!(scores.get(Variant::Rouge1), scores.rouge1);
    /// ```
    pub fn get(&self, variant: Variant) -> Prf {
        match variant {
            Variant::Rouge1 => self.rouge1,
            Variant::Rouge2 => self.rouge2,
            Variant::RougeL => self.rouge_l,
            Variant::RougeLsum => self.rouge_lsum,
        }
    }

    fn slot(&mut self, variant: Variant) -> &mut Prf {
        match variant {
            Variant::Rouge1 => &mut self.rouge1,
            Variant::Rouge2 => &mut self.rouge2,
            Variant::RougeL => &mut self.rouge_l,
            Variant::RougeLsum => &mut self.rouge_lsum,
        }
    }

    fn from_rougers(scores: &rougers::Scores) -> RougeScores {
        let mut result = RougeScores::default();
        for variant in Variant::ALL {
            *result.slot(variant) =
                scores.get(variant.rouge_type()).map(Prf::from).unwrap_or_default();
        }
        result
    }
}

/// Scores summaries against references with every [`Variant`]. Cheap to
/// share between threads.
///
/// ```
/// use abridge_eval::Rouge;
///
/// let rouge = Rouge::new();
/// let scores = rouge.score("The harbour closed on Tuesday.", "The harbour closed.");
/// assert!(scores.rouge1.f > 0.5);
/// ```
#[derive(Clone, Debug)]
pub struct Rouge {
    scorer: RougeScorer,
    tokenizer: Tokenizer,
}

impl Default for Rouge {
    fn default() -> Self {
        Rouge::new()
    }
}

impl Rouge {
    /// ROUGE-1, -2, -L and -Lsum as `rouge-score` computes them, with the
    /// Porter stemmer.
    ///
    /// ```
    /// use abridge_eval::{Rouge, Tokenizer};
    ///
    /// assert_eq!(abridge_eval::Rouge::new().tokenizer(), Tokenizer::Default);
    /// ```
    pub fn new() -> Rouge {
        Rouge::with_tokenizer(Tokenizer::Default)
    }

    /// ROUGE-1, -2, -L and -Lsum over the tokens of `tokenizer`.
    ///
    /// ```
    /// use abridge_eval::{Rouge, Tokenizer};
    ///
    /// // The default tokenizer keeps only a to z: Greek has no tokens.
    /// let unicode = Rouge::with_tokenizer(Tokenizer::Unicode);
    /// assert_eq!(unicode.score("λιμάνι έκλεισε", "λιμάνι").rouge1.p, 1.0);
    /// assert_eq!(Rouge::new().score("λιμάνι έκλεισε", "λιμάνι").rouge1.f, 0.0);
    /// ```
    pub fn with_tokenizer(tokenizer: Tokenizer) -> Rouge {
        let types = Variant::ALL.iter().map(|variant| variant.rouge_type()).collect();
        let scorer = RougeScorer::with_tokenizer(types, tokenizer.to_rougers())
            .unwrap_or_else(|_| unreachable!("n-gram sizes 1 and 2 are valid"));
        Rouge { scorer, tokenizer }
    }

    /// The tokenizer in use.
    ///
    /// ```
    /// use abridge_eval::{Rouge, Tokenizer};
    ///
    /// assert_eq!(Rouge::with_tokenizer(Tokenizer::Character).tokenizer(), Tokenizer::Character);
    /// ```
    pub fn tokenizer(&self) -> Tokenizer {
        self.tokenizer
    }

    /// Scores `summary` against one `reference`. Both are plain text; for
    /// ROUGE-Lsum, their sentences are their lines.
    ///
    /// ```
    /// use abridge_eval::Rouge;
    ///
    /// let scores = Rouge::new().score("divers found a breach", "divers found a breach");
    /// assert_eq!((scores.rouge1.f, scores.rouge_l.f), (1.0, 1.0));
    /// ```
    pub fn score(&self, reference: &str, summary: &str) -> RougeScores {
        RougeScores::from_rougers(&self.scorer.score(reference, summary))
    }

    /// Scores `summary` against each of `references` and keeps, for each
    /// variant, the reference with the best F1 (the first on ties), as
    /// `rouge-score`'s `score_multi` does. Zero when there is no reference.
    ///
    /// ```
    /// use abridge_eval::Rouge;
    ///
    /// let rouge = Rouge::new();
    /// let best = rouge.score_multi(&["something else", "the harbour closed"], "the harbour closed");
    /// assert_eq!(best.rouge1.f, 1.0, "the best reference counts");
    /// ```
    pub fn score_multi<S: AsRef<str>>(&self, references: &[S], summary: &str) -> RougeScores {
        match self.scorer.score_multi(references, summary) {
            Some(scores) => RougeScores::from_rougers(&scores),
            None => RougeScores::default(),
        }
    }
}

/// Writes summary sentences one per line, the form ROUGE-Lsum reads: line
/// breaks inside a sentence become spaces, and sentences are joined with
/// `\n`.
///
/// ```
/// use abridge_eval::join_sentences;
///
/// assert_eq!(join_sentences(["The harbour\nclosed.", "Divers came."]), "The harbour closed.\nDivers came.");
/// ```
pub fn join_sentences<'a>(sentences: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for (sentence_idx, sentence) in sentences.into_iter().enumerate() {
        if sentence_idx > 0 {
            joined.push('\n');
        }
        joined.extend(sentence.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }));
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn matches_rouge_score_on_its_readme_example() {
        // rouge-score's README: RougeScorer(['rouge1', 'rougeL'], use_stemmer=True)
        // .score('The quick brown fox jumps over the lazy dog',
        //        'The quick brown dog jumps on the log.')
        let scores = Rouge::new().score(
            "The quick brown fox jumps over the lazy dog",
            "The quick brown dog jumps on the log.",
        );
        assert_eq!(scores.rouge1, Prf { p: 0.75, r: 0.6666666666666666, f: 0.7058823529411765 });
        assert_eq!(scores.rouge_l, Prf { p: 0.625, r: 0.5555555555555556, f: 0.5882352941176471 });
    }

    #[test]
    fn stemming_is_on() {
        let scores = Rouge::new().score("the cats were running", "the cat was runs");
        // the, cat, run match after Porter stemming.
        assert!(close(scores.rouge1.r, 3.0 / 4.0), "{scores:?}");
    }

    #[test]
    fn lsum_reads_lines_as_sentences() {
        let rouge = Rouge::new();
        let reference = "storms flooded homes";
        let one_line = rouge.score(reference, "homes flooded storms");
        let two_lines = rouge.score(reference, "homes\nflooded storms");
        // Same tokens, so ROUGE-1 and ROUGE-L do not see the line break…
        assert_eq!(one_line.rouge1, two_lines.rouge1);
        assert_eq!(one_line.rouge_l, two_lines.rouge_l);
        assert!(close(one_line.rouge_l.f, 1.0 / 3.0), "{one_line:?}");
        // …but ROUGE-Lsum takes the union of the LCSs with each line.
        assert!(close(one_line.rouge_lsum.f, 1.0 / 3.0), "{one_line:?}");
        assert!(close(two_lines.rouge_lsum.f, 2.0 / 3.0), "{two_lines:?}");
    }

    #[test]
    fn multi_reference_keeps_the_best_per_variant() {
        let rouge = Rouge::new();
        let summary = "a b c d";
        // The first reference shares more words, the second the bigram order.
        let references = ["d c b a e", "a b x y z w"];
        let multi = rouge.score_multi(&references, summary);
        let each: Vec<RougeScores> =
            references.iter().map(|reference| rouge.score(reference, summary)).collect();
        for variant in Variant::ALL {
            let best = each
                .iter()
                .map(|scores| scores.get(variant))
                .reduce(|best, next| if next.f > best.f { next } else { best })
                .unwrap();
            assert_eq!(multi.get(variant), best, "{variant:?}");
        }
        assert_eq!(multi.rouge1, each[0].rouge1);
        assert_eq!(multi.rouge2, each[1].rouge2);
        assert_eq!(rouge.score_multi::<&str>(&[], summary), RougeScores::default());
    }

    #[test]
    fn empty_texts_score_zero() {
        let rouge = Rouge::new();
        assert_eq!(rouge.score("some reference", ""), RougeScores::default());
        assert_eq!(rouge.score("", "some summary"), RougeScores::default());
    }

    #[test]
    fn join_puts_one_sentence_per_line() {
        assert_eq!(
            join_sentences(["A wrapped\nsentence.", "Next\r\none."]),
            "A wrapped sentence.\nNext  one."
        );
        assert_eq!(join_sentences([]), "");
    }

    #[test]
    fn the_default_tokenizer_sees_only_ascii() {
        // rouge-score's tokenizer cuts "élève" into "l", "ve" and drops
        // Cyrillic and Chinese altogether.
        let rouge = Rouge::new();
        assert_eq!(rouge.score("Привет мир", "Привет мир"), RougeScores::default());
        assert_eq!(rouge.score("北京大学", "北京大学"), RougeScores::default());
        let french = rouge.score("un élève", "une élève");
        assert!(close(french.rouge1.f, 2.0 / 3.0), "{french:?}");
    }

    #[test]
    fn the_unicode_tokenizer_keeps_words_in_any_script() {
        let rouge = Rouge::with_tokenizer(Tokenizer::Unicode);
        assert_eq!(rouge.tokenizer(), Tokenizer::Unicode);
        let russian = rouge.score("Правительство объявило меры", "Правительство объявило");
        assert_eq!(russian.rouge1, Prf { p: 1.0, r: 2.0 / 3.0, f: 0.8 });
        // Whole words, case-folded, accents kept: "élève" matches "Élève"
        // but not "eleve"; no stemming, so "élèves" does not match either.
        let french = rouge.score("Élève eleve élèves", "élève");
        assert!(close(french.rouge1.r, 1.0 / 3.0), "{french:?}");
        // Every ideograph is a word.
        let chinese = rouge.score("北京大学", "北京");
        assert_eq!(chinese.rouge1, Prf { p: 1.0, r: 0.5, f: 2.0 / 3.0 });
        // One bigram of three: 北京.
        assert!(close(chinese.rouge2.f, 0.5), "{chinese:?}");
    }

    #[test]
    fn the_character_tokenizer_counts_graphemes() {
        let rouge = Rouge::with_tokenizer(Tokenizer::Character);
        let chinese = rouge.score("今天天气很好。", "今天天气不错");
        assert_eq!(chinese.rouge1, Prf { p: 4.0 / 6.0, r: 4.0 / 6.0, f: 4.0 / 6.0 });
        let thai = rouge.score("สวัสดี", "สวัสดี");
        assert_eq!(thai.rouge1.f, 1.0);
    }

    #[test]
    fn tokenizers_parse_and_print() {
        for tokenizer in Tokenizer::ALL {
            assert_eq!(tokenizer.name().parse::<Tokenizer>(), Ok(tokenizer));
            assert_eq!(tokenizer.profile().parse::<Tokenizer>(), Ok(tokenizer));
            let json = serde_json::to_string(&tokenizer).unwrap();
            assert_eq!(json, format!("\"{}\"", tokenizer.profile()));
            assert_eq!(serde_json::from_str::<Tokenizer>(&json).unwrap(), tokenizer);
        }
        assert_eq!(" Unicode ".parse::<Tokenizer>(), Ok(Tokenizer::Unicode));
        assert!("words".parse::<Tokenizer>().is_err());
        assert_eq!(Tokenizer::Default.describe(), "rouge-score, Porter stemmer");
        assert_eq!(Tokenizer::Unicode.describe(), "unicode-v1, no stemming");
        assert_eq!(Tokenizer::default(), Tokenizer::Default);
    }

    #[test]
    fn json_keys_are_rouge_score_names() {
        let json = serde_json::to_value(RougeScores::default()).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = Variant::ALL.iter().map(|variant| variant.name()).collect();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
    }
}
