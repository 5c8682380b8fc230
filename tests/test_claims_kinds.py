"""Claim kinds (belief, intention, evidence, sentiment, nominal cues), claims in pieces, and
contents kept whole. The texts are illustrations written for these tests."""

from __future__ import annotations

from conftest import claim_with

STAGES = ["nlp", "time", "actors", "claims"]


def test_belief_with_a_clause(parse):
    doc = parse(
        "Governor Maria Alvarez believes that the new levy will pass next month.", stages=STAGES
    )
    c = claim_with(doc, "new levy will pass")
    assert c.kind == "belief"
    assert c.speaker_name == "Maria Alvarez" and c.speaker_kind == "person"
    assert c.why is not None and c.why["cue"] == "believe"


def test_intention_with_an_infinitive(parse):
    doc = parse(
        "Governor Maria Alvarez spoke on Monday. Her aides sought to downplay the "
        "significance of the vote.",
        stages=STAGES,
    )
    c = claim_with(doc, "downplay the significance")
    assert c.kind == "intention" and c.cue == "seek"
    assert c.speaker_text == "Her aides"
    assert c.content.startswith("to downplay")


def test_evidence_from_a_document(parse):
    doc = parse(
        "A report released by the audit office found that the agency had lost track of the funds.",
        stages=STAGES,
    )
    c = claim_with(doc, "lost track of the funds")
    assert c.kind == "evidence"
    assert "report" in c.speaker_text


def test_evidence_from_polling_with_a_reporting_verb(parse):
    doc = parse("Polling suggests the race in the northern districts is tightening.", stages=STAGES)
    assert claim_with(doc, "race in the northern districts").kind == "evidence"


def test_people_suggesting_is_a_statement(parse):
    doc = parse("Analysts suggest the corridor may reopen before the harvest.", stages=STAGES)
    assert claim_with(doc, "corridor may reopen").kind == "statement"


def test_sentiment_adjective_about_a_thing(parse):
    doc = parse(
        "Democrats are increasingly nervous about turnout in the northern districts.",
        stages=STAGES,
    )
    c = claim_with(doc, "turnout in the northern districts")
    assert c.kind == "sentiment"
    assert c.speaker_text == "Democrats"


def test_sentiment_verb_with_an_object(parse):
    doc = parse("The farmers' union criticized the new fuel tax on Tuesday.", stages=STAGES)
    c = claim_with(doc, "new fuel tax")
    assert c.kind == "sentiment" and c.cue == "criticize"


def test_nominal_cues(parse):
    doc = parse(
        "Maria Alvarez spoke in Eastport. Alvarez's plan to cut fuel taxes drew a crowd.\n\n"
        "Ivan Markov gave an interview. His claim that the ballots were forged was denied.",
        stages=STAGES,
    )
    plan = claim_with(doc, "to cut fuel taxes")
    assert plan.kind == "intention" and plan.speaker_name == "Maria Alvarez"
    claim = claim_with(doc, "ballots were forged")
    assert claim.kind == "statement" and claim.speaker_name == "Ivan Markov"


def test_no_attitude_without_a_source(parse):
    doc = parse("The plan to cut fuel taxes was dropped in the spring.", stages=STAGES)
    assert not [c for c in doc.claims if "fuel taxes" in c.content]


def test_interrupted_content_is_one_claim_in_pieces(parse):
    doc = parse(
        "The campaign met on Sunday. Their job at this point, they argued, was to lock down "
        "the states they need to win.",
        stages=STAGES,
    )
    c = claim_with(doc, "lock down the states")
    assert len(c.pieces) == 2
    first, second = c.pieces
    assert doc.text[first[0] : first[1]] == "Their job at this point"
    assert doc.text[second[0] : second[1]].startswith("was to lock down")
    assert c.content == "Their job at this point … " + doc.text[second[0] : second[1]]
    assert (c.content_start, c.content_end) == (first[0], second[1])


def test_split_quote_is_one_claim_in_two_pieces(parse):
    doc = parse(
        "“It is heartbreaking,” Ryan said. “And this country has to find new ways to heal.”",
        stages=STAGES,
    )
    assert len(doc.claims) == 1
    c = doc.claims[0]
    assert c.speaker_text == "Ryan" and len(c.pieces) == 2
    assert "heartbreaking" in c.content and "new ways to heal" in c.content


def test_content_not_cut_at_a_conjunction(parse):
    doc = parse(
        "The tactics used so far have been controversial and analysts say threaten to lure "
        "more recruits to the group.",
        stages=STAGES,
    )
    c = claim_with(doc, "lure more recruits")
    assert not c.content.endswith(("and", "controversial"))
    assert c.speaker_text == "analysts"


def test_speaker_labels_of_a_transcript_and_a_headline(parse):
    doc = parse(
        "Poll: Ruiz and Markov level before the first debate. The survey was taken last week."
        "\n\nLester Holt asked Ana Ruiz about the budget. A partial transcript follows: "
        "HOLT: We have limited time tonight. Will you answer "
        "the question? RUIZ: I will answer it, and I will answer it fully. Note: the transcript "
        "was edited.",
        stages=STAGES,
    )
    poll = claim_with(doc, "level before the first debate")
    assert poll.kind == "evidence" and poll.speaker_text == "Poll"
    assert "survey" not in poll.content
    holt = claim_with(doc, "limited time tonight")
    assert holt.speaker_text == "HOLT" and "RUIZ" not in holt.content
    ruiz = claim_with(doc, "answer it fully")
    assert holt.speaker_name == "Lester Holt"
    assert ruiz.speaker_text == "RUIZ" and "Note" not in ruiz.content


def test_characterisation_with_its_object(parse):
    doc = parse(
        "Ivan Markov called the senator a dangerous man on Friday. Later he called a porter.",
        stages=STAGES,
    )
    c = claim_with(doc, "the senator a dangerous man")
    assert c.kind == "statement" and c.cue == "call"
    assert not [x for x in doc.claims if "porter" in x.content]


def test_section_headers_in_capitals_are_no_speakers(parse):
    doc = parse(
        "Markets fell on Tuesday.\n\nENERGY: Benchmark crude oil fell 42 cents to $51.69 per "
        "barrel in electronic trading.\n\nBONDS: Bond prices fell.",
        stages=STAGES,
    )
    assert not [c for c in doc.claims if c.speaker_text in ("ENERGY", "BONDS")]


def test_according_to_figures_is_evidence(parse):
    doc = parse(
        "Car production fell by a tenth last year, according to figures from the industry body.",
        stages=STAGES,
    )
    assert claim_with(doc, "Car production fell").kind == "evidence"


def test_second_reporting_verb_starts_its_ownclaim_with(parse):
    doc = parse(
        "Maria Alvarez, speaking to farmers in Eastport, said she would order a review of the "
        "grain prices and warned against hoarding by the big traders.",
        stages=STAGES,
    )
    c = claim_with(doc, "order a review")
    assert "warned" not in c.content
    assert any("hoarding" in x.content and x.kind == "topic" for x in doc.claims)


def test_speaking_on_condition_of_anonymity_is_no_topic(parse):
    text = (
        "According to a ward councillor who spoke on condition of anonymity, the bridge was "
        "closed overnight. The mayor spoke about the budget for the harbour on Friday."
    )
    doc = parse(text, stages=STAGES)
    assert not [c for c in doc.claims if "anonymity" in c.content]
    # the sourcing phrase is dropped, not the speaker's claim nor other topics of "speak"
    assert claim_with(doc, "bridge was closed").speaker_kind == "anonymous"
    assert claim_with(doc, "budget for the harbour").kind == "topic"


def test_participle_after_a_control_verb_object_is_the_object_view(parse):
    # issue 16 (data/object_control.txt): "left many nations feeling that": the nations feel
    doc = parse(
        "The end of the Cold War also left many European nations feeling that they faced no "
        "obvious military threat.",
        stages=["nlp", "time", "actors", "claims"],
    )
    c = next(c for c in doc.claims if "no obvious military threat" in c.content)
    assert c.speaker_text == "many European nations" and c.kind == "belief"


def test_object_claim_stops_before_a_relative_clause_that_says_something(parse):
    # issue 16: "endorses Trump, who says he is honored" is two claims, Trump's the second
    doc = parse(
        "Ah, friends once more: Ted Cruz endorses Trump, who says he is honored.",
        stages=["nlp", "time", "actors", "claims"],
    )
    c = next(c for c in doc.claims if "honored" in c.content)
    assert c.content == "he is honored" and c.speaker_text == "Trump"
    assert any(c.content == "Trump" and c.speaker_text == "Ted Cruz" for c in doc.claims)


def test_a_bare_infinitive_after_see_is_no_belief(parse):
    # "will see him become …" is an outcome, not a view (bench/claims_quote_free.py had it)
    doc = parse(
        "The move will see him become the most expensive keeper in history. Analysts see that "
        "the club is in trouble.",
        stages=["nlp", "time", "actors", "claims"],
    )
    assert not any("expensive keeper" in c.content for c in doc.claims)
    assert any("club is in trouble" in c.content for c in doc.claims)
