//! Web pages by URL: `abridge summarize https://…` and `abridge batch
//! --urls FILE`.
//!
//! Pages are fetched with `ureq` (rustls for TLS), following at most
//! [`MAX_REDIRECTS`] redirects, within a timeout for the whole exchange and
//! a size limit on the body, with abridge's user agent. The body is
//! decoded by the charset of the `Content-Type` header, then the page's
//! `<meta charset>`, then detection (`abridge::crates::formats::html::decode_html`). A
//! content type that is neither HTML nor text is refused before the body
//! is read.

use std::collections::VecDeque;
use std::fmt;
use std::io::BufRead;
use std::thread::JoinHandle;
use std::time::Duration;

use abridge::InputFormat;
use clap::Args;

/// At most this many redirects are followed.
pub const MAX_REDIRECTS: u32 = 10;

/// The user agent pages are fetched with.
pub const USER_AGENT: &str =
    concat!("abridge/", env!("CARGO_PKG_VERSION"), " (extractive summariser)");

/// How pages are fetched.
#[derive(Debug, Clone, Args)]
pub struct FetchArgs {
    /// For URLs: give up on a page after this many seconds (connecting,
    /// redirects and the body together).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
    /// For URLs: refuse pages larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 << 20)]
    pub max_page_bytes: u64,
}

impl Default for FetchArgs {
    fn default() -> FetchArgs {
        FetchArgs { timeout: 30.0, max_page_bytes: 10 << 20 }
    }
}

/// Whether an input argument is a URL to fetch rather than a file.
pub fn is_url(argument: &str) -> bool {
    let lower = argument.get(..8).unwrap_or(argument).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A fetched page, decoded.
#[derive(Debug)]
pub struct Page {
    /// The URL the page was finally fetched from (after redirects).
    pub url: String,
    /// The text of the body.
    pub text: String,
    /// The format its content type names.
    pub format: InputFormat,
    /// The encoding the body was decoded from.
    pub encoding: &'static str,
}

/// Why a page could not be had.
#[derive(Debug)]
pub enum FetchError {
    /// The server answered with an error status.
    Status(u16),
    /// The content type is not HTML or text.
    NotText(String),
    /// The body is over the size limit.
    TooLarge(u64),
    /// The time ran out.
    Timeout(Duration),
    /// More than [`MAX_REDIRECTS`] redirects, or a loop.
    Redirects,
    /// The host name does not resolve.
    HostNotFound,
    /// TLS failed (certificate, handshake).
    Tls(String),
    /// Anything else the client reports (connection refused, bad URL).
    Other(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Status(code) => write!(f, "the server answered HTTP {code}"),
            FetchError::NotText(kind) => {
                write!(f, "the content type is {kind}, not HTML or text")
            }
            FetchError::TooLarge(limit) => {
                write!(f, "the page is larger than {limit} bytes (--max-page-bytes)")
            }
            FetchError::Timeout(limit) => {
                write!(f, "no complete answer within {} s (--timeout)", limit.as_secs_f64())
            }
            FetchError::Redirects => {
                write!(f, "too many redirects (more than {MAX_REDIRECTS}, or a loop)")
            }
            FetchError::HostNotFound => f.write_str("the host name does not resolve (DNS)"),
            FetchError::Tls(message) => write!(f, "TLS failed: {message}"),
            FetchError::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for FetchError {}

/// Fetches pages with one configuration.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    timeout: Duration,
    max_bytes: u64,
}

impl Fetcher {
    /// A fetcher with the limits of `args`.
    pub fn new(args: &FetchArgs) -> Fetcher {
        let timeout = Duration::from_secs_f64(args.timeout.clamp(0.001, 86_400.0));
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .build()
            .new_agent();
        Fetcher { agent, timeout, max_bytes: args.max_page_bytes }
    }

    /// Fetches and decodes the page at `url`.
    pub fn fetch(&self, url: &str) -> Result<Page, FetchError> {
        use ureq::ResponseExt;
        let mut response = self
            .agent
            .get(url)
            .header("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
            .call()
            .map_err(|error| self.error(error))?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let format = match content_type.as_deref().map(media_type) {
            None => None,
            Some(kind) if kind == "text/html" || kind == "application/xhtml+xml" => {
                Some(InputFormat::Html)
            }
            Some(kind) if kind.starts_with("text/") => None,
            Some(kind) => return Err(FetchError::NotText(kind)),
        };
        let final_url = response.get_uri().to_string();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|error| self.error(error))?;
        if format.is_none() && crate::input::looks_binary(&bytes).is_some() {
            let kind = content_type.as_deref().map_or_else(|| "unknown".to_owned(), media_type);
            return Err(FetchError::NotText(format!("{kind} (binary data)")));
        }
        let (text, encoding, _) =
            abridge::crates::formats::html::decode_html(&bytes, content_type.as_deref());
        let text = text.into_owned();
        let format = format.unwrap_or_else(|| InputFormat::detect(None, &text));
        Ok(Page { url: final_url, text, format, encoding: encoding.name() })
    }

    fn error(&self, error: ureq::Error) -> FetchError {
        match error {
            ureq::Error::StatusCode(code) => FetchError::Status(code),
            ureq::Error::Timeout(_) => FetchError::Timeout(self.timeout),
            ureq::Error::HostNotFound => FetchError::HostNotFound,
            ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => FetchError::Redirects,
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.max_bytes),
            ureq::Error::Tls(message) => FetchError::Tls(message.to_owned()),
            ureq::Error::Rustls(error) => FetchError::Tls(error.to_string()),
            ureq::Error::Io(error) if error.kind() == std::io::ErrorKind::TimedOut => {
                FetchError::Timeout(self.timeout)
            }
            other => FetchError::Other(other.to_string()),
        }
    }
}

/// The media type of a `Content-Type` value, lower-cased, without
/// parameters.
fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// A URL being fetched: the URL, its line, and the thread fetching it.
type InFlight = (String, u64, JoinHandle<Result<Page, FetchError>>);

/// The pages of a file of URLs (one a line; blank lines and `#` comments
/// skipped), fetched by up to `concurrency` threads at once and handed out
/// in the file's order.
pub struct UrlSource {
    lines: Box<dyn BufRead>,
    name: String,
    line: u64,
    in_flight: VecDeque<InFlight>,
    concurrency: usize,
    fetcher: Fetcher,
    done: bool,
}

impl UrlSource {
    /// Reads URLs from `lines` (named `name` in messages).
    pub fn new(
        name: String,
        lines: Box<dyn BufRead>,
        fetcher: Fetcher,
        concurrency: usize,
    ) -> UrlSource {
        UrlSource {
            lines,
            name,
            line: 0,
            in_flight: VecDeque::new(),
            concurrency: concurrency.max(1),
            fetcher,
            done: false,
        }
    }

    /// The next URL's result: the URL, its line, and the page or the error.
    /// `None` at the end of the file.
    pub fn next_page(&mut self) -> Option<(String, u64, Result<Page, String>)> {
        while !self.done && self.in_flight.len() < self.concurrency {
            let mut text = String::new();
            match self.lines.read_line(&mut text) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let url = text.trim();
                    if url.is_empty() || url.starts_with('#') {
                        continue;
                    }
                    let url = url.to_owned();
                    let fetcher = self.fetcher.clone();
                    let target = url.clone();
                    let handle = std::thread::spawn(move || fetcher.fetch(&target));
                    self.in_flight.push_back((url, self.line, handle));
                }
                Err(error) => {
                    self.done = true;
                    crate::report(&format!("{}: cannot read: {error}", self.name));
                }
            }
        }
        let (url, line, handle) = self.in_flight.pop_front()?;
        let result = match handle.join() {
            Ok(result) => result.map_err(|error| error.to_string()),
            Err(_) => Err("the fetch failed unexpectedly".to_owned()),
        };
        Some((url, line, result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_files() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("page.html"));
        assert!(!is_url("http"));
        assert!(!is_url("./https://x"));
    }

    #[test]
    fn media_types_drop_parameters() {
        assert_eq!(media_type("Text/HTML; charset=UTF-8"), "text/html");
        assert_eq!(media_type("image/png"), "image/png");
    }
}
