"""Benchmark of the explorer's pages, server side (Streamlit's AppTest runs the page script as the
server would; the browser's drawing is not counted). Prints a table beside the goals; asserts
nothing.

1. Timeline reruns on generated stores of 10,000, 100,000 and 1,000,000 events
   (lib.bench.synthetic: 10,000 generated events, copied over in SQL for the larger stores;
   built once and kept under bench-out/explorer/): the page opened, its dates widened to every
   day the events reach (that rerun timed: every event in the window), then another city chosen
   on each round (a view not seen before, so no cached figure serves it), each rerun timed (min
   and median; goal < 0.5 s at 1,000,000), and the process's peak resident memory (goal < 1 GB).
   Each size runs in a fresh Python process. With --pages, Home, the Control map and the
   Briefing opened in another (first run, CPU, then a rerun on the day before; the Briefing's
   with hindsight, as the briefing as of a day before the last report consolidates the reports
   published by then again, in lib.extract).
2. Cold start to the first chart on the bundled corpus, as a user waits for it: `streamlit run
   app.py` started in a new process, the Timeline asked for over Streamlit's websocket as the
   browser asks (lib.bench.explorer's `_SERVED`: no browser, its drawing not counted), timed
   from the launch to the chart's message leaving the server, wall and the server's CPU seconds
   (the figure to quote on a shared machine; wall there mostly waits for the other jobs), the
   median of `--cold` starts. With the store already extracted (every later start; goal < 3 s),
   and on an empty store (the very first start, extraction with the language model included).
   AppTest is not used for it: its runs pay for what a server does not (importing
   streamlit.testing, a mock runtime set up each run).

    .venv/bin/python -m lib.bench.explorer [--events N ...] [--rounds N] [--pages] [--cold N]
    .venv/bin/python -m lib.bench.explorer --events --cold 5     # the cold start alone
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
CACHE = PROJECT_ROOT / "bench-out" / "explorer"
BASE_EVENTS = 10_000
GOAL_RERUN, GOAL_MEMORY_MB, GOAL_COLD = 0.5, 1000, 3.0

_SERVED = """
import asyncio, json, os, socket, subprocess, sys, time
from tornado.websocket import websocket_connect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

def cpu(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

async def main(page):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py",
                               "--server.port", str(port), "--server.address", "127.0.0.1",
                               "--server.headless", "true"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/_stcore/stream")
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("the server stopped")
                await asyncio.sleep(0.05)
        up, up_cpu = time.perf_counter() - started, cpu(server.pid)
        ask = BackMsg()
        ask.rerun_script.page_name = page
        await socket_.write_message(ask.SerializeToString(), binary=True)
        chart = chart_cpu = None
        while True:
            data = await socket_.read_message()
            if data is None:
                raise RuntimeError("the server closed the connection")
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "delta" and chart is None and message.delta.WhichOneof("type") == \
                    "new_element" and message.delta.new_element.WhichOneof("type") == "plotly_chart":
                chart, chart_cpu = time.perf_counter() - started, cpu(server.pid)
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element" and \
                    message.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(message.delta.new_element.exception.message)
            if kind == "script_finished":
                break
        print(json.dumps({"total": chart, "cpu": chart_cpu, "up": up, "up_cpu": up_cpu,
                          "finished": time.perf_counter() - started}))
    finally:
        server.terminate()
        server.wait(timeout=30)

asyncio.run(main(sys.argv[1]))
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


_PAGES = """
import datetime as dt, json, resource, sys, time
from streamlit.testing.v1 import AppTest
out = {}
for name, page, widget in (("home", "app.py", None), ("map", "pages/2_Control_map.py", "map_day"),
                           ("briefing", "pages/4_Briefing.py", "br_day")):
    started, used = time.perf_counter(), time.process_time()
    app = AppTest.from_file(sys.argv[1] + "/" + page, default_timeout=1800).run()
    assert not app.exception, app.exception
    out[name] = time.perf_counter() - started
    out[name + "_cpu"] = time.process_time() - used
    if widget:  # the day before: a view not seen yet (the briefing's with hindsight: as of an
        day = app.session_state[widget]  # earlier day it consolidates the reports by then again)
        (app.slider if name == "map" else app.date_input)(key=widget).set_value(
            day - dt.timedelta(days=1))
        if name == "briefing":
            app.checkbox(key="br_hindsight").check()
    started = time.perf_counter()
    app.run()
    assert not app.exception, app.exception
    out[name + "_rerun"] = time.perf_counter() - started
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
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
        con = duckdb.connect(str(store))
        con.execute("SET enable_progress_bar = false")
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


def pages(n_events: int) -> dict[str, float]:
    """Home, the Control map and the Briefing opened in one fresh process on the store of
    `n_events` events (its events' file already made by the Timeline's run), each then rerun on
    another day."""
    store, corpus = generated_store(n_events)
    return _child(_PAGES, [str(PROJECT_ROOT)], store, corpus)


def cold_start(store: Path, corpus: Path, starts: int = 1) -> dict[str, float]:
    """The median of each figure over `starts` servers started one after another (the first one
    on an empty store extracts it: give it starts=1)."""
    runs = [_child(_SERVED, ["Timeline"], store, corpus) for _ in range(starts)]
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def _met(value: float, goal: float) -> str:
    return "met" if value < goal else "NOT met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="*", default=[10_000, 100_000, 1_000_000],
                        help="store sizes of the Timeline's reruns (none: the cold start alone)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pages", action="store_true",
                        help="also open Home, the Control map and the Briefing on each store")
    parser.add_argument("--cold", type=int, default=3,
                        help="servers started for the cold start, store extracted (the median); "
                             "0: no cold start")
    args = parser.parse_args(argv)
    rows = []
    for n in args.events:
        reruns = timeline_reruns(n, args.rounds)
        opened = pages(n) if args.pages else None
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
        if opened:
            rows += [[f"  {title}, {n:,} events: first run (CPU) / the day before",
                      f"{opened[name]:.2f} ({opened[name + '_cpu']:.2f}) / "
                      f"{opened[name + '_rerun']:.2f}", ""]
                     for name, title in (("home", "Home"), ("map", "Control map"),
                                         ("briefing", "Briefing"))]
            rows.append(["  those three pages' process: peak resident memory, MB",
                         f"{opened['peak_mb']:.0f}", ""])
    if args.cold < 1:  # --cold 0: the pages alone
        print(format_table(["measure (server side; seconds unless said)", "value", "goal"], rows))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        shutil.copytree(DATA_DIR / "corpus", corpus)
        first_ever = cold_start(folder / "bundled.duckdb", corpus)
        later = cold_start(folder / "bundled.duckdb", corpus, args.cold)
    rows += [
        [f"Cold start to the first chart (bundled corpus, store extracted; launch to the "
         f"Timeline's chart sent; median of {args.cold}): wall / server CPU",
         f"{later['total']:.2f} / {later['cpu']:.2f}",
         f"< {GOAL_COLD} ({_met(later['total'], GOAL_COLD)} wall, "
         f"{_met(later['cpu'], GOAL_COLD)} CPU)"],
        ["  of which the server's start (listening): wall / CPU",
         f"{later['up']:.2f} / {later['up_cpu']:.2f}", ""],
        ["First start ever (empty store: extraction, language model included): wall / CPU",
         f"{first_ever['total']:.2f} / {first_ever['cpu']:.2f}", ""],
    ]
    print(format_table(["measure (server side; seconds unless said)", "value", "goal"],
                       rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
