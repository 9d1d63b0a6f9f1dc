//! Batches: many documents summarised on every core, with results in input
//! order and a bounded number of documents in memory.
//!
//! [`Summarizer::summarize_batch`] takes any iterator of [`BatchItem`]s (an
//! id, the text or the reason there is none, and whatever the caller wants
//! carried through) and returns an iterator of [`BatchResult`]s, one per
//! item, in the order the items came in.
//!
//! # How it works
//!
//! With one thread the batch runs on a plain sequential path: each call to
//! `next` takes one item, summarises it and returns it. That path is the
//! baseline for benchmarks and the easy one to debug.
//!
//! With more threads (the `parallel` feature, on by default), the iterator
//! keeps a *window* of at most [`BatchOptions::window`] documents in flight.
//! The thread that calls `next` pulls items from the input while the window
//! has room, in chunks of consecutive items, and hands the oldest chunks to
//! a rayon pool of its own (one thread fewer than asked for). Workers send
//! results back over a channel; results that arrive early wait in a reorder
//! buffer until every earlier one has been returned. While the oldest result
//! is not ready, the calling thread summarises the oldest chunk the pool has
//! not taken, so it works rather than waits. Input is pulled lazily and
//! results leave as soon as they are next in line, so memory holds at most
//! `window` documents, whatever the size of the corpus.
//!
//! Each worker thread keeps a [`Scratch`]: the stems of the words it has met
//! and the score buffer, reused from one document to the next.
//!
//! Nothing is lost: every item gives exactly one result. An item whose text
//! could not be read gives [`BatchError::Input`], a text with nothing to
//! summarise [`BatchError::Empty`], and a panic while summarising one
//! document (a bug) is caught and gives [`BatchError::Panicked`] for that
//! document alone.
//!
//! # Example
//!
//! ```
//! use abridge::{BatchItem, BatchOptions, Summarizer};
//!
//! let summarizer = Summarizer::builder().sentences(1).build()?;
//! let items = vec![
//!     BatchItem::new("a", "The dam burst after days of rain. Villages were evacuated.".to_owned(), ()),
//!     BatchItem::failed("b", "cannot read b.txt", ()),
//!     BatchItem::new("c", String::new(), ()),
//! ];
//! let results: Vec<_> = summarizer.summarize_batch(items, BatchOptions::default())?.collect();
//! assert_eq!(results.len(), 3);
//! assert_eq!(results[0].id, "a");
//! let summary = results[0].outcome.as_ref().expect("a summary");
//! assert_eq!(summary.texts().collect::<Vec<_>>(), ["The dam burst after days of rain."]);
//! assert_eq!(results[1].outcome.as_ref().unwrap_err().to_string(), "cannot read b.txt");
//! assert_eq!(results[2].outcome.as_ref().unwrap_err().to_string(), "input is empty");
//! # Ok::<(), abridge::Error>(())
//! ```

use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};

use abridge_formats::InputFormat;
use abridge_score::Score;
use abridge_text::{AnalyzerCache, Language};

use crate::{EmptyReason, Error, Summarizer, Summary};

/// Memory a summarizer reuses from one document to the next: the stems and
/// stop-word flags of the words it has met (for each language it has met),
/// and buffers. Keep one per thread; see [`Summarizer::summarize_with`].
///
/// ```
/// use abridge::{Scratch, Summarizer};
///
/// let summarizer = Summarizer::builder().build()?;
/// let mut scratch = Scratch::new();
/// for text in ["The harbour closed on Tuesday.", "Divers found a breach on Wednesday."] {
///     assert!(!summarizer.summarize_with(text, &mut scratch).is_empty());
/// }
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Scratch {
    /// By index in [`Language::ALL`], created on first use.
    caches: Vec<Option<AnalyzerCache>>,
    pub(crate) scores: Vec<Score>,
}

impl Scratch {
    /// Empty scratch memory.
    ///
    /// ```
    /// let _scratch = abridge::Scratch::new();
    /// ```
    pub fn new() -> Scratch {
        Scratch::default()
    }

    /// The analyzer cache for `language`.
    pub(crate) fn cache(&mut self, language: Language) -> &mut AnalyzerCache {
        let index = Language::ALL.iter().position(|&known| known == language).unwrap_or(0);
        if self.caches.len() <= index {
            self.caches.resize_with(index + 1, || None);
        }
        self.caches[index].get_or_insert_with(AnalyzerCache::new)
    }

    /// Forgets everything.
    fn reset(&mut self) {
        *self = Scratch::default();
    }
}

/// One document of a batch.
///
/// ```
/// use abridge::{BatchItem, BatchOptions, Summarizer};
///
/// let items = vec![
///     BatchItem::new("a", "The harbour closed on Tuesday.".to_owned(), ()),
///     BatchItem::failed("b", "cannot read b.txt", ()),
/// ];
/// let summarizer = Summarizer::builder().build()?;
/// let results: Vec<_> = summarizer.summarize_batch(items, BatchOptions::sequential())?.collect();
/// assert_eq!(results.iter().map(|result| result.is_ok()).collect::<Vec<_>>(), [true, false]);
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct BatchItem<M> {
    /// How the caller names the document: a path, a record id.
    pub id: String,
    /// The text, or why there is none (a message that names the problem,
    /// such as "invalid UTF-8 at byte 12").
    pub text: Result<String, String>,
    /// Anything to carry through to the result, such as fields to pass on.
    pub meta: M,
    /// The text's language, when the input says it (a JSONL record's
    /// `lang`): with language detection on, it is used instead of detecting.
    /// A language given in the settings wins over it.
    pub language: Option<Language>,
    /// The text's input format (from a file's extension, a record's
    /// `format`, or the caller's choice); `None` detects it from the
    /// content, which gives plain text unless a format recogniser fires.
    pub format: Option<InputFormat>,
    /// A cluster of documents to summarise together
    /// ([`Summarizer::summarize_cluster`]) instead of `text`.
    pub cluster: Option<Vec<crate::OwnedClusterDocument>>,
    /// The query its summary answers (a JSONL record's `query`), instead of
    /// the summarizer's own (see [`Summarizer::with_query`]).
    pub query: Option<String>,
}

impl<M> BatchItem<M> {
    /// A document with its text.
    ///
    /// ```
    /// use abridge::BatchItem;
    ///
    /// let item = BatchItem::new("doc-1", "A text.".to_owned(), 7);
    /// assert_eq!((item.id.as_str(), item.meta), ("doc-1", 7));
    /// ```
    pub fn new(id: impl Into<String>, text: String, meta: M) -> BatchItem<M> {
        BatchItem {
            id: id.into(),
            text: Ok(text),
            meta,
            language: None,
            format: None,
            cluster: None,
            query: None,
        }
    }

    /// A document whose text could not be had: its result is this error.
    ///
    /// ```
    /// use abridge::BatchItem;
    ///
    /// let item = BatchItem::failed("doc-2", "invalid UTF-8 at byte 3", ());
    /// assert_eq!(item.text, Err("invalid UTF-8 at byte 3".to_owned()));
    /// ```
    pub fn failed(id: impl Into<String>, error: impl Into<String>, meta: M) -> BatchItem<M> {
        BatchItem {
            id: id.into(),
            text: Err(error.into()),
            meta,
            language: None,
            format: None,
            cluster: None,
            query: None,
        }
    }

    /// Says which language the text is in (see [`BatchItem::language`]).
    ///
    /// ```
    /// use abridge::{BatchItem, Language};
    ///
    /// let item = BatchItem::new("fr", "Le port a fermé.".to_owned(), ()).with_language(Some(Language::French));
    /// assert_eq!(item.language, Some(Language::French));
    /// ```
    pub fn with_language(mut self, language: Option<Language>) -> BatchItem<M> {
        self.language = language;
        self
    }

    /// A cluster of documents, summarised together instead of the text
    /// (see [`BatchItem::cluster`]).
    pub fn with_cluster(mut self, documents: Vec<crate::OwnedClusterDocument>) -> BatchItem<M> {
        self.cluster = Some(documents);
        self
    }

    /// Says which query the summary answers (see [`BatchItem::query`]);
    /// `None` keeps the summarizer's.
    pub fn with_query(mut self, query: Option<String>) -> BatchItem<M> {
        self.query = query;
        self
    }

    /// Says which format the text is in (see [`BatchItem::format`]).
    ///
    /// ```
    /// use abridge::{BatchItem, InputFormat};
    ///
    /// let item = BatchItem::new("notes.md", "# Notes\n\nText.".to_owned(), ()).with_format(Some(InputFormat::Markdown));
    /// assert_eq!(item.format, Some(InputFormat::Markdown));
    /// ```
    pub fn with_format(mut self, format: Option<InputFormat>) -> BatchItem<M> {
        self.format = format;
        self
    }
}

/// Why a document of a batch has no summary.
///
/// ```
/// use abridge::{BatchError, BatchItem, BatchOptions, Summarizer};
///
/// let items = vec![BatchItem::new("empty", String::new(), ())];
/// let summarizer = Summarizer::builder().build()?;
/// let result = summarizer.summarize_batch(items, BatchOptions::sequential())?.next().unwrap();
/// assert!(matches!(result.outcome, Err(BatchError::Empty(_))));
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The text could not be had; the message came with the item.
    #[error("{0}")]
    Input(String),
    /// The text has nothing to summarise.
    #[error("{}", .0.message())]
    Empty(EmptyReason),
    /// Summarising panicked: a bug in abridge, caught so that the rest of
    /// the batch goes on.
    #[error("internal error while summarising: {0}")]
    Panicked(String),
}

/// The result for one [`BatchItem`].
///
/// ```
/// use abridge::{BatchItem, BatchOptions, Summarizer};
///
/// let items = vec![BatchItem::new("a", "The harbour closed on Tuesday.".to_owned(), "meta")];
/// let summarizer = Summarizer::builder().build()?;
/// let result = summarizer.summarize_batch(items, BatchOptions::sequential())?.next().unwrap();
/// assert_eq!((result.id.as_str(), result.meta), ("a", "meta"));
/// assert_eq!(result.text(), Some("The harbour closed on Tuesday."));
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct BatchResult<M> {
    /// The item's id.
    pub id: String,
    /// The item's `meta`, untouched.
    pub meta: M,
    /// The summary, or why there is none.
    pub outcome: Result<Summary<'static>, BatchError>,
    /// The item's text, handed back: it is freed where it was made, on the
    /// thread that reads the results, which costs the allocator less than
    /// freeing it on a worker.
    text: Option<String>,
}

impl<M> BatchResult<M> {
    /// Whether the document was summarised.
    ///
    /// ```
    /// use abridge::{BatchItem, BatchOptions, Summarizer};
    ///
    /// let summarizer = Summarizer::builder().build()?;
    /// let item = BatchItem::failed("a", "cannot read", ());
    /// assert!(!summarizer.summarize_batch([item], BatchOptions::sequential())?.next().unwrap().is_ok());
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The text that was summarised, when the item had one.
    ///
    /// ```
    /// use abridge::{BatchItem, BatchOptions, Summarizer};
    ///
    /// let summarizer = Summarizer::builder().build()?;
    /// let item = BatchItem::new("a", "The harbour closed.".to_owned(), ());
    /// let result = summarizer.summarize_batch([item], BatchOptions::sequential())?.next().unwrap();
    /// assert_eq!(result.text(), Some("The harbour closed."));
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

/// How a batch runs.
///
/// ```
/// use abridge::BatchOptions;
///
/// let options = BatchOptions::default().threads(2).window(16);
/// assert_eq!((options.effective_threads(), options.effective_window()), (2, 16));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOptions {
    /// Worker threads: 0 means one per core, 1 the sequential path.
    /// Without the `parallel` feature every batch is sequential.
    pub threads: usize,
    /// Most documents in flight (read but not yet returned) on the
    /// parallel path; 0 picks [`BatchOptions::WINDOW_PER_THREAD`] per thread.
    pub window: usize,
}

impl BatchOptions {
    /// Documents in flight per worker thread when no window is given.
    pub const WINDOW_PER_THREAD: usize = 32;

    /// Most documents handed to a worker as one job. Jobs of several
    /// documents make fewer hand-overs between threads.
    pub const MAX_CHUNK: usize = 8;

    /// The plain sequential path.
    ///
    /// ```
    /// assert_eq!(abridge::BatchOptions::sequential().effective_threads(), 1);
    /// ```
    pub fn sequential() -> BatchOptions {
        BatchOptions { threads: 1, window: 0 }
    }

    /// Sets the number of worker threads (0: one per core).
    ///
    /// ```
    /// assert_eq!(abridge::BatchOptions::default().threads(3).threads, 3);
    /// ```
    pub fn threads(mut self, threads: usize) -> BatchOptions {
        self.threads = threads;
        self
    }

    /// Sets the most documents in flight (0: automatic).
    ///
    /// ```
    /// assert_eq!(abridge::BatchOptions::default().window(8).window, 8);
    /// ```
    pub fn window(mut self, window: usize) -> BatchOptions {
        self.window = window;
        self
    }

    /// The number of worker threads a batch with these options runs on.
    ///
    /// ```
    /// use abridge::BatchOptions;
    ///
    /// assert!(BatchOptions::default().effective_threads() >= 1, "0 means one per core");
    /// ```
    pub fn effective_threads(&self) -> usize {
        if !cfg!(feature = "parallel") {
            return 1;
        }
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            threads => threads,
        }
    }

    /// The window a batch with these options keeps.
    ///
    /// ```
    /// use abridge::BatchOptions;
    ///
    /// let options = BatchOptions::default().threads(2);
    /// assert_eq!(options.effective_window(), 2 * BatchOptions::WINDOW_PER_THREAD);
    /// ```
    pub fn effective_window(&self) -> usize {
        match self.window {
            0 => Self::WINDOW_PER_THREAD * self.effective_threads(),
            window => window,
        }
    }
}

impl Summarizer {
    /// Summarises every item of `items` and returns the results in the same
    /// order, one per item: see [the module docs](crate::batch).
    ///
    /// Fails only when the thread pool cannot be built.
    ///
    /// ```
    /// use abridge::{BatchItem, BatchOptions, Summarizer};
    ///
    /// let texts = ["The harbour closed on Tuesday.", "Divers found a breach in the wall.", "Repairs take a week."];
    /// let items = texts.iter().enumerate().map(|(i, text)| BatchItem::new(i.to_string(), text.to_string(), ()));
    /// let summarizer = Summarizer::builder().sentences(1).build()?;
    /// let ids: Vec<String> = summarizer.summarize_batch(items, BatchOptions::default().threads(2))?.map(|result| result.id).collect();
    /// assert_eq!(ids, ["0", "1", "2"], "in input order, whatever the threads");
    /// # Ok::<(), abridge::Error>(())
    /// ```
    pub fn summarize_batch<I, M>(
        &self,
        items: I,
        options: BatchOptions,
    ) -> Result<BatchResults<I::IntoIter, M>, Error>
    where
        I: IntoIterator<Item = BatchItem<M>>,
        M: Send + 'static,
    {
        let items = items.into_iter();
        let threads = options.effective_threads();
        if threads <= 1 {
            return Ok(BatchResults {
                inner: Inner::Sequential {
                    summarizer: self.clone(),
                    items,
                    scratch: Box::new(Scratch::new()),
                    results: PhantomData,
                },
            });
        }
        #[cfg(feature = "parallel")]
        {
            let parallel = parallel::Parallel::new(self.clone(), items, threads, options)?;
            Ok(BatchResults { inner: Inner::Parallel(Box::new(parallel)) })
        }
        #[cfg(not(feature = "parallel"))]
        unreachable!("without the parallel feature a batch has one thread")
    }
}

/// The results of [`Summarizer::summarize_batch`], in input order.
///
/// ```
/// use abridge::{BatchItem, BatchOptions, Summarizer};
///
/// let summarizer = Summarizer::builder().build()?;
/// let mut results = summarizer.summarize_batch([BatchItem::new("a", "A short text.".to_owned(), ())], BatchOptions::sequential())?;
/// assert!(results.next().is_some_and(|result| result.is_ok()));
/// assert!(results.next().is_none());
/// # Ok::<(), abridge::Error>(())
/// ```
#[derive(Debug)]
pub struct BatchResults<I, M> {
    inner: Inner<I, M>,
}

#[derive(Debug)]
enum Inner<I, M> {
    Sequential {
        summarizer: Summarizer,
        items: I,
        scratch: Box<Scratch>,
        results: PhantomData<fn() -> M>,
    },
    #[cfg(feature = "parallel")]
    Parallel(Box<parallel::Parallel<I, M>>),
}

impl<I, M> Iterator for BatchResults<I, M>
where
    I: Iterator<Item = BatchItem<M>>,
    M: Send + 'static,
{
    type Item = BatchResult<M>;

    fn next(&mut self) -> Option<BatchResult<M>> {
        match &mut self.inner {
            Inner::Sequential { summarizer, items, scratch, .. } => {
                let item = items.next()?;
                Some(process(summarizer, item, scratch))
            }
            #[cfg(feature = "parallel")]
            Inner::Parallel(parallel) => parallel.next(),
        }
    }
}

/// Summarises one item. Never panics: a panic inside the pipeline becomes
/// [`BatchError::Panicked`] and the scratch memory starts afresh.
fn process<M>(
    summarizer: &Summarizer,
    item: BatchItem<M>,
    scratch: &mut Scratch,
) -> BatchResult<M> {
    let BatchItem { id, text, meta, language, format, cluster, query } = item;
    let (outcome, text) = match text {
        Err(error) => (Err(BatchError::Input(error)), None),
        Ok(text) => {
            let summarized = catch_unwind(AssertUnwindSafe(|| {
                let focused;
                let summarizer = match query.as_deref() {
                    Some(query) => {
                        focused = summarizer.with_query(Some(query));
                        &focused
                    }
                    None => summarizer,
                };
                match &cluster {
                    Some(documents) => {
                        let documents: Vec<crate::ClusterDocument<'_>> = documents
                            .iter()
                            .map(crate::OwnedClusterDocument::as_document)
                            .collect();
                        summarizer.summarize_cluster(&documents).into_owned()
                    }
                    None => {
                        summarizer.summarize_input(&text, format, language, scratch).into_owned()
                    }
                }
            }));
            let outcome = match summarized {
                Ok(summary) => match summary.empty_reason {
                    Some(reason) if summary.is_empty() => Err(BatchError::Empty(reason)),
                    _ => Ok(summary),
                },
                Err(payload) => {
                    scratch.reset();
                    Err(BatchError::Panicked(panic_message(payload.as_ref())))
                }
            };
            (outcome, Some(text))
        }
    };
    BatchResult { id, meta, outcome, text }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "panic".to_owned()
    }
}

#[cfg(feature = "parallel")]
mod parallel {
    use std::collections::VecDeque;
    use std::sync::mpsc::{Receiver, Sender, channel};
    use std::sync::{Arc, Mutex, PoisonError};

    use super::{BatchItem, BatchOptions, BatchResult, Scratch, process};
    use crate::{Error, Summarizer};

    /// The windowed, ordered parallel path: a rayon pool of `threads - 1`
    /// workers, and the calling thread as the last one.
    pub(super) struct Parallel<I, M> {
        summarizer: Arc<Summarizer>,
        items: I,
        exhausted: bool,
        pool: rayon::ThreadPool,
        /// One per pool thread, by rayon's thread index.
        scratches: Arc<Vec<Mutex<Scratch>>>,
        /// The calling thread's.
        scratch: Scratch,
        sender: Sender<Chunk<M>>,
        receiver: Receiver<Chunk<M>>,
        /// Sequence number of the next item read.
        next_in: u64,
        /// Sequence number of the next result to return.
        next_out: u64,
        /// Slot `k` holds the result `next_out + k` once it is ready.
        pending: VecDeque<Option<BatchResult<M>>>,
        /// Chunks read but not yet handed to the pool, oldest first.
        unsent: VecDeque<(u64, Vec<BatchItem<M>>)>,
        /// Chunks in the pool.
        in_pool: usize,
        /// Most chunks in the pool at once.
        max_in_pool: usize,
        window: usize,
        chunk: usize,
    }

    /// Consecutive items or their results, from sequence number `.0` on.
    type Chunk<M> = (u64, Vec<BatchResult<M>>);

    impl<I, M> std::fmt::Debug for Parallel<I, M> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Parallel")
                .field("pool_threads", &self.pool.current_num_threads())
                .field("window", &self.window)
                .field("chunk", &self.chunk)
                .field("next_in", &self.next_in)
                .field("next_out", &self.next_out)
                .finish_non_exhaustive()
        }
    }

    impl<I, M> Parallel<I, M>
    where
        I: Iterator<Item = BatchItem<M>>,
        M: Send + 'static,
    {
        pub(super) fn new(
            summarizer: Summarizer,
            items: I,
            threads: usize,
            options: BatchOptions,
        ) -> Result<Self, Error> {
            // The calling thread summarises too, so the pool has one thread
            // fewer and no more threads run than were asked for.
            let pool_threads = threads.saturating_sub(1).max(1);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(pool_threads)
                .thread_name(|index| format!("abridge-batch-{index}"))
                .build()
                .map_err(|error| Error::ThreadPool(error.to_string()))?;
            // Each thread keeps its own scratch. (A store of stems the
            // threads shared made them slower: its locks cost more than the
            // stemming they saved.)
            let scratches = (0..pool_threads).map(|_| Mutex::new(Scratch::new())).collect();
            let (sender, receiver) = channel();
            let window = options.effective_window().max(1);
            // Four chunks per thread in a full window.
            let chunk = (window / (4 * threads)).clamp(1, BatchOptions::MAX_CHUNK);
            Ok(Parallel {
                summarizer: Arc::new(summarizer),
                items,
                exhausted: false,
                pool,
                scratches: Arc::new(scratches),
                scratch: Scratch::new(),
                sender,
                receiver,
                next_in: 0,
                next_out: 0,
                pending: VecDeque::new(),
                unsent: VecDeque::new(),
                in_pool: 0,
                // Three chunks per pool thread, so that it does not run dry
                // while the calling thread summarises a chunk of its own.
                max_in_pool: 3 * pool_threads,
                window,
                chunk,
            })
        }

        /// Reads chunks while a whole one fits in the window (or the window
        /// is smaller than a chunk and empty).
        fn read(&mut self) {
            let chunk = self.chunk.min(self.window);
            while !self.exhausted && self.window - self.pending.len() >= chunk {
                let items: Vec<BatchItem<M>> = self.items.by_ref().take(chunk).collect();
                if items.len() < chunk {
                    self.exhausted = true;
                }
                if items.is_empty() {
                    break;
                }
                self.pending.extend(items.iter().map(|_| None));
                let first = self.next_in;
                self.next_in += items.len() as u64;
                self.unsent.push_back((first, items));
            }
        }

        /// Hands the oldest unsent chunks to the pool while it has room.
        fn dispatch(&mut self) {
            while self.in_pool < self.max_in_pool {
                let Some((first, items)) = self.unsent.pop_front() else { break };
                self.in_pool += 1;
                let summarizer = Arc::clone(&self.summarizer);
                let scratches = Arc::clone(&self.scratches);
                let sender = self.sender.clone();
                self.pool.spawn(move || {
                    let slot = rayon::current_thread_index().and_then(|index| scratches.get(index));
                    let results = match slot {
                        Some(scratch) => {
                            // Each pool thread has its own scratch, so the
                            // lock is never contended; a poisoned one is
                            // still usable (`process` resets it after a panic).
                            let mut scratch =
                                scratch.lock().unwrap_or_else(PoisonError::into_inner);
                            summarize_all(&summarizer, items, &mut scratch)
                        }
                        None => summarize_all(&summarizer, items, &mut Scratch::new()),
                    };
                    // The receiver is gone only when the caller dropped the
                    // iterator, and then nobody wants the results.
                    let _ = sender.send((first, results));
                });
            }
        }

        /// Puts results in their slots.
        fn place(&mut self, (first, results): Chunk<M>) {
            for (offset, result) in (first - self.next_out..).zip(results) {
                if let Some(slot) = self.pending.get_mut(offset as usize) {
                    *slot = Some(result);
                }
            }
        }

        pub(super) fn next(&mut self) -> Option<BatchResult<M>> {
            loop {
                self.read();
                self.dispatch();
                while let Ok(chunk) = self.receiver.try_recv() {
                    self.in_pool -= 1;
                    self.place(chunk);
                }
                if let Some(Some(_)) = self.pending.front() {
                    self.next_out += 1;
                    return self.pending.pop_front().flatten();
                }
                if self.pending.is_empty() {
                    return None;
                }
                // The oldest result is not ready: rather than wait, summarise
                // the oldest chunk the pool has not taken.
                if let Some((first, items)) = self.unsent.pop_front() {
                    let results = summarize_all(&self.summarizer, items, &mut self.scratch);
                    self.place((first, results));
                    continue;
                }
                // Every job sends exactly once and we hold a sender, so this
                // waits for results and never fails.
                let chunk = self.receiver.recv().ok()?;
                self.in_pool -= 1;
                self.place(chunk);
            }
        }
    }

    fn summarize_all<M>(
        summarizer: &Summarizer,
        items: Vec<BatchItem<M>>,
        scratch: &mut Scratch,
    ) -> Vec<BatchResult<M>> {
        items.into_iter().map(|item| process(summarizer, item, scratch)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                format!(
                    "Report {i} opens with the river flood in town {i}. \
                     The council of town {i} met on Monday about the flood. \
                     Volunteers filled {i} sandbags before the river rose again. \
                     Nobody was hurt."
                )
            })
            .collect()
    }

    fn items(texts: &[String]) -> Vec<BatchItem<usize>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| match i % 7 {
                3 => BatchItem::failed(format!("doc{i}"), format!("doc{i}: unreadable"), i),
                5 => BatchItem::new(format!("doc{i}"), "  ".to_owned(), i),
                _ => BatchItem::new(format!("doc{i}"), text.clone(), i),
            })
            .collect()
    }

    #[test]
    fn every_item_gives_one_result_in_order() {
        let summarizer = Summarizer::builder().sentences(2).build().unwrap();
        let texts = texts(200);
        let expected: Vec<BatchResult<usize>> = summarizer
            .summarize_batch(items(&texts), BatchOptions::sequential())
            .unwrap()
            .collect();
        assert_eq!(expected.len(), 200);
        for (i, result) in expected.iter().enumerate() {
            assert_eq!(result.meta, i);
            assert_eq!(result.id, format!("doc{i}"));
            match i % 7 {
                3 => assert_eq!(
                    result.outcome,
                    Err(BatchError::Input(format!("doc{i}: unreadable")))
                ),
                5 => assert_eq!(result.outcome, Err(BatchError::Empty(EmptyReason::EmptyInput))),
                _ => {
                    let summary = result.outcome.as_ref().unwrap();
                    assert_eq!(summary, &summarizer.summarize(&texts[i]).into_owned());
                    assert_eq!(result.text(), Some(texts[i].as_str()));
                }
            }
        }
        for options in [
            BatchOptions::default(),
            BatchOptions::default().threads(2).window(1),
            BatchOptions::default().threads(3).window(5),
            BatchOptions::default().threads(4).window(1000),
        ] {
            let results: Vec<_> =
                summarizer.summarize_batch(items(&texts), options).unwrap().collect();
            assert_eq!(results, expected, "{options:?}");
        }
    }

    #[test]
    fn empty_batches_and_early_drop() {
        let summarizer = Summarizer::builder().build().unwrap();
        for threads in [1, 2] {
            let options = BatchOptions::default().threads(threads);
            let none: Vec<BatchItem<()>> = Vec::new();
            assert_eq!(summarizer.summarize_batch(none, options).unwrap().count(), 0);
            // Taking a few results and dropping the rest neither hangs nor panics.
            let texts = texts(100);
            let mut results = summarizer.summarize_batch(items(&texts), options).unwrap();
            assert_eq!(results.next().map(|result| result.meta), Some(0));
            assert_eq!(results.next().map(|result| result.meta), Some(1));
            drop(results);
        }
    }

    #[test]
    fn input_is_pulled_lazily_within_the_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let summarizer = Summarizer::builder().build().unwrap();
        let texts = texts(1000);
        let pulled = AtomicUsize::new(0);
        let counting = texts.iter().map(|text| {
            pulled.fetch_add(1, Ordering::Relaxed);
            BatchItem::new("x", text.clone(), ())
        });
        let options = BatchOptions::default().threads(2).window(8);
        let mut results = summarizer.summarize_batch(counting, options).unwrap();
        for _ in 0..10 {
            assert!(results.next().is_some());
            // The ten returned plus at most a window's worth in flight.
            assert!(pulled.load(Ordering::Relaxed) <= 10 + 8);
        }
    }

    #[test]
    fn a_language_given_with_the_item_replaces_detection() {
        use crate::{LanguageChoice, LanguageSource};
        let text = "Le conseil municipal a voté le budget du port lundi soir. \
                    Les travaux de la jetée commenceront au printemps prochain.";
        let item =
            || BatchItem::new("fr", text.to_owned(), ()).with_language(Some(Language::German));
        let auto = Summarizer::builder().language_choice(LanguageChoice::Auto).build().unwrap();
        let fixed = Summarizer::builder().language(Language::French).build().unwrap();
        for threads in [1, 2] {
            let options = BatchOptions::default().threads(threads);
            let result = auto.summarize_batch([item()], options).unwrap().next().unwrap();
            let summary = result.outcome.unwrap();
            // The item said German, so German it is, though the text is French.
            assert_eq!(
                (summary.language, summary.language_source),
                (Language::German, LanguageSource::Given)
            );
            // A language in the settings wins.
            let result = fixed.summarize_batch([item()], options).unwrap().next().unwrap();
            assert_eq!(result.outcome.unwrap().language, Language::French);
            // Without one, the language is detected.
            let plain = BatchItem::new("fr", text.to_owned(), ());
            let result = auto.summarize_batch([plain], options).unwrap().next().unwrap();
            let summary = result.outcome.unwrap();
            assert_eq!(
                (summary.language, summary.language_source),
                (Language::French, LanguageSource::Detected)
            );
        }
    }

    #[test]
    fn options() {
        assert_eq!(BatchOptions::sequential().effective_threads(), 1);
        assert!(BatchOptions::default().effective_threads() >= 1);
        assert_eq!(BatchOptions::default().window(7).effective_window(), 7);
        assert_eq!(BatchOptions::sequential().effective_window(), BatchOptions::WINDOW_PER_THREAD);
    }

    #[test]
    fn batch_types_are_thread_safe() {
        fn assert_send<T: Send>() {}
        assert_send::<BatchResult<String>>();
        assert_send::<BatchResults<std::vec::IntoIter<BatchItem<String>>, String>>();
    }
}
