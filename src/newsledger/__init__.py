"""newsledger: a ledger of evidence from news reporting on conflict and politics.

Library first: the CLI, and later the REST API and web UI, call these functions.
"""

from __future__ import annotations

import logging

from .document import SCHEMA_VERSION, Document
from .pipeline import Failure, Pipeline, Result, Stage
from .stages import build_pipeline

__version__ = "0.1.0"
__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "Failure",
    "Pipeline",
    "Result",
    "Stage",
    "__version__",
    "build_pipeline",
    "extract_text",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract_text(text: str, **meta: str | None) -> Document:
    """Run the default pipeline over one text (a convenience for notebooks and tests)."""
    from .ingest import document_from_text

    doc = document_from_text(text, **meta)
    return build_pipeline()(doc)
