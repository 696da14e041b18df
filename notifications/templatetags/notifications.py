from django import template

from events import registry
from notifications import rendering

register = template.Library()


@register.filter
def notification_title(notification):
    return rendering.title(notification)


@register.filter
def event_label(key):
    try:
        return registry.get(key).label
    except LookupError:
        return key
