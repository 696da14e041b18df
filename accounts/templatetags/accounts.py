"""Template tags of accounts: what lists of people draw once per row."""

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from common.templatetags.clientdesk import initials

register = template.Library()


@register.simple_tag
def account_status(person):
    """A person's account as a badge: deactivated, invited (no password set
    yet) or active. A tag rather than an included template: lists draw one per row."""
    if not person.is_active:
        tone, text = "secondary", _("Deactivated")
    elif not person.has_usable_password():
        tone, text = "warning", _("Invited")
    else:
        tone, text = "success", _("Active")
    return format_html('<span class="badge text-bg-{}">{}</span>', tone, text)


@register.simple_tag
def contact_card(person, heading="", flat=False):
    """A person as a contact card: photo or initials, the ``heading`` (their
    part, e.g. "Service director"), name, title, phone and e-mail, each a link.
    ``flat`` leaves out the card's frame, for a card inside another.

    A tag rather than an included template: the portal's sites draw one per
    site. Every value is escaped.
    """
    if person.photo_thumbnail:
        avatar = (
            f'<img src="{escape(person.photo_thumbnail.url)}" alt="" width="56" height="56" '
            'class="rounded-circle cd-avatar">'
        )
    else:
        avatar = (
            '<span class="rounded-circle cd-avatar cd-avatar-initials" aria-hidden="true">'
            f"{escape(initials(person))}</span>"
        )
    lines = (
        [f'<div class="small text-body-secondary">{escape(str(heading))}</div>'] if heading else []
    )
    lines.append(f'<div class="fw-semibold">{escape(person.full_name)}</div>')
    if person.title:
        lines.append(f'<div class="small">{escape(person.title)}</div>')
    if person.phone:
        dial = person.phone.replace(" ", "")
        lines.append(f'<div><a href="tel:{escape(dial)}">{escape(person.phone)}</a></div>')
    email = escape(person.email)
    lines.append(f'<div class="text-break"><a href="mailto:{email}">{email}</a></div>')
    card = f'<div class="d-flex gap-3">{avatar}<div class="min-w-0">{"".join(lines)}</div></div>'
    if not flat:
        card = f'<div class="card h-100"><div class="card-body">{card}</div></div>'
    # Every value in it is escaped above.
    return mark_safe(card)  # noqa: S308
