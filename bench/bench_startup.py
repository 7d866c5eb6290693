"""Start-up time: `seedsum --version`, `seedsum --help` and `import seedsum`, each in a fresh
interpreter, against the interpreter starting and exiting (`python -c pass`) timed in the same
rounds. The figure that matters to a user is the absolute one (every CLI call pays it), so the
table gives milliseconds; the RESULT lines are the paired median of the extra time over the
bare interpreter, against the 0.1 s target for `--version`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from _harness import cli, result, setup, table

TARGET_VERSION_S = 0.1


def _command(*args: str) -> list[str]:
    return [sys.executable, *args]


CASES = {
    "python -c pass": _command("-c", "pass"),
    "seedsum --version": _command("-m", "seedsum", "--version"),
    "seedsum --help": _command("-m", "seedsum", "--help"),
    "import seedsum": _command("-c", "import seedsum"),
    "seedsum summarize (rules, 1 article)": [],  # filled in main: needs the article's path
}


def _run(command: list[str]) -> float:
    import time

    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(quick: bool = False) -> list[str]:
    setup(quick)
    from _harness import GRAIN_TEXT

    cases = dict(CASES)
    cases["seedsum summarize (rules, 1 article)"] = _command(
        "-m", "seedsum", "summarize", str(GRAIN_TEXT), "--backend", "rules", "-q"
    )
    rounds = 2 if quick else 9
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, command in cases.items():
            times[name].append(_run(command))
    base = times["python -c pass"]
    rows = []
    extra: dict[str, float] = {}
    for name, samples in times.items():
        extra[name] = statistics.median(t - b for t, b in zip(samples, base, strict=True))
        rows.append([name, f"{1e3 * statistics.median(samples):.0f}", f"{1e3 * extra[name]:.0f}"])
    print(f"start-up: each command in a fresh interpreter, median of {rounds} interleaved rounds")
    table(["command", "ms median", "ms over python -c pass"], rows)
    version = extra["seedsum --version"]
    return [
        result(
            "startup_version",
            version / TARGET_VERSION_S,
            "<=1",
            version <= TARGET_VERSION_S,
        ),
        result("startup_import", extra["import seedsum"] / TARGET_VERSION_S, "none", True),
    ]


if __name__ == "__main__":
    cli(main)
