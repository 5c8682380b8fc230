"""Hostile or unlucky input (issue 19, items 1, 2 and 9): each case is one clear Failure or a
Document with a warning, and reading goes on with the next input. Texts are illustrations written
for these tests."""

from __future__ import annotations

import io
import json
import logging
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.document import Document
from newsledger.ingest import document_from_html, document_from_text, read_inputs
from newsledger.ingest.jsonl import parse_line
from newsledger.pipeline import Failure
from newsledger.store import content_hash, open_store

GOOD = "Rebels and army units clashed near the river crossing on Monday, officials said."
OTHER = "Police arrested twelve protesters in the capital on Tuesday, witnesses said."


def read(*paths: Path | str, **kw: int) -> list[Document | Failure]:
    return list(read_inputs([str(p) for p in paths], **kw))


def lines(*objects: dict[str, str]) -> str:
    """JSON Lines as a producer writes them: non-ASCII (lone surrogates too) as ``\\uXXXX``."""
    return "".join(json.dumps(o) + "\n" for o in objects)


def no_surrogates(s: str | None) -> bool:
    return s is None or not any("\ud800" <= ch <= "\udfff" for ch in s)


# -- item 1: lone surrogates ---------------------------------------------------------------


def test_surrogate_in_jsonl_id_fails_that_line_only(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text(lines({"id": "bad\ud800id", "text": GOOD}, {"id": "good", "text": OTHER}))
    bad, good = read(p)
    assert isinstance(bad, Failure) and bad.source == f"{p}:1"
    assert "surrogate" in bad.reason and no_surrogates(bad.reason)
    assert no_surrogates(bad.doc_id)
    assert isinstance(good, Document) and good.id == "good"


def test_surrogate_in_jsonl_text_and_title_is_replaced_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text(lines({"id": "t1", "title": "Talks \udc00 stall", "text": GOOD + " \ud83d here."}))
    (doc,) = read(p)
    assert isinstance(doc, Document)
    assert doc.title == "Talks \ufffd stall" and "\ufffd here." in doc.text
    assert no_surrogates(doc.text) and no_surrogates(doc.title)
    assert any("surrogate" in w for w in doc.warnings)
    # a real pair written as two escapes is one valid character, not a surrogate
    pair = parse_line(json.dumps({"text": GOOD + " \U0001f600"}), "x:1")
    assert '\\ud83d\\ude00"' in json.dumps({"text": "\U0001f600"})  # written as a pair
    assert isinstance(pair, Document) and "\U0001f600" in pair.text and not pair.warnings


def test_surrogate_in_library_calls_never_reaches_the_store(tmp_path: Path) -> None:
    doc = document_from_text(GOOD + " \udcff", title="A \ud800 title", outlet="Desk \udc80")
    assert no_surrogates(doc.text) and no_surrogates(doc.title) and no_surrogates(doc.outlet)
    page = document_from_html(f"<html><body><p>{GOOD} \udcff</p></body></html>")
    assert no_surrogates(page.text)
    with pytest.raises(Exception, match="surrogate"):
        document_from_text(GOOD, id="x\ud800")


def test_store_refuses_a_surrogate_cleanly_and_goes_on(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    doc = document_from_text(GOOD, id="d1")
    assert store.write(doc) == "new"
    doc.text = GOOD + " \ud800"  # a new version built by hand, bypassing the readers
    assert isinstance(content_hash(doc), str)
    from newsledger.errors import StoreError

    with pytest.raises(StoreError, match="surrogate"):
        store.write(doc)
    hand = Document(id="bad\ud800", text=GOOD)
    assert store.status_of(hand) == "new"
    with pytest.raises(StoreError, match="surrogate"):
        store.write(hand)
    assert store.write(document_from_text(OTHER, id="d2")) == "new"
    assert store.count() == 2
    assert store.get_document("d1").text == GOOD  # the stored version is untouched
    store.close()


def test_ingest_goes_on_after_a_surrogate_id(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text(lines({"id": "bad\ud800id", "text": GOOD}, {"id": "good", "text": OTHER}))
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(p), "--db", db, "--json", "--no-progress"])
    assert result.exit_code == 1, result.output  # one line failed
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["new"] == 1 and summary["failed"] == 1
    with open_store(db) as store:
        assert [d["id"] for d in store.documents()] == ["good"]


def test_extract_prints_every_document_when_a_title_holds_a_surrogate(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text(
        lines({"id": "t1", "title": "Bad \udc00 title", "text": GOOD}, {"id": "t2", "text": OTHER})
    )
    for args in ([], ["--json"]):
        result = CliRunner().invoke(app, ["extract", str(p), *args])
        assert result.exit_code == 0, result.output
        assert "t1" in result.stdout and "t2" in result.stdout


# -- item 2: a FIFO named as a path -------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_named_as_a_path_is_refused_and_reading_goes_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    after = tmp_path / "after.txt"
    after.write_text(GOOD)
    out: list[Document | Failure] = []
    reader = threading.Thread(target=lambda: out.extend(read(fifo, after)), daemon=True)
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():  # unblock the hung reader so the test run can end
        with open(fifo, "w") as fh:
            fh.write("")
        pytest.fail("reading a named pipe blocked")
    f, doc = out
    assert isinstance(f, Failure) and f.source == str(fifo)
    assert "not a regular file" in f.reason and "standard input" in f.reason
    assert isinstance(doc, Document) and doc.source == str(after)


# -- item 9: smaller ones --------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_text(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "note.txt"
    p.write_bytes(f"{GOOD}\n{OTHER}\n".encode(encoding))
    (doc,) = read(p)
    assert isinstance(doc, Document), doc
    assert GOOD in doc.text and OTHER in doc.text
    assert any("UTF-16" in w and "byte-order mark" in w for w in doc.warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_jsonl_is_read_line_by_line(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "text": GOOD}), json.dumps({"id": "b", "text": OTHER})]
    p.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    out = read(p)
    assert [(type(d).__name__, d.source) for d in out] == [
        ("Document", f"{p}:1"),
        ("Document", f"{p}:2"),
    ], out
    assert [d.id for d in out if isinstance(d, Document)] == ["a", "b"]


def test_binary_with_nul_bytes_is_still_binary(tmp_path: Path) -> None:
    p = tmp_path / "blob.txt"
    p.write_bytes(bytes(range(256)) * 8)
    (f,) = read(p)
    assert isinstance(f, Failure) and "binary" in f.reason


def test_text_inside_deep_html_nesting_is_kept(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    depth = 10_000
    p.write_text(
        "<html><body>" + "<div>" * depth + f"<p>{GOOD}</p><p>{OTHER}</p>" + "</div>" * depth
        + "</body></html>"
    )  # fmt: skip
    (doc,) = read(p)
    assert isinstance(doc, Document), doc
    assert GOOD in doc.text and OTHER in doc.text


def test_html_file_holding_plain_text_is_kept(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(f"{GOOD}\n\n{OTHER}\n")
    (doc,) = read(p)
    assert isinstance(doc, Document), doc
    assert GOOD in doc.text and OTHER in doc.text


PAGES = {
    "empty.html": "",
    "blank.html": "   \n",
    "bare.html": "<html></html>",
    "head.html": "<html><head><title>T</title></head></html>",
    "comment.html": "<!-- nothing but a comment -->",
    "junk.html": "<<<>>>&&&",
    "script.html": "<html><body><script>var a = 1;</script></body></html>",
}


def test_bad_pages_say_one_line_each_and_no_library_warnings(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name, body in PAGES.items():
        (tmp_path / name).write_text(body)
    with caplog.at_level(logging.WARNING):
        out = read(*(tmp_path / n for n in PAGES))
    assert all(isinstance(f, Failure) and "empty document" in f.reason for f in out), out
    assert [r for r in caplog.records if not r.name.startswith("newsledger")] == []


def test_malformed_json_message_reads_once(tmp_path: Path) -> None:
    f = parse_line('{"text": "a\tb"}', "x.jsonl:1")
    assert isinstance(f, Failure)
    assert " at at " not in f.reason and f.reason.startswith("malformed JSON: ")
    assert "column" in f.reason


def test_repeated_id_in_one_jsonl_file_is_said(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text(
        json.dumps({"id": "r1", "text": GOOD}) + "\n"
        + json.dumps({"id": "r2", "text": OTHER}) + "\n"
        + json.dumps({"id": "r1", "text": GOOD + " Later it ended."}) + "\n"
    )  # fmt: skip
    first, _, last = read(p)
    assert isinstance(first, Document) and not first.warnings
    assert isinstance(last, Document) and last.id == "r1"
    assert any("line 1" in w and "r1" in w for w in last.warnings), last.warnings
    piped = list(read_inputs(["-"], stdin=io.StringIO(p.read_text())))  # JSONL on stdin too
    assert [len(d.warnings) for d in piped if isinstance(d, Document)] == [0, 0, 1]
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(p), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "1 repeated id" in result.stderr, result.stderr
    with open_store(db) as store:
        assert store.count() == 2
        assert store.get_document("r1").text.endswith("Later it ended.")  # the last line kept
