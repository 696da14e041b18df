class DeliveryError(Exception):
    """A send that did not work; ``permanent`` ones are not retried."""

    permanent = False


class TemporaryFailure(DeliveryError):
    """The server is down, busy or slow: try again later."""


class PermanentFailure(DeliveryError):
    """Trying again cannot help (a refused address, a rejected number)."""

    permanent = True
