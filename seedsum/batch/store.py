"""Where batch runs are remembered: two tables in the cache's SQLite file, so a batch is
picked up again after the process, the machine or the day changed.

`batch_jobs` has one row per uploaded input file (its batch id once created, the model, the
last known state and counts); `batch_items` one row per request in it (the cache key as
`custom_id`, then the reply or the error the batch gave it). The tables are created by a named
migration (`MIGRATIONS`), recorded in `seedsum_migrations`, on a connection of this module's
own: the cache's table and schema version are left as they are.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..backends.base import ModelReply, Usage
from .client import BatchInfo

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "batch-1",
        (
            "CREATE TABLE IF NOT EXISTS batch_jobs ("
            " file_id TEXT PRIMARY KEY, batch_id TEXT UNIQUE, model TEXT NOT NULL,"
            " phase TEXT NOT NULL, status TEXT NOT NULL, total INTEGER NOT NULL DEFAULT 0,"
            " completed INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,"
            " output_file_id TEXT, error_file_id TEXT, collected INTEGER NOT NULL DEFAULT 0,"
            " created REAL NOT NULL, updated REAL NOT NULL)",
            "CREATE TABLE IF NOT EXISTS batch_items ("
            " seq INTEGER PRIMARY KEY AUTOINCREMENT, file_id TEXT NOT NULL,"
            " custom_id TEXT NOT NULL, purpose TEXT NOT NULL,"
            " state TEXT NOT NULL DEFAULT 'pending', reply TEXT, error TEXT,"
            " input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,"
            " cached_tokens INTEGER NOT NULL DEFAULT 0, reply_model TEXT,"
            " used INTEGER NOT NULL DEFAULT 0, UNIQUE (file_id, custom_id))",
            "CREATE INDEX IF NOT EXISTS batch_items_custom_id ON batch_items (custom_id)",
        ),
    ),
)

_IN_CHUNK = 500  # keys per IN (...) query: well under SQLite's variable limit


@dataclass(frozen=True)
class Job:
    """One uploaded batch input file, and its batch once created."""

    file_id: str
    batch_id: str | None
    model: str
    phase: str
    status: str
    total: int
    completed: int
    failed: int
    output_file_id: str | None
    error_file_id: str | None
    collected: bool
    created: float

    @property
    def active(self) -> bool:
        """Still to wait for or to collect."""
        return not self.collected


@dataclass(frozen=True)
class Item:
    """The latest batch outcome for one request (by its cache key)."""

    key: str
    file_id: str
    state: str  # "pending", "replied" or "failed"
    reply: ModelReply | None
    error: str | None
    used: bool
    attempts: int = 1  # how many batches it was sent in


@dataclass(frozen=True)
class Outcome:
    """What a batch's output or error file says about one request."""

    key: str
    reply: ModelReply | None = None
    error: str | None = None


class BatchStore:
    """The batch tables in the SQLite file at `path` (the cache's file)."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._connection = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        self._connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self._lock = threading.RLock()
        with self._write() as db:
            migrate(db)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> BatchStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        # A store dropped without close() (an error path) must not leave its connection to
        # the garbage collector, which Python 3.13 reports as an unclosed database.
        with contextlib.suppress(Exception):
            self._connection.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = self._connection
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- jobs ----------------------------------------------------------------------------

    def record_upload(
        self, file_id: str, model: str, phase: str, items: Sequence[tuple[str, str]]
    ) -> None:
        """An uploaded input file and the (key, purpose) of each request in it: written before
        the batch is created, so a crash in between leaves a file to create it from."""
        now = time.time()
        with self._write() as db:
            db.execute(
                "INSERT INTO batch_jobs (file_id, model, phase, status, total, created, updated)"
                " VALUES (?, ?, ?, 'uploaded', ?, ?, ?)",
                (file_id, model, phase, len(items), now, now),
            )
            db.executemany(
                "INSERT INTO batch_items (file_id, custom_id, purpose) VALUES (?, ?, ?)",
                [(file_id, key, purpose) for key, purpose in items],
            )

    def record_status(self, file_id: str, info: BatchInfo) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE batch_jobs SET batch_id = ?, status = ?, total = ?, completed = ?,"
                " failed = ?, output_file_id = ?, error_file_id = ?, updated = ?"
                " WHERE file_id = ?",
                (
                    info.id,
                    info.status,
                    info.total or self._total(db, file_id),
                    info.completed,
                    info.failed,
                    info.output_file_id,
                    info.error_file_id,
                    time.time(),
                    file_id,
                ),
            )

    def record_outcomes(self, file_id: str, outcomes: Iterable[Outcome]) -> None:
        """Every request's reply or error, and the job marked collected, in one transaction."""
        rows = []
        for o in outcomes:
            usage = o.reply.usage if o.reply else Usage()
            rows.append(
                (
                    "replied" if o.reply else "failed",
                    o.reply.text if o.reply else None,
                    o.error,
                    usage.input_tokens,
                    usage.output_tokens,
                    usage.cached_input_tokens,
                    o.reply.model if o.reply else None,
                    file_id,
                    o.key,
                )
            )
        with self._write() as db:
            db.executemany(
                "UPDATE batch_items SET state = ?, reply = ?, error = ?, input_tokens = ?,"
                " output_tokens = ?, cached_tokens = ?, reply_model = ?"
                " WHERE file_id = ? AND custom_id = ?",
                rows,
            )
            # Requests the files did not mention (a batch that failed or expired early).
            db.execute(
                "UPDATE batch_items SET state = 'failed', error = 'no result in the batch'"
                " WHERE file_id = ? AND state = 'pending'",
                (file_id,),
            )
            db.execute(
                "UPDATE batch_jobs SET collected = 1, updated = ? WHERE file_id = ?",
                (time.time(), file_id),
            )

    def jobs(self, *, active_only: bool = False) -> list[Job]:
        with self._lock:
            rows = self._connection.execute(
                "SELECT file_id, batch_id, model, phase, status, total, completed, failed,"
                " output_file_id, error_file_id, collected, created FROM batch_jobs"
                " ORDER BY created, file_id"
            ).fetchall()
        jobs = [_job(row) for row in rows]
        return [j for j in jobs if j.active] if active_only else jobs

    def job(self, ident: str) -> Job | None:
        """The job with this batch id or input file id."""
        return next((j for j in self.jobs() if ident in (j.batch_id, j.file_id)), None)

    # -- items ---------------------------------------------------------------------------

    def items(self, keys: Iterable[str]) -> dict[str, Item]:
        """The latest outcome of each of `keys` that was ever put in a batch."""
        found: dict[str, Item] = {}
        wanted = list(dict.fromkeys(keys))
        with self._lock:
            for start in range(0, len(wanted), _IN_CHUNK):
                part = wanted[start : start + _IN_CHUNK]
                marks = ",".join("?" * len(part))
                rows = self._connection.execute(
                    "SELECT custom_id, file_id, state, reply, error, input_tokens,"
                    " output_tokens, cached_tokens, reply_model, used FROM batch_items"
                    f" WHERE custom_id IN ({marks}) ORDER BY seq",
                    part,
                ).fetchall()
                for key, file_id, state, text, error, i, o, c, model, used in rows:
                    reply = None
                    if text is not None:
                        reply = ModelReply(text, Usage(i, o, c), model, tier="batch")
                    attempts = found[key].attempts + 1 if key in found else 1
                    found[key] = Item(key, file_id, state, reply, error, bool(used), attempts)
        return found

    def pending_keys(self, file_id: str) -> list[str]:
        with self._lock:
            rows = self._connection.execute(
                "SELECT custom_id FROM batch_items WHERE file_id = ? ORDER BY seq", (file_id,)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def purposes(self, file_id: str) -> dict[str, str]:
        with self._lock:
            rows = self._connection.execute(
                "SELECT custom_id, purpose FROM batch_items WHERE file_id = ?", (file_id,)
            ).fetchall()
        return {str(k): str(p) for k, p in rows}

    def mark_used(self, keys: Iterable[str]) -> None:
        """Replies that went into a result: a later run treats them as cached, not as calls."""
        part = [(k,) for k in keys]
        if part:
            with self._write() as db:
                db.executemany("UPDATE batch_items SET used = 1 WHERE custom_id = ?", part)

    @staticmethod
    def _total(db: sqlite3.Connection, file_id: str) -> int:
        row = db.execute("SELECT total FROM batch_jobs WHERE file_id = ?", (file_id,)).fetchone()
        return int(row[0]) if row else 0


def _job(row: Sequence[Any]) -> Job:
    return Job(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        int(row[5]),
        int(row[6]),
        int(row[7]),
        row[8],
        row[9],
        bool(row[10]),
        float(row[11]),
    )


def migrate(db: sqlite3.Connection) -> None:
    """Apply the migrations `db` has not seen yet (the caller holds a write transaction)."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS seedsum_migrations (name TEXT PRIMARY KEY, applied REAL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM seedsum_migrations")}
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        for statement in statements:
            db.execute(statement)
        db.execute("INSERT INTO seedsum_migrations VALUES (?, ?)", (name, time.time()))
