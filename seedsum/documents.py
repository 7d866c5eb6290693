"""Reading inputs: files, folders and stdin become `Document`s.

Offsets in a result index `Document.text`, which is the input exactly as stored, decoded:
no newline translation (a CRLF file keeps its "\\r\\n"), and only a leading byte-order mark
removed. For a UTF-8 file that is `open(path, encoding="utf-8-sig", newline="").read()`.

Folders are searched for `*.txt` and `*.md`, in sorted order, skipping hidden entries and
environment folders (`.git`, `node_modules`, a virtual environment, ...), which hold other
people's text. What cannot be read is reported as an `InputProblem` and the walk goes on.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import IO, Any, Literal

from .errors import InputWarning, InvalidInputError
from .frontmatter import split_front_matter

SUFFIXES = (".txt", ".md")
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
STDIN = "-"

#: Folders never searched: version control, dependencies, caches, installed packages.
SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", "site-packages"}
)
#: A folder holding one of these is an environment (virtualenv, conda), whatever its name.
_ENVIRONMENT_MARKERS = ("pyvenv.cfg", "conda-meta")

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Document:
    """One input: its `id` (the path as given, or "-" for stdin), its `text`, and
    `metadata` about it (publication date, source, url, title, when known)."""

    id: str
    text: str
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class InputProblem:
    """An input that was not read. `kind` is "error" when it was meant to be read and could
    not be (the run should count it as failed), "skipped" when it was left out on purpose."""

    source: str
    message: str
    kind: Literal["error", "skipped"] = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def read_documents(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    on_problem: Callable[[InputProblem], None] | None = None,
    stdin: IO[bytes] | IO[str] | None = None,
) -> Iterator[Document]:
    """Yield a `Document` for each file, each `*.txt`/`*.md` file under a folder, and stdin
    for "-", lazily and in order.

    `encoding` is the files' encoding (default UTF-8, with or without a byte-order mark).
    A file over `max_file_size` bytes is not read. What is not read goes to `on_problem`
    (default: an `InputWarning`); the others are still read.
    """
    if encoding is not None:
        check_encoding(encoding)
    report = on_problem or _warn
    for item in iter_inputs(inputs, encoding=encoding, max_file_size=max_file_size, stdin=stdin):
        if isinstance(item, InputProblem):
            report(item)
        else:
            yield item


def iter_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    stdin: IO[bytes] | IO[str] | None = None,
) -> Iterator[Document | InputProblem]:
    """Like `read_documents`, with the problems in the stream, in input order."""
    for given in inputs:
        name = os.fspath(given)
        if name == STDIN:
            yield _read_stdin(stdin, encoding, max_file_size)
        elif os.path.isdir(name):
            yield from _walk_folder(name, encoding, max_file_size)
        else:
            yield _read_file(name, encoding, max_file_size, explicit=True)


def check_encoding(encoding: str) -> str:
    """`encoding` if Python knows it, else an `InvalidInputError` saying so."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InvalidInputError(
            f"unknown encoding {encoding!r}: use a Python codec name such as utf-8, "
            "latin-1, cp1252 or utf-16"
        ) from None
    return encoding


# -- folders ----------------------------------------------------------------------------


def _walk_folder(
    root: str, encoding: str | None, max_file_size: int
) -> Iterator[Document | InputProblem]:
    found = False
    for candidate in _candidates(root):
        if isinstance(candidate, InputProblem):
            yield candidate
            continue
        found = True
        path, entry = candidate
        if entry.is_file():
            yield _read_file(path, encoding, max_file_size, explicit=False)
        elif entry.is_symlink() and not os.path.exists(path):
            yield InputProblem(path, "a link to nothing (its target is gone)")
        else:  # a FIFO, a device or a socket named *.txt: never block on it
            yield InputProblem(path, "not a regular file (a FIFO or a device): skipped", "skipped")
    if not found:
        yield InputProblem(
            root,
            "no .txt or .md file in this folder (hidden folders and environments such as "
            ".venv or node_modules are not searched): pass the files themselves",
        )


def _candidates(folder: str) -> Iterator[tuple[str, os.DirEntry[str]] | InputProblem]:
    """Files named *.txt/*.md under `folder`, depth first in sorted order (as sorted paths
    would be), without following links to folders, which could loop; a folder that cannot
    be listed is a problem."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield InputProblem(folder, f"cannot list this folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        if entry.is_dir(follow_symlinks=False):
            if not _is_environment(entry):
                yield from _candidates(path)
        elif entry.name.lower().endswith(SUFFIXES) and not entry.is_dir():
            yield path, entry


def _is_environment(entry: os.DirEntry[str]) -> bool:
    if entry.name in SKIPPED_FOLDERS:
        return True
    return any(os.path.exists(os.path.join(entry.path, m)) for m in _ENVIRONMENT_MARKERS)


# -- one input --------------------------------------------------------------------------


def _read_file(
    path: str, encoding: str | None, max_file_size: int, *, explicit: bool
) -> Document | InputProblem:
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_file_size:
                return InputProblem(path, _too_large(max_file_size))
            if not stat.S_ISREG(info.st_mode) and not explicit:
                return InputProblem(path, "not a regular file: skipped", "skipped")
            # A pipe or a device given by name (`<(cat x)`, /dev/stdin) is read, but only
            # up to the limit: /dev/zero never ends.
            data = file.read(max_file_size + 1)
    except OSError as exc:
        return InputProblem(path, exc.strerror or str(exc))
    if len(data) > max_file_size:
        return InputProblem(path, _too_large(max_file_size))
    return _document(path, data, encoding)


def _read_stdin(
    stream: IO[bytes] | IO[str] | None, encoding: str | None, max_file_size: int
) -> Document | InputProblem:
    source = stream if stream is not None else sys.stdin
    if source is None:  # the process was started with stdin closed
        return InputProblem(STDIN, "stdin is closed")
    binary = getattr(source, "buffer", source)
    try:
        data = binary.read(max_file_size + 1)
    except OSError as exc:
        return InputProblem(STDIN, exc.strerror or str(exc))
    if isinstance(data, str):  # a text stream without a buffer (e.g. io.StringIO)
        if len(data) > max_file_size:
            return InputProblem(STDIN, _too_large(max_file_size))
        return _to_document(STDIN, data.removeprefix("\ufeff"))
    if len(data) > max_file_size:
        return InputProblem(STDIN, _too_large(max_file_size))
    return _document(STDIN, data, encoding)


def _document(source: str, data: bytes, encoding: str | None) -> Document | InputProblem:
    try:
        text = decode(data, encoding)
    except InvalidInputError as exc:
        return InputProblem(source, str(exc))
    return _to_document(source, text)


def _to_document(source: str, text: str) -> Document:
    """The one place where an input's text becomes a `Document`: a front-matter block at the
    top is split off into its metadata, and the body is what is analysed (offsets index it)."""
    split = split_front_matter(text)
    return (
        Document(source, split.body, split.metadata) if split.metadata else Document(source, text)
    )


def _too_large(limit: int) -> str:
    return (
        f"larger than the {_size(limit)} limit: not read (raise it with --max-file-size, "
        "or max_file_size=)"
    )


def _size(count: int) -> str:
    return f"{round(count / 2**20, 2):g} MB" if count >= 2**20 // 10 else f"{count} bytes"


def _warn(problem: InputProblem) -> None:
    warnings.warn(str(problem), InputWarning, stacklevel=3)


# -- decoding ---------------------------------------------------------------------------


def decode(data: bytes, encoding: str | None = None) -> str:
    """`data` as text: in `encoding`, or UTF-8 by default; a leading byte-order mark is
    dropped. Undecodable data is an `InvalidInputError` that says what the data looks like
    (a PDF, UTF-16, Latin-1) and what to do."""
    container = _container(data)
    if container is not None:
        raise InvalidInputError(container)
    if encoding is not None:
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise InvalidInputError(
                f"not {encoding} text ({exc.reason} at byte {exc.start})"
            ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start}){_not_utf8_hint(data)}"
        ) from None
    if "\0" in text:  # valid UTF-8, but no text has NUL characters
        raise InvalidInputError(f"not UTF-8 text (it contains NUL bytes){_nul_hint(data)}")
    return text


def _container(data: bytes) -> str | None:
    """What a file that holds a document, rather than text, seems to be, and what to do."""
    if data.startswith(b"%PDF-"):
        return "looks like a PDF, not text: extract its text first (e.g. pdftotext)"
    if data.startswith(b"PK\x03\x04"):
        return (
            "looks like a ZIP archive (a .docx or .odt?), not text: save or export it as "
            "plain text first"
        )
    return None


def _not_utf8_hint(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ": it looks like UTF-16 (it starts with a byte-order mark): pass --encoding utf-16"
    if b"\0" in data[:4096]:
        return _nul_hint(data)
    if not any(b < 0x20 and b not in (9, 10, 12, 13) for b in data[:65536]):
        # Not UTF-8 yet free of control bytes: most likely a single-byte Western encoding.
        return ": it looks like Latin-1 or Windows-1252: pass --encoding cp1252"
    return ": it does not look like text"


def _nul_hint(data: bytes) -> str:
    head = data[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > 3 * max(even, 1):
        return ": it looks like UTF-16 without a byte-order mark: pass --encoding utf-16-le"
    if even > 3 * max(odd, 1):
        return ": it looks like UTF-16 without a byte-order mark: pass --encoding utf-16-be"
    return ": it looks like a binary file"
