"""The seed article (read from ../shared at test time): about a dozen attributed statements;
at least half must be found with the right speaker text and speaker kind."""

from __future__ import annotations

from pathlib import Path

STAGES = ["nlp", "time", "actors", "claims"]

# (speaker as written, speaker kind, cue) of the statements the article attributes.
EXPECTED = [
    ("Taliban leaders", "organization", "confirm"),
    ("Taliban leaders", "organization", "confirm"),
    ("Kabul-based analysts", "unnamed", "according to"),
    ("Taliban commanders", "organization", "say"),
    ("Deborah Lyons", "person", "say"),
    ("A Taliban commander", "anonymous", "claim"),
    ("analysts", "unnamed", "suggest"),
    ("analysts", "unnamed", "say"),
    ("Lyons", "person", "say"),
    ("a Pakistani diplomatic source", "anonymous", "according to"),
    ("a Pakistani diplomatic source", "anonymous", "according to"),
    ("US military officials", "organization", "say"),
    ("Recent reports", "unnamed", "indicate"),
    ("Recent reports", "unnamed", "indicate"),
    ("Some analysts", "unnamed", "suggest"),
    ("they", "unnamed", "say"),
]


def test_seed_article_statements(parse, shared: Path):
    path = next(iter(sorted((shared / "corpus" / "seed").glob("*.txt"))))
    doc = parse(path.read_text("utf-8"), stages=STAGES)
    pool = list(doc.claims)
    found = 0
    for speaker, kind, cue in EXPECTED:
        hit = next(
            (
                c
                for c in pool
                if c.speaker_text.endswith(speaker) and c.speaker_kind == kind and c.cue == cue
            ),
            None,
        )
        if hit is not None:
            pool.remove(hit)
            found += 1
    assert found >= len(EXPECTED) // 2, [
        (c.speaker_text, c.speaker_kind, c.cue) for c in doc.claims
    ]
    # the two-paragraph quote of the anonymous source continues its speaker
    anon = [c for c in doc.claims if c.speaker_kind == "anonymous" and c.quote == "direct"]
    assert len(anon) >= 2
    # "according to" and hedged cues
    assert any(c.cue == "according to" for c in doc.claims)
    assert any(c.hedged for c in doc.claims if c.cue == "suggest")
    # channels where the article names them
    assert any(c.channel and "Wall Street Journal" in c.channel for c in doc.claims)
