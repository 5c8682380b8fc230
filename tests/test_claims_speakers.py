"""Speakers: pronouns and role nouns resolved with the words as written kept; never a fragment
or a non-agent; persons typed as persons; an interviewer's words not given to the
interviewee. The texts are illustrations written for these tests."""

from __future__ import annotations

from conftest import claim_with

STAGES = ["nlp", "time", "actors", "claims"]


def test_they_say_resolves_to_the_earlier_group(parse):
    doc = parse(
        "Some analysts now suggest that the factions could ally in a new civil war. That, "
        "they say, is why the leadership is putting priority on unity.",
        stages=STAGES,
    )
    c = claim_with(doc, "putting priority on unity")
    assert c.speaker_text == "they"
    assert c.speaker_name == "Some analysts"
    assert c.content.startswith("That")
    assert c.speaker_start is not None
    assert doc.text[c.speaker_start : c.speaker_end] == "they"


def test_pronoun_keeps_words_and_resolves_to_the_person(parse):
    doc = parse(
        "Governor Maria Alvarez visited the port on Monday. She said the new terminal would "
        "open in March.",
        stages=STAGES,
    )
    c = claim_with(doc, "new terminal would open")
    assert c.speaker_text == "She"
    assert c.speaker_name == "Maria Alvarez"
    assert c.speaker_kind == "person"


def test_hyphenated_title_is_no_fragment_speaker(parse):
    doc = parse(
        '"The yields fell every year we measured," said co-author David Tilman, an ecologist '
        "at the university.",
        stages=STAGES,
    )
    c = claim_with(doc, "yields fell")
    assert c.speaker_text != "co"
    assert c.speaker_name == "David Tilman" and c.speaker_kind == "person"


def test_partitive_speaker_is_its_people(parse):
    doc = parse("Lots of people say the new road has made the commute worse.", stages=STAGES)
    c = claim_with(doc, "commute worse")
    assert c.speaker_text == "people" and c.speaker_kind == "unnamed"


def test_verb_is_never_a_speaker(parse):
    doc = parse("Judging by the numbers, the plan is working, the minister said.", stages=STAGES)
    assert all(c.speaker_text != "Judging" for c in doc.claims)


def test_surname_of_a_named_person_is_a_person(parse):
    doc = parse(
        "Councillor Amy Reese opened the session. Reese said the budget was balanced.",
        stages=STAGES,
    )
    c = claim_with(doc, "budget was balanced")
    assert c.speaker_kind == "person"


def test_interviewer_question_is_not_the_intervieweeclaim_with(parse):
    doc = parse(
        'Mayor Ana Ruiz spoke to us in her office. "We have cut the deficit in half," Ruiz '
        'said.\n\n"And what comes next for the city?"\n\n"More housing, and fast."\n\n'
        "Q: Will you run again next year?",
        stages=STAGES,
    )
    contents = [c.content for c in doc.claims]
    assert not any("what comes next" in t for t in contents)
    assert not any("run again" in t for t in contents)
    assert any("More housing" in t for t in contents)


def test_it_without_an_earlier_speaker_is_the_organisation_named_before(parse):
    doc = parse(
        "The Valdorian Grain Board met on Friday. It said the harvest would be late this year.",
        stages=STAGES,
    )
    c = claim_with(doc, "harvest would be late")
    assert c.speaker_text == "It"
    assert c.speaker_name and "Grain Board" in c.speaker_name
    assert c.speaker_kind == "organization"


def test_pronoun_takes_the_person_its_sentence_names_before_it(parse):
    # issue 16: not the previous speaker when the pronoun's own sentence names a person
    doc = parse(
        "“It is a fraud,” said David Gorski, a surgeon. Senator John Miller's advice earned "
        "him a hearing in Congress, where he said that green coffee extract was a magic cure.",
        stages=["nlp", "time", "actors", "claims"],
    )
    c = next(c for c in doc.claims if "green coffee" in c.content)
    assert c.speaker_text == "he" and c.speaker_name == "John Miller"


def test_transcript_label_inside_quote_marks_speaks(parse):
    doc = parse(
        "Lester Holt moderated the debate.\n\n"
        "“HOLT: Let us start with jobs. Who goes first?” said the transcript.\n\n"
        "The debate went on.",
        stages=["nlp", "time", "actors", "claims"],
    )
    c = next(c for c in doc.claims if "start with jobs" in c.content)
    assert c.speaker_text == "HOLT" and c.speaker_name == "Lester Holt"


def test_speaker_offsets_point_at_the_nearest_mention(parse):
    text = (
        "Ted Cruz spoke in Cleveland on Monday. Later that week the delegates heard from "
        "Ted Cruz, who said that the party had lost its way."
    )
    doc = parse(text, stages=["nlp", "time", "actors", "claims"])
    c = next(c for c in doc.claims if "lost its way" in c.content)
    assert c.speaker_start == text.rindex("Ted Cruz")


def test_participle_after_a_dashed_where_clause_is_the_main_subject(parse):
    # issue 16: "- where the Panthers played the Vikings - while chanting" is the protesters'
    doc = parse(
        "Small groups of protesters continued to call for more information, looping the "
        "streets around the stadium - where the Charlotte Panthers played the Minnesota "
        "Vikings - while chanting, “Hands up, don't shoot.”",
        stages=STAGES,
    )
    c = claim_with(doc, "Hands up")
    assert c.speaker_text == "Small groups of protesters"


def test_quotes_inside_a_transcript_turn_are_the_label_speaker(parse):
    # issue 16: the turn's sentences that open with a quote mark are PENCE's, not Cuban's
    doc = parse(
        "Gov. Mike Pence spoke to Chris Wallace on Sunday. “WALLACE: Do you really see those "
        "two as equivalent? “PENCE: Well, look, Mark Cuban has been out there saying some "
        "pretty tough stuff about my running mate. Mark Cuban knows as much about national "
        "security as I do about basketball. “But the truth is that Donald Trump has a unique "
        "way of communicating to the American people. “WALLACE: Let us turn to the debate.",
        stages=STAGES,
    )
    c = claim_with(doc, "unique way of communicating")
    assert c.speaker_text == "PENCE"
    assert not any(c.speaker_text == "Mark Cuban" for c in doc.claims if "truth" in c.content)


def test_an_appositive_no_comma_closes_is_the_speaker(parse):
    # issue 16: the parse reads "the real Dred Scott" as subject and Roberts as its apposition
    doc = parse(
        "To understand the real Dred Scott, Chief Justice Roberts said, one should visit this "
        "museum. Mr. Smith, the mayor, said the museum would open on Friday.",
        stages=STAGES,
    )
    c = claim_with(doc, "visit this museum")
    assert c.speaker_text == "Chief Justice Roberts"
    assert claim_with(doc, "would open on Friday").speaker_text == "Mr. Smith"


def test_participle_after_a_reporting_verb_keeps_its_speaker(parse):
    # issue 16: the parse hangs "going on to say" from "want" inside the quote
    doc = parse(
        "“It is insane,” Sanders said, going on to say that the country has spent “hundreds of "
        "years fighting against racism, to have that debate again, young people do not want to "
        "see that.”",
        stages=STAGES,
    )
    c = claim_with(doc, "hundreds of years")
    assert c.speaker_text == "Sanders"


def test_who_after_an_organisation_phrase_is_the_person(parse):
    # issue 16: "a lawyer for the Sierra Club, who has been challenging …" is Morgan
    doc = parse(
        "“These are strange days,” said Peter Morgan, a lawyer for the Sierra Club, who has "
        "been challenging the coal industry over water pollution issues for years.",
        stages=STAGES,
    )
    c = claim_with(doc, "the coal industry")
    assert c.speaker_name == "Peter Morgan"


def test_a_fronted_phrase_is_not_the_subject(parse):
    # issue 16: the parse gives "agree" two subjects; the one a comma closes is fronted
    doc = parse(
        "His promises to stick it to the rich notwithstanding, independent analyses agree the "
        "top 1 percent would be the biggest beneficiaries of his plans.",
        stages=STAGES,
    )
    c = claim_with(doc, "biggest beneficiaries")
    assert c.speaker_text == "independent analyses"


def test_transcript_turn_runs_past_a_quote_inside_it(parse):
    # issue 16: the closing mark of “Shark Tank.” does not end PENCE's turn
    doc = parse(
        "Gov. Mike Pence spoke to Chris Wallace on Sunday. “WALLACE: Why would Trump do that? "
        "“PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of “Shark "
        "Tank.” But this is America. And Donald Trump's tweet was really mocking the fact that "
        "she was trying to distract attention. “WALLACE: Let us turn to the debate.",
        stages=STAGES,
    )
    c = claim_with(doc, "episode of")
    assert c.speaker_text == "PENCE" and "distract attention" in c.content


def test_transcript_turn_keeps_what_its_speaker_reports_inside_it(parse):
    # issue 16: in a turn that opens with a quote mark the reported claims are nested in it
    doc = parse(
        "Gov. Mike Pence spoke to Chris Wallace on Sunday. “WALLACE: But, Governor Pence, I "
        "have got to ask you, because as “The Wall Street Journal” wrote, it shows people's top "
        "concern is his temperament. “PENCE: Well, the question really should be why.",
        stages=STAGES,
    )
    c = claim_with(doc, "top concern")
    assert c.speaker_text == "WALLACE"


def test_the_ministry_names_the_organisation_given_before(parse):
    doc = parse(
        "The Ministry of Fisheries confirmed two closures on the coast. The ministry said "
        "both harbours would reopen in April.",
        stages=STAGES,
    )
    c = claim_with(doc, "reopen in April")
    assert c.speaker_text == "The ministry"
    assert c.speaker_name == "Ministry of Fisheries"
    assert c.speaker_kind == "organization"


def test_the_company_names_the_organisation_just_named_as_subject(parse):
    doc = parse(
        "Corvane Shipping plans to sell four of its tankers. The company said the sale would "
        "cut its debt by half.",
        stages=STAGES,
    )
    c = claim_with(doc, "cut its debt")
    assert c.speaker_name == "Corvane Shipping"
    assert c.speaker_kind == "organization"


def test_a_qualified_organisation_noun_is_left_as_written(parse):
    doc = parse(
        "The Harbour Workers Union met on Monday. The paramedics union said the rota was unsafe.",
        stages=STAGES,
    )
    c = claim_with(doc, "rota was unsafe")
    assert c.speaker_name != "Harbour Workers Union"


def test_a_name_after_a_role_noun_is_the_person_however_tagged(parse):
    doc = parse(
        "The governor's spokesman, Eli Brandt, said the budget would be balanced.", stages=STAGES
    )
    c = claim_with(doc, "budget would be balanced")
    assert c.speaker_name == "Eli Brandt"
    assert c.speaker_kind == "person"


def test_according_to_a_speech_someone_gave_is_theirs(parse):
    doc = parse(
        "The levy is meant to curb short-term trading, according to a speech Senator Ramos "
        "delivered at the university in May.",
        stages=STAGES,
    )
    c = claim_with(doc, "curb short-term trading")
    assert c.speaker_text == "Senator Ramos"


def test_a_given_name_rules_a_person_out_for_the_other_pronoun(parse):
    doc = parse(
        "Linda Marsh met Paul Keane at the station. Keane said the trains were late. She said "
        "the timetable would change.",
        stages=STAGES,
    )
    c = claim_with(doc, "timetable would change")
    assert c.speaker_text == "She"
    assert c.speaker_name == "Linda Marsh"


def test_a_speaker_phrase_never_starts_inside_a_hyphenated_word(parse):
    doc = parse(
        "The northern plains are drier than the coast, said study co-author Maria Lenz, a "
        "research fellow at the institute.",
        stages=STAGES,
    )
    c = claim_with(doc, "drier than the coast")
    assert c.speaker_name == "Maria Lenz"
    assert c.speaker_text.endswith("co-author Maria Lenz")  # not "-author Maria Lenz"
    assert doc.text[c.speaker_start : c.speaker_end] == c.speaker_text


def test_a_name_the_text_gave_a_person_in_full_stays_that_person(parse):
    # the tagger takes the lone word for a place or an organisation; the text named the person
    for text, word, name in (
        (
            "Yulia Markova made her first public statement on Thursday in London. Television "
            "reported that Yulia had phoned her cousin, saying the family was fine.",
            "Yulia",
            "Yulia Markova",
        ),
        (
            "Daniel Ferreira, the company's new chair, wrote to staff on Friday. \"We will scale "
            'back certain functions," Ferreira said in the email.',
            "Ferreira",
            "Daniel Ferreira",
        ),
    ):
        doc = parse(text, stages=STAGES)
        (c,) = [c for c in doc.claims if c.speaker_text == word]
        assert (c.speaker_kind, c.speaker_name) == ("person", name)


def test_a_speakers_name_drops_the_title_the_words_as_written_keep_it(parse):
    doc = parse(
        '"Schools will stay open," said Superintendent Jennifer McCormick on Monday. McCormick '
        "said teachers would be paid.",
        stages=STAGES,
    )
    first = claim_with(doc, "Schools will stay open")
    assert first.speaker_text == "Superintendent Jennifer McCormick"
    assert first.speaker_name == "Jennifer McCormick"
    assert claim_with(doc, "teachers would be paid").speaker_name == "Jennifer McCormick"


def test_people_the_text_does_not_name_speak_with_their_words(parse):
    doc = parse(
        "Those close to the senator say that he would have to consider a new running mate. "
        "Someone in the crowd shouted that the count was rigged. Those familiar with the talks "
        "said a deal was near.",
        stages=STAGES,
    )
    close = claim_with(doc, "consider a new running mate")
    assert (close.speaker_text, close.speaker_kind) == ("Those close to the senator", "unnamed")
    crowd = claim_with(doc, "the count was rigged")
    assert (crowd.speaker_text, crowd.speaker_kind) == ("Someone in the crowd", "anonymous")
    talks = claim_with(doc, "a deal was near")
    assert talks.speaker_kind == "anonymous"


def test_those_holding_a_belief_in_a_relative_clause_say_nothing(parse):
    doc = parse(
        "Those who believe the party is stuck are deluding themselves, the column argues.",
        stages=STAGES,
    )
    assert not [c for c in doc.claims if c.speaker_text and c.speaker_text.lower() == "those"]
