import logging


class OneLineRefusals(logging.Filter):
    """A refused request (any 4xx: 403, 404, 400…) is logged as one line, no traceback.

    Django logs a raised PermissionDenied or BadRequest on ``django.request``
    with its traceback: a crawler or a curious client then fills the log with
    stack traces of code that worked as meant. The line keeps what an operator
    needs to follow someone probing: method, path, status and user id. Server
    errors (5xx) keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        request = getattr(record, "request", None)
        if status is None or not 400 <= status < 500 or request is None:
            return True
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else "-"
        # Escaped like Django's own request log, so a path cannot forge log lines.
        path = request.path.encode("unicode_escape").decode("ascii")
        record.msg = "Refused %s %s %s user=%s"
        record.args = (request.method, path, status, user_id)
        record.exc_info = None
        record.exc_text = None
        return True
