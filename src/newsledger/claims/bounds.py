"""Where a content ends when another attribution follows inside it (rule id
``bounds.coordinated``).

"Obama emphasized that Burma's reforms were not complete, and human rights groups warned that
the administration was relinquishing leverage": the parse hangs the second attribution inside
the first one's clause, so the first content would swallow it and the second be dropped as a
duplicate. A clause joined by a conjunction or an adverbial conjunction ("and", "but",
"although", "while") that has a subject of its own and is itself an attribution ends the
content before it; a nested attribution that is the content ("X said Y told him that ...")
is left whole.
"""

from __future__ import annotations

from typing import Any

_JOINS = ("conj",)
_TRAIL = " ,;:—–-"
_CONJ = ("and", "but", "or", "although", "though", "while", "whereas", "yet")


def cut_coordinated(text: str, raws: list[Any]) -> None:
    """End each indirect content before a coordinated attribution inside it (in place)."""
    joined = [
        b for b in raws if b.cue is not None and not isinstance(b.cue, str) and b.cue.dep_ in _JOINS
    ]
    for a in raws if joined else []:
        if a.quote == "direct" or a.pieces or a.cue is None or isinstance(a.cue, str):
            continue
        for b in joined:
            if b is a or b.cue is None or isinstance(b.cue, str) or b.speaker is None:
                continue
            cue, spk = b.cue, b.speaker
            if not (a.start < spk.idx < a.end and a.start < cue.idx < a.end):
                continue
            if cue.dep_ not in _JOINS or cue.head.i == cue.i or b.start < spk.idx:
                continue
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
                continue
            cut = min(cue.left_edge.idx, spk.left_edge.idx)
            if cut - a.start < 10:
                continue
            end = cut
            while True:
                stripped = text[a.start : end].rstrip(_TRAIL)
                words = stripped.rsplit(None, 1)
                end = a.start + len(stripped)
                if len(words) == 2 and words[1].lower() in _CONJ:
                    end -= len(words[1])
                    continue
                break
            if end - a.start >= 10 and end < a.end:
                a.end = end
                a.rule = (a.rule + "+" if a.rule else "") + "bounds.coordinated"
