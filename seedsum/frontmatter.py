"""A front-matter block at the top of a text file, split from the body.

    ---
    title: Talks resume in Vienna
    published: 2025-05-20
    source: The Example Times
    url: https://example.org/talks
    ---
    The body of the article ...

The block starts with a first line of exactly `---` and ends at the next line of `---` (or
`...`); in between, `key: value` lines (keys are lower-cased; values may be quoted; blank
lines and `# comments` are skipped). Anything else there (a line that is not `key: value`,
no closing line within 100 lines) means the file has no front matter, and the whole text is
the body. The block is removed before analysis: offsets in the result index into the
**body**, and `FrontMatter.offset` is where the body starts in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["FrontMatter", "split_front_matter"]

_FENCE = re.compile(r"---[ \t]*\r?\n")
_CLOSE = {"---", "..."}
_LINE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")
_MAX_LINES = 100


@dataclass(frozen=True)
class FrontMatter:
    """A text split into its front matter (`metadata`, empty if none) and its `body`, which
    starts at `offset` in the original text."""

    body: str
    metadata: dict[str, str] = field(default_factory=dict)
    offset: int = 0


def split_front_matter(text: str) -> FrontMatter:
    """Split a leading `---` block of `key: value` lines from `text` (see the module doc)."""
    opening = _FENCE.match(text)
    if opening is None:
        return FrontMatter(text)
    metadata: dict[str, str] = {}
    position = opening.end()
    for _ in range(_MAX_LINES):
        newline = text.find("\n", position)
        line_end = len(text) if newline == -1 else newline + 1
        line = text[position:line_end].rstrip("\r\n")
        if line.strip() in _CLOSE:
            return FrontMatter(text[line_end:], metadata, line_end)
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            m = _LINE.fullmatch(stripped)
            if m is None:
                return FrontMatter(text)
            metadata[m.group(1).lower()] = _unquote(m.group(2).strip())
        if newline == -1:
            break
        position = line_end
    return FrontMatter(text)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
