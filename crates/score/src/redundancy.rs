//! The selector's redundancy checks in O(n log n): near-duplicates found
//! through a prefix index instead of a comparison with every chosen
//! sentence, and MMR picks by lazy re-scoring.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use abridge_text::{Document, TermId};

use crate::select::DUPLICATE_SIMILARITY;

/// Cosine of two sorted term sets: `|A ∩ B| / sqrt(|A| |B|)`.
pub(crate) fn set_cosine(a: &[TermId], b: &[TermId]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / ((a.len() * b.len()) as f64).sqrt()
}

/// The term sets of the sentences chosen so far, and whether a new set is
/// a near-duplicate (cosine at least [`DUPLICATE_SIMILARITY`]) of any.
///
/// The first few sets are compared one by one. Past
/// [`ChosenSets::LINEAR_LIMIT`] they are indexed by the prefix filter of
/// set-similarity joins (Bayardo, Ma and Srikant, "Scaling Up All Pairs
/// Similarity Search", WWW 2007): with terms ordered rarest first in the
/// document, two sets of cosine at least `t` share a term among the first
/// `|x| − ⌈t²·|x|⌉ + 1` of each, so a new set is compared only with the
/// chosen sets that share one of its rare terms. The answer is exactly the
/// one-by-one answer; only the work differs.
#[derive(Debug, Default)]
pub(crate) struct ChosenSets {
    sets: Vec<Vec<TermId>>,
    index: Option<PrefixIndex>,
}

#[derive(Debug)]
struct PrefixIndex {
    /// Per term id, its rank: rarest (fewest sentences) first, ties by id.
    rank: Vec<u32>,
    /// Per term id, the chosen sets with the term in their prefix.
    postings: Vec<Vec<Posting>>,
    /// Per chosen set, the last probe that compared it.
    seen: Vec<u32>,
    probe: u32,
    /// Scratch: a set's terms in rank order.
    by_rank: Vec<TermId>,
}

/// A chosen set in the postings of one of its prefix terms.
#[derive(Clone, Copy, Debug)]
struct Posting {
    set: u32,
    /// Where the term stands in the set's terms, rarest first.
    at: u32,
    /// How many terms the set has.
    len: u32,
    /// The set's [`signature`].
    signature: u64,
}

/// A set's terms hashed to 64 bits. Two sets share at most as many terms
/// as their signatures share bits, plus the fewer of either set's terms
/// that collide with another of its own (those are the only ones that can
/// be shared without a bit of their own). In a document of few distinct terms,
/// where the prefix index cannot narrow, this bound is nearly exact and
/// rules out most comparisons with one instruction each.
fn signature(terms: &[TermId]) -> u64 {
    terms.iter().fold(0u64, |bits, &term| {
        bits | 1 << ((u64::from(term)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
    })
}

/// At most how many terms two sets share, from their signatures and sizes
/// (see [`signature`]).
fn shared_at_most(a: u64, a_len: u32, b: u64, b_len: u32) -> u32 {
    let slack = (a_len - a.count_ones()).min(b_len - b.count_ones());
    ((a & b).count_ones() + slack).min(a_len).min(b_len)
}

/// t², a little below 0.8² so that a cosine rounded up to 0.8 in floating
/// point is still caught: a longer prefix only costs a few comparisons.
const PREFIX_SQUARE: f64 = 0.63;

const _: () = assert!(DUPLICATE_SIMILARITY * DUPLICATE_SIMILARITY > PREFIX_SQUARE);

impl ChosenSets {
    /// Up to this many chosen sets are compared one by one.
    const LINEAR_LIMIT: usize = 16;

    /// Whether `terms` (sorted, distinct) is a near-duplicate of a chosen set.
    pub(crate) fn is_duplicate(&mut self, terms: &[TermId]) -> bool {
        if terms.is_empty() {
            return false;
        }
        let Some(index) = self.index.as_mut() else {
            return self
                .sets
                .iter()
                .any(|chosen| set_cosine(chosen, terms) >= DUPLICATE_SIMILARITY);
        };
        index.probe = index.probe.wrapping_add(1);
        index.sort_by_rank(terms);
        let signature = signature(terms);
        let prefix = prefix_len(terms.len());
        let len = terms.len();
        for k in 0..prefix {
            let term = index.by_rank[k] as usize;
            for posting in &index.postings[term] {
                // If this is the first term the two share, at most this one
                // and the terms after it on both sides are shared: a set
                // that cannot reach the threshold so is no near-duplicate.
                // (If they shared an earlier term, the set was met and
                // compared there: an earlier term of either is in both
                // prefixes.)
                let most = 1 + (len - k - 1).min((posting.len - posting.at - 1) as usize);
                if ((most * most) as f64) < PREFIX_SQUARE * (len * posting.len as usize) as f64 {
                    continue;
                }
                // The signatures bound the shared terms from above: a set
                // they rule out needs no comparison.
                let bound = shared_at_most(signature, len as u32, posting.signature, posting.len)
                    .min(most as u32) as usize;
                if ((bound * bound) as f64) < PREFIX_SQUARE * (len * posting.len as usize) as f64 {
                    continue;
                }
                let set = posting.set as usize;
                if index.seen[set] == index.probe {
                    continue;
                }
                index.seen[set] = index.probe;
                if set_cosine(&self.sets[set], terms) >= DUPLICATE_SIMILARITY {
                    return true;
                }
            }
        }
        false
    }

    /// Adds the terms of a chosen sentence.
    pub(crate) fn add(&mut self, document: &Document<'_>, terms: Vec<TermId>) {
        self.sets.push(terms);
        if self.index.is_none() && self.sets.len() > ChosenSets::LINEAR_LIMIT {
            let mut index = PrefixIndex::new(document);
            for set in 0..self.sets.len() {
                index.insert(&self.sets[set], set as u32);
            }
            self.index = Some(index);
        } else if let Some(index) = self.index.as_mut() {
            let set = self.sets.len() - 1;
            index.insert(&self.sets[set], set as u32);
        }
    }
}

/// How many of a set's rarest terms a near-duplicate must share one of.
fn prefix_len(len: usize) -> usize {
    let overlap = (PREFIX_SQUARE * len as f64).ceil() as usize;
    (len + 1).saturating_sub(overlap).clamp(1, len)
}

impl PrefixIndex {
    fn new(document: &Document<'_>) -> PrefixIndex {
        let n_terms = document.n_terms();
        // In how many sentences each term stands as a content word.
        let mut frequency = vec![0u32; n_terms];
        let mut last_sentence = vec![u32::MAX; n_terms];
        for sentence_idx in 0..document.sentences().len() {
            for token in document.sentence_tokens(sentence_idx) {
                let term = token.term() as usize;
                if !token.is_stop() && last_sentence[term] != sentence_idx as u32 {
                    last_sentence[term] = sentence_idx as u32;
                    frequency[term] += 1;
                }
            }
        }
        let mut order: Vec<u32> = (0..n_terms as u32).collect();
        order.sort_unstable_by_key(|&term| (frequency[term as usize], term));
        let mut rank = vec![0u32; n_terms];
        for (position, &term) in order.iter().enumerate() {
            rank[term as usize] = position as u32;
        }
        PrefixIndex {
            rank,
            postings: vec![Vec::new(); n_terms],
            seen: Vec::new(),
            probe: 0,
            by_rank: Vec::new(),
        }
    }

    fn sort_by_rank(&mut self, terms: &[TermId]) {
        let rank = &self.rank;
        self.by_rank.clear();
        self.by_rank.extend_from_slice(terms);
        self.by_rank.sort_unstable_by_key(|&term| rank[term as usize]);
    }

    fn insert(&mut self, terms: &[TermId], set: u32) {
        self.seen.push(0);
        if terms.is_empty() {
            return;
        }
        self.sort_by_rank(terms);
        let signature = signature(terms);
        for k in 0..prefix_len(terms.len()) {
            let term = self.by_rank[k] as usize;
            self.postings[term].push(Posting {
                set,
                at: k as u32,
                len: terms.len() as u32,
                signature,
            });
        }
    }
}

/// Maximal marginal relevance picks, lazily: a candidate's value
/// `λ · relevance − (1 − λ) · max similarity to the chosen` can only fall as
/// sentences are chosen, so the value it had when last computed bounds it.
/// The candidate on top of a heap of such bounds is re-scored against the
/// sentences chosen since; when it stays on top with a current value, it is
/// the pick, exactly as a full pass over every candidate would find it
/// (ties to the earlier candidate, as the full pass breaks them).
///
/// Re-scoring goes through an inverted index of the chosen sentences'
/// terms, so a candidate meets only the chosen sentences it shares a term
/// with: those it shares none with have similarity 0, which never raises
/// the maximum.
#[derive(Debug)]
pub(crate) struct LazyMmr {
    heap: BinaryHeap<Entry>,
    lambda: f64,
    /// Per term id, the chosen sentences (by order of choice) that have it.
    postings: Vec<Vec<u32>>,
    /// How many chosen sentences are in `postings`.
    indexed: usize,
    /// Scratch: per chosen sentence, terms shared with the candidate.
    shared: Vec<u32>,
    touched: Vec<u32>,
    /// Per chosen sentence, the [`signature`] and size of its terms.
    signatures: Vec<(u64, u32)>,
}

/// A candidate picked by [`LazyMmr::next`], with the parts of its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct MmrPick {
    /// The candidate's position in best-first order.
    pub(crate) position: u32,
    /// `λ · relevance − (1 − λ) · similarity`.
    pub(crate) value: f64,
    pub(crate) relevance: f64,
    /// Its highest similarity to the sentences chosen before it.
    pub(crate) similarity: f64,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    value: f64,
    /// The candidate's position in best-first order.
    position: u32,
    /// How many chosen sentences `similarity` covers.
    seen: u32,
    similarity: f64,
    relevance: f64,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// The greatest entry is the best: highest value, then earliest.
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.total_cmp(&other.value).then(other.position.cmp(&self.position))
    }
}

impl LazyMmr {
    /// Candidates with their relevance in `[0, 1]`, by position, over a
    /// vocabulary of `n_terms` term ids; `lambda` is clamped to `[0, 1]`,
    /// where values fall as similarity grows.
    pub(crate) fn new(
        relevance: impl Iterator<Item = f64>,
        lambda: f64,
        n_terms: usize,
    ) -> LazyMmr {
        let lambda = lambda.clamp(0.0, 1.0);
        let heap = relevance
            .enumerate()
            .map(|(position, relevance)| Entry {
                value: lambda * relevance,
                position: position as u32,
                seen: 0,
                similarity: 0.0,
                relevance,
            })
            .collect();
        LazyMmr {
            heap,
            lambda,
            postings: vec![Vec::new(); n_terms],
            indexed: 0,
            shared: Vec::new(),
            touched: Vec::new(),
            signatures: Vec::new(),
        }
    }

    /// The next pick: the position of the candidate of highest value given
    /// the chosen sentences (`chosen` are positions, `terms` gives a
    /// position's term set, sorted and distinct). With `skip_duplicates`,
    /// candidates with a similarity of [`DUPLICATE_SIMILARITY`] or more are
    /// dropped for good. `None` when no candidate is left.
    pub(crate) fn next<'t>(
        &mut self,
        chosen: &[u32],
        terms: impl Fn(u32) -> &'t [TermId],
        skip_duplicates: bool,
    ) -> Option<MmrPick> {
        for (order, &c) in chosen.iter().enumerate().skip(self.indexed) {
            for &term in terms(c) {
                self.postings[term as usize].push(order as u32);
            }
            self.shared.push(0);
            self.signatures.push((signature(terms(c)), terms(c).len() as u32));
        }
        self.indexed = chosen.len();
        while let Some(mut entry) = self.heap.pop() {
            if entry.seen as usize == chosen.len() {
                return Some(MmrPick {
                    position: entry.position,
                    value: entry.value,
                    relevance: entry.relevance,
                    similarity: entry.similarity,
                });
            }
            let own = terms(entry.position);
            // Through the postings, a candidate meets only the chosen sets
            // it shares a term with; but where every term is common that
            // costs more than a pass over the new chosen sets, most of which
            // their signatures rule out with one instruction each. The
            // cheaper of the two; both find the same maximum.
            let mut through_postings = 0;
            for &term in own {
                let postings = &self.postings[term as usize];
                through_postings += postings.len() - postings.partition_point(|&o| o < entry.seen);
            }
            if through_postings > 2 * (chosen.len() - entry.seen as usize) {
                let signature = signature(own);
                let newer = entry.seen as usize;
                for (&(other_signature, other), &c) in
                    self.signatures[newer..].iter().zip(&chosen[newer..])
                {
                    let bound = shared_at_most(signature, own.len() as u32, other_signature, other);
                    if f64::from(bound) / ((other as usize * own.len()) as f64).sqrt()
                        <= entry.similarity
                    {
                        continue;
                    }
                    let similarity = set_cosine(own, terms(c));
                    entry.similarity = entry.similarity.max(similarity);
                }
            } else {
                for &term in own {
                    let postings = &self.postings[term as usize];
                    let newer = postings.partition_point(|&order| order < entry.seen);
                    for &order in &postings[newer..] {
                        let count = &mut self.shared[order as usize];
                        if *count == 0 {
                            self.touched.push(order);
                        }
                        *count += 1;
                    }
                }
                for order in self.touched.drain(..) {
                    let shared = std::mem::take(&mut self.shared[order as usize]);
                    let other = terms(chosen[order as usize]).len();
                    // The bits of `set_cosine`: the same integer product.
                    let similarity = shared as f64 / ((other * own.len()) as f64).sqrt();
                    entry.similarity = entry.similarity.max(similarity);
                }
            }
            entry.seen = chosen.len() as u32;
            if skip_duplicates && entry.similarity >= DUPLICATE_SIMILARITY {
                continue;
            }
            entry.value = self.lambda * entry.relevance - (1.0 - self.lambda) * entry.similarity;
            self.heap.push(entry);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use abridge_text::{Document, Language};

    use super::*;
    use crate::select::content_terms;

    /// A text of `n` sentences over a small vocabulary where many sentences
    /// are an earlier one with a word changed, so near-duplicates abound.
    fn text(n: usize, seed: u64) -> String {
        const WORDS: &[&str] = &[
            "harbour", "storm", "council", "bridge", "budget", "river", "school", "market",
            "train", "doctor", "garden", "museum", "tunnel", "factory", "farmer", "pilot",
            "island", "village", "castle", "forest", "engine", "letter", "window", "ladder",
        ];
        let mut state = seed;
        let mut next = |bound: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % bound
        };
        let mut sentences: Vec<Vec<&str>> = Vec::new();
        for _ in 0..n {
            let sentence = if !sentences.is_empty() && next(10) < 4 {
                let mut copy = sentences[next(sentences.len())].clone();
                let at = next(copy.len());
                copy[at] = WORDS[next(WORDS.len())];
                copy
            } else {
                (0..3 + next(8)).map(|_| WORDS[next(WORDS.len())]).collect()
            };
            sentences.push(sentence);
        }
        sentences.iter().map(|words| words.join(" ") + ".").collect::<Vec<_>>().join(" ")
    }

    fn term_sets(document: &Document<'_>) -> Vec<Vec<TermId>> {
        (0..document.sentences().len())
            .map(|i| {
                let mut terms = Vec::new();
                content_terms(document, i, &mut terms);
                terms
            })
            .collect()
    }

    #[test]
    fn prefix_index_finds_the_duplicates_a_full_comparison_finds() {
        for seed in 0..20 {
            let text = text(300, seed);
            let document = Document::new(&text, Language::English);
            let sets = term_sets(&document);
            let mut indexed = ChosenSets::default();
            let mut plain: Vec<Vec<TermId>> = Vec::new();
            let mut duplicates = 0;
            for terms in &sets {
                let expected =
                    plain.iter().any(|chosen| set_cosine(chosen, terms) >= DUPLICATE_SIMILARITY);
                assert_eq!(indexed.is_duplicate(terms), expected, "seed {seed}");
                if expected {
                    duplicates += 1;
                } else {
                    plain.push(terms.clone());
                    indexed.add(&document, terms.clone());
                }
            }
            assert!(plain.len() > ChosenSets::LINEAR_LIMIT, "the index is exercised");
            assert!(duplicates > 10, "seed {seed}: only {duplicates} duplicates");
        }
    }

    /// The MMR pass of the selector before lazy picks: every candidate
    /// against every chosen sentence, each round.
    fn full_pass(relevance: &[f64], sets: &[Vec<TermId>], lambda: f64, skip: bool) -> Vec<u32> {
        let mut remaining: Vec<u32> = (0..relevance.len() as u32).collect();
        let mut chosen: Vec<u32> = Vec::new();
        while !remaining.is_empty() {
            let mut best: Option<(usize, f64)> = None;
            for (at, &p) in remaining.iter().enumerate() {
                let similarity = chosen
                    .iter()
                    .map(|&c| set_cosine(&sets[c as usize], &sets[p as usize]))
                    .fold(0.0, f64::max);
                if skip && similarity >= DUPLICATE_SIMILARITY {
                    continue;
                }
                let value = lambda * relevance[p as usize] - (1.0 - lambda) * similarity;
                if best.is_none_or(|(_, best_value)| value > best_value) {
                    best = Some((at, value));
                }
            }
            let Some((at, _)) = best else { break };
            chosen.push(remaining.remove(at));
        }
        chosen
    }

    #[test]
    fn lazy_mmr_picks_as_a_full_pass_does() {
        for seed in 0..10 {
            let text = text(120, seed);
            let document = Document::new(&text, Language::English);
            let sets = term_sets(&document);
            let relevance: Vec<f64> = (0..sets.len())
                .map(|i| ((i as u64 * 2654435761 + seed) % 1000) as f64 / 999.0)
                .collect();
            for lambda in [0.0, 0.3, 0.7, 1.0] {
                for skip in [false, true] {
                    let expected = full_pass(&relevance, &sets, lambda, skip);
                    let mut lazy =
                        LazyMmr::new(relevance.iter().copied(), lambda, document.n_terms());
                    let mut chosen = Vec::new();
                    while let Some(pick) = lazy.next(&chosen, |p| &sets[p as usize], skip) {
                        chosen.push(pick.position);
                    }
                    assert_eq!(chosen, expected, "seed {seed}, λ {lambda}, skip {skip}");
                }
            }
        }
    }
}
