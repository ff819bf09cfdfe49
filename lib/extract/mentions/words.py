"""The word lists of mention extraction, read from data/lexicon/words.tsv (each list's meaning is in
that file), and the few patterns that are code rather than words.

>>> "say" in WORDS["reporting"], "take" in WORDS["light_territory_verbs"]
(True, True)
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lib.extract.lexicon import _rows
from lib.settings import DATA_DIR

WORDS_FILE = DATA_DIR / "lexicon" / "words.tsv"
COLUMNS = ("list", "words", "meaning")


@lru_cache(maxsize=4)
def word_lists(path: Path = WORDS_FILE) -> dict[str, frozenset[str]]:
    """Every list of the file by name, checking the header row."""
    lists: dict[str, frozenset[str]] = {}
    for number, row in _rows(path, COLUMNS):
        if not row["words"]:
            raise ValueError(f"{path}, line {number}: expected a list name, its words and their meaning")
        lists[row["list"]] = frozenset(row["words"].split())
    return lists


WORDS = word_lists()
REPORTING_LEMMAS = WORDS["reporting"]
HEDGE_WORDS = WORDS["hedges"]
DENIAL_LEMMAS = WORDS["denials"]
PLACE_PREPS = WORDS["place_preps"]
AWAY_PREPS = WORDS["away_preps"]
SPECIFIC_PLACE_KINDS = WORDS["specific_place_kinds"]
NON_IMPLICATIVE = WORDS["non_implicative"]
PLANNING = WORDS["planning"]
ABSTRACT_SUBJECTS = WORDS["abstract_subjects"]
DESCRIPTIVE_DEPS = WORDS["descriptive_deps"]
TOPIC_NOUNS = WORDS["topic_nouns"]
LIGHT_TERRITORY_VERBS = WORDS["light_territory_verbs"]
TERRITORY_OBJECTS = WORDS["territory_objects"]
PRONOUNS = WORDS["pronouns"]
MEN = WORDS["men"]
INSTRUMENT_KINDS = WORDS["instrument_kinds"]
DEATH_WORDS = WORDS["death_words"]
VICTIM_NOUNS = WORDS["victim_nouns"]
CUMULATIVE = WORDS["cumulative"]
WAR_WORDS = WORDS["war_words"]
INSTRUMENT_VERBS = WORDS["instrument_verbs"]
BACKING_WORDS = WORDS["backing_words"]
REFERRING_NOUNS = WORDS["referring_nouns"]
HOLDING_WORDS = WORDS["holding_words"]
DEATH_NOUNS = WORDS["death_nouns"]
GOVERNMENT_WEAPONS = WORDS["government_weapons"]
DEATH_VERBS = WORDS["death_verbs"]
PLACE_NOUNS = WORDS["place_nouns"]
HARM_WORDS = WORDS["harm_words"]
SEQUENCE_WORDS = WORDS["sequence_words"]
HYPOTHETICAL = WORDS["hypothetical"]
TOLL_NOUNS = WORDS["toll_nouns"]
ACCUSING_VERBS = WORDS["accusing_verbs"]
MEN_NOUNS = WORDS["men_nouns"]
CITY_PART_NOUNS = WORDS["city_part_nouns"]
TARGET_PLACE_PREPS = WORDS["target_place_preps"]

# Patterns that are code: words that refer back to the last city, quotation marks, and durations
# that put a sentence in the background ("Over the years", "for decades").
CITY_REFERENCES = re.compile(r"\b(?:the city|the town|there)\b", re.IGNORECASE)
QUOTES = "\"“”"
BACKGROUND_DURATION = re.compile(r"^P(?:X|\d+)(?:Y|DE|CE)$")
