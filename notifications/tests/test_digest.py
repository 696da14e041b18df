"""A daily digest: a day's notifications in one mail, at the digest hour."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from notifications import tasks
from notifications.models import Delivery, Preference
from notifications.tests.helpers import tell

TALLINN = ZoneInfo("Europe/Tallinn")


def at(day, hour, minute=0):
    return time_machine.travel(datetime(2026, 11, day, hour, minute, tzinfo=TALLINN), tick=False)


def run_digest_job(capture):
    # Jobs leave after the commit; run them while the clock is still set.
    with capture(execute=True):
        tasks.send_digests_job()


def test_a_days_notifications_arrive_in_one_mail_the_next_morning(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    user = cast.admin_a.user
    Preference.objects.create(user=user, event="site.team_changed", email="digest")
    for hour, site in ((9, cast.site_a1), (13, cast.site_a2), (18, cast.site_a1)):
        with at(23, hour), django_capture_on_commit_callbacks(execute=True):
            tell(user, site)
    assert smtp_server.messages == []

    with at(24, 6, 5):
        run_digest_job(django_capture_on_commit_callbacks)
    assert smtp_server.messages == []  # not before the digest hour (07:00)

    with at(24, 7, 5):
        run_digest_job(django_capture_on_commit_callbacks)
        run_digest_job(django_capture_on_commit_callbacks)  # a second run finds nothing left
    with at(24, 8, 5):
        run_digest_job(django_capture_on_commit_callbacks)

    [message] = smtp_server.messages
    assert message["Subject"] == "Clientdesk: 3 new notifications"
    text = message.get_body(("plain",)).get_content()
    assert text.count("New contact people for Mammu") == 2
    assert text.count("New contact people for Kadaka") == 1
    assert Delivery.objects.get().is_digest


def test_what_happens_after_the_digest_hour_waits_for_the_next_day(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    user = cast.admin_a.user
    Preference.objects.create(user=user, event="site.team_changed", email="digest")
    with at(24, 7, 30):
        tell(user, cast.site_a1)
    with at(24, 8, 5):
        run_digest_job(django_capture_on_commit_callbacks)
    assert smtp_server.messages == []
    with at(25, 7, 5):
        run_digest_job(django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == 1
