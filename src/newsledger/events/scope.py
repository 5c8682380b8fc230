"""ACLED's scope: which would-be events are no political violence or protest at all.

Decides: deaths caused by an accident, a disaster or a disease (``guard.disaster_cause``).
"""

from __future__ import annotations

from typing import Any

from .rules import Rules, lexicon
from .syntax import child, prep_obj


def cause_out_of_scope(tok: Any, rules: Rules) -> bool:
    """The deaths were caused by an accident, a disaster or a disease (subject, agent, or the
    noun a relative clause hangs on): "a crash that killed 346", "floods killed 20"."""
    nouns = lexicon()["disaster_nouns"]
    causes = [child(tok, "nsubj"), prep_obj(tok, ("by", "in"))]
    if tok.dep_ in ("relcl", "acl"):
        causes.append(tok.head)
    return any(x is not None and x.lemma_.lower() in nouns for x in causes)
