"""Name -> stage factory. The order a pipeline runs in comes from settings (``pipeline.stages``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from .errors import PipelineConfigError
from .pipeline import Pipeline, Stage

#: stage name -> "module:Class"; imported lazily so `newsledger --help` stays fast.
FACTORIES: dict[str, str] = {
    "nlp": "newsledger.nlp:NLP",
    "time": "newsledger.time:TimeStage",
    "actors": "newsledger.actors:ActorStage",
    "places": "newsledger.places:PlaceStage",
    "generic_actors": "newsledger.actors.generic:GenericActorStage",
    "quantities": "newsledger.quantities:QuantityStage",
    "claims": "newsledger.claims:ClaimStage",
    "events": "newsledger.events:EventStage",
}

DEFAULT_ORDER = [
    "nlp", "time", "actors", "places", "generic_actors", "quantities", "claims", "events"
]  # fmt: skip


def get_factory(name: str) -> Callable[..., Stage]:
    """The factory of a built-in stage, or of a project's own stage named ``"module:Class"``
    (importable wherever the pipeline runs: on every Ray node too)."""
    target = FACTORIES.get(name) or (name if ":" in name else None)
    if target is None:
        raise PipelineConfigError(
            f"unknown stage {name!r}; known: {sorted(FACTORIES)} or a 'module:Class' path"
        )
    module, cls = target.split(":", 1)
    try:
        return getattr(importlib.import_module(module), cls)  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as exc:
        raise PipelineConfigError(f"stage {name!r} cannot be imported: {exc}") from None


def build_pipeline(
    names: list[str] | None = None, config: dict[str, dict[str, Any]] | None = None
) -> Pipeline:
    """Build a :class:`Pipeline` from stage names; ``config[name]`` holds keyword arguments."""
    config = config or {}
    return Pipeline([get_factory(n)(**config.get(n, {})) for n in (names or DEFAULT_ORDER)])
