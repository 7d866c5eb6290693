"""What a document will take before any call: calls, input tokens, output tokens with a range,
and their cost.

Output tokens are the larger part of a call's cost and latency, and the hardest to know in
advance. They are predicted per chunk by a power law, `scale * chunk_tokens ** exponent`,
fitted on reference replies: our annotated articles' gold annotations (`bench/eval/`, the
development split only, and `examples/replies/`) rendered as the minified reply the model is
asked for. Replies grow with the number of statements, not the length of the text, so the
exponent is well below 1. `low` and `high` are the smallest and largest ratio of actual to
predicted tokens seen in that calibration: the range a reader should expect, not a bound.
`bench/bench_estimate.py` reports predicted against actual per article, held-out articles
included, and `tests/test_estimate.py` checks that `OUTPUT_MODEL` still fits the data.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from .backends.base import Usage
from .errors import InvalidInputError
from .pricing import Price, cost_usd
from .schema import ChunkExtraction


@dataclass(frozen=True)
class OutputModel:
    """Predicted reply tokens for a chunk of `tokens` tokens, and the observed spread."""

    scale: float
    exponent: float
    low: float
    high: float

    def predict(self, tokens: int) -> float:
        return float(self.scale * max(tokens, 1) ** self.exponent)


#: Fitted by `fit_output_model` on the development articles' reference replies (see above).
OUTPUT_MODEL = OutputModel(scale=69.0, exponent=0.489, low=0.64, high=1.36)
#: A condensed summary: a few sentences.
SUMMARY_TOKENS = 90


@dataclass(frozen=True)
class Estimate:
    """What a document will take: model calls, input tokens, output tokens (a central figure
    and a likely range), and the cost in USD, in total and split into input and output (None
    when the model's price is unknown). Assumes no cache hits."""

    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: float | None
    output_tokens_low: int = 0
    output_tokens_high: int = 0
    input_cost_usd: float | None = None
    output_cost_usd: float | None = None
    #: The share of the input tokens spent on the instructions sent with every chunk.
    instruction_share: float = 0.0
    #: Things the reader should know about the plan (e.g. instructions dominating the input).
    warnings: tuple[str, ...] = ()
    #: The same calls through the Batch API (`mode="batch"`), in total and by kind of token.
    batch_cost_usd: float | None = None
    batch_input_cost_usd: float | None = None
    batch_output_cost_usd: float | None = None


def estimate_calls(
    chunk_tokens: Sequence[int],
    *,
    per_call_tokens: int,
    condense_tokens: int | None,
    price: Price | None,
    instruction_share: float = 0.0,
    warnings: tuple[str, ...] = (),
    model: OutputModel = OUTPUT_MODEL,
    batch_price: Price | None = None,
) -> Estimate:
    """The estimate for chunks of `chunk_tokens` tokens, each sent with `per_call_tokens` of
    instructions; `condense_tokens` is the condense prompt's size when the chunks' summaries
    are condensed in one more call (None: no such call)."""
    input_tokens = sum(t + per_call_tokens for t in chunk_tokens)
    central = sum(model.predict(t) for t in chunk_tokens)
    calls = len(chunk_tokens)
    extra = 0
    if condense_tokens is not None:
        calls += 1
        input_tokens += condense_tokens + SUMMARY_TOKENS * len(chunk_tokens)
        extra = SUMMARY_TOKENS
    output = round(central) + extra
    input_cost = cost_usd(Usage(input_tokens=input_tokens), price)
    output_cost = cost_usd(Usage(output_tokens=output), price)
    batch_input = cost_usd(Usage(input_tokens=input_tokens), batch_price)
    batch_output = cost_usd(Usage(output_tokens=output), batch_price)
    return Estimate(
        calls=calls,
        input_tokens=input_tokens,
        output_tokens=output,
        cost_usd=None if input_cost is None or output_cost is None else input_cost + output_cost,
        output_tokens_low=math.floor(central * model.low) + extra,
        output_tokens_high=math.ceil(central * model.high) + extra,
        input_cost_usd=input_cost,
        output_cost_usd=output_cost,
        instruction_share=instruction_share,
        warnings=warnings,
        batch_cost_usd=None
        if batch_input is None or batch_output is None
        else batch_input + batch_output,
        batch_input_cost_usd=batch_input,
        batch_output_cost_usd=batch_output,
    )


def fit_output_model(pairs: Sequence[tuple[int, int]]) -> OutputModel:
    """Least squares in log space over (chunk tokens, reply tokens) pairs."""
    if len(pairs) < 2:
        raise InvalidInputError("fitting needs at least two (chunk tokens, reply tokens) pairs")
    xs = [math.log(x) for x, _ in pairs]
    ys = [math.log(y) for _, y in pairs]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    exponent = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    scale = math.exp(mean_y - exponent * mean_x)
    ratios = [y / (scale * x**exponent) for x, y in pairs]
    return OutputModel(scale, exponent, min(ratios), max(ratios))


def reference_reply(annotation: Mapping[str, Any]) -> str:
    """A gold annotation (or a whole-article reply) as the minified reply the model is asked
    for: only the fields of `ChunkExtraction`, in its order, missing ones as null or []."""
    reply = _project(annotation, ChunkExtraction)
    return json.dumps(reply, ensure_ascii=False, separators=(",", ":"))


def _project(data: Mapping[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        value = data.get(name)
        item = _list_item_model(field.annotation)
        if item is not None:
            out[name] = [_project(v, item) for v in value or []]
        elif value is None and get_origin(field.annotation) is list:
            out[name] = []
        else:
            out[name] = value
    return out


def _list_item_model(annotation: Any) -> type[BaseModel] | None:
    if get_origin(annotation) is not list:
        return None
    (item,) = get_args(annotation)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None
