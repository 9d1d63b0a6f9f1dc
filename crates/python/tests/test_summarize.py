"""One text at a time: budgets, scorers, offsets, settings and errors."""

from __future__ import annotations

import pickle

import pytest

import abridge
from conftest import CAFE, EMOJI, HARBOUR


def test_summarize_gives_sentences_of_the_text() -> None:
    summary = abridge.summarize(HARBOUR, sentences=2)
    # The lead first, then a second sentence of the text, in document order.
    assert len(summary) == 2
    assert summary[0] == HARBOUR.split(". ")[0] + "."
    assert summary[1] in HARBOUR and HARBOUR.index(summary[1]) > 0
    assert abridge.summarize(HARBOUR) == abridge.Summarizer().summarize(HARBOUR).texts
    assert len(abridge.summarize(HARBOUR)) == 3


@pytest.mark.parametrize("budget", [1, 2, 4, 5, 9])
def test_sentence_budgets(budget: int) -> None:
    assert len(abridge.summarize(HARBOUR, sentences=budget)) == min(budget, 5)


def test_word_and_char_budgets_are_kept() -> None:
    for words in (15, 30, 60):
        chosen = abridge.summarize(HARBOUR, words=words)
        assert chosen and sum(len(s.split()) for s in chosen) <= words
    for chars in (100, 200, 400):
        chosen = abridge.summarize(HARBOUR, chars=chars)
        assert chosen and sum(map(len, chosen)) + len(chosen) - 1 <= chars


def test_ratio_budget() -> None:
    assert len(abridge.summarize(HARBOUR, ratio=0.4)) == 2
    assert len(abridge.summarize(HARBOUR, ratio=1.0)) == 5


@pytest.mark.parametrize("scorer", abridge.SCORERS)
def test_every_scorer_by_name(scorer: str) -> None:
    summarizer = abridge.Summarizer(scorer=scorer, sentences=2)
    summary = summarizer.summarize(HARBOUR)
    assert summary.settings["scorer"] == scorer
    assert len(summary) == 2
    for extract in summary.sentences:
        assert HARBOUR[extract.start : extract.end] == extract.text
        assert extract.score == extract.score  # not NaN


def test_scorer_names() -> None:
    assert abridge.SCORERS[0] == "tfidf-position"
    assert {"lead", "textrank", "lexrank", "kl-sum", "pacsum"} <= set(abridge.SCORERS)
    assert abridge.summarize(HARBOUR, scorer="lead", sentences=1) == [HARBOUR.split(". ")[0] + "."]


@pytest.mark.parametrize("text", [HARBOUR, CAFE, EMOJI])
def test_offsets_are_string_indices(text: str) -> None:
    summary = abridge.Summarizer(ratio=1.0).summarize(text)
    assert summary.sentences
    encoded = text.encode("utf-8")
    for extract in summary.sentences:
        assert text[extract.start : extract.end] == extract.text
        assert encoded[extract.byte_start : extract.byte_end].decode("utf-8") == extract.text
    if not text.isascii():
        assert any(e.byte_start != e.start for e in summary.sentences)


def test_sentences_segment_with_string_indices() -> None:
    units = abridge.sentences(CAFE, lang="fr")
    assert [u.index for u in units] == list(range(4))
    assert all(CAFE[u.start : u.end] == u.text for u in units)
    assert units[0].text.startswith("Le café « Ça Bouge »")
    assert {u.kind for u in units} == {"prose"}
    text = "Harbour closed\n\nThe harbour closed on Tuesday. Divers found a breach."
    units = abridge.sentences(text)
    assert [u.kind for u in units] == ["fragment", "prose", "prose"]
    assert [u.paragraph for u in units] == [0, 1, 1]
    assert abridge.sentences("") == []


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Dr. Okafor met Mr. Brandt at 6 a.m. on Monday. They spoke for an hour."
    assert [u.text for u in abridge.sentences(text)] == [
        "Dr. Okafor met Mr. Brandt at 6 a.m. on Monday.",
        "They spoke for an hour.",
    ]


def test_languages_detected_given_and_reported() -> None:
    summary = abridge.Summarizer().summarize(CAFE)
    assert (summary.language, summary.language_source) == ("fr", "detected")
    given = abridge.Summarizer(lang="French").summarize(HARBOUR)
    assert (given.language, given.language_source) == ("fr", "given")
    per_text = abridge.Summarizer().summarize(HARBOUR, lang="de")
    assert (per_text.language, per_text.language_source) == ("de", "given")
    assert abridge.detect_language(EMOJI) == ("de", "detected")
    assert abridge.detect_language("Ok.") == ("en", "fallback")
    assert "en" in abridge.LANGUAGES and "zh" in abridge.LANGUAGES


def test_order_by_score() -> None:
    by_document = abridge.Summarizer(sentences=3, scorer="textrank").summarize(HARBOUR)
    by_score = abridge.Summarizer(sentences=3, scorer="textrank", order="score").summarize(HARBOUR)
    assert sorted(e.index for e in by_score.sentences) == [e.index for e in by_document.sentences]
    scores = [e.score for e in by_score.sentences]
    assert scores == sorted(scores, reverse=True)


def test_redundancy_and_params_change_the_choice() -> None:
    base = abridge.summarize(HARBOUR, sentences=2)
    # Two sentences are 40% of the text, more than a lead (lead_share 0.35):
    # counting them as one makes the position prior weigh.
    as_lead = abridge.summarize(HARBOUR, sentences=2, params={"lead_share": 1.0})
    assert as_lead != base
    assert abridge.summarize(HARBOUR, sentences=2, redundancy=1.0) == base
    nested = abridge.Summarizer(params={"prior.decay": 6}).settings["params"]
    assert nested == {"prior": {"decay": 6}}


def test_summary_fields_and_dict() -> None:
    summary = abridge.Summarizer(sentences=2).summarize(HARBOUR)
    assert summary.n_sentences == 5
    data = summary.to_dict()
    assert data["language"] == "en" and data["n_sentences"] == 5
    assert data["settings"]["budget"] == {"sentences": 2}
    assert [s["text"] for s in data["sentences"]] == summary.texts
    assert data["sentences"][0].keys() == {"index", "text", "start", "end", "score"}
    assert "Summary(" in repr(summary) and "Extract(" in repr(summary.sentences[0])
    assert str(summary.sentences[0]) == summary.texts[0]


def test_explain_with_and_without_explain_setting() -> None:
    lazy = abridge.Summarizer(sentences=2).summarize(HARBOUR).explain()
    eager = abridge.Summarizer(sentences=2, explain=True).summarize(HARBOUR).explain()
    assert lazy == eager
    assert "tfidf-position" in lazy and "position prior" in lazy
    assert lazy.splitlines()[0] == abridge.summarize(HARBOUR, sentences=1)[0]


def test_summarizer_and_summary_pickle() -> None:
    summarizer = abridge.Summarizer(words=40, scorer="lexrank", params={"threshold": 0.1})
    restored = pickle.loads(pickle.dumps(summarizer))
    assert restored.settings == summarizer.settings
    assert repr(restored) == repr(summarizer)
    summary = summarizer.summarize(CAFE)
    back = pickle.loads(pickle.dumps(summary))
    assert back.to_dict() == summary.to_dict()
    assert back.explain() == summary.explain()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"sentences": 0}, "invalid value 0 for sentences=: 0 is not in 1.."),
        ({"words": -3}, "invalid value -3 for words=: -3 is not in 1.."),
        ({"ratio": 1.5}, "invalid value 1.5 for ratio=: 1.5 is not in (0, 1]"),
        ({"ratio": 0.0}, "is not in (0, 1]"),
        ({"sentences": 2, "words": 5}, "sentences= cannot be used with words=: give one budget"),
        ({"scorer": "magic"}, "unknown scorer 'magic' (known: tfidf-position, lead"),
        ({"lang": "klingon"}, "unknown language 'klingon' (known: "),
        ({"order": "random"}, "invalid value 'random' for order="),
        ({"redundancy": 3.0}, "invalid value 3 for redundancy=: 3 is not in [0, 1]"),
        ({"params": {"no_such_param": 1}}, "invalid parameters for scorer 'tfidf-position'"),
        ({"params": {"prior..decay": 1}}, "'prior..decay' is not a parameter name"),
    ],
)
def test_bad_settings_raise_value_error(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as error:
        abridge.Summarizer(**kwargs)
    assert message in str(error.value)


@pytest.mark.parametrize(
    "text, reason, message",
    [
        ("", "empty_input", "input is empty"),
        ("   \n\t", "empty_input", "input is empty"),
        ("🎉 🎉 !!!", "no_words", "input has no sentence with words in it"),
        ("Powered by", "only_furniture", "input has no sentence, only links or page furniture"),
    ],
)
def test_nothing_to_summarise_raises_summary_error(text: str, reason: str, message: str) -> None:
    with pytest.raises(abridge.SummaryError) as error:
        abridge.summarize(text)
    assert error.value.reason == reason
    assert message in str(error.value)
    assert isinstance(error.value, ValueError)


def test_budget_too_small() -> None:
    with pytest.raises(abridge.SummaryError, match="no sentence fits in the budget"):
        abridge.summarize(HARBOUR, words=2)


@pytest.mark.parametrize("bad", [None, b"bytes are not text", 42, 3.5, ["a list"]])
def test_non_text_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        abridge.summarize(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        abridge.Summarizer().summarize(bad)  # type: ignore[arg-type]


def test_lone_surrogate_raises_unicode_error() -> None:
    with pytest.raises(UnicodeEncodeError):
        abridge.summarize("A sentence with a lone surrogate \ud800 in it. " * 3)


def test_bad_per_text_language() -> None:
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        abridge.Summarizer().summarize(HARBOUR, lang="xx")


def test_str_subclass_is_accepted() -> None:
    class Text(str):
        pass

    assert abridge.summarize(Text(HARBOUR), sentences=1) == abridge.summarize(HARBOUR, sentences=1)


def test_version() -> None:
    assert abridge.__version__.count(".") == 2


def test_public_names_are_documented() -> None:
    for name in abridge.__all__:
        value = getattr(abridge, name)
        if callable(value):
            assert value.__doc__ and len(value.__doc__) > 20, name
    for method in ("summarize", "summarize_batch", "iter_batch"):
        assert len(getattr(abridge.Summarizer, method).__doc__) > 80, method
    assert "GIL" in abridge.Summarizer.summarize_batch.__doc__


PAGE = (
    "<!doctype html><html lang='en'><head><title>Harbour news</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/sport'>Sport</a></nav>"
    "<article><h1>Kelby harbour closes after the storm</h1>"
    "<p>The Kelby harbour closed to all shipping on Tuesday after a winter storm broke the sea wall.</p>"
    "<p>Engineers said repairs would take at least three weeks and cost the town two million pounds.</p>"
    "<p>Fishing boats have moved to the next port along the coast until the wall is rebuilt.</p>"
    "</article><footer>Contact us · Privacy · Cookies</footer></body></html>"
)


def test_formats_are_detected_as_the_command_line_does() -> None:
    summary = abridge.Summarizer(sentences=2).summarize(PAGE)
    assert summary.format == "html"
    article = [
        "The Kelby harbour closed to all shipping on Tuesday after a winter storm broke the sea wall.",
        "Engineers said repairs would take at least three weeks and cost the town two million pounds.",
        "Fishing boats have moved to the next port along the coast until the wall is rebuilt.",
    ]
    # Sentences of the article only: no navigation, heading or footer.
    assert len(summary.texts) == 2 and all(text in article for text in summary.texts)
    assert summary.texts[0] == article[0]
    for extract in summary.sentences:
        # The page's text is extracted from its markup: no string index.
        assert extract.start is None and extract.end is None
    assert abridge.summarize(PAGE, sentences=2) == summary.texts
    assert abridge.Summarizer().summarize(HARBOUR).format == "text"


def test_format_can_be_forced() -> None:
    raw = abridge.Summarizer(sentences=1, format="text").summarize(PAGE)
    assert raw.format == "text" and "<" in raw.texts[0]
    assert abridge.Summarizer(sentences=1).summarize(PAGE, format="TEXT").format == "text"
    assert abridge.summarize(PAGE, sentences=1, format="html") == abridge.summarize(PAGE, sentences=1)
    assert "html" in abridge.FORMATS and "auto" in abridge.FORMATS
    with pytest.raises(ValueError, match="unknown input format 'docx'"):
        abridge.Summarizer(format="docx")
    with pytest.raises(ValueError, match="unknown input format"):
        abridge.Summarizer().summarize(PAGE, format="pdf")


def test_batch_reads_formats_as_summarize_does() -> None:
    summarizer = abridge.Summarizer(sentences=2)
    one = summarizer.summarize(PAGE)
    [batched] = summarizer.summarize_batch([PAGE])
    assert isinstance(batched, abridge.Summary)
    assert batched.texts == one.texts and batched.format == "html"
    assert [(e.start, e.end) for e in batched.sentences] == [(e.start, e.end) for e in one.sentences]
    [forced] = abridge.Summarizer(sentences=1, format="text").summarize_batch([PAGE])
    assert isinstance(forced, abridge.Summary) and forced.format == "text"


def test_explain_reads_the_text_in_its_format() -> None:
    summary = abridge.Summarizer(sentences=2).summarize(PAGE)
    explained = summary.explain()
    assert explained.startswith(summary.texts[0])
    assert explained == abridge.Summarizer(sentences=2, explain=True).summarize(PAGE).explain()
    assert "tfidf-position" in explained


def test_format_survives_pickling() -> None:
    summarizer = abridge.Summarizer(sentences=1, format="markdown")
    back = pickle.loads(pickle.dumps(summarizer))
    assert back.settings["format"] == "markdown"
    assert "format='markdown'" in repr(back)
    summary = abridge.Summarizer(sentences=1).summarize(PAGE)
    again = pickle.loads(pickle.dumps(summary))
    assert again.texts == summary.texts and again.format == "html"
    assert [(e.start, e.end) for e in again.sentences] == [(e.start, e.end) for e in summary.sentences]


def test_subtitles_point_at_their_cues() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\nThe harbour closed on Tuesday after the storm broke the sea wall.\n\n"
        "2\n00:00:04,500 --> 00:00:08,000\nEngineers said the repairs would take at least three weeks.\n\n"
        "3\n00:00:08,500 --> 00:00:12,000\nFishing boats have moved to the next port along the coast.\n"
    )
    summary = abridge.Summarizer(sentences=2).summarize(srt)
    assert summary.format == "srt"
    for extract in summary.sentences:
        assert extract.start is not None and extract.end is not None
        assert extract.text in srt[extract.start : extract.end]
