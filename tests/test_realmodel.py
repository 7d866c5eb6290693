"""The whole pipeline through OpenAIBackend, with default settings, against llama-cpp-python's
server and a real model (Gemma 3 270M): the structured-output mode is negotiated, the reply is
validated, re-asked or classified, usage is reported, every located span points at its quote,
and invented quotes are flagged. A 270M model extracts poorly: these tests assert behaviour,
never extraction quality. One server for the session, one short article, bounded output.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

import seedsum
from seedsum.backends.base import Backend, ModelReply, ModelRequest
from seedsum.backends.openai import OpenAIBackend

from .llama_server import llama_server

pytestmark = pytest.mark.realmodel

# Ours, fictional, and short: the reply's length, not the article's, sets the wall time.
ARTICLE = (
    "Fishermen in the harbour town of Karsby blocked the ferry port on Tuesday. "
    'Fisheries Minister Ada Lindqvist said the blockade was "reckless" and offered talks. '
    "Union leader Per Moen warned that the protest could spread to two more ports by Friday."
)


@pytest.fixture(scope="session")
def llama_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with llama_server(tmp_path_factory.mktemp("llama")) as base_url:
        yield base_url


class Recording(Backend):
    """Passes every call to the OpenAI backend and keeps its replies (their usage included),
    so usage can be checked whatever the outcome."""

    name = "openai"

    def __init__(self, inner: OpenAIBackend) -> None:
        self.inner = inner
        self.model = inner.model
        self.replies: list[ModelReply] = []

    def complete(self, request: ModelRequest) -> ModelReply:
        reply = self.inner.complete(request)
        self.replies.append(reply)
        return reply


@pytest.fixture(scope="module")
def run(llama_base_url: str) -> tuple[OpenAIBackend, object, list[logging.LogRecord]]:
    """One summarize call, shared by the tests below: the backend, (the result or the
    classified error, the replies), and the log records."""
    inner = OpenAIBackend(
        "gemma-3-270m",
        base_url=llama_base_url,
        api_key="none",
        timeout=600,  # a CPU shared with other work: generous, and never retried
        max_retries=0,
        # The server's own sampling: greedy decoding (temperature 0) was measured to loop
        # this model to the output limit on this very article.
    )
    backend = Recording(inner)
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("seedsum")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        outcome: object = seedsum.Summarizer(backend, cache=False).summarize(ARTICLE)
    except (seedsum.ValidationFailedError, seedsum.TruncatedReplyError) as exc:
        outcome = exc  # classified: the model's reply did not fit, and we say how
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return inner, (outcome, backend.replies), records


def test_the_mode_is_negotiated_and_remembered(run):
    backend, (outcome, _), records = run
    # llama-cpp-python answers json_schema with a 500; it takes json_object with a schema.
    assert backend.capabilities.structured_output == "json_object_schema"
    messages = [r.getMessage() for r in records]
    assert any("rejected json_schema output (500" in m for m in messages)
    assert any("answered in json_object_schema mode" in m for m in messages)
    # Its gemma chat template drops system messages: seen from the prompt tokens, and fixed.
    assert backend.capabilities.system_messages is False
    if isinstance(outcome, seedsum.ArticleSummary):
        assert outcome.meta.structured_output == "json_object_schema"


def test_the_reply_is_validated_or_the_failure_classified(run):
    _, (outcome, replies), _ = run
    if isinstance(outcome, seedsum.ValidationFailedError):
        assert outcome.raw == replies[-1].text
        assert len(outcome.errors) == len(replies) == 3  # the reply and max_reasks' two re-asks
        return
    if isinstance(outcome, seedsum.TruncatedReplyError):
        assert outcome.usage is not None and outcome.usage.output_tokens > 0
        return
    assert isinstance(outcome, seedsum.ArticleSummary)
    assert outcome.summary
    meta = outcome.meta
    assert 0 <= meta.reasks <= 2  # max_reasks' default
    assert meta.calls >= meta.reasks + 1
    assert meta.prompt_version == "extract/2"


def test_usage_is_reported_as_the_server_counts_it(run):
    _, (outcome, replies), _ = run
    usages = [r.usage for r in replies]
    if isinstance(outcome, seedsum.TruncatedReplyError):
        assert outcome.usage is not None
        usages.append(outcome.usage)
    assert usages
    for usage in usages:
        # The instructions (1,438 cl100k tokens) reached the model: the count shows it.
        assert usage.input_tokens > 1000
        assert usage.output_tokens > 0
        assert usage.cached_input_tokens == 0  # llama-cpp-python reports none
    if isinstance(outcome, seedsum.ArticleSummary):
        meta = outcome.meta
        # Every reply's tokens, exactly: a reply set aside for lack of instructions is counted
        # in the usage of the reply that replaced it (`openai_requests.attempt_exchange`).
        assert meta.input_tokens == sum(r.usage.input_tokens for r in replies)
        assert meta.output_tokens >= sum(r.usage.output_tokens for r in replies)


def test_every_located_span_points_at_its_quote_and_invented_ones_are_flagged(run):
    _, (outcome, _), _ = run
    if not isinstance(outcome, seedsum.ArticleSummary):
        pytest.skip(f"no result to check spans in: {type(outcome).__name__}")
    items = [*outcome.positions, *outcome.predictions]
    unlocated = [item for item in items if item.span is None]
    for item in unlocated:
        assert item.quote not in ARTICLE  # invented (or paraphrased): not trusted
    flagged = [w for w in outcome.meta.warnings if "quote not found" in w]
    assert len(flagged) == len(unlocated)
    for item in items:
        if item.span is not None:
            assert_points_at(ARTICLE, item.span, item.quote)


def fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def assert_points_at(text: str, span: seedsum.Span, quote: str) -> None:
    located = text[span.start : span.end]
    if span.match == "exact":
        assert located == quote
    elif span.match == "normalized":
        assert fold(located) == fold(quote)
    else:  # elided: the pieces around the ellipsis, in order
        pieces = [fold(p) for p in quote.replace("…", "...").split("...") if fold(p)]
        assert pieces and all(p in fold(located) for p in pieces)
