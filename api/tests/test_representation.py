"""The API's serializers write from a plan (api/representation.py): the same
JSON as DRF's own field-by-field walk, for every resource, list and record,
as staff and as a client, in a time zone that is not UTC."""

from unittest import mock

import pytest
from django.utils import timezone
from rest_framework import serializers

from api.serializers import ModelSerializer
from api.tests.helpers import detail_routes, list_routes, token_client
from quality.models import Area
from quality.services import ratings
from quality.tests import helpers

# DRF's own walk, in place of the plan: what the plan must write.
drf_walk = mock.patch.object(
    ModelSerializer, "to_representation", serializers.ModelSerializer.to_representation
)


@pytest.fixture
def records(cast):
    """A published inspection with a poor score (so a corrective action), a
    client's rating of the site, and the notifications they send."""
    helpers.published(cast.site_a1, cast.staff.inspector)
    area = Area.objects.first()
    ratings.rate(cast.site_a1, by=cast.contact_a.user, scores={area.pk: (1, "Sticky")})
    return cast


def read_both(api, url):
    planned = api.get(url)
    with drf_walk:
        walked = api.get(url)
    assert planned.status_code == walked.status_code, url
    return planned.json(), walked.json()


@pytest.mark.parametrize("who", ["staff", "client"])
def test_every_resource_reads_as_drfs_walk_would_write_it(records, who):
    user = records.staff.admin if who == "staff" else records.admin_a.user
    api = token_client(user, scope="read")
    read = 0
    with timezone.override("Asia/Shanghai"):
        for url in list_routes():
            planned, walked = read_both(api, url)
            assert planned == walked, url
            rows = planned.get("results") or []
            read += len(rows)
            detail = next((d for d in detail_routes() if d.startswith(url)), None)
            if rows and detail and "id" in rows[0]:
                planned, walked = read_both(api, detail.format(id=rows[0]["id"]))
                assert planned == walked, detail
    # The resources were not empty: the comparison read records.
    assert read > 5


def test_times_are_written_in_the_active_zone_as_drf_writes_them(records):
    api = token_client(records.staff.admin, scope="read")
    for zone in ("UTC", "Europe/Tallinn", "America/St_Johns"):
        with timezone.override(zone):
            planned, walked = read_both(api, "/api/v1/corrective-actions/")
        assert planned == walked
        opened = planned["results"][0]["opened_at"]
        assert opened.endswith("Z") if zone == "UTC" else not opened.endswith("Z")
