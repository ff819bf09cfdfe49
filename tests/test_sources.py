"""Independent origins: reports passed on from one outlet (credited, re-posted, or the outlet's own
copy) count as one origin; background mentions make events of their own."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from lib.corpus import Article
from lib.extract import origins
from lib.extract.articles import analyse
from lib.extract.events import consolidate, kinds_counted_as
from lib.extract.lexicon import actors
from lib.model import Mention

if "background" in Mention.columns():
    Report = Mention
else:  # until mentions carry it (lib/extract/mentions/dating.py decides it)
    @dataclass(frozen=True)
    class Report(Mention):
        background: bool = False


def report(**fields) -> Mention:
    base = dict(mention_id="a:0:0", article_id="a", source="Outlet A", published="2024-12-06",
                sentence_start=0, sentence_end=10, sentence="Iran began evacuating its commanders from Syria.",
                trigger="evacuating", trigger_start=11, trigger_end=21, event_type="Strategic developments",
                sub_event_type="Other", control="", many_parties=False, kind="departure", actor1="Iran",
                actor2="", side1="foreign_state", side2="", place="Syria", place_known=True,
                place_kind="country", admin1="", latitude=35.0, longitude=38.5, date_start="2024-12-06",
                date_end="2024-12-06", time_precision=1, date_text="Friday", timex_value="2024-12-06",
                timex_start=0, timex_end=0, date_source="timex in clause", anchor="DCT", rule="weekday",
                attribution="", polarity="asserted", fatalities=None)
    base.update(fields)
    return Report(**base)


@pytest.fixture(scope="module")
def nlp():
    from lib.extract.spacy_pipeline import load_pipeline
    return load_pipeline()


OUTLETS = {a.name for a in actors().values() if a.kind == "outlet"}


@pytest.mark.parametrize("example", origins.credit_examples())
def test_every_credit_example_names_an_outlet(example):
    assert origins.credited_outlet(example) in OUTLETS


@pytest.mark.parametrize("sentence", [
    "The group's leader said in an interview with The New York Times this week that his goal was clear.",
    "Iran began evacuating its commanders from Syria on Friday, according to regional officials.",
    "Rebels reached the outskirts of Homs, the sana city council said.",  # an acronym only in capitals
])
def test_an_outlet_merely_named_is_no_credit(sentence):
    assert origins.credited_outlet(sentence) is None


def test_credits_without_apostrophes_as_fakes_writes_them():
    assert origins.credited_outlet("The army retook the town Reuters report said") == "Reuters"


@pytest.mark.parametrize("source, outlet", [
    ("The New York Times (re-posted, machine-translated copy)", "The New York Times"),
    ("Reuters", "Reuters"),
    ("sana", "SANA"),  # a source field is a name: an acronym in lower case is still the outlet
    ("unknown (a Turkish English-language outlet, by its style)", None),
])
def test_the_outlet_an_article_source_names(source, outlet):
    assert origins.outlet_of_source(source) == outlet


def test_a_reposted_sentence_traces_to_the_earlier_article():
    first = report(sentence="Iran began evacuating its commanders and military personnel from Syria on "
                            "Friday, according to regional officials.")
    copy = report(mention_id="b:0:0", article_id="b", source="Blog B", published="2024-12-07",
                  sentence="Iran began evacuating its commanders and military personnel from Syria on "
                           "Friday, according to regional officials and three Iranian officials.")
    other = report(mention_id="c:0:0", article_id="c", source="Outlet C",
                   sentence="Iranian diplomats left Damascus for Beirut overnight, a witness said.")
    assert origins.near_duplicates([copy, first, other]) == {"b:0:0": "a:0:0"}
    (event,) = consolidate([first, copy, other])
    assert (event.n_sources, event.n_origins, event.origins) == (3, 2, "Outlet A; Outlet C")


def test_reports_crediting_one_outlet_are_one_origin():
    own = report(source="The New York Times")
    cited = report(mention_id="b:0:0", article_id="b", source="Newsweek",
                   sentence="The New York Times reports that Iran has begun withdrawing its troops from Syria.")
    also = report(mention_id="c:0:0", article_id="c", source="Some Blog",
                  sentence="Iran has begun evacuating commanders, according to The New York Times.")
    independent = report(mention_id="d:0:0", article_id="d", source="Reuters",
                         sentence="Iran evacuated its officers from Syria, three officials told this agency.")
    (event,) = consolidate([own, cited, also, independent])
    assert (event.n_sources, event.n_origins, event.origins) == (4, 2, "Reuters; The New York Times")


def test_an_article_crediting_an_outlet_owes_it_its_other_sentences_on_the_happening():
    credited = report(mention_id="b:0:0", article_id="b", source="Blog",
                      sentence="Iran has begun evacuating its commanders, according to The New York Times.")
    more = report(mention_id="b:90:95", article_id="b", source="Blog", sentence_start=90,
                  sentence="Evacuations reportedly started Friday.", actor1="")
    (event,) = consolidate([credited, more])
    assert event.origins == "The New York Times"


def test_background_is_never_merged_with_current_reports():
    now = report(control="gain", kind="capture", event_type="Battles",
                 sub_event_type="Non-state actor overtakes territory", place="Homs", actor1="Syrian opposition")
    past = replace(now, mention_id="b:0:0", article_id="b", background=True,
                   sentence="Early in the civil war, parts of Homs fell to the rebels.")
    events = consolidate([now, past])
    assert sorted(e.background for e in events) == [False, True]
    assert all(e.n_sources == 1 for e in events)


def test_a_mention_without_actor_joins_an_actors_event_only_at_its_place():
    iran = report()
    elsewhere = report(mention_id="b:0:0", article_id="b", actor1="", place="Sweida", place_kind="city",
                       sentence="Thousands fled Sweida on Friday.")
    assert len(consolidate([iran, elsewhere])) == 2
    here = replace(elsewhere, place="Syria", place_kind="country")
    assert len(consolidate([iran, here])) == 1


@pytest.mark.parametrize("kind, counts_as", sorted(kinds_counted_as().items()))
def test_kinds_that_are_one_happening_without_a_change_of_hands(nlp, kind, counts_as):
    from pathlib import Path
    from lib.extract.lexicon import lexicon_dir
    rows = [line.split("\t") for line in (Path(lexicon_dir()) / "kinds.tsv").read_text().splitlines()
            if line and not line.startswith("#")]
    example = next(row[2] for row in rows if row[0] == kind)
    articles = [Article(f"k{i}", "", f"Outlet {i}", "", "2024-12-06", "metadata", text.strip())
                for i, text in enumerate(example.split(" | "))]
    mentions = [m for _, _, found in analyse(articles, nlp) for m in found]
    assert {m.kind for m in mentions} == {kind, counts_as}
    (event,) = consolidate(mentions)
    assert event.n_sources == 2


def test_irans_evacuation_in_the_seeds_is_one_event_of_five_reports_and_one_origin(nlp):
    from lib.bench.seeds import seed_articles
    mentions = [m for _, _, found in analyse(seed_articles(), nlp) for m in found]
    evacuations = [e for e in consolidate(mentions) if e.actor1 == "Iran" and "evacuat" in e.evidence]
    assert [(e.n_sources, e.n_origins, e.origins) for e in evacuations] == [(5, 1, "The New York Times")]


def test_events_csv_carries_reports_and_origins():
    import pandas as pd
    from lib.export import to_csv_bytes
    own = report(source="The New York Times")
    cited = report(mention_id="b:0:0", article_id="b", source="Newsweek",
                   sentence="The New York Times reports that Iran has begun withdrawing its troops from Syria.")
    frame = pd.DataFrame([e.to_row() for e in consolidate([own, cited])])
    header, row = to_csv_bytes(frame).decode("utf-8-sig").splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(",")))
    assert (columns["n_sources"], columns["n_origins"], columns["origins"], columns["background"]) == (
        "2", "1", "The New York Times", "False")


def _credited_by_the_patterns_alone(sentence: str) -> str | None:
    """The credit rule with only the test of an outlet's longest word before the patterns."""
    outlets = origins._Outlets()
    if not any(key in sentence.lower() for key in outlets.keys) or not outlets.outlet.search(sentence):
        return None
    for pattern in outlets.credits:
        if found := pattern.search(sentence):
            return outlets.names.get(origins.lexicon.normalise(found.group("outlet")))
    return None


@pytest.mark.parametrize("change", [str, str.upper, str.lower, lambda s: s.replace("s", "ſ"),
                                    lambda s: s.replace("i", "ı"), lambda s: s.replace("-", " ") + " é"])
def test_the_substring_tests_drop_no_credit(change):
    """Every word of an alias tested as a substring of an ASCII sentence keeps every credit the
    patterns find after the longest word's test, in any case and with Unicode's case equivalences."""
    for example in origins.credit_examples() + ["Syrian state media said", "according to NY Times",
                                                "the Syrian government forces said", "al-Sham reported"]:
        sentence = change(example)
        assert origins.credited_outlet(sentence) == _credited_by_the_patterns_alone(sentence), sentence


@pytest.mark.parametrize("seed", [0, 1])
def test_origins_passed_on_are_the_origins_other_than_the_source(seed):
    """Consolidation reads the origins of the mentions whose origin is not their source (a credit, a
    copied report, an outlet its source names); the others' origin is their source as written."""
    from lib.bench.synthetic import generate_mentions

    mentions = generate_mentions(3_000, seed=seed)
    mentions[0] = replace(mentions[0], source="The New York Times (re-posted copy)")
    mentions[1] = replace(mentions[1], source="", sentence="Rebels took Hama, according to Reuters.")
    every = origins.mention_origins(mentions)
    passed_on = origins.origins_passed_on(mentions)
    assert passed_on == {m.mention_id: every[m.mention_id] for m in mentions
                         if every[m.mention_id] != (m.source or m.article_id)}
    assert mentions[0].mention_id in passed_on and mentions[1].mention_id in passed_on
    assert 0 < len(passed_on) < len(mentions) / 2
