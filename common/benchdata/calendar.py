"""The three years the company at scale has lived through, with its busy months.

Inspections, ratings and everything they set off cluster in spring and
autumn (the cleaning seasons), thin out in July and around the new year,
happen on working days and in working hours, local time.
"""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

# How busy each month is (January first), relative to the busiest.
MONTH_WEIGHTS = (0.55, 0.7, 0.95, 1.0, 0.95, 0.7, 0.45, 0.6, 1.0, 1.0, 0.85, 0.55)
# Monday first: Saturdays see a few visits, Sundays almost none.
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 0.95, 0.2, 0.05)
YEARS = 3


class Calendar:
    """The span from ``start`` to ``now`` and how likely a moment in it is to be busy."""

    def __init__(self, now: datetime, zone: str, years: int = YEARS) -> None:
        self.now = now
        self.start = now - timedelta(days=365 * years)
        self.zone = ZoneInfo(zone)

    def weight(self, moment: datetime) -> float:
        """How busy the day of ``moment`` is, 0–1 (month × weekday, local time)."""
        local = moment.astimezone(self.zone)
        return MONTH_WEIGHTS[local.month - 1] * WEEKDAY_WEIGHTS[local.weekday()]

    def moment(
        self,
        rng: random.Random,
        after: datetime | None = None,
        before: datetime | None = None,
        *,
        hours: tuple[int, int] = (8, 18),
    ) -> datetime:
        """A moment between ``after`` and ``before`` (the whole span by default), drawn
        busier in busy months and on working days, at a local time within ``hours``."""
        after = max(after or self.start, self.start)
        before = min(before or self.now, self.now)
        span = (before - after).total_seconds()
        if span <= 0:
            return before
        for _attempt in range(50):
            moment = after + timedelta(seconds=rng.random() * span)
            if rng.random() <= self.weight(moment):
                break
        local = moment.astimezone(self.zone)
        minute = rng.randint(hours[0] * 60, hours[1] * 60 - 1)
        local = local.replace(hour=minute // 60, minute=minute % 60, second=rng.randint(0, 59))
        placed = local.astimezone(moment.tzinfo)
        # Moving to working hours may step outside the bounds on the first or last day.
        return min(max(placed, after), before)

    def months(self) -> list[datetime]:
        """The first moment (local midnight) of every month that began within the span."""
        local = self.start.astimezone(self.zone)
        first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        found = []
        while first <= self.now:
            if first >= self.start:
                found.append(first)
            year, month = divmod(first.month, 12)
            first = first.replace(year=first.year + year, month=month + 1)
        return found
