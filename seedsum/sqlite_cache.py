"""`SQLiteCache`: the reply cache in one SQLite file, safe across threads, tasks and processes.

WAL mode, a busy timeout, and every write in a `BEGIN IMMEDIATE` transaction (a deferred one
that reads and then writes fails at once with "database is locked", whatever the timeout). A
connection is never used in a process other than the one that opened it (after `fork()` the
child opens its own). Files and folders are private and a SQLite database seedsum did not
create is never written to (`seedsum.cache_files`). A file that is not a database, or a
damaged cache, is moved aside with a warning.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from .cache_files import (
    APPLICATION_ID,
    FILE_NAME,
    check_path,
    create_private_file,
    default_cache_dir,
    describe,
    make_private_folders,
    ownership,
)
from .errors import CacheError

logger = logging.getLogger("seedsum")

_SCHEMA_VERSION = 1
_INHERITED: list[sqlite3.Connection] = []


class SQLiteCache:
    """A cache in one SQLite file (default: `default_cache_dir() / "cache.sqlite3"`).

    A file or folder that cannot be used turns caching off with one warning, or, with
    `required=True` (how `Summarizer(cache=path)` and `--cache PATH` open it), raises
    `CacheError`. A SQLite database that seedsum did not create is never written to
    (see `seedsum.cache_files`).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        timeout: float = 30.0,
        required: bool = False,
    ):
        given = Path(path) if path is not None else default_cache_dir() / FILE_NAME
        check_path(given)
        self.path = given.expanduser()
        self._file = self.path  # the file itself, once symlinks are resolved
        self.timeout = timeout
        self.required = required
        # One connection per process, shared by its threads under a lock: every operation is
        # short, and a connection per thread would be left open when its thread ends.
        self._connection_: sqlite3.Connection | None = None
        self._pid = 0
        self._io = threading.RLock()
        self._lock = threading.Lock()
        self._disabled: str | None = None
        self._prepare()

    def __enter__(self) -> SQLiteCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # a finalizer never raises
            self.close()

    def __repr__(self) -> str:
        state = f", disabled: {self._disabled}" if self._disabled else ""
        return f"SQLiteCache({str(self.path)!r}{state})"

    # A copy sent to another process (multiprocessing, Dask, Ray) opens its own connection to
    # the same file at its first operation; connections and locks are never pickled.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in ("_connection_", "_io", "_lock"):
            del state[name]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._connection_ = None
        self._pid = 0
        self._io = threading.RLock()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self._disabled is None

    @property
    def disabled_reason(self) -> str | None:
        """Why caching is off (None while it is on)."""
        return self._disabled

    # -- get and put never raise: a cache problem must not cost finished work -------------

    def get(self, key: str) -> str | None:
        if self._disabled:
            return None
        try:
            with self._io:
                row = (
                    self._connection()
                    .execute("SELECT value FROM entries WHERE key = ?", (key,))
                    .fetchone()
                )
        except sqlite3.Error as exc:
            self._disable(f"reading failed ({describe(exc)})")
            return None
        return None if row is None else str(row[0])

    def put(self, key: str, value: str) -> None:
        if self._disabled:
            return
        try:
            with self._io:
                # The same key always maps to the same value, so a write that committed
                # without its caller learning so is harmlessly repeated.
                self._write(
                    "INSERT OR REPLACE INTO entries (key, value, created) VALUES (?, ?, ?)",
                    (key, value, time.time()),
                )
        except sqlite3.Error as exc:
            self._disable(f"writing failed ({describe(exc)})")

    def info(self) -> dict[str, Any]:
        """Path, number of entries and size on disk (with the WAL file)."""
        entries = 0
        if not self._disabled:
            try:
                with self._io:
                    row = self._connection().execute("SELECT COUNT(*) FROM entries").fetchone()
                entries = int(row[0])
            except sqlite3.Error as exc:
                self._disable(f"reading failed ({describe(exc)})")
        size = 0
        for file in (self._file, _companion(self._file, "-wal")):
            with contextlib.suppress(OSError):
                size += file.stat().st_size
        return {
            "path": str(self.path),
            "entries": entries,
            "bytes": size,
            "disabled": self._disabled,
        }

    def clear(self) -> int:
        """Delete every entry; returns how many there were (0 while caching is off).
        Raises `CacheError` if the file cannot be written (read-only, a full disk)."""
        if self._disabled:
            return 0
        try:
            with self._io:
                connection = self._connection()
                connection.execute("BEGIN IMMEDIATE")
                try:
                    count = int(connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
                    connection.execute("DELETE FROM entries")
                    connection.execute("COMMIT")
                except BaseException:
                    _rollback(connection)
                    raise
                connection.execute("VACUUM")
        except sqlite3.Error as exc:
            raise CacheError(
                f"could not clear the cache at {self.path}: {describe(exc)}", path=str(self.path)
            ) from None
        return count

    def close(self) -> None:
        """Close the connection (a later operation opens a new one)."""
        with self._io:
            connection, self._connection_ = self._connection_, None
            if connection is not None and self._pid == os.getpid():
                connection.close()

    # -- setup ---------------------------------------------------------------------------

    def _prepare(self) -> None:
        try:
            if self.path.is_dir():
                self.path = self.path / FILE_NAME
            self._file = Path(os.path.realpath(self.path))
            make_private_folders(self._file.parent)
            create_private_file(self._file)
        except OSError as exc:
            self._fail(f"cannot create it ({describe(exc)})")
            return
        state = None
        try:
            with self._io:
                state = ownership(self.path, self._file, self._connection())
                if state == "not-sqlite":
                    raise sqlite3.DatabaseError("file is not a database")
                self._create_schema(self._connection())
        except CacheError as exc:
            self._fail(str(exc), exc)
        except (OSError, sqlite3.DatabaseError) as exc:
            if isinstance(exc, sqlite3.DatabaseError) and _is_corrupt(exc):
                self._move_aside(exc, ours=state != "not-sqlite")
            else:
                self._fail(f"cannot open it ({describe(exc)})")

    def _create_schema(self, connection: sqlite3.Connection) -> None:
        """Mark and set up a new or empty file, mark a cache of an earlier version; in
        rollback-journal mode first, so the mark is in the main file before WAL starts."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Read again inside the write lock: another process may have set it up meanwhile.
            marked = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS entries ("
                    " key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)"
                )
                connection.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            if marked != APPLICATION_ID:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute("COMMIT")
        except BaseException:
            _rollback(connection)
            raise
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("SELECT COUNT(*) FROM entries LIMIT 1").fetchone()

    def _write(self, statement: str, parameters: tuple[object, ...]) -> None:
        """One statement in a `BEGIN IMMEDIATE` transaction (the caller holds `self._io`)."""
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(statement, parameters)
            connection.execute("COMMIT")
        except BaseException:
            _rollback(connection)
            raise

    def _move_aside(self, exc: sqlite3.DatabaseError, *, ours: bool) -> None:
        """Move a file that is not a usable SQLite database aside (kept, renamed) and start a
        new cache; damaged databases of other applications never reach here."""
        self.close()
        aside = self._file.with_name(f"{self._file.name}.corrupt-{int(time.time())}")
        try:
            os.replace(self._file, aside)
            for suffix in ("-wal", "-shm"):
                companion = _companion(self._file, suffix)
                if companion.exists():
                    os.replace(companion, _companion(aside, suffix))
        except OSError as move_error:
            self._fail(
                f"it is not a usable SQLite database ({exc}) and could not be moved "
                f"aside ({describe(move_error)})"
            )
            return
        logger.warning(
            "seedsum: the cache %s was not a usable SQLite database (%s); moved it to %s and "
            "started a new one%s",
            self.path,
            exc,
            aside,
            "" if ours else " (seedsum had not created that file: check what it was)",
        )
        try:
            create_private_file(self._file)
            with self._io:
                self._create_schema(self._connection())
        except (OSError, sqlite3.Error) as again:
            self._fail(f"a new cache could not be started ({describe(again)})")

    def _connection(self) -> sqlite3.Connection:
        """The process's connection (the caller holds `self._io`)."""
        if self._connection_ is None or self._pid != os.getpid():
            if self._connection_ is not None:
                # Inherited through fork(): the parent's. Neither use nor close it (closing
                # could checkpoint the parent's WAL); keep it referenced so it is never freed.
                _INHERITED.append(self._connection_)
            self._connection_ = sqlite3.connect(
                self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
            self._connection_.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            self._pid = os.getpid()
        return self._connection_

    def _fail(self, reason: str, error: CacheError | None = None) -> None:
        """Setup failed: raise if the cache is required, else turn caching off."""
        if not self.required:
            self._disable(reason)
            return
        self.close()
        if error is not None:
            raise error
        raise CacheError(
            f"the cache at {self.path} cannot be used: {reason}. Pass another path "
            "(--cache PATH, cache=...) or none (--no-cache, cache=False)",
            path=str(self.path),
        )

    def _disable(self, reason: str) -> None:
        with self._lock:
            if self._disabled:
                return
            self._disabled = reason
        self.close()
        logger.warning(
            "seedsum: caching is off for this run: the cache at %s: %s. Results are not "
            "affected; set SEEDSUM_CACHE_DIR or pass cache= (--cache) to use another place.",
            self.path,
            reason,
        )


def _rollback(connection: sqlite3.Connection) -> None:
    """Roll back, unless SQLite already did: after "database or disk is full" (and some
    other errors) it has, and a second ROLLBACK would hide the real error behind "cannot
    rollback - no transaction is active"."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message or "corrupt" in message
