"""Regular expressions for long word lists, factored by shared prefixes.

`alternation(["said", "says", "saying"])` is "sa(?:i|y)..." rather than "said|says|saying": a
regex engine tries the factored form a letter at a time, where the flat one makes it try
every word in turn at every place it looks. The rules' lexicons, the cue search and the hedge
search all use it.

Where one listed word continues another at some place, the factored form takes the longer
(its optional tail is greedy), as a flat alternation ordered longest first does.

`CaseBlind` runs such a pattern case-insensitively at about twice the speed of
`re.IGNORECASE`, which makes the engine fold the case of every character it compares.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator

#: Deeper nesting than this risks the regular expression compiler's recursion limit; such a
#: trie (many forms sharing long prefixes) falls back to a flat alternation, longest first.
_MAX_NESTING = 80


class _TooDeep(Exception):
    pass


def alternation(words: Iterable[str], piece: Callable[[str], str] = re.escape) -> str:
    """A regular expression (without a group of its own) matching any of `words`, as a trie
    ("sa(?:id|ys)" rather than "said|says"); `piece` turns one character into its pattern.

    The trie is built over the sorted words with its single-child chains collapsed, so its
    depth is the number of branch points, not of characters: a thousand-character form (a
    list of names run together) never raises `RecursionError`, and a trie too deep for the
    regular expression compiler falls back to a flat alternation."""
    unique = sorted(set(words))
    if not unique:
        return ""
    try:
        return _trie(unique, 0, 0, piece)
    except _TooDeep:
        flat = sorted(unique, key=len, reverse=True)
        return "(?:" + "|".join(_pattern(w, piece) for w in flat) + ")"


def _pattern(text: str, piece: Callable[[str], str]) -> str:
    return "".join(map(piece, text))


def _trie(words: list[str], k: int, depth: int, piece: Callable[[str], str]) -> str:
    """The pattern for sorted, distinct `words` that share their first `k` characters."""
    if depth > _MAX_NESTING:
        raise _TooDeep
    ends = len(words[0]) == k  # sorted: only the first can end here
    i = 1 if ends else 0
    branches: list[str] = []
    while i < len(words):
        char = words[i][k]
        j = i + 1
        while j < len(words) and words[j][k] == char:
            j += 1
        first, last = words[i], words[j - 1]
        common = k + 1
        while common < len(first) and common < len(last) and first[common] == last[common]:
            common += 1
        branches.append(
            _pattern(first[k:common], piece) + _trie(words[i:j], common, depth + 1, piece)
        )
        i = j
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


class CaseBlind:
    """A lower-case pattern matched case-insensitively by running it on the lower-cased text.

    The matches' offsets are the text's own, but their groups are lower case: read what was
    written as `text[m.start():m.end()]`. Where lowering would change the text's length
    (a few non-English letters, "İ"), or would not fold a letter the way `re.IGNORECASE`
    does, the pattern runs with `re.IGNORECASE` on the text itself."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        self._any_case = re.compile(pattern, flags | re.IGNORECASE)

    def finditer(self, text: str, start: int = 0, end: int = -1) -> Iterator[re.Match[str]]:
        end = len(text) if end < 0 else end
        low = lowered(text)
        if low is None:
            return self._any_case.finditer(text, start, end)
        return self.pattern.finditer(low, start, end)

    def search(self, text: str, start: int = 0, end: int = -1) -> re.Match[str] | None:
        return next(self.finditer(text, start, end), None)


# The letters `re.IGNORECASE` folds onto an ASCII letter and `str.lower` does not (long s,
# dotless i): a text holding one is matched the slow way. The patterns are ASCII.
_FOLDED_APART = re.compile("[\u017f\u0131]")


@functools.lru_cache(maxsize=8)  # the items of a document all ask for the same text
def lowered(text: str) -> str | None:
    """`text` in lower case, or None where that would move an offset or fold a letter
    differently from `re.IGNORECASE` (see `CaseBlind`)."""
    low = text.lower()
    if len(low) != len(text) or _FOLDED_APART.search(text):
        return None
    return low
