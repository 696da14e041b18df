from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.access import can_manage_staff
from accounts.roles import Role


def navigation(request):
    """The main menu for the person logged in: the desk for staff, the portal for clients."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    if user.is_provider_staff:
        items = [
            (_("Clients"), reverse("clients:client_list")),
            (_("Quality"), reverse("quality:inspection_list")),
        ]
        if can_manage_staff(user):
            items.append((_("Staff"), reverse("accounts:staff_list")))
            items.append((_("Outbox"), reverse("notifications:outbox")))
            items.append((_("Webhooks"), reverse("webhooks:list")))
            items.append((_("Configuration"), reverse("admin:index")))
    else:
        items = [(_("My sites"), reverse("portal:home"))]
        if user.role == Role.CLIENT_ADMIN:
            items.append((_("Users"), reverse("portal:user_list")))
    # The item whose address is the longest start of this page's is the current one.
    matching = [url for _label, url in items if request.path.startswith(url)]
    current = max(matching, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "active": url == current} for label, url in items
        ]
    }
