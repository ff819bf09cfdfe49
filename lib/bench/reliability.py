"""Reliability: nothing lost, nothing clobbered, nothing injected. Prints figures, asserts nothing.

    .venv/bin/python -m lib.bench.reliability [--articles N] [--rounds N]

1. Losses: a store filled from a corpus goes through a mistyped input, a missing folder, an
   unreadable file, a restart and `kill -9` in the middle of an update (the real pipeline):
   stored articles lost after each (goal 0).
2. Concurrent date edits, the real pipeline: several sessions of one process (threads) and several
   processes edit the same articles at once; exceptions other than the conflicts the app shows,
   and stores left inconsistent (consistency_problems) (goal 0 both).

The helpers are shared with tests/test_reliability*.py: `install_fake_analysis` (a stand-in for
spaCy, consolidation and control, for fast tests and subprocesses), `consistency_problems`,
`write_corpus`, and `hostile_store` (a store whose article carries hostile id, title, outlet, URL
and text, for the page tests).
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import types
from pathlib import Path

from lib.settings import PROJECT_ROOT

# What an article may supply, made hostile: Markdown images and links to an outside host, raw
# HTML that would fetch or run, a backtick that closes a code span, LaTeX and table pipes.
HOSTILE_ID = "![id](http://evil.example/id.png) `x` <img src=http://evil.example/id2.png>"
HOSTILE_TITLE = ("![t](http://evil.example/title.png) <img src=\"http://evil.example/t.png\"> "
                 "[click](javascript:alert(1)) **bold** `code` $x^2$ | pipe")
HOSTILE_OUTLET = "![o](http://evil.example/outlet.png)<img src=http://evil.example/o.png>"
HOSTILE_URL = "javascript:alert(1)//\" onerror=\"fetch('http://evil.example/u')"
HOSTILE_TEXT = ("\n![text](http://evil.example/text.png) <img src=http://evil.example/text.png> "
                "<script>fetch('http://evil.example/s')</script> "
                "<iframe src=\"http://evil.example/f\"></iframe> `tick <b>bold</b>")
EVIL_HOST = "evil.example"


__all__ = ["EVIL_HOST", "HOSTILE_ID", "HOSTILE_OUTLET", "HOSTILE_TEXT", "HOSTILE_TITLE",
           "HOSTILE_URL", "concurrent_edits", "consistency_problems", "hostile_store",
           "install_fake_analysis", "losses", "write_corpus"]


# --- fakes: the pipeline's logic without spaCy -----------------------------------------------------

def install_fake_analysis(delay: float = 0.0) -> None:
    """Replace analysis, consolidation and control by fakes (in sys.modules): a timex per "Friday"
    valued at the article's DCT, a mention per "took", an event per mention, an interval per place.
    `delay` seconds per article stands for the model's time (for kill -9 tests)."""
    from lib.model import ControlInterval, Event, Mention
    from lib.temporal import Timex

    def record(cls, **values):
        blanks = {"str": "", "int": 0, "float": 0.0, "bool": False}
        for field in dataclasses.fields(cls):
            values.setdefault(field.name, None if "None" in str(field.type)
                              else blanks[str(field.type)])
        return cls(**values)

    def analyse(articles, nlp=None, **kwargs):
        for article in articles:
            if delay:
                time.sleep(delay)
            day = article.published[:10]
            timexes = [Timex(m.start(), m.end(), m.group(), "DATE", day, "", "DCT", "fake")
                       for m in re.finditer("Friday", article.text)]
            mentions = [record(Mention, mention_id=f"{article.id}:0:{m.start()}",
                               article_id=article.id, source=article.source,
                               published=article.published, trigger="took",
                               trigger_start=m.start(), place="Hama", latitude=35.1,
                               longitude=36.7, date_start=day, fatalities=None)
                        for m in re.finditer("took", article.text)]
            yield article, timexes, mentions

    def consolidate(mentions):
        return [record(Event, event_id=m.mention_id, event_date=m.date_start, location=m.place,
                       latitude=m.latitude, longitude=m.longitude, fatalities=None,
                       mention_ids=m.mention_id, source=m.source) for m in mentions]

    def control_intervals(mentions):
        return [record(ControlInterval, city=place, controller="opposition", latitude=None,
                       longitude=None) for place in sorted({m.place for m in mentions})]

    def no_model(*args, **kwargs):
        return "fake model"  # the fake analysis takes no model

    class ModelNotFound(RuntimeError):
        pass

    sys.modules["lib.extract.articles"] = types.SimpleNamespace(analyse=analyse)
    sys.modules["lib.extract.events"] = types.SimpleNamespace(consolidate=consolidate)
    sys.modules["lib.extract.control"] = types.SimpleNamespace(control_intervals=control_intervals)
    sys.modules["lib.extract.spacy_pipeline"] = types.SimpleNamespace(  # spaCy is not imported
        load_pipeline=no_model, ModelNotFound=ModelNotFound)


# --- corpora and checks --------------------------------------------------------------------------

def write_corpus(folder: Path, n: int, *, first: int = 0, words: int = 30) -> list[str]:
    """`n` dated front-matter articles a0000... in `folder`; their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(first, first + n):
        article_id = f"a{i:04d}"
        filler = " ".join(["Fighting went on near the city."] * max(1, words // 6))
        (folder / f"{article_id}.md").write_text(
            f"---\nid: {article_id}\nsource: Wire {i % 3}\npublished: 2024-12-0{1 + i % 7}\n---\n"
            f"Rebels took Hama on Friday, report {i} said. {filler}\n", encoding="utf-8")
        ids.append(article_id)
    return ids


def consistency_problems(store) -> list[str]:
    """What is inconsistent in a store: a user's date not the article's, an article whose rows
    are not those of its stored date and text, mentions dated otherwise than their article, events
    resting on mentions that are gone, or events left stale. [] when consistent."""
    from lib.corpus import Article
    from lib.pipeline import content_hash

    problems = []
    with store.snapshot():
        articles = store.articles()
        overrides = store.overrides()
        mentions = store.mentions()
        events = store.events()
        stale = store.derived_stale()
    by_id = {r["id"]: r for r in articles.to_dict("records")}
    for article_id, published in overrides.items():
        row = by_id.get(article_id)
        if row is not None and (row["published"], row["dct_source"]) != (published, "user"):
            problems.append(f"{article_id}: override {published} but article "
                            f"{row['published']} ({row['dct_source']})")
    names = [f.name for f in dataclasses.fields(Article)]
    for row in by_id.values():
        article = Article(**{k: row[k] for k in names})
        if content_hash(article) != row["content_hash"]:
            problems.append(f"{row['id']}: rows of another version (content hash)")
    for m in mentions.to_dict("records"):
        row = by_id.get(m["article_id"])
        if row is None:
            problems.append(f"mention {m['mention_id']} of a missing article")
        elif m["published"] != row["published"]:
            problems.append(f"mention {m['mention_id']} dated {m['published']}, its article "
                            f"{row['published']}")
    known = set(mentions["mention_id"])
    for e in events.to_dict("records"):
        missing = [i for i in str(e["mention_ids"] or "").split("; ") if i and i not in known]
        if missing:
            problems.append(f"event {e['event_id']} rests on missing mentions {missing[:3]}")
    if stale:
        problems.append("events and control are stale")
    return problems


def hostile_store(folder: Path, *, n_events: int = 30):
    """A generated store (lib.bench.synthetic) whose first article has HOSTILE_ID, _TITLE,
    _OUTLET, _URL and _TEXT, carried into its mentions and events; its corpus folder holds the
    same articles so the app's update finds nothing to do. (store path, corpus folder)."""
    import datetime as dt

    from lib.bench.synthetic import article_file, generate
    from lib.corpus import Article, read_articles
    from lib.pipeline import content_hash
    from lib.store import Store

    data = generate(n_events, seed=11, first_day=dt.date(2024, 11, 28), days=10, n_articles=6)
    old = data.articles[0]
    hostile = dataclasses.replace(old, id=HOSTILE_ID, title=HOSTILE_TITLE, source=HOSTILE_OUTLET,
                                  url=HOSTILE_URL, text=old.text + HOSTILE_TEXT)
    data.articles[0] = hostile

    def swap(value):
        if isinstance(value, str):
            return value.replace(old.id, HOSTILE_ID).replace(old.source, HOSTILE_OUTLET)
        return value

    mentions = {a.id: data.mentions[a.id] for a in data.articles[1:]}
    mentions[HOSTILE_ID] = [dataclasses.replace(m, **{f.name: swap(getattr(m, f.name))
                                                      for f in dataclasses.fields(m)})
                            for m in data.mentions[old.id]]
    hostile_ids = {m.mention_id for m in mentions[HOSTILE_ID]}
    events = [dataclasses.replace(e, **{f.name: swap(getattr(e, f.name))
                                        for f in dataclasses.fields(e)})
              if old.id in (e.mention_ids or "") else e for e in data.events]
    timexes = {**{a.id: data.timexes[a.id] for a in data.articles[1:]},
               HOSTILE_ID: data.timexes[old.id]}
    store_path, corpus = folder / "store.duckdb", folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for n, article in enumerate(data.articles):
        (corpus / f"article{n}.md").write_text(article_file(article), encoding="utf-8")
    read = {a.id: a for a in read_articles([corpus]) if isinstance(a, Article)}
    with Store(store_path) as store:
        for article in data.articles:
            stored = read[article.id]
            store.put_article(stored, content_hash(stored), timexes[article.id],
                              mentions[article.id])
        store.put_derived(events, data.control)
    assert hostile_ids and HOSTILE_ID in read
    return store_path, corpus


# --- the benchmark -------------------------------------------------------------------------------

def _stored_ids(store_path: Path) -> set[str]:
    from lib.store import Store

    with Store(store_path) as store:
        return set(store.known_hashes())


def _cli(*args: str, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def losses(n_articles: int) -> list[tuple[str, int, int, str]]:
    """(case, stored before, lost, exit status) for each way of losing articles."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="cte-rel-") as tmp:
        tmp = Path(tmp)
        corpus, out = tmp / "corpus", tmp / "out"
        write_corpus(corpus, n_articles, words=300)
        started = time.perf_counter()
        first = _cli("extract", str(corpus), "--out", str(out))
        print(f"first extraction of {n_articles} articles: exit {first.returncode}, "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        store = out / "store.duckdb"
        before = _stored_ids(store)

        def case(name: str, *args: str, env: dict | None = None) -> None:
            result = _cli(*args, env=env)
            after = _stored_ids(store)
            rows.append((name, len(before), len(before - after), str(result.returncode)))

        case("mistyped input (data/corpsu)", "extract", str(tmp / "corpsu"), "--out", str(out))
        case("mistyped input with --prune", "extract", str(tmp / "corpsu"), "--out", str(out),
             "--prune")
        empty = tmp / "empty"
        empty.mkdir()
        case("an empty folder", "extract", str(empty), "--out", str(out))
        unreadable = corpus / "a0000.md"
        unreadable.write_bytes(b"\xff\xfe not UTF-8 any more")
        case("a file no longer readable, --prune", "extract", str(corpus), "--out", str(out),
             "--prune")
        write_corpus(corpus, 1)  # a0000 readable again
        case("restart (unchanged corpus)", "extract", str(corpus), "--out", str(out))
        # kill -9 in the middle of an update that re-analyses every article (texts changed)
        for path in sorted(corpus.glob("*.md")):
            path.write_text(path.read_text(encoding="utf-8") + "\nMore fighting on Friday.\n",
                            encoding="utf-8")
        process = subprocess.Popen([sys.executable, "-m", "lib", "extract", str(corpus), "--out",
                                    str(out), "--progress"], cwd=PROJECT_ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        done = _wait_for_progress(process, at_least=max(1, n_articles // 3), total=n_articles)
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _stored_ids(store)
        rows.append((f"kill -9 mid-update ({done} of {n_articles} re-analysed)", len(before),
                     len(before - after), "killed"))
        case("the run after kill -9", "extract", str(corpus), "--out", str(out))
    return rows


def _wait_for_progress(process: subprocess.Popen, *, at_least: int, total: int) -> int:
    """Read the tqdm bar on the process's stderr until `at_least` of `total` articles are done."""
    seen = b""
    pattern = re.compile(rb"(\d+)/%d\b" % total)
    while process.poll() is None:
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            break
        seen = (seen + chunk)[-4096:]
        counts = [int(n) for n in pattern.findall(seen)]
        if counts and max(counts) >= at_least:
            return max(counts)
    return -1


_EDITOR = textwrap.dedent("""
    import random, sys
    from lib.pipeline import set_published
    from lib.store import EditConflict, Store
    from lib.bench.reliability import install_fake_analysis
    store_path, rounds, seed, fake = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    nlp = None
    if fake == "1":
        install_fake_analysis()
    else:
        from lib.extract.spacy_pipeline import load_pipeline
        nlp = load_pipeline()
    rng = random.Random(seed)
    conflicts = errors = 0
    for n in range(rounds):
        with Store(store_path) as store:
            ids = sorted(store.known_hashes())
        article_id = ids[n % 2]
        day = f"2024-11-{rng.randrange(1, 29):02d}"
        try:
            with Store(store_path) as store:
                seen = store.article(article_id).published
            with Store(store_path) as store:
                set_published(store, article_id, day, nlp=nlp, expected=seen)
        except EditConflict:
            conflicts += 1
        except Exception as error:
            errors += 1
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
    print(conflicts, errors)
""")


def concurrent_edits(store_path: Path, *, threads: int, processes: int, rounds: int,
                     nlp=None, fake: bool = False) -> dict[str, int]:
    """`rounds` edits in all, from `threads` sessions of this process and `processes` other
    processes at once, on the same two articles, as the app makes them (a Store per action, the
    date the analyst saw as `expected`). Counts edits, conflicts shown, other exceptions, and
    inconsistencies found after every thread round and at the end."""
    import random

    from lib.pipeline import set_published
    from lib.store import EditConflict, Store

    counts = {"edits": 0, "conflicts": 0, "exceptions": 0, "inconsistent": 0}
    lock = threading.Lock()
    per_worker = max(1, rounds // max(1, threads + processes))
    children = [subprocess.Popen(
        [sys.executable, "-c", _EDITOR, str(store_path), str(per_worker), str(100 + n),
         "1" if fake else "0"], cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for n in range(processes)]

    def session(seed: int) -> None:
        rng = random.Random(seed)
        for n in range(per_worker):
            try:
                with Store(store_path) as store:
                    ids = sorted(store.known_hashes())
                    article_id = ids[n % 2]
                    seen = store.article(article_id).published
                with Store(store_path) as store:
                    set_published(store, article_id, f"2024-11-{rng.randrange(1, 29):02d}",
                                  nlp=nlp, expected=seen)
                outcome = "edits"
            except EditConflict:
                outcome = "conflicts"
            except Exception as error:  # noqa: BLE001 - counted, printed
                print(f"  thread {seed}: {type(error).__name__}: {error}", file=sys.stderr)
                outcome = "exceptions"
            with lock:
                counts[outcome] += 1
            with Store(store_path) as store:
                if consistency_problems(store):
                    with lock:
                        counts["inconsistent"] += 1

    workers = [threading.Thread(target=session, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for child in children:
        out, err = child.communicate(timeout=900)
        conflicts, errors = (int(x) for x in (out.split() or ["0", "1"])[-2:])
        counts["conflicts"] += conflicts
        counts["exceptions"] += errors
        counts["edits"] += per_worker - conflicts - errors
        if err.strip():
            print("  " + err.strip().replace("\n", "\n  "), file=sys.stderr)
    with Store(store_path) as store:
        final = consistency_problems(store)
    counts["inconsistent"] += bool(final)
    for problem in final[:5]:
        print(f"  inconsistent: {problem}", file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench.reliability",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60,
                        help="articles in the corpus of the loss cases (default 60)")
    parser.add_argument("--rounds", type=int, default=100,
                        help="concurrent edits in all (default 100)")
    args = parser.parse_args(argv)

    print(f"1. Stored articles lost ({args.articles} articles, the real pipeline)\n")
    print("| case | stored before | lost | exit status |\n|---|---|---|---|")
    for name, before, lost, status in losses(args.articles):
        print(f"| {name} | {before} | **{lost}** | {status} |", flush=True)

    from lib.extract.spacy_pipeline import load_pipeline
    from lib.pipeline import update
    from lib.store import Store

    nlp = load_pipeline()
    print(f"\n2. Concurrent date edits ({args.rounds} edits, the real pipeline)\n")
    print("| who | edits saved | conflicts shown | other exceptions | inconsistent stores | s |")
    print("|---|---|---|---|---|---|")
    for label, threads, processes in (("4 sessions (threads) of one server", 4, 0),
                                      ("2 processes, 2 edits at a time", 0, 2),
                                      ("2 threads + 2 processes", 2, 2)):
        with tempfile.TemporaryDirectory(prefix="cte-rel-") as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, 4)
            store_path = Path(tmp) / "store.duckdb"
            with Store(store_path) as store:
                update(store, [corpus], nlp=nlp)
            started = time.perf_counter()
            counts = concurrent_edits(store_path, threads=threads, processes=processes,
                                      rounds=args.rounds, nlp=nlp)
            print(f"| {label} | {counts['edits']} | {counts['conflicts']} | "
                  f"**{counts['exceptions']}** | **{counts['inconsistent']}** | "
                  f"{time.perf_counter() - started:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
