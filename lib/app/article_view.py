"""One article as the Articles page shows it: its text with the temporal expressions (value, rule,
anchor on hover), the event words and the places and actors of the lexicons highlighted; and an
article pasted into the page, made into a file the corpus readers take.

>>> timexes = pd.DataFrame([{"article_id": "a", "start": 19, "end": 25, "text": "Friday",
...     "type": "DATE", "value": "2024-12-06", "mod": "", "anchor": "DCT", "rule": "weekday"}])
>>> spans = article_spans("Rebels took Homs <Friday>.".replace("<", "").replace(">", ""), timexes,
...                       mentions=None, names={"Homs": "place"})
>>> [(s.kind, s.title) for s in spans]
[('timex', '2024-12-06 · DATE · rule weekday · anchor: the publication date'), ('place', 'place')]
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import pandas as pd

from lib.app.highlight import Span, highlight_html, paragraphs_html

TIMEX_COLUMNS = ["text", "value", "type", "mod", "anchor", "rule", "start", "end"]


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def anchor_words(anchor: str) -> str:
    """An anchor code in words.

    >>> anchor_words("DCT"), anchor_words("t@13"), anchor_words("")
    ('the publication date', 'the date at offset 13', 'none (explicit)')
    """
    if anchor == "DCT":
        return "the publication date"
    if anchor.startswith("t@"):
        return f"the date at offset {anchor[2:]}"
    return anchor or "none (explicit)"


@lru_cache(maxsize=1)
def lexicon_names() -> dict[str, str | tuple[str, str]]:
    """Every place and actor name and alias of the lexicons -> (kind, hover text)."""
    from lib.extract import lexicon

    names: dict[str, str | tuple[str, str]] = {}
    for actor in lexicon.actors().values():
        for name in actor.names:
            names.setdefault(name, ("actor", f"actor: {actor.name} ({actor.side})"))
    for place in lexicon.places().values():
        for name in place.names:
            names.setdefault(name, ("place", f"{place.kind}: {place.name}"
                                    + (f", {place.admin1}" if place.admin1 != place.name else "")))
    return names


def _name_pattern(names: dict) -> re.Pattern | None:
    usable = sorted((n for n in names if len(n) >= 2), key=len, reverse=True)
    if not usable:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in usable) + r")(?![\w-])")


@lru_cache(maxsize=4)
def _compiled(names_key: tuple[str, ...]) -> re.Pattern | None:
    return _name_pattern(dict.fromkeys(names_key, ""))


def entity_spans(text: str, names: dict[str, str | tuple[str, str]]) -> list[Span]:
    """Where the names occur in the text, as written (case-sensitive, whole words); `names` maps
    a name to its kind, or to (kind, hover text).

    >>> [(s.start, s.end, s.kind) for s in entity_spans("HTS took Homs; HTSX no.", {"HTS": "actor", "Homs": "place"})]
    [(0, 3, 'actor'), (9, 13, 'place')]
    """
    pattern = _compiled(tuple(sorted(names)))
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(text):
        value = names[match.group(0)]
        kind, title = (value, value) if isinstance(value, str) else value
        spans.append(Span(match.start(), match.end(), kind, title))
    return spans


def article_spans(text: str, timexes: pd.DataFrame, mentions: pd.DataFrame | None,
                  names: dict[str, str] | None = None) -> list[Span]:
    """Timexes first (they win where spans overlap), then event words, then names."""
    spans = [Span(int(t["start"]), int(t["end"]), "timex",
                  f"{_text(t['value'])} · {_text(t['type'])}"
                  + (f" · mod {_text(t['mod'])}" if _text(t.get("mod")) else "")
                  + f" · rule {_text(t['rule'])} · anchor: {anchor_words(_text(t['anchor']))}")
             for t in timexes.to_dict("records")]
    if mentions is not None and len(mentions):
        spans += [Span(int(m["trigger_start"]), int(m["trigger_end"]), "trigger",
                       f"{_text(m['sub_event_type']) or _text(m['event_type'])}"
                       f" · {_text(m['place'])} · {_text(m['date_start'])}")
                  for m in mentions.to_dict("records")]
    taken = spans[:]
    for span in entity_spans(text, lexicon_names() if names is None else names):
        if not any(span.start < t.end and t.start < span.end for t in taken):
            spans.append(span)
    return spans


def article_html(text: str, timexes: pd.DataFrame, mentions: pd.DataFrame | None = None,
                 names: dict | None = None) -> str:
    """The article's text, escaped, highlighted, line breaks kept.

    >>> "&lt;script&gt;" in article_html("<script>alert(1)</script>", pd.DataFrame(
    ...     columns=TIMEX_COLUMNS), names={})
    True
    """
    return paragraphs_html(highlight_html(text, article_spans(text, timexes, mentions, names)))


def title_html(title: str) -> str:
    """An article title as a heading, escaped.

    >>> title_html("<img src=x onerror=alert(1)>")
    '<h3>&lt;img src=x onerror=alert(1)&gt;</h3>'
    """
    return f"<h3>{html.escape(title)}</h3>"


def timex_table(timexes: pd.DataFrame) -> pd.DataFrame:
    """The article's temporal expressions, in text order, with their anchors in words."""
    table = timexes.reindex(columns=TIMEX_COLUMNS).sort_values("start", kind="stable")
    return table.assign(anchor=table["anchor"].fillna("").astype(str).map(anchor_words)
                        ).reset_index(drop=True)


def pasted_upload(text: str, *, title: str = "", source: str = "", name: str = "pasted"
                  ) -> tuple[str, bytes]:
    """A pasted article as an upload: a Markdown file with a front-matter header (the readers
    then take it like any other file). Values are JSON-quoted, which YAML reads as strings.

    >>> pasted_upload("Rebels took Hama.", title='He said: "no"')[1].decode().splitlines()[1]
    'title: "He said: \\\\"no\\\\""'
    """
    header = [f"title: {json.dumps(title)}", f"source: {json.dumps(source)}"]
    body = "---\n" + "\n".join(header) + "\n---\n" + text
    return f"{name}.md", body.encode("utf-8")


def widget_key(article_id: str) -> str:
    """A short widget key for an article id, whatever characters the id holds.

    >>> widget_key("a`b![x](http://e/x.png)") == widget_key("a`b![x](http://e/x.png)")
    True
    """
    import hashlib

    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def date_bounds(first, last, current):
    """The date picker's bounds: the accepted range, widened to the current value (an article of
    an older store may be outside it) so that the picker can show it.

    >>> import datetime as dt
    >>> date_bounds(dt.date(1900, 1, 1), dt.date(2027, 1, 1), dt.date(1890, 5, 1))[0]
    datetime.date(1890, 5, 1)
    """
    if current is None:
        return first, last
    return min(first, current), max(last, current)
