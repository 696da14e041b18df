"""Requests and complaints: their kinds and topics, and the requests themselves."""

from service_requests.models.catalogue import Acceptance, Procedure, RequestKind, Topic
from service_requests.models.requests import (
    SEVERITY_MEANINGS,
    Channel,
    Request,
    Severity,
    YearCounter,
)

__all__ = [
    "SEVERITY_MEANINGS",
    "Acceptance",
    "Channel",
    "Procedure",
    "Request",
    "RequestKind",
    "Severity",
    "Topic",
    "YearCounter",
]
