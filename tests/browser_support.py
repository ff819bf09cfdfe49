"""What the browser tests share: Debian's Chromium and its flags, a `streamlit run` server on a
free localhost port over a given store, and a check that no request leaves the machine."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def sync_api_or_skip():
    """Playwright's sync API for a browser test module; the module is skipped, with the reason, when
    Debian's Chromium or the playwright package is missing (`.ci/run` installs Chromium first)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian package `chromium`; `./dev test` installs it)",
                    allow_module_level=True)
    return pytest.importorskip("playwright.sync_api", reason="the playwright package is needed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: Path, corpus: Path) -> Iterator[str]:
    """Yield the address of the explorer running on `store` and `corpus`; stop it afterwards."""
    port = free_port()
    env = {**os.environ, "CTE_STORE_PATH": str(store), "CTE_CORPUS_DIR": str(corpus)}
    process = subprocess.Popen(
        [sys.executable, "-m", "lib.app.serve", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("streamlit did not start")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def watch_requests(context) -> list[str]:
    """Route every request of a Playwright browser context: loopback, data, blob and file go on,
    anything else is aborted and noted in the list returned (which the test asserts empty)."""
    outside: list[str] = []

    def route(route_):
        host = urlparse(route_.request.url).hostname or ""
        if route_.request.url.startswith(("data:", "blob:", "file:")) or host in LOCAL_HOSTS:
            route_.continue_()
        else:
            outside.append(route_.request.url)
            route_.abort()

    context.route("**/*", route)
    return outside


def chromium(sync_api) -> Iterator:
    """Yield Debian's Chromium launched by Playwright (`sync_api`: playwright.sync_api)."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


BUSY_TIMEOUT = 120_000  # ms: CI shares its cores, and a Streamlit rerun can take a minute there


def patient_context(browser, **context_options):
    """A new browser context whose every wait (click, fill, wait_for...) allows BUSY_TIMEOUT."""
    context = browser.new_context(**context_options)
    context.set_default_timeout(BUSY_TIMEOUT)
    return context


def watched_context(browser, **context_options) -> Iterator:
    """Yield a new patient browser context whose every request is watched (watch_requests);
    afterwards, assert that none left the machine."""
    context = patient_context(browser, **context_options)
    outside = watch_requests(context)
    yield context
    context.close()
    assert not outside, f"requests left the machine: {outside}"


def watched_page(browser, **context_options) -> Iterator:
    """Yield a page of a watched_context."""
    for context in watched_context(browser, **context_options):
        yield context.new_page()


def script_done(page_, timeout: float = BUSY_TIMEOUT) -> None:
    """The script run is over (Streamlit's running indicator gone) and showed no exception."""
    page_.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout)
    errors = page_.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


def at_least(locator, least: int, what: str, timeout: float = BUSY_TIMEOUT) -> None:
    """Assert that `locator` finds at least `least` elements, waiting for the last of them first:
    plotly draws its traces one by one after its div appears, so a count taken at once can be 0."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        locator.nth(least - 1).wait_for(state="attached", timeout=timeout)
    except PlaywrightTimeout:
        pass  # the assertion names what is missing
    assert locator.count() >= least, f"{what} missing: {locator.count()} of at least {least}"



OPEN_TIMEOUT = 15_000  # ms a select box's list is waited for before the box is opened again


def choose(page_, box, option: str, typed: str = "", timeout: float = BUSY_TIMEOUT) -> None:
    """Open the select box `box` (a locator), typing `typed` to filter a long list, and click its
    `option`. A click that lands while Streamlit redraws the box opens nothing: the box is opened
    again until the option shows and takes the click, within `timeout` ms (a redraw between the two
    detaches the option: the box is opened again, not the dead option clicked until `timeout`)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    choice = page_.get_by_role("option", name=option, exact=True)
    deadline = time.monotonic() + timeout / 1000
    while True:
        box.click()
        if typed:
            page_.keyboard.press("Control+A")  # a retry types anew, not after what the last typed
            page_.keyboard.type(typed)
        try:
            choice.wait_for(state="visible", timeout=OPEN_TIMEOUT)
            choice.click(timeout=OPEN_TIMEOUT)
            return
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
            page_.keyboard.press("Escape")
