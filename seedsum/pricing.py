"""Estimated cost of model calls, from a small price table (USD per million tokens).

Prices change: the table holds list prices as published when this version was written, and
`Summarizer(prices=...)` overrides or extends it. A model missing from the table has no cost
(`None`), never a guess. Dated snapshots ("gpt-4.1-mini-2025-04-14") use their base model's price.

Besides the standard tier, OpenAI bills the Batch API at half the standard price on every
model, and `service_tier="flex"` at the same half on the models that offer it; replies on
those tiers are priced from `BATCH_PRICES` and `FLEX_PRICES`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .backends.base import Usage


@dataclass(frozen=True)
class Price:
    """USD per million tokens: input, cached input, output."""

    input: float
    cached_input: float
    output: float


PRICES: Mapping[str, Price] = {
    "gpt-4.1": Price(2.00, 0.50, 8.00),
    "gpt-4.1-mini": Price(0.40, 0.10, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.025, 0.40),
    "gpt-4o": Price(2.50, 1.25, 10.00),
    "gpt-4o-mini": Price(0.15, 0.075, 0.60),
    "gpt-5": Price(1.25, 0.125, 10.00),
    "gpt-5-mini": Price(0.25, 0.025, 2.00),
    "gpt-5-nano": Price(0.05, 0.005, 0.40),
}


def _half(price: Price) -> Price:
    return Price(price.input / 2, price.cached_input / 2, price.output / 2)


#: The Batch API's price: half the standard one, on every OpenAI model.
BATCH_PRICES: Mapping[str, Price] = {name: _half(p) for name, p in PRICES.items()}
#: `service_tier="flex"`: half the standard price, on the models that offer it.
FLEX_PRICES: Mapping[str, Price] = {
    name: _half(p) for name, p in PRICES.items() if name.startswith("gpt-5")
}

#: How a call was served: "standard" (the default tier), "batch" or "flex".
Tier = Literal["standard", "batch", "flex"]

_SNAPSHOT = re.compile(r"-\d{4}-\d{2}-\d{2}$")


def price_for(
    model: str, prices: Mapping[str, Price] | None = None, tier: Tier = "standard"
) -> Price | None:
    """The price of `model` from `prices` (then the built-in table), or None if unknown.

    For the "batch" and "flex" tiers: half of the standard price (the user's, if `prices`
    names the model), flex only on models that offer it (`FLEX_PRICES`); other models are
    billed at the standard price on flex."""
    own = _lookup(model, prices or {})
    if tier == "batch":
        return _half(own) if own is not None else _lookup(model, BATCH_PRICES)
    standard = own if own is not None else _lookup(model, PRICES)
    if tier == "flex" and standard is not None and _lookup(model, FLEX_PRICES) is not None:
        return _half(standard)
    return standard


def _lookup(model: str, table: Mapping[str, Price]) -> Price | None:
    for name in (model, _SNAPSHOT.sub("", model)):
        if name in table:
            return table[name]
    return None


@dataclass(frozen=True)
class Cost:
    """What calls cost in USD, by kind of token."""

    input: float
    cached_input: float
    output: float

    @property
    def total(self) -> float:
        return self.input + self.cached_input + self.output

    def __add__(self, other: Cost) -> Cost:
        return Cost(
            self.input + other.input,
            self.cached_input + other.cached_input,
            self.output + other.output,
        )


def cost_of(usage: Usage, price: Price | None) -> Cost | None:
    """What `usage` cost at `price`, by kind of token (None if the price is unknown); cached
    input tokens are billed at the cached rate, the rest of the input at the full one."""
    if price is None:
        return None
    fresh = usage.input_tokens - usage.cached_input_tokens
    return Cost(
        input=fresh * price.input / 1_000_000,
        cached_input=usage.cached_input_tokens * price.cached_input / 1_000_000,
        output=usage.output_tokens * price.output / 1_000_000,
    )


def cost_usd(usage: Usage, price: Price | None) -> float | None:
    """What `usage` cost at `price` in all (see `cost_of`)."""
    cost = cost_of(usage, price)
    return None if cost is None else cost.total
