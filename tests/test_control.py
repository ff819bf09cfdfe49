"""Control of cities: what an analyst comparing the map with history would check (no language model)."""
from __future__ import annotations

import time
from dataclasses import replace

from lib.extract import lexicon
from lib.extract.control import Correction, apply_corrections, control_intervals, status_at
from lib.model import Mention


def mention(**fields) -> Mention:
    base = dict(mention_id="a:0:0", article_id="a", source="Outlet A", published="2016-03-28",
                sentence_start=0, sentence_end=10, sentence="Rebels captured Hama.", trigger="captured",
                trigger_start=7, trigger_end=15, event_type="Battles",
                sub_event_type="Non-state actor overtakes territory", control="gain", many_parties=False,
                kind="capture", actor1="Syrian opposition", actor2="", side1="opposition", side2="",
                place="Hama", place_known=True, place_kind="city", admin1="Hama Governorate",
                latitude=35.13, longitude=36.75, date_start="2016-03-27", date_end="2016-03-27",
                time_precision=1, date_text="Sunday", timex_value="2016-03-27", timex_start=20,
                timex_end=26, date_source="timex in clause", anchor="DCT", rule="weekday",
                attribution="", polarity="asserted", fatalities=None, place_relation="in")
    base.update(fields)
    return Mention(**base)


def gov(**fields) -> Mention:
    return mention(**{"actor1": "Syrian government forces", "side1": "government", **fields})


def day(d: str, **fields) -> dict:
    return dict(date_start=d, date_end=d, **fields)


def history(intervals, city="Hama"):
    return [(i.controller, i.valid_from, i.valid_to) for i in intervals if i.city == city]


def test_losing_control_says_who_held_it_before_and_not_who_holds_it_after():
    lost = gov(control="loss", trigger="lost control", sentence="Government forces lost control of Hama.")
    intervals = control_intervals([lost])
    assert history(intervals) == [("government", "", "2016-03-27"), ("unknown", "2016-03-27", "")]
    assert status_at(intervals, "Hama", "2016-03-28").state == "no report"


def test_a_loss_naming_who_took_it_hands_it_over():
    lost = gov(control="loss", actor2="Islamic State", side2="islamic_state")
    assert history(control_intervals([lost]))[-1][0] == "islamic_state"


def test_islamic_state_and_turkish_backed_factions_have_their_own_controllers():
    taken = mention(actor1="Islamic State", side1="islamic_state")
    manbij = mention(mention_id="b", place="Manbij", actor1="Syrian National Army", side1="turkish_backed")
    intervals = control_intervals([taken, manbij])
    assert history(intervals) == [("islamic_state", "2016-03-27", "")]
    assert history(intervals, "Manbij") == [("turkish_backed", "2016-03-27", "")]


def test_an_ally_takes_a_city_for_the_government_and_holds_nothing_itself():
    hezbollah = mention(actor1="Hezbollah", side1="government_ally")
    assert history(control_intervals([hezbollah])) == [("government", "2016-03-27", "")]


def test_entering_a_city_is_not_holding_it():
    entered = mention(trigger="entered", sentence="Rebels entered Hama.")
    assert control_intervals([entered]) == []
    # every inflection of words.tsv entry_words, and a capture as the counter-example
    stormed = mention(trigger="stormed", sentence="Rebels stormed Hama.")
    storming = mention(trigger="storming into", sentence="Rebels storming into Hama.")
    assert control_intervals([stormed, storming]) == []
    assert history(control_intervals([mention(trigger="captured")])) == [("opposition", "2016-03-27", "")]


def _holding(sentence: str, trigger: str, **fields) -> Mention:
    return mention(control="held", trigger=trigger, sentence=sentence, trigger_start=sentence.index(trigger),
                   actor1="Islamic State", side1="islamic_state", place="Palmyra", **fields)


def test_a_past_holding_a_recap_marker_opens_is_a_former_state_not_the_state_of_its_day():
    recap = _holding("When it controlled the ancient city of Palmyra, Daesh carried out public beheadings.",
                     "controlled")
    once = _holding("Once IS held Palmyra for ten months, the army came back.", "held")
    assert control_intervals([recap, once]) == []
    # counter-examples: a holding told as now, and a past holding with no recap marker in its clause
    now = _holding("When the army attacks, IS controls Palmyra.", "controls")
    past = _holding("When the army attacked, IS controlled Palmyra.", "controlled")
    assert history(control_intervals([now]), "Palmyra") == [("islamic_state", "2016-03-27", "")]
    assert history(control_intervals([past]), "Palmyra") == [("islamic_state", "2016-03-27", "")]


def test_hts_holding_a_city_alone_is_its_own_controller():
    hts = mention(actor1="Hayat Tahrir al-Sham", side1="hts", control="held", trigger="controls")
    described = mention(control="", trigger="struck", kind="strike", actor1="", side1="", place="Idlib",
                        place_relation="in;held:hts")
    intervals = control_intervals([hts, described], described_days=0)
    assert history(intervals) == [("hts", "2016-03-27", "")]
    assert history(intervals, "Idlib") == [("hts", "2016-03-27", "")]
    assert lexicon.sides()["hts"].colour != lexicon.sides()["opposition"].colour


def test_claims_about_places_around_a_city_never_change_its_hands_but_stay_as_evidence():
    held = gov(**day("2016-01-10"), control="held", trigger="control")
    around = [mention(mention_id=f"v{n}", place_relation=relation, **day(f"2016-02-1{n}"),
                      sentence=f"Rebels captured villages {relation} Hama.")
              for n, relation in enumerate(["north of", "outskirts", "countryside", "near", "around:village"])]
    intervals = control_intervals([held, *around])
    assert history(intervals) == [("government", "2016-01-10", "")]
    assert "villages north of Hama" in intervals[0].nearby


def test_claims_about_parts_make_a_divided_city_with_its_parts_named():
    held = gov(**day("2016-01-10"), control="held", trigger="control")
    east = mention(mention_id="e", control="", trigger="bombed", kind="strike", place_relation="part:east;held:opposition",
                   **day("2016-02-01"), sentence="Jets bombed rebel-held east Hama.")
    retaken = gov(mention_id="r", **day("2016-12-22"), sentence="The army recaptured Hama.")
    intervals = control_intervals([held, east, retaken])
    assert history(intervals) == [("government", "2016-01-10", "2016-02-01"),
                                  ("divided", "2016-02-01", "2016-12-22"), ("government", "2016-12-22", "")]
    assert intervals[1].parts == "east: opposition; rest: government"
    assert intervals[1].state == "divided"


def test_a_held_by_adjective_is_a_holding_claim():
    bombed = mention(control="", trigger="bombed", kind="strike", actor1="", side1="", place_relation="in;held:islamic_state")
    assert history(control_intervals([bombed], described_days=0)) == [("islamic_state", "2016-03-27", "")]


def test_one_denial_contests_the_days_it_speaks_of_and_later_consistent_reports_settle_it():
    gain = mention()
    hold = gov(mention_id="h", article_id="b", source="Outlet B", control="hold")
    later = [mention(mention_id=f"l{n}", article_id=f"c{n}", source=f"Outlet {n}", control="held",
                     **day(f"2016-04-0{n}")) for n in (2, 5)]
    intervals = control_intervals([gain, hold, *later])
    assert history(intervals) == [("contested", "2016-03-27", "2016-04-02"), ("opposition", "2016-04-02", "")]
    contested = intervals[0]
    assert (contested.state, contested.status) == ("contested", "disputed")
    assert "government (Syrian government forces, per Outlet B, 2016-03-27)" in contested.claims
    assert "opposition (Syrian opposition, per Outlet A, 2016-03-27)" in contested.claims


def test_background_mentions_are_ignored_unless_dated_by_a_year_of_their_own():
    recap = mention(background=True)
    paragraph = mention(background=True, time_precision=4, date_source="last date in paragraph")
    assert control_intervals([recap, paragraph]) == []
    # "The YPG captured Tel Abyad from ISIS last year": history with its own year, a year-precise claim
    last_year = mention(background=True, place="Tal Abyad", actor1="People's Protection Units", side1="sdf",
                        date_start="2015-01-01", date_end="2015-12-31", time_precision=4, date_text="last year")
    assert history(control_intervals([last_year]), "Tal Abyad") == [("sdf", "2015-12-31", "")]
    # and it yields to a finer claim of its year
    finer = mention(mention_id="b", place="Tal Abyad", actor1="Islamic State", side1="islamic_state",
                    **day("2015-03-01"))
    assert history(control_intervals([last_year, finer]), "Tal Abyad") == [("islamic_state", "2015-03-01", "")]


def test_a_holding_since_a_year_is_a_state_at_publication_not_from_that_year():
    since = gov(control="held", date_start="2016-01-01", date_end="2016-12-31", time_precision=4,
                sentence="The army has held Hama since 2016.", timex_start=31, sentence_start=0)
    assert history(control_intervals([since]))[0][1] == "2016-03-28"


def test_a_year_claim_yields_to_finer_claims_in_its_year():
    recap = mention(date_start="2016-01-01", date_end="2016-12-31", time_precision=4, actor1="Islamic State",
                    side1="islamic_state")
    fine = gov(mention_id="f", control="held", **day("2016-05-01"))
    assert history(control_intervals([recap, fine])) == [("government", "2016-05-01", "")]


def test_a_paragraph_dated_claim_is_bounded_by_publication_at_lower_precision():
    summary = mention(date_source="last date in paragraph", **day("2016-03-01"), published="2016-03-28")
    (interval,) = control_intervals([summary])
    assert (interval.valid_from, interval.precision) == ("2016-03-28", 2)


def test_an_analyst_correction_sets_the_state_from_its_day_and_the_model_continues():
    first = mention(**day("2016-03-01"))
    same_day = mention(mention_id="s", **day("2016-03-10"), actor1="Islamic State", side1="islamic_state")
    after = gov(mention_id="g", **day("2016-04-01"))
    fixes = [("Hama", "2016-03-10", "government", "analyst1", "2016-05-01T10:00")]
    intervals = apply_corrections([first, same_day, after], fixes)
    assert history(intervals) == [("opposition", "2016-03-01", "2016-03-10"),
                                  ("government", "2016-03-10", "")]
    assert intervals[1].provenance == "analyst (analyst1, 2016-05-01T10:00)"
    later = apply_corrections([first, after, mention(mention_id="o", **day("2016-06-01"))],
                              [Correction("Hama", "2016-03-10", "government", "analyst1", "2016-05-01")])
    assert history(later)[-1] == ("opposition", "2016-06-01", "")


def test_200000_claims_take_seconds():
    base = mention()
    sides = [("Syrian opposition", "opposition"), ("Syrian government forces", "government")]
    claims = []
    for n in range(200_000):
        actor, side = sides[(n // 50) % 2]
        d = f"{2012 + n % 7}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        claims.append(replace(base, mention_id=str(n), place=f"City {n % 400}", actor1=actor, side1=side,
                              date_start=d, date_end=d, control="gain" if n % 3 else "held"))
    started = time.process_time()  # CPU time: the machine may be shared
    intervals = control_intervals(claims)
    assert time.process_time() - started < 10
    assert len({i.city for i in intervals}) == 400


def test_every_controller_has_one_colour_and_legend_in_the_map_convention():
    colours: dict[str, set[str]] = {}
    for side in lexicon.sides().values():
        if side.controller:
            colours.setdefault(side.controller, set()).add((side.colour, side.legend))
    assert all(len(v) == 1 for v in colours.values()), colours
    assert "red" in next(iter(colours["government"]))[1] and "green" in next(iter(colours["opposition"]))[1]
    assert "yellow" in next(iter(colours["sdf"]))[1] and "black" in next(iter(colours["islamic_state"]))[1]


def test_a_named_group_taking_part_of_a_city_outweighs_generic_rebels_said_to_take_it_all():
    rebels = mention(place="Deir ez-Zor", **day("2016-12-06"))
    sdf = mention(mention_id="s", article_id="b", place="Deir ez-Zor", actor1="Syrian Democratic Forces",
                  side1="sdf", place_relation="part:half;held:government", **day("2016-12-06"))
    intervals = control_intervals([rebels, sdf])
    assert history(intervals, "Deir ez-Zor")[-1] == ("sdf", "2016-12-06", "")


def state(**fields) -> Mention:
    """A state description as lib/extract/mentions/held.py gives it: control "held", no actor."""
    return mention(**{"control": "held", "trigger": "held", "actor1": "", "side1": "", "event_type":
                      "Strategic developments", "sub_event_type": "Other", "kind": "holding", **fields})


def test_a_state_description_in_any_sentence_is_one_holding_claim_and_no_event():
    from lib.extract.events import cluster

    described = state(place_relation="in;held:islamic_state", sentence="IS-held Hama was calm.")
    assert history(control_intervals([described], described_days=0)) == [("islamic_state", "2016-03-27", "")]
    assert cluster([described], lexicon.places()) == []  # a state, not a happening


def test_described_parts_make_a_city_divided_never_a_flip():
    held = gov(**day("2016-01-10"), control="held", trigger="control")
    east = state(mention_id="e", place_relation="part:east;held:opposition", **day("2016-02-01"))
    west = state(mention_id="w", place_relation="part:west;held:government", **day("2016-02-01"))
    intervals = control_intervals([held, east, west], described_days=0)
    assert [i.controller for i in intervals if i.city == "Hama"] == ["government", "divided"]
    assert intervals[-1].parts.startswith("east: opposition; west: government")


def test_a_state_known_only_from_descriptions_lapses_to_no_report_after_the_window():
    described = state(place_relation="in;held:opposition", sentence="Rebel-held Hama was calm.")
    intervals = control_intervals([described], described_days=365)
    assert history(intervals) == [("opposition", "2016-03-27", "2017-03-27"), ("unknown", "2017-03-27", "")]
    assert status_at(intervals, "Hama", "2024-12-06").state == "no report"
    # a new description within the window renews it; a happening never lapses (counter-examples)
    again = state(mention_id="b", place_relation="in;held:opposition", **day("2016-09-01"))
    assert history(control_intervals([described, again], described_days=365))[0][2] == "2017-09-01"
    assert history(control_intervals([mention()], described_days=365)) == [("opposition", "2016-03-27", "")]


def test_a_reported_state_lapses_after_five_years_without_news_while_the_reports_go_on():
    """"Rebels captured Hama" in 2012 says nothing of 2024, when other cities are still reported on."""
    taken = mention(**day("2012-06-01"))
    later = mention(mention_id="b", place="Homs", **day("2024-12-06"))
    intervals = control_intervals([taken, later], described_days=365)
    assert history(intervals) == [("opposition", "2012-06-01", "2017-05-31"), ("unknown", "2017-05-31", "")]
    assert status_at(intervals, "Hama", "2016-06-01").controller == "opposition"
    # a report of the city within five years renews it; no reports past the window, no lapse (counter-examples)
    again = gov(mention_id="c", control="held", trigger="control", **day("2016-01-10"))
    assert status_at(control_intervals([taken, again, later], described_days=365), "Hama", "2020-01-01").controller \
        == "government"
    assert history(control_intervals([taken], described_days=365)) == [("opposition", "2012-06-01", "")]


def test_a_loss_with_nothing_before_it_says_the_loser_held_the_city_five_years_back_at_most():
    """"Government forces lost control of Hama" in 2016 says nothing of 2009, when the reports reach back
    that far (another city's claim of 2008); without older reports the state before it is open."""
    lost = gov(control="loss", trigger="lost control", sentence="Government forces lost control of Hama.")
    older = mention(mention_id="o", place="Homs", **day("2008-01-01"))
    intervals = control_intervals([lost, older])
    assert history(intervals) == [("government", "2011-03-29", "2016-03-27"), ("unknown", "2016-03-27", "")]
    assert status_at(intervals, "Hama", "2009-06-01") is None
    assert history(control_intervals([lost]))[0] == ("government", "", "2016-03-27")  # counter-example


def test_the_divided_city_of_x_is_divided_with_the_side_that_held_it_all_holding_the_rest():
    """"air strikes hit IS-held areas in and outside the divided city of Hama": divided, its parts unnamed."""
    held = gov(**day("2016-01-10"), control="held", trigger="control")
    divided = state(mention_id="d", place_relation="in;held:divided", trigger="divided", **day("2016-02-01"))
    intervals = control_intervals([held, divided], described_days=365)
    assert status_at(intervals, "Hama", "2016-03-01").state == "divided"
    assert status_at(intervals, "Hama", "2016-03-01").parts == "rest: government"
    assert status_at(control_intervals([divided], described_days=365), "Hama", "2016-03-01").state == "divided"
    # a description of a side's holding names a side (counter-example): that side holds it
    rebel = state(mention_id="r", place_relation="in;held:opposition", **day("2016-02-01"))
    assert status_at(control_intervals([rebel], described_days=365), "Hama", "2016-03-01").controller == "opposition"


def test_a_state_told_by_a_description_never_names_the_actor_of_the_happening_it_was_told_in():
    """"air strikes by government forces on the rebel-held town of Hama": the rebels hold it."""
    struck = gov(control="", trigger="killed", kind="strike", place_relation="in;held:opposition")
    (interval,) = control_intervals([struck], described_days=365)[:1]
    assert (interval.controller, interval.actor_detail) == ("opposition", "")
    # a holding told as news names its actor (counter-example)
    (held,) = control_intervals([gov(control="held", trigger="control")])
    assert held.actor_detail == "Syrian government forces"


def test_a_divided_city_with_no_news_for_the_window_lapses_to_no_report_a_held_one_does_not():
    held = gov(**day("2016-01-10"), control="held", trigger="control")
    east = state(mention_id="e", place_relation="part:east;held:opposition", **day("2016-02-01"))
    west = state(mention_id="w", place_relation="part:west;held:government", **day("2016-02-01"))
    intervals = control_intervals([held, east, west], described_days=365)
    assert status_at(intervals, "Hama", "2016-06-01").state == "divided"
    assert status_at(intervals, "Hama", "2017-06-01").state == "no report"
    # a change of hands told as a happening holds without news (counter-example)
    assert status_at(control_intervals([held], described_days=365), "Hama", "2019-01-01").controller == "government"


def test_a_whole_city_described_held_by_one_side_long_after_the_other_part_was_last_reported_is_theirs():
    east = state(mention_id="e", place_relation="part:east;held:opposition", **day("2016-02-01"))
    west = state(mention_id="w", place_relation="part:west;held:government", **day("2016-02-01"))
    later = state(mention_id="l", place_relation="in;held:government", **day("2017-04-09"))
    soon = state(mention_id="s", place_relation="in;held:government", **day("2016-03-01"))
    assert status_at(control_intervals([east, west, later], described_days=90), "Hama",
                     "2017-04-10").controller == "government"
    # the same description a month after the rebel part was reported is of the government part
    assert status_at(control_intervals([east, west, soon], described_days=90), "Hama",
                     "2016-03-02").controller == "divided"


def test_an_evacuation_of_a_sides_fighters_hands_the_city_to_the_side_deals_hand_cities_to():
    evacuated = mention(trigger="evacuated", control="", kind="departure", actor1="", side1="",
                        actor2="Syrian opposition", side2="opposition", place="Madaya", **day("2017-04-14"),
                        sentence="Hundreds of rebels evacuated the town of Madaya.")
    held = mention(mention_id="h", trigger="evacuated", control="", kind="departure", actor1="", side1="",
                   place="Madaya", place_relation="in;held:opposition", **day("2017-04-14"),
                   sentence="2,200 people were evacuated from opposition-held Madaya.")
    for claims in ([evacuated], [held], [evacuated, held]):
        assert history(control_intervals(claims), "Madaya") == [("opposition", "", "2017-04-14"),
                                                              ("government", "2017-04-14", "")]
    # civilians, or a foreign state's people, evacuated from a city change no hands
    civilians = replace(evacuated, actor2="Civilians (syria)", side2="civilians")
    diplomats = replace(evacuated, actor1="Iran", side1="foreign_state", actor2="", side2="")
    assert control_intervals([civilians]) == control_intervals([diplomats]) == []
    # the deals handed the besiegers their adversaries' towns; Kurdish forces that evacuate a town hand it
    # to no side the sentence names (Tal Rifaat, 2024): they no longer hold it, who does is not said
    kurds = replace(evacuated, actor1="Syrian Democratic Forces", side1="sdf", actor2="", side2="",
                    place="Tell Rifaat", sentence="Kurdish forces evacuated Tal Rifaat.", **day("2024-12-01"))
    assert [(c, s) for c, s, _ in history(control_intervals([kurds]), "Tell Rifaat")] == [
        ("sdf", ""), ("unknown", "2024-12-01")]


def test_a_year_precise_taking_back_whose_year_holds_the_loss_comes_after_it():
    taken = mention(place="Kasab", **day("2014-03-21"))
    said = "Last year the army wrested back control of Kasab."
    back = gov(mention_id="b", place="Kasab", trigger="wrested", date_start="2014-01-01", date_end="2014-12-31",
               time_precision=4, sentence=said, trigger_start=said.index("wrested"),
               trigger_end=said.index("wrested") + 7, published="2015-02-22")
    assert [c for c, *_ in history(control_intervals([taken, back]), "Kasab")] == ["opposition", "government"]
    # a year-precise capture that tells no taking back says nothing of its order: the finer claim stands
    took = replace(back, trigger="took", sentence="Last year the army took control of Kasab.",
                   trigger_end=back.trigger_start + 4)
    assert [c for c, *_ in history(control_intervals([taken, took]), "Kasab")] == ["opposition"]


def test_a_gerund_after_a_purpose_preposition_is_a_purpose_not_a_happening():
    said = "Syrian forces operation on liberating the city from the militants is underway."
    purpose = gov(trigger="liberating", sentence=said, trigger_start=said.index("liberating"))
    assert control_intervals([purpose]) == []
    done = "After capturing the city the army moved on."  # a happening (counter-example)
    captured = gov(trigger="capturing", sentence=done, trigger_start=done.index("capturing"))
    assert history(control_intervals([captured])) == [("government", "2016-03-27", "")]


def test_a_change_of_hands_recalled_with_its_month_counts_as_a_month_precise_claim():
    said = "After trading hands the army retook Palmyra in March 2017."
    retook = gov(trigger="retook", sentence=said, trigger_start=said.index("retook"), place="Palmyra",
                 date_start="2017-03-01", date_end="2017-03-31", time_precision=3, background=True,
                 published="2017-10-23")
    assert history(control_intervals([retook]), "Palmyra") == [("government", "2017-03-31", "")]
    # a holding recalled with its month is not kept: a description of then, not a change of hands
    held = replace(retook, control="held", trigger="held")
    assert control_intervals([held]) == []


def test_a_gain_verb_whose_object_is_an_agreement_or_a_siege_takes_no_territory():
    said = "Terrorists breached the cessation of hostilities in Aleppo."
    breach = mention(trigger="breached", sentence=said, trigger_start=said.index("breached"),
                     trigger_end=said.index("breached") + 8, place="Aleppo")
    assert control_intervals([breach]) == []
    lines = "Rebels breached government lines in Aleppo."  # a breach of lines takes ground (counter-example)
    assert history(control_intervals([replace(breach, sentence=lines)]), "Aleppo")[0][0] == "opposition"


def test_a_gain_verb_whose_object_is_a_pronoun_for_an_agreement_takes_no_territory():
    said = ("Since the cessation of hostilities agreement came into effect on February 27 terrorist groups "
            "had breached it 677 times with most of the breaches in Aleppo.")
    breach = mention(trigger="breached", sentence=said, trigger_start=said.index("breached"),
                     trigger_end=said.index("breached") + 8, place="Aleppo")
    assert control_intervals([breach]) == []
    # "it" for the town told before it takes the town (counter-example)
    town = "After a siege the rebels reached Aleppo and breached it."
    taken = replace(breach, sentence=town, trigger_start=town.index("breached"), trigger_end=town.index("breached") + 8)
    assert history(control_intervals([taken]), "Aleppo")[0][0] == "opposition"
    # a verb of taking: "it" is the town under siege (counter-example)
    held = "Air strikes hit the town which has been under siege ever since rebels seized it two years ago."
    seized = replace(breach, trigger="seized", sentence=held, trigger_start=held.index("seized"),
                     trigger_end=held.index("seized") + 6)
    assert history(control_intervals([seized]), "Aleppo")[0][0] == "opposition"


def test_a_holding_told_only_of_rebels_does_not_contradict_hts_or_turkish_backed_factions():
    hts = mention(actor1="Hayat Tahrir al-Sham", side1="hts", place="Idlib")
    rebels = state(mention_id="r", place="Idlib", place_relation="in;held:opposition", **day("2016-06-01"))
    assert [c for c, *_ in history(control_intervals([hts, rebels], described_days=0), "Idlib")] == ["hts"]
    # a named side's holding does change it (counter-example)
    regime = state(mention_id="g", place="Idlib", place_relation="in;held:government", **day("2016-06-01"))
    assert history(control_intervals([hts, regime], described_days=0), "Idlib")[-1][0] != "hts"


def test_a_part_noun_before_of_right_after_the_verb_makes_the_claim_about_a_part():
    said = "DAESH holds around 60 percent of Deir e-Zzor the capital of the province."
    holds = mention(control="held", trigger="holds", sentence=said, trigger_start=said.index("holds"),
                    trigger_end=said.index("holds") + 5, actor1="Islamic State", side1="islamic_state",
                    place="Deir ez-Zor")
    assert [i.state for i in control_intervals([holds], described_days=0)] == ["divided"]
    whole = replace(holds, sentence="DAESH holds the city of Deir ez-Zor.")  # the whole (counter-example)
    assert [i.state for i in control_intervals([whole], described_days=0)] == ["controller"]


def test_the_first_holder_reported_after_a_loss_that_named_no_taker_took_it_at_the_loss():
    left = gov(control="loss", trigger="left", sentence="Government forces left Hama.", **day("2015-03-28"))
    held = state(mention_id="h", place_relation="in;held:opposition", **day("2016-09-10"))
    intervals = control_intervals([left, held], described_days=0)
    assert history(intervals) == [("government", "", "2015-03-28"), ("opposition", "2015-03-28", "")]
    # a capture dates itself: the days between stay unreported (counter-example)
    taken = mention(mention_id="c", **day("2016-09-10"))
    assert [c for c, *_ in history(control_intervals([left, taken], described_days=0))] == [
        "government", "unknown", "opposition"]


def test_a_description_in_recalled_history_is_left_out_as_held_py_leaves_it():
    said = "Aleppo has been ravaged by the war that began with protests in 2011 and has killed thousands."
    recap = mention(trigger="killed", control="", kind="strike", sentence=said, place="Aleppo", background=True,
                    place_relation="part:districts;held:government", date_start="2011-01-01",
                    date_end="2011-12-31", time_precision=4)
    assert control_intervals([recap]) == []
    # the same description in current news is a holding (counter-example)
    assert history(control_intervals([replace(recap, background=False)], described_days=0), "Aleppo")


def test_a_claim_about_a_neighbourhood_or_a_thing_of_the_city_is_about_a_part():
    said = "Troops repelled an offensive by rebels on a neighbourhood in the northern city of Aleppo."
    repelled = gov(control="hold", trigger="repelled", sentence=said, trigger_start=said.index("repelled"),
                   trigger_end=said.index("repelled") + 8, place="Aleppo")
    owned = "Rebels launched attacks in Aleppo capturing the city's Scientific Research Center."
    captured = mention(mention_id="c", trigger="capturing", sentence=owned, trigger_start=owned.index("capturing"),
                       trigger_end=owned.index("capturing") + 9, place="Aleppo")
    for claim in (repelled, captured):
        assert [i.state for i in control_intervals([claim], described_days=0)] == ["divided"]
    whole = replace(captured, sentence="Rebels captured the city of Aleppo.", trigger_start=7, trigger_end=15)
    assert [i.state for i in control_intervals([whole])] == ["controller"]  # the city itself (counter-example)


def test_a_description_of_the_goal_of_an_advance_is_a_front_that_lapses_after_a_week():
    said = "Rebels have been pushing towards the IS group stronghold of Hama in recent days."
    front = state(place_relation="in;held:islamic_state", sentence=said, trigger="stronghold",
                  trigger_start=said.index("stronghold"), trigger_end=said.index("stronghold") + 10)
    intervals = control_intervals([front], described_days=365)
    assert history(intervals) == [("islamic_state", "2016-03-27", "2016-04-03"), ("unknown", "2016-04-03", "")]
    # the same description without an advance on it holds the whole window (counter-example)
    calm = replace(front, sentence="Airstrikes hit the IS group stronghold of Hama in recent days.",
                   trigger_start=28, trigger_end=38)
    assert history(control_intervals([calm], described_days=365))[0][2] == "2017-03-27"


def test_a_quantity_of_parts_after_a_holding_verb_makes_the_claim_about_a_part():
    said = "Hama is almost entirely held by rebels but the regime still holds some districts."
    holds = gov(control="held", trigger="holds", sentence=said, trigger_start=said.index("holds"),
                trigger_end=said.index("holds") + 5)
    assert [i.state for i in control_intervals([holds], described_days=0)] == ["divided"]


def test_a_loss_after_a_lapse_to_no_report_says_the_loser_held_it_back_to_that_lapse():
    """"rebels evacuated Zabadani" a year and more after the last news of it: they held it until the
    evacuation, back to where the city's earlier state lapsed for want of news (not before)."""
    described = state(place_relation="in;held:opposition", **day("2015-07-21"))
    evacuated = mention(mention_id="e", trigger="evacuated", control="", kind="departure", actor1="", side1="",
                        place_relation="in;held:opposition", **day("2017-04-14"),
                        sentence="2,200 people were evacuated from opposition-held Hama.")
    assert history(control_intervals([described, evacuated], described_days=365)) == [
        ("opposition", "2015-07-21", "2016-07-20"), ("opposition", "2016-07-20", "2017-04-14"),
        ("government", "2017-04-14", "")]
    # a loss after a reported state ends it and adds no state before it (counter-example); after a state
    # told only by a description of the loser it adds none either, but says the loser held it as far back
    # as the loss alone says (open here: no report reaches further back; `_reach_back`)
    taken = gov(**day("2017-01-01"))
    lost = gov(mention_id="l", control="loss", trigger="lost control", **day("2017-03-01"))
    assert history(control_intervals([taken, lost], described_days=365)) == [
        ("government", "2017-01-01", "2017-03-01"), ("unknown", "2017-03-01", "")]
    held = state(place_relation="in;held:government", **day("2017-01-01"))
    assert history(control_intervals([held, lost], described_days=365)) == [
        ("government", "", "2017-03-01"), ("unknown", "2017-03-01", "")]


def test_a_town_coordinated_with_a_happenings_place_gets_the_happenings_claim():
    """held.py gives "evacuated from opposition-held Madaya and Zabadani" a state mention for Zabadani of
    kind "conjunct:<effect>": the control model reads it as the happening itself."""
    copy = mention(trigger="evacuated", control="held", kind="conjunct:", actor1="", side1="", place="Zabadani",
                   place_relation="in;held:opposition", **day("2017-04-14"))
    assert history(control_intervals([copy]), "Zabadani") == [("opposition", "", "2017-04-14"),
                                                             ("government", "2017-04-14", "")]


def test_a_place_named_as_an_end_of_a_road_is_not_where_the_happening_is():
    said = "Government troops repelled a counterattack on a key supply route linking Palmyra and Hama."
    road = gov(control="hold", trigger="repelled", sentence=said, trigger_start=said.index("repelled"),
               trigger_end=said.index("repelled") + 8)
    assert control_intervals([road]) == []
    # the army holding its lines in the city itself, between the words of the clash (counter-example)
    said = "Government troops repelled an attack between rebels and the army in Hama."
    held = replace(road, sentence=said, trigger_start=said.index("repelled"), trigger_end=said.index("repelled") + 8)
    assert history(control_intervals([held])) == [("government", "2016-03-27", "")]


def test_a_town_named_as_the_suburb_of_another_place_is_the_town_itself_not_its_outskirts():
    said = "This came a day after the Damascus suburb of Daraya was evacuated by rebels."
    evacuated = mention(trigger="evacuated", control="", kind="departure", place="Darayya", sentence=said,
                        place_relation="outskirts", **day("2016-08-27"))
    assert history(control_intervals([evacuated]), "Darayya") == [("opposition", "", "2016-08-27"),
                                                                 ("government", "2016-08-27", "")]
    # the suburbs of a town are around it (counter-example)
    around = replace(evacuated, sentence="Rebels evacuated the suburbs of Daraya.")
    assert control_intervals([around]) == []


def test_a_taking_back_from_a_side_says_that_side_held_the_city_before_it():
    said = "The army recaptured Palmyra from Islamic State on Sunday."
    back = gov(place="Palmyra", trigger="recaptured", sentence=said, trigger_start=said.index("recaptured"),
               trigger_end=said.index("recaptured") + 10, actor2="Islamic State", side2="islamic_state")
    assert history(control_intervals([back]), "Palmyra") == [("islamic_state", "", "2016-03-27"),
                                                            ("government", "2016-03-27", "")]
    # a capture that is no taking back names a party, not whom the city was taken from (counter-example)
    said = "The army captured Palmyra after clashes with Islamic State on Sunday."
    taken = replace(back, sentence=said, trigger="captured", trigger_start=said.index("captured"),
                    trigger_end=said.index("captured") + 8)
    assert history(control_intervals([taken]), "Palmyra") == [("government", "2016-03-27", "")]


def test_a_capture_by_a_taker_of_no_known_side_takes_the_described_place_from_its_holder():
    said = "Ahrar al-Sham leads the coalition that took control of the regime-held stronghold of Idlib in March."
    taken = mention(trigger="took control", control="", actor1="", side1="", sentence=said, place="Idlib",
                    place_relation="in;held:government", background=True, date_start="2015-03-01",
                    date_end="2015-03-31", time_precision=3, trigger_start=said.index("took"))
    assert history(control_intervals([taken], described_days=0), "Idlib") == [
        ("government", "", "2015-03-31"), ("unknown", "2015-03-31", "")]
    # entering the described town takes nothing: it is still the holder's (counter-example)
    entered = replace(taken, trigger="entered", background=False, sentence="Troops entered regime-held Idlib.",
                      trigger_start=7)
    assert history(control_intervals([entered], described_days=0), "Idlib")[0][0] == "government"


def test_a_place_named_after_the_by_of_a_passive_holding_is_not_what_is_held():
    said = "Fighters attacked Tel Abyad which is controlled by the YPG militia and the nearby town of Suluk."
    suluk = mention(trigger="controlled", control="held", kind="holding", actor1="People's Protection Units",
                    side1="sdf", sentence=said, place="Suluk", place_kind="town",
                    trigger_start=said.index("controlled"), trigger_end=said.index("controlled") + 10)
    assert control_intervals([suluk]) == []
    # the place before the verb is what is held (counter-example)
    said = "Suluk is controlled by the YPG militia."
    assert history(control_intervals([replace(suluk, sentence=said, trigger_start=9, trigger_end=19)]),
                   "Suluk") == [("sdf", "2016-03-27", "")]


def test_only_a_holding_verbs_by_phrase_names_who_holds_not_what_is_held():
    said = "A shell fired by regime troops hit a school in Jisreen."
    fired = mention(trigger="fired", control="held", kind="holding", actor1="", side1="", sentence=said,
                    place="Jisreen", place_kind="town", place_relation="in;held:opposition",
                    trigger_start=said.index("fired"), trigger_end=said.index("fired") + 5)
    assert history(control_intervals([fired], described_days=0), "Jisreen")[0][0] == "opposition"
    # a holding verb's "by" phrase is who holds (counter-example)
    said = "Rebels attacked Hama which is held by the army and the town of Jisreen."
    held = replace(fired, trigger="held", sentence=said, trigger_start=said.index("held"),
                   trigger_end=said.index("held") + 4)
    assert history(control_intervals([held], described_days=0), "Jisreen") == []


def test_a_district_written_with_its_own_pocket_noun_is_the_district_itself():
    said = "Rebel fire on the regime-controlled district of Hamdaniyeh killed 13 people on Sunday."
    held = state(place="Hamdaniyeh", place_kind="town", place_relation="around:district;held:government",
                 sentence=said, trigger="killed", trigger_start=said.index("killed"),
                 trigger_end=said.index("killed") + 6)
    assert history(control_intervals([held], described_days=365), "Hamdaniyeh") == [
        ("government", "2016-03-27", "2017-03-27"), ("unknown", "2017-03-27", "")]
    said = "Regime forces were attacking the opposition-controlled Qabun neighborhood on Sunday."
    named = replace(held, place="Qaboun", place_relation="around:neighborhood;held:opposition", sentence=said)
    assert history(control_intervals([named], described_days=365), "Qaboun")[0][0] == "opposition"
    # the same noun naming a pocket of ANOTHER place leaves that place alone (counter-examples): the
    # name it takes is not the mention's place, or is no district of a city in the gazetteer
    said = "Government forces recaptured the Qaboun neighborhood of Damascus on Sunday."
    pocket = gov(place="Damascus", place_relation="around:neighborhood", sentence=said,
                 trigger="recaptured", trigger_start=said.index("recaptured"),
                 trigger_end=said.index("recaptured") + 10)
    assert control_intervals([pocket]) == []
    said = "Rebels seized a district of Aleppo on Sunday."
    assert control_intervals([replace(pocket, place="Aleppo", sentence=said, trigger="seized",
                                      trigger_start=7, trigger_end=13, **{"side1": "opposition"})]) == []


def _attack(said: str, **fields) -> Mention:
    return gov(sentence=said, trigger="attacking", trigger_start=said.index("attacking"),
               trigger_end=said.index("attacking") + 9, event_type="Battles", sub_event_type="Armed clash",
               control="", kind="clash", place="Qaboun", place_kind="town", **fields)


def test_an_attack_in_a_place_by_another_side_than_its_holder_puts_the_holding_at_stake():
    said = "The rebels control almost all of Qabun on Monday."
    hold = mention(place="Qaboun", place_kind="town", control="held", kind="holding", trigger="control",
                   sentence=said, trigger_start=11, trigger_end=18, **day("2017-04-03"))
    later = mention(place="Hama", **day("2024-12-05"))  # the reports go on to 2024
    attack = _attack("Regime forces were attacking the opposition-controlled Qaboun neighborhood on Friday.",
                     place_relation="around:neighborhood", **day("2017-04-28"))
    assert history(control_intervals([hold, attack, later]), "Qaboun") == [
        ("opposition", "2017-04-03", "2017-05-05"), ("unknown", "2017-05-05", "")]
    # without the attack the holding is carried five years (counter-example), and so it is after an
    # attack by its holder, a strike, or one in a part of the place only (counter-examples)
    calm = history(control_intervals([hold, later]), "Qaboun")
    assert calm[0] == ("opposition", "2017-04-03", "2022-04-02")
    by_holder = replace(attack, actor1="Syrian opposition", side1="opposition")
    strike = replace(attack, sub_event_type="Air/drone strike", kind="strike")
    in_part = replace(attack, place_relation="part:areas", sentence="Regime forces are attacking rural areas in Qabun.",
                      trigger_start=24, trigger_end=33)
    for other in (by_holder, strike, in_part):
        assert history(control_intervals([hold, other, later]), "Qaboun") == calm


def test_a_district_state_yields_to_a_later_state_of_its_whole_city():
    said = "Air strikes hit the opposition-held al-Qaterji neighbourhood of Aleppo on Wednesday."
    district = state(place="Qaterji", place_kind="town", place_relation="in;held:opposition", sentence=said,
                     **day("2016-09-21"))
    said = "The army recaptured Aleppo on Thursday."
    whole = gov(place="Aleppo", place_kind="city", sentence=said, trigger="recaptured", trigger_start=9,
                trigger_end=19, **day("2016-12-22"))
    assert history(control_intervals([district, whole], described_days=365), "Qaterji") == [
        ("opposition", "2016-09-21", "2016-12-22"), ("unknown", "2016-12-22", "")]
    # a town is no district of the city (counter-example): its own description holds its window
    town = replace(district, place="Khan Tuman", sentence="Air strikes hit opposition-held Khan Tuman on Wednesday.")
    assert history(control_intervals([town, whole], described_days=365), "Khan Tuman") == [
        ("opposition", "2016-09-21", "2017-09-21"), ("unknown", "2017-09-21", "")]
    # nor does the city's state before the district's last claim, or one of the same side, end it
    held = replace(whole, control="held", kind="holding", trigger="held", actor1="", side1="",
                   place_relation="in;held:opposition", **day("2016-12-22"))
    assert history(control_intervals([district, held], described_days=365), "Qaterji")[0] == (
        "opposition", "2016-09-21", "2017-09-21")


def test_a_district_whose_holder_loses_its_whole_city_falls_with_it_and_follows_the_city():
    east = state(place="Aleppo", place_kind="city", place_relation="part:east;held:opposition",
                 sentence="Jets bombed rebel-held eastern Aleppo on Monday.", **day("2016-09-01"))
    said = "Air strikes hit the opposition-held al-Qaterji neighbourhood of Aleppo on Wednesday."
    district = state(place="Qaterji", place_kind="town", place_relation="in;held:opposition", sentence=said,
                     **day("2016-09-21"))
    whole = gov(place="Aleppo", place_kind="city", sentence="The army recaptured Aleppo on Thursday.",
                trigger="recaptured", trigger_start=9, trigger_end=19, **day("2016-12-22"))
    again = replace(whole, actor1="Syrian opposition", side1="opposition", **day("2024-12-05"))
    intervals = control_intervals([east, district, whole, again], described_days=365)
    # (the description carried back to the first report, 2016-09-01: `_held_before`)
    assert history(intervals, "Qaterji") == [("opposition", "2016-09-01", "2016-12-22"),
                                             ("government", "2016-12-22", "2021-12-21"),
                                             ("unknown", "2021-12-21", "2024-12-05"),
                                             ("opposition", "2024-12-05", "")]
    assert status_at(intervals, "Qaterji", "2017-04-02").actor_detail == "with its city: Aleppo"
    # a district of a side that did not hold the city or a part of it did not lose it (counter-example)
    kurdish = replace(district, place="Sheikh Maqsoud", place_relation="in;held:sdf",
                      sentence="Shells hit the YPG-held Sheikh Maqsoud neighbourhood on Wednesday.")
    assert history(control_intervals([east, kurdish, whole], described_days=365), "Sheikh Maqsoud") == [
        ("sdf", "2016-09-01", "2016-12-22"), ("unknown", "2016-12-22", "")]


def test_a_district_no_claim_is_about_is_held_by_whoever_holds_its_whole_city():
    """"Regime helicopters struck the Shaar neighbourhood" (no holder told) and "the army recaptured
    Aleppo": Shaar, a district of Aleppo (the gazetteer's part_of), is the government's while the
    government holds the whole city; nothing while the city is divided (counter-example), and a town
    that is no district of the city gets nothing from it (counter-example)."""
    struck = gov(control="", kind="strike", trigger="struck", place="Shaar", place_kind="town",
                 sentence="Regime helicopters struck the Shaar neighbourhood.", **day("2016-06-08"))
    whole = gov(mention_id="w", place="Aleppo", place_kind="city", sentence="The army recaptured Aleppo.",
                trigger="recaptured", trigger_start=9, trigger_end=19, **day("2016-12-22"))
    intervals = control_intervals([struck, whole], described_days=365)
    assert status_at(intervals, "Shaar", "2017-04-02").controller == "government"
    assert status_at(intervals, "Shaar", "2017-04-02").actor_detail == "with its city: Aleppo"
    east = state(mention_id="e", place="Aleppo", place_kind="city", place_relation="part:east;held:opposition",
                 **day("2016-09-01"))
    west = state(mention_id="x", place="Aleppo", place_kind="city", place_relation="part:west;held:government",
                 **day("2016-09-01"))
    assert status_at(control_intervals([struck, east, west], described_days=365), "Shaar", "2016-10-01") is None
    town = replace(struck, place="Atareb")
    assert history(control_intervals([town, whole], described_days=365), "Atareb") == []

def test_a_district_whose_state_lapses_while_its_city_is_held_by_the_same_side_follows_the_city():
    said = "Rebel fire on the regime-controlled district of Hamdaniyeh killed 13 people on Sunday."
    district = state(place="Hamdaniyeh", place_kind="town", place_relation="in;held:government", sentence=said,
                     **day("2016-08-10"))
    whole = state(place="Aleppo", place_kind="city", place_relation="in;held:government",
                  sentence="Buses left for government-held Aleppo on Saturday.", **day("2017-04-15"))
    later = mention(place="Hama", **day("2024-12-05"))  # the reports go on
    assert history(control_intervals([district, whole, later], described_days=365), "Hamdaniyeh") == [
        ("government", "2016-08-10", "2017-08-10"), ("government", "2017-08-10", "2018-04-15"),
        ("unknown", "2018-04-15", "")]
    # not a district whose state an attack put at stake: its outcome is not known (counter-example)
    said = "Regime forces were attacking the opposition-controlled Qaboun neighbourhood on Friday."
    qaboun = state(place="Qaboun", place_kind="town", place_relation="in;held:opposition", sentence=said,
                   **day("2017-04-28"))
    attack = _attack(said, **day("2017-04-28"))
    damascus = state(place="Damascus", place_kind="city", place_relation="in;held:opposition",
                     sentence="Rebels hold Damascus.", **day("2017-04-01"))
    assert history(control_intervals([qaboun, attack, damascus, later], described_days=365), "Qaboun") == [
        ("opposition", "2017-04-01", "2017-05-05"), ("unknown", "2017-05-05", "")]  # back to the first report


def _described_qaboun(said: str, holder: str, on: str) -> tuple[Mention, Mention]:
    """Qaboun described as `holder`'s in `said` on day `on`, and a report of 2024 elsewhere (the reports
    go on past any window)."""
    return (state(place="Qaboun", place_kind="town", place_relation=f"in;held:{holder}", sentence=said, **day(on)),
            mention(place="Hama", **day("2024-12-05")))


def test_an_attack_the_holder_is_reported_repelling_puts_nothing_at_stake():
    said = "The hardline fighters attacked Qabun which is controlled by rebels on Saturday."
    hold, later = _described_qaboun(said, "opposition", "2016-02-27")
    attack = _attack(said.replace("attacked", "attacking"), actor1="Islamic State", side1="islamic_state",
                     **day("2016-02-27"))
    assert history(control_intervals([hold, attack, later], described_days=365), "Qaboun") == [
        ("opposition", "2016-02-27", "2016-03-05"), ("unknown", "2016-03-05", "")]
    said = "Xelil said the rebels crushed this attack."
    repelled = replace(attack, sentence=said, trigger="crushed", trigger_start=said.index("crushed"),
                       trigger_end=said.index("crushed") + 7, actor1="Syrian opposition", side1="opposition",
                       polarity="hedged")
    assert history(control_intervals([hold, attack, repelled, later], described_days=365), "Qaboun")[0] == (
        "opposition", "2016-02-27", "2017-02-26")


def test_a_siege_by_another_side_is_no_attack_in_the_place():
    said = "Rebels encircled the government-held town of Qabun on Monday."
    hold, later = _described_qaboun(said, "government", "2016-02-29")
    siege = _attack(said.replace("encircled", "attacking"), actor1="Syrian opposition", side1="opposition",
                    **day("2016-02-29"))
    siege = replace(siege, sentence=said, trigger="encircled", trigger_start=7, trigger_end=16)
    assert history(control_intervals([hold, siege, later], described_days=365), "Qaboun")[0] == (
        "government", "2016-02-29", "2017-02-28")
    # an attack in it is (counter-example)
    stormed = replace(siege, sentence=said.replace("encircled", "attacking"), trigger="attacking", trigger_end=16)
    assert history(control_intervals([hold, stormed, later], described_days=365), "Qaboun")[0] == (
        "government", "2016-02-29", "2016-03-07")


def test_moving_into_a_city_is_entering_it_not_holding_it():
    # words.tsv entry_words push march advance roll: "pushed into", "marched into", "advanced into",
    # "rolled into" are evidence only; "swept into", like "swept through", is a takeover
    for trigger in ("pushed into", "marched into", "advanced into", "rolled into"):
        entering = mention(trigger=trigger, sentence=f"Rebels {trigger} Hama.")
        assert control_intervals([entering]) == [], trigger
    swept = mention(trigger="swept into", sentence="Rebels swept into Hama.")
    assert history(control_intervals([swept])) == [("opposition", "2016-03-27", "")]


def test_a_change_of_hands_told_as_a_state_is_read_as_that_change():
    """"The city of Sweida was no longer under government control": a state mention (control "held", no
    event of its own) of kind "stated:loss" is the government's loss, as a withdrawal would be; a holding
    of that side told the same way ("held", kind "holding") is no loss (counter-example)."""
    stated = gov(trigger="was", control="held", kind="stated:loss",
                 sentence="The city of Hama was no longer under government control.")
    assert history(control_intervals([stated])) == [("government", "", "2016-03-27"), ("unknown", "2016-03-27", "")]
    holding = replace(stated, kind="holding")
    assert history(control_intervals([holding])) == [("government", "2016-03-27", "")]


def test_a_loss_told_with_no_loser_but_with_who_it_went_to_is_that_sides_gain():
    """"Hama was lost to the rebels on Thursday": a loss (its kind a loss's, triggers.tsv) with no loser
    named, so no control effect, but the side it went to (actor2) is that side's gain; "Hama was lost"
    names no taker and tells nothing (counter-example)."""
    lost_to = mention(trigger="lost", control="", kind="withdrawal", actor1="", side1="",
                      actor2="Syrian opposition", side2="opposition", sentence="Hama was lost to the rebels.")
    assert history(control_intervals([lost_to])) == [("opposition", "2016-03-27", "")]
    assert control_intervals([replace(lost_to, actor2="", side2="")]) == []


def _homs_held(sentence: str, trigger: str, published: str = "2024-12-07") -> Mention:
    """A holding told with no date of its own: dated by its publication (a week before it, at most)."""
    return gov(mention_id=f"h:{sentence[:12]}", article_id="h", control="held", kind="holding", trigger=trigger,
               sentence=sentence, trigger_start=sentence.index(trigger), place="Homs", published=published,
               date_start="2024-12-01", date_end=published, time_precision=2, date_source="publication date",
               timex_start=-1, timex_end=-1)


def _homs_taken(published: str, **fields) -> Mention:
    return mention(mention_id="t:0:0", article_id="t", sentence="Rebels said they had captured Homs.",
                   place="Homs", published=published, **fields)


def test_a_holding_told_as_going_on_from_before_says_its_holder_held_the_city_before():
    still = _homs_held("Government forces were still holding Homs, state media said.", "holding")
    remains = _homs_held("Homs remains in government hands.", "hands")
    taken = _homs_taken("2024-12-09", **day("2024-12-08"))
    for held in (still, remains):
        intervals = control_intervals([held, taken])
        assert status_at(intervals, "Homs", "2024-12-03").controller == "government", held.sentence
        assert status_at(intervals, "Homs", "2024-12-08").controller == "opposition"
    # counter-example: a holding with no continuity word says nothing of the days before it
    held = _homs_held("Government forces held Homs, state media said.", "held")
    assert status_at(control_intervals([held, taken]), "Homs", "2024-12-03") is None


def test_a_change_of_hands_known_by_a_day_comes_after_a_holding_of_a_day_inside_its_span():
    # "they had captured Homs", told on Sunday: by Sunday; the army still held it on Saturday
    still = _homs_held("Government forces were still holding Homs, state media said.", "holding")
    taken = _homs_taken("2024-12-08", date_start="2024-12-02", date_end="2024-12-08", time_precision=2,
                        date_source="publication date", timex_start=-1, timex_end=-1)
    intervals = control_intervals([still, taken])
    assert status_at(intervals, "Homs", "2024-12-07").controller == "government"
    assert status_at(intervals, "Homs", "2024-12-08").controller == "opposition"
    assert "contested" not in {i.controller for i in intervals}
    # counter-example: a capture told of the very day the army is said to hold the city is a contest
    same_day = _homs_taken("2024-12-08", **day("2024-12-07"))
    assert status_at(control_intervals([still, same_day]), "Homs", "2024-12-07").controller == "contested"


def test_a_gain_verb_whose_object_is_men_or_materiel_takes_no_ground():
    def taken(sentence: str) -> Mention:
        verb = "captured" if "captured" in sentence else "seized"
        return mention(sentence=sentence, trigger=verb, trigger_start=sentence.index(verb),
                       trigger_end=sentence.index(verb) + len(verb))
    assert control_intervals([taken("Rebels captured ten soldiers in Hama on Sunday.")]) == []
    assert control_intervals([taken("Rebels seized dozens of weapons in Hama on Sunday.")]) == []
    # counter-example: the town is the object; the men after "from" are whom it was taken from
    assert history(control_intervals([taken("Rebels captured Hama from government troops on Sunday.")])) == [
        ("opposition", "2016-03-27", "")]


def test_forces_moved_outside_the_city_a_report_is_about_left_it():
    said = "The army said it had redeployed its troops outside the city to protect civilians."
    outside = gov(control="hold", kind="deployment", trigger="redeployed", sentence=said,
                  trigger_start=said.index("redeployed"), trigger_end=said.index("redeployed") + 10,
                  place_relation="near")
    assert history(control_intervals([outside])) == [("government", "", "2016-03-27"), ("unknown", "2016-03-27", "")]
    # counter-example: redeployed near the city stays around it (evidence only)
    near = "The army said it had redeployed its troops near the city."
    assert control_intervals([replace(outside, sentence=near)]) == []


def test_a_holding_told_as_going_on_holds_on_after_its_day_too():
    """"Government forces were still holding Homs" with nothing before it: the government held Homs
    before that day (`_continuing`) and holds it on and after it until a later claim, as any holding
    does; a later capture ends it (counter-example)."""
    still = _homs_held("Government forces were still holding Homs, state media said.", "holding")
    intervals = control_intervals([still], described_days=365)
    assert status_at(intervals, "Homs", "2024-12-03").controller == "government"
    assert status_at(intervals, "Homs", "2024-12-09").controller == "government"
    taken = _homs_taken("2024-12-09", **day("2024-12-08"))
    assert status_at(control_intervals([still, taken], described_days=365), "Homs", "2024-12-09").controller \
        == "opposition"


def test_a_description_with_nothing_before_it_holds_as_long_before_it_as_after_it():
    """"Air strikes on the rebel-held town of Atareb" on 29 July 2016, the first word of the town: a
    holding told in passing is a standing state, which the model carries `described_days` after its
    last report; with nothing known before it, it held as long before it, but not before the first day
    any report speaks of (`dawn`). Not further back than the window, not over a state reported before
    it, and not when descriptions never lapse (`described_days` 0) (counter-examples)."""
    said = "Air strikes hit the rebel-held town of Atareb on Friday."
    described = state(place="Atareb", place_kind="town", place_relation="in;held:opposition", sentence=said,
                      **day("2016-07-29"))
    early = mention(mention_id="e", place="Hama", **day("2012-01-01"))  # the reports reach back to 2012
    intervals = control_intervals([early, described], described_days=365)
    assert status_at(intervals, "Atareb", "2016-03-01").controller == "opposition"
    assert status_at(intervals, "Atareb", "2015-06-01") is None
    taken = gov(mention_id="g", place="Atareb", **day("2016-05-01"))
    assert status_at(control_intervals([early, taken, described], described_days=365), "Atareb",
                     "2016-06-01").controller == "government"
    assert status_at(control_intervals([early, described], described_days=0), "Atareb", "2016-03-01") is None


def test_a_holding_told_as_going_on_since_a_date_held_the_city_from_then():
    """"Eastern Ghouta has been under a government siege since 2012", told in 2017: the besieged side held
    it from 2012 (by its last day) on, not only a year before the report as a description alone says.
    Not over a state reported before it (counter-example: the government's capture of 2014 stands), and
    not without "since" (counter-example: a description alone reaches back a year)."""
    said = "Eastern Ghouta has been under a government siege since 2012, activists said."
    since = state(place="Eastern Ghouta", place_kind="region", place_relation="in;held:opposition", sentence=said,
                  trigger="siege", trigger_start=said.index("siege"), published="2017-04-03",
                  date_start="2012-01-01", date_end="2012-12-31", time_precision=4, timex_value="2012",
                  timex_start=said.index("2012"), timex_end=said.index("2012") + 4)
    early = mention(mention_id="e", place="Hama", **day("2012-01-01"))  # the reports reach back to 2012
    intervals = control_intervals([early, since], described_days=365)
    assert status_at(intervals, "Eastern Ghouta", "2013-08-06").controller == "opposition"
    assert status_at(intervals, "Eastern Ghouta", "2012-06-01") is None
    taken = gov(mention_id="g", place="Eastern Ghouta", place_kind="region", **day("2014-03-01"))
    assert status_at(control_intervals([early, taken, since], described_days=365), "Eastern Ghouta",
                     "2014-06-01").controller == "government"
    alone = replace(since, sentence=said.replace("since 2012", "on Monday"), timex_start=-1, timex_end=-1,
                    date_start="2017-04-03", date_end="2017-04-03", date_source="publication date")
    assert status_at(control_intervals([early, alone], described_days=365), "Eastern Ghouta", "2013-08-06") is None


def test_a_loss_after_a_description_of_the_loser_says_it_held_the_city_as_far_back_as_a_loss_alone():
    """"opposition-held Hama" in January, then "rebels withdrew from Hama" in August: the loss says the
    rebels held it back to five years before it, as a loss with nothing before it says; the description
    in between (held a year back only) does not shorten that. Not over a state reported before it
    (counter-example: the government's capture of 2014 stands)."""
    described = state(place_relation="in;held:opposition", **day("2016-01-06"))
    left = mention(mention_id="l", control="loss", trigger="withdrew", **day("2016-08-29"))
    early = mention(mention_id="e", place="Homs", **day("2012-01-01"))
    intervals = control_intervals([early, described, left], described_days=365)
    assert status_at(intervals, "Hama", "2013-08-06").controller == "opposition"
    assert status_at(control_intervals([early, left], described_days=365), "Hama", "2013-08-06").controller \
        == "opposition"  # the loss alone says as much
    taken = gov(mention_id="g", **day("2014-03-01"))
    intervals = control_intervals([early, taken, described, left], described_days=365)
    assert status_at(intervals, "Hama", "2014-06-01").controller == "government"
def test_a_division_told_by_a_described_part_with_nothing_before_it_holds_as_long_before_it():
    """"IS attacked several southern neighbourhoods held by government troops" in the city on 5 July 2015,
    its first word of the city: a part held by one side is a standing division, as a description of the
    whole city is (the test above): with nothing known before it, divided as long before it as the model
    carries it after it, not before the first report. A part taken (a gain: a change, no standing state)
    says nothing of the days before it (counter-example)."""
    said = "IS attacked several southern neighbourhoods held by government troops."
    part = state(place_relation="part:southern;held:government", sentence=said, **day("2015-07-05"))
    early = mention(mention_id="e", place="Homs", **day("2012-01-01"))
    intervals = control_intervals([early, part], described_days=365)
    assert status_at(intervals, "Hama", "2015-03-01").state == "divided"
    assert status_at(intervals, "Hama", "2014-06-01") is None
    taken = gov(mention_id="t", place_relation="part:southern", **day("2015-07-05"))
    assert status_at(control_intervals([early, taken], described_days=365), "Hama", "2015-03-01") is None


def test_a_region_held_as_one_place_has_a_history_a_province_does_not():
    """"the besieged rebel-held Eastern Ghouta area": a region of the lexicon or the gazetteer (an enclave,
    a district of towns) is held as a city is; a province ("rebel-held Idlib province") is many places,
    whose holders the model reads town by town (counter-example)."""
    said = "Regime forces shelled the rebel-held Eastern Ghouta area on Monday."
    ghouta = state(place="Eastern Ghouta", place_kind="region", place_relation="in;held:opposition", sentence=said)
    assert status_at(control_intervals([ghouta]), "Eastern Ghouta", "2016-03-28").controller == "opposition"
    province = replace(ghouta, place="Idlib Governorate", place_kind="province")
    assert control_intervals([province]) == []


def _entering(sentence: str) -> Mention:
    return mention(trigger="entered", sentence=sentence, sentence_end=len(sentence),
                   trigger_start=sentence.index("entered"), trigger_end=sentence.index("entered") + len("entered"))


def test_entering_a_city_as_another_side_leaves_it_is_taking_it():
    # the departure in a clause "after", "as", "once" or "when" opens (irregular pasts too: withdrew, left)
    for sentence in ("Rebels entered Hama on Sunday after the Kurdish-led Syrian Democratic Forces withdrew.",
                     "Rebels entered Hama as government troops pulled out of the city.",
                     "Rebels entered Hama once the army had left.",
                     "Rebels entered Hama on Saturday night, after the withdrawal of the Assad militias."):
        assert history(control_intervals([_entering(sentence)])) == [("opposition", "2016-03-27", "")], sentence
    # counter-examples: an entering alone, or after something other than a departure
    for sentence in ("Rebels entered Hama on Sunday.", "Rebels entered Hama after a night of shelling.",
                     "Rebels entered Hama after they had left Idlib earlier in the war and regrouped in the north."):
        assert control_intervals([_entering(sentence)]) == [], sentence


def test_a_change_of_hands_recalled_with_its_calendar_day_counts_a_weekday_recalled_does_not():
    # "Aleppo fell to the rebels on November 30", in a review of 14 December: background, kept
    recalled = dict(background=True, published="2016-04-14", date_source="timex in clause")
    by_day = mention(rule="month_day", date_text="March 27", **recalled)
    assert history(control_intervals([by_day])) == [("opposition", "2016-03-27", "")]
    # counter-example: a recap dated by a weekday may have been resolved from the wrong week
    assert control_intervals([mention(rule="weekday", **recalled)]) == []


def test_coalition_partners_told_taking_a_city_one_after_the_other_do_not_take_it_from_each_other():
    rebels = mention(place="Saraqib", **day("2024-11-29"))
    hts = mention(mention_id="h", article_id="b", source="Outlet B", place="Saraqib", actor1="Hayat Tahrir al-Sham",
                  side1="hts", sentence="HTS and the factions took control of Saraqib.", **day("2024-11-30"))
    assert [c for c, *_ in history(control_intervals([rebels, hts]), "Saraqib")] == ["opposition"]
    # the same days, the coalition's gain under its common name (not "contested")
    both = replace(hts, **day("2024-11-29"))
    assert [c for c, *_ in history(control_intervals([rebels, both]), "Saraqib")] == ["opposition"]
    # counter-example: HTS taking the city from a partner it fought is a change of hands
    from_ahrar = replace(hts, actor2="Ahrar al-Sham", side2="opposition",
                         sentence="HTS seized Saraqib from Ahrar al-Sham.")
    assert [c for c, *_ in history(control_intervals([rebels, from_ahrar]), "Saraqib")] == ["opposition", "hts"]


def test_a_holding_known_within_a_span_came_before_the_change_of_a_day_inside_it():
    # "A week ago the army still held all of Aleppo" (told on 5 Dec: 25 Nov - 1 Dec) and "rebels took
    # Aleppo on Saturday" (30 Nov): the holding came first, no contest
    held = gov(mention_id="w", control="held", kind="holding", trigger="held", place="Aleppo",
               date_start="2024-11-25", date_end="2024-12-01", time_precision=2, published="2024-12-05")
    taken = mention(place="Aleppo", published="2024-12-01", **day("2024-11-30"))
    assert [(c, t) for c, _, t in history(control_intervals([held, taken]), "Aleppo")] == [
        ("government", "2024-11-30"), ("opposition", "")]
    # counter-example: a holding of that very day by the side that loses it is a contest
    same_day = replace(held, date_start="2024-11-30", date_end="2024-11-30", time_precision=1)
    assert "contested" in [c for c, *_ in history(control_intervals([same_day, taken]), "Aleppo")]
