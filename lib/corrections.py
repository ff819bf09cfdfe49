"""Analyst corrections: an event's type, actors, place or date changed, an event rejected, two
merged, a city's control set as of a day; each kept with who made it and when, in its own table of the store file, and applied to
the events every time they are read, so a correction survives re-extraction and restarts.

A correction is keyed by the event's id *and* its mention ids: consolidation names an event by its
place, kind, first day and lead actor, so a re-extraction that moves any of them gives a new id,
while a mention id (article, sentence, trigger offsets) stays as long as the article's text does.
A correction applies to every event that has its id or shares one of its mentions.

The store's own tables are rebuilt when the records change (lib.store drops what it derives);
this table is not one of them, so it is never dropped.

>>> import pandas as pd
>>> events = pd.DataFrame([{"event_id": "EV1", "event_type": "Battles", "mention_ids": "a:1:2"},
...                        {"event_id": "EV2", "event_type": "Protests", "mention_ids": "b:3:4"}])
>>> fixes = pd.DataFrame([Correction("EV0", "a:1:2", SET, "event_type", "Riots", "ana",
...                                  "2026-11-30T00:00:00").to_row()])
>>> out = apply_corrections(events, fixes)
>>> out[["event_id", "event_type", "provenance"]].values.tolist()
[['EV1', 'Riots', 'analyst'], ['EV2', 'Protests', 'extracted']]
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from lib.store import Store

TABLE = "corrections"
SEP = "; "
SET, REJECT, MERGE, CONTROL = "set", "reject", "merge", "control"
ACTIONS = (SET, REJECT, MERGE)  # of an event; CONTROL sets a city's state (lib/control_corrections.py)
# The fields an analyst may set, and the columns each one writes.
FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "date")
PROVENANCE_EXTRACTED, PROVENANCE_ANALYST = "extracted", "analyst"


@dataclass(frozen=True)
class Correction:
    """One analyst's change to one event. `value` is the new value (SET), the id of the event it
    was merged into (MERGE, whose mentions are `target_mention_ids`), or "" (REJECT)."""

    event_id: str
    mention_ids: str
    action: str
    field: str
    value: str
    who: str
    at: str                          # ISO date and time, UTC
    target_mention_ids: str = ""
    note: str = ""
    city: str = ""                   # CONTROL: the city, `value` its controller as of `as_of`
    as_of: str = ""                  # CONTROL: the day the state holds from (ISO)
    parts: str = ""                  # CONTROL, divided: "east: opposition; rest: government"

    def to_row(self) -> dict:
        return asdict(self)

    @classmethod
    def columns(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def now() -> str:
    """The current UTC time, to the second, ISO."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat()


def make(event: dict, action: str, field: str = "", value: str = "", *, who: str,
         target: dict | None = None, note: str = "") -> Correction:
    """A correction of `event` (a row of the events table), checked.

    >>> make({"event_id": "EV1", "mention_ids": "a:1:2"}, SET, "date", "2024-12-05", who="ana").value
    '2024-12-05'
    >>> make({"event_id": "EV1", "mention_ids": ""}, SET, "colour", "x", who="ana")
    Traceback (most recent call last):
    ValueError: cannot correct the field 'colour': one of event_type, sub_event_type, actor1, actor2, location, date
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}: one of {', '.join(ACTIONS)}")
    if action == SET and field not in FIELDS:
        raise ValueError(f"cannot correct the field {field!r}: one of {', '.join(FIELDS)}")
    if action == SET and field == "date":
        dt.date.fromisoformat(value)  # ValueError when it is not a day
    if action == MERGE and not target:
        raise ValueError("a merge needs the event to merge into")
    if not who.strip():
        raise ValueError("say who makes the correction")
    return Correction(
        event_id=str(event["event_id"]), mention_ids=str(event.get("mention_ids") or ""),
        action=action, field=field if action == SET else "",
        value=str(target["event_id"]) if action == MERGE and target else str(value).strip(),
        who=who.strip(), at=now(),
        target_mention_ids=str(target.get("mention_ids") or "") if target else "", note=note.strip())


# --- storage ---------------------------------------------------------------------------------------

def _connection(store: "Store"):
    # lib.store.Store has no public accessor for its connection; this table lives in its file.
    return store._connection()


def ensure_table(store: "Store") -> None:
    """The corrections table, with every column of Correction (a store made before a column was
    added gets it, empty)."""
    con = _connection(store)
    columns = ", ".join(f'"{name}" VARCHAR' for name in Correction.columns())
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} ({columns})")
    for name in set(Correction.columns()) - _stored_columns(con):
        con.execute(f'ALTER TABLE {TABLE} ADD COLUMN "{name}" VARCHAR DEFAULT \'\'')


def _stored_columns(con) -> set[str]:
    return {row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
        [TABLE]).fetchall()}


def add(store: "Store", correction: Correction) -> None:
    """Keep a correction in the store (it is applied from the next read on)."""
    ensure_table(store)
    names = Correction.columns()
    quoted = ", ".join(f'"{n}"' for n in names)
    _connection(store).execute(f"INSERT INTO {TABLE} ({quoted}) VALUES "
                               f"({', '.join('?' for _ in names)})",
                               [getattr(correction, n) for n in names])


def read(store: "Store") -> pd.DataFrame:
    """Every correction, oldest first (Correction.columns())."""
    con = _connection(store)
    stored = _stored_columns(con)
    if not stored:
        return pd.DataFrame(columns=Correction.columns())
    quoted = ", ".join(f'"{n}"' for n in Correction.columns() if n in stored)
    frame = con.execute(f'SELECT {quoted} FROM {TABLE} ORDER BY "at", rowid').df()
    return frame.reindex(columns=Correction.columns()).astype(object).fillna("")


# --- applying --------------------------------------------------------------------------------------

def _ids(cell: object) -> set[str]:
    return {part.strip() for part in str(cell or "").split(SEP) if part.strip()}


def _matches(events: pd.DataFrame, event_id: str, mention_ids: set[str]) -> list[int]:
    """Positions of the events a correction applies to: its id, or a mention in common."""
    found = []
    for n, (eid, mids) in enumerate(zip(events["event_id"], events["mention_ids"])):
        if eid == event_id or (mention_ids and mention_ids & _ids(mids)):
            found.append(n)
    return found


def _set(row: dict, field: str, value: str, places: dict, actors: dict) -> None:
    if field == "date":
        row.update(event_date=value, date_start=value, date_end=value, time_precision=1,
                   date_text="", timex_value=value, anchor="analyst")
        if "date_source" in row:
            row["date_source"] = "analyst"
    elif field == "location":
        row["location"] = value
        place = places.get(value)
        if place is not None:
            row.update(latitude=place.latitude, longitude=place.longitude, admin1=place.admin1,
                       place_known=True, geo_precision=1 if place.kind in ("city", "town") else 3)
    elif field in ("actor1", "actor2"):
        row[field] = value
        side = "side1" if field == "actor1" else "side2"
        actor = actors.get(value)
        if side in row:
            row[side] = actor.side if actor is not None else ("" if not value else row[side])
    else:
        row[field] = value
        if field == "event_type":  # a sub-type of another type no longer describes the event
            from lib.extract.lexicon import SUB_EVENT_TYPES
            if row.get("sub_event_type") not in SUB_EVENT_TYPES.get(value, ()):
                row["sub_event_type"] = ""


def _lexicon() -> tuple[dict, dict]:
    try:
        from lib.extract import lexicon
        return lexicon.places(), lexicon.actors()
    except Exception:  # another conflict's lexicon may be missing a file: corrections still apply
        return {}, {}


def apply_corrections(events: pd.DataFrame, corrections: pd.DataFrame, *,
                      keep_rejected: bool = False) -> pd.DataFrame:
    """The events with every correction applied, oldest first (a later one wins), and two columns
    more: `provenance` ("analyst" when a correction touched the event, else "extracted") and
    `corrections` (what was changed, by whom, when). Rejected events are dropped (kept with
    claim_status "rejected" when `keep_rejected`); a merged event's mentions, sources and evidence
    join the event it was merged into."""
    out = events.copy()
    out["provenance"] = PROVENANCE_EXTRACTED
    out["corrections"] = ""
    if corrections is not None and len(corrections) and "action" in corrections:
        corrections = corrections[corrections["action"] != CONTROL]  # a city's, not an event's
    if out.empty or corrections is None or corrections.empty:
        return out.reset_index(drop=True)
    places, actors = _lexicon()
    rows = out.to_dict("records")
    dropped: set[int] = set()
    for fix in corrections.fillna("").to_dict("records"):
        frame = pd.DataFrame(rows)
        targets = [n for n in _matches(frame, fix["event_id"], _ids(fix["mention_ids"]))
                   if n not in dropped]
        if not targets:
            continue
        if fix["action"] == SET:
            what = f"{fix['field']} → {fix['value'] or '(none)'}"
        elif fix["action"] == REJECT:
            what = "rejected"
        else:
            what = f"merged into {fix['value']}"
        stamp = f"{what} ({fix['who']}, {fix['at']})"
        if fix["action"] == MERGE:
            into = [n for n in _matches(frame, fix["value"], _ids(fix["target_mention_ids"]))
                    if n not in dropped and n not in targets]
            if not into:
                continue
            _merge(rows[into[0]], [rows[n] for n in targets])
            rows[into[0]]["provenance"] = PROVENANCE_ANALYST
            rows[into[0]]["corrections"] = _join(rows[into[0]]["corrections"],
                                                 f"absorbed {len(targets)} event(s) "
                                                 f"({fix['who']}, {fix['at']})")
            dropped.update(targets)
            continue
        for n in targets:
            row = rows[n]
            if fix["action"] == SET:
                _set(row, fix["field"], fix["value"], places, actors)
            elif keep_rejected:
                row["claim_status"] = "rejected"
            else:
                dropped.add(n)
            row["provenance"] = PROVENANCE_ANALYST
            row["corrections"] = _join(row["corrections"], stamp)
    kept = [row for n, row in enumerate(rows) if n not in dropped]
    return pd.DataFrame(kept, columns=out.columns).reset_index(drop=True)


def _join(before: str, more: str) -> str:
    return f"{before}; {more}" if before else more


def _merge(into: dict, others: list[dict]) -> None:
    mentions = list(dict.fromkeys(
        [m for row in [into, *others] for m in str(row.get("mention_ids") or "").split(SEP) if m]))
    into["mention_ids"] = SEP.join(mentions)
    outlets = sorted({s for row in [into, *others] for s in _ids(row.get("source"))})
    into["source"] = SEP.join(outlets)
    evidence = [str(row.get("evidence") or "") for row in [into, *others]]
    into["evidence"] = " | ".join(e for e in evidence if e)
    into["n_sources"] = len({m.rsplit(":", 2)[0] for m in mentions}) or into.get("n_sources")
    # conflicting tolls: the lowest figure, as ACLED codes them and as consolidation does
    tolls = [row.get("fatalities") for row in [into, *others]
             if row.get("fatalities") is not None and not pd.isna(row.get("fatalities"))]
    if tolls:
        into["fatalities"] = min(tolls)


def rejected(events: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """The events an analyst rejected (claim_status "rejected"), to show and to undo."""
    marked = apply_corrections(events, corrections, keep_rejected=True)
    return marked[marked["claim_status"] == "rejected"].reset_index(drop=True)


__all__ = ["ACTIONS", "CONTROL", "Correction", "FIELDS", "MERGE", "REJECT", "SET", "add", "apply_corrections",
           "ensure_table", "make", "read", "rejected"]
