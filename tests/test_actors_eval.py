"""`newsledger eval actors`: the labelled dev set references the shared data and scores."""

from __future__ import annotations

from pathlib import Path

from newsledger.evaluation import actors as ev

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


def test_dev_labels_point_into_shared_texts(shared: Path) -> None:
    items = ev.load_items(FIXTURES, shared)
    assert len(items) >= 90
    for it in items:
        for m in it["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(it["text"])
            assert m["actor"] and m["type"]


def test_dev_label_ids_exist_in_the_registry() -> None:
    import json

    from newsledger.actors.registry import load_registry

    reg = load_registry()
    lines = (FIXTURES / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    ids = {m["actor"] for line in lines for m in json.loads(line)["mentions"]}
    assert {i for i in ids if not i.startswith("new:") and reg.get(i) is None} == set()


def test_score_counts_overlap_and_identity() -> None:
    items = [{"source": "own", "key": "1", "text": "x" * 40, "mentions": [
        {"start": 0, "end": 5, "actor": "iskp", "type": "rebel_group"},
        {"start": 10, "end": 15, "actor": "new:abc", "type": "person"},
        {"start": 20, "end": 25, "actor": "un", "type": "igo"}]}]  # fmt: skip
    preds = [[
        {"start": 0, "end": 6, "actor": "iskp", "type": "rebel_group", "text": "a"},
        {"start": 10, "end": 15, "actor": "new:xyz", "type": "person", "text": "b"},
        {"start": 20, "end": 25, "actor": "islamic-state", "type": "rebel_group", "text": "c"},
        {"start": 30, "end": 35, "actor": "us", "type": "state", "text": "d"}]]  # fmt: skip
    m = ev.score(items, preds)["overall"]
    assert m["precision"] == 0.5 and m["recall"] == round(2 / 3, 3)


def test_eval_runs_on_a_few_items(shared: Path) -> None:
    m = ev.run(str(FIXTURES), limit=12)
    assert m["items"] == 12
    assert m["overall"]["precision"] > 0.6 and m["overall"]["recall"] > 0.6
    assert "P " in ev.format_report(m)
