"""Request bodies the API reads: bounded in size, and JSON bounded in depth.

DRF's own JSON parser reads a body of any size and hands it to a recursive
decoder, so 100,000 ``[`` with a valid token ended in a RecursionError.
Here a body over the limit is refused before it is read (413), and JSON
nested deeper than ``MAX_DEPTH`` is refused (400) before any code walks it.
"""

import json

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, status
from rest_framework.exceptions import ParseError

# Our deepest legitimate body is an object holding a list of objects.
MAX_DEPTH = 32


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self, limit: int):
        super().__init__(
            _("The request is too large: the API accepts at most %(size)s.")
            % {"size": filesizeformat(limit)}
        )


def _content_length(parser_context) -> int:
    request = (parser_context or {}).get("request")
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    except ValueError:
        return 0


def _refuse_if_larger(parser_context, limit: int) -> None:
    if _content_length(parser_context) > limit:
        raise RequestTooLarge(limit)


def json_limit() -> int:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def upload_limit() -> int:
    # The largest file the API takes is a picture; the form's other fields
    # need a little more.
    return (settings.IMAGE_MAX_MB + 1) * 1024 * 1024


def too_deep(value, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and objects nest deeper than ``limit``; walked without recursion."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = json_limit()
        _refuse_if_larger(parser_context, limit)
        encoding = parsers.get_encoding(parser_context or {})
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise RequestTooLarge(limit)
        try:
            text = body.decode(encoding)
            # NaN and Infinity are not JSON; DRF's strict mode refuses them the same way.
            value = json.loads(text, parse_constant=_refuse_constant)
            deep = too_deep(value)
        except json.JSONDecodeError as error:
            raise ParseError(
                _("The body is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        except (UnicodeDecodeError, ValueError):
            raise ParseError(_("The body is not valid JSON.")) from None
        except RecursionError:
            # The decoder gave up before our own check could run: too deep all the same.
            deep = True
        if deep:
            raise ParseError(
                _("The body nests lists and objects more than %(depth)s levels deep.")
                % {"depth": MAX_DEPTH}
            )
        return value


def _refuse_constant(name):
    raise ValueError(name)


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        _refuse_if_larger(parser_context, upload_limit())
        return super().parse(stream, media_type, parser_context)
