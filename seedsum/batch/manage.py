"""Batches between runs: status, collect and cancel, from the batch tables alone (what
`seedsum batch ...` does; no inputs needed)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..cache import Cache
from ..schema import ChunkExtraction, CondensedSummary
from .client import BatchClient, BatchInfo
from .collect import collect
from .store import BatchStore, Job


@dataclass(frozen=True)
class Collected:
    """What collecting one ended batch gave."""

    job: Job
    info: BatchInfo
    valid: int
    failed: int


def refresh(client: BatchClient, store: BatchStore) -> list[Job]:
    """Every known batch, the running ones asked for their state first."""
    for job in store.jobs(active_only=True):
        if job.batch_id is not None:
            store.record_status(job.file_id, BatchInfo.parse(client.retrieve_batch(job.batch_id)))
    return store.jobs()


def collect_ended(client: BatchClient, cache: Cache, store: BatchStore) -> list[Collected]:
    """Collect every batch that has ended and was not collected yet (replies of the built-in
    schema; a run with a custom output model collects its own when run again)."""
    done = []
    for job in store.jobs(active_only=True):
        if job.batch_id is None:
            continue
        info = BatchInfo.parse(client.retrieve_batch(job.batch_id))
        store.record_status(job.file_id, info)
        if info.done:
            valid, failed = collect(client, cache, store, job.file_id, info, _builtin)
            done.append(Collected(job, info, valid, failed))
    return done


def cancel(client: BatchClient, store: BatchStore, ids: list[str] | None = None) -> list[BatchInfo]:
    """Cancel the running batches (those named by `ids`, else all); their finished replies
    are still collected afterwards."""
    cancelled = []
    for job in store.jobs(active_only=True):
        if job.batch_id is None or (ids and job.batch_id not in ids):
            continue
        info = BatchInfo.parse(client.cancel_batch(job.batch_id))
        store.record_status(job.file_id, info)
        cancelled.append(info)
    return cancelled


def _builtin(purpose: str) -> type[BaseModel]:
    return CondensedSummary if purpose == "condense" else ChunkExtraction
