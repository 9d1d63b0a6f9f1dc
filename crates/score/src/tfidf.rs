//! `tfidf-position`: tf-idf content and centrality combined with a
//! position prior whose weight each document sets for itself.

use abridge_text::{Document, SentenceKind};
use serde::{Deserialize, Serialize};

use crate::features::{CentroidCosines, Degrees};
use crate::{Explanation, PositionPrior, Score, Scorer, TermStats};

/// Scores a sentence by its tf-idf content and centrality, mixed with a
/// [`PositionPrior`] whose weight depends on how central the document's
/// opening sentence is:
///
/// ```text
/// cosine     = cosine(tfidf(sentence), tfidf(document)) / max over sentences
/// lead       = (cosine of the first sentence of prose - median cosine) / (1 - median cosine)
/// gate       = 1 / (1 + exp(-(lead_slope · (lead - lead_center) + length_slope · ln(n / 12))))
/// news       = (min(1, lead_sentences / k) · min(1, lead_share / (k / n)))^budget_power · gate
/// earlier    = 1 - (1 - earlier_weight) · news
/// degree     = Σ_{j>i} cos(i, j) + earlier · Σ_{j<i} cos(i, j), over its range in the document
/// length     = (words / mean words of the prose)^(length_power · (1 - news))
/// content    = length · ((1 - centrality_weight) · cosine + centrality_weight · degree), over the best
/// weight     = position_weight · news
/// score      = (1 - weight) · content + weight · prior
/// ```
///
/// for a summary of about k sentences of a text with n sentences of prose
/// (the graph joins those only). News written as an inverted pyramid
/// opens with its most central sentence, and there the lead is worth its
/// place; a paper's abstract, a column or a feature opens with background,
/// and there position should say little. `lead` reads that from the
/// document alone: 1 when its first sentence is the one closest to the
/// whole, 0 when it is no closer than the median sentence, and `gate` turns
/// it smoothly into how much the document is read as news. A long summary
/// (40% of an article, say) wants the best sentences from all over it, so
/// `news` also shrinks as k grows, and the prior itself stretches (see
/// [`PositionPrior`]). Plain [`Scorer::score`] assumes a summary of
/// [`DEFAULT_TARGET_SENTENCES`].
///
/// `news` sets two things: the weight of the position prior, and the
/// direction of the centrality. The degree is LexRank's continuous degree
/// centrality when `earlier` is 1, and PacSum's directed centrality when it
/// is negative (a sentence that repeats earlier ones loses, one that later
/// sentences build on gains), both computed in linear time ([`Degrees`]):
/// a sentence that many others resemble carries the document's content
/// even when it shares few words with its centroid.
///
/// A conversation ([`Document::is_conversation`]: a meeting's transcript)
/// has no lead, and position no weight in it.
///
/// Term frequencies count content words (not stop words) after stemming;
/// IDF comes from the [`TermStats`] given, by default sentence-level
/// frequencies of the document itself. The cosines do not grow with
/// sentence length, so long sentences win only if they stay on topic.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TfIdfPosition {
    /// Share of the score that comes from position, in `[0, 1]`, for
    /// summaries of up to `lead_sentences` sentences of a document whose
    /// lead is fully central (the gate at 1).
    pub position_weight: f64,
    /// Summaries up to this long give position its full weight.
    pub lead_sentences: f64,
    /// Share of the content that comes from degree centrality, in `[0, 1]`.
    pub centrality_weight: f64,
    /// Weight of the cosines with earlier sentences in the degree of a
    /// document read fully as news (1: undirected, as LexRank; negative:
    /// PacSum's directed centrality); a document read less as news moves it
    /// towards 1.
    pub earlier_weight: f64,
    /// How fast `news` falls for summaries longer than `lead_sentences`.
    pub budget_power: f64,
    /// The lead centrality at which the gate is one half.
    pub lead_center: f64,
    /// How sharply the gate turns with the lead centrality (0: always one half).
    pub lead_slope: f64,
    /// A summary of more than this share of the prose is not a lead, however
    /// few its sentences: `news` is also multiplied by
    /// `min(1, lead_share / (k / prose sentences))^budget_power`.
    pub lead_share: f64,
    /// How much the gate opens per unit of `ln(prose sentences / 12)`: a
    /// short text (an abstract, a paragraph) is less often an inverted
    /// pyramid than a long article.
    pub length_slope: f64,
    /// Content is multiplied by `(words / mean words of the prose)^length_power`
    /// in summaries longer than a lead (scaled by `1 - news`): a long
    /// summary of an article is read by its words, not its sentences.
    pub length_power: f64,
    /// The position prior.
    pub prior: PositionPrior,
}

impl Default for TfIdfPosition {
    fn default() -> Self {
        TfIdfPosition {
            position_weight: 0.3,
            lead_sentences: 3.0,
            centrality_weight: 1.0,
            earlier_weight: -2.0,
            budget_power: 30.0,
            lead_center: -0.1,
            lead_slope: 8.0,
            lead_share: 0.35,
            length_slope: 1.0,
            length_power: 0.25,
            prior: PositionPrior::default(),
        }
    }
}

/// The number of prose sentences at which the length term of the gate is 0.
pub const LENGTH_PIVOT: f64 = 12.0;

/// The summary length [`Scorer::score`] assumes: the CLI's default budget.
pub const DEFAULT_TARGET_SENTENCES: usize = 3;

/// What a document says about itself: the parts of every sentence's
/// content and the centrality of its lead.
struct Parts {
    /// Per sentence, the tf-idf cosine to the document.
    cosines: Vec<f64>,
    /// The best cosine.
    max_cosine: f64,
    degrees: Degrees,
    /// The weight of earlier sentences in this document's degree.
    earlier: f64,
    /// The smallest and largest degree before normalising
    /// (`after + earlier · before`).
    degree_range: (f64, f64),
    lead: Lead,
    /// The gate of the lead centrality.
    gate: f64,
    /// How much the document is read as news: `min(1, L / k) · gate`.
    news: f64,
    /// The number of sentences of prose.
    prose_sentences: usize,
    /// The mean number of words of a sentence of prose.
    mean_words: f64,
    /// The largest content × length factor, over the sentences of prose.
    content_max: f64,
}

/// The lead centrality of a document.
#[derive(Clone, Copy, Debug)]
struct Lead {
    /// The first sentence of prose (the first sentence if there is none).
    sentence_idx: usize,
    /// Its normalised cosine.
    cosine: f64,
    /// The median normalised cosine of the sentences of prose.
    median: f64,
    /// `(cosine - median) / (1 - median)`, 0 when every sentence is alike.
    centrality: f64,
}

impl Lead {
    fn of(document: &Document<'_>, cosines: &[f64], max_cosine: f64) -> Lead {
        let normalized = |c: f64| if max_cosine > 0.0 { c / max_cosine } else { 0.0 };
        let prose = |i: &usize| document.sentences()[*i].kind() == SentenceKind::Prose;
        let n = cosines.len();
        let sentence_idx = (0..n).find(prose).unwrap_or(0);
        let mut values: Vec<f64> = (0..n).filter(prose).map(|i| normalized(cosines[i])).collect();
        if values.is_empty() {
            values = cosines.iter().map(|&c| normalized(c)).collect();
        }
        let median = if values.is_empty() {
            0.0
        } else {
            let middle = values.len() / 2;
            *values.select_nth_unstable_by(middle, f64::total_cmp).1
        };
        let cosine = cosines.get(sentence_idx).map_or(0.0, |&c| normalized(c));
        let centrality = if median < 1.0 { (cosine - median) / (1.0 - median) } else { 0.0 };
        Lead { sentence_idx, cosine, median, centrality }
    }
}

impl TfIdfPosition {
    fn parts(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
    ) -> Parts {
        let n = document.sentences().len();
        let mut cosines = vec![0.0; n];
        // The graph joins the sentences of prose (every sentence if there is none).
        let mut members: Vec<bool> =
            document.sentences().iter().map(|s| s.kind() == SentenceKind::Prose).collect();
        if !members.contains(&true) {
            members.fill(true);
        }
        let degrees = CentroidCosines::new(document, stats).all_with_degrees(
            document,
            &members,
            &mut cosines,
        );
        let max_cosine = cosines.iter().copied().fold(0.0, f64::max);
        let lead = Lead::of(document, &cosines, max_cosine);
        let prose_sentences = members.iter().filter(|&&m| m).count();
        let gate = self.gate(lead.centrality, prose_sentences);
        let news = self.shrink(target_sentences, prose_sentences).powf(self.budget_power) * gate;
        let earlier = 1.0 - (1.0 - self.earlier_weight) * news;
        let degree_range = (0..n)
            .filter(|&i| members[i])
            .map(|i| raw_degree(&degrees, earlier, i))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), d| (low.min(d), high.max(d)));
        let words: usize = (0..n).filter(|&i| members[i]).map(|i| document.sentence_words(i)).sum();
        let mean_words = words as f64 / prose_sentences.max(1) as f64;
        let mut parts = Parts {
            cosines,
            max_cosine,
            degrees,
            earlier,
            degree_range,
            lead,
            gate,
            news,
            prose_sentences,
            mean_words,
            content_max: 1.0,
        };
        let content_max = (0..n)
            .filter(|&i| members[i])
            .map(|i| {
                let [_, _, length, content, _] = self.content(document, &parts, i);
                length * content
            })
            .fold(0.0, f64::max);
        parts.content_max = content_max;
        parts
    }

    /// `min(1, lead_sentences / k) · min(1, lead_share / (k / prose sentences))`:
    /// how much a summary of `target_sentences` sentences is a lead.
    fn shrink(&self, target_sentences: usize, prose_sentences: usize) -> f64 {
        let k = target_sentences.max(1) as f64;
        let share = k / prose_sentences.max(1) as f64;
        (self.lead_sentences / k).min(1.0) * (self.lead_share / share).min(1.0)
    }

    /// The weight of position in `document`, read as news to the degree
    /// `news`: none in a conversation ([`Document::is_conversation`]),
    /// which has no lead.
    fn position_weight_in(&self, document: &Document<'_>, news: f64) -> f64 {
        if document.is_conversation() { 0.0 } else { self.position_weight * news }
    }

    /// The gate: the share of the position weight a document with lead
    /// centrality `lead`
    /// (and `prose_sentences` sentences of prose) gives to position, in `(0, 1)`.
    pub fn gate(&self, lead: f64, prose_sentences: usize) -> f64 {
        let length = (prose_sentences.max(1) as f64 / LENGTH_PIVOT).ln();
        let z = self.lead_slope * (lead - self.lead_center) + self.length_slope * length;
        1.0 / (1.0 + (-z).exp())
    }

    /// The weight of position for a summary of `target_sentences` sentences
    /// of a document whose lead is fully central (the gate left out).
    pub fn position_weight_for(&self, target_sentences: usize) -> f64 {
        self.position_weight * (self.lead_sentences / target_sentences.max(1) as f64).min(1.0)
    }

    /// Sentence `sentence_idx`'s normalised cosine, normalised degree, length
    /// factor, content before the length factor, and content (over the best).
    fn content(&self, document: &Document<'_>, parts: &Parts, sentence_idx: usize) -> [f64; 5] {
        let cosine = if parts.max_cosine > 0.0 {
            parts.cosines[sentence_idx] / parts.max_cosine
        } else {
            0.0
        };
        let (low, high) = parts.degree_range;
        let degree = if high > low {
            (raw_degree(&parts.degrees, parts.earlier, sentence_idx) - low) / (high - low)
        } else {
            0.0
        };
        let content = (1.0 - self.centrality_weight) * cosine + self.centrality_weight * degree;
        let relative = document.sentence_words(sentence_idx) as f64 / parts.mean_words.max(1.0);
        let length = relative.powf(self.length_power * (1.0 - parts.news));
        let scaled = if parts.content_max > 0.0 {
            (length * content / parts.content_max).min(1.0)
        } else {
            0.0
        };
        [cosine, degree, length, content, scaled]
    }
}

fn raw_degree(degrees: &Degrees, earlier: f64, sentence_idx: usize) -> f64 {
    degrees.after[sentence_idx] + earlier * degrees.before[sentence_idx]
}

impl Scorer for TfIdfPosition {
    fn name(&self) -> &'static str {
        "tfidf-position"
    }

    fn score(&self, document: &Document<'_>, stats: &dyn TermStats, scores: &mut [Score]) {
        self.score_for_target(document, stats, DEFAULT_TARGET_SENTENCES, scores);
    }

    fn explain(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        sentence_idx: usize,
    ) -> Explanation {
        self.explain_for_target(document, stats, DEFAULT_TARGET_SENTENCES, sentence_idx)
    }

    fn score_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
        scores: &mut [Score],
    ) {
        let parts = self.parts(document, stats, target_sentences);
        let weight = self.position_weight_in(document, parts.news);
        let priors = self.prior.for_target(target_sentences).weights(document);
        for (sentence_idx, (score, prior)) in scores.iter_mut().zip(priors).enumerate() {
            let [_, _, _, _, content] = self.content(document, &parts, sentence_idx);
            *score = (1.0 - weight) * content + weight * prior;
        }
    }

    fn explain_for_target(
        &self,
        document: &Document<'_>,
        stats: &dyn TermStats,
        target_sentences: usize,
        sentence_idx: usize,
    ) -> Explanation {
        let parts = self.parts(document, stats, target_sentences);
        let [cosine, degree, length, unscaled, content] =
            self.content(document, &parts, sentence_idx);
        let weight = self.position_weight_in(document, parts.news);
        let prior = self.prior.for_target(target_sentences);
        let prior_weight = prior.weights(document).nth(sentence_idx).unwrap_or(0.0);
        let lead = parts.lead;
        Explanation::new(
            format!(
                "tfidf-position: {:.2} × content + {:.2} × position (for a summary of {} sentence{})",
                1.0 - weight,
                weight,
                target_sentences,
                if target_sentences == 1 { "" } else { "s" }
            ),
            (1.0 - weight) * content + weight * prior_weight,
        )
        .with(
            Explanation::new("content: length factor × (cosine and degree), over the best", content)
                .with(
                    Explanation::new(
                        format!(
                            "length factor: (words / mean words of the prose)^({} × (1 - news))",
                            self.length_power
                        ),
                        length,
                    )
                    .with(Explanation::new(
                        "words",
                        document.sentence_words(sentence_idx) as f64,
                    ))
                    .with(Explanation::new("mean words of the prose", parts.mean_words)),
                )
                .with(
            Explanation::new(
                format!(
                    "content: {:.2} × tf-idf cosine + {:.2} × degree centrality",
                    1.0 - self.centrality_weight,
                    self.centrality_weight
                ),
                unscaled,
            )
            .with(
                Explanation::new("tf-idf cosine to the document, over the best sentence's", cosine)
                    .with(Explanation::new(
                        "tf-idf cosine to the document",
                        parts.cosines[sentence_idx],
                    ))
                    .with(Explanation::new("best cosine in the document", parts.max_cosine)),
            )
            .with(
                Explanation::new(
                    format!(
                        "degree centrality: later + {:.2} × earlier, over the range in the document",
                        parts.earlier
                    ),
                    degree,
                )
                .with(Explanation::new(
                    "sum of tf-idf cosines with earlier sentences",
                    parts.degrees.before[sentence_idx],
                ))
                .with(Explanation::new(
                    "sum of tf-idf cosines with later sentences",
                    parts.degrees.after[sentence_idx],
                )),
            ),
        ),
        )
        .with(
            Explanation::new(
                format!(
                    "news: (min(1, {} / {}) × min(1, {} / ({} / {})))^{} × gate; position weighs {} × news, earlier sentences 1 - {} × news",
                    self.lead_sentences,
                    target_sentences,
                    self.lead_share,
                    target_sentences,
                    parts.prose_sentences,
                    self.budget_power,
                    self.position_weight,
                    1.0 - self.earlier_weight
                ),
                parts.news,
            )
            .with(
                Explanation::new(
                    format!(
                        "gate: 1 / (1 + exp(-({} × (lead centrality - {}) + {} × ln(prose sentences / {LENGTH_PIVOT}))))",
                        self.lead_slope, self.lead_center, self.length_slope
                    ),
                    parts.gate,
                )
                .with(Explanation::new("prose sentences", parts.prose_sentences as f64))
                .with(
                    Explanation::new(
                        "lead centrality: (lead cosine - median) / (1 - median)",
                        lead.centrality,
                    )
                    .with(Explanation::new(
                        format!("lead cosine (sentence {}), over the best", lead.sentence_idx),
                        lead.cosine,
                    ))
                    .with(Explanation::new("median cosine of the prose, over the best", lead.median)),
                ),
            ),
        )
        .with(prior.explain(document, sentence_idx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SentenceFrequencies;
    use abridge_text::Language;

    #[test]
    fn position_weighs_less_in_long_summaries() {
        let scorer = TfIdfPosition::default();
        assert_eq!(scorer.position_weight_for(1), scorer.position_weight);
        assert_eq!(scorer.position_weight_for(3), scorer.position_weight);
        assert!((scorer.position_weight_for(6) - scorer.position_weight / 2.0).abs() < 1e-12);
    }

    #[test]
    fn a_summary_of_much_of_the_text_is_not_a_lead() {
        let text = "The harbour council voted to rebuild the harbour wall after the storm. \
                    Rebuilding the harbour wall will cost the council two million. \
                    The storm broke the wall in two places last winter. \
                    Fishing boats have used the old pier since the storm. \
                    The council will choose a builder for the wall in spring. \
                    Work on the harbour wall should end next year.";
        let document = Document::new(text, Language::English);
        let stats = SentenceFrequencies::new(&document);
        let scorer = TfIdfPosition::default();
        let one = scorer.parts(&document, &stats, 1).news;
        // Three sentences are a lead by count, but half of this text.
        let three = scorer.parts(&document, &stats, 3).news;
        assert!(one > 0.1, "{one}");
        assert!(three < one * 1e-3, "{three} {one}");
    }

    #[test]
    fn a_lead_that_digresses_is_not_read_as_news() {
        let digression = "The weather was mild on the first day of the fair. \
                    Visitors queued for coffee near the gate. \
                    The harbour council voted to rebuild the harbour wall after the storm. \
                    Rebuilding the harbour wall will cost the council two million. \
                    The harbour wall fell in the storm last winter.";
        let news = "The harbour council voted to rebuild the harbour wall after the storm. \
                    Rebuilding the harbour wall will cost the council two million. \
                    The weather was mild on the first day of the fair. \
                    Visitors queued for coffee near the gate. \
                    The harbour wall fell in the storm last winter.";
        let scorer = TfIdfPosition::default();
        let scores = |text: &str| {
            let document = Document::new(text, Language::English);
            let stats = SentenceFrequencies::new(&document);
            let mut scores = vec![0.0; 5];
            scorer.score_for_target(&document, &stats, 1, &mut scores);
            let parts = scorer.parts(&document, &stats, 1);
            (scores, parts.news)
        };
        let (digression_scores, digression_news) = scores(digression);
        let (news_scores, news_news) = scores(news);
        assert!(news_news > 0.5 && digression_news < 0.5, "{news_news} {digression_news}");
        // An on-topic opening is kept; an off-topic one gives way to content.
        let best =
            |scores: &[f64]| (0..5).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap();
        assert_eq!(best(&news_scores), 0, "{news_scores:?}");
        assert!(digression_scores[0] < digression_scores[2], "{digression_scores:?}");
    }
}
