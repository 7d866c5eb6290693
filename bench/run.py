"""Run every benchmark (or those named), each in a fresh interpreter, and print the collected
RESULT lines at the end.

    python bench/run.py [--quick] [cache chunking ... review rules]

The exit status is 1 if a benchmark failed to run (a MISS is a result, not a failure).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from _harness import machine

HERE = Path(__file__).resolve().parent
# Every `bench_<name>.py` here is a benchmark: adding the file is all it takes to run it
# (tests/test_bench.py smoke-runs the same set, found the same way).
BENCHMARKS = tuple(sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny inputs (a smoke run)")
    parser.add_argument("names", nargs="*", choices=[[], *BENCHMARKS], metavar="name")
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    results: list[str] = []
    failed: list[str] = []
    for name in args.names or BENCHMARKS:
        print(f"\n=== {name} ===", flush=True)
        command = [sys.executable, str(HERE / f"bench_{name}.py"), *(["--quick"] * args.quick)]
        start = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
            assert process.stdout is not None
            for line in process.stdout:
                print(line, end="", flush=True)
                if line.startswith("RESULT "):
                    results.append(line.rstrip("\n"))
        if process.returncode:
            failed.append(f"{name} (exit status {process.returncode})")
        print(f"({name}: {time.perf_counter() - start:.0f} s)", flush=True)
    print(f"\n=== results ({machine()}) ===")
    print("\n".join(results))
    misses = sum(line.endswith(" MISS") for line in results)
    print(
        f"{len(results)} results, {misses} MISS"
        + (f"; FAILED: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
