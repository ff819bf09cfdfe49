"""Credits found for many sentences at once are those found one sentence at a time."""
from __future__ import annotations

import random

from lib.extract import lexicon
from lib.extract.origins import _Outlets, credit_examples


def test_credits_of_many_sentences_are_those_of_each():
    outlets = _Outlets()
    rng = random.Random(0)
    aliases = [a for actor in lexicon.actors().values() if actor.kind == "outlet" for a in actor.names]
    words = ["Rebels", "took", "Hama,", "according", "to", "reported", "said", "the", "\n", "İ", "ΣΑΣ"] + aliases
    sentences = credit_examples() + [" ".join(rng.choices(words, k=rng.randrange(0, 12))) for _ in range(400)]
    found = outlets.credits_of(sentences + sentences[:50])
    assert found == {s: outlets.credited(s) for s in sentences}
    assert sum(1 for v in found.values() if v) > 10
    assert outlets.credits_of([]) == {}


def test_sentences_holding_a_key_are_found_with_pyarrow_or_without(monkeypatch):
    """Sentences holding an outlet's key are found by pyarrow's RE2 in one pass, else by str.find:
    the same ones (non-ASCII sentences too)."""
    import sys

    outlets = _Outlets()
    rng = random.Random(1)
    words = ["rebels", "took", "sana", "sanaa", "reuters", "times", "the", "i̇", "σας", "ſ", "x"] + list(outlets.keys)
    lowered = [" ".join(rng.choices(words, k=rng.randrange(0, 8))).lower() for _ in range(300)]
    expected = [i for i, s in enumerate(lowered) if any(key in s for key in outlets.keys)]
    assert outlets._holding_keys(lowered) == expected
    monkeypatch.setitem(sys.modules, "pyarrow.compute", None)  # no pyarrow: the keys searched for one by one
    assert outlets._holding_keys(lowered) == expected
