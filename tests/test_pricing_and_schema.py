from __future__ import annotations

import pytest
from pydantic import BaseModel

from seedsum.backends.base import Usage
from seedsum.backends.strict_schema import strict_json_schema
from seedsum.pricing import Price, cost_of, cost_usd, price_for


def test_dated_snapshots_use_their_base_price_and_unknown_models_none():
    assert price_for("gpt-4.1-mini-2025-04-14") == price_for("gpt-4.1-mini")
    assert price_for("llama3:8b") is None
    assert price_for("llama3:8b", {"llama3:8b": Price(0, 0, 0)}) == Price(0, 0, 0)
    assert cost_usd(Usage(10, 10), None) is None


def test_cached_input_is_billed_at_the_cached_rate():
    price = Price(input=2.0, cached_input=0.5, output=8.0)
    assert cost_usd(Usage(1_000_000, 1_000_000, 400_000), price) == pytest.approx(
        0.6 * 2.0 + 0.4 * 0.5 + 8.0
    )


class Inner(BaseModel):
    title: str = "x"
    default: int


class Outer(BaseModel):
    inner: Inner
    items: list[Inner]
    note: str | None = None


def test_strict_schema_inlines_references_and_requires_every_field():
    schema = strict_json_schema(Outer)
    assert "$defs" not in schema and "$ref" not in str(schema)
    assert schema["required"] == ["inner", "items", "note"]
    inner = schema["properties"]["inner"]
    assert inner["additionalProperties"] is False
    assert inner["required"] == ["title", "default"]  # property names are not keywords
    assert "default" not in inner["properties"]["title"]


def test_cost_is_split_by_kind_of_token():
    price = Price(input=2.0, cached_input=0.5, output=8.0)
    cost = cost_of(Usage(1_000_000, 1_000_000, 400_000), price)
    assert cost is not None
    assert (cost.input, cost.cached_input, cost.output) == pytest.approx((1.2, 0.2, 8.0))
    assert cost.total == pytest.approx(cost_usd(Usage(1_000_000, 1_000_000, 400_000), price))
    assert cost_of(Usage(1, 1), None) is None


def test_meta_reports_cost_by_kind_and_output_tokens_per_item():
    import json
    from pathlib import Path

    import seedsum
    from seedsum.backends.base import ModelReply

    root = Path(__file__).resolve().parent.parent
    text = (root / "examples" / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    reply = (root / "examples" / "replies" / "grain_corridor.json").read_text(encoding="utf-8")
    backend = seedsum.MockBackend(
        responses=[ModelReply(json.dumps(json.loads(reply)), Usage(1000, 1400, 600))]
    )
    price = Price(input=1.0, cached_input=0.25, output=4.0)
    result = seedsum.summarize(text, backend=backend, prices={"mock": price})
    meta = result.meta
    assert meta.input_cost_usd == pytest.approx(400 / 1e6)
    assert meta.cached_input_cost_usd == pytest.approx(600 * 0.25 / 1e6)
    assert meta.output_cost_usd == pytest.approx(1400 * 4.0 / 1e6)
    assert meta.cost_usd == pytest.approx(
        meta.input_cost_usd + meta.cached_input_cost_usd + meta.output_cost_usd
    )
    items = len(result.actors) + len(result.positions) + len(result.predictions)
    assert meta.output_tokens_per_item == pytest.approx(1400 / items, abs=0.05)
