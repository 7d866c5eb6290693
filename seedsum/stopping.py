"""Stopping a command cleanly on Ctrl-C (SIGINT) or SIGTERM.

Both become one KeyboardInterrupt in the main thread, which the run turns into a clean stop.
Output that is being written when a signal arrives is finished first (`held`), so what
reaches stdout or a file is never cut in the middle of a result.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGINT, signal.SIGTERM)


class Stop:
    """Which signal asked the command to stop, if any; install with `installed()`."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._held = 0
        self._deferred = False

    @property
    def what(self) -> str:
        """What happened, for a message: "interrupted" (Ctrl-C) or "stopped by SIGTERM"."""
        if self.signal in (None, signal.SIGINT):
            return "interrupted"
        return f"stopped by {signal.Signals(self.signal).name}"

    @property
    def exit_code(self) -> int:
        """128 + the signal number, as shells report it: 130 for Ctrl-C, 143 for SIGTERM."""
        return 128 + (self.signal or signal.SIGINT)

    @contextmanager
    def installed(self) -> Iterator[Stop]:
        if threading.current_thread() is not threading.main_thread():
            yield self  # signals reach the main thread only; leave its handlers alone
            return
        previous = {s: signal.signal(s, self._handle) for s in _SIGNALS}
        try:
            yield self
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Finish the block before acting on a signal that arrives during it.

        Where it can, this also blocks the signals themselves: a write to a full pipe that a
        signal interrupts can lose what it was writing, even when the handler returns.
        """
        self._held += 1
        blocked = _block()
        try:
            yield
        finally:
            _unblock(blocked)
            self._held -= 1
            if not self._held and self._deferred:
                self._deferred = False
                raise KeyboardInterrupt

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.signal is not None:
            return  # already stopping: let the clean-up finish
        self.signal = number
        if self._held:
            self._deferred = True
            return
        raise KeyboardInterrupt


def _block() -> set[int | signal.Signals] | None:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: the handler defers alone
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)


def _unblock(previous: set[int | signal.Signals] | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
