"""Estimated cost of model calls, from a small price table (USD per million tokens).

Prices change: the table holds list prices as published when this version was written, and
`Summarizer(prices=...)` overrides or extends it. A model missing from the table has no cost
(`None`), never a guess. Dated snapshots ("gpt-4.1-mini-2025-04-14") use their base model's price.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

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

_SNAPSHOT = re.compile(r"-\d{4}-\d{2}-\d{2}$")


def price_for(model: str, prices: Mapping[str, Price] | None = None) -> Price | None:
    """The price of `model` from `prices` (then the built-in table), or None if unknown."""
    for table in (prices or {}, PRICES):
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
