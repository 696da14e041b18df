from notifications.queries import bell_label, unread_count


def bell(request):
    """The unread count in the header, on every page of a logged-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = unread_count(user)
    return {"unread_notifications": count, "unread_notifications_label": bell_label(count)}
