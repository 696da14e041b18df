"""A client's history keeps its newest page rendered until one of the client's
records changes (clients/kept.py, common.history_pages.history_section)."""

from django.urls import reverse

from clients import services
from clients.models import Site


def _section(page: str) -> str:
    return page[page.index('id="history"') : page.index("</main>")]


def _history(client, cast, **params):
    return client.get(reverse("clients:client_history", args=[cast.client_a.pk]), params)


def test_the_newest_page_is_kept_and_follows_every_change(client, cast, count_queries):
    client.force_login(cast.staff.admin)
    page, rendered = count_queries(lambda: _history(client, cast).text)
    again, served = count_queries(lambda: _history(client, cast).text)
    assert _section(again) == _section(page) and served < rendered

    site = Site.objects.get(pk=cast.site_a1.pk)
    services.update_site(
        site, {"name": "Mammu 2"}, by=cast.staff.admin, expected_version=site.version
    )
    assert "Mammu → Mammu 2" in _history(client, cast).text


def test_a_change_of_the_sites_a_person_looks_after_shows_at_once(client, cast):
    client.force_login(cast.staff.admin)
    before = _section(_history(client, cast).text).count(cast.site_a2.name)
    cast.contact_a.sites.add(cast.site_a2)
    assert _section(_history(client, cast).text).count(cast.site_a2.name) > before


def test_an_older_page_is_read_each_time(client, cast, count_queries):
    import re

    site = Site.objects.get(pk=cast.site_a1.pk)
    for n in range(26):
        services.update_site(
            site, {"name": f"Mammu {n}"}, by=cast.staff.admin, expected_version=site.version
        )
        site.refresh_from_db()
    client.force_login(cast.staff.admin)
    newest = _history(client, cast).text
    older_url = re.search(r'href="([^"]*history_before=[^"#]*)', newest).group(1)
    older, first_read = count_queries(lambda: client.get(older_url).text)
    again, second_read = count_queries(lambda: client.get(older_url).text)
    assert "Mammu → Mammu 0" in older and "Mammu → Mammu 0" not in newest
    assert _section(again) == _section(older) and second_read == first_read


def test_another_clients_history_is_its_own(client, cast):
    client.force_login(cast.staff.admin)
    assert cast.client_b.name not in _history(client, cast).text
    other = client.get(reverse("clients:client_history", args=[cast.client_b.pk])).text
    assert cast.client_b.name in other and cast.client_a.name not in _section(other)
