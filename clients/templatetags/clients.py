"""Template tags of clients: what its lists draw once per row."""

from html import escape

from django import template
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.templatetags.accounts import account_status
from common.links import record_url
from common.rows import stacked_row

register = template.Library()


@register.simple_tag(takes_context=True)
def member_row(context, member, edit_url_name):
    """A client's person as a row of clients/_member_table.html: name (a link
    to ``edit_url_name`` for those who manage them) and e-mail, role, the
    sites a site contact looks after (all sites for the others) and the
    account's status.

    A tag rather than template markup, for the reason quality's ``action_row``
    gives: a page draws 25. Every value is escaped, here or by ``account_status``.
    """
    person = member.user
    name = escape(person.full_name)
    if context.get("can_manage"):
        name = f'<a href="{escape(record_url(edit_url_name, member.pk))}">{name}</a>'
    if person.role == Role.SITE_CONTACT:
        sites = escape(", ".join(site.name for site in member.sites.all()))
    else:
        sites = escape(_("All sites"))
    email = f'<div class="small text-body-secondary text-break">{escape(person.email)}</div>'
    return stacked_row(
        (_("Name"), name + email),
        (_("Role"), escape(person.get_role_display())),
        (_("Sites"), sites),
        (_("Status"), account_status(person)),
    )
