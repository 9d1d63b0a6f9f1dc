//! Issue 12: web pages in. HTML files and records, URLs fetched from a
//! server the test starts on 127.0.0.1, and web archives the test writes.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::Duration;

use crate::{abridge, stdout_lines};

/// A news page we wrote: navigation, a cookie banner, a script, the story,
/// a share bar, related links and a footer around it.
pub const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour closed after storm | Kelby Post</title>
<meta property="og:title" content="Harbour closed after storm">
<meta property="og:site_name" content="Kelby Post">
<meta name="author" content="Ines Okafor">
<script>window.dataLayer = window.dataLayer || []; "undefined" !== typeof b.jserrors;</script>
</head><body>
<div class="cookie-banner">We use cookies to give you the best experience. Accept all cookies to continue.</div>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article>
<h1>Harbour closed after storm</h1>
<p>The Kelby harbour authority closed the town's harbour to all shipping on Tuesday after a winter storm tore through the sea wall and sank two moored fishing boats.</p>
<p>Harbour master Ines Okafor said divers had found a 40-metre breach in the wall near the north pier, and that the water had flooded the fish market.</p>
<p>Repairs would take at least a week, she said, and the harbour would stay closed until engineers had checked every berth.</p>
<p>Ferries to the islands will sail from Port Amsel until then, the ferry company said, adding that timetables would not change.</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share by email</a></div>
</article>
<aside class="related-links"><h2>Related</h2><a href="/x">Storm warnings issued for the whole coast this weekend</a></aside>
<footer>Copyright 2024 Kelby Post. All rights reserved. Terms of use. Privacy policy.</footer>
</body></html>"##;

const FURNITURE: &[&str] =
    &["cookies", "Home", "Share", "Storm warnings", "All rights reserved", "jserrors", "dataLayer"];

fn assert_story_only(lines: &[String]) {
    assert!(!lines.is_empty(), "no summary");
    let all = lines.join("\n");
    assert!(all.contains("harbour") || all.contains("Harbour"), "{all}");
    for furniture in FURNITURE {
        assert!(!all.contains(furniture), "{furniture:?} in the summary: {all}");
    }
}

#[test]
fn an_html_file_is_summarised_by_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, PAGE).unwrap();
    let output = abridge().args(["summarize", "-n", "2"]).arg(&path).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_story_only(&stdout_lines(&output));
    // By content too, from standard input.
    let output = abridge().args(["summarize", "-n", "2"]).write_stdin(PAGE).output().unwrap();
    assert_story_only(&stdout_lines(&output));
}

#[test]
fn json_carries_the_metadata_and_where_sentences_came_from() {
    let output = abridge()
        .args(["summarize", "-n", "1", "--format", "json"])
        .write_stdin(PAGE)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "html");
    assert_eq!(json["metadata"]["title"], "Harbour closed after storm");
    assert_eq!(json["metadata"]["author"], "Ines Okafor");
    assert_eq!(json["metadata"]["site_name"], "Kelby Post");
    assert_eq!(json["metadata"]["language"], "en");
    let sentence = &json["sentences"][0];
    assert!(
        sentence["path"].as_str().unwrap_or("").starts_with("html > body > article > p"),
        "{sentence}"
    );
}

#[test]
fn sentences_of_a_page_are_its_article() {
    let output = abridge().args(["sentences"]).write_stdin(PAGE).output().unwrap();
    let lines = stdout_lines(&output);
    assert!(lines.iter().any(|line| line.starts_with("Ferries to the islands")), "{lines:?}");
    assert!(
        !lines.iter().any(|line| line.contains("cookies") || line.contains("Home")),
        "{lines:?}"
    );
}

#[test]
fn batch_reads_folders_of_pages_and_html_records() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.html"), PAGE).unwrap();
    std::fs::write(dir.path().join("b.htm"), PAGE.replace("Tuesday", "Monday")).unwrap();
    let output = abridge().args(["batch", "-q", "-n", "1"]).arg(dir.path()).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let records: Vec<serde_json::Value> =
        stdout_lines(&output).iter().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(records.len(), 2, "{records:?}");
    for record in &records {
        assert_eq!(record["format"], "html");
        assert_eq!(record["metadata"]["author"], "Ines Okafor");
    }
    let line = serde_json::json!({"id": "p1", "html": PAGE, "source": "test"}).to_string();
    let output =
        abridge().args(["batch", "-q", "-n", "2", "-"]).write_stdin(line).output().unwrap();
    let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["format"], "html");
    assert_eq!(record["source"], "test");
    assert!(record.get("html").is_none(), "the page is not echoed back");
    let sentences: Vec<String> = record["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect();
    assert_story_only(&sentences);
}

/// A web server on 127.0.0.1 for one test: it answers each path from
/// `route`, serves at most 32 connections, and never waits for more than
/// two seconds on a client.
fn serve(route: fn(&str) -> Response) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("test setup");
    let address = listener.local_addr().expect("test setup");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(32).flatten() {
            std::thread::spawn(move || answer(stream, route));
        }
    });
    format!("http://{address}")
}

struct Response {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Duration,
}

fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Response {
    Response {
        status: "200 OK",
        headers: vec![("Content-Type", content_type.to_owned())],
        body: body.into(),
        delay: Duration::ZERO,
    }
}

fn answer(mut stream: TcpStream, route: fn(&str) -> Response) {
    stream.set_read_timeout(Some(Duration::from_secs(2))).expect("test setup");
    let mut reader = BufReader::new(stream.try_clone().expect("test setup"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let response = route(&path);
    std::thread::sleep(response.delay);
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        response.status,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&response.body);
}

fn site(path: &str) -> Response {
    match path {
        "/page" => ok("text/html; charset=utf-8", PAGE),
        "/latin1" => {
            let page =
                PAGE.replace("<meta charset=\"utf-8\">", "").replace("Port Amsel", "Port Amsél");
            let bytes: Vec<u8> = page.chars().map(|c| c as u32 as u8).collect();
            ok("text/html; charset=ISO-8859-1", bytes)
        }
        "/moved" => Response {
            status: "301 Moved Permanently",
            headers: vec![("Location", "/page".to_owned())],
            body: Vec::new(),
            delay: Duration::ZERO,
        },
        "/loop" => Response {
            status: "302 Found",
            headers: vec![("Location", "/loop".to_owned())],
            body: Vec::new(),
            delay: Duration::ZERO,
        },
        "/big" => ok(
            "text/html",
            format!("<html><body>{}</body></html>", "<p>Word after word.</p>".repeat(10_000)),
        ),
        "/image" => ok("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        "/slow" => Response { delay: Duration::from_secs(3), ..ok("text/html", PAGE) },
        _ => Response {
            status: "404 Not Found",
            headers: vec![("Content-Type", "text/html".to_owned())],
            body: b"<html><body>Not here</body></html>".to_vec(),
            delay: Duration::ZERO,
        },
    }
}

#[test]
fn a_url_is_fetched_following_redirects_and_its_charset() {
    let base = serve(site);
    for path in ["/page", "/moved", "/latin1"] {
        let output =
            abridge().args(["summarize", "-n", "4"]).arg(format!("{base}{path}")).output().unwrap();
        assert!(output.status.success(), "{path}: {output:?}");
        let lines = stdout_lines(&output);
        assert_story_only(&lines);
        if path == "/latin1" {
            assert!(lines.iter().any(|line| line.contains("Port Amsél")), "{lines:?}");
        }
    }
}

#[test]
fn fetch_failures_are_clear_errors() {
    let base = serve(site);
    let cases = [
        ("/loop", vec![], "too many redirects"),
        ("/big", vec!["--max-page-bytes", "100000"], "larger than 100000 bytes"),
        ("/image", vec![], "image/png, not HTML or text"),
        ("/slow", vec!["--timeout", "0.5"], "within 0.5 s"),
        ("/missing", vec![], "HTTP 404"),
    ];
    for (path, flags, message) in cases {
        let url = format!("{base}{path}");
        let output = abridge().args(["summarize"]).args(&flags).arg(&url).output().unwrap();
        assert!(!output.status.success(), "{path} succeeded");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(&url) && stderr.contains(message), "{path}: {stderr}");
    }
}

#[test]
fn batch_fetches_a_list_of_urls_with_one_record_each() {
    let base = serve(site);
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    let urls: Vec<String> =
        ["/page", "/image", "/loop", "/moved"].iter().map(|p| format!("{base}{p}")).collect();
    std::fs::write(&list, format!("# pages\n{}\n\n", urls.join("\n"))).unwrap();
    let output = abridge()
        .args(["batch", "-q", "-n", "1", "--fetch-threads", "2", "--urls"])
        .arg(&list)
        .output()
        .unwrap();
    assert!(!output.status.success(), "two pages failed, so the run did");
    let records: Vec<serde_json::Value> =
        stdout_lines(&output).iter().map(|line| serde_json::from_str(line).unwrap()).collect();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, urls.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(records[0]["sentences"].is_array() && records[3]["sentences"].is_array());
    assert_eq!(records[3]["url"], format!("{base}/page"));
    assert!(records[1]["error"].as_str().unwrap().contains("image/png"));
    assert!(records[2]["error"].as_str().unwrap().contains("redirects"));
}

/// One WARC record, gzipped on its own as Common Crawl writes them.
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nWARC-Date: 2024-01-09T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len() * 31 + kind.len(),
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&record).expect("test setup");
    encoder.finish().expect("test setup")
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    block.extend_from_slice(body);
    block
}

fn write_warc(path: &Path) {
    let mut file = Vec::new();
    file.extend(warc_record("warcinfo", "", "application/warc-fields", b"software: test\r\n"));
    file.extend(warc_record(
        "request",
        "https://kelby.example/a",
        "application/http; msgtype=request",
        b"GET /a HTTP/1.1\r\n\r\n",
    ));
    file.extend(warc_record(
        "response",
        "https://kelby.example/a",
        "application/http; msgtype=response",
        &http("text/html", PAGE.as_bytes()),
    ));
    file.extend(warc_record(
        "response",
        "https://kelby.example/logo.png",
        "application/http; msgtype=response",
        &http("image/png", b"\x89PNG"),
    ));
    let second = PAGE.replace("Tuesday", "Wednesday");
    file.extend(warc_record(
        "response",
        "https://kelby.example/b",
        "application/http; msgtype=response",
        &http("text/html; charset=utf-8", second.as_bytes()),
    ));
    std::fs::write(path, file).expect("test setup");
}

#[test]
fn batch_summarises_every_html_response_of_a_web_archive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    write_warc(&path);
    let output = abridge().args(["batch", "-q", "-n", "1"]).arg(&path).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let records: Vec<serde_json::Value> =
        stdout_lines(&output).iter().map(|line| serde_json::from_str(line).unwrap()).collect();
    let urls: Vec<&str> = records.iter().map(|r| r["url"].as_str().unwrap()).collect();
    assert_eq!(urls, ["https://kelby.example/a", "https://kelby.example/b"]);
    for record in &records {
        assert_eq!(record["id"], record["url"]);
        assert!(record["date"].as_str().unwrap().starts_with("2024-01-09T08:00:00"), "{record}");
        assert_eq!(record["format"], "html");
    }
    // A truncated archive gives an error record, not a panic.
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 40]).unwrap();
    let output = abridge().args(["batch", "-q", "-n", "1"]).arg(&path).output().unwrap();
    let lines = stdout_lines(&output);
    assert!(lines.last().is_some_and(|line| line.contains("\"error\"")), "{lines:?}");
}
