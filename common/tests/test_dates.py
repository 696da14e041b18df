"""The short date filters write what Django's ``date`` filter writes, in every language."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.template import engines
from django.utils import timezone, translation

DJANGO = engines["django"].from_string(
    '{{ value|date:"SHORT_DATETIME_FORMAT" }}|{{ value|date:"SHORT_DATE_FORMAT" }}'
)
OURS = engines["django"].from_string(
    "{% load clientdesk %}{{ value|short_datetime }}|{{ value|short_date }}"
)
ZONES = ["Europe/Tallinn", "UTC", "Asia/Shanghai", "America/New_York"]
UTC = datetime.UTC


def _times():
    # Midnight and noon (English says so in words), one-digit days, months
    # and hours, both sides of a DST change, years short of four digits.
    yield datetime.datetime(2026, 1, 5, 0, 0, tzinfo=UTC)
    yield datetime.datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC)
    yield datetime.datetime(2026, 3, 29, 1, 0, 1, tzinfo=UTC)
    yield datetime.datetime(2026, 10, 25, 10, 0, tzinfo=UTC)
    yield datetime.datetime(2026, 12, 31, 23, 7, 5, tzinfo=UTC)
    yield datetime.datetime(999, 6, 7, 12, 0, tzinfo=UTC)
    for hour in range(24):
        yield datetime.datetime(2026, 11, 30, hour, 30 if hour % 2 else 0, tzinfo=UTC)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("zone", ZONES)
def test_a_time_reads_as_djangos_date_filter_writes_it(language, zone):
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(zone)):
        for value in _times():
            context = {"value": value}
            assert OURS.render(context) == DJANGO.render(context), value


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_day_reads_as_djangos_and_nothing_reads_as_nothing(language):
    django_day = engines["django"].from_string('{{ value|date:"SHORT_DATE_FORMAT" }}')
    our_day = engines["django"].from_string("{% load clientdesk %}{{ value|short_date }}")
    with translation.override(language):
        for value in (datetime.date(2026, 1, 5), datetime.date(2026, 12, 31)):
            assert our_day.render({"value": value}) == django_day.render({"value": value})
        for value in (None, "", datetime.date(2026, 1, 5)):
            # A day where a time is asked for is nothing, not an error page.
            assert OURS.render({"value": value}) in ("|", "|" + our_day.render({"value": value}))


def test_a_template_that_turns_local_time_off_gets_the_stored_time_as_with_django():
    value = datetime.datetime(2026, 11, 30, 22, 30, tzinfo=UTC)
    off = "{% load clientdesk tz %}{% localtime off %}{{ value|short_datetime }}{% endlocaltime %}"
    django_off = (
        '{% load tz %}{% localtime off %}{{ value|date:"SHORT_DATETIME_FORMAT" }}{% endlocaltime %}'
    )
    with translation.override("et"), timezone.override(zoneinfo.ZoneInfo("Europe/Tallinn")):
        ours = engines["django"].from_string(off).render({"value": value})
        assert ours == engines["django"].from_string(django_off).render({"value": value})
        assert ours == "30.11.2026 22:30"
