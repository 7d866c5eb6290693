"""Reading how long a server asks us to wait before retrying (`Retry-After`)."""

from __future__ import annotations

import datetime
import email.utils
import math
import time
from collections.abc import Mapping


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """The wait a reply's headers ask for: `retry-after-ms`, else `retry-after` (seconds or an
    HTTP date); None if neither is present. A negative, malformed or NaN value counts as 0 (the
    server asked for no particular wait); an infinite one stays infinite (too long)."""
    if "retry-after-ms" in headers:
        return _non_negative(_number(headers["retry-after-ms"]) / 1000)
    if "retry-after" not in headers:
        return None
    value = headers["retry-after"].strip()
    seconds = _number(value)
    if math.isnan(seconds):
        try:
            when = email.utils.parsedate_to_datetime(value)
            if when.tzinfo is None:
                # `-0000` or no zone parses naive, which timestamp() would read as local
                # time; an HTTP date is always UTC (RFC 9110, 5.6.7).
                when = when.replace(tzinfo=datetime.timezone.utc)
            seconds = when.timestamp() - (time.time() if now is None else now)
        except (TypeError, ValueError, OverflowError, IndexError):
            return 0.0
    return _non_negative(seconds)


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return math.nan


def _non_negative(seconds: float) -> float:
    return seconds if seconds >= 0 else 0.0  # NaN compares false: 0 as well
