"""Replies a real model gave (Gemma 3 270M through llama-cpp-python's server, recorded by
tests/fixtures/realmodel/record.py), replayed offline through the pipeline: their real
shapes, odd as they are, are validated or re-asked the way the live run did, and every quote
is either located exactly where it stands or flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import seedsum

from .test_realmodel import assert_points_at

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "realmodel").glob("*.json"))


def test_there_are_recorded_replies():
    assert len(FIXTURES) >= 2


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_a_recorded_real_reply_goes_through_the_pipeline_as_it_did_live(path: Path):
    record = json.loads(path.read_text(encoding="utf-8"))
    article, replies = record["article"], record["replies"]
    backend = seedsum.MockBackend(replies)
    if record["outcome"] != "validated":
        assert record["outcome"] == "ValidationFailedError"
        with pytest.raises(seedsum.ValidationFailedError) as caught:
            seedsum.Summarizer(backend).summarize(article)
        assert backend.calls == len(replies) == 3  # the first reply and two re-asks
        assert caught.value.raw == replies[-1]
        return
    result = seedsum.Summarizer(backend).summarize(article)
    assert backend.calls == len(replies)  # re-asked exactly as often as the live run
    assert result.meta.reasks == len(replies) - 1
    items = [*result.positions, *result.predictions]
    flagged = [w for w in result.meta.warnings if "quote not found" in w]
    assert len(flagged) == sum(item.span is None for item in items)
    for item in items:
        if item.span is None:
            assert item.quote not in article
        else:
            assert_points_at(article, item.span, item.quote)
