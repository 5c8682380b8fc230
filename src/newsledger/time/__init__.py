"""The time stage: every date expression of a document, resolved, and its reference date.

``TimeStage`` finds date expressions with the patterns of :mod:`.expressions` (plus spaCy's
DATE entities that the patterns miss), infers ``doc.reference_date`` (:mod:`.reference`) and
resolves each expression against it with the precision the text gives: ``"YYYY"``,
``"YYYY-MM"`` or ``"YYYY-MM-DD"``. Durations and ages are not dates and are skipped.

Helpers for the stages after it: :func:`resolve_date` (a phrase against a reference date) and
:func:`dates_in_span` (the date mentions inside a sentence or clause).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from datetime import date

from ..document import DateMention, Document
from ..pipeline import Stage
from .expressions import (
    ABSOLUTE,
    UNRESOLVED,
    Expr,
    find_expressions,
    has_future_marker,
    is_duration,
    parse_iso,
    resolve,
    resolve_date,
)
from .expressions import (
    _names as _month_weekday_names,
)
from .reference import Evidence, infer_reference

_CAPTION = re.compile(
    r"\((?:Photo|Image|Picture|File)\b|\b(?:Photo|Image|Picture)s?(?:\s+by|\s*:|\s*/)"
    r"|\bGetty Images\b|\bfile (?:photo|picture|image)\b|\b(?:AFP|Reuters|AP) Photo\b",
    re.IGNORECASE,
)
_FILE_PHOTO = re.compile(
    r"\b(?:file|archive|undated|stock) (?:photo|picture|image)\b|\bin this file\b", re.IGNORECASE
)
_SENT_BREAK = re.compile(r"\n+|(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
#: a caption is a short paragraph; longer lines are checked sentence by sentence
_CAPTION_MAX = 600
_YEAR_ONLY = re.compile(r"(?:the\s+)?((?:1[89]|20)\d\d)(?:'s)?")
#: a spaCy DATE that no pattern matched is kept (unresolved) only if it has a time word
_TIME_WORD = re.compile(
    r"\b(?:\d{2,4}s|day|week|weekend|month|year|decade|century|quarter|morning|night"
    r"|spring|summer|autumn|fall|winter|ago|era|(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)
_NOT_DATE = re.compile(
    r"^(?:the |a |an |this |that |those |these |recent |several |many |few |some )?"
    r"(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies)|season|weekend|daily|weekly"
    r"|monthly|annual(?:ly)?|yearly)$|\bage\b|\bold\b|\b(?:teens|twenties|thirties|forties"
    r"|fifties|sixties|seventies|eighties|nineties)\b|season",
    re.IGNORECASE,
)


def _names_in(text: str) -> bool:
    names = _month_weekday_names()
    return any(w.strip(".,'’s") in names for w in text.split())


def dates_in_span(doc: Document, start: int, end: int) -> list[DateMention]:
    """The date mentions of ``doc`` that lie inside ``[start, end)`` (run the time stage first)."""
    return [m for m in doc.dates if m.start >= start and m.end <= end]


class _Sentences:
    """Sentence lookup by character offset: the spaCy parse, else lines."""

    def __init__(self, doc: Document):
        self.text = doc.text
        sdoc = doc.user_data.get("spacy")
        spans: list[tuple[int, int]] = []
        if sdoc is not None and len(sdoc):
            try:
                spans = [(s.start_char, s.end_char) for s in sdoc.sents]
            except ValueError:  # no sentence boundaries set
                spans = []
        if not spans:  # no parse: lines cut after sentence-final punctuation
            pos = 0
            for m in _SENT_BREAK.finditer(self.text):
                spans.append((pos, m.start()))
                pos = m.end()
            spans.append((pos, len(self.text)))
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def around(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.spans[i]


def _line(text: str, offset: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, offset) + 1
    e = text.find("\n", offset)
    return s, len(text) if e == -1 else e


def _is_header(text: str, e: Expr) -> bool:
    """A date on a short site-furniture line near the top ("Site name Saturday, June 03, 2023")."""
    if e.kind != ABSOLUTE or e.day is None or e.start > 400:
        return False
    s, t = _line(text, e.start)
    if text[:s].count("\n") > 4:
        return False
    rest = (text[s : e.start] + " " + text[e.end : t]).strip()
    return len(rest.split()) <= 6 and not rest.endswith((".", "?", "!", '"', "”"))


def _spacy_extras(doc: Document, taken: list[Expr]) -> list[Expr]:
    """spaCy DATE entities that no pattern matched: bare years, or unresolved (not durations)."""
    sdoc = doc.user_data.get("spacy")
    if sdoc is None:
        return []
    starts = [e.start for e in taken]
    out: list[Expr] = []
    for ent in sdoc.ents:
        if ent.label_ != "DATE":
            continue
        s, t = ent.start_char, ent.end_char
        i = bisect.bisect_right(starts, t) - 1
        if i >= 0 and taken[i].end > s:
            continue  # overlaps a pattern match
        text = ent.text
        low = text.lower()
        if _NOT_DATE.search(text) or (is_duration(text) and "ago" not in low):
            continue
        m = _YEAR_ONLY.fullmatch(text)
        if m:
            y0 = s + m.start(1)
            out.append(Expr(y0, y0 + 4, m.group(1), ABSOLUTE, year=int(m.group(1))))
        elif _TIME_WORD.search(text) and not _names_in(text):
            # month or weekday names that the patterns rejected ("Easter Sunday") stay out
            out.append(Expr(s, t, text, UNRESOLVED))
    return out


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
_FUTURE_HEADS = frozenset({"schedule", "plan", "expect", "due", "set", "intend", "prepare"})
_FUTURE_MODS = frozenset({"next", "upcoming", "coming", "forthcoming"})


def _is_future(doc: Document, text: str, e: Expr, sents: _Sentences) -> bool:
    """Whether the clause that governs ``e`` speaks of the future ("will be held on June 2").

    With the spaCy parse: the verb above the expression has "will"/"shall", is scheduled,
    planned or expected, or is "to be" + participle ("is to be held"). Without it: the
    sentence has a future marker.
    """
    sdoc = doc.user_data.get("spacy")
    span = None
    if sdoc is not None and len(sdoc):
        span = sdoc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        s0, s1 = sents.around(e.start)
        return has_future_marker(text[s0 : e.start] + " " + text[e.end : max(s1, e.end)])
    if any(t.lower_ in _FUTURE_MODS for t in span):
        return True
    tok = span.root
    for _ in range(6):  # up to the governing verb
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    for verb in (tok, tok.head):
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if verb.lemma_.lower() in _FUTURE_HEADS:
            return True
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
                return True
        if (
            verb.tag_ == "VBN"
            and verb.head.lemma_ == "be"
            and {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} >= {"to", "be"}
        ):
            return True  # "is to be held on May 12"
        if verb.head is verb:
            break
    return False


class TimeStage(Stage):
    """Assigns ``doc.reference_date`` and ``doc.dates`` (see the module docstring)."""

    name = "time"
    requires = frozenset({"doc.sentences"})
    assigns = frozenset({"doc.reference_date", "doc.dates"})

    def __init__(self, use_spacy_dates: bool = True) -> None:
        self.use_spacy_dates = use_spacy_dates

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        exprs = find_expressions(text)
        if self.use_spacy_dates:
            exprs = sorted(exprs + _spacy_extras(doc, exprs), key=lambda e: e.start)
        sents = _Sentences(doc)
        published = parse_iso(doc.published)
        header_dates = []
        kept: list[tuple[Expr, bool]] = []
        evidence: list[Evidence] = []
        captions: dict[int, tuple[bool, bool]] = {}
        for e in exprs:
            section = doc.section_at(e.start)
            header = _is_header(text, e)
            if section == "boilerplate" or header:
                if e.kind == ABSOLUTE and e.day is not None:
                    header_dates.append(resolve(e, None))
                if section == "boilerplate":
                    continue
            future = _is_future(doc, text, e, sents)
            kept.append((e, future))
            if header:
                continue
            l0, l1 = _line(text, e.start)
            if l1 - l0 > _CAPTION_MAX:  # a long line: look at the sentence
                l0, l1 = sents.around(e.start)
            if l0 not in captions:
                para = text[l0:l1]
                is_cap = section == "caption" or bool(_CAPTION.search(para))
                captions[l0] = (is_cap, is_cap and bool(_FILE_PHOTO.search(para)))
            caption, file_photo = captions[l0]
            evidence.append(
                Evidence(e, "caption" if caption else section, future=future, file_photo=file_photo)
            )
        bound = published
        if bound is None and header_dates:
            bound = max(parse_iso(h) for h in header_dates if h)  # type: ignore[type-var]
        given = parse_iso(doc.reference_date)
        if given is not None:  # the input states it: keep it
            self._resolve_all(doc, kept, given)
            return doc
        ref, reason = infer_reference(evidence, bound)
        doc.reference_date = ref.isoformat() if ref else None
        if ref is not None and published is not None and ref != published:
            doc.warnings.append(
                f"reference date {doc.reference_date} inferred from the text; "
                f"published {doc.published}"
            )
        elif ref is not None and published is None and bound is not None:
            if reason == "published":
                doc.warnings.append(
                    f"reference date {doc.reference_date} taken from a date line at the top"
                )
            else:
                doc.warnings.append(
                    f"reference date {doc.reference_date} inferred from the text; "
                    f"date line {bound.isoformat()}"
                )
        self._resolve_all(doc, kept, ref)
        return doc

    @staticmethod
    def _resolve_all(doc: Document, kept: list[tuple[Expr, bool]], ref: date | None) -> None:
        doc.dates = [
            DateMention(e.text, e.start, e.end, resolve(e, ref, future)) for e, future in kept
        ]

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def reference_date(doc: Document) -> str | None:
    """The reference date of ``doc`` (after the time stage), else its published date."""
    return doc.reference_date or doc.published


__all__ = ["TimeStage", "dates_in_span", "reference_date", "resolve_date"]
