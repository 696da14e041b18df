"""The tabs of a site's page, contributed by the apps that show something per site.

Each app registers its page for a site on the staff desk and in the portal;
the site pages render the tabs without knowing the apps.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tab:
    label: Promise | str
    staff: str | None = None
    portal: str | None = None


_tabs: list[Tab] = []


def register(tab: Tab) -> None:
    if tab not in _tabs:
        _tabs.append(tab)


def tabs_for(site_pk: int, face: str, current: str) -> list[dict]:
    """[{label, url, active}] for the staff desk (face "staff") or the portal."""
    home = "clients:site_detail" if face == "staff" else "portal:site_detail"
    names = [(_("Overview"), home)] + [
        (tab.label, getattr(tab, face)) for tab in _tabs if getattr(tab, face)
    ]
    return [
        {"label": label, "url": reverse(name, args=[site_pk]), "active": name == current}
        for label, name in names
    ]
