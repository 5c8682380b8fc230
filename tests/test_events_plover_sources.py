"""PLOVER sources and cue conditions (events/plover.py, plover_parties.py): the party engaged in
an act, a for-clause after "push for" / "call for". Every sentence was written for these tests
(none is a gold record)."""

from __future__ import annotations

from typing import Any

from conftest import events_of
from newsledger.evaluation.plover import predict


def act(parse: Any, text: str) -> dict[str, Any]:
    return predict(events_of(parse, text))


def test_the_party_engaged_in_an_act_is_its_source_not_the_speaker(parse: Any) -> None:
    got = act(
        parse,
        "Sudanese forces were engaged in looting and shelling in the north, "
        "according to the Canadian government.",
    )
    assert got["event"] == "ASSAULT"
    assert got["source"] == "SDN"  # the forces, not the government that tells it (CAN)


def test_serb_is_a_nationality_word(parse: Any) -> None:
    got = act(parse, "Serb police were involved in raids on three villages, a monitor said.")
    assert got["source"] == "SRB"


def test_pushing_for_a_clause_is_a_request(parse: Any) -> None:
    got = act(parse, "Kenya is pushing hard for the EU to fund its drought relief plan.")
    assert got["event"] == "REQUEST"
    assert got["source"] == "KEN"


def test_a_noun_cue_is_not_ranked_by_conditions_only_verbs_meet(parse: Any) -> None:
    # "blockade" is a PROTEST cue when protesters block a road (an object condition on the verb)
    # and COERCE restrict otherwise: the noun meets no object condition
    got = act(parse, "Turkey on Monday imposed a blockade on the border region.")
    assert (got["event"], got["mode"]) == ("COERCE", "restrict")
    got = act(parse, "Farmers blockaded the main highway with their tractors.")
    assert got["event"] == "PROTEST"


def test_a_foiled_attempt_to_assassinate_is_still_an_assault(parse: Any) -> None:
    # the codebook codes attempted assassinations as ASSAULT 'targeted'; ACLED reports none
    got = act(parse, "An attempt to assassinate the mayor of the town was foiled by local police.")
    assert (got["event"], got["mode"]) == ("ASSAULT", "targeted")
    assert got["certainty"] not in ("negated", "hypothetical")


def test_an_ethnic_group_is_coded_by_the_country_it_lives_in(parse: Any) -> None:
    text = "Ethnic Hungarians in northern Serbia are demanding more schools in their own language."
    got = act(parse, text)
    assert (got["event"], got["source"]) == ("REQUEST", "SRB")
    got = act(parse, "Ethnic Hungarians are demanding more schools in their own language.")
    assert got["source"] == "HUN"  # no country of residence named: the nationality word


def test_the_source_of_an_act_after_guilty_of_is_who_is_guilty(parse: Any) -> None:
    text = "Both the Chadian army and the rebels are guilty of violating the truce, a monitor said."
    got = act(parse, text)
    assert (got["event"], got["source"]) == ("ASSAULT", "TCD")


def test_the_victims_nationality_is_not_the_source_when_another_country_is_named(
    parse: Any,
) -> None:
    text = "Two US soldiers were killed by a roadside bomb near the Afghan town of Kandahar."
    got = act(parse, text)
    assert (got["event"], got["source"], got["target"]) == ("ASSAULT", "AFG", "USA")


def test_a_state_protesting_is_a_diplomatic_protest_people_protesting_a_protest(
    parse: Any,
) -> None:
    got = act(parse, "The Russian foreign ministry protested to Estonia over the monument.")
    assert (got["event"], got["mode"], got["source"]) == ("ACCUSE", "disapprove", "RUS")
    assert act(parse, "Beijing protested strongly against the arms sale.")["event"] == "ACCUSE"
    got = act(parse, "Iraqi students protested in Baghdad against the cartoons.")
    assert (got["event"], got["mode"]) == ("PROTEST", "demo")


def test_a_seat_of_government_stands_for_its_state(parse: Any) -> None:
    got = act(parse, "Downing Street welcomed the agreement.")
    assert (got["event"], got["source"]) == ("SUPPORT", "GBR")
    got = act(parse, "The Pentagon denied the report.")
    assert (got["event"], got["source"]) == ("REJECT", "USA")


def test_a_sponsor_country_is_not_the_partys_own(parse: Any) -> None:
    got = act(parse, "The Syrian-backed militia shelled Christian areas of Beirut.")
    assert (got["event"], got["source"]) == ("ASSAULT", "LBN")  # not SYR, the sponsor


def test_talks_between_two_states_are_sourced_by_the_first(parse: Any) -> None:
    got = act(parse, "Talks between Ethiopia and Eritrea collapsed on Friday.")
    assert got["source"] == "ETH"  # before: no party of its own, the act was dropped


def test_zaire_is_congo(parse: Any) -> None:
    got = act(parse, "Rwanda closed its border with Zaire on Monday.")
    assert (got["source"], got["target"]) == ("RWA", "COD")


def test_a_group_in_a_capital_is_coded_by_its_country(parse: Any) -> None:
    # "officials in Tehran": the government a capital stands for; a party of its own, so the
    # act is no longer dropped for want of a political party
    got = act(parse, "Officials in Ankara rejected the offer on Monday.")
    assert (got["event"], got["source"]) == ("REJECT", "TUR")
    got = act(parse, "Dissidents in Havana staged a hunger strike.")
    assert (got["event"], got["source"]) == ("PROTEST", "CUB")


def test_a_capital_as_the_speaker_stands_for_its_government(parse: Any) -> None:
    got = act(parse, "Nairobi said it would not cooperate with the inquiry.")
    assert got["source"] == "KEN"


def test_will_not_is_a_refusal_did_not_is_no_act(parse: Any) -> None:
    got = act(parse, "Chile said on Friday it would not negotiate with the kidnappers.")
    assert (got["event"], got["source"]) == ("REJECT", "CHL")
    got = act(parse, "Syria will not withdraw its troops from the valley, the minister said.")
    assert got["event"] == "REJECT"
    got = act(parse, "The two presidents did not meet on Tuesday.")
    assert got["event"] == "(none)"


def test_freeing_people_of_a_nationality_is_a_release(parse: Any) -> None:
    got = act(parse, "Libya freed three Italians who had been held since March.")
    assert (got["event"], got["mode"], got["source"]) == ("RETREAT", "release", "LBY")


def test_a_missile_test_is_a_show_of_force_not_an_attack(parse: Any) -> None:
    got = act(parse, "India test-fired a long-range missile off its east coast.")
    assert (got["event"], got["mode"]) == ("MOBILIZE", "weapons")
    got = act(parse, "Rebels fired a missile at the airport on Sunday.")
    assert got["event"] == "ASSAULT"


def test_coming_under_fire_is_the_attackers_act(parse: Any) -> None:
    got = act(parse, "A Kenyan army convoy came under fire from Somali gunmen near Mandera.")
    assert (got["event"], got["source"], got["target"]) == ("ASSAULT", "SOM", "KEN")


def test_an_armed_groups_violence_counts_in_a_stadium(parse: Any) -> None:
    got = act(parse, "The Taliban executed three men in a football stadium in Herat.")
    assert (got["event"], got["source"]) == ("ASSAULT", "AFG")
    got = act(parse, "The striker executed a perfect free kick in the stadium.")
    assert got["event"] == "(none)"


def test_receiving_a_minister_is_a_visit_and_the_pope_speaks_for_the_holy_see(parse: Any) -> None:
    got = act(parse, "The Malian president received the Algerian foreign minister in Bamako.")
    assert (got["event"], got["mode"], got["source"]) == ("CONSULT", "visit", "MLI")
    got = act(parse, "Pope Benedict appealed for calm in Kenya after the election.")
    assert (got["event"], got["source"]) == ("REQUEST", "VAT")
    got = act(parse, "The Senate reprimanded the envoy of Peru over the leak.")
    assert got["event"] == "ACCUSE"


def test_material_acts_of_states_and_bodies(parse: Any) -> None:
    got = act(parse, "The Commonwealth suspended Fiji's membership after the coup.")
    assert (got["event"], got["source"], got["target"]) == ("SANCTION", "IGO", "FJI")
    got = act(parse, "Armenia called up its reservists on Sunday.")
    assert (got["event"], got["mode"], got["source"]) == ("MOBILIZE", "troops", "ARM")
    got = act(parse, "Ethiopian troops were massing near the Eritrean border.")
    assert (got["event"], got["source"]) == ("MOBILIZE", "ETH")
    got = act(parse, "Algeria halted gas deliveries to Spain on Monday.")
    assert (got["event"], got["source"]) == ("SANCTION", "DZA")
    got = act(parse, "Rebels in Mali freed a kidnapped Swiss engineer.")
    assert (got["event"], got["mode"]) == ("RETREAT", "release")
    got = act(parse, "Burma allowed Red Cross inspectors to visit its prisons.")
    assert (got["event"], got["mode"], got["source"]) == ("RETREAT", "access", "MMR")
    got = act(parse, "Canada airdropped food to the flood victims in Haiti.")
    assert (got["event"], got["source"]) == ("AID", "CAN")


def test_not_ruling_out_force_is_a_threat_ruling_it_out_a_refusal(parse: Any) -> None:
    got = act(parse, "Athens would not rule out military action against the smugglers.")
    assert (got["event"], got["mode"], got["source"]) == ("THREATEN", "violence", "GRC")
    got = act(parse, "Oslo ruled out sanctions against the whaling nations.")
    assert got["event"] == "REJECT"


def test_a_promise_of_force_is_a_threat_a_promise_to_ease_a_concession(parse: Any) -> None:
    got = act(parse, "Kenya promised to retaliate against any raid on its border posts.")
    assert (got["event"], got["source"]) == ("THREATEN", "KEN")
    got = act(parse, "Uganda pledged to use force against the smugglers.")
    assert got["event"] == "THREATEN"
    got = act(parse, "Egypt agreed to ease the closure of the Rafah crossing.")
    assert got["event"] in ("AGREE", "CONCEDE")


def test_an_unnamed_officials_word_is_the_sources_own(parse: Any) -> None:
    got = act(parse, "Chad will impose sanctions on Sudan, the prime minister said.")
    assert (got["event"], got["source"]) == ("THREATEN", "TCD")
    got = act(parse, "Rebels could attack the capital within weeks, analysts said.")
    assert got["event"] == "(none)"


def test_noun_acts_an_aid_package_a_withdrawal_from_a_buildup(parse: Any) -> None:
    got = act(parse, "Norway announced a $40 million aid package for the Sudanese refugees.")
    assert (got["event"], got["source"]) == ("AID", "NOR")
    got = act(parse, "Eritrea began the withdrawal of its troops from the Ethiopian border.")
    assert (got["event"], got["source"]) == ("RETREAT", "ERI")
    got = act(parse, "The Sudanese troop buildup near the Chadian border alarmed Paris.")
    assert (got["event"], got["source"]) == ("MOBILIZE", "SDN")


def test_troops_leaving_is_a_retreat_a_president_leaving_is_none(parse: Any) -> None:
    got = act(parse, "The last Cuban troops left Angola on Saturday.")
    assert (got["event"], got["mode"], got["source"]) == ("RETREAT", "withdraw", "CUB")
    got = act(parse, "The Peruvian president left Lima for Quito on Monday.")
    assert got["event"] != "RETREAT"


def test_an_official_is_coded_by_the_body_in_their_title(parse: Any) -> None:
    got = act(parse, "UN Secretary-General Kofi Annan urged an end to the fighting in Congo.")
    assert (got["event"], got["source"]) == ("REQUEST", "IGO")


def test_a_cue_noun_under_of_takes_its_verbs_subject(parse: Any) -> None:
    got = act(
        parse, "A Polish delegation began a third round of talks with Czech officials in Prague."
    )
    assert (got["event"], got["source"]) == ("CONSULT", "POL")  # not CZE, the sentence's place
    got = act(parse, "Peru declared a state of emergency in the city of Arequipa.")
    assert (got["event"], got["mode"], got["source"]) == ("COERCE", "martial-law", "PER")


def test_forces_put_on_alert_are_the_mobilizing_party(parse: Any) -> None:
    got = act(parse, "Vietnamese forces were placed on high alert along the northern border.")
    assert (got["event"], got["source"]) == ("MOBILIZE", "VNM")


def test_a_closure_needs_something_closed(parse: Any) -> None:
    got = act(parse, "The Ghanaian cedi closed at 2,300 to the dollar on Monday.")
    assert got["event"] == "(none)"
    got = act(parse, "Egypt closed its border crossing with Libya on Tuesday.")
    assert (got["event"], got["source"]) == ("COERCE", "EGY")


def test_a_sanction_decided_is_a_sanction_not_a_threat(parse: Any) -> None:
    got = act(parse, "Norway decided on Friday to suspend its aid to Malawi.")
    assert (got["event"], got["source"]) == ("SANCTION", "NOR")


def test_an_object_condition_outweighs_an_acled_trigger_guard(parse: Any) -> None:
    got = act(parse, "Indian helicopters dropped food parcels to villagers cut off by the floods.")
    assert (got["event"], got["source"]) == ("AID", "IND")


def test_joint_ventures_and_hand_overs_are_cooperation(parse: Any) -> None:
    got = act(parse, "Kenya and Tanzania launched joint patrols on Lake Victoria.")
    assert got["event"] == "COOPERATE"
    got = act(parse, "Zambia transferred the fugitives to Malawi on Wednesday.")
    assert (got["event"], got["source"]) == ("COOPERATE", "ZMB")
