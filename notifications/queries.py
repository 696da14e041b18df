"""Read models for the bell, the notification list and the outbox."""

from django.db.models import QuerySet

from common.keyset import COUNT_LIMIT, bounded_counts
from common.querysets import with_columns_of
from notifications.access import deliveries_visible_to, notifications_visible_to
from notifications.models import Delivery, Notification

BELL_LIMIT = 99


def unread_count(user) -> int:
    # Uses index notifications_unread.
    return notifications_visible_to(user).filter(read_at__isnull=True).count()


def bell_label(count: int) -> str:
    return f"{BELL_LIMIT}+" if count > BELL_LIMIT else str(count)


def notification_list(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The reader's notifications with who did each by name: a row shows no
    more of that person, and the recipient is the reader."""
    notifications = (
        notifications_visible_to(user)
        .select_related("actor")
        .only(*(f.name for f in Notification._meta.concrete_fields), "actor__full_name")
    )
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def outbox(user, status: str = "") -> QuerySet[Delivery]:
    """The deliveries ``user`` sees, in ``status`` if given (``outbox_rows``
    adds what a row shows)."""
    deliveries = deliveries_visible_to(user)
    if status:
        deliveries = deliveries.filter(status=status)
    return deliveries


def outbox_rows(deliveries: QuerySet[Delivery]) -> QuerySet[Delivery]:
    """What an outbox row shows of a delivery's recipient (the name) and
    notification (its event and its words' values)."""
    return with_columns_of(
        deliveries, "recipient__full_name", "notification__event", "notification__params"
    )


def outbox_counts(user) -> dict[str, int]:
    """How many deliveries are in each status, counted up to ``COUNT_LIMIT`` (then "1000+").

    Bounded counts, one per status in a single query: counting two million
    sent messages to show a tab's badge would cost more than the whole page.
    """
    deliveries = deliveries_visible_to(user)
    return bounded_counts(
        {status: deliveries.filter(status=status) for status in Delivery.Status.values},
        COUNT_LIMIT,
    )
