"""`seedsum` with a slow MockBackend (the first argument: seconds per call), for the tests
that stop a real process with a signal: `python tests/slow_command.py 0.2 summarize ...`.
With SEEDSUM_TEST_STARTED set to a path, that file is created when the first call starts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import seedsum.cli
from seedsum.backends import MockBackend
from seedsum.backends.base import ModelReply, ModelRequest
from seedsum.backends.mock import replay


class _Slow(MockBackend):
    async def acomplete(self, request: ModelRequest) -> ModelReply:
        marker = os.environ.get("SEEDSUM_TEST_STARTED")
        if marker:
            Path(marker).touch()
        return await super().acomplete(request)


def _slow_backend(args: object) -> MockBackend:
    annotation = Path(args.replay).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    return _Slow(responder=replay(annotation), latency=float(sys.argv[1]))


if __name__ == "__main__":
    seedsum.cli._backend = _slow_backend  # type: ignore[assignment]
    sys.exit(seedsum.cli.main(sys.argv[2:]))
