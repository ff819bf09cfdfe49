"""End to end in Chromium: `streamlit run` on a free localhost port with a private store of the
bundled corpus, driven by Playwright. Every page renders without an exception, the map draws its
borders and city markers, the CSV download holds the filtered rows, and no request leaves the
machine (every request is routed, and any not to 127.0.0.1/localhost fails the test). A
screenshot of each page is saved in tests/screenshots/ for reviewers.

Needs the Debian package `chromium` (`./dev test` installs it); skipped with a reason without it.
"""
from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

from tests.browser_support import (LOCAL_HOSTS, SHOTS, at_least, choose, chromium, patient_context, serve,
                                   sync_api_or_skip, watch_requests)

PAGES = {"home": "", "timeline": "Timeline", "control_map": "Control_map",
         "articles": "Articles", "briefing": "Briefing"}

playwright = sync_api_or_skip()



@pytest.fixture(scope="module")
def server(_extracted_corpus, tmp_path_factory):
    copy = _extracted_corpus.copy_to(tmp_path_factory.mktemp("browser"))
    yield from serve(copy.store, copy.corpus)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A server on a store whose first article has a hostile id, title, outlet, URL and text."""
    from lib.bench.reliability import hostile_store

    store, corpus = hostile_store(tmp_path_factory.mktemp("hostile"))
    yield from serve(store, corpus)


@pytest.fixture(scope="module")
def browser():
    yield from chromium(playwright)


@pytest.fixture
def page(browser):
    """A page whose every request is checked: anything not to loopback is aborted and noted."""
    context = patient_context(browser, viewport={"width": 1400, "height": 2600}, accept_downloads=True)
    outside = watch_requests(context)
    page_ = context.new_page()
    page_.on("websocket", lambda ws: None if (urlparse(ws.url).hostname or "") in LOCAL_HOSTS
             else outside.append(ws.url))
    page_.outside = outside
    yield page_
    context.close()
    assert not outside, f"requests left the machine: {outside}"


def _no_script_running(page_, timeout: float = 60) -> None:
    """Wait until Streamlit's running indicator is gone (a state, not a quiet period)."""
    page_.wait_for_selector('[data-testid="stStatusWidget"]', state="detached",
                            timeout=timeout * 1000)


def _settle(page_, timeout: float = 60) -> None:
    """Wait until the script has finished and plotly has drawn."""
    page_.wait_for_selector("h1", timeout=timeout * 1000)
    deadline = time.time() + timeout
    quiet_since = None
    while time.time() < deadline:
        running = page_.locator('[data-testid="stStatusWidget"]').count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif time.time() - quiet_since > 1.5:
            return
        time.sleep(0.25)
    raise AssertionError("the page kept running")


# What each page shows once drawn (selectors, how many of each), waited for instead of a quiet
# period: a page still indexing the events shows no running indicator between its spinners. The
# home page's articles table (a header row and the 5 articles) draws after its metrics.
READY = {"home": (('[data-testid="stMetric"]', 5), ('[data-testid="stDataFrame"] [role="row"]', 6)),
         "timeline": ((".js-plotly-plot .legendtext", 1),), "control_map": ((".js-plotly-plot", 2),),
         "articles": (("mark.cte-timex", 1),), "briefing": ((".js-plotly-plot", 3),)}


def _open(page_, server: str, name: str):
    page_.goto(f"{server}/{PAGES[name]}")
    for selector, least in READY[name]:
        at_least(page_.locator(selector), least, f"{name}: {selector}", timeout=120_000)
    _no_script_running(page_)
    assert page_.locator('[data-testid="stException"]').count() == 0, \
        page_.locator('[data-testid="stException"]').first.inner_text()
    return page_


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_without_exception_and_offline(page, server, name):
    _open(page, server, name)
    if name == "articles":  # a highlighted expression carries its value, rule and anchor
        assert page.locator("mark.cte-timex").count() > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, timeout=120_000)


def test_map_draws_borders_and_city_markers(page, server):
    _open(page, server, "control_map")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for()
    lines = chart.locator(".geo .scatterlayer path.js-line")
    markers = chart.locator(".geo .scatterlayer path.point")
    at_least(lines, 5, "country outlines")
    at_least(markers, 5, "city markers")
    at_least(chart.locator("text.legendtext"), 2, "control legend")


def _download_csv(page_) -> list[dict]:
    page_.get_by_role("button", name=re.compile(r"^Prepare the CSV")).click()  # built when asked
    page_.locator('[data-testid="stDownloadButton"] button').first.wait_for(timeout=60_000)
    with page_.expect_download() as download_info:
        page_.locator('[data-testid="stDownloadButton"] button').first.click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads it right
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_download_holds_the_filtered_rows(page, server):
    _open(page, server, "timeline")
    total = _shown_count(page)
    everything = _download_csv(page)
    assert len(everything) == total
    locations = [row["location"] for row in everything if row["location"]]
    chosen = max(sorted(set(locations)), key=locations.count)
    city = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    choose(page, city, chosen, typed=chosen)
    page.keyboard.press("Escape")
    deadline = time.time() + 120
    while _shown_count(page) == total and time.time() < deadline:
        time.sleep(0.25)
    _settle(page)
    shown = _shown_count(page)
    assert 0 < shown < total
    page.screenshot(path=str(SHOTS / "timeline_filtered.png"), full_page=True)
    rows = _download_csv(page)
    assert len(rows) == shown == locations.count(chosen)
    assert {row["location"] for row in rows} == {chosen}


def _shown_count(page_) -> int:
    text = page_.locator('[data-testid="stCaptionContainer"]', has_text="events.").first.inner_text()
    return int(re.match(r"(\d+) of", text).group(1))


def test_briefing_html_opens_offline_with_its_map(page, _extracted_corpus, tmp_path):
    from lib.app.briefing import briefing_html, build_briefing
    from lib.store import Store

    with Store(_extracted_corpus.store) as store:
        briefing = build_briefing(store.events(), store.control(), store.articles(),
                                  as_of="2024-12-07")
    path = tmp_path / "briefing.html"
    path.write_bytes(briefing_html(briefing))
    page.goto(path.as_uri())
    page.wait_for_selector("#briefing-map .geo .scatterlayer path.js-line")
    at_least(page.locator("#briefing-map .geo .scatterlayer path.point"), 3, "briefing map's cities")
    at_least(page.locator(".js-plotly-plot"), 3, "briefing figures")
    assert page.locator(".js-plotly-plot").count() == 3


# --- hostile values: an article's id, title, outlet, URL and text stay text on every page -------

HOSTILE_READY = {  # what each page shows of the hostile store, waited for before checking
    "home": '[data-testid="stDataFrame"]',  # the articles table, drawn after the metrics
    "timeline": ".js-plotly-plot .main-svg",
    "control_map": ".js-plotly-plot .main-svg",
    "articles": 'h3:has-text("evil.example/title.png")',
    "briefing": ".js-plotly-plot .main-svg",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_values_are_inert_on_every_page(page, hostile_server, name):
    from lib.bench.reliability import EVIL_HOST

    page.goto(f"{hostile_server}/{PAGES[name]}")
    page.wait_for_selector(HOSTILE_READY[name], state="attached", timeout=90_000)
    _no_script_running(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(f'img[src*="{EVIL_HOST}"], iframe[src*="{EVIL_HOST}"], '
                        f'script[src*="{EVIL_HOST}"]').count() == 0
    assert page.locator(f'a[href^="javascript"], a[href*="{EVIL_HOST}"]').count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"hostile_{name}.png"), full_page=True, timeout=120_000)
    if name == "articles":  # the values are shown, as text
        page.wait_for_selector(".cte-text", timeout=60_000)
        body = page.locator("body").inner_text()
        assert "<img src=http://evil.example/text.png>" in body
        assert "`x` <img src=http://evil.example/id2.png>" in body
    assert not page.outside, f"requests left the machine: {page.outside}"
