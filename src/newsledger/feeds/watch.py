"""One poll of the followed sources: read each feed or sitemap, fetch the new article pages, run
the pipeline over them and write them into the store, remembering everything in
:mod:`newsledger.feeds.state`.

Passes of a poll, in order:

1. ``list``: each source is fetched (conditionally); an unchanged one (304, or the same bytes)
   is not parsed again; a sitemap index's newest ``max_child_sitemaps`` sitemaps are read too.
   Its entries are recorded as ``pending`` before its validators are saved, so a kill in between
   loses nothing (the next poll reads the source in full). A source that fails is reported and
   the others are still read.
2. ``resume``: a pending address whose document is already in the store (a watch killed after
   the document's write, before its mark) is marked done without being fetched.
3. ``fetch``: robots.txt, the per-host pace, a conditional GET, retries (:mod:`.fetch`); a 304
   leaves the stored document as it is; 404/410 is ``gone``; a timeout or 5xx is tried again at
   the next poll, up to ``max_attempts`` polls.
4. ``read``: the page becomes a Document by the ingest stage's own path
   (:func:`~newsledger.ingest.document_from_html`, trafilatura); its id is derived from its
   address, so a page that changes replaces its earlier version.
5. ``copies``: a page whose text the store holds already (fetched from another address, or
   ingested from a file) is not extracted again: it is marked ``copy`` with that document's id.
   Near-copies (a changed headline, a credit line) are stored and grouped as copies by the ledger
   index, as for any ingest.
6. ``extract``: the pipeline runs over a batch of pages; each document is written in its own
   transaction (:meth:`~newsledger.store.Store.write`, which also leaves an unchanged one alone)
   and only then marked ``done``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from ..document import Document, content_id
from ..errors import InputError
from ..jobs import make_pipeline, too_long
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import Store
from .fetch import Fetcher, Politeness, Response
from .parse import FeedError, Listing, parse_listing
from .state import FetchState, Item, Source, now


def doc_id_for(url: str) -> str:
    """The id of the document fetched from ``url``: one per address, whatever its text."""
    return content_id(url, prefix="url:")


def sha256(data: bytes | str) -> str:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


@dataclass
class PollSummary:
    """What one poll did (``--json`` prints it)."""

    poll: int = 0
    started: str = ""
    seconds: float = 0.0
    sources: int = 0
    sources_unchanged: int = 0
    sources_failed: int = 0
    addresses_new: int = 0
    addresses_changed: int = 0
    fetched: int = 0
    not_modified: int = 0
    resumed: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    copies: int = 0
    gone: int = 0
    disallowed: int = 0
    skipped: int = 0
    retrying: int = 0
    failed: int = 0
    requests: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def ok(self) -> bool:
        return not self.sources_failed and not self.failed

    def line(self) -> str:
        """The progress line printed after each poll."""
        src = f"{self.sources} source{'s' * (self.sources != 1)}"
        extra = [f"{n} {w}" for n, w in ((self.sources_unchanged, "unchanged"),
                                          (self.sources_failed, "failed")) if n]  # fmt: skip
        if extra:
            src += f" ({', '.join(extra)})"
        pages = ", ".join(
            f"{n} {w}"
            for n, w in (
                (self.new, "new"), (self.replaced, "replaced"), (self.unchanged, "unchanged"),
                (self.not_modified, "not modified"), (self.resumed, "resumed"),
                (self.copies, "copies"), (self.gone, "gone"), (self.disallowed, "disallowed"),
                (self.skipped, "skipped"), (self.retrying, "to retry"), (self.failed, "failed"),
            )
            if n
        )  # fmt: skip
        return (
            f"poll {self.poll}: {src} · {self.addresses_new} new address"
            f"{'es' * (self.addresses_new != 1)}, {self.addresses_changed} changed · "
            f"{self.fetched} page{'s' * (self.fetched != 1)} fetched"
            + (f": {pages}" if pages else "")
            + f" · {self.requests} requests · {self.seconds:.1f} s"
        )


@dataclass
class _Fetched:
    item: Item
    doc: Document
    answer: Response


class Watcher:
    """Polls sources into one store. ``pipeline`` (built on first need from ``settings``) and
    ``fetcher`` are injectable; ``on_error(where, why)`` hears each failure as it happens."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        politeness: Politeness | None = None,
        *,
        pipeline: Pipeline | None = None,
        fetcher: Fetcher | None = None,
        on_error: Callable[[str, str], None] | None = None,
    ):
        self.settings = settings
        self.store = store
        self.state = FetchState(store)
        self.p = politeness or Politeness.load()
        self.fetcher = fetcher or Fetcher(self.p, max_bytes=settings.max_bytes)
        self._pipeline = pipeline
        self.on_error = on_error
        self.polls = 0

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:  # built only when a page needs extracting (models load)
            self._pipeline = make_pipeline(self.settings)
        return self._pipeline

    def poll(self, sources: list[str]) -> PollSummary:
        """One pass over ``sources`` and the pages they list that are due."""
        self.polls += 1
        s = PollSummary(poll=self.polls, started=now(), sources=len(sources))
        t0 = time.monotonic()
        before = self.fetcher.requests
        for url in sources:
            self._read_source(url, url, s, depth=0)
        todo: list[_Fetched] = []
        for item in self.state.pending(sources):
            got = self._fetch_item(item, s)
            if got is not None and any(t.item.text_hash == got.item.text_hash for t in todo):
                self._extract(todo, s)  # the same text twice in one batch: store the first,
                todo = []  # then the second is seen as its copy
                got = None if self._is_copy(got, s) else got
            if got is not None:
                todo.append(got)
            if len(todo) >= self.settings.batch_size:
                self._extract(todo, s)
                todo = []
        self._extract(todo, s)
        s.requests = self.fetcher.requests - before
        s.seconds = round(time.monotonic() - t0, 3)
        return s

    def _error(self, s: PollSummary, where: str, why: str) -> None:
        s.errors.append({"where": where, "error": why})
        if self.on_error is not None:
            self.on_error(where, why)

    # -- 1. list ---------------------------------------------------------------------------
    def _read_source(self, url: str, owner: str, s: PollSummary, depth: int) -> None:
        prev = self.state.source(url) or Source(url)
        got = self.fetcher.get(url, etag=prev.etag, last_modified=prev.last_modified)
        prev.checked_at, prev.status = now(), got.status
        if got.status == 304:
            prev.error = None
            self.state.save_source(prev)
            s.sources_unchanged += int(depth == 0)
            return
        if got.status != 200 or got.error:
            prev.error = got.error or f"HTTP {got.status}"
            self.state.save_source(prev)
            s.sources_failed += int(depth == 0)
            self._error(s, url, prev.error)
            return
        digest = sha256(got.body)
        if digest == prev.content_hash and prev.error is None:
            prev.etag, prev.last_modified = got.etag, got.last_modified
            self.state.save_source(prev)
            s.sources_unchanged += int(depth == 0)
            return
        try:
            listing = parse_listing(got.body, got.url, got.headers.get("content-type"))
        except FeedError as exc:
            prev.error = exc.message
            self.state.save_source(prev)
            s.sources_failed += int(depth == 0)
            self._error(s, url, exc.message)
            return
        if listing.warning:
            self._error(s, url, f"warning: {listing.warning}")
        self._note(listing, owner, s, depth)
        prev.kind, prev.title, prev.entries = listing.kind, listing.title, len(listing.entries)
        prev.etag, prev.last_modified, prev.content_hash = got.etag, got.last_modified, digest
        prev.error, prev.changed_at = None, now()
        self.state.save_source(prev)  # after its entries: a kill in between loses nothing

    def _note(self, listing: Listing, owner: str, s: PollSummary, depth: int) -> None:
        new, changed = self.state.note_entries(owner, listing.entries)
        s.addresses_new += new
        s.addresses_changed += changed
        if listing.kind == "sitemapindex" and depth == 0:
            children = sorted(listing.sitemaps, key=lambda e: e.stamp or "", reverse=True)
            for child in children[: self.p.max_child_sitemaps]:
                self._read_source(child.url, owner, s, depth=1)

    # -- 2-5. resume, fetch, read, copies --------------------------------------------------
    def _fetch_item(self, item: Item, s: PollSummary) -> _Fetched | None:
        """The page of a pending item, read into a Document, or None when it needs no
        extraction (its outcome then recorded here)."""
        doc_id = doc_id_for(item.url)
        if item.doc_id is None and self.state.stored(doc_id):
            return self._finish(item, s, "resumed", state="done", doc_id=doc_id)
        allowed = self.fetcher.allowed(item.url)
        if allowed is None:  # robots.txt unreadable: nothing is fetched from the host for now
            return self._finish(item, s, "retrying", state="pending", error="robots.txt unreadable")
        if not allowed:
            return self._finish(item, s, "disallowed", error="disallowed by robots.txt")
        got = self.fetcher.get(item.url, etag=item.etag, last_modified=item.last_modified)
        item.status, item.fetched_at = got.status, now()
        if got.status == 304:
            return self._finish(item, s, "not_modified", state="done", error=None)
        if got.status in (404, 410):
            return self._finish(item, s, "gone", error=got.error)
        if got.transient or got.error:
            return self._failed(item, s, got)
        s.fetched += 1
        digest = sha256(got.body)
        if digest == item.content_hash and item.doc_id and self.state.stored(item.doc_id):
            return self._finish(item, s, "unchanged", state="done", error=None)
        item.etag, item.last_modified, item.content_hash = got.etag, got.last_modified, digest
        try:
            doc = self._document(item, got, doc_id)
        except InputError as exc:
            return self._finish(item, s, "failed", error=exc.message)
        item.text_hash = sha256(doc.text)
        fetched = _Fetched(item, doc, got)
        if self._is_copy(fetched, s):
            return None
        if self.store.status_of(doc) == "unchanged":
            return self._finish(item, s, "unchanged", state="done", doc_id=doc_id, error=None)
        return fetched

    def _is_copy(self, f: _Fetched, s: PollSummary) -> bool:
        """Whether the store holds this page's text already under another id (then marked)."""
        copy = self.state.copy_of(f.item.url, f.item.text_hash or "", content_id(f.doc.text))
        if copy is None or copy == f.doc.id:
            return False
        self._finish(f.item, s, "copies", state="copy", doc_id=copy, error=None)
        return True

    def _document(self, item: Item, got: Response, doc_id: str) -> Document:
        from ..ingest import document_from_html
        from ..ingest.decode import decode_bytes

        text, warnings = decode_bytes(got.body, html=True)
        doc = document_from_html(text, url=got.url, id=doc_id, source=item.url, warnings=warnings)
        if len(doc.text) > self.settings.max_chars:
            raise InputError(too_long(len(doc.text), self.settings), source=item.url)
        doc.published = doc.published or item.published  # the page's date, else the feed's
        doc.title = doc.title or item.title
        return doc

    def _failed(self, item: Item, s: PollSummary, got: Response) -> None:
        item.attempts += 1
        why = got.error or f"HTTP {got.status}"
        if got.transient and item.attempts < self.p.max_attempts:
            return self._finish(item, s, "retrying", state="pending", error=why)
        if got.transient:
            why += f" ({item.attempts} polls running; given up)"
        return self._finish(item, s, "failed", error=why)

    def _finish(self, item: Item, s: PollSummary, counter: str, **change: Any) -> None:
        """Record an item's outcome and count it; ``state`` defaults to the counter's name."""
        item.state = change.pop("state", counter)
        for key, value in change.items():
            setattr(item, key, value)
        if item.state != "pending":
            item.attempts = 0 if item.state == "done" else item.attempts
        self.state.save_item(item)
        setattr(s, counter, getattr(s, counter) + 1)
        if counter in ("failed", "retrying") and item.error:
            self._error(s, item.url, item.error)
        return None

    # -- 6. extract ------------------------------------------------------------------------
    def _extract(self, todo: list[_Fetched], s: PollSummary) -> None:
        if not todo:
            return
        names = ",".join(self.pipeline.stage_names)
        results = self.pipeline.pipe(
            [f.doc for f in todo],
            batch_size=self.settings.batch_size,
            max_chars=self.settings.batch_chars,
        )
        for f, result in zip(todo, results, strict=True):
            if result.doc is None:
                failure = result.failure
                why = failure.reason if failure else "the pipeline returned no document"
                skipped = bool(failure and failure.skipped)
                self._finish(f.item, s, "skipped" if skipped else "failed", error=why)
                continue
            try:
                status = self.store.write(result.doc, pipeline=names)
            except Exception as exc:  # pending: tried again next poll, up to max_attempts
                f.item.attempts += 1
                given_up = f.item.attempts >= self.p.max_attempts
                state = "failed" if given_up else "pending"
                counter = "failed" if given_up else "retrying"
                self._finish(f.item, s, counter, state=state, error=f"store: {exc}")
                continue
            result.doc.user_data.clear()
            self._finish(f.item, s, status, state="done", doc_id=result.doc.id, error=None)
