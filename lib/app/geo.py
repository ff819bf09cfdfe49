"""Map boundaries shipped with the app (data/geo), as line paths plotly can draw offline.

Plotly's own geo maps fetch a base map from a CDN; drawing the outlines from a local GeoJSON file
as ordinary traces needs nothing from outside (see data/geo/README.md).

>>> outlines = country_outlines()
>>> [o.name for o in outlines if o.focus]
['Syria']
>>> syria = next(o for o in outlines if o.focus)
>>> 35 < min(lon for lon in syria.lons if lon is not None) < 36
True
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib.settings import DATA_DIR

BOUNDARIES_PATH = DATA_DIR / "geo" / "syria_neighbours.geojson"

# The map's extent (lon, lat): Syria with a margin that shows its neighbours' border regions.
LON_RANGE = (34.6, 43.2)
LAT_RANGE = (31.6, 37.9)


@dataclass(frozen=True)
class Outline:
    """One country's rings as one path: `lons`/`lats` with None between rings."""

    name: str
    iso_a3: str
    focus: bool
    label_lon: float | None
    label_lat: float | None
    lons: tuple[float | None, ...]
    lats: tuple[float | None, ...]


@lru_cache(maxsize=4)
def load_boundaries(path: str | Path = BOUNDARIES_PATH) -> dict:
    """The GeoJSON FeatureCollection of data/geo (or `path`)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def country_outlines(path: str | Path = BOUNDARIES_PATH) -> tuple[Outline, ...]:
    """Every country of the boundaries file as an Outline, the focus country first."""
    return tuple(_outline(feature) for feature in load_boundaries(path)["features"])


def _outline(feature: dict) -> Outline:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
        else [geometry["coordinates"]]
    lons: list[float | None] = []
    lats: list[float | None] = []
    for polygon in polygons:
        for ring in polygon:
            if lons:
                lons.append(None)
                lats.append(None)
            lons.extend(point[0] for point in ring)
            lats.extend(point[1] for point in ring)
    properties = feature.get("properties", {})
    return Outline(name=properties.get("name", ""), iso_a3=properties.get("iso_a3", ""),
                   focus=bool(properties.get("focus")), label_lon=properties.get("label_lon"),
                   label_lat=properties.get("label_lat"), lons=tuple(lons), lats=tuple(lats))
