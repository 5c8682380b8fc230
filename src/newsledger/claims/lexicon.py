"""The claims stage's lexicons: data files in ``claims/data/``, read once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("newsledger.claims").joinpath("data", name).read_text("utf-8")
    out = []
    for line in text.splitlines():
        line = line.rstrip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


KINDS = ("statement", "topic", "belief", "intention", "evidence", "sentiment")


@dataclass(frozen=True)
class AttitudeCue:
    """One line of ``attitude_cues.txt``."""

    id: str
    lemma: str
    pos: str  # verb | noun | adj
    takes: frozenset[str]  # clause | to | object | about
    kind: str  # one of KINDS


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor looks words up in."""

    cues: frozenset[str]  # reporting-verb lemmas
    hedge_cues: frozenset[str]  # cue lemmas that hedge the claim by themselves
    clausal_cues: frozenset[str]  # cue lemmas whose "object" may open the reported clause
    directive_cues: frozenset[str]  # "urged X to ...": the infinitive is the content
    quote_only_cues: frozenset[str]  # cues only for a quote they introduce
    hedges: frozenset[str]  # hedge words (lowercased forms or lemmas)
    channels: tuple[str, ...]  # channel nouns, longest first, lowercased
    speaker_nouns: dict[str, str]  # head noun lemma -> unnamed | org | person | source
    anonymity: re.Pattern[str]
    attitudes: dict[tuple[str, str], tuple[AttitudeCue, ...]]  # (lemma, pos) -> cues
    evidence_nouns: frozenset[str]  # "report", "poll": non-human sources

    def attitude(self, lemma: str, pos: str, take: str) -> AttitudeCue | None:
        """The cue of ``lemma`` as ``pos`` that takes ``take`` (None when none does)."""
        for cue in self.attitudes.get((lemma, pos), ()):
            if take in cue.takes:
                return cue
        return None

    def kind_of(self, lemma: str) -> str:
        """The kind of a reporting verb with a clause: ``statement`` unless attitude_cues.txt
        gives it another ("believe": belief)."""
        cue = self.attitude(lemma, "verb", "clause")
        return cue.kind if cue is not None else "statement"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon (cached: loaded once per process)."""
    cues: set[str] = set()
    hedge_cues: set[str] = set()
    clausal: set[str] = set()
    directive: set[str] = set()
    quote_only: set[str] = set()
    for line in _lines("speech_verbs.txt"):
        parts = line.split("\t")
        cues.add(parts[0].strip().lower())
        flags = parts[1].split(",") if len(parts) > 1 else []
        if "hedge" in flags:
            hedge_cues.add(parts[0].strip().lower())
        if "clausal" in flags:
            clausal.add(parts[0].strip().lower())
        if "directive" in flags:
            directive.add(parts[0].strip().lower())
        if "quoteonly" in flags:
            quote_only.add(parts[0].strip().lower())
    nouns: dict[str, str] = {}
    for line in _lines("speaker_nouns.txt"):
        noun, _, kind = line.partition("\t")
        nouns[noun.strip().lower()] = kind.strip()
    channels = sorted({c.lower() for c in _lines("channels.txt")}, key=len, reverse=True)
    anon = re.compile("|".join(f"(?:{p})" for p in _lines("anonymity.txt")), re.IGNORECASE)
    attitudes: dict[tuple[str, str], list[AttitudeCue]] = {}
    for line in _lines("attitude_cues.txt"):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 5 or parts[4] not in KINDS or parts[2] not in ("verb", "noun", "adj"):
            raise ValueError(f"attitude_cues.txt: bad line {line!r}")
        cue = AttitudeCue(
            parts[0], parts[1].lower(), parts[2], frozenset(parts[3].split(",")), parts[4]
        )
        attitudes.setdefault((cue.lemma, cue.pos), []).append(cue)
    return Lexicon(
        cues=frozenset(cues),
        hedge_cues=frozenset(hedge_cues),
        clausal_cues=frozenset(clausal),
        directive_cues=frozenset(directive),
        quote_only_cues=frozenset(quote_only),
        hedges=frozenset(w.lower() for w in _lines("hedges.txt")),
        channels=tuple(channels),
        speaker_nouns=nouns,
        anonymity=anon,
        attitudes={k: tuple(v) for k, v in attitudes.items()},
        evidence_nouns=frozenset(w.lower() for w in _lines("evidence_nouns.txt")),
    )
