"""TempEval-3 platinum, Task A (timex extents, values and types): ours against dateparser and
the 2013 systems.

The gold .tml files are read at run time from `../shared/bench/te3-platinum/gold/` next to the
project (never copied into it). The system input is each document's `<TEXT>` with every tag
removed by an XML parser, plus its DCT; gold offsets are computed in that stripped text.

    python -m lib.bench.te3                 # the table
    python -m lib.bench.te3 --errors        # and every miss, spurious hit and wrong value of ours
    python -m lib.bench.te3 --json te3.json # and the figures as JSON
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

from lib.bench.scoring import GoldDocument, Run, Scores
from lib.bench.systems import SYSTEMS, evaluate
from lib.bench.table import format_table, percent
from lib.settings import PROJECT_ROOT
from lib.temporal.timex import Timex

DEFAULT_GOLD = PROJECT_ROOT.parent / "shared" / "bench" / "te3-platinum" / "gold"
EXPECTED_GOLD_TIMEXES = 138


@dataclass(frozen=True)
class QuotedRow:
    """Figures published for a system we do not run (F1 only, in percent)."""

    system: str
    strict_f1: float
    relaxed_f1: float
    value_f1: float
    type_f1: float


# UzZaman et al., SemEval-2013 Task 1, official scorer on the submitted runs (as in the README
# of the gold folder), and the README's own measurement of dateparser for comparison with ours.
QUOTED: tuple[QuotedRow, ...] = (
    QuotedRow("HeidelTime-t (2013)", 81.34, 90.30, 77.61, 82.09),
    QuotedRow("NavyTime (2013)", 79.57, 90.32, 70.97, 80.29),
    QuotedRow("ManTIME (2013)", 74.33, 89.66, 68.97, 77.39),
    QuotedRow("SUTime (2013)", 79.57, 90.32, 67.38, 80.29),
    QuotedRow("ClearTK (2013)", 82.71, 90.23, 64.66, 84.21),
    QuotedRow("dateparser (README)", 16.67, 68.94, 9.09, 52.27),
)


def parse_tml(xml: str, doc_id: str = "") -> GoldDocument:
    """Parse a TimeML string: strip the tags of `<TEXT>` and place each TIMEX3 in what is left.

    >>> doc = parse_tml('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">today'
    ...     '</TIMEX3></DCT><TEXT>AT&amp;T <EVENT eid="e1">fell</EVENT> '
    ...     '<TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3>.</TEXT></TimeML>')
    >>> doc.dct, doc.text, [(t.start, t.end, t.value) for t in doc.gold]
    (datetime.date(2013, 3, 22), 'AT&T fell Thursday.', [(10, 18, '2013-03-21')])
    """
    root = ET.fromstring(xml)
    text_element = root.find(".//TEXT")
    if text_element is None:
        raise ValueError(f"{doc_id or 'document'}: no <TEXT> element")
    pieces: list[str] = []
    timexes: list[Timex] = []
    _strip(text_element, pieces, timexes, 0)
    text = "".join(pieces)
    dct_timex = root.find("./DCT/TIMEX3")
    dct = _date(dct_timex.get("value", "")) if dct_timex is not None else None
    return GoldDocument(id=doc_id or (root.findtext("DOCID") or "").strip(), dct=dct, text=text,
                        gold=tuple(sorted(timexes, key=lambda t: (t.start, t.end))))


def _strip(element: ET.Element, pieces: list[str], found: list[Timex], offset: int) -> int:
    """Append the text of `element` (children included, its own tail not) to `pieces`, each
    consuming TIMEX3 inside it to `found`; return the offset after it."""
    start = offset
    if element.text:
        pieces.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _strip(child, pieces, found, offset)
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3" and offset > start:  # empty (non-consuming) timexes are not scored
        found.append(Timex(start, offset, "".join(element.itertext()), element.get("type", ""),
                           element.get("value", ""), mod=element.get("mod", ""),
                           anchor=element.get("anchorTimeID", ""),
                           rule="gold:" + element.get("tid", "")))
    return offset


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_gold(folder: Path) -> list[GoldDocument]:
    """Every `*.tml` file of `folder`, sorted by name, the file stem as id."""
    return [parse_tml(p.read_text(encoding="utf-8"), p.stem) for p in sorted(folder.glob("*.tml"))]


def figures_table(runs: Sequence[Run], quoted: Iterable[QuotedRow] = QUOTED) -> str:
    """The TempEval-3 table: run systems with P/R, then quoted rows (F1 only)."""
    headers = ["system", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R",
               "relaxed F1", "value F1", "type F1", "found"]
    rows: list[list[object]] = []
    for r in runs:
        s, c = Scores.of(r.counts), r.counts
        rows.append([r.system, *map(percent, (s.strict_p, s.strict_r, s.strict_f1, s.relaxed_p,
                     s.relaxed_r, s.relaxed_f1, s.value_f1, s.type_f1)), c.system])
    for q in quoted:
        rows.append([q.system + " [quoted, not run]", "", "", f"{q.strict_f1:.2f}", "", "",
                     f"{q.relaxed_f1:.2f}", f"{q.value_f1:.2f}", f"{q.type_f1:.2f}", ""])
    return format_table(headers, rows)


def error_report(run: Run, documents: Sequence[GoldDocument]) -> str:
    """Per document: gold missed, system spurious, relaxed matches with a wrong value, type or
    extent, so the tagger's author sees what to fix."""
    texts = {d.id: d for d in documents}
    lines: list[str] = []
    for doc_id, a in run.alignments:
        wrong = [(g, s) for g, s in a.pairs if g.value != s.value or g.type != s.type]
        extent = [(g, s) for g, s in a.pairs if (g.start, g.end) != (s.start, s.end)]
        if not (a.missed or a.spurious or wrong or extent):
            continue
        lines.append(f"== {doc_id} (DCT {texts[doc_id].dct})")
        for g in a.missed:
            lines.append(f"  missed    {g.text!r} gold {g.type} {g.value}{_mod(g)}"
                         f"  @{g.start}  ...{_context(texts[doc_id].text, g)}...")
        for s in a.spurious:
            lines.append(f"  spurious  {s.text!r} ours {s.type} {s.value}{_mod(s)} rule={s.rule}"
                         f"  @{s.start}  ...{_context(texts[doc_id].text, s)}...")
        for g, s in wrong:
            lines.append(f"  wrong     {g.text!r} gold {g.type} {g.value}{_mod(g)} | ours "
                         f"{s.text!r} {s.type} {s.value}{_mod(s)} rule={s.rule} anchor={s.anchor}")
        for g, s in extent:
            lines.append(f"  extent    gold {g.text!r} | ours {s.text!r} rule={s.rule}")
    return "\n".join(lines) if lines else "(no errors)"


def by_gold_type(run: Run) -> str:
    """Recall and value accuracy of one system per gold type (DATE, DURATION, SET, TIME)."""
    totals: dict[str, list[int]] = {}
    for _, a in run.alignments:
        for g in a.missed:
            totals.setdefault(g.type, [0, 0, 0])[0] += 1
        for g, s in a.pairs:
            t = totals.setdefault(g.type, [0, 0, 0])
            t[0] += 1
            t[1] += 1
            t[2] += g.value == s.value
    rows = [[k, n, m, v, percent(m / n), percent(v / n)] for k, (n, m, v) in sorted(totals.items())]
    return format_table(["gold type", "gold", "found", "value right", "found %", "value right %"],
                        rows)


def _mod(t: Timex) -> str:
    return f" mod={t.mod}" if t.mod else ""


def _context(text: str, t: Timex, width: int = 30) -> str:
    return " ".join(text[max(0, t.start - width): t.end + width].split())


def as_json(runs: Sequence[Run], n_docs: int) -> dict:
    """The figures, for `--json`."""
    return {
        "benchmark": "TempEval-3 platinum, Task A",
        "documents": n_docs,
        "gold_timexes": runs[0].counts.gold if runs else 0,
        "systems": {r.system: {"counts": asdict(r.counts), "scores": asdict(Scores.of(r.counts))}
                    for r in runs},
        "quoted": [asdict(q) for q in QUOTED],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.te3", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of gold .tml files")
    parser.add_argument("--errors", action="store_true", help="list every error of ours per document")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=list(SYSTEMS))
    args = parser.parse_args(argv)

    documents = read_gold(args.gold)
    if not documents:
        print(f"no .tml files in {args.gold}", file=sys.stderr)
        return 2
    n_gold = sum(len(d.gold) for d in documents)
    note = "" if n_gold == EXPECTED_GOLD_TIMEXES else f"  (expected {EXPECTED_GOLD_TIMEXES}!)"
    print(f"TempEval-3 platinum, Task A: {len(documents)} documents, {n_gold} gold timexes{note}")
    print(f"gold: {args.gold}\n")
    runs = [evaluate(name, documents) for name in args.systems]
    for r in runs:
        for doc_id, error in r.errors:
            print(f"warning: {r.system} failed on {doc_id}: {error}")
    print(figures_table(runs))
    print("\nP/R/F1 pooled over all documents; value F1 = (relaxed matches with the gold value) / "
          "(relaxed matches) x relaxed F1; type F1 likewise. Ranked in 2013 by value F1.")
    ours = next((r for r in runs if r.system == "ours"), None)
    if args.errors and ours is not None:
        print("\n" + by_gold_type(ours))
        print("\nErrors of ours (missed gold / spurious ours / wrong value or type / extent):")
        print(error_report(ours, documents))
    if args.json:
        args.json.write_text(json.dumps(as_json(runs, len(documents)), indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
