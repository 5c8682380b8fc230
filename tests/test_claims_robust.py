"""Bad input: unbalanced, mixed straight/typographic quote marks; paragraph separators;
boilerplate sections. Nothing may crash or swallow the rest of the article into one quote."""

from __future__ import annotations

from newsledger.claims import ClaimStage
from newsledger.claims.quotes import find_quotes, paragraphs
from newsledger.document import Section

STAGES = ["nlp", "time", "actors", "claims"]


def test_unclosed_quote_is_capped_at_paragraph_end():
    text = 'He said "this never closes.\n\nA second paragraph.\n\nA third "one" here.'
    paras = paragraphs(text)
    quotes = find_quotes(text, paras)
    first = quotes[0]
    assert not first.closed
    assert first.end <= paras[0].end
    assert all(q.end <= paras[q.para].end for q in quotes)


def test_ggt_style_separators_are_not_paragraphs():
    text = "First line here.\n .\n Second line here.\n .\n"
    paras = paragraphs(text)
    assert [text[p.start : p.end] for p in paras] == ["First line here.", "Second line here."]


def test_mixed_and_unbalanced_marks_do_not_crash_or_swallow(parse):
    text = (
        "Officials met in Eastport.\n\n"
        '“The plan is good," the mayor said. ”Stray closer here.\n\n'
        '"An opener that never closes, said the clerk.\n\n'
        + "\n\n".join(f"Paragraph {i} is plain narration about roads." for i in range(8))
        + "\n\n“We will build the bridge,” the mayor said."
    )
    doc = parse(text, stages=STAGES)
    for c in doc.claims:
        assert "Paragraph 3" not in c.content
        assert len(c.content) < 200
    assert any("build the bridge" in c.content for c in doc.claims)


def test_boilerplate_section_is_skipped(parse):
    text = (
        "The council said that the road will reopen in May.\n\n"
        "Subscribe now. Our editor said that you will love the newsletter."
    )
    doc = parse(text, stages=["nlp"])
    cut = text.index("Subscribe")
    doc.sections = [Section("body", 0, cut), Section("boilerplate", cut, len(text))]
    doc = ClaimStage()(doc)
    assert any("road will reopen" in c.content for c in doc.claims)
    assert not any("newsletter" in c.content for c in doc.claims)


def test_random_quote_marks_never_crash(parse):
    import random

    rng = random.Random(7)
    words = ["he", "said", "the", "minister", "“", "”", '"', "'", "«", "»", "war", ",", ".", "\n\n"]
    for _ in range(5):
        text = "Officials met. " + " ".join(rng.choice(words) for _ in range(120))
        doc = parse(text, stages=STAGES)
        for c in doc.claims:
            assert doc.text[c.content_start : c.content_end] == c.content
            assert "\n\n" not in c.content  # never across a paragraph end


def test_document_without_parse_gives_no_claims():
    from newsledger.ingest import document_from_text

    doc = ClaimStage()(document_from_text('"Hello," she said.'))
    assert doc.claims == []


def test_single_quote_marks_with_apostrophes():
    text = (
        "‘We will not let the players’ union dictate terms to us,’ she said. "
        "‘It isn’t going to happen.’\n\n"
        "The clubs’ owners don’t agree."
    )
    paras = paragraphs(text)
    quotes = find_quotes(text, paras)
    spans = [text[q.start : q.end] for q in quotes]
    assert spans == [
        "‘We will not let the players’ union dictate terms to us,’",
        "‘It isn’t going to happen.’",
    ]
