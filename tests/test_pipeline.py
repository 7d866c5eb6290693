from __future__ import annotations

import json
import threading
import time

import pytest
from pydantic import BaseModel

import seedsum
from seedsum.backends.mock import replay
from seedsum.prompts import document_text

EMPTY = {"summary": "Nothing happened.", "actors": [], "positions": [], "predictions": []}


def filler(start: int, count: int) -> str:
    return " ".join(
        f"Filler sentence {i} describes the weather over the harbour in some detail."
        for i in range(start, start + count)
    )


def long_document() -> str:
    paragraphs = [
        "Anna Kowalska, a senior fellow at the Baltic Policy Institute, spoke in Poland on Monday. "
        "“The talks have stalled because nobody wants to move first,” Kowalska said.",
        *(filler(10 * i, 10) for i in range(1, 10)),
        "“Warsaw will not sign anything before the summit,” Kowalska said of Poland’s position.",
        *(filler(10 * i, 10) for i in range(10, 20)),
    ]
    return "\n\n".join(paragraphs)


def annotation_for(text: str, overlap_quote: str) -> dict:
    return {
        "summary": "An analyst says talks have stalled.",
        "actors": [
            {
                "name": "Anna Kowalska",
                "kind": "person",
                "role": "senior fellow at the Baltic Policy Institute",
                "aliases": ["Kowalska"],
            },
            {"name": "Poland", "kind": "state", "role": None, "aliases": ["Warsaw"]},
        ],
        "positions": [
            {
                "actor": "Anna Kowalska",
                "topic": "talks",
                "stance": "Nobody wants to move first.",
                "quote": "The talks have stalled because nobody wants to move first",
            },
            {
                "actor": "Kowalska",
                "topic": "weather",
                "stance": "It is described.",
                "quote": overlap_quote,
            },
        ],
        "predictions": [
            {
                "source": "Kowalska",
                "claim": "Poland will not sign before the summit.",
                "subjects": ["Warsaw"],
                "timeframe": "before the summit",
                "conditions": [],
                "likelihood": "certain",
                "quote": "Warsaw will not sign anything before the summit",
            }
        ],
    }


def test_a_document_that_fits_takes_exactly_one_call(grain_text: str, grain_reply: str):
    backend = seedsum.MockBackend([grain_reply])
    result = seedsum.summarize(grain_text, backend=backend)
    assert backend.calls == 1
    [request] = backend.requests
    assert document_text(request.messages) == grain_text
    assert result.meta.chunks == result.meta.calls == 1
    assert result.meta.prompt_version == "extract/1"
    assert result.meta.warnings == []
    assert (len(result.actors), len(result.positions), len(result.predictions)) == (9, 10, 6)
    for item in [*result.positions, *result.predictions]:
        assert item.span is not None
        assert item.span.match == "exact"
        assert grain_text[item.span.start : item.span.end] == item.quote


def test_a_long_document_is_chunked_merged_and_grounded_exactly():
    text = long_document()
    summarizer = seedsum.Summarizer(
        seedsum.MockBackend(responder=lambda r: EMPTY),
        max_chunk_tokens=700,
        chunk_overlap_tokens=150,
    )
    chunks = summarizer.chunk(text)
    assert len(chunks) >= 3
    # A sentence that the first two chunks share: both will report it.
    shared = text[chunks[1].start : chunks[0].end]
    overlap_quote = next(s for s in shared.split(". ") if s.startswith("Filler"))
    assert overlap_quote in chunks[0].text
    assert overlap_quote in chunks[1].text
    backend = seedsum.MockBackend(responder=replay(annotation_for(text, overlap_quote)))
    summarizer.backend = backend

    result = summarizer.summarize(text)

    assert backend.calls == len(chunks) + 1  # one per chunk, one to condense
    assert [r.purpose for r in backend.requests].count("condense") == 1
    assert result.meta.chunks == len(chunks)
    assert result.summary == "An analyst says talks have stalled."
    assert [(a.name, a.kind, a.aliases) for a in result.actors] == [
        ("Anna Kowalska", "person", ["Kowalska"]),
        ("Poland", "state", ["Warsaw"]),
    ]
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Anna Kowalska", "The talks have stalled because nobody wants to move first"),
        ("Anna Kowalska", overlap_quote),
    ]
    [prediction] = result.predictions
    assert (prediction.source, prediction.subjects) == ("Anna Kowalska", ["Poland"])
    for item in [*result.positions, prediction]:
        assert item.span is not None
        assert (item.span.start, item.span.end) == (
            text.index(item.quote),
            text.index(item.quote) + len(item.quote),
        )
    assert result.meta.warnings == []


async def test_async_gives_the_same_result_as_sync(energy_text: str, energy_annotation: str):
    def run_sync() -> seedsum.ArticleSummary:
        backend = seedsum.MockBackend(responder=replay(energy_annotation))
        return seedsum.summarize(energy_text, backend=backend, max_chunk_tokens=900)

    backend = seedsum.MockBackend(responder=replay(energy_annotation))
    async_result = await seedsum.asummarize(energy_text, backend=backend, max_chunk_tokens=900)
    sync_result = run_sync()  # also shows summarize() works inside a running event loop
    assert async_result == sync_result
    assert async_result.meta.chunks > 1


def test_chunks_of_one_document_are_sent_concurrently(energy_text: str, energy_annotation: str):
    in_flight, peak, lock = 0, 0, threading.Lock()
    respond = replay(energy_annotation)

    def slow(request):
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.05)
        with lock:
            in_flight -= 1
        return respond(request)

    summarizer = seedsum.Summarizer(
        seedsum.MockBackend(responder=slow), max_chunk_tokens=700, max_concurrency=3
    )
    assert len(summarizer.chunk(energy_text)) > 3
    summarizer.summarize(energy_text)
    assert peak == 3


def test_an_invalid_reply_is_asked_again_and_counted(grain_text: str, grain_reply: str):
    backend = seedsum.MockBackend(["{not json", grain_reply])
    result = seedsum.summarize(grain_text, backend=backend)
    assert (result.meta.calls, result.meta.reasks) == (2, 1)
    assert "not valid JSON" in backend.requests[1].messages[-1].content


def test_validation_failure_after_reasks_raises_with_the_raw_reply(grain_text: str):
    backend = seedsum.MockBackend(["{}", "{}"])
    with pytest.raises(seedsum.ValidationFailedError) as caught:
        seedsum.summarize(grain_text, backend=backend, max_reasks=1)
    assert caught.value.raw == "{}"
    assert backend.calls == 2


def test_unlocated_quotes_get_no_span_and_a_warning(grain_text: str, grain_reply: str):
    reply = json.loads(grain_reply)
    reply["positions"][0]["quote"] = "Words the article never contained at all."
    result = seedsum.summarize(grain_text, backend=seedsum.MockBackend([reply]))
    missing = [p for p in result.positions if p.span is None]
    assert [p.quote for p in missing] == ["Words the article never contained at all."]
    assert any("quote not found" in w and "never contained" in w for w in result.meta.warnings)

    dropped = seedsum.summarize(
        grain_text, backend=seedsum.MockBackend([reply]), drop_ungrounded=True
    )
    assert len(dropped.positions) == len(result.positions) - 1
    assert all(p.span is not None for p in dropped.positions)
    assert any("dropped it" in w for w in dropped.meta.warnings)


def test_items_are_ordered_by_where_their_quote_stands(grain_text: str, grain_reply: str):
    reply = json.loads(grain_reply)
    reply["positions"].reverse()
    result = seedsum.summarize(grain_text, backend=seedsum.MockBackend([reply]))
    starts = [p.span.start for p in result.positions if p.span]
    assert starts == sorted(starts)


class Headline(BaseModel):
    headline: str
    places: list[str]


def test_a_custom_output_model_is_extracted_and_merged(energy_text: str):
    def respond(request):
        chunk = document_text(request.messages)
        places = [p for p in ("Salzburg", "Budapest", "Berlin") if p in chunk]
        return {"headline": f"Part about {places[0] if places else 'nothing'}", "places": places}

    summarizer = seedsum.Summarizer(
        seedsum.MockBackend(responder=respond), output=Headline, max_chunk_tokens=900
    )
    result = summarizer.summarize(energy_text)
    assert isinstance(result, Headline)
    first_chunk = summarizer.chunk(energy_text)[0].text
    [first] = [r for r in summarizer.backend.requests if document_text(r.messages) == first_chunk]
    assert result.headline == respond(first)["headline"]  # scalars: the first chunk's
    assert sorted(result.places) == sorted(
        {p for p in ("Salzburg", "Budapest", "Berlin") if p in energy_text}
    )  # lists: concatenated, duplicates removed
    assert summarizer.backend.calls == len(summarizer.chunk(energy_text))  # no condense call


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("", seedsum.InvalidInputError, "empty"),
        (" \n\t ", seedsum.InvalidInputError, "whitespace"),
        (b"bytes", TypeError, "decode"),
        (None, TypeError, "must be a str"),
    ],
)
def test_bad_text_is_refused_before_any_call(text, error, message):
    backend = seedsum.MockBackend([EMPTY])
    with pytest.raises(error, match=message):
        seedsum.summarize(text, backend=backend)
    assert backend.calls == 0


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"max_chunk_tokens": 50}, ValueError, "smaller than the instructions"),
        ({"max_chunk_tokens": "big"}, TypeError, "max_chunk_tokens must be an int"),
        ({"chunk_overlap_tokens": -1}, ValueError, "chunk_overlap_tokens must be at least 0"),
        ({"max_chunk_tokens": 1000, "chunk_overlap_tokens": 500}, ValueError, "less than half"),
        ({"max_reasks": -1}, ValueError, "max_reasks"),
        ({"max_concurrency": 0}, ValueError, "max_concurrency"),
        ({"output": dict}, TypeError, "Pydantic model"),
    ],
)
def test_bad_options_are_refused_before_any_call(options, error, message):
    backend = seedsum.MockBackend([EMPTY])
    with pytest.raises(error, match=message):
        seedsum.Summarizer(backend, **options)
    assert backend.calls == 0


def test_errors_share_one_root():
    for name in seedsum.__all__:
        obj = getattr(seedsum, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, seedsum.SeedsumError), name


def test_with_no_model_configured_the_rules_extractor_runs_with_a_notice(
    grain_text: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    import seedsum.backends

    monkeypatch.setattr(seedsum.backends, "_noticed", False)
    with caplog.at_level("WARNING", logger="seedsum"):
        result = seedsum.summarize(grain_text)
        seedsum.summarize(grain_text)
    assert result.meta.backend == "rules"
    assert len(result.actors) >= 5
    notices = [r for r in caplog.records if "offline rules extractor" in r.getMessage()]
    assert len(notices) == 1 and "OPENAI_API_KEY" in notices[0].getMessage()


def test_budgets_and_rate_limits_use_the_chunking_pass_counts(
    energy_text: str, energy_annotation: str, monkeypatch: pytest.MonkeyPatch
):
    # The chunk's and the instructions' token counts are known from the chunking pass and the
    # prompt: budgets and rate limits must not encode every request again.
    import tiktoken

    counted: list[str] = []
    original = tiktoken.Encoding.encode_ordinary

    def spy(self: tiktoken.Encoding, text: str) -> list[int]:
        counted.append(text)
        return original(self, text)

    monkeypatch.setattr(tiktoken.Encoding, "encode_ordinary", spy)
    summarizer = seedsum.Summarizer(
        seedsum.MockBackend(responder=replay(energy_annotation)),
        max_chunk_tokens=1000,
        max_tokens_per_document=10**9,
        rate_limit=seedsum.RateLimit(tokens_per_minute=10**9),
    )
    summarizer.summarize(energy_text)
    assert len(summarizer.chunk(energy_text)) > 1
    assert counted  # the chunking pass
    assert not [t for t in counted if t.startswith("<document>")]
