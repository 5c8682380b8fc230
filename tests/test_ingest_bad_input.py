"""Bad input: one clear Failure each (file, line, reason); never an exception out of read_inputs."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from newsledger.document import Document
from newsledger.ingest import read_inputs
from newsledger.pipeline import Failure

GOOD = "Rebels and army units clashed near the river crossing on Monday, officials said.\n"


def read(*paths: Path | str, **kw: int) -> list[Document | Failure]:
    return list(read_inputs([str(p) for p in paths], **kw))


def test_missing_file(tmp_path: Path) -> None:
    (f,) = read(tmp_path / "nope.txt")
    assert isinstance(f, Failure) and f.source.endswith("nope.txt")
    assert "no such file" in f.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "locked.txt"
    p.write_text(GOOD)
    p.chmod(0)
    (f,) = read(p)
    assert isinstance(f, Failure) and "cannot read" in f.reason


def test_read_error_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.ingest import readers

    def refuse(path: Path, compressed: bool) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(readers, "_open", refuse)
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    (f,) = read(p)
    assert isinstance(f, Failure) and f.reason == "cannot read: Permission denied"


def test_folder_with_nothing_readable_is_skipped_with_reason(tmp_path: Path) -> None:
    # a folder named like a file is read as a folder
    (tmp_path / "odd.txt").mkdir()
    (f,) = read(tmp_path / "odd.txt")
    assert isinstance(f, Failure) and f.skipped and "no .txt" in f.reason


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (f,) = read(p)
    assert isinstance(f, Failure) and "binary" in f.reason


def test_control_character_garbage_is_binary(tmp_path: Path) -> None:
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50 + b"abc")
    (f,) = read(p)
    assert isinstance(f, Failure) and "binary" in f.reason


def test_cp1252_file_decodes_with_warning(tmp_path: Path) -> None:
    p = tmp_path / "legacy.txt"
    text = (
        "The minister\u2019s caf\u00e9 speech \u2013 \u201cwe will not retreat\u201d \u2013 drew crowds. "
        * 3
    )
    p.write_bytes(text.encode("cp1252"))
    (doc,) = read(p)
    assert isinstance(doc, Document)
    assert "minister\u2019s caf\u00e9 speech" in doc.text
    assert doc.warnings and "not valid UTF-8" in doc.warnings[0]


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    p = tmp_path / "wide.txt"
    p.write_bytes(GOOD.encode("utf-16"))
    (doc,) = read(p)
    assert isinstance(doc, Document) and doc.text == GOOD.strip()


def test_empty_documents(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text(" \n\n\t \u00a0\n")
    (tmp_path / "furniture.txt").write_text("Advertisement\n\nShare on Facebook\n\nSubscribe now\n")
    out = read(tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "furniture.txt")
    assert all(isinstance(f, Failure) and "empty document" in f.reason for f in out)
    assert [Path(f.source).name for f in out] == ["empty.txt", "blank.txt", "furniture.txt"]


def test_file_over_max_bytes_is_rejected(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_text("<html><body>" + "<p>word word word.</p>" * 2000 + "</body></html>")
    small = tmp_path / "small.txt"
    small.write_text(GOOD)
    out = read(big, small, max_bytes=10_000)
    assert (
        isinstance(out[0], Failure)
        and "too large" in out[0].reason
        and "max_bytes" in out[0].reason
    )
    assert isinstance(out[1], Document)


def test_gzipped_file_over_max_bytes_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(b"<html><body><p>" + b"a " * 50_000 + b"</p></body></html>"))
    (f,) = read(p, max_bytes=20_000)
    assert isinstance(f, Failure) and "too large" in f.reason


def test_corrupt_gzip(tmp_path: Path) -> None:
    p = tmp_path / "broken.txt.gz"
    p.write_bytes(b"not gzip at all")
    (f,) = read(p)
    assert isinstance(f, Failure) and "gzip" in f.reason


def test_folder_skips_unknown_extensions_and_keeps_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(GOOD)
    (tmp_path / "sub" / "a.txt").write_text(GOOD.replace("Monday", "Tuesday"))
    (tmp_path / "notes.md").write_text("# not an article")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    (tmp_path / ".hidden.txt").write_text(GOOD)
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(GOOD.replace("Monday", "Friday").encode()))
    out = read(tmp_path)
    assert [Path(d.source).name for d in out] == ["b.txt", "c.txt.gz", "a.txt"]
    assert all(isinstance(d, Document) for d in out)


def test_named_file_with_unknown_extension_is_text(tmp_path: Path) -> None:
    p = tmp_path / "article.dat"
    p.write_text(GOOD)
    (doc,) = read(p)
    assert isinstance(doc, Document) and doc.text == GOOD.strip()


def test_batch_goes_on_after_every_kind_of_failure(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "ok.txt").write_text(GOOD)
    (tmp_path / "lines.jsonl").write_text('{"text": 3}\n{"text": "Clashes were reported."}\n')
    out = read(
        tmp_path / "missing.txt",
        tmp_path / "bin.txt",
        tmp_path / "lines.jsonl",
        tmp_path / "ok.txt",
    )
    assert [type(x).__name__ for x in out] == [
        "Failure",
        "Failure",
        "Failure",
        "Document",
        "Document",
    ]
    assert out[2].source == f"{tmp_path / 'lines.jsonl'}:1"


def test_web_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    page = (Path(__file__).parent / "fixtures" / "ingest" / "article_page.html").read_text("utf-8")
    p = tmp_path / "saved_page.txt"
    p.write_text(page)
    (doc,) = read(p)
    assert isinstance(doc, Document) and "<p>" not in doc.text
    assert doc.title == "Council votes to reopen the old bridge"


def test_no_stdin_is_a_failure() -> None:
    import sys
    from unittest import mock

    with mock.patch.object(sys, "stdin", None):
        (f,) = read("-")
    assert isinstance(f, Failure) and f.source == "<stdin>" and "no standard input" in f.reason
