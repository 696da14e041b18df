"""Counts the SQL queries of each request into a response header, for the results file."""

from django.db import connection

HEADER = "X-Query-Count"


class QueryCountMiddleware:
    """Outermost, so the session, user and every other middleware's queries count too.

    A wrapper on this thread's connection: gthread serves requests in threads,
    each with its own connection, so counts never mix. Queries made while a
    streamed body is sent are not counted (no page of ours streams).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
