"""Claim clustering ("who else says this") and contradictions, on claim records."""

from __future__ import annotations

from newsledger.analysis.claimclusters import cluster_claims, find_contradictions
from newsledger.analysis.records import ClaimRecord
from newsledger.analysis.text import content_terms, is_denial_cue, polarity, stem


def claim(key: str, speaker: str, cue: str, content: str, outlet: str) -> ClaimRecord:
    return ClaimRecord(
        key=f"{key}#c1",
        doc_id=key,
        speaker=speaker,
        speaker_key=speaker.lower(),
        cue=cue,
        content=content,
        outlet=outlet,
        source_key=f"outlet:{outlet.lower()}",
        terms=content_terms(content),
        polarity=polarity(cue, content),
        denial=is_denial_cue(cue),
    )


def test_light_stemming_and_polarity() -> None:
    assert {stem(w) for w in ("carried", "carrying", "carries")} == {"carry"}
    assert stem("attacks") == stem("attack") and stem("killed") == "kill"
    assert polarity("say", "the army shelled the village") == 1
    assert polarity("deny", "the army shelled the village") == -1
    assert polarity("say", "the army did not shell the village") == -1
    assert polarity("deny", "that it had never shelled the village") == 1  # a denied negation
    assert is_denial_cue("rejected") and is_denial_cue("rule out") and not is_denial_cue("say")


def test_same_statement_from_different_outlets_is_one_cluster() -> None:
    claims = [
        claim(
            "a", "Army spokesman", "say", "troops recaptured the northern bridge on Friday", "Alpha"
        ),
        claim("b", "Army", "announce", "troops have recaptured the northern bridge", "Beta"),
        claim("c", "Rebel council", "say", "fighters still hold the northern bridge", "Gamma"),
        claim("d", "Mayor", "say", "the water supply was restored in the old town", "Alpha"),
    ]
    clusters = cluster_claims(claims)
    by_key = {c.key: cl for cl in clusters for c in cl.claims}
    assert by_key["a#c1"] is by_key["b#c1"]
    assert by_key["a#c1"].independent_sources == 2
    assert by_key["a#c1"].speakers == ["Army spokesman", "Army"]
    assert by_key["c#c1"] is not by_key["a#c1"] and by_key["d#c1"] is not by_key["a#c1"]


def test_a_denial_contradicts_the_claim_it_denies() -> None:
    claims = [
        claim("a", "Army", "say", "its aircraft struck a rebel depot near the river port", "Alpha"),
        claim(
            "b", "Rebel council", "deny", "that any depot near the river port was struck", "Beta"
        ),
        claim("c", "Aid agency", "say", "food deliveries to the river port resumed", "Gamma"),
        claim(
            "d", "Minister", "say", "the aircraft did not strike the depot near the port", "Delta"
        ),
    ]
    found = {(x.claim.key, x.by.key, x.kind) for x in find_contradictions(claims)}
    assert ("a#c1", "b#c1", "denial") in found
    assert ("a#c1", "d#c1", "negation") in found
    assert not any(k == "c#c1" for k, _, _ in found)
    # a denial and an affirmation are never "the same statement"
    clusters = cluster_claims(claims)
    assert all(len({c.polarity for c in cl.claims}) == 1 for cl in clusters)


def test_the_same_speaker_in_the_same_outlet_does_not_contradict_itself() -> None:
    claims = [
        claim("a", "Army", "say", "its aircraft struck a rebel depot near the river port", "Alpha"),
        claim("b", "Army", "deny", "that its aircraft struck a depot near the river port", "Alpha"),
    ]
    assert find_contradictions(claims) == []
