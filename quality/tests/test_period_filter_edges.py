"""The period filter takes any date a date box sends, the calendar's ends included."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["published_from", "published_to"])
@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31"])
def test_the_first_and_last_days_of_the_calendar_filter_nothing_and_break_nothing(
    client, cast, field, day
):
    client.force_login(cast.staff.admin)
    assert client.get(reverse("quality:inspection_list"), {field: day}).status_code == 200
