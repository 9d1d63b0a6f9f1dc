//! The command line as clap sees it, and its translation into library
//! settings ([`SummaryArgs::to_config`]).

use std::path::PathBuf;

use abridge::{Budget, LanguageChoice, Order, ScorerKind, SummarizerConfig};
use abridge_eval::Tokenizer;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// abridge: extractive summaries. Give it text, get back the few sentences
/// that carry it.
#[derive(Debug, Parser)]
#[command(name = "abridge", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print no warnings (such as "no stemmer for Chinese") and no progress;
    /// errors are still printed.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Ignore the config file of default flags that ABRIDGE_CONFIG_PATH
    /// names.
    #[arg(long, global = true)]
    pub no_config: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Summarise one text: print its most important sentences.
    #[command(visible_alias = "summarise")]
    Summarize(SummarizeArgs),
    /// Print the sentence segmentation of a text, one unit per line.
    Sentences(SentencesArgs),
    /// Score scorers with ROUGE against the references of a JSONL corpus.
    Eval(EvalArgs),
    /// Summarise many texts: files, folders and JSONL, on every core, as JSONL.
    Batch(crate::batch::BatchArgs),
    /// Print a completion script for a shell, e.g. `abridge completions bash
    /// > ~/.local/share/bash-completion/completions/abridge`.
    Completions(crate::completions::CompletionsArgs),
    /// Print the man page (roff), or write every page into --out-dir.
    #[command(hide = true)]
    Man(crate::completions::ManArgs),
}

/// Where the text comes from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The text file to read; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Read input that looks like binary data (NUL, control bytes, invalid
    /// UTF-8 in 30% of its first 64 KiB) as text instead of refusing it.
    /// To summarise a text given on the command line, use --string.
    #[arg(short = 'a', long = "binary-as-text")]
    pub text: bool,
    /// Input format: `auto` (by extension, then by content), or a name
    /// (`text`, …).
    #[arg(long, value_name = "NAME", default_value = "auto")]
    pub input_format: crate::formats::InputFormatArg,
    /// Read the input as text in this encoding (`latin1`, `windows-1252`,
    /// `iso-8859-15`, `shift_jis`, …) instead of UTF-8 or the one detected;
    /// offsets are then into the text in UTF-8.
    #[arg(long, value_name = "LABEL", conflicts_with = "string")]
    pub encoding: Option<String>,
    /// Summarise TEXT, given here on the command line, instead of a file:
    /// `--string "The council met on Monday. …"`.
    #[arg(long, value_name = "TEXT", conflicts_with = "file")]
    pub string: Option<String>,
    /// `--text` is refused with a message that points to --string and
    /// -a/--binary-as-text, the two things it could mean.
    #[arg(long = "text", hide = true, num_args = 0..=1, value_name = "TEXT")]
    pub ambiguous_text: Option<Option<String>>,
    #[command(flatten)]
    pub fetch: crate::web::FetchArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One sentence per line.
    Text,
    /// One JSON object.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    /// As the sentences stand in the text.
    Document,
    /// Best first.
    Score,
}

#[derive(Debug, Args)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub summary: SummaryArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Show how each chosen sentence's score was made.
    #[arg(long)]
    pub explain: bool,
    /// Summarise these files (or every file of these folders) as one
    /// cluster of documents on one story: one summary, each sentence naming
    /// its document.
    #[arg(long, value_name = "FILE|FOLDER", num_args = 1.., conflicts_with_all = ["file", "string"])]
    pub cluster: Vec<PathBuf>,
}

/// The length budget: at most one of these flags.
#[derive(Debug, Args)]
#[group(id = "budget", multiple = false)]
pub struct BudgetArgs {
    /// Choose at most N sentences [default: 3].
    #[arg(short = 'n', long, value_name = "N", allow_negative_numbers = true,
          value_parser = count_parser("a summary", "sentence"))]
    pub sentences: Option<usize>,
    /// Choose sentences with at most N words in all.
    #[arg(long, value_name = "N", value_parser = count_parser("a summary", "word"))]
    pub words: Option<usize>,
    /// Choose sentences with at most N characters in all.
    #[arg(long, value_name = "N", value_parser = count_parser("a summary", "character"))]
    pub chars: Option<usize>,
    /// Choose this share of the sentences, in (0, 1].
    #[arg(long, value_name = "R", value_parser = parse_ratio)]
    pub ratio: Option<f64>,
}

/// The settings of a summary, shared by every command that summarises.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub budget: BudgetArgs,
    /// Scoring strategy (upper or lower case).
    #[arg(long, value_name = "NAME", default_value = "tfidf-position", ignore_case = true,
          value_parser = scorer_parser())]
    pub scorer: ScorerKind,
    /// Language of the text: an ISO 639-1 or 639-3 code (`de`, `deu`), a
    /// BCP 47 tag (`pt-BR`), an English name, or `auto` to detect it.
    #[arg(long, value_name = "LANG", default_value = "auto")]
    pub lang: LanguageChoice,
    /// Order of the chosen sentences.
    #[arg(long, value_enum, default_value_t = OrderArg::Document)]
    pub order: OrderArg,
    /// Redundancy control (MMR): trade relevance against novelty with λ in
    /// [0, 1]; 1 ignores redundancy, 0.7 is a good start.
    #[arg(long, value_name = "λ", value_parser = parse_unit_interval)]
    pub redundancy: Option<f64>,
    /// A parameter of the scorer, e.g. `position_weight=0.5` or
    /// `prior.decay=6` (repeatable; see DESIGN.md for each scorer's).
    #[arg(long = "param", value_name = "KEY=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, serde_json::Value)>,
    /// Summarise the quoted messages of an e-mail thread too.
    #[arg(long)]
    pub include_quoted: bool,
    /// Choose the sentences that answer this question or topic (relevance
    /// to it mixed with the scorer's score); in `batch`, a record's own
    /// `query` field wins.
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
}

#[derive(Debug, Args)]
pub struct SentencesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Language of the text: an ISO 639-1 or 639-3 code (`de`, `deu`), a
    /// BCP 47 tag (`pt-BR`), an English name, or `auto` to detect it.
    #[arg(long, value_name = "LANG", default_value = "auto")]
    pub lang: LanguageChoice,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

impl SummaryArgs {
    /// The library settings these flags ask for.
    pub fn to_config(&self) -> SummarizerConfig {
        let BudgetArgs { sentences, words, chars, ratio } = self.budget;
        let budget = match (sentences, words, chars, ratio) {
            (_, Some(words), _, _) => Budget::Words(words),
            (_, _, Some(chars), _) => Budget::Chars(chars),
            (_, _, _, Some(ratio)) => Budget::Ratio(ratio),
            (sentences, ..) => Budget::Sentences(sentences.unwrap_or(abridge::DEFAULT_SENTENCES)),
        };
        SummarizerConfig {
            language: self.lang,
            scorer: self.scorer,
            budget,
            order: match self.order {
                OrderArg::Document => Order::Document,
                OrderArg::Score => Order::Score,
            },
            redundancy: self.redundancy,
            include_quoted: self.include_quoted,
        }
    }
}

fn tokenizer_parser() -> impl TypedValueParser<Value = Tokenizer> {
    let names: Vec<&'static str> =
        Tokenizer::ALL.iter().map(|tokenizer| tokenizer.name()).collect();
    PossibleValuesParser::new(names).map(|name| name.parse::<Tokenizer>().unwrap_or_default())
}

fn scorer_parser() -> impl TypedValueParser<Value = ScorerKind> {
    let names: Vec<&'static str> = ScorerKind::ALL.iter().map(|kind| kind.name()).collect();
    PossibleValuesParser::new(names).map(|name| name.parse::<ScorerKind>().unwrap_or_default())
}

/// `key=value`; the value is read as JSON (a number, `true`, `null`, …) and
/// as a string when it is not JSON.
fn parse_param(input: &str) -> Result<(String, serde_json::Value), String> {
    let (key, value) =
        input.split_once('=').ok_or_else(|| format!("'{input}' is not KEY=VALUE"))?;
    let key = key.trim();
    if key.is_empty() || key.split('.').any(str::is_empty) {
        return Err(format!("'{key}' is not a parameter name"));
    }
    let value = serde_json::from_str(value.trim())
        .unwrap_or_else(|_| serde_json::Value::String(value.trim().to_owned()));
    Ok((key.to_owned(), value))
}

impl SummaryArgs {
    /// The `--param` flags as a JSON object; dotted keys nest (`prior.decay`).
    pub fn params_map(&self) -> Result<serde_json::Map<String, serde_json::Value>, String> {
        nest_params(&self.params)
    }
}

/// `--param` flags as a JSON object; dotted keys nest (`prior.decay`).
pub fn nest_params(
    params: &[(String, serde_json::Value)],
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    abridge::nest_params(params.iter().map(|(key, value)| (key.as_str(), value.clone())))
}

/// A count of at least 1, refused in words: "a summary needs at least 1
/// sentence" rather than clap's "0 is not in 1..18446744073709551615".
pub(crate) fn count_parser(
    what: &'static str,
    unit: &'static str,
) -> impl TypedValueParser<Value = usize> {
    move |input: &str| -> Result<usize, String> {
        match input.trim().parse::<usize>() {
            Ok(0) => Err(format!("{what} needs at least 1 {unit}")),
            Ok(n) => Ok(n),
            Err(_) if input.trim().starts_with('-') => {
                Err(format!("{what} needs at least 1 {unit}, not a negative number"))
            }
            Err(_) => Err(format!("'{input}' is not a whole number of {unit}s")),
        }
    }
}

fn parse_ratio(input: &str) -> Result<f64, String> {
    let ratio: f64 = input.parse().map_err(|_| format!("'{input}' is not a number"))?;
    if ratio > 0.0 && ratio <= 1.0 {
        Ok(ratio)
    } else {
        Err(format!(
            "a ratio is a share of the document's sentences: more than 0 and at most 1 (0.2 is a fifth), not {input}"
        ))
    }
}

pub(crate) fn parse_unit_interval(input: &str) -> Result<f64, String> {
    let value: f64 = input.parse().map_err(|_| format!("'{input}' is not a number"))?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "λ weighs relevance against novelty, from 0 (novelty only) to 1 (relevance only), not {input}"
        ))
    }
}

/// Output formats of `abridge eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// An aligned table for the terminal.
    Table,
    /// One JSON object with a `results` array.
    Json,
    /// A Markdown table.
    Markdown,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The corpus: JSONL, one document per line with `text` and `summaries`.
    #[arg(long, value_name = "FILE.jsonl")]
    pub corpus: PathBuf,
    /// Comma-separated systems: scorer names, `oracle` (greedy ROUGE oracle),
    /// `all` (every scorer).
    #[arg(long, value_name = "a,b,…", default_value = "all")]
    pub scorer: String,
    #[command(flatten)]
    pub budget: BudgetArgs,
    /// Evaluate only the first N documents.
    #[arg(long, value_name = "N", value_parser = count_parser("--limit", "document"))]
    pub limit: Option<usize>,
    /// Language of documents whose record has no `lang`: an ISO 639-1 or
    /// 639-3 code, a BCP 47 tag, an English name, or `auto` to detect it in
    /// each such document.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub lang: LanguageChoice,
    /// Analyse every document in this language, whatever its record's
    /// `lang` says; `auto` detects each document's language instead.
    #[arg(long, value_name = "LANG")]
    pub force_lang: Option<LanguageChoice>,
    /// How ROUGE cuts texts into tokens: `default` is rouge-score's
    /// (`[a-z0-9]` runs, Porter stemmer: for English), `unicode` keeps
    /// Unicode words in any script, unstemmed, `character` makes every
    /// character a token (Chinese, Japanese, Thai).
    #[arg(long, value_name = "NAME", default_value = "default", value_parser = tokenizer_parser())]
    pub tokenizer: Tokenizer,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
    /// Also write each document's summary and scores to FILE, as JSONL.
    #[arg(long, value_name = "FILE")]
    pub per_doc: Option<PathBuf>,
    /// Summarise records that have a `query` as if they had none (by
    /// default each such record is summarised for its query).
    #[arg(long)]
    pub no_query: bool,
    /// A parameter of the scorers (not `lead`), e.g. `position_weight=0.5`,
    /// or of how a query is followed, e.g. `query.weight=0.9` (any scorer)
    /// (repeatable).
    #[arg(long = "param", value_name = "KEY=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, serde_json::Value)>,
    /// Bootstrap resamples for the 95% confidence intervals.
    #[arg(long, value_name = "N", default_value_t = abridge_eval::bootstrap::DEFAULT_RESAMPLES)]
    pub resamples: usize,
    #[command(flatten)]
    pub protocol: crate::eval_protocol::ProtocolArgs,
}

impl BudgetArgs {
    /// The budget these flags ask for (sentences by default).
    pub fn to_budget(&self) -> Budget {
        match (self.sentences, self.words, self.chars, self.ratio) {
            (_, Some(words), _, _) => Budget::Words(words),
            (_, _, Some(chars), _) => Budget::Chars(chars),
            (_, _, _, Some(ratio)) => Budget::Ratio(ratio),
            (sentences, ..) => Budget::Sentences(sentences.unwrap_or(abridge::DEFAULT_SENTENCES)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use abridge::Language;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    fn config(args: &[&str]) -> SummarizerConfig {
        let mut argv = vec!["abridge", "summarize"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv).unwrap().command {
            Command::Summarize(summarize) => summarize.summary.to_config(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn flags_map_to_settings() {
        assert_eq!(config(&[]), SummarizerConfig::default());
        assert_eq!(config(&["-n", "1"]).budget, Budget::Sentences(1));
        assert_eq!(config(&["--words", "50"]).budget, Budget::Words(50));
        assert_eq!(config(&["--chars", "200"]).budget, Budget::Chars(200));
        assert_eq!(config(&["--ratio", "0.4"]).budget, Budget::Ratio(0.4));
        assert_eq!(config(&["--scorer", "lead"]).scorer, ScorerKind::Lead);
        assert_eq!(config(&["--lang", "French"]).language, LanguageChoice::Fixed(Language::French));
        assert_eq!(config(&["--lang", "auto"]).language, LanguageChoice::Auto);
        assert_eq!(config(&["--order", "score"]).order, Order::Score);
        assert_eq!(config(&["--redundancy", "0.7"]).redundancy, Some(0.7));
    }

    #[test]
    fn params_nest_on_dots() {
        let cli = Cli::try_parse_from([
            "abridge",
            "summarize",
            "--param",
            "position_weight=0.5",
            "--param",
            "prior.decay=6",
            "--param",
            "similarity=dot",
        ])
        .unwrap();
        let Command::Summarize(args) = cli.command else { unreachable!() };
        let map = args.summary.params_map().unwrap();
        assert_eq!(
            serde_json::Value::Object(map),
            serde_json::json!({"position_weight": 0.5, "prior": {"decay": 6}, "similarity": "dot"})
        );
        assert!(Cli::try_parse_from(["abridge", "summarize", "--param", "nokey"]).is_err());
    }

    fn eval_args(args: &[&str]) -> EvalArgs {
        let mut argv = vec!["abridge", "eval", "--corpus", "c.jsonl"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv).unwrap().command {
            Command::Eval(eval) => eval,
            _ => unreachable!(),
        }
    }

    #[test]
    fn eval_languages_and_tokenizers() {
        let defaults = eval_args(&[]);
        assert_eq!(defaults.lang, LanguageChoice::Fixed(Language::English));
        assert_eq!(defaults.force_lang, None);
        assert_eq!(defaults.tokenizer, Tokenizer::Default);
        let args =
            eval_args(&["--lang", "auto", "--force-lang", "German", "--tokenizer", "unicode"]);
        assert_eq!(args.lang, LanguageChoice::Auto);
        assert_eq!(args.force_lang, Some(LanguageChoice::Fixed(Language::German)));
        assert_eq!(args.tokenizer, Tokenizer::Unicode);
        assert_eq!(eval_args(&["--tokenizer", "character"]).tokenizer, Tokenizer::Character);
        assert_eq!(eval_args(&["--force-lang", "auto"]).force_lang, Some(LanguageChoice::Auto));
        for bad in [["--tokenizer", "words"], ["--force-lang", "klingon"], ["--lang", "xx"]] {
            let mut argv = vec!["abridge", "eval", "--corpus", "c.jsonl"];
            argv.extend_from_slice(&bad);
            assert!(Cli::try_parse_from(argv).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bad_flags_are_refused() {
        for args in [
            vec!["-n", "0"],
            vec!["--words", "0"],
            vec!["--ratio", "0"],
            vec!["--ratio", "1.5"],
            vec!["-n", "2", "--words", "5"],
            vec!["--scorer", "magic"],
            vec!["--lang", "klingon"],
            vec!["--redundancy", "3"],
        ] {
            let mut argv = vec!["abridge", "summarize"];
            argv.extend_from_slice(&args);
            assert!(Cli::try_parse_from(argv).is_err(), "{args:?}");
        }
    }
}
