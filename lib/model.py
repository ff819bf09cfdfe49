"""The records extraction produces and the store keeps: their fields are the tables' columns.

Every displayed fact keeps its way back: an Event lists its mention ids, a Mention its article and
sentence offsets, an article its file. Dates are ISO strings ("" when unknown), lists are joined
with "; " so that every record is a flat row for CSV, DuckDB and pandas alike.

>>> Mention.columns()[:4]
['mention_id', 'article_id', 'source', 'published']
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum

# time_precision as ACLED codes it: 1 = day, 2 = week, 3 = month; we add 4 = year or coarser.
PRECISION_DAY, PRECISION_WEEK, PRECISION_MONTH, PRECISION_YEAR = 1, 2, 3, 4



class DateSource(StrEnum):
    """How a mention's date was found, from best to worst."""
    CLAUSE = "timex in clause"           # the timex governing the mention's verb or clause
    PARAGRAPH = "last date in paragraph"
    PUBLICATION = "publication date"     # nothing in the text: flagged, lower precision


class ControlEffect(StrEnum):
    """What a happening does to who holds its place, seen from its subject (triggers.tsv)."""
    GAIN = "gain"      # the subject takes it
    LOSS = "loss"      # the subject loses or leaves it
    HOLD = "hold"      # the subject keeps it by doing something
    HELD = "held"      # a state, not a happening: "they now control Aleppo"
    NONE = ""


TERRITORIAL_EFFECTS = frozenset({ControlEffect.GAIN, ControlEffect.LOSS, ControlEffect.HOLD, ControlEffect.HELD})


class Polarity(StrEnum):
    """How a sentence tells a happening."""
    ASSERTED = "asserted"
    DENIED = "denied"      # the sentence (or the next one) denies it
    HEDGED = "hedged"      # could, may, if, tried to
    PLANNED = "planned"    # will, set to, scheduled


class ClaimStatus(StrEnum):
    """What the sources say of an event together."""
    REPORTED = "reported"
    DISPUTED = "disputed"  # sources disagree
    DENIED = "denied"      # only denials


DATE_FROM_CLAUSE, DATE_FROM_PARAGRAPH, DATE_FROM_PUBLICATION = DateSource
CLAIM_REPORTED, CLAIM_DISPUTED, CLAIM_DENIED = ClaimStatus
# The controllers of the control map (sides.tsv's controller column), then the states that are no one
# side's: a city split between sides, claims of the same days that disagree, no report yet.
CONTROLLERS = ("government", "opposition", "hts", "sdf", "islamic_state", "turkish_backed", "divided",
               "contested", "unknown")


class Record:
    # Records are slotted: with over 30 fields an instance's __dict__ costs ~1.5 KB (CPython shares
    # no keys past 30), and consolidation holds every stored mention at once.
    __slots__ = ()

    @classmethod
    def columns(cls) -> list[str]:
        return [f.name for f in fields(cls)]  # type: ignore[arg-type]

    def to_row(self) -> dict:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """One report of a happening in one sentence of one article."""

    mention_id: str          # "<article_id>:<sentence start>:<trigger start>"
    article_id: str
    source: str              # the outlet
    published: str           # the article's DCT
    sentence_start: int
    sentence_end: int
    sentence: str
    trigger: str             # the word that signals the happening ("captured")
    trigger_start: int
    trigger_end: int
    event_type: str          # ACLED event type ("Battles")
    sub_event_type: str      # ACLED sub-event type ("Non-state actor overtakes territory")
    control: str             # what it does to who holds the place: gain, loss, hold, held or ""
    many_parties: bool       # a meeting, talks, a clash: one event whoever is named first
    kind: str                # the happening the trigger names ("departure", "meeting")
    actor1: str              # canonical actor names ("" when none)
    actor2: str
    side1: str               # the actors' sides (government, opposition, sdf, foreign state...)
    side2: str
    place: str               # canonical place name, or the name as written when not in the lexicon
    place_known: bool        # False: the place is not in the lexicon (kept, flagged)
    place_kind: str          # city, town, province, country... ("" when not in the lexicon)
    admin1: str
    latitude: float | None
    longitude: float | None
    date_start: str          # the span the date can mean
    date_end: str
    time_precision: int      # PRECISION_*
    date_text: str           # the expression as written ("Friday"), "" when from the DCT
    timex_value: str
    timex_start: int         # -1 when the date came from the DCT
    timex_end: int
    date_source: str         # DATE_FROM_*
    anchor: str              # how the timex was resolved ("DCT", "t@123")
    rule: str                # the timex rule
    attribution: str         # who says so ("the Syrian Observatory"), "" when the outlet itself
    polarity: str            # "asserted", "denied" (the sentence denies it), "hedged" (could, may)
    fatalities: int | None
    fatalities_text: str = ""  # the toll as written ("at least 22 people"), "" when none
    background: bool = False   # history recalled in passing ("since 2011", "in 1967"): off the current timeline
    actor1_type: int = 0       # ACLED actor type codes (ACTOR_TYPES), 0 when no actor
    actor2_type: int = 0
    interaction: int = 0       # ACLED interaction code of the two actor types (interaction_code)
    associated1: str = ""      # an actor associated with actor1 ("US" in "US-backed SDF"), "; "-joined
    place_relation: str = ""  # the place itself ("in"), a part ("part:east"), around it ("outskirts",
                              # "north of"...), then ";held:<side>" when the text says who holds it
                              # (lib/extract/mentions/relation.py)


AROUND = ("near", "outskirts", "countryside", "around")  # and "<direction> of": Mention.place_relation


def split_relation(value: str) -> tuple[str, str, str]:
    """(relation, detail, holder side) of a Mention.place_relation string; "" reads as the place
    itself.

    >>> split_relation("part:east;held:opposition"), split_relation("")
    (('part', 'east', 'opposition'), ('in', '', ''))
    """
    head, _, held = (value or "in").partition(";held:")
    relation, _, detail = head.partition(":")
    return relation or "in", detail, held


def is_around(relation: str) -> bool:
    """Is a relation about a place around the city (not the city, nor a part of it)?"""
    return relation in AROUND or relation.endswith(" of")


def current(mentions):
    """The mentions of current news, background left out: what consolidation into the current
    timeline takes (`[m for m in mentions if not m.background]`)."""
    return [m for m in mentions if not m.background]


# ACLED actor types (the `acled_type` column of data/lexicon/actors.tsv).
ACTOR_TYPES = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
               5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
CIVILIANS = 7


def interaction_code(type1: int, type2: int) -> int:
    """ACLED's interaction code: the two actor types, the lower first; one actor alone is its type
    times ten.

    >>> interaction_code(2, 1), interaction_code(1, 0), interaction_code(0, 0)
    (12, 10, 0)
    """
    codes = sorted(t for t in (type1, type2) if t)
    if not codes:
        return 0
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


@dataclass(frozen=True, slots=True)
class Event(Record):
    """A happening, consolidated from its mentions across articles; ACLED's columns then ours."""

    event_id: str
    event_date: str
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int       # ACLED: 1 = the town itself, 2 = near it / part of region, 3 = province
    source: str              # outlets, "; "-joined
    notes: str               # the first evidence sentence
    fatalities: int | None
    date_text: str
    timex_value: str
    date_start: str
    date_end: str
    anchor: str
    evidence: str            # every evidence sentence, " | "-joined, each prefixed "[outlet] "
    n_sources: int           # distinct articles (the same text twice counts once)
    claim_status: str        # CLAIM_*
    side1: str
    side2: str
    place_known: bool
    mention_ids: str         # "; "-joined
    n_origins: int = 1       # independent origins: reports passed on from one outlet count once
    origins: str = ""        # the outlets (or sources) its reports trace to, "; "-joined
    background: bool = False  # history told in passing: kept off the current timeline
    interaction: int = 0      # ACLED interaction code


@dataclass(frozen=True, slots=True)
class ControlInterval(Record):
    """Who controls a city from when to when, and on whose word."""

    city: str
    controller: str          # one of CONTROLLERS
    actor_detail: str        # "HTS-led coalition", "local armed groups", "SDF"
    valid_from: str          # ISO date, "" when it held before anything the corpus says
    valid_to: str            # ISO date, "" while it still holds
    precision: int           # PRECISION_* of valid_from
    status: str              # CLAIM_REPORTED or CLAIM_DISPUTED
    sources: str             # outlets, "; "-joined
    evidence: str            # sentences, " | "-joined, each prefixed "[outlet] "
    latitude: float | None
    longitude: float | None
    admin1: str
    state: str = ""          # controller | divided | contested | no report
    parts: str = ""          # divided: "<part>: <controller>", "; "-joined ("east: opposition; rest: government")
    claims: str = ""         # contested: the claims that disagree, "; "-joined ("opposition (HTS, per AP, 2024-12-06)")
    nearby: str = ""         # claims about places around the city (its outskirts, countryside, villages
                             # north of it): evidence only, never a change of hands; " | "-joined
    provenance: str = "extracted"  # extracted | analyst (who, when)


def status_at(intervals, city: str, day) -> ControlInterval | None:
    """The interval saying who controls `city` on `day` (a date or ISO text), or None when the
    corpus says nothing. Here, beside the record, so that the pages read it without the
    extraction layer (and spaCy with it).

    >>> rows = [ControlInterval("Hama", "government", "", "", "2024-12-05", 1, "", "", "", None,
    ...                         None, ""),
    ...         ControlInterval("Hama", "opposition", "", "2024-12-05", "", 1, "", "", "", None,
    ...                         None, "")]
    >>> status_at(rows, "Hama", "2024-12-04").controller, status_at(rows, "Hama", "2024-12-05").controller
    ('government', 'opposition')
    """
    from datetime import date

    from lib.temporal.spans import day_of  # spans reads this module's precisions: imported late

    key = day.isoformat() if isinstance(day, date) else day_of(str(day))
    holding = [i for i in intervals if i.city == city and (not i.valid_from or i.valid_from <= key)
               and (not i.valid_to or key < i.valid_to)]
    return max(holding, key=lambda i: i.valid_from, default=None)

