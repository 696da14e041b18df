"""The audit trail of events: every published event is kept, once per key."""

from django.contrib.contenttypes.models import ContentType

from common.text import shorten_all
from events.models import LoggedEvent


def record(event) -> bool:
    """Keep ``event`` in the audit trail; False if an event with its key was kept before."""
    target = event.target
    _entry, created = LoggedEvent.objects.get_or_create(
        key=event.key,
        defaults={
            "name": event.name,
            "target_type": ContentType.objects.get_for_model(target) if target else None,
            "target_id": target.pk if target is not None else None,
            "actor": event.actor if getattr(event.actor, "pk", None) else None,
            # Typed text is kept shortened: the record itself holds the whole of it.
            "params": shorten_all(event.params),
        },
    )
    return created


def events_of(target):
    """The events that happened to ``target``, oldest first (for a record's timeline)."""
    return LoggedEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).order_by("happened_at", "pk")
