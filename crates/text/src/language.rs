//! Languages and the resources compiled in for each: stemmer and stop words.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_stemmers::Algorithm;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

macro_rules! languages {
    ($($variant:ident, $code:literal, $code3:literal, $name:literal, $stemmer:expr;)*) => {
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

            /// The ISO 639-3 code, as language detection reports it, e.g. `"eng"`.
            pub const fn code3(self) -> &'static str {
                match self { $(Language::$variant => $code3,)* }
            }

            /// The Snowball algorithm for this language, if rust-stemmers has one.
            pub const fn stemmer_algorithm(self) -> Option<Algorithm> {
                match self { $(Language::$variant => $stemmer,)* }
            }
        }
    };
}

languages! {
    Arabic, "ar", "ara", "Arabic", Some(Algorithm::Arabic);
    Danish, "da", "dan", "Danish", Some(Algorithm::Danish);
    Dutch, "nl", "nld", "Dutch", Some(Algorithm::Dutch);
    English, "en", "eng", "English", Some(Algorithm::English);
    Finnish, "fi", "fin", "Finnish", Some(Algorithm::Finnish);
    French, "fr", "fra", "French", Some(Algorithm::French);
    German, "de", "deu", "German", Some(Algorithm::German);
    Greek, "el", "ell", "Greek", Some(Algorithm::Greek);
    Hungarian, "hu", "hun", "Hungarian", Some(Algorithm::Hungarian);
    Italian, "it", "ita", "Italian", Some(Algorithm::Italian);
    Norwegian, "no", "nob", "Norwegian", Some(Algorithm::Norwegian);
    Portuguese, "pt", "por", "Portuguese", Some(Algorithm::Portuguese);
    Romanian, "ro", "ron", "Romanian", Some(Algorithm::Romanian);
    Russian, "ru", "rus", "Russian", Some(Algorithm::Russian);
    Spanish, "es", "spa", "Spanish", Some(Algorithm::Spanish);
    Swedish, "sv", "swe", "Swedish", Some(Algorithm::Swedish);
    Tamil, "ta", "tam", "Tamil", Some(Algorithm::Tamil);
    Turkish, "tr", "tur", "Turkish", Some(Algorithm::Turkish);
    Armenian, "hy", "hye", "Armenian", None;
    Bulgarian, "bg", "bul", "Bulgarian", None;
    Catalan, "ca", "cat", "Catalan", None;
    Chinese, "zh", "cmn", "Chinese", None;
    Czech, "cs", "ces", "Czech", None;
    Hebrew, "he", "heb", "Hebrew", None;
    Hindi, "hi", "hin", "Hindi", None;
    Indonesian, "id", "ind", "Indonesian", None;
    Japanese, "ja", "jpn", "Japanese", None;
    Korean, "ko", "kor", "Korean", None;
    Marathi, "mr", "mar", "Marathi", None;
    Persian, "fa", "pes", "Persian", None;
    Polish, "pl", "pol", "Polish", None;
    Slovak, "sk", "slk", "Slovak", None;
    Thai, "th", "tha", "Thai", None;
    Ukrainian, "uk", "ukr", "Ukrainian", None;
    Urdu, "ur", "urd", "Urdu", None;
    Vietnamese, "vi", "vie", "Vietnamese", None;
}

/// Other ISO 639 codes for languages abridge knows: the ISO 639-2
/// bibliographic codes, and macrolanguage codes where [`Language::code3`]
/// is an individual language's.
const CODE_ALIASES: &[(&str, Language)] = &[
    ("arm", Language::Armenian),
    ("chi", Language::Chinese),
    ("cze", Language::Czech),
    ("dut", Language::Dutch),
    ("fas", Language::Persian),
    ("fre", Language::French),
    ("ger", Language::German),
    ("gre", Language::Greek),
    ("nno", Language::Norwegian),
    ("nor", Language::Norwegian),
    ("per", Language::Persian),
    ("rum", Language::Romanian),
    ("slo", Language::Slovak),
    ("zho", Language::Chinese),
    ("zsm", Language::Indonesian),
    ("nb", Language::Norwegian),
    ("nn", Language::Norwegian),
];

// The enum comes from a macro, so `#[default]` cannot mark a variant.
#[allow(clippy::derivable_impls)]
impl Default for Language {
    fn default() -> Self {
        Language::English
    }
}

impl Language {
    /// Looks a language up by ISO 639-1 code (`"fr"`), ISO 639-3 code
    /// (`"fra"`), English name (`"French"`) or BCP 47 tag (`"fr-CA"`,
    /// `"pt-BR"`, `"zh-Hant-TW"`, also with `_` as in `"de_DE"`), ignoring
    /// case and surrounding white space.
    ///
    /// A tag is looked up by its primary language subtag; the region and
    /// script subtags do not change how abridge reads a text. The ISO 639-2
    /// bibliographic codes (`"ger"`, `"fre"`) and the macrolanguage codes
    /// of the languages whose individual code abridge reports (`"zho"` for
    /// `"cmn"`, `"fas"` for `"pes"`, `"nor"` for `"nob"`) are known too.
    ///
    /// ```
    /// use abridge_text::Language;
    ///
    /// for input in ["de", "deu", "ger", "German", "de-DE", "de_AT", " DE-ch "] {
    ///     assert_eq!(Language::from_code_or_name(input), Some(Language::German), "{input}");
    /// }
    /// assert_eq!(Language::from_code_or_name("pt-BR"), Some(Language::Portuguese));
    /// assert_eq!(Language::from_code_or_name("zh-Hant-TW"), Some(Language::Chinese));
    /// assert_eq!(Language::from_code_or_name("xx-YY"), None);
    /// ```
    ///
    /// ```
    /// use abridge_text::Language;
    ///
    /// for input in ["de", "deu", "de-DE", "German", "german"] {
    ///     assert_eq!(Language::from_code_or_name(input), Some(Language::German), "{input}");
    /// }
    /// assert_eq!(Language::from_code_or_name("Klingon"), None);
    /// ```
    pub fn from_code_or_name(input: &str) -> Option<Language> {
        let wanted = input.trim();
        let by_code = |code: &str| {
            Language::ALL.iter().copied().find(|language| {
                language.code().eq_ignore_ascii_case(code)
                    || language.code3().eq_ignore_ascii_case(code)
            })
        };
        let by_alias = |code: &str| {
            CODE_ALIASES
                .iter()
                .find(|(alias, _)| alias.eq_ignore_ascii_case(code))
                .map(|&(_, language)| language)
        };
        let by_name = || {
            Language::ALL
                .iter()
                .copied()
                .find(|language| language.name().eq_ignore_ascii_case(wanted))
        };
        let primary = wanted.split(['-', '_']).next().unwrap_or_default();
        let is_subtag = (2..=3).contains(&primary.len())
            && primary.bytes().all(|byte| byte.is_ascii_alphabetic());
        by_name().or_else(|| {
            if is_subtag { by_code(primary).or_else(|| by_alias(primary)) } else { None }
        })
    }

    /// Every language's ISO 639-1 code, sorted, as error messages list them.
    ///
    /// ```
    /// let codes = abridge_text::Language::sorted_codes();
    /// assert!(codes.windows(2).all(|pair| pair[0] < pair[1]));
    /// ```
    pub fn sorted_codes() -> Vec<&'static str> {
        let mut codes: Vec<&str> = Language::ALL.iter().map(|language| language.code()).collect();
        codes.sort_unstable();
        codes
    }

    /// Detects the language of `text` with whatlang, from its first
    /// kilobyte. `None` when whatlang cannot tell, or finds a language
    /// abridge does not know.
    ///
    /// ```
    /// use abridge_text::Language;
    ///
    /// let detection = Language::detect("Le port de la ville a fermé mardi après la tempête.").unwrap();
    /// assert_eq!(detection.language, Language::French);
    /// ```
    pub fn detect(text: &str) -> Option<Detection> {
        /// Detection reads at most this many bytes (about 170 English
        /// words): enough for a reliable guess (`cargo xtask langid`
        /// measures it on the corpora), and it keeps the cost of detection
        /// small next to the rest of the pipeline, flat on huge inputs.
        const SAMPLE_BYTES: usize = 1024;
        let mut end = text.len().min(SAMPLE_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let info = whatlang::detect(&text[..end])?;
        let code3 = info.lang().code();
        let language = Language::ALL.iter().copied().find(|language| language.code3() == code3)?;
        Some(Detection { language, confidence: info.confidence(), reliable: info.is_reliable() })
    }

    /// Whether rust-stemmers can stem this language.
    ///
    /// ```
    /// use abridge_text::Language;
    ///
    /// assert!(Language::English.has_stemmer() && !Language::Chinese.has_stemmer());
    /// ```
    pub const fn has_stemmer(self) -> bool {
        self.stemmer_algorithm().is_some()
    }

    /// The stop words of this language, lower-cased, from the `stop-words`
    /// crate (NLTK's lists where NLTK has the language, Stopwords ISO
    /// otherwise). Empty when neither list has the language.
    ///
    /// ```
    /// use abridge_text::Language;
    ///
    /// assert!(Language::English.stop_words().contains("the"));
    /// ```
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

/// The result of [`Language::detect`].
///
/// ```
/// use abridge_text::Language;
///
/// let detection = Language::detect("Der Hafen wurde am Dienstag nach dem Sturm geschlossen.").unwrap();
/// assert!(detection.confidence > 0.1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detection {
    /// The language found.
    pub language: Language,
    /// whatlang's confidence, in `[0, 1]`.
    pub confidence: f64,
    /// Whether whatlang considers the guess reliable.
    pub reliable: bool,
}

/// The error for a language code or name abridge does not know.
///
/// ```
/// use abridge_text::{Language, UnknownLanguage};
///
/// assert!("xx-YY".parse::<Language>().unwrap_err().to_string().contains("xx-YY"));
/// let _ = UnknownLanguage("xx".into());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown language '{}' (known: {}; or an English name, an ISO 639-3 code or a BCP 47 tag such as pt-BR)",
            self.0,
            Language::sorted_codes().join(", ")
        )
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
    fn every_language_is_one_whatlang_can_report() {
        for language in Language::ALL {
            assert!(
                whatlang::Lang::from_code(language.code3()).is_some(),
                "whatlang has no {} for {language:?}",
                language.code3()
            );
        }
    }

    #[test]
    fn parses_codes_and_names() {
        assert_eq!("fr".parse::<Language>(), Ok(Language::French));
        assert_eq!("German".parse::<Language>(), Ok(Language::German));
        assert_eq!(" PORTUGUESE ".parse::<Language>(), Ok(Language::Portuguese));
        assert!("klingon".parse::<Language>().is_err());
        // BCP 47 tags, ISO 639-3 and 639-2/B codes.
        for (input, language) in [
            ("de-DE", Language::German),
            ("pt-BR", Language::Portuguese),
            ("en_GB", Language::English),
            ("deu", Language::German),
            ("FRA", Language::French),
            ("cmn", Language::Chinese),
            ("zh-Hans", Language::Chinese),
            ("nb-NO", Language::Norwegian),
            ("fre", Language::French),
        ] {
            assert_eq!(input.parse::<Language>(), Ok(language), "{input}");
        }
        for bad in ["", "-DE", "german-DE", "xyz", "d", "e1-GB"] {
            assert!(bad.parse::<Language>().is_err(), "{bad}");
        }
        // Every ISO 639-3 code and English name round-trips.
        for &language in Language::ALL {
            assert_eq!(language.code3().parse::<Language>(), Ok(language));
            assert_eq!(language.name().parse::<Language>(), Ok(language));
        }
    }

    #[test]
    fn unknown_language_lists_the_codes_sorted() {
        let message = "xx".parse::<Language>().unwrap_err().to_string();
        let list = message.split("known: ").nth(1).unwrap().split(';').next().unwrap();
        let codes: Vec<&str> = list.split(", ").collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
        assert_eq!(codes.len(), Language::ALL.len());
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
        // The languages added for their sentence rules have stop words too.
        for language in [
            Language::Armenian,
            Language::Bulgarian,
            Language::Marathi,
            Language::Slovak,
            Language::Urdu,
        ] {
            assert!(!language.stop_words().is_empty(), "no stop words for {language:?}");
        }
        assert!(Language::English.stop_words().contains("the"));
        assert!(Language::French.stop_words().contains("le"));
        assert!(!Language::English.stop_words().contains("taliban"));
    }

    #[test]
    fn detects_languages() {
        let cases = [
            (
                "The council approved the new budget for the harbour on Monday after a long debate.",
                Language::English,
            ),
            (
                "Le conseil municipal a approuvé lundi le nouveau budget du port après un long débat.",
                Language::French,
            ),
            (
                "Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt für den Hafen gebilligt.",
                Language::German,
            ),
            (
                "O conselho municipal aprovou na segunda-feira o novo orçamento do porto depois de um longo debate.",
                Language::Portuguese,
            ),
            (
                "Городской совет в понедельник после долгих дебатов утвердил новый бюджет порта.",
                Language::Russian,
            ),
            (
                "وافق مجلس المدينة يوم الاثنين على ميزانية الميناء الجديد بعد نقاش طويل.",
                Language::Arabic,
            ),
            ("上海市议会周一晚上通过了新河港的预算。", Language::Chinese),
            ("東京都は今日、新しい図書館を川の近くに建設すると発表しました。", Language::Japanese),
        ];
        for (text, expected) in cases {
            assert_eq!(Language::detect(text).map(|d| d.language), Some(expected), "{text}");
        }
        assert_eq!(Language::detect(""), None);
    }

    #[test]
    fn serde_uses_codes() {
        let json = serde_json::to_string(&Language::German).unwrap();
        assert_eq!(json, "\"de\"");
        let back: Language = serde_json::from_str("\"Spanish\"").unwrap();
        assert_eq!(back, Language::Spanish);
    }
}
