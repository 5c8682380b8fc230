"""ASCII place names, country representative points, the EU alias and the document-level
proximity prior, on the project's own short illustrations (no third-party text)."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.evaluation.geo import km
from newsledger.places import geocode
from newsledger.places.build import _landmass_centre, _ring_centroid

STAGES = ["nlp", "places"]


def test_place_names_are_ascii_with_the_native_spelling_kept(parse):
    doc = parse("Fighters moved from Jalalabad towards Kandahar overnight.", STAGES)
    for name in ("Jalalabad", "Kandahar"):
        p = place_by_mention(doc, name)
        assert p is not None and p.country == "AF"
        assert p.name == name and p.name.isascii()
        assert p.native_name is None or not p.native_name.isascii()
    jalalabad = place_by_mention(doc, "Jalalabad")
    assert jalalabad is not None and jalalabad.admin1 == "Nangarhar"
    assert jalalabad.native_name and jalalabad.native_name != jalalabad.name


def test_ring_centroid_of_a_square():
    area, lon, lat = _ring_centroid([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]])
    assert area == 4.0 and (lon, lat) == (1.0, 1.0)


def test_landmass_centre_takes_the_largest_polygon():
    big = [[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]]
    small = [[[50.0, 50.0], [51.0, 50.0], [51.0, 51.0], [50.0, 51.0]]]
    gj = {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [small, big]}}]}
    assert _landmass_centre(gj) == (5.0, 5.0)
    assert _landmass_centre({"features": []}) is None
    assert _landmass_centre(None) is None


def test_country_points_lie_near_the_middle_of_the_mainland():
    # the contiguous United States' geographic centre is in Kansas (39.8 N, 98.6 W): the
    # point must not sit in a corner of the country, nor be pulled off by Alaska and Hawaii
    us = geocode("United States")
    assert us is not None and us.lat is not None and us.lon is not None
    assert km(us.lat, us.lon, 39.83, -98.58) < 161
    india = geocode("India")
    assert india is not None and india.lat is not None and india.lon is not None
    assert km(india.lat, india.lon, 23.0, 79.5) < 300


def test_eu_is_europe_as_a_place():
    eu = geocode("European Union")
    assert eu is not None and eu.kind == "region" and eu.name == "Europe"


def test_nearby_towns_settle_each_other(parse):
    # "Paris" with only US context would be the biggest US Paris (Texas); the Paris next to
    # Terre Haute (Indiana) is the one in Illinois, across the state line
    doc = parse(
        "The flood reached Paris on Monday after it passed Marshall and Terre Haute.", STAGES
    )
    paris, terre_haute = place_by_mention(doc, "Paris"), place_by_mention(doc, "Terre Haute")
    assert paris is not None and terre_haute is not None
    assert paris.country == "US" and paris.admin1 == "Illinois"
    assert paris.lat is not None and paris.lon is not None
    assert terre_haute.lat is not None and terre_haute.lon is not None
    assert km(paris.lat, paris.lon, terre_haute.lat, terre_haute.lon) < 100
