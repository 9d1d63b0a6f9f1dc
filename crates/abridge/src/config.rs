//! [`SummarizerConfig`]: every setting of a summary, serialisable.

use abridge_score::{Budget, Order, ScorerKind};
use abridge_text::Language;
use serde::{Deserialize, Serialize};

use crate::Error;

/// Which language to analyse a text in: a given one, or the one detected
/// in each text.
///
/// ```
/// use abridge::{Language, LanguageChoice};
///
/// assert_eq!("auto".parse::<LanguageChoice>().unwrap(), LanguageChoice::Auto);
/// assert_eq!("pt-BR".parse::<LanguageChoice>().unwrap(), LanguageChoice::Fixed(Language::Portuguese));
/// assert_eq!(LanguageChoice::Fixed(Language::German).to_string(), "de");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum LanguageChoice {
    /// Detect the language of each text (whatlang); English when detection
    /// cannot tell.
    #[default]
    Auto,
    /// Always this language.
    Fixed(Language),
}

/// How the language of a summary was chosen.
///
/// ```
/// use abridge::{LanguageSource, Summarizer};
///
/// let summary = Summarizer::builder().build()?.summarize("Ok.");
/// assert_eq!(summary.language_source, LanguageSource::Fallback);
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageSource {
    /// Given in the settings.
    Given,
    /// Detected in the text.
    Detected,
    /// Detection could not tell (too little text, a confidence below
    /// [`MIN_DETECTION_CONFIDENCE`], or a language abridge does not know),
    /// so the fallback, English, was used.
    Fallback,
    /// Detection could not tell, and the input declared its language
    /// (an HTML page's `<html lang>`).
    Declared,
}

impl LanguageSource {
    /// The name in JSON and reports: `given`, `detected`, `fallback` or
    /// `declared`.
    ///
    /// ```
    /// use abridge::LanguageSource;
    ///
    /// assert_eq!(LanguageSource::Detected.name(), "detected");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            LanguageSource::Given => "given",
            LanguageSource::Detected => "detected",
            LanguageSource::Fallback => "fallback",
            LanguageSource::Declared => "declared",
        }
    }
}

/// The language used when detection cannot tell.
pub const FALLBACK_LANGUAGE: Language = Language::English;

/// Detection below this confidence (whatlang's, in `[0, 1]`) counts as
/// not telling, and the text gets the [`FALLBACK_LANGUAGE`].
///
/// whatlang always names a language, even for "Ok." (Hungarian, confidence
/// 0.02) or "Nobody was hurt." (Portuguese, 0.07). A sentence in a
/// language it knows scores more ("Der Hafen ist zu." 0.71, "A real
/// sentence is here." 0.54, a 15-word French sentence 0.19), and every
/// document of the evaluation corpora scores above 0.9, whatlang's own bar
/// for "reliable". Below 0.1 the guess is noise; above it, mostly right
/// (not always: "Bridge reopens after repairs" is Danish at 0.18).
pub const MIN_DETECTION_CONFIDENCE: f64 = 0.1;

impl LanguageChoice {
    /// The language to analyse `text` in, and how it was chosen.
    ///
    /// ```
    /// use abridge::{Language, LanguageChoice, LanguageSource};
    ///
    /// let text = "Le port de la ville a fermé mardi après la tempête, a dit la mairie.";
    /// assert_eq!(LanguageChoice::Auto.resolve(text), (Language::French, LanguageSource::Detected));
    /// ```
    pub fn resolve(self, text: &str) -> (Language, LanguageSource) {
        match self {
            LanguageChoice::Fixed(language) => (language, LanguageSource::Given),
            LanguageChoice::Auto => match Language::detect(text) {
                Some(detection) if detection.confidence >= MIN_DETECTION_CONFIDENCE => {
                    (detection.language, LanguageSource::Detected)
                }
                _ => (FALLBACK_LANGUAGE, LanguageSource::Fallback),
            },
        }
    }
}

impl std::fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LanguageChoice::Auto => f.write_str("auto"),
            LanguageChoice::Fixed(language) => f.write_str(language.code()),
        }
    }
}

impl std::str::FromStr for LanguageChoice {
    type Err = abridge_text::UnknownLanguage;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        if input.trim().eq_ignore_ascii_case("auto") {
            Ok(LanguageChoice::Auto)
        } else {
            input.parse().map(LanguageChoice::Fixed)
        }
    }
}

impl TryFrom<String> for LanguageChoice {
    type Error = abridge_text::UnknownLanguage;

    fn try_from(input: String) -> Result<Self, Self::Error> {
        input.parse()
    }
}

impl From<LanguageChoice> for String {
    fn from(choice: LanguageChoice) -> Self {
        choice.to_string()
    }
}

impl From<Language> for LanguageChoice {
    fn from(language: Language) -> Self {
        LanguageChoice::Fixed(language)
    }
}

/// The settings a [`Summarizer`](crate::Summarizer) runs with. Summaries
/// record them, so a result says how it was made.
///
/// ```
/// use abridge::{Budget, SummarizerConfig};
///
/// let config: SummarizerConfig = serde_json::from_str(r#"{"scorer": "lead", "budget": {"words": 60}}"#).unwrap();
/// assert_eq!(config.budget, Budget::Words(60));
/// assert!(config.validate().is_ok());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummarizerConfig {
    /// Language of the input, or `auto` to detect it in each text.
    pub language: LanguageChoice,
    /// Scoring strategy.
    pub scorer: ScorerKind,
    /// How long a summary may be.
    pub budget: Budget,
    /// Order of the chosen sentences.
    pub order: Order,
    /// MMR trade-off λ in `[0, 1]` (`None`: pick by score alone).
    pub redundancy: Option<f64>,
    /// Whether quoted replies of e-mail threads may be chosen
    /// ([`BlockKind::Quoted`](abridge_text::BlockKind::Quoted) blocks read
    /// as quotations of the text's own).
    #[serde(skip_serializing_if = "is_false")]
    pub include_quoted: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Default for SummarizerConfig {
    fn default() -> Self {
        SummarizerConfig {
            language: LanguageChoice::Auto,
            scorer: ScorerKind::default(),
            budget: Budget::Sentences(DEFAULT_SENTENCES),
            order: Order::Document,
            redundancy: None,
            include_quoted: false,
        }
    }
}

/// Sentences in a summary when no budget is given.
pub const DEFAULT_SENTENCES: usize = 3;

impl SummarizerConfig {
    /// Checks that the settings make sense: a budget above zero, a ratio in
    /// `(0, 1]`, a redundancy λ in `[0, 1]`.
    ///
    /// ```
    /// use abridge::SummarizerConfig;
    ///
    /// assert!(SummarizerConfig::default().validate().is_ok());
    /// assert!(SummarizerConfig { redundancy: Some(-1.0), ..SummarizerConfig::default() }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        let budget_ok = match self.budget {
            Budget::Sentences(n) | Budget::Words(n) | Budget::Chars(n) => n > 0,
            Budget::Ratio(ratio) => ratio > 0.0 && ratio <= 1.0,
        };
        if !budget_ok {
            return Err(Error::InvalidBudget(self.budget));
        }
        if let Some(lambda) = self.redundancy
            && !(0.0..=1.0).contains(&lambda)
        {
            return Err(Error::InvalidRedundancy(lambda));
        }
        Ok(())
    }
}

/// Scorer parameters with dotted keys (`prior.decay`) nested into groups,
/// as [`SummarizerBuilder::scorer_params`](crate::SummarizerBuilder::scorer_params)
/// takes them: `[("prior.decay", 6)]` gives `{"prior": {"decay": 6}}`.
/// Fails, with a message naming the key, when a key is also a group.
///
/// ```
/// use abridge::nest_params;
///
/// let params = nest_params([("prior.decay", serde_json::json!(6)), ("position_weight", serde_json::json!(0.5))]).unwrap();
/// assert_eq!(serde_json::Value::Object(params), serde_json::json!({"prior": {"decay": 6}, "position_weight": 0.5}));
/// ```
pub fn nest_params<'a>(
    params: impl IntoIterator<Item = (&'a str, serde_json::Value)>,
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let mut map = serde_json::Map::new();
    for (key, value) in params {
        let mut parts: Vec<&str> = key.split('.').collect();
        let last = parts.pop().unwrap_or_default();
        let mut object = &mut map;
        for part in parts {
            let entry = object
                .entry(part.to_owned())
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            object = entry
                .as_object_mut()
                .ok_or_else(|| format!("parameter '{key}': '{part}' is not a group"))?;
        }
        object.insert(last.to_owned(), value);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_choice_resolves() {
        assert_eq!("auto".parse::<LanguageChoice>(), Ok(LanguageChoice::Auto));
        assert_eq!("de".parse::<LanguageChoice>(), Ok(LanguageChoice::Fixed(Language::German)));
        assert!("xx".parse::<LanguageChoice>().is_err());
        let french =
            "Le conseil municipal a approuvé lundi le nouveau budget du port après un long débat.";
        assert_eq!(
            LanguageChoice::Auto.resolve(french),
            (Language::French, LanguageSource::Detected)
        );
        assert_eq!(
            LanguageChoice::Fixed(Language::German).resolve(french),
            (Language::German, LanguageSource::Given)
        );
        assert_eq!(
            LanguageChoice::Auto.resolve("…"),
            (FALLBACK_LANGUAGE, LanguageSource::Fallback)
        );
        // whatlang says Hungarian and Portuguese, with little confidence.
        for short in ["Ok.", "Nobody was hurt."] {
            assert_eq!(
                LanguageChoice::Auto.resolve(short),
                (FALLBACK_LANGUAGE, LanguageSource::Fallback),
                "{short}"
            );
        }
        assert_eq!(
            LanguageChoice::Auto.resolve("Der Hafen ist zu."),
            (Language::German, LanguageSource::Detected)
        );
    }

    #[test]
    fn source_names_are_the_json_names() {
        for source in [LanguageSource::Given, LanguageSource::Detected, LanguageSource::Fallback] {
            let json = serde_json::to_value(source).unwrap();
            assert_eq!(json, source.name());
        }
    }

    #[test]
    fn rejects_empty_budgets() {
        for budget in [
            Budget::Sentences(0),
            Budget::Words(0),
            Budget::Chars(0),
            Budget::Ratio(0.0),
            Budget::Ratio(1.5),
            Budget::Ratio(f64::NAN),
        ] {
            let config = SummarizerConfig { budget, ..SummarizerConfig::default() };
            assert!(config.validate().is_err(), "{budget:?}");
        }
        assert!(SummarizerConfig::default().validate().is_ok());
        let config = SummarizerConfig { redundancy: Some(2.0), ..SummarizerConfig::default() };
        assert!(config.validate().is_err());
    }

    #[test]
    fn round_trips_through_json() {
        let config = SummarizerConfig {
            budget: Budget::Ratio(0.4),
            redundancy: Some(0.7),
            ..SummarizerConfig::default()
        };
        let json = serde_json::to_string(&config).unwrap();
        assert_eq!(
            json,
            r#"{"language":"auto","scorer":"tfidf-position","budget":{"ratio":0.4},"order":"document","redundancy":0.7}"#
        );
        assert_eq!(serde_json::from_str::<SummarizerConfig>(&json).unwrap(), config);
        let french = SummarizerConfig { language: Language::French.into(), ..config };
        assert!(serde_json::to_string(&french).unwrap().starts_with(r#"{"language":"fr""#));
        // Missing fields take their defaults.
        assert_eq!(
            serde_json::from_str::<SummarizerConfig>("{}").unwrap(),
            SummarizerConfig::default()
        );
    }
}
