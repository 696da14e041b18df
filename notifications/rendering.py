"""The words of a notification: in the bell, in an e-mail, in an SMS, in a digest.

Everything renders from the notification's stored ``params`` and its link,
never from a fresh query per row, and in the language asked for: the
reader's page language for the list, the recipient's own for messages.
"""

import functools
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator

from common.text import shorten_all
from events import registry
from notifications.models import Delivery, Notification


def open_url(notification: Notification) -> str:
    """The absolute link a message carries: it opens the record only after login,
    and only for the notification's recipient (see views.open_notification)."""
    return settings.SITE_URL + notification.get_absolute_url()


def _context(notification: Notification, **extra) -> dict:
    # Only what the row itself holds: lists render many titles without queries.
    return {
        "notification": notification,
        # Shortened when stored (services.notify); again here for rows older than that.
        "params": shorten_all(notification.params),
        "url": open_url(notification),
        "site_url": settings.SITE_URL,
        **extra,
    }


def _line(template: str, context: dict) -> str:
    return " ".join(render_to_string(template, context).split())


def title(notification: Notification) -> str:
    """One line saying what happened, in the active language (the bell, the list, subjects).

    Its event's words filled in with its ``params`` alone (no link, no other
    field), so the same event, params and language always read the same: a
    title is rendered once per process and language, and a list of 25 reads
    the titles it has shown before (each template render cost more than the
    rest of its row).
    """
    params = json.dumps(notification.params, sort_keys=True, cls=DjangoJSONEncoder)
    return _title(notification.event, translation.get_language(), params)


# Titles kept per process: a few hundred events × params × four languages fill
# it on a busy day; the least recently shown go first. Emptied when a template
# changes under the development server and when a test changes a setting
# (notifications.apps); a release restarts the processes.
TITLES_KEPT = 4096


def forget_titles(**kwargs) -> None:
    """A signal receiver: every kept title is rendered afresh when next shown."""
    _title.cache_clear()


@functools.lru_cache(maxsize=TITLES_KEPT)
def _title(event: str, language: str | None, params: str) -> str:
    # ``language`` is the active one (part of the key, not switched to).
    context = {"params": shorten_all(json.loads(params))}
    return _line(registry.get(event).template("subject.txt"), context)


def email(delivery: Delivery) -> tuple[str, str, str]:
    """Subject, plain text and HTML of one notification's e-mail, in the recipient's language."""
    notification = delivery.notification
    assert notification is not None
    event_type = registry.get(notification.event)
    extra = event_type.send_context(notification) if event_type.send_context else {}
    with translation.override(delivery.recipient.language):
        context = _context(
            notification, recipient=delivery.recipient, actor=notification.actor, **extra
        )
        return (
            _line(event_type.template("subject.txt"), context),
            render_to_string(event_type.template("body.txt"), context),
            render_to_string(event_type.template("body.html"), context),
        )


def sms(delivery: Delivery) -> str:
    """A short text in the recipient's language, with the link to the record at its end."""
    notification = delivery.notification
    assert notification is not None
    event_type = registry.get(notification.event)
    with translation.override(delivery.recipient.language):
        text = _line(event_type.template("sms.txt"), _context(notification))
    link = open_url(notification)
    room = max(settings.SMS_MAX_LENGTH - len(link) - 1, 20)
    return f"{Truncator(text).chars(room)} {link}"


def digest(delivery: Delivery, notifications: list[Notification]) -> tuple[str, str, str]:
    """One e-mail listing a day's notifications, each with its line and link."""
    with translation.override(delivery.recipient.language):
        items = [(title(n), open_url(n), n) for n in notifications]
        context = {
            "recipient": delivery.recipient,
            "items": items,
            "site_url": settings.SITE_URL,
            "settings_url": settings.SITE_URL + reverse("notifications:settings"),
        }
        return (
            _line("notifications/mail/digest.subject.txt", context),
            render_to_string("notifications/mail/digest.body.txt", context),
            render_to_string("notifications/mail/digest.body.html", context),
        )
