//! Abbreviation lists and other word lists of the rule segmenter, per
//! language.
//!
//! Each list holds lower-cased words without their final full stop; inner
//! full stops stay ("e.g", "sig.ra"). Three roles matter for sentence
//! boundaries:
//! - *prepositive* abbreviations (titles such as "Mr." and "Dr.", and
//!   "e.g.", "vs.") stand before something and never end a sentence;
//! - *number* abbreviations ("No.", "p.") stand before a number and do not
//!   end a sentence when one follows;
//! - *ordinary* abbreviations ("etc.", "Inc.", "Calif.") may end a sentence;
//!   the segmenter breaks after one only when the next word commonly starts
//!   sentences ("The", "He", "How", …).
//!
//! Some abbreviations are also ordinary words ("no", "ill", "sat"). Written
//! in lower case, or in a text without capitals, they are read as words.
//!
//! The lists are written for this project from the usual conventions of
//! each language (style guides, dictionaries of abbreviations); they are not
//! copied from another segmenter.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::Language;

/// What an abbreviation does before a full stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Stands before a name or phrase and never ends a sentence.
    Prepositive,
    /// Stands before a number; otherwise behaves like [`Role::Ordinary`].
    Number,
    /// May end a sentence.
    Ordinary,
}

/// One known abbreviation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Abbreviation {
    pub role: Role,
    /// Whether it is also an ordinary word of the language.
    pub also_word: bool,
}

/// The word lists of one language, as written in the source.
struct Lists {
    prepositive: &'static [&'static str],
    number: &'static [&'static str],
    ordinary: &'static [&'static str],
    /// Entries of the lists above that are also ordinary words.
    also_words: &'static [&'static str],
    /// Words that, capitalised after an abbreviation, start a new sentence.
    sentence_starters: &'static [&'static str],
    /// Capitalised words that may follow "a.m." or "p.m." inside a sentence:
    /// days, months and time zones.
    time_words: &'static [&'static str],
    /// Prepositions that open an introductory phrase ("At 5 a.m. …"), which
    /// cannot be a sentence on its own.
    intro_words: &'static [&'static str],
    /// Verbs of a reporting clause after a quotation ("he asked").
    reporting_verbs: &'static [&'static str],
    /// Months that follow a day written as an ordinal number ("12. Juni").
    ordinal_months: &'static [&'static str],
}

/// The compiled lists of one language, with fast lookups.
#[derive(Debug)]
pub(crate) struct Abbreviations {
    entries: FxHashMap<&'static str, Abbreviation>,
    sentence_starters: FxHashSet<&'static str>,
    time_words: FxHashSet<&'static str>,
    intro_words: FxHashSet<&'static str>,
    reporting_verbs: FxHashSet<&'static str>,
    ordinal_months: FxHashSet<&'static str>,
}

/// Longest word (in bytes) looked up; longer words are in no list.
const MAX_WORD: usize = 24;

impl Abbreviations {
    /// The lists of `language`; languages without lists of their own use
    /// the English ones.
    pub fn for_language(language: Language) -> &'static Abbreviations {
        static COMPILED: [OnceLock<Abbreviations>; 6] = [const { OnceLock::new() }; 6];
        let (slot, lists) = match language {
            Language::German => (1, &GERMAN),
            Language::French => (2, &FRENCH),
            Language::Spanish => (3, &SPANISH),
            Language::Portuguese => (4, &PORTUGUESE),
            Language::Italian => (5, &ITALIAN),
            _ => (0, &ENGLISH),
        };
        COMPILED[slot].get_or_init(|| Abbreviations::compile(lists, slot == 0))
    }

    fn compile(lists: &'static Lists, is_english: bool) -> Abbreviations {
        let mut entries = FxHashMap::default();
        let mut add = |words: &'static [&'static str], role: Role| {
            for &word in words {
                let also_word = lists.also_words.contains(&word);
                entries.entry(word).or_insert(Abbreviation { role, also_word });
            }
        };
        add(lists.prepositive, Role::Prepositive);
        add(lists.number, Role::Number);
        add(lists.ordinary, Role::Ordinary);
        if !is_english {
            // English titles and Latin abbreviations turn up in every language.
            add(ENGLISH.prepositive, Role::Prepositive);
        }
        Abbreviations {
            entries,
            sentence_starters: lists.sentence_starters.iter().copied().collect(),
            time_words: lists.time_words.iter().copied().collect(),
            intro_words: lists.intro_words.iter().copied().collect(),
            reporting_verbs: lists.reporting_verbs.iter().copied().collect(),
            ordinal_months: lists.ordinal_months.iter().copied().collect(),
        }
    }

    /// The abbreviation `word` (without its final full stop), if known.
    pub fn get(&self, word: &str) -> Option<Abbreviation> {
        with_lowercase(word, |lower| self.entries.get(lower).copied()).flatten()
    }

    /// Whether `word` (letters only) commonly starts a sentence.
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.sentence_starters.contains(lower)).unwrap_or(false)
    }

    /// Whether `word` (letters only) names a day, month or time zone.
    pub fn is_time_word(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.time_words.contains(lower)).unwrap_or(false)
    }

    /// Whether `word` (letters only) opens an introductory phrase.
    pub fn is_intro_word(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.intro_words.contains(lower)).unwrap_or(false)
    }

    /// Whether `word` (letters only) is a month that follows an ordinal day.
    pub fn is_ordinal_month(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.ordinal_months.contains(lower)).unwrap_or(false)
    }

    /// Whether `word` (letters only) is a verb of a reporting clause.
    pub fn is_reporting_verb(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.reporting_verbs.contains(lower)).unwrap_or(false)
    }
}

/// Calls `f` with `word` lower-cased, without allocating for ASCII words.
/// Returns `None` for words too long to be in any list.
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    if word.len() > MAX_WORD {
        return None;
    }
    if word.is_ascii() {
        let mut buffer = [0u8; MAX_WORD];
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lower-casing ASCII keeps it valid UTF-8.
        std::str::from_utf8(lower).ok().map(f)
    } else {
        Some(f(&word.to_lowercase()))
    }
}

static ENGLISH: Lists = Lists {
    prepositive: &[
        "adm", "amb", "atty", "brig", "capt", "cdr", "cf", "cmdr", "col", "cpl", "det", "dr",
        "drs", "e.g", "esq", "fr", "gen", "gov", "hon", "i.e", "insp", "lt", "maj", "messrs",
        "mme", "mmes", "mr", "mrs", "ms", "msgr", "mx", "pres", "prof", "pvt", "rep", "reps",
        "rev", "sen", "sens", "sgt", "supt", "viz", "vs",
    ],
    number: &[
        "apt", "art", "ch", "chap", "eq", "ext", "fig", "figs", "n°", "nº", "no", "nos", "nr",
        "op", "p", "para", "pg", "pp", "pt", "rm", "sec", "tel", "vol", "vols",
    ],
    ordinary: &[
        "al", "apr", "approx", "assn", "assoc", "aug", "ave", "bldg", "blvd", "bros", "ca", "co",
        "com", "corp", "ct", "dec", "dept", "dist", "div", "eng", "est", "etc", "feb", "fri", "ft",
        "gal", "govt", "hr", "hrs", "hwy", "inc", "intl", "jan", "jr", "jul", "jun", "lb", "lbs",
        "ln", "ltd", "mar", "max", "mfg", "mgr", "mi", "min", "mins", "misc", "mon", "mph", "mt",
        "natl", "nov", "oct", "oz", "pkwy", "pl", "plc", "rd", "sat", "sep", "sept", "sq", "sr",
        "st", "ste", "sun", "thu", "thur", "thurs", "tue", "tues", "univ", "wed", "yr", "yrs",
        // United States, as news agencies abbreviate them.
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
        "kans", "ky", "la", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
        "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
    ],
    also_words: &[
        "al", "apt", "art", "del", "gal", "ill", "ind", "jan", "la", "mar", "mass", "max", "min",
        "miss", "mo", "no", "op", "ore", "pa", "sat", "sun", "wash", "wed",
    ],
    sentence_starters: &[
        "a",
        "according",
        "after",
        "all",
        "also",
        "although",
        "among",
        "an",
        "and",
        "another",
        "anybody",
        "anyone",
        "anything",
        "are",
        "as",
        "at",
        "because",
        "before",
        "both",
        "but",
        "by",
        "can",
        "could",
        "despite",
        "did",
        "do",
        "does",
        "during",
        "each",
        "earlier",
        "even",
        "every",
        "everybody",
        "everyone",
        "everything",
        "few",
        "following",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "instead",
        "is",
        "it",
        "its",
        "just",
        "last",
        "later",
        "let",
        "many",
        "meanwhile",
        "might",
        "more",
        "most",
        "must",
        "my",
        "next",
        "no",
        "nobody",
        "none",
        "nor",
        "not",
        "nothing",
        "now",
        "oh",
        "on",
        "once",
        "one",
        "only",
        "or",
        "our",
        "perhaps",
        "please",
        "she",
        "should",
        "since",
        "so",
        "some",
        "somebody",
        "someone",
        "something",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "thus",
        "to",
        "today",
        "under",
        "unless",
        "until",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
        "would",
        "yes",
        "yesterday",
        "yet",
        "you",
        "your",
    ],
    time_words: &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "et",
        "est",
        "edt",
        "ct",
        "cst",
        "cdt",
        "mt",
        "mst",
        "mdt",
        "pt",
        "pst",
        "pdt",
        "akst",
        "hst",
        "gmt",
        "bst",
        "utc",
        "cet",
        "cest",
        "ist",
        "jst",
        "aest",
        "aedt",
        "eastern",
        "central",
        "mountain",
        "pacific",
        "local",
        "greenwich",
    ],
    intro_words: &[
        "about",
        "after",
        "around",
        "at",
        "before",
        "beginning",
        "between",
        "by",
        "circa",
        "from",
        "in",
        "near",
        "on",
        "since",
        "starting",
        "through",
        "till",
        "until",
    ],
    reporting_verbs: &[
        "according",
        "added",
        "adds",
        "admits",
        "admitted",
        "agreed",
        "agrees",
        "announced",
        "answered",
        "argued",
        "argues",
        "asked",
        "asks",
        "begged",
        "claimed",
        "continued",
        "continues",
        "cried",
        "cries",
        "declared",
        "demanded",
        "exclaimed",
        "explained",
        "explains",
        "insisted",
        "insists",
        "joked",
        "jokes",
        "laughed",
        "laughs",
        "muttered",
        "mutters",
        "noted",
        "pleaded",
        "posted",
        "recalled",
        "recalls",
        "remembered",
        "replied",
        "replies",
        "responded",
        "said",
        "says",
        "screamed",
        "screams",
        "shouted",
        "shouts",
        "sighed",
        "sighs",
        "stated",
        "suggested",
        "suggests",
        "tells",
        "told",
        "tweeted",
        "warned",
        "warns",
        "whispered",
        "whispers",
        "wondered",
        "wonders",
        "wrote",
        "writes",
        "yelled",
        "yells",
    ],
    ordinal_months: &[],
};

static GERMAN: Lists = Lists {
    prepositive: &["dipl", "dr", "frl", "hl", "hr", "hrn", "ing", "prof", "sr", "st", "vgl", "z.b"],
    number: &["abs", "bd", "hnr", "nr", "s", "tel"],
    ordinary: &[
        "allg", "bes", "bspw", "bzgl", "bzw", "ca", "chr", "d.h", "dgl", "ebd", "ev", "evang",
        "evtl", "exkl", "ff", "geb", "gem", "gest", "ggf", "i.d.r", "inkl", "insb", "jh", "jhd",
        "kath", "mind", "mio", "mrd", "nachm", "o.ä", "sog", "str", "tsd", "u.a", "u.ä", "u.u",
        "usw", "v.a", "vorm", "z.t", "z.z", "zzgl",
    ],
    also_words: &[],
    sentence_starters: &[
        "aber", "als", "am", "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der",
        "die", "doch", "du", "ein", "eine", "er", "es", "ich", "ihr", "im", "in", "man", "mit",
        "nach", "nun", "sie", "so", "und", "wann", "warum", "was", "wenn", "wie", "wir", "wo",
    ],
    time_words: &[],
    intro_words: &[],
    reporting_verbs: &[],
    ordinal_months: &[
        "januar",
        "jänner",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "jan",
        "feb",
        "mär",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dez",
    ],
};

static FRENCH: Lists = Lists {
    prepositive: &["dr", "m", "me", "mgr", "mlle", "mlles", "mm", "mme", "mmes", "pr", "st", "ste"],
    number: &["art", "chap", "n", "no", "p", "pp", "vol"],
    ordinary: &[
        "av", "bd", "cf", "env", "etc", "ex", "hab", "ltd", "min", "p.ex", "qqch", "qqn", "sq",
        "tél",
    ],
    also_words: &["me", "min"],
    sentence_starters: &[
        "alors", "au", "aux", "ce", "cela", "ces", "cette", "dans", "de", "des", "du", "elle",
        "elles", "en", "et", "il", "ils", "je", "la", "le", "les", "mais", "nous", "on", "pour",
        "quand", "si", "un", "une", "vous",
    ],
    time_words: &[],
    intro_words: &[],
    reporting_verbs: &[],
    ordinal_months: &[],
};

static SPANISH: Lists = Lists {
    prepositive: &[
        "arq", "d", "da", "dr", "dra", "dña", "ee", "ing", "lic", "prof", "sr", "sra", "sres",
        "srta", "ud", "uds", "vd", "vds",
    ],
    number: &["art", "cap", "cra", "no", "núm", "pág", "págs", "párr", "párrf", "vol"],
    ordinary: &[
        "abr", "admón", "ago", "aprox", "avda", "cía", "dic", "dpto", "ej", "ene", "etc", "ext",
        "hs", "jul", "jun", "km", "may", "oct", "sept", "tel",
    ],
    also_words: &["no"],
    sentence_starters: &[
        "a", "al", "con", "de", "del", "el", "ella", "ellos", "en", "es", "esta", "este", "la",
        "las", "lo", "los", "no", "para", "pero", "por", "que", "se", "si", "su", "un", "una", "y",
    ],
    time_words: &[],
    intro_words: &[],
    reporting_verbs: &[],
    ordinal_months: &[],
};

static PORTUGUESE: Lists = Lists {
    prepositive: &["d", "dr", "dra", "exma", "exmo", "prof", "profa", "sr", "sra", "srta"],
    number: &["art", "n", "nº", "pág", "págs", "vol"],
    ordinary: &["av", "cia", "etc", "ex", "fl", "fls", "ltda", "tel"],
    also_words: &[],
    sentence_starters: &[
        "a", "as", "ao", "com", "da", "de", "do", "e", "ela", "ele", "em", "essa", "esse", "esta",
        "este", "mas", "na", "no", "o", "os", "para", "por", "que", "se", "um", "uma",
    ],
    time_words: &[],
    intro_words: &[],
    reporting_verbs: &[],
    ordinal_months: &[],
};

static ITALIAN: Lists = Lists {
    prepositive: &[
        "arch", "avv", "dott", "dr", "geom", "ing", "mons", "on", "prof", "rag", "sig", "sig.na",
        "sig.ra", "sigg",
    ],
    number: &["art", "n", "p", "pag", "vol"],
    ordinary: &["amm", "az", "ca", "d", "dir", "ecc", "econ", "es", "psicol", "set", "st", "tel"],
    also_words: &["es", "set"],
    sentence_starters: &[
        "a", "che", "con", "da", "del", "della", "di", "e", "egli", "il", "in", "io", "la", "le",
        "lei", "lo", "ma", "non", "per", "se", "un", "una",
    ],
    time_words: &[],
    intro_words: &[],
    reporting_verbs: &[],
    ordinal_months: &[],
};
