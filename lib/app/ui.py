"""The small layer between Streamlit and the library: cached loaders, the shared widgets, and the
renderers the pages call. The only module of lib (with lib/ui_*) that imports streamlit.

Caching: the store is brought up to date with the corpus folder once per server process
(`prepare_store`, st.cache_resource: extraction on the first start, a cheap hash check after; it
never removes a stored article), and its tables are read once per store version (`tables`, keyed
by the store path and the file's modification stamp, so a write anywhere shows on the next rerun),
in one snapshot (never half of a change).

A setting that can't be read, or a store that is in use, damaged or not writable, is shown in
plain words with what to do, and the page stops there (`stop_on_store_problem`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import html
import math
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.app.explore import EventFilter, FilterOptions
from lib.settings import Settings

# Markdown punctuation escaped when corpus text goes into st.markdown-based elements.
_MARKDOWN_SPECIAL = "\\`*_[]<>#|~$"

CONTROL_LEGEND = ("**Colours:** government <span style='color:#d62728'>●</span> red · opposition "
                  "<span style='color:#2ca02c'>●</span> green · SDF "
                  "<span style='color:#f2c40f'>●</span> yellow · contested "
                  "<span style='color:#8c8c8c'>⊗</span> grey (striped in the chart) · no control "
                  "reported ○ white. A **black ring** (cross-hatch in the chart) marks a disputed "
                  "claim: the sources disagree.")


def skip_bare_mode_check() -> None:
    """Spare the first element of a server process Streamlit's bare-mode check.

    Streamlit decides, on the first element a process draws, whether to warn that the script runs
    outside `streamlit run`; it asks `env_util.is_repl()` first, which walks the stack with
    inspect.stack(): the source lines of every frame and, once, a map of every loaded module's
    file (0.3-0.6 s of CPU with pandas, DuckDB and plotly loaded). Under a runtime (the server,
    AppTest) the warning is never printed; mark it printed so the check is not made. A Streamlit
    without the flag is left as it is."""
    try:
        from streamlit import delta_generator, runtime

        if runtime.exists():
            delta_generator._use_warning_has_been_displayed = True
    except (ImportError, AttributeError):
        pass


skip_bare_mode_check()


def settings() -> Settings:
    """The settings; a value that can't be read stops the page with what to change."""
    from lib.settings import SettingError

    try:
        return Settings.from_env()
    except SettingError as error:
        st.error(f"A setting can't be read: {plain(error)}. Change it and restart the app.")
        st.stop()


@contextlib.contextmanager
def stop_on_store_problem():
    """Show a store problem (in use, damaged, not writable) in plain words and stop the page,
    instead of a traceback."""
    import duckdb

    from lib.store import StoreError, StoreLocked

    try:
        yield
    except StoreLocked as error:
        st.warning(f"The store is busy: {plain(error)}")
        st.stop()
    except StoreError as error:
        st.error(f"The store can't be used: {plain(error)}")
        st.stop()
    except duckdb.Error as error:
        st.error(f"The store can't be used: {plain(str(error).splitlines()[0])}. If it persists, "
                 "move the store file aside (keep it) and restart: it is rebuilt from the "
                 "articles.")
        st.stop()


def plain(text: object) -> str:
    """Text shown literally in Markdown (titles, file names): markup characters escaped. (The
    front end still makes a bare URL a link, which fetches nothing; where an article's own id or
    outlet is shown, lib.app.article_view renders escaped HTML instead.)

    >>> plain("*x* <b>")
    '\\\\*x\\\\* \\\\<b\\\\>'
    """
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in str(text))


# --- the store -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tables:
    articles: pd.DataFrame
    timexes: pd.DataFrame
    mentions: pd.DataFrame
    events: pd.DataFrame
    control: pd.DataFrame
    pending: pd.DataFrame | None = None  # articles waiting for a publication date


def store_version(path: str) -> tuple[int, int, int]:
    """A stamp that changes whenever the store file (or its write-ahead log) is written."""
    stamp = []
    for candidate in (Path(path), Path(path + ".wal")):
        try:
            info = candidate.stat()
            stamp += [info.st_mtime_ns, info.st_size]
        except FileNotFoundError:
            stamp += [0, 0]
    return stamp[0], stamp[1], stamp[2] + stamp[3]


@st.cache_resource(show_spinner="Extracting the corpus (first start: about a minute)…",
                   max_entries=8)
def prepare_store(store_path: str, corpus_dir: str):
    """Bring the store at `store_path` up to date with `corpus_dir`; the UpdateReport. Runs once
    per server process and (store, corpus). Never removes a stored article (a missing or
    unreadable corpus folder is reported, the store kept)."""
    from lib.pipeline import update
    from lib.store import Store

    with Store(store_path) as store:
        return update(store, corpus_paths(corpus_dir))


def corpus_paths(corpus_dir: str | Path) -> list[str]:
    """The corpus folder and the folder uploads are saved in (lib.corpus.uploads.add_articles)."""
    from lib.corpus.uploads import UPLOADS

    uploads = Path(corpus_dir) / UPLOADS
    return [str(corpus_dir)] + ([str(uploads)] if uploads.is_dir() else [])


@st.cache_resource(max_entries=4, show_spinner=False)
def _read_tables(store_path: str, version: tuple[int, int, int]) -> Tables:
    from lib.store import Store

    with Store(store_path) as store, store.snapshot():
        return Tables(store.articles(), store.timexes(), store.mentions(), store.events(),
                      store.control(), store.pending())


def tables() -> Tables:
    """The store's tables, current (extracting the corpus first when the store is new).
    Treat them as read-only: they are shared between sessions. A store problem stops the page
    with a message."""
    config = settings()
    path = str(config.store_path)
    with stop_on_store_problem():
        prepare_store(path, str(config.corpus_dir))
        return _read_tables(path, store_version(path))


def store_path() -> str:
    """The store's path, the store first brought up to date with the corpus (prepare_store); a
    store problem stops the page with a message."""
    config = settings()
    path = str(config.store_path)
    with stop_on_store_problem():
        prepare_store(path, str(config.corpus_dir))
    return path


def update_report():
    config = settings()
    with stop_on_store_problem():
        return prepare_store(str(config.store_path), str(config.corpus_dir))


@st.cache_resource(show_spinner="Loading the language model…")
def nlp():
    from lib.extract.spacy_pipeline import load_pipeline

    return load_pipeline()


def set_published(article_id: str, published: str, expected: str | None = None):
    """Persist an article's publication date and re-resolve what depends on it. None when saved;
    the EditConflict (its `current` value, its message) when another analyst changed the article
    since `expected` was shown, or the error saying why the date was refused; nothing is written
    then."""
    from lib.pipeline import set_published as set_in_store
    from lib.store import EditConflict, Store

    with stop_on_store_problem(), Store(settings().store_path) as store:
        try:
            set_in_store(store, article_id, published, nlp=nlp(), expected=expected)
        except EditConflict as conflict:
            return conflict
        except (ValueError, RuntimeError) as error:  # a date out of range, an analysis failure
            return error
    return None


def upload_limit_mb(max_bytes: int) -> int:
    """The file uploader's limit in its unit (whole MiB, at least 1) for a limit in bytes.

    >>> upload_limit_mb(1_000_000), upload_limit_mb(2_000_000), upload_limit_mb(500)
    (1, 2, 1)
    """
    return max(1, math.ceil(max_bytes / (1024 * 1024)))


def uploader_limit_mb(max_bytes: int) -> int:
    """The uploader's limit for `max_bytes`, also made the server's (server.maxUploadSize, read on
    each upload): the shipped config.toml says 1 for the default; a larger CTE_MAX_ARTICLE_BYTES
    raises it, so the server, the uploader's text and the explorer's check agree."""
    from streamlit import config as streamlit_config

    limit = upload_limit_mb(max_bytes)
    if streamlit_config.get_option("server.maxUploadSize") != limit:
        streamlit_config.set_option("server.maxUploadSize", limit)
    return limit


def add_articles(uploads: list[tuple[str, bytes]], published: str | None, on_progress=None):
    """Save uploads into the corpus folder and extract them; (saved paths, problems, ids of the
    saved articles waiting for a publication date). on_progress(done, total) as articles are
    analysed. More files than the CTE_MAX_UPLOAD_FILES setting are refused as a whole."""
    from lib.corpus.article import Problem
    from lib.corpus.uploads import add_articles as save
    from lib.pipeline import update
    from lib.store import Store

    config = settings()
    if len(uploads) > config.max_upload_files:
        return [], [Problem(f"{len(uploads)} files", (
            f"too many files in one upload: at most {config.max_upload_files} (setting "
            "CTE_MAX_UPLOAD_FILES). Add them in smaller batches, or put them in the corpus "
            f"folder ({config.corpus_dir}) and restart, or run python -m lib extract"))], []
    try:
        written, problems = save(uploads, config.corpus_dir, published=published)
    except ValueError as error:  # the publication date given for them
        return [], [Problem("the publication date", str(error))], []
    waiting: list[str] = []
    if written:
        with stop_on_store_problem(), Store(config.store_path) as store:
            report = update(store, [str(w) for w in written], nlp=nlp(), on_progress=on_progress)
            mine = {str(w) for w in written}
            pending = store.pending()
            waiting = [r["article_id"] for r in pending.to_dict("records") if r["path"] in mine]
        problems = list(problems) + [p for p in report.problems
                                     if any(str(w) in str(p.where) for w in written)
                                     and not p.reason.startswith("no publication date")]
    return written, problems, waiting


# --- widgets -------------------------------------------------------------------------------------

def date_range_input(label: str, first: dt.date, last: dt.date, default: tuple[dt.date, dt.date],
                     *, key: str) -> tuple[str, str]:
    """A date range picker; ISO strings ("" for an open end while the user picks)."""
    chosen = st.date_input(label, value=default, min_value=first, max_value=last, key=key,
                           format="YYYY-MM-DD")
    if isinstance(chosen, dt.date):
        chosen = (chosen,)
    chosen = tuple(chosen)
    start = chosen[0].isoformat() if len(chosen) > 0 else ""
    end = chosen[1].isoformat() if len(chosen) > 1 else ""
    return start, end


def event_filter_widgets(options: FilterOptions, *, key: str,
                         default_days: int = 14) -> EventFilter:
    """The Timeline's filters in the sidebar; an EventFilter. The date range starts on the last
    `default_days` days the events reach (older background events stay one click away)."""
    side = st.sidebar
    side.header("Filters")
    date_from = date_to = ""
    if options.first_day and options.last_day:
        start = max(options.first_day, options.last_day - dt.timedelta(days=default_days))
        with side:
            date_from, date_to = date_range_input(
                "Dates (events whose date can fall in the range)", options.first_day,
                options.last_day, (start, options.last_day), key=f"{key}_dates")
    cities = side.multiselect("City", options.cities, key=f"{key}_cities")
    actors = side.multiselect("Actor", options.actors, key=f"{key}_actors")
    types = side.multiselect("Event type", options.event_types, key=f"{key}_types")
    sources = side.multiselect("Source (outlet)", options.sources, key=f"{key}_sources")
    min_sources = 1
    if options.max_sources > 1:
        min_sources = side.slider("At least this many sources", 1, options.max_sources, 1,
                                  key=f"{key}_min_sources")
    statuses = side.multiselect("Claim status", options.claim_statuses, key=f"{key}_claims")
    return EventFilter(date_from=date_from, date_to=date_to, cities=tuple(cities),
                       actors=tuple(actors), event_types=tuple(types), sources=tuple(sources),
                       min_sources=int(min_sources), claim_statuses=tuple(statuses))


def who_and_why(key: str, why: str = "Why (optional)") -> tuple[str, str]:
    """Inside a correction form: the analyst's name and reason, side by side (keys `{key}_who`,
    `{key}_note`), which every correction keeps as its provenance."""
    left, right = st.columns(2)
    return left.text_input("Your name", key=f"{key}_who"), right.text_input(why, key=f"{key}_note")


# --- renderers -----------------------------------------------------------------------------------

def html_block(body: str) -> None:
    """Show HTML built by lib.app.highlight (every corpus text in it already escaped)."""
    st.html(body)


def show_control_evidence(history: pd.DataFrame) -> None:
    """Each interval of a city's history with the sentences it rests on."""
    from lib.app.control_map import evidence_lines

    for row in history.to_dict("records"):
        span = f"{row['valid_from'] or 'before the reports'} → {row['valid_to'] or 'now'}"
        flag = " · <b>disputed</b>" if row.get("status") == "disputed" else ""
        lines = "".join(f"<li><b>{html.escape(outlet or 'unknown outlet')}</b>: "
                        f"{html.escape(sentence)}</li>"
                        for outlet, sentence in evidence_lines(row.get("evidence") or ""))
        st.html(f"<div style='margin:6px 0'><b>{html.escape(str(row['controller']))}</b> "
                f"{html.escape(span)}{flag}<ul style='margin:2px 0'>{lines}</ul></div>")


def show_briefing_header(title: str, as_of: str, headlines: list[str]) -> None:
    """The briefing's title and headline developments in slide type (escaped)."""
    items = "".join(f"<li style='margin:0.3em 0'>{html.escape(line)}</li>" for line in headlines)
    st.html(f"<h1 style='font-size:2.6rem;margin:0'>{html.escape(title)}</h1>"
            f"<div style='font-size:1.3rem;color:#555'>As of the end of {html.escape(as_of)}</div>"
            f"<h2 style='font-size:1.9rem'>Headline developments</h2>"
            f"<ul style='font-size:1.35rem;line-height:1.45'>"
            f"{items or '<li>No events reported up to this day.</li>'}</ul>")


def show_sources(sources: pd.DataFrame) -> None:
    """The reports a briefing rests on (escaped)."""
    items = "".join(
        f"<li>{html.escape(str(r['source'] or 'unknown outlet'))}, "
        f"{html.escape(str(r['published'] or ''))}: {html.escape(str(r['title'] or r['id']))}</li>"
        for r in sources.fillna("").to_dict("records"))
    st.html(f"<h2 style='font-size:1.9rem'>Sources</h2><ul style='font-size:1.2rem'>"
            f"{items or '<li>none</li>'}</ul>")


def figure_pngs(figures: dict) -> dict[str, bytes] | None:
    """Each figure as PNG bytes (kaleido, system Chromium); None without Chromium."""
    from lib.app.briefing import chromium_path, figure_pngs

    if chromium_path() is None:
        return None
    return figure_pngs(figures)


def plotly(fig, *, key: str) -> None:
    """A plotly figure, with the mode bar's PNG export and no plotly logo link."""
    st.plotly_chart(fig, key=key, width="stretch", theme=None,
                    config={"displaylogo": False, "toImageButtonOptions": {"scale": 2}})


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")
