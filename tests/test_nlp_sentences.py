"""The nlp stage: one model per process, and a blank line always ends a sentence."""

from __future__ import annotations

from newsledger.nlp import get_spacy, load_model


def test_nlp_model_is_loaded_once() -> None:
    assert load_model() is load_model()


def test_nlp_blank_line_starts_a_sentence(parse) -> None:  # type: ignore[no-untyped-def]
    # A headline without a full stop, then the first paragraph (an illustration for this test).
    doc = parse(
        "Troops pull back from border town as talks resume\n\nSoldiers left the town of "
        "Example on Monday after two days of clashes."
    )
    sents = [s.text.strip() for s in get_spacy(doc).sents]
    assert sents[0] == "Troops pull back from border town as talks resume"
    assert sents[1].startswith("Soldiers left")
