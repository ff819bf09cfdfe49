"""An event's way back to its sources: each evidence sentence with its date phrase highlighted, and
how that phrase became a date ("Friday" -> 2024-12-06, from the publication date).

>>> mention = {"date_text": "Thursday", "timex_value": "2024-12-05", "anchor": "DCT",
...            "rule": "weekday", "date_source": "timex in clause", "published": "2024-12-06"}
>>> explain_resolution(mention)
'"Thursday" → 2024-12-05: counted back from the publication date 2024-12-06 (read as past; rule weekday, found in the clause).'
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Mapping

import pandas as pd

from lib.app.highlight import Span, highlight_html
from lib.model import DATE_FROM_PUBLICATION
from lib.temporal.spans import day_of

MENTION_SEP = "; "
EVIDENCE_SEP = " | "


@dataclass(frozen=True)
class Evidence:
    """One sentence an event rests on, ready to show (sentence_html is escaped HTML)."""

    outlet: str
    published: str
    article_id: str
    sentence_html: str
    date_text: str
    timex_value: str
    anchor: str
    rule: str
    date_source: str
    explanation: str
    attribution: str = ""
    polarity: str = ""
    url: str = ""
    title: str = ""


def _text(row: Mapping, key: str) -> str:
    value = row.get(key)
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _int(row: Mapping, key: str, default: int = -1) -> int:
    value = row.get(key)
    try:
        return int(value) if value is not None and not pd.isna(value) else default
    except (TypeError, ValueError):
        return default


def _direction(value: str, reference: str) -> str:
    value, reference = day_of(value), day_of(reference)
    if len(value) < 10 or len(reference) < 10 or "W" in value:
        return "from"
    if value < reference:
        return "counted back from"
    if value > reference:
        return "counted forward from"
    return "the same day as"


def explain_resolution(mention: Mapping, anchor_timex: Mapping | None = None) -> str:
    """How the mention's date was found, in words, from its date_text, timex_value, anchor, rule
    and date_source; `anchor_timex` is the timex row an anchor like "t@123" points at.

    >>> explain_resolution({"date_source": "publication date", "published": "2024-12-07"})
    'No date in the text: dated by the publication date 2024-12-07 (flagged: the event may be earlier).'
    >>> explain_resolution({"date_text": "a day earlier", "timex_value": "2024-12-04",
    ...     "anchor": "t@13", "rule": "ref_offset", "date_source": "last date in paragraph"},
    ...     {"text": "Thursday", "value": "2024-12-05"})
    '"a day earlier" → 2024-12-04: counted back from "Thursday" (2024-12-05), mentioned before (rule ref_offset, the last date in the paragraph).'
    """
    published = day_of(_text(mention, "published"))
    source = _text(mention, "date_source")
    if source == DATE_FROM_PUBLICATION or not _text(mention, "date_text"):
        return (f"No date in the text: dated by the publication date {published or 'unknown'} "
                f"(flagged: the event may be earlier).")
    value, anchor, rule = (_text(mention, k) for k in ("timex_value", "anchor", "rule"))
    where = {"timex in clause": "found in the clause",
             "last date in paragraph": "the last date in the paragraph"}.get(source, source)
    how = ", ".join(part for part in (f"rule {rule}" if rule else "", where) if part)
    head = f'"{_text(mention, "date_text")}" → {value or "?"}'
    if anchor == "DCT" and not published:
        return f"{head}: from the publication date ({how})."
    if anchor == "DCT":
        direction = _direction(value, published)
        tense = {"counted back from": " (read as past", "counted forward from": " (read as future"
                 }.get(direction, " (")
        tail = f"{tense}; {how})" if tense != " (" else f" ({how})"
        return f"{head}: {direction} the publication date {published}{tail}."
    if anchor_timex is not None:
        reference = _text(anchor_timex, "value")
        return (f'{head}: {_direction(value, reference)} "{_text(anchor_timex, "text")}" '
                f"({reference}), mentioned before ({how}).")
    if anchor:
        return f"{head}: resolved against {anchor} ({how})."
    return f"{head}: an explicit date ({how})."


def _anchor_timex(mention: Mapping, timexes: pd.DataFrame | None) -> Mapping | None:
    anchor = _text(mention, "anchor")
    if timexes is None or timexes.empty or not anchor.startswith("t@"):
        return None
    try:
        start = int(anchor[2:])
    except ValueError:
        return None
    rows = timexes[(timexes["article_id"] == _text(mention, "article_id"))
                   & (timexes["start"] == start)]
    return rows.iloc[0].to_dict() if len(rows) else None


def mention_evidence(mention: Mapping, timexes: pd.DataFrame | None = None,
                     article: Mapping | None = None) -> Evidence:
    """A mention's sentence with its date phrase and event word highlighted, explained."""
    sentence = _text(mention, "sentence")
    base = _int(mention, "sentence_start", 0)
    spans = []
    t_start, t_end = _int(mention, "timex_start"), _int(mention, "timex_end")
    explanation = explain_resolution(mention, _anchor_timex(mention, timexes))
    if t_start >= 0:
        spans.append(Span(t_start - base, t_end - base, "date",
                          f"{_text(mention, 'timex_value')} · rule {_text(mention, 'rule')} · "
                          f"anchor {_text(mention, 'anchor')}"))
    g_start, g_end = _int(mention, "trigger_start"), _int(mention, "trigger_end")
    if g_start >= 0:
        spans.append(Span(g_start - base, g_end - base, "trigger",
                          f"{_text(mention, 'event_type')}: {_text(mention, 'sub_event_type')}"))
    return Evidence(
        outlet=_text(mention, "source"), published=_text(mention, "published"),
        article_id=_text(mention, "article_id"), sentence_html=highlight_html(sentence, spans),
        date_text=_text(mention, "date_text"), timex_value=_text(mention, "timex_value"),
        anchor=_text(mention, "anchor"), rule=_text(mention, "rule"),
        date_source=_text(mention, "date_source"), explanation=explanation,
        attribution=_text(mention, "attribution"), polarity=_text(mention, "polarity"),
        url=_text(article or {}, "url"), title=_text(article or {}, "title"))


def event_evidence(event: Mapping, mentions: pd.DataFrame,
                   timexes: pd.DataFrame | None = None,
                   articles: pd.DataFrame | None = None) -> list[Evidence]:
    """Every mention an event was consolidated from, in source order; when the mentions table
    does not hold them, the event's own evidence text (its date phrase still highlighted).

    >>> found = event_evidence({"evidence": "[AP] Rebels took <Homs> on Friday.",
    ...     "date_text": "Friday", "timex_value": "2024-12-06", "anchor": "DCT",
    ...     "mention_ids": "m1", "event_date": "2024-12-06"}, pd.DataFrame(columns=["mention_id"]))
    >>> found[0].outlet, "&lt;Homs&gt;" in found[0].sentence_html, "<mark" in found[0].sentence_html
    ('AP', True, True)
    """
    ids = [i for i in _text(event, "mention_ids").split(MENTION_SEP) if i]
    if ids and not mentions.empty and "mention_id" in mentions:
        rows = mentions[mentions["mention_id"].isin(ids)]
        if len(rows):
            order = {mention_id: n for n, mention_id in enumerate(ids)}
            rows = rows.assign(_order=rows["mention_id"].map(order)).sort_values("_order")
            by_id = ({} if articles is None or articles.empty else
                     {r["id"]: r for r in articles.reindex(columns=["id", "url", "title"])
                      .fillna("").to_dict("records")})
            return [mention_evidence(row, timexes, by_id.get(row.get("article_id")))
                    for row in rows.drop(columns="_order").to_dict("records")]
    return [_from_evidence_text(part, event)
            for part in _text(event, "evidence").split(EVIDENCE_SEP) if part.strip()]


def _from_evidence_text(part: str, event: Mapping) -> Evidence:
    outlet, sentence = "", part.strip()
    if sentence.startswith("[") and "] " in sentence:
        outlet, sentence = sentence[1:].split("] ", 1)
    date_text = _text(event, "date_text")
    spans = []
    if date_text and date_text in sentence:
        at = sentence.index(date_text)
        spans.append(Span(at, at + len(date_text), "date", _text(event, "timex_value")))
    row = dict(event, published="",
               date_source="timex in clause" if date_text else DATE_FROM_PUBLICATION)
    return Evidence(outlet=outlet, published="", article_id="",
                    sentence_html=highlight_html(sentence, spans), date_text=date_text,
                    timex_value=_text(event, "timex_value"), anchor=_text(event, "anchor"),
                    rule="", date_source=row["date_source"], explanation=explain_resolution(row))


def evidence_html(items: list[Evidence]) -> str:
    """The evidence as HTML (every text escaped): outlet, publication, the source's address as a
    link, the sentence with its date phrase marked, how the date was resolved.

    >>> item = Evidence("AP", "2024-12-06", "a", "Rebels took Hama.", "", "", "", "", "", "x",
    ...                 url="https://example.org/a?b=1&c=<2>")
    >>> 'href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in evidence_html([item])
    True
    """
    if not items:
        return "<p>No evidence sentences stored for this event.</p>"
    blocks = []
    for item in items:
        who = html.escape(item.outlet or "unknown outlet")
        when = html.escape(item.published[:16]) if item.published else ""
        extra = []
        if item.attribution:
            extra.append(f"according to {html.escape(item.attribution)}")
        if item.polarity and item.polarity != "asserted":
            extra.append(html.escape(item.polarity))
        link = ""
        if item.url.startswith(("http://", "https://")):
            address = html.escape(item.url, quote=True)
            link = (f' · <a href="{address}" target="_blank" rel="noopener noreferrer">'
                    f"{address}</a>")
        elif item.article_id:
            link = f" · article <code>{html.escape(item.article_id)}</code> (no address)"
        blocks.append(
            f'<div class="cte-evidence" style="border-left:4px solid #ffe58f;padding:4px 12px;'
            f'margin:8px 0"><div style="opacity:0.8;font-size:0.9em"><b>{who}</b>'
            f'{", published " + when if when else ""}{" · " + " · ".join(extra) if extra else ""}'
            f'{link}</div>{item.sentence_html}'
            f'<div style="font-size:0.9em;margin-top:4px"><b>Date:</b> '
            f'{html.escape(item.explanation)}</div></div>')
    return "".join(blocks)
