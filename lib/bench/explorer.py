"""Benchmark of the explorer's pages, server side (Streamlit's AppTest runs the page script as the
server would; the browser's drawing is not counted). Prints a table beside the goals; asserts
nothing.

1. Timeline reruns on generated stores of 10,000, 100,000 and 1,000,000 events
   (lib.bench.synthetic: 10,000 generated events, copied over in SQL for the larger stores;
   built once and kept under bench-out/explorer/): the page opened, its dates widened to every
   day the events reach (that rerun timed: every event in the window), then another city chosen
   on each round (a view not seen before, so no cached figure serves it), each rerun timed (min
   and median; goal < 0.5 s at 1,000,000), and the process's peak resident memory (goal < 1 GB).
   Each size runs in a fresh Python process.
2. Cold start to the first chart on the bundled corpus, each in a fresh Python process (imports
   included): with the store already extracted (every later start; goal < 3 s), and on an empty
   store (the very first start, extraction with the language model included).

    .venv/bin/python -m lib.bench.explorer [--events N ...] [--rounds N]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lib.bench.table import format_table
from lib.settings import DATA_DIR, PROJECT_ROOT

TIMELINE = str(PROJECT_ROOT / "pages" / "1_Timeline.py")
CACHE = PROJECT_ROOT / "bench-out" / "explorer"
BASE_EVENTS = 10_000
GOAL_RERUN, GOAL_MEMORY_MB, GOAL_COLD = 0.5, 1000, 3.0

_COLD = """
import json, sys, time
start = time.perf_counter()
from streamlit.testing.v1 import AppTest
imported = time.perf_counter()
app = AppTest.from_file(sys.argv[1], default_timeout=600).run()
done = time.perf_counter()
assert not app.exception, app.exception
charts = len(app.get("plotly_chart"))
print(json.dumps({"imports": imported - start, "run": done - imported, "charts": charts}))
"""

_RERUNS = """
import json, resource, statistics, sys, time
from streamlit.testing.v1 import AppTest
from lib.bench.synthetic import CITIES
rounds = int(sys.argv[2])
started = time.perf_counter()
app = AppTest.from_file(sys.argv[1], default_timeout=900).run()
first = time.perf_counter() - started
assert not app.exception, app.exception
dates = app.date_input(key="tl_dates")
dates.set_value((dates.min, dates.max))
started = time.perf_counter()
app.run()
widest = time.perf_counter() - started
times, cpu = [], []
for n in range(rounds):
    app.multiselect(key="tl_cities").set_value([CITIES[n % len(CITIES)][0]])  # a new view each
    started, used = time.perf_counter(), time.process_time()
    app.run()
    times.append(time.perf_counter() - started)
    cpu.append(time.process_time() - used)
    assert not app.exception, app.exception
shown = int(app.caption[0].value.split(" of ")[0])
print(json.dumps({"first": first, "widest": widest, "min": min(times),
                  "median": statistics.median(times), "max": max(times), "shown": shown,
                  "cpu_min": min(cpu), "cpu_median": statistics.median(cpu),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def generated_store(n_events: int) -> tuple[Path, Path]:
    """A store of `n_events` generated events and its corpus folder, built once under CACHE:
    BASE_EVENTS generated, then copied over (new ids, new mention ids) in SQL."""
    import duckdb

    from lib.bench.synthetic import generate, write_store

    folder = CACHE / f"events-{n_events}"
    store, corpus = folder / "store.duckdb", folder / "corpus"
    if (folder / "done").exists():
        return store, corpus
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    base = min(n_events, BASE_EVENTS)
    write_store(generate(base, seed=0), store, corpus)
    copies = -(-n_events // base) - 1
    if copies:
        con = duckdb.connect(str(store), config={"enable_progress_bar": False})
        for table, key, ids in (("mentions", "mention_id", "mention_id"),
                                ("events", "event_id", "mention_ids")):
            con.execute(
                f"INSERT INTO {table} SELECT t.* REPLACE (t.{key} || '-' || k AS {key}"
                + (f", t.{ids} || '-' || k AS {ids}" if ids != key else "")
                + f") FROM {table} t, range(1, {copies + 1}) AS r(k)")
        con.execute(f"DELETE FROM events WHERE rowid >= {n_events}")
        con.close()
    (folder / "done").write_text(str(n_events))
    return store, corpus


def _child(code: str, args: list[str], store: Path, corpus: Path) -> dict:
    env = {**os.environ, "CTE_STORE_PATH": str(store), "CTE_CORPUS_DIR": str(corpus),
           "PYTHONPATH": str(PROJECT_ROOT)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=PROJECT_ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return {"total": time.perf_counter() - started,
            **json.loads(done.stdout.strip().splitlines()[-1])}


def timeline_reruns(n_events: int, rounds: int) -> dict[str, float]:
    store, corpus = generated_store(n_events)
    return _child(_RERUNS, [TIMELINE, str(rounds)], store, corpus)


def cold_start(store: Path, corpus: Path) -> dict[str, float]:
    return _child(_COLD, [TIMELINE], store, corpus)


def _met(value: float, goal: float) -> str:
    return "met" if value < goal else "NOT met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    rows = []
    for n in args.events:
        reruns = timeline_reruns(n, args.rounds)
        goal = n >= 1_000_000
        rows += [
            [f"Timeline rerun, {n:,} events, widest dates, a city chosen: min / median of "
             f"{args.rounds}",
             f"{reruns['min']:.3f} / {reruns['median']:.3f}",
             f"< {GOAL_RERUN}" + (f" ({_met(reruns['median'], GOAL_RERUN)})" if goal else "")],
            ["  CPU seconds of the process (every thread): min / median",
             f"{reruns['cpu_min']:.3f} / {reruns['cpu_median']:.3f}", ""],
            ["  slowest rerun; the one that widened the dates to every event",
             f"{reruns['max']:.3f}; {reruns['widest']:.3f}", ""],
            ["  first run (the events' file made from the store)", f"{reruns['first']:.3f}", ""],
            ["  peak resident memory of the process, MB", f"{reruns['peak_mb']:.0f}",
             f"< {GOAL_MEMORY_MB}" + (f" ({_met(reruns['peak_mb'], GOAL_MEMORY_MB)})"
                                      if goal else "")],
        ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        shutil.copytree(DATA_DIR / "corpus", corpus)
        first_ever = cold_start(folder / "bundled.duckdb", corpus)
        later = cold_start(folder / "bundled.duckdb", corpus)
    rows += [
        ["Cold start to the first chart, bundled corpus, store extracted (new process)",
         f"{later['total']:.3f}", f"< {GOAL_COLD} ({_met(later['total'], GOAL_COLD)})"],
        ["  of which imports / page script", f"{later['imports']:.2f} / {later['run']:.2f}", ""],
        ["First start ever: empty store, extraction with the language model included",
         f"{first_ever['total']:.3f}", ""],
        ["  of which imports / page script (extraction)",
         f"{first_ever['imports']:.2f} / {first_ever['run']:.2f}", ""],
    ]
    print(format_table(["measure (server side, AppTest; seconds unless said)", "value", "goal"],
                       rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
