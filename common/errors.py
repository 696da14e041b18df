class ServiceError(Exception):
    """A business rule refused an action; the message is translated and shown to the user."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(ServiceError):
    """Someone saved the record after the caller read it; the edit is refused."""
