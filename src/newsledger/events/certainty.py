"""Certainty: whether the text asserts that the event happened, and on whose word.

Decides the statements that do not assert an event (:data:`~newsledger.document.
UNASSERTED_CERTAINTIES`): ``conditional`` (an if/unless/whether clause: ``certainty.conditional``),
``future`` (will/shall: ``certainty.future``), ``hypothetical`` (another modal, a governing
plan/threat/aim, an infinitive, a gerund subject: ``certainty.modal``, ``certainty.governor``,
``certainty.infinitive``, ``certainty.gerund_subject``), ``generic`` (a bare plural event noun
as the subject of a present-tense "be": ``certainty.generic``), ``negated`` (``guard.negated``);
then ``claimed`` /
``confirmed`` / ``denied`` (inside a claim's content, by the claim's cue: ``certainty.claim``;
without a claim record, the parse's reporting verbs and hedges: ``certainty.own_voice``), else
``reported`` (the outlet's own voice); and whether the trigger is negated.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Claim, Document
from .rules import Rules, lexicon
from .syntax import governors
from .triggers import Candidate

#: Which certainty each unasserting rule gives, the strongest first.
UNASSERTED_BY = {
    "certainty.conditional": "conditional",
    "certainty.future": "future",
    "certainty.modal": "hypothetical",
    "certainty.governor": "hypothetical",
    "certainty.infinitive": "hypothetical",
    "certainty.gerund_subject": "hypothetical",
    "certainty.generic": "generic",
}
FUTURE_MODALS = frozenset(["will", "shall", "'ll", "wo"])


def _generic(c: Candidate, sent: Any) -> bool:
    """A bare plural event noun as the subject of a present-tense "be" ("Attacks on aid
    workers are war crimes"): a statement about a kind of event, not a report of one."""
    tok = c.token
    if c.pos != "noun" or tok.tag_ != "NNS" or tok.dep_ != "nsubj":
        return False
    if any(ch.dep_ in ("det", "poss", "nummod") for ch in tok.children):
        return False
    head = tok.head
    return head.lemma_.lower() == "be" and head.tag_ in ("VBZ", "VBP")


def _protest_purpose(c: Candidate) -> bool:
    """A protest told as the purpose of what the protesters did ("took to the streets to
    protest", "gathered to demand"): the gathering is the protest, so it is asserted."""
    head = c.token.head
    return (
        c.spec.get("plover") == "PROTEST"
        and c.token.dep_ in ("advcl", "xcomp")
        and head.tag_ == "VBD"
        and head.lemma_.lower() not in lexicon()["hypothetical_governors"]
    )


def _hypothetical(c: Candidate, sent: Any, rules: Rules) -> list[str]:
    """The ids of the rules that make the candidate unasserted (none: asserted)."""
    lex = lexicon()
    tok = c.token
    fired = []
    if c.spec.get("modal"):
        fired.append("certainty.governor")  # a threat, a plan by nature
    chain = governors(tok)
    if sent is not None:  # stay inside the segment (spaCy may run a headline into the body)
        chain = [g for g in chain if sent.start <= g.i < sent.end]
    for g in chain[:4]:
        for ch in g.children:
            if ch.lower_ in lex["modals"] and ch.dep_ == "aux":
                future = ch.lower_ in FUTURE_MODALS and rules.on("certainty.future")
                fired.append("certainty.future" if future else "certainty.modal")
        if any(ch.dep_ == "mark" and ch.lower_ in ("if", "unless", "whether") for ch in g.children):
            fired.append("certainty.conditional")
        if g.i != tok.i and g.lemma_.lower() in lex["hypothetical_governors"] and g.i < tok.i:
            fired.append("certainty.governor")
        if g.dep_ == "ROOT":
            break
    if (
        c.pos == "verb"
        and tok.dep_ == "xcomp"
        and tok.head.lemma_.lower() in lex["hypothetical_governors"]
    ):
        fired.append("certainty.governor")
    if (
        c.pos == "verb"
        and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in tok.children)
        and not _protest_purpose(c)
    ):
        fired.append("certainty.infinitive")  # "to eliminate", "moving to deploy": an aim
    if (
        c.pos == "verb"
        and tok.tag_ == "VBG"
        and tok.dep_ in ("csubj", "nsubj")
        and not any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in tok.children)
    ):  # "Shelling of the airport hit ..." (a noun-like gerund, "of") is a deed
        fired.append("certainty.gerund_subject")  # "eliminating the group remains the key"
    if _generic(c, sent):
        fired.append("certainty.generic")
    return [f for f in dict.fromkeys(fired) if rules.on(f)]


def _strongest(fired: list[str]) -> str:
    """The certainty of the strongest unasserting rule that fired."""
    return next(v for k, v in UNASSERTED_BY.items() if k in fired)


def _own_voice(tok: Any, chain: list[Any], seg: Any) -> str | None:
    """claimed / confirmed / denied from the parse alone: a reporting verb above the trigger or
    before it ("Police say ..."), a hedge, "according to"."""
    lex = lexicon()
    for g in chain[1:]:
        lemma = g.lemma_.lower()
        if g.pos_ not in ("VERB", "AUX"):
            continue
        if lemma in lex["deny_verbs"]:
            return "denied"
        if lemma in lex["confirm_verbs"]:
            return "confirmed"
        if lemma in lex["claim_verbs"]:
            return "claimed"
    for t in seg:
        if t.i >= tok.i:
            break
        if t.lemma_.lower() in lex["claim_verbs"] and (
            t.pos_ == "VERB"
            or (t.lemma_.lower() in ("report", "claim") and t.dep_ in ("ROOT", "compound"))
        ):
            return "claimed"  # "Taliban report raid on ...", "Police say ..."
    sent_low = seg.text.lower()
    if (
        any(re.search(rf"\b{h}\b", sent_low) for h in lex["hedge_adverbs"])
        or "according to" in sent_low
    ):
        return "claimed"
    return None


def certainty(
    doc: Document, c: Candidate, claims: list[Claim], rules: Rules, sent: Any = None
) -> tuple[str, str | None, bool]:
    """(certainty, claim id, negated). Modal or planned -> hypothetical; inside a claim's
    content -> claimed (confirmed/denied by the claim's cue); own-voice cues otherwise. The
    rules that decided are added to ``c.fired``."""
    lex = lexicon()
    tok = c.token
    negated = any(ch.dep_ == "neg" for ch in tok.children) or (
        c.pos == "noun" and any(ch.lower_ in ("no",) for ch in tok.children)
    )
    hyp = _hypothetical(c, sent, rules)
    c.fired.extend(hyp)
    if rules.on("certainty.claim"):
        for cl in claims:
            cue = (cl.cue or "").lower()
            if cue in (tok.lemma_.lower(), tok.lower_):
                continue  # "Russia accused Ukraine ...": the accusation itself is reported
            if cl.content_start <= tok.idx < cl.content_end:
                c.fired.append("certainty.claim")
                if cue in lex["deny_verbs"] or cue.startswith("den"):
                    return "denied", cl.id, negated
                if hyp:
                    return _strongest(hyp), cl.id, negated
                if cue in lex["confirm_verbs"]:
                    return "confirmed", cl.id, negated
                return "claimed", cl.id, negated
    if hyp:
        return _strongest(hyp), None, negated
    if rules.on("certainty.own_voice"):
        chain = governors(tok)
        if sent is not None:
            chain = [g for g in chain if sent.start <= g.i < sent.end]
        got = _own_voice(tok, chain, sent if sent is not None else tok.sent)
        if got is not None:
            c.fired.append("certainty.own_voice")
            return got, None, negated
    return "reported", None, negated
