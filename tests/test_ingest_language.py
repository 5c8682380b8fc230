"""Language detection at ingest: a document that is not English is skipped, said plainly.

Every text here is written for these tests (illustrations, not quotations of any article).
"""

from __future__ import annotations

import json

import pytest

from newsledger.document import Document
from newsledger.ingest.language import detect_language, skip_reason
from newsledger.pipeline import Pipeline, Stage

# Illustrations written for these tests: one short news paragraph per language.
TEXTS = {
    "ar": "قال مسؤولون محليون إن الأمطار الغزيرة أغلقت الطرق المؤدية إلى القرية يوم الثلاثاء.",
    "fr": "Le conseil municipal a voté mardi soir un nouveau budget pour la rénovation des écoles "
    "primaires de la ville.",
    "es": "El ayuntamiento aprobó el martes un nuevo presupuesto para renovar las escuelas "
    "primarias de la ciudad.",
    "de": "Der Stadtrat hat am Dienstagabend einen neuen Haushalt für die Renovierung der "
    "Grundschulen beschlossen.",
    "ru": "Городской совет во вторник утвердил новый бюджет на ремонт начальных школ города.",
    "zh": "市议会周二晚上通过了一项新的预算，用于翻修该市的小学。",
}
ENGLISH = (
    "The city council approved a new budget on Tuesday evening to renovate the town's primary "
    "schools."
)


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_other_languages_are_detected(lang: str) -> None:
    assert detect_language(TEXTS[lang]) == lang


def test_english_and_short_ambiguous_texts_count_as_english() -> None:
    assert detect_language(ENGLISH) == "en"
    # too short to be sure: a place name, a list of names, a number
    for text in ("Podgorodnoye", "Maryam Haddad; Omar Saleh", "2019", ""):
        assert detect_language(text) == "en", text


def test_skip_reason_names_the_language() -> None:
    assert skip_reason("en") is None
    reason = skip_reason("ar")
    assert reason is not None and reason.startswith("skipped: language ar")


class Count(Stage):
    """A stage that records which documents reached it."""

    name = "count"
    requires = frozenset({"doc.text"})
    assigns = frozenset({"doc.count"})

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, doc: Document) -> Document:
        self.seen.append(doc.id)
        return doc


def test_pipeline_skips_a_non_english_document_and_keeps_the_rest() -> None:
    stage = Count()
    docs = [Document("en1", ENGLISH), Document("ar1", TEXTS["ar"]), Document("fr1", TEXTS["fr"])]
    failures = []
    results = list(Pipeline([stage]).pipe(docs, on_error=failures.append))
    assert stage.seen == ["en1"]  # no English-model stage ever sees the others
    assert [r.ok for r in results] == [True, False, False]
    skipped = [r.failure for r in results if r.failure]
    assert all(f.skipped for f in skipped)
    assert [f.reason.split(" (")[0] for f in skipped] == [
        "skipped: language ar",
        "skipped: language fr",
    ]
    assert len(failures) == 2
    assert results[0].doc is not None and results[0].doc.language == "en"


def test_a_language_given_by_the_input_is_respected() -> None:
    stage = Count()
    doc = Document("x", ENGLISH, language="fr")  # the input says French
    (res,) = list(Pipeline([stage]).pipe([doc]))
    assert not res.ok and res.failure is not None and res.failure.skipped
    assert stage.seen == []


def test_extract_and_ingest_say_skipped_language(tmp_path, capsys) -> None:
    from newsledger.cli import extract as extract_cli
    from newsledger.cli import ingest as ingest_cli

    arabic = tmp_path / "ar.txt"
    arabic.write_text(TEXTS["ar"], encoding="utf-8")
    english = tmp_path / "en.jsonl"
    english.write_text(json.dumps({"id": "e1", "text": ENGLISH}) + "\n", encoding="utf-8")
    assert extract_cli.run([str(arabic)], as_json=True) == 0  # skipped is not a failure
    out = capsys.readouterr()
    assert out.out == ""  # no records for it
    assert "skipped: language ar" in out.err
    db = str(tmp_path / "t.db")
    assert ingest_cli.run([str(arabic), str(english)], db=db, progress=False) == 0
    err = capsys.readouterr().err
    assert "skipped: language ar" in err
    assert "1 new" in err and "1 skipped" in err
