"""Republished copies (MinHash/LSH over the body): texts written by the project."""

from __future__ import annotations

from newsledger.analysis.dedup import find_duplicates
from newsledger.analysis.records import DocInfo

BODY = (
    "Flood waters rose across the river valley on Thursday after three days of heavy rain, "
    "forcing hundreds of families to leave their homes, the regional disaster agency said. "
    "The agency opened six shelters in schools and asked residents of low-lying villages to "
    "move to higher ground before nightfall. Engineers were checking two dams upstream, and "
    "the main highway to the capital was closed at the bridge near the market town."
)
OTHER = (
    "The regional disaster agency said on Friday that the river had started to fall, but "
    "warned that more rain was expected over the weekend. Families in shelters were told to "
    "stay until engineers had finished inspecting the dams and the highway bridge."
)


def info(doc_id: str, published: str, ref: str | None = None) -> DocInfo:
    return DocInfo(doc_id, f"outlet {doc_id}", f"outlet:{doc_id}", published, ref)


def test_copy_with_a_different_header_links_to_the_earliest() -> None:
    bodies = {
        "late-copy": "Republished from the Valley Courier. All rights reserved.\n" + BODY,
        "original": BODY,
        "follow-up": OTHER,
    }
    infos = {
        "late-copy": info("late-copy", "2024-05-03"),
        "original": info("original", "2024-05-02"),
        "follow-up": info("follow-up", "2024-05-03"),
    }
    dup = find_duplicates(bodies, infos)
    assert dup.original("late-copy") == "original"
    assert dup.is_copy("late-copy") and not dup.is_copy("original")
    assert not dup.is_copy("follow-up") and dup.original("follow-up") == "follow-up"
    assert dup.links["late-copy"].similarity > 0.8
    assert dup.copies_of("original") == ["late-copy"]


def test_reference_date_decides_the_original_and_groups_chain() -> None:
    edited = BODY.replace("six shelters", "seven shelters")
    bodies = {"a": BODY + " Updated.", "b": BODY, "c": edited}
    # "c" was published last but written first (an archive page): it is the original
    infos = {
        "a": info("a", "2024-05-04"),
        "b": info("b", "2024-05-03"),
        "c": info("c", "2024-05-09", ref="2024-05-01"),
    }
    dup = find_duplicates(bodies, infos)
    assert dup.original("a") == "c" and dup.original("b") == "c"
    assert len(dup.groups) == 1 and dup.groups[0][0] == "c"


def test_short_or_unrelated_texts_are_not_copies() -> None:
    dup = find_duplicates({"x": "Rain.", "y": "Rain.", "z": OTHER, "w": BODY})
    assert not dup.links


def test_republications_of_the_development_articles(shared) -> None:
    """The 181 article bodies of the extraction set, each republished once with a header, a
    cut end or site furniture added: every copy found, no two different articles linked."""
    import json
    import random

    truth = json.loads((shared / "data/extraction/ground-truth.json").read_text("utf-8"))
    rng = random.Random(1)
    bodies, infos, copies = {}, {}, {}
    for k, v in truth.items():
        body = v["articleBody"]
        if len(body.split()) < 40:
            continue
        bodies[k] = body
        infos[k] = info(k, "2024-01-01")
        paras = [p for p in body.split("\n") if p.strip()]
        variant = rng.randrange(3)
        if variant == 0:
            copy = "Republished from a partner site. Photo: agency.\n" + body
        elif variant == 1:
            copy = "\n".join(paras[: max(1, int(len(paras) * 0.85))])
        else:
            copy = f"Share this article\n{body}\nRead more stories from our desk. Subscribe."
        bodies[k + "-copy"] = copy
        infos[k + "-copy"] = info(k + "-copy", "2024-01-05")
        copies[k + "-copy"] = k
    dup = find_duplicates(bodies, infos)
    found = {c: link.original for c, link in dup.links.items()}
    wrong = {c: o for c, o in found.items() if copies.get(c) != o}
    assert not wrong
    assert len(found) >= 0.97 * len(copies)
