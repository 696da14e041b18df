"""The bell, the list, reading and following notifications."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from notifications.tests.helpers import tell


def test_the_bell_counts_unread_and_the_list_links_to_the_record(client, cast):
    user = cast.admin_a.user
    [first] = tell(user, cast.site_a1)
    tell(user, cast.site_a2)
    client.force_login(user)
    bell = client.get(reverse("notifications:bell"))
    assert ">2<" in bell.text

    listing = client.get(reverse("notifications:list"))
    assert "New contact people for Mammu" in listing.text
    assert "New contact people for Kadaka" in listing.text

    response = client.get(reverse("notifications:open", args=[first.pk]))
    assert response["Location"] == cast.site_a1.get_portal_url()
    first.refresh_from_db()
    assert first.read_at is not None
    assert ">1<" in client.get(reverse("notifications:bell")).text


def test_mark_one_read_with_htmx_and_then_all(client, cast):
    user = cast.admin_a.user
    [first] = tell(user, cast.site_a1)
    tell(user, cast.site_a2)
    client.force_login(user)
    response = client.post(
        reverse("notifications:mark_read", args=[first.pk]), headers={"HX-Request": "true"}
    )
    assert response["HX-Trigger"] == "notifications-changed"
    assert f'id="notification-{first.pk}"' in response.text
    assert "Mark as read" not in response.text

    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "Marked 1 notification as read." in response.text
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    unread = client.get(reverse("notifications:list") + "?unread=1")
    assert "Nothing unread." in unread.text


def test_a_link_from_an_email_needs_the_recipients_login(client, cast):
    [notification] = tell(cast.admin_a.user, cast.site_a1)
    url = reverse("notifications:open", args=[notification.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    # A colleague who got the mail forwarded learns nothing either.
    client.force_login(cast.contact_a.user)
    assert client.get(url).status_code == 404


def test_a_logged_out_tab_stops_polling_the_bell(client, db):
    response = client.get(reverse("notifications:bell"))
    assert response.status_code == 286
    assert response.content == b""


@pytest.mark.parametrize("url_name", ["notifications:list", "notifications:bell"])
def test_bell_and_list_query_counts_do_not_grow(client, cast, count_queries, url_name):
    user = cast.admin_a.user
    tell(user, cast.site_a1)
    client.force_login(user)
    url = reverse(url_name)
    _response, few = count_queries(lambda: client.get(url))
    for _n in range(30):
        tell(user, cast.site_a2)
    response, many = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    assert many == few
