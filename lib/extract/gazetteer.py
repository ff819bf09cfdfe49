"""An offline gazetteer of Syria and its neighbours: GeoNames places plus a hand list, looked up by key.

The data lives in `data/gazetteer/` (see its README): `geonames.tsv` (derived once from GeoNames),
`extra.tsv` (what GeoNames lacks: city districts, crossings, bases, regions), `exonyms.tsv` (fixed
other names: Kobani = Ain al-Arab) and `stoplist.tsv` (names that never match on their own).

Names are compared by `name_key`, a folding of the ways agencies transliterate Arabic (articles,
vowels, q/k, doubled letters, -eh/-a endings), applied to the gazetteer's names and to the text
alike, so a lookup is one dictionary access and matching a text is linear in its tokens.

>>> gaz = Gazetteer.load()
>>> [p.admin1 for p in gaz.candidates("Deir Ezzor")][:1]
['Deir ez-Zor']
>>> end, found = gaz.longest_match(["shelling", "in", "Tal", "Abyad", "today"], 2)
>>> end, resolve(found, Context(admin1="Raqqa")).admin1
(4, 'Raqqa')
>>> gaz.longest_match(["Assad", "said"], 0) is None
True
"""
from __future__ import annotations

import difflib
import math
import re
from collections import Counter
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Sequence

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
GEONAMES_FILE, EXTRA_FILE, EXONYMS_FILE, STOPLIST_FILE = (
    "geonames.tsv", "extra.tsv", "exonyms.tsv", "stoplist.tsv")
PLACE_COLUMNS = ("id", "name", "ascii", "aliases", "lat", "lon", "country", "admin1", "admin2",
                 "population", "kind")
EXTRA_COLUMNS = (*PLACE_COLUMNS, "part_of", "example")
EXONYM_COLUMNS = ("place", "aliases", "example")
STOPLIST_COLUMNS = ("name", "reason")
KINDS = ("city", "town", "village", "district", "camp", "crossing", "base", "site", "region",
         "province", "country")
REGION = frozenset({"SY", "LB", "TR", "IQ", "JO", "IL", "PS"})  # Syria and its neighbours
# Kinds of places in the neighbouring countries that a folded spelling alone does not reach (see
# `resolve`); beyond the region only a place's own spellings reach it.
FOLDED_ABROAD_NOT = frozenset({"village", "town", "district", "camp", "site"})
# How much a kind of place is expected in the news, for ranking candidates of one name.
KIND_WEIGHT = {"country": 2.0, "province": 1.5, "city": 1.5, "region": 1.2, "base": 1.2, "crossing": 1.2,
               "district": 1.0, "camp": 1.0, "site": 1.0, "town": 1.0, "village": 0.4}

# --- the key -----------------------------------------------------------------------------------------

ARTICLES = frozenset("al el il ul ad ed ar er as es at et az ez an en ash esh ath adh ud us ut uz".split())
_SUN = "tdrzsnl"
_APOSTROPHES = "'\u2019\u2018`\u00b4\u02bc\u02bb\u02be\u02bf"
# an article glued to a later word of a name: assimilated and doubled (Ezzor, Assuwayda, Arraqqa) or
# written with e- alone (Deir Ezour)
_GLUED_ARTICLE = re.compile(rf"^(?:[ae]l?([{_SUN}])\1|e([{_SUN}]))(?=[aeiou])")
# "al" written onto the word without its hyphen (Albab, Alwaer, Alduhour): folded the same way in the
# gazetteer and the text, so Almaty and Maty share a key, which ranking and country then tell apart
_GLUED_AL = re.compile(r"^al(?=[b-df-hj-np-tv-z][a-z]{2,})(?!l)")
_FOLDS = (  # applied in order to a lower-case ASCII word
    (re.compile(r"^k(?:a)?far$"), "kafr"),        # Kfar, Kafar = Kafr ("village of")
    (re.compile(r"ee"), "i"),                     # Sheeh = Shih, Rashdeen = Rashidin
    (re.compile(r"(.)\1+"), r"\1"),               # Raqqa, Hassakeh, Lattakia: doubled letters once
    (re.compile(r"kh"), "k"), (re.compile(r"gh"), "g"), (re.compile(r"q"), "k"),
    (re.compile(r"dh"), "d"), (re.compile(r"th"), "t"),
    (re.compile(r"(?<=[^aeiou])aw(?=[^aeiou]|$)"), "u"),   # Zawr = Zour = Zor
    (re.compile(r"(ei|ey|ai|ay|ie)(?![aeiou])"), "ay"),    # Deir = Dayr, Sheikh = Shaykh
    (re.compile(r"(ou|oo|o)"), "u"),              # Zour, Douma, Homs ~ Hums
    (re.compile(r"e"), "a"),                      # Deraa, Menbij, Hasakeh
    (re.compile(r"uw"), "w"),                     # Suwayda = Sweida
    (re.compile(r"i(?=[aeiou])"), "y"),           # Abiad = Abyad
    (re.compile(r"(.)\1+"), r"\1"),               # vowels the folds doubled (Daraa)
    (re.compile(r"(?<=[aiu])h$"), ""),            # -ah, -eh endings: Hamah = Hama, Raqqah = Raqqa
)


@lru_cache(maxsize=1 << 17)
def _ascii_words(text: str) -> tuple[str, ...]:
    text = text.replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(f"[{_APOSTROPHES}.]", "", text)
    return tuple(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=1 << 17)
def word_key(word: str, initial: bool = True) -> str:
    """The key of one lower-case ASCII word; "" for an article. A word inside a name may carry its
    article glued and assimilated ("Deir Ezzor"), which is dropped; a first word keeps it (Azzaz).

    >>> word_key("ez"), word_key("ezzor", initial=False), word_key("zawr"), word_key("raqqah")
    ('', 'zur', 'zur', 'raka')
    """
    if word in ARTICLES:
        return ""
    word = _GLUED_AL.sub("", word)
    if not initial:
        word = _GLUED_ARTICLE.sub(lambda m: m.group(1) or m.group(2), word)
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    return word


def name_key(text: str) -> str:
    """The key a name is looked up by: words folded by `word_key`, articles dropped, one space between.

    >>> name_key("Deir ez-Zor") == name_key("Deir Ezzor") == name_key("Dayr al-Zawr") == name_key("Deir al-Zour")
    True
    >>> name_key("Raqqa") == name_key("Raqa") == name_key("Rakka") == name_key("ar-Raqqah")
    True
    >>> name_key("Homs") == name_key("Hama")
    False
    """
    keys, initial = [], True
    for word in _ascii_words(text):
        key = word_key(word, initial)
        if key:
            keys.append(key)
            initial = False
    return " ".join(keys)


def surface(text: str) -> str:
    """A text as written, only case, diacritics, apostrophes and hyphens evened out: what the stoplist
    and the exact-name preference compare.

    >>> surface("Al-Bāb"), surface("Dar'a")
    ('al bab', 'dara')
    """
    return " ".join(_ascii_words(text))


HYPHENS = ("-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014")


def _possessive_stem(token: str, word: str) -> str | None:
    """The name under a possessive that lost its apostrophe ("Aleppos outskirts", "Syrias war"):
    tried only when the whole token is no name, on capitalised words of five letters or more."""
    if token[:1].isupper() and len(word) >= 5 and word.endswith("s") and not word.endswith("ss") \
            and not token[:-1].isupper():  # "SANAs" is an acronym's
        return word[:-1]
    return None


def _sentence_start(tokens: Sequence[str], position: int) -> bool:
    return position == 0 or tokens[position - 1] in (".", "!", "?", ":", ";", '"', "\u201c", "(", "\n")


# --- places ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """One place: a GeoNames row (id = geonameid) or a hand row (id = "hand:..")."""
    id: str
    name: str
    lat: float
    lon: float
    country: str              # ISO 3166 alpha-2
    admin1: str               # governorate / province in English ("Rural Damascus", "Hatay")
    admin2: str = ""          # district, where GeoNames has one
    kind: str = "village"     # one of KINDS
    population: int = 0
    part_of: str = ""         # a district's or camp's city ("Aleppo"), for `within`
    aliases: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Context:
    """What an article says about where it is: its country, the governorate it is about (FA-KES's
    location label, a dateline), and the places already resolved in it."""
    country: str = "SY"
    admin1: str = ""
    nearby: tuple[Place, ...] = ()
    text: str = ""            # the name as written, for preferring exact names over folded ones
    local: tuple[Place, ...] = ()  # the places of the name's own sentence ("al-Zahraa neighbourhood in Homs")


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance in km.

    >>> gaz = Gazetteer.load()
    >>> round(distance_km(gaz.best("Damascus"), gaz.best("Aleppo")) / 10) * 10
    310
    """
    return km_between(a.lat, a.lon, b.lat, b.lon)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def governorate_of(place: Place) -> str:
    """The first-level division a place lies in (its own name for a division row).

    >>> governorate_of(Gazetteer.load().best("Douma"))
    'Rural Damascus'
    """
    return place.admin1


def city_radius_km(place: Place) -> float:
    """How far a city's built-up area reaches, roughly, from its population (Aleppo ~ 12 km)."""
    return 2.0 + math.sqrt(max(place.population, 0)) / 140.0


SAME_CITY_KM = 10.0  # a gazetteer city or town this close to a named city's coordinates is that city


@lru_cache(maxsize=1 << 12)
def reach_km(name: str, latitude: float, longitude: float) -> float:
    """How far a city named `name` at these coordinates reaches (`city_radius_km` of the gazetteer's
    city or town of that name nearest them, within SAME_CITY_KM); 0 when the gazetteer has none.
    Read once per city: what containment between a city and its districts asks of the gazetteer.

    >>> round(reach_km("Aleppo", 36.2021, 37.1343)), reach_km("Nowhere", 36.2, 37.1)
    (12, 0.0)
    """
    city = city_named(name, latitude, longitude)
    return city_radius_km(city) if city is not None else 0.0


@lru_cache(maxsize=1 << 12)
def city_named(name: str, latitude: float, longitude: float) -> Place | None:
    """The gazetteer's city or town of that name nearest these coordinates, within SAME_CITY_KM."""
    found = [(km_between(p.lat, p.lon, latitude, longitude), p) for p in Gazetteer.load().candidates(name)
             if p.kind in ("city", "town")]
    found = [(km, p) for km, p in found if km <= SAME_CITY_KM]
    return min(found, key=lambda f: f[0])[1] if found else None


@lru_cache(maxsize=1024)
def governorate_around(name: str, latitude: float, longitude: float) -> str:
    """The first-level division around a city that is a division of its own (every place of its
    division lies within its reach): what "east of Damascus" or "the Damascus suburbs" lie in; ""
    for a city whose division reaches beyond it (Aleppo's countryside is Aleppo's).

    >>> governorate_around("Damascus", 33.5131, 36.2913), governorate_around("Aleppo", 36.2021, 37.1343)
    ('Rural Damascus', '')
    """
    city = city_named(name, latitude, longitude)
    if city is None:
        return ""
    reach = city_radius_km(city)
    points = [p for p in Gazetteer.load().places if p.country == city.country and p.kind not in ("province", "country", "region")]
    if any(p.admin1 == city.admin1 and distance_km(p, city) > reach for p in points):
        return ""
    around = Counter(p.admin1 for p in points if p.admin1 != city.admin1 and distance_km(p, city) <= 3 * reach)
    return around.most_common(1)[0][0] if around else ""


def within(place: Place, city: Place | str, gazetteer: "Gazetteer | None" = None) -> bool:
    """Is `place` the city, a district or camp of it, or a place inside its built-up radius?

    >>> gaz = Gazetteer.load()
    >>> within(gaz.best("Sheikh Maqsoud"), "Aleppo"), within(gaz.best("Manbij"), "Aleppo")
    (True, False)
    """
    if isinstance(city, str):
        found = (gazetteer or Gazetteer.load()).best(city)
        if found is None:
            return False
        city = found
    if place == city or (place.part_of and name_key(place.part_of) == name_key(city.name)):
        return True
    if city.kind in ("province", "country"):
        return (place.country == city.country
                and (city.kind == "country" or place.admin1 == city.admin1))
    return place.kind not in ("province", "country", "region") and \
        distance_km(place, city) <= city_radius_km(city)


# --- ranking -----------------------------------------------------------------------------------------

def score(place: Place, context: Context) -> float:
    """How likely `place` is the one meant, weighing the evidence Mordecai 3's ranker weighs for GeoNames
    candidates (it learns its weights from 6,000 examples; these are set by hand): the country the
    article is about, the divisions of the other places it names, the place's size and kind, and how
    closely the name as written matches one of the place's own names.

    >>> gaz = Gazetteer.load()
    >>> ctx = Context(admin1="Raqqa")
    >>> sorted(gaz.candidates("Tal Abyad"), key=lambda p: -score(p, ctx))[0].admin1
    'Raqqa'

    The name's own sentence outweighs the article: in a bulletin that names Aleppo's places most,
    "al-Zahraa neighborhood" of a sentence naming Homs is Homs's, and Aleppo's without it:

    >>> aleppo, homs = (*gaz.candidates("Salaheddine"), *gaz.candidates("Aleppo")), gaz.candidates("Homs")
    >>> article = Context(admin1="Aleppo", nearby=(*aleppo, *homs), text="al-Zahraa")
    >>> resolve(gaz.candidates("al-Zahraa"), article).admin1
    'Aleppo'
    >>> from dataclasses import replace
    >>> resolve(gaz.candidates("al-Zahraa"), replace(article, local=homs)).admin1
    'Homs'
    """
    value = 0.0
    if place.country == context.country:
        value += 5.0  # more than an exact spelling abroad: al-Mazraa is Suwayda's, not Galilee's
    if context.admin1 and place.admin1 == context.admin1:
        value += 3.0
    if context.nearby:
        same = sum(1 for other in context.nearby if other.admin1 == place.admin1 and other != place)
        value += min(3.0, 1.5 * same)
        if any(distance_km(place, other) <= 30 for other in context.nearby
               if other != place and other.kind not in ("country", "province", "region")):
            value += 1.0
    if context.local:
        # the name's own sentence weighs more than the article: a bulletin of five governorates'
        # shelling names Homs's al-Zahraa beside "Homs", whatever the article names most
        if any(distance_km(place, other) <= 30 for other in context.local
               if other != place and other.kind not in ("country", "province", "region")):
            value += 6.0  # more than the article's governorate and its other places together
        elif any(other.admin1 == place.admin1 for other in context.local if other != place and other.kind != "country"):
            value += 3.0
    value += math.log10(place.population + 1) / 3
    value += KIND_WEIGHT.get(place.kind, 0.5)
    if context.text and as_written(context.text, place):
        value += 3.0  # the name as written, not only its folded key
    return value


def _another_name(text: str, place: Place) -> bool:
    """Is `text` a city's name only by folding one of its other names, a name unlike its own? A big
    city's GeoNames names include its ancient and foreign ones (Aleppo's Beroea, Berea, Veroia, Halep),
    which folding brings near to unrelated words ("Bareh", "Bara"); a spelling of its own name
    ("Qamishly", "Lataqiya") or another name as written ("Halab") is the city.

    >>> aleppo = Gazetteer.load().candidates("Aleppo")[0]
    >>> _another_name("Bareh", aleppo), _another_name("Halab", aleppo), _another_name("Aleppo", aleppo)
    (True, False, False)
    >>> _another_name("Qamishly", Gazetteer.load().candidates("Qamishli")[0])
    False
    """
    if as_written(text, place):
        return False
    written, own = name_key(text), name_key(place.name)
    return difflib.SequenceMatcher(None, written, own).ratio() < 0.5


def as_written(text: str, place: Place) -> bool:
    """Is `text` one of the place's names as written (or its possessive: "Moscows")?"""
    written = surface(text)
    names = {surface(n) for n in place.names}
    return written in names or (written.endswith("s") and written[:-1] in names)


def resolve(candidates: Iterable[Place], context: Context = Context()) -> Place | None:
    """The best of a name's candidates for this article, or None when there are none.

    >>> gaz = Gazetteer.load()
    >>> resolve(gaz.candidates("Idleb")).name
    'Idlib'
    """
    best, best_score = None, -math.inf
    for place in candidates:
        if context.text and place.country != context.country and not as_written(context.text, place) \
                and (place.country not in REGION or place.kind in FOLDED_ABROAD_NOT):
            continue  # abroad only by its own spelling: "June" is not Yavne, "Souls" not Seoul
        if context.text and place.kind == "city" and _another_name(context.text, place):
            continue  # a city's other names are its old and foreign ones: only as written ("Bareh" is no Beroea)
        value = score(place, context)
        if value > best_score:
            best, best_score = place, value
    if best is not None and stray(best, context):
        return None
    return best


STRAY_KM = 75.0  # a village farther than this from every other place an article names is a stray


def stray(place: Place, context: Context) -> bool:
    """Is `place` a village reached only by a folded spelling, in another governorate than the
    article's, far from every other place it names and in a governorate it names nothing else of? Then the name is more likely another place
    the gazetteer lacks, or a word of a longer name ("Ter Maaleh" among the towns around Rastan is no
    Malah of Suwayda): left unknown rather than put in the wrong governorate.

    >>> homs = Gazetteer.load().candidates("Rastan")
    >>> stray(Gazetteer.load().candidates("Maaleh")[0], Context(admin1="Homs", nearby=homs, text="Maaleh"))
    True
    >>> stray(Gazetteer.load().candidates("Maaleh")[0], Context(admin1="Suwayda", text="Maaleh"))
    False
    """
    if place.kind in CITY_PARTS and place.part_of:
        return _stray_part(place, context)
    if place.kind != "village" or not context.admin1 or place.admin1 == context.admin1 \
            or (context.text and as_written(context.text, place)):
        return False
    if any(o != place and o.admin1 == place.admin1 for o in context.nearby if o.kind != "country"):
        return False  # the article names its governorate or another place of it ("in Hasakeh province")
    others = [o for o in context.nearby if o != place and o.kind not in ("country", "province", "region")]
    return bool(others) and all(distance_km(place, other) > STRAY_KM for other in others)


CITY_PARTS = ("district", "camp")


def _stray_part(place: Place, context: Context) -> bool:
    """A city's district or camp in an article that names nothing of the governorate its city lies in
    (neither is it the article's governorate) is another place of that name: district names are
    common words of the language ("the Old City", al-Sabil "the fountain", al-Midan "the square"), and
    a story from Jerusalem, or a bulletin of Daraa's shelling, means its own.

    >>> gaz = Gazetteer.load()
    >>> aleppo, old_city = gaz.candidates("Aleppo")[0], gaz.candidates("Old City of Aleppo")[0]
    >>> stray(old_city, Context(admin1="Jerusalem", nearby=gaz.candidates("Jerusalem")))
    True
    >>> stray(old_city, Context(admin1="", nearby=(aleppo,))), stray(old_city, Context(admin1="Aleppo"))
    (False, False)
    """
    if place.admin1 == context.admin1 or not (context.admin1 or context.nearby or context.local):
        return False  # nothing known of the article: no evidence against the place
    return not any(other != place and other.admin1 == place.admin1
                   for other in (*context.nearby, *context.local) if other.kind != "country")


# --- loading -----------------------------------------------------------------------------------------

def _rows(path: Path, columns: tuple[str, ...]) -> Iterable[dict[str, str]]:
    header = None
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                if tuple(cells) != columns:
                    raise ValueError(f"{path}, line {number}: header should be {' TAB '.join(columns)}")
                header = cells
                continue
            if len(cells) != len(columns):
                raise ValueError(f"{path}, line {number}: expected {len(columns)} columns, found "
                                 f"{len(cells)}")
            yield dict(zip(columns, (c.strip() for c in cells)))


def _split(aliases: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in aliases.split("|") if a.strip())


def _place(row: dict[str, str]) -> Place:
    if row["kind"] not in KINDS:
        raise ValueError(f"place {row['id']} {row['name']}: kind {row['kind']!r} not one of {KINDS}")
    return Place(id=row["id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
                 country=row["country"], admin1=row["admin1"], admin2=row["admin2"], kind=row["kind"],
                 population=int(row["population"] or 0), part_of=row.get("part_of", ""),
                 aliases=tuple(dict.fromkeys(a for a in (row["ascii"], *_split(row["aliases"]))
                                             if a and a != row["name"])))


class Gazetteer:
    """Places indexed by `name_key` of every name and alias.

    Load it with `Gazetteer.load(directory)`; it is cached per directory and file version.
    """

    def __init__(self, places: Sequence[Place], stoplist: Iterable[str] = ()):
        self.places = tuple(places)
        self.stoplist = frozenset(surface(s) for s in stoplist)
        self._ids = {place.id: place for place in self.places}
        by_key: dict[str, dict[str, Place]] = {}
        for place in self.places:
            for name in place.names:
                key = name_key(name)
                if len(key) >= 3 or (key and (name == place.name or not key.isalpha())):  # no "Ta", "We"
                    by_key.setdefault(key, {})[place.id] = place
        self._by_key = {key: tuple(found.values()) for key, found in by_key.items()}
        # lower-case words names carry after their first word ("Aleppo province", "Ramallah and
        # al-Bireh"): the only lower-case words a cased match may run on with
        self._inner_lower = frozenset(
            surface(word) for place in self.places if place.country in REGION for name in place.names
            for word in re.split(r"[\s\-]+", name)[1:]
            if word[:1].islower() and surface(word) not in ARTICLES)
        # every key's word-boundary prefixes: matching stops as soon as no name can go on
        self._prefixes = frozenset(" ".join(key.split(" ")[:n]) for key in self._by_key
                                   for n in range(1, key.count(" ") + 1))

    @staticmethod
    def load(directory: str | Path | None = None) -> "Gazetteer":
        """The gazetteer in `directory` (default data/gazetteer/; a path to one of its files names its
        folder), read once per version of its files."""
        folder = Path(directory) if directory is not None else DATA_DIR
        if folder.is_file():
            folder = folder.parent
        files = tuple(folder / name for name in (GEONAMES_FILE, EXTRA_FILE, EXONYMS_FILE, STOPLIST_FILE))
        version = tuple((f.stat().st_mtime_ns, f.stat().st_size) if f.is_file() else None for f in files)
        return _load(str(folder), version)

    def __len__(self) -> int:
        return len(self.places)

    def by_id(self, identifier: str) -> Place | None:
        return self._ids.get(identifier)

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place one of whose names has the key of `name` (nothing for a stoplisted name).

        >>> sorted((p.country, p.admin1) for p in Gazetteer.load().candidates("Deraa"))
        [('SY', 'Daraa'), ('TR', 'Mardin')]
        """
        if surface(name) in self.stoplist:
            return ()
        return self._by_key.get(name_key(name), ())

    def best(self, name: str, context: Context = Context()) -> Place | None:
        """`resolve` over the candidates of one name."""
        return resolve(self.candidates(name), Context(context.country, context.admin1, context.nearby,
                                                      name))

    def longest_match(self, tokens: Sequence[str], start: int, cased: bool = True
                      ) -> tuple[int, tuple[Place, ...]] | None:
        """The longest place name beginning at tokens[start]: (end, candidates), end exclusive, or None.

        Tokens are words as a tokenizer gives them ("Deir", "ez", "-", "Zor"); hyphens and articles
        are read through. With `cased`, the first word that is not an article must be capitalised
        (a proper noun), and a name the stoplist holds never matches alone.

        >>> gaz = Gazetteer.load()
        >>> gaz.longest_match(["in", "Deir", "ez", "-", "Zor", "city"], 1)[0]
        5
        >>> gaz.longest_match(["al", "-", "Bab"], 0)[0], gaz.longest_match(["Bab"], 0)
        (3, None)
        """
        ends = self.names_at(tokens, start, cased)
        return ends[0] if ends else None

    def names_at(self, tokens: Sequence[str], start: int, cased: bool = True
                 ) -> list[tuple[int, tuple[Place, ...]]]:
        """Every place name beginning at tokens[start], longest first: [(end, candidates)]."""
        if start >= len(tokens):
            return []
        first = tokens[start]
        if cased and not first[:1].isupper() and first.lower() not in ARTICLES:
            return []  # most tokens: a lower-case word begins no name
        if not self._may_start(tokens, start, cased):
            return []
        ends: list[tuple[int, tuple[Place, ...]]] = []
        keys: list[str] = []
        for position in range(start, len(tokens)):
            token = tokens[position]
            words = _ascii_words(token)
            if not words:
                if position == start or token.strip() not in HYPHENS:
                    break  # a name runs across hyphens only
                continue
            acronym = token.isalpha() and token.isupper() and len(token) <= 4
            if cased and keys and (acronym or (token[:1].islower() and words[0] not in ARTICLES
                                               and words[0] not in self._inner_lower)):
                break  # an acronym or a common word ends a name: "Aleppo SANA", "Daraa to"
            for word in words:
                key = word_key(word, initial=not keys)
                if key:
                    if cased and not keys and (acronym or not token[:1].isupper()):
                        return []  # a proper noun begins a name, not an acronym (SANA, RIA)
                    keys.append(key)
            if not keys or words[-1] in ARTICLES:
                continue
            joined = " ".join(keys)
            stem = _possessive_stem(token, words[-1]) if cased else None
            tries = [joined] + ([" ".join([*keys[:-1], word_key(stem, len(keys) == 1)])] if stem else [])
            for found in tries:
                if found in self._by_key:
                    text = surface(" ".join(tokens[start:position + 1]))
                    if not (cased and (text in self.stoplist or text[:-1] in self.stoplist)):
                        ends.append((position + 1, self._by_key[found]))
                    break
            if joined not in self._prefixes:
                break
        return ends[::-1]

    def _may_start(self, tokens: Sequence[str], start: int, cased: bool) -> bool:
        """A name may begin with an article only as Arabic writes it: "al"/"el" in any case, or any
        article joined by a hyphen (as-Suwayda) or capitalised (As Suwayda); not English "at"/"as"."""
        words = _ascii_words(tokens[start])
        if len(words) != 1 or words[0] not in ARTICLES or not cased:
            return True
        if words[0] in ("al", "el") or tokens[start][:1].isupper():
            return True
        return start + 1 < len(tokens) and tokens[start + 1] in HYPHENS

    @cached_property
    def _first_words(self) -> frozenset[str]:
        return frozenset(key.split(" ")[0] for key in self._by_key)

    def may_begin(self, token: str) -> bool:
        """Can a name begin with `token`: an article, or a word some name's key begins with (its
        possessive stem too)? A test of one set lookup, to skip `longest_match` on most words.

        >>> gaz = Gazetteer.load()
        >>> gaz.may_begin("Aleppos"), gaz.may_begin("al"), gaz.may_begin("Tuesday")
        (True, True, False)
        """
        words = _ascii_words(token)
        if not words:
            return False
        if words[0] in ARTICLES or word_key(words[0]) in self._first_words:
            return True
        stem = _possessive_stem(token, words[0])
        return stem is not None and word_key(stem) in self._first_words

    def matches(self, tokens: Sequence[str], cased: bool = True
                ) -> Iterable[tuple[int, int, tuple[Place, ...]]]:
        """Every longest, non-overlapping place name in a token sequence: (start, end, candidates).

        >>> [(s, e) for s, e, _ in Gazetteer.load().matches("Clashes near Maarat al-Numan".split())]
        [(2, 4)]
        """
        position = 0
        while position < len(tokens):
            found = self.longest_match(tokens, position, cased)
            if found is None:
                position += 1
                continue
            end, places = found
            if cased and end == position + 1 and _sentence_start(tokens, position) and \
                    surface(tokens[position]) not in {surface(n) for p in places for n in p.names}:
                position += 1  # "They", "Seven", "Mosque" opening a sentence: a folded spelling only
                continue
            yield position, end, places
            position = end


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in a text: tokens [start, end), the text as written, and the place it was
    resolved to, or None when the gazetteer has no place that fits (kept with its name, flagged)."""
    start: int
    end: int
    text: str
    place: Place | None
    n_candidates: int = 0

    @property
    def unknown(self) -> bool:
        return self.place is None


def places_in(gazetteer: Gazetteer, tokens: Sequence[str], context: Context = Context()
              ) -> list[PlaceMention]:
    """Every place name in a token sequence, resolved in two passes as Mordecai does with the other
    places of a document: first each name alone, then again with the unambiguous names (one candidate)
    as the neighbourhood that decides between the candidates of the ambiguous ones.

    >>> gaz = Gazetteer.load()
    >>> found = places_in(gaz, "Shelling hit Khalidiya and Bab Amr in Homs".split())
    >>> [(m.text, m.place.admin1) for m in found]
    [('Khalidiya', 'Homs'), ('Bab Amr', 'Homs'), ('Homs', 'Homs')]
    """
    spans = list(gazetteer.matches(tokens))
    anchors = tuple(c[0] for _, _, c in spans if len(c) == 1)
    found = []
    for start, end, candidates in spans:
        # the longest name first; a shorter one when the longer fits no place ("Hamdaniyeh district")
        for end, candidates in gazetteer.names_at(tokens, start) or [(end, candidates)]:
            text = " ".join(tokens[start:end])
            nearby = tuple(p for p in anchors if p not in candidates) + context.nearby
            place = resolve(candidates, Context(context.country, context.admin1, nearby, text))
            if place is not None:
                break
        if place is None and not any(p.country == context.country for p in candidates):
            continue  # folds like a place abroad only ("Reveals" ~ Tallinn, "Matters"): no place at all
        found.append(PlaceMention(start, end, text, place, len(candidates)))
    return found


def districts_named(name: str) -> tuple[tuple[str, str], ...]:
    """The districts (and camps) of a city that `name` names, as (the district's own name_key, its
    city's name_key), from data/gazetteer/extra.tsv `part_of` alone (no gazetteer load).

    >>> districts_named("Qabun") == ((name_key("Qaboun"), name_key("Damascus")),)
    True
    """
    return _districts().get(name_key(name), ())


def city_of_district(name: str) -> str:
    """The name_key of the city a district belongs to ("aleppo" for Hamdaniyeh), "" when `name` is
    no district's own name in the gazetteer (data/gazetteer/extra.tsv `part_of`).

    >>> city_of_district("Hamdaniyeh") == name_key("Aleppo"), city_of_district("Aleppo")
    (True, '')
    """
    key = name_key(name)
    return next((city for district, city in districts_named(name) if district == key), "")


@lru_cache(maxsize=1)
def _districts() -> dict[str, tuple[tuple[str, str], ...]]:
    """name_key of each name of a city's district (al-Hamadaniyeh) -> (the district's own name_key,
    its city's name_key) of each district so named (("hamdaniyeh", "aleppo"),)."""
    found: dict[str, dict[tuple[str, str], None]] = {}
    for row in _rows(DATA_DIR / EXTRA_FILE, EXTRA_COLUMNS):
        if row["part_of"]:
            place = _place(row)
            for name in place.names:
                found.setdefault(name_key(name), {})[(name_key(place.name), name_key(place.part_of))] = None
    return {k: tuple(v) for k, v in found.items()}


@lru_cache(maxsize=4)
def _load(folder: str, version: tuple) -> Gazetteer:
    path = Path(folder)
    places: dict[str, Place] = {}
    for row in _rows(path / GEONAMES_FILE, PLACE_COLUMNS):
        places[row["id"]] = _place(row)
    if (path / EXTRA_FILE).is_file():
        for row in _rows(path / EXTRA_FILE, EXTRA_COLUMNS):
            places[row["id"]] = _place(row)
    if (path / EXONYMS_FILE).is_file():
        for row in _rows(path / EXONYMS_FILE, EXONYM_COLUMNS):
            place = places.get(row["place"])
            if place is None:
                raise ValueError(f"{path / EXONYMS_FILE}: no place with id {row['place']}")
            places[place.id] = Place(**{**place.__dict__,
                                        "aliases": place.aliases + _split(row["aliases"])})
    stoplist = ([row["name"] for row in _rows(path / STOPLIST_FILE, STOPLIST_COLUMNS)]
                if (path / STOPLIST_FILE).is_file() else [])
    return Gazetteer(list(places.values()), stoplist)
