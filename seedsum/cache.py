"""The reply cache: validated model replies, stored per call, so a re-run costs nothing.

Keys are SHA-256 hashes of the canonical JSON of everything that changes an answer: the
backend's identity (kind, base URL, model, generation parameters; never a secret), the
messages (prompt template and chunk text, each by its own SHA-256), the output schema and
the cache format version. Values are JSON. Only replies that passed validation are stored.

`SQLiteCache` is safe across threads, tasks and processes: WAL mode, a busy timeout, and
every write in a `BEGIN IMMEDIATE` transaction (a deferred one that reads and then writes
fails at once with "database is locked", whatever the timeout). A connection is never used
in a process other than the one that opened it (after `fork()` the child opens its own).
The file and its `-wal` and `-shm` companions are readable by their owner only. A corrupt
file is moved aside with a warning; an unwritable location means no caching, with a warning.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel

from .backends.base import Backend, ModelRequest, schema_of
from .errors import InvalidInputTypeError

logger = logging.getLogger("seedsum")

#: Bumped when what is stored, or how keys are made, changes: old entries are then ignored.
CACHE_FORMAT = 2
_SCHEMA_VERSION = 1
_FILE_NAME = "cache.sqlite3"


@runtime_checkable
class Cache(Protocol):
    """Where validated replies are kept: a mapping from key to JSON text."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, value: str) -> None: ...


def cache_key(identity: Mapping[str, str | None], request: ModelRequest) -> str:
    """The key for `request` sent to a backend with `identity`."""
    material = {
        "format": CACHE_FORMAT,
        "backend": dict(identity),
        "messages": [[m.role, _content_digest(m.content)] for m in request.messages],
        "schema": schema_digest(request.output_type),
        "max_output_tokens": request.max_output_tokens,
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=64)
def _content_digest(content: str) -> str:
    # The instructions are the same string object in every request of a run, so after the
    # first call this is a dictionary hit instead of hashing them again; each chunk's text is
    # hashed once, here, instead of being escaped into the canonical JSON.
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def document_key(
    identity: Mapping[str, str | None], settings: Mapping[str, object], text: str
) -> str:
    """The key of a whole document's result: the backend, every setting that shapes the result
    (prompts, schema, chunking, seedsum's version, which covers merging and quote location),
    and the text."""
    material = {
        "format": CACHE_FORMAT,
        "kind": "document",
        "backend": dict(identity),
        "settings": dict(settings),
        "text": text,
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@functools.cache
def schema_digest(output_type: type[BaseModel]) -> str:
    """A hash of `output_type`'s JSON schema (computed once per type)."""
    canonical = json.dumps(schema_of(output_type), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    """`$SEEDSUM_CACHE_DIR`, else the platform's user cache folder plus `seedsum`."""
    configured = os.environ.get("SEEDSUM_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "seedsum"


class MemoryCache:
    """A cache in a dict, for tests and short-lived programs."""

    def __init__(self) -> None:
        self._entries: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        return self._entries.get(key)

    def put(self, key: str, value: str) -> None:
        with self._lock:
            self._entries[key] = value

    def __len__(self) -> int:
        return len(self._entries)


class SQLiteCache:
    """A cache in one SQLite file (default: `default_cache_dir() / "cache.sqlite3"`)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, timeout: float = 30.0):
        path = Path(path) if path is not None else default_cache_dir() / _FILE_NAME
        if path.is_dir():
            path = path / _FILE_NAME
        self.path = path.expanduser()
        self.timeout = timeout
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

    @property
    def enabled(self) -> bool:
        return self._disabled is None

    # -- the public operations never raise: a cache problem must not cost finished work --

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
            self._disable(f"reading failed ({exc})")
            return None
        return None if row is None else str(row[0])

    def put(self, key: str, value: str) -> None:
        if self._disabled:
            return
        try:
            with self._io:
                connection = self._connection()
                # The same key always maps to the same value, so a write that committed
                # without its caller learning so is harmlessly repeated.
                connection.execute("BEGIN IMMEDIATE")
                try:
                    connection.execute(
                        "INSERT OR REPLACE INTO entries (key, value, created) VALUES (?, ?, ?)",
                        (key, value, time.time()),
                    )
                    connection.execute("COMMIT")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            self._disable(f"writing failed ({exc})")

    def info(self) -> dict[str, Any]:
        """Path, number of entries and size on disk (with the WAL file)."""
        entries = 0
        if not self._disabled:
            try:
                with self._io:
                    row = self._connection().execute("SELECT COUNT(*) FROM entries").fetchone()
                entries = int(row[0])
            except sqlite3.Error as exc:
                self._disable(f"reading failed ({exc})")
        size = sum(
            p.stat().st_size for p in (self.path, _companion(self.path, "-wal")) if p.exists()
        )
        return {
            "path": str(self.path),
            "entries": entries,
            "bytes": size,
            "disabled": self._disabled,
        }

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        if self._disabled:
            return 0
        with self._io:
            connection = self._connection()
            connection.execute("BEGIN IMMEDIATE")
            count = int(connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
            connection.execute("DELETE FROM entries")
            connection.execute("COMMIT")
            connection.execute("VACUUM")
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
            self.path.parent.mkdir(parents=True, exist_ok=True)
            created = _create_private(self.path)
        except OSError as exc:
            self._disable(f"cannot create {self.path} ({exc.strerror or exc})")
            return
        try:
            self._initialize()
        except sqlite3.DatabaseError as exc:
            if not _is_corrupt(exc):
                self._disable(f"cannot open it ({exc})")
                return
            self._move_aside(exc, created)

    def _initialize(self) -> None:
        with self._io:
            self._create_schema(self._connection())

    @staticmethod
    def _create_schema(connection: sqlite3.Connection) -> None:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS entries ("
                    " key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)"
                )
                connection.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("SELECT COUNT(*) FROM entries LIMIT 1").fetchone()

    def _move_aside(self, exc: sqlite3.DatabaseError, created: bool) -> None:
        self.close()
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                companion = _companion(self.path, suffix)
                if companion.exists():
                    os.replace(companion, _companion(aside, suffix))
        except OSError as move_error:
            self._disable(
                f"it is not a usable SQLite database ({exc}) and could not be moved "
                f"aside ({move_error.strerror})"
            )
            return
        logger.warning(
            "seedsum: the cache %s was not a usable SQLite database (%s); moved it to %s and "
            "started a new one%s",
            self.path,
            exc,
            aside,
            "" if created else " (seedsum had not created that file: check what it was)",
        )
        try:
            _create_private(self.path)
            self._initialize()
        except (OSError, sqlite3.Error) as again:
            self._disable(f"a new cache could not be started ({again})")

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

    def _disable(self, reason: str) -> None:
        with self._lock:
            if self._disabled:
                return
            self._disabled = reason
        logger.warning(
            "seedsum: caching is off for this run: the cache at %s: %s. Results are not "
            "affected; set SEEDSUM_CACHE_DIR or pass cache= to use another place.",
            self.path,
            reason,
        )


def _create_private(path: Path) -> bool:
    """Create `path` with mode 0600 if it does not exist (SQLite would use 0644); True if
    this call created it. SQLite gives the -wal and -shm files the database file's mode."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        return False
    os.close(descriptor)
    return True


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message or "corrupt" in message


CacheOption = Cache | str | os.PathLike[str] | bool | None

_shared: dict[Path, SQLiteCache] = {}
_shared_lock = threading.Lock()
_INHERITED: list[sqlite3.Connection] = []


@atexit.register
def _close_shared() -> None:
    for cache in _shared.values():
        cache.close()


def resolve_cache(option: CacheOption, backend: Backend) -> Cache | None:
    """The cache a Summarizer uses for `option` (see `Summarizer`)."""
    if option is False or (option is None and not backend.cacheable):
        return None
    if option is None or option is True:
        path = default_cache_dir() / _FILE_NAME
    elif isinstance(option, (str, os.PathLike)):
        path = Path(option)
    elif isinstance(option, Cache):
        return option
    else:
        raise InvalidInputTypeError(
            f"cache must be a path, a cache object, True or False; got {type(option).__name__}"
        )
    path = path.expanduser().absolute()
    with _shared_lock:  # one connection pool per file, however many Summarizers use it
        if path not in _shared:
            _shared[path] = SQLiteCache(path)
        return _shared[path]
