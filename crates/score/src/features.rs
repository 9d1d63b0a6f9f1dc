//! Features shared by the strategies: tf-idf vectors of sentences and of the
//! whole document.

use abridge_text::{Document, TermId};

use crate::TermStats;

/// A sparse vector over terms, sorted by term id, that owns its entries.
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

    /// The vector as a view, for [`SparseView::dot`] and [`SparseView::cosine`].
    pub fn view(&self) -> SparseView<'_> {
        SparseView { entries: &self.entries, norm: self.norm }
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
}

/// A borrowed sparse vector: sorted `(term, weight)` pairs and their norm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SparseView<'a> {
    entries: &'a [(TermId, f64)],
    norm: f64,
}

impl<'a> SparseView<'a> {
    /// The `(term, weight)` pairs, sorted by term.
    pub fn entries(self) -> &'a [(TermId, f64)] {
        self.entries
    }

    /// Euclidean norm.
    pub fn norm(self) -> f64 {
        self.norm
    }

    /// Dot product of two sparse vectors (a merge of the sorted entries).
    pub fn dot(self, other: SparseView<'_>) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        let (a, b) = (self.entries, other.entries);
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
    pub fn cosine(self, other: SparseView<'_>) -> f64 {
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        (self.dot(other) / (self.norm * other.norm)).clamp(0.0, 1.0)
    }
}

/// Rows of `(term, value)` pairs, sorted by term, stored in one buffer
/// (compressed sparse rows): one allocation for a whole document instead of
/// one per sentence, which matters for documents of a million lines.
#[derive(Clone, Debug, PartialEq)]
pub struct SparseRows<T> {
    /// Row `i` is `entries[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    entries: Vec<(TermId, T)>,
}

impl<T> SparseRows<T> {
    fn with_capacity(rows: usize, entries: usize) -> SparseRows<T> {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        SparseRows { offsets, entries: Vec::with_capacity(entries) }
    }

    /// Ends the row being built.
    fn finish_row(&mut self) {
        self.offsets.push(self.entries.len() as u32);
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`, sorted by term.
    pub fn row(&self, i: usize) -> &[(TermId, T)] {
        &self.entries[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Every row, in order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[(TermId, T)]> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }
}

/// Appends the content terms (not stop words) of sentence `sentence_idx`
/// to `terms`, sorted, repeats kept: equal terms stand together, so that
/// `chunk_by` gives each term with its count, in term order.
pub(crate) fn push_content_terms(
    document: &Document<'_>,
    sentence_idx: usize,
    terms: &mut Vec<TermId>,
) {
    let start = terms.len();
    terms.extend(
        document.sentence_tokens(sentence_idx).iter().filter(|t| !t.is_stop()).map(|t| t.term()),
    );
    terms[start..].sort_unstable();
}

/// Per term id, occurrences as a content word (not a stop word) in the
/// whole document: [`TermCounts::document`] without the rows.
pub fn content_totals(document: &Document<'_>) -> Vec<u32> {
    let mut totals = vec![0u32; document.n_terms()];
    for token in document.tokens() {
        if !token.is_stop() {
            totals[token.term() as usize] += 1;
        }
    }
    totals
}

/// Term frequencies of the content words (not stop words) of every sentence,
/// as sorted `(term, count)` rows, plus the document totals.
#[derive(Clone, Debug)]
pub struct TermCounts {
    /// One row per sentence, sorted by term.
    pub sentences: SparseRows<u32>,
    /// Per term id, occurrences in the whole document.
    pub document: Vec<u32>,
}

impl TermCounts {
    /// Counts the content terms of `document`.
    pub fn new(document: &Document<'_>) -> TermCounts {
        TermCounts::first(document, document.sentences().len())
    }

    /// Counts the content terms of `document`, with rows for its first
    /// `n_sentences` sentences only (graph strategies look at no more):
    /// `document` still counts every sentence.
    pub fn first(document: &Document<'_>, n_sentences: usize) -> TermCounts {
        let n_sentences = n_sentences.min(document.sentences().len());
        let words =
            n_sentences.checked_sub(1).map_or(0, |last| document.sentence_token_range(last).end);
        let mut sentences = SparseRows::with_capacity(n_sentences, words);
        let mut scratch: Vec<TermId> = Vec::new();
        for sentence_idx in 0..n_sentences {
            scratch.clear();
            push_content_terms(document, sentence_idx, &mut scratch);
            sentences
                .entries
                .extend(scratch.chunk_by(|a, b| a == b).map(|run| (run[0], run.len() as u32)));
            sentences.finish_row();
        }
        sentences.entries.shrink_to_fit();
        TermCounts { sentences, document: content_totals(document) }
    }

    /// Number of content words of sentence `sentence_idx`.
    pub fn sentence_length(&self, sentence_idx: usize) -> u32 {
        self.sentences.row(sentence_idx).iter().map(|&(_, count)| count).sum()
    }
}

/// Tf-idf vectors of every sentence and of the whole document.
#[derive(Clone, Debug)]
pub struct TfIdfVectors {
    /// IDF of every term id.
    pub idf: Vec<f64>,
    /// One row per sentence: raw term count × IDF.
    sentences: SparseRows<f64>,
    /// The norm of each sentence's row.
    norms: Vec<f64>,
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
        let mut sentences =
            SparseRows::with_capacity(counts.sentences.len(), counts.sentences.entries.len());
        let mut norms = Vec::with_capacity(counts.sentences.len());
        for row in counts.sentences.rows() {
            let mut squares = 0.0;
            for &(term, count) in row {
                let weight = f64::from(count) * idf[term as usize];
                squares += weight * weight;
                sentences.entries.push((term, weight));
            }
            sentences.finish_row();
            norms.push(squares.sqrt());
        }
        let document_vector = SparseVector::from_sorted(
            counts
                .document
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(term, &count)| (term as TermId, f64::from(count) * idf[term]))
                .collect(),
        );
        TfIdfVectors { idf, sentences, norms, document: document_vector }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.norms.len()
    }

    /// Whether the document has no sentence.
    pub fn is_empty(&self) -> bool {
        self.norms.is_empty()
    }

    /// The vector of sentence `sentence_idx`.
    pub fn sentence(&self, sentence_idx: usize) -> SparseView<'_> {
        SparseView { entries: self.sentences.row(sentence_idx), norm: self.norms[sentence_idx] }
    }
}

/// The cosine of any sentence's tf-idf vector with the document's: the
/// same numbers as `TfIdfVectors::new(..).sentence(i).cosine(vectors.document.view())`,
/// computed without building the sentence vectors.
///
/// The document vector is kept dense (one weight per term id), so each
/// sentence's dot product is a lookup per term instead of a merge with the
/// whole vocabulary. Sums run in term order, as in [`SparseView`], so the
/// results are equal to the last bit. The memory is per term, none per
/// sentence.
#[derive(Clone, Debug)]
pub struct CentroidCosines {
    idf: Vec<f64>,
    /// The document's vector: total count × IDF, by term id.
    document_weights: Vec<f64>,
    document_norm: f64,
    /// The sorted content terms of the sentence being scored.
    scratch: Vec<TermId>,
}

impl CentroidCosines {
    /// The document's vector, with IDF from `stats`.
    pub fn new(document: &Document<'_>, stats: &dyn TermStats) -> CentroidCosines {
        let mut document_weights: Vec<f64> =
            content_totals(document).into_iter().map(f64::from).collect();
        let mut idf = vec![0.0f64; document.n_terms()];
        let mut document_norm = 0.0;
        for (term, weight) in document_weights.iter_mut().enumerate() {
            if *weight > 0.0 {
                idf[term] = stats.idf(document, term as TermId);
                *weight *= idf[term];
                document_norm += *weight * *weight;
            }
        }
        CentroidCosines {
            idf,
            document_weights,
            document_norm: document_norm.sqrt(),
            scratch: Vec::new(),
        }
    }

    /// The cosine of sentence `sentence_idx`'s tf-idf vector with the
    /// document's, in `[0, 1]`.
    pub fn cosine(&mut self, document: &Document<'_>, sentence_idx: usize) -> f64 {
        self.scratch.clear();
        push_content_terms(document, sentence_idx, &mut self.scratch);
        let (mut dot, mut norm) = (0.0, 0.0);
        for run in self.scratch.chunk_by(|a, b| a == b) {
            let term = run[0] as usize;
            let weight = f64::from(run.len() as u32) * self.idf[term];
            norm += weight * weight;
            dot += weight * self.document_weights[term];
        }
        let norm = norm.sqrt();
        if norm == 0.0 || self.document_norm == 0.0 {
            0.0
        } else {
            (dot / (norm * self.document_norm)).clamp(0.0, 1.0)
        }
    }

    /// Writes the cosine of every sentence into `out` (one per sentence).
    pub fn all_into(&mut self, document: &Document<'_>, out: &mut [f64]) {
        debug_assert_eq!(out.len(), document.sentences().len());
        for (sentence_idx, cosine) in out.iter_mut().enumerate() {
            *cosine = self.cosine(document, sentence_idx);
        }
    }
}

/// Degree centrality in the graph of tf-idf cosines between sentences,
/// split by direction: for each sentence, the sum of its cosines with the
/// sentences before it and with those after it.
///
/// This is the continuous degree of LexRank and the two sums of PacSum's
/// directed centrality with no edge threshold (β = 0, where the least
/// similar pair has cosine 0, as in almost every document), computed
/// without the n × n matrix: the cosine of two sentences is the dot product
/// of their unit vectors, so the sum over the sentences before `i` is
/// `u_i · Σ_{j<i} u_j`, a running sum, and the sum over those after is
/// `u_i · Σ_j u_j − u_i · Σ_{j<i} u_j − u_i · u_i`. Time is linear in the
/// document's words, memory one weight per term.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Degrees {
    /// Per sentence, the sum of its cosines with earlier sentences.
    pub before: Vec<f64>,
    /// Per sentence, the sum of its cosines with later sentences.
    pub after: Vec<f64>,
}

impl CentroidCosines {
    /// The unit tf-idf vector of the sentence whose sorted content terms
    /// are in `scratch`, as `(term, weight)` pairs in term order.
    fn unit_terms(&self, terms: &mut Vec<(TermId, f64)>) {
        terms.clear();
        let mut norm = 0.0;
        for run in self.scratch.chunk_by(|a, b| a == b) {
            let weight = f64::from(run.len() as u32) * self.idf[run[0] as usize];
            norm += weight * weight;
            terms.push((run[0], weight));
        }
        let norm = norm.sqrt();
        if norm > 0.0 {
            terms.iter_mut().for_each(|(_, weight)| *weight /= norm);
        } else {
            terms.clear();
        }
    }

    /// Writes every sentence's cosine with the document into `cosines`
    /// (as [`CentroidCosines::all_into`]) and returns its [`Degrees`], in
    /// two passes over the sentences. Only the sentences where `members`
    /// is true are vertices of the graph (the others have degree 0 and
    /// add nothing to anyone's), so that a headline or page furniture does
    /// not count as a sentence the article repeats.
    pub fn all_with_degrees(
        &mut self,
        document: &Document<'_>,
        members: &[bool],
        cosines: &mut [f64],
    ) -> Degrees {
        let n = document.sentences().len();
        debug_assert_eq!(cosines.len(), n);
        debug_assert_eq!(members.len(), n);
        let mut total = vec![0.0f64; self.idf.len()];
        let mut terms: Vec<(TermId, f64)> = Vec::new();
        for sentence_idx in (0..n).filter(|&i| members[i]) {
            self.scratch.clear();
            push_content_terms(document, sentence_idx, &mut self.scratch);
            self.unit_terms(&mut terms);
            for &(term, weight) in &terms {
                total[term as usize] += weight;
            }
        }
        let mut before_sum = vec![0.0f64; self.idf.len()];
        let mut degrees = Degrees { before: vec![0.0; n], after: vec![0.0; n] };
        for (sentence_idx, cosine) in cosines.iter_mut().enumerate() {
            *cosine = self.cosine(document, sentence_idx);
            if !members[sentence_idx] {
                continue;
            }
            // `cosine` left the sentence's sorted terms in `scratch`.
            self.unit_terms(&mut terms);
            let (mut earlier, mut all, mut itself) = (0.0, 0.0, 0.0);
            for &(term, weight) in &terms {
                earlier += weight * before_sum[term as usize];
                all += weight * total[term as usize];
                itself += weight * weight;
            }
            degrees.before[sentence_idx] = earlier.max(0.0);
            degrees.after[sentence_idx] = (all - earlier - itself).max(0.0);
            for &(term, weight) in &terms {
                before_sum[term as usize] += weight;
            }
        }
        degrees
    }
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
        assert_eq!(a.view().dot(b.view()), 2.0);
        assert!((a.view().cosine(a.view()) - 1.0).abs() < 1e-12);
        assert_eq!(a.view().cosine(SparseVector::default().view()), 0.0);
    }

    #[test]
    fn counts_skip_stop_words() {
        let document = Document::new("The cat and the cat. A dog.", Language::English);
        let counts = TermCounts::new(&document);
        assert_eq!(counts.sentences.row(0).len(), 1, "only 'cat' is a content term");
        assert_eq!(counts.sentences.row(0)[0].1, 2);
        assert_eq!(counts.sentence_length(0), 2);
        let vectors = TfIdfVectors::new(&document, &SentenceFrequencies::new(&document), &counts);
        assert_eq!(vectors.len(), 2);
        assert_eq!(vectors.sentence(0).cosine(vectors.sentence(1)), 0.0);
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
            let expected: Vec<f64> = (0..vectors.len())
                .map(|i| vectors.sentence(i).cosine(vectors.document.view()))
                .collect();
            let mut cosines = vec![f64::NAN; document.sentences().len()];
            CentroidCosines::new(&document, &stats).all_into(&document, &mut cosines);
            assert_eq!(cosines, expected, "{text:?}");
        }
    }

    #[test]
    fn degrees_are_the_sums_of_pairwise_cosines() {
        let texts = [
            "The cat and the cat. A dog.",
            "Rain fell on the harbour. The harbour wall broke in the storm, and the storm sank boats. \
             Boats and boats and more boats. The. Storm boats harbour rain.",
            "",
            "Only stop words: the a an. Harbour.",
        ];
        for text in texts {
            let document = Document::new(text, Language::English);
            let stats = SentenceFrequencies::new(&document);
            let vectors = TfIdfVectors::new(&document, &stats, &TermCounts::new(&document));
            let n = vectors.len();
            // Every sentence, then every other one.
            for members in [vec![true; n], (0..n).map(|i| i % 2 == 0).collect()] {
                let mut cosines = vec![f64::NAN; n];
                let degrees = CentroidCosines::new(&document, &stats).all_with_degrees(
                    &document,
                    &members,
                    &mut cosines,
                );
                for (i, &centroid_cosine) in cosines.iter().enumerate() {
                    let cosine = |j: usize| {
                        if members[i] && members[j] {
                            vectors.sentence(i).cosine(vectors.sentence(j))
                        } else {
                            0.0
                        }
                    };
                    let before: f64 = (0..i).map(cosine).sum();
                    let after: f64 = (i + 1..n).map(cosine).sum();
                    assert!((degrees.before[i] - before).abs() < 1e-9, "{text:?} {i}");
                    assert!((degrees.after[i] - after).abs() < 1e-9, "{text:?} {i}");
                    let centroid = vectors.sentence(i).cosine(vectors.document.view());
                    assert_eq!(centroid_cosine, centroid, "{text:?} {i}");
                }
            }
        }
    }
}
