"""The quantities stage: counts of people (and of the weapons, vehicles and buildings) a report gives.

``QuantityStage`` walks the spaCy tokens of body, caption and headline sentences. A count starts
at a number ("1,300", "six", "two hundred") or a vague quantifier ("dozens", "scores of", "a
dozen"), takes the modifiers before it ("at least", "about", "between") and the range after it
("2,000-3,000"), and is kept when its head noun is a unit that matters (data/units.txt: fighters,
troops, civilians, servicemen, demonyms such as "Afghans", ...) or when it is the bare object or
subject of a casualty verb ("killed six", "six were wounded": unit ``people``). Years, dates,
money, percentages, ordinals and ages are skipped. ``actor`` is the actor whose mention lies in
the count's noun phrase ("13 US servicemen" -> the US actor).

:func:`parse_count` turns a count phrase into ``(value, low, high)`` for the events stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document, Quantity
from ..pipeline import Stage
from .count import Count, count_verbs, numbers, parse_count, unit_lemmas

#: entity labels whose numbers are not counts of people
_SKIP_LABELS = frozenset({"TIME", "MONEY", "PERCENT", "ORDINAL"})
#: spaCy DATE entities are skipped when they look like dates; it also labels counts
#: ("between 10 and 20") as DATE
_DATE_LIKE = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:day|week|month|year|decade|century|ago|today|yesterday"
    r"|tomorrow|morning|night|[A-Z][a-z]+day|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
    re.IGNORECASE,
)
#: words that start a count although spaCy's like_num does not flag them
_VAGUE_HEADS = frozenset(
    {
        "dozen",
        "dozens",
        "scores",
        "score",
        "hundreds",
        "thousands",
        "millions",
        "tens",
        "several",
        "handful",
        "couple",
        "few",
    }
)
_NEEDS_A = frozenset({"handful", "couple", "few", "score"})
#: numbers that take "a"/"an": "a dozen", "a few", "a hundred", "nearly a thousand"
_A_WORDS = frozenset(
    {"dozen", "score", "few", "handful", "couple", "hundred", "thousand", "million", "billion"}
)
#: actor types whose name after a number counts members ("killed 30 Taliban")
_MEMBER_TYPES = frozenset(
    {
        "rebel_group",
        "state_force",
        "identity_group",
        "civilians",
        "political_party",
        "state",
        "other",
    }
)
#: nouns for people in general: "wounded 30 others"
_PEOPLE_WORDS = frozenset({"other", "others"})
_CONNECT = frozenset({"-", "–", "—", "to", "and", "or"})
_AFTER_SKIP = frozenset({"%", "percent", "per", "th", "st", "nd", "rd", "p.m.", "a.m.", "pm", "am"})
_RUN_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_CASUALTY_AFTER = frozenset({"kill", "dead", "wound", "injure", "die", "hurt", "missing"})


def _is_numeric(tok: Any) -> bool:
    low = tok.lower_
    if low in _VAGUE_HEADS:
        return True
    if tok.like_num and tok.pos_ != "PRON":
        return not any(c.isalpha() for c in low) or low.isalpha()
    return False


def _modifier_start(tokens: Any, i: int, floor: int) -> int:
    """Index of the first token of the modifier before ``tokens[i]`` (``i`` when none)."""
    lex = numbers()
    mods = {
        *lex["lower"],
        *lex["upper"],
        *lex["near"],
        *lex["approx"],
        "between",
        "a",
        "an",
        "half a",
        "tens of",
        "hundreds of",
    }
    best = i
    for k in range(1, 5):
        s = i - k
        if s < floor:
            break
        words = " ".join(t.lower_ for t in tokens[s:i])
        if words in mods:
            if words.split()[-1] in ("a", "an") and tokens[i].lower_ not in _A_WORDS:
                continue  # "a 5,000-strong force": the article belongs to the noun
            best = s
    return best


def _np_head(tokens: Any, k: int, end: int) -> Any | None:
    """The head noun of the noun-phrase run starting at ``tokens[k]`` (skipping "of the")."""
    if k < end and tokens[k].lower_ == "of":
        k += 1
        while (k < end and tokens[k].pos_ in ("DET", "PRON")) or (
            k < end and tokens[k].tag_ == "PRP$"
        ):
            k += 1
    last = None
    n = 0
    while k < end and n < 6:
        t = tokens[k]
        if t.pos_ in _RUN_POS or (t.tag_ in ("VBN", "VBG") and t.dep_ in ("amod", "compound")):
            if t.pos_ in ("NOUN", "PROPN"):
                last = t
        elif t.text in ("-", "–") and last is None:
            pass
        else:
            break
        k += 1
        n += 1
    return last


def _singular(word: str) -> str:
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _unit_name(tok: Any) -> str | None:
    lemmas = unit_lemmas()
    lemma = tok.lemma_.lower()
    if lemma not in lemmas and tok.pos_ in ("NOUN", "PROPN") and _singular(lemma) in lemmas:
        lemma = _singular(lemma)
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and f"{prev.lemma_.lower()} {lemma}" in lemmas:
        return f"{prev.lemma_.lower()} {lemma}"
    if lemma in lemmas or tok.lower_ in lemmas:
        return lemma if lemma in lemmas else tok.lower_
    if tok.ent_type_ == "NORP" and tok.text[:1].isupper():
        text = tok.text
        if text.endswith(("ans", "is", "ers", "ese", "ites", "ots", "ks")) and text.endswith("s"):
            text = text[:-1]
        return text
    return None


class QuantityStage(Stage):
    """Assigns ``doc.quantities`` (see the module docstring)."""

    name = "quantities"
    requires = frozenset({"doc.actors"})
    assigns = frozenset({"doc.quantities"})

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.user_data.get("spacy")
        doc.quantities = []
        if sdoc is None or not len(sdoc):
            return doc
        skip: set[int] = set()
        for ent in sdoc.ents:
            if ent.label_ in _SKIP_LABELS or (ent.label_ == "DATE" and _DATE_LIKE.search(ent.text)):
                skip.update(range(ent.start, ent.end))
        date_spans = [(m.start, m.end) for m in doc.dates]
        mentions = [(m.start, m.end, a.id) for a in doc.actors for m in a.mentions]
        groups = [
            (m.start, m.end) for a in doc.actors if a.type in _MEMBER_TYPES for m in a.mentions
        ]
        for sent in sdoc.sents:
            if doc.section_at(sent.start_char) == "boilerplate":
                continue
            self._sentence(doc, sdoc, sent, skip, date_spans, mentions, groups)
        return doc

    def _sentence(
        self,
        doc: Document,
        sdoc: Any,
        sent: Any,
        skip: set[int],
        date_spans: list[tuple[int, int]],
        mentions: list[tuple[int, int, str]],
        groups: list[tuple[int, int]],
    ) -> None:
        i, end = sent.start, sent.end
        while i < end:
            tok = sdoc[i]
            if not _is_numeric(tok) or i in skip:
                i += 1
                continue
            j = i
            while j + 1 < end:
                nxt = sdoc[j + 1]
                if _is_numeric(nxt) and j + 1 not in skip:
                    j += 1
                elif (
                    nxt.lower_ in _CONNECT
                    and j + 2 < end
                    and _is_numeric(sdoc[j + 2])
                    and j + 2 not in skip
                ) or (
                    nxt.lower_ == "of"
                    and j + 2 < end
                    and sdoc[j + 2].lower_ in ("thousands", "millions", "hundreds")
                ):
                    j += 2
                else:
                    break
            s = _modifier_start(sdoc, i, sent.start)
            found = self._count(doc, sdoc, s, i, j, end, date_spans, mentions, groups)
            i = max(j + 1, found)

    def _count(
        self,
        doc: Document,
        sdoc: Any,
        s: int,
        i: int,
        j: int,
        end: int,
        date_spans: list[tuple[int, int]],
        mentions: list[tuple[int, int, str]],
        groups: list[tuple[int, int]],
    ) -> int:
        """Add the count tokens[s..j] if it is one; returns the index to go on from."""
        first, q = sdoc[i], sdoc[j]
        c0, c1 = sdoc[s].idx, q.idx + len(q.text)
        if any(a < c1 and c0 < b for a, b in date_spans):
            return j + 1
        low = first.lower_
        if low in _NEEDS_A and (i == 0 or sdoc[i - 1].lower_ not in ("a", "an")):
            return j + 1
        after = sdoc[j + 1] if j + 1 < end else None
        if after is not None and (
            after.lower_ in _AFTER_SKIP
            or (after.text in ("-", "–") and j + 2 < end and sdoc[j + 2].pos_ == "NOUN")
        ):
            return j + 1  # "18-month", "six-year-old", "13 %"
        phrase = doc.text[c0:c1]
        count = parse_count(phrase) or parse_count(doc.text[first.idx : c1])
        if count is None:
            return j + 1
        unit_tok = None
        if (
            q.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
            and j < q.head.i <= min(j + 6, end - 1)
            and q.head.pos_ in ("NOUN", "PROPN")
        ):
            unit_tok = q.head
        if unit_tok is None or _unit_name(unit_tok) is None:
            cand = _np_head(sdoc, j + 1, end)
            if cand is not None and _unit_name(cand) is not None:
                unit_tok = cand
        if unit_tok is None or _unit_name(unit_tok) is None:
            nxt = sdoc[j + 1] if j + 1 < end else None
            if (nxt is not None and nxt.lower_ in _PEOPLE_WORDS) or (
                nxt is not None and nxt.pos_ == "PROPN" and self._member_of(nxt, groups)
            ):
                unit_tok = nxt
        unit = None
        if unit_tok is not None:
            unit = _unit_name(unit_tok)
            if unit is None and unit_tok.lower_ in _PEOPLE_WORDS:
                unit = "people"
            elif unit is None and self._member_of(unit_tok, groups):
                unit = unit_tok.text
        if unit_tok is not None and unit_tok.i + 1 < end and sdoc[unit_tok.i + 1].text == "-":
            unit = None  # "several Republican-led states": the noun modifies another one
        if unit is None:
            unit_tok = None
            if low == "one" and i == j:
                return j + 1
            if self._after_toll(sdoc, i, sdoc[s].sent.start):
                unit = "death"  # "the death toll rose to 52"
            elif self._casualty(q, after):
                unit = "people"
            else:
                return j + 1
        elif low == "one" and i == j and unit_tok is not None and unit_tok.i != j + 1:
            return j + 1
        t1 = unit_tok.idx + len(unit_tok.text) if unit_tok is not None else c1
        actor = self._actor(sdoc, c0, t1, unit_tok, mentions)
        value, lo, hi = count
        doc.quantities.append(
            Quantity(
                text=doc.text[c0:t1],
                evidence=doc.evidence(c0, t1),
                value=value,
                low=lo,
                high=hi,
                unit=unit,
                actor=actor,
            )
        )
        return unit_tok.i + 1 if unit_tok is not None else j + 1

    @staticmethod
    def _member_of(tok: Any, groups: list[tuple[int, int]]) -> bool:
        """Whether ``tok`` lies in the mention of a group actor ("30 Taliban", "15 Houthis")."""
        return any(a <= tok.idx and tok.idx + len(tok.text) <= b for a, b in groups)

    @staticmethod
    def _after_toll(sdoc: Any, i: int, floor: int) -> bool:
        """Whether a count follows "death toll" / "casualty toll" closely ("rose to 52")."""
        for k in range(max(floor, i - 8), i):
            if sdoc[k].lemma_.lower() == "toll":
                return all(not _is_numeric(sdoc[x]) for x in range(k + 1, i))
        return False

    @staticmethod
    def _casualty(q: Any, after: Any | None) -> bool:
        verbs = count_verbs()
        if q.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "conj") and q.head.lemma_ in verbs:
            return True
        return after is not None and after.lemma_.lower() in _CASUALTY_AFTER

    @staticmethod
    def _actor(
        sdoc: Any, c0: int, c1: int, unit_tok: Any | None, mentions: list[tuple[int, int, str]]
    ) -> str | None:
        if not mentions:
            return None
        spans = [(c0, c1)]
        if unit_tok is not None:
            for child in unit_tok.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from", "with", "loyal"):
                    sub = list(child.subtree)
                    if len(sub) <= 8:
                        spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
                elif child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < unit_tok.i:
                    sub = list(child.subtree)
                    spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
        for a, b in spans:
            for ms, me, aid in mentions:
                if ms < b and a < me:
                    return aid
        return None

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


__all__ = ["Count", "QuantityStage", "parse_count"]
