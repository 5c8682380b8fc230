"""The language of a document, detected at ingest with py3langid (langid.py's maintained fork;
its model ships inside the wheel, so detection works offline).

newsledger's models (spaCy's English pipeline, the English trigger lexicons, MiniLM) read English
only: a document detected as another language is skipped by the pipeline with the reason
``skipped: language xx`` (:func:`skip_reason`) instead of yielding garbage records. Detection
says "not English" only when it is sure: at least :data:`MIN_LETTERS` letters and a normalised
probability of :data:`MIN_PROB`, or a text written mostly in a non-Latin script (Arabic,
Cyrillic, CJK...) whatever its length. Anything else counts as English, so a short English
headline or a list of names is never turned away.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

ENGLISH = "en"
#: Letters a Latin-script text needs before a non-English verdict is trusted.
MIN_LETTERS = 40
#: Normalised probability of the detected language needed to call a Latin-script text non-English.
MIN_PROB = 0.9
#: Probability needed when most letters are in a non-Latin script.
MIN_PROB_SCRIPT = 0.5
#: Characters read (the start of the text decides; detection cost stays flat).
READ_CHARS = 1000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier (its model unpacked once, then kept in :mod:`newsledger.memo`'s
    disk cache: unpacking the compressed model is most of its load time)."""
    from ..memo import memo

    def build() -> Any:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)

    return memo("language-identifier", "py3langid", build)


def _non_latin_share(text: str) -> tuple[int, float]:
    """(letters, share of letters outside the Latin script)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0, 0.0
    other = sum(1 for c in letters if not unicodedata.name(c, "LATIN").startswith("LATIN"))
    return len(letters), other / len(letters)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language when detection is sure it is not English;
    ``"en"`` otherwise (see the module docstring)."""
    sample = text[:READ_CHARS]
    letters, non_latin = _non_latin_share(sample)
    if not letters:
        return ENGLISH
    lang, prob = _identifier().classify(sample)
    if lang == ENGLISH:
        return ENGLISH
    if non_latin >= 0.5 and prob >= MIN_PROB_SCRIPT:
        return str(lang)
    if letters >= MIN_LETTERS and prob >= MIN_PROB:
        return str(lang)
    return ENGLISH


def skip_reason(language: str | None) -> str | None:
    """Why the pipeline skips a document in ``language`` (None for English)."""
    if not language or language == ENGLISH:
        return None
    return (
        f"skipped: language {language} (newsledger reads English only; "
        "no actors, places, events or claims extracted)"
    )


__all__ = ["ENGLISH", "detect_language", "skip_reason"]
