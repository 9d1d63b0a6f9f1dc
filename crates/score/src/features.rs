//! Features shared by the strategies: tf-idf vectors of sentences and of the
//! whole document.

use abridge_text::{Document, TermId};

use crate::TermStats;

/// A sparse vector over terms, sorted by term id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SparseVector {
    entries: Vec<(TermId, f64)>,
    norm: f64,
}

impl SparseVector {
    /// Builds a vector from `(term, weight)` pairs sorted by term, each term once.
    pub fn from_sorted(entries: Vec<(TermId, f64)>) -> SparseVector {
        debug_assert!(entries.windows(2).all(|pair| pair[0].0 < pair[1].0));
        let norm = entries.iter().map(|(_, weight)| weight * weight).sum::<f64>().sqrt();
        SparseVector { entries, norm }
    }

    /// The `(term, weight)` pairs, sorted by term.
    pub fn entries(&self) -> &[(TermId, f64)] {
        &self.entries
    }

    /// Euclidean norm.
    pub fn norm(&self) -> f64 {
        self.norm
    }

    /// Whether the vector has no terms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Dot product of two sparse vectors (a merge of the sorted entries).
    pub fn dot(&self, other: &SparseVector) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        let (a, b) = (&self.entries, &other.entries);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// Cosine similarity in `[0, 1]` for non-negative weights; 0 when either is empty.
    pub fn cosine(&self, other: &SparseVector) -> f64 {
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        (self.dot(other) / (self.norm * other.norm)).clamp(0.0, 1.0)
    }
}

/// Term frequencies of the content words (not stop words) of every sentence,
/// as sorted `(term, count)` lists, plus the document totals.
#[derive(Clone, Debug)]
pub struct TermCounts {
    /// Per sentence, sorted by term.
    pub sentences: Vec<Vec<(TermId, u32)>>,
    /// Per term id, occurrences in the whole document.
    pub document: Vec<u32>,
}

impl TermCounts {
    /// Counts the content terms of `document`.
    pub fn new(document: &Document<'_>) -> TermCounts {
        let mut totals = vec![0u32; document.n_terms()];
        let mut sentences = Vec::with_capacity(document.sentences().len());
        let mut scratch: Vec<TermId> = Vec::new();
        for sentence_idx in 0..document.sentences().len() {
            scratch.clear();
            scratch.extend(
                document.sentence_tokens(sentence_idx).iter().filter(|t| !t.stop).map(|t| t.term),
            );
            scratch.sort_unstable();
            let mut counts: Vec<(TermId, u32)> = Vec::with_capacity(scratch.len());
            for &term in &scratch {
                totals[term as usize] += 1;
                match counts.last_mut() {
                    Some((last, count)) if *last == term => *count += 1,
                    _ => counts.push((term, 1)),
                }
            }
            sentences.push(counts);
        }
        TermCounts { sentences, document: totals }
    }
}

/// Tf-idf vectors of every sentence and of the whole document.
#[derive(Clone, Debug)]
pub struct TfIdfVectors {
    /// IDF of every term id.
    pub idf: Vec<f64>,
    /// One vector per sentence: raw term count × IDF.
    pub sentences: Vec<SparseVector>,
    /// The document's vector (its centroid): total term count × IDF.
    pub document: SparseVector,
}

impl TfIdfVectors {
    /// Builds the vectors from content-term counts and IDF from `stats`.
    pub fn new(
        document: &Document<'_>,
        stats: &dyn TermStats,
        counts: &TermCounts,
    ) -> TfIdfVectors {
        let idf: Vec<f64> =
            (0..document.n_terms() as TermId).map(|term| stats.idf(document, term)).collect();
        let sentences = counts
            .sentences
            .iter()
            .map(|sentence| {
                SparseVector::from_sorted(
                    sentence
                        .iter()
                        .map(|&(term, count)| (term, f64::from(count) * idf[term as usize]))
                        .collect(),
                )
            })
            .collect();
        let document_vector = SparseVector::from_sorted(
            counts
                .document
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(term, &count)| (term as TermId, f64::from(count) * idf[term]))
                .collect(),
        );
        TfIdfVectors { idf, sentences, document: document_vector }
    }
}

/// The cosine of every sentence's tf-idf vector with the document's: the
/// same numbers as `TfIdfVectors::new(..).sentences[i].cosine(&vectors.document)`,
/// computed without building a vector per sentence.
///
/// The document vector is kept dense (one weight per term id), so each
/// sentence's dot product is a lookup per term instead of a merge with the
/// whole vocabulary. Sums run in term order, as in [`SparseVector`], so the
/// results are equal to the last bit.
pub fn centroid_cosines(document: &Document<'_>, stats: &dyn TermStats) -> Vec<f64> {
    let n_terms = document.n_terms();
    let mut document_weights = vec![0.0f64; n_terms];
    for token in document.tokens() {
        if !token.stop {
            document_weights[token.term as usize] += 1.0;
        }
    }
    let mut idf = vec![0.0f64; n_terms];
    let mut document_norm = 0.0;
    for (term, weight) in document_weights.iter_mut().enumerate() {
        if *weight > 0.0 {
            idf[term] = stats.idf(document, term as TermId);
            *weight *= idf[term];
            document_norm += *weight * *weight;
        }
    }
    let document_norm = document_norm.sqrt();

    let mut scratch: Vec<TermId> = Vec::new();
    (0..document.sentences().len())
        .map(|sentence_idx| {
            scratch.clear();
            scratch.extend(
                document.sentence_tokens(sentence_idx).iter().filter(|t| !t.stop).map(|t| t.term),
            );
            scratch.sort_unstable();
            let (mut dot, mut norm) = (0.0, 0.0);
            for run in scratch.chunk_by(|a, b| a == b) {
                let term = run[0] as usize;
                let weight = f64::from(run.len() as u32) * idf[term];
                norm += weight * weight;
                dot += weight * document_weights[term];
            }
            let norm = norm.sqrt();
            if norm == 0.0 || document_norm == 0.0 {
                0.0
            } else {
                (dot / (norm * document_norm)).clamp(0.0, 1.0)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SentenceFrequencies;
    use abridge_text::Language;

    #[test]
    fn dot_and_cosine() {
        let a = SparseVector::from_sorted(vec![(1, 1.0), (3, 2.0)]);
        let b = SparseVector::from_sorted(vec![(0, 5.0), (3, 1.0), (4, 1.0)]);
        assert_eq!(a.dot(&b), 2.0);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-12);
        assert_eq!(a.cosine(&SparseVector::default()), 0.0);
    }

    #[test]
    fn counts_skip_stop_words() {
        let document = Document::new("The cat and the cat. A dog.", Language::English);
        let counts = TermCounts::new(&document);
        assert_eq!(counts.sentences[0].len(), 1, "only 'cat' is a content term");
        assert_eq!(counts.sentences[0][0].1, 2);
        let vectors = TfIdfVectors::new(&document, &SentenceFrequencies::new(&document), &counts);
        assert_eq!(vectors.sentences.len(), 2);
        assert_eq!(vectors.sentences[0].cosine(&vectors.sentences[1]), 0.0);
        assert!(vectors.document.norm() > 0.0);
    }

    #[test]
    fn centroid_cosines_equal_the_vectors_cosines() {
        let texts = [
            "The cat and the cat. A dog.",
            "Rain fell on the harbour. The harbour wall broke in the storm, and the storm sank boats. \
             Boats and boats and more boats. The.",
            "",
            "Only stop words: the a an. Harbour.",
        ];
        for text in texts {
            let document = Document::new(text, Language::English);
            let stats = SentenceFrequencies::new(&document);
            let vectors = TfIdfVectors::new(&document, &stats, &TermCounts::new(&document));
            let expected: Vec<f64> =
                vectors.sentences.iter().map(|s| s.cosine(&vectors.document)).collect();
            assert_eq!(centroid_cosines(&document, &stats), expected, "{text:?}");
        }
    }
}
