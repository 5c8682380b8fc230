"""Direct quotes: attribution after and before the quote, split quotes (one claim in two
pieces), quotes over paragraphs,
pronouns resolved to the previous named speaker. Texts are the project's own illustrations."""

from __future__ import annotations

STAGES = ["nlp", "time", "actors", "claims"]

TEXT = (
    "Ministers met in Valdoria on Tuesday to discuss the grain corridor.\n\n"
    '"We will not sign anything that leaves our farmers exposed," said Foreign Minister '
    'Anna Petrova. "The corridor must stay open all year."\n\n'
    "Petrova said the talks would resume next week.\n\n"
    '"There is no deal yet," she said, "but we are closer than we were in March."\n\n'
    '"Nobody wants another winter like the last one. Our ports cannot wait.\n\n'
    '"Every week of delay costs the region dearly."\n\n'
    "The weather in the capital was mild."
)


def _by_content(doc, fragment):
    found = [c for c in doc.claims if fragment in c.content]
    assert found, f"no claim contains {fragment!r}: {[c.content for c in doc.claims]}"
    return found[0]


def test_quote_attributed_after_it(parse):
    doc = parse(TEXT, stages=STAGES)
    c = _by_content(doc, "leaves our farmers exposed")
    assert c.quote == "direct"
    assert "Anna Petrova" in c.speaker_text
    assert c.speaker_kind == "person"
    assert c.cue == "say"
    # the quote that goes on after "said ..." is its second piece
    assert len(c.pieces) == 2
    assert c.content == " … ".join(doc.text[a:b] for a, b in c.pieces)
    assert doc.text[c.pieces[0][0] : c.pieces[0][1]].endswith('exposed,"')


def test_second_quote_in_paragraph_continues_speaker(parse):
    doc = parse(TEXT, stages=STAGES)
    c = _by_content(doc, "must stay open all year")
    assert "Petrova" in c.speaker_text


def test_second_quote_of_a_pair_is_not_the_next_sentences(parse):
    doc = parse(
        "“The impact of the vote on the harbour levy is still small,” wrote Marta Ilves for "
        "the Valdoria Courier. “Just 9 percent of voters said it changed their minds.” "
        "Council members are urging the mayor to call a second vote.\n\n"
        "“Why would I raise the levy again?” Mayor Tomas Berg now calls it a rookie mistake.",
        stages=STAGES,
    )
    c = _by_content(doc, "Just 9 percent of voters")
    assert "Marta Ilves" in c.speaker_text or c.speaker_name == "Marta Ilves"
    assert "Council members" not in c.speaker_text
    # a quote after no attributed quote keeps the verb after it
    c = _by_content(doc, "raise the levy again")
    assert "Berg" in c.speaker_text


def test_split_quote_gives_one_claim_in_two_pieces_with_pronoun_resolved(parse):
    doc = parse(TEXT, stages=STAGES)
    first = _by_content(doc, "no deal yet")
    second = _by_content(doc, "closer than we were")
    assert first is second and len(first.pieces) == 2
    assert first.speaker_text == "she"
    assert first.speaker_name == doc.user_data["claims.names"][first.id] == "Anna Petrova"


def test_quote_running_over_paragraphs_keeps_speaker(parse):
    doc = parse(TEXT, stages=STAGES)
    opening = _by_content(doc, "Our ports cannot wait")
    following = _by_content(doc, "Every week of delay")
    assert opening.quote == following.quote == "direct"
    assert doc.user_data["claims.names"][following.id] == "Anna Petrova"
    # capped at its paragraph: the unclosed quote does not swallow the next one
    assert "Every week" not in opening.content


def test_no_claim_from_plain_narration(parse):
    doc = parse(TEXT, stages=STAGES)
    assert not [c for c in doc.claims if "weather" in c.content]


def test_quote_introduced_by_colon(parse):
    text = (
        "The mayor of Eastport spoke after the vote.\n\n"
        'Mayor Leon Duval said: "This budget protects the libraries. It also fixes the roads."'
    )
    doc = parse(text, stages=STAGES)
    c = _by_content(doc, "protects the libraries")
    assert c.quote == "direct"
    assert "Leon Duval" in c.speaker_text


def test_second_quote_of_a_pair_is_not_the_next_sentence_naming_verb(parse):
    # issue 16: "Democrats called X a ploy" says its own; "after Pagliano failed" names no
    # new speaker: the second quote is Chaffetz's
    doc = parse(
        "“Subpoenas are not optional,” panel Chairman Jason Chaffetz said after Pagliano failed "
        "to show up at the hearing. “Mr. Pagliano is a crucial fact witness in this "
        "investigation.” Democrats called the contempt citation and the demand for his "
        "appearance a transparent political ploy.",
        stages=["nlp", "time", "actors", "claims"],
    )
    c = next(c for c in doc.claims if "crucial fact witness" in c.content)
    assert c.speaker_name == "Jason Chaffetz"
