"""The base of every API view: idempotent POSTs and the shared error shape."""

from rest_framework import viewsets

from api import idempotency


class IdempotentMixin:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._idempotency = idempotency.claim(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        record = getattr(self, "_idempotency", None)
        if record is not None:
            self._idempotency = None
            idempotency.remember(record, response)
        return response

    def raise_uncaught_exception(self, exc):
        # A server error frees the key: the client's retry must be able to run.
        record = getattr(self, "_idempotency", None)
        if record is not None:
            self._idempotency = None
            record.delete()
        super().raise_uncaught_exception(exc)


class ApiViewSet(IdempotentMixin, viewsets.GenericViewSet):
    """Viewsets of every app build on this; the app's access module picks the records."""

    # Ids are numbers: anything else is "not found", not a server error.
    lookup_value_regex = r"[0-9]+"

    def rows(self, objects: list) -> list:
        """What the serializer shows of other tables, loaded for a page of records
        (or the one record asked for) at once: ``common.related`` (as the pages'
        ``keyset_page(rows=…)``). By default, nothing more."""
        return objects

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else self.rows(list(page))

    def get_object(self):
        return self.rows([super().get_object()])[0]
