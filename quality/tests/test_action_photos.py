"""A corrective action shows the photos of its problem to staff and client, access checked."""

from django.urls import reverse

from quality.models import CorrectiveAction
from quality.services import inspections, ratings
from quality.tests import helpers


def _action_with_a_photo(site, inspector):
    """The action opened by an inspection's 2, whose element has a photo."""
    helpers.default_template()
    draft = inspections.start(site, by=inspector)
    helpers.fill(draft, [5, 2, 4, 5, "na"])
    photo = inspections.add_photo(draft.scores.get(score=2), helpers.photo_upload(), by=inspector)
    inspections.submit(draft, by=inspector)
    return CorrectiveAction.objects.get(score__inspection=draft), photo


def _urls(photo):
    return [reverse("quality_files:photo", args=[photo.pk, size]) for size in ("thumb", "full")]


def test_staff_and_client_see_the_photo_of_the_problem_on_the_action(client, cast):
    action, photo = _action_with_a_photo(cast.site_a1, cast.staff.inspector)
    thumb, full = _urls(photo)

    for person, page in [
        (cast.staff.work_manager, reverse("quality:action_detail", args=[action.pk])),
        (cast.admin_a.user, reverse("portal_quality:action_detail", args=[action.pk])),
        (cast.contact_a.user, reverse("portal_quality:action_detail", args=[action.pk])),
    ]:
        client.force_login(person)
        html = client.get(page).text
        assert f'src="{thumb}"' in html, person
        assert f'href="{full}"' in html, person
        assert 'alt="Photo of the problem"' in html
        for url in (thumb, full):
            response = client.get(url)
            assert response.status_code == 200, (person, url)
            assert response["Content-Type"] == "image/jpeg"


def test_another_client_gets_not_found_for_the_photo_of_the_problem(client, cast):
    _action, photo = _action_with_a_photo(cast.site_a1, cast.staff.inspector)
    for person in (cast.admin_b.user, cast.contact_b.user):
        client.force_login(person)
        for url in _urls(photo):
            assert client.get(url).status_code == 404, (person, url)


def test_a_site_contact_of_another_site_gets_not_found(client, cast):
    action, photo = _action_with_a_photo(cast.site_a2, cast.staff.inspector)
    client.force_login(cast.contact_a.user)  # sees only Mammu, not Kadaka
    assert client.get(reverse("portal_quality:action_detail", args=[action.pk])).status_code == 404
    for url in _urls(photo):
        assert client.get(url).status_code == 404


def test_an_action_from_a_client_rating_shows_no_problem_photos(client, cast):
    _action_with_a_photo(cast.site_a1, cast.staff.inspector)
    area = helpers.default_template().areas.first()
    ratings.rate(cast.site_a1, by=cast.admin_a.user, scores={area.pk: (2, "Sticky floor")})
    action = CorrectiveAction.objects.get(area_rating__isnull=False)
    client.force_login(cast.admin_a.user)
    html = client.get(reverse("portal_quality:action_detail", args=[action.pk])).text
    assert "Sticky floor" in html
    assert "Photo of the problem" not in html
