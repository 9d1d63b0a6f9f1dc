//! Languages and the resources compiled in for each: stemmer and stop words.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_stemmers::Algorithm;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

macro_rules! languages {
    ($($variant:ident, $code:literal, $name:literal, $stemmer:expr;)*) => {
        /// A natural language abridge knows.
        ///
        /// Every language that rust-stemmers can stem is here, plus languages
        /// that are summarised with unstemmed tokens.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(into = "&'static str", try_from = "String")]
        #[non_exhaustive]
        pub enum Language {
            $(
                #[doc = $name]
                $variant,
            )*
        }

        impl Language {
            /// Every language, in a stable order.
            pub const ALL: &'static [Language] = &[$(Language::$variant),*];

            /// The ISO 639-1 code, e.g. `"en"`.
            pub const fn code(self) -> &'static str {
                match self { $(Language::$variant => $code,)* }
            }

            /// The English name, e.g. `"English"`.
            pub const fn name(self) -> &'static str {
                match self { $(Language::$variant => $name,)* }
            }

            /// The Snowball algorithm for this language, if rust-stemmers has one.
            pub const fn stemmer_algorithm(self) -> Option<Algorithm> {
                match self { $(Language::$variant => $stemmer,)* }
            }
        }
    };
}

languages! {
    Arabic, "ar", "Arabic", Some(Algorithm::Arabic);
    Danish, "da", "Danish", Some(Algorithm::Danish);
    Dutch, "nl", "Dutch", Some(Algorithm::Dutch);
    English, "en", "English", Some(Algorithm::English);
    Finnish, "fi", "Finnish", Some(Algorithm::Finnish);
    French, "fr", "French", Some(Algorithm::French);
    German, "de", "German", Some(Algorithm::German);
    Greek, "el", "Greek", Some(Algorithm::Greek);
    Hungarian, "hu", "Hungarian", Some(Algorithm::Hungarian);
    Italian, "it", "Italian", Some(Algorithm::Italian);
    Norwegian, "no", "Norwegian", Some(Algorithm::Norwegian);
    Portuguese, "pt", "Portuguese", Some(Algorithm::Portuguese);
    Romanian, "ro", "Romanian", Some(Algorithm::Romanian);
    Russian, "ru", "Russian", Some(Algorithm::Russian);
    Spanish, "es", "Spanish", Some(Algorithm::Spanish);
    Swedish, "sv", "Swedish", Some(Algorithm::Swedish);
    Tamil, "ta", "Tamil", Some(Algorithm::Tamil);
    Turkish, "tr", "Turkish", Some(Algorithm::Turkish);
    Catalan, "ca", "Catalan", None;
    Chinese, "zh", "Chinese", None;
    Czech, "cs", "Czech", None;
    Hebrew, "he", "Hebrew", None;
    Hindi, "hi", "Hindi", None;
    Indonesian, "id", "Indonesian", None;
    Japanese, "ja", "Japanese", None;
    Korean, "ko", "Korean", None;
    Persian, "fa", "Persian", None;
    Polish, "pl", "Polish", None;
    Thai, "th", "Thai", None;
    Ukrainian, "uk", "Ukrainian", None;
    Vietnamese, "vi", "Vietnamese", None;
}

// The enum comes from a macro, so `#[default]` cannot mark a variant.
#[allow(clippy::derivable_impls)]
impl Default for Language {
    fn default() -> Self {
        Language::English
    }
}

impl Language {
    /// Looks a language up by ISO 639-1 code (`"fr"`) or English name
    /// (`"French"`), ignoring case and surrounding white space.
    pub fn from_code_or_name(input: &str) -> Option<Language> {
        let wanted = input.trim();
        Language::ALL.iter().copied().find(|language| {
            language.code().eq_ignore_ascii_case(wanted)
                || language.name().eq_ignore_ascii_case(wanted)
        })
    }

    /// Whether rust-stemmers can stem this language.
    pub const fn has_stemmer(self) -> bool {
        self.stemmer_algorithm().is_some()
    }

    /// The stop words of this language, lower-cased, from the `stop-words`
    /// crate (NLTK's lists where NLTK has the language, Stopwords ISO
    /// otherwise). Empty when neither list has the language.
    pub fn stop_words(self) -> &'static FxHashSet<&'static str> {
        static SETS: OnceLock<Vec<FxHashSet<&'static str>>> = OnceLock::new();
        let sets = SETS.get_or_init(|| {
            Language::ALL
                .iter()
                .map(|language| {
                    stop_words::lookup(language.code())
                        .unwrap_or(&[])
                        .iter()
                        .copied()
                        .filter(|word| !word.is_empty())
                        .collect()
                })
                .collect()
        });
        &sets[self.index()]
    }

    fn index(self) -> usize {
        // `ALL` lists the variants in declaration order.
        self as usize
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error for a language code or name abridge does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = Language::ALL.iter().map(|language| language.code()).collect();
        write!(f, "unknown language '{}' (known: {})", self.0, codes.join(", "))
    }
}

impl std::error::Error for UnknownLanguage {}

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Language::from_code_or_name(input).ok_or_else(|| UnknownLanguage(input.to_owned()))
    }
}

impl TryFrom<String> for Language {
    type Error = UnknownLanguage;

    fn try_from(input: String) -> Result<Self, Self::Error> {
        input.parse()
    }
}

impl From<Language> for &'static str {
    fn from(language: Language) -> Self {
        language.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stemmer_language_is_known() {
        assert_eq!(Language::ALL.iter().filter(|language| language.has_stemmer()).count(), 18);
    }

    #[test]
    fn parses_codes_and_names() {
        assert_eq!("fr".parse::<Language>(), Ok(Language::French));
        assert_eq!("German".parse::<Language>(), Ok(Language::German));
        assert_eq!(" PORTUGUESE ".parse::<Language>(), Ok(Language::Portuguese));
        assert!("klingon".parse::<Language>().is_err());
    }

    #[test]
    fn index_matches_all() {
        for (position, language) in Language::ALL.iter().enumerate() {
            assert_eq!(language.index(), position);
        }
    }

    #[test]
    fn stop_words_cover_the_stemmer_languages() {
        for language in Language::ALL.iter().filter(|language| language.has_stemmer()) {
            assert!(!language.stop_words().is_empty(), "no stop words for {language:?}");
        }
        assert!(Language::English.stop_words().contains("the"));
        assert!(Language::French.stop_words().contains("le"));
        assert!(!Language::English.stop_words().contains("taliban"));
    }

    #[test]
    fn serde_uses_codes() {
        let json = serde_json::to_string(&Language::German).unwrap();
        assert_eq!(json, "\"de\"");
        let back: Language = serde_json::from_str("\"Spanish\"").unwrap();
        assert_eq!(back, Language::Spanish);
    }
}
