"""One JSON shape for every API error, with a code for programs and a message for people.

    {"error": {"code": "validation_error",
               "message": "Some fields are not valid.",
               "fields": {"email": ["Enter a valid email address."]}}}

Messages are in the language of the request's Accept-Language header.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from common.errors import ServiceError, StaleEdit


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class Replay(Exception):
    """Carries the stored first answer of an idempotent request back to its retry."""

    def __init__(self, response):
        self.response = response


def _flatten(detail, prefix="") -> dict[str, list[str]]:
    """Nested errors (a list item, a nested object) become dotted paths: ``events.0``."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        items = detail.items()
    elif isinstance(detail, list) and any(isinstance(i, dict | list) for i in detail):
        items = ((str(n), item) for n, item in enumerate(detail))
    else:
        messages = detail if isinstance(detail, list) else [detail]
        return {prefix or "non_field_errors": [str(m) for m in messages]}
    for key, value in items:
        if value in ({}, []):
            continue
        fields.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return fields


def handle(exc, context):
    if isinstance(exc, Replay):
        return exc.response
    if isinstance(exc, StaleEdit):
        error = {"code": "stale_version", "message": exc.message}
        return Response({"error": error}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ServiceError):
        body = {"code": "rule_violation", "message": exc.message}
        if exc.field:
            body["fields"] = {exc.field: [exc.message]}
        return Response({"error": body}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found, or not visible to you."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        error = {
            "code": "validation_error",
            "message": _("Some fields are not valid."),
            "fields": _flatten(exc.detail),
        }
        non_field = error["fields"].pop("non_field_errors", None)
        if non_field:
            error["message"] = " ".join(non_field)
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        error = {"code": codes if isinstance(codes, str) else "error", "message": str(detail)}
    response.data = {"error": error}
    return response
