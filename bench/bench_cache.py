"""The reply cache: what a hit costs, and what a warm re-run saves.

- Lookup: the median time of one `SQLiteCache.get` that hits (a file holding the entries of
  the cold run below), next to one zero-latency `MockBackend.complete` call; and a whole
  `summarize` whose every call hits, next to the same `summarize` with no cache.
- Cold vs warm: 100 single-chunk articles summarized one after another at 20 ms per model
  call into a fresh SQLite file, then the same 100 again (every call a hit). One at a time,
  so the cold run is 100 x 20 ms of latency: with calls in flight together the cold run
  shrinks and no cache can be 50x faster than it (shown too, for information).
"""

from __future__ import annotations

import itertools
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _harness import cli, grain_documents, grain_reply, result, setup, table

LATENCY = 0.02
TARGET_HIT_MS = 1.0
TARGET_WARM = 50.0


def _medians_ms(operations: dict[str, Callable[[], object]], times: int) -> dict[str, float]:
    """The median milliseconds of each operation, timed one call at a time, round-robin."""
    samples: dict[str, list[int]] = {name: [] for name in operations}
    for _ in range(times):
        for name, fn in operations.items():
            start = time.perf_counter_ns()
            fn()
            samples[name].append(time.perf_counter_ns() - start)
    return {name: statistics.median(s) / 1e6 for name, s in samples.items()}


def _row(label: str, seconds: float, count: int, ratio: str = "") -> list[object]:
    return [label, f"{seconds:.3f}", f"{1e3 * seconds / count:.3f}", ratio]


def _sequential(summarizer: Any, documents: list[str]) -> tuple[float, list[Any]]:
    start = time.perf_counter()
    outputs = [summarizer.summarize(d) for d in documents]
    return time.perf_counter() - start, outputs


def _together(summarizer: Any, documents: list[str]) -> float:
    start = time.perf_counter()
    if not all(r.ok for r in summarizer.summarize_many(documents, progress=False)):
        raise RuntimeError("a document failed")
    return time.perf_counter() - start


def main(quick: bool = False) -> list[str]:
    setup(quick)
    import seedsum
    from seedsum.backends.base import ModelRequest
    from seedsum.cache import SQLiteCache, cache_key
    from seedsum.extraction import output_limit
    from seedsum.prompts import EXTRACT, extraction_messages, prompt_cache_key
    from seedsum.schema import ChunkExtraction

    reply = grain_reply()
    count, repeats, lookups = (10, 1, 200) if quick else (100, 5, 5000)
    documents = grain_documents(count)
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="seedsum-bench-") as tmp:
        cache = SQLiteCache(Path(tmp) / "cache.sqlite3")
        slow = seedsum.MockBackend(responder=lambda r: reply, latency=LATENCY, keep_requests=False)
        summarizer = seedsum.Summarizer(slow, cache=cache)
        summarizer.summarize("Warm-up: imports, prompt and schema are loaded once.")
        cold, _ = _sequential(summarizer, documents)
        warm_runs = []
        for _ in range(repeats):
            elapsed, outputs = _sequential(summarizer, documents)
            warm_runs.append(elapsed)
        assert all(o.meta.cache_hits == 1 and o.meta.cache_misses == 0 for o in outputs)
        warm = min(warm_runs)
        rows.append(_row("cold: summarize one by one, 20 ms", cold, count))
        rows.append(_row("warm: every call a hit", warm, count, f"{cold / warm:.1f}x"))

        # The same through summarize_many, 8 calls in flight (information only).
        many = seedsum.Summarizer(slow, cache=cache, max_concurrency=8)
        fresh = [f"Second corpus. {d}" for d in documents]
        cold_many = _together(many, fresh)
        warm_many = min(_together(many, fresh) for _ in range(repeats))
        rows.append(_row("cold: summarize_many, 8 in flight", cold_many, count))
        rows.append(_row("warm: the same", warm_many, count, f"{cold_many / warm_many:.1f}x"))
        print(f"cache: {count} single-chunk articles, fresh SQLite file in {tmp}")
        table(["run", "s", "ms per document", "cold / warm"], rows)

        # Lookups.
        instant = seedsum.MockBackend(responder=lambda r: reply, keep_requests=False)
        # The extraction requests the pipeline sends for these articles (checked below).
        prompt_key = prompt_cache_key(EXTRACT)
        requests = [
            ModelRequest(
                extraction_messages(d),
                ChunkExtraction,
                max_output_tokens=output_limit(summarizer.chunk(d)[0].tokens),
                prompt_cache_key=prompt_key,
            )
            for d in documents
        ]
        keys = [cache_key(instant.identity(), r) for r in requests]
        if any(cache.get(k) is None for k in keys):
            raise RuntimeError("the benchmark's keys are not the pipeline's: update bench_cache")
        hits = itertools.cycle(keys)
        texts = itertools.cycle(documents)
        new_keys = (f"bench-{i}" for i in itertools.count())
        hitting = seedsum.Summarizer(instant, cache=cache)
        uncached = seedsum.Summarizer(instant, cache=False)
        quick_ops = _medians_ms(
            {
                "SQLiteCache.get, a hit": lambda: cache.get(next(hits)),
                "SQLiteCache.put, a new key": lambda: cache.put(next(new_keys), reply),
                "MockBackend.complete, zero latency": lambda: instant.complete(requests[0]),
            },
            lookups,
        )
        whole = _medians_ms(
            {
                "summarize, every call a cache hit": lambda: hitting.summarize(next(texts)),
                "summarize, zero-latency mock, no cache": lambda: uncached.summarize(next(texts)),
            },
            lookups // 10,
        )
        cache.close()
    print()
    table(
        ["one operation", "median ms"], [[k, f"{v:.4f}"] for k, v in {**quick_ops, **whole}.items()]
    )
    hit = quick_ops["SQLiteCache.get, a hit"]
    ratio = cold / warm
    return [
        result("cache_hit_ms", hit / TARGET_HIT_MS, f"<={TARGET_HIT_MS:g}", hit <= TARGET_HIT_MS),
        result("cache_warm", ratio, f">={TARGET_WARM:g}", ratio >= TARGET_WARM),
    ]


if __name__ == "__main__":
    cli(main)
