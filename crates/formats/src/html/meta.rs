//! A page's metadata: title, author, date, site name, canonical URL and
//! language, from the `<head>` (`og:`, `article:`, Dublin Core and plain
//! `<meta>` names, `<link rel=canonical>`, `<title>`), JSON-LD and
//! `<html lang>`.
//!
//! Each field takes the first source that has it, in the order publishers
//! fill them most carefully: Open Graph and `article:` tags, then JSON-LD,
//! then the plain names.

use serde_json::Value;

use crate::Metadata;

/// What the extractor's walk collected about the page.
#[derive(Debug, Default)]
pub(crate) struct PageFacts {
    /// `<meta>` tags as (key, content), the key being the lower-cased
    /// `property`, `name` or `itemprop`.
    pub metas: Vec<(String, String)>,
    /// `<link rel="canonical" href>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// The text of `<title>`.
    pub title: Option<String>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The first `<time datetime>` value.
    pub time: Option<String>,
}

impl PageFacts {
    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.metas.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| clean(v))
        })
    }
}

/// The metadata the facts give.
pub(crate) fn metadata(facts: &PageFacts) -> Metadata {
    let ld = JsonLd::read(&facts.json_ld);
    let title = facts
        .meta(&["og:title", "twitter:title"])
        .or_else(|| ld.headline.clone())
        .or_else(|| facts.meta(&["dc.title", "title"]))
        .or_else(|| facts.title.as_deref().map(clean).filter(|t| !t.is_empty()));
    let author = facts
        .meta(&["author", "article:author", "dc.creator", "byl", "parsely-author"])
        .filter(|a| !a.starts_with("http"))
        .or_else(|| ld.author.clone());
    let date = facts
        .meta(&["article:published_time", "og:published_time"])
        .or_else(|| ld.date.clone())
        .or_else(|| {
            facts.meta(&[
                "date",
                "pubdate",
                "publish-date",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "datepublished",
                "sailthru.date",
                "parsely-pub-date",
            ])
        })
        .or_else(|| facts.time.clone());
    let site_name =
        facts.meta(&["og:site_name", "application-name"]).or_else(|| ld.publisher.clone());
    let url =
        facts.canonical.clone().or_else(|| facts.meta(&["og:url"])).or_else(|| ld.url.clone());
    let language = facts
        .lang
        .clone()
        .filter(|l| !l.trim().is_empty())
        .or_else(|| facts.meta(&["content-language", "og:locale", "dc.language", "language"]))
        .or_else(|| ld.language.clone())
        .map(|l| l.replace('_', "-"));
    Metadata { title, author, date, site_name, url, language }
}

/// Collapses white space.
pub(crate) fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What JSON-LD says about the page's main entity.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    author: Option<String>,
    date: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

/// The schema.org types that describe a page's main content.
const CONTENT_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "LiveBlogPosting",
    "Report",
    "WebPage",
    "DiscussionForumPosting",
    "QAPage",
    "Product",
    "Recipe",
];

impl JsonLd {
    fn read(scripts: &[String]) -> JsonLd {
        let values: Vec<Value> =
            scripts.iter().filter_map(|script| serde_json::from_str(script.trim()).ok()).collect();
        let mut entities = Vec::new();
        for value in &values {
            collect_entities(value, &mut entities, 0);
        }
        // The most specific type first: an Article beats the WebPage around it.
        entities.sort_by_key(|entity| {
            type_names(entity)
                .iter()
                .filter_map(|t| CONTENT_TYPES.iter().position(|c| c == t))
                .min()
                .unwrap_or(usize::MAX)
        });
        let mut ld = JsonLd::default();
        for entity in entities
            .iter()
            .filter(|e| type_names(e).iter().any(|t| CONTENT_TYPES.contains(&t.as_str())))
        {
            ld.headline = ld.headline.take().or_else(|| text(entity, "headline"));
            ld.author = ld.author.take().or_else(|| entity.get("author").and_then(name_of));
            ld.date = ld.date.take().or_else(|| text(entity, "datePublished"));
            ld.publisher =
                ld.publisher.take().or_else(|| entity.get("publisher").and_then(name_of));
            ld.url = ld.url.take().or_else(|| text(entity, "url"));
            ld.language = ld.language.take().or_else(|| text(entity, "inLanguage"));
        }
        ld
    }
}

fn collect_entities<'v>(value: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_entities(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            if map.contains_key("@type") {
                out.push(value);
            }
            if let Some(graph) = map.get("@graph") {
                collect_entities(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn type_names(entity: &Value) -> Vec<String> {
    match entity.get("@type") {
        Some(Value::String(name)) => vec![name.clone()],
        Some(Value::Array(names)) => {
            names.iter().filter_map(Value::as_str).map(str::to_owned).collect()
        }
        _ => Vec::new(),
    }
}

fn text(entity: &Value, key: &str) -> Option<String> {
    entity.get(key).and_then(Value::as_str).map(clean).filter(|t| !t.is_empty())
}

/// A person's or organisation's name: a string, an object with `name`, or
/// the names of a list joined with commas.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(name) => {
            Some(clean(name)).filter(|n| !n.is_empty() && !n.starts_with("http"))
        }
        Value::Object(_) => text(value, "name"),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_graph_wins_then_json_ld_then_plain_names() {
        let facts = PageFacts {
            metas: vec![
                ("og:title".into(), "  The Storm  ".into()),
                ("author".into(), "Ines Okafor".into()),
                ("og:site_name".into(), "Kelby Post".into()),
            ],
            json_ld: vec![
                r#"{"@context":"https://schema.org","@graph":[
                {"@type":"WebPage","url":"https://example.org/storm"},
                {"@type":"NewsArticle","headline":"Storm hits","datePublished":"2024-01-09",
                 "author":[{"@type":"Person","name":"A. Writer"}],"publisher":{"name":"KP"}}]}"#
                    .into(),
            ],
            lang: Some("en_GB".into()),
            title: Some("The Storm | Kelby Post".into()),
            ..PageFacts::default()
        };
        let meta = metadata(&facts);
        assert_eq!(meta.title.as_deref(), Some("The Storm"));
        assert_eq!(meta.author.as_deref(), Some("Ines Okafor"));
        assert_eq!(meta.date.as_deref(), Some("2024-01-09"));
        assert_eq!(meta.site_name.as_deref(), Some("Kelby Post"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/storm"));
        assert_eq!(meta.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn json_ld_fills_in_and_bad_json_is_ignored() {
        let facts = PageFacts {
            json_ld: vec![
                "{not json".into(),
                r#"[{"@type":"BlogPosting","headline":"Notes","author":"Dana"}]"#.into(),
            ],
            title: Some("Page title".into()),
            ..PageFacts::default()
        };
        let meta = metadata(&facts);
        assert_eq!(meta.title.as_deref(), Some("Notes"));
        assert_eq!(meta.author.as_deref(), Some("Dana"));
        assert_eq!(meta.date, None);
    }
}
