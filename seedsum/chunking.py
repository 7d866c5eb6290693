"""Split a document into token-bounded chunks from a single tokenization pass.

The document is encoded once. Each token's byte length comes from a per-vocabulary table, so
the byte offset of a window's end is a C-level sum, not a decode. Cut points (paragraph breaks,
sentence ends, whitespace) are searched backwards from the end of each window with `bytes.rfind`
and checked against token boundaries by walking back over the last few tokens only. Nothing is
re-encoded per candidate split, and no per-token offset table is built for the whole document.

A chunk always ends on a token boundary, so its token count is exact. Cuts prefer, in order: a
paragraph break, a sentence end, whitespace, in the second half of the window (so chunks do not
come out tiny), and only then a hard cut inside an over-long word (never inside a character).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

import tiktoken

_NEWLINE = ord("\n")
_BLANK = frozenset(b" \t\r")
# A sentence ends at ., ! or ? (or an ellipsis), optionally followed by closing quotes or
# brackets, straight or curly, and then whitespace. The cut goes before the whitespace.
_SENTENCE = re.compile(rb"(?:[.!?]|\xe2\x80\xa6)(?:[\"')\]]|\xe2\x80[\x9d\x99])*(?=\s)")
_WHITESPACE = frozenset(b" \t\r\n\x0b\x0c")

_byte_length_tables: dict[str, list[int]] = {}


@dataclass(frozen=True, slots=True)
class Chunk:
    """One piece of a document: `source[start:end] == text`, holding `tokens` tokens."""

    index: int
    text: str
    start: int
    end: int
    tokens: int


def _byte_lengths(encoding: tiktoken.Encoding) -> list[int]:
    table = _byte_length_tables.get(encoding.name)
    if table is None:
        table = []
        for token in range(encoding.n_vocab):
            try:
                table.append(len(encoding.decode_single_token_bytes(token)))
            except KeyError:  # unused ids between the ordinary and the special tokens
                table.append(0)
        _byte_length_tables[encoding.name] = table
    return table


def chunk_text(
    text: str, encoding: tiktoken.Encoding, max_tokens: int, overlap_tokens: int = 0
) -> list[Chunk]:
    """Split `text` into chunks of at most `max_tokens` tokens, overlapping by at most
    `overlap_tokens` (each later chunk starts at a sentence or word boundary inside the overlap).
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
    if not 0 <= overlap_tokens < max_tokens:
        raise ValueError(f"overlap_tokens must be in [0, {max_tokens}), got {overlap_tokens}")
    tokens = encoding.encode_ordinary(text)
    if len(tokens) <= max_tokens:
        return [Chunk(0, text, 0, len(text), len(tokens))]
    return _Splitter(text, encoding, tokens, max_tokens, overlap_tokens).split()


class _Splitter:
    def __init__(
        self,
        text: str,
        encoding: tiktoken.Encoding,
        tokens: list[int],
        max_tokens: int,
        overlap_tokens: int,
    ) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        # The byte length of every token, looked up in C in one go: this tuple is the only
        # per-token structure the splitter builds.
        table = _byte_lengths(encoding)
        self.sizes: tuple[int, ...] = (
            itemgetter(*tokens)(table) if len(tokens) > 1 else tuple(table[t] for t in tokens)
        )
        self.max_tokens = max_tokens
        self.overlap = overlap_tokens

    def split(self) -> list[Chunk]:
        bounds: list[tuple[int, int, int, int]] = []  # (first token, end token, start, end byte)
        sizes = self.sizes
        n, s, start_b = len(sizes), 0, 0
        while True:
            limit = min(s + self.max_tokens, n)
            limit_b = start_b + sum(sizes[s:limit])
            if limit == n:
                bounds.append((s, n, start_b, limit_b))
                break
            k, k_b = self._cut(s, limit, limit_b)
            bounds.append((s, k, start_b, k_b))
            # An overlap that would not move past this chunk's start is dropped rather than
            # shortened to one token, which may sit inside a character.
            following, following_b = self._next_start(s, k, k_b)
            s, start_b = (following, following_b) if following > s else (k, k_b)
        return self._to_chunks(bounds)

    def _cut(self, s: int, limit: int, limit_b: int) -> tuple[int, int]:
        half = s + (limit - s) // 2
        # back[j]: bytes in the last j + 1 tokens of the window's second half.
        back = list(accumulate(self.sizes[half:limit][::-1]))
        floor_b = limit_b - back[-1]
        for candidates in (self._paragraph_breaks, self._sentence_ends):
            for b in candidates(floor_b, limit_b):
                if b == limit_b:
                    return limit, b
                j = bisect_left(back, limit_b - b)
                if back[j] == limit_b - b:
                    return limit - j - 1, b
        data, sizes = self.data, self.sizes
        k, b = limit, limit_b
        while b > floor_b:
            if data[b] in _WHITESPACE or data[b - 1] in _WHITESPACE:
                return k, b
            k -= 1
            b -= sizes[k]
        # A single over-long word: cut at the window's end, but never inside a character.
        k, b = limit, limit_b
        while k - 1 > s and 0x80 <= data[b] < 0xC0:
            k -= 1
            b -= sizes[k]
        return k, b

    def _paragraph_breaks(self, floor_b: int, limit_b: int) -> Iterator[int]:
        """Byte offsets just after a blank-line run, in (floor_b, limit_b], last first."""
        data, hi = self.data, limit_b
        while (p := data.rfind(b"\n", floor_b, hi)) >= 0:
            q = p - 1
            while q > floor_b and data[q] in _BLANK:
                q -= 1
            if data[q] == _NEWLINE:
                yield p + 1
            hi = q

    def _sentence_ends(self, floor_b: int, limit_b: int) -> Iterator[int]:
        """Byte offsets just after a sentence end (and its closing quotes), last first."""
        data, hi = self.data, limit_b
        while True:
            p = max(data.rfind(b".", floor_b, hi), data.rfind(b"?", floor_b, hi))
            p = max(p, data.rfind(b"!", floor_b, hi), data.rfind(b"\xe2\x80\xa6", floor_b, hi))
            if p < 0:
                return
            m = _SENTENCE.match(data, p, limit_b + 1)
            if m is not None and m.end() <= limit_b:
                yield m.end()
            hi = p

    def _next_start(self, s: int, k: int, k_b: int) -> tuple[int, int]:
        """Where the chunk after one ending at token `k` starts: the first sentence start, else
        word start, within the last `overlap` tokens."""
        if not self.overlap:
            return k, k_b
        data, sizes, lo = self.data, self.sizes, max(k - self.overlap, s + 1)
        # ahead[j]: bytes from the start of token lo to the end of token lo + j.
        ahead = list(accumulate(sizes[lo:k]))
        lo_b = k_b - ahead[-1]
        m = _SENTENCE.search(data, lo_b, k_b)
        if m is not None:
            j = bisect_left(ahead, m.end() - lo_b)
            if j < len(ahead) - 1 and ahead[j] == m.end() - lo_b:
                return lo + j + 1, m.end()
        t, b = lo, lo_b
        while t < k:
            if data[b] in _WHITESPACE or data[b - 1] in _WHITESPACE:
                return t, b
            b += sizes[t]
            t += 1
        return k, k_b

    def _to_chunks(self, bounds: list[tuple[int, int, int, int]]) -> list[Chunk]:
        if self.text.isascii():
            char_at = {b: b for _, _, start_b, end_b in bounds for b in (start_b, end_b)}
        else:
            char_at, prev_b, prev_c = {}, 0, 0
            for b in sorted({b for _, _, start_b, end_b in bounds for b in (start_b, end_b)}):
                prev_c += len(self.data[prev_b:b].decode("utf-8"))
                char_at[b], prev_b = prev_c, b
        chunks = []
        for index, (s, k, start_b, end_b) in enumerate(bounds):
            start, end = char_at[start_b], char_at[end_b]
            chunks.append(Chunk(index, self.text[start:end], start, end, k - s))
        return chunks


_SENTENCE_END_TEXT = re.compile(r"(?:[.!?]|…)[\"')\]”’]*(?=\s)")


def split_chunk(
    source: str, chunk: Chunk, encoding: tiktoken.Encoding
) -> tuple[Chunk, Chunk] | None:
    """`chunk` cut in two near its middle, at a paragraph break or sentence end (else at
    whitespace), with offsets into `source`; None if it has no such place. Used when a reply
    to the whole chunk was cut off, so it re-encodes the two halves (a rare path)."""
    text = chunk.text
    middle = len(text) // 2
    cuts = [m.end() for m in _SENTENCE_END_TEXT.finditer(text)]
    cuts += [m.end() for m in re.finditer(r"\n\s*\n", text)]
    if not cuts:
        cuts = [m.start() for m in re.finditer(r"\s+", text)]
    cuts = [c for c in cuts if 0 < c < len(text) and text[:c].strip() and text[c:].strip()]
    if not cuts:
        return None
    cut = min(cuts, key=lambda c: abs(c - middle))
    # The second half starts at its first non-blank character, so its quotes stay near it.
    rest = len(text[cut:]) - len(text[cut:].lstrip())
    first, second = text[:cut], text[cut + rest :]
    start = chunk.start
    return (
        Chunk(chunk.index, first, start, start + cut, len(encoding.encode_ordinary(first))),
        Chunk(
            chunk.index,
            second,
            start + cut + rest,
            chunk.end,
            len(encoding.encode_ordinary(second)),
        ),
    )
