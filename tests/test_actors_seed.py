"""The seed article (read from ../shared at test time): one identity per actor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsledger.document import Document


def test_seed_article_actors(shared: Path, parse: Callable[..., Document]) -> None:
    text = next((shared / "corpus/seed").glob("*.txt")).read_text(encoding="utf-8")
    doc = parse(text, stages=["nlp", "actors"])
    by_id = {a.id: a for a in doc.actors}
    assert len(by_id) == len(doc.actors)  # one Actor per identity
    assert len(by_id["iskp"].mentions) >= 25 and len(by_id["taliban"].mentions) >= 25
    # distinct identities that must never merge
    assert {"ttp", "haqqani-network", "sirajuddin-haqqani", "etim"} <= set(by_id)
    assert by_id["sirajuddin-haqqani"].type == "person"
    assert by_id["sirajuddin-haqqani"].affiliation == "taliban"
    lyons = next(a for a in doc.actors if a.name == "Deborah Lyons")
    assert lyons.affiliation == "un" and len(lyons.mentions) == 2
    assert lyons.role and "Special Representative" in lyons.role
    for media in ("afp", "wsj", "washington-post", "asia-times"):
        assert by_id[media].type == "media"
    names = {a.name.lower() for a in doc.actors}
    assert "photo" not in names and not any("qureshi" in n for n in names)
    for a in doc.actors:
        for m in a.mentions:
            assert doc.text[m.start : m.end] == m.text
