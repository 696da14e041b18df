"""Typed text quoted in the bell, e-mails and SMS is shortened; the record holds it whole."""

from django.urls import reverse

from common import limits
from common.text import ELLIPSIS
from notifications import rendering
from notifications.models import Channel, Delivery, Notification
from notifications.services import notify
from quality.models import CorrectiveAction
from quality.tests import helpers

SMALL_MAIL = 6_000  # bytes: headers, a plain and an HTML part, the layout


def _rate_with_remark(client, cast, remark):
    areas = list(helpers.default_template().areas.all())
    client.force_login(cast.contact_a.user)
    data = {"comment": "", f"score_{areas[0].pk}": "1", f"remark_{areas[0].pk}": remark}
    return client.post(reverse("portal_quality:rate", args=[cast.site_a1.pk]), data)


def test_a_remark_at_its_limit_reaches_the_work_manager_short(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    remark = ("Soap is missing in every washroom. " * 100)[: limits.REMARK]
    with django_capture_on_commit_callbacks(execute=True):
        response = _rate_with_remark(client, cast, remark)
    assert response.status_code == 302
    assert smtp_server.messages
    assert all(len(m.as_bytes()) < SMALL_MAIL for m in smtp_server.messages)
    texts = [m.get_body(("plain",)).get_content() for m in smtp_server.messages]
    [quoting] = [t for t in texts if remark[:100] in t]  # "a corrective action is yours"
    assert ELLIPSIS in quoting and remark not in quoting
    # The action itself keeps the whole remark.
    assert CorrectiveAction.objects.get().problem == remark.strip()


def test_a_100000_character_text_in_an_event_gives_a_mail_of_a_few_kilobytes(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    user = cast.admin_a.user
    huge = "Vahetage kõik lambid. " * 5_000  # 110,000 characters
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(
            "site.team_changed",
            recipients=[user],
            target=cast.site_a1,
            params={"site": huge, "service_director": huge, "work_manager": ""},
        )
    assert len(notification.params["site"]) == limits.SHOWN
    [mail] = smtp_server.messages
    assert len(mail.as_bytes()) < SMALL_MAIL
    assert len(rendering.title(notification)) < 2 * limits.SHOWN


def test_notifications_stored_before_the_limit_are_rendered_short(cast):
    user = cast.admin_a.user
    huge = "x" * 100_000
    notification = Notification.objects.create(
        recipient=user,
        key="old",
        event="site.team_changed",
        params={"site": huge, "service_director": huge, "work_manager": huge},
        target=cast.site_a1,
    )
    delivery = Delivery.objects.create(
        recipient=user,
        notification=notification,
        channel=Channel.EMAIL,
        key="old:email",
        address=user.email,
    )
    subject, text, html = rendering.email(delivery)
    assert len(subject) + len(text) + len(html) < SMALL_MAIL
    assert "x" * (limits.SHOWN - 1) + ELLIPSIS in text
    delivery.channel = Channel.SMS
    assert len(rendering.sms(delivery)) <= 160
