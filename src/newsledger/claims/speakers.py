"""Who a claim's speaker is: the phrase as written, the actor, the kind, the organisation.

Actors come from ``doc.actors`` (the actors stage) by offsets; without them the speaker is still
named from the spaCy entities. What else the attribution clause says (channel, date, hedging,
whom the content is about) is read by :mod:`.circumstances`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from ..document import Actor, Document
from .lexicon import Lexicon, _lines
from .roles import TITLE_GENDER as _TITLES
from .roles import name_past_of, named_subject, norp_group, person_by_role, role_holders, untitled

_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_ORG_ENTS = ("ORG", "NORP", "GPE", "FAC", "LOC")
_INDEFINITE = {"a", "an", "one", "another", "some", "several", "two", "three", "many", "other"}
_NEAR = 300  # chars before a pronoun where a newly named person outranks the last speaker
_ROLE_REACH = 3000  # chars back to the named speaker a role noun ("the official") refers to
_POSSESSIVE = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our"}


@lru_cache(maxsize=1)
def _org_anaphora() -> dict[str, str]:
    """``data/org_anaphora.txt``: organisation noun -> rule (named | latest)."""
    out: dict[str, str] = {}
    for line in _lines("org_anaphora.txt"):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or parts[2] not in ("named", "latest"):
            raise ValueError(f"org_anaphora.txt: bad line {line!r}")
        out[parts[1].lower()] = parts[2]
    return out


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """``data/given_names.txt``: given name -> gender (f | m)."""
    out: dict[str, str] = {}
    for line in _lines("given_names.txt"):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or parts[1] not in ("f", "m"):
            raise ValueError(f"given_names.txt: bad line {line!r}")
        out.update({n.strip(): parts[1] for n in parts[2].split(",") if n.strip()})
    return out


def _actor_at(doc: Document, start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end) (the actors stage's helper if present)."""
    try:
        from ..actors import actor_at  # type: ignore[attr-defined]
    except ImportError:
        actor_at = None
    if actor_at is not None:
        try:
            found = actor_at(doc, start, end)
        except Exception:
            found = None
        if found is not None:
            return found if isinstance(found, Actor) else doc.actor(str(found))
    for a in doc.actors:
        for m in a.mentions:
            if m.start < end and start < m.end:
                return a
    return None


@dataclass
class Resolved:
    text: str
    name: str | None  # the name the speaker resolves to in the text ("Deborah Lyons")
    kind: str
    actor: str | None
    org: str | None
    gender: str | None = None
    plural: bool = False


class SpeakerResolver:
    """Resolves speaker tokens in text order, remembering earlier speakers for pronouns."""

    def __init__(self, doc: Document, sdoc: Any, lex: Lexicon):
        self.doc = doc
        self.sdoc = sdoc
        self.lex = lex
        self.memory: list[tuple[Any, int]] = []  # (Resolved, offset)
        self.gender: dict[str, str] = {}  # from the text: titles, a he/she after the name
        self.by_name: dict[str, str] = {}  # from data/given_names.txt: only to rule a person out
        # sdoc.ents and sdoc.text walk every token: read once per document (long documents)
        self.ents = tuple(sdoc.ents)
        self._ent_ends = [e.end_char for e in self.ents]
        self.person_ents = [
            e for e in self.ents if e.label_ == "PERSON" or person_by_role(e, lex.speaker_nouns)
        ]
        self._person_ends = [e.end_char for e in self.person_ents]
        self._person_at = {i: e for e in self.person_ents for i in range(e.start, e.end)}
        # word of a full name -> (where the first full name with it starts, that name)
        self._first_full: dict[str, tuple[int, str]] = {}
        self._surnames: set[str] = set()
        for e in self.person_ents:
            ep = untitled(e.text).split()
            if len(ep) > 1:
                full = re.sub(r"'s$|’s$", "", " ".join(ep))
                for w in {re.sub(r"'s$|’s$", "", ep[-1]), ep[0]}:
                    self._first_full.setdefault(w, (e.start_char, full))
                self._surnames.add(re.sub(r"[’']s$", "", ep[-1]))
        self._infer_genders()

    def _infer_genders(self) -> None:
        """A person named as a subject and followed by he/she (his/her) before any other
        person is named: that gender, unless the given name says the other
        (``data/given_names.txt``, kept apart in ``by_name``); titles Mr/Ms count too."""
        sdoc = self.sdoc
        ents = self.person_ents
        given = _given_names()
        for e in ents:
            name = self._full_name(e.root)
            words = name.split()
            if len(words) > 1 and words[0] in given:
                self.by_name.setdefault(name, given[words[0]])
        for k, e in enumerate(ents):
            name = self._full_name(e.root)
            for t in sdoc[max(0, e.start - 2) : e.start]:
                if t.lower_ in _TITLES:
                    self.gender.setdefault(name, _TITLES[t.lower_])
            if e.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            limit = ents[k + 1].start if k + 1 < len(ents) else len(sdoc)
            limit = min(limit, e.end + 40)
            for t in sdoc[e.end : limit]:
                g = _GENDER.get(t.lower_)
                if g:
                    if self.by_name.get(name) in (None, g):
                        self.gender.setdefault(name, g)
                    break

    # -- memory ------------------------------------------------------------------------------
    def remember(self, spk: Any, offset: int) -> None:
        self.memory.append((spk, offset))

    # -- spans -----------------------------------------------------------------------------------
    @staticmethod
    def core(tok: Any) -> tuple[int, int]:
        """The speaker phrase as written: the head with its left modifiers and an "of" phrase."""
        doc = tok.doc
        i = tok.i
        lo = tok.left_edge.i
        while i - 1 >= lo:
            t = doc[i - 1]
            if t.is_space or "\n" in t.text or (t.is_punct and t.text not in ("-", "'", "’")):
                break
            if t.dep_ in ("appos", "relcl", "acl", "advcl") or tok not in t.ancestors:
                break
            i -= 1
        while (
            i > 0
            and not doc[i - 1].whitespace_
            and (doc[i].text.startswith("-") or doc[i - 1].text.endswith("-"))
        ):  # never part of a hyphenated word: "co-author X", not "-author X"
            i -= 1
        left = doc[i]
        right = _right_edge(tok, 0)
        return left.idx, right.idx + len(right)

    # -- resolution ----------------------------------------------------------------------------
    def resolve(self, tok: Any, offset: int) -> Any:
        """The speaker a phrase's head names, by one ordered decision list: a pronoun
        (:meth:`_pronoun`), a word the text uses for a person, then :data:`_STEPS` in order --
        the first that decides wins (the order is the rule: an apposed name before the role
        noun it names, a registry organisation before a plural noun, ...)."""
        if tok is None:
            return None
        tok = self._agent(tok)
        if tok is None:
            return None
        low = tok.lower_
        if tok.pos_ == "PRON" or low in _POSSESSIVE or low in ("he", "she", "they", "it", "we"):
            return self._pronoun(tok, offset)
        if self._person_word(tok):
            return self._named(tok, self._org_in(tok, exclude=tok))
        p = _Phrase(self, tok)
        for step in _STEPS:
            got = step(self, p, offset)
            if got is not None:
                return got
        return None

    # -- the decision list (resolve's steps, in _STEPS's order) -----------------------------------
    def _apposed(self, p: _Phrase, offset: int) -> Resolved | None:
        """An appositive name: "the Special Representative ..., Deborah Lyons"; role.ofappos:
        "the interior minister of Valdora, Petra Lindqvist"."""
        tok = p.tok
        role = self.lex.speaker_nouns.get(tok.lemma_.lower()) in ("person", "source")
        for c in tok.children:
            if c.dep_ != "appos" or tok.ent_type_ == "PERSON":
                continue
            if c.ent_type_ == "PERSON":
                return self._named(c, self._org_in(tok, exclude=c))
            if role and self._full_name_shape(c):
                # "The governor's spokesman, Eli Brandt, said": a name of two or more words
                # after a role noun is a person's, whatever the tagger typed it
                r = self._named(c, self._org_in(tok, exclude=c))
                return Resolved(r.text, r.name, "person", None, r.org, r.gender)
        past = name_past_of(tok) if role and tok.ent_type_ != "PERSON" else None
        if past is not None:
            r = self._named(past, self._org_in(tok, exclude=past))
            return Resolved(r.text, r.name, "person", r.actor, r.org, r.gender)
        return None

    def _known_person(self, p: _Phrase, offset: int) -> Resolved | None:
        """A surname or given name the text gave a person in full before, whatever the tagger
        took it for ("Marcelo Claure ... Claure said"); a registry actor stays itself. Else a
        surname of an earlier person speaker that the tagger took for something else."""
        tok = p.tok
        known = self._first_full.get(tok.text) if tok.ent_type_ != "PERSON" else None
        if known is not None and known[0] < tok.idx and self._looks_name(tok):
            actor = p.actor
            if actor is None or actor.id.startswith(("new:", "local:")):
                name = known[1]
                aid = next((a.id for a in self.doc.actors if a.name == name), None)
                org = self._org_in(tok, exclude=tok)
                return Resolved(p.phrase, name, "person", aid, org, self.gender.get(name))
        if tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON":
            for r, _ in reversed(self.memory):
                if (
                    r.kind == "person"
                    and r.name
                    and r.name.split()[-1] == tok.text
                    and len(r.name.split()) > 1
                ):
                    return self._named(tok, r.org)
        return None

    def _person_name(self, p: _Phrase, offset: int) -> Resolved | None:
        """A person's name: tagged, inside a person entity, or a lone proper noun shaped like
        a name."""
        tok = p.tok
        if (
            tok.ent_type_ == "PERSON"
            or tok.i in self._person_at
            or (
                tok.pos_ == "PROPN"
                and not tok.ent_type_
                and tok.dep_ != "compound"
                and self._looks_name(tok)
            )
        ):
            return self._named(tok, self._org_in(tok, exclude=tok))
        return None

    def _anonymous(self, p: _Phrase, offset: int) -> Resolved | None:
        """A source the text keeps unnamed ("a senior official who asked not to be named")."""
        anonymous = bool(self.lex.anonymity.search(p.full)) or bool(
            self.lex.anonymity.search(p.tok.sent.text) and p.noun_kind in ("source", "person")
        )
        if anonymous and p.noun_kind in ("source", "person", None) and p.tok.ent_type_ != "PERSON":
            return Resolved(p.phrase, None, "anonymous", None, p.org_id)
        return None

    def _organisation(self, p: _Phrase, offset: int) -> Resolved | None:
        """A registry organisation or an organisation entity; "the ministry" after the text
        named one (``data/org_anaphora.txt``)."""
        tok, actor = p.tok, p.actor
        if actor is not None and tok.ent_type_ in (*_ORG_ENTS, "") and actor.type != "person":
            return Resolved(
                p.phrase, actor.name, "organization", actor.id, p.org_id or actor.id, plural=True
            )
        if tok.ent_type_ in _ORG_ENTS:
            return Resolved(p.phrase, p.phrase, "organization", None, p.org_id, plural=True)
        if not p.plural and not tok.ent_type_ and p.definite:
            return self._org_before(tok, p.phrase, offset)
        return None

    def _role_holder(self, p: _Phrase, offset: int) -> Resolved | None:
        """role.named: "the judge" is the previous person speaker when the text gave them the
        role, else the latest person it gave the role ("Judge Alicia Moreno … The judge said")."""
        tok = p.tok
        if p.plural or not p.definite or tok.pos_ != "NOUN":
            return None
        held = role_holders(self.person_ents, self._person_ends, tok, offset, _ROLE_REACH)
        if not held:
            return None
        names = {self._full_name(e.root) for e in held}
        prev = self._previous(offset, lambda r: r.kind == "person" and r.name, _ROLE_REACH)
        if prev is not None and prev.name in names:
            return Resolved(p.phrase, prev.name, "person", prev.actor, prev.org, prev.gender)
        r = self._named(held[0].root, p.org_id)
        return Resolved(p.phrase, r.name, "person", r.actor, r.org, r.gender)

    def _speaker_noun(self, p: _Phrase, offset: int) -> Resolved | None:
        """A noun of the speaker-noun table (``unnamed`` "residents", ``org`` "the agency",
        ``person`` / ``source`` "the official": the previous named person speaker) or a
        plural without an organisation in it (unnamed)."""
        kind, plural, phrase, org_id = p.noun_kind, p.plural, p.phrase, p.org_id
        if kind == "unnamed" or (kind is None and plural and not p.has_org_mod):
            return Resolved(phrase, None, "unnamed", None, org_id, plural=True)
        if kind == "org":
            return Resolved(phrase, phrase, "organization", org_id, org_id, plural=True)
        if kind not in ("person", "source"):
            return None
        if plural:
            if p.has_org_mod:
                return Resolved(phrase, None, "organization", org_id, org_id, plural=True)
            return Resolved(phrase, None, "unnamed", None, org_id, plural=True)
        if p.dets & _INDEFINITE:
            return Resolved(phrase, None, "anonymous", None, org_id)
        prev = self._previous(
            offset, lambda r: r.kind == "person" and r.name is not None, _ROLE_REACH
        )
        if prev is not None and not p.has_org_mod:
            return Resolved(
                phrase, prev.name, "person", prev.actor, prev.org or org_id, prev.gender
            )
        return Resolved(phrase, None, "person", None, org_id)

    def _rest(self, p: _Phrase, offset: int) -> Resolved | None:
        """Any other proper noun as written; an epithet ("the bow-tied maverick", "the affable
        proprietor") as the previous named person; any other noun unnamed."""
        tok = p.tok
        if tok.pos_ == "PROPN":
            kind = "organization" if p.plural else "person"
            return Resolved(p.phrase, p.phrase, kind, None, p.org_id)
        if not p.plural and p.definite and p.noun_kind is None:
            prev = self._previous(
                offset, lambda r: r.kind == "person" and r.name is not None, _ROLE_REACH
            )
            if prev is not None:
                return Resolved(p.phrase, prev.name, "person", prev.actor, prev.org, prev.gender)
        if tok.pos_ in ("NOUN", "PROPN"):
            return Resolved(p.phrase, None, "unnamed", None, p.org_id, plural=p.plural)
        return None

    def label(self, tok: Any) -> Any:
        """The speaker of a transcript label in capitals ("HOLT:"): the person the text names
        with that surname ("Lester Holt"), else the word itself; an organisation actor stays
        one."""
        actor = _actor_at(self.doc, tok.idx, tok.idx + len(tok))
        if actor is not None and actor.type != "person":
            return Resolved(tok.text, actor.name, "organization", actor.id, actor.id, plural=True)
        word = tok.text.title()
        name = word
        doc = tok.doc
        for t in doc:
            if t.text == word and t.pos_ == "PROPN" and t.i > 0 and doc[t.i - 1].pos_ == "PROPN":
                lo = t.i - 1
                while lo > 0 and doc[lo - 1].pos_ == "PROPN" and t.i - lo < 3:
                    lo -= 1
                name = doc[lo : t.i + 1].text
                break
        return Resolved(tok.text, name, "person", actor.id if actor else None, None)

    def _agent(self, tok: Any) -> Any:
        """The head of a speaker phrase that can speak, or None: the name after a hyphenated
        prefix ("co" of "co-author David Tilman"), the people of "lots of people"; never a
        verb ("Judging") or a non-agent noun ("a way", data/speaker_nouns.txt kind "none")."""
        doc = tok.doc
        if tok.i + 1 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].text in ("-", "‑"):
            ent = next(
                (e for e in self.person_ents if tok.i < e.start <= tok.i + 6),
                None,
            )
            return ent.root if ent is not None else None
        if tok.pos_ in ("VERB", "AUX", "ADJ", "ADV", "ADP") and tok.tag_ in ("VBG", "VBN", "RB"):
            return None
        kind = self.lex.speaker_nouns.get(tok.lemma_.lower())
        if kind == "none":
            return None
        if kind == "partitive":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self._agent(pobj)
            return None
        return tok

    def _is_person(self, tok: Any) -> bool:
        """spaCy reads the name as a person's, or the text names a person with it."""
        return tok.ent_type_ == "PERSON" or tok.i in self._person_at or self._person_word(tok)

    def _person_word(self, tok: Any) -> bool:
        """A one-word name the tagger read as a nationality or group ("Reese" as NORP) that the
        text gives elsewhere as a person's name ("Amy Reese"), or a surname of a person named
        earlier: a person."""
        if tok.ent_type_ not in ("NORP", "ORG", "") or tok.tag_ != "NNP":
            return False
        if any(c.dep_ == "compound" for c in tok.children) or tok.dep_ == "compound":
            return False
        return tok.text in self._surnames

    @staticmethod
    def _full_name_shape(tok: Any) -> bool:
        """A proper noun of two to four capitalised words, the first a compound of the last
        ("Eli Brandt")."""
        words = [t for t in tok.subtree if t.i <= tok.i]
        return (
            tok.pos_ == "PROPN"
            and 2 <= len(words) <= 4
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha() for t in words)
        )

    @staticmethod
    def _looks_name(tok: Any) -> bool:
        return tok.text[:1].isupper() and tok.text.isalpha() and not tok.text.isupper()

    def _full_name(self, tok: Any) -> str:
        ent = self._person_at.get(tok.i)
        name = untitled(ent.text if ent is not None else tok.text)
        name = re.sub(r"'s$|’s$", "", name).strip()
        parts = name.split()
        if len(parts) == 1:
            # a surname after first mention: the earlier full name that ends with it
            first = self._first_full.get(parts[0])
            if first is not None and first[0] < tok.idx:
                return first[1]
        return name

    def _named(self, tok: Any, org: str | None) -> Any:

        text = self.doc.text
        s, e = self.core(tok)
        phrase = text[s:e].strip()
        name = self._full_name(tok)
        actor = _actor_at(self.doc, tok.idx, tok.idx + len(tok))
        actor_id = actor.id if actor is not None else None
        if actor is not None and actor.type != "person" and not self._is_person(tok):
            return Resolved(
                phrase, actor.name, "organization", actor.id, org or actor.id, plural=True
            )
        if actor is not None and actor.affiliation:
            org = actor.affiliation
        gender = self.gender.get(name)
        for t in tok.doc[max(0, tok.i - 3) : tok.i]:
            g = _TITLES.get(t.lower_)
            if g:
                gender = self.gender[name] = g
        return Resolved(phrase, name, "person", actor_id, org, gender)

    def _org_in(self, tok: Any, exclude: Any) -> str | None:
        """An organisation actor mentioned in the speaker phrase ("the UN's Lyons", "X of Y")."""
        s = tok.left_edge.idx
        e = tok.right_edge.idx + len(tok.right_edge)
        for a in self.doc.actors:
            if a.type == "person":
                continue
            for m in a.mentions:
                if (
                    s <= m.start
                    and m.end <= e
                    and not (m.start <= exclude.idx < m.end and a.type == "person")
                ):
                    return a.id
        return None

    def introduced_between(self, start: int, end: int) -> Any:
        """A person named as a subject between two offsets (the new speaker of a quote that
        follows "Josh Matlow, a councillor, agrees." with no attribution of its own); not the
        subject of an adverbial or relative clause ("X said after Pagliano failed to …")."""

        for ent in reversed(self.person_ents):
            if ent.start_char < start:
                break
            if ent.end_char > end or ent.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if ent.root.head.dep_ in ("advcl", "relcl", "acl"):
                continue  # "… X said after Pagliano failed to show up.": no new speaker
            name = self._full_name(ent.root)
            actor = _actor_at(self.doc, ent.start_char, ent.end_char)
            return Resolved(
                ent.text,
                name,
                "person",
                actor.id if actor else None,
                actor.affiliation if actor else None,
                self.gender.get(name),
            )
        return None

    def _in_sentence(self, tok: Any, offset: int, g: str) -> Any:
        """A person the pronoun's own sentence names before it, in any role ("Oz's advice
        earned him the attention of Congress, where he appeared ..."): the subject among them,
        else the last; none of the other gender, none inside the content."""
        sent = tok.sent
        found = [
            e
            for e in self.person_ents
            if sent.start <= e.start and e.end <= tok.i and not (offset <= e.start_char < tok.idx)
        ]
        found = [e for e in found if self._gender_of(self._full_name(e.root)) in (None, g)]
        if not found:
            return None
        ent = next((e for e in found if e.root.dep_ in ("nsubj", "nsubjpass")), found[-1])
        name = self._full_name(ent.root)
        actor = _actor_at(self.doc, ent.start_char, ent.end_char)
        return Resolved(
            ent.text,
            name,
            "person",
            actor.id if actor else None,
            actor.affiliation if actor else None,
            g,
        )

    def _org_before(self, tok: Any, phrase: str, offset: int) -> Any:
        """A definite organisation noun alone ("the ministry", "the company"; not "the
        paramedics union") that names an organisation the text gave before it
        (``data/org_anaphora.txt``): the latest organisation entity whose name holds the noun
        (ana.named, within 3,000 characters; not one named inside a relative clause), else, for the nouns marked "latest", the latest
        organisation speaker, or organisation entity named as a subject, in the 600 characters
        before; None when there is none."""
        word = tok.lemma_.lower()
        rule = _org_anaphora().get(word)
        if rule is None or any(c.dep_ not in ("det", "punct") for c in tok.lefts):
            return None
        subject = None
        for k in range(bisect.bisect_right(self._ent_ends, tok.idx) - 1, -1, -1):
            e = self.ents[k]
            if e.end_char > tok.idx or e.label_ != "ORG":
                continue
            if tok.idx - e.end_char > _ROLE_REACH:
                break
            if e.text.islower() or any(t.dep_ == "relcl" for t in e.root.ancestors):
                continue  # no name; or in a relative clause: background ("who chaired the X")
            if word.rstrip("s") in {w.lower().rstrip("s") for w in re.findall(r"\w+", e.text)}:
                return self._org_resolved(phrase, e)
            near = tok.idx - e.end_char <= 600 and e.root.dep_ in ("nsubj", "nsubjpass")
            if subject is None and near:
                subject = e
        if rule != "latest":
            return None
        prev = self._previous(offset, lambda r: r.kind == "organization" and r.name, 600)
        if prev is not None:
            name = re.sub(r"['’]s$", "", prev.name)
            return Resolved(phrase, name, "organization", prev.actor, prev.org, plural=True)
        return self._org_resolved(phrase, subject) if subject is not None else None

    def _org_resolved(self, phrase: str, ent: Any) -> Any:
        actor = _actor_at(self.doc, ent.start_char, ent.end_char)
        if actor is not None and actor.type == "person":
            return None
        name = actor.name if actor is not None else re.sub(r"^the\s+", "", ent.text, flags=re.I)
        name = re.sub(r"['’]s$", "", name)
        aid = actor.id if actor is not None else None
        return Resolved(phrase, name, "organization", aid, aid, plural=True)

    def _previous(self, offset: int, pred: Any, within: int | None = None) -> Any:
        """The latest remembered speaker that satisfies ``pred`` (within ``within`` chars)."""
        for r, pos in reversed(self.memory):
            if within is not None and offset - pos > within:
                return None
            if pred(r):
                return r
        return None

    def _group_before(self, tok: Any, text: str, labels: tuple[str, ...], kind: str) -> Any:
        """ "it"/"they" with no earlier speaker to take: the organisation or group entity the
        text names last in the 400 characters before ("The Security Council met. It called
        the test ..."), else unresolved."""
        for k in range(bisect.bisect_right(self._ent_ends, tok.idx) - 1, -1, -1):
            e = self.ents[k]
            if e.end_char > tok.idx:
                continue
            if tok.idx - e.end_char > 400:
                break
            if e.label_ in labels:
                actor = _actor_at(self.doc, e.start_char, e.end_char)
                name = (
                    actor.name if actor is not None else re.sub(r"^the\s+", "", e.text, flags=re.I)
                )
                kind_ = "organization" if e.label_ == "ORG" else kind
                if e.label_ == "NORP":
                    name = norp_group(e) or name  # group.norp: "Democratic leaders"
                return Resolved(text, name, kind_, actor.id if actor else None, None, plural=True)
        return Resolved(text, None, kind, None, None, plural=kind != "organization")

    def _gender_of(self, name: str, default: str | None = None) -> str | None:
        """The gender the text gives a name, else its given name's, else ``default``."""
        return self.gender.get(name) or self.by_name.get(name) or default

    def _pronoun(self, tok: Any, offset: int) -> Any:

        low = _POSSESSIVE.get(tok.lower_, tok.lower_)
        text = tok.text
        if low in ("he", "she"):
            g = _GENDER[low]
            # the previous speaker of that gender, unless a person of that gender (known) was
            # named as a subject since
            best = None
            best_pos = -1
            for r, pos in reversed(self.memory):
                if r.kind == "person" and r.name and self._gender_of(r.name, r.gender) in (None, g):
                    best, best_pos = r, pos
                    break
            anchor = min(tok.idx, offset)
            for ent in reversed(self.person_ents):
                if ent.end_char > tok.idx or offset <= ent.start_char < tok.idx:
                    continue  # after the pronoun, or inside the content it attributes
                if ent.start_char <= best_pos or tok.idx - ent.start_char > 2500:
                    break
                if named_subject(ent):
                    name = self._full_name(ent.root)
                    if best is not None and name == best.name:
                        break
                    known = self.gender.get(name)
                    if known is None and self.by_name.get(name) not in (None, g):
                        continue  # the given name says the other gender
                    # a person of unknown gender named as a subject just before the pronoun
                    # ("Doug Purdy, 62, joined the program. "…," he said") wins over an
                    # earlier speaker
                    near = anchor - ent.end_char < _NEAR and (
                        best is None
                        or self.gender.get(best.name or "", best.gender) != g
                        or offset - best_pos > _NEAR
                    )
                    if known == g or (known is None and (best is None or near)):
                        actor = _actor_at(self.doc, ent.start_char, ent.end_char)
                        best = Resolved(
                            ent.text,
                            name,
                            "person",
                            actor.id if actor else None,
                            actor.affiliation if actor else None,
                            g,
                        )
                        break
            same = self._in_sentence(tok, offset, g)
            if same is not None and (best is None or best.name != same.name):
                best = same
            if best is None:
                return Resolved(text, None, "person", None, None, g)
            if best.name:
                self.gender.setdefault(best.name, g)
            return Resolved(text, best.name, "person", best.actor, best.org, g)
        if low in ("they", "we"):
            prev = self._previous(
                offset, lambda r: r.plural or r.kind in ("organization", "unnamed")
            )
            if prev is not None:
                # "Some analysts ... That, they say, is why": the group as the text named it
                name = prev.name or (prev.text if prev.text.lower() not in _PRONOUNS else None)
                return Resolved(text, name, prev.kind, prev.actor, prev.org, plural=True)
            return self._group_before(tok, text, ("ORG", "NORP"), "unnamed")
        if low == "it":
            prev = self._previous(offset, lambda r: r.kind == "organization")
            if prev is not None:
                name = prev.name or (prev.text if prev.text.lower() not in _PRONOUNS else None)
                return Resolved(text, name, "organization", prev.actor, prev.org, plural=True)
            return self._group_before(tok, text, ("ORG",), "organization")
        if low in ("some", "many", "others", "both", "several", "most", "few", "all"):
            return Resolved(text, None, "unnamed", None, None, plural=True)
        if low in ("someone", "somebody", "everyone", "everybody") or (
            low == "those" and any(_modifies(c, tok, offset) for c in tok.children)
        ):  # "someone in the crowd", "those close to him": people the text does not name
            phrase = _Phrase(self, tok).phrase
            if low in ("someone", "somebody") or self.lex.anonymity.search(phrase):
                return Resolved(phrase, None, "anonymous", None, None)
            return Resolved(phrase, None, "unnamed", None, None, plural=True)
        if low in ("who", "that", "which"):
            head = tok.head.head if tok.head.dep_ == "relcl" else None
            while low == "who" and head is not None and _placed(head):
                # "Peter Morgan, a lawyer for the Sierra Club, who …": the lawyer, Morgan
                head = head.head.head
                head = head.head if head.dep_ == "appos" else head
            if head is not None and head is not tok:
                return self.resolve(head, offset)
        return None


_POST_PREPS = {"of", "with", "for", "from", "at", "in"}


def _modifies(c: Any, tok: Any, offset: int) -> bool:
    """Whether ``c`` is a modifier after ``tok`` that says whom it means ("those close to
    him", "those who know her"): not a relative clause holding the content itself ("those who
    believe the party is stuck": the belief is theirs, but no one is named saying it)."""
    if c.i < tok.i or c.dep_ not in ("amod", "prep", "acl", "relcl"):
        return False
    return c.dep_ != "relcl" or not c.left_edge.idx <= offset <= c.right_edge.idx


def _placed(tok: Any) -> bool:
    """An organisation or place in a for/of/at/from/in phrase of a noun: not what a "who"
    after it stands for ("a lawyer for the Sierra Club, who"; "X, 59, of Ashton, who")."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and tok.ent_type_ in ("ORG", "GPE", "LOC", "FAC")
        and prep.lower_ in _POST_PREPS
        and prep.head.pos_ in ("NOUN", "PROPN")
    )


def _right_edge(tok: Any, depth: int) -> Any:
    """The last token of a speaker phrase: post-modifying prepositions ("the lawyer for X",
    "the sergeant-at-arms of the House of Commons"), short participles ("familiar with"),
    possessive endings; never appositions or relative clauses."""
    right = tok
    for c in tok.children:
        if c.i <= tok.i or c.i != right.i + 1:
            continue
        if c.dep_ == "prep" and c.lower_ in _POST_PREPS and depth < 3:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if (
                pobj is not None
                and pobj.i - c.i <= 6
                and not any(
                    t.is_punct and t.text not in ("-", "'", "’", ".") for t in tok.doc[c.i : pobj.i]
                )
            ):
                right = _right_edge(pobj, depth + 1)
        elif c.dep_ == "case":
            right = c
        elif c.dep_ in ("amod", "acl") and c.tag_ in ("JJ", "VBN") and depth == 0:
            edge = c.right_edge
            if edge.i - c.i <= 6 and not any(t.is_punct for t in c.subtree):
                right = edge
    return right


class _Phrase:
    """A speaker phrase's head and what :meth:`SpeakerResolver.resolve`'s steps read off it,
    each read once and only when a step asks (the registry actor scan is linear)."""

    def __init__(self, res: SpeakerResolver, tok: Any):
        self.res = res
        self.tok = tok

    @cached_property
    def phrase(self) -> str:
        s, e = self.res.core(self.tok)
        return self.res.doc.text[s:e].strip()

    @cached_property
    def full(self) -> str:
        tok = self.tok
        return self.res.doc.text[tok.left_edge.idx : tok.right_edge.idx + len(tok.right_edge)]

    @cached_property
    def actor(self) -> Actor | None:
        return _actor_at(self.res.doc, self.tok.idx, self.tok.idx + len(self.tok))

    @cached_property
    def noun_kind(self) -> str | None:
        nouns = self.res.lex.speaker_nouns
        return nouns.get(self.tok.lemma_.lower()) or nouns.get(self.tok.lower_)

    @cached_property
    def plural(self) -> bool:
        return self.tok.tag_ in ("NNS", "NNPS")

    @cached_property
    def dets(self) -> set[str]:
        return {c.lower_ for c in self.tok.children if c.dep_ in ("det", "nummod", "amod")}

    @cached_property
    def definite(self) -> bool:
        """ "the" before the head and no organisation named in the phrase before it."""
        return "the" in self.dets and not self.has_org_mod

    @cached_property
    def org_id(self) -> str | None:
        return self.res._org_in(self.tok, exclude=self.tok)

    @cached_property
    def has_org_mod(self) -> bool:
        return any(
            c.ent_type_ in _ORG_ENTS or c.pos_ == "PROPN"
            for c in self.tok.subtree
            if c.i < self.tok.i
        )


#: SpeakerResolver.resolve's decision list after pronouns and person words, in order.
_STEPS = (
    SpeakerResolver._apposed,
    SpeakerResolver._known_person,
    SpeakerResolver._person_name,
    SpeakerResolver._anonymous,
    SpeakerResolver._organisation,
    SpeakerResolver._role_holder,
    SpeakerResolver._speaker_noun,
    SpeakerResolver._rest,
)
