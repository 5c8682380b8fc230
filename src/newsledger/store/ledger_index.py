"""The ledger index: the cross-article analysis kept up to date document by document.

A full analysis (``analysis.analyze``) reads every document of the store; at a few hundred
documents that is seconds, at 100,000 it would never answer. The index keeps in the store what
each document contributes to the analysis, and the one result of the analysis that depends on
the order of the whole corpus, the event clusters; ``store.ledger_read`` assembles the ledger of
one actor from indexed rows, and it is the same ledger as a full analysis gives (a test builds a
store document by document, replaces and deletes some, and compares).

- **dirty**: every document write marks the document (``ledger_dirty``, in the write's own
  transaction); :func:`catch_up` brings the index up to date for the marked documents in one
  transaction, and readers catch up before they read, so no write path can be missed.
- **names** and **aliases**: each document's rows, ranked as a full analysis meets them (actors,
  then speakers, then event actors; documents by publication date and id), and the winner per
  key (``ledger_names``, ``ledger_aliases``).
- **copies**: the MinHash LSH bands of each body (dedup.py's parameters: the same candidate
  pairs), verified exactly; the groups touched by a change are recomputed (``ledger_copies``).
- **claims**: each claim's record, LSH bands (claimclusters.py's parameters) and content terms;
  a claim's cluster (a connected component) and its contradictions are found when a ledger is
  read, from these.
- **event clusters**: each report stores its cluster (named by the report that founded it) and
  its blocking keys. A changed document's reports leave and (re)enter; then the reports whose
  candidate clusters changed are re-decided, in the clustering order (``order_key``), until no
  decision changes: a report's choice depends only on clusters founded before it with a member
  under one of its query keys, so every other report keeps its cluster. Clusters are indexed by
  actor and place (``ledger_cluster_actors``).
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import logging
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from ..analysis import dedup
from ..analysis.corroborate import ClusterParams, _Blocks, _Prep, _summarize, choose, order_key
from ..analysis.records import ClaimRecord, Corpus, DocInfo, EventRecord, body_text
from ..analysis.text import normalize_name, shingles
from ..document import Document
from .dialect import Connection
from .filters import QueryFilters, keeps_event
from .ledger_bands import claim_bands, dup_bands, is_copy_pair

log = logging.getLogger(__name__)
PARAMS = ClusterParams()
DEFAULT = QueryFilters()  # the filters the index serves: asserted events, any confidence
CHUNK = 500  # parameters per IN (...) list
TERM_SEP = "\x1f"  # between a claim's content terms (ledger_claims.terms)


# -- serialisation ------------------------------------------------------------------------------
def _plain(obj: Any) -> dict[str, Any]:
    out = {}
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        out[f.name] = sorted(v) if isinstance(v, frozenset) else v
    return out


def dumps(obj: Any) -> str:
    return json.dumps(_plain(obj), ensure_ascii=False)


def event_from(s: str) -> EventRecord:
    d = json.loads(s)
    d["actor_keys"] = tuple(d["actor_keys"])
    return EventRecord(**d)


def claim_from(s: str) -> ClaimRecord:
    d = json.loads(s)
    for k in ("about_keys", "about"):
        d[k] = tuple(d[k])
    for k in ("terms", "name_terms"):
        d[k] = frozenset(d[k])
    return ClaimRecord(**d)


def info_from(s: str) -> DocInfo:
    return DocInfo(**json.loads(s))


def doc_ord(published: str | None, doc_id: str) -> str:
    """A string that sorts as ``Store.iter_documents`` orders documents (published, id)."""
    return ("0" if published is None else "1" + published) + "\x00" + doc_id


def sort_key(date: str | None, key: str) -> str:
    """A string that sorts as the ledger orders its claims and events: (date or "9999", key)."""
    return f"{date or '9999'}\x01{key}"


def sort_date(key: str | None) -> str | None:
    """The date of a :func:`sort_key` (None: undated, or no key stored)."""
    date = key.split("\x01", 1)[0] if key else "9999"
    return None if date == "9999" else date


def _part(v: Any) -> str:
    s = str(v)
    if "\\" not in s and "\x1e" not in s and "\x1f" not in s:
        return s
    return s.replace("\\", "\\\\").replace("\x1e", "\\r").replace("\x1f", "\\u")


@lru_cache(maxsize=1 << 18)
def bkey(key: tuple[Any, ...]) -> str:
    """A blocking key as text: family and anchor, then the date bucket (``~``: none)."""
    b = key[-1]
    return anchor_prefix(key[:-1]) + ("~" if b is None else str(b))


@lru_cache(maxsize=1 << 16)
def anchor_prefix(anchor: tuple[Any, ...]) -> str:
    """What every blocking key of ``anchor`` (family, kind, values) starts with: the keys of
    one anchor sort below the prefix with its last character (0x1E) raised to 0x1F."""
    return "\x1f".join(map(_part, anchor)) + "\x1e"


def chunks(items: Sequence[Any], n: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def marks(n: int) -> str:
    return ",".join("?" * n)


# -- what one document contributes -------------------------------------------------------------
def name_rows(doc: Document, corpus: Corpus) -> list[tuple[str, int, int, str]]:
    """(key, category, position, display name): the names a full analysis meets in ``doc``, in
    ``known_actors``' order (0 actors, 1 speakers and their organisations, 2 event actors)."""
    rows = []
    for i, a in enumerate(doc.actors):
        key = normalize_name(a.name)
        if key:
            rows.append((key, 0, i, a.name))
    for i, c in enumerate(corpus.claims):
        if c.speaker_key:
            rows.append((c.speaker_key, 1, 2 * i, c.speaker))
        if c.speaker_org_key and c.speaker_org:
            rows.append((c.speaker_org_key, 1, 2 * i + 1, c.speaker_org))
    for i, e in enumerate(corpus.events):
        for j, n in enumerate((e.actor1, e.actor2)):
            k = normalize_name(n)
            if k:
                rows.append((k, 2, 2 * i + j, n or k))
    return rows


def alias_rows(doc: Document) -> list[tuple[str, str, int]]:
    """(alias key, canonical key, position) in ``Corpus.add``'s order."""
    rows = []
    pos = 0
    for a in doc.actors:
        key = normalize_name(a.name)
        if not key:
            continue
        alts = [a.id] if ":" not in a.id else []
        for al in [*alts, *a.aliases]:
            ak = normalize_name(al)
            if ak and ak != key:
                rows.append((ak, key, pos))
            pos += 1
    return rows


def rank(ord_: str, pos: int, cat: int | None = None) -> str:
    head = "" if cat is None else f"{cat}|"
    return f"{head}{ord_}\x01{pos:08d}"


def _load_document(conn: Connection, doc_id: str) -> Document | None:
    """A stored document with the events the default filters keep (the asserted ones: the
    index serves the default ledger; other filters analyse the store in full)."""
    row = conn.execute("SELECT record FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    doc = Document.from_dict(json.loads(row[0]))
    doc.events = [e for e in doc.events if keeps_event(DEFAULT, e.certainty, e.confidence)]
    return doc


# -- bringing the index up to date ---------------------------------------------------------------
def pending(conn: Connection) -> int:
    """How many written documents the index has not taken in yet."""
    return int(conn.execute("SELECT count(*) FROM ledger_dirty").fetchone()[0])


def catch_up(conn: Connection, params: ClusterParams = PARAMS) -> int:
    """Take every document written since the last update into the index, in one transaction
    (the whole store in one pass, :func:`rebuild`, when the index is empty). Returns the number
    of documents taken in (0: already up to date)."""
    if not conn.execute("SELECT 1 FROM ledger_dirty LIMIT 1").fetchone():
        return 0
    if not conn.execute("SELECT 1 FROM ledger_docs LIMIT 1").fetchone():
        return rebuild(conn, params)  # a store written before the index: one pass is faster
    conn.execute("BEGIN IMMEDIATE")
    try:
        ids = sorted(r[0] for r in conn.execute("SELECT doc_id FROM ledger_dirty"))
        _Update(conn, params).run(ids)
        conn.execute("DELETE FROM ledger_dirty")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(ids)


def after_write(conn: Connection) -> None:
    """Take the documents just written in, inside the writer's open transaction
    (``Store.write``, before its COMMIT: the document and its place in the index are committed
    together). A failure here rolls back only the index's part, under a savepoint: it is
    logged, the document is stored and stays marked, and the next update takes it in."""
    ids = sorted(r[0] for r in conn.execute("SELECT doc_id FROM ledger_dirty"))
    if len(ids) > 1 and not conn.execute("SELECT 1 FROM ledger_docs LIMIT 1").fetchone():
        return  # a store written before the index: the next reader builds it in one pass
    conn.execute("SAVEPOINT ledger_index")
    try:
        if ids:
            _Update(conn, PARAMS).run(ids)
            conn.execute("DELETE FROM ledger_dirty")
    except Exception as exc:  # the write itself can go on: say so
        conn.execute("ROLLBACK TO ledger_index")
        log.warning("ledger index not updated (retried at the next update): %s", exc)
    conn.execute("RELEASE ledger_index")


TABLES = (
    "ledger_docs", "ledger_name_rows", "ledger_names", "ledger_alias_rows", "ledger_aliases",
    "ledger_dup_bands", "ledger_copies", "ledger_claims", "ledger_claim_bands",
    "ledger_claim_terms", "ledger_reports", "ledger_report_keys", "ledger_blocks",
    "ledger_cluster_actors", "ledger_claim_light",
)  # fmt: skip


def rebuild(conn: Connection, params: ClusterParams = PARAMS) -> int:
    """Build the index of every stored document from scratch, in one transaction: what
    :func:`catch_up` leaves, with the event clusters computed in one pass in memory (the same
    greedy in the same order as ``cluster_events``). For a bulk load or a store written before
    the index; returns the number of documents."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for t in TABLES:
            conn.execute(f"DELETE FROM {t}")
        u = _Update(conn, params)
        u.keep = False
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
        for d in ids:
            doc = _load_document(conn, d)
            if doc is not None:
                u._add_doc(doc)
        u._aggregate()
        u.aliases = dict(conn.execute("SELECT alias, key FROM ledger_aliases"))  # all, at once
        u.dup_affected = {
            r[0]
            for r in conn.execute(
                "SELECT doc_id FROM ledger_dup_bands WHERE band IN "
                "(SELECT band FROM ledger_dup_bands GROUP BY band HAVING count(*) > 1)"
            )
        }
        u._regroup_copies()
        preps = [x for d in ids for x in u._put_reports(d)]
        preps.sort(key=order_key)
        blocks = _Blocks(params)
        clusters: list[list[_Prep]] = []
        for x in preps:
            cands = blocks.candidates(x)
            best = choose(x, [clusters[ci] for ci in cands], params)
            ci = cands[best] if best >= 0 else len(clusters)
            if ci == len(clusters):
                clusters.append([])
            clusters[ci].append(x)
            blocks.add(x, ci)
        for members in clusters:
            label = members[0].rec.key
            conn.executemany(
                "UPDATE ledger_reports SET label = ? WHERE key = ?",
                [(label, m.rec.key) for m in members],
            )
            _index_rows(conn, label, members)
        conn.execute("DELETE FROM ledger_dirty")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(ids)


def _index_rows(conn: Connection, label: str, members: list[_Prep]) -> None:
    """The rows that find cluster ``label`` (members in joining order) by actor and place."""
    ev = _summarize(members, None, {})
    place = normalize_name(ev.place) or None
    order = sort_key(ev.date or ev.date_range[0], ev.id)
    conn.executemany(
        "INSERT INTO ledger_cluster_actors VALUES (?,?,?,?)",
        [(a, place, label, order) for a in sorted(ev.actor_keys)],
    )


class _Update:
    """One update of the index for a set of changed documents (see the module docstring)."""

    def __init__(self, conn: Connection, params: ClusterParams):
        self.c = conn
        self.p = params
        self.blocks = _Blocks(params)
        self.touched_names: set[tuple[str, int]] = set()
        self.before: dict[str, str | None] = {}  # alias -> its canonical key before the update
        self.dup_affected: set[str] = set()  # documents whose copy group must be recomputed
        self.shingles: dict[str, set[str]] = {}
        self.bands: dict[str, list[int]] = {}  # a document's LSH bands (copies)
        self.nbrs: dict[str, set[str]] = {}  # a document's copies and originals
        self.infos: dict[str, DocInfo | None] = {}
        self.records: dict[str, list[EventRecord]] = {}  # raw event records of loaded documents
        self.aliases: dict[str, str | None] = {}  # alias key -> canonical key, as looked up
        self.keep = True  # keep a document's shingles and records in memory once read

    def run(self, ids: list[str]) -> None:
        for d in ids:
            self._remove_doc(d)
        for d in ids:
            doc = _load_document(self.c, d)
            if doc is not None:
                self._add_doc(doc)
        self._aggregate()
        changed_aliases = sorted(a for a, was in self.before.items() if was != self._alias(a))
        refresh = set(ids) | self._regroup_copies()
        for part in chunks(changed_aliases):
            refresh.update(
                r[0]
                for r in self.c.execute(
                    f"SELECT DISTINCT doc_id FROM ledger_report_keys WHERE raw IN ({marks(len(part))})",
                    part,
                )
            )
        _Clusters(self.c, self.p).update(self._refresh_reports(sorted(refresh)))

    # -- documents ------------------------------------------------------------------------------
    def _touch_aliases(self, aliases: Iterable[str]) -> None:
        """Remember what ``aliases`` meant before this update (the winners are recomputed by
        :meth:`_aggregate`): the reports whose keys change meaning are re-entered."""
        for a in aliases:
            if a not in self.before:
                self.before[a] = self._alias(a)

    def _alias(self, a: str) -> str | None:
        row = self.c.execute("SELECT key FROM ledger_aliases WHERE alias = ?", (a,)).fetchone()
        return row[0] if row else None

    def _remove_doc(self, d: str) -> None:
        c = self.c
        self.touched_names.update(
            (k, cat)
            for k, cat in c.execute("SELECT key, cat FROM ledger_name_rows WHERE doc_id = ?", (d,))
        )
        self._touch_aliases(
            r[0] for r in c.execute("SELECT alias FROM ledger_alias_rows WHERE doc_id = ?", (d,))
        )
        row = c.execute("SELECT grp FROM ledger_copies WHERE doc_id = ?", (d,)).fetchone()
        if row:
            members = [
                r[0] for r in c.execute("SELECT doc_id FROM ledger_copies WHERE grp = ?", row)
            ]
            self.dup_affected.update(members)
            c.execute("DELETE FROM ledger_copies WHERE grp = ?", row)
        for table in (
            "ledger_name_rows", "ledger_alias_rows", "ledger_docs", "ledger_dup_bands",
            "ledger_claims", "ledger_claim_bands", "ledger_claim_terms", "ledger_claim_light",
        ):  # fmt: skip
            c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (d,))
        self.dup_affected.add(d)

    def _add_doc(self, doc: Document) -> None:
        c = self.c
        corpus = Corpus()
        corpus.add(doc, keep_body=False)
        info = corpus.docs[doc.id]
        ord_ = doc_ord(doc.published, doc.id)
        sh = shingles(body_text(doc), 5)
        self.infos[doc.id] = info
        if self.keep:
            self.shingles[doc.id] = sh
            self.records[doc.id] = corpus.events
        c.execute("INSERT INTO ledger_docs VALUES (?,?,?,?)", (doc.id, ord_, dumps(info), len(sh)))
        rows = name_rows(doc, corpus)
        c.executemany(
            "INSERT INTO ledger_name_rows VALUES (?,?,?,?,?)",
            [(k, cat, rank(ord_, pos, cat), name, doc.id) for k, cat, pos, name in rows],
        )
        self.touched_names.update((k, cat) for k, cat, _, _ in rows)
        arows = alias_rows(doc)
        c.executemany(
            "INSERT INTO ledger_alias_rows VALUES (?,?,?,?)",
            [(a, k, rank(ord_, pos), doc.id) for a, k, pos in arows],
        )
        self._touch_aliases(a for a, _, _ in arows)
        if len(sh) >= 2:
            self.bands[doc.id] = dup_bands(sh)
            c.executemany(
                "INSERT INTO ledger_dup_bands VALUES (?,?)",
                [(b, doc.id) for b in self.bands[doc.id]],
            )
        for cl in corpus.claims:
            c.execute(
                "INSERT INTO ledger_claims VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    cl.key,
                    doc.id,
                    cl.speaker_key,
                    cl.speaker_org_key,
                    dumps(cl),
                    sort_key(cl.date, cl.key),
                    len(cl.terms),
                    TERM_SEP.join(sorted(cl.terms)),
                    cl.polarity,
                    cl.kind,
                ),
            )
            c.execute(
                "INSERT INTO ledger_claim_light VALUES (?,?,?,?,?)",
                (cl.key, doc.id, cl.polarity, len(cl.terms), TERM_SEP.join(sorted(cl.terms))),
            )
            if len(cl.terms) >= 2:
                c.executemany(
                    "INSERT INTO ledger_claim_bands VALUES (?,?,?)",
                    [(b, cl.key, doc.id) for b in claim_bands(cl.terms)],
                )
            c.executemany(
                "INSERT INTO ledger_claim_terms VALUES (?,?,?,?)",
                [(t, cl.polarity, cl.key, doc.id) for t in cl.terms],
            )

    def _aggregate(self) -> None:
        c = self.c
        for k, cat in self.touched_names:
            row = c.execute(
                "SELECT rank, name FROM ledger_name_rows WHERE key = ? AND cat = ? "
                "ORDER BY rank LIMIT 1",
                (k, cat),
            ).fetchone()
            if row:
                c.execute(
                    "INSERT INTO ledger_names VALUES (?,?,?,?) ON CONFLICT (key, cat)"
                    " DO UPDATE SET rank = excluded.rank, name = excluded.name",
                    (k, cat, *row),
                )
            else:
                c.execute("DELETE FROM ledger_names WHERE key = ? AND cat = ?", (k, cat))
        for a in self.before:
            row = c.execute(
                "SELECT key, rank FROM ledger_alias_rows WHERE alias = ? ORDER BY rank LIMIT 1",
                (a,),
            ).fetchone()
            if row:
                c.execute(
                    "INSERT INTO ledger_aliases VALUES (?,?,?) ON CONFLICT (alias)"
                    " DO UPDATE SET key = excluded.key, rank = excluded.rank",
                    (a, *row),
                )
            else:
                c.execute("DELETE FROM ledger_aliases WHERE alias = ?", (a,))

    # -- copies ---------------------------------------------------------------------------------
    def _shingles_of(self, d: str) -> set[str]:
        if d not in self.shingles:
            doc = _load_document(self.c, d)
            self.shingles[d] = shingles(body_text(doc), 5) if doc else set()
        return self.shingles[d]

    def _info(self, d: str) -> DocInfo | None:
        if d not in self.infos:
            row = self.c.execute("SELECT info FROM ledger_docs WHERE doc_id = ?", (d,)).fetchone()
            self.infos[d] = info_from(row[0]) if row else None
        return self.infos[d]

    def _neighbours(self, d: str, within: set[str] | None = None) -> set[str]:
        """Documents that share an LSH band with ``d`` and are copies of it (or it of them)."""
        if d not in self.bands:
            self.bands[d] = [
                r[0]
                for r in self.c.execute("SELECT band FROM ledger_dup_bands WHERE doc_id = ?", (d,))
            ]
        bs = self.bands[d]
        if not bs:  # too short to be matched (fewer than two shingles)
            return set()
        if d in self.nbrs:
            return self.nbrs[d] if within is None else self.nbrs[d] & within
        sh = self._shingles_of(d)
        cands = {
            r[0]
            for r in self.c.execute(
                f"SELECT DISTINCT doc_id FROM ledger_dup_bands WHERE band IN ({marks(len(bs))})", bs
            )
        } - {d}
        if d not in self.nbrs:
            self.nbrs[d] = {o for o in cands if is_copy_pair(sh, self._shingles_of(o)) is not None}
        return self.nbrs[d] if within is None else self.nbrs[d] & within

    def _regroup_copies(self) -> set[str]:
        """Recompute the copy groups the changed documents belong to (or belonged to); returns
        every document of those groups (their reports depend on which is the original)."""
        present = [d for d in self.dup_affected if self._info(d) is not None]
        nodes: set[str] = set()
        for d in present:
            nodes.add(d)
            for o in self._neighbours(d):
                nodes.add(o)
                row = self.c.execute(
                    "SELECT grp FROM ledger_copies WHERE doc_id = ?", (o,)
                ).fetchone()
                if row:
                    nodes.update(
                        r[0]
                        for r in self.c.execute(
                            "SELECT doc_id FROM ledger_copies WHERE grp = ?", row
                        )
                    )
        for part in chunks(sorted(nodes)):
            self.c.execute(f"DELETE FROM ledger_copies WHERE doc_id IN ({marks(len(part))})", part)
        parent = {d: d for d in nodes}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for d in sorted(nodes):
            for o in self._neighbours(d, nodes):
                ra, rb = find(d), find(o)
                if ra != rb:
                    parent[ra] = rb
        groups: dict[str, list[str]] = {}
        for d in nodes:
            groups.setdefault(find(d), []).append(d)
        for group in groups.values():
            if len(group) < 2:
                continue
            group.sort(key=lambda d: dedup._date_key(self._info(d), d))
            orig = group[0]
            o_sh = self._shingles_of(orig)
            rows = [(orig, orig, orig, None)]
            for d in group[1:]:
                sh = self._shingles_of(d)
                rows.append((d, orig, orig, round(len(sh & o_sh) / len(sh | o_sh), 3)))
            self.c.executemany("INSERT INTO ledger_copies VALUES (?,?,?,?)", rows)
        return nodes | set(self.dup_affected)

    # -- event reports --------------------------------------------------------------------------
    def _original(self, d: str) -> str:
        row = self.c.execute("SELECT original FROM ledger_copies WHERE doc_id = ?", (d,)).fetchone()
        return row[0] if row else d

    def _canonical(self, k: str) -> str:
        if k not in self.aliases:
            self.aliases[k] = self._alias(k)
        return self.aliases[k] or k

    def _refresh_reports(self, docs: list[str]) -> _Changes:
        """Take the reports of ``docs`` out of the clusters and put their current versions in
        (records as a full analysis flattens them: keys through aliases, a copy's undated
        events dated by its original)."""
        c = self.c
        ch = _Changes()
        for d in docs:
            for _key, ord_, orig, label, record in c.execute(
                "SELECT key, ord, orig, label, record FROM ledger_reports WHERE doc_id = ?", (d,)
            ):
                ch.removed.append((ord_, label, _Prep(event_from(record), self.p, orig)))
            for table in ("ledger_reports", "ledger_blocks", "ledger_report_keys"):
                c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (d,))
            for x in self._put_reports(d):
                ch.added.append((order_key(x), x.rec.key))
        return ch

    def _put_reports(self, d: str) -> list[_Prep]:
        """Store the current reports of ``d`` (not yet in any cluster); returns them."""
        c = self.c
        if self._info(d) is None:
            return []
        raws = self.records.pop(d, None)
        if raws is None:
            doc = _load_document(c, d)
            corpus = Corpus()
            if doc is not None:
                corpus.add(doc, keep_body=False)
            raws = corpus.events
        orig = self._original(d)
        o_info = self._info(orig) if orig != d else None
        out = []
        for pos, raw in enumerate(raws):
            keys = {*raw.actor_keys, *([raw.claim_speaker] if raw.claim_speaker else [])}
            e = dataclasses.replace(
                raw,
                actor_keys=tuple(dict.fromkeys(self._canonical(k) for k in raw.actor_keys)),
                claim_speaker=self._canonical(raw.claim_speaker) if raw.claim_speaker else None,
            )
            if o_info is not None and o_info.date:
                e.fallback_date = o_info.date
            x = _Prep(e, self.p, orig)
            c.execute(
                "INSERT INTO ledger_reports VALUES (?,?,?,?,?,NULL,?)",
                (e.key, d, pos, order_key(x), orig, dumps(e)),
            )
            blocks = dict.fromkeys(bkey(k) for k in self.blocks.keys(x, query=False))
            c.executemany(
                "INSERT INTO ledger_blocks VALUES (?,?,?)", [(k, e.key, d) for k in blocks]
            )
            c.executemany(
                "INSERT INTO ledger_report_keys VALUES (?,?)", [(k, d) for k in sorted(keys)]
            )
            out.append(x)
        return out


@dataclasses.dataclass
class _Changes:
    removed: list[tuple[str, str | None, _Prep]] = dataclasses.field(default_factory=list)
    added: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (ord, key)


class _Clusters:
    """The event clusters in the store, re-decided where a change can reach (module docstring)."""

    def __init__(self, conn: Connection, params: ClusterParams):
        self.c = conn
        self.p = params
        self.blocks = _Blocks(params)
        self.cache: dict[str, tuple[_Prep, str]] = {}  # key -> (prepared report, ord)
        self.heap: list[tuple[str, str]] = []
        self.touched: set[str] = set()  # clusters whose membership changed

    def _preps(self, keys: Iterable[str]) -> None:
        todo = sorted({k for k in keys if k not in self.cache})
        for part in chunks(todo):
            for key, ord_, orig, record in self.c.execute(
                f"SELECT key, ord, orig, record FROM ledger_reports WHERE key IN ({marks(len(part))})",
                part,
            ):
                self.cache[key] = (_Prep(event_from(record), self.p, orig), ord_)

    def update(self, ch: _Changes) -> None:
        for ord_, label, x in ch.removed:
            self.cache.pop(x.rec.key, None)
            if label is not None:
                self._changed(label, ord_, [x])
        for item in ch.added:
            heapq.heappush(self.heap, item)
        done: set[str] = set()
        while self.heap:
            ord_, key = heapq.heappop(self.heap)
            if key in done:
                continue
            done.add(key)
            self._decide(key, ord_)
        for label in sorted(self.touched):
            self._index_cluster(label)

    def _decide(self, key: str, ord_: str) -> None:
        self._preps([key])
        x = self.cache[key][0]
        qkeys = list(dict.fromkeys(bkey(k) for k in self.blocks.keys(x, query=True)))
        labels: set[str] = set()
        for part in chunks(qkeys):
            labels.update(
                r[0]
                for r in self.c.execute(
                    "SELECT DISTINCT r.label FROM ledger_blocks b JOIN ledger_reports r ON r.key = b.key "
                    f"WHERE b.bkey IN ({marks(len(part))}) AND r.ord < ?",
                    (*part, ord_),
                )
            )
        self._preps(labels)
        cands = sorted(labels, key=lambda lab: self.cache[lab][1])[-self.p.max_candidates :]
        members = []
        for lab in cands:
            ks = [
                r[0]
                for r in self.c.execute(
                    "SELECT key FROM ledger_reports WHERE label = ? AND ord < ? ORDER BY ord LIMIT ?",
                    (lab, ord_, self.p.max_members_compared),
                )
            ]
            self._preps(ks)
            members.append([self.cache[k][0] for k in ks])
        best = choose(x, members, self.p)
        new = cands[best] if best >= 0 else key
        row = self.c.execute("SELECT label FROM ledger_reports WHERE key = ?", (key,)).fetchone()
        old = row[0] if row else None
        if new == old:
            return
        self.c.execute("UPDATE ledger_reports SET label = ? WHERE key = ?", (new, key))
        if old is not None:
            self._changed(old, ord_, [x])
        self._changed(new, ord_, [x])

    def _changed(self, label: str, ord_: str, extra: list[_Prep]) -> None:
        """Cluster ``label`` differs from ``ord_`` on: every later report that may see it as a
        candidate is re-decided."""
        self.touched.add(label)
        ks = [
            r[0] for r in self.c.execute("SELECT key FROM ledger_reports WHERE label = ?", (label,))
        ]
        self._preps(ks)
        exact: set[str] = set()
        prefixes: set[str] = set()
        for m in [*(self.cache[k][0] for k in ks), *extra]:
            for k in self.blocks.keys(m, query=False):
                e, p = seers(k, self.blocks.cell)
                exact.update(e)
                prefixes.update(p)
        found: set[tuple[str, str]] = set()
        ex = sorted(exact)
        for part in chunks(ex):
            found.update(
                self.c.execute(
                    "SELECT r.ord, r.key FROM ledger_blocks b JOIN ledger_reports r ON r.key = b.key "
                    f"WHERE b.bkey IN ({marks(len(part))}) AND r.ord > ?",
                    (*part, ord_),
                )
            )
        for pre in sorted(prefixes):
            found.update(
                self.c.execute(
                    "SELECT r.ord, r.key FROM ledger_blocks b JOIN ledger_reports r ON r.key = b.key "
                    "WHERE b.bkey >= ? AND b.bkey < ? AND r.ord > ?",
                    (pre, pre[:-1] + "\x1f", ord_),
                )
            )
        for item in found:
            heapq.heappush(self.heap, item)

    def _index_cluster(self, label: str) -> None:
        self.c.execute("DELETE FROM ledger_cluster_actors WHERE label = ?", (label,))
        ks = [
            r[0]
            for r in self.c.execute(
                "SELECT key FROM ledger_reports WHERE label = ? ORDER BY ord", (label,)
            )
        ]
        if not ks:
            return
        self._preps(ks)
        _index_rows(self.c, label, [self.cache[k][0] for k in ks])


@lru_cache(maxsize=1 << 16)
def seers(key: tuple[Any, ...], cell: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The blocking keys (exact, and prefixes for any date bucket) under which a report may
    be stored that queries ``key``: the inverse of ``_Blocks.keys(query=True)``."""
    fam, kind, *rest = key[:-1]
    b = key[-1]
    if kind == "g":
        ci, cj = rest
        lat = min(89.0, (abs(ci) + 3) * cell)
        k = min(60, math.ceil(1.0 / max(math.cos(math.radians(lat)), 1e-3)))
        anchors = [(fam, "g", ci + di, cj + dj) for di in (-1, 0, 1) for dj in range(-k, k + 1)]
    else:
        anchors = [(fam, kind, *rest)]
    if b is None:  # an undated report is seen from every bucket
        return (), tuple(anchor_prefix(a) for a in anchors)
    buckets: list[Any] = [None] if b == "*" else [b - 1, b, b + 1]
    return tuple(bkey((*a, bb)) for a in anchors for bb in buckets), ()


__all__ = [
    "PARAMS",
    "after_write",
    "catch_up",
    "claim_from",
    "event_from",
    "info_from",
    "pending",
    "rebuild",
]
