"""PLOVER source codes, fifth pass of issue 15 (events/plover_parties.py): country words of two
words, the codebook's own state names, appositions and unnamed NGOs as sources. Every sentence
was written for these tests (none is a gold record or a probe sentence)."""

from __future__ import annotations

from typing import Any

from conftest import events_of
from newsledger.evaluation.plover import predict


def act(parse: Any, text: str) -> dict[str, Any]:
    return predict(events_of(parse, text))


def test_a_two_word_nationality_is_read_whole(parse: Any) -> None:
    got = act(parse, "North Korean gunboats shelled a South Korean island on Tuesday.")
    assert (got["event"], got["source"], got["target"]) == ("ASSAULT", "PRK", "KOR")


def test_northern_ireland_is_the_united_kingdom(parse: Any) -> None:
    got = act(parse, "Teachers in Northern Ireland demonstrated against the pay freeze.")
    assert (got["event"], got["source"]) == ("PROTEST", "GBR")


def test_the_codebook_names_macedonia_over_the_registry(parse: Any) -> None:
    got = act(parse, "Macedonia closed its northern border crossings on Sunday.")
    assert got["source"] == "MKD"


def test_an_apposition_names_the_source(parse: Any) -> None:
    got = act(parse, "The charity Oxfam sent medical supplies to the flooded districts of Sindh.")
    assert (got["event"], got["source"]) == ("AID", "NGO")


def test_an_unnamed_aid_group_is_an_ngo(parse: Any) -> None:
    got = act(parse, "A French aid group flew tents to the camps near Goma.")
    assert got["event"] == "AID"
    assert got["source"] == "FRA"  # a nationality word decides before the NGO noun
    got = act(parse, "A relief agency delivered food to the stranded villagers in Sindh.")
    assert (got["event"], got["source"]) == ("AID", "NGO")


def test_withdrawing_staff_is_a_sanction_and_stopping_work_a_strike(parse: Any) -> None:
    got = act(parse, "The World Health Organization pulled its staff out of the province.")
    assert (got["event"], got["mode"], got["source"]) == ("SANCTION", "withdraw", "IGO")
    got = act(parse, "Miners in Silesia stopped work to protest against pit closures.")
    assert (got["event"], got["mode"]) == ("PROTEST", "strike")
    got = act(parse, "The builder stopped work on the new bridge after the floods.")
    assert got["event"] != "PROTEST"  # a company's halted work is no strike


def test_trade_resumed_is_cooperation_a_handover_to_a_tribunal_judicial(parse: Any) -> None:
    got = act(parse, "Greece and Albania resumed trade across the border on Monday.")
    assert got["event"] == "COOPERATE"
    got = act(parse, "Serbia handed over a former colonel to the tribunal in The Hague.")
    assert (got["event"], got["source"]) == ("COOPERATE", "SRB")


def test_a_verbal_act_a_body_voted_is_its_act(parse: Any) -> None:
    got = act(parse, "The Polish parliament voted to reject the budget proposed by the cabinet.")
    assert (got["event"], got["source"], got["certainty"]) == ("REJECT", "POL", "reported")
    got = act(parse, "The Senate may vote to condemn the ruling next week.")
    assert got["event"] != "ACCUSE"  # a vote to come is no act yet


def test_the_place_of_the_act_over_a_country_word_modifying_a_thing(parse: Any) -> None:
    # the source has no country of its own: the place of the act (Jakarta), not the "US" of
    # the embassy nor the "American" of the flag
    got = act(parse, "Students burned the American flag outside the US embassy in Jakarta.")
    assert got["source"] == "IDN"
    got = act(parse, "Three Dutch engineers were kidnapped outside the Nigerian city of Warri.")
    assert got["source"] == "NGA"  # a country word on a place noun is the place still


def test_a_date_after_a_verb_is_no_particle(parse: Any) -> None:
    got = act(parse, "Ugandan troops pushed deep into the forest on Saturday.")
    assert got["event"] != "REQUEST"  # "push on": a request; "on Saturday": a date
    got = act(parse, "Zambia called on Monday for an end to the blockade of its fuel depot.")
    assert (got["event"], got["source"]) == ("REQUEST", "ZMB")


def test_a_leader_the_registry_does_not_place_acts_for_their_state(parse: Any) -> None:
    # data/plover_leaders.tsv: the name, a distinctive surname, a possessor, an IGO head
    got = act(parse, "Boris Yeltsin rejected the proposal on Tuesday.")
    assert (got["event"], got["source"]) == ("REJECT", "RUS")
    got = act(parse, "Arafat's Fatah movement rejected the Israeli offer.")
    assert (got["event"], got["source"], got["target"]) == ("REJECT", "PSE", "ISR")
    got = act(parse, "Boutros-Ghali urged the warring factions to return to talks.")
    assert (got["event"], got["source"]) == ("REQUEST", "IGO")
    got = act(parse, "Mr Smith rejected the proposal on Tuesday.")
    assert got["source"] is None  # nobody the list knows


def test_a_condition_is_no_act(parse: Any) -> None:
    got = act(
        parse,
        "The miners said they would stay underground until the company recognised their union.",
    )
    assert got["event"] != "SUPPORT" and got["event"] != "AGREE"  # 'recognised' is a condition
    got = act(parse, "Iran warned that it would close the Strait of Hormuz if it were attacked.")
    assert (got["event"], got["source"]) == ("THREATEN", "IRN")


def test_two_word_peoples_and_a_title_s_nationality(parse: Any) -> None:
    got = act(parse, "Greek Cypriots demonstrated in Nicosia against the partition of the island.")
    assert (got["event"], got["source"]) == ("PROTEST", "CYP")  # people, no diplomatic protest
    got = act(parse, "Turkish Cypriot negotiator Osman Ertug rejected the proposal on Friday.")
    assert (got["event"], got["source"]) == ("REJECT", "CYP")
    got = act(parse, "Bosnian Serb officials rejected the map drawn by the mediators.")
    assert (got["event"], got["source"]) == ("REJECT", "BIH")


def test_suspended_loans_are_a_sanction_and_a_sunk_boat_an_assault(parse: Any) -> None:
    got = act(parse, "The Asian Development Bank suspended its lending to Laos.")
    assert (got["event"], got["mode"]) == ("SANCTION", "discontinue")
    got = act(parse, "The Indian navy sank a boat carrying arms off the Gujarat coast.")
    assert (got["event"], got["source"]) == ("ASSAULT", "IND")
