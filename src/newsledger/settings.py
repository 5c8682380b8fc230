"""One settings object, built from layered sources.

Defaults (``default_settings.toml``) < a user TOML file < environment variables < CLI flags.
A partial user file works: it is laid over the defaults key by key.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import NewsledgerError

ENV = {
    "NEWSLEDGER_DB": ("store", "db", str),
    "NEWSLEDGER_BATCH_SIZE": ("pipeline", "batch_size", int),
    "NEWSLEDGER_MODEL": ("nlp", "model", str),
}


class SettingsError(NewsledgerError):
    code = "NL010"


def default_settings() -> dict[str, dict[str, Any]]:
    text = resources.files("newsledger").joinpath("default_settings.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], over: dict[str, Any], where: str) -> dict[str, Any]:
    out = {k: dict(v) if isinstance(v, dict) else v for k, v in base.items()}
    for section, values in over.items():
        if section not in out or not isinstance(values, dict):
            raise SettingsError(f"unknown settings section [{section}]", source=where)
        for key, value in values.items():
            if key not in out[section]:
                raise SettingsError(f"unknown setting {section}.{key}", source=where)
            if type(value) is not type(out[section][key]):
                raise SettingsError(
                    f"{section}.{key} must be {type(out[section][key]).__name__}, "
                    f"not {type(value).__name__}",
                    source=where,
                )
            out[section][key] = value
    return out


@dataclass
class Settings:
    """Everything a run needs to know, passed down as one object."""

    values: dict[str, dict[str, Any]] = field(default_factory=default_settings)

    @property
    def stages(self) -> list[str]:
        return list(self.values["pipeline"]["stages"])

    @property
    def batch_size(self) -> int:
        return int(self.values["pipeline"]["batch_size"])

    @property
    def db(self) -> str:
        return str(self.values["store"]["db"])

    @property
    def max_bytes(self) -> int:
        return int(self.values["ingest"]["max_bytes"])

    @property
    def max_chars(self) -> int:
        return int(self.values["ingest"]["max_chars"])

    @property
    def batch_chars(self) -> int:
        return int(self.values["pipeline"]["batch_chars"])

    def stage_config(self) -> dict[str, dict[str, Any]]:
        """Keyword arguments for each stage's constructor."""
        registry = {"registry_files": list(self.values["actors"]["registry_files"]) or None}
        return {
            "nlp": {
                "model": self.values["nlp"]["model"],
                "chunk_chars": int(self.values["nlp"]["chunk_chars"]),
            },
            "actors": {**registry, "trace": bool(self.values["actors"]["trace"])},
            "places": {
                "rules_off": list(self.values["places"]["rules_off"]),
                "trace": bool(self.values["places"]["trace"]),
            },
            "generic_actors": registry,
            "events": {
                "embeddings": bool(self.values["events"]["embeddings"]),
                "embed_scope": self.values["events"]["embed_scope"],
                "keep_unasserted": bool(self.values["events"]["keep_unasserted"]),
                "trace": bool(self.values["events"]["trace"]),
                "rules_off": list(self.values["events"]["rules_off"]),
                "relevance": bool(self.values["events"]["relevance"]),
            },
        }


EMBED_SCOPES = ("typed", "sentences", "all")


def load_settings(
    path: str | os.PathLike[str] | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    values = default_settings()
    environ = dict(os.environ) if environ is None else environ
    path = path or environ.get("NEWSLEDGER_SETTINGS")
    if path:
        p = Path(path)
        try:
            user = tomllib.loads(p.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings: {exc}", source=str(p)) from exc
        values = _merge(values, user, str(p))
    env_over: dict[str, dict[str, Any]] = {}
    for var, (section, key, cast) in ENV.items():
        if var in environ and environ[var] != "":
            try:
                env_over.setdefault(section, {})[key] = cast(environ[var])
            except ValueError as exc:
                raise SettingsError(f"{var}: {exc}") from exc
    values = _merge(values, env_over, "environment")
    if overrides:
        clean = {s: {k: v for k, v in kv.items() if v is not None} for s, kv in overrides.items()}
        values = _merge(values, clean, "command line")
    for section, key in (
        ("pipeline", "batch_size"), ("pipeline", "batch_chars"), ("nlp", "chunk_chars"),
        ("ingest", "max_chars"),
    ):  # fmt: skip
        if values[section][key] < 1:
            raise SettingsError(f"{section}.{key} must be at least 1")
    if values["events"]["embed_scope"] not in EMBED_SCOPES:
        raise SettingsError(
            f"events.embed_scope must be one of {', '.join(EMBED_SCOPES)}, "
            f"not {values['events']['embed_scope']!r}"
        )
    return Settings(values)
