"""The outlet's home: what an article's web address says about where it was written.

A country-code top-level domain names the outlet's country ("lfpress.ca" -> CA, "bbc.co.uk"
-> GB). Local newspapers are often named after their town, and so are their domains
("springfieldnewssun.com", "thetowntalk.com" is not): a place name that opens one of the host's
labels (after "the", "daily", "online", "my") is the outlet's home town, which local news
leaves unqualified ("a Paris woman" in a Tennessee paper). The resolver uses both as context,
never as an answer: the article's own places still decide which town of that name it is.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .gazetteer import Feature, Gazetteer

#: country-code top-level domains whose ISO 3166-1 code differs, and generic ones with a home
CC_TLD = {"uk": "GB", "su": "RU", "gov": "US", "mil": "US", "edu": "US"}
#: generic top-level domains (no country) and second-level labels of ccTLDs ("co.uk")
GENERIC = {"com", "net", "org", "info", "biz", "news", "int", "eu", "asia", "tv", "io", "me"}
SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "gob", "go", "or", "ne", "nic"}
#: words that open a host label before the town's name ("thepaper", "dailyx", "onlinex")
PREFIXES = ("the", "daily", "online", "my", "www", "news", "local")
#: what a host name may be: letters, digits and hyphens in dot-separated labels
HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")
#: a home-town name needs at least this many letters (short ones match by chance)
MIN_NAME = 5
#: a first-level area's name or abbreviation may be shorter ("mass" of masslive.com)
AREA_MIN_NAME = 4
#: what may follow the town's name in a label: a newspaper word, or at most two letters
MEDIA = (
    "news", "herald", "times", "sun", "register", "advocate", "telegram", "daily", "review",
    "beacon", "post", "press", "citizen", "tribune", "journal", "gazette", "chronicle",
    "record", "courier", "dispatch", "leader", "star", "standard", "observer", "mail",
    "express", "examiner", "sentinel", "mercury", "local", "online", "today", "now", "voice",
    "patch", "weekly", "live", "tv", "radio", "report", "bulletin", "banner", "enquirer",
    "independent", "democrat", "republican", "argus", "eagle", "item", "ledger", "monitor",
    "messenger", "pilot", "progress", "signal", "guardian", "globe", "bee", "free", "and",
    "magazine", "info", "web", "courant", "tidings", "clarion", "echo", "informer", "topics",
)  # fmt: skip
#: a label that is a town's name and nothing else needs a town at least this big
WHOLE_LABEL_POP = 5_000


def host_of(url: str | None, outlet: str | None = None) -> str:
    """The lower-case host of ``url`` (or ``outlet`` when it is a domain), without "www."."""
    host = ""
    if url:
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname or ""
        except ValueError:
            host = ""
    if not host and outlet and "." in outlet and " " not in outlet.strip():
        host = outlet.strip().lower()
    host = host.lower().rstrip(".")
    if not HOST.fullmatch(host):
        return ""
    return host[4:] if host.startswith("www.") else host


def tld_country(host: str) -> str | None:
    """ISO 3166-1 alpha-2 code of the host's country-code TLD; None for generic TLDs."""
    if "." not in host:
        return None
    tld = host.rsplit(".", 1)[1]
    if tld in CC_TLD:
        return CC_TLD[tld]
    if len(tld) == 2 and tld.isalpha() and tld not in GENERIC:
        return tld.upper()
    return None


def home_names(
    host: str, gaz: Gazetteer, countries: bool = False
) -> list[tuple[str, list[Feature]]]:
    """Place names that open a label of ``host`` ("springfieldnewssun.com" -> Springfield),
    with their town and area readings; countries are left out (a paper named after a country
    is national, not local; with ``countries`` their towns are returned instead: the caller
    decides), and so are names shorter than :data:`MIN_NAME`."""
    labels = host.split(".")
    if len(labels) < 2:
        return []
    labels = labels[:-1]
    if len(labels) > 1 and labels[-1] in SECOND_LEVEL:
        labels = labels[:-1]
    out: list[tuple[str, list[Feature]]] = []
    for label in (part for lab in labels for part in lab.split("-")):
        stem = label
        for p in PREFIXES:
            if stem.startswith(p) and len(stem) > len(p) + MIN_NAME:
                stem = stem[len(p) :]
                break
        found = _longest_prefix(stem, gaz, countries)
        if found is not None:
            out.append(found)
    return out


def _longest_prefix(
    stem: str, gaz: Gazetteer, countries: bool = False
) -> tuple[str, list[Feature]] | None:
    for n in range(min(len(stem), 20), AREA_MIN_NAME - 1, -1):
        name = stem[:n]
        if name.startswith(MEDIA) or name.endswith(MEDIA):
            continue  # "heraldonline", "eagletribune": the paper's title, not a town
        feats = _squashed(name, gaz)
        if not feats:
            continue
        if any(f.kind == "country" and f.main for f in feats) != countries:
            return None
        towns = [
            f
            for f in feats
            if f.main and f.lat is not None and f.kind in ("city", "admin2", "admin1")
        ]
        if n < MIN_NAME:
            # "masslive.com", "ohio.com": a first-level area's name or abbreviation of four
            # letters; towns need MIN_NAME letters
            towns = [f for f in towns if f.kind == "admin1"]
        rest = stem[n:]
        if not towns or not (len(rest) <= 2 or rest.startswith(MEDIA)):
            continue
        if not rest and not any(f.pop >= WHOLE_LABEL_POP or f.kind != "city" for f in towns):
            continue
        return name, towns
    return None


def _squashed(name: str, gaz: Gazetteer) -> tuple[Feature, ...]:
    """Features whose key, spaces removed, is ``name`` ("lasvegas" -> Las Vegas); names of
    up to three words."""
    found = gaz.lookup_key(name)
    if found:
        return found
    n = len(name)
    for i in range(3, n - 2):
        found = gaz.lookup_key(f"{name[:i]} {name[i:]}")
        if found:
            return found
    return ()


__all__ = ["home_names", "host_of", "tld_country"]
