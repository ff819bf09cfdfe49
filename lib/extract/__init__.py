"""Extraction: the spaCy pipeline, lexicons and entities, mentions, events across articles and city control.

Plain Python: no streamlit, nothing of lib.app.
"""

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Run a step that builds many objects without reference cycles (consolidation, control)
    without Python's cycle collector: each of its passes walks every object alive, so with a
    million mentions held the collections made the step grow faster than its input."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
