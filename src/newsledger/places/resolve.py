"""Toponym recognition and resolution over one spaCy-parsed document: the :class:`Resolver`.

The resolver is the stage's passes, one module each, in the order they run:

1. recognition (:mod:`.recognition`, :mod:`.spans`): which spans are place mentions, from
   spaCy's entities and then from untagged text;
2. candidates (:mod:`.candidates`): the gazetteer readings each span may have;
3. signals (:mod:`.signals`): the context that made a span a place, and the context from
   outside the text (the outlet's home, the title, the web address, postal addresses);
4. scoring (:mod:`.scoring`): every reading scored, the names decided together over passes;
5. placement (:mod:`.placement`): corrections dropped, the article's main town found, sites
   and unknown names placed.

Every rule has an id, a description, an example and its parameters in ``data/rules.toml``
(:mod:`.rules`); word lists come from one shared table (:mod:`.words`). With ``trace=True``
each mention records the rules that made it (``Mention.why``), each name its best readings
with their score terms (``Resolver.scores``) and spans turned down with readings are kept in
``Resolver.rejected``: ``newsledger explain`` prints them.
"""

from __future__ import annotations

from .candidates import Candidates
from .gazetteer import Gazetteer
from .mention import SPECIFICITY, Mention, group
from .placement import Placement
from .recognition import Recognition
from .rules import PlaceRules, default_rules
from .scoring import Scoring
from .signals import Signals
from .spans import Spans


class Resolver(Recognition, Spans, Candidates, Signals, Scoring, Placement):
    """Finds and resolves the toponyms of one spaCy Doc against a :class:`Gazetteer`."""

    def __init__(
        self,
        gaz: Gazetteer,
        fuzzy: bool = True,
        gazetteer_matching: bool = True,
        rules: PlaceRules | None = None,
        trace: bool = False,
    ):
        self.gaz = gaz
        self.use_fuzzy = fuzzy
        self.gazetteer_matching = gazetteer_matching
        self.rules = rules if rules is not None else default_rules()
        self.trace = trace
        self._text = ""
        self._home_cc = None
        self._person_words = set()
        self._campus_areas = []
        self.rejected = []
        self.scores = {}

    def resolve(
        self,
        ms: list[Mention],
        url: str | None = None,
        outlet: str | None = None,
        title: str | None = None,
    ) -> None:
        """Pick each mention's entry (``m.best``). ``url``/``outlet`` (the article's address)
        add the outlet's home as context: its country-code domain, and the town a local
        paper's domain is named after (see :mod:`.outlet`); places in a ``title`` that the
        text does not repeat add context too. Neither is ever output."""
        extra = self._document_context(ms, url, outlet, title)
        self._resolve(ms + extra)


__all__ = ["SPECIFICITY", "Mention", "Resolver", "group"]
