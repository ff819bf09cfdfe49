"""Every development suite of temporal tagging, ours and HeidelTime 2.2.1 side by side, one table.

Suites are TimeML folders under `../shared/bench/` (read at run time, never copied): TempEval-3
platinum and TimeBank (news, HeidelTime in `news` mode) and WikiWars-dev (war narratives,
HeidelTime in `narratives` mode). Ours gets only the text and the DCT, never the suite's kind: it
decides news or narrative from the text itself. Scored as TempEval-3 Task A (lib.bench.scoring).

    python -m lib.bench.temporal                      # the table (HeidelTime cached in bench-out/)
    python -m lib.bench.temporal --suites wikiwars-dev --errors ours   # and every error of ours
    python -m lib.bench.temporal --no-heideltime      # ours alone
    python -m lib.bench.temporal --speed              # and ours against dateparser's search_dates
    python -m lib.bench.temporal --half tune          # only the documents of one fixed half

`--half tune|check` keeps the documents whose file name's SHA-1 is even (tune) or odd (check): a
fixed split, so that rules written looking at the tune half's errors can be judged on the check
half they were never shown.

HeidelTime is installed on first use into bench-out/heideltime-venv (GPL: a yardstick only).
Without Java the table shows ours alone and says how to install it.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from lib.bench.scoring import GoldDocument, Run, Scores, align
from lib.bench.systems import evaluate
from lib.bench.table import format_table, percent
from lib.bench.te3 import error_report, read_gold
from lib.settings import PROJECT_ROOT

BENCH = PROJECT_ROOT.parent / "shared" / "bench"


@dataclass(frozen=True)
class Suite:
    name: str
    folder: Path
    heideltime_mode: str  # the document type HeidelTime is given


SUITES: tuple[Suite, ...] = (
    Suite("te3-platinum", BENCH / "te3-platinum" / "gold", "news"),
    Suite("timebank", BENCH / "timebank" / "gold", "news"),
    Suite("wikiwars-dev", BENCH / "wikiwars-dev" / "gold", "narratives"),
)


HALVES = ("tune", "check")


def half_of(name: str) -> str:
    """The fixed half a document belongs to, by the parity of its file name's SHA-1.

    >>> half_of("APW19980227.0468"), half_of("APW19980227.0476")
    ('check', 'tune')
    """
    return HALVES[hashlib.sha1(name.encode("utf-8")).digest()[-1] % 2]


def in_half(documents: Sequence[GoldDocument], half: str | None) -> list[GoldDocument]:
    """The documents of one half (every document when `half` is None)."""
    return [d for d in documents if half is None or half_of(d.id) == half]


def heideltime_run(documents: Sequence[GoldDocument], mode: str, quiet: bool = False) -> Run:
    """HeidelTime's output on every document, aligned with the gold (one JVM for the lot)."""
    from lib.bench.heideltime import HeidelTime

    outputs = HeidelTime(quiet=quiet).tag_all([(d.id, d.text, d.dct) for d in documents], mode)
    alignments, errors = [], []
    for doc in documents:
        found = outputs.get(doc.id, [])
        if isinstance(found, str):
            errors.append((doc.id, found))
            found = []
        alignments.append((doc.id, align(doc.gold, found)))
    return Run(f"HeidelTime 2.2.1 ({mode})", tuple(alignments), tuple(errors))


def table(results: Sequence[tuple[str, Run]]) -> str:
    headers = ["suite", "system", "strict P", "strict R", "strict F1", "relaxed F1", "value F1",
               "type F1", "gold", "found"]
    rows = []
    for suite, run in results:
        s, c = Scores.of(run.counts), run.counts
        rows.append([suite, run.system, *map(percent, (s.strict_p, s.strict_r, s.strict_f1,
                     s.relaxed_f1, s.value_f1, s.type_f1)), c.gold, c.system])
    return format_table(headers, rows)


def speed(documents: Sequence[GoldDocument]) -> str:
    """CPU seconds of ours and of dateparser's search_dates over the same texts."""
    from lib.bench.systems import dateparser_search, ours

    lines = []
    timings = {}
    for name, tagger in (("ours", ours), ("dateparser", dateparser_search)):
        tagger("Warm up on Friday, Dec. 6, 2024.", None)  # rules compiled, modules loaded
        start = time.process_time()
        for doc in documents:
            tagger(doc.text, doc.dct)
        timings[name] = time.process_time() - start
    chars = sum(len(d.text) for d in documents)
    for name, seconds in timings.items():
        lines.append(f"  {name:<11} {seconds:6.2f} s CPU for {chars / 1000:.0f} K characters")
    lines.append(f"  ours is {timings['dateparser'] / max(timings['ours'], 1e-9):.1f}x "
                 "dateparser's speed")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.temporal",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--suites", nargs="+", default=[s.name for s in SUITES],
                        choices=[s.name for s in SUITES])
    parser.add_argument("--no-heideltime", action="store_true", help="ours alone")
    parser.add_argument("--errors", choices=["ours", "heideltime"],
                        help="list every error of that system per document")
    parser.add_argument("--half", choices=HALVES,
                        help="only the documents of that fixed half (SHA-1 of the file name)")
    parser.add_argument("--speed", action="store_true",
                        help="also time ours against dateparser on the first suite")
    args = parser.parse_args(argv)

    results: list[tuple[str, Run]] = []
    errors_of: list[tuple[Run, list[GoldDocument]]] = []
    heideltime_ok = not args.no_heideltime
    for suite in (s for s in SUITES if s.name in args.suites):
        documents = in_half(read_gold(suite.folder), args.half)
        if not documents:
            print(f"warning: no .tml files in {suite.folder}", file=sys.stderr)
            continue
        runs = [evaluate("ours", documents)]
        if heideltime_ok:
            try:
                runs.append(heideltime_run(documents, suite.heideltime_mode))
            except Exception as error:  # no Java, no network for the first install...
                print(f"HeidelTime not run: {error}", file=sys.stderr)
                heideltime_ok = False
        for run in runs:
            for doc_id, error in run.errors:
                print(f"warning: {run.system} failed on {suite.name}/{doc_id}: {error}",
                      file=sys.stderr)
            results.append((suite.name, run))
            if args.errors and run.system.lower().startswith(args.errors):
                errors_of.append((run, documents))
    print(table(results))
    print("\nTempEval-3 Task A scoring, pooled over each suite's documents; value F1 = "
          "(relaxed matches with the gold value) / (relaxed matches) x relaxed F1.")
    for run, documents in errors_of:
        print(f"\nErrors of {run.system}:")
        print(error_report(run, documents))
    if args.speed and args.suites:
        first = next(s for s in SUITES if s.name in args.suites)
        print(f"\nSpeed on {first.name}:")
        print(speed(read_gold(first.folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
