"""Where `seedsum summarize` writes each finished result: stdout (JSON, JSON Lines,
Markdown) or one file per input under `--out DIR`.

Every writer writes a result as soon as it can and `close()` leaves complete output behind
whenever the run ends (finished, failed or interrupted): the JSON array is streamed and then
closed, so stdout always holds valid JSON with every finished document.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from .errors import InvalidInputError
from .render import to_markdown
from .schema import ArticleSummary

#: Results held back to keep a JSON array in input order; past this many, the array goes
#: on in completion order rather than hold a long run's results in memory behind one slow
#: document.
_REORDER_LIMIT = 256


class Output:
    """Receives each document's outcome; `written` counts the results written."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, index: int, source: str, result: ArticleSummary) -> None:
        raise NotImplementedError

    def open(self) -> None:
        """Start the output (the JSON array's "["); `close()` opens it too if need be."""

    def skip(self, index: int) -> None:
        """Document `index` has no result (it failed)."""

    def close(self) -> None:
        """Complete the output; safe to call more than once."""


class JsonOutput(Output):
    """One JSON object for a single input (`null` if it did not finish), else a JSON array
    in input order, streamed as results finish."""

    def __init__(self, several: bool, stream: TextIO | None = None) -> None:
        super().__init__()
        self.several = several
        self.stream = stream or sys.stdout
        self._held: dict[int, str] = {}
        self._next = 0
        self._opened = self._closed = False

    def open(self) -> None:
        if self.several and not self._opened:
            self._opened = True
            _put(self.stream, "[")

    def write(self, index: int, source: str, result: ArticleSummary) -> None:
        if not self.several:
            _put(self.stream, result.model_dump_json(indent=2) + "\n")
            self.written += 1
            return
        body = json.dumps(_payload(source, result), ensure_ascii=False, indent=2)
        self._held[index] = body.replace("\n", "\n  ")
        self._release(late=index < self._next)

    def skip(self, index: int) -> None:
        if self.several:
            self._held[index] = ""
            self._release()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.several:
            self.open()
            self._release(everything=True)
            _put(self.stream, "\n]\n" if self.written else "]\n")
        elif not self.written:
            _put(self.stream, "null\n")

    def _release(self, everything: bool = False, late: bool = False) -> None:
        ready = []
        while self._next in self._held:
            ready.append(self._held.pop(self._next))
            self._next += 1
        if everything or late or len(self._held) > _REORDER_LIMIT:
            indexes = sorted(self._held)
            ready += [self._held.pop(i) for i in indexes]
            if indexes:
                self._next = max(self._next, indexes[-1] + 1)
        parts = []
        for body in ready:
            if body:
                parts.append(("\n  " if not self.written else ",\n  ") + body)
                self.written += 1
        if parts:
            self.open()
            _put(self.stream, "".join(parts))


class JsonLinesOutput(Output):
    """One line per result, in the order they finish."""

    def write(self, index: int, source: str, result: ArticleSummary) -> None:
        line = json.dumps(_payload(source, result), ensure_ascii=False)
        _put(sys.stdout, line + "\n")
        self.written += 1


class MarkdownOutput(Output):
    """A readable report per result, in the order they finish."""

    def write(self, index: int, source: str, result: ArticleSummary) -> None:
        report = to_markdown(result, title=source)
        _put(sys.stdout, report if report.endswith("\n") else report + "\n")
        self.written += 1


class DirectoryOutput(Output):
    """One file per input under `folder`, at the input's path relative to `base` with the
    format's suffix added (`a/x.txt` -> `DIR/a/x.txt.json`); a file this run wrote is
    never overwritten."""

    def __init__(self, folder: Path, base: str, suffix: str, warn: Callable[[str], None]) -> None:
        super().__init__()
        self.folder = folder
        self.base = base
        self.suffix = suffix
        self.warn = warn
        self._mine: set[tuple[int, int]] = set()

    def write(self, index: int, source: str, result: ArticleSummary) -> None:
        first = self.folder / f"{relative_name(source, self.base)}{self.suffix}"
        first.parent.mkdir(parents=True, exist_ok=True)
        target, count = first, 1
        while self._wrote(target):
            count += 1
            target = first.with_name(f"{first.name[: -len(self.suffix)]}.{count}{self.suffix}")
        if count > 1:
            self.warn(f"{source}: written to {target}, as {first.name} was taken in this run")
        if self.suffix == ".md":
            body = to_markdown(result, title=source)
        else:
            body = result.model_dump_json(indent=2) + "\n"
        target.write_text(body, encoding="utf-8")
        info = target.stat()
        self._mine.add((info.st_dev, info.st_ino))
        self.written += 1

    def _wrote(self, target: Path) -> bool:
        """Whether `target` is a file this run wrote (by identity, so that another spelling
        on a case-insensitive disk, or a link, counts too)."""
        try:
            info = target.stat()
        except OSError:
            return False
        return (info.st_dev, info.st_ino) in self._mine


def relative_name(source: str, base: str) -> str:
    """Where under the output folder the result for `source` goes, without its suffix."""
    if source == "-":
        return "stdin"
    relative = os.path.relpath(os.path.abspath(source), base)
    parts = [part for part in Path(relative).parts if part not in ("", ".")]
    # `..` only appears when the inputs share no folder (another drive): never leave DIR.
    return "/".join("__" if part == ".." else part.replace(":", "_") for part in parts)


def common_base(inputs: list[str]) -> str:
    """The folder the inputs' paths are taken relative to: the current folder when every
    input is under it, else the deepest folder they share."""
    here = os.getcwd()
    folders = []
    for given in inputs:
        if given == "-":
            continue
        path = os.path.abspath(given)
        folders.append(path if os.path.isdir(path) else os.path.dirname(path))
    if all(_under(f, here) for f in folders):
        return here
    try:
        return os.path.commonpath(folders)
    except ValueError:  # different drives
        return here


def _under(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:
        return False


def check_out_folder(folder: Path) -> None:
    """Refuse, before any call, an `--out` that is a file or a folder that cannot be written."""
    if folder.exists() and not folder.is_dir():
        raise InvalidInputError(
            f"--out {folder}: is a file, not a folder; pass a folder (created if missing)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError(
            f"--out {folder}: cannot create the folder ({exc.strerror or exc})"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInputError(f"--out {folder}: the folder is not writable")


def open_output(
    format: str, out: Path | None, inputs: list[str], several: bool, warn: Callable[[str], None]
) -> Output:
    """The writer for `seedsum summarize`'s options."""
    if out is not None:
        suffix = ".md" if format == "markdown" else ".json"
        return DirectoryOutput(out, common_base(inputs), suffix, warn)
    if format == "jsonl":
        return JsonLinesOutput()
    if format == "markdown":
        return MarkdownOutput()
    return JsonOutput(several)


def _put(stream: TextIO, text: str) -> None:
    stream.write(text)
    stream.flush()


def _payload(source: str, result: ArticleSummary) -> dict[str, Any]:
    return {"source": source, **result.model_dump(mode="json")}
