"""The number of SQL queries of each request, in a response header, with DEBUG off.

bench/peer/run.py reads it once per scenario, as `make bench` does for
Clientdesk. A database execute wrapper counts without DEBUG's query log, so the
server runs as it does under load; the connection is per thread, so is the count.
"""

from django.db import connection

HEADER = "X-Query-Count"


class QueryCountMiddleware:
    """Adds X-Query-Count: the SQL queries this request ran (the peer has one database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[HEADER] = str(counter.queries)
        return response


class _Counter:
    def __init__(self):
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)
