"""Event detection, typing and arguments over the spaCy parse.

One pass per sentence (never in ``boilerplate``): trigger lemmas from ``data/triggers.json``
(verbs, event nouns, particle verbs) propose events; a fatal verb linked to an attack ("an attack
that killed six") becomes that attack's fatalities instead of a second event; what remains is one
event per trigger, so "clashes and arrests" give two. Each event is typed (fixed ACLED sub-type,
explosive cues in the trigger's own phrase, or the sub-type classifier limited to the trigger's
family), given actor1/actor2 from its subject/object/agent/possessor, the most specific place and
the date in its clause or sentence, fatalities, and a certainty from modals, claims and cues.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..document import Claim, Document, Event, Evidence, content_id
from ..quantities.count import parse_count as parse_quantity
from .classifier import codebook, cue_by_subtype, subtype_type, vote
from .coref import VIOLENT_TYPES, attach_responsibility, merge_repeated

DATA = Path(__file__).parent / "data"

#: Sub-types whose cue in the trigger's own phrase decides the type (most specific first).
EXPLOSIVE_ORDER = [
    "Chemical weapon",
    "Suicide bomb",
    "Grenade",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack",
    "Sexual violence",
]
#: Sub-types the classifier may pick for a trigger only when their own cue is in the sentence.
CUE_REQUIRED = frozenset(
    [
        "Chemical weapon",
        "Suicide bomb",
        "Grenade",
        "Sexual violence",
        "Mob violence",
        "Abduction/forced disappearance",
    ]
)
PLACE_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "thousand": 1000,
}  # fmt: skip
PRONOUNS = {"it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "we"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The trigger lexicon (data/triggers.json), loaded once."""
    return json.loads((DATA / "triggers.json").read_text("utf-8"))  # type: ignore[no-any-return]


@dataclass
class Candidate:
    """A trigger found in a sentence, before it becomes an :class:`Event`."""

    token: Any  # spaCy Token (the trigger head)
    spec: dict[str, Any]
    text: str
    pos: str  # "verb" | "noun"
    fatal_links: list[Any] = field(default_factory=list)  # merged fatal verbs/nouns
    dropped: bool = False
    seg: Any = None  # the sentence segment (spaCy Span) it was found in
    by_classifier: bool = (
        False  # its ACLED sub-type came from the classifier (the vote may move it)
    )


# -- sentence filters ------------------------------------------------------------------------


def parse_is_bad(sent: Any) -> bool:
    """ALL CAPS, tables, lists, fragments: spaCy's parse of these is not to be trusted."""
    text = sent.text.strip()
    n_letters = len(_NON_LETTER.sub("", text))
    if n_letters < 12 or len(sent) < 4 or len(sent) > 140:
        return True
    if len(_NON_UPPER.sub("", text)) / n_letters > 0.6:
        return True
    if "|" in text or "\t" in text or text.count("\n") >= 2:
        return True
    if len(_NON_DIGIT.sub("", text)) / max(1, len(text)) > 0.25:
        return True
    if not any(t.pos_ in ("VERB", "AUX") for t in sent) and len(sent) < 5:
        return True  # verbless headlines ("Violent clashes in Aleppo") keep their noun triggers
    return text[:1] in {"•", "*", "-", "–", "·"} and len(sent) < 12


_NON_LETTER = re.compile(r"[^A-Za-z\u00c0-\u024f]")
_NON_UPPER = re.compile(r"[^A-Z\u00c0-\u00de]")
_NON_DIGIT = re.compile(r"[^0-9]")


@lru_cache(maxsize=8)
def _words_re(name: str) -> re.Pattern[str]:
    """The lexicon's word list ``name`` as one whole-word, case-insensitive pattern (longest
    words first)."""
    words = sorted(lexicon()[name], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _chemical_re() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lexicon()['chemical_agents']})\b", re.IGNORECASE)


def _chemical(text: str) -> bool:
    """A chemical agent named in the text (``chemical_agents``; tear gas is none)."""
    return _chemical_re().search(text) is not None


def skip_context(sent: Any) -> bool:
    """Sports, films, medical "attacks": no violent event is honestly there. A word that is
    sport only in company ("team", "match") needs a second one: "an investigation team" is no
    sports page."""
    if _words_re("skip_context").search(sent.text) is not None:
        return True
    weak = {m.group(0).lower() for m in _words_re("skip_context_weak").finditer(sent.text)}
    return len(weak) >= 2


_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def verb_lemma(tok: Any) -> str:
    """The verb's lemma, corrected where spaCy's small lemmatizer misses a trigger ("raped" ->
    "rap", "retook" left as is): the surface form's irregular (``irregular_verbs``) or regular
    base, when that is a trigger verb and the lemma is not."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    if lemma in lex["verbs"] or lemma in lex["particle_verbs"]:
        return lemma
    known = lex["verbs"].keys() | {k.split()[0] for k in lex["particle_verbs"]}
    word = tok.lower_
    irregular = lex.get("irregular_verbs", {}).get(word)
    if irregular:
        return str(irregular)
    for suf, rep in _SUFFIXES:
        if word.endswith(suf) and len(word) > len(suf) + 2:
            base = word[: -len(suf)] + rep
            if base in known:
                return base
            if rep == "" and base[-1] == base[-2] and base[:-1] in known:
                return base[:-1]  # "shelled" -> "shell" is above; "gunned" -> "gun"
    return lemma


def segments(sdoc: Any) -> list[Any]:
    """spaCy's sentences, cut again at blank lines (the small model runs a caption or a
    heading into the next paragraph)."""
    out = []
    for sent in sdoc.sents:
        text = sent.text
        start = 0
        for m in re.finditer(r"\n\s*\n", text):
            out.append((sent.start_char + start, sent.start_char + m.start()))
            start = m.end()
        out.append((sent.start_char + start, sent.end_char))
    spans = []
    for s0, s1 in out:
        span = sdoc.char_span(s0, s1, alignment_mode="contract")
        if span is not None and len(span) and span.text.strip():
            spans.append(span)
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text's paragraphs (blocks between blank lines), whitespace trimmed."""
    out = []
    start = 0
    for m in [*re.finditer(r"\n\s*\n", text), None]:
        end = m.start() if m is not None else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, start + len(chunk.rstrip())))
        if m is not None:
            start = m.end()
    return out


# -- trigger finding ---------------------------------------------------------------------------


def _has_object(tok: Any) -> bool:
    if any(c.dep_ == "conj" and c.pos_ == "VERB" and _has_object(c) for c in tok.children):
        return True  # "eliminating and capturing the fighters"
    return any(
        c.dep_ in ("dobj", "obj", "attr", "ccomp", "xcomp", "nsubjpass") for c in tok.children
    ) or any(c.dep_ == "prep" for c in tok.children)


def _has_modifier(tok: Any) -> bool:
    deps = {"amod", "compound", "prep", "relcl", "acl", "nummod", "poss", "nmod"}
    return any(c.dep_ in deps for c in tok.children) or tok.dep_ in ("dobj", "pobj", "nsubj")


@lru_cache(maxsize=1)
def _weapon_re() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lexicon()['weapon_re']})\b", re.IGNORECASE)


def _weapon_near(tok: Any) -> bool:
    """A weapon named in the trigger's own arguments (subject, object, "with"/"by" phrase,
    compound or adjective): "fired 6 missiles", "mortar rounds landed", "sexual violence"."""
    toks = [tok]
    for ch in tok.children:
        if ch.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "amod", "compound") or (
            ch.dep_ in ("prep", "agent") and ch.lower_ in ("with", "by")
        ):
            toks.extend(ch.subtree)
    text = " ".join(t.text for t in toks)
    if _weapon_re().search(text):
        return True
    return bool(cue_by_subtype()["Sexual violence"].search(text))


def _disaster_cause(tok: Any) -> bool:
    """The deaths were caused by an accident, a disaster or a disease (subject, agent, or the
    noun a relative clause hangs on)."""
    nouns = lexicon()["disaster_nouns"]
    causes = [_child(tok, "nsubj"), _prep_obj(tok, ("by", "in"))]
    if tok.dep_ in ("relcl", "acl"):
        causes.append(tok.head)
    return any(x is not None and x.lemma_.lower() in nouns for x in causes)


def _protest_words(text: str) -> bool:
    """The sentence is about a protest (protest, demonstration, rally, march, sit-in)."""
    return (
        re.search(
            r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march(?:es|ers)?|sit-ins?)\b",
            text,
            re.IGNORECASE,
        )
        is not None
    )


def _protest_context(sent: Any) -> bool:
    """A rally or march is a protest only where the sentence says what against or for."""
    return re.search(rf"(?:{lexicon()['protest_context']})", sent.text, re.IGNORECASE) is not None


def _protesters_act(tok: Any) -> bool:
    """The verb's subject is protesters ("protesters threw", "hundreds of demonstrators gathered")."""
    nouns = lexicon()["protester_nouns"]
    for c in tok.children:
        if c.dep_ != "nsubj":
            continue
        if c.lemma_.lower() in nouns:
            return True
        of = _prep_obj(c, ("of",))
        if of is not None and of.lemma_.lower() in nouns:
            return True
    return False


def find_candidates(sent: Any) -> list[Candidate]:
    """Trigger tokens of one sentence."""
    lex = lexicon()
    out: list[Candidate] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        spec: dict[str, Any] | None = None
        text = tok.text
        verbal_adj = (  # spaCy's small model tags some past forms ADJ: "... and torched cars"
            tok.pos_ == "ADJ"
            and tok.lower_.endswith("ed")
            and tok.dep_ in ("ROOT", "conj", "acomp")
            and any(c.dep_ in ("dobj", "obj", "agent", "prep") for c in tok.children)
        )
        if tok.pos_ == "VERB" or verbal_adj:
            lemma = verb_lemma(tok)
        if (
            tok.pos_ == "VERB"
            or verbal_adj
            or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do"))
        ):
            parts = [c for c in tok.children if c.dep_ == "prt"]
            if parts:
                key = f"{lemma} {parts[0].lower_}"
                spec = lex["particle_verbs"].get(key)
                if spec:
                    text = f"{tok.text} {parts[0].text}"
            if lemma == "open" and any(c.lower_ == "fire" for c in tok.children):
                spec, text = lex["particle_verbs"]["open fire"], f"{tok.text} fire"
            if spec is None:
                spec = lex["verbs"].get(lemma)
                if spec and spec.get("needs_particle"):
                    spec = None
            if spec is None and lemma in lex["particle_verbs"]:
                p = lex["particle_verbs"][lemma]
                if p.get("needs_particle") and any(
                    c.dep_ in ("prt", "prep") and c.lower_ == p["needs_particle"]
                    for c in tok.children
                ):
                    spec, text = p, f"{tok.text} {p['needs_particle']}"
            if (
                spec is None
                and lemma in lex["control_verbs"]
                and any(
                    c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "control"
                    for c in tok.children
                )
            ):
                spec, text = {"plover": "ASSAULT", "acled": "territory"}, f"{tok.text} control"
            if (spec is None or spec.get("needs_weapon")) and _protesters_act(tok):
                # whatever protesters do ("threw stones", "gathered") is the protest
                spec = {"plover": "PROTEST", "acled": "classify", "family": "protest"}
            if spec is None:
                continue
            if spec.get("fatal") and _disaster_cause(tok):
                continue  # "a crash that killed 346", "floods killed 20": not political violence
            if spec.get("needs_weapon") and (
                not _weapon_near(tok)
                or any(
                    ch.dep_ in ("dobj", "obj") and ch.lemma_.lower() in lex["nouns"]
                    for ch in tok.children
                )
            ):
                continue  # "launched a suicide bomb attack": the attack is the event
            if tok.dep_ == "amod" or (tok.tag_ == "VBG" and tok.dep_ in ("amod", "compound")):
                continue  # "the killing fields", "a fighting force"
            if spec.get("needs_object") and not _has_object(tok):
                continue
            if spec.get("no_object") and any(
                c.dep_ in ("dobj", "obj", "ccomp") for c in tok.children
            ):
                continue  # "the case demonstrates the risks" is no demonstration
            if spec.get("needs_protest_context") and not _protest_context(sent):
                continue
            if spec.get("plover") == "REJECT" and any(
                ch.dep_ == "xcomp" and ch.lemma_.lower() in lex["refusal_noncontent"]
                for ch in tok.children
            ):
                continue  # "declined to comment" is no refusal of anything
            if spec.get("needs_object_or_with") and not _has_object(tok):
                continue
            if spec.get("needs_subject") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
            ):
                continue
            out.append(Candidate(tok, spec, text, "verb", seg=sent))
        elif tok.pos_ in ("NOUN", "PROPN") and tok.tag_ != "NNP":
            spec = lex["nouns"].get(lemma) or lex["nouns"].get(tok.lower_)  # "talks" -> "talk"
            if spec is None:
                continue
            if spec.get("needs_modifier") and not _has_modifier(tok):
                continue
            if spec.get("needs_weapon") and not _weapon_near(tok):
                continue
            if spec.get("needs_protest_context") and not _protest_context(sent):
                continue
            if lemma == "strike" and not any(
                c.lower_ in ("air", "drone", "missile", "rocket", "military", "aerial")
                for c in tok.children
            ):
                continue
            if (
                tok.dep_ == "compound"
                and tok.head.pos_ == "NOUN"
                and tok.head.lemma_.lower() not in lex["compound_heads_ok"]
            ):
                continue  # "attack helicopters", "protest movement" (but "rape incidents")
            out.append(Candidate(tok, spec, text, "noun", seg=sent))
    return out


def _path_up(tok: Any, limit: int = 4) -> list[Any]:
    chain = []
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        chain.append(cur)
    return chain


def merge_fatal(cands: list[Candidate]) -> None:
    """A fatal trigger linked to another violent trigger becomes that event's fatalities."""
    for c in cands:
        if not c.spec.get("fatal") or c.dropped:
            continue
        for other in cands:
            if other is c or other.dropped or other.spec.get("fatal"):
                continue
            if other.spec.get("plover") != "ASSAULT":
                continue
            linked = other.token in _path_up(c.token, 3) or c.token in _path_up(other.token, 2)
            if linked and c.token.dep_ != "conj" and other.token.dep_ != "conj":
                other.fatal_links.append(c.token)
                c.dropped = True
                break


# -- arguments ---------------------------------------------------------------------------------


def _actor_index(doc: Document) -> list[tuple[int, int, str]]:
    key = "events.actor_index"
    idx = doc.user_data.get(key)
    if idx is None:
        idx = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions)
        doc.user_data[key] = idx
    return idx  # type: ignore[no-any-return]


def actor_in(doc: Document, start: int, end: int, head: Any = None) -> str | None:
    """The actor whose mention lies in [start, end); the one nearest the head token wins."""
    best: tuple[int, str] | None = None
    for s, e, aid in _actor_index(doc):
        if (s >= start and e <= end) or (s < end and e > start):
            d = 0 if head is None else min(abs(head.idx - s), abs(head.idx - e))
            if best is None or d < best[0]:
                best = (d, aid)
    return best[1] if best else None


def actor_of_token(doc: Document, tok: Any) -> str | None:
    """The actor a noun phrase (``tok``'s subtree) names; pronouns resolve to the nearest
    earlier actor mention in the sentence or the one before."""
    if tok is None:
        return None
    if tok.lower_ in PRONOUNS:
        sent = tok.sent
        start = sent.start_char
        prev = sent.doc[sent.start - 1].sent.start_char if sent.start > 0 else start
        cands = []
        for s, e, aid in _actor_index(doc):
            if prev <= s and e <= tok.idx:
                span = tok.doc.char_span(s, e, alignment_mode="expand")
                if span is not None and span.root.dep_ in (
                    "nsubj",
                    "nsubjpass",
                    "poss",
                    "compound",
                    "dobj",
                ):
                    cands.append((s, aid))
        return cands[-1][1] if cands else None
    left = tok.left_edge.idx
    right = tok.right_edge.idx + len(tok.right_edge)
    # Keep to the noun phrase itself: stop at a relative clause or a long prepositional tail.
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "appos") and c.i > tok.i:
            right = min(right, c.left_edge.idx)
    return actor_in(doc, left, right, tok)


def _child(tok: Any, *deps: str) -> Any:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _prep_obj(tok: Any, preps: tuple[str, ...]) -> Any:
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            p = _child(c, "pobj")
            if p is not None:
                return p
    return None


def _subject(tok: Any) -> Any:
    """The grammatical subject of a verb, climbing xcomp/conj/relcl chains."""
    cur = tok
    for _ in range(4):
        s = _child(cur, "nsubj")
        if s is not None:
            if s.lower_ in ("that", "which", "who") and cur.dep_ == "relcl":
                return cur.head
            return s
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return cur.head
        break
    return None


def arguments(doc: Document, c: Candidate) -> tuple[str | None, str | None]:
    """(actor1, actor2) for a candidate."""
    tok = c.token
    a1 = a2 = None
    if c.pos == "verb":
        agent = _prep_obj(tok, ("by",))
        passive = any(ch.dep_ in ("nsubjpass", "auxpass", "agent") for ch in tok.children)
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and tok.head.i != tok.i:
            a1 = actor_of_token(doc, agent)
            a2 = actor_of_token(doc, tok.head)
        elif passive:
            a1 = actor_of_token(doc, agent)
            a2 = actor_of_token(doc, _child(tok, "nsubjpass", "nsubj"))
        else:
            a1 = actor_of_token(doc, _subject(tok))
            obj = _child(tok, "dobj", "obj")
            if obj is None:
                conj = _child(tok, "conj")
                obj = _child(conj, "dobj", "obj") if conj is not None else None
            a2 = actor_of_token(doc, obj)
            if a2 is None:
                a2 = actor_of_token(doc, _prep_obj(tok, ("on", "against", "with", "at")))
    else:
        poss = _child(tok, "poss")
        a1 = actor_of_token(doc, poss)
        by = _prep_obj(tok, ("by", "from"))
        if a1 is None and by is not None:
            a1 = actor_of_token(doc, by)
        if (
            a1 is None
            and tok.dep_ in ("dobj", "obj")
            and tok.head.lemma_.lower() in lexicon()["support_verbs"]
        ):
            a1 = actor_of_token(doc, _subject(tok.head))
        if a1 is None:
            comp = [ch for ch in tok.children if ch.dep_ == "compound"]
            for ch in comp:
                a1 = actor_of_token(doc, ch)
                if a1:
                    break
        target = _prep_obj(tok, ("on", "against", "of", "with"))
        a2 = actor_of_token(doc, target)
    if a2 == a1:
        a2 = None
    return a1, a2


def clause_span(c: Candidate) -> tuple[int, int]:
    """Character span of the trigger's clause: its subtree, or its head's for a noun."""
    tok = c.token
    top = tok
    if (
        c.pos == "noun"
        and tok.head.i != tok.i
        and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "obj")
    ):
        top = tok.head if tok.dep_ != "pobj" else tok.head.head
    left = top.left_edge.idx
    right = top.right_edge.idx + len(top.right_edge)
    return left, right


def _modifier_use(sent: Any, start: int, end: int) -> bool:
    """A place name used as an adjective of a person or group ("US military officials")."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head.lemma_.lower()
        return head in lexicon()["people_nouns"] or head in (
            "official",
            "force",
            "military",
            "army",
            "government",
            "troop",
            "diplomat",
            "source",
            "leader",
            "minister",
            "citizen",
        )
    return root.dep_ == "poss"


def pick_place(
    doc: Document,
    sent: Any,
    span: tuple[int, int],
    others: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> str | None:
    """The most specific place mentioned in the clause, else in the sentence; a name used as
    an actor ("Russia accused Ukraine") or as a modifier ("US officials") is not a place."""
    for level, (s0, s1) in enumerate((span, (sent.start_char, sent.end_char))):
        best: tuple[int, int, str] | None = None
        for p in doc.places:
            for m in p.mentions:
                if (
                    m.start >= s0
                    and m.end <= s1
                    and not _modifier_use(sent, m.start, m.end)
                    and not any(a0 <= m.start < a1 for a0, a1, _ in _actor_index(doc))
                    and not (level and any(o0 <= m.start and m.end <= o1 for o0, o1 in others))
                ):
                    key = (PLACE_RANK.get(p.kind, 6), -m.start, p.id)
                    if best is None or key < best:
                        best = key
        if best:
            return best[2]
    return None


def pick_date(
    doc: Document,
    sent: Any,
    span: tuple[int, int],
    trig: int,
    others: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> tuple[str | None, str | None]:
    """(date, date_text): a resolved date in the clause, else in the sentence (nearest the
    trigger, and not inside another event's noun phrase: "a January 2008 attack"); else the
    document's reference month with no text."""
    for level, (s0, s1) in enumerate((span, (sent.start_char, sent.end_char))):
        found = [
            d
            for d in doc.dates
            if d.start >= s0
            and d.end <= s1
            and d.resolved
            and not (level and any(o0 <= d.start and d.end <= o1 for o0, o1 in others))
        ]
        if found:
            d = min(found, key=lambda x: abs(x.start - trig))
            return d.resolved, d.text
    if doc.reference_date:
        return doc.reference_date[:7], None
    return None, None


# -- fatalities --------------------------------------------------------------------------------


def parse_count(phrase: str) -> int | None:
    """An integer from "at least 13", "1,300", "six", "dozens of", "scores of": the quantities
    stage's :func:`~newsledger.quantities.count.parse_count`, so both stages agree. A vague
    count is coded conservatively, as ACLED does, by its documented lower bound ("dozens" 24,
    "scores" 40, "hundreds" 200, "several" 3); a range by its low end."""
    got = parse_quantity(phrase)
    if got is None:
        words = "|".join(NUMBER_WORDS)
        m = re.search(rf"\d[\d,]*(?:\.\d+)?|\b(?:{words})\b", phrase.lower())
        got = parse_quantity(m.group(0)) if m else None  # "13 people", "six civilians"
    if got is None:
        return None
    value, low, _high = got
    n = value if value is not None else low
    return None if n is None else int(n)


def _count_phrase(np_tok: Any) -> tuple[int | None, str | None]:
    """Count in a noun phrase: "at least 13 US servicemen" -> (13, "at least 13")."""
    if np_tok is None:
        return None, None
    if np_tok.like_num or np_tok.lower_ in lexicon()["vague_counts"]:
        toks = [t for t in np_tok.subtree if t.i <= np_tok.i]
        if np_tok.lower_ in ("scores", "dozens", "hundreds", "thousands") and np_tok.i + 1 < len(
            np_tok.doc
        ):
            nxt = np_tok.doc[np_tok.i + 1]
            if nxt.lower_ == "of":
                toks = [*toks, nxt]
        text = np_tok.doc[toks[0].i : toks[-1].i + 1].text
        return parse_count(text), text
    num = [c for c in np_tok.children if c.dep_ == "nummod" or (c.like_num and c.i < np_tok.i)]
    if num:
        n = num[0]
        toks = list(n.subtree)
        text = np_tok.doc[toks[0].i : toks[-1].i + 1].text
        return parse_count(text), text
    for c in np_tok.children:
        if c.dep_ in ("amod", "det") and c.lower_ in lexicon()["vague_counts"]:
            return parse_count(c.text), c.text
    return None, None


def fatalities(c: Candidate) -> tuple[int | None, str | None]:
    """Deaths reported by the candidate's fatal links (or by itself when it is fatal)."""
    toks = list(c.fatal_links)
    if c.pos == "verb" and (
        c.spec.get("fatal") or any(ch.lower_ == "dead" for ch in c.token.children)
    ):
        toks.append(c.token)  # "killed six", "shot dead three protesters"
    lex = lexicon()
    for t in toks:
        lemma = t.lemma_.lower()
        if lemma in ("wound", "injure"):
            continue
        victim = (
            _child(t, "nsubjpass")
            if any(ch.dep_ == "auxpass" for ch in t.children)
            else _child(t, "dobj", "obj")
        )
        n, text = _count_phrase(victim)
        if n is not None:
            return n, text
    # "... killing 6 civilians" as an adverbial participle of the trigger verb
    for t in c.token.children:
        if t.lemma_.lower() in ("kill", "leave") and t.dep_ in (
            "advcl",
            "xcomp",
            "conj",
            "relcl",
            "acl",
        ):
            n, text = _count_phrase(_child(t, "dobj", "obj"))
            if n is not None:
                return n, text
    # "13 people died", "left 5 dead", "a death toll of 20"
    for t in c.seg if c.seg is not None else c.token.sent:
        if t.lemma_.lower() in lex["die_verbs"]:
            n, text = _count_phrase(_child(t, "nsubj"))
            if n is not None:
                return n, text
        if (
            t.lemma_.lower() in ("dead", "death", "fatality", "toll")
            and c.spec.get("plover") == "ASSAULT"
        ):
            n, text = _count_phrase(t)
            if n is None and t.lemma_.lower() == "toll":
                n, text = _count_phrase(_prep_obj(t, ("of",)))
            if n is None and t.dep_ in ("oprd", "acomp", "amod", "attr"):
                n, text = _count_phrase(_child(t.head, "dobj", "nsubj"))
            if n is None and t.lemma_.lower() == "toll" and t.head.pos_ in ("VERB", "AUX"):
                # "the death toll rose to 21", "the toll reached 30"
                n, text = _count_phrase(
                    _prep_obj(t.head, ("to", "at")) or _child(t.head, "dobj", "attr")
                )
            if n is None and t.lemma_.lower() == "dead" and t.i > 0:
                prev = t.doc[t.i - 1]  # "two dead in an attack"
                if prev.like_num or prev.lower_ in lex["vague_counts"]:
                    n, text = _count_phrase(prev)
            if n is not None:
                return n, text
    return None, None


# -- certainty ---------------------------------------------------------------------------------


def _governors(tok: Any) -> list[Any]:
    return [tok, *_path_up(tok, 10)]


def certainty(
    doc: Document, c: Candidate, claims: list[Claim], sent: Any = None
) -> tuple[str, str | None, bool]:
    """(certainty, claim id, negated). Modal or planned -> hypothetical; inside a claim's
    content -> claimed (confirmed/denied by the claim's cue); own-voice cues otherwise."""
    lex = lexicon()
    tok = c.token
    negated = any(ch.dep_ == "neg" for ch in tok.children) or (
        c.pos == "noun" and any(ch.lower_ in ("no",) for ch in tok.children)
    )
    hypothetical = bool(c.spec.get("modal"))
    chain = _governors(tok)
    if sent is not None:  # stay inside the segment (spaCy may run a headline into the body)
        chain = [g for g in chain if sent.start <= g.i < sent.end]
    for g in chain[:4]:
        if any(ch.lower_ in lex["modals"] and ch.dep_ == "aux" for ch in g.children):
            hypothetical = True
        if any(ch.dep_ == "mark" and ch.lower_ in ("if", "unless", "whether") for ch in g.children):
            hypothetical = True
        if g.i != tok.i and g.lemma_.lower() in lex["hypothetical_governors"] and g.i < tok.i:
            hypothetical = True
        if g.dep_ == "ROOT":
            break
    if (
        c.pos == "verb"
        and tok.dep_ == "xcomp"
        and tok.head.lemma_.lower() in lex["hypothetical_governors"]
    ):
        hypothetical = True
    if c.pos == "verb" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in tok.children):
        hypothetical = True  # "to eliminate", "moving to deploy": an aim, not a deed
    if (
        c.pos == "verb"
        and tok.tag_ == "VBG"
        and tok.dep_ in ("csubj", "nsubj")
        and not any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in tok.children)
    ):  # "Shelling of the airport hit ..." (a noun-like gerund, "of") is a deed
        hypothetical = True  # "eliminating the group remains the key"
    for cl in claims:
        if (cl.cue or "").lower() in (tok.lemma_.lower(), tok.lower_):
            continue  # "Russia accused Ukraine ...": the accusation itself is reported
        if cl.content_start <= tok.idx < cl.content_end:
            cue = (cl.cue or "").lower()
            if cue in lex["deny_verbs"] or cue.startswith("den"):
                return "denied", cl.id, negated
            if hypothetical:
                return "hypothetical", cl.id, negated
            if cue in lex["confirm_verbs"]:
                return "confirmed", cl.id, negated
            return "claimed", cl.id, negated
    if hypothetical:
        return "hypothetical", None, negated
    # no claims stage record: the parse's own reporting verbs and hedges
    for g in chain[1:]:
        lemma = g.lemma_.lower()
        if g.pos_ not in ("VERB", "AUX"):
            continue
        if lemma in lex["deny_verbs"]:
            return "denied", None, negated
        if lemma in lex["confirm_verbs"]:
            return "confirmed", None, negated
        if lemma in lex["claim_verbs"]:
            return "claimed", None, negated
    seg = sent if sent is not None else tok.sent
    for t in seg:
        if t.i >= tok.i:
            break
        if t.lemma_.lower() in lex["claim_verbs"] and (
            t.pos_ == "VERB"
            or (t.lemma_.lower() in ("report", "claim") and t.dep_ in ("ROOT", "compound"))
        ):
            return "claimed", None, negated  # "Taliban report raid on ...", "Police say ..."
    sent_low = seg.text.lower()
    if (
        any(re.search(rf"\b{h}\b", sent_low) for h in lex["hedge_adverbs"])
        or "according to" in sent_low
    ):
        return "claimed", None, negated
    return "reported", None, negated


# -- typing ------------------------------------------------------------------------------------


def phrase_text(c: Candidate) -> str:
    """The trigger's own phrase: a noun's subtree, a verb with its object and modifiers."""
    tok = c.token
    if c.pos == "noun":
        toks = [t for t in tok.subtree if not (t.dep_ in ("relcl", "acl") and t.i > tok.i)]
        rel = [t for t in tok.children if t.dep_ in ("relcl", "acl") and t.i > tok.i]
        end = rel[0].left_edge.i if rel else toks[-1].i + 1
        return tok.doc[toks[0].i : max(end, tok.i + 1)].text
    parts = [tok.text]
    for ch in tok.children:
        if ch.dep_ in (
            "dobj",
            "obj",
            "nsubj",
            "nsubjpass",
            "prep",
            "agent",
            "advmod",
            "npadvmod",
            "compound",
        ):
            parts.append(ch.doc[ch.left_edge.i : ch.right_edge.i + 1].text)
    return " ".join(parts)


def _withdrawal(c: Candidate) -> str | None:
    """ACLED's non-violent transfer of territory: troops pulling out (of somewhere), not a
    company withdrawing a filing."""
    lex = lexicon()
    tok = c.token
    troops = lex["troop_nouns"]
    cands = [_object_head(c), _child(tok, "nsubj", "nsubjpass"), _prep_obj(tok, ("of",))]
    if c.pos == "noun":
        cands.append(_child(tok, "poss"))
        cands.extend(ch for ch in tok.children if ch.dep_ == "compound")
    if any(x is not None and x.lemma_.lower() in troops for x in cands):
        return "Non-violent transfer of territory"
    place = _prep_obj(tok, ("from",))
    if place is not None and (
        place.ent_type_ in ("GPE", "LOC", "FAC") or place.lemma_.lower() in lex["territory_nouns"]
    ):
        return "Non-violent transfer of territory"
    return None


def _object_head(c: Candidate) -> Any:
    """The object of a verb trigger (its conjunct's, or a passive subject), or a noun's "of" object."""
    tok = c.token
    if c.pos == "noun":
        return _prep_obj(tok, ("of",))
    obj = _child(tok, "dobj", "obj", "nsubjpass")
    if obj is None and any(ch.dep_ == "auxpass" for ch in tok.children):
        obj = _child(tok, "nsubj")
    if obj is None:
        conj = _child(tok, "conj")
        obj = _child(conj, "dobj", "obj") if conj is not None else None
    return obj


def explosive_cue(text: str) -> str | None:
    pats = cue_by_subtype()
    for sub in EXPLOSIVE_ORDER:
        if pats[sub].search(text):
            return sub
    return None


def _expand(allowed: list[str]) -> list[str]:
    """ACLED types and sub-types -> the sub-types they cover."""
    subs = codebook()["subtypes"]
    out: list[str] = []
    for a in allowed:
        if a in subs:
            out.append(a)
        else:
            out.extend(sub for sub, spec in subs.items() if spec["type"] == a)
    return list(dict.fromkeys(out))


def _cited_frame(tok: Any) -> bool:
    """An event noun cited as the frame of another act ("as part of a de-escalation deal",
    "under the ceasefire agreement", "in line with the accord"), not reported as news; the
    verb of a relative clause on such a noun ("a deal which it agreed with Iran") neither."""
    head = tok.head
    if tok.dep_ != "pobj":
        return False
    p = head.lower_
    if p in ("under", "per"):
        return True
    if p == "of" and head.head.lower_ == "part" and head.head.dep_ == "pobj":
        return head.head.head.lower_ in ("as", "in")
    return p == "with" and head.head.lower_ in ("line", "accordance", "compliance", "keeping")


def decide_subtype(
    c: Candidate, sent_text: str, classify: Any, families: dict[str, list[str]]
) -> tuple[str | None, float]:
    """(ACLED sub-type or None, typing confidence 0..1)."""
    acled = c.spec.get("acled")
    if acled is None:
        return None, 0.7
    if acled == "capture":
        obj = _object_head(c)
        lemma = obj.lemma_.lower() if obj is not None else ""
        lex = lexicon()
        if lemma in lex["people_nouns"] or (
            obj is not None and obj.ent_type_ in ("PERSON", "NORP")
        ):
            return "Arrests", 0.7
        if lemma in lex["weapon_nouns"]:
            return "Disrupted weapons use", 0.7
        if lemma in lex["territory_nouns"] or (
            obj is not None and obj.ent_type_ in ("GPE", "LOC", "FAC")
        ):
            sub = classify(
                sent_text, ["Non-state actor overtakes territory", "Government regains territory"]
            )
            return (sub[0] if sub else "Non-state actor overtakes territory"), 0.6
        return None, 0.4
    if acled == "release":  # ACLED: prisoner releases and exchanges are Agreements
        if re.search(rf"\b(?:{lexicon()['release_words']})\b", sent_text, re.IGNORECASE):
            return "Agreement", 0.7
        return None, 0.6
    if acled == "agree" and (
        _cited_frame(c.token) or (c.token.dep_ == "relcl" and _cited_frame(c.token.head))
    ):
        return None, 0.6  # "as part of a ceasefire deal": the deal is the frame, not news
    if acled == "agree":
        if re.search(rf"\b(?:{lexicon()['agreement_words']})\b", sent_text, re.IGNORECASE):
            return "Agreement", 0.7
        return None, 0.6
    if acled == "territory":
        sub = classify(
            sent_text, ["Non-state actor overtakes territory", "Government regains territory"]
        )
        c.by_classifier = sub is not None
        return (sub[0] if sub else "Government regains territory"), 0.65
    if acled == "weapons_or_property":
        obj = _object_head(c)
        words = lexicon()["weapon_nouns"]
        if obj is not None and any(t.lemma_.lower() in words for t in obj.subtree):
            return "Disrupted weapons use", 0.75
        if obj is not None and obj.lemma_.lower() in lexicon()["property_nouns"]:
            return "Looting/property destruction", 0.6
        return None, 0.0
    if acled == "withdraw":
        return _withdrawal(c), 0.7
    if acled == "troops":  # "moving troops", "units were formed", "the army deployed"
        obj = _object_head(c)
        if obj is None and c.pos == "verb":
            obj = _child(c.token, "nsubj")  # intransitive: who deployed
        words = {*lexicon()["troop_nouns"], *lexicon()["weapon_nouns"]}
        if obj is not None and any(t.lemma_.lower() in words for t in obj.subtree):
            return "Change to group/activity", 0.75
        return None, 0.0
    if acled in ("weapons", "base"):
        obj = _object_head(c)
        lemma = obj.lemma_.lower() if obj is not None else ""
        words = lexicon()["weapon_nouns" if acled == "weapons" else "base_nouns"]
        if lemma in words or (
            obj is not None and any(t.lemma_.lower() in words for t in obj.subtree)
        ):
            return (
                "Disrupted weapons use"
                if acled == "weapons"
                else "Headquarters or base established"
            ), 0.75
        return None, 0.0
    if acled == "Arrests" and _protest_words(sent_text):
        return "Protest with intervention", 0.7  # ACLED: protesters arrested at a protest
    if acled != "classify":
        return acled, 0.8
    phrase = phrase_text(c)
    cue = explosive_cue(phrase)
    if cue:
        return cue, 0.85
    riot = re.search(rf"\b(?:{lexicon()['riot_cues']})", sent_text, re.IGNORECASE) is not None
    if c.spec.get("family") == "protest" and riot:
        return "Violent demonstration", 0.75  # ACLED: demonstrators who use violence riot
    if (
        c.spec.get("family") == "violence"
        and c.token.lemma_.lower() in lexicon()["clash_lemmas"]
        and _protest_words(sent_text)
        and any(t.lemma_.lower() in lexicon()["protester_nouns"] for t in c.token.sent)
    ):
        return "Violent demonstration", 0.75  # clashes between protesters and police
    allowed_types = list(families.get(c.spec.get("family", "violence"), []))
    if "Explosions/Remote violence" in allowed_types and explosive_cue(sent_text) is None:
        allowed_types.remove("Explosions/Remote violence")  # no weapon named: not a remote attack
    target = _object_head(c) if c.pos == "verb" else _prep_obj(c.token, ("on", "against"))
    if (
        c.spec.get("family") == "violence"
        and target is not None
        and target.lemma_.lower() in lexicon()["protester_nouns"]
    ):
        return "Excessive force against protesters", 0.7  # lethal force on protesters
    if (
        c.spec.get("family") == "violence"
        and target is not None
        and target.lemma_.lower() in lexicon()["civilian_nouns"]
    ):
        # ACLED: one-sided violence against unarmed people is not a battle
        allowed_types = [
            t
            for t in allowed_types
            if t in ("Violence against civilians", "Explosions/Remote violence")
        ]
    allowed = _expand(allowed_types)
    pats = cue_by_subtype()
    # sub-types that are only what their cue says: a rape, a mob, an abduction, a weapon
    allowed = [
        sub for sub in allowed if sub not in CUE_REQUIRED or pats[sub].search(sent_text) is not None
    ]
    if "Excessive force against protesters" in allowed and not re.search(
        rf"(?:{lexicon()['protest_context']})", sent_text, re.IGNORECASE
    ):
        allowed.remove("Excessive force against protesters")
    res = classify(sent_text, allowed) if allowed else None
    if res is None:
        return ("Attack" if c.spec.get("family") == "violence" else None), 0.4
    c.by_classifier = True
    return res[0], res[1]


def sentences_with_triggers(doc: Document, sdoc: Any) -> list[tuple[Any, list[Candidate]]]:
    """(sentence, candidates) for every usable sentence that has a trigger; cached on the doc
    for the duration of the stage (``user_data["events.sentences"]``)."""
    cached = doc.user_data.get("events.sentences")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    out = []
    for sent in segments(sdoc):
        if doc.section_at(sent.start_char) == "boilerplate" or parse_is_bad(sent):
            continue
        cands = find_candidates(sent)
        if cands:
            out.append((sent, cands))
    doc.user_data["events.sentences"] = out
    return out


#: Which texts the embedding half of the classifier reads (cost; see docs/events.md):
#: "all" -- every classified sentence and paragraph; "sentences" -- the sentences, a paragraph
#: gets the mean of its sentences' vectors; "typed" -- only sentences with a trigger the
#: classifier types (:func:`_typed`), a paragraph the mean of those; the other sentences are
#: scored by the TF-IDF half alone.
EMBED_SCOPE = "typed"
EMBED_SCOPES = ("typed", "sentences", "all")


def check_scope(scope: str) -> str:
    """``scope`` when it is one of :data:`EMBED_SCOPES`; a ValueError naming them otherwise."""
    if scope not in EMBED_SCOPES:
        raise ValueError(f"events: unknown embed_scope {scope!r} ({', '.join(EMBED_SCOPES)})")
    return scope


def _typed(c: Candidate) -> bool:
    """Whether the classifier types the trigger (``classify``, territory, capture)."""
    return c.spec.get("acled") in ("classify", "territory", "capture")


def classifier_inputs(
    doc: Document, sdoc: Any, scope: str | None = None
) -> tuple[list[str], dict[str, list[str]] | None]:
    """Texts the sub-type classifier scores for this document, in one batch -- the sentences
    with a trigger that may be an ACLED event (it types some of their triggers and votes on all
    of them) and the paragraphs around them (the paragraph-level vote) -- and the ``parts`` of
    :meth:`~.classifier.SubtypeClassifier.prime` for ``scope`` (default :data:`EMBED_SCOPE`)."""
    scope = check_scope(scope or EMBED_SCOPE)
    found = [
        (sent, cands)
        for sent, cands in sentences_with_triggers(doc, sdoc)
        if any(c.spec.get("acled") is not None for c in cands)
    ]
    around = [
        (a, b)
        for a, b in paragraphs(doc.text)
        if any(a <= sent.start_char < b for sent, _ in found)
    ]
    texts = [*(sent.text for sent, _ in found), *(doc.text[a:b] for a, b in around)]
    if scope == "all":
        return texts, None
    parts: dict[str, list[str]] = {}
    embedded = []
    for sent, cands in found:
        if scope == "sentences" or any(_typed(c) for c in cands):
            embedded.append(sent)
        else:
            parts[sent.text] = []
    for a, b in around:
        parts[doc.text[a:b]] = [sent.text for sent in embedded if a <= sent.start_char < b]
    for sent in embedded:  # a one-sentence paragraph is that sentence
        parts.pop(sent.text, None)
    return texts, parts


# -- the whole document ------------------------------------------------------------------------


def event_id(
    doc: Document, start: int, trigger: str, subtype: str | None, plover: str | None
) -> str:
    return "ev_" + content_id(f"{doc.id}|{start}|{trigger}|{subtype}|{plover}")[:12]


#: The sub-types a trigger rule may give, for :func:`rescue`.
RULE_SUBTYPES = {
    "base": ["Headquarters or base established"],
    "weapons": ["Disrupted weapons use"],
    "weapons_or_property": ["Disrupted weapons use", "Looting/property destruction"],
    "capture": [
        "Arrests",
        "Disrupted weapons use",
        "Non-state actor overtakes territory",
        "Government regains territory",
    ],
    "withdraw": ["Non-violent transfer of territory"],
}


def rescue(c: Candidate, text: str, classify: Any, tconf: float) -> tuple[str | None, float]:
    """A trigger whose rule found no ACLED sub-type ("set up" whose object is no known base
    noun, "found" with no known weapon) gets one when the classifier's best label for the whole
    sentence, "no ACLED event" included, is one the rule could have given. Not for agreements:
    a trade deal is no ACLED Agreement, whatever the classifier thinks of "signed a deal"."""
    allowed = RULE_SUBTYPES.get(str(c.spec.get("acled")))
    row_of = getattr(classify, "row", None)
    if not allowed or row_of is None:
        return None, tconf
    got = row_of(text)
    if got is None:
        return None, tconf
    labels, row = got
    r = np.asarray(row, dtype=float)
    best = labels[int(r.argmax())]
    if best not in allowed:
        return None, tconf
    p = np.exp((r - r.max()) * 3.0)
    return best, 0.8 * float(p.max() / p.sum())


#: Confidence added to an event for each vote (its sentence's, its paragraph's) it wins.
AGREE_BOOST = 0.1
#: Raw confidences (up to ~1.07 with both votes) are divided by this before the 0.97 cap, so
#: the cap does not tie the events it should rank.
CONF_SCALE = 1.1


def open_subtypes(c: Candidate, sent_text: str, families: dict[str, list[str]]) -> list[str]:
    """The sub-types the classifier may still give a trigger it types (a ``classify`` trigger
    without a weapon cue in its phrase, a territory rule): the vote may move it among these."""
    acled = c.spec.get("acled")
    if not c.by_classifier:
        return []
    if acled == "territory":
        return ["Non-state actor overtakes territory", "Government regains territory"]
    types = list(families.get(c.spec.get("family", "violence"), []))
    if "Explosions/Remote violence" in types and explosive_cue(sent_text) is None:
        types.remove("Explosions/Remote violence")
    pats = cue_by_subtype()
    return [
        sub
        for sub in _expand(types)
        if sub not in CUE_REQUIRED or pats[sub].search(sent_text) is not None
    ]


def agree(
    events: list[Event],
    text: str,
    classify: Any,
    movable: dict[str, list[str]] | None = None,
    voted: set[str] | None = None,
) -> None:
    """The vote (:func:`~.classifier.vote`) over a sentence or paragraph: the classifier's
    scores for the whole text plus the sub-types the rules found in it. The events of the
    sub-type it picks gain :data:`AGREE_BOOST` confidence (in :func:`extract`), so the most
    confident event is the one both halves support. When the vote picks a sub-type no rule found, the most confident
    classifier-typed event that may take it (``movable``: event id -> sub-types) is retyped.
    The ids of the events of the picked sub-type are added to ``voted``. Needs
    ``classify.row(text)``; otherwise nothing changes."""
    found = {e.subtype for e in events if e.subtype}
    row_of = getattr(classify, "row", None)
    if not found or row_of is None or voted is None:
        return
    got = row_of(text)
    if got is None:
        return
    best = vote(got[0], got[1], found)
    if best is not None and best not in found and movable:
        cands = [e for e in events if best in movable.get(e.id, [])]
        if cands:
            e = max(cands, key=lambda e: e.confidence)
            e.subtype, e.type = best, subtype_type(best)
    for e in events:
        if e.subtype is not None and e.subtype == best:
            voted.add(e.id)


#: ACLED types and sub-types that name how violence was done (a weapon) or what it achieved
#: (territory): such an event absorbs a generic Armed clash / Attack told beside it.
SPECIFIC_TYPES = frozenset(["Explosions/Remote violence"])
TERRITORY_SUBTYPES = frozenset(
    ["Government regains territory", "Non-state actor overtakes territory"]
)
GENERIC_SUBTYPES = frozenset(["Armed clash", "Attack"])


def _role(c: Candidate, subtype: str | None) -> str:
    """How specific an event's typing is: "specific" (a remote-violence sub-type or a
    territory change), "generic_fatal" / "generic" (an Armed clash or Attack the classifier
    chose for a violent trigger without a weapon cue; fatal: "killed", "died"), or ""."""
    if subtype is None:
        return ""
    if subtype in TERRITORY_SUBTYPES:
        return "specific"
    if subtype_type(subtype) in SPECIFIC_TYPES and not c.by_classifier:
        return "specific"  # a weapon cue in the trigger's phrase or a fixed sub-type
    if (
        subtype in GENERIC_SUBTYPES
        and c.spec.get("family", "violence") == "violence"
        and (c.by_classifier or c.spec.get("acled") == "classify")
    ):
        return "generic_fatal" if c.spec.get("fatal") else "generic"
    return ""


def absorb_generic(
    events: list[Event], role: dict[str, str], paras: list[tuple[int, int]]
) -> list[Event]:
    """ACLED codes one event per act. A generic violent event -- an Armed clash or Attack the
    classifier chose for a trigger without a weapon cue -- beside a specific one (an air strike,
    shelling, a bombing with its weapon named; a territory change) is usually the same act
    told twice: a fatal one ("six people were killed", "killing 40") in the same paragraph, a
    non-fatal one ("attacked", "clashes") in the same sentence. It goes; the specific event
    takes its fatalities when it had none (and, from the same sentence, its actors). Neither may
    be hypothetical. ``paras``: the document's :func:`paragraphs`. Called before the
    confidences are finalised (+0.05 for the fatalities)."""

    def scope(e: Event, kind: str) -> tuple[int, int]:
        para = _paragraph_of(paras, e.evidence.start) if kind == "generic_fatal" else None
        return para or (e.evidence.start, e.evidence.end)

    drop: set[str] = set()
    for g in events:
        kind = role.get(g.id, "")
        if (
            not kind.startswith("generic")
            or g.subtype not in GENERIC_SUBTYPES  # the vote may have retyped it
            or g.certainty == "hypothetical"
        ):
            continue
        sc = scope(g, kind)
        hosts = [
            e
            for e in events
            if role.get(e.id) == "specific"
            and e.id not in drop
            and e.certainty != "hypothetical"
            and scope(e, kind) == sc
        ]
        if not hosts:
            continue
        host = min(hosts, key=lambda e: abs(e.evidence.start - g.evidence.start))
        if host.fatalities is None and g.fatalities is not None:
            host.fatalities, host.fatalities_text = g.fatalities, g.fatalities_text
            host.confidence += 0.05
        if host.evidence.start == g.evidence.start:
            host.actor1 = host.actor1 or g.actor1
            host.actor2 = host.actor2 or g.actor2
        drop.add(g.id)
    return [e for e in events if e.id not in drop]


def _unfought_transfers(events: list[Event], paras: list[tuple[int, int]]) -> None:
    """ACLED's non-violent transfer of territory: one side pulls out and the other takes the
    place without fighting. A capture (a territory sub-type) in a paragraph that also reports
    a withdrawal (a Non-violent transfer) and no violence (no other Battles, Explosions/Remote
    violence or Violence against civilians event) is retyped a Non-violent transfer."""
    for a, b in paras:
        in_p = [e for e in events if a <= e.evidence.start < b and e.certainty != "hypothetical"]
        if not any(e.subtype == "Non-violent transfer of territory" for e in in_p):
            continue
        if any(e.type in VIOLENT_TYPES and e.subtype not in TERRITORY_SUBTYPES for e in in_p):
            continue
        for e in in_p:
            if e.subtype in TERRITORY_SUBTYPES:
                e.subtype = "Non-violent transfer of territory"
                e.type = subtype_type(e.subtype)


def _paragraph_of(paras: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The paragraph (one of :func:`paragraphs`) that holds the character ``offset``."""
    return next(((a, b) for a, b in paras if a <= offset < b), None)


def _paragraph_span(paras: list[tuple[int, int]], sent: Any) -> tuple[int, int]:
    """(start, end) of the paragraph that holds the sentence (at least the sentence itself)."""
    para = _paragraph_of(paras, sent.start_char)
    if para is None:
        return sent.start_char, sent.end_char
    return min(para[0], sent.start_char), max(para[1], sent.end_char)


def _chemical_for(
    text: str, span: tuple[int, int], noun_spans: list[tuple[int, int]], own: int
) -> bool:
    """A chemical agent named in ``text[span]`` (the event's paragraph) outside the noun phrases
    of other events ("air strikes on the group accused of a chlorine attack": that chlorine
    is the other attack's). ``own``: the event's trigger offset (its own phrase counts)."""
    a, b = span
    chars = list(text[a:b])
    for s, e in noun_spans:
        if s <= own < e or e <= a or s >= b:
            continue
        for i in range(max(s, a), min(e, b)):
            chars[i - a] = " "
    return _chemical("".join(chars))


def _drop_broken_up_protests(events: list[Event], tok_of: dict[str, Any]) -> list[Event]:
    """ACLED: a protest the police break up is one Protest with intervention (or Excessive
    force) event, so a Peaceful protest whose trigger lies inside that event's phrase ("police
    arrested 40 protesters during a demonstration") is the same protest and goes."""
    spans = [
        (tok_of[e.id].left_edge.i, tok_of[e.id].right_edge.i)
        for e in events
        if e.subtype in ("Protest with intervention", "Excessive force against protesters")
        and e.id in tok_of
    ]
    if not spans:
        return events
    return [
        e
        for e in events
        if not (
            e.subtype == "Peaceful protest"
            and e.id in tok_of
            and any(a <= tok_of[e.id].i <= b for a, b in spans)
        )
    ]


def extract(doc: Document, sdoc: Any, classify: Any) -> list[Event]:
    """All events of a parsed document. ``classify(text, allowed_types)`` returns
    ``(subtype, confidence)`` or None."""
    lex = lexicon()
    families = lex["families"]
    events: list[Event] = []
    movable: dict[str, list[str]] = {}
    voted_s: set[str] = set()  # events whose sentence's vote picked their sub-type
    voted_p: set[str] = set()  # ... whose paragraph's vote did
    seen_keys: set[tuple[Any, ...]] = set()
    role: dict[str, str] = {}  # event id -> "generic" / "generic_fatal" / "specific"
    paras = paragraphs(doc.text)
    noun_spans = [  # other events' noun phrases: "a chlorine attack" there is another attack
        (o.token.left_edge.idx, o.token.right_edge.idx + len(o.token.right_edge))
        for _, cs in sentences_with_triggers(doc, sdoc)
        for o in cs
        if o.pos == "noun"
    ]
    for sent, cands in sentences_with_triggers(doc, sdoc):
        section = doc.section_at(sent.start_char)
        skip = skip_context(sent)
        merge_fatal(cands)
        sent_events: list[Event] = []
        sent_keys: set[tuple[Any, ...]] = set()
        tok_of: dict[str, Any] = {}
        for c in cands:
            if c.dropped:
                continue
            if skip and c.spec.get("plover") in ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE"):
                continue
            cert, claim_id, negated = certainty(doc, c, doc.claims, sent)
            if negated and cert != "denied":
                continue
            subtype, tconf = decide_subtype(c, sent.text, classify, families)
            if subtype is None:
                subtype, tconf = rescue(c, sent.text, classify, tconf)
            if subtype_type(subtype) == "Explosions/Remote violence" and _chemical_for(
                doc.text, _paragraph_span(paras, sent), noun_spans, c.token.idx
            ):  # ACLED: chlorine shells (named in the sentence or its paragraph) are chemical
                subtype = "Chemical weapon"  # ACLED: chlorine shells are chemical weapons
            plover = c.spec.get("plover")
            if subtype is None and c.spec.get("acled") in (
                "weapons",
                "base",
                "troops",
                "capture",
                "weapons_or_property",
            ):
                continue  # "found a solution", "opened a debate": not events
            if subtype is None and plover is None:
                continue
            a1, a2 = arguments(doc, c)
            if subtype is None and a1 is None:
                continue  # an interaction (refusal, aid, threat...) needs someone who acts
            span = clause_span(c)
            key = (subtype or plover, a1, a2)  # one ACLED event per sub-type and actors
            if key in sent_keys:
                continue  # the same event named twice in one sentence ("clashed ... the fighting")
            # an anaphoric noun ("the Taliban's mobilization") repeating an earlier event
            if c.pos == "noun" and (subtype, plover, a1) in seen_keys and not c.fatal_links:
                det = _child(c.token, "det", "poss")
                if det is not None and (
                    det.dep_ == "poss" or det.lower_ in ("the", "this", "that", "its", "their")
                ):
                    continue
            sent_keys.add(key)
            seen_keys.add((subtype, plover, a1))
            others = [
                (o.token.left_edge.idx, o.token.right_edge.idx + len(o.token.right_edge))
                for o in cands
                if o is not c and o.pos == "noun" and not o.dropped
            ]
            date, date_text = pick_date(doc, sent, span, c.token.idx, others)
            fat, fat_text = fatalities(c) if plover == "ASSAULT" or subtype else (None, None)
            place = pick_place(doc, sent, span, others)
            conf = 0.35 + 0.3 * tconf
            conf += 0.12 if a1 else 0.0
            conf += 0.05 if (a2 or place) else 0.0
            conf += 0.05 if c.pos == "verb" else 0.0
            conf += 0.05 if fat is not None else 0.0
            if section == "caption":
                conf *= 0.85
            if cert == "hypothetical":
                conf *= 0.85
            ev = Event(
                id=event_id(doc, c.token.idx, c.text, subtype, plover),
                evidence=Evidence(sent.start_char, sent.end_char, sent.text.strip(), section),
                type=subtype_type(subtype),
                subtype=subtype,
                plover=plover,
                actor1=a1,
                actor2=a2,
                place=place,
                date=date,
                date_text=date_text,
                fatalities=fat,
                fatalities_text=fat_text,
                certainty=cert,
                claim=claim_id,
                confidence=conf,  # capped and rounded below
                trigger=c.text,
            )
            sent_events.append(ev)
            tok_of[ev.id] = c.token
            movable[ev.id] = open_subtypes(c, sent.text, families)
            role[ev.id] = _role(c, subtype)
        sent_events = _drop_broken_up_protests(sent_events, tok_of)
        agree(sent_events, sent.text, classify, movable, voted_s)
        events.extend(sent_events)
    for a, b in paras:  # the paragraph-level vote
        agree(
            [e for e in events if a <= e.evidence.start < b],
            doc.text[a:b],
            classify,
            movable,
            voted_p,
        )
    events = absorb_generic(events, role, paras)
    _unfought_transfers(events, paras)  # a withdrawal and a capture, no fighting
    for ev in events:
        ev.confidence += AGREE_BOOST * ((ev.id in voted_s) + (ev.id in voted_p))
        ev.confidence = round(min(ev.confidence / CONF_SCALE, 0.97), 3)
    events = merge_repeated(doc, events)  # the headline's bombing is the lede's bombing
    events = attach_responsibility(doc, events)  # "X claimed the attack": who did it
    doc.user_data.pop("events.sentences", None)
    doc.user_data.pop("events.actor_index", None)
    return events
