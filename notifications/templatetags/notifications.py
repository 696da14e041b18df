from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from common.csrf import csrf_field
from common.dates import SHORT_DATETIME, local_format
from common.links import record_url
from common.rows import RowLabels
from common.states import machine_of
from events import registry
from notifications import rendering
from notifications.models import Delivery

register = template.Library()


@register.filter
def notification_title(notification):
    return rendering.title(notification)


@register.simple_tag(takes_context=True)
def notification_item(context, notification):
    """One notification of the list: its title as a link that opens it, when
    it happened and who did it, highlighted with "Mark as read" while unread.

    A tag, as the outbox's rows: the list draws 25 and the template engine
    took most of the page's time. Every value is escaped.
    """
    unread = notification.read_at is None
    pk = int(notification.pk)
    created = notification.created_at
    when = (
        f'<time datetime="{escape(timezone.localtime(created).isoformat())}">'
        f"{escape(local_format(created, SHORT_DATETIME))}</time>"
    )
    if notification.actor_id is not None:
        when += f" · {escape(notification.actor.full_name)}"
    action = ""
    if unread:
        mark_read = record_url("notifications:mark_read", pk)
        label = _("Mark as read")
        action = (
            f'<form method="post" action="{mark_read}" hx-post="{mark_read}" '
            f'hx-target="#notification-{pk}" hx-swap="outerHTML">{csrf_field(context)}'
            f'<button type="submit" class="btn btn-sm btn-link cd-nowrap">{escape(label)}'
            "</button></form>"
        )
    # Every value in it is escaped above or here.
    return mark_safe(  # noqa: S308
        '<li class="list-group-item d-flex gap-2 align-items-start'
        f'{" list-group-item-primary" if unread else ""}" id="notification-{pk}">'
        f'<div class="me-auto"><a href="{escape(notification.get_absolute_url())}" '
        f'class="{"fw-semibold " if unread else ""}link-body-emphasis">'
        f"{escape(rendering.title(notification))}</a>"
        f'<div class="small text-body-secondary">{when}</div></div>{action}</li>'
    )


@register.filter
def event_label(key):
    try:
        return registry.get(key).label
    except LookupError:
        return key


OUTBOX_LABELS = RowLabels(
    gettext_noop("Created"),
    gettext_noop("Recipient"),
    gettext_noop("Message"),
    gettext_noop("Status"),
    gettext_noop("Attempts"),
    gettext_noop("Reason"),
    gettext_noop("Actions"),
)


@register.simple_tag(takes_context=True)
def outbox_row(context, delivery):
    """One message of the outbox as a table row: when it was made, to whom and
    how, what it says, its status and next attempt, its attempts and the
    reason it failed, and "Send again" where its state allows it.

    A tag rather than template markup, as Django's admin writes its change
    list's rows: the outbox draws 25, and the template engine took most of the
    page's time. Every value is escaped.
    """
    if delivery.is_digest:
        message = escape(_("Daily digest"))
    else:
        message = (
            f"{escape(rendering.title(delivery.notification))}"
            f'<div class="small text-body-secondary">'
            f"{escape(str(event_label(delivery.notification.event)))}</div>"
        )
    status = escape(delivery.get_status_display())
    if delivery.status == Delivery.Status.PENDING and delivery.next_attempt_at:
        # gettext outside the f-strings: makemessages does not look inside them.
        next_attempt = _("next attempt %(time)s") % {
            "time": local_format(delivery.next_attempt_at, SHORT_DATETIME)
        }
        status += f'<div class="small text-body-secondary">{escape(next_attempt)}</div>'
    elif delivery.sent_at:
        sent = local_format(delivery.sent_at, SHORT_DATETIME)
        status += f'<div class="small text-body-secondary">{escape(sent)}</div>'
    reason = escape(_(delivery.last_error)) if delivery.last_error else ""
    action = ""
    if machine_of(delivery).allows(delivery, "send_again"):
        send_again = _("Send again")
        action = (
            f'<form method="post" action="{record_url("notifications:retry", delivery.pk)}">'
            f"{csrf_field(context)}"
            f'<button type="submit" class="btn btn-sm btn-outline-primary">'
            f"{escape(send_again)}</button></form>"
        )
    labels = OUTBOX_LABELS.of(context)
    # Every value in it is escaped above or here.
    return mark_safe(  # noqa: S308
        f'<tr id="delivery-{int(delivery.pk)}">'
        f'<td data-label="{labels[0]}" class="cd-nowrap">'
        f"{escape(local_format(delivery.created_at, SHORT_DATETIME))}</td>"
        f'<td data-label="{labels[1]}">{escape(delivery.recipient.full_name)}'
        f'<div class="small text-body-secondary">{escape(delivery.get_channel_display())}: '
        f"{escape(delivery.address)}</div></td>"
        f'<td data-label="{labels[2]}">{message}</td>'
        f'<td data-label="{labels[3]}">{status}</td>'
        f'<td data-label="{labels[4]}">{int(delivery.attempts)}</td>'
        f'<td data-label="{labels[5]}" class="small text-break">{reason}</td>'
        f'<td data-label="{labels[6]}">{action}</td>'
        "</tr>"
    )
