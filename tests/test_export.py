"""lib.export: CSV that Excel opens safely (BOM, ISO dates, no formulas, Arabic kept, numbers as
numbers), JSON, and GeoJSON of events."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pandas as pd
import pytest

from lib.export import EXPORTERS, events_geojson, export, to_csv_bytes, to_json_bytes, write_csv
from lib.model import Event


def read_back(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_starts_with_a_bom_and_keeps_arabic(tmp_path):
    df = pd.DataFrame({"place": ["دير الزور", "Homs"], "n": [1, 2]})
    data = to_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    assert read_back(data) == [["place", "n"], ["دير الزور", "1"], ["Homs", "2"]]
    path = write_csv(df, tmp_path / "out.csv")
    assert path.read_bytes() == data


@pytest.mark.parametrize("cell", ["=1+2", "+SUM(A1:A2)", "-2+3", "@cmd", "\tx", "\r=x",
                                  "=HYPERLINK(\"http://x\",\"click\")", "-x"])
def test_formula_like_cells_are_escaped(cell):
    [_, [value]] = read_back(to_csv_bytes(pd.DataFrame({"notes": [cell]})))
    assert value == "'" + cell


def test_ordinary_text_and_numbers_are_left_alone():
    df = pd.DataFrame({"notes": ["Rebels took Hama", "a = b", "-12", "+3.5", None],
                       "longitude": [-0.5, 36.7, -180.0, 0.0, None],
                       "fatalities": pd.array([-1, 2, None, 4, 5], dtype="Int64"),
                       "place_known": [True, False, True, True, False]})
    rows = read_back(to_csv_bytes(df))
    assert rows[1] == ["Rebels took Hama", "-0.5", "-1", "True"]
    assert [r[0] for r in rows[1:]] == ["Rebels took Hama", "a = b", "-12", "+3.5", ""]
    assert [r[1] for r in rows[1:]] == ["-0.5", "36.7", "-180.0", "0.0", ""]
    assert [r[2] for r in rows[1:]] == ["-1", "2", "", "4", "5"]


def test_dates_are_iso():
    df = pd.DataFrame({"day": pd.to_datetime(["2024-12-06", "2024-12-07"]),
                       "at": pd.to_datetime(["2024-12-06 22:35", None]),
                       "obj": [dt.date(2024, 12, 6), dt.datetime(2024, 12, 6, 22, 35)],
                       "text": ["2024-12-06", "2024-W49"]})
    assert read_back(to_csv_bytes(df))[1:] == [["2024-12-06", "2024-12-06T22:35", "2024-12-06", "2024-12-06"],
                                               ["2024-12-07", "", "2024-12-06T22:35", "2024-W49"]]


def test_multi_line_text_stays_in_one_cell():
    rows = read_back(to_csv_bytes(pd.DataFrame({"text": ["line one\nline two, \"quoted\""]})))
    assert rows == [["text"], ["line one\nline two, \"quoted\""]]


def test_json_is_utf8_records():
    df = pd.DataFrame({"place": ["دير الزور"], "lat": [float("nan")],
                       "n": pd.array([None], dtype="Int64")})
    assert json.loads(to_json_bytes(df).decode("utf-8")) == [{"place": "دير الزور", "lat": None, "n": None}]


def event_frame() -> pd.DataFrame:
    rows = []
    for i, (lat, lon) in enumerate([(35.33, 40.14), (None, None), (34.73, 36.71)]):
        row = {c: "" for c in Event.columns()}
        row.update(event_id=f"e{i}", latitude=lat, longitude=lon, location="دير الزور",
                   time_precision=1, n_sources=2, fatalities=None, place_known=True)
        rows.append(row)
    df = pd.DataFrame(rows, columns=Event.columns())
    df["fatalities"] = df["fatalities"].astype("Int64")
    return df


def test_geojson_is_a_valid_feature_collection():
    collection = events_geojson(event_frame())
    text = json.dumps(collection, allow_nan=False)  # no NaN: strict JSON
    assert json.loads(text)["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == ["e0", "e2"]  # the event without coordinates is left out
    for feature in features:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(feature["properties"]) == set(Event.columns())
    assert features[0]["geometry"]["coordinates"] == [40.14, 35.33]
    assert features[0]["properties"]["fatalities"] is None
    assert features[0]["properties"]["location"] == "دير الزور"


def test_exporters_are_registered_by_name():
    assert {"csv", "json", "geojson"} <= set(EXPORTERS)
    df = event_frame()
    assert export(df, "csv") == to_csv_bytes(df)
    assert json.loads(export(df, "geojson"))["type"] == "FeatureCollection"
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        export(df, "xlsx")
