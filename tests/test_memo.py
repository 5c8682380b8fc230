"""The disk cache (newsledger/memo.py) of the actor registry and its alias index: a second process
reads what the first built, the same objects; a changed registry file is a new key; a cache
switched off or unreadable is skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger import memo as cache
from newsledger.actors.aliases import alias_index
from newsledger.actors.registry import REGISTRY_FILE, Registry, load_registry

EXTRA = {"id": "test:relief-coalition", "name": "Relief Coalition of the Test Valley",
         "type": "ngo", "aliases": ["RCTV"]}  # fmt: skip


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(d))
    load_registry.cache_clear()
    yield d
    load_registry.cache_clear()


def _extra(tmp_path: Path, record: dict[str, object]) -> str:
    p = tmp_path / "extra.jsonl"
    p.write_text(json.dumps(record) + "\n", "utf-8")
    return str(p)


def test_a_second_load_reads_the_cache_and_gets_the_same_registry(
    cache_dir: Path, tmp_path: Path
) -> None:
    extra = _extra(tmp_path, EXTRA)
    built = load_registry((extra,))
    index = alias_index(built)  # built now, and written with the registry
    (written,) = cache_dir.glob("actors-*.pickle")
    load_registry.cache_clear()
    again = load_registry((extra,))
    assert again is not built  # a new object, read from the file
    assert again.records == built.records and again.by_alias == built.by_alias
    cached = again.alias_index
    assert cached is not None and cached.cs == index.cs and cached.ci == index.ci
    assert again.lookup("RCTV") is not None and again.lookup("RCTV").id == "test:relief-coalition"
    assert written.exists()


def test_a_changed_registry_file_is_a_new_key(cache_dir: Path, tmp_path: Path) -> None:
    extra = _extra(tmp_path, EXTRA)
    before = cache.key([str(REGISTRY_FILE), extra])
    _extra(tmp_path, {**EXTRA, "aliases": ["RCTV", "the Valley Coalition"]})
    assert cache.key([str(REGISTRY_FILE), extra]) != before
    alias_index(load_registry((extra,)))
    load_registry.cache_clear()
    assert load_registry((extra,)).lookup("the Valley Coalition") is not None


def test_switched_off_or_unreadable_caches_are_skipped(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = _extra(tmp_path, EXTRA)
    files = [str(REGISTRY_FILE), extra]
    cache_dir.mkdir(parents=True)
    (cache_dir / f"actors-{cache.key(files)}.pickle").write_bytes(b"not a pickle")
    reg = load_registry((extra,))
    assert isinstance(reg, Registry) and reg.lookup("RCTV") is not None  # built afresh
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", "off")
    assert cache.cache_dir() is None and cache.load(files) is None


def test_memo_builds_once_and_a_later_process_reads_it(cache_dir: Path) -> None:
    calls: list[int] = []

    def build() -> frozenset[str]:
        calls.append(1)
        return frozenset({"kabul", "herat"})

    first = cache.memo("test-names", "spacy", build)
    again = cache.memo("test-names", "spacy", build)  # as a new process would: from the file
    assert first == again == frozenset({"kabul", "herat"}) and len(calls) == 1
    assert len(list(cache_dir.glob("test-names-*.pickle"))) == 1


def test_the_cached_language_identifier_answers_as_the_package_does(cache_dir: Path) -> None:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from newsledger.ingest import language

    language._identifier.cache_clear()
    language._identifier()  # built and written
    language._identifier.cache_clear()
    cached = language._identifier()  # read back
    fresh = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    text = "Les manifestants se sont rassemblés devant le parlement lundi."
    assert cached.classify(text) == fresh.classify(text)
    assert list(cache_dir.glob("language-identifier-*.pickle"))
    language._identifier.cache_clear()
