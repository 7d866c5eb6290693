"""Token and cost budgets: every model call, re-asks included, is checked before it is sent.

Output tokens are only known once a reply arrives, so a call is refused when the tokens (or
cost) already spent, plus the input of the calls in flight, plus the new request's input would
pass the limit; a run can therefore overshoot by at most the output of the calls in flight.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .backends.base import ModelRequest, Usage
from .errors import BudgetExceededError
from .pricing import Price, cost_usd
from .tokens import Encoding, count_message_tokens


@dataclass
class RunSpend:
    """What one run (a `summarize` call, or a whole corpus) has spent, shared by its documents."""

    max_tokens_per_document: int | None
    max_cost_usd: float | None
    price: Price | None
    encoding: Encoding

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self.cost_usd = 0.0
        self.reserved_cost_usd = 0.0

    @property
    def active(self) -> bool:
        return self.max_tokens_per_document is not None or self.max_cost_usd is not None

    def document(self) -> DocumentSpend:
        return DocumentSpend(self)


class DocumentSpend:
    """The tokens one document has spent, checked against the run's limits."""

    def __init__(self, run: RunSpend) -> None:
        self.run = run
        self.tokens = 0
        self.reserved = 0

    def before(self, request: ModelRequest) -> int:
        """Reserve the input of `request`, or raise `BudgetExceededError` if sending it could
        pass a limit. Returns the reservation to hand to `after`."""
        run = self.run
        if not run.active:
            return 0
        incoming = count_message_tokens(request.messages, run.encoding)
        with run._lock:
            limit = run.max_tokens_per_document
            if limit is not None and self.tokens + self.reserved + incoming > limit:
                raise BudgetExceededError(
                    f"the next call ({incoming} input tokens) would take this document past "
                    f"max_tokens_per_document={limit} ({self.tokens} spent); raise the limit "
                    "or use a larger max_chunk_tokens to send fewer calls",
                    spent_tokens=self.tokens,
                    spent_cost_usd=run.cost_usd if run.price else None,
                )
            if run.max_cost_usd is not None:
                if run.price is None:
                    raise BudgetExceededError(
                        "max_cost_usd is set but the model has no known price; pass "
                        "prices={model: seedsum.Price(...)} or drop max_cost_usd",
                        spent_tokens=self.tokens,
                        spent_cost_usd=None,
                        scope="run",
                    )
                next_cost = cost_usd(Usage(input_tokens=incoming), run.price) or 0.0
                if run.cost_usd + run.reserved_cost_usd + next_cost > run.max_cost_usd:
                    raise BudgetExceededError(
                        f"the next call (about ${next_cost:.6f}) would take this run past "
                        f"max_cost_usd={run.max_cost_usd:g} (${run.cost_usd:.6f} spent); "
                        "finished calls are kept; raise the limit to continue",
                        spent_tokens=self.tokens,
                        spent_cost_usd=run.cost_usd,
                        scope="run",
                    )

            self.reserved += incoming
            run.reserved_cost_usd += cost_usd(Usage(input_tokens=incoming), run.price) or 0.0
        return incoming

    def after(self, usage: Usage, reservation: int) -> None:
        """Replace a reservation by what the call really used."""
        run = self.run
        with run._lock:
            self.reserved -= reservation
            run.reserved_cost_usd -= cost_usd(Usage(input_tokens=reservation), run.price) or 0.0
            self.tokens += usage.input_tokens + usage.output_tokens
            run.cost_usd += cost_usd(usage, run.price) or 0.0

    def release(self, reservation: int) -> None:
        """Drop a reservation whose call failed without a reply."""
        self.after(Usage(), reservation)
