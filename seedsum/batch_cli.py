"""`seedsum summarize --batch` and `seedsum batch status|collect|cancel` (see seedsum.batch)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, Protocol

from .cache import SQLiteCache
from .errors import BatchPendingError, SeedsumError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Run(Protocol):  # cli._Run: reads the inputs, writes the results
    failed: int

    def documents(self) -> Any: ...

    def handle(self, result: Any) -> None: ...

    def finish(self) -> None: ...


def add_summarize_options(run: argparse.ArgumentParser) -> None:
    group = run.add_argument_group("batch and flex processing (OpenAI)")
    group.add_argument(
        "--batch",
        action="store_true",
        help="send the corpus through the Batch API (half the price, within 24 h); "
        "resumable: run the same command again to pick the batches up",
    )
    group.add_argument(
        "--no-wait", action="store_true", help="with --batch: submit the batches and return"
    )
    group.add_argument(
        "--batch-retry",
        action="store_true",
        help="with --batch: send failed requests again in a follow-up batch, not online",
    )
    group.add_argument(
        "--batch-condense",
        choices=["batch", "online"],
        default="batch",
        help="with --batch: the summary call of multi-chunk documents in a second batch "
        "(default) or online",
    )
    group.add_argument(
        "--poll-interval",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="with --batch: first wait between polls (grows to 5 minutes)",
    )
    group.add_argument(
        "--flex", action="store_true", help="OpenAI flex processing (cheaper, slower)"
    )
    group.add_argument(
        "--flex-fallback",
        action="store_true",
        help="with --flex: a request refused for capacity goes out on the standard tier",
    )


def add_batch_command(commands: Any) -> None:
    batch = commands.add_parser("batch", help="follow, collect or cancel Batch API runs")
    batch.add_argument("action", choices=["status", "collect", "cancel"])
    batch.add_argument("ids", nargs="*", metavar="BATCH_ID", help="cancel: these batches only")
    batch.add_argument("--cache", metavar="PATH", help="the cache file holding the batches")
    batch.add_argument("--model", help="model name (for the client; batches keep their own)")


def run_options(args: argparse.Namespace) -> dict[str, Any]:
    """What `seedsum summarize --batch` adds to `summarize_many` (nothing without --batch)."""
    if not getattr(args, "batch", False):
        return {}
    from .batch import BatchOptions

    options = BatchOptions(
        wait=not args.no_wait,
        retry_in_batch=args.batch_retry,
        condense=args.batch_condense,
        poll_interval=args.poll_interval,
    )
    return {"mode": "batch", "batch": options}


#: What Ctrl-C says while a batch run waits: the batches go on at the provider.
INTERRUPTED = (
    "seedsum: interrupted; the batches keep running at the provider: follow them with "
    "`seedsum batch status`, then run the same command again to collect them"
)


class Pending:
    """Documents whose requests are in a batch that has not finished, reported once at the
    end of a `--batch --no-wait` run."""

    def __init__(self) -> None:
        self.documents = 0
        self.batch_ids: list[str] = []

    def take(self, result: Any) -> bool:
        """True if `result` is a document still waiting for its batch."""
        if not isinstance(result.error, BatchPendingError):
            return False
        self.documents += 1
        self.batch_ids = result.error.batch_ids
        return True

    def report(self) -> None:
        if self.documents:
            print(
                f"seedsum: {self.documents} document(s) wait for batch(es) "
                f"{', '.join(self.batch_ids)}; follow them with `seedsum batch status`, then "
                "run the same command again to collect",
                file=sys.stderr,
            )


def batch_command(args: argparse.Namespace) -> int:
    from .backends.openai import OpenAIBackend
    from .batch import BatchStore
    from .batch.manage import cancel, collect_ended, refresh

    cache = SQLiteCache(args.cache)
    if not cache.enabled:
        print(f"seedsum: the cache at {cache.path} cannot be used", file=sys.stderr)
        return EXIT_FAILED
    store = BatchStore(cache.path)
    client = OpenAIBackend(args.model)
    try:
        if args.action == "status":
            jobs = refresh(client, store)
            if not jobs:
                print(f"no batches in {cache.path}")
            for job in jobs:
                when = time.strftime("%Y-%m-%d %H:%M", time.localtime(job.created))
                state = "collected" if job.collected else job.status
                print(
                    f"{job.batch_id or job.file_id}  {state:<11} {job.completed}/{job.total} "
                    f"done, {job.failed} failed  {job.phase}  {job.model}  {when}"
                )
        elif args.action == "collect":
            done = collect_ended(client, cache, store)
            for c in done:
                print(
                    f"{c.info.id}: {c.info.status}: {c.valid} replies cached, {c.failed} "
                    "without a valid reply (asked again when the same command runs again)"
                )
            running = len(store.jobs(active_only=True))
            print(f"collected {len(done)} batch(es); {running} still running")
        else:
            for info in cancel(client, store, args.ids or None):
                print(f"{info.id}: {info.status}")
    except SeedsumError as exc:
        print(f"seedsum: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.close()
    return EXIT_OK
