"""The small layer between Streamlit and the library: cached loaders the pages call."""
from __future__ import annotations

import streamlit as st

from lib.overview import Overview, corpus_overview
from lib.settings import Settings


@st.cache_data(show_spinner="Reading the corpus…")
def load_overview(corpus_dir: str) -> Overview:
    return corpus_overview([corpus_dir])


def settings() -> Settings:
    return Settings.from_env()
