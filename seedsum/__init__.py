"""seedsum: structured, quote-grounded summaries of news and policy analysis.

import seedsum
result = seedsum.summarize(text)          # -> seedsum.ArticleSummary
for p in result.predictions:
    print(p.source, p.likelihood, text[p.span.start:p.span.end])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

# Every public name and the module that defines it. Names load on first use, so `import
# seedsum` (and so every `seedsum` command, `--version` included) does not pay for pydantic
# models, the rules' regular expressions or the OpenAI SDK until something needs them.
_EXPORTS: dict[str, str] = {
    "Actor": "schema",
    "ArticleSummary": "schema",
    "Backend": "backends.base",
    "BackendError": "errors",
    "BatchError": "errors",
    "BatchOptions": "batch.run",
    "BatchPendingError": "errors",
    "BudgetExceededError": "errors",
    "CacheError": "errors",
    "Chunk": "chunking",
    "ChunkExtraction": "schema",
    "CondensedSummary": "schema",
    "ConfigurationError": "errors",
    "Cue": "schema",
    "Deadline": "schema",
    "Document": "documents",
    "DocumentInfo": "schema",
    "DocumentResult": "corpus",
    "Estimate": "estimate",
    "ForeignCacheFileError": "errors",
    "Hedge": "schema",
    "InputProblem": "documents",
    "InputWarning": "errors",
    "InvalidInputError": "errors",
    "InvalidInputTypeError": "errors",
    "Ledger": "ledger_rows",
    "LedgerRow": "ledger_rows",
    "MalformedReplyError": "errors",
    "Message": "backends.base",
    "MockBackend": "backends.mock",
    "MockExhaustedError": "errors",
    "ModelReply": "backends.base",
    "ModelRequest": "backends.base",
    "OpenAIBackend": "backends.openai",
    "Position": "schema",
    "Prediction": "schema",
    "Price": "pricing",
    "Probability": "schema",
    "RateLimit": "ratelimit",
    "RefusalError": "errors",
    "RequestRejectedError": "errors",
    "RetriesExhaustedError": "errors",
    "RetryAfterTooLongError": "errors",
    "RulesBackend": "backends.rules",
    "RunMeta": "schema",
    "SeedsumError": "errors",
    "Span": "schema",
    "Summarizer": "pipeline",
    "TruncatedReplyError": "errors",
    "Usage": "backends.base",
    "ValidationFailedError": "errors",
    "asummarize": "pipeline",
    "find_hedge": "hedges",
    "ledger": "ledger_rows",
    "parse_timeframe": "timeframes",
    "read_documents": "documents",
    "summarize": "pipeline",
}

if TYPE_CHECKING:  # what type checkers and editors see: the same names, imported eagerly
    from .backends.base import Backend as Backend
    from .backends.base import Message as Message
    from .backends.base import ModelReply as ModelReply
    from .backends.base import ModelRequest as ModelRequest
    from .backends.base import Usage as Usage
    from .backends.mock import MockBackend as MockBackend
    from .backends.openai import OpenAIBackend as OpenAIBackend
    from .backends.rules import RulesBackend as RulesBackend
    from .batch.run import BatchOptions as BatchOptions
    from .chunking import Chunk as Chunk
    from .corpus import DocumentResult as DocumentResult
    from .documents import Document as Document
    from .documents import InputProblem as InputProblem
    from .documents import read_documents as read_documents
    from .errors import BackendError as BackendError
    from .errors import BatchError as BatchError
    from .errors import BatchPendingError as BatchPendingError
    from .errors import BudgetExceededError as BudgetExceededError
    from .errors import CacheError as CacheError
    from .errors import ConfigurationError as ConfigurationError
    from .errors import ForeignCacheFileError as ForeignCacheFileError
    from .errors import InputWarning as InputWarning
    from .errors import InvalidInputError as InvalidInputError
    from .errors import InvalidInputTypeError as InvalidInputTypeError
    from .errors import MalformedReplyError as MalformedReplyError
    from .errors import MockExhaustedError as MockExhaustedError
    from .errors import RefusalError as RefusalError
    from .errors import RequestRejectedError as RequestRejectedError
    from .errors import RetriesExhaustedError as RetriesExhaustedError
    from .errors import RetryAfterTooLongError as RetryAfterTooLongError
    from .errors import SeedsumError as SeedsumError
    from .errors import TruncatedReplyError as TruncatedReplyError
    from .errors import ValidationFailedError as ValidationFailedError
    from .estimate import Estimate as Estimate
    from .hedges import find_hedge as find_hedge
    from .ledger_rows import Ledger as Ledger
    from .ledger_rows import LedgerRow as LedgerRow
    from .ledger_rows import ledger as ledger
    from .pipeline import Summarizer as Summarizer
    from .pipeline import asummarize as asummarize
    from .pipeline import summarize as summarize
    from .pricing import Price as Price
    from .ratelimit import RateLimit as RateLimit
    from .schema import Actor as Actor
    from .schema import ArticleSummary as ArticleSummary
    from .schema import ChunkExtraction as ChunkExtraction
    from .schema import CondensedSummary as CondensedSummary
    from .schema import Cue as Cue
    from .schema import Deadline as Deadline
    from .schema import DocumentInfo as DocumentInfo
    from .schema import Hedge as Hedge
    from .schema import Position as Position
    from .schema import Prediction as Prediction
    from .schema import Probability as Probability
    from .schema import RunMeta as RunMeta
    from .schema import Span as Span
    from .timeframes import parse_timeframe as parse_timeframe


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'seedsum' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "Actor",
    "ArticleSummary",
    "Backend",
    "BackendError",
    "BatchError",
    "BatchOptions",
    "BatchPendingError",
    "BudgetExceededError",
    "CacheError",
    "Chunk",
    "ChunkExtraction",
    "CondensedSummary",
    "ConfigurationError",
    "Cue",
    "Deadline",
    "Document",
    "DocumentInfo",
    "DocumentResult",
    "Estimate",
    "ForeignCacheFileError",
    "Hedge",
    "InputProblem",
    "InputWarning",
    "InvalidInputError",
    "InvalidInputTypeError",
    "Ledger",
    "LedgerRow",
    "MalformedReplyError",
    "Message",
    "MockBackend",
    "MockExhaustedError",
    "ModelReply",
    "ModelRequest",
    "OpenAIBackend",
    "Position",
    "Prediction",
    "Price",
    "Probability",
    "RateLimit",
    "RefusalError",
    "RequestRejectedError",
    "RetriesExhaustedError",
    "RetryAfterTooLongError",
    "RulesBackend",
    "RunMeta",
    "SeedsumError",
    "Span",
    "Summarizer",
    "TruncatedReplyError",
    "Usage",
    "ValidationFailedError",
    "__version__",
    "asummarize",
    "find_hedge",
    "ledger",
    "parse_timeframe",
    "read_documents",
    "summarize",
]
