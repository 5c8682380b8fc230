"""Indirect speech and mixed quotes: reporting verbs with that-clauses, "according to",
"on record as saying", statements, hedges, anonymous and unnamed speakers, channels."""

from __future__ import annotations

from conftest import claim_with

STAGES = ["nlp", "time", "actors", "claims"]

TEXT = (
    "The northern border stayed closed on Friday.\n\n"
    "According to a senior diplomat who spoke on condition of anonymity, the northern "
    "delegation walked out twice.\n\n"
    "Analysts suggest the corridor may reopen before the harvest.\n\n"
    "The Valdorian Grain Board said in a statement that exports fell by a third.\n\n"
    "Recent reports indicate that shipping insurers have raised their premiums.\n\n"
    "Port officials are on record as saying that the terminals could handle twice the volume.\n\n"
    'General Ivan Markov told the Daily Courier that his troops would "hold every bridge" '
    "until the spring.\n\n"
    "The official added that the border would stay closed."
)


def test_according_to_anonymous_source(parse):
    doc = parse(TEXT, stages=STAGES)
    c = claim_with(doc, "walked out twice")
    assert c.cue == "according to"
    assert c.speaker_kind == "anonymous"
    assert c.speaker_text.startswith("a senior diplomat")
    assert "According" not in c.content


def test_analysts_suggest_is_hedged_and_unnamed(parse):
    doc = parse(TEXT, stages=STAGES)
    c = claim_with(doc, "corridor may reopen")
    assert c.quote == "indirect"
    assert c.speaker_kind == "unnamed"
    assert c.cue == "suggest"
    assert c.hedged


def test_statement_channel_and_organisation(parse):
    doc = parse(TEXT, stages=STAGES)
    c = claim_with(doc, "exports fell by a third")
    assert c.speaker_kind == "organization"
    assert c.channel == "a statement"
    assert not c.hedged


def test_reports_indicate(parse):
    doc = parse(TEXT, stages=STAGES)
    c = claim_with(doc, "insurers have raised")
    assert c.speaker_text == "Recent reports"
    assert c.speaker_kind == "unnamed"
    assert c.cue == "indicate"


def test_on_record_as_saying(parse):
    doc = parse(TEXT, stages=STAGES)
    c = claim_with(doc, "terminals could handle")
    assert c.speaker_text == "Port officials"


def test_mixed_quote_with_channel(parse):
    doc = parse(TEXT, stages=STAGES)
    c = claim_with(doc, "hold every bridge")
    assert c.quote == "mixed"
    assert c.cue == "tell"
    assert c.channel == "the Daily Courier"
    assert "Markov" in c.speaker_text
    # the quoted fragment is not a claim of its own
    assert not [x for x in doc.claims if x is not c and "hold every bridge" in x.content]


def test_role_noun_resolves_to_previous_named_speaker(parse):
    doc = parse(TEXT, stages=STAGES)
    c = claim_with(doc, "border would stay closed")
    assert c.speaker_text == "The official"
    assert c.speaker_kind == "person"
    assert doc.user_data["claims.names"][c.id] == "Ivan Markov"


def test_offsets_and_evidence(parse):
    doc = parse(TEXT, stages=STAGES)
    assert doc.claims
    for c in doc.claims:
        assert doc.text[c.content_start : c.content_end] == c.content
        assert c.evidence.start <= c.content_start and c.content_end <= c.evidence.end
        assert 0.0 < c.confidence <= 1.0
    assert len({c.id for c in doc.claims}) == len(doc.claims)


def test_characterisation_and_request(parse):
    text = (
        "Shells hit the market in Eastport on Sunday.\n\n"
        "The interior ministry called the shelling “a deliberate attack on civilians”.\n\n"
        "The envoy urged both sides to return to the talks."
    )
    doc = parse(text, stages=STAGES)
    called = claim_with(doc, "deliberate attack on civilians")
    assert called.cue == "call"
    assert called.quote == "direct"
    assert called.speaker_text == "The interior ministry"
    assert called.speaker_kind == "organization"
    urged = claim_with(doc, "return to the talks")
    assert urged.cue == "urge"
    assert urged.speaker_text == "The envoy"
    assert urged.content.startswith("to return")


def test_unnamed_official_and_social_media_channel(parse):
    text = (
        "An official who asked not to be named said the convoy had been stopped at the border.\n\n"
        "The president wrote on Twitter that the sanctions would stay in place."
    )
    doc = parse(text, stages=STAGES)
    anon = claim_with(doc, "convoy had been stopped")
    assert anon.speaker_kind == "anonymous"
    assert anon.speaker_text == "An official"
    tweet = claim_with(doc, "sanctions would stay")
    assert tweet.cue == "write"
    assert tweet.channel == "Twitter"


def test_continue_is_no_cue_without_a_quote(parse):
    # Regression: "X, but the attacks continue" made "the attacks" a speaker (an illustration).
    doc = parse("Officials say the group is weakening, but the attacks continue.", stages=STAGES)
    assert [c.speaker_text for c in doc.claims] == ["Officials"]
    assert doc.claims[0].cue == "say"


def test_that_less_clause_after_an_adverbial_is_the_content(parse):
    # the parse hangs "he would not accept ..." on "said" as an adverbial clause
    doc = parse(
        "Mayor Ortiz said after the meeting he would not accept the council's offer if it "
        "were made. The mayor said when she resigned that nothing had changed.",
        stages=["nlp", "time", "actors", "claims"],
    )
    c = claim_with(doc, "would not accept")
    assert c.content.startswith("he would not accept")
    assert "after the meeting" not in c.content
    assert not [x for x in doc.claims if x.content.startswith("she resigned")]
