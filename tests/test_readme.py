"""The README's promises: its two fresh-machine commands, and CI running the same test command."""

from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def fresh_machine_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.DOTALL)
    assert block is not None
    return [line.split("#")[0].strip() for line in block.group(1).strip().splitlines()]


def test_the_readme_opens_with_two_commands():
    install_and_run, run_tests = fresh_machine_commands()
    assert "examples/quickstart.py" in install_and_run
    assert run_tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert fresh_machine_commands()[1] in ci
