from __future__ import annotations

import ast
from pathlib import Path

import pytest

import seedsum

PACKAGE = Path(seedsum.__file__).parent


def test_all_is_sorted_and_every_name_exists():
    names = [n for n in seedsum.__all__ if n != "__version__"]
    assert names == sorted(names)
    for name in seedsum.__all__:
        assert hasattr(seedsum, name), name


def test_the_documented_entry_points_are_exported():
    for name in (
        "summarize",
        "asummarize",
        "Summarizer",
        "ArticleSummary",
        "Actor",
        "Position",
        "Prediction",
        "Span",
        "MockBackend",
        "SeedsumError",
    ):
        assert name in seedsum.__all__


def test_one_module_imports_the_openai_sdk():
    importers = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            if any(m == "openai" or m.startswith("openai.") for m in modules):
                importers.append(path.relative_to(PACKAGE).as_posix())
    assert set(importers) == {"backends/openai_sdk.py"}


def test_the_package_is_typed():
    assert (PACKAGE / "py.typed").exists()


def test_every_export_loads_lazily_from_the_module_named_for_it():
    exports = seedsum._EXPORTS
    assert sorted(exports) == [n for n in seedsum.__all__ if n != "__version__"]
    for name, module in exports.items():
        assert getattr(seedsum, name).__module__.startswith(f"seedsum.{module}"), name


def test_the_backends_package_loads_its_heavy_backends_lazily():
    import seedsum.backends as backends

    assert set(backends._LAZY) <= set(backends.__all__)
    for name, module in backends._LAZY.items():
        assert getattr(backends, name).__module__ == f"seedsum.backends.{module}", name
        assert name in dir(backends)
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = backends.Nothing


def test_import_seedsum_loads_neither_pydantic_nor_the_rules():
    # Every `seedsum` command starts by importing the package; `--version` must stay instant.
    import subprocess
    import sys

    code = (
        "import sys, seedsum; "
        "print(sorted(m for m in ('pydantic', 'seedsum.rules', 'openai', 'tiktoken') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
