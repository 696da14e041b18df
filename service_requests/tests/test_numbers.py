"""Service numbers: readable, unique, and without gaps within a year, whatever happens."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections, transaction

from common.errors import ServiceError
from service_requests.models import Request
from service_requests.services import numbers
from service_requests.tests.helpers import make_request

TALLINN = ZoneInfo("Europe/Tallinn")


def test_the_numbers_of_a_year_count_from_one_and_start_again_next_year(cast):
    first = make_request(cast, now=datetime(2025, 3, 1, 12, tzinfo=TALLINN))
    second = make_request(cast, now=datetime(2025, 3, 2, 12, tzinfo=TALLINN))
    next_year = make_request(cast, now=datetime(2026, 1, 1, 0, 30, tzinfo=TALLINN))
    assert [first.number, second.number, next_year.number] == [
        "CD-2025-000001",
        "CD-2025-000002",
        "CD-2026-000001",
    ]


def test_the_year_is_the_local_one(cast, settings):
    # 23:30 on New Year's Eve in UTC is already the new year in Tallinn.
    settings.TIME_ZONE = "Europe/Tallinn"
    made = make_request(cast, now=datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert made.number == "CD-2026-000001"


def test_a_request_refused_or_rolled_back_gives_its_number_back(cast):
    make_request(cast, now=datetime(2026, 5, 1, tzinfo=TALLINN))
    with pytest.raises(ServiceError):
        make_request(cast, subject="", now=datetime(2026, 5, 2, tzinfo=TALLINN))
    with pytest.raises(RuntimeError), transaction.atomic():
        make_request(cast, now=datetime(2026, 5, 3, tzinfo=TALLINN))
        raise RuntimeError("the caller's transaction fails after the request was made")
    last = make_request(cast, now=datetime(2026, 5, 4, tzinfo=TALLINN))
    assert last.number == "CD-2026-000002"


def test_a_number_is_taken_only_inside_the_saving_transaction(transactional_db):
    # transactional_db: the plain db fixture runs each test inside a transaction.
    with pytest.raises(RuntimeError):
        numbers.take_next(2026)


def test_a_number_past_six_digits_grows():
    assert numbers.format_number(2026, 1_234_567) == "CD-2026-1234567"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_requests_made_at_once_get_every_number_once(cast):
    made, failed = [], []
    start = threading.Barrier(8)

    def make():
        try:
            start.wait()
            for _ in range(5):
                made.append(make_request(cast, now=datetime(2026, 6, 1, tzinfo=TALLINN)).sequence)
        except Exception as error:
            failed.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failed == []
    assert sorted(made) == list(range(1, 41))
    assert Request.objects.count() == 40
