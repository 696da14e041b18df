"""Sending one outbox message over its channel, with failures sorted into retry or give up."""

import smtplib
from hashlib import sha256
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from notifications import rendering, sms
from notifications.errors import PermanentFailure, TemporaryFailure
from notifications.models import Channel, Delivery


def send(delivery: Delivery, digest_items=None) -> None:
    if delivery.channel == Channel.EMAIL:
        if delivery.is_digest:
            content = rendering.digest(delivery, digest_items or [])
        else:
            content = rendering.email(delivery)
        _send_email(delivery, *content)
    else:
        phone = sms.normalise(delivery.address)
        if not phone:
            raise PermanentFailure(f"No usable mobile number ({delivery.address!r}).")
        sms.send(to=phone, text=rendering.sms(delivery), reference=delivery.key)


def _send_email(delivery: Delivery, subject: str, text: str, html: str) -> None:
    domain = urlsplit(settings.SITE_URL).hostname or "clientdesk"
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[delivery.address],
        headers={
            # The same outbox key gives the same Message-ID, so a receiving
            # system can recognise a message that did arrive twice.
            "Message-ID": f"<{sha256(delivery.key.encode()).hexdigest()[:32]}@{domain}>",
            # RFC 3834: tells vacation responders not to answer.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentFailure(f"The mail server refused the address: {error}") from error
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(f"Mail server: {error or type(error).__name__}") from error
