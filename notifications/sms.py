"""The SMS adapter: an HTTP gateway configured by URL and credentials.

The gateway receives a JSON POST ``{"to", "from", "text", "reference"}``
with HTTP basic auth (SMS_GATEWAY_USERNAME / SMS_GATEWAY_PASSWORD) or a
bearer token (SMS_GATEWAY_TOKEN). ``reference`` is the outbox key, so a
gateway that deduplicates never sends a retried message twice. Any 2xx
answer is success; 408, 429 and 5xx answers, timeouts and refused
connections are retried; other 4xx answers (a bad number, bad credentials)
fail at once with the gateway's reason.

Without a gateway URL the embedded mode writes each SMS to a file under
``var/sms/`` (like its e-mail), and production offers no SMS at all.
"""

import base64
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from notifications.errors import PermanentFailure, TemporaryFailure

RETRYABLE_STATUSES = {408, 425, 429}


def available() -> bool:
    return bool(settings.SMS_GATEWAY_URL or settings.SMS_FILE_PATH)


def normalise(phone: str) -> str:
    """A number as gateways want it (``+3725123456``), or "" when it cannot be one."""
    digits = re.sub(r"[\s().-]", "", phone or "")
    return digits if re.fullmatch(r"\+?[0-9]{6,16}", digits) else ""


def send(*, to: str, text: str, reference: str) -> None:
    if settings.SMS_GATEWAY_URL:
        _post(to=to, text=text, reference=reference)
    elif settings.SMS_FILE_PATH:
        _write(to=to, text=text, reference=reference)
    else:
        raise PermanentFailure("No SMS gateway is configured (SMS_GATEWAY_URL).")


def _post(*, to: str, text: str, reference: str) -> None:
    body = json.dumps(
        {"to": to, "from": settings.SMS_SENDER, "text": text, "reference": reference}
    ).encode()
    # The scheme is checked in settings: only http and https reach here.
    request = urllib.request.Request(  # noqa: S310
        settings.SMS_GATEWAY_URL,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    if settings.SMS_GATEWAY_TOKEN:
        request.add_header("Authorization", f"Bearer {settings.SMS_GATEWAY_TOKEN}")
    elif settings.SMS_GATEWAY_USERNAME:
        pair = f"{settings.SMS_GATEWAY_USERNAME}:{settings.SMS_GATEWAY_PASSWORD}"
        request.add_header("Authorization", "Basic " + base64.b64encode(pair.encode()).decode())
    try:
        timeout = settings.SMS_GATEWAY_TIMEOUT
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as error:
        reason = f"SMS gateway answered {error.code}: {_excerpt(error)}"
        if error.code >= 500 or error.code in RETRYABLE_STATUSES:
            raise TemporaryFailure(reason) from error
        raise PermanentFailure(reason) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise TemporaryFailure(f"SMS gateway unreachable: {error}") from error


def _excerpt(error: urllib.error.HTTPError) -> str:
    try:
        return error.read(300).decode("utf-8", "replace").strip() or error.reason
    except OSError:
        return str(error.reason)


def _write(*, to: str, text: str, reference: str) -> None:
    folder = Path(str(settings.SMS_FILE_PATH))
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{timezone.now():%Y%m%d-%H%M%S}-{re.sub(r'[^A-Za-z0-9]+', '-', reference)[:80]}.txt"
    (folder / name).write_text(f"To: {to}\nReference: {reference}\n\n{text}\n", encoding="utf-8")
