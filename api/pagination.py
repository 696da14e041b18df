from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Stable pages however large the list, for lists that change while read."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-pk"
