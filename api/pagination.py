import base64

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Stable pages however large the list, for lists that change while read.

    A bad ``page_size`` or ``cursor`` is a 400 naming the parameter: DRF would
    quietly use the default page size, and answer a forged cursor with 404 or,
    when it decodes to a value of the wrong type, a server error.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-pk"

    def get_page_size(self, request):
        given = request.query_params.get(self.page_size_query_param, "").strip()
        if not given:
            return self.page_size
        if not given.isascii() or not given.isdigit() or not 1 <= int(given) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a whole number from 1 to %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(given)

    def decode_cursor(self, request):
        # DRF's decoder skips characters that are not base64, so "!!" read as
        # an empty cursor: refuse them instead.
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None:
            try:
                base64.b64decode(encoded.encode("ascii"), validate=True)
            except (ValueError, UnicodeEncodeError):
                raise NotFound(self.invalid_cursor_message) from None
        return super().decode_cursor(request)

    def paginate_queryset(self, queryset, request, view=None):
        if self.cursor_query_param not in request.query_params:
            return super().paginate_queryset(queryset, request, view)
        try:
            return super().paginate_queryset(queryset, request, view)
        except (NotFound, DjangoValidationError, ValueError, TypeError, OverflowError):
            raise ValidationError(
                {
                    self.cursor_query_param: [
                        _("This cursor is not valid; use a next or previous link.")
                    ]
                }
            ) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(
                    minimum=1, maximum=self.max_page_size, default=self.page_size
                )
        return parameters
