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
from typing import NamedTuple, Sequence

import numpy as np

from lib.extract import lexicon
from lib.extract.allocation import memory_reused
from lib.model import Mention

SHINGLE = 3            # words per shingle
NEAR_DUPLICATE = 0.5   # Jaccard overlap of shingles from which two sentences are one text
_APOSTROPHE = re.compile("[" + "".join(lexicon.APOSTROPHES) + "]")
_WORD = re.compile(r"\w+")
_KEY_LIMIT = 2 ** 63   # an integer key must stay below it (int64); tests lower it to take the other paths


def _words(text: str) -> list[str]:
    return _split_words(text.casefold())


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


def _argsort(keys: np.ndarray, bound: int) -> np.ndarray:
    """np.argsort(keys, kind="stable") of non-negative integer keys below `bound`: when each key and
    its position fit in one 63-bit integer, those are sorted (numpy sorts integers several times
    faster than it argsorts them) and the positions read back."""
    shift = max(len(keys) - 1, 0).bit_length()
    if bound << shift > 1 << 63:
        return np.argsort(keys, kind="stable")
    return np.sort((keys << shift) | np.arange(len(keys), dtype=np.int64)) & ((1 << shift) - 1)


def _row_codes(columns: Sequence[np.ndarray], base: int) -> tuple[np.ndarray, int]:
    """Each row of `columns` (k arrays of n integers below `base`) numbered in the rows' sorted order,
    and how many distinct rows there are (as one integer each when they fit in 63 bits, else as
    rows)."""
    if len(columns[0]) == 0:
        return np.zeros(0, dtype=np.int64), 0
    if base ** len(columns) >= 2 ** 63:
        distinct, ids = np.unique(np.stack(columns, axis=1), axis=0, return_inverse=True)
        return ids.reshape(-1).astype(np.int64), len(distinct)
    number = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        number = number * base + column
    # by a sort: most shingles are met once, and a hash table of millions of keys misses the caches
    order = _argsort(number, int(number.max()) + 1)
    ordered = number[order]
    new = np.r_[True, ordered[1:] != ordered[:-1]]
    ids = np.empty(len(number), dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids, int(new.sum())


# ASCII text: apostrophes dropped, every other character that is no word character (\w) a space, so
# that str.split finds the words _WORD finds, at a third of the regex's cost
_ASCII_WORDS = {c: None if chr(c) in lexicon.APOSTROPHES else " " for c in range(128)
                if not _WORD.fullmatch(chr(c))}


def _split_words(casefolded: str) -> list[str]:
    """`_WORD.findall` of a casefolded text with its apostrophes dropped."""
    if casefolded.isascii():
        return casefolded.translate(_ASCII_WORDS).split()
    return _WORD.findall(_APOSTROPHE.sub("", casefolded))


def _word_ids(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, int]:
    """The words of every text (as `_words` finds them) as ids in one array, each text's count of
    words, and the number of distinct words. ASCII texts at once in numpy (`_ascii_word_ids`);
    others one at a time."""
    found = _ascii_word_ids(texts)
    if found is not None:
        return found
    tokens = [_words(t) for t in texts]
    flat = list(chain.from_iterable(tokens))
    vocabulary = {word: i for i, word in enumerate(dict.fromkeys(flat))}
    return (np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat)),
            np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)), len(vocabulary))


# `_split_words` of ASCII text byte by byte: lower case, every byte that is no word character (\w) a
# space but NUL (which joins texts), apostrophes dropped
_ASCII_BYTES = bytes(c if _WORD.fullmatch(chr(c)) or c == 0 else 32 for c in range(256)).lower()
_ASCII_APOSTROPHES = "".join(a for a in lexicon.APOSTROPHES if a.isascii()).encode("ascii")
_PACKED = 8  # bytes of a word packed into one integer


def _ascii_word_ids(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, int] | None:
    """`_word_ids` of ASCII texts (None when one is not ASCII or holds a NUL), with no string made
    for each word: the texts joined by NUL as one byte string (`_ASCII_BYTES`), the words its runs
    of word bytes. A word is numbered by its first 8 bytes read as one integer, then a longer one by
    that number with its next 8 bytes, and so on (`_codes`: a hash table)."""
    joined = " " + "\x00".join(texts) + " " * _PACKED  # a space before the first word, bytes after the last
    if not joined.isascii() or joined.count("\x00") != len(texts) - 1:
        return None
    clean = joined.encode("ascii").translate(_ASCII_BYTES, _ASCII_APOSTROPHES)
    del joined
    data = np.frombuffer(clean, dtype=np.uint8)
    word = data > 32
    edges = np.flatnonzero(word[1:] != word[:-1])  # the byte before each word and each word's last
    del word
    before, lengths = edges[0::2], edges[1::2] - edges[0::2]
    counts = np.diff(np.concatenate([[0], np.searchsorted(before, np.flatnonzero(data == 0)), [len(lengths)]]))
    # the 8 bytes from each position as one integer (unaligned, little-endian: the first byte lowest)
    eights = np.ndarray((len(clean) - _PACKED,), dtype="<u8", buffer=clean, offset=1, strides=(1,))
    masks = np.full(max(int(lengths.max(initial=0)), _PACKED) + 1, np.iinfo(np.uint64).max, dtype=np.uint64)
    masks[:_PACKED] = [(1 << 8 * k) - 1 for k in range(_PACKED)]  # a shorter word's bytes only

    def packed(at: np.ndarray, length: np.ndarray) -> np.ndarray:
        return eights[at] & masks[length]

    ids, n_words = _codes(packed(before, lengths))
    longer, step = np.flatnonzero(lengths > _PACKED), _PACKED
    while len(longer):  # each step numbers its words after every number given so far
        chunk, n_chunks = _codes(packed(before[longer] + step, lengths[longer] - step))
        codes, n = _codes(ids[longer] * n_chunks + chunk)
        ids[longer] = codes + n_words
        n_words += n
        step += _PACKED
        longer = longer[lengths[longer] > step]
    if n_words >= 1 << 20:  # numbered densely again (fewer shingle ids to pack): the numbers no word kept dropped
        used = np.zeros(n_words, dtype=bool)
        used[ids] = True
        n_words = int(used.sum())
        ids = (np.cumsum(used) - 1)[ids]
    return ids, counts, n_words


def _codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value numbered by a hash table (in order of first appearance), and how many distinct."""
    import pandas as pd

    codes, distinct = pd.factorize(values)
    return codes.astype(np.int64, copy=False), len(distinct)


def _shingle_keys(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every shingle of every text as an integer key (equal keys: equal shingles) and its text's
    index. A shingle is its words' triple (a sentence of one or two words: those words, padded);
    its key the triple's word ids as one number, or (when that does not fit in 63 bits) the
    triple's rank among them (`_row_codes`)."""
    words, lengths, pad = _word_ids(texts)
    base = pad + 1
    ends = np.cumsum(lengths)
    if (lengths >= SHINGLE).all() and base ** SHINGLE < _KEY_LIMIT:  # most, often all, texts: no gathers
        full = np.ones(len(words), dtype=bool)
        for k in range(1, SHINGLE):
            full[ends - k] = False  # the last words of a text start no whole 3-gram
        starts = len(words) - SHINGLE + 1
        number = words[:starts].copy()
        for k in range(1, SHINGLE):
            number *= base
            number += words[k:starts + k]
        return number[full[:starts]], np.repeat(np.arange(len(texts), dtype=np.int64), lengths - (SHINGLE - 1))
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    padded = np.concatenate([words, np.full(SHINGLE - 1, pad, dtype=np.int64)])
    position = np.arange(len(words), dtype=np.int64)
    full = position + SHINGLE <= ends[owner]  # a whole 3-gram starts here
    short = (lengths[owner] < SHINGLE) & (position == ends[owner] - lengths[owner])  # its one shingle
    keep = full | short
    starts, owner = position[keep], owner[keep]
    columns = [padded[starts + k] for k in range(SHINGLE)]
    short, length = short[keep], lengths[owner]
    for k in range(1, SHINGLE):  # a short sentence's shingle is its words only
        columns[k] = np.where(short & (k >= length), pad, columns[k])
    if base ** SHINGLE >= _KEY_LIMIT:
        return _row_codes(columns, base)[0], owner
    number = np.zeros(len(owner), dtype=np.int64)
    for column in columns:
        number = number * base + column
    return number, owner


def _prefix_entries(texts: Sequence[str], weight: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """The prefix of each text's shingle set, as (text index, shingle id) pairs sorted by text then
    shingle; and the number of shingle ids. A text's prefix is its len - ceil(NEAR_DUPLICATE * len)
    + 1 rarest shingles (rarity: the mentions having it, `weight` mentions a text; ties in the order
    of the keys): any one order of the shingles for every text keeps prefix filtering exact, and
    this one keeps prefixes rare. A shingle of one mention alone is the rarest and can be shared
    with no other: it takes its place in its text's prefix and is left out of the pairs returned.
    Shingle ids number the others rarest first (rarity capped at 65,535)."""
    n_texts = len(texts)
    number, owner = _shingle_keys(texts)
    bits = max(n_texts - 1, 0).bit_length()
    if len(number) and (int(number.max()) + 1) << bits > _KEY_LIMIT:  # keys numbered densely first
        number = _row_codes([number], int(number.max()) + 1)[0]
    # each (shingle, text) once, by shingle then text: one sort of their keys packed with the text
    entry = _distinct((number << bits) | owner)
    del number
    owner, number = entry & ((1 << bits) - 1), entry >> bits
    del entry
    new = np.empty(len(number), dtype=bool)
    new[:1] = True
    np.not_equal(number[1:], number[:-1], out=new[1:])
    del number
    code = np.cumsum(new) - 1
    del new
    n_codes = int(code[-1]) + 1 if len(code) else 0
    frequency = np.bincount(code, weights=weight[owner], minlength=n_codes)
    length = np.bincount(owner, minlength=n_texts)  # shingles a text
    shared = frequency[code] > 1
    alone = length - np.bincount(owner[shared], minlength=n_texts)  # its shingles of one mention
    owner, code = owner[shared], code[shared]
    kept = np.flatnonzero(frequency > 1)
    order = np.argsort(np.minimum(frequency[kept], 65_535).astype(np.uint16), kind="stable")  # a radix sort
    rank = np.zeros(n_codes, dtype=np.int64)
    n_shingles = len(kept)
    rank[kept[order]] = np.arange(n_shingles, dtype=np.int64)
    pairs = np.sort(owner * max(n_shingles, 1) + rank[code])  # distinct: each (shingle, text) was once
    text_of, shingle = pairs // max(n_shingles, 1), pairs % max(n_shingles, 1)
    counts = np.bincount(text_of, minlength=n_texts)
    position = np.arange(len(text_of), dtype=np.int64) - (np.cumsum(counts) - counts)[text_of]
    room = length - np.ceil(NEAR_DUPLICATE * length).astype(np.int64) + 1 - alone
    prefix = position < room[text_of]
    return text_of[prefix], shingle[prefix], n_shingles


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
    original = copied_from(mentions)
    copies = np.flatnonzero(original >= 0).tolist()
    return {mentions[i].mention_id: mentions[j].mention_id for i, j in zip(copies, original[copies].tolist())}


def sentences_of(mentions: Sequence[Mention]) -> tuple[list[str], np.ndarray]:
    """The distinct sentences of the mentions, in the order met, and each mention's among them."""
    distinct: dict[str, int] = {}
    text_of = np.fromiter((distinct.setdefault(m.sentence, len(distinct)) for m in mentions),
                          dtype=np.int64, count=len(mentions))
    return list(distinct), text_of


def copied_from(mentions: Sequence[Mention], sentences: tuple[list[str], np.ndarray] | None = None) -> np.ndarray:
    """`near_duplicates` by position: each mention's original (the position of the first of its
    chain of copies in `mentions`), -1 for a mention that copies none. `sentences`: `sentences_of`
    the mentions, when the caller has it. Its arrays reuse each other's memory (`memory_reused`)."""
    if not len(mentions):
        return np.zeros(0, dtype=np.int64)
    with memory_reused():
        return _copied_from(mentions, *(sentences_of(mentions) if sentences is None else sentences))


def _copied_from(mentions: Sequence[Mention], texts: list[str], text_of_mention: np.ndarray) -> np.ndarray:
    n = len(mentions)
    article = _ranks([m.article_id for m in mentions])
    order = _publication_order(mentions, article)
    text_of_mention, article = text_of_mention[order], article[order]
    copies = np.bincount(text_of_mention, minlength=len(texts))  # mentions a text
    text_of, shingle, n_shingles = _prefix_entries(texts, copies)
    shared = np.bincount(shingle, weights=copies[text_of], minlength=n_shingles)
    text_of, shingle = text_of[shared[shingle] >= 2], shingle[shared[shingle] >= 2]
    # pairs of texts first, then of mentions: a text told by k mentions is compared once, not k * k
    # times (a sentence re-posted by thousands of articles made millions of mention pairs)
    close, overlap = _close_texts(text_of, shingle, texts)
    # for each mention, each text close to its own (its own too, when it has shingles): the latest
    # mention of that text before it in publication order that is of another article
    degree = np.diff(close.indptr)[text_of_mention]
    later = np.repeat(np.arange(n, dtype=np.int64), degree)
    slot = np.repeat(close.indptr[text_of_mention] - np.cumsum(degree) + degree, degree) \
        + np.arange(degree.sum(), dtype=np.int64)
    other, overlap = close.indices[slot], overlap[slot]
    by_text = _argsort(text_of_mention, len(texts))  # positions, by text then position
    entry_text, entry_article = text_of_mention[by_text], article[by_text]
    # where each entry's run of one text and one article begins: the entry before is of another article
    begins = np.r_[True, (entry_text[1:] != entry_text[:-1]) | (entry_article[1:] != entry_article[:-1])]
    run_start = np.maximum.accumulate(np.where(begins, np.arange(len(by_text), dtype=np.int64), 0))
    at = np.searchsorted(entry_text * n + by_text, other * n + later) - 1  # the latest before it
    at = np.where((at >= 0) & (entry_article[np.maximum(at, 0)] == article[later]), run_start[np.maximum(at, 0)] - 1, at)
    found = (at >= 0) & (entry_text[np.maximum(at, 0)] == other)
    earlier_index, later_index, overlap = by_text[at[found]], later[found], overlap[found]
    original = np.full(n, -1, dtype=np.int64)  # by position in publication order
    if len(overlap):
        best = np.lexsort((earlier_index, overlap, later_index))  # the last of each later one wins
        last = best[np.r_[later_index[best][1:] != later_index[best][:-1], True]]
        original[later_index[last]] = earlier_index[last]
        while True:  # each copy to the first of its chain: an original copying an earlier one passes it on
            further = np.where(original >= 0, original[original], -1)
            further = np.where(further >= 0, further, original)
            if (further == original).all():
                break
            original = further
    found = np.full(n, -1, dtype=np.int64)  # by position in `mentions`
    copy = np.flatnonzero(original >= 0)
    found[order[copy]] = order[original[copy]]
    return found


class _Adjacency(NamedTuple):
    indptr: np.ndarray   # text t's close texts are indices[indptr[t]:indptr[t + 1]]
    indices: np.ndarray


def _close_texts(text_of: np.ndarray, shingle: np.ndarray, texts: Sequence[str]) -> tuple[_Adjacency, np.ndarray]:
    """Each text's texts overlapping it by NEAR_DUPLICATE or more (itself among them, overlap 1,
    when it has a prefix entry), as an adjacency, and each entry's overlap. Candidates are the texts
    sharing a prefix entry (exact: `_prefix_entries`, whose (text, shingle) entries are each once)."""
    n_texts = len(texts)
    entry = np.sort(shingle * n_texts + text_of)  # by shingle, then text
    a, b = _sharing_pairs(entry // n_texts, entry % n_texts)
    pair = _distinct(a * n_texts + b)  # two texts share several shingles: compared once
    a, b = pair // n_texts, pair % n_texts
    overlap = _overlaps(a, b, texts)
    close = overlap >= NEAR_DUPLICATE
    a, b, overlap = a[close], b[close], overlap[close]
    own = _distinct(text_of)
    source = np.concatenate([a, b, own])
    target = np.concatenate([b, a, own])
    values = np.concatenate([overlap, overlap, np.ones(len(own))])
    rank = np.argsort(source, kind="stable")
    indptr = np.r_[0, np.cumsum(np.bincount(source, minlength=n_texts))].astype(np.int64)
    return _Adjacency(indptr, target[rank].astype(np.int64)), values[rank]


def _ranks(values: list) -> np.ndarray:
    """Each value's rank among the distinct values, sorted."""
    rank = {value: i for i, value in enumerate(sorted(set(values)))}
    return np.fromiter(map(rank.__getitem__, values), dtype=np.int64, count=len(values))


def _publication_order(mentions: Sequence[Mention], article: np.ndarray) -> np.ndarray:
    """The mentions' positions in the order published, article id (`article`: their ranks), then
    sentence start; ties as they come (a stable sort)."""
    published = _ranks([m.published for m in mentions])
    start = np.fromiter((m.sentence_start for m in mentions), dtype=np.int64, count=len(mentions))
    start -= start.min()
    spans = (int(published.max()) + 1, int(article.max()) + 1, int(start.max()) + 1)
    if spans[0] * spans[1] * spans[2] >= 2 ** 63:
        return np.lexsort((start, article, published))
    return _argsort((published * spans[1] + article) * spans[2] + start, spans[0] * spans[1] * spans[2])


def _overlaps(a: np.ndarray, b: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """The Jaccard overlap of the shingles of texts a[i] and b[i] (pairs of distinct texts, each once)."""
    sets: dict[int, frozenset[str]] = {}
    overlap = np.empty(len(a), dtype=np.float64)
    for i, (x, y) in enumerate(zip(a.tolist(), b.tolist())):
        for t in (x, y):
            if t not in sets:
                sets[t] = shingles(texts[t])
        overlap[i] = jaccard(sets[x], sets[y])
    return overlap
