from django.urls import reverse

from common import capabilities


def navigation(request):
    """The main menu for the person logged in: the desk for staff, the portal for clients.

    The apps declare the entries (``common.capabilities.Nav``) and who sees them.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    face: capabilities.Face = "staff" if user.is_provider_staff else "portal"
    items = [(nav.label, reverse(nav.url_name)) for nav in capabilities.navigation(face, user)]
    # The item whose address is the longest start of this page's is the current one.
    matching = [url for _label, url in items if request.path.startswith(url)]
    current = max(matching, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "active": url == current} for label, url in items
        ]
    }
