"""Assembly: from a parsed document's triggers to its list of events.

Decides, per sentence: which candidates become events (skip contexts, negation, a sub-type or a
PLOVER type, an actor for an interaction), one event per sub-type and actors
(``one.same_key``, ``one.anaphoric_noun``, ``one.broken_up_protest``), the vote of the
sentence and of the paragraph (``vote.*``); per document: a generic killing beside the specific
act (``one.absorb_generic``), an unfought takeover (``one.unfought_transfer``), the confidence
formula (``[confidence]`` weights), one event told twice (``one.coref``) and claims of
responsibility (``one.responsibility``); and the classifier's inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import UNASSERTED_CERTAINTIES, Document, Event, Evidence, content_id
from .arguments import arguments, clause_span
from .certainty import certainty
from .classifier import subtype_type, vote
from .coref import VIOLENT_TYPES, attach_responsibility, merge_repeated
from .fatalities import fatalities
from .plover import code_sentences
from .rules import Rules, default_rules
from .scope import acled_actor, animal_victim, metaphor
from .sentences import paragraph_of, paragraph_span, paragraphs, skip_context
from .subtype import TERRITORY, chemical_for, decide_subtype, open_subtypes, rescue
from .syntax import child, span_of
from .triggers import Candidate, merge_fatal, sentences_with_triggers
from .where_when import pick_date, pick_place

#: ACLED types and sub-types that name how violence was done (a weapon) or what it achieved
#: (territory): such an event absorbs a generic Armed clash / Attack told beside it.
SPECIFIC_TYPES = frozenset(["Explosions/Remote violence"])
TERRITORY_SUBTYPES = frozenset(TERRITORY)
GENERIC_SUBTYPES = frozenset(["Armed clash", "Attack"])
#: PLOVER types that are violence, coercion, protest or mobilisation (a skip context drops them).
SKIPPED_PLOVER = frozenset(["ASSAULT", "COERCE", "PROTEST", "MOBILIZE"])


@dataclass
class DocState:
    """What the passes over one document share."""

    doc: Document
    rules: Rules
    classify: Any
    paras: list[tuple[int, int]]
    noun_spans: list[tuple[int, int]]
    events: list[Event] = field(default_factory=list)
    movable: dict[str, list[str]] = field(default_factory=dict)  # id -> sub-types it may take
    voted_s: set[str] = field(default_factory=set)  # events whose sentence's vote picked them
    voted_p: set[str] = field(default_factory=set)  # ... whose paragraph's vote did
    seen_keys: set[tuple[Any, ...]] = field(default_factory=set)
    role: dict[str, str] = field(default_factory=dict)  # id -> generic / generic_fatal / specific
    cand_of: dict[str, Candidate] = field(default_factory=dict)
    terms: dict[str, dict[str, float]] = field(default_factory=dict)  # id -> confidence terms


def event_id(
    doc: Document, start: int, trigger: str, subtype: str | None, plover: str | None
) -> str:
    return "ev_" + content_id(f"{doc.id}|{start}|{trigger}|{subtype}|{plover}")[:12]


def agree(
    events: list[Event],
    text: str,
    classify: Any,
    movable: dict[str, list[str]] | None = None,
    voted: set[str] | None = None,
) -> None:
    """The vote (:func:`~.classifier.vote`) over a sentence or paragraph: the classifier's
    scores for the whole text plus the sub-types the rules found in it. The events of the
    sub-type it picks gain the ``vote_boost`` confidence, so the most confident event is the one
    both halves support. When the vote picks a sub-type no rule found, the most confident
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
    events: list[Event], role: dict[str, str], paras: list[tuple[int, int]], bonus: float = 0.05
) -> list[Event]:
    """ACLED codes one event per act. A generic violent event -- an Armed clash or Attack the
    classifier chose for a trigger without a weapon cue -- beside a specific one (an air strike,
    shelling, a bombing with its weapon named; a territory change) is usually the same act
    told twice: a fatal one ("six people were killed", "killing 40") in the same paragraph, a
    non-fatal one ("attacked", "clashes") in the same sentence. It goes; the specific event
    takes its fatalities when it had none (and ``bonus`` confidence; from the same sentence,
    its actors). Neither may be hypothetical. ``paras``: the document's :func:`paragraphs`."""

    def scope(e: Event, kind: str) -> tuple[int, int]:
        para = paragraph_of(paras, e.evidence.start) if kind == "generic_fatal" else None
        return para or (e.evidence.start, e.evidence.end)

    drop: set[str] = set()
    for g in events:
        kind = role.get(g.id, "")
        if (
            not kind.startswith("generic")
            or g.subtype not in GENERIC_SUBTYPES  # the vote may have retyped it
            or g.certainty in UNASSERTED_CERTAINTIES
        ):
            continue
        sc = scope(g, kind)
        hosts = [
            e
            for e in events
            if role.get(e.id) == "specific"
            and e.id not in drop
            and e.certainty not in UNASSERTED_CERTAINTIES
            and scope(e, kind) == sc
        ]
        if not hosts:
            continue
        host = min(hosts, key=lambda e: abs(e.evidence.start - g.evidence.start))
        if host.fatalities is None and g.fatalities is not None:
            host.fatalities, host.fatalities_text = g.fatalities, g.fatalities_text
            host.confidence += bonus
        if host.evidence.start == g.evidence.start:
            host.actor1 = host.actor1 or g.actor1
            host.actor2 = host.actor2 or g.actor2
        drop.add(g.id)
    return [e for e in events if e.id not in drop]


def unfought_transfers(events: list[Event], paras: list[tuple[int, int]]) -> None:
    """ACLED's non-violent transfer of territory: one side pulls out and the other takes the
    place without fighting. A capture (a territory sub-type) in a paragraph that also reports
    a withdrawal (a Non-violent transfer) and no violence (no other Battles, Explosions/Remote
    violence or Violence against civilians event) is retyped a Non-violent transfer."""
    for a, b in paras:
        in_p = [
            e
            for e in events
            if a <= e.evidence.start < b and e.certainty not in UNASSERTED_CERTAINTIES
        ]
        if not any(e.subtype == "Non-violent transfer of territory" for e in in_p):
            continue
        if any(e.type in VIOLENT_TYPES and e.subtype not in TERRITORY_SUBTYPES for e in in_p):
            continue
        for e in in_p:
            if e.subtype in TERRITORY_SUBTYPES:
                e.subtype = "Non-violent transfer of territory"
                e.type = subtype_type(e.subtype)


def drop_broken_up_protests(events: list[Event], tok_of: dict[str, Any]) -> list[Event]:
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


def one_transfer(events: list[Event], cand_of: dict[str, Candidate]) -> list[Event]:
    """ACLED's non-violent transfer of territory is one event: a withdrawal and a takeover told
    in one sentence ("after the US pulled all its troops out ..., after the Taliban's
    takeover") are one transfer. The takeover stays (its actor1 took the territory) and the
    side that withdrew becomes its actor2 (``one.transfer_pair``)."""
    nvtt = "Non-violent transfer of territory"
    leaving = [e for e in events if e.subtype == nvtt and _row_name(cand_of, e) == "withdraw"]
    taking = [e for e in events if e.subtype == nvtt and _row_name(cand_of, e) != "withdraw"]
    if not leaving or not taking:
        return events
    keep = taking[0]
    for e in leaving:
        if keep.actor2 is None and e.actor1 != keep.actor1:
            keep.actor2 = e.actor1
        keep.place = keep.place or e.place
    gone = {e.id for e in leaving}
    return [e for e in events if e.id not in gone]


def _row_name(cand_of: dict[str, Candidate], e: Event) -> str:
    c = cand_of.get(e.id)
    return str(c.spec.get("acled")) if c is not None else ""


def confidence_terms(
    rules: Rules,
    tconf: float,
    c: Candidate,
    a1: str | None,
    a2_or_place: bool,
    fat: int | None,
    section: str,
    cert: str,
) -> dict[str, float]:
    """The named terms of an event's raw confidence (``[confidence]`` in rules.toml): added
    terms, then the factors (``caption``, ``unasserted``) as multipliers."""
    w = rules.confidence
    terms = {
        "base": w["base"],
        "typing": w["typing"] * tconf,
        "actor1": w["actor1"] if a1 else 0.0,
        "actor2_or_place": w["actor2_or_place"] if a2_or_place else 0.0,
        "verb_trigger": w["verb_trigger"] if c.pos == "verb" else 0.0,
        "fatalities": w["fatalities"] if fat is not None else 0.0,
        "caption_factor": w["caption_factor"] if section == "caption" else 1.0,
        "unasserted_factor": w["unasserted_factor"] if cert in UNASSERTED_CERTAINTIES else 1.0,
    }
    return terms


def _raw_confidence(terms: dict[str, float]) -> float:
    conf = 0.0
    for k in ("base", "typing", "actor1", "actor2_or_place", "verb_trigger", "fatalities"):
        conf += terms[k]
    return conf * terms["caption_factor"] * terms["unasserted_factor"]


def _repeat(
    st: DocState,
    c: Candidate,
    subtype: str | None,
    a1: str | None,
    key: tuple[Any, ...],
    sent_keys: set[Any],
) -> bool:
    """The same event named twice in one sentence (``one.same_key``), or a definite or
    possessive event noun repeating an earlier event ("the Taliban's mobilization":
    ``one.anaphoric_noun``)."""
    if key in sent_keys and st.rules.on("one.same_key"):
        return True
    if (
        st.rules.on("one.anaphoric_noun")
        and c.pos == "noun"
        and (subtype, c.spec.get("plover"), a1) in st.seen_keys
        and not c.fatal_links
    ):
        det = child(c.token, "det", "poss")
        if det is not None and (
            det.dep_ == "poss" or det.lower_ in ("the", "this", "that", "its", "their")
        ):
            return True
    return False


def _para(st: DocState, sent: Any) -> Any:
    """The paragraph around a sentence as a spaCy span (the ACLED-actor rule's scope)."""
    a, b = paragraph_span(st.paras, sent)
    return sent.doc.char_span(a, b, alignment_mode="expand") or sent


def _typed(st: DocState, sent: Any, c: Candidate) -> tuple[str | None, float] | None:
    """(sub-type, typing confidence) of a candidate, or None when it is no event at all."""
    rules = st.rules
    subtype, tconf = decide_subtype(c, sent.text, st.classify, rules)
    if subtype is None:
        subtype, tconf = rescue(c, sent.text, st.classify, tconf, rules)
    if (
        rules.on("subtype.chemical_agent")
        and subtype_type(subtype) == "Explosions/Remote violence"
        and chemical_for(st.doc.text, paragraph_span(st.paras, sent), st.noun_spans, c.token.idx)
    ):  # ACLED: chlorine shells (named in the sentence or its paragraph) are chemical weapons
        subtype = "Chemical weapon"
        c.fired.append("subtype.chemical_agent")
    if subtype is None and rules.row(c.spec.get("acled")).needs_subtype:
        return None  # "found a solution", "opened a debate": not events
    if subtype is None and c.spec.get("plover") is None:
        return None
    return subtype, tconf


def _make_event(
    st: DocState,
    sent: Any,
    c: Candidate,
    cands: list[Candidate],
    typed: tuple[str | None, float],
    args: tuple[str | None, str | None],
    cert: tuple[str, str | None],
) -> Event:
    """The event of a kept candidate: place, date, fatalities, confidence (raw; finished by
    :func:`_finish`)."""
    doc = st.doc
    subtype, tconf = typed
    a1, a2 = args
    plover = c.spec.get("plover")
    section = doc.section_at(sent.start_char)
    span = clause_span(c)
    others = [span_of(o.token) for o in cands if o is not c and o.pos == "noun" and not o.dropped]
    date, date_text = pick_date(doc, sent, span, c.token.idx, others)
    fat, fat_text = fatalities(c, st.rules) if plover == "ASSAULT" or subtype else (None, None)
    place = pick_place(doc, sent, span, others)
    terms = confidence_terms(st.rules, tconf, c, a1, bool(a2 or place), fat, section, cert[0])
    terms["typing_confidence"] = tconf
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
        certainty=cert[0],
        claim=cert[1],
        confidence=_raw_confidence(terms),  # capped and rounded in _finish
        trigger=c.text,
    )
    st.terms[ev.id] = terms
    return ev


def _sentence_events(st: DocState, sent: Any, cands: list[Candidate]) -> list[Event]:
    """The events of one sentence, after its vote."""
    rules, doc = st.rules, st.doc
    skip = skip_context(sent, rules)
    merge_fatal(cands, rules)
    out: list[Event] = []
    sent_keys: set[tuple[Any, ...]] = set()
    tok_of: dict[str, Any] = {}
    for c in cands:
        if c.dropped or (skip and c.spec.get("plover") in SKIPPED_PLOVER):
            continue
        cert, claim_id, negated = certainty(doc, c, doc.claims, rules, sent)
        if negated and cert != "denied" and rules.on("guard.negated"):
            if not rules.keep_unasserted:
                continue
            cert = "negated"
        typed = _typed(st, sent, c)
        if typed is None or animal_victim(c, rules) or metaphor(c, rules):
            continue
        a1, a2 = arguments(doc, c)
        if typed[0] is not None and not acled_actor(
            doc, _para(st, sent), (a1, a2), typed[0], rules
        ):
            c.fired.append("scope.acled_actor")  # no ACLED actor: PLOVER at most
            if rules.row(c.spec.get("acled")).needs_subtype:
                continue
            typed = (None, rules.typing["no_acled"])
            c.by_classifier = False
        if typed[0] is None and a1 is None and rules.on("interaction.needs_actor"):
            continue  # an interaction (refusal, aid, threat...) needs someone who acts
        key = (typed[0] or c.spec.get("plover"), a1, a2)  # one event per sub-type and actors
        if _repeat(st, c, typed[0], a1, key, sent_keys):
            continue
        sent_keys.add(key)
        st.seen_keys.add((typed[0], c.spec.get("plover"), a1))
        ev = _make_event(st, sent, c, cands, typed, (a1, a2), (cert, claim_id))
        out.append(ev)
        tok_of[ev.id] = c.token
        st.cand_of[ev.id] = c
        st.movable[ev.id] = open_subtypes(c, sent.text, rules)
        st.role[ev.id] = _role(c, typed[0])
    if rules.on("one.broken_up_protest"):
        out = drop_broken_up_protests(out, tok_of)
    if rules.on("vote.sentence"):
        agree(out, sent.text, st.classify, st.movable, st.voted_s)
    return out


def _finish(st: DocState) -> list[Event]:
    """Document-level passes: the paragraph vote, absorption, unfought transfers, the final
    confidences, one event told twice, claims of responsibility."""
    rules, doc = st.rules, st.doc
    events = st.events
    if rules.on("vote.paragraph"):
        for a, b in st.paras:
            in_p = [e for e in events if a <= e.evidence.start < b]
            agree(in_p, doc.text[a:b], st.classify, st.movable, st.voted_p)
    if rules.on("one.absorb_generic"):
        events = absorb_generic(events, st.role, st.paras, rules.confidence["fatalities"])
    if rules.on("one.unfought_transfer"):
        unfought_transfers(events, st.paras)  # a withdrawal and a capture, no fighting
    if rules.on("one.transfer_pair"):
        for start in sorted({e.evidence.start for e in events}):
            in_s = [e for e in events if e.evidence.start == start]
            if len(in_s) > 1:
                kept = {e.id for e in one_transfer(in_s, st.cand_of)}
                events = [e for e in events if e.evidence.start != start or e.id in kept]
    w = rules.confidence
    for ev in events:
        votes = (ev.id in st.voted_s) + (ev.id in st.voted_p)
        ev.confidence += w["vote_boost"] * votes
        ev.confidence = round(min(ev.confidence / w["scale"], w["cap"]), 3)
        if rules.trace:
            st.terms.setdefault(ev.id, {})["votes_won"] = float(votes)
    if rules.on("one.coref"):
        events = merge_repeated(doc, events)  # the headline's bombing is the lede's bombing
    if rules.on("one.responsibility"):
        events = attach_responsibility(doc, events)  # "X claimed the attack": who did it
    if not rules.keep_unasserted:  # asserted, not imagined: the default output
        events = [e for e in events if e.certainty not in UNASSERTED_CERTAINTIES]
    return events


def extract(doc: Document, sdoc: Any, classify: Any, rules: Rules | None = None) -> list[Event]:
    """All events of a parsed document. ``classify(text, allowed_types)`` returns
    ``(subtype, confidence)`` or None; ``rules``: this run's rules (default: all on)."""
    rules = rules or default_rules()
    found = sentences_with_triggers(doc, sdoc, rules)
    st = DocState(
        doc=doc,
        rules=rules,
        classify=classify,
        paras=paragraphs(doc.text),
        # other events' noun phrases: "a chlorine attack" there is another attack
        noun_spans=[span_of(o.token) for _, cs in found for o in cs if o.pos == "noun"],
    )
    for sent, cands in found:
        st.events.extend(_sentence_events(st, sent, cands))
    if rules.on("plover.sentence"):  # every sentence's PLOVER act (events/plover.py)
        code_sentences(doc, sdoc, st)
    events = _finish(st)
    if rules.trace:
        for ev in events:
            c = st.cand_of.get(ev.id)
            if c is not None:
                ev.why = trace(ev, c, st.terms.get(ev.id, {}))
    doc.user_data.pop("events.sentences", None)
    doc.user_data.pop("events.usable", None)
    doc.user_data.pop("events.actor_index", None)
    return events


def trace(ev: Event, c: Candidate, terms: dict[str, float]) -> dict[str, Any]:
    """``Event.why``: the trigger, the rule ids that fired, how the sub-type was decided and
    the confidence terms."""
    if "subtype.classifier" in c.fired or "subtype.rescue" in c.fired:
        by = "classifier"
    elif "subtype.weapon_cue" in c.fired:
        by = "cue"
    elif ev.subtype is None:
        by = None
    else:
        by = "fixed"
    return {
        "trigger": c.text,
        "rules": list(dict.fromkeys(c.fired)),
        "subtype_by": by,
        "classifier_score": round(terms["typing_confidence"], 4) if by == "classifier" else None,
        "confidence_terms": {k: round(v, 4) for k, v in terms.items() if k != "typing_confidence"},
    }


#: Which texts the embedding half of the classifier reads (cost; see docs/events.md):
#: "all" -- every classified sentence and paragraph; "sentences" -- the sentences, a paragraph
#: gets the mean of its sentences' vectors; "typed" -- only sentences with a trigger the
#: classifier types (the decision table's ``classifier`` rows), a paragraph the mean of those;
#: the other sentences are scored by the TF-IDF half alone.
EMBED_SCOPE = "typed"
EMBED_SCOPES = ("typed", "sentences", "all")


def check_scope(scope: str) -> str:
    """``scope`` when it is one of :data:`EMBED_SCOPES`; a ValueError naming them otherwise."""
    if scope not in EMBED_SCOPES:
        raise ValueError(f"events: unknown embed_scope {scope!r} ({', '.join(EMBED_SCOPES)})")
    return scope


def classifier_inputs(
    doc: Document, sdoc: Any, scope: str | None = None, rules: Rules | None = None
) -> tuple[list[str], dict[str, list[str]] | None]:
    """Texts the sub-type classifier scores for this document, in one batch -- the sentences
    with a trigger that may be an ACLED event (it types some of their triggers and votes on all
    of them) and the paragraphs around them (the paragraph-level vote) -- and the ``parts`` of
    :meth:`~.classifier.SubtypeClassifier.prime` for ``scope`` (default :data:`EMBED_SCOPE`)."""
    rules = rules or default_rules()
    scope = check_scope(scope or EMBED_SCOPE)
    found = [
        (sent, cands)
        for sent, cands in sentences_with_triggers(doc, sdoc, rules)
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
        typed = any(
            c.spec.get("acled") is not None and rules.row(c.spec.get("acled")).classifier
            for c in cands
        )
        if scope == "sentences" or typed:
            embedded.append(sent)
        else:
            parts[sent.text] = []
    for a, b in around:
        parts[doc.text[a:b]] = [sent.text for sent in embedded if a <= sent.start_char < b]
    for sent in embedded:  # a one-sentence paragraph is that sentence
        parts.pop(sent.text, None)
    return texts, parts
