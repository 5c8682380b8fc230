"""Conditional speech is the outer speaker's (rule ``hyp.if``, fourth speaker pass).

"Tester said that Trump promised a wall, but if the president is now saying, “We will make
taxpayers pay,” that is not the way to go": the president says nothing here; the words are
Tester's, put in the president's mouth. A reporting verb in an if/unless clause that hangs,
through clausal complements, from another reporting verb with a subject gives its claim that
verb's subject.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_IF = {"if", "unless"}
_CLIMB = ("ccomp", "conj", "advcl", "xcomp")


def conditional_speaker(
    raws: list[Any], is_cue: Callable[[Any], bool], speaker_of: Callable[[Any], Any]
) -> None:
    """Give each claim whose cue is a conditional reporting verb the outer cue's subject."""
    for r in raws:
        t = r.cue
        if t is None or not hasattr(t, "children") or t.dep_ not in ("advcl", "conj"):
            continue
        if not any(c.dep_ == "mark" and c.lower_ in _IF for c in t.children):
            continue
        a = t.head
        for _ in range(4):
            if a is not t and is_cue(a):
                sp = speaker_of(a)
                if sp is not None:
                    r.speaker = sp
                break
            if a.dep_ not in _CLIMB or a.head is a:
                break
            a = a.head
