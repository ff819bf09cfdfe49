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
