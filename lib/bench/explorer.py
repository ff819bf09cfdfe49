"""Benchmark of the explorer's pages, server side (Streamlit's AppTest runs the page script as the
server would; the browser's drawing is not counted). Prints a table; asserts nothing.

1. Timeline rerun after a filter change, on 10,000 generated events (lib.bench.synthetic) in a
   tmp store: the time of the script run that a changed city filter triggers (goal < 0.5 s).
2. Cold start to the first chart on the bundled corpus, each in a fresh Python process (imports
   included): with the store already extracted (every later start; goal < 5 s), and on an empty
   store (the very first start, extraction with the language model included).

    .venv/bin/python -m lib.bench.explorer [--events N] [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lib.bench.table import format_table
from lib.settings import DATA_DIR, PROJECT_ROOT

TIMELINE = str(PROJECT_ROOT / "pages" / "1_Timeline.py")

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


def timeline_reruns(n_events: int, repeat: int, folder: Path) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    from lib.bench.synthetic import CITIES, generate, write_store

    data = generate(n_events, seed=0)
    store, corpus = folder / "generated.duckdb", folder / "generated"
    write_store(data, store, corpus)
    os.environ["CTE_STORE_PATH"], os.environ["CTE_CORPUS_DIR"] = str(store), str(corpus)
    started = time.perf_counter()
    app = AppTest.from_file(TIMELINE, default_timeout=600).run()
    first = time.perf_counter() - started
    assert not app.exception, app.exception
    times = []
    for n in range(repeat):
        cities = [CITIES[n % len(CITIES)][0]] if n % 2 == 0 else []
        app.multiselect(key="tl_cities").set_value(cities)
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
        assert not app.exception, app.exception
    return {"first": first, "median": statistics.median(times), "max": max(times),
            "rows_all": float(len(app.dataframe[0].value))}


def cold_start(store: Path, corpus: Path) -> dict[str, float]:
    env = {**os.environ, "CTE_STORE_PATH": str(store), "CTE_CORPUS_DIR": str(corpus),
           "PYTHONPATH": str(PROJECT_ROOT)}
    started = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", _COLD, TIMELINE], env=env, cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=True).stdout
    total = time.perf_counter() - started
    figures = json.loads(output.strip().splitlines()[-1])
    return {"total": total, **figures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        shutil.copytree(DATA_DIR / "corpus", corpus)
        first_ever = cold_start(folder / "bundled.duckdb", corpus)
        later = cold_start(folder / "bundled.duckdb", corpus)
        reruns = timeline_reruns(args.events, args.repeat, folder)
    rows = [
        [f"Timeline rerun after a filter change, {args.events:,} events (median of "
         f"{args.repeat})", f"{reruns['median']:.3f}", "< 0.5"],
        ["  slowest of those reruns", f"{reruns['max']:.3f}", ""],
        ["  first run of the page (tables read from the store)", f"{reruns['first']:.3f}", ""],
        ["Cold start to the first chart, bundled corpus, store extracted (new process)",
         f"{later['total']:.3f}", "< 5"],
        ["  of which imports / page script", f"{later['imports']:.2f} / {later['run']:.2f}", ""],
        ["First start ever: empty store, extraction with the language model included",
         f"{first_ever['total']:.3f}", ""],
        ["  of which imports / page script (extraction)",
         f"{first_ever['imports']:.2f} / {first_ever['run']:.2f}", ""],
    ]
    print(format_table(["measure (server side, AppTest)", "seconds", "goal"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
