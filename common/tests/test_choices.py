"""Every model's get_<field>_display() says what Django's own would, in every language."""

import inspect
from functools import partialmethod

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from accounts.models import User
from common.choices import _display


def _choice_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


def test_every_choice_field_has_the_fast_display():
    fields = list(_choice_fields())
    assert len(fields) > 20  # roles, statuses, languages, history types…
    for model, field in fields:
        method = inspect.getattr_static(model, f"get_{field.name}_display")
        assert isinstance(method, partialmethod), (model, field)
        assert method.func is _display, (model, field)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_label_is_the_one_django_gives(language):
    with translation.override(language):
        for model, field in _choice_fields():
            instance = model()
            display = getattr(instance, f"get_{field.name}_display")
            for value in [*(value for value, _label in field.flatchoices), "not-a-choice", None]:
                setattr(instance, field.attname, value)
                assert display() == instance._get_FIELD_display(field), (model, field, value)


def test_a_label_follows_the_active_language():
    user = User(role="site_contact")
    with translation.override("en"):
        english = user.get_role_display()
    with translation.override("ru"):
        russian = user.get_role_display()
    assert (english, russian) == ("Site contact", "Контактное лицо объекта")
