"""Bytes to text: UTF-8 first, then a declared or detected charset, with a warning; binary refused.

Also the one place that makes text safe to store: :func:`scrub_surrogates` replaces lone
surrogates (``"\\ud800"`` in JSON, or undecodable bytes smuggled in by ``surrogateescape``), which
no UTF-8 encoder accepts, with U+FFFD; :func:`escaped` writes them as ``\\udXXX`` in messages.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
#: The share of control characters above which decoded "text" is taken for a binary file.
_MAX_CONTROL = 0.01
_SURROGATE = re.compile("[\ud800-\udfff]")
#: UTF-16 without a byte-order mark: the share of NUL bytes in the high-byte positions (at least)
#: and in the low-byte positions (at most) of the first 4 KB. Latin text in UTF-16 has a NUL in
#: nearly every high byte and none in the low ones; binary files have NULs anywhere.
_WIDE_HIGH = 0.3
_WIDE_LOW = 0.02


def scrub_surrogates(text: str) -> tuple[str, int]:
    """``(text, n)``: ``text`` with its ``n`` lone surrogates replaced by U+FFFD."""
    if text.isascii():
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def escaped(text: str) -> str:
    """``text`` printable and storable: lone surrogates written as ``\\udXXX``."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if has_surrogate(text) else text


def wide_encoding(head: bytes) -> str | None:
    """ "utf-16-le" / "utf-16-be" when ``head`` (the first bytes of a file, no byte-order mark)
    looks like UTF-16 text, else None."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if share_odd >= _WIDE_HIGH and share_even <= _WIDE_LOW:
        return "utf-16-le"
    if share_even >= _WIDE_HIGH and share_odd <= _WIDE_LOW:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, list[str]]:
    """``(text, warnings)`` for the bytes of a file.

    UTF-8 (or a byte-order mark) is read silently; a page's declared ``<meta charset>`` is trusted
    when it decodes; otherwise charset_normalizer guesses, then cp1252 and latin-1 are tried, and a
    warning says which encoding was used. Raises :class:`InputError` for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), []
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        wide = wide_encoding(data) if len(data) % 2 == 0 else None
        if wide is not None:
            try:
                text = _checked(data.decode(wide))
            except (UnicodeDecodeError, InputError):
                pass
            else:
                return text, [f"no byte-order mark; decoded as {wide.upper()} (detected)"]
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace")
            try:
                return _checked(data.decode(declared)), []
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:
        best = None
    if best is not None and best.encoding:
        text = _checked(str(best))
        return text, [f"not valid UTF-8; decoded as {best.encoding} (detected)"]
    for encoding in ("cp1252", "latin-1"):
        try:
            text = _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
        return text, [f"not valid UTF-8; decoded as {encoding}"]
    raise InputError("undecodable bytes: not UTF-8 and no known encoding fits")  # pragma: no cover


def _checked(text: str) -> str:
    """``text``, unless it is mostly control characters (a binary file that happened to decode)."""
    if not text:
        return text
    sample = text[:100_000]
    control = sum(1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    if control > _MAX_CONTROL * len(sample):
        raise InputError("binary file (control characters), not text")
    return text
