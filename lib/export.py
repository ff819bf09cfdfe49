"""Exports of any table (articles, timexes, mentions, events, control): CSV that opens safely in
Excel, JSON, and GeoJSON of events; each format registered by name in EXPORTERS. control.csv is
the control table as `control_table` orders it: one row a state, with its number of sources.

CSV for analysts is UTF-8 with a byte order mark (Excel then reads Arabic and accents right),
dates in ISO 8601, and no cell that Excel or LibreOffice would run as a formula: a text cell
starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP, CSV
injection). Numbers stay numbers: a numeric column's -3.5 is written as it is, and so is a text
cell that is only a number ("-12"), which no spreadsheet runs.

>>> import pandas as pd
>>> df = pd.DataFrame({"place": ["=HYPERLINK(\\"x\\")", "دير الزور"], "longitude": [-0.5, 40.1]})
>>> print(to_csv_bytes(df).decode("utf-8-sig").replace("\\r\\n", "\\n"), end="")
place,longitude
"'=HYPERLINK(""x"")",-0.5
دير الزور,40.1
"""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Exporter:
    """A format a table can be exported in: its name, file suffix, media type and writer."""

    name: str
    suffix: str
    media_type: str
    to_bytes: Callable[[pd.DataFrame], bytes]


EXPORTERS: dict[str, Exporter] = {}


def register_exporter(name: str, suffix: str, media_type: str
                      ) -> Callable[[Callable[[pd.DataFrame], bytes]], Callable[[pd.DataFrame], bytes]]:
    """Register `to_bytes(df) -> bytes` as the exporter of format `name`."""

    def register(to_bytes: Callable[[pd.DataFrame], bytes]) -> Callable[[pd.DataFrame], bytes]:
        EXPORTERS[name] = Exporter(name, suffix, media_type, to_bytes)
        return to_bytes

    return register


def export(df: pd.DataFrame, format_name: str) -> bytes:
    """`df` in the format registered as `format_name`; ValueError naming the known formats."""
    try:
        exporter = EXPORTERS[format_name]
    except KeyError:
        raise ValueError(f"unknown export format {format_name!r} "
                         f"(known: {', '.join(sorted(EXPORTERS))})") from None
    return exporter.to_bytes(df)


# --- CSV -----------------------------------------------------------------------------------------

def escape_cell(value: Any) -> Any:
    """A text cell made safe for spreadsheets; anything else unchanged.

    >>> [escape_cell(v) for v in ("=1+2", "@SUM(A1)", "-3", "-x", "\\tx", "Homs", -3, None)]
    ["'=1+2", "'@SUM(A1)", '-3', "'-x", "'\\tx", 'Homs', -3, None]
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with text cells escaped (escape_cell) and dates as ISO text."""
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = _iso_dates(series)
        elif pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
            continue
        else:
            out[column] = series.map(_safe_object, na_action="ignore").astype(object)
    return out


def _safe_object(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape_cell(value)


def _iso_dates(series: pd.Series) -> pd.Series:
    """Dates as YYYY-MM-DD when every value is at midnight, else YYYY-MM-DDTHH:MM[:SS]."""
    values = series.dropna()
    if series.dt.tz is not None:
        series = series.dt.tz_localize(None)
        values = series.dropna()
    if (values.dt.normalize() == values).all():
        fmt = "%Y-%m-%d"
    elif (values.dt.second == 0).all():
        fmt = "%Y-%m-%dT%H:%M"
    else:
        fmt = "%Y-%m-%dT%H:%M:%S"
    return series.dt.strftime(fmt).astype(object).where(series.notna(), None)


@register_exporter("csv", ".csv", "text/csv")
def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """`df` as CSV for Excel: UTF-8 with BOM, a header row, formula-like text cells escaped."""
    buffer = io.StringIO()
    # CRLF (RFC 4180): a cell holding a bare carriage return is then quoted too
    excel_safe(df).to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write `df` to `path` as to_csv_bytes does; returns the path."""
    path = Path(path)
    path.write_bytes(to_csv_bytes(df))
    return path


# --- control.csv ----------------------------------------------------------------------------------

CONTROL_CSV_FIRST = ["city", "state", "controller", "parts", "claims", "valid_from", "valid_to",
                     "precision", "status", "n_sources", "sources", "provenance", "actor_detail",
                     "evidence", "nearby"]


def n_sources(sources: object) -> int:
    """The distinct sources of an interval's `sources` cell ("AP; Reuters" -> 2).

    >>> n_sources("AP; Reuters; AP"), n_sources(float("nan"))
    (2, 0)
    """
    if not isinstance(sources, str):
        return 0
    return len({s.strip() for s in sources.split(";") if s.strip()})


def control_table(control: pd.DataFrame) -> pd.DataFrame:
    """control.csv: one row a state, what it is first (city, state, controller, parts, claims),
    then valid_from, valid_to, precision, status, n_sources, sources, evidence and the rest.

    >>> control_table(pd.DataFrame([{"city": "Homs", "controller": "government",
    ...     "sources": "AP; BBC"}]))[["city", "controller", "n_sources"]].values.tolist()
    [['Homs', 'government', 2]]
    """
    from lib.model import ControlInterval

    out = control.reindex(columns=list(dict.fromkeys([*control.columns, *ControlInterval.columns()])))
    out = out.assign(n_sources=[n_sources(s) for s in out["sources"]])
    return out[list(dict.fromkeys(CONTROL_CSV_FIRST + list(out.columns)))].reset_index(drop=True)


# --- JSON and GeoJSON ----------------------------------------------------------------------------

@register_exporter("json", ".json", "application/json")
def to_json_bytes(df: pd.DataFrame) -> bytes:
    """`df` as a JSON array of objects (one per row), UTF-8, ISO dates, null for missing values.

    >>> to_json_bytes(pd.DataFrame({"city": ["Homs"], "n": [float("nan")]}))
    b'[{"city":"Homs","n":null}]'
    """
    return df.to_json(orient="records", force_ascii=False, date_format="iso").encode("utf-8")


def _plain(value: Any) -> Any:
    """A JSON-ready Python value from a pandas/numpy cell (NaN and NaT -> None)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()
    return value


def events_geojson(df: pd.DataFrame) -> dict:
    """The events that have coordinates as a GeoJSON FeatureCollection of points; each feature's
    properties are the event's columns (coordinates in the geometry: [longitude, latitude]).

    >>> fc = events_geojson(pd.DataFrame({"event_id": ["e1", "e2"], "latitude": [34.73, None],
    ...                                   "longitude": [36.71, None]}))
    >>> [f["geometry"]["coordinates"] for f in fc["features"]], fc["features"][0]["id"]
    ([[36.71, 34.73]], 'e1')
    """
    features = []
    for record in df.to_dict(orient="records"):
        properties = {key: _plain(value) for key, value in record.items()}
        lat, lon = properties.get("latitude"), properties.get("longitude")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                   "properties": properties}
        if properties.get("event_id") is not None:
            feature["id"] = properties["event_id"]
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


@register_exporter("geojson", ".geojson", "application/geo+json")
def to_geojson_bytes(df: pd.DataFrame) -> bytes:
    """events_geojson of `df` as UTF-8 JSON bytes."""
    return json.dumps(events_geojson(df), ensure_ascii=False).encode("utf-8")
