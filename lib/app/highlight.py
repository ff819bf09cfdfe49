"""Article text as HTML with spans highlighted, everything escaped first.

Text, titles and file names come from outside (articles, uploads): every character of them goes
through html.escape, so nothing in an article can add markup or script to the page. Only the
<mark> elements made here are markup.

>>> highlight_html("Rebels took <b>Homs</b> on Friday.", [Span(27, 33, "timex", "2024-12-06")])
'<div class="cte-text">Rebels took &lt;b&gt;Homs&lt;/b&gt; on <mark class="cte-timex" \
style="background:#ffe58f;border-radius:3px;padding:0 2px" title="2024-12-06">Friday</mark>.</div>'
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable

# How each kind of span looks: inline styles, so the HTML needs no style sheet and reads the same
# in the app, in st.html and in an exported file.
STYLES = {
    "timex": "background:#ffe58f;border-radius:3px;padding:0 2px",
    "trigger": "background:#ffd6c2;border-radius:3px;padding:0 2px",
    "place": "background:#d6e4ff;border-radius:3px;padding:0 2px",
    "actor": "background:#efdbff;border-radius:3px;padding:0 2px",
    "date": "background:#ffe58f;border-radius:3px;padding:0 2px;font-weight:600",
}
LEGEND = {
    "timex": "temporal expression (hover: value, rule, anchor)",
    "trigger": "event word",
    "place": "place",
    "actor": "actor",
}


@dataclass(frozen=True)
class Span:
    """[start, end) of the text, a kind (a key of STYLES) and the hover text."""

    start: int
    end: int
    kind: str
    title: str = ""


def choose_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans inside [0, length) that do not overlap: the earliest, then the longest, wins.

    >>> [s.kind for s in choose_spans([Span(0, 5, "place"), Span(2, 9, "timex"), Span(6, 8, "actor")], 10)]
    ['place', 'actor']
    """
    ordered = sorted((s for s in spans if 0 <= s.start < s.end <= length),
                     key=lambda s: (s.start, -(s.end - s.start)))
    chosen: list[Span] = []
    for span in ordered:
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def highlight_html(text: str, spans: Iterable[Span], *, css_class: str = "cte-text") -> str:
    """`text` escaped, with each chosen span wrapped in a titled <mark>, in a <div>."""
    parts: list[str] = []
    at = 0
    for span in choose_spans(spans, len(text)):
        parts.append(html.escape(text[at:span.start]))
        style = STYLES.get(span.kind, STYLES["timex"])
        parts.append(f'<mark class="cte-{html.escape(span.kind)}" style="{style}" '
                     f'title="{html.escape(span.title, quote=True)}">'
                     f"{html.escape(text[span.start:span.end])}</mark>")
        at = span.end
    parts.append(html.escape(text[at:]))
    return f'<div class="{css_class}">{"".join(parts)}</div>'


def legend_html(kinds: Iterable[str] = tuple(LEGEND)) -> str:
    """A one-line key to the highlight colours.

    >>> "temporal expression" in legend_html(["timex"])
    True
    """
    return " ".join(f'<mark style="{STYLES[k]}">{html.escape(LEGEND[k])}</mark>' for k in kinds)


def paragraphs_html(body: str) -> str:
    """Highlighted HTML whose line breaks show as paragraphs (for st.html, which keeps no \\n).

    >>> paragraphs_html("<div>a\\nb</div>")
    '<div style="white-space:pre-wrap;line-height:1.6"><div>a\\nb</div></div>'
    """
    return f'<div style="white-space:pre-wrap;line-height:1.6">{body}</div>'
