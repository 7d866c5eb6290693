"""Chunking throughput: seedsum's chunker against raw `encode_ordinary` (the floor: every
token-bounded chunker must tokenize the text at least once) and against peer chunkers, on
one long document of varied English prose (see `_corpus.py`), at 512 and 2,000 tokens with
overlap, every splitter counting with the same cl100k encoding.

Per splitter: throughput (best of the repeats, and the median), the ratio to raw encoding
(timed interleaved with it; RESULT lines are medians of per-round ratios), the chunk count,
the most tokens in one chunk (each chunk re-encoded), whether its offsets reproduce the
source, and the share of its cuts that fall on a sentence end or a paragraph break.
"""

from __future__ import annotations

import statistics
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from _corpus import corpus
from _harness import ENCODING, cli, encoding, interleaved, paired, result, setup, table

SIZES = ((512, 50), (2000, 200))
TARGET_VS_RAW = 0.8
_CLOSERS = "\"')]\u201d\u2019\u00bb"

# A piece as a splitter returns it: its text, and its start offset in the source (None if
# the splitter gives no offsets).
Piece = tuple[str, "int | None"]


@dataclass
class Splitter:
    name: str
    sentence_aware: bool  # by design: it prefers to cut at sentence ends
    run: Callable[[str], Any]  # what is timed
    pieces: Callable[[Any], list[Piece]]  # the run's output as pieces (not timed)


def _seedsum(size: int, overlap: int) -> Splitter:
    from seedsum.chunking import chunk_text

    enc = encoding()
    return Splitter(
        "seedsum",
        True,
        lambda text: chunk_text(text, enc, size, overlap),
        lambda chunks: [(c.text, c.start) for c in chunks],
    )


def _semchunk(size: int, overlap: int) -> Splitter:
    import semchunk

    enc = encoding()

    def run(text: str) -> Any:
        # A new chunker per run: each memoizes token counts, which would favour later runs.
        chunker = semchunk.chunkerify(enc, size)  # type: ignore[attr-defined]
        return chunker(text, offsets=True, overlap=overlap)

    return Splitter(
        "semchunk", True, run, lambda out: [(t, s) for t, (s, _) in zip(*out, strict=True)]
    )


def _semantic_text_splitter(size: int, overlap: int) -> Splitter:
    from semantic_text_splitter import TextSplitter

    # Its own (Rust) tiktoken; gpt-3.5-turbo selects the same cl100k_base vocabulary.
    splitter = TextSplitter.from_tiktoken_model("gpt-3.5-turbo", size, overlap=overlap)
    return Splitter(
        "semantic-text-splitter",
        True,
        splitter.chunk_indices,
        lambda out: [(t, s) for s, t in out],
    )


def _chonkie(size: int, overlap: int) -> Splitter:
    from chonkie import SentenceChunker

    enc = encoding()
    return Splitter(
        "chonkie SentenceChunker",
        True,
        lambda text: SentenceChunker(tokenizer=enc, chunk_size=size, chunk_overlap=overlap).chunk(
            text
        ),
        lambda chunks: [(c.text, c.start_index) for c in chunks],
    )


def _langchain(size: int, overlap: int) -> Splitter:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter.from_tiktoken_encoder(
        encoding_name=ENCODING, chunk_size=size, chunk_overlap=overlap, add_start_index=True
    )
    return Splitter(
        "langchain Recursive",
        False,  # paragraphs, lines, then words: no sentence level
        lambda text: splitter.create_documents([text]),
        lambda docs: [(d.page_content, d.metadata["start_index"]) for d in docs],
    )


def _chonkie_recursive(size: int, overlap: int) -> Splitter:
    from chonkie import RecursiveChunker

    enc = encoding()
    # No overlap option: it cuts paragraphs, then sentences, then words. The fastest
    # sentence-aware peer measured here, so the one seedsum must be compared with.
    return Splitter(
        "chonkie RecursiveChunker",
        True,
        lambda text: RecursiveChunker(tokenizer=enc, chunk_size=size).chunk(text),
        lambda chunks: [(c.text, c.start_index) for c in chunks],
    )


PEERS = (_semchunk, _semantic_text_splitter, _chonkie, _chonkie_recursive, _langchain)


def at_boundary(source: str, end: int) -> bool:
    """Whether a cut at `end` falls on a paragraph break or after a sentence end."""
    i = end
    while i > 0 and source[i - 1].isspace():
        i -= 1
    j = end
    while j < len(source) and source[j].isspace():
        j += 1
    if source.count("\n", i, j) >= 2:
        return True
    if i == j:
        return False  # inside a word
    while i > 0 and source[i - 1] in _CLOSERS:
        i -= 1
    return i > 0 and source[i - 1] in ".!?\u2026"


def check(source: str, pieces: Sequence[Piece], enc: Any) -> tuple[int, str, str]:
    """(max tokens in a chunk, offsets reproduce the source, share of cuts at a boundary)."""
    most = max(len(enc.encode_ordinary(text)) for text, _ in pieces)
    if any(start is None for _, start in pieces):
        return most, "n/a", "n/a"
    starts = [int(start or 0) for _, start in pieces]
    wrong = sum(source[s : s + len(t)] != t for (t, _), s in zip(pieces, starts, strict=True))
    cuts = [s + len(t) for (t, _), s in zip(pieces[:-1], starts[:-1], strict=True)]
    good = sum(at_boundary(source, c) for c in cuts)
    return (
        most,
        f"NO ({wrong} differ)" if wrong else "yes",
        f"{100 * good / max(len(cuts), 1):.1f}%",
    )


def _configure(size: int, overlap: int, sample: str) -> list[Splitter | str]:
    """The peers, each tried once on `sample` (which also warms it up); a peer that is not
    installed or fails is a line of explanation instead."""
    peers: list[Splitter | str] = []
    for make in PEERS:
        name = make.__name__.strip("_").replace("_", "-")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                peer = make(size, overlap)
                peer.pieces(peer.run(sample))
            peers.append(peer)
        except ImportError:
            peers.append(f"{name}: not installed (pip install -e '.[bench]')")
        except Exception as exc:  # reported in the table, not fatal
            peers.append(f"{name}: failed ({type(exc).__name__}: {str(exc)[:80]})")
    return peers


def main(quick: bool = False) -> list[str]:
    setup(quick)
    enc = encoding()
    text = corpus(100_000 if quick else 6_000_000)
    megabytes = len(text.encode("utf-8")) / 1e6
    rounds, extra = (1, 1) if quick else (3, 9)  # all splitters; then raw and seedsum only
    print(
        f"chunking: one document of {megabytes:.2f} MB, {ENCODING}; best and median of "
        f"{rounds} runs interleaved ({rounds + extra} for raw and seedsum)"
    )
    lines = []
    for size, overlap in SIZES:
        ours = _seedsum(size, overlap)
        ours.run(text[:20_000])  # builds the per-vocabulary byte-length table, once
        splitters = [ours, *_configure(size, overlap, text[:20_000])]
        outputs: dict[str, Any] = {}

        def case(s: Splitter, outputs: dict[str, Any] = outputs) -> Callable[[], object]:
            return lambda: outputs.__setitem__(s.name, s.run(text))  # the last run's output

        cases: dict[str, Callable[[], object]] = {"raw": lambda: enc.encode_ordinary(text)}
        cases.update({s.name: case(s) for s in splitters if isinstance(s, Splitter)})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            times = interleaved(cases, rounds)
        interleaved({"raw": cases["raw"], ours.name: cases[ours.name]}, extra, times)

        raw = min(times["raw"])
        rows: list[list[object]] = [
            ["raw encode_ordinary", f"{megabytes / raw:.2f}",
             f"{megabytes / statistics.median(times['raw']):.2f}", "1.00", "", "", "", ""]
        ]  # fmt: skip
        aware = []
        for s in splitters:
            if isinstance(s, str):
                rows.append([s, *["-"] * 7])
                continue
            best, median = min(times[s.name]), statistics.median(times[s.name])
            pieces = s.pieces(outputs.pop(s.name))
            most, offsets, boundaries = check(text, pieces, enc)
            label = s.name if s.sentence_aware else f"{s.name} (no sentence level)"
            rows.append(
                [label, f"{megabytes / best:.2f}", f"{megabytes / median:.2f}",
                 f"{raw / best:.2f}", len(pieces), most, offsets, boundaries]
            )  # fmt: skip
            if s is not ours and s.sentence_aware:
                aware.append(s.name)
        print(f"\n{size} tokens, overlap {overlap}:")
        headers = ["splitter", "MB/s best", "MB/s median", "x raw", "chunks", "max tokens",
                   "offsets exact", "cuts at sentence/paragraph"]  # fmt: skip
        table(headers, rows)
        ratio = paired(times, "raw", ours.name)
        print(
            f"seedsum / raw: median of paired runs {ratio:.3f} "
            f"(ratio of bests {raw / min(times[ours.name]):.3f})"
        )
        lines.append(
            result(f"chunking_{size}", ratio, f">={TARGET_VS_RAW}", ratio >= TARGET_VS_RAW)
        )
        if aware:
            # Against the peer that is fastest over the rounds all splitters ran together.
            who = min(aware, key=lambda name: statistics.median(times[name]))
            vs = statistics.median(
                p / o for p, o in zip(times[who], times[ours.name][:rounds], strict=True)
            )
            print(f"fastest sentence-aware peer: {who}")
            lines.append(result(f"chunking_{size}_vs_peers", vs, ">1", vs > 1))
    return lines


if __name__ == "__main__":
    cli(main)
