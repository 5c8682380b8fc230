"""Plain-text scrapes: cleaning, and headline / body / caption / boilerplate sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.document import Document, content_id
from newsledger.ingest import document_from_text, read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def kinds_of(doc: Document) -> dict[str, list[str]]:
    """Section kind -> the paragraphs inside sections of that kind."""
    out: dict[str, list[str]] = {}
    for s in doc.sections:
        for para in doc.text[s.start : s.end].split("\n\n"):
            if para.strip():
                out.setdefault(s.kind, []).append(para.strip())
    return out


def assert_tiles(doc: Document) -> None:
    assert doc.sections, "no sections"
    assert doc.sections[0].start == 0
    assert doc.sections[-1].end == len(doc.text)
    for a, b in zip(doc.sections, doc.sections[1:], strict=False):
        assert a.end == b.start and a.kind != b.kind


def test_own_scrape_sections() -> None:
    doc = document_from_text((FIXTURES / "scrape_with_furniture.txt").read_text("utf-8"))
    assert_tiles(doc)
    kinds = kinds_of(doc)
    assert doc.title == "Port authority halts night shipping after drone sighting"
    assert doc.published == "2024-03-04"
    assert kinds["headline"][0] == doc.title
    assert kinds["headline"][1].startswith("Officials Say The Pause")  # the standfirst
    assert len(kinds["caption"]) == 2
    assert all("Example Wire" in c for c in kinds["caption"])
    furniture = " ".join(kinds["boilerplate"])
    for piece in (
        "Monday, March 04, 2024",
        "Home | World",
        "By Mara Quill",
        "Share on Facebook",
        "Advertisement",
        "Read More:",
        "Also read:",
        "newsletter",
        "All rights reserved",
        "Drone rules tightened",  # a headline listed under "Related:"
    ):
        assert piece in furniture, piece
    body = " ".join(kinds["body"])
    assert "suspended all night-time shipping" in body
    assert "a serious warning" in body
    assert "Advertisement" not in body and "Read More" not in body


def test_text_is_cleaned_and_id_is_stable() -> None:
    raw = "  Ministers\u00a0met   on Tuesday.\r\n\r\n\r\n\u200bThey agreed\ton a plan.  \r\n"
    doc = document_from_text(raw)
    assert doc.text == "Ministers met on Tuesday.\n\nThey agreed on a plan."
    assert doc.id == content_id(doc.text)
    again = document_from_text(doc.text)  # re-ingesting the cleaned text changes nothing
    assert again.id == doc.id and again.text == doc.text
    assert document_from_text(raw, id="given-7").id == "given-7"


def test_hard_wrapped_lines_are_joined_but_scrape_lines_are_not() -> None:
    wrapped = (
        "The delegation arrived in the capital on Monday evening and was met\n"
        "by the deputy foreign minister, who said the talks would focus on\n"
        "the release of detained fishermen and on new border crossings.\n"
    )
    doc = document_from_text(wrapped)
    assert "\n" not in doc.text and "met by the deputy" in doc.text
    lines = "Short first line here.\nA second paragraph of the scrape.\nAnd a third one."
    assert document_from_text(lines).text.count("\n\n") == 2


def test_sentences_that_look_like_furniture_stay_body() -> None:
    text = (
        "Talks resumed on June 3, 2023.\n\n"
        "By Monday, the troops had left the valley and the road was open again.\n\n"
        "Share prices in the region fell sharply after the announcement.\n\n"
        "More than 20 people were injured, the health ministry said.\n\n"
        "He described the pictures: a burned market and empty streets in the old town."
    )
    doc = document_from_text(text)
    assert {s.kind for s in doc.sections} == {"body"}
    assert doc.published is None
    assert doc.title is None


def test_other_caption_and_furniture_forms() -> None:
    text = (
        "Election officials count ballots\n\n"
        "Election officials count ballots in the northern district on Sunday. "
        "(AP Photo/Kim Example)\n\n"
        "Votes were still being counted on Monday in the northern district, officials said.\n\n"
        "Protesters gather outside parliament. Reuters via Getty Images\n\n"
        "Image: Facebook\n\n"
        "Opposition leaders said they would wait for the final count before commenting.\n\n"
        "Follow us on Twitter @example\n\n"
        "Tags: elections, parliament\n\n"
        "Copyright 2024 Example Media"
    )
    kinds = kinds_of(document_from_text(text))
    assert len(kinds["caption"]) == 3
    assert kinds["boilerplate"] == [
        "Follow us on Twitter @example",
        "Tags: elections, parliament",
        "Copyright 2024 Example Media",
    ]
    assert kinds["headline"] == ["Election officials count ballots"]
    assert len(kinds["body"]) == 2


def test_given_title_marks_headline_and_published_is_normalised() -> None:
    doc = document_from_text(
        "Floods cut road links\n\nHeavy rain cut the main road on Friday, police said.",
        title="Floods cut road links",
        published="2024-02-09T10:15:00Z",
        outlet="Example Daily",
    )
    assert doc.sections[0].kind == "headline"
    assert doc.published == "2024-02-09" and doc.outlet == "Example Daily"
    bad = document_from_text("Heavy rain cut the main road.", published="last Friday")
    assert bad.published is None and "not an ISO 8601 date" in bad.warnings[0]


def test_single_paragraph_is_body_not_headline() -> None:
    doc = document_from_text("Troops withdrew from the border town on Friday")
    assert [s.kind for s in doc.sections] == ["body"]


def test_seed_article_sections(shared: Path) -> None:
    seed = sorted((shared / "corpus" / "seed").glob("*.txt"))
    assert seed
    (doc,) = list(read_inputs([str(seed[0])]))
    assert isinstance(doc, Document)
    assert_tiles(doc)
    assert doc.source == str(seed[0])
    assert doc.published == "2023-06-03"
    kinds = kinds_of(doc)
    assert doc.title and doc.title.startswith("The Taliban")
    assert kinds["headline"][0] == doc.title
    header = [p for p in kinds["boilerplate"] if "June 03, 2023" in p]
    assert len(header) == 1 and doc.text.startswith(header[0])
    assert any(p.startswith("Read More:") for p in kinds["boilerplate"])
    captions = kinds["caption"]
    assert any("(Photo by" in c for c in captions)
    assert any("Photo: AFP" in c for c in captions)
    assert all("Photo" in c or "Image" in c or "photo" in c for c in captions)
    body = " ".join(kinds["body"])
    assert "Read More" not in body and "Photo:" not in body and "Photo by" not in body
    assert len(kinds["body"]) > 20
    assert "  " not in doc.text and "\n\n\n" not in doc.text and "\u00a0" not in doc.text


@pytest.mark.parametrize("text", ["", "   \n\n\t  ", "\u200b\u00a0"])
def test_empty_text_raises_input_error(text: str) -> None:
    from newsledger.errors import InputError

    with pytest.raises(InputError, match="empty document"):
        document_from_text(text)


def test_wire_bylines_datelines_and_gallery_captions() -> None:
    text = (
        "Lena Example and Omar Sample, The Associated Press\n\n"
        "HARBOURTOWN -- Dock workers ended their strike on Wednesday.\n\n"
        "Open this photo in gallery Dock workers leave the port gate after the vote. "
        "Ana Placeholder/The Canadian Press\n\n"
        "The union said members had accepted a three-year contract with a wage increase.\n\n"
        "Workers cheer after the vote at the union hall. Sam Doe/REUTERS"
    )
    doc = document_from_text(text)
    kinds = kinds_of(doc)
    assert kinds["boilerplate"] == ["Lena Example and Omar Sample, The Associated Press"]
    assert "headline" not in kinds and doc.title is None  # a dateline opens the story
    assert len(kinds["caption"]) == 2
    assert kinds["body"][0].startswith("HARBOURTOWN --")


def test_masthead_with_tagline_sets_published() -> None:
    text = (
        "Example Gazette, an illustration for tests Tuesday, 9 April 2024 (not a real paper)\n\n"
        "Farmers block highway over fuel prices\n\n"
        "Hundreds of farmers blocked the northern highway with tractors on Monday, police said."
    )
    doc = document_from_text(text)
    assert doc.published == "2024-04-09"
    assert [s.kind for s in doc.sections] == ["boilerplate", "headline", "body"]
    assert doc.title == "Farmers block highway over fuel prices"


def test_furniture_words_inside_real_sentences_stay_body() -> None:
    text = (
        "Join talks on Monday, the minister urged the rebel commanders.\n\n"
        "The party newsletter called for calm after the vote.\n\n"
        "Copyright lawsuits against the broadcaster have doubled, lawyers said.\n\n"
        "Subscribers to the paper were told the print edition would stop."
    )
    assert {s.kind for s in document_from_text(text).sections} == {"body"}
    furniture = (
        "Sign up for our weekly newsletter\n\nFollow the ministry on Telegram for updates\n\n"
        "Copyright 2024 Example Media Group\n\n(c) Example Media\n\n"
        "The ministry said the talks would resume on Monday."
    )
    kinds = [s.kind for s in document_from_text(furniture).sections]
    assert kinds == ["boilerplate", "body"]
