"""The layout the README describes is the tree there is, and the layers keep to their places."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
LAYOUT = README[README.index("## Layout"):README.index("## Benchmarks")]
MODULES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "lib").rglob("*.py")
                 if p.name != "__init__.py" and "__pycache__" not in p.parts)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_is_named_in_the_readme_layout(module):
    assert f"`{module}`" in LAYOUT, f"{module} is not named in the README's Layout section"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("module", MODULES)
def test_only_the_display_layer_imports_streamlit(module):
    if module.startswith(("lib/app/", "lib/bench/explorer.py")):
        return
    assert not any(n == "streamlit" or n.startswith("streamlit.") for n in _imports(ROOT / module)), module


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith(("lib/extract/", "lib/temporal/",
                                                                           "lib/corpus/"))])
def test_extraction_never_imports_display_code(module):
    assert not any(n.startswith("lib.app") for n in _imports(ROOT / module)), module
