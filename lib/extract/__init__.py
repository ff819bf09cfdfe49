"""Extraction: the spaCy pipeline, lexicons and entities, mentions, events across articles and city control.

Plain Python: no streamlit, nothing of lib.app.
"""
