"""`seedsum cache info|clear`: look at or empty the reply cache, never creating one.

Exit codes as for the rest of the command line: 0 done (also: there is no cache, or caching
is off at the default place), 2 a cache that cannot be used or cleared (one line on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .cache_files import FILE_NAME, check_path, default_cache_dir
from .errors import SeedsumError
from .sqlite_cache import SQLiteCache

_OK, _USAGE = 0, 2


def run(args: argparse.Namespace) -> int:
    named = args.cache is not None
    try:
        path: Path = args.cache if named else default_cache_dir() / FILE_NAME
        check_path(path)
        path = path.expanduser()
        if args.action == "info" and _absent(path):
            print(f"no cache at {path} (one is made by the first run that caches a reply)")
            return _OK
        cache = SQLiteCache(path, required=named)  # the default place warns instead
        if args.action == "clear":
            if not cache.enabled:
                print(
                    f"seedsum: cannot clear {cache.path}: {cache.disabled_reason}", file=sys.stderr
                )
                return _USAGE
            print(f"{cache.path}: removed {cache.clear()} entries")
            return _OK
        info = cache.info()
        if info["disabled"]:
            print(f"path:    {info['path']}\ncaching is off: {info['disabled']}")
        else:
            print(
                f"path:    {info['path']}\nentries: {info['entries']}\n"
                f"size:    {info['bytes']} bytes"
            )
        return _OK
    except SeedsumError as exc:
        print(f"seedsum: {exc}", file=sys.stderr)
        return _USAGE


def _absent(path: Path) -> bool:
    """True if there is certainly no cache at `path` (a file, or a folder's cache file);
    False if there is one or it cannot be told (opening it then says why)."""
    try:
        os.stat(path / FILE_NAME if os.path.isdir(path) else path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False
