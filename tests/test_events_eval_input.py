"""`eval events` reads labelled snippet files in the shapes held-out sets come in: CASE's
TSV, other headers, CSV, headerless rows, sub-type names for codes; a bad file is one error."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.events.train import read_case

# Illustrations written for this test, not news.
ROWS = [
    ("1", "Rebels and soldiers exchanged fire near the river crossing on Sunday.", "ARMED_CLASH"),
    ("2", "Police detained four organisers of the march outside the ministry.", "ARREST"),
    ("3", "A storm flattened hundreds of homes along the coast.", "NATURAL_DISASTER"),
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_read_case_accepts_the_common_shapes(tmp_path: Path) -> None:
    want = ([r[1] for r in ROWS], [r[2] for r in ROWS])
    case = _write(
        tmp_path / "case.tsv", ["id\tEventSnippet\tSubType", *["\t".join(r) for r in ROWS]]
    )
    assert read_case(case) == want
    other = _write(tmp_path / "other.tsv", ["label\ttext", *[f"{r[2]}\t{r[1]}" for r in ROWS]])
    assert read_case(other) == want
    bare = _write(tmp_path / "bare.tsv", [f"{r[1]}\t{r[2]}" for r in ROWS])
    assert read_case(bare) == want
    names = {"ARMED_CLASH": "Armed clash", "ARREST": "Arrests"}
    csv_file = _write(
        tmp_path / "named.csv",
        ["text,sub_event_type", *[f'"{r[1]}",{names.get(r[2], r[2])}' for r in ROWS]],
    )
    assert read_case(csv_file) == want  # ACLED's names map back to CASE codes
    assert read_case(case, limit=2) == (want[0][:2], want[1][:2])


def test_read_case_rejects_what_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="text column"):
        read_case(_write(tmp_path / "x.tsv", ["a\tb\tc\td", "1\t2\t3\t4"]))
    with pytest.raises(InputError, match="no labelled snippets"):
        read_case(_write(tmp_path / "empty.tsv", [""]))
    with pytest.raises(InputError, match="columns") as err:
        read_case(_write(tmp_path / "short.tsv", ["id\ttext\tlabel", "1\tonly two"]))
    assert err.value.line == 2
