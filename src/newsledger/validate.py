"""Check a serialised document against the newsledger/1 contract (docs/schema.md).

Used by the tests and by anyone consuming ``newsledger extract --json`` output.
"""

from __future__ import annotations

import re
from typing import Any

ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}  # fmt: skip
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
ACTOR_TYPES = {"state", "state_force", "rebel_group", "political_party", "igo", "ngo", "media",
               "person", "civilians", "identity_group", "other"}  # fmt: skip
PLACE_KINDS = {"country", "admin1", "admin2", "city", "site", "region"}
CERTAINTY = {"reported", "claimed", "confirmed", "denied", "hypothetical"}
SECTIONS = {"headline", "body", "caption", "boilerplate"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PLOVER_CODE = re.compile(r"^[A-Z]{3}$")


def validate(d: dict[str, Any]) -> list[str]:
    """Every way ``d`` breaks the contract, as readable strings (empty list: valid)."""
    errs: list[str] = []
    text = d.get("text")
    if d.get("schema") != "newsledger/1":
        errs.append(f"schema is {d.get('schema')!r}")
    if not isinstance(d.get("id"), str) or not d["id"]:
        errs.append("id must be a non-empty string")
    if not isinstance(text, str):
        return [*errs, "text must be a string"]
    n = len(text)
    for key in ("published", "reference_date"):
        if d.get(key) is not None and not DAY.match(d[key]):
            errs.append(f"{key} {d[key]!r} is not YYYY-MM-DD")
    for key in ("title", "url", "outlet", "published", "reference_date"):
        if d.get(key) == "":
            errs.append(f"{key} is '' (unknown values are null)")
    for s in d.get("sections", []):
        if s["kind"] not in SECTIONS or not 0 <= s["start"] <= s["end"] <= n:
            errs.append(f"bad section {s}")

    def evidence(where: str, ev: dict[str, Any]) -> None:
        if not 0 <= ev["start"] <= ev["end"] <= n:
            errs.append(f"{where}: evidence offsets out of range")
        elif ev["sentence"] is not None and ev["sentence"] != text[ev["start"] : ev["end"]]:
            errs.append(f"{where}: evidence sentence does not match text[start:end]")
        if ev.get("section") not in SECTIONS:
            errs.append(f"{where}: evidence section {ev.get('section')!r}")

    def mentions(where: str, ms: list[dict[str, Any]]) -> None:
        for m in ms:
            if not 0 <= m["start"] <= m["end"] <= n or text[m["start"] : m["end"]] != m["text"]:
                errs.append(f"{where}: mention {m} does not match the text")

    actor_ids = set()
    for a in d.get("actors", []):
        actor_ids.add(a["id"])
        if a["type"] not in ACTOR_TYPES:
            errs.append(f"actor {a['id']}: type {a['type']!r}")
        mentions(f"actor {a['id']}", a.get("mentions", []))
    place_ids = set()
    for p in d.get("places", []):
        place_ids.add(p["id"])
        if p["kind"] not in PLACE_KINDS:
            errs.append(f"place {p['id']}: kind {p['kind']!r}")
        mentions(f"place {p['id']}", p.get("mentions", []))
    claim_ids = {c["id"] for c in d.get("claims", [])}
    event_ids = {e["id"] for e in d.get("events", [])}
    for e in d.get("events", []):
        w = f"event {e['id']}"
        if e["type"] is None and e["plover"] is None:
            errs.append(f"{w}: neither an ACLED nor a PLOVER type")
        if e["type"] is not None and e["type"] not in ACLED:
            errs.append(f"{w}: ACLED type {e['type']!r}")
        if e["subtype"] is not None and e["subtype"] not in ACLED.get(e["type"], set()):
            errs.append(f"{w}: sub-type {e['subtype']!r} not under {e['type']!r}")
        if e["plover"] is not None and e["plover"] not in PLOVER:
            errs.append(f"{w}: PLOVER {e['plover']!r}")
        for role in ("actor1", "actor2"):
            if e[role] is not None and e[role] not in actor_ids:
                errs.append(f"{w}: {role} {e[role]!r} is not among the actors")
        if e["place"] is not None and e["place"] not in place_ids:
            errs.append(f"{w}: place {e['place']!r} is not among the places")
        if e["date"] is not None and not DATE.match(e["date"]):
            errs.append(f"{w}: date {e['date']!r}")
        if e["certainty"] not in CERTAINTY:
            errs.append(f"{w}: certainty {e['certainty']!r}")
        if e["claim"] is not None and e["claim"] not in claim_ids:
            errs.append(f"{w}: claim {e['claim']!r} is not among the claims")
        if e.get("mode") is not None and e["plover"] is None:
            errs.append(f"{w}: a PLOVER mode without a PLOVER type")
        for role in ("source", "target"):
            if e.get(role) is not None and not PLOVER_CODE.match(e[role]):
                errs.append(f"{w}: {role} {e[role]!r} is not a PLOVER code (ISO alpha-3, IGO, NGO)")
        if not 0.0 <= e["confidence"] <= 1.0:
            errs.append(f"{w}: confidence {e['confidence']}")
        evidence(w, e["evidence"])
    for c in d.get("claims", []):
        w = f"claim {c['id']}"
        if c["speaker_kind"] not in {"person", "organization", "anonymous", "unnamed"}:
            errs.append(f"{w}: speaker_kind {c['speaker_kind']!r}")
        if c["quote"] not in {"direct", "indirect", "mixed"}:
            errs.append(f"{w}: quote {c['quote']!r}")
        for role in ("speaker", "speaker_org"):
            if c[role] is not None and c[role] not in actor_ids:
                errs.append(f"{w}: {role} {c[role]!r} is not among the actors")
        if not 0 <= c["content_start"] <= c["content_end"] <= n:
            errs.append(f"{w}: content offsets out of range")
        if c["date"] is not None and not DAY.match(c["date"]):
            errs.append(f"{w}: date {c['date']!r}")
        if not isinstance(c["hedged"], bool):
            errs.append(f"{w}: hedged must be a bool")
        for ev_id in c.get("events", []):
            if ev_id not in event_ids:
                errs.append(f"{w}: event {ev_id!r} is not among the events")
        evidence(w, c["evidence"])
    for q in d.get("quantities", []):
        evidence(f"quantity {q['text']!r}", q["evidence"])
    for m in d.get("dates", []):
        if m["resolved"] is not None and not DATE.match(m["resolved"]):
            errs.append(f"date {m['text']!r}: resolved {m['resolved']!r}")
        if not 0 <= m["start"] <= m["end"] <= n:
            errs.append(f"date {m['text']!r}: offsets out of range")
    return errs
