"""The seed articles against their hand-made gold (`data/gold/seed_timexes.tsv`): ours and
dateparser, then every mismatch of ours.

Articles come from `lib.corpus.read_articles` over `data/corpus/` when that is importable and
holds files; otherwise from the raw seed texts in `../shared/seeds/` with their known DCTs.
A benchmark: it prints figures and always exits 0.

    python -m lib.bench.seeds [--gold FILE] [--json FILE]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Sequence

from lib.bench.scoring import GoldDocument, Run, Scores, is_right
from lib.bench.systems import SYSTEMS, evaluate
from lib.bench.table import format_table, percent
from lib.corpus import Article, read_articles
from lib.settings import DATA_DIR
from lib.temporal.timex import Timex

DEFAULT_GOLD = DATA_DIR / "gold" / "seed_timexes.tsv"
SEED_CORPUS = DATA_DIR / "corpus"


def parse_gold_tsv(content: str) -> dict[str, list[Timex]]:
    """Gold timexes by article id from the TSV: `#` comment lines, a header row, one row each.

    Columns are found by name (article_id, start, end, text, type, value, mod); others are ignored.

    >>> tsv = "# comment\\narticle_id\\tstart\\tend\\ttext\\ttype\\tvalue\\tmod\\na\\t3\\t9\\tFriday\\tDATE\\t2024-12-06\\t\\n"
    >>> parse_gold_tsv(tsv)["a"][0]
    Timex(start=3, end=9, text='Friday', type='DATE', value='2024-12-06', mod='', anchor='', rule='gold')
    """
    lines = [line for line in content.splitlines() if line.strip() and not line.startswith("#")]
    gold: dict[str, list[Timex]] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE):
        gold.setdefault(row["article_id"], []).append(Timex(
            int(row["start"]), int(row["end"]), row["text"], row["type"], row["value"],
            mod=row.get("mod") or "", rule="gold"))
    return {k: sorted(v, key=lambda t: (t.start, t.end)) for k, v in gold.items()}


def seed_articles() -> list[Article]:
    """The bundled corpus's articles (data/corpus), read as the app reads them."""
    return [a for a in read_articles([SEED_CORPUS]) if isinstance(a, Article)]


def load_documents(gold: dict[str, list[Timex]] | None = None) -> tuple[list[GoldDocument], str]:
    """The seed articles, sorted by id, each with its gold timexes, and where they were read from.

    With `gold`, the articles it names; without, every seed article (with no gold timexes).
    """
    gold = gold or {}
    found = {a.id: a for a in seed_articles()}
    missing = sorted(set(gold) - set(found))
    if missing:
        raise SystemExit(f"gold names articles not in {SEED_CORPUS}: {', '.join(missing)}")
    ids = sorted(gold or found)
    return ([GoldDocument(i, found[i].dct, found[i].text, tuple(gold.get(i, ()))) for i in ids],
            f"lib.corpus over {SEED_CORPUS}")


def offset_problems(documents: Sequence[GoldDocument]) -> list[str]:
    """Gold rows whose text is not what the article holds at their offsets.

    >>> offset_problems([GoldDocument("a", None, "on Friday", (Timex(0, 6, "Friday", "DATE", ""),))])
    ["a 0-6: gold 'Friday', article 'on Fri'"]
    """
    return [f"{d.id} {t.start}-{t.end}: gold {t.text!r}, article {d.text[t.start:t.end]!r}"
            for d in documents for t in d.gold if d.text[t.start:t.end] != t.text]


def summary_table(runs: Sequence[Run]) -> str:
    """Per system: share of gold expressions right / wrong / missed, spurious hits, TE3 F1s."""
    rows = []
    for r in runs:
        t, s = r.tally, Scores.of(r.counts)
        n = t.gold or 1
        found = t.right + t.wrong + t.spurious
        rows.append([r.system, t.gold, found, percent(t.right / n), percent(t.wrong / n),
                     percent(t.missed / n), t.spurious, percent(t.spurious / n),
                     percent(s.strict_f1), percent(s.relaxed_f1), percent(s.value_f1),
                     percent(s.type_f1)])
    return format_table(["system", "gold", "found", "right %", "wrong %", "missed %", "spurious",
                         "spurious % of gold", "strict F1", "relaxed F1", "value F1", "type F1"],
                        rows)


def mismatch_table(run: Run) -> str:
    """Every gold expression a system did not get right, every right one with another mod or
    extent ("mod only", "extent only"), and every spurious timex, in text order."""
    rows = []
    for aid, a in run.alignments:
        items: list[tuple[int, list[object]]] = []
        for g, s in a.pairs:
            if not is_right(g, s) or g.mod != s.mod or (g.start, g.end) != (s.start, s.end):
                kind = ("wrong value" if g.value != s.value else
                        "wrong type" if g.type != s.type else
                        "mod only" if g.mod != s.mod else "extent only")
                items.append((g.start, [aid[:3], g.start, kind, g.text, s.text, _tv(g), _tv(s),
                                        s.rule, s.anchor]))
        items += [(g.start, [aid[:3], g.start, "missed", g.text, "", _tv(g), "", "", ""])
                  for g in a.missed]
        items += [(s.start, [aid[:3], s.start, "spurious", "", s.text, "", _tv(s), s.rule, s.anchor])
                  for s in a.spurious]
        rows += [row for _, row in sorted(items, key=lambda i: i[0])]
    if not rows:
        return "(no mismatches)"
    return format_table(["art", "at", "kind", "gold text", "our text", "gold value", "our value",
                         "rule", "anchor"], rows)


def _tv(t: Timex) -> str:
    """Type, value and mod in one cell: `DATE 2024-12-06 START`."""
    return " ".join(x for x in (t.type, t.value, t.mod) if x)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.seeds", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold TSV of the seed timexes")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=list(SYSTEMS))
    args = parser.parse_args(argv)

    if not args.gold.is_file():
        print(f"no gold file at {args.gold}: nothing to score")
        return 0
    gold = parse_gold_tsv(args.gold.read_text(encoding="utf-8"))
    documents, origin = load_documents(gold)
    print(f"Seed articles: {len(documents)} articles, {sum(map(len, gold.values()))} gold timexes")
    print(f"gold: {args.gold}\narticles: {origin}")
    for problem in offset_problems(documents):
        print(f"warning: gold offsets do not match the article text: {problem}")
    runs = [evaluate(name, documents) for name in args.systems]
    for r in runs:
        for doc_id, error in r.errors:
            print(f"warning: {r.system} failed on {doc_id}: {error}")
    print("\n" + summary_table(runs))
    print("\nright = overlapping timex with the gold value and type; wrong = overlapping, value or "
          "type differs; spurious = system timexes matching no gold one. F1s as in TempEval-3.")
    for r in runs:
        if r.system == "ours":
            print("\nEvery mismatch of ours (value cells are type, value, mod; 'mod only' / 'extent "
                  "only' = right value and type, other mod / other characters):")
            print(mismatch_table(r))
    if args.json:
        figures = {r.system: {"tally": asdict(r.tally), "counts": asdict(r.counts),
                              "scores": asdict(Scores.of(r.counts))} for r in runs}
        args.json.write_text(json.dumps({"benchmark": "seed timexes", "systems": figures},
                                        indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
