"""The dev-only diagnostic of lib/bench/event_fields.py: which fields of a matched pair differ from
the gold, told as "ours / gold"."""
from __future__ import annotations

from dataclasses import replace

from lib.bench.event_fields import differs
from lib.bench.fakes_events import Gold
from lib.model import Event

GOLD = Gold("fakes_x", "dev", "taduf_barrel_bomb", "Explosions/Remote violence", "Air/drone strike",
            ("Syrian government forces",), (), ("Taduf",), ("Aleppo",), "2015-07-15", "2015-07-15", 5,
            False, "helicopters dropped a barrel bomb")
EVENT = Event(event_id="EV1", event_date="2015-07-15", time_precision=1, event_type="Explosions/Remote violence",
              sub_event_type="Air/drone strike", actor1="Syrian government forces", actor2="", admin1="Aleppo Governorate",
              location="Taduf", latitude=None, longitude=None, geo_precision=1, source="jordantimes", notes="",
              fatalities=5, date_text="", timex_value="", date_start="2015-07-15", date_end="2015-07-15", anchor="DCT",
              evidence="[jordantimes] helicopters dropped a barrel bomb", n_sources=1, claim_status="reported",
              side1="government", side2="", place_known=True, mention_ids="m1")


def test_a_pair_that_agrees_differs_in_no_field():
    assert [differs(field, GOLD, EVENT) for field in ("actor1", "fatalities", "place")] == ["", "", ""]


def test_a_field_that_differs_is_told_ours_then_gold():
    assert differs("actor1", GOLD, replace(EVENT, actor1="")) == "- / Syrian government forces"
    assert differs("fatalities", GOLD, replace(EVENT, fatalities=57)) == "57 / 5"
    assert differs("place", GOLD, replace(EVENT, location="Aleppo")).startswith("Aleppo (Aleppo Governorate) / Taduf")


def test_no_toll_on_either_side_is_no_difference():
    assert differs("fatalities", replace(GOLD, fatalities=None), replace(EVENT, fatalities=None)) == ""


def test_the_same_gazetteer_place_under_another_spelling_is_the_place_named():
    tadif = replace(EVENT, location="Tadif", latitude=36.3481, longitude=37.5309)
    assert differs("place", GOLD, tadif) == ""
    al_bab = replace(EVENT, location="Al-Bab", latitude=36.3705, longitude=37.5157)  # 2.5 km away: another town
    assert differs("place", GOLD, al_bab).startswith("Al-Bab")
    nowhere = replace(EVENT, location="Tadif", latitude=35.0, longitude=38.0)  # another place of that name
    assert differs("place", GOLD, nowhere).startswith("Tadif")


def test_the_gold_s_city_of_a_name_is_the_city_named():
    city = replace(GOLD, places=("Aleppo city",))
    assert differs("place", city, replace(EVENT, location="Aleppo")) == ""
    assert differs("place", city, replace(EVENT, location="Aleppo Governorate")) != ""


def test_figures_outlet_by_outlet_count_each_outlets_own_events():
    from lib.bench.fakes_events import Result, by_outlet

    other = replace(GOLD, article_id="fakes_y", key="missed")
    result = Result("dev", [GOLD, other], [EVENT, replace(EVENT, event_id="EV2"),
                                           replace(EVENT, event_id="EV3", actor1="")],
                    [(GOLD, EVENT)], [], 0, ["fakes_x", "fakes_y", "fakes_y"])
    rows = by_outlet(result, {"fakes_x": "jordantimes", "fakes_y": "sana"})
    assert rows == [["jordantimes", "1", "1/1 = 100%", "1/1 = 100%", "1/1 = 100%", "1/1 = 100%"],
                    ["sana", "1", "0/1 = 0%", "0/2 = 0%", "-", "-"]]


def test_articles_the_gold_lacks_are_named_and_nothing_is_read(capsys):
    from lib.bench.event_fields import main
    assert main(["--articles", "9999"]) == 2
    assert "no article of the gold is 9999" in capsys.readouterr().err
