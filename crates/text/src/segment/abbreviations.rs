//! Abbreviation lists for the rule segmenter, per language.
//!
//! Each list holds lower-cased abbreviations without their final period.
//! Three roles matter for sentence boundaries:
//! - *prepositive* abbreviations (titles such as "Mr." and "Dr.") stand
//!   before a name and never end a sentence;
//! - *number* abbreviations ("No.", "p.") stand before a number, and do not
//!   end a sentence when one follows;
//! - every other abbreviation ("etc.", "Inc.") may end a sentence; the
//!   segmenter breaks after one only when the next word starts a sentence.

use crate::Language;

/// The abbreviation lists of one language.
#[derive(Debug)]
pub(crate) struct Abbreviations {
    pub prepositive: &'static [&'static str],
    pub number: &'static [&'static str],
    pub other: &'static [&'static str],
    /// Words that, capitalised after an abbreviation, start a new sentence.
    pub sentence_starters: &'static [&'static str],
}

impl Abbreviations {
    pub fn for_language(language: Language) -> &'static Abbreviations {
        match language {
            Language::German => &GERMAN,
            Language::French => &FRENCH,
            Language::Spanish => &SPANISH,
            Language::Portuguese => &PORTUGUESE,
            Language::Italian => &ITALIAN,
            _ => &ENGLISH,
        }
    }

    pub fn is_prepositive(&self, word: &str) -> bool {
        contains(self.prepositive, word) || contains(ENGLISH.prepositive, word)
    }

    pub fn is_number(&self, word: &str) -> bool {
        contains(self.number, word)
    }

    pub fn is_known(&self, word: &str) -> bool {
        contains(self.other, word) || contains(self.number, word) || contains(ENGLISH.other, word)
    }

    pub fn is_sentence_starter(&self, word: &str) -> bool {
        contains(self.sentence_starters, word)
    }
}

fn contains(list: &[&str], word: &str) -> bool {
    list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
}

static ENGLISH: Abbreviations = Abbreviations {
    prepositive: &[
        "adm", "brig", "capt", "cmdr", "col", "cpl", "det", "dr", "drs", "fr", "gen", "gov", "hon",
        "insp", "lt", "maj", "messrs", "mmes", "mr", "mrs", "ms", "msgr", "mt", "mx", "pres",
        "prof", "rep", "reps", "rev", "sen", "sens", "sgt", "sr", "st", "supt", "ste",
    ],
    number: &[
        "art", "ch", "chap", "eq", "fig", "figs", "no", "nos", "nr", "p", "para", "pp", "sec",
        "vol", "vols",
    ],
    other: &[
        "al", "apr", "approx", "assn", "aug", "ave", "blvd", "bros", "ca", "cf", "co", "corp",
        "dec", "dept", "est", "etc", "feb", "fri", "ft", "govt", "hr", "hrs", "inc", "jan", "jr",
        "jul", "jun", "lb", "lbs", "ltd", "mar", "max", "min", "misc", "mon", "mph", "nov", "oct",
        "oz", "plc", "rd", "sat", "sep", "sept", "sq", "sun", "thu", "thurs", "tue", "tues",
        "univ", "viz", "vs", "wed", "yr", "yrs",
    ],
    sentence_starters: &[
        "a",
        "after",
        "also",
        "an",
        "and",
        "as",
        "at",
        "because",
        "before",
        "but",
        "by",
        "during",
        "for",
        "he",
        "her",
        "here",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "it",
        "its",
        "many",
        "meanwhile",
        "most",
        "my",
        "no",
        "now",
        "on",
        "once",
        "our",
        "please",
        "she",
        "since",
        "so",
        "some",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "thus",
        "to",
        "we",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "with",
        "yet",
        "you",
        "your",
    ],
};

static GERMAN: Abbreviations = Abbreviations {
    prepositive: &["dipl", "frau", "fr", "hr", "hrn", "ing", "prof", "sr", "st"],
    number: &["abs", "bd", "nr", "s"],
    other: &[
        "bzw", "ca", "chr", "dgl", "evtl", "ggf", "inkl", "jh", "jhd", "mio", "mrd", "o.ä", "sog",
        "str", "tel", "u.a", "usw", "vgl", "z.b", "z.t", "z.z", "zzgl",
    ],
    sentence_starters: &[
        "aber", "als", "am", "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der",
        "die", "doch", "du", "ein", "eine", "er", "es", "ich", "ihr", "im", "in", "man", "mit",
        "nach", "nun", "sie", "so", "und", "wann", "warum", "was", "wenn", "wie", "wir", "wo",
    ],
};

static FRENCH: Abbreviations = Abbreviations {
    prepositive: &["dr", "m", "mgr", "mm", "mme", "mmes", "mlle", "mlles", "pr", "st", "ste"],
    number: &["art", "chap", "n", "no", "p", "pp", "vol"],
    other: &[
        "av", "bd", "cf", "env", "etc", "ex", "hab", "min", "p.ex", "qqch", "qqn", "sq", "tél",
    ],
    sentence_starters: &[
        "alors", "au", "aux", "ce", "cela", "ces", "cette", "dans", "de", "des", "du", "elle",
        "elles", "en", "et", "il", "ils", "je", "la", "le", "les", "mais", "nous", "on", "pour",
        "quand", "si", "un", "une", "vous",
    ],
};

static SPANISH: Abbreviations = Abbreviations {
    prepositive: &["d", "da", "dra", "dña", "lic", "sr", "sra", "sres", "srta", "ud", "uds"],
    number: &["art", "núm", "pág", "págs", "vol"],
    other: &["aprox", "avda", "cía", "etc", "ej", "admón", "dpto", "tel"],
    sentence_starters: &[
        "a", "al", "con", "de", "del", "el", "ella", "ellos", "en", "es", "esta", "este", "la",
        "las", "lo", "los", "no", "para", "pero", "por", "que", "se", "si", "su", "un", "una", "y",
    ],
};

static PORTUGUESE: Abbreviations = Abbreviations {
    prepositive: &["d", "dr", "dra", "exmo", "exma", "prof", "profa", "sr", "sra", "srta"],
    number: &["art", "n", "nº", "pág", "págs", "vol"],
    other: &["av", "cia", "etc", "ex", "ltda", "tel"],
    sentence_starters: &[
        "a", "as", "ao", "com", "da", "de", "do", "e", "ela", "ele", "em", "essa", "esse", "esta",
        "este", "mas", "na", "no", "o", "os", "para", "por", "que", "se", "um", "uma",
    ],
};

static ITALIAN: Abbreviations = Abbreviations {
    prepositive: &["dott", "dr", "ing", "prof", "sig", "sigg", "sig.ra", "sig.na", "avv", "on"],
    number: &["art", "n", "pag", "vol"],
    other: &["ca", "ecc", "es", "tel"],
    sentence_starters: &[
        "a", "che", "con", "da", "del", "della", "di", "e", "egli", "il", "in", "io", "la", "le",
        "lei", "lo", "ma", "non", "per", "se", "un", "una",
    ],
};
