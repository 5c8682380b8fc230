"""The registry's alias index: every alias of every actor as a tuple of tokens (cut with the
tokenizer documents are parsed with), with the tokens that must be capitalised in the text, for
the actors stage's first pass (registry aliases)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..vocab import word_list
from .registry import Registry, is_case_sensitive

MAX_ALIAS_TOKENS = 12
#: words that make a state alias a government/official one (not a place name)
GOV_WORDS = word_list("gov_words", "actor_words.tsv")


@dataclass
class AliasIndex:
    """Token-tuple index of every registry alias, built with the document tokenizer.

    ``cs`` maps exact token tuples (acronyms); ``ci`` maps lower-cased token tuples to
    (actor id, mask) where mask marks the tokens that must be capitalised in the text."""

    cs: dict[tuple[str, ...], str] = field(default_factory=dict)
    ci: dict[tuple[str, ...], tuple[str, tuple[bool, ...]]] = field(default_factory=dict)
    bare: set[tuple[str, ...]] = field(default_factory=set)  # state aliases that are place names
    first: set[str] = field(default_factory=set)  # lower-cased first tokens of every alias
    max_len: int = 1


def _variants(alias: str) -> list[str]:
    out = [alias]
    if "-" in alias:
        out.append(re.sub(r"(?<=\w)-(?=\w)", " ", alias))
    if "'" in alias or "’" in alias:
        out += [v.replace("'", "’") for v in list(out)] + [v.replace("’", "'") for v in list(out)]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=4)
def _index(registry: Registry, tokenizer: Any) -> AliasIndex:
    idx = AliasIndex()
    texts: list[tuple[str, str]] = []
    for alias, rid in registry.aliases():
        for v in _variants(alias):
            texts.append((v, rid))
    simple = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
    hard = [t for t, _ in texts if not simple.fullmatch(t)]
    toked = {t: tuple(x.text for x in d) for t, d in zip(hard, tokenizer.pipe(hard), strict=True)}
    for alias, rid in texts:
        toks = toked.get(alias) or tuple(alias.split())
        if not toks or len(toks) > MAX_ALIAS_TOKENS:
            continue
        idx.max_len = max(idx.max_len, len(toks))
        idx.first.add(toks[0].lower())
        rec = registry.records[rid]
        if is_case_sensitive(alias):
            idx.cs.setdefault(toks, rid)
        else:
            low = tuple(t.lower() for t in toks)
            mask = tuple(t[:1].isupper() for t in toks)
            idx.ci.setdefault(low, (rid, mask))
        if rec.type == "state" and not any(t.lower() in GOV_WORDS for t in toks):
            idx.bare.add(toks if is_case_sensitive(alias) else tuple(t.lower() for t in toks))
    return idx


def alias_index(registry: Registry) -> AliasIndex:
    """The alias index of ``registry`` (built once with spaCy's English tokenizer, the tokenizer
    of the English pipelines, and kept with the registry in the disk cache of :mod:`.cache`)."""
    if registry.alias_index is None:
        registry.alias_index = _index(registry, _tokenizer())
        from .. import memo as cache

        cache.save(registry.files, registry)
    return registry.alias_index  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


__all__ = ["AliasIndex", "alias_index"]
