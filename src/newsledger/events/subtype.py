"""Sub-type decision: which ACLED sub-event type a trigger reports.

One decision table (``[subtype.*]`` in ``data/rules.toml``) says what each ``acled`` value of
``data/triggers.json`` does -- a fixed sub-type, ``classify``, or a rule over the trigger's
object (``capture``, ``territory``, ``release``, ``agree``, ``weapons_or_property``,
``withdraw``, ``troops``, ``weapons``, ``base``) -- with the sub-types each rule may give and
their typing confidence. This module holds one decider per row; ``classify`` applies the weapon
cue of the trigger's phrase (``subtype.weapon_cue``), ACLED's protest and riot rules
(``subtype.riot``, ``subtype.protest_clash``, ``subtype.excessive_force``), narrows the
classifier's choice (``subtype.civilian_target``, ``subtype.cue_required``) and asks it
(``subtype.classifier``). ``rescue`` completes a rule that found nothing (``subtype.rescue``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from .classifier import codebook, cue_by_subtype
from .rules import Rules, SubtypeRow, lexicon
from .sentences import chemical, lexicon_re, protest_context, protest_words
from .syntax import child, prep_obj
from .triggers import Candidate

#: Sub-types whose cue in the trigger's own phrase decides the type (most specific first).
EXPLOSIVE_ORDER = (
    "Chemical weapon",
    "Suicide bomb",
    "Grenade",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack",
    "Sexual violence",
)
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
TERRITORY = ("Non-state actor overtakes territory", "Government regains territory")

Decision = tuple[str | None, float | None]  # (sub-type, typing confidence; None: the table's)


def phrase_text(c: Candidate) -> str:
    """The trigger's own phrase: a noun's subtree, a verb with its object and modifiers."""
    tok = c.token
    if c.pos == "noun":
        toks = [t for t in tok.subtree if not (t.dep_ in ("relcl", "acl") and t.i > tok.i)]
        rel = [t for t in tok.children if t.dep_ in ("relcl", "acl") and t.i > tok.i]
        end = rel[0].left_edge.i if rel else toks[-1].i + 1
        return tok.doc[toks[0].i : max(end, tok.i + 1)].text
    deps = ("dobj", "obj", "nsubj", "nsubjpass", "prep", "agent", "advmod", "npadvmod", "compound")
    parts = [tok.text]
    for ch in tok.children:
        if ch.dep_ in deps:
            parts.append(ch.doc[ch.left_edge.i : ch.right_edge.i + 1].text)
    return " ".join(parts)


def object_head(c: Candidate) -> Any:
    """The object of a verb trigger (its conjunct's, or a passive subject), or a noun's "of" object."""
    tok = c.token
    if c.pos == "noun":
        return prep_obj(tok, ("of",))
    obj = child(tok, "dobj", "obj", "nsubjpass")
    if obj is None and any(ch.dep_ == "auxpass" for ch in tok.children):
        obj = child(tok, "nsubj")
    if obj is None:
        conj = child(tok, "conj")
        obj = child(conj, "dobj", "obj") if conj is not None else None
    return obj


def explosive_cue(text: str) -> str | None:
    """The most specific weapon sub-type whose cue is in ``text`` (:data:`EXPLOSIVE_ORDER`)."""
    pats = cue_by_subtype()
    for sub in EXPLOSIVE_ORDER:
        if pats[sub].search(text):
            return sub
    return None


def expand(allowed: list[str]) -> list[str]:
    """ACLED types and sub-types -> the sub-types they cover."""
    subs = codebook()["subtypes"]
    out: list[str] = []
    for a in allowed:
        if a in subs:
            out.append(a)
        else:
            out.extend(sub for sub, spec in subs.items() if spec["type"] == a)
    return list(dict.fromkeys(out))


def _in_subtree(obj: Any, words: Any) -> bool:
    return obj is not None and any(t.lemma_.lower() in words for t in obj.subtree)


def _capture(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    obj = object_head(c)
    lemma = obj.lemma_.lower() if obj is not None else ""
    lex = lexicon()
    if lemma in lex["people_nouns"] or (obj is not None and obj.ent_type_ in ("PERSON", "NORP")):
        return "Arrests", None
    if lemma in lex["weapon_nouns"]:
        return "Disrupted weapons use", None
    if lemma in lex["territory_nouns"] or (
        obj is not None and obj.ent_type_ in ("GPE", "LOC", "FAC")
    ):
        sub = classify(text, list(TERRITORY))
        return (sub[0] if sub else TERRITORY[0]), None
    return None, None


def _territory(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    sub = classify(text, list(TERRITORY))
    c.by_classifier = sub is not None
    return (sub[0] if sub else TERRITORY[1]), None


def _release(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    """ACLED: prisoner releases and exchanges are Agreements."""
    return ("Agreement" if lexicon_re("release_words").search(text) else None), None


def _cited_frame(tok: Any) -> bool:
    """An event noun cited as the frame of another act ("as part of a de-escalation deal",
    "under the ceasefire agreement", "in line with the accord"), not reported as news."""
    head = tok.head
    if tok.dep_ != "pobj":
        return False
    p = head.lower_
    if p in ("under", "per"):
        return True
    if p == "of" and head.head.lower_ == "part" and head.head.dep_ == "pobj":
        return head.head.head.lower_ in ("as", "in")
    return p == "with" and head.head.lower_ in ("line", "accordance", "compliance", "keeping")


def _agree(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    tok = c.token
    if rules.on("subtype.cited_frame") and (
        _cited_frame(tok) or (tok.dep_ == "relcl" and _cited_frame(tok.head))
    ):
        c.fired.append("subtype.cited_frame")
        return None, None  # "as part of a ceasefire deal": the deal is the frame, not news
    return ("Agreement" if lexicon_re("agreement_words").search(text) else None), None


def _weapons_or_property(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    obj = object_head(c)
    if _in_subtree(obj, lexicon()["weapon_nouns"]):
        return "Disrupted weapons use", None
    if obj is not None and obj.lemma_.lower() in lexicon()["property_nouns"]:
        return "Looting/property destruction", None
    return None, None


def withdrawal(c: Candidate) -> str | None:
    """ACLED's non-violent transfer of territory: troops pulling out (of somewhere), not a
    company withdrawing a filing."""
    lex = lexicon()
    tok = c.token
    cands = [object_head(c), child(tok, "nsubj", "nsubjpass"), prep_obj(tok, ("of",))]
    if c.pos == "noun":
        cands.append(child(tok, "poss"))
        cands.extend(ch for ch in tok.children if ch.dep_ == "compound")
    if any(x is not None and x.lemma_.lower() in lex["troop_nouns"] for x in cands):
        return "Non-violent transfer of territory"
    place = prep_obj(tok, ("from",))
    if place is not None and (
        place.ent_type_ in ("GPE", "LOC", "FAC") or place.lemma_.lower() in lex["territory_nouns"]
    ):
        return "Non-violent transfer of territory"
    return None


def _withdraw(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    return withdrawal(c), None


def _troops(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    """Troops or weapons move: "moving troops", "units were formed", "the army deployed"."""
    obj = object_head(c)
    if obj is None and c.pos == "verb":
        obj = child(c.token, "nsubj")  # intransitive: who deployed
    words = {*lexicon()["troop_nouns"], *lexicon()["weapon_nouns"]}
    if _in_subtree(obj, words):
        return "Change to group/activity", None
    if c.pos == "noun":  # "troop deployment", "military mobilization", "the Taliban's deployment"
        for ch in c.token.children:
            if ch.dep_ in ("compound", "amod") and ch.lemma_.lower() in words:
                return "Change to group/activity", None
            if ch.dep_ == "poss" and (ch.pos_ == "PROPN" or _in_subtree(ch, words)):
                return "Change to group/activity", None
    return None, None


def _object_rule(c: Candidate, acled: str) -> str | None:
    obj = object_head(c)
    lemma = obj.lemma_.lower() if obj is not None else ""
    words = lexicon()["weapon_nouns" if acled == "weapons" else "base_nouns"]
    if lemma in words or _in_subtree(obj, words):
        return "Disrupted weapons use" if acled == "weapons" else "Headquarters or base established"
    return None


def _weapons(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    return _object_rule(c, "weapons"), None


def _base(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    return _object_rule(c, "base"), None


def _fixed(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    acled = str(c.spec["acled"])
    if acled == "Arrests" and rules.on("subtype.arrest_at_protest") and protest_words(text):
        c.fired.append("subtype.arrest_at_protest")  # ACLED: protesters arrested at a protest
        return "Protest with intervention", rules.typing["protest_force"]
    return acled, rules.typing["fixed"]


def allowed_for(c: Candidate, text: str, rules: Rules) -> list[str]:
    """The sub-types the classifier may give a ``classify`` trigger: its family, no remote
    violence without a weapon named, only cue-bearing cue types (``subtype.cue_required``)."""
    types = list(lexicon()["families"].get(c.spec.get("family", "violence"), []))
    if (
        rules.on("subtype.cue_required")
        and "Explosions/Remote violence" in types
        and explosive_cue(text) is None
    ):
        types.remove("Explosions/Remote violence")  # no weapon named: not a remote attack
    pats = cue_by_subtype()
    return [
        sub
        for sub in expand(types)
        if sub not in CUE_REQUIRED
        or not rules.on("subtype.cue_required")
        or pats[sub].search(text) is not None
    ]


def _protest_rules(c: Candidate, text: str, rules: Rules) -> Decision:
    """ACLED's riot and protest-violence rules for a ``classify`` trigger, or (None, None)."""
    family = c.spec.get("family")
    lex = lexicon()
    riot = lexicon_re("riot_cues", right=False).search(text) is not None
    if family == "protest" and riot and rules.on("subtype.riot"):
        c.fired.append("subtype.riot")  # ACLED: demonstrators who use violence riot
        return "Violent demonstration", rules.typing["riot"]
    if (
        family == "violence"
        and rules.on("subtype.protest_clash")
        and c.token.lemma_.lower() in lex["clash_lemmas"]
        and protest_words(text)
        and any(t.lemma_.lower() in lex["protester_nouns"] for t in c.token.sent)
    ):
        c.fired.append("subtype.protest_clash")  # clashes between protesters and police
        return "Violent demonstration", rules.typing["riot"]
    return None, None


def _classify(c: Candidate, text: str, classify: Any, rules: Rules) -> Decision:
    cue = explosive_cue(phrase_text(c)) if rules.on("subtype.weapon_cue") else None
    if cue:
        c.fired.append("subtype.weapon_cue")
        return cue, rules.typing["weapon_cue"]
    sub, conf = _protest_rules(c, text, rules)
    if sub is not None:
        return sub, conf
    violence = c.spec.get("family") == "violence"
    target = object_head(c) if c.pos == "verb" else prep_obj(c.token, ("on", "against"))
    lemma = target.lemma_.lower() if target is not None else ""
    if violence and lemma in lexicon()["protester_nouns"] and rules.on("subtype.excessive_force"):
        c.fired.append("subtype.excessive_force")  # lethal force on protesters
        return "Excessive force against protesters", rules.typing["protest_force"]
    allowed = allowed_for(c, text, rules)
    if violence and lemma in lexicon()["civilian_nouns"] and rules.on("subtype.civilian_target"):
        # ACLED: one-sided violence against unarmed people is not a battle
        c.fired.append("subtype.civilian_target")
        keep = set(expand(["Violence against civilians", "Explosions/Remote violence"]))
        allowed = [sub for sub in allowed if sub in keep]
    if "Excessive force against protesters" in allowed and not protest_context(text):
        allowed.remove("Excessive force against protesters")
    res = classify(text, allowed) if allowed and rules.on("subtype.classifier") else None
    if res is None:
        return ("Attack" if violence else None), rules.typing["fallback"]
    c.by_classifier = True
    c.fired.append("subtype.classifier")
    return res[0], res[1]


DECIDERS: dict[str, Callable[[Candidate, str, Any, Rules], Decision]] = {
    "fixed": _fixed,
    "classify": _classify,
    "capture": _capture,
    "territory": _territory,
    "release": _release,
    "agree": _agree,
    "weapons_or_property": _weapons_or_property,
    "withdraw": _withdraw,
    "troops": _troops,
    "weapons": _weapons,
    "base": _base,
}


def decide_subtype(
    c: Candidate, sent_text: str, classify: Any, rules: Rules
) -> tuple[str | None, float]:
    """(ACLED sub-type or None, typing confidence 0..1) by the decision table's row for the
    trigger's ``acled`` value."""
    acled = c.spec.get("acled")
    if acled is None:
        return None, rules.typing["no_acled"]
    row = rules.row(acled)
    sub, conf = DECIDERS[row.name](c, sent_text, classify, rules)
    if row.name != "classify" and sub is not None and not c.fired[-1].startswith("subtype."):
        c.fired.append(f"subtype.table.{row.name}")  # the decision table's row decided
    if conf is None:
        conf = row.gives.get(sub, row.miss) if sub is not None else row.miss
    return sub, conf


#: Sub-types about a kind of object: a rescue may give them only when such an object is named.
RESCUE_CUES = {
    "Disrupted weapons use": "weapon_nouns",
    "Headquarters or base established": "base_nouns",
    "Looting/property destruction": "property_nouns",
}


def _rescue_cue(subtype: str, text: str, rules: Rules) -> bool:
    """The sentence names the kind of object the rescued sub-type is about (a weapon for
    Disrupted weapons use: not "seized 3,000 kilos of rotten pork"): ``subtype.rescue_cue``."""
    name = RESCUE_CUES.get(subtype)
    if name is None or not rules.on("subtype.rescue_cue"):
        return True
    words = set(re.findall(r"[a-z]+", text.lower()))
    nouns = lexicon()[name]
    if any(w in nouns or (w.endswith("s") and w[:-1] in nouns) for w in words):
        return True
    return name == "weapon_nouns" and lexicon_re("weapon_re").search(text) is not None


def rescue(
    c: Candidate, text: str, classify: Any, tconf: float, rules: Rules
) -> tuple[str | None, float]:
    """A trigger whose rule found no ACLED sub-type ("set up" whose object is no known base
    noun, "found" with no known weapon) gets one when the classifier's best label for the whole
    sentence, "no ACLED event" included, is one the rule could have given (the table's
    ``rescue`` rows). Not for agreements: a trade deal is no ACLED Agreement."""
    row = rules.row(c.spec.get("acled"))
    row_of = getattr(classify, "row", None)
    if not row.rescue or row_of is None or not rules.on("subtype.rescue"):
        return None, tconf
    got = row_of(text)
    if got is None:
        return None, tconf
    labels, scores = got
    r = np.asarray(scores, dtype=float)
    best = labels[int(r.argmax())]
    if best not in row.gives or not _rescue_cue(best, text, rules):
        return None, tconf
    p = np.exp((r - r.max()) * rules.typing["rescue_temperature"])
    c.fired.append("subtype.rescue")
    return best, rules.typing["rescue_factor"] * float(p.max() / p.sum())


def open_subtypes(c: Candidate, sent_text: str, rules: Rules) -> list[str]:
    """The sub-types the classifier may still give a trigger it typed (a ``classify`` trigger
    without a weapon cue in its phrase, a territory rule): the vote may move it among these."""
    if not c.by_classifier:
        return []
    row: SubtypeRow = rules.row(c.spec.get("acled"))
    if row.name == "territory":
        return list(row.gives)
    return allowed_for(c, sent_text, rules)


def chemical_for(
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
    return chemical("".join(chars))
