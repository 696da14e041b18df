"""Template tags of clients: what its lists draw once per row."""

from html import escape

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.roles import Role
from accounts.templatetags.accounts import account_status
from common.links import record_url
from common.rows import RowLabels, labelled_row

register = template.Library()

MEMBER_LABELS = RowLabels(
    gettext_noop("Name"), gettext_noop("Role"), gettext_noop("Sites"), gettext_noop("Status")
)
CLIENT_LABELS = RowLabels(
    gettext_noop("Name"),
    gettext_noop("Registry code"),
    gettext_noop("Sites"),
    gettext_noop("Account manager"),
)
SITE_LABELS = RowLabels(
    gettext_noop("Site"),
    gettext_noop("Status"),
    gettext_noop("Service director"),
    gettext_noop("Work manager"),
)


@register.simple_tag(takes_context=True)
def member_row(context, member, edit_url_name):
    """A client's person as a row of clients/_member_table.html: name (a link
    to ``edit_url_name`` for those who manage them) and e-mail, role, the
    sites a site contact looks after (all sites for the others) and the
    account's status. The sites' names come from ``clients.queries.load_site_names``.

    A tag rather than template markup, for the reason quality's ``action_row``
    gives: a page draws 25. Every value is escaped, here or by ``account_status``.
    """
    person = member.user
    name = escape(person.full_name)
    if context.get("can_manage"):
        name = f'<a href="{escape(record_url(edit_url_name, member.pk))}">{name}</a>'
    if person.role == Role.SITE_CONTACT:
        sites = escape(", ".join(member.site_names))
    else:
        sites = escape(_("All sites"))
    email = f'<div class="small text-body-secondary text-break">{escape(person.email)}</div>'
    return labelled_row(
        MEMBER_LABELS.of(context),
        name + email,
        escape(person.get_role_display()),
        sites,
        account_status(person),
    )


@register.simple_tag(takes_context=True)
def client_row(context, client):
    """A client as a row of the client list: its name (a link to its page)
    with "Inactive" and "Needs a new owner" where they hold and its kind
    below, its registry code, how many sites it has and its account manager.
    A tag, as ``member_row``. Every value is escaped."""
    name = f'<a href="{escape(client.get_staff_url())}">{escape(client.name)}</a>'
    if not client.is_active:
        inactive = _("Inactive")
        name += f' <span class="badge text-bg-secondary">{escape(inactive)}</span>'
    if client.needs_new_owner:
        name += _needs_new_owner_badge()
    name += f'<div class="small text-body-secondary">{escape(client.get_kind_display())}</div>'
    return labelled_row(
        CLIENT_LABELS.of(context),
        name,
        escape(client.registry_code or NONE),
        # A client without sites has no row in the count's subquery.
        str(int(client.site_count or 0)),
        _person(client.account_manager),
    )


@register.simple_tag(takes_context=True)
def site_row(context, site):
    """A site as a row of a client's sites: its name (a link to its page) with
    "Needs a new owner" where one of its people left and its address below,
    its status, its service director and work manager. A tag, as ``member_row``."""
    name = f'<a href="{escape(site.get_staff_url())}">{escape(site.name)}</a>'
    if site.needs_new_owner:
        name += _needs_new_owner_badge()
    name += f'<div class="small text-body-secondary">{escape(site.address)}</div>'
    return labelled_row(
        SITE_LABELS.of(context),
        name,
        escape(site.get_status_display()),
        _person(site.service_director),
        _person(site.work_manager),
    )


# What an empty cell shows.
NONE = "—"


def _needs_new_owner_badge() -> str:
    # gettext outside the f-string: makemessages does not look inside them.
    label = _("Needs a new owner")
    return f' <span class="badge text-bg-warning">{escape(label)}</span>'


def _person(person) -> str:
    return escape(str(person)) if person is not None else NONE
