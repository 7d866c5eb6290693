"""The reply cache: validated model replies, stored per call, so a re-run costs nothing.

Keys are SHA-256 hashes of the canonical JSON of everything that changes an answer: the
backend's identity (kind, base URL, model, generation parameters; never a secret), the
messages (prompt template and chunk text, each by its own SHA-256), the output schema and
the cache format version. Values are JSON. Only replies that passed validation are stored.

`SQLiteCache` (in `seedsum.sqlite_cache`, importable from here) keeps them in a file. An
unusable default location means no caching, with one warning; an unusable path you named is
a `CacheError`; a cache that fails to store costs only that entry (`store`).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import logging
import os
import threading
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel

from .backends.base import Backend, ModelRequest, schema_of
from .cache_files import FILE_NAME, check_path, describe
from .cache_files import default_cache_dir as default_cache_dir
from .errors import InvalidInputTypeError
from .sqlite_cache import SQLiteCache as SQLiteCache

logger = logging.getLogger("seedsum")

#: Bumped when what is stored, or how keys are made, changes: old entries are then ignored.
CACHE_FORMAT = 2


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


class MemoryCache:
    """A cache in a dict, for tests and short-lived programs."""

    def __init__(self) -> None:
        self._entries: dict[str, str] = {}
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"_entries": dict(self._entries)}  # not the lock: it cannot be pickled

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._entries = state["_entries"]
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        return self._entries.get(key)

    def put(self, key: str, value: str) -> None:
        with self._lock:
            self._entries[key] = value

    def __len__(self) -> int:
        return len(self._entries)


def store(cache: Cache, key: str, value: str) -> None:
    """`cache.put(key, value)`, except that a cache that cannot store (a full disk, a broken
    cache of the caller's) costs only that entry: one warning per cache, and the run goes on
    with the result in hand."""
    try:
        cache.put(key, value)
    except Exception as exc:
        if _first_failure(cache):
            logger.warning(
                "seedsum: the cache %r could not store a result (%s: %s); the run goes on, "
                "without caching what it cannot store",
                cache,
                type(exc).__name__,
                describe(exc),
            )


def _first_failure(cache: Cache) -> bool:
    """Whether `cache` fails to store for the first time in this process."""
    with _shared_lock:
        try:
            if cache in _failed_stores:
                return False
            _failed_stores.add(cache)
        except TypeError:  # neither hashable nor weakly referable: warn every time
            pass
        return True


CacheOption = Cache | str | os.PathLike[str] | bool | None

_shared: dict[Path, SQLiteCache] = {}
_shared_lock = threading.Lock()
_failed_stores: weakref.WeakSet[Cache] = weakref.WeakSet()


@atexit.register
def _close_shared() -> None:
    for cache in _shared.values():
        cache.close()


def resolve_cache(option: CacheOption, backend: Backend) -> Cache | None:
    """The cache a Summarizer uses for `option` (see `Summarizer`). A path you name must be
    usable (else `CacheError`); the default place turns caching off with one warning."""
    if option is False or (option is None and not backend.cacheable):
        return None
    if option is None or option is True:
        path, required = default_cache_dir() / FILE_NAME, False
    elif isinstance(option, (str, os.PathLike)):
        path, required = Path(option), True
    elif isinstance(option, Cache):
        return option
    else:
        raise InvalidInputTypeError(
            f"cache must be a path, a cache object, True or False; got {type(option).__name__}"
        )
    check_path(path)
    path = path.expanduser().absolute()
    with _shared_lock:  # one connection pool per file, however many Summarizers use it
        cache = _shared.get(path)
        if cache is None or (required and not cache.enabled):
            cache = _shared[path] = SQLiteCache(path, required=required)
        return cache
