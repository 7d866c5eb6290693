"""Client-side rate limits, so a large run stays under a provider's quota instead of living on
429 replies.

Requests and tokens are paced with the generic cell rate algorithm: each request reserves the
next free slot, `period / requests_per_minute` after the previous one (and, for tokens, a slot
as long as its share of `tokens_per_minute`), with a small burst allowed. A reservation is
made under a lock and returns how long to wait, so threads (`time.sleep`) and tasks
(`asyncio.sleep`) share one limiter.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .checks import check_int, check_number
from .errors import InvalidInputTypeError


@dataclass
class RateLimit:
    """At most `requests_per_minute` requests and `tokens_per_minute` input tokens per
    `period` seconds (60 by default; a shorter period scales the limits down for tests)."""

    requests_per_minute: float | None = None
    tokens_per_minute: float | None = None
    #: How many requests (or a request's worth of tokens) may start at once before pacing.
    burst: int = 1
    period: float = 60.0
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def __post_init__(self) -> None:
        # A zero, negative, NaN or infinite rate or period would pace nothing or forever.
        for name in ("requests_per_minute", "tokens_per_minute"):
            value = getattr(self, name)
            if value is not None:
                check_number(name, value)
        check_number("period", self.period)
        check_int("burst", self.burst, minimum=1)
        if not callable(self.clock):
            raise InvalidInputTypeError(f"clock must be a callable, got {self.clock!r}")
        self._lock = threading.Lock()
        self._requests_at = 0.0  # theoretical arrival time of the next request
        self._tokens_at = 0.0

    # A Summarizer sent to another process carries its limiter. The lock cannot be pickled,
    # and the reservations are times on this process's clock: the copy starts afresh, and
    # paces that process alone (each process gets the whole rate).
    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["_lock"]
        state["_requests_at"] = state["_tokens_at"] = 0.0
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def reserve(self, tokens: int = 0) -> float:
        """Reserve a slot for one request of `tokens` input tokens; returns seconds to wait."""
        with self._lock:
            now = self.clock()
            wait = 0.0
            if self.requests_per_minute:
                wait = max(wait, self._slot("_requests_at", now, 1, self.requests_per_minute))
            if self.tokens_per_minute and tokens:
                wait = max(wait, self._slot("_tokens_at", now, tokens, self.tokens_per_minute))
            return wait

    def _slot(self, attribute: str, now: float, amount: float, per_period: float) -> float:
        interval = self.period * amount / per_period
        tolerance = self.period * (self.burst - 1) / per_period * max(amount, 1)
        at: float = max(getattr(self, attribute), now)
        wait = max(0.0, at - tolerance - now)
        setattr(self, attribute, at + interval)
        return wait
