"""Batches: order, error items, streams, languages, the GIL and fork."""

from __future__ import annotations

import os
import pickle
import threading
import time
from typing import Iterator, List

import pytest

import abridge
from conftest import CAFE, HARBOUR, numbered_texts


def test_results_in_input_order_whatever_the_threads() -> None:
    texts = numbered_texts(300)
    summarizer = abridge.Summarizer(sentences=1)
    expected = [summarizer.summarize(text).texts for text in texts]
    for threads in (1, 2, 4):
        results = summarizer.summarize_batch(texts, threads=threads)
        assert [r.texts for r in results if isinstance(r, abridge.Summary)] == expected
    for threads in (1, 2):
        lazy = summarizer.iter_batch(iter(texts), threads=threads, window=8)
        assert [r.texts for r in lazy if isinstance(r, abridge.Summary)] == expected


def test_batch_summaries_equal_single_ones() -> None:
    summarizer = abridge.Summarizer(sentences=2, scorer="lexrank")
    [batch] = summarizer.summarize_batch([CAFE])
    single = summarizer.summarize(CAFE)
    assert isinstance(batch, abridge.Summary)
    assert batch.to_dict() == single.to_dict()
    assert batch.explain() == single.explain()


def test_error_items_in_place_and_the_rest_goes_on() -> None:
    texts: List[object] = [HARBOUR, None, b"bytes", 7, "", "🎉 !!!", "A lone \ud800 surrogate.", CAFE]
    results = abridge.Summarizer(sentences=1).summarize_batch(texts, threads=2)
    assert len(results) == len(texts)
    kinds = [type(r).__name__ for r in results]
    assert kinds == [
        "Summary",
        "InputError",
        "InputError",
        "InputError",
        "SummaryError",
        "SummaryError",
        "InputError",
        "Summary",
    ]
    messages = [str(r) for r in results]
    assert messages[1] == "text is not a str (got NoneType)"
    assert messages[2] == "text is not a str (got bytes)"
    assert messages[3] == "text is not a str (got int)"
    assert messages[4] == "input is empty"
    assert messages[5].startswith("input has no sentence with words")
    assert messages[6].startswith("text is not valid Unicode")
    for index, result in enumerate(results):
        if isinstance(result, Exception):
            assert result.index == index  # type: ignore[attr-defined]
            assert isinstance(result, ValueError)
    empty = results[4]
    assert isinstance(empty, abridge.SummaryError) and empty.reason == "empty_input"


def test_any_iterable() -> None:
    summarizer = abridge.Summarizer(sentences=1)
    texts = numbered_texts(5)
    expected = [r.texts for r in summarizer.summarize_batch(texts)]  # type: ignore[union-attr]
    as_tuple = summarizer.summarize_batch(tuple(texts))
    as_generator = summarizer.summarize_batch(text for text in texts)
    assert [r.texts for r in as_tuple] == expected  # type: ignore[union-attr]
    assert [r.texts for r in as_generator] == expected  # type: ignore[union-attr]
    assert summarizer.summarize_batch([]) == []
    with pytest.raises(TypeError):
        summarizer.summarize_batch(5)  # type: ignore[arg-type]


def test_pandas_series() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"text": numbered_texts(20), "lang": ["en"] * 20})
    summarizer = abridge.Summarizer(sentences=1)
    results = summarizer.summarize_batch(frame["text"], langs=frame["lang"])
    frame["summary"] = [r.texts[0] for r in results]  # type: ignore[union-attr]
    assert frame["summary"][3].startswith("Report 3:")
    assert all(r.language_source == "given" for r in results)  # type: ignore[union-attr]


def test_langs_per_text() -> None:
    summarizer = abridge.Summarizer(sentences=1)
    results = summarizer.summarize_batch([HARBOUR, CAFE, HARBOUR, HARBOUR], langs=["de", None, "xx", 5])
    first, second, third, fourth = results
    assert isinstance(first, abridge.Summary) and (first.language, first.language_source) == ("de", "given")
    assert isinstance(second, abridge.Summary) and (second.language, second.language_source) == ("fr", "detected")
    assert isinstance(third, abridge.InputError) and "unknown language 'xx'" in str(third)
    assert isinstance(fourth, abridge.InputError) and str(fourth) == "lang is not a str or None (got int)"


def test_langs_of_the_wrong_length_raise() -> None:
    summarizer = abridge.Summarizer()
    with pytest.raises(ValueError, match="langs= has fewer items than texts"):
        summarizer.summarize_batch([HARBOUR, HARBOUR], langs=["en"])
    with pytest.raises(ValueError, match="langs= has more items than texts"):
        summarizer.summarize_batch([HARBOUR], langs=["en", "en"])


def test_exception_in_the_input_comes_after_the_earlier_results() -> None:
    def texts() -> Iterator[str]:
        yield HARBOUR
        yield CAFE
        raise RuntimeError("the source broke")

    summarizer = abridge.Summarizer(sentences=1)
    with pytest.raises(RuntimeError, match="the source broke"):
        summarizer.summarize_batch(texts())
    seen = []
    with pytest.raises(RuntimeError, match="the source broke"):
        for result in summarizer.iter_batch(texts(), threads=2):
            seen.append(result)
    assert len(seen) == 2


def test_iterator_is_lazy() -> None:
    pulled = []

    def texts() -> Iterator[str]:
        for i, text in enumerate(numbered_texts(10_000)):
            pulled.append(i)
            yield text

    results = abridge.Summarizer(sentences=1).iter_batch(texts(), threads=2, window=16)
    first = next(results)
    assert isinstance(first, abridge.Summary) and first.texts[0].startswith("Report 0:")
    # The window bounds what was read ahead, far below the 10,000 items.
    assert len(pulled) <= 64
    assert sum(1 for _ in results) == 9_999
    assert next(results, None) is None


def test_the_gil_is_released_while_a_batch_works() -> None:
    texts = numbered_texts(4000)
    summarizer = abridge.Summarizer(sentences=1)
    done = threading.Event()
    ticks: List[float] = []

    def work() -> None:
        summarizer.summarize_batch(texts, threads=1)
        done.set()

    worker = threading.Thread(target=work)
    started = time.perf_counter()
    worker.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
    worker.join()
    elapsed = time.perf_counter() - started
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    # With the GIL held for the whole batch this thread would stand still
    # for all of it; released, it keeps counting.
    assert len(ticks) > 1000
    assert max(gaps) < elapsed / 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_fork_after_a_batch() -> None:
    summarizer = abridge.Summarizer(sentences=1)
    before = [r.texts for r in summarizer.summarize_batch(numbered_texts(50), threads=2)]  # type: ignore[union-attr]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            after = [r.texts for r in summarizer.summarize_batch(numbered_texts(50), threads=2)]  # type: ignore[union-attr]
            os.write(write, b"same" if after == before else b"different")
        finally:
            os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    assert os.read(read, 16) == b"same"
    assert status == 0


def test_results_pickle() -> None:
    results = abridge.Summarizer(sentences=1).summarize_batch([HARBOUR, CAFE])
    back = pickle.loads(pickle.dumps(results))
    assert [r.to_dict() for r in back] == [r.to_dict() for r in results]  # type: ignore[union-attr]


def test_iterator_used_from_two_threads_at_once_is_refused() -> None:
    # Only one thread may drive a batch iterator; a second gets an error,
    # not a deadlock. (Here the two calls cannot overlap, so both succeed.)
    results = abridge.Summarizer().iter_batch([HARBOUR, CAFE])
    assert iter(results) is results
    assert isinstance(next(results), abridge.Summary)
    assert isinstance(next(results), abridge.Summary)
    with pytest.raises(StopIteration):
        next(results)
