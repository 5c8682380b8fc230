"""PLOVER sources and targets: who acts on whom, as actor ids and PLOVER codes.

An actor of one country is coded by its ISO 3166 alpha-3 code, the registry's international
organisations by ``IGO`` / ``NGO`` (PLOVER's non-state codes); a nationality word modifying the
head ("Iraqi President Saddam Hussein"), a country word in the phrase ("a Jordanian official")
or a capital standing for its government ("Jakarta forced ...") gives the code where no actor
does. :func:`act_parties` gives an act its source and target; used by :mod:`.plover`
(docs/events.md "PLOVER")."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..document import Document
from .arguments import actor_index, actor_of_token
from .plover_codebook import codebook
from .syntax import child, prep_obj
from .syntax import subject as _subject

if TYPE_CHECKING:
    from .plover import Act
    from .rules import Rules

#: A dateline opening a story or sentence: a place in capitals, a date, an agency, a dash
#: ("LAGOS, May 4 (Reuters) - ").
DATELINE = re.compile(
    r"\s*[A-Z][A-Z.' -]+(?:,[^()\n]{1,40})?\s*(?:\([^()\n]{1,40}\))?\s*(?:-{1,2}|\u2013|\u2014|:)\s"
)


def dateline_end(tok: Any) -> int:
    """The index after the dateline the token's sentence starts with ("KHARTOUM, May 4
    (Reuters) -": :data:`DATELINE`), else the sentence's start."""
    sent = tok.sent
    m = DATELINE.match(sent.text)
    if m is None:
        return int(sent.start)
    end = sent.start_char + m.end()
    return next((int(t.i) for t in sent if t.idx >= end), int(sent.start))


def subject(tok: Any) -> Any:
    """The verb's subject (syntax.subject), never a word of the dateline: spaCy makes
    "KHARTOUM, May 4 (Reuters) - Sudan's army shelled ..." the subject of "shelled" at times,
    and the agency in it is no party (plover.toml: a dateline's agency is not the source)."""
    s = _subject(tok)
    end = dateline_end(s) if s is not None else 0
    if s is None or s.i >= end:
        return s
    return next((c for c in s.head.children if c.dep_ == "nsubj" and c.i >= end), None)


_TARGET_PREPS = ("to", "with", "against", "on", "from", "of", "for", "at", "into", "toward",
                 "towards", "between", "in", "over")  # fmt: skip


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Lower-cased state names and demonyms of the actor registry -> ISO alpha-2."""
    from ..actors.registry import REGISTRY_FILE

    out: dict[str, str] = {}
    for line in REGISTRY_FILE.read_text("utf-8").splitlines():
        if '"type": "state"' not in line:
            continue
        r = json.loads(line)
        if r.get("type") == "state" and r.get("country"):
            for w in [r["name"], *r.get("demonyms", [])]:
                out.setdefault(w.lower(), r["country"])
                if w in r.get("demonyms", []):
                    out.setdefault(w.lower() + "s", r["country"])  # "Palestinians"
    for w, cc in codebook().codes["demonyms"].items():
        out[w.lower()] = cc
    return out


def _plain(text: str) -> str:
    """Lower case without accents or hyphens ("Boutros-Ghali" = "boutros ghali")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("-", " ").split())


@lru_cache(maxsize=1)
def leaders() -> dict[str, str]:
    """Plain name -> PLOVER code of the leaders and officials of ``data/plover_leaders.tsv``."""
    from .rules import DATA

    out: dict[str, str] = {}
    for line in (DATA / "plover_leaders.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _id, code, names = line.split("\t")
            for n in names.split(" | "):
                out[_plain(n)] = code
    return out


def leader_code(doc: Document, tok: Any, aid: str | None) -> str | None:
    """The state or body a leader the registry does not place acts for ("Yeltsin rejected",
    "President Boris Yeltsin", "Arafat's Fatah movement": plover_leaders.tsv), by the actor's
    name or the capitalised words of the name ending at the token (titles before it skipped)."""
    names = leaders()
    a = doc.actor(aid) if aid else None
    if a is not None and a.type in ("person", "other") and _plain(a.name) in names:
        return names[_plain(a.name)]
    if tok.pos_ != "PROPN":
        return None
    start = tok.i
    while (
        start > 0
        and tok.doc[start - 1].dep_ in ("compound", "flat", "punct")
        and (tok.doc[start - 1].head.i >= start - 1 and tok.doc[start - 1].i >= tok.left_edge.i)
    ):
        start -= 1
    for s in range(start, tok.i + 1):
        if tok.doc[s].text[:1].isupper():
            code = names.get(_plain(tok.doc[s : tok.i + 1].text))
            if code:
                return code
    return None


def pair_code(t: Any) -> str | None:
    """The ISO alpha-3 code of a two-word people name ending at the token ("Greek Cypriots":
    CYP, "Bosnian Serbs": BIH; plover.toml ``demonyms``), before its first word's own."""
    if t.i == 0:
        return None
    cc = country_words().get(f"{t.doc[t.i - 1].lower_} {t.lower_}")
    return iso3(cc) if cc else None


def word_code(t: Any) -> str | None:
    """The ISO alpha-2 code of a country word, read with the word before it first: "North
    Korean" is KP, "Northern Ireland" GB (plover.toml ``demonyms``), not "Korean", "Ireland"."""
    words = country_words()
    if t.i > 0:
        cc = words.get(f"{t.doc[t.i - 1].lower_} {t.lower_}")
        if cc:
            return cc
    return words.get(t.lower_)


@lru_cache(maxsize=512)
def iso3(alpha2: str) -> str | None:
    """ISO 3166 alpha-3 of an alpha-2 code ("JO" -> "JOR")."""
    import pycountry

    if alpha2.upper() == "XK":  # Kosovo: no ISO code; the codebook's own is KOS
        return "KOS"
    c = pycountry.countries.get(alpha_2=alpha2.upper())
    return str(c.alpha_3) if c is not None else None


def actor_code(doc: Document, actor_id: str | None) -> str | None:
    """The PLOVER code of an actor: IGO / NGO for international organisations, else the ISO
    alpha-3 code of its country."""
    if actor_id is None:
        return None
    codes = codebook().codes
    a = doc.actor(actor_id)
    if a is None:
        return None
    if a.type in ("igo", "ngo"):
        return str(codes[a.type])
    own = codes["demonyms"].get(a.name.lower()) if a.type == "state" else None
    if own:  # the codebook's own name for a state over the registry's ("Macedonia": MK)
        return iso3(own)
    if a.country:  # armed groups too (actors/data/group_countries.tsv: the IRA GB)
        return iso3(a.country)
    if a.type == "other" and any(w in a.name.lower() for w in codes["igo_words"]):
        return str(codes["igo"])
    return None


def _sponsor(t: Any) -> bool:
    """A country word before "-backed", "-sponsored" ... ("the Syrian-backed militia"): the
    sponsor, not the party's own country (plover.toml ``sponsor_words``)."""
    doc = t.doc
    return (
        t.i + 2 < len(doc)
        and doc[t.i + 1].text == "-"
        and doc[t.i + 2].lower_ in codebook().codes.get("sponsor_words", ())
    )


def np_code(tok: Any, skip: set[int] | None = None) -> str | None:
    """A country named or implied in a noun phrase without an actor ("a Jordanian official")."""
    for t in tok.subtree:
        if t.dep_ in ("relcl", "acl") and t.i > tok.i:
            break
        if (skip and t.i in skip) or _sponsor(t):
            continue
        cc = word_code(t)
        if cc and t.text[:1].isupper():
            return iso3(cc)
    return None


def modifier_code(tok: Any) -> str | None:
    """The country of a nationality or country word modifying the head ("Iraqi President
    Saddam Hussein", "the Swiss doctors"): it says whom the person or group belongs to."""
    for t in tok.lefts:
        if t.dep_ == "compound" and t.pos_ == "NOUN" and not t.text[:1].isupper():
            got = modifier_code(t)  # "Turkish Cypriot leader Rauf Denktash": the title's
            if got:
                return got
        if t.dep_ in ("amod", "compound", "nmod", "poss") and t.text[:1].isupper():
            if _sponsor(t):
                continue
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            cc = (pair_code(nxt) if nxt is not None and nxt.i != tok.i else None) or word_code(t)
            if cc:  # "Turkish Cypriot leader Rauf Denktash": CYP, not TUR
                return cc if len(cc) == 3 else iso3(cc)
            got = modifier_code(t) if t.dep_ == "compound" else None
            if got:
                return got
    return None


def place_code(doc: Document, tok: Any) -> str | None:
    """A capital or country standing for its government ("Jakarta forced ...", "Haiti said"):
    the country of a place mention that is the whole noun phrase."""
    a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    for p in doc.places:
        for m in p.mentions:
            if m.start <= tok.idx < m.end and m.start <= a and b <= m.end + 1 and p.country:
                return iso3(_country_of(doc, m, p.country))
    return None


def _country_of(doc: Document, m: Any, country: str) -> str:
    """A place mention's country: a country name's own code first ("Zaire": CD, whatever
    the gazetteer's place of that name), else the place's."""
    return country_words().get(doc.text[m.start : m.end].lower()) or country


def party(doc: Document, tok: Any) -> tuple[str | None, str | None]:
    """(actor id, code) of a noun phrase: its actor's code, unless a nationality word modifies
    the head; a country word in the phrase; a place standing for its government."""
    if tok is None:
        return None, None
    if any(c.dep_ == "amod" and c.lower_ in codebook().codes["ethnic_words"] for c in tok.children):
        home = prep_obj(tok, ("in",))  # "ethnic Albanians in south Serbia": SRB, not ALB
        code = (place_code(doc, home) or np_code(home)) if home is not None else None
        # "ethnic Albanians demonstrated in Pristina": the place of the act
        code = code or (sentence_place(doc, tok.sent) if home is None else None)
        if code:
            return actor_of_token(doc, tok), code
    aid = actor_of_token(doc, tok)
    noun = tok.pos_ in ("NOUN", "PROPN")
    if tok.pos_ == "PROPN":  # "Saddam Hussein" (not the registry's "Hussein"), "the Paris Club"
        code = full_name_code(tok) or igo_head_code(tok)
        if code:
            return aid, code
    code = (pair_code(tok) or modifier_code(tok)) if noun else None
    code = code or actor_code(doc, aid) or leader_code(doc, tok, aid) or title_code(doc, tok, aid)
    if code is None and tok.pos_ in ("NOUN", "PROPN"):  # "Arafat's Fatah movement": PSE
        owner = child(tok, "poss")
        code = leader_code(doc, owner, actor_of_token(doc, owner)) if owner is not None else None
    if aid is None and code is None:  # "the aid group Doctors Without Borders": the name
        for c in tok.children:
            if c.dep_ == "appos":
                got = party(doc, c)
                if got[0] or got[1]:
                    return got
    if code is None and tok.pos_ in ("NOUN", "PROPN"):
        code = np_code(tok) or place_code(doc, tok) or metonym_code(tok) or seat_code(doc, tok)
        code = code or igo_name_code(tok) or ngo_noun_code(tok)
    return aid, code


def full_name_code(tok: Any) -> str | None:
    """The code of a leader named by two words or more ending at the token ("Saddam Hussein":
    IRQ; plover_leaders.tsv), before a registry actor of one of the words ("Hussein": JO)."""
    names, start = leaders(), tok.i
    while start > 0 and tok.doc[start - 1].dep_ in ("compound", "flat"):
        if not tok.doc[start - 1].text[:1].isupper():
            break
        start -= 1
    for s in range(start, tok.i):
        code = names.get(_plain(tok.doc[s : tok.i + 1].text))
        if code:
            return code
    return None


def igo_head_code(tok: Any) -> str | None:
    """IGO for an international body's own name, the head and its compounds ("the Paris Club",
    "the Arab League": plover.toml ``igo_names``), before the country word inside it."""
    words = [c for c in tok.lefts if c.dep_ == "compound"] + [tok]
    name = " " + " ".join(w.lower_ for w in words) + " "
    names = codebook().codes.get("igo_names", ())
    return str(codebook().codes["igo"]) if any(f" {n} " in name for n in names) else None


def own_country(doc: Document, tok: Any) -> bool:
    """Whether the phrase of a generic actor ("protesters", "police") names its country: a
    country word, or a place it sits in ("protesters in Lahore")."""
    return bool(np_code(tok) or pair_code(tok) or modifier_code(tok) or seat_code(doc, tok))


def sentence_place(doc: Document, sent: Any) -> str | None:
    """The country of the first place mention of the sentence that is a place, not a word on
    a thing ("in Pristina"; not "the Serbian elections")."""
    return next((iso3(c) for thing, _, c in _places_in(doc, sent) if not thing), None)


def title_code(doc: Document, tok: Any, aid: str | None) -> str | None:
    """The code of an organisation or state named in a person's title before the name ("UN
    Secretary-General Kofi Annan", "OAU chairman Robert Mugabe": the body the official speaks
    for), when the person has no code of their own; so is an official's title of a body ("the
    OSCE mission chief", "the NATO commander")."""
    if tok.pos_ not in ("PROPN", "NOUN"):
        return None
    for t in tok.doc[tok.left_edge.i : tok.i]:
        if tok.pos_ == "NOUN" and (t.dep_ != "compound" or t.pos_ != "PROPN"):
            continue  # a body's title: "the OSCE mission chief", not "its border"
        other = actor_of_token(doc, t)
        if other and other != aid:
            code = actor_code(doc, other)
            if code:
                return code
    return None


def igo_name_code(tok: Any) -> str | None:
    """IGO for an international body's proper name the registry lacks ("the Commonwealth":
    plover.toml ``igo_names``)."""
    if tok.pos_ != "PROPN":
        return None
    name = " " + tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text.lower() + " "
    names = codebook().codes.get("igo_names", ())
    return str(codebook().codes["igo"]) if any(f" {n} " in name for n in names) else None


def ngo_noun_code(tok: Any) -> str | None:
    """NGO for an unnamed non-governmental body ("the aid group", "a human rights
    organisation": plover.toml ``ngo_nouns``, the head with the words before it)."""
    if tok.pos_ != "NOUN":
        return None
    mods = " ".join(c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod"))
    phrase = f"{mods} {tok.lemma_.lower()}".strip()
    nouns = codebook().codes.get("ngo_nouns", ())
    return str(codebook().codes["ngo"]) if any(phrase.endswith(n) for n in nouns) else None


def seat_code(doc: Document, tok: Any) -> str | None:
    """The country of the place a group's phrase says it sits in ("officials in Tehran",
    "dissidents in Havana": the government a capital stands for, the country a city is in)."""
    home = prep_obj(tok, ("in",))
    return place_code(doc, home) if home is not None else None


def metonym_code(tok: Any) -> str | None:
    """The country of a seat of government standing for it ("Downing Street", "the Pentagon":
    plover.toml ``metonyms``), the head and its compounds."""
    names = codebook().codes.get("metonyms", {})
    words = [c for c in tok.lefts if c.dep_ == "compound"] + [tok]
    cc = names.get(" ".join(w.lower_ for w in words)) or names.get(tok.lower_)
    return iso3(cc) if cc else None


def parties(doc: Document, tok: Any) -> list[tuple[str | None, str | None]]:
    """The phrase's party (:func:`_party`), then every other actor named inside it ("its
    border with Ukraine")."""
    out = [party(doc, tok)]
    a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    for s, e, aid in actor_index(doc):
        if a <= s and e <= b and all(aid != x for x, _ in out):
            out.append((aid, actor_code(doc, aid)))
    return out


def _engaged_in(tok: Any) -> Any:
    """The party engaged in the act (``engagement_verbs``): the subject, or the passive subject,
    of the verb whose "in" phrase holds the cue ("Rebel forces were engaged in looting and
    shelling": the forces)."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    prep = cur.head
    if cur.dep_ != "pobj" or prep.lower_ != "in" or prep.head.i == prep.i:
        return None
    verb = prep.head
    if verb.lemma_.lower() not in codebook().modality["engagement_verbs"]:
        return None
    return subject(verb) or child(verb, "nsubjpass")


def armed_party(doc: Document, tok: Any) -> bool:
    """Whether the phrase names a state's forces or an armed group of the registry (the
    Taliban): its violent acts are acts, whatever the sentence's sports or film words."""
    aid = actor_of_token(doc, tok) if tok is not None else None
    a = doc.actor(aid) if aid else None
    return a is not None and a.type in ("state_force", "rebel_group")


def _undergoes(tok: Any) -> bool:
    """ "came under fire / attack (from ...)": the subject suffers the act."""
    return tok.lemma_.lower() == "come" and prep_obj(tok, ("under",)) is not None


def source_token(tok: Any) -> Any:
    if _undergoes(tok):  # "peacekeepers came under fire from Serb gunners": the gunners
        under = prep_obj(tok, ("under",))
        return prep_obj(tok, ("from", "by")) or prep_obj(under, ("from", "by"))
    engaged = _engaged_in(tok)
    if engaged is not None:
        return engaged
    if tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i and child(tok, "nsubj") is None:
        gov = tok.head.head  # "X are guilty of violating", "X were blamed for attacking": X
        if gov.dep_ == "acomp" and gov.head.i != gov.i:
            gov = gov.head
        return subject(gov) or child(gov, "nsubjpass")
    if tok.pos_ == "NOUN":  # "talks between Ethiopia and Eritrea": the first is the source
        motion = tok.lemma_.lower() in codebook().modality["motion_nouns"]
        preps = ("by", "between") if motion else ("by", "from", "between")  # "withdrawal from"
        got = child(tok, "poss") or prep_obj(tok, preps)  # the border: a place, not the source
        if got is not None and got.pos_ == "PRON" and tok.dep_ in ("dobj", "obj"):
            got = subject(tok.head) or got  # "Serb forces completed their withdrawal"
        if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in codebook().modality.get(
            "host_verbs", ()
        ):
            got = subject(tok.head) or got  # "China hosted talks between the Koreas": China
        if got is None and tok.dep_ in ("dobj", "obj", "nsubjpass") and tok.head.i != tok.i:
            got = subject(tok.head)
        if got is None and tok.dep_ == "pobj" and tok.head.head.i != tok.head.i:
            gov = tok.head.head
            if tok.head.lower_ == "of" and gov.pos_ == "NOUN":  # "held a round of talks",
                return source_token(gov)  # "declared a state of emergency": the verb's subject
            got = subject(gov)
        if got is None and tok.lemma_.lower() in codebook().modality.get("agent_of_nouns", ()):
            mover = prep_obj(tok, ("of",))  # "the withdrawal of Israeli troops": the troops
            got = mover if mover is not None and modifier_code(mover) else None
        if got is None and modifier_code(tok):  # "the Iraqi troop buildup": IRQ
            return tok
        return got or next((c for c in tok.children if c.dep_ == "compound"), None)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return prep_obj(tok, ("by",))
    if tok.pos_ == "ADJ" and child(tok, "nsubj") is None:
        return subject(tok.head) if tok.head.i != tok.i else None
    return subject(tok)


def target_tokens(tok: Any) -> list[Any]:
    out = [subject(tok)] if _undergoes(tok) else []
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        out.append(child(tok, "nsubjpass"))
    out += [c for c in tok.children if c.dep_ in ("dobj", "obj", "dative", "iobj", "attr")]
    out += [p for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in _TARGET_PREPS
            for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    for x in (c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl")):
        out += [c for c in x.children if c.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "dative")]
        out += [p for c in x.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return [t for t in out if t is not None]


def speaker(doc: Document, tok: Any, sent: Any) -> tuple[str | None, str | None]:
    """(actor id, code) of the speaker of the claim whose content holds the token."""
    for cl in doc.claims:
        if not cl.content_start <= tok.idx < cl.content_end:
            continue
        aid = cl.speaker or cl.speaker_org
        code = actor_code(doc, aid)
        if code is None and cl.speaker_start is not None and cl.speaker_end is not None:
            span = sent.doc.char_span(cl.speaker_start, cl.speaker_end, alignment_mode="expand")
            code = leader_code(doc, span.root, aid) if span is not None else None
        if code is None and cl.speaker_start is not None and cl.speaker_end is not None:
            span = sent.doc.char_span(cl.speaker_start, cl.speaker_end, alignment_mode="expand")
            root = span.root if span is not None else None  # "Belgrade said": its government
            code = (
                (np_code(root) or place_code(doc, root) or metonym_code(root))
                if root is not None
                else None
            )
        if aid or code:
            return aid, code
    return None, None


def own_word(doc: Document, act: Any, sent: Any) -> bool:
    """Whether the act is told by its own source (a threat is the actor's, not a guess)."""
    aid, code = speaker(doc, act.token, sent)
    if aid is None and code is None:  # "..., the prime minister said": the source's official
        return act.source_code is not None and _official_speaker(doc, act.token)
    return bool((aid and aid == act.source) or (code and code == act.source_code))


def _official_speaker(doc: Document, tok: Any) -> bool:
    """Whether the claim holding the token is said by an unnamed official (plover.toml
    ``official_speakers``: "the prime minister", "a spokesman"), not analysts or witnesses."""
    words = codebook().modality["official_speakers"]
    for cl in doc.claims:
        if cl.content_start <= tok.idx < cl.content_end and cl.speaker_start is not None:
            text = doc.text[cl.speaker_start : cl.speaker_end].lower().split()
            return any(w in words for w in text)
    return False


def _places_in(
    doc: Document, sent: Any, starts: set[int] | None = None
) -> list[tuple[bool, int, str]]:
    """The sentence's place mentions with a country, other than those starting at ``starts``,
    as (only a word on a thing, start, country), places first, then in text order."""
    return sorted(
        (_modifies_thing(sent.doc, m.start, m.end), m.start, _country_of(doc, m, p.country))
        for p in doc.places
        for m in p.mentions
        if p.country
        and sent.start_char <= m.start < sent.end_char
        and m.start not in (starts or ())
    )


def _modifies_thing(sdoc: Any, start: int, end: int) -> bool:
    """Whether a place mention only modifies a noun that is no place ("the US embassy in
    Athens": the act is in Athens; "an Iraqi city" is a place still)."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return (
        root.dep_ in ("compound", "amod", "nmod", "poss")
        and root.head.ent_type_ not in ("GPE", "LOC", "FAC")
        and root.head.lemma_.lower() not in codebook().codes.get("place_nouns", ())
    )


def sentence_country(doc: Document, sent: Any, skip: set[int] | None = None) -> str | None:
    """The country of the first place named in the sentence (PLOVER codes an unnamed
    domestic actor by its country: "three servicemen were killed outside an Iraqi city"), not
    counting the tokens ``skip`` (the nationality words of the act's targets: "US servicemen")."""
    skip = skip or set()
    found = _places_in(doc, sent, {sent.doc[i].idx for i in skip})
    if found:
        return iso3(found[0][2])
    got = np_code(sent.root, skip) if sent.root is not None else None
    return got or dateline_country(doc)


def dateline_country(doc: Document) -> str | None:
    """The country of the place of the document's dateline ("LAGOS (Reuters) - The government
    banned ...": NGA), where the document starts with one: the place the story is told from."""
    m = DATELINE.match(doc.text)
    if m is None:
        return None
    for p in doc.places:
        for pm in p.mentions:
            if pm.start < m.end() and p.country and doc.text[pm.start : pm.end].isupper():
                return iso3(_country_of(doc, pm, p.country))
    return None


#: Actor types that are political parties to an interaction (actors.registry.ACTOR_TYPES); a
#: person counts when the registry gives a role ("President", "spokesman").
POLITICAL_TYPES = frozenset(
    {"state", "state_force", "rebel_group", "political_party", "igo", "ngo"}
)


def political(doc: Document, aid: str | None, code: str | None, own_code: bool) -> bool:
    """Whether one side of an act is a political party: a political actor, or a state or
    organisation code of its own (an actor's country or IGO/NGO, a country word, a nationality
    or a capital in its phrase: ``code``; ``own_code`` False when the code is only the
    sentence's country)."""
    if code and own_code:
        return True
    a = doc.actor(aid) if aid else None
    return a is not None and (a.type in POLITICAL_TYPES or (a.type == "person" and bool(a.role)))


# -- an act's parties ------------------------------------------------------------------------


def borrowed_source(act: Act) -> bool:
    """Whether the act's source is the speaker's or the sentence's country, not its own."""
    return "plover.place_source" in act.fired or "plover.speaker_source" in act.fired


def diplomatic(doc: Document, act: Act) -> bool:
    """Whether the act's source is a state, organisation or official (a political actor, or a
    code of its own that is not only the sentence's country) rather than people in the street."""
    if borrowed_source(act):
        return False
    if act.source is None:  # a country or capital as the subject, not "Iraqi students"
        subj = source_token(act.token)
        return (  # "Cypriots", "Palestinians" (a plural) are people, not the state
            act.source_code is not None
            and subj is not None
            and subj.pos_ == "PROPN"
            and subj.tag_ != "NNPS"
        )
    return political(doc, act.source, None, False)


def act_parties(doc: Document, act: Act, sent: Any, rules: Rules) -> None:
    """The act's source (its subject, agent or possessor; else the speaker of the claim it is
    told in) and target (object, preposition objects, the objects of its complement)."""
    tok = act.token
    src_tok = source_token(tok)
    if src_tok is None and act.category == "MOBILIZE":  # "Indian forces were put on alert",
        gov = tok.head.head if tok.dep_ == "pobj" else tok  # "troops were deployed": the
        src_tok = child(gov, "nsubjpass")  # forces moved are the actor's own
    act.source, act.source_code = party(doc, src_tok)
    if (
        act.source
        and act.source.startswith("generic:")
        and src_tok is not None
        and rules.on("plover.generic_place")
        and not own_country(doc, src_tok)
    ):  # "protesters ... outside the US consulate in Lahore": PAK, where they are
        act.source_code = None
        act.fired.append("plover.generic_place")
    if act.source is None and act.source_code is None and rules.on("plover.speaker_source"):
        act.source, act.source_code = speaker(doc, tok, sent)
        if act.source or act.source_code:
            act.fired.append("plover.speaker_source")
    if act.source_code is None and rules.on("plover.place_source"):
        victims = [  # "three US servicemen were killed near an Iraqi city": IRQ, not USA
            m for t in target_tokens(tok) for m in t.lefts if m.dep_ in ("amod", "compound")
        ]
        act.source_code = sentence_country(  # a code, never an actor; the victims' country
            doc,
            sent,
            {m.i for m in victims},  # only when no other is named (then the target)
        ) or sentence_country(doc, sent)
        if act.source_code:  # "Ousted President Askar Akayev ... Kyrgyzstan": KGZ
            act.fired.append("plover.place_source")
    for t in target_tokens(tok):
        for aid, code in parties(doc, t):
            if (
                (aid or code)
                and not (aid and aid == act.source)
                and not (code and code == act.source_code)
            ):
                act.target, act.target_code = aid, code
                return
