"""Near-duplicate sentences: which report repeats an earlier article's sentence (the same text
re-posted, lightly edited or machine-translated word for word), for lib/extract/origins.py.

Two sentences are one text when their word 3-gram shingles overlap by NEAR_DUPLICATE of their
union (Jaccard). Candidates share one of their rarest shingles (prefix filtering: exact, no pair
over the threshold is missed), then the exact overlap decides. Every step is done over all the
mentions at once in numpy arrays (each distinct sentence tokenised once, shingles as integer ids
of their word triples): linear in the mentions when the sentences are not one text.

>>> sorted(shingles("Rebels took Hama on Friday."))
['hama on friday', 'rebels took hama', 'took hama on']
"""
from __future__ import annotations

import re
from itertools import chain
from operator import attrgetter
from typing import Sequence

import numpy as np

from lib.extract import lexicon
from lib.model import Mention

SHINGLE = 3            # words per shingle
NEAR_DUPLICATE = 0.5   # Jaccard overlap of shingles from which two sentences are one text
_APOSTROPHE = re.compile("[" + "".join(lexicon.APOSTROPHES) + "]")
_WORD = re.compile(r"\w+")
_JOINT = "JOINT"  # no casefolded text has capitals


def _words(text: str) -> list[str]:
    return _WORD.findall(_APOSTROPHE.sub("", text.casefold()))


def shingles(text: str) -> frozenset[str]:
    """The word 3-grams of a sentence, in lower case, apostrophes dropped (a shorter sentence: its
    words, one shingle)."""
    words = _words(text)
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.unique by a sort: its hash table is slow on these keys)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def _dense(keys: np.ndarray, base: int) -> tuple[np.ndarray, int]:
    """Each row of `keys` (n x k integers below `base`) as a dense id, and how many distinct rows
    there are (as one integer each when they fit in 63 bits, else as rows)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), 0
    if base ** keys.shape[1] < 2 ** 63:
        number = np.zeros(len(keys), dtype=np.int64)
        for column in keys.T:
            number = number * base + column
        distinct, ids = np.unique(number, return_inverse=True)
    else:
        distinct, ids = np.unique(keys, axis=0, return_inverse=True)
    return ids.reshape(-1).astype(np.int64), len(distinct)


def _word_ids(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, int]:
    """The words of every text (as `_words` finds them) as ids in one array, each text's count of
    words, and the number of distinct words. One pass of casefold, regex and lookup over the texts
    joined, with a word that casefolded text cannot hold (capitals) between them."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holding the joint: one at a time
        tokens = [_words(t) for t in texts]
        flat = list(chain.from_iterable(tokens))
        vocabulary = {word: i for i, word in enumerate(dict.fromkeys(flat))}
        return (np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat)),
                np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)), len(vocabulary))
    flat = _WORD.findall(_APOSTROPHE.sub("", joined.casefold()).replace("\x00", f" {_JOINT} "))
    vocabulary = {word: i for i, word in enumerate(dict.fromkeys(flat))}
    words = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
    joint = words == vocabulary.get(_JOINT, -1)
    owner = np.cumsum(joint)[~joint]
    return words[~joint], np.bincount(owner, minlength=len(texts)), len(vocabulary)


def _shingle_sets(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, int]:
    """The shingles of each text as (text index, shingle id) pairs, sorted by text then shingle,
    each once; and the number of distinct shingles. A shingle is its words' triple (a sentence of
    one or two words: those words, padded), so equal ids are equal shingles."""
    words, lengths, pad = _word_ids(texts)
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    position = np.arange(len(words), dtype=np.int64)
    full = position + SHINGLE <= ends[owner]  # a whole 3-gram starts here
    padded = np.concatenate([words, np.full(SHINGLE - 1, pad, dtype=np.int64)])
    triples = np.stack([padded[position + k] for k in range(SHINGLE)], axis=1)
    short = (lengths[owner] < SHINGLE) & (position == ends[owner] - lengths[owner])  # its one shingle
    for k in range(1, SHINGLE):  # a short sentence's shingle is its words only
        triples[short, k] = np.where(k < lengths[owner[short]], triples[short, k], pad)
    keep = full | short
    ids, n_shingles = _dense(triples[keep], pad + 1)
    pairs = _distinct(owner[keep] * max(n_shingles, 1) + ids)
    return pairs // max(n_shingles, 1), pairs % max(n_shingles, 1), n_shingles


def _prefixes(text_of: np.ndarray, shingle: np.ndarray, weight: np.ndarray, n_shingles: int) -> np.ndarray:
    """Which (text, shingle) entries are in their text's prefix: its len - ceil(NEAR_DUPLICATE *
    len) + 1 rarest shingles (rarity: the mentions having it, `weight` mentions a text; ties by
    shingle id, one order for every text)."""
    frequency = np.bincount(shingle, weights=weight[text_of], minlength=n_shingles).astype(np.int64)
    # entries come sorted by text then shingle: a stable sort by text then frequency keeps that
    order = np.argsort(text_of * (int(frequency.max(initial=0)) + 1) + frequency[shingle], kind="stable")
    counts = np.bincount(text_of, minlength=len(weight))
    starts = np.cumsum(counts) - counts
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64) - starts[text_of[order]]
    length = counts[text_of]
    return rank < length - np.ceil(NEAR_DUPLICATE * length).astype(np.int64) + 1


def _sharing_pairs(group: np.ndarray, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (a, b), a < b, of members of one group (entries sorted by group then member)."""
    firsts, seconds = [], []
    at = np.flatnonzero(group[:-1] == group[1:])
    step = 1
    while len(at):
        firsts.append(member[at])
        seconds.append(member[at + step])
        at = at[at + step + 1 < len(group)]
        at = at[group[at] == group[at + step + 1]]
        step += 1
    if not firsts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def near_duplicates(mentions: Sequence[Mention]) -> dict[str, str]:
    """Each mention whose sentence nearly repeats one of an earlier article (published first, then by
    article id) -> that earlier mention's id (the first of a chain of copies; of several as close,
    the latest). Sentences of one article are never compared with each other.

    Two sets overlapping by NEAR_DUPLICATE of their union share a shingle among the first
    len - ceil(NEAR_DUPLICATE * len) + 1 of each, the shingles ordered rarest first: only sentences
    sharing such a shingle are compared (exact, and few comparisons: rare shingles are few-shared).
    """
    ordered = sorted(mentions, key=attrgetter("published", "article_id", "sentence_start"))
    if not ordered:
        return {}
    distinct: dict[str, int] = {}
    text_of_mention = np.fromiter((distinct.setdefault(m.sentence, len(distinct)) for m in ordered),
                                  dtype=np.int64, count=len(ordered))
    texts = list(distinct)
    text_of, shingle, n_shingles = _shingle_sets(texts)
    copies = np.bincount(text_of_mention, minlength=len(texts))  # mentions a text
    prefix = _prefixes(text_of, shingle, copies, n_shingles)
    text_of, shingle = text_of[prefix], shingle[prefix]
    shared = np.bincount(shingle, weights=copies[text_of], minlength=n_shingles)
    text_of, shingle = text_of[shared[shingle] >= 2], shingle[shared[shingle] >= 2]
    # each prefix entry once for every mention of its text
    by_text = np.argsort(text_of_mention, kind="stable")
    first_mention = np.cumsum(copies) - copies
    times = copies[text_of]
    offset = np.arange(times.sum(), dtype=np.int64) - np.repeat(np.cumsum(times) - times, times)
    member = by_text[np.repeat(first_mention[text_of], times) + offset]
    group = np.repeat(shingle, times)
    order = np.lexsort((member, group))
    earlier_index, later_index = _sharing_pairs(group[order], member[order])
    articles: dict[str, int] = {}
    article = np.fromiter((articles.setdefault(m.article_id, len(articles)) for m in ordered),
                          dtype=np.int64, count=len(ordered))
    apart = article[earlier_index] != article[later_index]
    pair = _distinct(earlier_index[apart] * len(ordered) + later_index[apart])
    earlier_index, later_index = pair // len(ordered), pair % len(ordered)
    overlap = _overlaps(text_of_mention[earlier_index], text_of_mention[later_index], texts)
    close = overlap >= NEAR_DUPLICATE
    earlier_index, later_index, overlap = earlier_index[close], later_index[close], overlap[close]
    if not len(overlap):
        return {}
    best = np.lexsort((earlier_index, overlap, later_index))  # the last of each later one wins
    last = best[np.r_[later_index[best][1:] != later_index[best][:-1], True]]
    earlier: dict[str, str] = {}
    for copy, original in zip(later_index[last].tolist(), earlier_index[last].tolist()):
        first = ordered[original].mention_id
        earlier[ordered[copy].mention_id] = earlier.get(first, first)
    return earlier


def _overlaps(a: np.ndarray, b: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """The Jaccard overlap of the shingles of texts a[i] and b[i] (1 for one text)."""
    sets: dict[int, frozenset[str]] = {}
    found: dict[tuple[int, int], float] = {}
    overlap = np.ones(len(a), dtype=np.float64)
    for i, (x, y) in enumerate(zip(a.tolist(), b.tolist())):
        if x == y:
            continue
        value = found.get((x, y))
        if value is None:
            for t in (x, y):
                if t not in sets:
                    sets[t] = shingles(texts[t])
            value = found[(x, y)] = jaccard(sets[x], sets[y])
        overlap[i] = value
    return overlap
