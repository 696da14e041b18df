"""Signing webhook bodies so receivers can tell they come from Clientdesk.

Header ``Clientdesk-Signature: t=<unix time>,v1=<hex>``: the hex is the
HMAC-SHA256, keyed with the subscription's secret, of ``"<t>.<body>"``.
During the day after a rotation a second ``v1=`` signs with the old secret.
Receivers recompute it, compare in constant time, and refuse a ``t`` more
than five minutes old (replays).
"""

import hashlib
import hmac

HEADER = "Clientdesk-Signature"
TOLERANCE_SECONDS = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header(secrets: list[str], timestamp: int, body: bytes) -> str:
    return ",".join([f"t={timestamp}", *(f"v1={sign(s, timestamp, body)}" for s in secrets)])


def verify(secret: str, value: str, body: bytes, now: int) -> bool:
    """What a receiver does; used by the tests, and a model for receivers' code."""
    parts = [p.split("=", 1) for p in value.split(",") if "=" in p]
    timestamps = [int(v) for k, v in parts if k == "t" and v.isdigit()]
    if not timestamps or abs(now - timestamps[0]) > TOLERANCE_SECONDS:
        return False
    expected = sign(secret, timestamps[0], body)
    return any(k == "v1" and hmac.compare_digest(v, expected) for k, v in parts)
