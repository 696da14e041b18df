"""How long each part of the data at scale took, and how many rows it wrote.

``part("inspections")`` times a block; parts nest, and a part's own time
excludes the parts inside it, so the summary adds up to the total. A
``quiet`` part (one called per batch, like the notifications written for
each batch of events) prints nothing itself and is added up in the summary.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Part:
    name: str
    rows: int = 0
    started: float = field(default_factory=time.perf_counter)
    inner: float = 0.0

    def add(self, rows: int) -> None:
        """Count ``rows`` more rows written by this part."""
        self.rows += rows


@dataclass
class Total:
    rows: int = 0
    seconds: float = 0.0
    times: int = 0


class Timings:
    def __init__(self, out: TextIO | None) -> None:
        self.out = out
        self.totals: dict[str, Total] = {}
        self._stack: list[Part] = []
        self.started = time.perf_counter()

    def say(self, line: str) -> None:
        if self.out is not None:
            self.out.write(line + "\n")
            self.out.flush()

    @contextmanager
    def part(self, name: str, *, quiet: bool = False) -> Iterator[Part]:
        """Time the block as part ``name``; ``part.add(n)`` counts its rows."""
        depth = len(self._stack)
        current = Part(name)
        self._stack.append(current)
        if not quiet:
            self.say(f"{'  ' * depth}{name} …")
        try:
            yield current
        finally:
            self._stack.pop()
            seconds = time.perf_counter() - current.started
            if self._stack:
                self._stack[-1].inner += seconds
            total = self.totals.setdefault(name, Total())
            total.rows += current.rows
            total.seconds += seconds - current.inner
            total.times += 1
            if not quiet:
                rows = f"{current.rows:>12,} rows" if current.rows else " " * 17
                self.say(f"{'  ' * depth}{name:<40}{rows} {seconds:8.1f} s")

    def summary(self) -> list[str]:
        """One line per part name: rows and own seconds, then the total."""
        elapsed = time.perf_counter() - self.started
        lines = [f"{'part':<40}{'rows':>17} {'own time':>10}"]
        for name, total in self.totals.items():
            rows = f"{total.rows:>12,} rows" if total.rows else " " * 17
            lines.append(f"{name:<40}{rows} {total.seconds:8.1f} s")
        written = sum(total.rows for total in self.totals.values())
        lines.append(f"{'total':<40}{written:>12,} rows {elapsed:8.1f} s")
        return lines
