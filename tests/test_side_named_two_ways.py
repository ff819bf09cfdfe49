"""Consolidation: one side named two ways at one place and day ("terrorists" and "terrorists from Jaish
al-Islam", SANA's lead and its body) is one happening, as is a description of armed men and a named
group of any armed side against the state; two named groups, or the state and its enemy, are two."""
import pytest

from lib.extract.events import consolidate
from tests.test_events import _strike


def _at_bab_touma(mention_id, actor1, side1):
    return _strike(mention_id, "Bab Touma", "town", "Damascus Governorate", 33.5131, 36.3160,
                   actor1=actor1, side1=side1)


@pytest.mark.parametrize("first,second,events", [
    (("Syrian opposition", "opposition"), ("Jaysh al-Islam", "opposition"), 1),   # generic and named, one side
    (("Jaysh al-Islam", "opposition"), ("Syrian opposition", "opposition"), 1),   # in either order
    (("Jaysh al-Islam", "opposition"), ("Ahrar al-Sham", "opposition"), 2),       # two named groups
    # a description of armed men may name a group of any armed side against the state
    # (words.tsv described_sides: "terrorists fired shells" and "Nusra terrorists shelled")
    (("Syrian opposition", "opposition"), ("Hayat Tahrir al-Sham", "hts"), 1),
    (("Jaysh al-Islam", "opposition"), ("Hayat Tahrir al-Sham", "hts"), 2),       # two named groups, two sides
    (("Syrian opposition", "opposition"), ("Syrian government forces", "government"), 2),
])
def test_a_generic_name_and_a_named_group_of_its_side_are_one_happening(first, second, events):
    found = consolidate([_at_bab_touma("a:0:1", *first), _at_bab_touma("a:9:1", *second)])
    assert len(found) == events
