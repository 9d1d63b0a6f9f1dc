//! [`Summarizer`]: the pipeline from text to [`Summary`].

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use abridge_formats::{InputFormat, Metadata};
use abridge_score::{
    Budget, ClusterMethod, Explanation, MmrStep, Order, QueryFocus, QueryFocused, Score, Scorer,
    ScorerKind, ScorerParams, Selector, SentenceFrequencies, TermStats, is_framing_word,
    query_terms,
};
use abridge_text::{Analyzer, Document, Language, SentenceKind};

use crate::batch::Scratch;
use crate::{
    EmptyReason, Error, Extract, LanguageChoice, LanguageSource, SummarizerConfig, Summary,
};

/// Summarises texts. Build one, then call [`Summarizer::summarize`] for
/// every text; it is `Send + Sync`, so threads can share it, and cloning
/// it is cheap (the clones share its parts).
///
/// ```
/// use abridge::Summarizer;
///
/// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
/// let summarizer = Summarizer::builder().sentences(1).build()?;
/// let summary = summarizer.summarize(text);
/// let chosen = &summary.sentences[0];
/// assert_eq!(&text[chosen.start..chosen.end], chosen.text);
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Summarizer {
    config: SummarizerConfig,
    /// One analyzer per language, built on first use.
    analyzers: Arc<[OnceLock<Analyzer>]>,
    scorer: Arc<dyn Scorer>,
    background: Option<Arc<dyn TermStats>>,
    explain: bool,
    cluster_method: ClusterMethod,
    /// The query summaries answer, if any (see [`Summarizer::with_query`]).
    query: Option<Arc<str>>,
    focus: QueryFocus,
}

impl Summarizer {
    /// A summarizer with `config`, after checking it.
    ///
    /// ```
    /// use abridge::{Budget, Summarizer, SummarizerConfig};
    ///
    /// let config = SummarizerConfig { budget: Budget::Words(20), ..SummarizerConfig::default() };
    /// assert_eq!(Summarizer::new(config)?.config().budget, Budget::Words(20));
    /// let zero = SummarizerConfig { budget: Budget::Sentences(0), ..SummarizerConfig::default() };
    /// assert!(Summarizer::new(zero).is_err());
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn new(config: SummarizerConfig) -> Result<Summarizer, Error> {
        config.validate()?;
        Ok(Summarizer {
            analyzers: Language::ALL.iter().map(|_| OnceLock::new()).collect(),
            scorer: Arc::from(config.scorer.build()),
            config,
            background: None,
            explain: false,
            cluster_method: ClusterMethod::default(),
            query: None,
            focus: QueryFocus::default(),
        })
    }

    /// This summarizer focused on `query`: its summaries answer it, each
    /// sentence's score mixing the scorer's own with its relevance to the
    /// query (see [`QueryFocused`]). `None`, or a query of no content word,
    /// gives the summaries of no query. The clone is cheap: a batch makes
    /// one for each record with its own query.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The council met on Monday to plan the year. \
    ///             The budget for the new library was the first item. \
    ///             Divers found a breach in the harbour wall last week.";
    /// let summarizer = Summarizer::builder().sentences(1).build()?;
    /// let plain = summarizer.summarize(text);
    /// assert!(plain.texts().next().unwrap().starts_with("The council"));
    /// let focused = summarizer.with_query(Some("What happened to the harbour?"));
    /// assert!(focused.summarize(text).texts().next().unwrap().starts_with("Divers"));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn with_query(&self, query: Option<&str>) -> Summarizer {
        let mut summarizer = self.clone();
        summarizer.query = query.filter(|query| !query.trim().is_empty()).map(Arc::from);
        summarizer
    }

    /// The query summaries answer, if any.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// How relevance to the query is found and weighed.
    pub fn query_focus(&self) -> QueryFocus {
        self.focus
    }

    /// The scorer focused on the query, for `document`, when there is a
    /// query. `speakers` names the speaker of each sentence, when the
    /// document is a transcript: a speaker the query names is no content
    /// word of it, but lifts the sentences they said.
    fn focused(
        &self,
        document: &Document<'_>,
        speakers: Option<&[Option<&str>]>,
    ) -> Option<QueryFocused<'_>> {
        let query = self.query.as_deref()?;
        let analyzer = self.analyzer(document.language());
        let analyzed = analyzer.analyze(query);
        let tokens = analyzed.tokens();
        let query_stems: Vec<&str> =
            tokens.iter().map(|token| analyzed.term(token.term())).collect();
        // The tokens of the query that name a speaker, and the speakers.
        let mut naming = vec![false; tokens.len()];
        let mut named: Vec<&str> = Vec::new();
        let mut labels: Vec<&str> =
            speakers.unwrap_or_default().iter().flatten().copied().collect();
        labels.sort_unstable();
        labels.dedup();
        for label in labels {
            let label_document = analyzer.analyze(label);
            let stems: Vec<&str> = label_document
                .tokens()
                .iter()
                .map(|token| label_document.term(token.term()))
                .collect();
            if stems.is_empty() || stems.len() > query_stems.len() {
                continue;
            }
            for start in 0..=query_stems.len() - stems.len() {
                if query_stems[start..start + stems.len()] == stems[..] {
                    naming[start..start + stems.len()].fill(true);
                    if !named.contains(&label) {
                        named.push(label);
                    }
                }
            }
        }
        let english = document.language() == Language::English;
        let stems: Vec<&str> = tokens
            .iter()
            .zip(&naming)
            .filter(|&(token, &naming)| {
                !naming
                    && !token.is_stop()
                    && (!english
                        || !is_framing_word(&abridge_text::token::lowercase(
                            token.span().slice(query),
                        )))
            })
            .map(|(token, _)| analyzed.term(token.term()))
            .collect();
        let focused = QueryFocused::new(&*self.scorer, query_terms(document, &stems), self.focus);
        Some(match speakers {
            Some(speakers) if !named.is_empty() => focused.with_speakers(
                speakers
                    .iter()
                    .map(|speaker| speaker.is_some_and(|speaker| named.contains(&speaker)))
                    .collect(),
            ),
            _ => focused,
        })
    }

    /// A builder, starting from the default settings.
    ///
    /// ```
    /// use abridge::{Summarizer, SummarizerConfig};
    ///
    /// assert_eq!(*Summarizer::builder().build()?.config(), SummarizerConfig::default());
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn builder() -> SummarizerBuilder {
        SummarizerBuilder::default()
    }

    /// The settings.
    ///
    /// ```
    /// use abridge::{Budget, Summarizer};
    ///
    /// let summarizer = Summarizer::builder().sentences(2).build()?;
    /// assert_eq!(summarizer.config().budget, Budget::Sentences(2));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn config(&self) -> &SummarizerConfig {
        &self.config
    }

    /// Whether chosen sentences get an [`Explanation`].
    pub(crate) fn explains(&self) -> bool {
        self.explain
    }

    /// How [`Summarizer::summarize_cluster`] controls redundancy when the
    /// settings ask for no MMR.
    pub fn cluster_method(&self) -> ClusterMethod {
        self.cluster_method
    }

    /// The scorer in use.
    ///
    /// ```
    /// use abridge::{ScorerKind, Summarizer};
    ///
    /// let summarizer = Summarizer::builder().scorer(ScorerKind::TextRank).build()?;
    /// assert_eq!(summarizer.scorer().name(), "textrank");
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn scorer(&self) -> &dyn Scorer {
        &*self.scorer
    }

    /// The analyzer for `language`.
    ///
    /// ```
    /// use abridge::{Language, Summarizer};
    ///
    /// let summarizer = Summarizer::builder().build()?;
    /// let document = summarizer.analyzer(Language::French).analyze("Le port a fermé. Il rouvre lundi.");
    /// assert_eq!(document.sentences().len(), 2);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn analyzer(&self, language: Language) -> &Analyzer {
        let index = Language::ALL.iter().position(|&known| known == language).unwrap_or(0);
        self.analyzers[index].get_or_init(|| Analyzer::new(language))
    }

    /// The language to analyse `text` in, and how it was chosen.
    ///
    /// ```
    /// use abridge::{Language, LanguageSource, Summarizer};
    ///
    /// let summarizer = Summarizer::builder().build()?;
    /// let text = "Der Hafen wurde am Dienstag nach dem Sturm geschlossen, sagte die Behörde.";
    /// assert_eq!(summarizer.language_of(text), (Language::German, LanguageSource::Detected));
    /// let english = Summarizer::builder().language(Language::English).build()?;
    /// assert_eq!(english.language_of(text), (Language::English, LanguageSource::Given));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn language_of(&self, text: &str) -> (Language, LanguageSource) {
        self.config.language.resolve(text)
    }

    /// Stages 1 and 2: segments and tokenises `text`, in the configured
    /// language or the one detected in it.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let document = Summarizer::builder().build()?.analyze(text);
    /// assert_eq!(document.sentences().len(), 3);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn analyze<'a>(&self, text: &'a str) -> Document<'a> {
        self.analyzer(self.language_of(text).0).analyze(text)
    }

    /// Summarises `text`.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summary = Summarizer::builder().sentences(2).build()?.summarize(text);
    /// assert_eq!(summary.sentences.len(), 2);
    /// assert_eq!(summary.n_sentences, 3);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize<'a>(&self, text: &'a str) -> Summary<'a> {
        let (language, source) = self.language_of(text);
        let document = self.analyzer(language).analyze(text);
        let mut scores = Vec::new();
        let mut summary = self.summarize_with_buffer(&document, &mut scores);
        summary.language_source = source;
        summary.unanalysed_bytes = text.len() - document.text().len();
        summary
    }

    /// Summarises `text` with memory kept between calls: the stems of words
    /// already met and the score buffer. The summary is the same as
    /// [`Summarizer::summarize`] gives; keep one [`Scratch`] per thread.
    ///
    /// ```
    /// use abridge::{Scratch, Summarizer};
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summarizer = Summarizer::builder().sentences(1).build()?;
    /// let mut scratch = Scratch::new();
    /// assert_eq!(summarizer.summarize_with(text, &mut scratch), summarizer.summarize(text));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_with<'a>(&self, text: &'a str, scratch: &mut Scratch) -> Summary<'a> {
        self.summarize_in(text, None, scratch)
    }

    /// Like [`Summarizer::summarize_with`]; with language detection on
    /// ([`LanguageChoice::Auto`]), `known` is taken as the text's language
    /// (recorded as [`LanguageSource::Given`]) instead of detecting it, as
    /// a batch does with [`BatchItem::language`](crate::BatchItem::language).
    ///
    /// ```
    /// use abridge::{Language, LanguageSource, Scratch, Summarizer};
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summarizer = Summarizer::builder().build()?;
    /// let summary = summarizer.summarize_in(text, Some(Language::English), &mut Scratch::new());
    /// assert_eq!(summary.language_source, LanguageSource::Given);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_in<'a>(
        &self,
        text: &'a str,
        known: Option<Language>,
        scratch: &mut Scratch,
    ) -> Summary<'a> {
        let (language, source) = match (self.config.language, known) {
            (LanguageChoice::Auto, Some(language)) => (language, LanguageSource::Given),
            _ => self.language_of(text),
        };
        let document = self.analyzer(language).analyze_cached(text, scratch.cache(language));
        let mut summary = self.summarize_with_buffer(&document, &mut scratch.scores);
        summary.unanalysed_bytes = text.len() - document.text().len();
        scratch.cache(language).recycle(document);
        summary.language_source = source;
        summary
    }

    /// Stages 3 to 5 on a document already analysed.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summarizer = Summarizer::builder().sentences(1).build()?;
    /// let document = summarizer.analyze(text);
    /// assert_eq!(summarizer.summarize_document(&document).sentences, summarizer.summarize(text).sentences);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_document<'a>(&self, document: &Document<'a>) -> Summary<'a> {
        let mut scores = vec![0.0; document.sentences().len()];
        self.summarize_with_buffer(document, &mut scores)
    }

    /// Like [`Summarizer::summarize_document`], scoring into a buffer the
    /// caller keeps between documents. The summary's language is the
    /// document's, recorded as [`LanguageSource::Given`].
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summarizer = Summarizer::builder().sentences(1).build()?;
    /// let document = summarizer.analyze(text);
    /// let mut scores = Vec::new();
    /// let summary = summarizer.summarize_with_buffer(&document, &mut scores);
    /// assert_eq!((summary.sentences.len(), scores.len()), (1, 3));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_with_buffer<'a>(
        &self,
        document: &Document<'a>,
        scores: &mut Vec<Score>,
    ) -> Summary<'a> {
        self.summarize_spoken(document, scores, None)
    }

    /// [`Summarizer::summarize_with_buffer`] with the speaker of each
    /// sentence, when the document is a transcript (see
    /// [`Summarizer::with_query`]).
    pub(crate) fn summarize_spoken<'a>(
        &self,
        document: &Document<'a>,
        scores: &mut Vec<Score>,
        speakers: Option<&[Option<&str>]>,
    ) -> Summary<'a> {
        scores.clear();
        scores.resize(document.sentences().len(), 0.0);
        let local;
        let stats: &dyn TermStats = match &self.background {
            Some(background) => &**background,
            None => {
                local = SentenceFrequencies::new(document);
                &local
            }
        };
        let focused = self.focused(document, speakers);
        let scorer: &dyn Scorer = match &focused {
            Some(focused) => focused,
            None => &*self.scorer,
        };
        let selector = self.selector();
        let target = selector.target_sentences(document, scorer.eligibility());
        scorer.score_for_target(document, stats, target, scores);
        let (chosen, steps) = if self.explain && self.config.redundancy.is_some() {
            selector.select_explained(document, scores, scorer.eligibility())
        } else {
            (selector.select(document, scores, scorer.eligibility()), Vec::new())
        };
        let sentences: Vec<Extract<'a>> = chosen
            .into_iter()
            .enumerate()
            .map(|(pick_idx, sentence_idx)| {
                let span = document.sentences()[sentence_idx].span();
                Extract {
                    index: sentence_idx,
                    text: Cow::Borrowed(span.slice(document.text())),
                    start: span.start,
                    end: span.end,
                    score: scores[sentence_idx],
                    explanation: self
                        .explain
                        .then(|| scorer.explain_for_target(document, stats, target, sentence_idx)),
                    shown: None,
                    source: None,
                    start_ms: None,
                    end_ms: None,
                    speaker: None,
                    selection: steps.get(pick_idx).map(MmrStep::explanation),
                    path: None,
                    doc: None,
                    doc_id: None,
                }
            })
            .collect();
        let empty_reason = sentences.is_empty().then(|| empty_reason(document, self.config.budget));
        Summary {
            settings: self.config,
            language: document.language(),
            language_source: LanguageSource::Given,
            format: InputFormat::Text,
            metadata: Metadata::default(),
            n_sentences: document.sentences().len(),
            sentences,
            empty_reason,
            unanalysed_bytes: 0,
        }
    }

    pub(crate) fn selector(&self) -> Selector {
        Selector {
            budget: self.config.budget,
            order: self.config.order,
            redundancy: self.config.redundancy,
        }
    }

    /// Why sentence `sentence_idx` of `document` got its score.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summarizer = Summarizer::builder().build()?;
    /// let document = summarizer.analyze(text);
    /// let explanation = summarizer.explain(&document, 0);
    /// assert!(explanation.value.is_finite());
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn explain(&self, document: &Document<'_>, sentence_idx: usize) -> Explanation {
        let focused = self.focused(document, None);
        let scorer: &dyn Scorer = match &focused {
            Some(focused) => focused,
            None => &*self.scorer,
        };
        let target = self.selector().target_sentences(document, scorer.eligibility());
        match &self.background {
            Some(background) => {
                scorer.explain_for_target(document, &**background, target, sentence_idx)
            }
            None => {
                let stats = SentenceFrequencies::new(document);
                scorer.explain_for_target(document, &stats, target, sentence_idx)
            }
        }
    }
}

pub(crate) fn empty_reason(document: &Document<'_>, budget: Budget) -> EmptyReason {
    if document.text().trim().is_empty() {
        EmptyReason::EmptyInput
    } else if document.n_words() == 0 {
        EmptyReason::NoWords
    } else if document.sentences().iter().enumerate().all(|(i, s)| {
        matches!(s.kind(), SentenceKind::Furniture | SentenceKind::Heading)
            || document.sentence_words(i) == 0
    }) {
        EmptyReason::OnlyFurniture
    } else if matches!(budget, Budget::Words(_) | Budget::Chars(_)) {
        EmptyReason::BudgetTooSmall
    } else {
        // A budget of sentences or a ratio always takes one sentence if
        // any is eligible: here the units are all headings or lead-ins
        // ("Before the release:") of a text without prose.
        EmptyReason::OnlyFurniture
    }
}

/// Builds a [`Summarizer`]: `Summarizer::builder().scorer(..).sentences(3).build()`.
///
/// ```
/// use abridge::{Order, ScorerKind, Summarizer};
///
/// let summarizer = Summarizer::builder()
///     .scorer(ScorerKind::Lead)
///     .sentences(2)
///     .order(Order::Score)
///     .build()?;
/// assert_eq!(summarizer.config().scorer, ScorerKind::Lead);
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct SummarizerBuilder {
    config: SummarizerConfig,
    params: serde_json::Map<String, serde_json::Value>,
    custom_scorer: Option<Box<dyn Scorer>>,
    /// From [`SummarizerBuilder::with_scorer`]: the scorer, or why its
    /// parameters are out of range.
    typed_scorer: Option<Result<Box<dyn Scorer>, abridge_score::InvalidParams>>,
    background: Option<Arc<dyn TermStats>>,
    explain: bool,
    cluster_method: Option<ClusterMethod>,
    query: Option<String>,
    focus: Option<QueryFocus>,
}

impl SummarizerBuilder {
    /// Starts from `config`.
    ///
    /// ```
    /// use abridge::{Budget, SummarizerBuilder, SummarizerConfig};
    ///
    /// let config = SummarizerConfig { budget: Budget::Chars(200), ..SummarizerConfig::default() };
    /// let summarizer = SummarizerBuilder::from_config(config).explain(true).build()?;
    /// assert_eq!(summarizer.config().budget, Budget::Chars(200));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn from_config(config: SummarizerConfig) -> SummarizerBuilder {
        SummarizerBuilder { config, ..SummarizerBuilder::default() }
    }

    /// The input language.
    ///
    /// ```
    /// use abridge::{Language, LanguageChoice, Summarizer};
    ///
    /// let summarizer = Summarizer::builder().language(Language::Dutch).build()?;
    /// assert_eq!(summarizer.config().language, LanguageChoice::Fixed(Language::Dutch));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn language(mut self, language: Language) -> Self {
        self.config.language = LanguageChoice::Fixed(language);
        self
    }

    /// The input language, or [`LanguageChoice::Auto`] to detect it in each text.
    ///
    /// ```
    /// use abridge::{LanguageChoice, Summarizer};
    ///
    /// let choice: LanguageChoice = "auto".parse().unwrap();
    /// let summarizer = Summarizer::builder().language_choice(choice).build()?;
    /// assert_eq!(summarizer.config().language, LanguageChoice::Auto);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn language_choice(mut self, choice: LanguageChoice) -> Self {
        self.config.language = choice;
        self
    }

    /// The scoring strategy, with its default parameters (or those of
    /// [`SummarizerBuilder::scorer_params`]).
    ///
    /// ```
    /// use abridge::{ScorerKind, Summarizer};
    ///
    /// let summarizer = Summarizer::builder().scorer("lexrank".parse().unwrap()).build()?;
    /// assert_eq!(summarizer.config().scorer, ScorerKind::LexRank);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn scorer(mut self, scorer: ScorerKind) -> Self {
        self.config.scorer = scorer;
        self.typed_scorer = None;
        self
    }

    /// The length budget.
    ///
    /// ```
    /// use abridge::{Budget, Summarizer};
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summary = Summarizer::builder().budget(Budget::Words(10)).build()?.summarize(text);
    /// let words: usize = summary.texts().map(|text| text.split_whitespace().count()).sum();
    /// assert!(words <= 10);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn budget(mut self, budget: Budget) -> Self {
        self.config.budget = budget;
        self
    }

    /// Shorthand for a budget of `n` sentences.
    ///
    /// ```
    /// use abridge::{Budget, Summarizer};
    ///
    /// assert_eq!(Summarizer::builder().sentences(4).build()?.config().budget, Budget::Sentences(4));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn sentences(self, n: usize) -> Self {
        self.budget(Budget::Sentences(n))
    }

    /// The order of the chosen sentences.
    ///
    /// ```
    /// use abridge::{Order, Summarizer};
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summary = Summarizer::builder().sentences(3).order(Order::Score).build()?.summarize(text);
    /// let scores: Vec<f64> = summary.sentences.iter().map(|extract| extract.score).collect();
    /// assert!(scores.windows(2).all(|pair| pair[0] >= pair[1]), "best first");
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn order(mut self, order: Order) -> Self {
        self.config.order = order;
        self
    }

    /// MMR redundancy control with trade-off λ in `[0, 1]`: each pick
    /// maximises `λ · relevance − (1 − λ) · redundancy`, so 1 is relevance
    /// only and 0.7 a good start; checked by [`SummarizerBuilder::build`].
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The storm hit the coast and flooded homes on Monday. \
    ///             The storm flooded homes on the coast on Monday night. \
    ///             Schools across the region will stay closed until Friday.";
    /// let plain = Summarizer::builder().sentences(2).build()?;
    /// let mmr = Summarizer::builder().sentences(2).redundancy(0.3).build()?;
    /// assert_eq!(mmr.config().redundancy, Some(0.3));
    /// assert!(mmr.summarize(text).texts().any(|text| text.starts_with("Schools")));
    /// assert!(Summarizer::builder().redundancy(1.5).build().is_err());
    /// # let _ = plain;
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn redundancy(mut self, lambda: f64) -> Self {
        self.config.redundancy = Some(lambda);
        self
    }

    /// No redundancy control: sentences are picked by score alone (the
    /// default).
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let summarizer = Summarizer::builder().redundancy(0.7).without_redundancy().build()?;
    /// assert_eq!(summarizer.config().redundancy, None);
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn without_redundancy(mut self) -> Self {
        self.config.redundancy = None;
        self
    }

    /// A built-in strategy with its parameters, typed: the scorer kind
    /// becomes `P::KIND`, and the parameters are range-checked by
    /// [`SummarizerBuilder::build`] ([`ScorerParams::check`]).
    ///
    /// ```
    /// use abridge::Summarizer;
    /// use abridge::crates::score::{ScorerKind, TextRank, TfIdfPosition};
    ///
    /// let summarizer = Summarizer::builder()
    ///     .with_scorer(TfIdfPosition { position_weight: 0.3, ..TfIdfPosition::default() })
    ///     .build()?;
    /// assert_eq!(summarizer.config().scorer, ScorerKind::TfIdfPosition);
    /// let summarizer = Summarizer::builder().with_scorer(TextRank { damping: 0.9, ..TextRank::default() }).build()?;
    /// assert_eq!(summarizer.scorer().name(), "textrank");
    /// let error = Summarizer::builder()
    ///     .with_scorer(TfIdfPosition { position_weight: 2.0, ..TfIdfPosition::default() })
    ///     .build()
    ///     .unwrap_err();
    /// assert!(error.to_string().contains("position_weight is 2, but must be in [0, 1]"));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn with_scorer<P: ScorerParams>(mut self, scorer: P) -> Self {
        self.config.scorer = P::KIND;
        self.params = serde_json::Map::new();
        self.typed_scorer = Some(scorer.check().map(|()| Box::new(scorer) as Box<dyn Scorer>));
        self
    }

    /// Parameters of the configured scorer, as a JSON object whose keys are
    /// the fields of its type (see [`ScorerKind::build_with`]); checked by
    /// [`SummarizerBuilder::build`].
    ///
    /// ```
    /// use abridge::{ScorerKind, Summarizer};
    ///
    /// let params = serde_json::json!({"position_weight": 0.5});
    /// let summarizer = Summarizer::builder()
    ///     .scorer(ScorerKind::TfIdfPosition)
    ///     .scorer_params(params.as_object().unwrap().clone())
    ///     .build()?;
    /// assert_eq!(summarizer.scorer().name(), "tfidf-position");
    /// let bad = serde_json::json!({"no_such_parameter": 1});
    /// assert!(Summarizer::builder().scorer_params(bad.as_object().unwrap().clone()).build().is_err());
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn scorer_params(mut self, params: serde_json::Map<String, serde_json::Value>) -> Self {
        self.params = params;
        self
    }

    /// Scores with `scorer` instead of the configured built-in one: your own
    /// strategy, or a built-in one with other parameters. The summary's
    /// settings still name the configured `scorer` kind.
    ///
    /// ```
    /// use abridge::Summarizer;
    /// use abridge::crates::score::Lead;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summarizer = Summarizer::builder().custom_scorer(Box::new(Lead)).sentences(1).build()?;
    /// assert_eq!(summarizer.scorer().name(), "lead");
    /// assert!(summarizer.summarize(text).sentences[0].text.starts_with("The harbour closed"));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn custom_scorer(mut self, scorer: Box<dyn Scorer>) -> Self {
        self.custom_scorer = Some(scorer);
        self
    }

    /// IDF from a background corpus instead of the document's own sentences.
    ///
    /// ```
    /// use std::sync::Arc;
    ///
    /// use abridge::Summarizer;
    /// use abridge::crates::score::SentenceFrequencies;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summarizer = Summarizer::builder().build()?;
    /// // IDF from another text: here a second document stands for a corpus.
    /// let corpus = summarizer.analyze("Storms closed many harbours this winter. Repairs took weeks.");
    /// let summarizer = Summarizer::builder().background(Arc::new(SentenceFrequencies::new(&corpus))).build()?;
    /// assert!(!summarizer.summarize(text).is_empty());
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn background(mut self, stats: Arc<dyn TermStats>) -> Self {
        self.background = Some(stats);
        self
    }

    /// Whether quoted replies of e-mail threads may be chosen (see
    /// [`SummarizerConfig::include_quoted`]).
    ///
    /// ```
    /// use abridge::{InputFormat, Summarizer};
    ///
    /// let thread = "Yes, the racks arrive on Monday.\n\nOn Fri, 2 May 2026, Ben wrote:\n> When do the new racks for the\n> storage room arrive?\n";
    /// let quoted = Summarizer::builder().include_quoted(true).sentences(5).build()?;
    /// let summary = quoted.summarize_as(thread, InputFormat::Email);
    /// assert!(summary.texts().any(|text| text.contains("storage room")));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn include_quoted(mut self, include: bool) -> Self {
        self.config.include_quoted = include;
        self
    }

    /// How [`Summarizer::summarize_cluster`] controls redundancy across
    /// documents when no MMR λ is set ([`SummarizerBuilder::redundancy`]
    /// asks for MMR): concept coverage with these parameters, by default.
    pub fn cluster_method(mut self, method: ClusterMethod) -> Self {
        self.cluster_method = Some(method);
        self
    }

    /// Summaries that answer `query` (see [`Summarizer::with_query`]).
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.query = Some(query.into());
        self
    }

    /// How relevance to a query is found and weighed; checked by
    /// [`SummarizerBuilder::build`].
    pub fn query_focus(mut self, focus: QueryFocus) -> Self {
        self.focus = Some(focus);
        self
    }

    /// Attach an [`Explanation`] to every chosen sentence.
    ///
    /// ```
    /// use abridge::Summarizer;
    ///
    /// let text = "The harbour closed on Tuesday after the storm. Divers found a breach in the sea wall. Repairs will take a week, the harbour master said.";
    /// let summary = Summarizer::builder().explain(true).build()?.summarize(text);
    /// assert!(summary.sentences.iter().all(|extract| extract.explanation.is_some()));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn explain(mut self, explain: bool) -> Self {
        self.explain = explain;
        self
    }

    /// Replaces the settings with `config`, then checks them and builds.
    ///
    /// ```
    /// use abridge::{Budget, Summarizer, SummarizerConfig};
    ///
    /// let config = SummarizerConfig { budget: Budget::Ratio(0.5), ..SummarizerConfig::default() };
    /// let summarizer = Summarizer::builder().explain(true).build_from(config)?;
    /// assert_eq!(summarizer.config().budget, Budget::Ratio(0.5));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn build_from(mut self, config: SummarizerConfig) -> Result<Summarizer, Error> {
        self.config = config;
        self.build()
    }

    /// Checks the settings and builds.
    ///
    /// ```
    /// use abridge::{Budget, Summarizer};
    ///
    /// assert!(Summarizer::builder().build().is_ok());
    /// assert!(Summarizer::builder().budget(Budget::Ratio(1.5)).build().is_err());
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn build(self) -> Result<Summarizer, Error> {
        let mut summarizer = Summarizer::new(self.config)?;
        if !self.params.is_empty() {
            summarizer.scorer = Arc::from(self.config.scorer.build_with(&self.params)?);
        }
        if let Some(typed) = self.typed_scorer {
            summarizer.scorer = Arc::from(typed?);
        }
        if let Some(scorer) = self.custom_scorer {
            summarizer.scorer = Arc::from(scorer);
        }
        summarizer.background = self.background;
        summarizer.explain = self.explain;
        if let Some(method) = self.cluster_method {
            summarizer.cluster_method = method;
        }
        if let Some(focus) = self.focus {
            focus.check().map_err(Error::InvalidQueryFocus)?;
            summarizer.focus = focus;
        }
        Ok(summarizer.with_query(self.query.as_deref()))
    }
}
