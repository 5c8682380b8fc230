"""Files, folders and standard input into Documents, in input order; bad input becomes a Failure.

``read_inputs`` never raises for bad input: a missing or unreadable file, a binary file, a file
over ``max_bytes``, an empty document, a malformed JSONL line each yield one
:class:`~newsledger.pipeline.Failure` (``source`` is ``path`` or ``path:line``) and reading goes on.
Files over ``max_bytes`` are rejected rather than truncated: half an article gives half a ledger
without saying so. JSONL files may be of any size; ``max_bytes`` then applies to each line.
A named pipe, socket or device named as a path is refused (reading it could block forever); a
repeated id inside one JSONL file is said in the later document's warnings.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO, TextIO

from ..document import Document
from ..errors import InputError
from ..pipeline import Failure
from .decode import decode_bytes, escaped, wide_encoding
from .documents import document_from_html, document_from_text
from .jsonl import REPEATED_ID, parse_line

#: Suffix -> how the file is read. ``.gz`` versions of each are read too.
KINDS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
STDIN = "<stdin>"
NOT_A_FILE = (
    "not a regular file (a named pipe, socket or device): pipe it to standard input and name "
    "it - instead"
)
#: How a file that is surely a web page starts (read as HTML even when named .txt).
_PAGE_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|\?xml|article|div|p|title)\b",
    re.IGNORECASE | re.DOTALL,
)


def read_inputs(
    paths: Iterable[str], *, max_bytes: int = 20_000_000, stdin: TextIO | None = None
) -> Iterator[Document | Failure]:
    """Documents (or Failures) for each path, in order.

    A path is a file (``.txt``, ``.html``/``.htm``, ``.jsonl``, each optionally ``.gz``; any other
    named file is read as text), a folder (read recursively, sorted; other files and hidden ones are
    skipped silently) or ``-`` for standard input (JSONL, HTML or text, detected). Each document's
    ``source`` is its path, or ``path:line`` for a JSONL line.
    """
    for p in paths:
        p = str(p)
        if p == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
            continue
        path = Path(p)
        p = escaped(p)  # a file name that is not valid UTF-8 still prints and stores
        try:
            if path.is_dir():
                yield from _read_folder(path, max_bytes)
            elif path.is_file():
                kind, compressed = kind_of(path)
                yield from _read_file(path, kind or "text", compressed, max_bytes)
            elif path.exists():
                yield Failure(p, NOT_A_FILE)
            else:
                yield Failure(p, "no such file or directory")
        except OSError as exc:  # e.g. a folder that cannot be listed
            yield Failure(p, f"cannot read: {exc.strerror or exc}")


def kind_of(path: Path) -> tuple[str | None, bool]:
    """``(kind, gzipped)`` from the file name; kind is None for an unknown suffix."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    suffix = (suffixes[-2] if len(suffixes) == 2 else "") if compressed else (suffixes or [""])[-1]
    return KINDS.get(suffix), compressed


def _read_folder(folder: Path, max_bytes: int) -> Iterator[Document | Failure]:
    files = []
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or not f.is_file():
            continue
        kind, compressed = kind_of(f)
        if kind is not None:
            files.append((f, kind, compressed))
    if not files:
        yield Failure(
            escaped(str(folder)), "folder holds no .txt, .html, .htm or .jsonl files", skipped=True
        )
    for f, kind, compressed in files:
        yield from _read_file(f, kind, compressed, max_bytes)


def _open(path: Path, compressed: bool) -> BinaryIO:
    return gzip.open(path, "rb") if compressed else open(path, "rb")


def _too_big(size: int | None, max_bytes: int) -> str:
    what = f"{size / 1e6:.1f} MB" if size is not None else "more than that"
    return f"too large: {what}, over the limit of {max_bytes / 1e6:g} MB per document (max_bytes)"


def _read_file(
    path: Path, kind: str, compressed: bool, max_bytes: int
) -> Iterator[Document | Failure]:
    source = escaped(str(path))
    try:
        if kind == "jsonl":
            with _open(path, compressed) as fh:
                yield from _read_jsonl(fh, source, max_bytes)
            return
        size = path.stat().st_size
        if not compressed and size > max_bytes:
            yield Failure(source, _too_big(size, max_bytes))
            return
        with _open(path, compressed) as fh:
            data = fh.read(max_bytes + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield Failure(source, f"not a readable gzip file: {exc}")
        return
    except OSError as exc:
        yield Failure(source, f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:
        yield Failure(source, _too_big(None, max_bytes))
        return
    yield _from_bytes(data, source, kind)


def _from_bytes(data: bytes, source: str, kind: str) -> Document | Failure:
    if kind == "text" and _PAGE_START.match(data[:1024].decode("latin-1")):
        kind = "html"  # a saved web page, whatever its name says
    try:
        text, warnings = decode_bytes(data, html=kind == "html")
    except InputError as exc:
        return Failure(source, exc.message)
    return _from_text(text, source, kind, warnings)


def _from_text(text: str, source: str, kind: str, warnings: list[str]) -> Document | Failure:
    try:
        if kind == "html":
            return document_from_html(text, source=source, warnings=warnings)
        return document_from_text(text, source=source, warnings=warnings)
    except InputError as exc:
        return Failure(source, exc.message)
    except Exception as exc:
        return Failure(source, f"cannot read: {type(exc).__name__}: {exc}")


def _read_jsonl(fh: IO[bytes], source: str, max_bytes: int) -> Iterator[Document | Failure]:
    head = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
    wide = _wide_jsonl(head)
    if wide is not None:
        yield from _read_wide_jsonl(fh, source, max_bytes, *wide)
        return
    if b"\x00" in head:
        yield Failure(source, "binary file (contains NUL bytes), not JSON Lines")
        return
    seen: dict[str, int] = {}
    number = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        where = f"{source}:{number}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = fh.readline(1 << 20)
            yield Failure(where, _too_big(None, max_bytes))
            continue
        try:
            line, warnings = decode_bytes(raw)
        except InputError as exc:
            yield Failure(where, exc.message)
            continue
        result = _safe_line(line, where, warnings)
        if result is not None:
            yield _note_repeat(result, number, seen)


def _wide_jsonl(head: bytes) -> tuple[str, str | None] | None:
    """``(encoding, warning)`` for a JSONL file in UTF-16/32 (with or without a byte-order mark),
    else None."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if head.startswith(bom):
            return encoding, None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", None
    wide = wide_encoding(head) if b"\x00" in head else None
    if wide is None:
        return None
    return wide, f"no byte-order mark; decoded as {wide.upper()} (detected)"


def _read_wide_jsonl(
    fh: IO[bytes], source: str, max_bytes: int, encoding: str, warning: str | None
) -> Iterator[Document | Failure]:
    """JSON Lines in UTF-16 or UTF-32: decoded as a stream, then read line by line as text
    (``max_bytes`` counts characters here, about half the bytes)."""
    text = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline=None)  # type: ignore[arg-type]
    seen: dict[str, int] = {}
    number = 0
    while True:
        try:
            line = text.readline(max_bytes + 1)
        except UnicodeDecodeError as exc:
            yield Failure(f"{source}:{number + 1}", f"not valid {encoding.upper()}: {exc.reason}")
            return
        if not line:
            return
        number += 1
        where = f"{source}:{number}"
        if len(line) > max_bytes and not line.endswith("\n"):
            while line and not line.endswith("\n"):
                line = text.readline(1 << 20)
            yield Failure(where, _too_big(None, max_bytes))
            continue
        result = _safe_line(line, where, [warning] if warning else [])
        if result is not None:
            yield _note_repeat(result, number, seen)


def _note_repeat(
    result: Document | Failure, number: int, seen: dict[str, int]
) -> Document | Failure:
    """A document whose id an earlier line of the same file had gets a warning saying so (the
    later line replaces the earlier one in a store)."""
    if isinstance(result, Document):
        first = seen.get(result.id)
        if first is not None:
            result.warnings.append(
                f"{REPEATED_ID} {result.id!r}: also on line {first} of this file; "
                "the later line is kept"
            )
        seen[result.id] = number
    return result


def _safe_line(line: str, where: str, warnings: list[str]) -> Document | Failure | None:
    try:
        return parse_line(line, where, warnings)
    except Exception as exc:
        return Failure(where, f"cannot read: {type(exc).__name__}: {exc}")


def _read_stdin(stream: TextIO, max_bytes: int) -> Iterator[Document | Failure]:
    """Standard input: JSONL when the first line is a JSON object, HTML when it starts like a
    page, else text."""
    if stream is None:
        yield Failure(STDIN, "cannot read: no standard input")
        return
    buffer = getattr(stream, "buffer", None)
    warnings: list[str] = []
    try:
        if buffer is not None:
            data = buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Failure(STDIN, _too_big(None, max_bytes))
                return
            text, warnings = decode_bytes(
                data, html=bool(_HTML_START.match(data[:2048].decode("latin-1")))
            )
        else:
            text = stream.read()
            if len(text.encode("utf-8", "replace")) > max_bytes:
                yield Failure(STDIN, _too_big(None, max_bytes))
                return
    except InputError as exc:
        yield Failure(STDIN, exc.message)
        return
    except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        yield Failure(STDIN, f"cannot read: {exc}")
        return
    kind = sniff(text)
    if kind == "jsonl":
        seen: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), 1):
            result = _safe_line(line, f"{STDIN}:{number}", warnings)
            if result is not None:
                yield _note_repeat(result, number, seen)
        return
    yield _from_text(text, STDIN, kind, warnings)


def sniff(text: str) -> str:
    """ "jsonl", "html" or "text" for a text of unknown kind."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        first = stripped.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    if _HTML_START.match(text[:4096]):
        return "html"
    return "text"
