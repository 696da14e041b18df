"""Administrators name the kinds of request and the topics in every language."""

from django.urls import reverse

from service_requests.models import RequestKind, Topic


def test_the_five_kinds_are_there_from_the_start_in_four_languages(db):
    kinds = {kind.code: kind for kind in RequestKind.objects.all()}
    assert list(kinds) == ["complaint", "order", "question", "praise", "information"]
    assert kinds["complaint"].procedure == "complaint"
    assert all(
        kind.name and kind.name_et and kind.name_ru and kind.name_zh_hans for kind in kinds.values()
    )


def test_an_administrator_adds_a_topic_under_another(client, cast):
    client.force_login(cast.staff.admin)
    cleaning = Topic.objects.create(name="Cleaning")
    assert client.get(reverse("admin:service_requests_requestkind_changelist")).status_code == 200
    response = client.post(
        reverse("admin:service_requests_topic_add"),
        {
            "parent": cleaning.pk,
            "name": "Floors",
            "name_et": "Põrandad",
            "position": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    floors = Topic.objects.get(name="Floors")
    assert floors.parent == cleaning and floors.label == "Floors"
    assert floors.history.get().history_user == cast.staff.admin
