"""The claims evaluation: span overlap, one-to-one matching, the speaker rule, and a run on
the first articles of the GGT development set (read from ../shared at test time)."""

from __future__ import annotations

from pathlib import Path

from newsledger.evaluation.claims import format_report, match, overlap, run, speaker_correct


def test_overlap_is_symmetric_share_of_longer_span():
    assert overlap((0, 10), (0, 10)) == 1.0
    assert overlap((0, 10), (5, 10)) == 0.5
    assert overlap((0, 10), (0, 40)) == 0.25
    assert overlap((0, 10), (10, 20)) == 0.0


def test_matching_is_one_to_one():
    pairs = match([(0, 10), (20, 30)], [(0, 10), (1, 9)])
    assert len(pairs) == 1 and pairs[0][:2] == (0, 0)


def test_speaker_rule():
    assert speaker_correct("Anna Petrova", "she", "she", "Anna Petrova")
    assert speaker_correct(None, "Petrova", "", "Anna Petrova")
    assert speaker_correct(None, "the city", "the city", "City of Eastport")
    assert not speaker_correct("Ivan Markov", "he", "", "Anna Petrova")


def test_run_on_first_articles(shared: Path):
    path = shared / "data" / "claims" / "ggt_quotes_dev.jsonl"
    m = run(str(path), limit=2)
    assert m["articles"] == 2 and m["failed"] == 0
    assert m["gold"] > 0 and m["predicted"] > 0
    assert m["@0.3"]["f1"] >= m["@0.8"]["f1"]
    assert m["@0.3"]["f1"] > 0.5
    assert "F1" in format_report(m)


def test_polnear_pieces_group_into_one_attribution():
    from newsledger.evaluation.claims_polnear import gold_attributions, match_pieces

    row = {
        "gold": {
            "claims": [
                {
                    "content_start": 0,
                    "content_end": 10,
                    "speaker": "they",
                    "speaker_start": 12,
                    "speaker_end": 16,
                    "cue": "argued",
                },
                {
                    "content_start": 24,
                    "content_end": 40,
                    "speaker": "they",
                    "speaker_start": 12,
                    "speaker_end": 16,
                    "cue": "argued",
                },
                {"content_start": 50, "content_end": 60, "cue": "--"},
            ]
        }
    }
    atts = gold_attributions(row)
    assert [a["pieces"] for a in atts] == [[(0, 10), (24, 40)], [(50, 60)]]
    # one prediction covering the second piece matches the two-piece attribution only once
    pairs = match_pieces([a["pieces"] for a in atts], [[(26, 38)], [(30, 35)]])
    assert pairs == [(0, 0)]


def test_polnear_continuation_lines_join_the_attribution_before():
    from newsledger.evaluation.claims_polnear import gold_attributions

    text = "“We need nurses. Schools too.” -- Ana Ruiz. The town can appear to be rich. Other news."
    ana = text.index("Ana Ruiz")
    town = text.index("The town")
    to_be = text.index("to be rich")
    row = {
        "text": text,
        "gold": {
            "claims": [
                {
                    "content_start": 0,
                    "content_end": 16,
                    "speaker": "Ana Ruiz",
                    "speaker_start": ana,
                    "speaker_end": ana + 8,
                    "cue": "--",
                },
                # the next sentence of the same quote: no speaker, no cue, right after it
                {"content_start": 17, "content_end": 30},
                # a speakerless content its cue interrupts: one attribution, two pieces
                {"content_start": town, "content_end": town + 8, "cue": "can appear"},
                {"content_start": to_be, "content_end": to_be + 10, "cue": "can appear"},
            ]
        },
    }
    atts = gold_attributions(row)
    assert [a["pieces"] for a in atts] == [
        [(0, 16), (17, 30)],
        [(town, town + 8), (to_be, to_be + 10)],
    ]
    # as the file gives them: four attributions
    assert len(gold_attributions(row, join=False)) == 4


def test_polnear_split_is_stable_and_keeps_a_third_aside():
    from newsledger.evaluation.claims_polnear import split

    ids = [f"article-{k}" for k in range(94)]
    parts = split(ids)
    assert parts == split(list(reversed(ids)))
    assert sum(p == "held" for p in parts.values()) >= 0.3 * len(ids)


def test_run_on_first_polnear_articles(shared: Path):
    path = shared / "data" / "claims" / "polnear_valid.jsonl"
    m = run(str(path), limit=3)
    assert m["format"] == "polnear" and m["failed"] == 0
    assert m["all"]["gold"] > 0 and m["all"]["predicted"] > 0
    assert m["all"]["content"]["precision"] > 0.5
    assert "held" in format_report(m)


def test_eval_claims_on_bad_data_is_one_clear_error(tmp_path: Path):
    from typer.testing import CliRunner

    from newsledger.cli import app

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x", "claims": []}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "claims", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl:2" in result.output and "Traceback" not in result.output


def _parsed(text: str):  # the document as the evaluation reads it (spaCy parse kept)
    from newsledger.evaluation.claims import process

    (got,), _ = process([{"id": "t", "text": text}])
    assert got is not None
    return got


def _att(text: str, words: str) -> dict:
    s = text.index(words)
    return {"speaker": words, "speaker_span": (s, s + len(words)), "pieces": []}


def _pred(text: str, words: str, name: str | None = None):
    from types import SimpleNamespace

    s = text.index(words)
    return SimpleNamespace(
        speaker_text=words, speaker_name=name, speaker_start=s, speaker_end=s + len(words)
    )


def test_polnear_same_referent_counts_another_mention_of_the_speaker():
    from newsledger.evaluation.claims_polnear import same_referent

    text = (
        "Mrs. Clinton has embraced the plan of the administration, promising to meet its goals. "
        "She is proposing new rail projects across the country."
    )
    doc, shift = _parsed(text)
    sdoc = doc.user_data["spacy"]
    she = _att(text, "She")
    assert same_referent(she, _pred(text, "Mrs. Clinton", "Hillary Clinton"), shift, text, sdoc)
    assert not same_referent(she, _pred(text, "the administration"), shift, text, sdoc)

    said = "“Tom is a real visionary,” said Robert McAtee, one of several coal veterans."
    doc, shift = _parsed(said)
    gold = _att(said, "said")  # the annotation's span slipped onto the verb
    assert same_referent(gold, _pred(said, "Robert McAtee"), shift, said, doc.user_data["spacy"])
    assert not same_referent(gold, _pred(said, "Tom"), shift, said, doc.user_data["spacy"])

    rel = "The plans offer a retort to both Democrats and Republicans, who have questioned the aid."
    doc, shift = _parsed(rel)
    who = _att(rel, "who")
    assert same_referent(who, _pred(rel, "both Democrats"), shift, rel, doc.user_data["spacy"])
    assert not same_referent(who, _pred(rel, "The plans"), shift, rel, doc.user_data["spacy"])


def test_polnear_same_referent_leaves_an_ambiguous_pronoun_wrong():
    from newsledger.evaluation.claims_polnear import same_referent

    text = (
        "Senator Elizabeth Warren told John Stumpf at the hearing, after he admitted the bank "
        "knew of the accounts, that he should resign."
    )
    doc, shift = _parsed(text)
    s = text.index(" he ") + 1  # "after he admitted": Stumpf, not Warren
    he = {"speaker": "he", "speaker_span": (s, s + 2), "pieces": []}
    pred = _pred(text, "Senator Elizabeth Warren", "Elizabeth Warren")
    assert not same_referent(he, pred, shift, text, doc.user_data["spacy"])


def test_polnear_same_referent_reads_adjuncts_continued_quotes_and_relative_clauses():
    from types import SimpleNamespace

    from newsledger.evaluation.claims_polnear import same_referent

    # a person in an adjunct ("after meeting with Putin") does not compete with the subject
    text = (
        "“We have had problems before,” Obama said after meeting with Russian President "
        "Vladimir Putin. He did not suggest retaliation."
    )
    doc, shift = _parsed(text)
    he = _att(text, "He")
    sdoc = doc.user_data["spacy"]
    assert same_referent(he, _pred(text, "Obama", "Barack Obama"), shift, text, sdoc)
    # a quote that continues its speaker carries a name but no offsets
    cont = SimpleNamespace(
        speaker_text="Obama", speaker_name="Barack Obama", speaker_start=None, speaker_end=None
    )
    assert same_referent(he, cont, shift, text, sdoc)
    wrong = SimpleNamespace(
        speaker_text="Putin", speaker_name="Vladimir Putin", speaker_start=None, speaker_end=None
    )
    assert not same_referent(he, wrong, shift, text, sdoc)

    rel = (
        "Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony on a screen, "
        "said the event brought back memories of her father."
    )
    doc, shift = _parsed(rel)
    who = _att(rel, "who")
    pred = _pred(rel, "Donna Sampson Rawlings", "Donna Sampson Rawlings")
    assert same_referent(who, pred, shift, rel, doc.user_data["spacy"])
    assert not same_referent(who, _pred(rel, "the ceremony"), shift, rel, doc.user_data["spacy"])


def test_polnear_misplaced_gold_speaker_is_read_off_the_gold_line():
    from newsledger.evaluation.claims_polnear import misplaced

    text = (
        "Trump has said that he would not come to the defense of allies. Democratic candidate "
        "Hillary Clinton, like Obama, has encouraged allies to spend more and has said she "
        "will hold firm."
    )

    def att(speaker: str, cue: str, content: str) -> dict:
        s, c = text.index(speaker), text.index(content)
        return {
            "speaker": speaker,
            "speaker_span": (s, s + len(speaker)),
            "cue": cue,
            "pieces": [(c, c + len(content))],
        }

    # the first line carries the next attribution's speaker: after its content, a sentence on
    trump = "that he would not come to the defense of allies"
    assert misplaced(att("Democratic candidate Hillary Clinton", "has said", trump), text)
    assert not misplaced(att("Trump", "has said", trump), text)
    assert not misplaced(att("Democratic candidate Hillary Clinton", "has said", "she will"), text)
    quote = "“We will hold firm,” said Clinton. She left."
    s, c = quote.index("Clinton"), quote.index("“We")
    line = {"speaker": "Clinton", "speaker_span": (s, s + 7), "cue": "said", "pieces": [(c, 20)]}
    assert not misplaced(line, quote)
