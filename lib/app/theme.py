"""Charts that follow the viewer's theme: the figure builders draw for a light page; on a dark one
`follow_theme` recolours the paper, the type, the grid, the legend and the map's land and sea, and
leaves the data colours (control, sides, types) as they are, so they mean the same thing.

>>> import plotly.graph_objects as go
>>> fig = follow_theme(go.Figure(layout={"paper_bgcolor": "white"}), dark=True)
>>> fig.layout.paper_bgcolor, fig.layout.font.color
('#0e1117', '#fafafa')
>>> follow_theme(go.Figure(layout={"paper_bgcolor": "white"}), dark=False).layout.paper_bgcolor
'white'
"""
from __future__ import annotations

import plotly.graph_objects as go

DARK = {"paper": "#0e1117", "text": "#fafafa", "grid": "#2e3440", "land": "#262a31",
        "focus": "#3a3f47", "sea": "#16222e", "line": "#c8c8c8", "legend": "rgba(14,17,23,0.85)"}
# light fills of the map's outlines (lib.app.charts) -> their dark counterparts
_FILLS = {"#ffffff": DARK["focus"], "#efece4": DARK["land"]}


def follow_theme(fig: go.Figure, dark: bool) -> go.Figure:
    """`fig` recoloured for a dark page when `dark` (in place; returned for chaining)."""
    if not dark:
        return fig
    fig.update_layout(paper_bgcolor=DARK["paper"], plot_bgcolor=DARK["paper"],
                      font={"color": DARK["text"]}, legend={"bgcolor": DARK["legend"]},
                      title={"font": {"color": DARK["text"]}})
    fig.update_xaxes(gridcolor=DARK["grid"], linecolor=DARK["grid"], zerolinecolor=DARK["grid"])
    fig.update_yaxes(gridcolor=DARK["grid"], linecolor=DARK["grid"], zerolinecolor=DARK["grid"])
    if fig.layout.geo is not None:
        fig.update_geos(bgcolor=DARK["sea"])
    for trace in fig.data:
        if trace.type == "scattergeo" and trace.fill == "toself":
            trace.fillcolor = _FILLS.get(str(trace.fillcolor).lower(), trace.fillcolor)
            trace.line.color = DARK["line"]
        elif trace.type == "scattergeo" and trace.mode and "text" in trace.mode:
            trace.textfont.color = DARK["text"]
    for annotation in fig.layout.annotations or ():
        annotation.font.color = DARK["text"]
        if annotation.bgcolor:
            annotation.bgcolor = DARK["legend"]
    for shape in fig.layout.shapes or ():
        if shape.line and shape.line.color in ("#333333", "#777777"):
            shape.line.color = DARK["line"]
    return fig
