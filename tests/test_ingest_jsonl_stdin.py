"""JSONL lines (good and bad, each bad line one Failure with its number) and standard input."""

from __future__ import annotations

import io
import json
from pathlib import Path

from newsledger.document import Document
from newsledger.ingest import read_inputs, sniff
from newsledger.pipeline import Failure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = "Police dispersed a protest outside the ministry on Friday, witnesses said."


def jsonl_lines() -> list[str]:
    page = (FIXTURES / "article_page.html").read_text("utf-8")
    return [
        json.dumps(
            {"id": "a1", "text": TEXT, "title": "Protest dispersed", "published": "2024-01-05"}
        ),
        "{not json",
        json.dumps({"id": "a3", "title": "no body"}),
        json.dumps({"id": "a4", "text": ["a", "list"]}),
        "",
        json.dumps(["an", "array"]),
        json.dumps({"id": 6, "html": page, "url": "https://courier.example.org/x"}),
        json.dumps({"id": "a7", "text": "   "}),
        json.dumps({"text": TEXT, "outlet": "Example Wire", "title": 5}),
        json.dumps({"text": TEXT, "outlet": "Example Wire"}),
    ]


def check(out: list[Document | Failure], source: str) -> None:
    by_line = {x.source: x for x in out}
    assert len(out) == 9  # the blank line yields nothing
    ok = by_line[f"{source}:1"]
    assert isinstance(ok, Document)
    assert (ok.id, ok.title, ok.published) == ("a1", "Protest dispersed", "2024-01-05")
    assert ok.text == TEXT
    assert "malformed JSON" in by_line[f"{source}:2"].reason
    assert "no 'text' or 'html'" in by_line[f"{source}:3"].reason
    bad_type = by_line[f"{source}:4"]
    assert "'text' must be a string" in bad_type.reason and bad_type.doc_id == "a4"
    assert "JSON object" in by_line[f"{source}:6"].reason
    page = by_line[f"{source}:7"]
    assert (
        isinstance(page, Document)
        and page.id == "6"
        and page.url == "https://courier.example.org/x"
    )
    assert page.title == "Council votes to reopen the old bridge"
    assert "empty 'text'" in by_line[f"{source}:8"].reason
    assert "'title' must be a string" in by_line[f"{source}:9"].reason
    last = by_line[f"{source}:10"]
    assert isinstance(last, Document) and last.outlet == "Example Wire" and last.id != "a1"
    assert [x.source for x in out] == sorted(
        (x.source for x in out), key=lambda s: int(s.rsplit(":", 1)[1])
    )


def test_jsonl_file(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(jsonl_lines()) + "\n", "utf-8")
    check(list(read_inputs([str(p)])), str(p))


def test_jsonl_line_over_max_bytes(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"text": "word " * 5000}) + "\n" + json.dumps({"text": TEXT}) + "\n")
    out = list(read_inputs([str(p)], max_bytes=5000))
    assert (
        isinstance(out[0], Failure) and out[0].source == f"{p}:1" and "too large" in out[0].reason
    )
    assert isinstance(out[1], Document) and out[1].source == f"{p}:2"


def test_stdin_jsonl() -> None:
    stream = io.StringIO("\n".join(jsonl_lines()))
    check(list(read_inputs(["-"], stdin=stream)), "<stdin>")


def test_stdin_text_and_html_bytes() -> None:
    (doc,) = read_inputs(["-"], stdin=io.StringIO("Ceasefire talks resume\n\n" + TEXT + "\n"))
    assert (
        isinstance(doc, Document)
        and doc.title == "Ceasefire talks resume"
        and doc.source == "<stdin>"
    )
    raw = (FIXTURES / "article_page.html").read_bytes()
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    (page,) = read_inputs(["-"], stdin=stream)
    assert isinstance(page, Document) and page.outlet == "The Valley Courier (illustration)"


def test_stdin_binary_and_mixed_with_files(tmp_path: Path) -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"\x00\x01binary\x00"), encoding="utf-8")
    (f,) = read_inputs(["-"], stdin=stream)
    assert isinstance(f, Failure) and f.source == "<stdin>" and "binary" in f.reason
    p = tmp_path / "a.txt"
    p.write_text(TEXT)
    out = list(read_inputs([str(p), "-"], stdin=io.StringIO(TEXT)))
    assert [x.source for x in out] == [str(p), "<stdin>"] and out[0].id == out[1].id


def test_sniff() -> None:
    assert sniff('{"text": "x"}\n{"text": "y"}') == "jsonl"
    assert sniff("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff("  <html>") == "html"
    assert sniff("{curly} text that is not json") == "text"
    assert sniff("Plain words. <p> later") == "text"


def test_gzipped_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    import gzip

    lines = [
        json.dumps({"id": "g1", "text": TEXT}),
        json.dumps({"id": "g2", "text": TEXT + " Later."}),
    ]
    p = tmp_path / "batch.jsonl.gz"
    p.write_bytes(gzip.compress(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n"))
    out = list(read_inputs([str(tmp_path)]))
    assert [(d.id, d.source) for d in out] == [("g1", f"{p}:1"), ("g2", f"{p}:2")]
    assert all(isinstance(d, Document) and not d.warnings for d in out)


def test_jsonl_line_in_latin1_decodes_with_warning(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "u", "text": TEXT}).encode("utf-8")
    legacy = '{"id": "l", "text": "Caf\u00e9 owners in the old quarter protested on Friday, police said."}'
    p.write_bytes(good + b"\n" + legacy.encode("cp1252") + b"\n")
    out = list(read_inputs([str(p)]))
    assert isinstance(out[1], Document) and "Caf\u00e9 owners" in out[1].text
    assert out[1].warnings and "not valid UTF-8" in out[1].warnings[0] and not out[0].warnings
