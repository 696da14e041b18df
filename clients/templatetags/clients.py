"""Template tags of clients: what its lists draw once per row."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.templatetags.accounts import account_status
from common.links import record_url

register = template.Library()


@register.simple_tag(takes_context=True)
def member_row(context, member, edit_url_name):
    """A client's person as a row of clients/_member_table.html: name (a link
    to ``edit_url_name`` for those who manage them) and e-mail, role, the
    sites a site contact looks after (all sites for the others) and the
    account's status.

    A tag rather than template markup, for the reason quality's ``action_row``
    gives: a page draws 25. Every value is escaped.
    """
    person = member.user
    name = escape(person.full_name)
    if context.get("can_manage"):
        name = f'<a href="{escape(record_url(edit_url_name, member.pk))}">{name}</a>'
    if person.role == Role.SITE_CONTACT:
        sites = escape(", ".join(site.name for site in member.sites.all()))
    else:
        sites = escape(_("All sites"))
    labels = [escape(label) for label in (_("Name"), _("Role"), _("Sites"), _("Status"))]
    # Every value in it is escaped above or by account_status.
    return mark_safe(  # noqa: S308
        "<tr>\n"
        f'<td data-label="{labels[0]}">{name}<div class="small text-body-secondary text-break">'
        f"{escape(person.email)}</div></td>\n"
        f'<td data-label="{labels[1]}">{escape(person.get_role_display())}</td>\n'
        f'<td data-label="{labels[2]}">{sites}</td>\n'
        f'<td data-label="{labels[3]}">{account_status(person)}</td>\n'
        "</tr>"
    )
