"""The instruments lexicon (data/lexicon/instruments.tsv), the toll reader and the fakes-dev event
benchmark's matching."""
from __future__ import annotations

import pytest

from lib.bench.fakes_events import Gold, actor_ok, governorate, place_coded, place_ok
from lib.extract import lexicon
from lib.extract.mentions.numbers import number_value
from lib.model import Event, interaction_code

INSTRUMENTS = list(lexicon.instruments().values())


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.words)
def test_every_instrument_example_holds_its_words(shared_nlp, instrument):
    wanted = instrument.words.split()
    lemmas = [t.lemma_.lower() for t in shared_nlp(instrument.example) if not t.is_space]
    assert wanted in [lemmas[i:i + len(wanted)] for i in range(len(lemmas))], lemmas


def test_a_chemical_weapon_outranks_the_aircraft_that_dropped_it():
    table = lexicon.instruments()
    assert table["chlorine"].rank > table["warplane"].rank > table["bomb"].rank
    assert table["suicide"].rank > table["car bomb"].rank


@pytest.mark.parametrize("text,value", [("eleven", 11), ("twenty-two", 22), ("1,400", 1400),
                                         ("two hundred", 200), ("dozen", 12), ("2011", 2011), ("many", None)])
def test_numbers_in_digits_and_words(text, value):
    assert number_value(text) == value


def test_interaction_codes_put_the_lower_actor_type_first():
    assert (interaction_code(1, 7), interaction_code(7, 2), interaction_code(8, 0)) == (17, 27, 80)


def _event(**fields) -> Event:
    base = dict(event_id="e", event_date="2016-06-09", time_precision=1, event_type="Battles",
                sub_event_type="Armed clash", actor1="", actor2="", admin1="", location="", latitude=None,
                longitude=None, geo_precision=1, source="", notes="", fatalities=None, date_text="",
                timex_value="", date_start="2016-06-09", date_end="2016-06-09", anchor="", evidence="",
                n_sources=1, claim_status="reported", side1="", side2="", place_known=True, mention_ids="")
    return Event(**{**base, **fields})


def _gold(**fields) -> Gold:
    base = dict(article_id="a", split="dev", key="k", event_type="Battles", sub_event_type="Armed clash",
                actor1=("-",), actor2=("-",), places=("Aleppo",), admin1=("Aleppo",), date_start="2016-06-09",
                date_end="2016-06-09", fatalities=None, background=False, evidence="")
    return Gold(**{**base, **fields})


def test_the_benchmark_accepts_a_place_in_the_gold_governorate_and_actor_aliases():
    assert governorate("Rural Damascus") == governorate("Rif Dimashq Governorate")
    assert place_ok(_gold(places=("al-Ramouseh",)), _event(location="Aleppo", admin1="Aleppo Governorate"))
    assert not place_ok(_gold(places=("al-Ramouseh",)), _event(location="Homs", admin1="Homs Governorate"))
    assert actor_ok(("Russian forces",), "Russian armed forces")
    assert actor_ok(("Jabhat al-Nusra / Hayat Tahrir al-Sham",), "Hayat Tahrir al-Sham")
    assert actor_ok(("-",), "") and not actor_ok(("-",), "Islamic State")


@pytest.mark.parametrize(("gold_place", "location", "precision", "coded"), [
    ("north of Aleppo", "Aleppo", 2, True),        # near the town: ACLED's precision 2
    ("north of Aleppo", "Aleppo", 1, False),       # "in Aleppo" is not north of it
    ("Hasakeh countryside", "Hasakah", 2, True),   # another spelling of the town
    ("outside Kobane", "Homs", 2, False),          # another town
    ("western Aleppo", "Aleppo", 1, True),         # a part of the town is the town
    ("the eastern districts of Aleppo", "Aleppo", 1, True),
    ("eastern Aleppo", "Hama", 1, False),
    ("Deir Ezzor province", "Deir ez-Zor", 1, False),  # the governorate is not its capital
    ("Deir Ezzor province", "Deir ez-Zor Governorate", 3, True),
])
def test_the_benchmark_codes_a_place_around_or_in_part_of_a_town_as_acled_does(gold_place, location, precision, coded):
    assert place_coded(_gold(places=(gold_place,)), _event(location=location, geo_precision=precision)) is coded
