"""A corpus through the Batch API: plan, submit, wait, collect, then assemble as online.

The run is a re-entrant state machine over the batch tables (`store`): every step starts by
looking at what the database already knows, so running the same corpus again, in another
process or on another day, picks up the batches already submitted instead of sending them
twice. Its phases:

1. plan: every chunk request of every document, exactly as an online run builds it
   (`_Document.extraction_requests`, `cache_key`); those already cached are dropped;
2. submit what no batch holds yet (JSONL files within the API's limits), then wait for the
   batches (polling with backoff, bounded by `max_wait`) and collect each as it ends: every
   reply is validated as online and cached, every failure recorded;
3. the same for the condense calls of multi-chunk documents (or leave them to phase 4);
4. assemble with the online pipeline: the collected replies answer their requests (and are
   priced and counted as batch calls), failures and invalid replies are asked online (with
   `max_reasks`, within the budget), so the output is what an online run with the same
   replies gives.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel

from ..backends.base import ModelReply, ModelRequest, Usage
from ..cache import Cache, SQLiteCache, cache_key
from ..corpus import DocumentResult, Item, unpack_item
from ..errors import (
    BatchPendingError,
    BudgetExceededError,
    ConfigurationError,
    InvalidInputError,
    SeedsumError,
)
from ..extraction import Extracted
from ..pricing import cost_usd, price_for
from ..schema import ChunkExtraction, CondensedSummary
from ..tokens import count_message_tokens
from ..validate import Validated
from .assemble import assemble
from .client import BatchClient, BatchInfo
from .collect import collect, valid_value
from .files import MAX_BYTES, MAX_REQUESTS, input_files
from .store import BatchStore, Job
from .store import Item as StoredItem

if TYPE_CHECKING:
    from ..pipeline import Summarizer, _Document

logger = logging.getLogger("seedsum")
OutputT = TypeVar("OutputT", bound=BaseModel)


@dataclass(frozen=True)
class BatchOptions:
    """How `summarize_many(mode="batch")` runs.

    - `wait`: wait for the batches (False: submit and return; documents still waiting
      yield a `BatchPendingError`, and a later run with the same inputs collects them).
    - `retry_in_batch`: send failed requests again in a follow-up batch (at most
      `max_reasks` times each) instead of online.
    - `condense`: the summary call of multi-chunk documents in a second batch, or online.
    - `poll_interval`, `max_poll_interval`: the first wait between polls and its ceiling.
    - `max_wait`: seconds of waiting in all before giving up for now (batches go on).
    - `max_requests`, `max_bytes`: split limits per batch file (the API's by default).
    """

    wait: bool = True
    retry_in_batch: bool = False
    condense: Literal["batch", "online"] = "batch"
    poll_interval: float = 10.0
    max_poll_interval: float = 300.0
    max_wait: float = 26 * 3600.0
    max_requests: int = MAX_REQUESTS
    max_bytes: int = MAX_BYTES
    #: How the run waits and tells time (tests pass a clock they control).
    sleep: Callable[[float], None] = field(default=lambda seconds: _sleep(seconds))
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        if self.condense not in ("batch", "online"):
            raise InvalidInputError(f"condense must be 'batch' or 'online', got {self.condense!r}")
        for name in ("poll_interval", "max_poll_interval", "max_wait"):
            if not getattr(self, name) > 0:
                raise InvalidInputError(f"{name} must be positive, got {getattr(self, name)}")
        for name, ceiling in (("max_requests", MAX_REQUESTS), ("max_bytes", MAX_BYTES)):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= ceiling:
                raise InvalidInputError(
                    f"{name} must be an int from 1 to {ceiling} (the API's limit), got {value!r}"
                )


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def batch_parts(summarizer: Summarizer[Any]) -> tuple[BatchClient, Cache, BatchStore]:
    """The backend's Batch API, the cache and the batch tables of `summarizer`."""
    client = summarizer.backend
    if not isinstance(client, BatchClient):
        raise ConfigurationError(
            f"mode='batch' needs a backend with a Batch API (OpenAIBackend); "
            f"{type(client).__name__} has none: run online instead"
        )
    cache = summarizer.cache
    if not isinstance(cache, SQLiteCache) or not cache.enabled:
        raise ConfigurationError(
            "mode='batch' keeps its batches in the cache file, and this run has none: "
            "use the default cache or cache='path/to/cache.sqlite3'"
        )
    return client, cache, open_store(cache)


def open_store(cache: SQLiteCache) -> BatchStore:
    return BatchStore(cache.path)


class BatchRun:
    """One batch run of a corpus (see the module docstring)."""

    def __init__(
        self, summarizer: Summarizer[Any], options: BatchOptions, progress: bool | None
    ) -> None:
        self.summarizer = summarizer
        self.options = options
        self.client, self.cache, self.store = batch_parts(summarizer)
        self.identity = summarizer.backend.identity()
        stream: IO[str] = sys.stderr
        self.progress = stream if (stream.isatty() if progress is None else progress) else None
        self.waited = 0.0

    # -- planning -------------------------------------------------------------------------

    def documents(self, items: Iterable[Item]) -> list[tuple[int, Item, _Document[Any] | None]]:
        from ..pipeline import _Document

        planned: list[tuple[int, Item, _Document[Any] | None]] = []
        probe = self.summarizer._runner()
        for index, item in enumerate(items):
            document = None
            try:
                _, text, _ = unpack_item(index, item)
                _, cached = self.summarizer._cached_result(probe, text)
                if cached is None:
                    document = _Document(self.summarizer, text)
            except SeedsumError:
                pass  # a bad input: the online phase reports it in its result
            planned.append((index, item, document))
        return planned

    def missing(self, requests: Iterable[ModelRequest]) -> dict[str, ModelRequest]:
        """The requests (by cache key) that no cache entry answers."""
        found: dict[str, ModelRequest] = {}
        for request in requests:
            key = cache_key(self.identity, request)
            if key not in found and self.cache.get(key) is None:
                found[key] = request
        return found

    def condense_requests(
        self, documents: Iterable[tuple[int, _Document[Any]]]
    ) -> list[tuple[int, ModelRequest]]:
        """The condense calls of the documents whose every chunk has a valid reply."""
        requests = []
        for index, document in documents:
            if len(document.chunks) < 2 or self.summarizer.output:
                continue
            values = []
            for request in document.extraction_requests():
                raw = self.cache.get(cache_key(self.identity, request))
                value = valid_value(raw, document.output_type)
                if raw is None or value is None:
                    break
                values.append(Validated(value, raw, ModelReply("").usage, attempts=0))
            else:
                extracted = Extracted(pieces=list(zip(document.chunks, values, strict=True)))
                condense = document.condense_request(extracted)
                if condense is not None:
                    requests.append((index, condense))
        return requests

    # -- submitting, waiting, collecting ------------------------------------------------------

    def drive(
        self, requests: Mapping[str, ModelRequest], phase: str, *, again: bool = False
    ) -> set[str]:
        """Get every one of `requests` answered by a batch (or failed in one); returns the
        keys still in a running batch (when not waiting, or after `max_wait`). With `again`,
        requests that failed in a batch are sent once more."""
        known = self.store.items(requests)
        fresh = {
            k: r
            for k, r in requests.items()
            if k not in known or (again and self.failed(known[k], r))
        }
        self.submit(fresh, phase)
        self.create_unsubmitted()
        files = {item.file_id for item in self.store.items(requests).values()}
        jobs = [j for j in self.store.jobs(active_only=True) if j.file_id in files]
        return self.wait(jobs) if jobs else set()

    def check_budget(self, requests: Mapping[str, ModelRequest]) -> None:
        """Refuse a batch whose input alone, at the batch price, passes `max_cost_usd`
        (its output is only known afterwards, as online)."""
        limit = self.summarizer.max_cost_usd
        if limit is None or not requests:
            return
        s = self.summarizer
        tokens = sum(count_message_tokens(r.messages, s.encoding) for r in requests.values())
        cost = cost_usd(Usage(input_tokens=tokens), price_for(s.backend.model, s.prices, "batch"))
        if cost is None or cost > limit:
            what = "has no known price" if cost is None else f"would cost about ${cost:.4f}"
            raise BudgetExceededError(
                f"a batch of {len(requests)} requests ({tokens} input tokens) {what}, past "
                f"max_cost_usd={limit:g}; raise the limit or send fewer documents",
                spent_tokens=0,
                spent_cost_usd=0.0,
                scope="run",
            )

    def submit(self, requests: Mapping[str, ModelRequest], phase: str) -> None:
        self.check_budget(requests)
        for number, lines in enumerate(
            input_files(
                self.client,
                requests,
                max_requests=self.options.max_requests,
                max_bytes=self.options.max_bytes,
            )
        ):
            data = b"".join(line.data for line in lines)
            file_id = self.client.upload_batch_file(data, f"seedsum-{phase}-{number + 1}.jsonl")
            self.store.record_upload(
                file_id, self.client.model, phase, [(line.key, line.purpose) for line in lines]
            )
            self.create(file_id, phase)

    def create_unsubmitted(self) -> None:
        """Create the batches of files uploaded by a run that stopped before creating them."""
        for job in self.store.jobs(active_only=True):
            if job.batch_id is None:
                found = self.client.find_batch(job.file_id)  # created, but not recorded
                if found is not None:
                    self.store.record_status(job.file_id, BatchInfo.parse(found))
                else:
                    self.create(job.file_id, job.phase)

    def create(self, file_id: str, phase: str) -> None:
        metadata = {"seedsum_phase": phase, "seedsum_model": self.client.model}
        info = BatchInfo.parse(self.client.create_batch(file_id, metadata))
        self.store.record_status(file_id, info)
        self.report(f"seedsum: created {info.describe()}")

    def wait(self, jobs: list[Job]) -> set[str]:
        """Poll `jobs` until each has ended and is collected, or time is up (see options)."""
        waiting = {j.file_id: j for j in jobs}
        interval = self.options.poll_interval
        while True:
            for file_id, job in list(waiting.items()):
                if job.batch_id is None:
                    continue
                info = BatchInfo.parse(self.client.retrieve_batch(job.batch_id))
                self.store.record_status(file_id, info)
                self.report(f"seedsum: {info.describe()}", redraw=True)
                if info.done:
                    self.collect(file_id, info)
                    del waiting[file_id]
            if not waiting:
                self.report("", end=True)
                return set()
            if not self.options.wait or self.waited >= self.options.max_wait:
                self.report("", end=True)
                return {k for file_id in waiting for k in self.store.pending_keys(file_id)}
            pause = min(interval, self.options.max_wait - self.waited)
            started = self.options.clock()
            self.options.sleep(pause)
            self.waited += max(self.options.clock() - started, pause)
            interval = min(interval * 1.5, self.options.max_poll_interval)

    def collect(self, file_id: str, info: BatchInfo) -> None:
        collect(self.client, self.cache, self.store, file_id, info, self.output_types)

    def output_types(self, purpose: str) -> type[BaseModel]:
        if purpose == "condense":
            return CondensedSummary
        return self.summarizer.output or ChunkExtraction

    def failed(self, item: StoredItem, request: ModelRequest) -> bool:
        """Whether a batch gave `item` no valid reply, and it may be sent again."""
        if item.attempts > self.summarizer.max_reasks or item.state == "pending":
            return False
        return item.reply is None or valid_value(item.reply.text, request.output_type) is None

    def report(self, line: str, *, redraw: bool = False, end: bool = False) -> None:
        if self.progress is None:
            return
        if end:
            self.progress.write("\n" if self._drawn else "")
            self._drawn = False
        elif redraw:
            self.progress.write(f"\r{line}\x1b[K")
            self._drawn = True
        else:
            self.progress.write(("\n" if self._drawn else "") + line + "\n")
            self._drawn = False
        self.progress.flush()

    _drawn = False


def run_batch(
    summarizer: Summarizer[OutputT],
    items: Iterable[Item],
    options: BatchOptions,
    *,
    window: int | None = None,
    progress: bool | None = None,
) -> Iterator[DocumentResult[OutputT]]:
    """The engine of `summarize_many(mode="batch")` (see the module docstring)."""
    run = BatchRun(summarizer, options, progress)
    try:
        yield from _run(run, summarizer, items, options, window, progress)
    finally:
        run.store.close()


def _run(
    run: BatchRun,
    summarizer: Summarizer[OutputT],
    items: Iterable[Item],
    options: BatchOptions,
    window: int | None,
    progress: bool | None,
) -> Iterator[DocumentResult[OutputT]]:
    planned = run.documents(items)
    documents = [(index, d) for index, _, d in planned if d is not None]
    keys: dict[int, set[str]] = {
        index: {cache_key(run.identity, r) for r in d.extraction_requests()}
        for index, d in documents
    }
    extraction = run.missing(r for _, d in documents for r in d.extraction_requests())
    pending = run.drive(extraction, "extract")
    rounds = summarizer.max_reasks if options.retry_in_batch else 0
    for _ in range(rounds):
        known = run.store.items(extraction)
        again = {k: r for k, r in extraction.items() if k in known and run.failed(known[k], r)}
        if pending or not again:
            break
        pending = run.drive(again, "retry", again=True)
    if not pending and options.condense == "batch":
        condense = run.condense_requests(documents)
        for index, request in condense:
            keys[index].add(cache_key(run.identity, request))
        pending |= run.drive(run.missing(r for _, r in condense), "condense")
    waiting = {j.batch_id or j.file_id for j in run.store.jobs(active_only=True)}
    ready: list[tuple[int, Item]] = []
    for index, item, _ in planned:
        if keys.get(index, set()) & pending:
            yield DocumentResult(index, _identifier(index, item), error=_pending(waiting))
        else:
            ready.append((index, item))
    every_key = {k for found in keys.values() for k in found}
    replies = {k: i.reply for k, i in run.store.items(every_key).items() if i.reply and not i.used}
    results, replayed = assemble(summarizer, ready, replies, window=window, progress=progress)
    try:
        yield from results
    finally:
        run.store.mark_used(replayed.served)


def _identifier(index: int, item: Item) -> str:
    return str(item[0]) if isinstance(item, tuple) else str(index)


def _pending(batches: Iterable[str]) -> BatchPendingError:
    names = sorted(batches)
    return BatchPendingError(
        f"waiting for batch(es) {', '.join(names)}: follow them with `seedsum batch status`, "
        "then run the same command again (or `seedsum batch collect`) to collect the replies",
        batch_ids=names,
    )
