"""Fourth speaker pass: role nouns to the person the text gave the role (``role.named``), a
"they" after a party word to the group (``group.norp``), a he/she after a name in apposition
to the subject (``pron.appos``), conditional speech to the outer speaker (``hyp.if``), a name
the tagger typed otherwise with a person's role in apposition (``person.role``). The texts
are illustrations written for these tests."""

from __future__ import annotations

STAGES = ["nlp", "time", "actors", "claims"]


def _claim(doc, fragment):
    found = [c for c in doc.claims if fragment in c.content]
    assert found, f"no claim contains {fragment!r}: {[c.content for c in doc.claims]}"
    return found[0]


def test_role_noun_names_the_person_with_that_title(parse):
    doc = parse(
        "Commissioner Elaine Brooks toured the depot on Monday. The commissioner said fares "
        "would rise in May.",
        stages=STAGES,
    )
    c = _claim(doc, "fares would rise")
    assert c.speaker_text == "The commissioner"
    assert c.speaker_name == "Elaine Brooks"
    assert c.speaker_kind == "person"


def test_role_noun_names_the_person_in_apposition(parse):
    doc = parse(
        "Owen Price, the party treasurer, met donors in Leeds. The treasurer said the "
        "accounts were in order.",
        stages=STAGES,
    )
    assert _claim(doc, "accounts were in order").speaker_name == "Owen Price"


def test_role_noun_keeps_the_previous_speaker_who_holds_the_role(parse):
    doc = parse(
        "Minister Ana Ruiz said the port would be expanded. Critics attacked Prime Minister "
        'Tom Kerr over the cost. "We will find the money," the minister said.',
        stages=STAGES,
    )
    assert _claim(doc, "find the money").speaker_name == "Ana Ruiz"


def test_they_after_a_party_word_is_the_group(parse):
    doc = parse(
        "Republican governors met in Denver on Friday. They said the federal grants were too "
        "small.",
        stages=STAGES,
    )
    c = _claim(doc, "grants were too small")
    assert c.speaker_text == "They"
    assert c.speaker_name == "Republican governors"


def test_pronoun_after_a_name_in_apposition_to_the_subject(parse):
    doc = parse(
        "The Democratic candidate, Laura Finch, toured a glass factory.\n\nShe said wages in "
        "the county had stalled.",
        stages=STAGES,
    )
    assert _claim(doc, "wages in the county had stalled").speaker_name == "Laura Finch"


def test_conditional_speech_is_the_outer_speakers(parse):
    doc = parse(
        "One Labour backbencher, MP Sarah Cole, said Sunday that the government had promised "
        "a new hospital, but if Grant is now saying, “We can only afford a clinic, and we will "
        "build it in two years — we will ask the council to pay,” that is a broken promise.",
        stages=STAGES,
    )
    assert _claim(doc, "only afford a clinic").speaker_name == "Sarah Cole"


def test_name_with_a_persons_role_in_apposition_is_a_person(parse):
    doc = parse(
        "Nadia Fenwick, the chair of the county Democratic Party, organised the phone bank."
        "\n\nShe said volunteers had called forty thousand homes in a week.",
        stages=STAGES,
    )
    c = _claim(doc, "called forty thousand homes")
    assert c.speaker_name == "Nadia Fenwick"
    assert c.speaker_kind == "person"
