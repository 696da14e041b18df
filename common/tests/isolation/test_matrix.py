"""Every URL of the project, asked by every role with every method about client B's records.

The rows live with their apps (``<app>/tests/isolation.py``); see this
package's ``__init__`` for how to add one. A URL without a row fails
``test_every_url_has_a_row``; a wrong cell fails ``test_matrix`` for its URL,
listing every wrong cell at once.
"""

import pytest
from django.urls import reverse

from common.tests.isolation import engine
from common.tests.isolation.world import World

ROWS = engine.rows()


def test_every_url_has_a_row():
    missing = sorted(set(engine.url_names()) - set(ROWS))
    assert not missing, f"Add rows for these URLs to their app's tests/isolation.py: {missing}"


def test_every_row_names_a_url_and_is_complete():
    stale = sorted(set(ROWS) - set(engine.url_names()))
    assert not stale, f"These rows name no URL any more: {stale}"
    problems = [problem for row in ROWS.values() for problem in row.problems()]
    assert not problems, "\n".join(problems)


@pytest.fixture
def world(cast, settings):
    # One test asks the same token dozens of times.
    settings.API_RATE_LIMIT = "100000/minute"
    return World(cast, engine.factories())


@pytest.mark.parametrize("name", sorted(ROWS))
def test_matrix(world, name):
    row = ROWS[name]
    wrong = engine.run(row, world)
    where = engine.url_of(row, world)
    record = f", client B's {row.record}" if row.record else ""
    note = f"\n  Note: {row.why}" if row.why else ""
    assert not wrong, f"{name} ({where}{record}):\n  " + "\n  ".join(wrong) + note


def test_client_users_cannot_use_the_admin_site(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.get("/admin/clients/client/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_list_without_assignment_is_empty(client, cast):
    client.force_login(cast.staff.idle_director)
    response = client.get(reverse("clients:client_list"))
    assert cast.client_a.name not in response.text
    assert cast.client_b.name not in response.text
