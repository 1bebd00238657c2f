"""A bound on the compiled solver programs a long-running server keeps in memory.

JAX compiles one solver program per input shape (lesion count, padded boundary count) and keeps
every one for the life of the process: a browsing session that tries many patients grew the
server from about 300 to over 1,400 MB (40 varied requests). The budget counts the distinct
shapes solved since the caches were last emptied; a request with a new shape beyond the limit
waits until no solve is running, empties JAX's caches (``jax.clear_caches``) and starts a new
count. A program compiled again is then read back from the persistent compilation cache on disk
(seconds, not the first compile's ten), and the process stays at the size the limit allows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager

import jax

MAX_COMPILED_PROGRAMS = 6


class ProgramBudget:
    """Admits solves by shape; ``clear`` empties the compiled caches when a new shape would pass
    ``limit``."""

    def __init__(
        self, limit: int = MAX_COMPILED_PROGRAMS, clear: Callable[[], None] = jax.clear_caches
    ) -> None:
        if limit < 1:
            raise ValueError("the program budget needs a limit of at least 1")
        self.limit = limit
        self._clear = clear
        self._shapes: set[Hashable] = set()
        self._active = 0
        self._condition = threading.Condition()
        self.clears = 0

    @property
    def shapes(self) -> frozenset[Hashable]:
        """The shapes solved since the caches were last emptied."""
        with self._condition:
            return frozenset(self._shapes)

    def _over(self, shapes: set[Hashable]) -> bool:
        return not shapes <= self._shapes and len(self._shapes | shapes) > self.limit

    @contextmanager
    def admit(self, *shapes: Hashable) -> Iterator[None]:
        """Hold while solving programs of ``shapes`` (blocks while caches are being emptied)."""
        wanted = set(shapes)
        with self._condition:
            if self._over(wanted):
                self._condition.wait_for(lambda: self._active == 0 or not self._over(wanted))
                if self._over(wanted):
                    self._clear()
                    self._shapes.clear()
                    self.clears += 1
            self._shapes |= wanted
            self._active += 1
        try:
            yield
        finally:
            with self._condition:
                self._active -= 1
                self._condition.notify_all()
