"""Coordinated acts (lib/extract/mentions/coordinated.py): one sentence, several acts, table-driven."""
import pytest

from lib.corpus import Article
from lib.extract.articles import analyse

CASES = [
    # sentence, published, the sub-event types with their tolls the sentence's mentions must give
    ("At least 18 people were killed in government air strikes and artillery fire on Douma on Wednesday.",
     "2016-07-28", {("Air/drone strike", 18), ("Shelling/artillery/missile attack", None)}),
    # the weapons one act was done with (words.tsv means_preps): one act
    ("On Friday, the army struck rebels north of Hama with artillery, missiles and airstrikes.",
     "2016-07-28", {("Shelling/artillery/missile attack", None)}),
    # a mere "bombing" names no act of another kind
    ("Five people were killed in a bombing and air strikes on Douma on Monday.",
     "2016-07-28", {("Air/drone strike", 5)}),
]


@pytest.mark.parametrize("sentence,published,expected", CASES)
def test_coordinated_acts(sentence, published, expected):
    article = Article(id="t", title="", text=sentence, published=published, source="t", url="", dct_source="")
    ((_, _, mentions),) = list(analyse([article]))
    assert {(m.sub_event_type, m.fatalities) for m in mentions if not m.background} == expected
