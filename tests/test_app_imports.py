"""The pages never load the language model's library: a start of the explorer on an extracted
store imports neither spaCy nor the extraction pipeline (a first start that must extract is the
exception, through lib.app.ui.prepare_store)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import json, sys
from streamlit.testing.v1 import AppTest
for page in sys.argv[1:]:
    app = AppTest.from_file(page, default_timeout=300).run()
    assert not app.exception, (page, app.exception)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc")
                        or m in ("lib.extract.spacy_pipeline", "plotly.express"))))
"""


def test_no_page_imports_spacy(corpus_store):
    pages = [str(ROOT / "app.py")] + [str(p) for p in sorted((ROOT / "pages").glob("*.py"))]
    done = subprocess.run([sys.executable, "-c", _RUN, *pages], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_maps_status_at_is_the_models(corpus_store):
    from lib.app import control_map
    from lib.extract import control
    from lib.store import Store

    with Store(corpus_store.store) as store:
        rows = control_map.intervals(store.control())
    for city in sorted({r.city for r in rows}):
        for day in ("2024-11-01", "2024-12-04", "2024-12-05", "2024-12-06", "2024-12-07", "2025-01-01"):
            assert control_map.status_at(rows, city, day) == control.status_at(rows, city, day)
