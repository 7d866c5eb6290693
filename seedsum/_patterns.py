"""Regular expressions for long word lists, factored by shared prefixes.

`alternation(["said", "says", "saying"])` is "sa(?:id|y(?:s|ing))": a regex engine tries it a
letter at a time, where "said|says|saying" makes it try every word in turn at every place it
looks. The cue and hedge searches run around every located quote, so this is most of what
they cost.

The two find the same matches where at most one listed word can end at a place, or where
the longer is listed first: where one word continues another at some place, the factored
form takes the longer (its optional tail is greedy).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_Node = dict[str, "_Node"]
_END = ""


def alternation(words: Iterable[str], piece: Callable[[str], str] = re.escape) -> str:
    """A regex (without a group of its own) matching any of `words`, compared in lower case
    (compile it with re.IGNORECASE); `piece` turns one character into its pattern."""
    tree: _Node = {}
    for word in words:
        node = tree
        for character in word.lower():
            node = node.setdefault(character, {})
        node[_END] = {}
    return _branch(tree, piece)


def _branch(node: _Node, piece: Callable[[str], str]) -> str:
    arms = [piece(key) + _branch(child, piece) for key, child in sorted(node.items()) if key]
    if not arms:
        return ""
    group = f"(?:{'|'.join(arms)})"
    return f"{group}?" if _END in node else group
