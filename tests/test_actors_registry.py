"""The actor registry: packaged data, user files that extend/override, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.actors import ActorStage
from newsledger.actors.registry import ACTOR_TYPES, Registry, load_registry
from newsledger.errors import DataFileError


def test_packaged_registry_keeps_distinct_groups_apart() -> None:
    reg = load_registry()
    for alias in (
        "ISIS-K",
        "IS-KP",
        "ISKP",
        "Islamic State Khorasan Province",
        "Islamic State-Khorasan",
    ):
        rec = reg.lookup(alias)
        assert rec is not None and rec.id == "iskp", alias
    assert reg.lookup("Khorasan Group").id == "khorasan-group"
    assert reg.lookup("Pakistani Taliban").id == "ttp"
    assert reg.lookup("Taliban").id == "taliban"
    assert reg.lookup("Haqqani Network").id == "haqqani-network"
    assert reg.lookup("AFP").type == "media"
    assert reg.get("sirajuddin-haqqani").affiliation == "taliban"
    assert {r.type for r in reg.records.values()} <= set(ACTOR_TYPES)


def test_packaged_registry_has_phoenix_states_and_forces() -> None:
    reg = load_registry()
    assert reg.get("pk").type == "state" and reg.get("pk").country == "PK"
    assert reg.lookup("Afghan security forces").id == "af-forces"
    assert reg.get("af-forces").affiliation == "af"
    assert len(reg.records) > 5000  # Phoenix people, institutions, IGOs, groups


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    rec = {"id": "kvf", "name": "Kestrel Valley Front", "aliases": ["KVF"], "type": "rebel_group",
           "country": "AF"}  # fmt: skip
    over = {"id": "taliban", "name": "Taliban movement", "aliases": ["Taliban"], "type": "state",
            "country": "AF"}  # fmt: skip
    f = _write(tmp_path, "mine.jsonl", ["# my actors", json.dumps(rec), json.dumps(over)])
    reg = Registry([Path(load_registry().files[0]), f])
    assert reg.lookup("KVF").id == "kvf"
    assert reg.get("taliban").type == "state"  # overridden
    assert reg.lookup("ISKP").id == "iskp"  # the rest is still there


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        (['{"id": "a", "name": "A"}', "{not json"], 2, "invalid JSON"),
        (['{"id": "a", "name": "A", "type": "warlord"}'], 1, "type"),
        (['{"id": "A B", "name": "A"}'], 1, "slug"),
        (['{"id": "a", "name": "A", "country": "Afghanistan"}'], 1, "alpha-2"),
        (['{"id": "a", "name": "A"}', '{"id": "a", "name": "B"}'], 2, "defined twice"),
        (['{"id": "a", "name": "Alpha", "aliases": ["KVF"]}',
          '{"id": "b", "name": "Beta", "aliases": ["KVF"]}'], 2, "already an alias"),
        (['{"id": "p", "name": "Pat Doe", "type": "person", "affiliation": "nobody"}'], 1,
         "affiliation"),
    ],
)  # fmt: skip
def test_bad_files_fail_with_file_and_line(
    tmp_path: Path, lines: list[str], line: int, words: str
) -> None:
    f = _write(tmp_path, "bad.jsonl", lines)
    with pytest.raises(DataFileError) as err:
        Registry([f])
    assert err.value.line == line
    assert err.value.source == str(f)
    assert words in str(err.value)
    assert f"bad.jsonl:{line}" in str(err.value)


def test_stage_fails_at_load_not_during_ingest(tmp_path: Path) -> None:
    f = _write(tmp_path, "bad.jsonl", ['{"id": "x", "name": "X", "type": "nope"}'])
    with pytest.raises(DataFileError):
        ActorStage(registry_files=[f])


def test_build_places_groups_phoenix_leaves_without_a_country(tmp_path: Path) -> None:
    from newsledger.actors.build import apply_group_countries

    table = tmp_path / "group_countries.tsv"
    table.write_text("# comment\nid\tcountry\nfront-a\tAO\nfront-b\tGB\n", encoding="utf-8")
    records = [
        {"id": "front-a", "name": "Front A", "country": None},
        {"id": "front-b", "name": "Front B", "country": "GB"},
    ]
    assert apply_group_countries(records, table) == 1
    assert [r["country"] for r in records] == ["AO", "GB"]
    with pytest.raises(ValueError, match="already placed in SD"):
        apply_group_countries([{"id": "front-a", "country": "SD"}, records[1]], table)
    with pytest.raises(ValueError, match="no actor record 'front-b'"):
        apply_group_countries([records[0]], table)


def test_packaged_registry_holds_the_group_countries_table() -> None:
    reg = load_registry()
    assert reg.lookup("Irish Republican Army").country == "GB"
    assert reg.lookup("Kosovo Liberation Army").country == "XK"


def test_build_types_a_term_holder_as_a_person_whatever_the_name_shape() -> None:
    from newsledger.actors.build import Entry, _org_or_person

    leader = Entry("SHEIKH_ALBA_BIN_RASHID_AL_NORLANDI_", codes=["NLDELI", "NLDGOV 980714-990119"])
    got = _org_or_person(leader, "NL")
    assert got is not None and got["type"] == "person" and got["role"] == "government"
    body = Entry("NORLAND_STATE_COUNCIL_", codes=["NLDGOV 19491007-19901003"])
    assert _org_or_person(body, "NL")["type"] == "state"  # an institution's word: no person
    undated = Entry("MINISTRY_OF_WATER_", codes=["NLDGOV"])
    assert _org_or_person(undated, "NL")["type"] == "state"


def test_packaged_registry_types_leaders_filed_under_their_country_as_persons() -> None:
    reg = load_registry()
    for name in ("Luiz Inacio Lula da Silva", "Hussein"):
        rec = reg.lookup(name)
        assert rec is not None and rec.type == "person", name
    assert reg.lookup("Knesset").type == "state"


def test_build_reads_a_country_header_named_by_part_of_its_name(tmp_path: Path) -> None:
    import pycountry

    from newsledger.actors.build import build_countries, parse_phoenix

    src = tmp_path / "countries.actors.txt"
    src.write_text(
        "LUXEMBOURG_\n\t[LUX]\nELSA_MARTA_KOHL_  # illustration\n\t[LUXGOV >030101]\n\n"
        "MACEDONIA_\n+FYROM_\n\t[YUGMKD <910908]\n\t[MKDUNR 910908-920115]\n\t[MKD >920115]\n"
        "PETRA_ILIEVSKA_  # illustration\n\t[MKDGOV >060101]\n",
        encoding="utf-8",
    )
    entries = parse_phoenix(src)
    assert [e.country3 for e in entries] == ["LUX", "LUX", "MKD", "MKD"]
    states, others = build_countries(entries, pycountry)
    assert {s["country"] for s in states if s["id"] in ("lu", "mk")} == {"LU", "MK"}
    assert [(o["name"], o["country"]) for o in others] == [
        ("Elsa Marta Kohl", "LU"),
        ("Petra Ilievska", "MK"),
    ]


def test_packaged_registry_places_north_macedonias_office_holders_in_it() -> None:
    reg = load_registry()
    assert reg.lookup("Nikola Gruevski").country == "MK"
    assert reg.lookup("Macedonia").id == "mk"
