"""A corpus of varied English prose, built the same way on every run, from text that ships
with this repository and with Python itself (no download, no data files).

In order: the repository's example and evaluation articles; the prose of Python's
`pydoc_data.topics` (the language reference behind `help()`); the docstrings and comment
blocks of the standard library's modules. Past those (about 1.6 MB on CPython 3.11), the rest is
new paragraphs of 2-7 sentences drawn from that text by a seeded random generator, a quarter of
them with typographic (curly) quotes and apostrophes, as news copy has. The corpus is the same
for the same checkout and Python version; another version's standard library gives slightly
other text.
"""

from __future__ import annotations

import inspect
import random
import re
import sysconfig
from collections.abc import Iterator
from pathlib import Path

from _harness import ROOT

_DOCSTRING = re.compile(r'"""(.*?)"""|\'\'\'(.*?)\'\'\'', re.S)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SKIPPED_DIRS = {"site-packages", "test", "tests", "idlelib", "lib2to3", "__pycache__"}
_SEED = 20_240_606


def corpus(size: int) -> str:
    """At least `size` bytes (UTF-8) of prose, paragraphs separated by blank lines."""
    pieces: list[str] = []
    seen: set[str] = set()
    total = 0
    for piece in _sources():
        if piece in seen:
            continue
        seen.add(piece)
        pieces.append(piece)
        total += len(piece.encode("utf-8")) + 2
        if total >= size:
            return "\n\n".join(pieces)
    pool = _sentences(pieces)
    rng = random.Random(_SEED)
    while total < size:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 7)))
        if rng.random() < 0.25:
            paragraph = _typographic(paragraph)
        pieces.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(pieces)


def _sources() -> Iterator[str]:
    for path in [
        *sorted((ROOT / "examples" / "articles").glob("*.txt")),
        *sorted((ROOT / "bench" / "eval").glob("*.txt")),
    ]:
        if path.is_file():
            yield path.read_text(encoding="utf-8").strip()
    from pydoc_data.topics import topics

    for key in sorted(topics):
        yield from _clean(topics[key])
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(stdlib.rglob("*.py")):
        if _SKIPPED_DIRS.intersection(path.relative_to(stdlib).parts):
            continue
        source = path.read_text(encoding="utf-8", errors="replace")
        for match in _DOCSTRING.finditer(source):
            yield from _clean(inspect.cleandoc(match.group(1) or match.group(2) or ""))
        yield from _clean(_comment_blocks(source))


def _comment_blocks(source: str) -> str:
    """Runs of comment lines, each run joined into one paragraph."""
    blocks, block = [], []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") and not stripped.startswith("#!"):
            block.append(stripped.lstrip("#").strip())
        elif block:
            blocks.append(" ".join(part for part in block if part))
            block = []
    return "\n\n".join(blocks)


def _clean(text: str) -> Iterator[str]:
    """Paragraphs of `text` that read as prose: long enough, mostly letters, not indented,
    few brackets or operators (so no code), and free of the special-token strings some
    splitters refuse (`<|endoftext|>`)."""
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        if len(paragraph) < 80 or "<|" in paragraph:
            continue
        letters = sum(c.isalpha() or c == " " for c in paragraph)
        code = sum(paragraph.count(c) for c in "_()[]{}=<>\\")
        indented = re.search(r"^ {3,}|^\t", paragraph, re.M)
        if letters >= 0.8 * len(paragraph) and code <= 0.04 * len(paragraph) and not indented:
            yield paragraph


def _sentences(paragraphs: list[str]) -> list[str]:
    pool = []
    for paragraph in paragraphs:
        for sentence in _SENTENCE_SPLIT.split(" ".join(paragraph.split())):
            if 40 <= len(sentence) <= 400 and sentence[-1] in ".!?":
                pool.append(sentence)
    return pool


def _typographic(text: str) -> str:
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
