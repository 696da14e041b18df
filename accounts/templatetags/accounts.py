"""Template tags of accounts: what lists of people draw once per row."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
