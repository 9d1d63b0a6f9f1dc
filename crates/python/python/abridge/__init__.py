"""abridge: extractive summaries, from a summariser written in Rust.

Give it a text and it gives back the few sentences that carry it, exactly
as they stand in the text, with their string indices::

    >>> import abridge
    >>> text = ("The harbour closed on Tuesday after a storm broke the sea wall. "
    ...         "Divers found a breach of forty metres near the north pier. "
    ...         "Repairs will take at least a week.")
    >>> abridge.summarize(text, sentences=1)
    ['The harbour closed on Tuesday after a storm broke the sea wall.']

- :func:`summarize` is the one-liner: a list of sentences.
- :class:`Summarizer` keeps its settings; :meth:`Summarizer.summarize` gives
  a :class:`Summary` with each :class:`Extract`'s ``start``/``end`` (string
  indices), score and index, the language, and ``explain()``.
- :meth:`Summarizer.summarize_batch` summarises any iterable of texts on
  every core, with the GIL released, in input order; a text that cannot be
  summarised gives an exception *instance* in its place (as
  ``asyncio.gather(..., return_exceptions=True)`` does), never a raised
  exception that loses the rest. :meth:`Summarizer.iter_batch` is the lazy
  form, for streams.
- :func:`sentences` is the segmenter alone.

Bad settings raise :class:`ValueError` with the command line's wording.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Tuple

from abridge._abridge import (
    FORMATS,
    LANGUAGES,
    SCORERS,
    BatchIterator,
    Extract,
    InputError,
    InternalError,
    Sentence,
    Summarizer,
    Summary,
    SummaryError,
    __version__,
    detect_language,
)
from abridge._abridge import sentences as _sentences

__all__ = [
    "FORMATS",
    "LANGUAGES",
    "SCORERS",
    "BatchIterator",
    "Extract",
    "InputError",
    "InternalError",
    "Sentence",
    "Summarizer",
    "Summary",
    "SummaryError",
    "__version__",
    "detect_language",
    "sentences",
    "summarize",
]


# Summarizers built by `summarize`, by their settings: building one is
# cheap, but a loop of `summarize` calls should not pay for it each time.
_CACHE: Dict[Tuple[Any, ...], Summarizer] = {}
_CACHE_SIZE = 32


def _cached_summarizer(key: Tuple[Any, ...], params: Optional[Mapping[str, Any]]) -> Summarizer:
    summarizer = _CACHE.get(key)
    if summarizer is None:
        sentences, words, chars, ratio, scorer, lang, order, redundancy, format, _ = key
        summarizer = Summarizer(
            sentences=sentences,
            words=words,
            chars=chars,
            ratio=ratio,
            scorer=scorer,
            lang=lang,
            order=order,
            redundancy=redundancy,
            params=params,
            format=format,
        )
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = summarizer
    return summarizer


def summarize(
    text: str,
    *,
    sentences: Optional[int] = None,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    ratio: Optional[float] = None,
    scorer: str = "tfidf-position",
    lang: str = "auto",
    order: str = "document",
    redundancy: Optional[float] = None,
    params: Optional[Mapping[str, Any]] = None,
    format: str = "auto",
) -> List[str]:
    """The sentences that summarise ``text``, exactly as they stand in it.

    The budget is one of ``sentences`` (the default, 3), ``words``,
    ``chars`` (counting one separator between sentences) or ``ratio`` (a
    share of the sentences, in (0, 1]). ``scorer`` is one of
    :data:`SCORERS`; ``lang`` an ISO 639-1 code, an English name, or
    ``"auto"`` to detect it; ``order`` is ``"document"`` or ``"score"``
    (best first); ``redundancy`` is the MMR trade-off in [0, 1];
    ``params`` the scorer's parameters (``{"position_weight": 0.5}``;
    dotted keys nest, as ``--param prior.decay=6`` does); ``format`` the
    input format, one of :data:`FORMATS` (``"auto"`` detects HTML,
    Markdown, e-mail, subtitles, transcripts and text from PDFs by their
    content, as ``abridge summarize`` does).

    Raises :class:`SummaryError` (a :class:`ValueError`) when the text has
    nothing to summarise, and :class:`ValueError` for bad settings.
    Summarizers are cached by their settings, so calling this in a loop
    does not rebuild one each time.
    """
    params_key = json.dumps(params, sort_keys=True) if params else ""
    key = (sentences, words, chars, ratio, scorer, lang, order, redundancy, format, params_key)
    return _cached_summarizer(key, params).summarize(text).texts


def sentences(text: str, *, lang: str = "auto") -> List[Sentence]:
    """The sentence segmentation of ``text``: every unit, in order.

    Each :class:`Sentence` has its ``text``, ``start``/``end`` (string
    indices: ``text[start:end]``), ``kind`` (``"prose"``, ``"fragment"``
    for a headline, byline or caption, ``"furniture"`` for page
    furniture, ``"heading"`` for a heading of a structured format) and
    ``paragraph``.
    """
    return _sentences(text, lang=lang)
