"""Each person chooses channels per event; a client administrator sets their people's defaults."""

from types import SimpleNamespace

from django.urls import reverse

from events import registry
from notifications.models import ClientDefault, Delivery, Notification, Preference
from notifications.tests.helpers import tell

EVENT = "site.team_changed"


def settings_data(**choices):
    """The posted settings form: every other event type as its built-in default."""
    data = {}
    for event_type in registry.configurable_for_clients() + registry.configurable_for(
        SimpleNamespace(is_provider_staff=True, role="administrator")
    ):
        if event_type.defaults.in_app:
            data[f"{event_type.key}--in_app"] = "on"
        data[f"{event_type.key}--email"] = event_type.defaults.email
    data.update({f"{EVENT}--in_app": "on", f"{EVENT}--email": "now"})
    data.update({f"{EVENT}--{k}": v for k, v in choices.items()})
    return {k: v for k, v in data.items() if v is not None}


def test_a_person_turns_email_off_and_keeps_the_bell(client, cast):
    user = cast.contact_a.user
    client.force_login(user)
    page = client.get(reverse("notifications:settings"))
    assert "Your contact people at a site changed" in page.text
    response = client.post(
        reverse("notifications:settings"), settings_data(email="off"), follow=True
    )
    assert "Your notification settings are saved." in response.text
    [notification] = tell(user, cast.site_a1)
    assert notification.in_app
    assert not Delivery.objects.exists()


def test_choosing_nothing_at_all_means_no_notification(client, cast):
    user = cast.contact_a.user
    client.force_login(user)
    client.post(reverse("notifications:settings"), settings_data(in_app=None, email="off"))
    assert tell(user, cast.site_a1) == []
    assert not Notification.objects.exists()


def test_sms_needs_a_phone_number(client, cast, settings):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"
    user = cast.contact_a.user
    user.phone = ""
    user.save()
    client.force_login(user)
    response = client.post(reverse("notifications:settings"), settings_data(sms="on"))
    assert response.status_code == 200
    assert "Add a mobile phone number to your profile before you choose SMS." in response.text
    assert not Preference.objects.exists()


def test_staff_see_no_client_only_events(client, cast):
    client.force_login(cast.staff.operator)
    page = client.get(reverse("notifications:settings"))
    assert "Your contact people at a site changed" not in page.text
    assert "Someone you invited has joined" in page.text


def test_a_client_administrators_defaults_apply_until_a_person_chooses(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(
        reverse("notifications:client_defaults"), settings_data(email="digest"), follow=True
    )
    assert "The defaults for your organisation&#x27;s users are saved." in response.text
    assert ClientDefault.objects.get(client=cast.client_a).email == "digest"

    [notification] = tell(cast.contact_a.user, cast.site_a1)
    assert notification.email_mode == "digest"
    # Client B's people keep the built-in default.
    [other] = tell(cast.contact_b.user, cast.site_b1)
    assert other.email_mode == "now"

    # The contact chooses "at once" themselves: that wins over the default.
    client.force_login(cast.contact_a.user)
    page = client.get(reverse("notifications:settings"))
    assert "Your organisation's default" in page.text
    client.post(reverse("notifications:settings"), settings_data(email="now"))
    [mine] = tell(cast.contact_a.user, cast.site_a1)
    assert mine.email_mode == "now"


def test_a_choice_equal_to_the_default_keeps_following_the_default(client, cast):
    client.force_login(cast.contact_a.user)
    client.post(reverse("notifications:settings"), settings_data())
    assert not Preference.objects.exists()


def test_the_defaults_change_is_in_the_history(client, cast):
    client.force_login(cast.admin_a.user)
    client.post(reverse("notifications:client_defaults"), settings_data(in_app=None))
    entry = ClientDefault.history.get()
    assert entry.history_user == cast.admin_a.user


def test_only_a_client_administrator_sets_defaults(client, cast):
    for person in (cast.contact_a.user, cast.staff.admin):
        client.force_login(person)
        assert client.get(reverse("notifications:client_defaults")).status_code == 403


def test_a_bad_choice_is_explained_and_changes_nothing(client, cast):
    client.force_login(cast.contact_a.user)
    response = client.post(reverse("notifications:settings"), settings_data(email="hourly"))
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert not Preference.objects.exists()


def test_reset_returns_to_the_defaults(client, cast):
    client.force_login(cast.contact_a.user)
    client.post(reverse("notifications:settings"), settings_data(email="off"))
    assert Preference.objects.exists()
    response = client.post(reverse("notifications:settings"), {"reset": "1"}, follow=True)
    assert "Your notification settings follow the defaults again." in response.text
    assert not Preference.objects.exists()
