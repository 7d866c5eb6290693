"""The Batch API path of a corpus: half the price, results within 24 hours, resumable.

- `run`: plan, submit, wait, collect (`BatchOptions`, `run_batch`);
- `assemble`: the online pipeline answered by the collected replies;
- `files`: the JSONL input files and the output/error files;
- `store`: the batch tables in the cache's SQLite file;
- `client`: the protocol a backend implements for it (`OpenAIBackend` does);
- `manage`: status, collect and cancel between runs.
"""

from __future__ import annotations

from .client import BatchClient, BatchInfo
from .files import MAX_BYTES, MAX_REQUESTS
from .run import BatchOptions, batch_parts, run_batch
from .store import BatchStore

__all__ = [
    "MAX_BYTES",
    "MAX_REQUESTS",
    "BatchClient",
    "BatchInfo",
    "BatchOptions",
    "BatchStore",
    "batch_parts",
    "run_batch",
]
