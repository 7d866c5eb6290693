"""Checking what callers hand the `Summarizer`, before anything runs: one clear error each."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .checks import check_bool, check_number
from .errors import InvalidInputError, InvalidInputTypeError
from .pricing import Price
from .ratelimit import RateLimit

# Python strings can hold halves of UTF-16 pairs that no encoder (or model API) accepts.
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: object) -> str:
    """`text`, if it is a document that can be summarized."""
    if not isinstance(text, str):
        hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, bytes) else ""
        raise InvalidInputTypeError(f"text must be a str, got {type(text).__name__}{hint}")
    if not text.strip():
        raise InvalidInputError("text is empty or only whitespace: there is nothing to summarize")
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise InvalidInputError(
            f"text has a lone surrogate (U+{ord(surrogate.group()):04X}) at character "
            f"{surrogate.start()}: it is not valid Unicode and cannot be sent to a model. "
            "It usually comes from decoding with errors='surrogateescape' or from a broken "
            "\\u escape in JSON; decode the input strictly, or replace it"
        )
    return text


def check_options(
    drop_ungrounded: object, max_cost_usd: object, prices: object, rate_limit: object
) -> None:
    check_bool("drop_ungrounded", drop_ungrounded)
    if max_cost_usd is not None:
        check_number("max_cost_usd", max_cost_usd)
    if prices is not None and not (
        isinstance(prices, Mapping)
        and all(isinstance(k, str) and isinstance(v, Price) for k, v in prices.items())
    ):
        raise InvalidInputTypeError(
            "prices must be a mapping of model names to seedsum.Price(input, cached_input, "
            "output), "
            f"got {prices!r}"
        )
    if rate_limit is not None and not isinstance(rate_limit, RateLimit):
        raise InvalidInputTypeError(
            "rate_limit must be a seedsum.RateLimit (e.g. RateLimit(requests_per_minute=500)), "
            f"got {type(rate_limit).__name__} {rate_limit!r}"
        )
