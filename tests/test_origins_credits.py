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
