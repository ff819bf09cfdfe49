"""Events ordered by one string a key come in the order of (date, place, id) triples."""
from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from lib.extract.events import _in_event_order, _in_order


@pytest.mark.parametrize("alphabet", [["", "a", "ab", "b", "é", " "], ["a", "a\x00", "\x00", "", "\x01"]])
def test_events_sort_as_triples(alphabet):
    rng = random.Random(0)
    events = [SimpleNamespace(date_start=rng.choice(alphabet), location=rng.choice(alphabet),
                              event_id=rng.choice(alphabet), n=n) for n in range(300)]
    assert [e.n for e in _in_order(events)] == [e.n for e in sorted(events, key=_in_event_order)]
