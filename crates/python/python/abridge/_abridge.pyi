"""Type stubs of the extension module; the documentation is in ``abridge``."""

from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union, final

__all__ = [
    "Summarizer",
    "Summary",
    "Extract",
    "Sentence",
    "BatchIterator",
    "SummaryError",
    "InputError",
    "InternalError",
    "sentences",
    "detect_language",
    "_summarizer_from_state",
    "_summary_from_state",
    "SCORERS",
    "FORMATS",
    "LANGUAGES",
    "__version__",
]

__version__: str
SCORERS: List[str]
FORMATS: List[str]
LANGUAGES: List[str]

class SummaryError(ValueError):
    """A text that gives no summary."""

    reason: str
    index: Optional[int]

class InputError(ValueError):
    """An item of a batch that cannot be read."""

    index: int

class InternalError(RuntimeError):
    """A bug in abridge, caught while summarising one text of a batch."""

    index: int

@final
class Extract:
    """One chosen sentence of a summary."""

    @property
    def index(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> Optional[int]: ...
    @property
    def end(self) -> Optional[int]: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def score(self) -> float: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class Sentence:
    """One unit of a text's segmentation."""

    @property
    def index(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def paragraph(self) -> int: ...

@final
class Summary:
    """The summary of one text."""

    @property
    def sentences(self) -> List[Extract]: ...
    @property
    def texts(self) -> List[str]: ...
    @property
    def language(self) -> str: ...
    @property
    def language_source(self) -> str: ...
    @property
    def n_sentences(self) -> int: ...
    @property
    def format(self) -> str: ...
    @property
    def settings(self) -> Dict[str, Any]: ...
    def explain(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, str]]: ...

@final
class BatchIterator:
    """The results of ``Summarizer.iter_batch``, in input order."""

    def __iter__(self) -> BatchIterator: ...
    def __next__(self) -> Union[Summary, SummaryError, InputError, InternalError]: ...

@final
class Summarizer:
    """Summarises texts with fixed settings."""

    def __new__(
        cls,
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
        explain: bool = False,
        format: str = "auto",
    ) -> Summarizer: ...
    def summarize(
        self, text: str, *, lang: Optional[str] = None, format: Optional[str] = None
    ) -> Summary: ...
    def summarize_batch(
        self,
        texts: Iterable[object],
        *,
        langs: Optional[Iterable[Optional[str]]] = None,
        threads: int = 0,
    ) -> List[Union[Summary, SummaryError, InputError, InternalError]]: ...
    def iter_batch(
        self,
        texts: Iterable[object],
        *,
        langs: Optional[Iterable[Optional[str]]] = None,
        threads: int = 0,
        window: int = 0,
    ) -> BatchIterator: ...
    @property
    def settings(self) -> Dict[str, Any]: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...

def sentences(text: str, *, lang: str = "auto") -> List[Sentence]: ...
def detect_language(text: str) -> Tuple[str, str]: ...
def _summarizer_from_state(state: str) -> Summarizer: ...
def _summary_from_state(settings: str, summary: str, text: str) -> Summary: ...
