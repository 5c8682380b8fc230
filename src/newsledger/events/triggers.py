"""Triggers: which words of a sentence propose an event.

Decides: the trigger lemmas of ``data/triggers.json`` (verbs, particle verbs, event nouns,
"take control", whatever protesters do) found in a sentence, corrected where spaCy's lemmatizer
slips (``trigger.lemma_fallback``); the guards that drop a trigger in a use that reports no
event (``guard.*``: an adjective use, a missing object or weapon, a deadly accident...); and which
fatal verbs are only the fatalities of a linked attack (``one.fatal_link``). Each
:class:`Candidate` carries the ids of the rules that fired for it (the trace).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..document import Document
from .classifier import cue_by_subtype
from .rules import Rules, lexicon
from .scope import cause_out_of_scope
from .sentences import lexicon_re, parse_is_bad, protest_context, segments
from .syntax import child, path_up, prep_obj


@dataclass
class Candidate:
    """A trigger found in a sentence, before it becomes an :class:`~newsledger.document.Event`."""

    token: Any  # spaCy Token (the trigger head)
    spec: dict[str, Any]
    text: str
    pos: str  # "verb" | "noun"
    fatal_links: list[Any] = field(default_factory=list)  # merged fatal verbs/nouns
    dropped: bool = False
    seg: Any = None  # the sentence segment (spaCy Span) it was found in
    by_classifier: bool = False  # sub-type from the classifier (the vote may move it)
    fired: list[str] = field(default_factory=list)  # rule ids that decided something about it


_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def verb_lemma(tok: Any, rules: Rules) -> str:
    """The verb's lemma, corrected where spaCy's small lemmatizer misses a trigger ("raped" ->
    "rap", "retook" left as is): the surface form's irregular (``irregular_verbs``) or regular
    base, when that is a trigger verb and the lemma is not (``trigger.lemma_fallback``)."""
    lemma = tok.lemma_.lower()
    if not rules.on("trigger.lemma_fallback"):
        return lemma
    return _fallback(lemma, tok.lower_)


@lru_cache(maxsize=1)
def _known_verbs() -> frozenset[str]:
    """The trigger verbs and the first words of the particle verbs."""
    lex = lexicon()
    return frozenset(lex["verbs"].keys() | {k.split()[0] for k in lex["particle_verbs"]})


@lru_cache(maxsize=8192)
def _fallback(lemma: str, word: str) -> str:
    """:func:`verb_lemma` of a lemma and its surface form (remembered: the verbs of a corpus
    repeat)."""
    lex = lexicon()
    if lemma in lex["verbs"] or lemma in lex["particle_verbs"]:
        return lemma
    known = _known_verbs()
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


def has_object(tok: Any) -> bool:
    if any(c.dep_ == "conj" and c.pos_ == "VERB" and has_object(c) for c in tok.children):
        return True  # "eliminating and capturing the fighters"
    return any(
        c.dep_ in ("dobj", "obj", "attr", "ccomp", "xcomp", "nsubjpass") for c in tok.children
    ) or any(c.dep_ == "prep" for c in tok.children)


def _has_modifier(tok: Any) -> bool:
    deps = {"amod", "compound", "prep", "relcl", "acl", "nummod", "poss", "nmod"}
    return any(c.dep_ in deps for c in tok.children) or tok.dep_ in ("dobj", "pobj", "nsubj")


def weapon_near(tok: Any) -> bool:
    """A weapon named in the trigger's own arguments (subject, object, "with"/"by" phrase,
    compound or adjective): "fired 6 missiles", "mortar rounds landed", "sexual violence"."""
    toks = [tok]
    for ch in tok.children:
        if ch.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "amod", "compound") or (
            ch.dep_ in ("prep", "agent") and ch.lower_ in ("with", "by")
        ):
            toks.extend(ch.subtree)
    text = " ".join(t.text for t in toks)
    if lexicon_re("weapon_re").search(text):
        return True
    return bool(cue_by_subtype()["Sexual violence"].search(text))


def _protesters_act(tok: Any) -> bool:
    """The verb's subject is protesters ("protesters threw", "hundreds of demonstrators gathered")."""
    nouns = lexicon()["protester_nouns"]
    for c in tok.children:
        if c.dep_ != "nsubj":
            continue
        if c.lemma_.lower() in nouns:
            return True
        of = prep_obj(c, ("of",))
        if of is not None and of.lemma_.lower() in nouns:
            return True
    return False


def _verb_spec(tok: Any, lemma: str, rules: Rules) -> tuple[dict[str, Any] | None, str, str]:
    """(spec, trigger text, rule id) of a verb: a particle verb, "open fire", a verb, a verb
    that needs its particle, "take control", or whatever protesters do."""
    lex = lexicon()
    spec: dict[str, Any] | None = None
    text, how = tok.text, "trigger.verb"
    parts = [c for c in tok.children if c.dep_ == "prt"]
    if parts:
        spec = lex["particle_verbs"].get(f"{lemma} {parts[0].lower_}")
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
            c.dep_ in ("prt", "prep") and c.lower_ == p["needs_particle"] for c in tok.children
        ):
            spec, text = p, f"{tok.text} {p['needs_particle']}"
    if (
        spec is None
        and rules.on("trigger.take_control")
        and lemma in lex["control_verbs"]
        and any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "control" for c in tok.children)
    ):
        spec, text = {"plover": "ASSAULT", "acled": "territory"}, f"{tok.text} control"
        how = "trigger.take_control"
    if (
        (spec is None or spec.get("needs_weapon"))
        and rules.on("trigger.protesters_act")
        and _protesters_act(tok)
    ):  # whatever protesters do ("threw stones", "gathered") is the protest
        spec = {"plover": "PROTEST", "acled": "classify", "family": "protest"}
        how = "trigger.protesters_act"
    return spec, text, how


def _verb_guard(tok: Any, spec: dict[str, Any], sent: Any, rules: Rules) -> str | None:
    """The id of the guard that drops this verb trigger, or None."""
    lex = lexicon()
    checks = (
        ("guard.disaster_cause", lambda: spec.get("fatal") and cause_out_of_scope(tok, rules)),
        (
            "guard.needs_weapon",
            lambda: (
                spec.get("needs_weapon")
                and (
                    not weapon_near(tok)
                    or any(
                        ch.dep_ in ("dobj", "obj") and ch.lemma_.lower() in lex["nouns"]
                        for ch in tok.children
                    )
                )
            ),  # "launched a suicide bomb attack": the attack is the event
        ),
        (  # "the killing fields", "a fighting force"
            "guard.adjective_use",
            lambda: tok.dep_ == "amod" or (tok.tag_ == "VBG" and tok.dep_ in ("amod", "compound")),
        ),
        ("guard.needs_object", lambda: spec.get("needs_object") and not has_object(tok)),
        (  # "the case demonstrates the risks" is no demonstration
            "guard.no_object",
            lambda: (
                spec.get("no_object")
                and any(c.dep_ in ("dobj", "obj", "ccomp") for c in tok.children)
            ),
        ),
        (
            "guard.protest_context",
            lambda: spec.get("needs_protest_context") and not protest_context(sent.text),
        ),
        (  # "declined to comment" is no refusal of anything
            "guard.refusal_noncontent",
            lambda: (
                spec.get("plover") == "REJECT"
                and any(
                    ch.dep_ == "xcomp" and ch.lemma_.lower() in lex["refusal_noncontent"]
                    for ch in tok.children
                )
            ),
        ),
        ("guard.needs_object", lambda: spec.get("needs_object_or_with") and not has_object(tok)),
        (
            "guard.needs_subject",
            lambda: (
                spec.get("needs_subject")
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
            ),
        ),
    )
    for rule_id, test in checks:
        if rules.on(rule_id) and test():
            return rule_id
    return None


def _noun_guard(tok: Any, spec: dict[str, Any], sent: Any, rules: Rules) -> str | None:
    """The id of the guard that drops this noun trigger, or None."""
    lemma = tok.lemma_.lower()
    checks = (
        ("guard.needs_modifier", lambda: spec.get("needs_modifier") and not _has_modifier(tok)),
        ("guard.needs_weapon", lambda: spec.get("needs_weapon") and not weapon_near(tok)),
        (
            "guard.protest_context",
            lambda: spec.get("needs_protest_context") and not protest_context(sent.text),
        ),
        (
            "guard.strike_kind",
            lambda: (
                lemma == "strike"
                and not any(
                    c.lower_ in ("air", "drone", "missile", "rocket", "military", "aerial")
                    for c in tok.children
                )
            ),
        ),
        (  # "attack helicopters", "protest movement" (but "rape incidents")
            "guard.compound_noun",
            lambda: (
                tok.dep_ == "compound"
                and tok.head.pos_ == "NOUN"
                and tok.head.lemma_.lower() not in lexicon()["compound_heads_ok"]
            ),
        ),
    )
    for rule_id, test in checks:
        if rules.on(rule_id) and test():
            return rule_id
    return None


def find_candidates(sent: Any, rules: Rules) -> list[Candidate]:
    """Trigger tokens of one sentence."""
    lex = lexicon()
    out: list[Candidate] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        verbal_adj = (  # spaCy's small model tags some past forms ADJ: "... and torched cars"
            tok.pos_ == "ADJ"
            and tok.lower_.endswith("ed")
            and tok.dep_ in ("ROOT", "conj", "acomp")
            and any(c.dep_ in ("dobj", "obj", "agent", "prep") for c in tok.children)
        )
        if tok.pos_ == "VERB" or verbal_adj:
            lemma = verb_lemma(tok, rules)
        if (
            tok.pos_ == "VERB"
            or verbal_adj
            or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do"))
        ):
            spec, text, how = _verb_spec(tok, lemma, rules)
            if spec is None or not rules.on(how) or _verb_guard(tok, spec, sent, rules):
                continue
            fired = [how] if lemma == tok.lemma_.lower() else [how, "trigger.lemma_fallback"]
            out.append(Candidate(tok, spec, text, "verb", seg=sent, fired=fired))
        elif tok.pos_ in ("NOUN", "PROPN") and tok.tag_ != "NNP":
            spec = lex["nouns"].get(lemma) or lex["nouns"].get(tok.lower_)  # "talks" -> "talk"
            if spec is None or not rules.on("trigger.noun") or _noun_guard(tok, spec, sent, rules):
                continue
            out.append(Candidate(tok, spec, tok.text, "noun", seg=sent, fired=["trigger.noun"]))
    return out


def merge_fatal(cands: list[Candidate], rules: Rules) -> None:
    """A fatal trigger linked to another violent trigger becomes that event's fatalities
    (``one.fatal_link``)."""
    if not rules.on("one.fatal_link"):
        return
    for c in cands:
        if not c.spec.get("fatal") or c.dropped:
            continue
        for other in cands:
            if other is c or other.dropped or other.spec.get("fatal"):
                continue
            if other.spec.get("plover") != "ASSAULT":
                continue
            linked = other.token in path_up(c.token, 3) or c.token in path_up(other.token, 2)
            if linked and c.token.dep_ != "conj" and other.token.dep_ != "conj":
                other.fatal_links.append(c.token)
                other.fired.append("one.fatal_link")
                c.dropped = True
                break


def sentences_with_triggers(
    doc: Document, sdoc: Any, rules: Rules
) -> list[tuple[Any, list[Candidate]]]:
    """(sentence, candidates) for every usable sentence that has a trigger; cached on the doc
    for the duration of the stage (``user_data["events.sentences"]``)."""
    cached = doc.user_data.get("events.sentences")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    out = []
    usable = []
    for sent in segments(sdoc):
        if doc.section_at(sent.start_char) == "boilerplate" or parse_is_bad(sent, rules):
            continue
        usable.append(sent)
        cands = find_candidates(sent, rules)
        if cands:
            out.append((sent, cands))
    doc.user_data["events.sentences"] = out
    doc.user_data["events.usable"] = usable  # every sentence read (the PLOVER pass reads them)
    return out


__all__ = ["Candidate", "child", "find_candidates", "merge_fatal", "sentences_with_triggers"]
