"""The quality index: how close a site came to a perfect score.

index = Σ(weight × score) ÷ Σ(weight × 5) × 100 %, over the elements that
were scored (not applicable ones do not count). Every applicable element
scored 5 gives 100 %; all scored 1 gives 20 %. None when nothing applied.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

TOP = 5


def quality_index(scores: Iterable) -> Decimal | None:
    """``scores`` are objects with ``score`` (1–5 or None) and ``weight``."""
    achieved = possible = 0
    for item in scores:
        if item.score is None:
            continue
        achieved += item.weight * item.score
        possible += item.weight * TOP
    if not possible:
        return None
    return (Decimal(achieved * 100) / possible).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
