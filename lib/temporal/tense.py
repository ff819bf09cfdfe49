"""Which way from the publication date an expression points, read from the words around it.

News reports mostly tell what happened: "Friday" in a report published on a Friday is that day,
in a Saturday report the day before. Plans and schedules point forward: "a meeting Saturday",
"will meet Monday". The cue closest to the expression within its clause decides.

>>> direction("Russia and Iran are set to meet Saturday in Doha.", 35, 43)
'future'
>>> direction("Iranians began to leave Syria early Friday.", 36, 42)
'past'
"""
from __future__ import annotations

import re
from functools import lru_cache

from lib.temporal.rules import phrase_regex, tense_cues

_BOUNDARY = re.compile(r"[.!?;]\s|\n|[“”\"]")
_WINDOW = 160
# Regular past forms ("urged", "captured") count as past cues; short words such as "red" do not.
_REGULAR_PAST = r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)[a-z]{3,}ed"


@lru_cache(maxsize=1)
def _cue_regex() -> tuple[re.Pattern, dict[str, str]]:
    by_phrase = {" ".join(phrase.lower().split()): where for where, phrase in tense_cues()}
    phrases = sorted(by_phrase, key=len, reverse=True)
    alternation = "|".join(phrase_regex(p) for p in phrases)
    return re.compile(rf"(?<![\w'])(?:{alternation}|{_REGULAR_PAST})(?!\w)", re.IGNORECASE), by_phrase


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of text around [start, end) up to the nearest sentence or quote boundaries."""
    left = max(0, start - _WINDOW)
    last = None
    for last in _BOUNDARY.finditer(text, left, start):
        pass
    left = last.end() if last else left
    right_match = _BOUNDARY.search(text, end, min(len(text), end + _WINDOW))
    right = right_match.start() if right_match else min(len(text), end + _WINDOW)
    return left, right


def direction(text: str, start: int, end: int) -> str:
    """'past', 'future', 'nearest', or '' when nothing in the clause says."""
    regex, by_phrase = _cue_regex()
    left, right = clause_bounds(text, start, end)
    best, best_distance = "", None
    for cue in regex.finditer(text, left, right):
        if start <= cue.start() < end:
            continue
        distance = start - cue.end() if cue.end() <= start else 1.5 * (cue.start() - end)
        if best_distance is None or distance < best_distance:
            phrase = " ".join(cue.group(0).lower().split())
            best, best_distance = by_phrase.get(phrase, "past"), distance
    return best
