"""Small dependency-parse helpers shared by the events stage's passes (no decisions here)."""

from __future__ import annotations

from typing import Any


def child(tok: Any, *deps: str) -> Any:
    """The first child of ``tok`` with one of the dependency labels, or None."""
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def prep_obj(tok: Any, preps: tuple[str, ...]) -> Any:
    """The object of a preposition (or agent ``by``) of ``tok`` among ``preps``, or None."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            p = child(c, "pobj")
            if p is not None:
                return p
    return None


def path_up(tok: Any, limit: int = 4) -> list[Any]:
    """The heads above ``tok``, nearest first, at most ``limit``."""
    chain = []
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        chain.append(cur)
    return chain


def governors(tok: Any) -> list[Any]:
    """``tok`` and up to ten heads above it."""
    return [tok, *path_up(tok, 10)]


def subject(tok: Any) -> Any:
    """The grammatical subject of a verb, climbing xcomp/conj/relcl chains."""
    cur = tok
    for _ in range(4):
        s = child(cur, "nsubj")
        if s is not None:
            if s.lower_ in ("that", "which", "who") and cur.dep_ == "relcl":
                return cur.head
            return s
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return cur.head
        break
    return None


def span_of(tok: Any) -> tuple[int, int]:
    """Character span of ``tok``'s subtree."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
