"""The pages in the sidebar, named as analysts say them ("Home", not the file name "app").

Streamlit names the entrypoint's page after its file when it builds the navigation from the
`pages/` folder; `route` builds it with st.navigation instead, the same pages at the same
addresses, the entrypoint titled Home. The entrypoint calls it first: when it returns True the
chosen page has run and the entrypoint stops; when it returns False this is the Home page's own
run (the entrypoint executed as that page) and the entrypoint goes on to draw Home.
"""
from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

# (file relative to the entrypoint, title, address): the order of the sidebar
PAGES = (("pages/1_Timeline.py", "Timeline", "Timeline"),
         ("pages/2_Control_map.py", "Control map", "Control_map"),
         ("pages/3_Articles.py", "Articles", "Articles"),
         ("pages/4_Briefing.py", "Briefing", "Briefing"))
_routing = threading.local()


def prefer_navigation() -> None:
    """Make the next run of any session build the sidebar through `route`, even when the server's
    first request opened a page of `pages/` directly (Streamlit then runs that page without the
    entrypoint, its sidebar naming the entrypoint after its file). Streamlit switches the same flag
    itself the first time st.navigation is called; the pages that import this module switch it
    on their first run. A Streamlit without the flag is left as it is."""
    try:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
    except (ImportError, AttributeError):
        pass


def route(entrypoint: str) -> bool:
    """Run the page the address names; False when that page is Home (the caller draws it)."""
    if getattr(_routing, "active", False):
        return False
    folder = Path(entrypoint).resolve().parent
    pages = [st.Page(Path(entrypoint).resolve(), title="Home", default=True)] + [
        st.Page(folder / path, title=title, url_path=address) for path, title, address in PAGES]
    _routing.active = True
    try:
        st.navigation(pages).run()
    finally:
        _routing.active = False
    return True
