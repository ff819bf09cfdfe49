"""The analyst's desk in Chromium at 1920x1080: a click on the timeline opens the event's evidence,
a filtered view's address restores the same rows in a new page, the map's date control spans the
reporting period, the briefing as of a day cites nothing published after it and opens with the
changes of control, an analyst's correction survives a re-extraction. Screenshots of each page's
first screen go to tests/screenshots/desk_*.png. Every wait is for the element asserted on.

Same launch and request watching as tests/test_browser.py (nothing may leave the machine).
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

from tests.browser_support import BUSY_TIMEOUT as WAIT
from tests.browser_support import SHOTS, choose, chromium, script_done, serve, sync_api_or_skip, watched_context

playwright = sync_api_or_skip()
expect = playwright.expect



@pytest.fixture(scope="module")
def desk_store(_extracted_corpus, tmp_path_factory):
    copy = _extracted_corpus.copy_to(tmp_path_factory.mktemp("desk"))
    return copy.store, copy.corpus


@pytest.fixture(scope="module")
def server(desk_store):
    yield from serve(*desk_store)


@pytest.fixture(scope="module")
def browser():
    yield from chromium(playwright)


@pytest.fixture
def context(browser):
    """A 1920x1080 browser context whose every request is checked (loopback only)."""
    yield from watched_context(browser, viewport={"width": 1920, "height": 1080}, accept_downloads=True)


@pytest.fixture
def page(context):
    return context.new_page()


def _shown(page_) -> int:
    text = page_.locator('[data-testid="stCaptionContainer"]', has_text="events.").first.inner_text()
    return int(re.match(r"(\d+) of", text).group(1))


def _prepare_csv(page_) -> None:
    """The CSV is built only when asked for: the button, then its download."""
    page_.get_by_role("button", name=re.compile(r"^Prepare the CSV")).click()
    page_.locator('[data-testid="stDownloadButton"] button').first.wait_for(timeout=WAIT)


def _csv_ids(page_) -> list[str]:
    _prepare_csv(page_)
    with page_.expect_download() as info:
        page_.locator('[data-testid="stDownloadButton"] button').first.click()
    rows = csv.DictReader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig")))
    return [row["event_id"] for row in rows]


def _shot(page_, name: str) -> None:
    """A screenshot of the first screen, once every chart on it has drawn its data."""
    for chart in page_.locator(".js-plotly-plot").all():
        chart.locator("path.point, path.js-line, g.bars path").first.wait_for(
            state="attached", timeout=WAIT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page_.screenshot(path=str(SHOTS / f"desk_{name}.png"))


def _event_id(store: Path, sub_event_type: str) -> str:
    from lib.store import Store

    with Store(store) as s:
        events = s.events()
    # an event of that sub-type when extraction gives one, else any current event of another type
    # than Protests (what is corrected does not matter, only that the correction sticks)
    current = events[~events["background"].astype(bool) & (events["event_type"] != "Protests")]
    chosen = current[current["sub_event_type"] == sub_event_type]
    return (chosen if len(chosen) else current)["event_id"].iloc[0]


def test_clicking_a_timeline_event_opens_its_evidence(page, server):
    page.goto(f"{server}/Timeline")
    point = page.locator(".js-plotly-plot .scatterlayer path.point").first
    point.wait_for(timeout=WAIT)
    script_done(page)
    _shot(page, "timeline")
    assert page.locator(".cte-evidence").count() == 0
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".cte-evidence", timeout=WAIT)
    # the chosen event is in the address too: Streamlit writes the query string after the page's
    # script has run, so wait for it (a loaded machine can show the evidence before the address)
    page.wait_for_url(re.compile(r"[?&]event=EV"), timeout=WAIT)
    assert page.locator(".cte-evidence mark").count() >= 1 or \
        "No date in the text" in page.locator(".cte-evidence").first.inner_text()


def test_a_filtered_view_opened_from_its_address_shows_the_same_rows(context, server):
    first = context.new_page()
    first.goto(f"{server}/Timeline")
    first.locator(".js-plotly-plot").first.wait_for(timeout=WAIT)
    script_done(first)
    total = _shown(first)
    search = first.get_by_label("Search evidence, actors, places")
    search.fill("Hama")
    search.press("Enter")
    expect(first.locator('[data-testid="stCaptionContainer"]', has_text="events.").first) \
        .not_to_have_text(re.compile(rf"^{total} of"), timeout=WAIT)
    first.wait_for_url(re.compile(r"q=Hama"), timeout=WAIT)
    script_done(first)
    shown = _shown(first)
    assert 0 < shown < total
    rows = _csv_ids(first)
    address = first.url

    second = context.new_page()
    second.goto(address)
    expect(second.locator('[data-testid="stCaptionContainer"]', has_text="events.").first) \
        .to_have_text(re.compile(rf"^{shown} of \d+ events"), timeout=WAIT)
    script_done(second)
    expect(second.get_by_label("Search evidence, actors, places")).to_have_value("Hama",
                                                                                timeout=WAIT)
    assert _csv_ids(second) == rows


def test_the_map_date_control_spans_the_reporting_period(page, server):
    page.goto(f"{server}/Control_map")
    page.locator(".js-plotly-plot .geo path.point").first.wait_for(timeout=WAIT)
    ticks = page.locator('[data-testid="stSliderTickBar"]').first
    expect(ticks).to_contain_text(re.compile(r"\b1 Dec 2024.*7 Dec 2024"), timeout=WAIT)
    script_done(page)
    # the sidebar names the entrypoint Home even when a page was the server's first request
    # (lib/app/serve.py), never after its file
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav).to_contain_text("Home", timeout=WAIT)
    expect(nav).not_to_contain_text("app")
    _shot(page, "control_map")
    page.get_by_role("button", name="◀ Day before").click()
    expect(page.locator('[data-testid="stSliderThumbValue"]').first) \
        .to_contain_text("6 Dec 2024", timeout=WAIT)
    page.wait_for_url(re.compile(r"day=2024-12-06"), timeout=WAIT)


def test_the_briefing_as_of_a_day_cites_nothing_later_and_opens_with_control(page, server):
    page.goto(f"{server}/Briefing?day=2024-12-05")
    page.wait_for_selector(".cte-changes", timeout=WAIT)
    page.wait_for_selector(".cte-sources", timeout=WAIT)
    script_done(page)
    sources = page.locator(".cte-sources li").all_inner_texts()
    assert sources == ["none"]  # the first reports are of 6 December
    page.goto(f"{server}/Briefing?day=2024-12-06")
    expect(page.locator(".cte-changes")).to_contain_text("Hama fell to the opposition",
                                                         timeout=WAIT)
    page.wait_for_selector(".cte-sources", timeout=WAIT)
    page.locator(".js-plotly-plot .geo path.point").first.wait_for(timeout=WAIT)
    script_done(page)
    dates = [re.search(r"(\d{4}-\d{2}-\d{2})", s).group(1)
             for s in page.locator(".cte-sources li").all_inner_texts()]
    assert dates and max(dates) <= "2024-12-06"
    changes = page.locator(".cte-changes").bounding_box()
    headlines = page.locator(".cte-headlines").bounding_box()
    assert changes["y"] < headlines["y"]
    _shot(page, "briefing")


def test_the_briefing_downloads_are_made_when_clicked(page, server):
    """The briefing's files are made when their button is clicked (not on every rerun): the CSV
    holds the briefing's events, none after its day, and the HTML opens with its map."""
    page.goto(f"{server}/Briefing?day=2024-12-06")
    button = page.get_by_role("button", name="Events (CSV)")
    button.wait_for(timeout=WAIT)
    script_done(page)
    with page.expect_download(timeout=WAIT) as info:
        button.click()
    assert info.value.suggested_filename == "briefing-2024-12-06-events.csv"
    rows = list(csv.DictReader(io.StringIO(
        Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    assert rows and max(r["date_start"][:10] for r in rows) <= "2024-12-06"
    with page.expect_download(timeout=WAIT) as info:
        page.get_by_role("button", name="Briefing (HTML, opens offline)").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'id="briefing-map"' in text
    assert "As of the end of" in text


def test_the_briefing_presentation_puts_the_map_first(page, server):
    page.goto(f"{server}/Briefing?day=2024-12-07&present=1")
    chart = page.locator(".js-plotly-plot").first
    page.locator(".js-plotly-plot .geo path.point").first.wait_for(timeout=WAIT)
    page.wait_for_selector(".cte-sources", timeout=WAIT)
    script_done(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    box = chart.bounding_box()
    assert box["y"] < 200 and box["y"] + box["height"] <= 1080
    visible = [b for b in (e.bounding_box() for e in page.locator(
        '[data-testid="stElementContainer"]').all()) if b and b["y"] < 1080 and b["height"] > 0]
    largest = max(visible, key=lambda b: b["width"] * min(b["height"], 1080 - b["y"]))
    assert largest["width"] * largest["height"] <= box["width"] * box["height"] + 1
    _shot(page, "briefing_presentation")


def test_a_corrected_event_type_survives_a_re_extraction(page, server, desk_store):
    from lib.pipeline import recompute_derived
    from lib.store import Store

    store, _ = desk_store
    event_id = _event_id(store, "Air/drone strike")
    page.goto(f"{server}/Timeline?event={event_id}")
    page.wait_for_selector(".cte-evidence", timeout=WAIT)
    script_done(page)
    page.locator('[data-testid="stExpander"] summary', has_text="Correct this event").click()
    form = page.get_by_test_id("stForm")
    choose(page, form.get_by_label("Event type", exact=True), "Protests")
    form.get_by_label("Your name", exact=True).fill("Desk test")
    form.get_by_role("button", name="Save the correction").click()
    expect(page.locator('[data-testid="stAlert"]', has_text="Saved 1 correction")).to_be_visible(
        timeout=WAIT)
    script_done(page)

    with Store(store) as s:  # re-extraction: every event is consolidated again and replaced
        s.put_derived([], [])
        recompute_derived(s)
        assert event_id in set(s.events()["event_id"])

    page.goto(f"{server}/Timeline?event={event_id}")
    page.wait_for_selector(".cte-evidence", timeout=WAIT)
    expect(page.locator('[data-testid="stAlert"]', has_text="Corrected by an analyst")) \
        .to_contain_text("event_type → Protests", timeout=WAIT)
    script_done(page)
    _prepare_csv(page)
    with page.expect_download() as info:
        page.locator('[data-testid="stDownloadButton"] button').first.click()
    rows = list(csv.DictReader(io.StringIO(
        Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    row = next(r for r in rows if r["event_id"] == event_id)
    assert row["event_type"] == "Protests" and row["provenance"] == "analyst"
    _shot(page, "timeline_corrected")
