//! Extraction on pages written for these tests.

use super::*;

/// A news page: navigation, a cookie banner, the article with a caption and
/// a quote, a share bar, related links, comments and a footer.
const NEWS_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Harbour closed after storm | Kelby Post</title>
<meta property="og:title" content="Harbour closed after storm">
<meta property="og:site_name" content="Kelby Post">
<meta name="author" content="Ines Okafor">
<meta property="article:published_time" content="2024-01-09T08:00:00Z">
<link rel="canonical" href="https://kelby.example/news/harbour">
<script>var tracking = "undefined" !== typeof window.jserrors;</script>
<style>.share { color: red }</style>
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article class="post">
<h1>Harbour closed after storm</h1>
<p>The Kelby harbour authority closed the harbour to all shipping on Tuesday after a winter storm tore through the sea wall, sank two moored boats and flooded the fish market.</p>
<figure><img src="wall.jpg"><figcaption>The breach in the north wall, seen from the pier.</figcaption></figure>
<p>Harbour master Ines Okafor said divers had found a 40-metre breach in the wall near the north pier, and that repairs would take at least a week.</p>
<h2>What happens next</h2>
<p>Engineers will check every berth before the harbour reopens, she said, and the ferry to the islands will sail from Port Amsel until then.</p>
<blockquote><p>We will not reopen until every berth is safe, whatever it costs us.</p></blockquote>
<ul><li>Ferries sail from Port Amsel.</li><li>The fish market stays shut until Friday.</li></ul>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Storm warning for the coast issued by the met office</a></li><li><a href="/b">Ferry timetable changes for the winter season</a></li></ul></aside>
<section id="comments"><h3>3 comments</h3><p>Terrible news, I hope the fishermen get compensation soon from the council.</p></section>
</main>
<div class="newsletter">Sign up for our newsletter and get the news every morning.</div>
<footer><p>© 2024 Kelby Post. All rights reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>
</body></html>"##;

#[test]
fn the_article_is_found_and_the_furniture_is_not() {
    let text = main_text(NEWS_PAGE);
    for kept in [
        "The Kelby harbour authority closed",
        "a 40-metre breach",
        "What happens next",
        "every berth is safe",
        "The fish market stays shut",
    ] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    // The caption is a block of the page, but not of its main text.
    assert!(Html.parse(NEWS_PAGE).text.contains("The breach in the north wall"));
    for dropped in [
        "The breach in the north wall",
        "cookies",
        "Home",
        "Share on",
        "Related stories",
        "Ferry timetable",
        "Terrible news",
        "newsletter",
        "All rights reserved",
        "jserrors",
        "color: red",
    ] {
        assert!(!text.contains(dropped), "{dropped:?} leaked into {text:?}");
    }
}

#[test]
fn blocks_keep_their_kinds_spans_and_paths() {
    let parsed = Html.parse(NEWS_PAGE);
    let blocks = parsed.blocks.as_ref().expect("html has blocks");
    assert_eq!(blocks.len(), parsed.origins.len());
    let kinds: Vec<BlockKind> = blocks.iter().map(|block| block.kind).collect();
    assert_eq!(kinds[0], BlockKind::Title);
    assert_eq!(&parsed.text[blocks[0].span.range()], "Harbour closed after storm");
    for kind in [
        BlockKind::Paragraph,
        BlockKind::Caption,
        BlockKind::Heading,
        BlockKind::Quote,
        BlockKind::ListItem,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} in {kinds:?}");
    }
    // The h1 repeats the title, so it is not a heading of the body too.
    assert_eq!(kinds.iter().filter(|&&k| k == BlockKind::Title).count(), 1);
    assert!(!parsed.text[blocks[1].span.range()].contains("Harbour closed after storm"));
    for pair in blocks.windows(2) {
        assert!(pair[0].span.end < pair[1].span.start, "{pair:?}");
    }
    let quote = blocks.iter().position(|block| block.kind == BlockKind::Quote).expect("a quote");
    assert_eq!(
        parsed.origins[quote].path.as_deref(),
        Some("html > body > main > article > blockquote > p")
    );
    let meta = &parsed.metadata;
    assert_eq!(meta.author.as_deref(), Some("Ines Okafor"));
    assert_eq!(meta.site_name.as_deref(), Some("Kelby Post"));
    assert_eq!(meta.date.as_deref(), Some("2024-01-09T08:00:00Z"));
    assert_eq!(meta.url.as_deref(), Some("https://kelby.example/news/harbour"));
    assert_eq!(meta.language.as_deref(), Some("en-GB"));
}

#[test]
fn a_listing_without_one_article_keeps_its_entries() {
    let page = r#"<html><body><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav>
<div class="grid">
<div class="card"><h2>Blue kettle</h2><p>A stove-top kettle in enamelled steel, holds 1.5 litres.</p></div>
<div class="card"><h2>Red teapot</h2><p>A cast-iron teapot with a removable infuser basket.</p></div>
<div class="card"><h2>Tea towel set</h2><p>Three cotton tea towels with a printed map of the coast.</p></div>
</div><footer>© Shop</footer></body></html>"#;
    let text = main_text(page);
    for kept in ["Blue kettle", "enamelled steel", "Red teapot", "cast-iron", "printed map"] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    assert!(!text.contains("Home") && !text.contains("© Shop"), "{text:?}");
}

#[test]
fn a_listing_keeps_its_long_links_and_not_its_tag_cloud() {
    let card = |name: &str| {
        format!("<li class=\"card\"><a href=\"/p\">{name}</a><span>$24.99</span></li>")
    };
    let page = format!(
        "<html><body><ul class=\"products\">{}{}{}{}</ul>\
         <div class=\"tags\"><a href=\"/t\">desk</a> <a href=\"/t\">lamp</a> <a href=\"/t\">chair</a></div>\
         </body></html>",
        card("Walnut standing desk with a memory keypad"),
        card("Brass reading lamp with a linen shade"),
        card("Oak office chair with a woven seat"),
        card("Felt desk mat in charcoal grey, 90 by 40 cm"),
    );
    let text = main_text(&page);
    for kept in ["Walnut standing desk", "Brass reading lamp", "Oak office chair"] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    assert!(!text.contains("lamp chair"), "{text:?}");
}

#[test]
fn hidden_and_script_text_is_never_text() {
    let page = "<html><body><p>Visible words of the page that a reader sees.</p>\
        <p hidden>Secret one.</p><div style=\"display: none\">Secret two.</div>\
        <p aria-hidden=\"true\">Secret three.</p><noscript>Enable scripts.</noscript></body></html>";
    let text = main_text(page);
    assert_eq!(text, "Visible words of the page that a reader sees.");
}

#[test]
fn a_hidden_wrapper_around_the_whole_page_is_read() {
    let page = "<html><body><main><div style=\"display:none\" class=\"lockdown\">\
        <p>The walnut desk is 24 inches deep, so it fits a small study or a bedroom corner.</p>\
        <p>Its frame lifts from 22 to 48 inches, and it remembers four heights.</p>\
        </div></main><div hidden><p>Added to your basket.</p></div>\
        </body></html>";
    let text = main_text(page);
    assert!(text.contains("24 inches deep") && text.contains("four heights"), "{text:?}");
    assert!(!text.contains("basket"), "{text:?}");
    // React streams a part of the page hidden, and its script shows it.
    let page = "<html><body><div hidden id=\"S:1\"><div class=\"product\">\
        <p>Every desk ships with a cable tray, ten clips and a two-year warranty on the frame.</p>\
        </div></div><p hidden>Added to your basket.</p><p>Sign in</p></body></html>";
    let text = main_text(page);
    assert!(text.contains("cable tray"), "{text:?}");
    assert!(!text.contains("basket"), "{text:?}");
}

#[test]
fn consent_banners_and_dialogs_are_dropped_whatever_their_size() {
    let policy = "<p>We and our partners store and access information on your device to measure the audience.</p>"
        .repeat(6);
    let page = format!(
        "<html><body><div id=\"onetrust-consent-sdk\">{policy}</div>\
         <div class=\"modal\" role=\"dialog\">{policy}</div>\
         <div class=\"story\"><p>The ferry to the islands will sail again on Friday, the harbour master said on Tuesday.</p>\
         <p>Divers found the breach in the north wall, and the repairs will take at least a week.</p></div>\
         </body></html>"
    );
    let text = main_text(&page);
    assert!(text.contains("ferry to the islands") && text.contains("north wall"), "{text:?}");
    assert!(!text.contains("partners"), "{text:?}");
}

#[test]
fn an_article_leaves_its_date_lines_and_end_matter() {
    let page = "<html><body><article><h1>Harbour reopens</h1>\
        <p>Updated Nov 19, 2019, 6:55 AM</p>\
        <p>The harbour reopened on Monday, a week after the storm, and the first ferry left at nine.</p>\
        <p>Engineers checked every berth, and the fish market will open again on Friday, the council said.</p>\
        <p>Reporting by Ana Ruiz; editing by Tom Lee</p>\
        </article></body></html>";
    let text = main_text(page);
    assert!(text.contains("first ferry left") && text.contains("fish market"), "{text:?}");
    assert!(!text.contains("Updated") && !text.contains("Reporting by"), "{text:?}");
}

#[test]
fn a_story_in_many_small_parts_is_kept_whole() {
    let part =
        |text: &str| format!("<div class=\"block\"><div class=\"text\"><p>{text}</p></div></div>");
    let page = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"body\">{}{}{}</div></body></html>",
        part(
            "Choosing a name for the company comes first, and the name must be free in the state register."
        ),
        part(
            "Filing the articles of organisation follows, with the fee, the address and the names of the members."
        ),
        part(
            "Publishing a notice in two newspapers for six weeks is the last step, and the county clerk certifies it."
        ),
    );
    let text = main_text(&page);
    for kept in ["Choosing a name", "Filing the articles", "Publishing a notice"] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
}

#[test]
fn a_page_built_by_scripts_is_read_from_its_noscript() {
    let page = "<html><body><div id=\"app\"></div><noscript><div class=\"posts\">\
        <div class=\"post\"><p>My boiler stops every night at two, and the pressure drops to zero.</p></div>\
        <div class=\"post\"><p>Check the expansion vessel first, then bleed the radiators again.</p></div>\
        </div></noscript><footer><a href=\"/about\">About the forum</a></footer></body></html>";
    let text = main_text(page);
    assert!(text.contains("boiler stops every night"), "{text:?}");
    assert!(text.contains("expansion vessel"), "{text:?}");
    assert!(!text.contains("About the forum"), "{text:?}");
}

#[test]
fn line_breaks_and_preformatted_text_are_kept() {
    let page = "<html><body><p>First   line<br>second\n line</p><pre>let x = 1;\n  x + 1</pre></body></html>";
    let parsed = Html.parse(page);
    let blocks = parsed.blocks.as_ref().expect("blocks");
    let texts: Vec<&str> = blocks.iter().map(|block| &parsed.text[block.span.range()]).collect();
    assert_eq!(texts, ["First line\nsecond line", "let x = 1;\n  x + 1"]);
    assert_eq!(blocks[1].kind, BlockKind::Code);
}

#[test]
fn broken_and_empty_markup_parse() {
    for page in
        ["", "<", "<html><body><p>unclosed <b>bold <i>text", "<table><td>cell</table></p></div>"]
    {
        let parsed = Html.parse(page);
        let blocks = parsed.blocks.expect("html always has blocks");
        for block in &blocks {
            assert!(parsed.text.is_char_boundary(block.span.start));
            assert!(parsed.text.is_char_boundary(block.span.end));
        }
    }
    assert_eq!(main_text("<p>unclosed <b>bold <i>text"), "unclosed bold text");
}

#[test]
fn sniffing_fires_on_markup_only() {
    assert!(looks_like_html("<!DOCTYPE html><html>"));
    assert!(looks_like_html(
        "\u{feff}  <?xml version=\"1.0\"?>\n<!-- saved -->\n<html xmlns=\"x\">"
    ));
    assert!(looks_like_html("<HEAD><title>x</title>"));
    assert!(!looks_like_html("The <html> tag starts a page."));
    assert!(!looks_like_html("<p>a fragment</p>"));
    assert!(!looks_like_html("Dear all, the harbour is closed."));
}

#[test]
fn a_footer_is_furniture_even_with_a_dialog_and_its_heading_inside() {
    // The site's terms of use open in a dialog from the footer: a long
    // text with its own `<h1>`, longer than the page's content.
    let terms = "<p>These terms apply to your use of the site, its shops and every service we offer, and you agree to them by using it.</p>"
        .repeat(12);
    let page = format!(
        "<html><body><main><h2>Wool shoes</h2>\
         <div class=\"intro\"><p>Our wool shoes are light, soft and made to be worn every day, in every season of the year.</p>\
         <p>Wash them in cold water, let them dry in the air, and they will keep their shape for a long time.</p></div></main>\
         <footer><div role=\"dialog\" id=\"modal-terms\"><h1>Terms of use</h1>{terms}</div></footer>\
         </body></html>"
    );
    let text = main_text(&page);
    assert!(
        text.contains("made to be worn every day") && text.contains("keep their shape"),
        "{text:?}"
    );
    assert!(!text.contains("These terms apply") && !text.contains("Terms of use"), "{text:?}");
}

#[test]
fn a_listing_of_linked_titles_beside_a_short_introduction_keeps_them() {
    let row = |rank: u32, title: &str| {
        format!(
            "<tr><td class=\"rank\">{rank}.</td><td><a href=\"/j\">{title}</a> \
             <span>(<a href=\"/s\">pier.example</a>)</span> <a href=\"/h\">hide</a></td></tr>"
        )
    };
    let rows: String = [
        "Pier Robotics is hiring a firmware lead",
        "Kelby Ferries needs a deck officer",
        "Harbour Fish Market seeks a buyer",
        "Net menders wanted for the winter",
        "The Sea Wall Trust hires engineers",
    ]
    .iter()
    .zip(1..)
    .map(|(title, rank)| row(rank, title))
    .collect();
    let page = format!(
        "<html><body><nav><a href=\"/\">Home</a> <a href=\"/jobs\">Jobs</a></nav>\
         <p>These are openings at firms around the harbour, updated every morning.</p>\
         <table>{rows}</table><footer>© Harbour jobs</footer></body></html>"
    );
    let text = main_text(&page);
    for kept in ["openings at firms", "Pier Robotics is hiring", "The Sea Wall Trust hires"] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    assert!(!text.contains("Home") && !text.contains("© Harbour"), "{text:?}");
}

#[test]
fn a_thread_leaves_its_posters_panels_and_signatures() {
    let post = |name: &str, body: &str| {
        format!(
            "<div class=\"post\"><div class=\"user-info\"><span class=\"usertitle\">Senior member since the old pier was built</span>\
             <span>Posts: 4,210 · Joined March 2011 · Kelby harbour</span></div>\
             <div class=\"message\"><p>{body}</p></div>\
             <div class=\"post-signature\">{name}: my boat, my rules, and my very slow diesel engine of 1987.</div></div>"
        )
    };
    let page = format!(
        "<html><body><div class=\"thread\">{}{}{}</div></body></html>",
        post(
            "Ines",
            "Has anyone fitted a new sea cock on an old wooden hull, and which sealant did you use for it?"
        ),
        post(
            "Tom",
            "I used a polyurethane sealant, and it has held for three winters without a single leak."
        ),
        post(
            "Ana",
            "Same here, though I bedded the backing block in epoxy first, which made all the difference."
        ),
    );
    let text = main_text(&page);
    for kept in ["new sea cock", "polyurethane sealant", "backing block in epoxy"] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    for dropped in ["Senior member", "Posts: 4,210", "my boat, my rules"] {
        assert!(!text.contains(dropped), "kept {dropped:?} in {text:?}");
    }
}

#[test]
fn footnotes_and_a_was_this_helpful_box_are_not_the_article() {
    let page = r#"<html><body><article>
<p>The harbour trust published its repair plan on Friday, with a budget of four million and a timetable of two years.</p>
<p>The plan rebuilds the north wall first, then the fish market, and keeps the ferry berth open through the works.</p>
<div class="footnotes"><ol><li>Figures from the trust's annual report, page twelve, table four.</li></ol></div>
<div class="article-helpful"><p>Was this article useful to you? Tell us what we could do better.</p></div>
</article></body></html>"#;
    let text = main_text(page);
    assert!(text.contains("repair plan") && text.contains("north wall first"), "{text:?}");
    assert!(!text.contains("annual report") && !text.contains("Tell us"), "{text:?}");
}

/// A shop's page for one product, its description beside customer
/// reviews and a carousel of other products; `og_type` is its Open Graph
/// type.
fn shop_page(og_type: &str) -> String {
    let review = |text: &str| format!("<div class=\"review-card\"><p>{text}</p></div>");
    format!(
        "<html><head><meta property=\"og:type\" content=\"{og_type}\"></head><body><main>\
         <h1>Enamel kettle, 1.5 litres</h1>\
         <div class=\"description\"><p>A stove-top kettle in enamelled steel, with a beech handle that stays cool and a whistle you can hear from the garden.</p>\
         <ul><li>Holds 1.5 litres</li><li>Works on gas, electric and induction hobs</li></ul></div>\
         <section id=\"reviews\">{}{}{}</section>\
         <div class=\"product-carousel\"><p>Customers also bought a cast-iron teapot with a removable infuser basket, and a set of cotton towels.</p></div>\
         </main></body></html>",
        review(
            "I have used this kettle every morning for a year, and the enamel still looks as good as new, which surprised me."
        ),
        review(
            "The whistle is loud enough, though the handle gets warm if you leave it over a high flame for long."
        ),
        review(
            "Lovely colour, and it boils quickly on our induction hob, much faster than the old steel one did."
        ),
    )
}

#[test]
fn a_products_page_leaves_its_reviews_and_carousels() {
    let text = main_text(&shop_page("product"));
    for kept in ["enamelled steel", "induction hobs"] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    for dropped in ["every morning for a year", "boils quickly", "cast-iron teapot"] {
        assert!(!text.contains(dropped), "kept {dropped:?} in {text:?}");
    }
    // An article's reviews are its text.
    let text = main_text(&shop_page("article"));
    assert!(text.contains("every morning for a year"), "{text:?}");
}

#[test]
fn json_ld_names_a_products_page() {
    let facts =
        |script: &str| meta::PageFacts { json_ld: vec![script.to_owned()], ..Default::default() };
    assert!(extract::is_product_page(&facts(r#"{"@type": "Product", "name": "Kettle"}"#)));
    assert!(extract::is_product_page(&facts(r#"{"@type":["Product"],"name":"Kettle"}"#)));
    assert!(!extract::is_product_page(&facts(r#"{"@type":"NewsArticle","about":"Product"}"#)));
}

#[test]
fn teasers_after_an_article_are_dropped_and_a_listings_are_kept() {
    let para = "The harbour trust met on Friday to agree the plan for the north wall, which the storm broke in two places last week, and it voted to start the works in spring.";
    let teaser = |n: u32| {
        format!(
            "<p>Ferry timetable {n}: the island ferries will sail from Port Amsel while the wall is mended, and the trust says that the...</p>"
        )
    };
    let teasers: String = (1..=5).map(teaser).collect();
    let own: String = (0..8).map(|_| format!("<p>{para}</p>")).collect();
    let page = format!(
        "<html><body><div class=\"story\">{own}<h3>Deals</h3>{teasers}</div></body></html>"
    );
    let text = main_text(&page);
    assert!(text.contains("voted to start the works"), "{text:?}");
    assert!(!text.contains("Ferry timetable"), "{text:?}");
    // Teasers with entries of their own around them are a listing.
    let listing: String = (1..=5).map(|n| format!("<p>{para}</p>{}", teaser(n))).collect();
    let page = format!("<html><body><div class=\"list\">{listing}</div></body></html>");
    let text = main_text(&page);
    assert!(text.contains("Ferry timetable 3"), "{text:?}");
}

#[test]
fn a_story_in_parts_far_apart_in_the_markup_is_kept_whole() {
    let part = |text: &str| {
        format!(
            "<div class=\"block\"><section class=\"outer\"><div class=\"inner\"><div class=\"inner-2\">\
             <div class=\"story-part\"><p>{text}</p><p>{text}</p><p>{text}</p></div></div></div></section></div>"
        )
    };
    let figure = "<div class=\"block\"><figure><img src=\"w.jpg\"></figure></div>";
    let page = format!(
        "<html><body><div class=\"page\">{}{figure}{}{figure}{}</div></body></html>",
        part(
            "The storm broke the north wall of the harbour in two places, and the sea came in over the fish market, the ferry berth and the old slipway."
        ),
        part(
            "Divers found the worst of the damage near the pier, where the wall had stood, with a few repairs, since the harbour was built in the 1880s."
        ),
        part(
            "The trust will rebuild the wall in stone, as it was, although engineers had asked for concrete, which would be cheaper and quicker to lay."
        ),
    );
    let text = main_text(&page);
    for kept in ["The storm broke", "Divers found", "rebuild the wall in stone"] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
}
