"""Long documents in bounded memory (issue 19, item 7): the nlp stage parses a long text in
chunks cut at paragraph breaks and joins them into one Doc over the whole text, so every
stage's offsets point into the whole text; spaCy's own length limit is no longer the limit;
batches are bounded by characters; the real per-document limit says so.

Texts are illustrations written for newsledger's tests (no real reports)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from newsledger.document import Document
from newsledger.ingest import document_from_text
from newsledger.jobs import batches, ingest
from newsledger.nlp import NLP
from newsledger.nlp.chunks import chunk_spans, groups
from newsledger.pipeline import Pipeline, Stage
from newsledger.settings import Settings, load_settings
from newsledger.stages import build_pipeline
from newsledger.store import open_store

PARAGRAPHS = [
    "[Illustration written for newsledger's tests, not a real report.] Fighting spread across "
    "the eastern provinces this week, officials said, as the armed group pressed its campaign.",
    "Militants fired rockets at an army base outside Jalalabad on Monday, wounding two soldiers, "
    "the provincial police chief said.",
    "Residents of the district said shops and schools had been closed for three days.",
    "Security forces arrested five suspects in Nangarhar province on Tuesday after a raid on a "
    "house used to store weapons.",
    "The interior ministry said patrols on the main highway would be doubled.",
    "Aid workers said hundreds of families had fled their villages and needed food and shelter.",
    "Protesters marched through the centre of Kandahar on Wednesday to demand the release of "
    "detained journalists.",
    "Traders in the old market complained that the roads to the border were blocked.",
    "Gunmen attacked a police checkpoint near Mazar-i-Sharif on Saturday, killing four officers, "
    "provincial officials said.",
    '"We will find those responsible and bring them to justice," Governor Ahmad Karimi told '
    "reporters in Herat.",
    "The United Nations said it was concerned about reports of arrests in the province.",
    "Elders from the valley called for talks between the two sides before the winter.",
]
TEXT = "\n\n".join(PARAGRAPHS)  # about 1,260 characters in 12 paragraphs


def test_chunks_tile_the_text_and_end_at_paragraph_breaks() -> None:
    spans = chunk_spans(TEXT, 400)
    assert spans[0][0] == 0 and spans[-1][1] == len(TEXT)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(spans))  # no gap
    assert all(0 < b - a <= 400 for a, b in spans)
    assert len(spans) >= 4
    for _, end in spans[:-1]:
        assert TEXT[end - 2 : end] == "\n\n" and not TEXT[end].isspace()


def test_chunks_fall_back_to_sentences_spaces_and_a_hard_cut() -> None:
    one_paragraph = " ".join(p for p in PARAGRAPHS)
    for _, end in chunk_spans(one_paragraph, 300)[:-1]:
        assert one_paragraph[end - 2] in ".\"'" and one_paragraph[end - 1] == " "
    words = "lorem " * 100  # no sentence end: cut after a space
    assert all(words[b - 1] == " " for _, b in chunk_spans(words, 64)[:-1])
    blob = "x" * 250
    assert chunk_spans(blob, 100) == [(0, 100), (100, 200), (200, 250)]
    assert chunk_spans("", 10) == [(0, 0)] and chunk_spans("short", 10) == [(0, 5)]


def test_groups_bound_what_spacy_gets_at_once() -> None:
    pieces = ["a" * 30, "b" * 30, "c" * 50, "d" * 10, "e" * 90, "f" * 5]
    out = list(groups(pieces, 60))
    assert [p for g in out for p in g] == pieces
    assert all(sum(map(len, g)) <= 60 or len(g) == 1 for g in out)
    assert out[0] == pieces[:2]


def _offset_records(doc: Document) -> list[tuple[str, int, int, str]]:
    """(what, start, end, the text the record says is there) for every offset a stage wrote."""
    out = []
    for a in doc.actors + doc.places:
        out += [("mention", m.start, m.end, m.text) for m in a.mentions]
    out += [("date", d.start, d.end, d.text) for d in doc.dates]
    for rec in [*doc.events, *doc.claims, *doc.quantities]:
        ev = rec.evidence
        out.append(("evidence", ev.start, ev.end, ev.sentence))
    for c in doc.claims:
        out.append(("content", c.content_start, c.content_end, c.content))
    return out


@pytest.fixture(scope="module")
def pipelines() -> tuple[Pipeline, Pipeline]:
    """The whole default pipeline with chunks of 300 characters, and with the default chunks
    (this text is one chunk there)."""
    return build_pipeline(config={"nlp": {"chunk_chars": 300}}), build_pipeline()


def test_records_found_in_a_late_chunk_point_at_the_whole_text(
    pipelines: tuple[Pipeline, Pipeline],
) -> None:
    chunked, whole = pipelines
    doc = chunked(document_from_text(TEXT))
    sdoc = doc.user_data["spacy"]
    assert sdoc.text == doc.text  # one Doc over the whole text, nothing inserted between chunks
    cuts = chunk_spans(doc.text, 300)
    assert len(cuts) >= 5
    records = _offset_records(doc)
    assert records
    for what, start, end, text in records:
        if what != "content":  # a content may be cleaned of its quote marks; it must overlap
            assert doc.text[start:end] == text, (what, start, end, text)
    late = cuts[2][0]  # the checkpoint attack and the governor's words: chunk 3 and after
    attack = [e for e in doc.events if "checkpoint" in e.evidence.sentence]
    assert attack and all(e.evidence.start > late for e in attack)
    assert attack[0].evidence.start == doc.text.index("Gunmen attacked")
    (words,) = [c for c in doc.claims if "bring them to justice" in c.content]
    assert words.evidence.start == doc.text.index('"We will find') > late
    assert doc.text[words.content_start : words.content_end].strip('",') == words.content.strip(
        '",'
    )
    karimi = [a for a in doc.actors if a.name == "Ahmad Karimi"]
    assert karimi and karimi[0].mentions[0].start == doc.text.index("Ahmad Karimi")
    # the same records as one parse of the whole text: paragraph cuts change nothing
    ref = whole(document_from_text(TEXT))
    assert sorted(_offset_records(doc)) == sorted(_offset_records(ref))


def test_a_text_longer_than_spacys_limit_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    stage = NLP(chunk_chars=500)
    monkeypatch.setattr(stage.nlp, "max_length", 1000)  # spaCy's limit, made small for the test
    long = document_from_text(TEXT)
    assert len(long.text) > 1000
    doc = stage(long)
    sdoc = doc.user_data["spacy"]
    assert sdoc.text == long.text and len(list(sdoc.sents)) >= 12
    assert {"Jalalabad", "Kandahar", "Herat"} <= {e.text for e in sdoc.ents}
    with pytest.raises(ValueError, match="E088"):  # what every long text met before
        NLP(chunk_chars=10_000)(document_from_text(TEXT))


def test_batches_are_bounded_by_characters() -> None:
    docs = [Document(id=f"d{i}", text="x" * n) for i, n in enumerate([40, 40, 30, 200, 10, 10])]
    out = list(batches(docs, 16, max_chars=100))
    assert [[d.id for d in b] for b in out] == [["d0", "d1"], ["d2"], ["d3"], ["d4", "d5"]]
    assert [len(b) for b in batches(docs, 4)] == [4, 2]  # no character bound: by count

    seen: list[int] = []

    class Count(Stage):
        name = "count"
        requires = frozenset({"doc.text"})

        def __call__(self, doc: Document) -> Document:
            return doc

        def pipe(self, docs: Any, batch_size: int = 32) -> Any:
            docs = list(docs)
            seen.append(sum(len(d.text) for d in docs))
            return iter(docs)

    results = list(Pipeline([Count()]).pipe(docs, batch_size=16, max_chars=100))
    assert [r.doc.id for r in results if r.doc] == [d.id for d in docs]
    assert seen == [80, 30, 200, 20]


def _settings(**ingest: int) -> Settings:
    return load_settings(
        environ={}, overrides={"pipeline": {"stages": ["nlp", "time"]}, "ingest": ingest}
    )


def test_a_document_over_the_real_limit_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-short.txt").write_text(PARAGRAPHS[0], "utf-8")
    (folder / "b-long.txt").write_text(TEXT, "utf-8")
    (folder / "c-short.txt").write_text(PARAGRAPHS[2], "utf-8")
    errors: list[str] = []
    with open_store(str(tmp_path / "s.db")) as store:
        summary = ingest(
            [str(folder)],
            _settings(max_chars=1000),
            store,
            on_error=lambda f: errors.append(f.reason),
        )
        stored = sorted(Path(d.source or "").name for d in store.iter_documents())
    assert summary.new == 2 and summary.failed == 1
    (reason,) = errors
    assert reason.startswith(f"too long: {len(document_from_text(TEXT).text):,} characters")
    assert "over the limit of 1,000 per document (ingest.max_chars)" in reason
    assert stored == ["a-short.txt", "c-short.txt"]
    # under the limit, the same document goes through
    with open_store(str(tmp_path / "t.db")) as store:
        assert ingest([str(folder / "b-long.txt")], _settings(), store).new == 1


def test_the_size_settings_must_be_positive() -> None:
    from newsledger.settings import SettingsError

    for section, key in (
        ("ingest", "max_chars"),
        ("pipeline", "batch_chars"),
        ("nlp", "chunk_chars"),
    ):
        with pytest.raises(SettingsError, match=f"{section}.{key} must be at least 1"):
            load_settings(environ={}, overrides={section: {key: 0}})
