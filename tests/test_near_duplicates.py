"""Near duplicates found over all mentions at once are those of comparing every pair."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from lib.bench.synthetic import generate_mentions
from lib.extract.near_duplicates import NEAR_DUPLICATE, jaccard, near_duplicates, shingles

WORDS = ["rebels", "took", "Hama", "on", "Friday", "it's", "don’t", "ß", "ΣΑΣ", "42", "JOINT", "a\x00b"]


def every_pair(mentions) -> dict[str, str]:
    """The definition, pair by pair: the closest earlier sentence of another article (the latest
    of equals), at NEAR_DUPLICATE or more, then the first of its chain."""
    ordered = sorted(mentions, key=lambda m: (m.published, m.article_id, m.sentence_start))
    earlier: dict[str, str] = {}
    for j, mention in enumerate(ordered):
        best = max(((jaccard(shingles(o.sentence), shingles(mention.sentence)), i)
                    for i, o in enumerate(ordered[:j]) if o.article_id != mention.article_id),
                   default=(0.0, None))
        if best[1] is not None and best[0] >= NEAR_DUPLICATE:
            first = ordered[best[1]].mention_id
            earlier[mention.mention_id] = earlier.get(first, first)
    return earlier


def random_mentions(seed: int, words: list[str]):
    rng = random.Random(seed)
    return [replace(m, mention_id=f"m{i}", article_id=f"a{rng.randrange(6)}", sentence_start=rng.randrange(3),
                    published=f"2024-12-0{rng.randrange(1, 4)}",
                    sentence=" ".join(rng.choices(words, k=rng.choice([0, 1, 2, 3, 5, 8]))) + ".")
            for i, m in enumerate(generate_mentions(rng.randrange(2, 60), seed=seed))]


@pytest.mark.parametrize("seed", range(40))
def test_near_duplicates_are_those_of_every_pair(seed):
    mentions = random_mentions(seed, WORDS)
    assert near_duplicates(mentions) == every_pair(mentions)


ASCII_WORDS = ["rebels", "took", "Hama", "on", "Friday", "it's", "don`t", "42", "JOINT", "a_b", "x-y", "(z)"]


@pytest.mark.parametrize("seed", range(20))
def test_near_duplicates_of_ascii_sentences_are_those_of_every_pair(seed):
    """ASCII sentences are split by str.translate and str.split, not by the regex."""
    mentions = random_mentions(seed, ASCII_WORDS)
    assert near_duplicates(mentions) == every_pair(mentions)


@pytest.mark.parametrize("text", ["Rebels took Hama's airport, don’t they?", "a\tb\x00c__d 4.2 e`f", "ſ ß İ Σ 'x'",
                                  "".join(map(chr, range(128)))])
def test_words_are_those_of_the_word_pattern(text):
    import re

    from lib import extract
    from lib.extract.near_duplicates import _words

    apostrophes = re.compile("[" + "".join(extract.lexicon.APOSTROPHES) + "]")
    assert _words(text) == re.findall(r"\w+", apostrophes.sub("", text.casefold()))


def test_argsort_is_numpys_stable_one():
    import numpy as np

    from lib.extract.near_duplicates import _argsort

    keys = np.random.default_rng(0).integers(0, 50, 1000)
    assert (_argsort(keys, 50) == np.argsort(keys, kind="stable")).all()
    assert (_argsort(keys, 2 ** 62) == np.argsort(keys, kind="stable")).all()  # too wide to pack


def long_mentions(seed: int, words: list[str]):
    """`random_mentions` whose sentences all hold a whole 3-gram (the keys' path without gathers)."""
    rng = random.Random(seed)
    return [replace(m, sentence=" ".join(rng.choices(words, k=rng.choice([3, 4, 6, 9]))) + ".")
            for m in random_mentions(seed, words)]


@pytest.mark.parametrize("limit", [2 ** 63, 2 ** 12, 2 ** 6])
@pytest.mark.parametrize("seed", range(12))
def test_near_duplicates_with_keys_of_any_size_are_those_of_every_pair(seed, limit, monkeypatch):
    """Shingle keys are the word ids packed (and packed with the text) while that fits below the
    limit, else numbered densely first: the same near duplicates either way."""
    from lib.extract import near_duplicates as module

    monkeypatch.setattr(module, "_KEY_LIMIT", limit)
    for mentions in (long_mentions(seed, ASCII_WORDS), long_mentions(seed, WORDS), random_mentions(seed, WORDS)):
        assert near_duplicates(mentions) == every_pair(mentions)


def test_a_sentence_reposted_by_many_articles_is_compared_as_one_text():
    """Texts are paired before mentions (near_duplicates._close_texts): 600 mentions of four sentences
    in 300 articles, some published on one day, give the pairs of the definition (each copy to the
    first of its chain), as when each pair of mentions was compared (peak memory then grew with the
    square of a sentence's reposts: 3.3 GB for 10,000 generated articles)."""
    rng = random.Random(7)
    sentences = ["Rebels took Hama on Friday.", "Rebels took Hama on Friday night.", "Jets struck Idlib.", "."]
    mentions = [replace(m, mention_id=f"m{i}", article_id=f"a{i // 2}", sentence_start=i % 2,
                        published=f"2024-12-0{1 + (i // 2) % 3}", sentence=rng.choice(sentences))
                for i, m in enumerate(generate_mentions(600, seed=3)[:600])]
    assert near_duplicates(mentions) == every_pair(mentions)
