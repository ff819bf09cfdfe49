"""The place, actor and trigger lexicons: data files under `data/lexicon/` (or CTE_LEXICON_DIR).

Each file is TAB-separated with a `# ` comment header saying its format; see the files themselves.
Loaders are cached per directory and file modification time, so pointing CTE_LEXICON_DIR at another
conflict's lexicons (or editing a file) takes effect on the next call.

>>> place_by_alias("Deir al-Zour").name
'Deir ez-Zor'
>>> actor_by_alias("the war monitor").name
'Syrian Observatory for Human Rights'
>>> triggers()["pull out"].control
'loss'
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from lib.settings import Settings

PLACE_KINDS = ("city", "town", "province", "country", "region", "crossing", "site")
SIDES = ("government", "opposition", "sdf", "foreign_state", "militia", "jihadist", "international",
         "media", "monitor", "civilians", "islamic_state", "hts", "southern_factions", "turkish_backed",
         "government_ally", "turkish_ally")
ACTOR_KINDS = ("state_forces", "rebel_group", "coalition", "militia", "state", "organisation", "person",
               "outlet", "monitor", "civilians", "protesters")
CONTROL_EFFECTS = ("gain", "loss", "hold", "held", "")
SUB_EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
# the event types of violence (ACLED's political violence), as mention extraction and consolidation ask
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
PLACE_LABELS = {"city": "GPE", "town": "GPE", "province": "GPE", "country": "GPE",
                "region": "LOC", "crossing": "LOC", "site": "LOC"}
ACTOR_LABELS = {"person": "PERSON", "state": "GPE"}  # every other kind: ORG

PLACES_FILE, ACTORS_FILE, TRIGGERS_FILE, SIDES_FILE = "places.tsv", "actors.tsv", "triggers.tsv", "sides.tsv"
INSTRUMENTS_FILE = "instruments.tsv"
INSTRUMENT_COLUMNS = ("words", "event_type", "sub_event_type", "rank", "example")
SIDE_COLUMNS = ("side", "controller", "label", "colour", "legend", "ally_of", "held_words")
PLACE_COLUMNS = ("name", "kind", "admin1", "country", "latitude", "longitude", "aliases", "example")
ACTOR_COLUMNS = ("name", "side", "kind", "generic", "aliases", "example")
ACTOR_OPTIONAL = ("acled_type", "forces")  # older files may leave them out
ACLED_ACTOR_TYPES = ("1", "2", "3", "4", "5", "6", "7", "8", "")
TRIGGER_COLUMNS = ("lemma", "event_type", "sub_event_type", "control", "pos", "goal", "parties",
                   "kind", "example")

HYPHENS = ("-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014")
APOSTROPHES = ("'", "\u2019", "\u2018", "`", "\u00b4", "\u02bc")


class _Named:
    name: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name first, then every alias."""
        return (self.name, *(a for a in self.aliases if a != self.name))


@dataclass(frozen=True)
class Place(_Named):
    name: str
    kind: str
    admin1: str
    country: str
    latitude: float
    longitude: float
    aliases: tuple[str, ...] = ()
    example: str = ""


@dataclass(frozen=True)
class Actor(_Named):
    name: str
    side: str
    kind: str
    aliases: tuple[str, ...] = ()
    example: str = ""
    generic: bool = False            # a generic description ("rebels"), not a named group
    acled_type: int = 0              # ACLED actor type (lib.model.ACTOR_TYPES), 0 when no party
    forces: str = ""                 # the actor that acts by arms for it ("Russia": "Russian armed forces")


@dataclass(frozen=True)
class Side:
    side: str
    controller: str                  # the control map's controller it holds territory for, "" when none
    label: str
    colour: str = ""                 # the map colour of its controller
    legend: str = ""                 # the legend's words for its controller
    ally_of: str = ""                # the controller an ally takes territory for
    held_words: tuple[str, ...] = () # "rebel" in "rebel-held"


@dataclass(frozen=True)
class Instrument:
    words: str                        # lemmas of consecutive tokens, single spaces
    event_type: str
    sub_event_type: str
    rank: int                         # which wins when a phrase names several
    example: str = ""


@dataclass(frozen=True)
class Trigger:
    lemma: str
    event_type: str
    sub_event_type: str
    control: str
    pos: tuple[str, ...] = ("VERB",)   # spaCy coarse tags it fires on
    goal_is_place: bool = False        # "transferred to Latakia": the destination is the place
    many_parties: bool = False         # a meeting or a clash: one event whoever is named first
    kind: str = ""                     # the happening, shared by synonyms: "departure", "meeting"
    example: str = ""


def lexicon_dir(directory: str | Path | None = None) -> Path:
    """The folder the lexicons are read from: `directory`, else the CTE_LEXICON_DIR setting."""
    return Path(directory) if directory is not None else Settings.from_env().lexicon_dir


def normalise(text: str) -> str:
    """The key names are compared by: lower case, no diacritics, apostrophes or full stops, hyphens and
    runs of white space as one space, no leading "the".

    >>> normalise("The Türkiye’s  al-Assad, U.S.")
    'turkiyes al assad us'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub("[" + re.escape("".join(APOSTROPHES)) + ".,]", "", text)
    text = re.sub("[" + re.escape("".join(HYPHENS)) + r"\s]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


# --- reading ---------------------------------------------------------------------------------------

def _rows(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> Iterable[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row of a lexicon file, checking the header and column count.
    `optional`: trailing columns a file may leave out altogether (read as empty)."""
    if not path.is_file():
        raise FileNotFoundError(f"lexicon file {path} not found (set CTE_LEXICON_DIR to the folder "
                                f"holding {PLACES_FILE}, {ACTORS_FILE} and {TRIGGERS_FILE})")
    header_seen = False
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if not header_seen:
                present = tuple(cells)
                if present != columns + optional and present != columns:
                    raise ValueError(f"{path}, line {number}: the header row should be "
                                     f"{' TAB '.join(columns + optional)}, found {' TAB '.join(cells)}")
                header_seen = True
                continue
            if len(cells) != len(present):
                raise ValueError(f"{path}, line {number}: expected {len(present)} TAB-separated columns "
                                 f"({', '.join(present)}), found {len(cells)}")
            if not cells[0]:
                raise ValueError(f"{path}, line {number}: the {columns[0]} column is empty")
            row = dict(zip(present, cells))
            yield number, {**{c: "" for c in optional}, **row}
    if not header_seen:
        raise ValueError(f"{path}: no header row ({' TAB '.join(columns)})")


def _aliases(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.strip() for a in cell.split("|") if a.strip()))


def _choice(path: Path, number: int, column: str, value: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{path}, line {number}: unknown {column} {value!r} "
                         f"(one of: {', '.join(a or '(empty)' for a in allowed)})")
    return value


def _coordinate(path: Path, number: int, column: str, value: str, limit: float) -> float:
    try:
        degrees = float(value)
    except ValueError:
        raise ValueError(f"{path}, line {number}: {column} {value!r} is not a number of degrees") from None
    if not -limit <= degrees <= limit:
        raise ValueError(f"{path}, line {number}: {column} {value} is outside -{limit}..{limit}")
    return degrees


T = TypeVar("T")


def _unique(path: Path, items: Iterable[tuple[int, T]], key: Callable[[T], str]) -> dict[str, T]:
    table: dict[str, T] = {}
    for number, item in items:
        name = key(item)
        if name in table:
            raise ValueError(f"{path}, line {number}: {name!r} is listed twice")
        table[name] = item
    return table


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=16)
def _places(path: Path, _stamp: int) -> dict[str, Place]:
    def read():
        for number, row in _rows(path, PLACE_COLUMNS):
            yield number, Place(
                name=row["name"],
                kind=_choice(path, number, "kind", row["kind"], PLACE_KINDS),
                admin1=row["admin1"], country=row["country"],
                latitude=_coordinate(path, number, "latitude", row["latitude"], 90),
                longitude=_coordinate(path, number, "longitude", row["longitude"], 180),
                aliases=_aliases(row["aliases"]), example=row["example"])
    return _unique(path, read(), lambda p: p.name)


@lru_cache(maxsize=16)
def _actors(path: Path, _stamp: int) -> dict[str, Actor]:
    def read():
        for number, row in _rows(path, ACTOR_COLUMNS, ACTOR_OPTIONAL):
            yield number, Actor(
                name=row["name"],
                side=_choice(path, number, "side", row["side"], SIDES),
                kind=_choice(path, number, "kind", row["kind"], ACTOR_KINDS),
                generic=_choice(path, number, "generic", row["generic"], ("yes", "no")) == "yes",
                aliases=_aliases(row["aliases"]), example=row["example"],
                acled_type=int(_choice(path, number, "acled_type", row["acled_type"], ACLED_ACTOR_TYPES) or 0),
                forces=row["forces"])
    return _unique(path, read(), lambda a: a.name)


@lru_cache(maxsize=16)
def _sides(path: Path, _stamp: int) -> dict[str, Side]:
    def read():
        for number, row in _rows(path, SIDE_COLUMNS):
            yield number, Side(side=_choice(path, number, "side", row["side"], SIDES),
                               controller="" if row["controller"] == "-" else row["controller"],
                               label=row["label"], colour=_dash(row["colour"]), legend=_dash(row["legend"]),
                               ally_of=_dash(row["ally_of"]), held_words=tuple(_dash(row["held_words"]).split()))
    return _unique(path, read(), lambda s: s.side)


def _dash(cell: str) -> str:
    return "" if cell == "-" else cell


def _parts_of_speech(path: Path, number: int, cell: str) -> tuple[str, ...]:
    words = cell.split()
    if not words or any(w not in ("verb", "noun") for w in words):
        raise ValueError(f"{path}, line {number}: pos should be verb, noun or \"verb noun\", "
                         f"found {cell!r}")
    return tuple({"verb": "VERB", "noun": "NOUN"}[w] for w in words)


@lru_cache(maxsize=16)
def _triggers(path: Path, _stamp: int) -> dict[str, Trigger]:
    def read():
        for number, row in _rows(path, TRIGGER_COLUMNS):
            lemma = " ".join(row["lemma"].split())
            if lemma != lemma.lower():
                raise ValueError(f"{path}, line {number}: lemma {lemma!r} should be lower case")
            event_type = _choice(path, number, "event_type", row["event_type"], SUB_EVENT_TYPES)
            yield number, Trigger(
                lemma=lemma, event_type=event_type,
                sub_event_type=_choice(path, number, f"sub_event_type of {event_type}",
                                       row["sub_event_type"], SUB_EVENT_TYPES[event_type]),
                control=_choice(path, number, "control", row["control"], CONTROL_EFFECTS),
                pos=_parts_of_speech(path, number, row["pos"]),
                goal_is_place=_choice(path, number, "goal", row["goal"], ("", "place")) == "place",
                many_parties=_choice(path, number, "parties", row["parties"], ("one", "many")) == "many",
                kind=row["kind"] or lemma,
                example=row["example"])
    return _unique(path, read(), lambda t: t.lemma)


@lru_cache(maxsize=16)
def _instruments(path: Path, _stamp: int) -> dict[str, Instrument]:
    def read():
        for number, row in _rows(path, INSTRUMENT_COLUMNS):
            words = " ".join(row["words"].split())
            if words != words.lower():
                raise ValueError(f"{path}, line {number}: words {words!r} should be lower case")
            event_type = _choice(path, number, "event_type", row["event_type"], SUB_EVENT_TYPES)
            rank = row["rank"].strip()
            if not rank.isdigit() or not 1 <= int(rank) <= 9:
                raise ValueError(f"{path}, line {number}: rank should be 1 to 9, found {rank!r}")
            yield number, Instrument(
                words=words, event_type=event_type,
                sub_event_type=_choice(path, number, f"sub_event_type of {event_type}",
                                       row["sub_event_type"], SUB_EVENT_TYPES[event_type]),
                rank=int(rank), example=row["example"])
    return _unique(path, read(), lambda i: i.words)


def instruments(directory: str | Path | None = None) -> dict[str, Instrument]:
    """Every instrument of instruments.tsv by its words; the lexicon's own file when the folder has
    none.

    >>> instruments()["barrel bomb"].sub_event_type, instruments()["car bomb"].rank
    ('Air/drone strike', 7)
    """
    path = lexicon_dir(directory) / INSTRUMENTS_FILE
    if not path.is_file():
        path = Settings().lexicon_dir / INSTRUMENTS_FILE
    return _instruments(path, _stamp(path))


def places(directory: str | Path | None = None) -> dict[str, Place]:
    """Every place of places.tsv by canonical name, in file order.

    >>> places()["Daraa Governorate"].kind
    'province'
    """
    path = lexicon_dir(directory) / PLACES_FILE
    return _places(path, _stamp(path))


def sides(directory: str | Path | None = None) -> dict[str, Side]:
    """What each side means for territory (sides.tsv), by side; the lexicon's own file when the
    folder has none.

    >>> sides()["jihadist"].controller, sides()["foreign_state"].controller
    ('opposition', '')
    """
    path = lexicon_dir(directory) / SIDES_FILE
    if not path.is_file():
        path = Settings().lexicon_dir / SIDES_FILE
    return _sides(path, _stamp(path))


def controller_of_side(side: str, directory: str | Path | None = None) -> str:
    """The controller a side holds territory for, "" when it holds none.

    >>> controller_of_side("sdf"), controller_of_side("monitor"), controller_of_side("")
    ('sdf', '', '')
    """
    entry = sides(directory).get(side)
    return entry.controller if entry else ""


def generic_actors(directory: str | Path | None = None) -> frozenset[str]:
    """The actors that are generic descriptions of a side (actors.tsv's `generic` column).

    >>> "Syrian opposition" in generic_actors(), "Hayat Tahrir al-Sham" in generic_actors()
    (True, False)
    """
    return frozenset(a.name for a in actors(directory).values() if a.generic)


def actors(directory: str | Path | None = None) -> dict[str, Actor]:
    """Every actor of actors.tsv by canonical name, in file order.

    >>> actors()["Hayat Tahrir al-Sham"].side
    'hts'
    """
    path = lexicon_dir(directory) / ACTORS_FILE
    return _actors(path, _stamp(path))


def triggers(directory: str | Path | None = None) -> dict[str, Trigger]:
    """Every trigger of triggers.tsv by lemma (a multiword lemma has single spaces).

    >>> triggers()["capture"].sub_event_type
    'Non-state actor overtakes territory'
    """
    path = lexicon_dir(directory) / TRIGGERS_FILE
    return _triggers(path, _stamp(path))


def departure_words(directory: str | Path | None = None) -> frozenset[str]:
    """The first words of the triggers of a side's losing a place without a taker (triggers.tsv control
    "loss": "withdraw", "pull out", "leave", "flee", and the nouns "withdrawal", "pullback").

    >>> {"withdraw", "withdrawal", "pull", "flee"} <= departure_words()
    True
    """
    path = lexicon_dir(directory) / TRIGGERS_FILE
    return _departure_words(path, _stamp(path))


@lru_cache(maxsize=16)
def _departure_words(path: Path, stamp: int) -> frozenset[str]:
    return frozenset(t.lemma.split()[0] for t in _triggers(path, stamp).values() if t.control == "loss")


# --- lookup ----------------------------------------------------------------------------------------

def alias_index(rows: Iterable[Place | Actor]) -> dict[str, list[str]]:
    """Each normalised name or alias -> the canonical names of the rows that carry it (file order)."""
    index: dict[str, list[str]] = {}
    for row in rows:
        for name in row.names:
            owners = index.setdefault(normalise(name), [])
            if row.name not in owners:
                owners.append(row.name)
    return index


def duplicate_aliases(rows: Iterable[Place | Actor]) -> dict[str, list[str]]:
    """Normalised aliases that more than one row carries, with those rows.

    >>> duplicate_aliases(places().values())
    {}
    """
    return {key: owners for key, owners in alias_index(rows).items() if len(owners) > 1}


@lru_cache(maxsize=32)
def _index(kind: str, directory: Path, _stamps: tuple[int, ...]) -> dict[str, str]:
    table = places(directory) if kind == "places" else actors(directory)
    return {key: owners[0] for key, owners in alias_index(table.values()).items()}


def _lookup(kind: str, file: str, text: str, directory: str | Path | None):
    folder = lexicon_dir(directory)
    table = places(folder) if kind == "places" else actors(folder)
    name = _index(kind, folder, (_stamp(folder / file),)).get(normalise(text))
    return table[name] if name else None


def place_by_alias(text: str, directory: str | Path | None = None) -> Place | None:
    """The place `text` names (its canonical name or any alias, compared by `normalise`), or None.
    Where two rows share an alias the first in the file wins.

    >>> place_by_alias("the Golan").name
    'Golan Heights'
    >>> place_by_alias("Daraa province").name
    'Daraa Governorate'
    """
    return _lookup("places", PLACES_FILE, text, directory)


def actor_by_alias(text: str, directory: str | Path | None = None) -> Actor | None:
    """The actor `text` names (canonical name or alias, compared by `normalise`), or None.

    >>> actor_by_alias("HTS") == actor_by_alias("Hayat Tahrir al-Sham")
    True
    >>> actor_by_alias("Turkiye").name
    'Turkey'
    """
    return _lookup("actors", ACTORS_FILE, text, directory)


# --- entity ruler ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _tokenizer():
    import spacy  # imported here so the loaders work without spaCy's start-up cost
    return spacy.blank("en").tokenizer


def _is_acronym(token: str) -> bool:
    letters = token.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _token_forms(token: str) -> list[str]:
    """The lower-case forms a token may take: as written, without diacritics, either apostrophe."""
    forms = [token.lower(), _fold(token).lower()]
    for form in list(forms):
        for apostrophe in APOSTROPHES[:2]:
            forms.append(re.sub("[" + "".join(APOSTROPHES) + "]", apostrophe, form))
    return list(dict.fromkeys(forms))


def token_pattern(alias: str) -> list[dict]:
    """The EntityRuler token pattern for one alias: LOWER per token (any diacritics and apostrophe
    style), ORTH for acronyms of up to five capitals, an optional hyphen where the alias has one, and
    any white space between tokens.

    >>> token_pattern("Deir al-Zour")[-3:]
    [{'LOWER': 'al'}, {'ORTH': {'IN': ['-', '‐', '‑', '‒', '–', '—']}, 'OP': '?'}, {'LOWER': 'zour'}]
    """
    pattern: list[dict] = []
    for token in _tokenizer()(alias):
        if token.is_space:
            continue
        if pattern:
            pattern.append({"IS_SPACE": True, "OP": "*"})
        if token.text in HYPHENS:
            pattern.append({"ORTH": {"IN": list(HYPHENS)}, "OP": "?"})
        elif _is_acronym(token.text):
            pattern.append({"ORTH": token.text})
        else:
            forms = _token_forms(token.text)
            pattern.append({"LOWER": forms[0] if len(forms) == 1 else {"IN": forms}})
    # no white space around an optional hyphen: "al-Zour" and "al Zour" both match, "al - Zour" too
    return [p for i, p in enumerate(pattern)
            if not (p.get("IS_SPACE") and (_is_hyphen(pattern, i - 1) or _is_hyphen(pattern, i + 1)))]


def _is_hyphen(pattern: list[dict], i: int) -> bool:
    return 0 <= i < len(pattern) and pattern[i].get("OP") == "?" and "ORTH" in pattern[i]


def place_label(place: Place) -> str:
    return PLACE_LABELS[place.kind]


def actor_label(actor: Actor) -> str:
    return ACTOR_LABELS.get(actor.kind, "ORG")


POSSESSIVE = re.compile("[" + "".join(APOSTROPHES) + r"]s\b")


def fused_possessives(alias: str) -> tuple[str, ...]:
    """An actor's name as outlets that drop apostrophes write its possessive: "Assad's forces" as
    "Assads forces"; a one-word proper name as its bare possessive ("Russia": "Russias", as in
    "Russias air force struck"), which the actor's own forces or it stands for.

    >>> fused_possessives("Assad's air force"), fused_possessives("Russia"), fused_possessives("rebels")
    (('Assads air force',), ('Russias',), ())
    """
    if POSSESSIVE.search(alias):
        return (POSSESSIVE.sub("s", alias),)
    if alias.isalpha() and alias[0].isupper() and not alias.isupper() and not alias.endswith("s"):
        return (alias + "s",)
    return ()


@lru_cache(maxsize=8)
def _patterns(directory: Path, _stamps: tuple[int, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    entries = [(place_label(p), p.name, p.names) for p in places(directory).values()]
    entries += [(actor_label(a), a.name, tuple(dict.fromkeys(
        [*a.names, *(f for n in a.names for f in fused_possessives(n))]))) for a in actors(directory).values()]
    for label, name, names in entries:
        for alias in names:
            pattern = token_pattern(alias)
            if pattern:
                seen.setdefault(json.dumps({"label": label, "pattern": pattern, "id": name},
                                           ensure_ascii=False), None)
    return tuple(seen)


def entity_ruler_patterns(directory: str | Path | None = None) -> list[dict]:
    """Patterns for spaCy's EntityRuler: one per place and actor name or alias, labelled GPE (city,
    town, province, country; actors that are states), LOC (region, crossing, site), PERSON (people) or
    ORG (every other actor), with the canonical name as the pattern's `id` (`span.ent_id_`).

    >>> [p for p in entity_ruler_patterns() if p["pattern"] == [{"ORTH": "HTS"}]]
    [{'label': 'ORG', 'pattern': [{'ORTH': 'HTS'}], 'id': 'Hayat Tahrir al-Sham'}]
    """
    folder = lexicon_dir(directory)
    stamps = (_stamp(folder / PLACES_FILE), _stamp(folder / ACTORS_FILE))
    return [json.loads(entry) for entry in _patterns(folder, stamps)]


def pattern_conflicts(directory: str | Path | None = None) -> dict[str, list[tuple[str, str]]]:
    """Token patterns that two rows would claim with a different label or id (none should exist)."""
    claims: dict[str, list[tuple[str, str]]] = {}
    for entry in entity_ruler_patterns(directory):
        key = json.dumps(entry["pattern"], ensure_ascii=False)
        claims.setdefault(key, []).append((entry["label"], entry["id"]))
    return {key: owners for key, owners in claims.items() if len(owners) > 1}


def clear_caches() -> None:
    """Forget every loaded lexicon (they reload on the next call)."""
    for cached in (_places, _actors, _triggers, _index, _patterns):
        cached.cache_clear()


__all__ = ["Place", "Actor", "Trigger", "places", "actors", "triggers", "place_by_alias",
           "actor_by_alias", "entity_ruler_patterns", "normalise", "duplicate_aliases",
           "pattern_conflicts", "token_pattern", "lexicon_dir", "clear_caches"]
