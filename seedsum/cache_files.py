"""The cache's files on disk: created private, and recognized as seedsum's before any write.

Folders seedsum creates get mode 0700 and files 0600, whatever the umask (a `chmod` follows
each creation) and through a symlink (the link's target is created; SQLite gives the `-wal`,
`-shm` and `-journal` files beside it the database file's mode).

seedsum marks each SQLite file it creates with `PRAGMA application_id = APPLICATION_ID`
(0x5364536D, "SdSm" in ASCII), and writes only to files so marked, to empty files, and to
caches of seedsum versions before the mark (user_version 1 and exactly one table, `entries`
with the columns key, value and created), which it marks on first open. Any other database is
refused with `ForeignCacheFileError`, untouched.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Literal

from .errors import ForeignCacheFileError, InvalidInputError

FILE_NAME = "cache.sqlite3"
#: "SdSm": the SQLite `application_id` of every cache file seedsum creates.
APPLICATION_ID = 0x5364536D
_MAGIC = b"SQLite format 3\x00"
_LEGACY_TABLES = {"entries": ["key", "value", "created"]}

Ownership = Literal["new", "ours", "legacy", "not-sqlite"]


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


def check_path(path: str | os.PathLike[str]) -> None:
    """Reject a path the operating system cannot take (a NUL byte) with a one-line error."""
    if "\x00" in os.fspath(path):
        raise InvalidInputError(
            f"the cache path {os.fspath(path)!r} contains a NUL byte, which no file name can "
            "hold; pass the path of a file or folder (or cache=False / --no-cache)"
        )


def make_private_folders(folder: Path) -> None:
    """Create `folder` and its missing parents with mode 0700 (existing ones are left as
    they are)."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:  # another process made it meanwhile
            continue
        os.chmod(path, 0o700)  # mkdir's mode passes through the umask; chmod's does not


def create_private_file(path: Path) -> bool:
    """Create `path` with mode 0600 if it does not exist (SQLite would use 0644 less the
    umask); True if this call created it."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        return False
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)
    return True


def ownership(shown: Path, file: Path, connection: sqlite3.Connection) -> Ownership:
    """Whose file `file` is, read without writing; raises `ForeignCacheFileError` for another
    application's database, and `sqlite3.DatabaseError` for a damaged one of seedsum's."""
    with open(file, "rb") as handle:
        header = handle.read(100)
    if not header:
        return "new"
    if not header.startswith(_MAGIC):
        return "not-sqlite"
    try:
        marked = int(connection.execute("PRAGMA application_id").fetchone()[0])
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            str(name): [
                str(c[1]) for c in connection.execute(f"PRAGMA table_info({_quoted(name)})")
            ]
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        }
    except sqlite3.DatabaseError:
        if int.from_bytes(header[68:72], "big") == APPLICATION_ID:
            raise  # seedsum's own, damaged: the caller moves it aside
        raise ForeignCacheFileError(
            f"{shown} is a damaged SQLite database that seedsum did not create; seedsum "
            "leaves it alone. Pass another path as --cache / cache=, or move that file away "
            "if it is an old seedsum cache",
            path=str(shown),
        ) from None
    if marked == APPLICATION_ID:
        return "ours"
    if marked == 0 and version == 1 and tables == _LEGACY_TABLES:
        return "legacy"  # made by a seedsum version before the mark
    if marked == 0 and version == 0 and not tables:
        return "new"  # an empty database: nothing in it to harm
    names = ", ".join(tables) or "none"
    raise ForeignCacheFileError(
        f"{shown} is a SQLite database that seedsum did not create (application_id "
        f"{marked}, tables: {names}); seedsum does not write to it. Pass a new file or a "
        "folder as --cache / cache=, or move that file away if it is an old seedsum cache",
        path=str(shown),
    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def describe(exc: BaseException) -> str:
    """What went wrong with a cache file, in words that say what to do when they can."""
    text = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
    full = (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or (
        "disk is full" in str(exc).lower()
    )
    if full:
        return (
            f"the disk is full ({text}): free some space, or put the cache on another disk "
            "(SEEDSUM_CACHE_DIR, --cache PATH or cache=)"
        )
    read_only = (isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM)) or (
        "readonly" in str(exc).lower() or "read-only" in str(exc).lower()
    )
    if read_only:
        return f"{text}: this user may not write there"
    return text
