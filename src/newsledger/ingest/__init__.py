"""The ingest stage: files, folders, stdin and JSONL into :class:`Document` records.

- :func:`read_inputs` reads paths (files, folders, ``-``) and yields a Document or a
  :class:`~newsledger.pipeline.Failure` per input, in order; it never raises for bad input.
- :func:`document_from_text` cleans a plain text or raw scrape and marks its sections (headline,
  body, captions, site furniture as boilerplate); :func:`document_from_html` extracts the article
  from a web page with trafilatura.
"""

from __future__ import annotations

from ..pipeline import Failure
from .documents import document_from_html, document_from_text
from .readers import read_inputs, sniff

__all__ = ["Failure", "document_from_html", "document_from_text", "read_inputs", "sniff"]
