"""The ledger of one actor, read from the ledger index (``store.ledger_index``).

Instead of analysing the whole store, the part of the analysis that concerns the actor is
assembled from indexed rows — the actor's claims (and the claims of copies of their documents),
the clusters of those claims (connected components over the stored LSH bands), their
contradictions (over the stored content terms), the events they speak of and the events where
the actor acts (the stored event clusters) — and handed to ``analysis.ledger.ledger_for``, the
same code a full analysis feeds: the same ledger, in time that grows with what the actor's
ledger holds, not with the store.

    with open_store("ledger.db") as store:
        ledger = store_ledger(store.conn, "Taliban")     # None: no such actor
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

from ..analysis.analyze import Analysis, _near_in_time, link_claim
from ..analysis.claimclusters import (
    DEFAULT_THRESHOLD,
    ClaimCluster,
    Contradiction,
    claim_cluster,
    contradiction,
)
from ..analysis.corroborate import EventCluster, _Prep, _summarize
from ..analysis.dedup import DuplicateIndex
from ..analysis.ledger import DEFAULT_KINDS, Ledger, ledger_for, resolve_in, unknown_message_in
from ..analysis.records import ClaimRecord, Corpus, DocInfo
from ..analysis.text import normalize_name, words
from ..claims.lexicon import KINDS as CLAIM_KINDS
from .dialect import Connection, is_busy
from .ledger_index import (
    CHUNK,
    PARAMS,
    TERM_SEP,
    catch_up,
    chunks,
    claim_from,
    event_from,
    info_from,
    marks,
    sort_date,
)

MAX_DF = 2000  # find_contradictions' default: words this common propose no pair
PROBES = 200_000  # (actor, place) pairs looked up one by one at most; beyond, an actor's rows


def refresh(conn: Connection) -> bool:
    """Bring the index up to date before reading; False when the store cannot be written now
    (a read-only file, or an ingest holding the lock past the timeout): the index is then read
    as it stands, without the documents written since its last update."""
    try:
        catch_up(conn)
    except Exception as exc:
        if not is_busy(exc):
            raise
        return False
    return True


class _Docs(Mapping[str, DocInfo]):
    """The documents' analysis infos, read when asked for."""

    def __init__(self, conn: Connection):
        self.c = conn
        self.cache: dict[str, DocInfo | None] = {}
        self.size: int | None = None

    def __getitem__(self, d: str) -> DocInfo:
        if d not in self.cache:
            row = self.c.execute("SELECT info FROM ledger_docs WHERE doc_id = ?", (d,)).fetchone()
            self.cache[d] = info_from(row[0]) if row else None
        info = self.cache[d]
        if info is None:
            raise KeyError(d)
        return info

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self.c.execute("SELECT doc_id FROM ledger_docs"))

    def __len__(self) -> int:
        if self.size is None:  # asked often (a mapping's truth value): counted once
            self.size = int(self.c.execute("SELECT count(*) FROM ledger_docs").fetchone()[0])
        return self.size


class _Dup(DuplicateIndex):
    """Copies and originals, read when asked for."""

    def __init__(self, conn: Connection):
        super().__init__()
        self.c = conn
        self.cache: dict[str, str] = {}

    def original(self, doc_id: str) -> str:
        if doc_id not in self.cache:
            row = self.c.execute(
                "SELECT original FROM ledger_copies WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            self.cache[doc_id] = row[0] if row else doc_id
        return self.cache[doc_id]

    def is_copy(self, doc_id: str) -> bool:
        return self.original(doc_id) != doc_id

    def copies_of(self, doc_id: str) -> list[str]:
        return [
            r[0]
            for r in self.c.execute(
                "SELECT doc_id FROM ledger_copies WHERE original = ? AND doc_id != original "
                "ORDER BY doc_id",
                (doc_id,),
            )
        ]


def _names(
    conn: Connection, aliases: Mapping[str, str], targets: set[str] | None
) -> dict[str, str]:
    """``known_actors`` of the whole store, for the actor keys ``targets`` (None: all)."""
    if targets is None:
        rows = list(conn.execute("SELECT key, cat, rank, name FROM ledger_names"))
    else:
        raw = sorted(targets | {a for a, k in aliases.items() if k in targets})
        rows = []
        for part in chunks(raw):
            rows.extend(
                conn.execute(
                    "SELECT key, cat, rank, name FROM ledger_names "
                    f"WHERE key IN ({marks(len(part))})",
                    part,
                )
            )
    entries = []
    for key, cat, rank, name in rows:
        k = aliases.get(key, key) if cat == 1 else key  # speakers are canonical, as flatten does
        if targets is None or k in targets:
            entries.append((rank, k, name))
    names: dict[str, str] = {}
    for _, k, name in sorted(entries):
        names.setdefault(k, name)
    return names


def resolve(conn: Connection, actor: str) -> tuple[str, list[str]] | None:
    """``resolve_actor`` over the whole store, from the index."""
    aliases = dict(conn.execute("SELECT alias, key FROM ledger_aliases"))
    key = normalize_name(actor)
    q = aliases.get(key, key)
    if not q:
        return None
    near = {q} | {a for a, k in aliases.items() if k == q}
    names = _names(conn, aliases, near)
    if q in names:
        return resolve_in(actor, names, aliases)
    return resolve_in(actor, _names(conn, aliases, None), aliases)


def unknown_message(conn: Connection, actor: str) -> str:
    """``unknown_actor_message`` over the whole store, from the index."""
    aliases = dict(conn.execute("SELECT alias, key FROM ledger_aliases"))
    return unknown_message_in(_names(conn, aliases, None).values(), actor)


def store_ledger(
    conn: Connection,
    actor: str,
    *,
    fresh: bool = True,
    limit: int | None = None,
    kinds: tuple[str, ...] | None = None,
) -> Ledger | None:
    """The ledger of ``actor`` from the index (None: no actor matches), with the actor's
    claims of ``kinds`` (None: statements, ``DEFAULT_KINDS``). ``fresh``: take the
    documents written since the last update in first (:func:`refresh`). ``limit``: only the
    last ``limit`` claims and the last ``limit`` events of the ledger's order (the latest),
    each exactly as the whole ledger shows it, with the totals (``Ledger.claims_total``,
    ``events_total``) when there are more; the page is chosen in SQL, so a read costs what
    the page holds, not what the actor's whole ledger holds."""
    if fresh:
        refresh(conn)
    found = resolve(conn, actor)
    if found is None:
        return None
    shown = tuple(sorted(kinds)) if kinds else DEFAULT_KINDS
    asm = _Assembly(conn, set(found[1]), limit, shown)
    ledger = ledger_for(asm.analysis(), *found, kinds=shown)
    if asm.page is not None:  # events the page's claims speak of are not in the events page
        ledger.events = [e for e in ledger.events if e.event.id in asm.page]
        ledger.claims_total, ledger.events_total = asm.totals
    return ledger


class _Assembly:
    """The part of the analysis the ledger of the actor known by ``keys`` reads."""

    def __init__(
        self,
        conn: Connection,
        keys: set[str],
        limit: int | None = None,
        kinds: tuple[str, ...] = DEFAULT_KINDS,
    ):
        self.c = conn
        self.keys = keys
        self.limit = limit
        # the claim kinds shown; None: every kind (no filter in SQL)
        self.kinds: tuple[str, ...] | None = None if set(kinds) >= set(CLAIM_KINDS) else kinds
        self.page: set[str] | None = None  # with a limit: the ids of the events page
        self.totals: tuple[int | None, int | None] = (None, None)  # when more than the page
        self.aliases: dict[str, str] = dict(conn.execute("SELECT alias, key FROM ledger_aliases"))
        self.dup = _Dup(conn)
        self.docs = _Docs(conn)
        self.claims: dict[str, ClaimRecord] = {}
        self.founder_ord: dict[str, str] = {}
        self.summaries: dict[str, EventCluster] = {}
        self.bands: dict[str, list[int]] = {}  # claim key -> its LSH bands
        self.bands_read: set[str] = set()
        self.light: dict[str, tuple[int, frozenset[str]]] = {}  # claim key -> (polarity, terms)

    # -- records --------------------------------------------------------------------------------
    def _canon(self, c: ClaimRecord) -> ClaimRecord:
        a = self.aliases
        return dataclasses.replace(
            c,
            speaker_key=a.get(c.speaker_key, c.speaker_key),
            speaker_org_key=a.get(c.speaker_org_key, c.speaker_org_key)
            if c.speaker_org_key
            else c.speaker_org_key,
            about_keys=tuple(a.get(k, k) for k in c.about_keys),
        )

    def _load_claims(self, where: str, params: list[str]) -> list[ClaimRecord]:
        out = []
        for part in chunks(params):
            sql = f"SELECT key, record FROM ledger_claims WHERE {where.format(marks(len(part)))}"
            for key, record in self.c.execute(sql, [*part] * where.count("{")):
                if key not in self.claims:
                    self.claims[key] = self._canon(claim_from(record))
                out.append(self.claims[key])
        return out

    def _claims_by_key(self, keys: set[str]) -> None:
        self._load_claims("key IN ({})", sorted(k for k in keys if k not in self.claims))

    def _founder(self, label: str) -> str:
        if label not in self.founder_ord:
            row = self.c.execute(
                "SELECT ord FROM ledger_reports WHERE key = ?", (label,)
            ).fetchone()
            self.founder_ord[label] = row[0]
        return self.founder_ord[label]

    def _event(self, label: str) -> EventCluster:
        if label not in self.summaries:
            preps = [
                _Prep(event_from(record), PARAMS, orig)
                for orig, record in self.c.execute(
                    "SELECT orig, record FROM ledger_reports WHERE label = ? ORDER BY ord", (label,)
                )
            ]
            self.summaries[label] = _summarize(preps, self.dup, self.docs)
        return self.summaries[label]

    def _prefetch(self, labels: Iterable[str]) -> None:
        """The summaries and founders of many clusters, a few queries for all."""
        todo = sorted({lab for lab in labels if lab not in self.summaries})
        for part in chunks(todo):
            members: dict[str, list[_Prep]] = {}
            for label, key, ord_, orig, record in self.c.execute(
                "SELECT label, key, ord, orig, record FROM ledger_reports "
                f"WHERE label IN ({marks(len(part))}) ORDER BY label, ord",
                part,
            ):
                members.setdefault(label, []).append(_Prep(event_from(record), PARAMS, orig))
                if key == label:
                    self.founder_ord[label] = ord_
            for label, preps in members.items():
                self.summaries[label] = _summarize(preps, self.dup, self.docs)

    def _bands(self, claims: Iterable[ClaimRecord]) -> None:
        """The stored LSH bands of ``claims`` (read by document, a few queries for all)."""
        docs = sorted({c.doc_id for c in claims if c.doc_id not in self.bands_read})
        for part in chunks(docs):
            for claim, band in self.c.execute(
                f"SELECT claim, band FROM ledger_claim_bands WHERE doc_id IN ({marks(len(part))})",
                part,
            ):
                self.bands.setdefault(claim, []).append(band)
            self.bands_read.update(part)
        for c in claims:
            self.bands.setdefault(c.key, [])

    # -- the parts ------------------------------------------------------------------------------
    def analysis(self) -> Analysis:
        raw = sorted(self.keys | {a for a, k in self.aliases.items() if k in self.keys})
        if self.limit is None:
            own = [
                c
                for c in self._load_claims("speaker_key IN ({0}) OR org_key IN ({0})", raw)
                if (c.speaker_key in self.keys or c.speaker_org_key in self.keys)
                and (self.kinds is None or c.kind in self.kinds)
            ]
            own = sorted({c.key: c for c in own}.values(), key=lambda c: c.key)
            shown = [
                c
                for c in own
                if not (self.dup.is_copy(c.doc_id) and self.dup.original(c.doc_id) in self.docs)
            ]
        else:
            own = shown = self._claim_page(
                [r for r in raw if self.aliases.get(r, r) in self.keys], self.limit
            )
        copies = sorted({cp for c in shown for cp in self.dup.copies_of(c.doc_id)})
        extra = self._load_claims("doc_id IN ({})", copies)
        clusters, cluster_of = self._claim_clusters(shown)
        contradictions = self._contradictions(shown)
        labels: dict[str, None] = {}
        if self.limit is not None:
            labels.update((lab, None) for lab in self._event_page(self.limit))
        for part in chunks(sorted(self.keys)) if self.limit is None else ():
            labels.update(
                (r[0], None)
                for r in self.c.execute(
                    "SELECT DISTINCT label FROM ledger_cluster_actors "
                    f"WHERE actor IN ({marks(len(part))})",
                    part,
                )
            )
        self._prefetch(labels)
        if self.limit is not None:
            self.page = {self.summaries[lab].id for lab in labels}
        claim_refs = self._links(shown)
        for refs in claim_refs.values():
            labels.update((lab, None) for lab in refs)
        self._prefetch(labels)
        order = sorted(labels, key=self._founder)
        index = {lab: i for i, lab in enumerate(order)}
        corpus = Corpus(
            docs=cast(dict[str, DocInfo], self.docs),
            claims=list({c.key: c for c in [*own, *extra]}.values()),
            aliases=self.aliases,
        )
        a = Analysis(
            corpus, self.dup, [self._event(lab) for lab in order], clusters, contradictions
        )
        a.claim_cluster_of = cluster_of
        a.claim_events = {k: [index[lab] for lab in refs] for k, refs in claim_refs.items()}
        for x in contradictions:
            a.contradicting_docs.setdefault(x.claim.key, set()).add(self.dup.original(x.by.doc_id))
        return a

    # -- a page: the last ``limit`` claims and events of the ledger's order, chosen in SQL -----
    def _claim_page(self, raw: list[str], limit: int) -> list[ClaimRecord]:
        """The actor's last ``limit`` claims as the ledger shows them (not those of a copy of
        a stored document: the original shows them), by ``sort_key``; the total if more."""
        m = marks(len(raw))
        kinds = list(self.kinds or ())
        of_kind = f" AND kind IN ({marks(len(kinds))})" if kinds else ""
        where = (  # each half read from its covering index
            f"(SELECT key, sort_key, doc_id FROM ledger_claims WHERE speaker_key IN ({m})"
            f"{of_kind} UNION "
            f"SELECT key, sort_key, doc_id FROM ledger_claims WHERE org_key IN ({m}){of_kind}) "
            "AS c WHERE NOT EXISTS (SELECT 1 FROM ledger_copies p JOIN ledger_docs d "
            "ON d.doc_id = p.original WHERE p.doc_id = c.doc_id AND p.original <> p.doc_id)"
        )
        params = (*raw, *kinds, *raw, *kinds)
        keys = [
            r[0]
            for r in self.c.execute(
                f"SELECT key FROM {where} ORDER BY coalesce(sort_key, '') DESC LIMIT ?",
                (*params, limit),
            )
        ]
        if len(keys) == limit:
            n = self.c.execute(f"SELECT count(*) FROM {where}", params)
            total = int(n.fetchone()[0])
            self.totals = (total if total > limit else None, self.totals[1])
        self._claims_by_key(set(keys))
        return sorted((self.claims[k] for k in keys), key=lambda c: c.key)

    def _event_page(self, limit: int) -> list[str]:
        """The labels of the last ``limit`` clusters where the actor acts, in the ledger's
        order (``sort_key``: date or "9999", then the event id); the total if more."""
        ks = sorted(self.keys)
        where = f"actor IN ({marks(len(ks))})"
        labels = [
            r[0]
            for r in self.c.execute(
                f"SELECT label FROM ledger_cluster_actors WHERE {where} GROUP BY label "
                "ORDER BY coalesce(max(sort_key), '') DESC LIMIT ?",
                (*ks, limit),
            )
        ]
        if len(labels) == limit:
            n = self.c.execute(
                f"SELECT count(DISTINCT label) FROM ledger_cluster_actors WHERE {where}", ks
            )
            total = int(n.fetchone()[0])
            self.totals = (self.totals[0], total if total > limit else None)
        return labels

    def _light(self, keys: Iterable[str]) -> None:
        """The polarity and terms of claims (stored beside the record, which is not read)."""
        todo = sorted(k for k in keys if k not in self.light)
        for part in chunks(todo):
            for k, pol, terms in self.c.execute(
                f"SELECT key, pol, terms FROM ledger_claim_light WHERE key IN ({marks(len(part))})",
                part,
            ):
                self.light[k] = (pol, frozenset(terms.split(TERM_SEP)) if terms else frozenset())

    def _claim_clusters(
        self, claims: list[ClaimRecord]
    ) -> tuple[list[ClaimCluster], dict[str, int]]:
        """The clusters of ``claims``: each a connected component of same-polarity claims whose
        terms overlap (Jaccard >= the threshold) and share an LSH band, as cluster_claims links
        them."""
        clusters: list[ClaimCluster] = []
        cluster_of: dict[str, int] = {}
        threshold = DEFAULT_THRESHOLD
        self._bands(claims)
        for c in claims:
            if c.key in cluster_of:
                continue
            comp = {c.key: c}
            todo = [c] if len(c.terms) >= 2 else []
            while todo:
                x = todo.pop()
                if x.key not in self.bands:
                    self._bands([x])
                bs = self.bands[x.key]
                if not bs:
                    continue
                # candidates checked on their stored polarity and terms; only members are read
                cands = {
                    r[0]
                    for r in self.c.execute(
                        f"SELECT claim FROM ledger_claim_bands WHERE band IN ({marks(len(bs))})", bs
                    )
                } - comp.keys()
                self._light(cands)
                linked = []
                for k in cands:
                    pol, ts = self.light[k]
                    if pol == x.polarity and len(x.terms & ts) / len(x.terms | ts) >= threshold:
                        linked.append(k)
                self._claims_by_key(set(linked))
                for k in sorted(linked):
                    comp[k] = self.claims[k]
                    todo.append(self.claims[k])
            cc = claim_cluster(list(comp.values()), self.dup, self.docs)
            for m in cc.claims:
                cluster_of[m.key] = len(clusters)
            clusters.append(cc)
        return clusters, cluster_of

    def _contradictions(self, claims: list[ClaimRecord]) -> list[Contradiction]:
        """Contradictions of (positive) and by (negative) ``claims``, as find_contradictions
        finds them over the whole store."""
        terms = sorted({t for c in claims for t in c.terms})
        high = [  # too common to propose a pair (counted up to the limit, not further)
            t
            for t in terms
            if self.c.execute(
                "SELECT count(*) FROM (SELECT 1 FROM ledger_claim_terms WHERE term = ? "
                "LIMIT ?) AS f",
                (t, MAX_DF + 1),
            ).fetchone()[0]
            > MAX_DF
        ]
        out: list[Contradiction] = []
        for sign, other in ((1, "< 0"), (-1, "> 0")):
            mine = [c for c in claims if (c.polarity > 0) == (sign > 0) and c.polarity and c.terms]
            for part in chunks(mine, 200):
                by_key = {c.key: c for c in part}
                docs = sorted({c.doc_id for c in part})
                # pairs that share two words, or one where either claim has a single word;
                # then contradiction()'s own overlap test on the number of terms (before any
                # record is read)
                nterms = "(SELECT l.nterms FROM ledger_claim_light l WHERE l.key = b.claim)"
                singles = [k for k, c in by_key.items() if len(c.terms) == 1]
                shared: dict[tuple[str, str], int] = {}
                for mk, ok, odoc, n, on in self.c.execute(
                    f"SELECT a.claim, b.claim, b.doc_id, count(*), {nterms} "
                    "FROM ledger_claim_terms a JOIN ledger_claim_terms b ON b.term = a.term "
                    f"WHERE a.doc_id IN ({marks(len(docs))}) AND a.claim IN ({marks(len(part))}) "
                    f"AND a.term NOT IN ({marks(len(high))}) AND b.pol {other} "
                    "GROUP BY a.claim, b.claim, b.doc_id HAVING count(*) > 1 "
                    f"OR a.claim IN ({marks(len(singles))}) OR {nterms} = 1",
                    (*docs, *by_key, *high, *singles),
                ):
                    small = min(len(by_key[mk].terms), on or 0)
                    if odoc != by_key[mk].doc_id and n >= min(2, small) and 2 * n >= small:
                        shared[(mk, ok)] = n
                self._claims_by_key({ok for _, ok in shared})
                for (mk, ok), n in shared.items():
                    c, o = by_key[mk], self.claims[ok]
                    neg, pos = (o, c) if c.polarity > 0 else (c, o)
                    x = contradiction(neg, pos, n, self.dup)
                    if x is not None:
                        out.append(x)
        unique = {(x.claim.key, x.by.key): x for x in out}
        return sorted(unique.values(), key=lambda x: (x.claim.key, -x.overlap, x.by.key))

    def _links(self, claims: list[ClaimRecord]) -> dict[str, list[str]]:
        """The events each claim speaks of (``link_claim``), as cluster labels."""
        actors = sorted(
            {k for c in claims for k in (c.speaker_key, c.speaker_org_key, *c.about_keys) if k}
        )
        # (actor, place) -> the clusters there with their dates (stored: no summary needed to
        # pass over those too far in time from a claim, which link_claim passes over too), for
        # the places the claims can name (link_claim looks places up by the content's n-grams)
        grams: set[str] = set()
        for c in claims:
            toks = words(c.content)
            grams.update(" ".join(toks[i : i + n]) for n in range(1, 5) for i in range(len(toks)))
        at: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
        by_place = len(actors) * len(grams) <= PROBES and len(actors) < CHUNK // 2
        for part in chunks(sorted(grams), CHUNK - len(actors)) if by_place else ():
            for actor, place, label, order, founder in self.c.execute(
                "SELECT a.actor, a.place, a.label, a.sort_key, r.ord FROM ledger_cluster_actors a "
                "JOIN ledger_reports r ON r.key = a.label "
                f"WHERE a.actor IN ({marks(len(actors))}) AND a.place IN ({marks(len(part))})",
                (*actors, *part),
            ):
                self.founder_ord[label] = founder
                at.setdefault((actor, place), []).append((label, sort_date(order)))
        for part in chunks(actors) if not by_place else ():  # many claims: every place
            for actor, place, label, order, founder in self.c.execute(
                "SELECT a.actor, a.place, a.label, a.sort_key, r.ord FROM ledger_cluster_actors a "
                "JOIN ledger_reports r ON r.key = a.label "
                f"WHERE a.actor IN ({marks(len(part))}) AND a.place IS NOT NULL",
                part,
            ):
                self.founder_ord[label] = founder
                at.setdefault((actor, place), []).append((label, sort_date(order)))

        by_ord: dict[str, str] = {}

        def clusters_at(k: str, g: str, when: str | None = None) -> list[tuple[str, EventCluster]]:
            out = []
            for lab, date in at.get((k, g), ()):
                if _near_in_time(date, when):
                    by_ord[self._founder(lab)] = lab
                    out.append((self._founder(lab), self._event(lab)))
            return out

        links: dict[str, list[str]] = {}
        for c in claims:
            near = functools.partial(clusters_at, when=c.date)
            doc_events: list[tuple[Any, str]] = []
            for label, record in self.c.execute(
                "SELECT label, record FROM ledger_reports WHERE doc_id = ? ORDER BY pos",
                (c.doc_id,),
            ):
                doc_events.append((event_from(record), self._founder(label)))
                by_ord[self._founder(label)] = label
            links[c.key] = [by_ord[r] for r in link_claim(c, doc_events, near)]
        return links


__all__ = ["refresh", "resolve", "store_ledger", "unknown_message"]
