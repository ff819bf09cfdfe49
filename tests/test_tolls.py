"""An event's toll from its reports (lib/extract/tolls.py): the choices a user sees in `fatalities`."""
from __future__ import annotations

from dataclasses import replace

import pytest

from lib.extract.events import consolidate
from lib.extract.tolls import event_toll, narrowest_tolls, sums_of_parts
from tests.test_events import mention


def strike(n: int | None, text: str, place: str = "Furqan", sentence: int = 0, **fields):
    return mention(mention_id=f"a:{sentence}:{len(text)}:{place}", sentence_start=sentence, event_type="Explosions/Remote violence",
                   sub_event_type="Shelling/artillery/missile attack", control="", kind="strike", place=place,
                   fatalities=n, fatalities_text=text, **fields)


@pytest.mark.parametrize("tolls, expected", [
    ([(200, "more than 200"), (213, "at least 213 people")], 213),  # a rounded bound agrees with the figure
    ([(30, "more than 30"), (12, "12 people")], 12),  # a bound below conflicts with nothing: the lowest
    ([(1, "its director Amjad al-Danaf"), (31, "31 people including two medics")], 31),  # the named among the total
    ([(1, "a woman"), (1, "the woman")], 1),
    ([(9, "at least nine people"), (1, "at least one person")], 1),  # conflicting reports: the lowest
    ([(15, "15"), (3, "three more people")], 15),  # an addition to the toll is no other report of it
    ([(3, "three more people")], 3),
    ([(8, "eight civilians"), (5, "A woman and her three children as well as another child")], 5),
    ([], None),
])
def test_the_toll_of_an_event_is_the_lowest_report_that_no_larger_figure_agrees_with(tolls, expected):
    assert event_toll([strike(n, text) for n, text in tolls], "Furqan") == expected


def test_the_toll_told_at_the_events_place_comes_before_a_wider_one():
    reports = [strike(20, "20 people", place="Aleppo"), strike(2, "two persons")]
    assert event_toll(reports, "Furqan") == 2
    assert event_toll(reports[:1], "Furqan") == 20  # none at its place: the wider one


def test_a_toll_told_for_several_places_gives_way_where_one_place_has_its_own():
    together = [strike(2, "two persons", place=p, sentence=100) for p in ("Furqan", "Midan")]
    alone = strike(7, "seven students", sentence=50)
    kept = narrowest_tolls([alone, *together])
    assert [(m.place, m.fatalities) for m in kept] == [("Furqan", 7), ("Furqan", None), ("Midan", 2)]
    (furqan,) = [e for e in consolidate(kept) if e.location == "Furqan"]
    assert furqan.fatalities == 7  # the mortar on the school, not the rockets on two districts


def test_a_toll_for_several_places_stays_when_no_place_has_its_own_or_the_day_differs():
    together = [strike(2, "two persons", place=p, sentence=100) for p in ("Furqan", "Midan")]
    assert narrowest_tolls(together) == together
    other_day = strike(7, "seven students", sentence=50, date_start="2024-12-04", date_end="2024-12-04")
    assert narrowest_tolls([other_day, *together]) == [other_day, *together]


@pytest.mark.parametrize("tolls, expected", [
    # the dead counted one by one at the place, a total told with no place: they are among it
    ([(1, "its director Amjad al-Danaf", "Furqan"), (31, "31 people including two medics", "")], 31),
    ([(50, "more than 50 people", "Furqan"), (58, "at least 58 people", "")], 58),  # a rounded bound agrees
    # a wider total told for another place does not absorb this place's dead
    ([(1, "a woman", "Furqan"), (16, "Sixteen civilians", "Idlib")], 1),
    # an addition told at the event's own place, beside another place's toll: this place's own
    ([(16, "Sixteen civilians", "Idlib"), (2, "Another man and a woman", "Furqan")], 2),
    ([(15, "15", "Furqan"), (3, "three more people", "Furqan")], 15),  # an addition at the same place: none
])
def test_a_report_with_no_place_may_count_the_places_dead_a_report_of_another_place_does_not(tolls, expected):
    assert event_toll([strike(n, text, place=place) for n, text, place in tolls], "Furqan") == expected


@pytest.mark.parametrize("here, expected", [
    # a count known to be partial gives way to a figure above it told for the province that holds the place
    ((1, "at least one teacher as well as the children"), 22),
    ((1, "a woman"), 1),  # a count of its own does not: a province-wide total is not the village's toll
    ((2, "two men as well as a child"), 2),  # every victim counted: no part
])
def test_a_partial_count_gives_way_to_a_figure_above_it_for_the_province_that_holds_the_place(here, expected):
    village = strike(*here, place="Hass", admin1="Idlib Governorate")
    province = strike(22, "at least 22 people", place="Idlib Governorate", place_kind="province",
                      admin1="Idlib Governorate", sentence=200)
    other = strike(22, "at least 22 people", place="Hama Governorate", place_kind="province",
                   admin1="Hama Governorate", sentence=200)
    assert event_toll([village, province], "Hass") == expected
    assert event_toll([village, other], "Hass") == here[0]  # a province that does not hold it


def test_a_toll_for_several_places_told_again_after_for_one_of_them_is_that_ones():
    # "Air strikes hit Furqan and Midan on Monday. In Furqan, five people were killed."
    together = [strike(5, "five people", place=p, sentence=0) for p in ("Furqan", "Midan")]
    again = strike(5, "five people", sentence=50)
    kept = narrowest_tolls([*together, again])
    assert [(m.place, m.fatalities) for m in kept] == [("Furqan", 5), ("Midan", None), ("Furqan", 5)]
    # told before, not after ("A civilian was killed in Furqan. ... exploded between Furqan and Midan,
    # killing the driver"): no telling of which place had the dead
    before = strike(5, "five people", sentence=0)
    later = [strike(5, "five people", place=p, sentence=50) for p in ("Furqan", "Midan")]
    assert narrowest_tolls([before, *later]) == [before, *later]


@pytest.mark.parametrize("tolls, expected", [
    ([(12, "12 people"), (7, "Seven children")], 12),  # a count of one group is a part of the dead in general
    ([(12, "at least 12 civilians"), (3, "three women")], 12),
    ([(12, "12 soldiers"), (7, "seven soldiers")], 7),  # the same dead told twice: conflicting reports, the lowest
    ([(12, "12 fighters"), (7, "Seven children")], 7),  # no count of the dead in general: the lowest
    ([(12, "12 people"), (7, "seven")], 7),
    # the group told with where it came from: its count and noun decide ("98 evacuees", not the towns)
    ([(126, "At least 126 people including 68 children"), (98, "98 evacuees from the northern towns of Fuaa")], 126),
    ([(12, "12 soldiers in Idlib"), (7, "seven soldiers from the army")], 7),  # the same dead told twice: the lowest
])
def test_a_count_of_one_group_gives_way_to_a_larger_count_of_the_dead_in_general(tolls, expected):
    assert event_toll([strike(n, text) for n, text in tolls], "Furqan") == expected


@pytest.mark.parametrize("tolls, expected", [
    # a toll told as a part of another's words: "Seven rebels" of "eight soldiers and Seven rebels"
    ([(15, "eight soldiers and Seven rebels"), (7, "Seven rebels")], 15),
    ([(12, "12 fighters including seven soldiers"), (7, "seven soldiers")], 12),
    ([(15, "eight soldiers and seven rebels"), (7, "seven")], 7),  # a bare figure is no part of the words
    ([(12, "12 fighters"), (7, "seven soldiers")], 7),  # words of their own: conflicting reports, the lowest
])
def test_a_toll_told_within_a_larger_ones_words_is_a_part_of_it(tolls, expected):
    assert event_toll([strike(n, text, sentence=i) for i, (n, text) in enumerate(tolls)], "Furqan") == expected


@pytest.mark.parametrize("tolls, expected", [
    # a count of the dead in general below a count of one group cannot count the same dead
    ([(7, "seven students"), (2, "two persons")], 7),
    ([(7, "Seven children"), (3, "three people")], 7),
    ([(7, "seven soldiers"), (2, "two soldiers")], 2),  # the same dead told twice: the lowest
    ([(7, "seven students"), (9, "nine people")], 9),  # a group below the count in general is a part of it
])
def test_a_count_in_general_below_a_groups_count_is_of_other_dead(tolls, expected):
    assert event_toll([strike(n, text, sentence=i) for i, (n, text) in enumerate(tolls)], "Furqan") == expected


def act(trigger: str, sentence: str, place: str, n: int | None, text: str, article: str = "a", **fields):
    """A report of one act of `sentence` (sentence_start 0): its trigger, place and the toll it carries."""
    at = sentence.index(trigger)
    return mention(**{**dict(mention_id=f"{article}:0:{at}:{place}", article_id=article, sentence=sentence,
                             sentence_end=len(sentence), trigger=trigger, trigger_start=at, trigger_end=at + len(trigger),
                             event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", control="",
                             kind="strike", place=place, place_known=False, place_kind="", admin1="", latitude=None,
                             longitude=None, fatalities=n, fatalities_text=text), **fields})


CLASH = dict(event_type="Battles", sub_event_type="Armed clash", kind="clash")


def tolls(reports, by: str = "location") -> dict[str, int | None]:
    return {getattr(e, by): e.fatalities for e in consolidate(reports)}


def test_a_toll_told_in_one_sentence_counts_on_the_act_that_killed_only():
    # the act of the clause telling how the harm came, not the death word's event placed elsewhere
    told = "Eight civilians were killed in Idlib when warplanes struck the village of Taftanaz."
    assert tolls([act("killed", told, "Idlib", 8, "Eight civilians", **CLASH),
                  act("struck", told, "Taftanaz", 8, "Eight civilians")]) == {"Idlib": None, "Taftanaz": 8}
    # an act placed by the sentence before (the tunnel's dead are not the Castello Road fight's)
    told = "19 regime forces were killed Monday when rebels blew up a tunnel in the Old City."
    assert tolls([act("killed", told, "Castello Road", 19, "19 regime forces", **CLASH),
                  act("blew", told, "Old City", 19, "19 regime forces")]) == {"Castello Road": None, "Old City": 19}
    # a scene told in passing: the dead are the death word's, not the fighting's
    told = "At least 23 civilians were killed in air strikes on Raqqa, the scene of the fiercest fighting."
    assert tolls([act("killed", told, "Raqqa", 23, "At least 23 civilians"),
                  act("fighting", told, "Raqqa", 23, "At least 23 civilians", **CLASH)],
                 by="event_type") == {"Explosions/Remote violence": 23, "Battles": None}


def test_each_act_keeps_its_own_toll_one_act_its_toll_at_every_place_and_in_every_article():
    told = "Air strikes killed 12 people in Idlib and shelling killed five in Hama."
    assert tolls([act("strikes", told, "Idlib", 12, "12 people"),
                  act("shelling", told, "Hama", 5, "five", **CLASH)]) == {"Idlib": 12, "Hama": 5}
    # one act told for several places (one trigger): left to narrowest_tolls
    told = "Rockets hit Furqan and Midan, killing two civilians."
    assert tolls([act("killing", told, "Furqan", 2, "two civilians"), act("hit", told, "Furqan", 2, "two civilians"),
                  act("hit", told, "Midan", 2, "two civilians")]) == {"Furqan": 2, "Midan": 2}
    # one act told for separate towns: a row a town, the shared toll on none (no town's own)
    told = "Militants fired mortar shells on Saraqib and Maarat al-Numan, killing one civilian."
    assert tolls([act("fired", told, "Saraqib", 1, "one civilian"),
                  act("fired", told, "Maarat al-Numan", 1, "one civilian")]) == {"Saraqib": None, "Maarat al-Numan": None}
    # ... and a village the lexicon lacks beside a town is another town
    told = "Militants fired mortar shells on Saraqib and the village of Kafr Jales, killing one civilian."
    assert tolls([act("fired", told, "Saraqib", 1, "one civilian"),
                  act("fired", told, "Kafr Jales", 1, "one civilian")]) == {"Saraqib": None, "Kafr Jales": None}
    # but neighbourhoods told as such keep it, whatever towns the gazetteer reads their names as
    told = "Terrorists fired rocket shells at al-Zahraa and Nile Street neighborhoods, killing one person."
    assert tolls([act("fired", told, "Saraqib", 1, "one person"),
                  act("fired", told, "Maarat al-Numan", 1, "one person")]) == {"Saraqib": 1, "Maarat al-Numan": 1}
    # and a town beside its province keeps it
    told = "Militants fired mortar shells on Saraqib in Idlib province, killing one civilian."
    assert tolls([act("fired", told, "Saraqib", 1, "one civilian"),
                  act("fired", told, "Idlib Governorate", 1, "one civilian", date_start="2024-12-04", date_end="2024-12-04")]) \
        == {"Saraqib": 1, "Idlib Governorate": 1}
    # the same words in another article are another report: each event keeps its own
    told = "12 people were killed when warplanes struck Saraqeb."
    other_day = dict(date_start="2024-12-01", date_end="2024-12-01", date_text="Sunday")
    events = consolidate([act("killed", told, "Saraqeb", 12, "12 people", article="a", **CLASH),
                          act("struck", told, "Saraqeb", 12, "12 people", article="b", **other_day)])
    assert sorted(e.fatalities for e in events) == [12, 12]


def test_the_sentence_places_an_act_in_any_spelling_of_its_place():
    # "Arika" is the gazetteer's Ariqah: the bomb is placed by its sentence, the death word's Sweida is not
    told = "A bomb exploded in a car headed for Arika, killing the driver."
    assert tolls([act("exploded", told, "Ariqah", 1, "the driver"),
                  act("killing", told, "Sweida", 1, "the driver")]) == {"Ariqah": 1, "Sweida": None}


def test_a_clause_of_the_victims_own_circumstance_tells_no_act_that_killed():
    # "as they attempted ... to escape fighting": the fighting is what they fled, not the act that killed
    told = "A Russian airstrike on Mayadin killed at least 38 civilians as they attempted to cross the river to escape fighting in Raqqa."
    events = tolls([act("airstrike", told, "Mayadin", 38, "at least 38 civilians"),
                    act("fighting", told, "Raqqa", 38, "at least 38 civilians", **CLASH)])
    assert events["Mayadin"] == 38


SATURDAY = dict(date_start="2017-04-15", date_end="2017-04-15", date_text="Saturday", timex_value="2017-04-15")
SUNDAY = dict(date_start="2017-04-16", date_end="2017-04-16", date_text="Sunday", timex_value="2017-04-16")


def test_a_later_count_of_an_acts_dead_is_a_report_of_the_act_not_an_event_of_its_telling_day():
    update = ("The death toll from a bomb blast on a crowded bus convoy outside Aleppo reached at least 112 people, "
              "the Observatory said on Sunday.")
    blast = "Rescue workers carted away at least 100 bodies from the site of Saturday's blast."
    events = consolidate([act("blast", update, "Aleppo", 112, "at least 112 people", **SUNDAY),
                          act("blast", blast, "Aleppo", None, "", article="a", mention_id="a:200:250:Aleppo",
                              sentence_start=200, **SATURDAY)])
    assert [(e.date_start, e.fatalities) for e in events] == [("2017-04-15", 112)]


def test_a_new_act_the_next_day_with_its_own_toll_stays_its_own_event():
    # counter-examples: no toll noun risen, or no act before it to update: each stays where its date puts it
    sunday = "Another car bomb exploded outside Aleppo on Sunday, killing 12 people."
    blast = "A bomb blast hit a bus convoy outside Aleppo on Saturday."
    events = consolidate([act("exploded", sunday, "Aleppo", 12, "12 people", **SUNDAY),
                          act("blast", blast, "Aleppo", None, "", mention_id="a:200:250:Aleppo",
                              sentence_start=200, **SATURDAY)])
    assert sorted((e.date_start, e.fatalities) for e in events) == [("2017-04-15", None), ("2017-04-16", 12)]
    # an update at another place does not join the act of this one
    update = "The death toll from air strikes on Douma rose to 42 dead, the Observatory said on Sunday."
    events = consolidate([act("strikes", update, "Douma", 42, "42 dead", **SUNDAY),
                          act("blast", blast, "Aleppo", None, "", mention_id="a:200:250:Aleppo",
                              sentence_start=200, **SATURDAY)])
    assert sorted((e.date_start, e.location, e.fatalities) for e in events) == [
        ("2017-04-15", "Aleppo", None), ("2017-04-16", "Douma", 42)]


DEIR = dict(place_kind="town", admin1="Deir ez-Zor Governorate", place_known=True, latitude=34.45, longitude=40.92)
BUKAMAL = "The coalition's strikes hit the city of Al Bukamal killing five civilians."


def test_another_act_with_its_own_toll_is_an_event_of_its_own():
    first = act("hit", BUKAMAL, "Boukamal", 5, "five civilians", **DEIR)
    told = "Another strike targeted a settlement in the province's east claiming the lives of seven people."
    another = act("targeted", told, "Boukamal", 7, "seven people", mention_id="a:1:0", **DEIR)
    assert sorted(e.fatalities for e in consolidate([first, another])) == [5, 7]
    # counter-examples: the same act told again ("The strikes also hit a market"), or dead added to it
    # ("another two died"), are no other act: one event, one toll
    told = "The strikes also hit a market, killing seven people."
    again = act("hit", told, "Boukamal", 7, "seven people", mention_id="a:1:0", **DEIR)
    assert [e.fatalities for e in consolidate([first, again])] == [5]
    told = "Another two people died of their wounds in the strike."
    added = act("strike", told, "Boukamal", 2, "Another two people", mention_id="a:1:0", **DEIR)
    assert len(consolidate([first, added])) == 1


def test_a_governorates_toll_that_sums_its_acts_tolls_is_no_event_of_its_own():
    province = dict(DEIR, place_kind="city", place_relation="around:province", latitude=35.33, longitude=40.14)
    told = "At least {} civilians were killed in coalition airstrikes in the province of Deir ez-Zor."
    parts = [act("hit", BUKAMAL, "Boukamal", 5, "five civilians", **DEIR),
             act("targeted", "Another strike targeted Hajin claiming the lives of seven people.", "Hajin", 7,
                 "seven people", mention_id="a:1:0", **dict(DEIR, latitude=34.7, longitude=40.8))]

    def wide(n: int):
        text = told.format(n)
        return act("airstrikes", text, "Deir ez-Zor", n, f"At least {n} civilians", mention_id="a:2:0", **province)

    assert sorted(e.fatalities for e in consolidate([*parts, wide(12)])) == [5, 7]
    # counter-example: a toll the parts do not add up to is the governorate's own report: it stays
    assert sorted(e.fatalities for e in consolidate([*parts, wide(15)])) == [5, 7, 15]


def test_a_lower_toll_told_for_the_governorate_of_the_one_act_inside_it_is_another_report_of_it():
    """"At least 18 militants were killed in a car bomb explosion in the province of Deir ez-Zor" beside "the
    blast killed 20 militants" in Al Bukamal: one act told twice, of conflicting reports the lowest."""
    province = dict(DEIR, place_kind="province", latitude=35.33, longitude=40.14)
    told = "At least {} militants were killed in air strikes in the province of Deir ez-Zor."

    def wide(n: int, text: str = "At least {} militants"):
        return act("strikes", told.format(n), "Deir ez-Zor", n, text.format(n), mention_id="a:2:0", **province)
    town = act("hit", BUKAMAL, "Boukamal", 20, "20 militants", **DEIR)
    assert sorted(e.fatalities for e in consolidate([town, wide(18)])) == [18, 18]
    # counter-examples: a higher toll of the governorate may count more dead; a bound below agrees with the
    # town's figure; with two acts inside the governorate its toll may be either's
    assert sorted(e.fatalities for e in consolidate([town, wide(25)])) == [20, 25]
    assert sorted(e.fatalities for e in consolidate([town, wide(18, "more than {} militants")])) == [18, 20]
    other = act("targeted", "Another strike targeted Hajin killing 30 militants.", "Hajin", 30, "30 militants",
                mention_id="a:1:0", **dict(DEIR, latitude=34.7, longitude=40.8))
    assert sorted(e.fatalities for e in consolidate([town, other, wide(18)])) == [18, 20, 30]


@pytest.mark.parametrize("relation, text, events", [
    ("near", "six others", 2),        # "... while six others were killed in a village near the city": another spot
    ("part:north", "six others", 1),  # the same spot: the dead added to one act
    ("near", "six civilians", 1),     # a toll of its own, not told as others: no sign of another act here
])
def test_other_dead_told_at_another_spot_of_the_place_are_another_act(relation, text, events):
    """"At least 15 civilians were killed in raids in a northern district of Manbij while six others were
    killed in a village near the city" (tolls.other_dead_elsewhere): ACLED codes one event a spot."""
    district = strike(15, "At least 15 civilians", place="Manbij", place_relation="part:north")
    other = strike(6, text, place="Manbij", sentence=0, place_relation=relation)
    assert len(consolidate([district, other])) == events


@pytest.mark.parametrize("tolls, events", [
    ([(10, "Ten civilians"), (3, "three civilians"), (7, "seven civilians")], 2),  # 10 = 3 + 7: two acts, their sum
    ([(12, "12 civilians"), (3, "three civilians"), (7, "seven civilians")], 1),   # no sum: reports of one act
    ([(3, "three civilians"), (7, "seven civilians")], 1),                         # a toll rising: one act
])
def test_two_tolls_a_third_told_of_the_place_sums_up_are_two_acts(tolls, events):
    """"Ten civilians were killed ... as terrorist groups targeted Salah Eddin neighborhood", "... with a
    number of rocket shells claiming the lives of three" and "Earlier on Wednesday ... seven civilians were
    killed" (tolls.parts_of_a_sum): the ten are the dead of two acts, each an event with its own toll."""
    reports = [strike(n, text, sentence=100 * k) for k, (n, text) in enumerate(tolls)]
    found = consolidate(reports)
    assert len(found) == events
    if events == 2:
        assert sorted(e.fatalities for e in found) == [3, 7]


def test_a_toll_told_for_a_list_of_places_kept_as_one_report_gives_way_to_a_narrower_one():
    """"Seven people were killed ... on the neighborhoods of New Aleppo Ismailiya Maisaloun and
    al-Jabiryieh", kept as one report at Maysaloun, beside "4 people were killed ... on the neighborhoods
    of Maisaloun and al-Jabiryieh", kept as two: the first names more of the places tolls are told at,
    so Maysaloun's toll is 4 (h-fat11). Counted by reports alone, the 4 would give way to the 7."""
    from dataclasses import replace
    wide = replace(strike(7, "Seven people", place="Maysaloun", sentence=0), sentence=(
        "Seven people were killed on Monday due to rocket attacks on the neighborhoods of New Aleppo "
        "Ismailiya Maisaloun and al-Jabiryieh."))
    others = [replace(strike(n, text, place=p, sentence=s), sentence=f"Shells hit {p} killing {text}.")
              for n, text, p, s in ((1, "a woman", "Ismailiya", 100), (2, "2 people", "New Aleppo", 200))]
    narrow_text = "4 people were killed in rocket shells on the neighborhoods of Maisaloun and al-Jabiryieh."
    narrow = [replace(strike(4, "4 people", place=p, sentence=300), sentence=narrow_text)
              for p in ("Maysaloun", "Jabiryieh")]
    kept = narrowest_tolls([wide, *others, *narrow])
    assert [(m.place, m.fatalities) for m in kept] == [
        ("Maysaloun", None), ("Ismailiya", 1), ("New Aleppo", 2), ("Maysaloun", 4), ("Jabiryieh", 4)]


def test_a_place_a_toll_sentence_names_where_no_toll_is_told_does_not_widen_it():
    """"The raids killed at least 27 people in several districts including Fardos" beside "Four people were
    also killed during rebel fire in west Aleppo", both kept at Aleppo, Fardos a report with no toll: the
    27 is told for no more places than the 4, and both stay (counter-example of the test above)."""
    from dataclasses import replace
    raids = replace(strike(27, "at least 27 people", place="Aleppo", sentence=0),
                    sentence="The raids killed at least 27 people in several districts of Aleppo including Fardos.")
    fardos = replace(strike(None, "", place="Fardos", sentence=0), sentence=raids.sentence)
    fire = replace(strike(4, "Four people", place="Aleppo", sentence=100),
                   sentence="Four people were also killed during rebel fire in west Aleppo.")
    assert narrowest_tolls([raids, fardos, fire]) == [raids, fardos, fire]


def told_at(start: int, trigger: str, sentence: str, place: str, n: int | None, text: str, **fields):
    """`act`, its sentence starting at `start` of the article."""
    m = act(trigger, sentence, place, n, text, **fields)
    return replace(m, mention_id=f"a:{start}:{m.trigger_start}:{place}", sentence_start=start,
                   sentence_end=start + len(sentence), trigger_start=start + m.trigger_start,
                   trigger_end=start + m.trigger_end)


def test_a_toll_an_act_takes_from_another_sentence_is_one_toll_of_two_acts():
    # the strike told again in the next sentence, placed there: the toll is that act's, not the lede's too
    lede = "A Syrian air strike on a jihadist training camp killed 17 militants and a child, a monitor said."
    placed = "The Saturday strike hit dormitories in the camp in the town of Tibni."
    assert tolls([told_at(0, "killed", lede, "Deir ez-Zor", 18, "17 militants and a child", **SUNDAY),
                  told_at(100, "hit", placed, "Tibni", 18, "17 militants and a child", **SATURDAY)]) \
        == {"Deir ez-Zor": None, "Tibni": 18}
    # the act a sentence of the dead refers back to ("were killed in the attack") over that death word
    fight = "Fierce clashes broke out as militants attacked government positions."
    dead = "Eleven regime fighters and 17 militants were killed in the attack, he said."
    events = tolls([told_at(0, "clashes", fight, "Tabqa", 28, "Eleven regime fighters and 17 militants", **CLASH, **SATURDAY),
                    told_at(80, "killed", dead, "Tabqa", 28, "Eleven regime fighters and 17 militants", **CLASH, **SUNDAY)],
                   by="date_start")
    assert events == {"2017-04-15": 28, "2017-04-16": None}


def test_the_same_words_told_by_two_sentences_of_their_own_acts_are_two_tolls():
    first = "Air strikes killed 12 people in Idlib on Saturday."
    second = "Shelling killed 12 people in Hama on Sunday."
    assert tolls([told_at(0, "strikes", first, "Idlib", 12, "12 people", **SATURDAY),
                  told_at(60, "Shelling", second, "Hama", 12, "12 people", **CLASH, **SUNDAY)]) == {"Idlib": 12, "Hama": 12}


def test_a_wider_toll_an_act_takes_that_sums_other_acts_tolls_is_not_its_own():
    country = dict(place_kind="country", admin1="", place_known=True, latitude=35.0, longitude=38.5)
    lede = ("Some 120 IS fighters and 60 foreign mercenaries were killed in a series of Russian air strikes in "
            "Syria over the past 24 hours.")
    total = act("strikes", lede, "Syria", 180, "Some 120 IS fighters and 60 foreign mercenaries", **country)
    kamal = act("killed", "Some 40 IS fighters were killed around the town of Albu Kamal.", "Boukamal", 40,
                "Some 40 IS fighters", mention_id="a:1:0", **DEIR)
    south = act("killed", "More than 60 mercenaries were killed in strikes near Deir Ezzor.", "Mayadin", 60,
                "More than 60 mercenaries", mention_id="a:2:0", **dict(DEIR, latitude=35.01, longitude=40.45))
    mentions = [total, kamal, south]
    (at_mayadeen,) = consolidate([replace(total, place="Hajin", **dict(DEIR, latitude=34.7, longitude=40.8))])
    at_mayadeen = replace(at_mayadeen, mention_ids=total.mention_id)  # the strikes on a town, the lede's toll
    parts = [e for m in (kamal, south) for e in consolidate([m])]
    assert [e.fatalities for e in sums_of_parts([at_mayadeen, *parts], mentions)] == [None, 40, 60]
    # counter-examples: with one act of its type beside it the wider toll may be the lede of this very act;
    # and acts told in another governorate than a city's toll are no parts of it
    fight = replace(parts[1], event_type="Battles")
    assert [e.fatalities for e in sums_of_parts([at_mayadeen, parts[0], fight], mentions)] == [180, 40, 60]
    city = act("Shelling", "Shelling on two neighbourhoods of Aleppo left 11 people dead.", "Aleppo", 11,
               "11 people", mention_id="a:3:0", place_kind="city", admin1="Aleppo Governorate", place_known=True,
               latitude=36.2, longitude=37.13)
    (street,) = consolidate([replace(city, place="Nile Street", place_kind="town")])
    street = replace(street, mention_ids=city.mention_id)
    hama = dict(place_kind="town", admin1="Hama Governorate", place_known=True)
    one = [replace(m, fatalities=1, fatalities_text="one civilian", place=p, **hama, latitude=35.3 + k, longitude=36.4)
           for k, (m, p) in enumerate(((kamal, "Suqaylabiyah"), (south, "Jaberiyeh")))]
    small = [e for m in one for e in consolidate([m])]
    assert [e.fatalities for e in sums_of_parts([street, *small], [city, *one])] == [11, 1, 1]


@pytest.mark.parametrize("first, second, events", [
    ((2, "two persons"), (7, "seven students"), 2),     # two persons are not among seven students: two acts
    ((7, "seven students"), (2, "two persons"), 2),
    ((12, "12 people"), (7, "seven children"), 1),      # a group below the dead in general: a part of one toll
    ((2, "two persons"), (7, "seven persons"), 1),      # two counts of the dead in general: reports of one act
])
def test_dead_in_general_below_a_group_told_apart_are_two_acts(first, second, events):
    """"Rebels fired rockets at al-Furqan, killing two persons", then "A mortar shell fell on a school in
    al-Furqan, killing seven students" (tolls.other_victims): the two persons cannot be among the seven
    students, so the article tells two acts, each with its own dead (not one event of toll 7)."""
    reports = [strike(n, text, sentence=100 * k) for k, (n, text) in enumerate((first, second))]
    found = consolidate(reports)
    assert len(found) == events
    if events == 2:
        assert sorted(e.fatalities for e in found) == sorted((first[0], second[0]))


def test_others_told_for_a_second_act_of_the_sentence_are_that_acts_dead():
    told = "As well as the 10 civilians killed in strikes on a bus, 21 others died in intense strikes on the east of the city."
    bus = act("strikes", told, "Furqan", 10, "the 10 civilians")
    east = act("strikes on the east", told, "Furqan", 21, "21 others")
    assert sorted(e.fatalities for e in consolidate([bus, east])) == [10, 21]
    # counter-example: others who died of their wounds (a word of harm, no act) are more dead of the one act
    told = "Ten people were killed in air strikes on Furqan and five others died of their wounds."
    strikes = act("strikes", told, "Furqan", 10, "Ten people")
    died = act("died", told, "Furqan", 5, "five others")
    assert len(consolidate([strikes, died])) == 1


def test_the_dead_of_both_sides_told_after_a_fight_and_a_strike_are_the_fights():
    fight = "Militants attacked Tal Abyad on Saturday."
    strikes = "Coalition war planes carried out 10 air strikes to repel the assault."
    dead = "It said at least 45 militants and 20 Kurdish fighters had been killed."
    both = "at least 45 militants and 20 Kurdish fighters"
    reports = [told_at(0, "attacked", fight, "Tal Abyad", None, "", **CLASH),
               told_at(50, "carried out", strikes, "Tal Abyad", 65, both),
               told_at(130, "killed", dead, "Tal Abyad", 65, both, **CLASH)]
    assert tolls(reports, by="event_type") == {"Battles": 65, "Explosions/Remote violence": None}
    # counter-example: one group of dead (no sum of sides) stays the strike's, the act the dead are told of
    one = "at least 45 militants"
    reports = [told_at(0, "attacked", fight, "Tal Abyad", None, "", **CLASH),
               told_at(50, "carried out", strikes, "Tal Abyad", 45, one),
               told_at(130, "killed", dead.replace(" and 20 Kurdish fighters", ""), "Tal Abyad", 45, one, **CLASH)]
    assert tolls(reports, by="event_type") == {"Battles": None, "Explosions/Remote violence": 45}


def test_a_sentence_the_page_tells_twice_is_one_telling_of_its_toll():
    # the page repeats its sentence verbatim: its toll as written is one, carried by two acts, decided once
    lede = "Eight civilians were killed in Idlib when warplanes struck the village of Taftanaz."
    assert tolls([told_at(0, "killed", lede, "Idlib", 8, "Eight civilians", **CLASH),
                  told_at(200, "struck", lede, "Taftanaz", 8, "Eight civilians")]) == {"Idlib": None, "Taftanaz": 8}


@pytest.mark.parametrize("verb, expected", [("has risen to", 18), ("was", 5)])
def test_a_toll_told_risen_is_the_latest_count_not_a_report_the_lowest_gives_way_to(verb, expected):
    """"The death toll from a Syrian government raid ... has risen to 18" beside "On Wednesday the
    Observatory reported that at least five IS militants had been killed in that attack": the toll
    told risen (tolls.told_as_update) is the latest count, the lower one an earlier count (18); a toll
    told with no verb of rise is another report, the lowest kept (5)."""
    lead = f"The death toll from a Syrian government raid on an Islamic State stronghold {verb} 18 a monitor said."
    earlier = "On Wednesday the Observatory reported that at least five IS militants had been killed in that attack."
    reports = [act("raid", lead, "Ghareebeh", 18, "18"),
               act("killed", earlier, "Ghareebeh", 5, "at least five IS militants", mention_id="a:100:150:Ghareebeh",
                   sentence_start=100)]
    assert event_toll(reports, "Ghareebeh") == expected
