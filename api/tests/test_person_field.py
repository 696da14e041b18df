"""PersonSerializer writes a person out by hand: it must say what its fields say."""

from rest_framework import serializers

from api.fields import PersonSerializer


def test_a_person_reads_as_the_serializers_fields_would_write_them(cast):
    for person in (cast.staff.work_manager, cast.admin_a.user, cast.contact_a.user):
        person.title = "Work manager <night shift>"
        written = PersonSerializer(person).data
        walked = serializers.ModelSerializer.to_representation(PersonSerializer(), person)
        assert written == walked
        assert list(written) == PersonSerializer.Meta.fields
