//! `abridge batch`: summarise whole corpora, from files, folders and JSONL.
//!
//! Input is read lazily on the main thread ([`Inputs`]), summarised by
//! [`Summarizer::summarize_batch`] (which keeps the order and a bounded
//! window of documents in flight), and written as it comes back: as JSONL
//! on standard output or `-o FILE`, or as one file per input file under
//! `--out-dir`. Every input record gives exactly one output record; a record
//! that cannot be summarised gives an error record and the run goes on.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use abridge::record::Record;
use abridge::{BatchItem, BatchOptions, BatchResult, InputFormat, Summarizer};

use crate::formats::InputFormatArg;
use anyhow::{Context, bail};
use clap::Args;
use globset::{Glob, GlobSet, GlobSetBuilder};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::Outcome;
use crate::args::SummaryArgs;

/// Files a folder is searched for when no `--glob` is given.
const DEFAULT_GLOBS: &[&str] =
    &["*.txt", "*.md", "*.eml", "*.srt", "*.vtt", "*.html", "*.htm", "*.xhtml"];

/// Output keys that input fields cannot take over: a passed-through field
/// with one of these names is dropped.
const RESERVED_KEYS: &[&str] =
    &["id", "text", "html", "sentences", "spans", "error", "line", "format", "metadata"];

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Inputs: text and HTML files, folders (searched recursively for *.txt,
    /// *.md, *.eml, *.srt, *.vtt, *.html, *.htm and *.xhtml files), JSONL
    /// files (*.jsonl, *.ndjson: one {"id", "text", …} or {"id", "html", …}
    /// record per line), web archives (*.warc, *.warc.gz: every HTML
    /// response), or `-` for JSONL on standard input [default: -, unless --urls].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub summary: SummaryArgs,
    /// Which files to take from folders, matched against the path inside
    /// the folder; repeat for several [default: *.txt, *.md, *.eml, *.srt,
    /// *.vtt, *.html, *.htm, *.xhtml].
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Write the JSONL output to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write one summary file per input file under DIR, mirroring the
    /// folders: a text file's summary one sentence per line, a JSONL file's
    /// records as JSONL.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// With --out-dir: skip input files whose summary file already exists,
    /// and go on with a JSONL file an interrupted run (Ctrl-C) left as
    /// FILE.partial from its first record not done, to resume the run.
    #[arg(long, requires = "out_dir")]
    pub skip_existing: bool,
    /// Worker threads: 0 for one per core, 1 for the sequential path.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Stop at the first document that cannot be summarised.
    #[arg(long)]
    pub fail_fast: bool,
    /// Exit 0 when the run went through but some records failed (their
    /// error records are in the output), as a stage of Spark, Hadoop
    /// Streaming or SQL TRANSFORM wants; usage and I/O errors still exit 2.
    #[arg(long)]
    pub record_errors_ok: bool,
    /// `-q/--quiet` (a flag of every command): print neither the progress
    /// bar, nor the summary line, nor warnings; errors are still printed.
    #[arg(skip)]
    pub quiet: bool,
    /// Read files that look like binary data (NUL, control bytes, invalid
    /// UTF-8 in 30% of their first 64 KiB) as text instead of giving an
    /// error record; invalid UTF-8 is still an error.
    #[arg(short = 'a', long = "binary-as-text")]
    pub text: bool,
    /// Input format of every document: `auto` (a file's extension, a
    /// record's `format`, then the content), or a name (`text`, …).
    #[arg(long, value_name = "NAME", default_value = "auto")]
    pub input_format: InputFormatArg,
    /// `--text`, refused: see `InputArgs::ambiguous_text`.
    #[arg(long = "text", hide = true, num_args = 0..=1, value_name = "TEXT")]
    pub ambiguous_text: Option<Option<String>>,
    /// Also summarise the web pages of FILE, one URL a line (read before
    /// the PATHs); each page that cannot be fetched gets an error record.
    #[arg(long, value_name = "FILE")]
    pub urls: Option<PathBuf>,
    /// With --urls: fetch at most N pages at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub fetch_threads: usize,
    #[command(flatten)]
    pub fetch: crate::web::FetchArgs,
}

pub fn run(args: &BatchArgs, stdout: &mut impl Write) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    crate::input::refuse_ambiguous_text(args.ambiguous_text.as_ref())?;
    let summarizer = Summarizer::builder()
        .build_from(args.summary.to_config())
        .context("invalid settings")?
        .with_query(args.summary.query.as_deref());
    let paths: Vec<PathBuf> = if args.paths.is_empty() && args.urls.is_none() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let reads_stdin = paths.iter().any(|path| is_stdin(path));
    if reads_stdin && std::io::stdin().is_terminal() {
        bail!("no input: give PATHs, or pipe JSONL into `abridge batch -`");
    }
    if reads_stdin && args.out_dir.is_some() {
        bail!("--out-dir writes one file per input file, so it cannot take `-` (standard input)");
    }
    let globs = build_globs(&args.glob)?;
    let out_dir = match &args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create", dir.display()))?;
            Some(OutDir {
                canonical: dir
                    .canonicalize()
                    .with_context(|| format!("{}: cannot open", dir.display()))?,
                dir: dir.clone(),
                skip_existing: args.skip_existing,
            })
        }
        None => None,
    };
    let mut file_output = match &args.output {
        Some(path) => Some(BufWriter::new(
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
        )),
        None => None,
    };

    let progress = Progress::new(args.quiet, &paths, &globs);
    let has_folders = paths.iter().any(|path| path.is_dir());
    let mut inputs =
        Inputs::new(paths, globs, out_dir.clone(), progress.bytes_read.clone(), args.text);
    inputs.input_format = args.input_format;
    if let Some(list) = &args.urls {
        let file = File::open(list).with_context(|| format!("{}: cannot open", list.display()))?;
        inputs.stack.push(Source::Urls(crate::web::UrlSource::new(
            display_path(list),
            Box::new(BufReader::new(file)),
            crate::web::Fetcher::new(&args.fetch),
            args.fetch_threads,
        )));
    }
    let skipped = inputs.skipped.clone();
    let unmatched = inputs.unmatched.clone();
    let options = BatchOptions::default().threads(args.threads);
    let results = summarizer.summarize_batch(inputs, options)?;

    let mut sink = match (&out_dir, &mut file_output) {
        (Some(_), _) => Sink::OutDir(OutDirWriter::default()),
        (None, Some(file)) => Sink::Jsonl(file as &mut dyn Write),
        (None, None) => Sink::Jsonl(stdout as &mut dyn Write),
    };
    let mut counts = Counts::default();
    crate::interrupt::install();
    let mut interrupted: Option<String> = None;
    for result in results {
        counts.documents += 1;
        let where_ = || match &result.meta.location {
            Some(location) if result.meta.raw_id.is_some() => {
                format!("{location} (id {})", result.id)
            }
            Some(location) => location.to_string(),
            None => result.id.to_string(),
        };
        match &result.outcome {
            Err(error) => {
                counts.errors += 1;
                let message = format!("{}: {error}", where_());
                progress.suspend(|| crate::report(&message));
            }
            Ok(summary) if summary.unanalysed_bytes > 0 && !args.quiet => {
                let message = format!(
                    "{}: only the first part of the text is summarised; {} bytes at its end are not (the most one document may have is {} bytes)",
                    where_(),
                    summary.unanalysed_bytes,
                    abridge::MAX_TEXT_BYTES
                );
                progress.suspend(|| crate::warn(&message));
            }
            Ok(_) => {}
        }
        sink.write(&result)?;
        progress.tick(counts.documents);
        if args.fail_fast && !result.is_ok() {
            break;
        }
        if crate::interrupt::requested() {
            interrupted = Some(result.id.to_string());
            break;
        }
    }
    if interrupted.is_some() {
        sink.suspend()?;
    } else {
        sink.finish()?;
    }
    if let Some(mut file) = file_output {
        file.flush().context("cannot write the output")?;
    }
    progress.finish();
    counts.skipped = skipped.get();
    if let Some(last_id) = interrupted {
        // Said even with --quiet: the output is not all there.
        let line = counts.summary_line(started.elapsed());
        let kept = match (&args.out_dir, &args.output) {
            (Some(_), _) => {
                "the summaries written so far are kept; a JSONL file cut short stays as FILE.partial, whole records only, and `--skip-existing` goes on from its last record"
            }
            (None, Some(_)) => "the output file holds every document done, each a whole line",
            (None, None) => "the output holds every document done, each a whole line",
        };
        let _ = writeln!(
            std::io::stderr(),
            "abridge: interrupted after {line}, the last with id {last_id}; {kept}"
        );
        return Ok(Outcome::Interrupted);
    }
    if !args.quiet {
        let line = counts.summary_line(started.elapsed());
        let _ = writeln!(std::io::stderr(), "abridge: {line}");
    }
    // An empty JSONL input is zero documents, not an error; a folder with
    // nothing to summarise is most likely a wrong --glob.
    if has_folders && counts.documents == 0 && counts.skipped == 0 {
        crate::report(&empty_run(&args.glob, unmatched.get()));
        return Ok(Outcome::Failed);
    }
    Ok(if counts.errors > 0 && !args.record_errors_ok { Outcome::Failed } else { Outcome::Success })
}

/// Why a run found nothing to summarise: the globs tried on folders, and
/// how many files in them matched none.
fn empty_run(globs: &[String], unmatched: u64) -> String {
    let tried: Vec<&str> = if globs.is_empty() {
        DEFAULT_GLOBS.to_vec()
    } else {
        globs.iter().map(String::as_str).collect()
    };
    let files = match unmatched {
        1 => "1 file".to_owned(),
        n => format!("{n} files"),
    };
    format!(
        "no documents to summarise: folders were searched for {} and {files} in them matched none (choose others with --glob)",
        tried.join(", ")
    )
}

fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| matches!(extension, "jsonl" | "ndjson"))
}

fn build_globs(globs: &[String]) -> anyhow::Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    let patterns: Vec<&str> = if globs.is_empty() {
        DEFAULT_GLOBS.to_vec()
    } else {
        globs.iter().map(String::as_str).collect()
    };
    for pattern in patterns {
        builder.add(Glob::new(pattern).with_context(|| format!("invalid --glob {pattern:?}"))?);
    }
    builder.build().context("invalid --glob")
}

/// Documents, errors and skipped files of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    documents: u64,
    errors: u64,
    skipped: u64,
}

impl Counts {
    fn summary_line(&self, elapsed: Duration) -> String {
        let seconds = elapsed.as_secs_f64();
        let rate = if seconds > 0.0 { self.documents as f64 / seconds } else { 0.0 };
        let skipped = match self.skipped {
            0 => String::new(),
            n => format!(", {n} skipped"),
        };
        format!(
            "{} documents, {} errors{skipped} in {seconds:.2} s ({rate:.0} documents/s)",
            self.documents, self.errors
        )
    }
}

// --- Input --------------------------------------------------------------

/// Where a document came from and where its output goes.
#[derive(Debug, Default)]
pub struct Meta {
    /// The record's own `id`, as raw JSON, when it is a JSONL record that has one.
    raw_id: Option<Box<RawValue>>,
    /// Line number in its JSONL source.
    line: Option<u64>,
    /// `source:line` of a JSONL record, for messages.
    location: Option<String>,
    /// Fields to pass through, in input order.
    fields: Vec<(String, Box<RawValue>)>,
    /// With --out-dir: the file the summary goes to.
    target: Option<Target>,
    /// Whether the record named its `format` (which the output then names
    /// too, whatever it is).
    format_given: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// The summary of one text file, one sentence per line.
    Text(PathBuf),
    /// The output records of one JSONL file; with `resume`, its temporary
    /// file holds the first records from an interrupted run, and the rest
    /// are appended.
    Jsonl { path: PathBuf, resume: bool },
}

#[derive(Debug, Clone)]
struct OutDir {
    dir: PathBuf,
    canonical: PathBuf,
    skip_existing: bool,
}

/// The documents of every PATH, read lazily, in order.
struct Inputs {
    paths: VecDeque<PathBuf>,
    /// Sources being read; the last is the current one (a JSONL file found
    /// while walking a folder sits on top of the walk).
    stack: Vec<Source>,
    globs: GlobSet,
    out_dir: Option<OutDir>,
    skipped: std::rc::Rc<std::cell::Cell<u64>>,
    /// Files in folders that no glob matched.
    unmatched: std::rc::Rc<std::cell::Cell<u64>>,
    bytes_read: std::rc::Rc<std::cell::Cell<u64>>,
    line: Vec<u8>,
    /// Whether files that look binary are read as text (`-a/--binary-as-text`).
    binary_as_text: bool,
    /// `--input-format`.
    input_format: InputFormatArg,
}

enum Source {
    Jsonl {
        name: String,
        reader: Box<dyn BufRead>,
        line: u64,
        target: Option<Target>,
        /// Records to pass over: done by an interrupted run (`--skip-existing`).
        skip: u64,
    },
    Walk {
        root: PathBuf,
        walker: Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>>>,
    },
    /// The HTML responses of a web archive.
    Warc {
        name: String,
        pages: crate::warc::WarcSource,
    },
    /// Pages fetched from a list of URLs.
    Urls(crate::web::UrlSource),
}

/// A document found on the web: named by its URL, which the output record
/// carries with its date, when known.
fn web_item(
    id: String,
    url: String,
    date: Option<String>,
    text: Result<String, String>,
) -> BatchItem<Meta> {
    let mut meta = Meta::default();
    for (key, value) in [("url", Some(url)), ("date", date)] {
        if let Some(raw) = value.and_then(|value| serde_json::value::to_raw_value(&value).ok()) {
            meta.fields.push((key.to_owned(), raw));
        }
    }
    match text {
        Ok(text) => BatchItem::new(id, text, meta).with_format(Some(InputFormat::Html)),
        Err(error) => BatchItem::failed(id, error, meta),
    }
}

impl Iterator for Inputs {
    type Item = BatchItem<Meta>;

    fn next(&mut self) -> Option<BatchItem<Meta>> {
        loop {
            let Some(source) = self.stack.last_mut() else {
                let path = self.paths.pop_front()?;
                if let Some(item) = self.open(path) {
                    return Some(item);
                }
                continue;
            };
            match source {
                Source::Warc { name, pages } => match pages.next() {
                    None => {
                        self.stack.pop();
                    }
                    Some(Ok(page)) => {
                        return Some(web_item(
                            page.url.clone(),
                            page.url,
                            Some(page.date),
                            page.text,
                        ));
                    }
                    Some(Err(error)) => {
                        let item = BatchItem::failed(name.clone(), error, Meta::default());
                        self.stack.pop();
                        return Some(item);
                    }
                },
                Source::Urls(urls) => match urls.next_page() {
                    None => {
                        self.stack.pop();
                    }
                    Some((url, _line, page)) => {
                        let fetched =
                            page.as_ref().map_or_else(|_| url.clone(), |page| page.url.clone());
                        return Some(web_item(url, fetched, None, page.map(|page| page.text)));
                    }
                },
                Source::Jsonl { name, reader, line, target, skip } => {
                    self.line.clear();
                    match reader.read_until(b'\n', &mut self.line) {
                        Ok(0) => {
                            self.stack.pop();
                        }
                        Ok(n) => {
                            *line += 1;
                            self.bytes_read.set(self.bytes_read.get() + n as u64);
                            if self.line.iter().all(u8::is_ascii_whitespace) {
                                continue;
                            }
                            if *skip > 0 {
                                *skip -= 1;
                                continue;
                            }
                            let bytes = std::mem::take(&mut self.line);
                            return Some(parse_record(
                                name,
                                *line,
                                bytes,
                                target.clone(),
                                self.input_format,
                            ));
                        }
                        Err(error) => {
                            let location = format!("{name}:{}", *line + 1);
                            let item = BatchItem::failed(
                                location.clone(),
                                format!("cannot read: {error}"),
                                Meta {
                                    line: Some(*line + 1),
                                    location: Some(location),
                                    ..Meta::default()
                                },
                            );
                            self.stack.pop();
                            return Some(item);
                        }
                    }
                }
                Source::Walk { root, walker } => match walker.next() {
                    None => {
                        self.stack.pop();
                    }
                    Some(Err(error)) => {
                        let id =
                            error.path().map_or_else(|| root.display().to_string(), display_path);
                        let message = match error.io_error() {
                            Some(io) => format!("cannot read: {io}"),
                            None => format!("cannot read: {error}"),
                        };
                        return Some(BatchItem::failed(id, message, Meta::default()));
                    }
                    Some(Ok(entry)) => {
                        if !entry.file_type().is_file() {
                            continue;
                        }
                        let relative = entry.path().strip_prefix(&*root).unwrap_or(entry.path());
                        if !self.globs.is_match(relative) {
                            self.unmatched.set(self.unmatched.get() + 1);
                            continue;
                        }
                        let relative = relative.to_path_buf();
                        let path = entry.into_path();
                        if let Some(item) = self.open_file(path, relative) {
                            return Some(item);
                        }
                    }
                },
            }
        }
    }
}

impl Inputs {
    fn new(
        paths: Vec<PathBuf>,
        globs: GlobSet,
        out_dir: Option<OutDir>,
        bytes_read: std::rc::Rc<std::cell::Cell<u64>>,
        binary_as_text: bool,
    ) -> Inputs {
        Inputs {
            paths: paths.into(),
            stack: Vec::new(),
            globs,
            out_dir,
            skipped: std::rc::Rc::default(),
            unmatched: std::rc::Rc::default(),
            bytes_read,
            line: Vec::new(),
            binary_as_text,
            input_format: InputFormatArg::Auto,
        }
    }

    /// Starts on one PATH argument: returns its document, or pushes a
    /// source to read documents from.
    fn open(&mut self, path: PathBuf) -> Option<BatchItem<Meta>> {
        if is_stdin(&path) {
            self.stack.push(Source::Jsonl {
                name: "<stdin>".to_owned(),
                reader: Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
                line: 0,
                target: None,
                skip: 0,
            });
            return None;
        }
        if path.is_dir() {
            let out_dir = self.out_dir.as_ref().map(|out_dir| out_dir.canonical.clone());
            let walker = walkdir::WalkDir::new(&path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(move |entry| {
                    // Never read our own output when --out-dir is inside the folder.
                    !(entry.file_type().is_dir()
                        && out_dir.as_ref().is_some_and(|out_dir| {
                            entry.path().canonicalize().is_ok_and(|dir| &dir == out_dir)
                        }))
                });
            self.stack.push(Source::Walk { root: path, walker: Box::new(walker) });
            return None;
        }
        // A file named on the command line: its output is named after the file.
        let relative = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
        self.open_file(path, relative)
    }

    /// Starts on one file: returns its document (a text file, or the error
    /// that it cannot be read), or pushes a JSONL source.
    fn open_file(&mut self, path: PathBuf, relative: PathBuf) -> Option<BatchItem<Meta>> {
        let jsonl = is_jsonl(&path);
        let target = self.out_dir.as_ref().map(|out_dir| out_dir.dir.join(&relative));
        // Files named on the command line keep the path as given; files
        // found in a folder are named by their path inside it.
        let id = if self.stack.is_empty() { display_path(&path) } else { display_path(&relative) };
        if crate::warc::is_warc(&path) {
            match crate::warc::WarcSource::open(&path) {
                Ok(pages) => self.stack.push(Source::Warc { name: id, pages }),
                Err(error) => {
                    return Some(BatchItem::failed(
                        id,
                        format!("cannot read: {error}"),
                        Meta::default(),
                    ));
                }
            }
            return None;
        }
        let mut done = 0;
        if let (Some(out_dir), Some(target)) = (&self.out_dir, &target)
            && out_dir.skip_existing
        {
            if target.exists() {
                self.skipped.set(self.skipped.get() + 1);
                return None;
            }
            if jsonl {
                match records_done(&partial_path(target)) {
                    Ok(records) => done = records,
                    Err(error) => return Some(BatchItem::failed(id, error, Meta::default())),
                }
            }
        }
        if jsonl {
            match File::open(&path) {
                Ok(file) => {
                    self.stack.push(Source::Jsonl {
                        name: id,
                        reader: Box::new(BufReader::with_capacity(1 << 16, file)),
                        line: 0,
                        target: target.map(|path| Target::Jsonl { path, resume: done > 0 }),
                        skip: done,
                    });
                    None
                }
                Err(error) => {
                    Some(BatchItem::failed(id, format!("cannot read: {error}"), Meta::default()))
                }
            }
        } else {
            let meta = Meta { target: target.map(Target::Text), ..Meta::default() };
            let format = self.input_format.for_file(&path);
            Some(self.read_file(&path, id, meta).with_format(format))
        }
    }

    /// One text file's document.
    fn read_file(&self, path: &Path, id: String, meta: Meta) -> BatchItem<Meta> {
        {
            match std::fs::read(path) {
                Ok(bytes) => {
                    self.bytes_read.set(self.bytes_read.get() + bytes.len() as u64);
                    if let Some((text, _)) = crate::input::decode_utf16(&bytes) {
                        return BatchItem::new(id, text, meta);
                    }
                    let binary =
                        crate::input::looks_binary(&bytes).filter(|_| !self.binary_as_text);
                    if let Some(binary) = binary {
                        return BatchItem::failed(id, binary.to_string(), meta);
                    }
                    if let Some(page) = crate::input::Input::legacy_html(&id, &bytes) {
                        return BatchItem::new(id, page.text, meta);
                    }
                    if let Some((text, _)) =
                        abridge::crates::formats::encoding::decode_legacy(&bytes)
                    {
                        return BatchItem::new(id, text, meta);
                    }
                    match String::from_utf8(bytes) {
                        Ok(text) => BatchItem::new(id, text, meta),
                        Err(error) => BatchItem::failed(
                            id,
                            format!("invalid UTF-8 at byte {}", error.utf8_error().valid_up_to()),
                            meta,
                        ),
                    }
                }
                Err(error) => BatchItem::failed(id, format!("cannot read: {error}"), meta),
            }
        }
    }
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}

/// One line of JSONL: its document, or the error record it gives.
fn parse_record(
    source: &str,
    line: u64,
    bytes: Vec<u8>,
    target: Option<Target>,
    input_format: InputFormatArg,
) -> BatchItem<Meta> {
    let fallback_id = format!("{source}:{line}");
    let mut meta =
        Meta { line: Some(line), location: Some(fallback_id.clone()), target, ..Meta::default() };
    let record = match Record::parse(bytes) {
        Ok(record) => record,
        Err(error) => return BatchItem::failed(fallback_id, error.to_string(), meta),
    };
    let query = record.query();
    meta.raw_id = record.raw_id;
    meta.fields = record
        .fields
        .into_iter()
        .filter(|(key, _)| !RESERVED_KEYS.contains(&key.as_str()))
        .collect();
    let id = record.id.unwrap_or(fallback_id);
    meta.format_given = record.format.is_some();
    // --input-format wins over the record's `format`, as --lang over `lang`.
    let format = match (input_format.fixed(), record.format) {
        (Some(format), _) => Some(format),
        (None, Some(Ok(format))) => Some(format),
        (None, Some(Err(unknown))) => return BatchItem::failed(id, unknown.to_string(), meta),
        (None, None) => None,
    };
    match (record.text, record.docs) {
        // A record with `docs` is a cluster: its documents are summarised
        // together, and `text` (the joined documents, if any) is not needed.
        (_, Some(Ok(documents))) => BatchItem::new(id, String::new(), meta)
            .with_language(record.language)
            .with_cluster(documents),
        (_, Some(Err(error))) => BatchItem::failed(id, error, meta),
        // A language the record names is used instead of detection (a
        // language given with --lang still wins); the field is passed on.
        (Ok(text), None) => BatchItem::new(id, text, meta)
            .with_language(record.language)
            .with_format(format)
            .with_query(query),
        (Err(error), None) => BatchItem::failed(id, error.to_string(), meta),
    }
}

// --- Output -------------------------------------------------------------

/// One output record: the summary or the error, then the passed-through fields.
struct OutputRecord<'r>(&'r BatchResult<Meta>);

impl Serialize for OutputRecord<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let result = self.0;
        let mut map = serializer.serialize_map(None)?;
        match &result.meta.raw_id {
            Some(raw) => map.serialize_entry("id", raw)?,
            None => map.serialize_entry("id", &result.id)?,
        }
        match &result.outcome {
            Ok(summary) => {
                map.serialize_entry("sentences", &Texts(summary))?;
                map.serialize_entry("spans", &Spans(summary))?;
                if summary.format != InputFormat::Text || result.meta.format_given {
                    map.serialize_entry("format", &summary.format)?;
                }
                if !summary.metadata.is_empty() {
                    map.serialize_entry("metadata", &summary.metadata)?;
                }
            }
            Err(error) => {
                if let Some(line) = result.meta.line {
                    map.serialize_entry("line", &line)?;
                }
                map.serialize_entry("error", &error.to_string())?;
            }
        }
        for (key, value) in &result.meta.fields {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

struct Texts<'s>(&'s abridge::Summary<'static>);

impl Serialize for Texts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.texts())
    }
}

struct Spans<'s>(&'s abridge::Summary<'static>);

#[derive(Serialize)]
struct Span<'e> {
    start: usize,
    end: usize,
    /// In a cluster: the document (its index in `docs`) and its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_id: Option<&'e str>,
}

impl Serialize for Spans<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.sentences.len()))?;
        for extract in &self.0.sentences {
            seq.serialize_element(&Span {
                start: extract.start,
                end: extract.end,
                doc: extract.doc,
                doc_id: extract.doc_id.as_deref(),
            })?;
        }
        seq.end()
    }
}

/// Where results go.
enum Sink<'w> {
    /// JSONL on standard output or `-o FILE`.
    Jsonl(&'w mut dyn Write),
    /// One file per input file under `--out-dir`.
    OutDir(OutDirWriter),
}

impl Sink<'_> {
    fn write(&mut self, result: &BatchResult<Meta>) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(out) => {
                // Back to the `io::Error`, so that a closed pipe is recognised.
                serde_json::to_writer(&mut **out, &OutputRecord(result))
                    .map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
                Ok(())
            }
            Sink::OutDir(writer) => writer.write(result),
        }
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(out) => Ok(out.flush()?),
            Sink::OutDir(writer) => writer.finish(),
        }
    }

    /// Ends an interrupted run: what is written stays, and a JSONL output
    /// file cut short keeps its temporary name, for `--skip-existing`.
    fn suspend(&mut self) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(out) => Ok(out.flush()?),
            Sink::OutDir(writer) => writer.suspend(),
        }
    }
}

/// Writes `--out-dir` files. Each file is written under a temporary name
/// and renamed when complete, so an interrupted run leaves no half file
/// that `--skip-existing` would take for done.
#[derive(Default)]
struct OutDirWriter {
    /// The JSONL output file being written: its final path, its temporary
    /// path and the writer.
    open: Option<(PathBuf, PathBuf, BufWriter<File>)>,
}

impl OutDirWriter {
    fn write(&mut self, result: &BatchResult<Meta>) -> anyhow::Result<()> {
        match &result.meta.target {
            None => Ok(()),
            Some(Target::Text(target)) => {
                self.close()?;
                let Ok(summary) = &result.outcome else { return Ok(()) };
                let mut text = String::new();
                for extract in &summary.sentences {
                    text.push_str(&extract.one_line());
                    text.push('\n');
                }
                let partial = partial_path(target);
                create_parent(target)?;
                std::fs::write(&partial, text)
                    .with_context(|| format!("{}: cannot write", partial.display()))?;
                rename(&partial, target)
            }
            Some(Target::Jsonl { path: target, resume }) => {
                if self.open.as_ref().is_none_or(|(open, _, _)| open != target) {
                    self.close()?;
                    let partial = partial_path(target);
                    create_parent(target)?;
                    let file = File::options()
                        .write(true)
                        .create(true)
                        .append(*resume)
                        .truncate(!*resume)
                        .open(&partial)
                        .with_context(|| format!("{}: cannot create", partial.display()))?;
                    self.open = Some((target.clone(), partial, BufWriter::new(file)));
                }
                if let Some((_, partial, out)) = &mut self.open {
                    serde_json::to_writer(&mut *out, &OutputRecord(result))
                        .and_then(|()| out.write_all(b"\n").map_err(serde_json::Error::io))
                        .with_context(|| format!("{}: cannot write", partial.display()))?;
                }
                Ok(())
            }
        }
    }

    fn close(&mut self) -> anyhow::Result<()> {
        if let Some((target, partial, mut out)) = self.open.take() {
            out.flush().with_context(|| format!("{}: cannot write", partial.display()))?;
            drop(out);
            rename(&partial, &target)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        self.close()
    }

    /// Flushes the JSONL file being written and leaves it under its
    /// temporary name: it holds whole records only, and a run with
    /// `--skip-existing` appends the rest.
    fn suspend(&mut self) -> anyhow::Result<()> {
        if let Some((_, partial, mut out)) = self.open.take() {
            out.flush().with_context(|| format!("{}: cannot write", partial.display()))?;
        }
        Ok(())
    }
}

/// How many whole records the temporary output of an interrupted run
/// holds (0 when there is none). A last line cut short (a run killed, not
/// interrupted) is cut off, to be written again.
fn records_done(partial: &Path) -> Result<u64, String> {
    let bytes = match std::fs::read(partial) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(format!("{}: cannot resume: {error}", partial.display())),
    };
    let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
    if whole < bytes.len() {
        File::options()
            .write(true)
            .open(partial)
            .and_then(|file| file.set_len(whole as u64))
            .map_err(|error| format!("{}: cannot resume: {error}", partial.display()))?;
    }
    Ok(bytes[..whole].split(|&b| b == b'\n').filter(|line| !line.is_empty()).count() as u64)
}

fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    target.with_file_name(name)
}

fn create_parent(target: &Path) -> anyhow::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    Ok(())
}

fn rename(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::rename(from, to).with_context(|| format!("{}: cannot write", to.display()))
}

// --- Progress -----------------------------------------------------------

/// The progress bar: on standard error when it is a terminal, else nothing.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    bytes_read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl Progress {
    /// Documents between two updates of the bar.
    const EVERY: u64 = 64;

    fn new(quiet: bool, paths: &[PathBuf], globs: &GlobSet) -> Progress {
        let bytes_read = std::rc::Rc::default();
        let started = Instant::now();
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None, started, bytes_read };
        }
        let bar = match total_bytes(paths, globs) {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{elapsed_precise} [{wide_bar}] {percent:>3}% {msg}, ETA {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar: Some(bar), started, bytes_read }
    }

    fn tick(&self, documents: u64) {
        if let Some(bar) = &self.bar
            && documents.is_multiple_of(Self::EVERY)
        {
            let seconds = self.started.elapsed().as_secs_f64();
            let rate = if seconds > 0.0 { documents as f64 / seconds } else { 0.0 };
            bar.set_position(self.bytes_read.get());
            bar.set_message(format!("{documents} documents, {rate:.0} documents/s"));
        }
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Total size of the inputs, for the bar's ETA; `None` when standard input
/// is among them.
fn total_bytes(paths: &[PathBuf], globs: &GlobSet) -> Option<u64> {
    let mut total = 0;
    for path in paths {
        if is_stdin(path) {
            return None;
        }
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).follow_links(true).into_iter().flatten() {
                let relative = entry.path().strip_prefix(path).unwrap_or(entry.path());
                if entry.file_type().is_file() && globs.is_match(relative) {
                    total += entry.metadata().map_or(0, |metadata| metadata.len());
                }
            }
        } else {
            total += std::fs::metadata(path).map_or(0, |metadata| metadata.len());
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(line: &str) -> BatchItem<Meta> {
        parse_record("in.jsonl", 7, line.as_bytes().to_vec(), None, InputFormatArg::Auto)
    }

    #[test]
    fn records_give_documents_or_errors() {
        let item = record(r#"{"id": "a1", "text": "Some text.", "lang": "en", "n": [1, 2]}"#);
        assert_eq!(item.id, "a1");
        assert_eq!(item.text, Ok("Some text.".to_owned()));
        let fields: Vec<(&str, &str)> =
            item.meta.fields.iter().map(|(key, value)| (key.as_str(), value.get())).collect();
        assert_eq!(fields, [("lang", r#""en""#), ("n", "[1, 2]")]);

        assert_eq!(item.language, Some(abridge::Language::English));
        let item = record(r#"{"text": "T.", "lang": "klingon"}"#);
        assert_eq!(item.language, None, "an unknown language is detected instead");

        let item = record(r#"{"id": 42, "text": "Numbers for ids."}"#);
        assert_eq!(item.id, "42");
        assert_eq!(item.meta.raw_id.as_ref().map(|raw| raw.get()), Some("42"));

        for (line, id, error) in [
            (r#"{"id": "b", "txt": "x"}"#, "b", "no `text` field"),
            (r#"{"id": "c", "text": 3}"#, "c", "`text` is not a string"),
            (r#"{"text": "cut off"#, "in.jsonl:7", "malformed JSON at column 17: EOF"),
            (
                "[1, 2]",
                "in.jsonl:7",
                "malformed JSON: invalid type: sequence, expected a JSON object",
            ),
            ("not json", "in.jsonl:7", "malformed JSON at column 2: expected ident"),
        ] {
            let item = record(line);
            assert_eq!(item.id, id, "{line}");
            assert!(item.text.as_ref().unwrap_err().starts_with(error), "{line}: {:?}", item.text);
        }
        let item = parse_record(
            "in.jsonl",
            2,
            b"{\"text\": \"caf\xe9\"}".to_vec(),
            None,
            InputFormatArg::Auto,
        );
        assert_eq!(item.text, Err("invalid UTF-8 at byte 13".to_owned()));
        assert_eq!(item.meta.location.as_deref(), Some("in.jsonl:2"));
    }

    #[test]
    fn reserved_keys_are_not_passed_through() {
        let item = record(r#"{"text": "T.", "sentences": 1, "error": 2, "keep": 3}"#);
        let keys: Vec<&str> = item.meta.fields.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["keep"]);
        assert_eq!(item.id, "in.jsonl:7");
    }

    #[test]
    fn summary_line() {
        let counts = Counts { documents: 4000, errors: 2, skipped: 0 };
        assert_eq!(
            counts.summary_line(Duration::from_millis(800)),
            "4000 documents, 2 errors in 0.80 s (5000 documents/s)"
        );
        let counts = Counts { documents: 3, errors: 0, skipped: 5 };
        assert_eq!(
            counts.summary_line(Duration::from_secs(1)),
            "3 documents, 0 errors, 5 skipped in 1.00 s (3 documents/s)"
        );
    }

    #[test]
    fn partial_paths() {
        assert_eq!(partial_path(Path::new("out/a.txt")), Path::new("out/a.txt.partial"));
    }
}
