//! Bench inputs: the cnndm_test texts when the corpora are present, our own
//! sample texts otherwise.

use std::path::PathBuf;

/// Our own sample articles, always available.
pub const SAMPLES: &[&str] = &[
    include_str!("../../corpora/samples/harbour.txt"),
    include_str!("../../corpora/samples/wrapped-email.txt"),
    include_str!("../../corpora/samples/minutes.txt"),
];

/// Where the evaluation corpora are: `ABRIDGE_CORPORA`, else
/// `../shared/corpora` beside the workspace.
pub fn corpora_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ABRIDGE_CORPORA") {
        return Some(PathBuf::from(dir));
    }
    let default = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora");
    default.is_dir().then_some(default)
}

/// A named set of texts to bench on.
#[derive(Debug)]
pub struct BenchTexts {
    /// `cnndm_test` or `samples`.
    pub name: &'static str,
    /// The documents.
    pub texts: Vec<String>,
}

impl BenchTexts {
    /// Total size in bytes.
    pub fn bytes(&self) -> u64 {
        self.texts.iter().map(|text| text.len() as u64).sum()
    }
}

/// The first `limit` texts of cnndm_test, or the samples when the corpora
/// are absent.
pub fn load(limit: usize) -> BenchTexts {
    let texts = corpora_dir().and_then(|dir| {
        let jsonl = std::fs::read_to_string(dir.join("cnndm_test/cnndm_test.jsonl")).ok()?;
        let texts: Vec<String> = jsonl
            .lines()
            .take(limit)
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|record| record["text"].as_str().map(str::to_owned))
            .collect();
        (!texts.is_empty()).then_some(texts)
    });
    match texts {
        Some(texts) => BenchTexts { name: "cnndm_test", texts },
        None => BenchTexts {
            name: "samples",
            texts: SAMPLES.iter().map(|text| (*text).to_owned()).collect(),
        },
    }
}
