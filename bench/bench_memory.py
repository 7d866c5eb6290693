"""Memory: the peak of `summarize_many` over a generator of short documents, traced with
`tracemalloc`, for 2,000 and for 20,000 documents. A run that reads its input lazily and
keeps nothing per finished document peaks at the same height however long the input is, so
the ratio of the two peaks should stay near 1.

Every document is distinct (identical ones would be answered once) and its reply names an
actor and quotes the document, so validation, merging and grounding all run. The backend has
no latency and keeps no requests; the results are counted and dropped, as a caller writing
them to disk would.
"""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

from _harness import cli, result, setup, table

TARGET = 1.5
_TOPICS = ("grain exports", "energy prices", "border talks", "interest rates", "fishing rights")


def documents(count: int) -> Iterator[tuple[str, str]]:
    for i in range(count):
        topic = _TOPICS[i % len(_TOPICS)]
        yield (
            f"doc-{i}",
            f"The ministry said on day {i} that talks on {topic} would resume next month. "
            f"Officials expect an agreement on {topic} before the end of the year, "
            f"although analysts doubt it (report {i}).",
        )


def respond(request: Any) -> str:
    from seedsum.prompts import document_text

    text = document_text(request.messages)
    quote = text.split(". ")[0]
    return json.dumps(
        {
            "summary": quote,
            "actors": [
                {"name": "the ministry", "kind": "organization", "role": None, "aliases": []}
            ],
            "positions": [
                {"actor": "the ministry", "topic": "talks", "stance": "resuming", "quote": quote}
            ],
            "predictions": [],
        }
    )


def _peak(summarizer: Any, count: int) -> tuple[int, float, int]:
    """(peak bytes above the start, seconds, documents that succeeded) of one traced run."""
    gc.collect()
    tracemalloc.start()
    start_bytes = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    ok = sum(r.ok for r in summarizer.summarize_many(documents(count), progress=False))
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] - start_bytes
    tracemalloc.stop()
    return peak, elapsed, ok


def main(quick: bool = False) -> list[str]:
    setup(quick)
    import seedsum

    small, large = (200, 2_000) if quick else (2_000, 20_000)
    backend = seedsum.MockBackend(responder=respond, keep_requests=False)
    summarizer = seedsum.Summarizer(backend, max_concurrency=16, cache=False)
    for r in summarizer.summarize_many(documents(100), progress=False):  # warm-up
        assert r.ok, r.error
    peaks = {n: _peak(summarizer, n) for n in (small, large)}
    rows = []
    for n, (peak, elapsed, ok) in peaks.items():
        if ok != n:
            raise RuntimeError(f"{n - ok} of {n} documents failed")
        rows.append([f"{n:,}", f"{peak / 1e6:.2f}", f"{elapsed:.1f}", f"{n / elapsed:.0f}"])
    print(
        "memory: summarize_many over a generator of short documents, 16 calls and 32 documents "
        "in flight, zero latency, traced by tracemalloc (which slows the run)"
    )
    table(["documents", "peak MB", "s (traced)", "documents/s (traced)"], rows)
    ratio = peaks[large][0] / peaks[small][0]
    return [result("memory", ratio, f"<={TARGET:g}", ratio <= TARGET)]


if __name__ == "__main__":
    cli(main)
