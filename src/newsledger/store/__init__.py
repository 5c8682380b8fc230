"""The ledger store: SQLite (embedded, WAL mode), one transaction per document.

Why SQLite: in WAL mode readers never block the writer nor the writer the readers, so
`newsledger events` works while an ingest runs in another process — DuckDB allows a single
read-write process per file. Lifecycle follows Scrapy's item pipeline: :func:`open_store`
(connect + migrate), :meth:`Store.write` (one document, atomically), :meth:`Store.close`.
"""

from __future__ import annotations

from .db import Store, WriteStatus, content_hash, open_store
from .query import QueryFilters

__all__ = ["QueryFilters", "Store", "WriteStatus", "content_hash", "open_store"]
