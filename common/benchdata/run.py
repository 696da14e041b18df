"""One build of the company at scale: its size, its clock, its dice and what is made so far."""

import random
from collections.abc import Callable
from datetime import datetime
from typing import Any, TextIO

from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from common import capabilities
from common.benchdata.bulk import Bulk, Ids
from common.benchdata.calendar import Calendar
from common.benchdata.timing import Timings

# large = the company of issue 18; small = a tenth, for quick runs; tiny = the test's.
SCALES = {"large": 1.0, "small": 0.1, "tiny": 0.002}
SEED = 18


class Run:
    """What every part's ``build(run)`` gets.

    - ``scale`` (1.0 large, 0.1 small, 0.002 tiny) and ``count(large)``, the
      number at this scale of what the large company has;
    - ``random(name)``: dice of their own per name, so one part's draws do not
      shift another's; ``rng`` is the run's own;
    - ``now`` and ``calendar``: the three years up to now, with busy months;
    - ``shared``: what earlier parts made (see the package docstring for the keys);
    - ``part(name)``: times a block and counts its rows (``part.add(n)``);
    - ``bulk()``: a ``Bulk`` writer; ``ids``: the primary keys handed out.
    """

    def __init__(
        self,
        scale: str,
        *,
        now: datetime | None = None,
        out: TextIO | None = None,
        seed: int = SEED,
    ) -> None:
        self.scale_name = scale
        self.scale = SCALES[scale]
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
        self.now = (now or timezone.now()).replace(second=0, microsecond=0)
        self.calendar = Calendar(self.now, settings.TIME_ZONE)
        self.shared: dict[str, Any] = {}
        self.timings = Timings(out)
        self.ids = Ids()

    @property
    def start(self) -> datetime:
        return self.calendar.start

    def count(self, large: float, minimum: int = 1) -> int:
        """How many, at this scale, of what the large company has ``large`` of."""
        return max(minimum, round(large * self.scale))

    def random(self, name: str) -> random.Random:
        """Dice of their own for ``name``: the same draws on every run of the same seed."""
        return random.Random(f"{self.seed}:{name}")  # noqa: S311

    def part(self, name: str, *, quiet: bool = False):
        return self.timings.part(name, quiet=quiet)

    def bulk(self, batch: int | None = None) -> Bulk:
        return Bulk(self.ids) if batch is None else Bulk(self.ids, batch=batch)

    def say(self, line: str) -> None:
        self.timings.say(line)

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load (PostgreSQL), so what
        queries the tables next (the services' slice) gets its indexes used."""
        if connection.vendor == "postgresql":
            with self.part("analyze"), connection.cursor() as cursor:
                cursor.execute("ANALYZE")


def path_maker(url_name: str) -> Callable[[int], str]:
    """``pk -> reverse(url_name, args=[pk])`` without reversing a million times."""
    marker = 987654321987
    template = reverse(url_name, args=[marker])
    before, after = template.split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


def parts() -> list[tuple[str, Callable[[Run], None]]]:
    """Every app's registered part, imported up front (so listeners a part's module
    registers on import hear the parts before it too), in the order they run."""
    return [(entry.build, import_string(entry.build)) for entry in capabilities.bench_data()]


def build(run: Run) -> None:
    """Make the whole company: every app's part, in order."""
    for name, part in parts():
        with run.part(name.rsplit(".", 1)[0]):
            part(run)
