"""One JSON shape for every API error, with a code for programs and a message for people.

    {"error": {"code": "validation_error",
               "message": "Some fields are not valid.",
               "fields": {"email": ["Enter a valid email address."]}}}

Messages are in the language of the request's Accept-Language header.
"""

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from api.parsers import RequestTooLarge
from common import views as pages
from common.errors import ServiceError, StaleEdit
from common.states import InvalidState

API_PREFIX = "/api/"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def not_found_message() -> str:
    return _("Not found, or not visible to you.")


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
    if isinstance(exc, InvalidState):
        # The same translated message the page shows, naming the record's state.
        error = {"code": "invalid_state", "message": exc.message}
        return Response({"error": error}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ServiceError):
        body = {"code": "rule_violation", "message": exc.message}
        if exc.field:
            body["fields"] = {exc.field: [exc.message]}
        return Response({"error": body}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = exceptions.ParseError(_("The request has too many fields or files."))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(not_found_message())
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


# Django's own error views, for what happens outside the API's views: a URL
# that does not resolve (/api/v1/sites/abc/), a body refused by Django itself,
# a server error. Under /api/ they answer in the shape above; elsewhere the
# site's pages.


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _json(code: str, message: str, status_code: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": str(message)}}, status=status_code)


def bad_request(request, exception=None):
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        error = RequestTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return _json(error.default_code, error.detail, error.status_code)
    # Django has logged the suspicious request on the django.security logger.
    return _json("parse_error", _("The request is not valid."), status.HTTP_400_BAD_REQUEST)


def permission_denied(request, exception=None):
    if not _is_api(request):
        return pages.error_403(request, exception)
    detail = exceptions.PermissionDenied.default_detail
    return _json("permission_denied", detail, status.HTTP_403_FORBIDDEN)


def page_not_found(request, exception=None):
    if not _is_api(request):
        return pages.error_404(request, exception)
    return _json("not_found", not_found_message(), status.HTTP_404_NOT_FOUND)


def server_error(request):
    # Django has logged the traceback already; the caller gets no trace of it.
    if not _is_api(request):
        return pages.error_500(request)
    message = _("Something went wrong on our side. It has been logged; please try again later.")
    return _json("server_error", message, status.HTTP_500_INTERNAL_SERVER_ERROR)
