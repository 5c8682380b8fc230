"""Settings: defaults < file < environment < flags; bad values fail with the file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.settings import SettingsError, load_settings


def test_settings_precedence(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text('[store]\ndb = "from-file.db"\n[pipeline]\nbatch_size = 4\n')
    s = load_settings(f, environ={})
    assert (s.db, s.batch_size) == ("from-file.db", 4)
    assert s.stages[0] == "nlp"  # untouched defaults survive a partial file
    s = load_settings(f, environ={"NEWSLEDGER_DB": "env.db"})
    assert s.db == "env.db"
    s = load_settings(
        f, overrides={"store": {"db": "flag.db"}}, environ={"NEWSLEDGER_DB": "env.db"}
    )
    assert s.db == "flag.db"


def test_settings_reject_unknown_keys_and_wrong_types(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text("[pipeline]\nbatch_sise = 4\n")
    with pytest.raises(SettingsError, match=r"s\.toml.*batch_sise"):
        load_settings(f, environ={})
    f.write_text('[pipeline]\nbatch_size = "four"\n')
    with pytest.raises(SettingsError, match="must be int"):
        load_settings(f, environ={})


def test_events_settings_reach_the_stage_and_bad_values_fail(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text('[events]\nembeddings = false\nembed_scope = "sentences"\nrelevance = false\n')
    config = load_settings(f, environ={}).stage_config()["events"]
    mine = {k: config[k] for k in ("embeddings", "embed_scope", "relevance")}
    assert mine == {"embeddings": False, "embed_scope": "sentences", "relevance": False}
    f.write_text('[events]\nembed_scope = "everything"\n')
    with pytest.raises(SettingsError, match="embed_scope"):
        load_settings(f, environ={})
