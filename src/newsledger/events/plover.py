"""PLOVER coding at sentence level: every interaction, not only violence.

Decides, for each sentence, its PLOVER act -- one of the sixteen categories, its mode where the
codebook gives modes, the source and the target -- from the cue rules of ``data/plover.toml``
(ids ``plover.*``; docs/events.md "PLOVER"). The cues come from the codebook's definitions and
the CAMEO categories it collapses. The act is the cue highest in the dependency tree ("refused to
meet": a refusal; "threatened to impose sanctions": a threat, mode ``relations``); negation and
modality come from :func:`~.certainty.certainty` and each category's ``[category.*]`` row ("did
not agree": REJECT; "may impose sanctions": THREATEN at most; "will visit": AGREE).

The act becomes an event (:func:`code_sentences`): the sentence's event of the same trigger
takes the act's mode and codes, or a PLOVER-only event (no ACLED type: it never counts as an
ACLED event) is added. A verbal act said by someone is a claim too: the event and the claim
made by the same verb point at each other (``Event.claim``, ``Claim.events``:
:func:`.plover_claims.link_claims`). Codes: ISO 3166 alpha-3 for an actor of one country, ``IGO`` / ``NGO`` for
international organisations (PLOVER's non-state codes); the actor ids stay in actor1 / actor2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import UNASSERTED_CERTAINTIES, Document, Event, Evidence, content_id
from .arguments import clause_span
from .certainty import certainty
from .plover_codebook import Category, Codebook, Cue, codebook
from .plover_model import model_candidate, model_cue, model_reads
from .plover_parties import (
    act_parties,
    actor_code,
    armed_party,
    borrowed_source,
    country_words,
    diplomatic,
    own_word,
    political,
    source_token,
    speaker,
)
from .rules import Rules, lexicon
from .sentences import parse_is_bad, segments, skip_context
from .syntax import child
from .triggers import Candidate, _noun_guard, _verb_guard, _verb_spec, verb_lemma
from .where_when import pick_date, pick_place

_DURING = ("during", "amid", "in", "at", "after")
_OBJ_DEPS = ("dobj", "obj", "nsubjpass", "attr", "dative", "oprd")
_OBJ_PREPS = ("to", "for", "on", "of", "from")


# -- matching ---------------------------------------------------------------------------------


def _kind(tok: Any) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "ADJ" and tok.tag_ in ("VBN", "VBD")):
        return "verb"
    if tok.pos_ == "NOUN":
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    return None


def _objects(tok: Any, particles: frozenset[str]) -> list[Any]:
    """The verb's objects: direct object, passive subject, objects of its particle-prepositions
    and of "to" / "for" / "on" (with their conjuncts)."""
    out = [c for c in tok.children if c.dep_ in _OBJ_DEPS]
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ in particles or c.lower_ in _OBJ_PREPS):
            out.extend(p for p in c.children if p.dep_ == "pobj")
        if c.dep_ in ("prep", "prt", "advmod"):  # "pulled out of the treaty"
            out.extend(p for x in c.children if x.lower_ in ("of", "from") for p in x.children)
        if c.dep_ == "xcomp":  # "sent troops", "decided to impose sanctions"
            out.extend(x for x in c.children if x.dep_ in ("dobj", "obj"))
        if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i:  # "allowed inspectors to visit"
            out.extend(x for x in c.children if x.dep_ == "nsubj" and x.i < c.i)
    out += [cc for o in out for cc in o.children if cc.dep_ == "conj"]
    return out


def _words(toks: list[Any]) -> set[str]:
    """The objects' words: lemma, form, compounds and adjectives, participles after them ("a
    general indicted for war crimes"), "of" objects ("700 kg of medicine")."""
    words = set()
    for t in toks:
        words.update((t.lemma_.lower(), t.lower_))
        for c in t.children:
            if c.dep_ in ("compound", "amod", "nummod") or (c.dep_ == "acl" and c.tag_ == "VBN"):
                words.add(c.lower_)
            elif c.dep_ == "prep" and c.lower_ == "of":
                words.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj")
    return words


def _people(objs: list[Any]) -> bool:
    """A named person or a nationality's plural among the objects ("freed two Britons")."""
    words = country_words()
    return any(
        o.ent_type_ == "PERSON" or (o.tag_ in ("NNS", "NNPS") and o.lower_ in words) for o in objs
    )


def _dated(prep: Any) -> bool:
    """A preposition of a date or time, no particle ("pushed into the town on Saturday")."""
    return prep.dep_ == "prep" and any(
        p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in prep.children
    )


def _fits(tok: Any, kind: str, cue: Cue) -> bool:
    """Whether the token meets the cue's dependency conditions."""
    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")}
    if cue.compounds and not mods & cue.compounds:
        return False
    if cue.not_compounds and mods & cue.not_compounds:
        return False
    if cue.not_participle and tok.dep_ in ("acl", "advcl") and child(tok, "agent") is not None:
        return False  # "forces, backed by tanks, retook the town": a description, no act
    if kind == "noun":
        return tok.dep_ != "compound" or bool(cue.compounds)
    if kind == "adj":
        return any(c.dep_ in ("xcomp", "prep") for c in tok.children)
    if (
        cue.particles
        and not any(
            c.dep_ in ("prt", "prep", "advmod") and c.lower_ in cue.particles and not _dated(c)
            for c in tok.children
        )
        and not any(  # "pushing for the US [to] support": a for-clause
            m.dep_ == "mark" and m.lower_ in cue.particles
            for c in tok.children
            if c.dep_ in ("advcl", "ccomp") and c.i > tok.i
            for m in c.children
        )
    ):
        return False
    if cue.subjects:  # "troops left the town" (the verb's subject, its conjuncts' too)
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not _words(subj + [cc for t in subj for cc in t.children if cc.dep_ == "conj"]) & (
            cue.subjects
        ):
            return False
    if cue.objects:
        objs = _objects(tok, cue.particles)
        if not _words(objs) & cue.objects and not ("@people" in cue.objects and _people(objs)):
            return False
    return not cue.complement or any(
        c.dep_ in (*_OBJ_DEPS, "xcomp", "ccomp", "prep") for c in tok.children
    )


def cues_of(tok: Any, rules: Rules) -> list[Cue]:
    """The cue rules the token meets, the most specific first (rank, then conditions)."""
    kind = _kind(tok)
    if kind is None:
        return []
    book = codebook()
    low = tok.lemma_.lower()
    if low not in book.words and tok.lower_ not in book.words and kind != "verb":
        return []
    lemma = verb_lemma(tok, rules) if kind == "verb" else low
    if lemma not in book.words and tok.lower_ not in book.words:
        return []
    found = list(book.by_lemma.get((kind, lemma), ()))
    if kind == "noun" and tok.lower_ != lemma:
        found += [c for c in book.by_lemma.get((kind, tok.lower_), ()) if c not in found]
    if kind == "verb" and tok.pos_ == "ADJ":  # "willing" is an adjective, "prepared" both
        found += [c for c in book.by_lemma.get(("adj", tok.lower_), ()) if c not in found]
    fit = [  # a plural listed as such ("manoeuvres", lemma "manoeuvre") is a noun cue too
        c
        for c in found
        if _fits(tok, kind if lemma in c.verbs | c.nouns or tok.lower_ in c.nouns else "adj", c)
    ]
    return sorted(fit, key=lambda c: (-_conditions(c, kind), -c.rank))


def _conditions(c: Cue, kind: str = "verb") -> int:
    """How specific the cue is for this kind of word: objects and particles are conditions on
    verbs only (a noun "blockade" meets no "block the road" condition)."""
    if kind != "verb":
        return bool(c.compounds)
    return bool(c.objects) + bool(c.particles) + bool(c.compounds)


def _depth(tok: Any, sent: Any) -> int:
    d, cur = 0, tok
    while cur.head.i != cur.i and sent.start <= cur.head.i < sent.end and d < 30:
        cur = cur.head
        d += 1
    return d


def _in_condition(tok: Any, sent: Any) -> bool:
    """Whether the cue is in a clause of condition ("until the government recognised ...",
    "unless Israel rescinded ...": plover.toml ``condition_marks``): a condition is not
    reported as done, so it is no act of the sentence."""
    marks = codebook().modality.get("condition_marks", ())
    cur = tok
    for _ in range(30):
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in marks for c in cur.children
        ):
            return True
        if cur.head.i == cur.i or not sent.start <= cur.head.i < sent.end:
            return False
        cur = cur.head
    return False


# -- the act ----------------------------------------------------------------------------------


@dataclass
class Act:
    """The PLOVER act of a sentence."""

    token: Any
    cue: Cue
    category: str
    mode: str | None
    certainty: str
    claim: str | None
    source: str | None = None  # actor ids
    target: str | None = None
    source_code: str | None = None  # ISO alpha-3, IGO, NGO
    target_code: str | None = None
    fired: list[str] = field(default_factory=list)
    typing: float | None = None  # how sure the category is (the PLOVER model's probability)


def _negating_governor(tok: Any, sent: Any) -> bool:
    gov = codebook().modality["negating_governors"]
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "acomp") or not sent.start <= cur.head.i < sent.end:
            return False
        cur = cur.head
        if cur.lemma_.lower() in gov:
            return True
    return False


def _will_not(tok: Any) -> bool:
    """A will / would / can / could on the negated cue ("would not negotiate", "won't
    withdraw"): a stated refusal, not a report that something did not happen."""
    return any(c.dep_ == "aux" and c.lower_ in _REFUSAL_AUX for c in tok.children)


_REFUSAL_AUX = ("will", "would", "wo", "'ll", "can", "ca", "could", "shall")


def _modal_category(
    cat: Category, cue: Cue, cert: str, negated: bool, rules: Rules, refusal: bool = False
) -> tuple[str, str] | None:
    """(category, rule id) after negation and modality; None: no act. ``refusal``: the negated
    cue is under will / would / can / could (:func:`_will_not`)."""
    if negated and refusal and cat.refused and rules.on("plover.refusal"):
        got, rid = cat.refused, "plover.refusal"  # "would not negotiate": a stated refusal
    elif negated:
        got, rid = (cat.negated if cue.negated is None else cue.negated), "plover.negated"
    elif cert == "future":
        got, rid = cat.future, "plover.future"
    elif cert in ("hypothetical", "conditional"):
        got, rid = cat.hypothetical, "plover.hypothetical"
    else:
        return cat.name, ""
    if not rules.on(rid):
        got = "keep" if not negated else ""
    if not got:
        return None
    return (cat.name if got == "keep" else got), rid


def _content_mode(act_cat: str, tok: Any, sent: Any, rules: Rules) -> str | None:
    """The mode a THREATEN / REQUEST / REJECT act takes from what it is about: the category of
    the first cue below it."""
    table = codebook().content_modes.get(act_cat)
    if not table:
        return None
    for t in tok.subtree:
        if t.i == tok.i or not sent.start <= t.i < sent.end:
            continue
        for c in cues_of(t, rules):
            if c.category in table:
                return table[c.category]
            if (
                c.category == "COERCE"
                and act_cat == "THREATEN"
                and c.mode in ("arrest", "restrict")
            ):
                return c.mode
            if c.category == "SANCTION" and act_cat == "THREATEN" and c.mode == "expel":
                return "expel"
    return table.get("other")


def _assault_mode(tok: Any) -> str | None:
    top = tok.head if tok.pos_ == "NOUN" and tok.head.i != tok.i else tok
    text = tok.doc[top.left_edge.i : top.right_edge.i + 1].text
    for mode, pat in codebook().assault_modes:
        if pat.search(text):
            return mode
    return None


def _act_certainty(
    doc: Document, tok: Any, cat: str, sent: Any, rules: Rules
) -> tuple[str, str | None, bool]:
    cand = Candidate(
        tok, {"plover": cat}, tok.text, "noun" if tok.pos_ == "NOUN" else "verb", seg=sent
    )
    cert, claim, negated = certainty(doc, cand, doc.claims, rules, sent)
    head, mod = tok.head, codebook().modality
    if (
        cert in ("hypothetical", "conditional", "future")
        and head.i != tok.i
        and (
            (tok.dep_ == "xcomp" and head.lemma_.lower() in mod["aspect_governors"])
            or (
                tok.dep_ in ("xcomp", "acl")
                and cat == "ASSAULT"
                and head.lemma_.lower() in mod["attempt_governors"]
            )
            or (tok.dep_ == "advcl" and head.tag_ == "VBD")
            or (  # "decided to suspend aid", "voted to reject": a decided act is done
                tok.dep_ == "xcomp"
                and (cat in mod["force_categories"] or cat in mod.get("decided_verbal", ()))
                and head.lemma_.lower() in mod["decision_governors"]
            )
            or (tok.dep_ in ("xcomp", "advcl") and head.lemma_.lower() in mod["purpose_governors"])
        )
    ):  # "continued to send arms", "an attempt to assassinate", "used tear gas to disperse"
        hc = Candidate(head, {"plover": cat}, head.text, "verb", seg=sent)
        cert, claim, _ = certainty(doc, hc, doc.claims, rules, sent)
    return cert, claim, negated or _negating_governor(tok, sent)


def _obliged(tok: Any) -> bool:
    """A must / should on the cue or the verb it hangs from ("the US must be ready to")."""
    modals = codebook().modality["obligation_modals"]
    for t in (tok, tok.head):
        if any(c.dep_ == "aux" and c.lower_ in modals for c in t.children):
            return True
    return False


def _force_content(tok: Any, sent: Any, rules: Rules) -> str | None:
    """The category of force (plover.toml ``force_categories``) an offer is about, or None."""
    force = codebook().modality["force_categories"]
    todo = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "prep")]
    while todo:  # breadth first down the complement, not into if-clauses: the first cue decides
        t = todo.pop(0)
        if not sent.start <= t.i < sent.end:
            continue
        cues = cues_of(t, rules)
        if cues:
            return str(cues[0].category) if cues[0].category in force else None
        todo += [c for c in t.children if c.dep_ not in ("advcl", "mark", "relcl")]
    return None


def _protest_violence(tok: Any, sent: Any, rules: Rules) -> bool:
    """Violence by protesters, or told in a protest's phrase: its subject is a protester word
    (triggers.json ``protester_nouns``), or a protest hangs from it ("during a protest")."""
    subj = source_token(tok)
    if subj is not None and subj.lemma_.lower() in lexicon()["protester_nouns"]:
        return True
    mods = codebook().modality.get("protest_modifiers", ())  # "striking workers clashed"
    if subj is not None and any(c.lower_ in mods for c in subj.children if c.dep_ == "amod"):
        return True
    people = {"protester", "protestor", "demonstrator", "rioter", "striker", "marcher"}
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _DURING):
        for t in (p for p in prep.children if p.dep_ == "pobj"):
            cues = cues_of(t, rules)
            if cues and cues[0].category == "PROTEST" and t.lemma_.lower() not in people:
                return True  # "clashed with police during a protest", not "fired at protesters"
    return False


def _guarded(tok: Any, sent: Any, rules: Rules) -> bool:
    """A trigger word of triggers.json that one of the stage's guards drops in this use
    (plover.toml ``blocking_guards``: a deadly flood, "declined to comment", "demonstrates the
    limits", a charity march) is no PLOVER cue either."""
    lex, block = lexicon(), codebook().modality["blocking_guards"]
    if tok.pos_ == "VERB":
        spec, _, _ = _verb_spec(tok, verb_lemma(tok, rules), rules)
        return spec is not None and _verb_guard(tok, spec, sent, rules) in block
    if tok.pos_ == "NOUN":
        spec = lex["nouns"].get(tok.lemma_.lower()) or lex["nouns"].get(tok.lower_)
        return spec is not None and _noun_guard(tok, spec, sent, rules) in block
    return False


def _act_mode(
    cue: Any, category: str, rid: str | None, content: str | None, tok: Any, sent: Any, rules: Rules
) -> str | None:
    """The act's PLOVER mode: the cue's own, the demanded act's for a REQUEST, the threatened
    act's for a THREATEN, else read from the content or (ASSAULT) the weapon."""
    book = codebook()
    mode: str | None = cue.mode if category == cue.category and cue.mode else None
    if rid == "plover.obligation":
        table = book.content_modes["REQUEST"]
        mode = table.get(cue.category, table["other"])
    elif category == "THREATEN" and rid == "plover.negated":  # "not rule out force"
        sanctions = {"sanction", "sanctions"} & _words(_objects(tok, cue.particles))
        mode = "relations" if sanctions else "violence"
    elif category == "THREATEN" and cue.category != "THREATEN":
        mode = cue.threat_mode or book.content_modes["THREATEN"].get(content or cue.category)
    elif category in book.content_modes and mode is None:
        mode = _content_mode(category, tok, sent, rules)
    elif category == "ASSAULT" and mode is None:
        mode = _assault_mode(tok)
    return mode


def _candidates(doc: Document, sent: Any, rules: Rules, triggers: set[int] | None) -> list[Any]:
    """Each token's first cue that no guard, skip context or condition clause removes, with its
    sort key (depth in the parse, the cue's rank, position)."""
    book = codebook()
    skip: bool | None = None  # a skip context, asked only when a violent cue is there
    cands = []
    for tok in sent:
        cues = cues_of(tok, rules)
        if any(c.category in book.modality["skip_categories"] for c in cues):
            skip = skip_context(sent, rules) if skip is None else skip
            if skip and not armed_party(doc, source_token(tok)):  # "the Taliban executed
                cues = [c for c in cues if c.category not in book.modality["skip_categories"]]
                # two men in a sports stadium": an armed party's act, whatever the page's words
        if (
            cues
            and not cues[0].objects  # "dropped food": the object already tells the sense
            and (triggers is None or tok.i not in triggers)
            and _guarded(tok, sent, rules)
        ):
            cues = []
        if cues and rules.on("plover.condition") and _in_condition(tok, sent):
            cues = []
        if cues:
            cands.append((_depth(tok, sent), -cues[0].rank, tok.i, tok, cues[0]))
    return cands


def sentence_act(
    doc: Document, sent: Any, rules: Rules, triggers: set[int] | None = None
) -> Act | None:
    """The PLOVER act of one sentence, or None. ``triggers``: the token indices the trigger
    lexicon proposed (their guards passed); a sentence of a skip context (sport, film...) has no
    violent, coercive, protest or mobilisation act."""
    for _, _, _, tok, cue in sorted(_candidates(doc, sent, rules, triggers), key=lambda x: x[:3]):
        act = _act_of(doc, sent, tok, cue, rules)
        if act is not None:
            return act
    return None


def _act_of(doc: Document, sent: Any, tok: Any, cue: Cue, rules: Rules) -> Act | None:
    """The act a cue makes of its token after negation, modality, the inner act and the
    parties, or None."""
    book = codebook()
    cat = book.categories[cue.category]
    cert, claim, negated = _act_certainty(doc, tok, cat.name, sent, rules)
    got = _modal_category(cat, cue, cert, negated, rules, negated and _will_not(tok))
    if got is None:
        return None
    category, rid = got
    inner = _inner_act(tok, category, rules)  # "agreed to forgive debt": AID (codebook)
    if inner is not None:  # "ordered the expulsion of the workers": the expulsion
        cue, category, rid = inner[0], inner[0].category, inner[1]
    content = None
    if claim and category != "REQUEST" and rules.on("plover.obligation") and _obliged(tok):
        category, rid = "REQUEST", "plover.obligation"  # "Iraq must cooperate", X said
    elif category == "AGREE" and cue.force_threat and rules.on("plover.intent_to_force"):
        content = _force_content(tok, sent, rules)
        if content is not None:
            category, rid = "THREATEN", "plover.intent_to_force"
    fired = [cue.id, *([rid] if rid else [])]
    announced = claim is not None or category != "CONCEDE" or cue.category == "CONCEDE"
    if (
        ((rid or category in ("AGREE", "THREATEN", "CONCEDE")) and announced)
        or cert not in UNASSERTED_CERTAINTIES
    ):  # a promise, a threat is asserted; a retreat to come is a concession when announced
        cert = "claimed" if claim else ("reported" if cert in UNASSERTED_CERTAINTIES else cert)
    mode = _act_mode(cue, category, rid, content, tok, sent, rules)
    if (
        category == "ASSAULT"
        and rules.on("plover.protest_violence")
        and _protest_violence(tok, sent, rules)
    ):  # "students clashed with police during a protest": a riot (codebook: PROTEST riot)
        category, mode = "PROTEST", "riot"
        fired.append("plover.protest_violence")
    act = Act(tok, cue, category, mode, cert, claim, fired=fired)
    act_parties(doc, act, sent, rules)
    if (
        category == "PROTEST"
        and tok.lemma_.lower() == "protest"
        and rules.on("plover.diplomatic_protest")
        and diplomatic(doc, act)
    ):  # "Beijing protested against the arms sale": a diplomatic protest (codebook)
        act.category, act.mode = "ACCUSE", "disapprove"
        act.fired.append("plover.diplomatic_protest")
    if (
        category == "THREATEN"
        and cue.category != "THREATEN"
        and rid not in ("plover.intent_to_force", "plover.negated")
        and not own_word(doc, act, sent)
    ):  # "rebels could attack (, analysts said)": a guess, nobody's threat
        return None
    if rid == "plover.obligation":  # the speaker demands it of the cue's subject
        act.target, act.target_code = act.source, act.source_code
        act.source, act.source_code = speaker(doc, tok, sent)
    return act


def _inner_act(tok: Any, category: str, rules: Rules) -> tuple[Cue, str] | None:
    """The act inside an agreement or an order that the codebook codes as the act itself: the
    cue agreed to with plover.toml ``agreed`` ("agreed to write off the debt": AID; rule
    plover.agreed_relief), the act noun an order names, no one told to do it ("ordered the
    expulsion of the workers"; ``order_verbs``, rule plover.ordered_act)."""
    agreed = category == "AGREE" and rules.on("plover.agreed_relief")
    ordered = tok.lemma_.lower() in codebook().modality["order_verbs"] and not any(
        c.dep_ in ("xcomp", "ccomp") for c in tok.children
    )
    for c in tok.children:
        cues = cues_of(c, rules) if c.dep_ in ("xcomp", "acl", "dobj") else []
        if agreed and cues and cues[0].agreed and c.dep_ != "dobj":
            return cues[0], "plover.agreed_relief"
        if ordered and cues and c.dep_ == "dobj" and rules.on("plover.ordered_act"):
            return (cues[0], "plover.ordered_act") if cues[0].category != "REQUEST" else None
    return None


# -- events -----------------------------------------------------------------------------------


def _confidence(rules: Rules, act: Act, place: str | None, section: str) -> float:
    """The raw confidence of a PLOVER-only event: the stage's formula (rules.toml
    ``[confidence]``) with the ``no_acled`` typing confidence, or the model's probability."""
    w = rules.confidence
    conf = w["base"] + w["typing"] * _typing(rules, act)
    conf += w["actor1"] if act.source or act.source_code else 0.0
    conf += w["actor2_or_place"] if act.target or act.target_code or place else 0.0
    conf += w["verb_trigger"] if act.token.pos_ != "NOUN" else 0.0
    conf *= w["caption_factor"] if section == "caption" else 1.0
    return conf * (w["unasserted_factor"] if act.certainty in UNASSERTED_CERTAINTIES else 1.0)


def _typing(rules: Rules, act: Act) -> float:
    """The typing confidence of a PLOVER-only act: the model's probability for an act it read
    (below a cue's where it is less sure), else rules.toml ``no_acled``."""
    return act.typing if act.typing is not None else rules.typing["no_acled"]


def code_sentences(doc: Document, sdoc: Any, st: Any) -> None:
    """The PLOVER act of every sentence onto ``st.events`` (the stage's :class:`~.assemble.
    DocState`): the event of the same trigger takes its mode and codes (a PLOVER-only event its
    category and certainty too), or a PLOVER-only event is added. The acts are recorded in
    ``doc.user_data["events.plover"]`` (event id, category) for ``eval plover``."""
    rules: Rules = st.rules
    by_tok = {st.cand_of[e.id].token.i: e for e in st.events if e.id in st.cand_of}
    acts: list[tuple[str, str]] = []
    usable = doc.user_data.get("events.usable")
    if usable is None:
        usable = [
            s
            for s in segments(sdoc)
            if doc.section_at(s.start_char) != "boilerplate" and not parse_is_bad(s, rules)
        ]
    triggers = {c.token.i for _, cs in doc.user_data.get("events.sentences", []) for c in cs}
    found, pending = [], []
    for sent in usable:
        act = sentence_act(doc, sent, rules, triggers)
        if act is not None:
            found.append((sent, act))
        elif (
            rules.on("plover.model")
            and (section := doc.section_at(sent.start_char)) != "caption"  # no caption
            and (tok := model_candidate(doc, sent, section)) is not None
        ):
            pending.append((sent, tok))
    found += _model_acts(doc, pending, rules)
    for sent, act in sorted(found, key=lambda x: x[1].token.i):
        ev = by_tok.get(act.token.i)
        if (
            ev is not None
            and ev.type is not None
            and (ev.plover != act.category or _differs(ev, act))
        ):
            if _differs(ev, act):  # "an attempt to assassinate ... was foiled": no ACLED event,
                ev = None  # an ASSAULT all the same (the codebook codes attempts)
            else:  # the codebook's reading wins: an abduction is ASSAULT 'abduct', not COERCE
                ev.plover = act.category
        if ev is None:  # one event per act: the sentence's event of that category ("killed when
            ev = next(  # militants stormed": the killing is the storming's fatalities)
                (
                    e
                    for e in st.events
                    if e.evidence.start == sent.start_char
                    and e.plover == act.category
                    and not (e.type is not None and _differs(e, act))
                ),
                None,
            )
        if ev is not None:
            if ev.type is None:  # a PLOVER-only event: the act is what it is
                ev.plover, ev.certainty = act.category, act.certainty
                ev.claim = ev.claim or act.claim
                ev.actor1, ev.actor2 = act.source or ev.actor1, act.target or ev.actor2
            st.cand_of[ev.id].fired.extend(act.fired)  # an ACLED event keeps its actors
        else:
            ev = _new_event(doc, sent, act, st)
            st.events.append(ev)
        if ev.plover == act.category:
            ev.mode = act.mode
        ev.source = act.source_code or actor_code(doc, ev.actor1)
        ev.target = act.target_code or actor_code(doc, ev.actor2)
        if ev.actor2 == ev.actor1:
            ev.actor2 = None
        acts.append((ev.id, act.category))
    for e in st.events:  # every PLOVER event carries its actors' codes ("designated by the US")
        if e.plover and e.source is None and e.target is None:
            e.source, e.target = actor_code(doc, e.actor1), actor_code(doc, e.actor2)
    st.events.sort(key=lambda e: e.evidence.start)
    doc.user_data["events.plover"] = acts
    doc.user_data["events.place_sourced"] = {
        e.id
        for e in st.events
        if e.id in st.cand_of and "plover.place_source" in st.cand_of[e.id].fired
    }


def _model_acts(
    doc: Document, pending: list[tuple[Any, Any]], rules: Rules
) -> list[tuple[Any, Act]]:
    """The acts the PLOVER model reads (:func:`.plover_model.model_reads`, rule
    ``plover.model``) through the cue path's negation, modality and parties; the source must be
    the act's own (not the speaker's, not the sentence's country)."""
    out = []
    for sent, tok, category, p in model_reads(pending):
        act = _act_of(doc, sent, tok, model_cue(category), rules)
        if act is not None and not borrowed_source(act):
            act.fired.append(f"plover.model:{p:.2f}")
            act.typing = p
            out.append((sent, act))
    return out


def _differs(ev: Event, act: Act) -> bool:
    """Whether the event and the act differ in assertion ("will withdraw": a future withdrawal,
    an asserted concession; "an attempt to assassinate ... was foiled": no ACLED event, an
    asserted ASSAULT)."""
    return (ev.certainty in UNASSERTED_CERTAINTIES) != (act.certainty in UNASSERTED_CERTAINTIES)


def _new_event(doc: Document, sent: Any, act: Act, st: Any) -> Event:
    tok = act.token
    pos = "noun" if tok.pos_ == "NOUN" else "verb"
    cand = Candidate(tok, {"plover": act.category, "acled": None}, tok.text, pos, seg=sent)
    cand.fired = list(act.fired)
    span = clause_span(cand)
    date, date_text = pick_date(doc, sent, span, tok.idx, [])
    place = pick_place(doc, sent, span, [])
    section = doc.section_at(sent.start_char)
    ev = Event(
        id="ev_" + content_id(f"{doc.id}|{tok.idx}|{tok.text}|None|{act.category}")[:12],
        evidence=Evidence(sent.start_char, sent.end_char, sent.text.strip(), section),
        plover=act.category,
        actor1=act.source,
        actor2=act.target if act.target != act.source else None,
        place=place,
        date=date,
        date_text=date_text,
        certainty=act.certainty,
        claim=act.claim,
        confidence=_confidence(st.rules, act, place, section),
        trigger=tok.text,
    )
    st.cand_of[ev.id] = cand
    st.terms[ev.id] = {"typing_confidence": _typing(st.rules, act)}
    return ev


def political_acts(doc: Document, events: list[Event], rules: Rules) -> list[Event]:
    """``events`` less the PLOVER-only ones with no political party on either side, named or
    not (the words of ``data/acled_actors.txt`` and ``data/plover_agents.txt``: "the government",
    "police", "protesters", "the court", "dock workers";
    rule ``plover.political_party``): PLOVER codes interactions of states, organisations, armed
    groups and their officials, so "Minnesota beat Buffalo", "Thank you all for your reviews"
    or "the verdict of the judges" are no acts. ACLED-typed events are left to the stage's
    own scope rules."""
    if not rules.on("plover.political_party"):
        return events
    from .scope import _words_in

    placed = doc.user_data.pop("events.place_sourced", set())
    sdoc = doc.user_data.get("spacy")

    def unnamed(e: Event) -> bool:  # "the government", "police", "protesters" in the sentence
        if sdoc is None:
            return False
        sent = sdoc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
        return sent is not None and (
            _words_in(sent, "acled_actors") or _words_in(sent, "plover_agents")
        )

    return [
        e
        for e in events
        if e.type is not None
        or not e.plover
        or political(doc, e.actor1, e.source, e.id not in placed)
        or political(doc, e.actor2, e.target, True)
        or unnamed(e)
    ]


def keep_gated_acts(doc: Document, before: list[Event], after: list[Event]) -> list[Event]:
    """The events the relevance gate kept, plus each sentence's PLOVER act whose ACLED-typed
    event it dropped, as a PLOVER-only event (no ACLED type): a police raid on drug dealers is
    out of ACLED's scope and still a PLOVER COERCE."""
    kept = {e.id for e in after}
    acts = {i for i, _ in doc.user_data.get("events.plover", [])}
    out = list(after)
    for e in before:
        if e.id not in kept and e.id in acts and e.plover:
            e.type = e.subtype = None
            out.append(e)
    return sorted(out, key=lambda e: e.evidence.start) if len(out) > len(after) else after


__all__ = ["Act", "Codebook", "Cue", "actor_code", "code_sentences", "codebook", "cues_of",
           "keep_gated_acts",
           "sentence_act"]  # fmt: skip
