"""Mentions, consolidation and control: what an analyst reading the timeline and the map would check."""
from dataclasses import replace
from datetime import date

import pytest

from lib.extract.articles import analyse
from lib.bench.events import GOLD_CONTROL, _rows
from lib.bench.seeds import seed_articles
from lib.extract.control import control_intervals, status_at
from lib.corpus import Article
from lib.extract.events import consolidate
from lib.model import Mention, current


@pytest.fixture(scope="module")
def nlp():
    from lib.extract.spacy_pipeline import load_pipeline
    return load_pipeline()


def mentions_of(text, nlp, dct="2024-12-06", source="Wire"):
    article = Article("a1", "", source, "", dct, "metadata", text)
    return [m for _, _, found in analyse([article], nlp) for m in found]


# (sentence, DCT, expected: place, actor1, control, date_start, polarity)
SENTENCES = [
    ("Rebels captured Hama on Thursday.", "2024-12-06",
     ("Hama", "Syrian opposition", "gain", "2024-12-05", "asserted")),
    ("The Syrian military, after withdrawing from Hama on Thursday, issued a statement.", "2024-12-06",
     ("Hama", "Syrian government forces", "loss", "2024-12-05", "asserted")),
    ("Rebel fighters took over the central towns of Rastan and Talbiseh.", "2024-12-07",
     ("Rastan", "Syrian opposition", "gain", "2024-12-01", "asserted")),
    ("Syria's army said Saturday that it was redeploying in Daraa province.", "2024-12-07",
     ("Daraa Governorate", "Syrian government forces", "hold", "2024-12-07", "asserted")),
    ("Lebanon announced on Friday that it was closing all land borders with Syria.", "2024-12-06",
     ("Syria", "Lebanon", "", "2024-12-06", "asserted")),
    ("Russia, Iran and Turkey are set to discuss the developments in a meeting Saturday in Qatar.",
     "2024-12-06", ("Qatar", "Russia", "", "2024-12-07", "planned")),
    ("The Kurdish-led SDF said it had deployed in the eastern city of Deir al-Zour.", "2024-12-06",
     ("Deir ez-Zor", "Syrian Democratic Forces", "gain", "2024-11-30", "asserted")),
]


@pytest.mark.parametrize("text,dct,expected", SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_a_reported_happening_becomes_a_mention(nlp, text, dct, expected):
    found = mentions_of(text, nlp, dct)
    assert found, "no mention"
    first = found[0]
    assert (first.place, first.actor1, first.control, first.date_start, first.polarity) == expected


@pytest.mark.parametrize("text", [
    "If the rebels gain control of Homs, it would be a significant turn.",              # conditional
    "The rebel advance struck at a moment of weakness for Mr. al-Assad's allies.",      # figurative
    "“We cannot fight as an advisory force if the army itself does not want to fight,” he said.",
    "More on the Middle East",                                                         # sidebar line
    "They said the rebels appear to have quickly taken advantage of the chaos.",       # not territory
])
def test_what_is_not_a_happening_gives_no_event(nlp, text):
    assert consolidate(mentions_of(text, nlp)) == []


@pytest.mark.parametrize("text", [
    "Over the years, government forces besieged and bombarded rebel-held areas.",       # a recap
    "Early in the civil war, parts of Homs fell to the rebels.",                        # a recap
    "Rebels captured Hama in August 2013.",                                             # its own old date
    "More than 330,000 people have been killed in Syria since the war began in March 2011.",
])
def test_history_is_a_background_mention_off_the_current_timeline(nlp, text):
    found = mentions_of(text, nlp, "2016-06-09")
    assert found and all(m.background for m in found)
    assert consolidate(current(found)) == []


def test_the_army_denying_a_withdrawal_makes_a_denied_mention(nlp):
    text = "The Observatory said Syrian troops had left Homs. But the military denied that."
    found = mentions_of(text, nlp, "2024-12-07")
    assert [(m.place, m.polarity) for m in found] == [("Homs", "asserted"), ("Homs", "denied")]
    assert found[1].attribution == "the military"


def test_the_date_of_an_undated_report_is_flagged_and_spans_the_week_before_publication(nlp):
    (mention,) = mentions_of("Thousands of people have fled Homs.", nlp, "2024-12-07")
    assert (mention.date_source, mention.date_start, mention.date_end, mention.time_precision) == (
        "publication date", "2024-12-01", "2024-12-07", 2)


def mention(**fields) -> Mention:
    base = dict(mention_id="a:0:0", article_id="a", source="Outlet A", published="2024-12-06",
                sentence_start=0, sentence_end=10, sentence="Rebels captured Hama.", trigger="captured",
                trigger_start=7, trigger_end=15, event_type="Battles",
                sub_event_type="Non-state actor overtakes territory", control="gain", many_parties=False,
                kind="capture", actor1="Syrian opposition", actor2="", side1="opposition", side2="",
                place="Hama", place_known=True, place_kind="city", admin1="Hama Governorate",
                latitude=35.13, longitude=36.75, date_start="2024-12-05", date_end="2024-12-05",
                time_precision=1, date_text="Thursday", timex_value="2024-12-05", timex_start=20,
                timex_end=28, date_source="timex in clause", anchor="DCT", rule="weekday",
                attribution="", polarity="asserted", fatalities=None)
    base.update(fields)
    return Mention(**base)


def test_reports_of_one_happening_in_two_outlets_are_one_event_with_both_sources():
    a = mention()
    b = mention(mention_id="b:0:0", article_id="b", source="Outlet B", date_start="2024-12-01",
                date_end="2024-12-07", time_precision=2, date_source="publication date")
    (event,) = consolidate([a, b])
    assert (event.n_sources, event.source, event.date_start, event.time_precision) == (
        2, "Outlet A; Outlet B", "2024-12-05", 1)
    assert "[Outlet A]" in event.evidence and "[Outlet B]" in event.evidence


def test_the_same_article_counts_once():
    a = mention()
    (event,) = consolidate([a, replace(a, mention_id="a:50:57", sentence_start=50)])
    assert event.n_sources == 1


def test_a_capture_and_a_withdrawal_from_the_same_city_that_day_are_one_change_of_hands():
    gain = mention()
    loss = mention(mention_id="b:0:0", article_id="b", control="loss", actor1="Syrian government forces",
                   side1="government", event_type="Strategic developments",
                   sub_event_type="Non-violent transfer of territory", kind="withdrawal")
    (event,) = consolidate([gain, loss])
    assert (event.event_type, event.actor1, event.actor2) == (
        "Battles", "Syrian opposition", "Syrian government forces")


def test_a_report_and_a_denial_make_a_disputed_event_keeping_both():
    claim = mention(control="loss", actor1="Syrian government forces", side1="government",
                    attribution="the Observatory")
    denial = replace(claim, mention_id="b:0:0", article_id="b", polarity="denied",
                     attribution="the military")
    (event,) = consolidate([claim, denial])
    assert event.claim_status == "disputed"
    assert event.mention_ids.count(";") == 1


def test_hedged_mentions_are_no_events_and_different_places_are_different_events():
    hedged = mention(mention_id="h", polarity="hedged")
    other = mention(mention_id="c", place="Homs")
    assert [e.location for e in consolidate([hedged, mention(), other])] == ["Hama", "Homs"]


def test_control_changes_hands_on_the_day_of_the_capture_and_says_so_before():
    loss = mention(mention_id="l", control="loss", actor1="Syrian government forces", side1="government")
    intervals = control_intervals([mention(), loss])
    assert [(i.controller, i.valid_from, i.valid_to) for i in intervals] == [
        ("government", "", "2024-12-05"), ("opposition", "2024-12-05", "")]
    assert status_at(intervals, "Hama", date(2024, 12, 4)).controller == "government"
    assert status_at(intervals, "Hama", "2024-12-05").controller == "opposition"
    assert status_at(intervals, "Homs", "2024-12-05") is None  # the corpus says nothing of Homs


def test_a_capture_against_a_holding_army_is_contested_and_disputed():
    hold = mention(mention_id="h", control="hold", actor1="Syrian government forces", side1="government",
                   article_id="b", source="Outlet B")
    interval, *later = control_intervals([mention(), hold])
    assert (interval.controller, interval.status) == ("contested", "disputed")
    assert [i.state for i in later] == ["no report"]  # after a year without news
    assert interval.sources == "Outlet A; Outlet B"


def test_a_named_group_outweighs_generic_rebels_on_who_took_a_city():
    generic = mention()
    named = mention(mention_id="s", article_id="b", actor1="Syrian Democratic Forces", side1="sdf")
    (interval,) = control_intervals([generic, named])
    assert (interval.controller, interval.status) == ("sdf", "reported")
    assert "also reported taken by opposition" in interval.actor_detail


def test_the_seed_cities_come_out_as_the_articles_tell_them(nlp):
    mentions = [m for _, _, found in analyse(seed_articles(), nlp) for m in found]
    intervals = control_intervals(mentions)
    for row in _rows(GOLD_CONTROL):
        got = status_at(intervals, row["city"], row["as_of"])
        assert got is not None, row["city"]
        assert (got.controller, got.status) == (row["controller"], row["status"]), row
    homs = [e for e in consolidate(mentions) if e.location == "Homs" and e.claim_status == "disputed"]
    assert homs and homs[0].n_sources >= 2


def test_a_place_not_in_the_lexicon_is_kept_and_flagged(nlp):
    (found,) = mentions_of("Rebels captured Kafr Nabudah on Friday.", nlp)
    assert (found.place, found.place_known, found.latitude) == ("Kafr Nabudah", False, None)
    (event,) = consolidate([found])
    assert (event.location, event.place_known) == ("Kafr Nabudah", False)


# (actor1, actor2, expected ACLED interaction): state forces 1, rebels 2, militias 3, external 8
INTERACTIONS = [
    ("Syrian government forces", "Hayat Tahrir al-Sham", 12),
    ("Hayat Tahrir al-Sham", "Syrian government forces", 12),
    ("Syrian opposition", "", 20),
    ("Russian armed forces", "Syrian opposition", 28),
    ("Iran-backed militias", "Syrian Democratic Forces", 23),
    ("Syrian government forces", "Syrian government", 11),
    ("", "", 0),
]


@pytest.mark.parametrize("actor1,actor2,expected", INTERACTIONS, ids=[f"{a}-{b}" for a, b, _ in INTERACTIONS])
def test_an_event_carries_the_acled_interaction_of_its_two_actors(actor1, actor2, expected):
    (event,) = consolidate([mention(control="", kind="clash", event_type="Battles",
                                    sub_event_type="Armed clash", actor1=actor1, actor2=actor2)])
    assert (event.actor1, event.actor2, event.interaction) == (actor1, actor2, expected)


def test_an_actor_the_lexicon_lacks_is_typed_by_its_mention():
    found = mention(control="", kind="clash", event_type="Battles", sub_event_type="Armed clash",
                    actor1="Liwa al-Example", actor1_type=3, actor2="Syrian government forces")
    (event,) = consolidate([found], types={"Syrian government forces": 1})
    assert event.interaction == 13


def _scan(mentions, places, kinds):
    """Consolidation's clustering as a scan of every open cluster of the family (no blocking)."""
    from lib.extract.events import _Cluster, family
    from lib.model import Polarity

    clusters = []
    ordered = sorted((m for m in mentions if m.polarity != Polarity.HEDGED and m.control != "held"),
                     key=lambda m: (m.time_precision, m.date_source != "timex in clause", m.mention_id))
    for m in ordered:
        key = family(m, kinds)
        home = next((c for c in clusters if c.key == key and c.accepts(m)), None)
        if home is None:
            home = _Cluster(key, len(clusters), places)
            clusters.append(home)
        home.add(m)
    return [c.mentions for c in clusters]


@pytest.mark.parametrize("seed", [1, 2])
def test_blocking_by_place_and_day_groups_as_a_scan_of_every_cluster_would(seed):
    from lib.bench.synthetic import generate_mentions
    from lib.extract import lexicon
    from lib.extract.events import cluster, kinds_counted_as, places_of

    mentions = generate_mentions(3_000, seed=seed, per_day=60)
    places = {**places_of(mentions, lexicon.places()), **lexicon.places()}
    kinds = kinds_counted_as()
    assert cluster(mentions, places, kinds) == _scan(mentions, places, kinds)


def _strike(mention_id, place, kind, admin1, latitude, longitude, **fields):
    return mention(mention_id=mention_id, control="", kind="shelling", event_type="Explosions/Remote violence",
                   sub_event_type="Shelling/artillery/missile attack", place=place, place_kind=kind,
                   admin1=admin1, latitude=latitude, longitude=longitude, **fields)


@pytest.mark.parametrize("district,kind,admin1,latitude,longitude,merged", [
    ("Bab Touma", "town", "Damascus Governorate", 33.5131, 36.3160, True),      # a district of the city
    ("Jobar", "town", "Damascus Governorate", 33.5333, 36.3333, True),           # at its edge, 4 km out
    ("Zamalka", "town", "Rif Dimashq Governorate", 33.5220, 36.3560, False),     # a town of the countryside
    ("Douma", "city", "Rif Dimashq Governorate", 33.5711, 36.4026, False),       # another city
    ("Far Farms", "town", "Damascus Governorate", 33.5110, 36.5000, False),      # beyond the city's reach
])
def test_a_city_and_a_district_of_it_are_one_happening_of_the_same_day(district, kind, admin1, latitude,
                                                                        longitude, merged):
    """"Rockets hit Damascus" (the headline) and "rockets fell on Bab Touma" (the body) are one event,
    told at the district; a town of Rural Damascus or one beyond the city's built-up area is another."""
    city = _strike("a:0:1", "Damascus", "city", "Damascus Governorate", 33.5131, 36.2913)
    part = _strike("a:5:1", district, kind, admin1, latitude, longitude)
    events = consolidate([city, part])
    assert len(events) == (1 if merged else 2)
    if merged:
        assert events[0].location == district


def test_reports_that_disagree_on_the_toll_give_the_lowest_figure_told_at_the_events_place():
    total = mention(fatalities=31, sentence_start=0)
    detail = mention(mention_id="a:200:230", sentence_start=200, fatalities=10)
    (event,) = consolidate([total, detail])
    assert event.fatalities == 10
    (event,) = consolidate([mention(fatalities=8), mention(mention_id="b:0:0", article_id="b", source="Outlet B",
                                                           fatalities=5)])
    assert event.fatalities == 5


@pytest.mark.parametrize("named,side,merged", [
    ("Hayat Tahrir al-Sham", "hts", True),              # "terrorists" and "Nusra terrorists" shelled Hadar
    ("Islamic State", "islamic_state", True),
    ("Syrian government forces", "government", False),  # the state's side is no "terrorists"
])
def test_a_description_of_armed_men_and_a_named_group_of_an_armed_side_are_one_happening(named, side, merged):
    """"Terrorists fired mortar shells on Hadar on Tuesday" (generic: Syrian opposition) and "Nusra
    terrorists shelled Hadar on Tuesday" are one shelling (words.tsv described_sides)."""
    described = _strike("a:0:1", "Hadar", "town", "Quneitra Governorate", 33.23, 35.87)
    told = _strike("a:90:95", "Hadar", "town", "Quneitra Governorate", 33.23, 35.87, actor1=named, side1=side)
    assert len(consolidate([described, told])) == (1 if merged else 2)


@pytest.mark.parametrize("actor,side,merged", [
    ("Russian armed forces", "government_ally", True),     # an ally and the side it fights for: one raid
    ("Syrian opposition", "opposition", False),            # the other camp: another act
    ("US-led coalition", "foreign_state", False),          # a side of no camp allies with nobody
])
def test_an_ally_and_the_side_it_fights_for_striking_one_place_and_day_are_one_act(actor, side, merged):
    """"Regime forces shelled Hass on Wednesday" (the monitor) and "Russian forces shelled Hass on
    Wednesday" (the rescuers) are one act told with either ally (sides.tsv ally_of)."""
    regime = _strike("a:0:1", "Hass", "town", "Idlib Governorate", 35.62, 36.60, actor1="Syrian government forces",
                     side1="government")
    other = _strike("a:90:95", "Hass", "town", "Idlib Governorate", 35.62, 36.60, actor1=actor, side1=side)
    assert len(consolidate([regime, other])) == (1 if merged else 2)


def test_two_named_groups_of_one_ally_camp_side_stay_two_acts():
    """Hezbollah and Russian forces (both the government's allies, one side) are not one act by that."""
    one = _strike("a:0:1", "Hass", "town", "Idlib Governorate", 35.62, 36.60, actor1="Hezbollah", side1="government_ally")
    two = _strike("a:90:95", "Hass", "town", "Idlib Governorate", 35.62, 36.60, actor1="Russian armed forces",
                  side1="government_ally")
    assert len(consolidate([one, two])) == 2


def test_an_event_told_in_a_governorate_and_in_the_whole_country_is_placed_in_the_governorate():
    """"A bomb attack in northwest Syria" and "a blast in the northwestern province of Idlib": the
    governorate speaks for the event, though ACLED's geo_precision gives both 3."""
    country = _strike("a:0:1", "Syria", "country", "", 35.0, 38.0)
    province = _strike("a:90:95", "Idlib Governorate", "province", "Idlib Governorate", 35.8, 36.6)
    (event,) = consolidate([country, province])
    assert event.location == "Idlib Governorate"


@pytest.mark.parametrize("second, places", [
    # the governorate's city and a village of it: one shelling of the village, with both reports
    ("Terrorists fired a rocket shell on Hadar village in Quneitra southern province on Sunday.", ["Hadar"]),
    # two villages of the governorate: two acts, and the one told at its city stays its own
    ("Terrorists fired a rocket shell on Hadar village on Sunday. Terrorists fired a rocket shell on "
     "Jubata al-Khashab on Sunday.", ["Hadar", "Jubata al-Khashab", "Quneitra"]),
])
def test_an_act_told_at_a_governorates_city_and_at_one_village_of_it_is_the_villages(nlp, second, places):
    """"A person was injured in a terrorist rocket attack in Quneitra" and "... a rocket shell on Hadar
    village in Quneitra southern province" the same day: one event at Hadar whose evidence keeps both
    sentences (assemble._placed_within)."""
    first = "A person was injured in a terrorist rocket attack in Quneitra on Sunday."
    events = consolidate(current(mentions_of(f"{first} {second}", nlp, dct="2016-11-20")))
    assert sorted(e.location for e in events) == places
    if len(places) == 1:
        assert first in events[0].evidence and second in events[0].evidence


@pytest.mark.parametrize("polarity, actor1", [
    ("asserted", "Syrian opposition"),  # another report of the act names who did it: the event's doer
    ("denied", ""),                     # a denial names who did not: the event's lead names nobody
])
def test_an_event_whose_lead_names_nobody_is_done_by_the_actor_another_report_of_it_names(polarity, actor1):
    """"Ten civilians were killed in Salah Eddin neighborhood" (the lead, a district: no actor) and
    "terrorist groups targeted Salah Eddin neighborhood with rocket shells" (Aleppo: the city): one act,
    the terrorists' (events._doer), not nobody's."""
    killed = _strike("a:0:1", "Salaheddine", "town", "Aleppo Governorate", 36.19, 37.14, actor1="", side1="")
    targeted = _strike("a:90:95", "Aleppo", "city", "Aleppo Governorate", 36.20, 37.16, polarity=polarity)
    (event,) = [e for e in consolidate([killed, targeted]) if e.location == "Salaheddine"]
    assert (event.actor1, event.side1) == (actor1, "opposition" if actor1 else "")


@pytest.mark.parametrize("title, actor1", [
    ("Three civilians killed in rocket attack in Aleppo ISIS attacks Hasaka city", "Syrian opposition"),
    ("", "Islamic State"),  # no title: the sentence before is the body's, its group the one referred to
])
def test_a_blanket_word_of_the_body_does_not_stand_for_a_group_of_the_headline(nlp, title, actor1):
    """"Three civilians killed in rocket attack in Aleppo ISIS attacks Hasaka city . Terrorists attacked
    al-Ramouseh neighborhood in Aleppo city with rockets": the headline sums up the article, the
    terrorists of the body are not ISIS for it (actors.in_headline)."""
    text = ("10 July 2015 Three civilians killed in rocket attack in Aleppo ISIS attacks Hasaka city . Terrorists "
            "attacked al-Ramouseh neighborhood in Aleppo city with rockets leaving civilian casualties.")
    article = Article("a1", title, "Wire", "", "2015-07-10", "metadata", text)
    found = [m for _, _, ms in analyse([article], nlp) for m in ms if m.trigger == "attacked" and not m.control]
    assert [m.actor1 for m in found] == [actor1]  # (the district's state the attack implies is no event: held.py)


def test_an_act_of_violence_placed_only_in_a_country_makes_no_event():
    """events.unlocated: "Turkish artillery killed 23 IS militants in Syria" names no governorate:
    ACLED codes no such event, and neither does consolidation (the mention is kept). Counter-examples:
    the same told of a city; a change of hands of a country's territory; an agreement in Syria."""
    strike = mention(sentence="Turkish artillery killed 23 militants in Syria.", trigger="killed",
                     event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                     control="", kind="strike", actor1="Turkish armed forces", side1="foreign",
                     place="Syria", place_kind="country", admin1="", latitude=35.0, longitude=38.5)
    assert consolidate([strike]) == []
    assert len(consolidate([replace(strike, place="Hama", place_kind="city", admin1="Hama Governorate")])) == 1
    border = mention(place="Syria", place_kind="country", admin1="", sentence="The SDF took parts of the border.")
    assert len(consolidate([border])) == 1
    deal = replace(strike, event_type="Strategic developments", sub_event_type="Agreement", kind="agreement")
    assert len(consolidate([deal])) == 1


@pytest.mark.parametrize("second, places", [
    # a village of the region's governorate, the same day: one strike, of the village, with both reports
    ("An Israeli plane hit a car in the village of Hadar on Wednesday, killing five men.", ["Hadar"]),
    # two villages of it: two acts, and the one told of the whole region stays its own
    ("An Israeli plane hit a car in the village of Hadar on Wednesday, killing five men. An Israeli plane hit a car in "
     "Jubata al-Khashab on Wednesday.", ["Golan Heights", "Hadar", "Jubata al-Khashab"]),
    # the village another day: another act
    ("An Israeli plane hit a car in the village of Hadar on Monday, killing five men.", ["Golan Heights", "Hadar"]),
])
def test_an_act_told_first_of_a_region_then_of_one_village_of_it_is_the_villages(nlp, second, places):
    """An act told broadly, then precisely, is one act: "an Israeli airstrike on the Golan Heights"
    and "an Israeli plane hit a car in the village of Hadar" the same day are one strike at Hadar
    (assemble._covers: a region holds the towns of its governorate, as a city named after its
    governorate does)."""
    first = "An Israeli airstrike on the Golan Heights killed five pro-regime fighters on Wednesday."
    events = consolidate(current(mentions_of(f"{first} {second}", nlp, dct="2015-07-29")))
    assert sorted(e.location for e in events if e.sub_event_type == "Air/drone strike") == places
    if len(places) == 1:
        assert first in events[0].evidence and second in events[0].evidence


def test_a_part_of_a_city_told_with_a_toll_of_its_own_is_a_happening_of_its_own():
    """"Air strikes killed at least 12 civilians in Aleppo" and "the highest number of dead were in
    Qaterji where Russian raids claimed 17 lives" (one article, the same day) are two happenings: a
    district of the city named with another toll (events.a_part_of_another_toll). The same toll, or
    another outlet's toll, or a governorate's toll (a sum of its parts) is the same happening retold."""
    city = mention(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", control="",
                   kind="strike", actor1="Russian armed forces", side1="foreign", place="Aleppo",
                   admin1="Aleppo Governorate", latitude=36.2, longitude=37.16, fatalities=12,
                   sentence="Air strikes killed at least 12 civilians in Aleppo.")
    part = replace(city, mention_id="a:50:60", sentence_start=50, sentence_end=90, trigger_start=60,
                   place="Qaterji", place_known=True, place_kind="town", latitude=36.22, longitude=37.17,
                   fatalities=17, sentence="The highest number of dead were in Qaterji where raids claimed 17 lives.")
    assert sorted(e.location for e in consolidate([city, part])) == ["Aleppo", "Qaterji"]
    assert len(consolidate([city, replace(part, fatalities=12)])) == 1  # the same toll: the city's act, placed
    other_outlet = replace(part, mention_id="b:0:0", article_id="b", source="Outlet B")
    assert len(consolidate([city, other_outlet])) == 1
    governorate = replace(city, place="Aleppo Governorate", place_kind="province", latitude=36.1, longitude=37.4)
    assert len(consolidate([governorate, part])) == 1


@pytest.mark.parametrize("body, from_body", [
    ("", False),  # the title is the article's only report: its happening
    ("\nAir strikes killed 15 people in Douma on Thursday, a monitor said.", True),  # told again: the body's alone
])
def test_a_title_line_is_read_when_it_is_the_only_report_of_its_happening(nlp, body, from_body):
    """A page's title repeated at the top of its text as a line of its own ("15 killed in air strikes on
    Douma", no full stop) is read (assemble._headline_mentions), and kept only when the body tells no
    happening of its kind (assemble._without_headline): the body's report is the one kept, so the
    headline's happening told again is no second event."""
    from lib.extract.mentions.actors import VIOLENT_TYPES
    title = "15 killed in air strikes on Douma"
    article = Article("a1", title, "Wire", "", "2015-02-13", "metadata", title + body)
    found = [m for _, _, ms in analyse([article], nlp) for m in ms if m.event_type in VIOLENT_TYPES]
    assert len(found) == 1 and found[0].place == "Douma"
    assert (found[0].trigger_start > len(title)) == from_body


@pytest.mark.parametrize("second, flips", [
    ("The rebels seized several villages around it on Friday.", False),  # unnamed ground around the town
    ("The rebels seized the city on Friday.", True),  # the city itself
])
def test_ground_a_capture_leaves_unnamed_is_around_the_town_told_before_and_flips_no_city(nlp, second, flips):
    """"Government forces shelled Hama on Thursday. The rebels seized several villages around it": the
    villages are placed at Hama (places.unnamed_ground) as ground around it, evidence only for the
    control model, never Hama changing hands; "seized the city" is Hama's own capture."""
    mentions = mentions_of(f"Government forces shelled Hama on Thursday. {second}", nlp)
    assert any(m.trigger == "seized" and m.place == "Hama" for m in mentions)
    status = status_at(control_intervals(mentions), "Hama", "2024-12-06")
    assert (status is not None and status.controller == "opposition") == flips


@pytest.mark.parametrize(("relation", "kind", "location", "precision"), [
    ("in", "city", "Hama", 1),                       # "captured Hama"
    ("", "city", "Hama", 1),
    ("north of", "city", "Hama", 2),                 # "villages north of Hama": near the town
    ("outskirts", "city", "Hama", 2),
    ("countryside;held:opposition", "city", "Hama", 2),
    ("around:village", "city", "Hama", 2),           # "a village in Hama"
    ("part:east", "city", "Hama", 1),                # "eastern Hama" is the town
    ("around:province", "city", "Hama Governorate", 3),  # "the western province of Hama"
    ("north of", "province", "Hama", 3),             # a governorate stays one
])
def test_an_event_is_coded_where_its_report_places_it_as_acled_codes_places(relation, kind, location, precision):
    (event,) = consolidate([mention(place_relation=relation, place_kind=kind)])
    assert (event.location, event.geo_precision) == (location, precision)


@pytest.mark.parametrize(("other", "precision"), [
    ("south of", 2),      # "targeted ISIL positions south of the town of Ras al-Ain": near the town
    ("outskirts", 2),     # "a bomb attack on a convoy outside Aleppo"
    ("part:east", 1),     # counter-example: a part of the town is the town
    ("around:village", 1),  # counter-example: a smaller place by the town is no telling around it
])
def test_an_event_told_in_a_town_and_around_it_is_coded_near_the_town(other, precision):
    """events._placed_around: the report that places the act around the town says where exactly."""
    strike = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", control="",
                  kind="strike", place_kind="town", place="Ras al-Ayn")
    a = mention(place_relation="in", **strike)
    b = mention(mention_id="a:50:57", sentence_start=50, place_relation=other, **strike)
    (event,) = consolidate([a, b])
    assert (event.location, event.geo_precision) == ("Ras al-Ayn", precision)


@pytest.mark.parametrize("start, end, merged", [
    ("2016-04-01", "2016-06-03", False),  # "since April": a campaign, no report of that day's act
    ("2016-05-30", "2016-06-05", True),   # "this week": the day's act told with a vaguer date
])
def test_a_campaign_told_over_months_is_no_report_of_one_days_act_in_it(start, end, merged):
    """"A bus on the Castello road was also hit on Wednesday resulting in seven civilian deaths" and "More
    than 300 civilians have been killed in Aleppo since April as rebels have pounded government-controlled
    neighbourhoods": a report whose days span more than a month sums up a campaign (ACLED codes one event
    a day), so it is an event of its own and lends the day's act neither its actor nor its dates."""
    day = _strike("a:0:1", "Aleppo", "city", "Aleppo Governorate", 36.2, 37.16, date_start="2016-06-01",
                  date_end="2016-06-01", actor1="", side1="", fatalities=7)
    told = _strike("a:90:95", "Aleppo", "city", "Aleppo Governorate", 36.2, 37.16, date_start=start, date_end=end)
    events = consolidate([day, told])
    assert len(events) == (1 if merged else 2)
    if not merged:
        assert [(e.date_start, e.actor1) for e in events] == [("2016-04-01", "Syrian opposition"), ("2016-06-01", "")]


@pytest.mark.parametrize("second, n_strikes", [
    # a strike on the same area after a lapse: a follow-up strike, an event of its own
    ("A Russian Sukhoi jet hit the same area 40 minutes later.", 2),
    # the strike told again: one event with both reports
    ("The Russian strike near Hatla also destroyed an ammunition depot.", 1),
])
def test_a_strike_told_as_repeated_later_is_another_event(nlp, second, n_strikes):
    """"Russian warplanes struck a command post near Hatla ... A Russian Sukhoi jet hit the same area 40
    minutes later": two strikes, as ACLED codes a follow-up strike apart (events.told_as_a_later_act:
    words.tsv later_act_words after the trigger). The same strike retold stays one event."""
    first = ("Russian warplanes struck an Islamic State command post near the village of Hatla in Deir ez-Zor "
             "province on Monday, killing 34 militants.")
    events = consolidate(current(mentions_of(f"{first} {second}", nlp, dct="2017-10-10")))
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert [e.location for e in strikes] == ["Hatla"] * n_strikes
    assert sorted(e.fatalities for e in strikes if e.fatalities is not None) == [34]


def test_the_blasts_of_one_bombing_told_minutes_apart_are_one_event(nlp):
    """A double suicide bombing, "A second bomber detonated his vest minutes later", is one coordinated
    attack (events.SORTIES: only a strike or a shelling repeated later is another event)."""
    text = ("Two suicide bombers attacked a police station in the Midan district of Damascus on Monday, killing "
            "17 people. A second bomber detonated his vest minutes later.")
    events = consolidate(current(mentions_of(text, nlp, dct="2017-10-10")))
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [("Suicide bomb", "Midan", 17)]
