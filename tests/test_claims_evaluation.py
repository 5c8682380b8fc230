"""The claims evaluation: span overlap, one-to-one matching, the speaker rule, and a run on
the first articles of the GGT development set (read from ../shared at test time)."""

from __future__ import annotations

from pathlib import Path

from newsledger.evaluation.claims import format_report, match, overlap, run, speaker_correct


def test_overlap_is_symmetric_share_of_longer_span():
    assert overlap((0, 10), (0, 10)) == 1.0
    assert overlap((0, 10), (5, 10)) == 0.5
    assert overlap((0, 10), (0, 40)) == 0.25
    assert overlap((0, 10), (10, 20)) == 0.0


def test_matching_is_one_to_one():
    pairs = match([(0, 10), (20, 30)], [(0, 10), (1, 9)])
    assert len(pairs) == 1 and pairs[0][:2] == (0, 0)


def test_speaker_rule():
    assert speaker_correct("Anna Petrova", "she", "she", "Anna Petrova")
    assert speaker_correct(None, "Petrova", "", "Anna Petrova")
    assert speaker_correct(None, "the city", "the city", "City of Eastport")
    assert not speaker_correct("Ivan Markov", "he", "", "Anna Petrova")


def test_run_on_first_articles(shared: Path):
    path = shared / "data" / "claims" / "ggt_quotes_dev.jsonl"
    m = run(str(path), limit=2)
    assert m["articles"] == 2 and m["failed"] == 0
    assert m["gold"] > 0 and m["predicted"] > 0
    assert m["@0.3"]["f1"] >= m["@0.8"]["f1"]
    assert m["@0.3"]["f1"] > 0.5
    assert "F1" in format_report(m)
