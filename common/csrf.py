"""The CSRF field of a form that a row tag writes."""

from django.template.backends.utils import csrf_input
from django.utils.html import format_html


def csrf_field(context) -> str:
    """The hidden CSRF input, with the token the page's other forms carry.

    Django masks the secret anew at every ``get_token`` call: 32 characters
    drawn one by one from the system's random source, 0.03 ms. A list whose
    25 rows each hold a form asked for 25; ``{% csrf_token %}`` takes the
    render's one token from the context (its ``csrf`` processor), and so
    does this. Any masked token of the session's secret is accepted.
    """
    token = context.get("csrf_token")
    if token is None:
        return csrf_input(context["request"])
    # As {% csrf_token %}: nothing when the processor had no token to give.
    if not token or str(token) == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
