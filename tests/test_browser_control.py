"""The control map's states in Chromium at 1920x1080, on the seeds with analysts' control
corrections (Aleppo divided, Palmyra to the Islamic State): the legend gives the whole convention
from sides.tsv (government red, opposition green, Kurdish-led yellow, Islamic State black,
divided, contested hatched, no report white), the contested city is drawn hatched, a city's
history says divided with its parts and the analyst who set it, and control.csv downloads one
row a state. Screenshots: tests/screenshots/control_states*.png. Nothing may leave the machine.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

from tests.browser_support import BUSY_TIMEOUT as WAIT
from tests.browser_support import (SHOTS, at_least, choose, chromium, script_done, serve, sync_api_or_skip,
                                   watched_page)

playwright = sync_api_or_skip()
expect = playwright.expect


@pytest.fixture(scope="module")
def server(_extracted_corpus, tmp_path_factory):
    from lib.control_corrections import add_control, make_control
    from lib.store import Store

    copy = _extracted_corpus.copy_to(tmp_path_factory.mktemp("control_states"))
    with Store(copy.store) as s:
        add_control(s, make_control("Aleppo", "divided", "2024-12-08", who="ana",
                                    parts="east: opposition; rest: government",
                                    note="<img src=x onerror=alert(1)> map of the front"))
        add_control(s, make_control("Palmyra", "islamic_state", "2024-12-08", who="bo"))
    yield from serve(copy.store, copy.corpus)


@pytest.fixture(scope="module")
def browser():
    yield from chromium(playwright)


@pytest.fixture
def page(browser):
    yield from watched_page(browser, viewport={"width": 1920, "height": 1080}, accept_downloads=True)


def test_the_map_shows_every_state_with_the_whole_legend(page, server):
    page.goto(f"{server}/Control_map?day=2024-12-08")
    page.locator(".js-plotly-plot .geo path.point").first.wait_for(timeout=WAIT)
    script_done(page)
    legend = page.locator(".js-plotly-plot g.legend").first
    for words in ("Government", "Opposition", "Kurdish-led forces, SDF", "Islamic State",
                  "Divided (parts in the hover)", "Contested (hatched)", "No report (white)",
                  "Disputed claim"):
        expect(legend).to_contain_text(words, timeout=WAIT)
    # the hatch over the contested city: a marker path drawn in white
    hatch = page.locator(".js-plotly-plot .geo path.point[style*='rgb(255, 255, 255)']")
    at_least(hatch, 1, "contested hatch")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "control_states.png"))

    choose(page, page.get_by_label("City", exact=True).first, "Aleppo", typed="Aleppo")
    history = page.locator(".cte-state", has_text="analyst correction").first
    expect(history).to_contain_text("divided: east: opposition; rest: government", timeout=WAIT)
    expect(history).to_contain_text("<img src=x onerror=alert(1)> map of the front")
    assert page.locator("img[src='x']").count() == 0
    script_done(page)
    history.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "control_states_history.png"))

    with page.expect_download() as info:
        page.get_by_role("button", name="Download control.csv").click()
    rows = list(csv.DictReader(io.StringIO(
        Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    aleppo = [r for r in rows if r["city"] == "Aleppo" and r["valid_from"] == "2024-12-08"]
    assert [(r["state"], r["parts"], r["n_sources"]) for r in aleppo] == [
        ("divided", "east: opposition; rest: government", "1")]
    homs = [r for r in rows if r["city"] == "Homs" and r["state"] == "contested"]
    assert homs and homs[0]["claims"] and int(homs[0]["n_sources"]) >= 2


def test_the_briefing_tells_the_corrected_changes(page, server):
    page.goto(f"{server}/Briefing?day=2024-12-08")
    changes = page.locator(".cte-changes")
    expect(changes).to_contain_text("Aleppo is divided (east: opposition; rest: government)",
                                    timeout=WAIT)
    expect(changes).to_contain_text("Palmyra passed to Islamic State")
    script_done(page)
    page.locator(".js-plotly-plot .geo path.point").first.wait_for(timeout=WAIT)
    page.screenshot(path=str(SHOTS / "control_states_briefing.png"))
