"""The control benchmark keeps its split: a history told under another name of a test city is test."""
from __future__ import annotations

from lib.bench.control import history_split, split_of
from lib.model import ControlInterval


def _interval(city: str) -> ControlInterval:
    return ControlInterval(city, "government", "", "2017-10-21", "", 1, "reported", "", "", None, None, "")


def test_a_history_under_another_name_of_a_test_city_counts_as_test():
    assert split_of("Qaryatayn") == "test" and split_of("Al Qaryatayn") == "dev"
    split = history_split([_interval("Al Qaryatayn"), _interval("Aleppo")], [{"city": "Qaryatayn"}, {"city": "Aleppo"}])
    assert split("Al Qaryatayn") == "test"
    assert split("Aleppo") == "dev"  # a dev city's own history stays dev (counter-example)


def test_misses_print_the_sentences_naming_the_city_of_a_missing_probe(capsys):
    from lib.bench.control import print_misses
    from lib.corpus import Article

    said = "Rebels shelled Madaya on Monday. Aid reached Homs on Tuesday."
    articles = [Article("a1", "", "Wire", "", "2016-01-12", "metadata", said),
                Article("a2", "", "Wire", "", "2015-01-12", "metadata", "Madaya was calm.")]  # long before
    print_misses({"Madaya": ["2016-02-01"]}, articles)
    out = capsys.readouterr().out
    assert "Madaya: missing 2016-02-01" in out and "Rebels shelled Madaya on Monday." in out
    assert "Homs" not in out and "calm" not in out  # another city's sentence, an article out of the window


def test_offensive_probes_follow_the_truth_table_and_skip_change_windows():
    from lib.bench.offensive import TRUTH, probes
    from lib.bench.control import rows_of

    days = {(p["city"], p["date"]): p["controller"] for p in probes(rows_of(TRUTH))}
    assert days[("Hama", "2024-12-04")] == "government" and days[("Hama", "2024-12-05")] == "opposition"
    assert ("Homs", "2024-12-07") not in days  # inside its change window (7-8 Dec)
    assert days[("Homs", "2024-12-08")] == "opposition"
    assert ("Deir ez-Zor", "2024-12-10") not in days and days[("Deir ez-Zor", "2024-12-11")] == "opposition"
    assert days[("Idlib", "2024-11-26")] == "hts"


def test_the_held_out_offensive_run_prints_totals_and_never_a_city(tmp_path, capsys):
    import json
    from lib.bench.offensive import run

    corpus = tmp_path / "articles.jsonl"
    corpus.write_text(json.dumps({"id": "t1", "title": "", "source": "Wire", "url": "", "published": "2024-12-06",
                                  "text": "Rebels took control of the city of Rastan on Friday, a monitor said."}) + "\n")
    run(corpus, refresh=True, show_cities=True, held_out=True)
    out = capsys.readouterr().out
    assert "all city-days named by then: " in out and "right 7" in out  # Rastan, 6 to 12 Dec
    assert "Rastan" not in out.replace("data/gold", "")  # no city's details
