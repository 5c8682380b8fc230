"""Event detection, typing and arguments over the spaCy parse: the events stage's entry points.

The work is done by one module per decision, in the order they run:

- :mod:`.sentences` -- which sentences and paragraphs are read;
- :mod:`.triggers` -- which words propose an event, and the guards that drop them;
- :mod:`.scope` -- what is outside ACLED's scope (accidents, disasters, disease...);
- :mod:`.certainty` -- asserted, hypothetical, claimed, denied;
- :mod:`.subtype` -- the ACLED sub-type (the decision table of ``data/rules.toml``);
- :mod:`.arguments` -- actor1 / actor2; :mod:`.where_when` -- place and date;
- :mod:`.fatalities` -- the fatality count;
- :mod:`.assemble` -- events per sentence, the votes, one event per act, confidence;
- :mod:`.coref` -- one event told twice in a document.

Every rule has an id in ``data/rules.toml`` (:mod:`.rules`); docs/events.md is the reference.
"""

from __future__ import annotations

from .assemble import EMBED_SCOPE, EMBED_SCOPES, check_scope, classifier_inputs, extract
from .fatalities import parse_count
from .rules import Rules, default_rules, lexicon
from .triggers import Candidate

__all__ = [
    "EMBED_SCOPE",
    "EMBED_SCOPES",
    "Candidate",
    "Rules",
    "check_scope",
    "classifier_inputs",
    "default_rules",
    "extract",
    "lexicon",
    "parse_count",
]
