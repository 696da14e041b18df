"""Shortening typed text where it is shown beside other things: history, notifications."""

from common import limits

ELLIPSIS = "…"


def shorten(text: str, limit: int = limits.SHOWN) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when it was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def shorten_all(value, limit: int = limits.SHOWN):
    """Every string in ``value``, also inside dicts and lists (notification params), shortened."""
    if isinstance(value, str):
        return shorten(value, limit)
    if isinstance(value, dict):
        return {key: shorten_all(item, limit) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [shorten_all(item, limit) for item in value]
    return value
