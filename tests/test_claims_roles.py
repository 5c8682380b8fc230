"""Fourth speaker pass: role nouns to the person the text gave the role (``role.named``), a
"they" after a party word to the group (``group.norp``), a he/she after a name in apposition
to the subject (``pron.appos``), conditional speech to the outer speaker (``hyp.if``), a name
the tagger typed otherwise with a person's role in apposition (``person.role``). The texts
are illustrations written for these tests; ``after.aside`` and ``role.ofappos``: a name in
apposition closes the speaker phrase after a quote."""

from __future__ import annotations

from conftest import claim_with

STAGES = ["nlp", "time", "actors", "claims"]


def test_role_noun_names_the_person_with_that_title(parse):
    doc = parse(
        "Commissioner Elaine Brooks toured the depot on Monday. The commissioner said fares "
        "would rise in May.",
        stages=STAGES,
    )
    c = claim_with(doc, "fares would rise")
    assert c.speaker_text == "The commissioner"
    assert c.speaker_name == "Elaine Brooks"
    assert c.speaker_kind == "person"


def test_role_noun_names_the_person_in_apposition(parse):
    doc = parse(
        "Owen Price, the party treasurer, met donors in Leeds. The treasurer said the "
        "accounts were in order.",
        stages=STAGES,
    )
    assert claim_with(doc, "accounts were in order").speaker_name == "Owen Price"


def test_role_noun_keeps_the_previous_speaker_who_holds_the_role(parse):
    doc = parse(
        "Minister Ana Ruiz said the port would be expanded. Critics attacked Prime Minister "
        'Tom Kerr over the cost. "We will find the money," the minister said.',
        stages=STAGES,
    )
    assert claim_with(doc, "find the money").speaker_name == "Ana Ruiz"


def test_they_after_a_party_word_is_the_group(parse):
    doc = parse(
        "Republican governors met in Denver on Friday. They said the federal grants were too "
        "small.",
        stages=STAGES,
    )
    c = claim_with(doc, "grants were too small")
    assert c.speaker_text == "They"
    assert c.speaker_name == "Republican governors"


def test_pronoun_after_a_name_in_apposition_to_the_subject(parse):
    doc = parse(
        "The Democratic candidate, Laura Finch, toured a glass factory.\n\nShe said wages in "
        "the county had stalled.",
        stages=STAGES,
    )
    assert claim_with(doc, "wages in the county had stalled").speaker_name == "Laura Finch"


def test_conditional_speech_is_the_outer_speakers(parse):
    doc = parse(
        "One Labour backbencher, MP Sarah Cole, said Sunday that the government had promised "
        "a new hospital, but if Grant is now saying, “We can only afford a clinic, and we will "
        "build it in two years — we will ask the council to pay,” that is a broken promise.",
        stages=STAGES,
    )
    assert claim_with(doc, "only afford a clinic").speaker_name == "Sarah Cole"


def test_name_with_a_persons_role_in_apposition_is_a_person(parse):
    doc = parse(
        "Nadia Fenwick, the chair of the county Democratic Party, organised the phone bank."
        "\n\nShe said volunteers had called forty thousand homes in a week.",
        stages=STAGES,
    )
    c = claim_with(doc, "called forty thousand homes")
    assert c.speaker_name == "Nadia Fenwick"
    assert c.speaker_kind == "person"


def test_speaker_after_the_quote_with_a_name_in_apposition(parse):
    doc = parse(
        '"The border will stay open," the interior minister of Norway, Petra Lindqvist, '
        "said at the airport.",
        stages=STAGES,
    )
    assert claim_with(doc, "border will stay open").speaker_name == "Petra Lindqvist"


def test_a_place_before_a_participle_is_no_speaker_after_the_quote(parse):
    doc = parse(
        'Mayor Tom Reyes voiced his "deep anger" on Facebook, writing "The city deserves '
        'better than this."',
        stages=STAGES,
    )
    assert all(c.speaker_name != "Facebook" for c in doc.claims)


def test_cue_after_a_name_in_apposition_past_the_window(parse):
    # the parse hangs "the foreign minister" on the quote: the name before "said" speaks
    doc = parse(
        '"The treaty is dead," the foreign minister of Norland, Ingrid Solheim, said at the '
        "airport.",
        stages=STAGES,
    )
    assert claim_with(doc, "treaty is dead").speaker_name == "Ingrid Solheim"
