"""A list row's labels and numbers, written once per page or per value, read as before."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import formats, translation
from django.utils.translation import gettext_noop

from common.numbers import local_number
from common.rows import RowLabels, labelled_row


@pytest.mark.parametrize("language", ["en", "et", "ru", "zh-hans"])
@pytest.mark.parametrize(
    "value", [Decimal("87.5"), Decimal("87.50"), Decimal("100.0"), Decimal("1234.5"), 7, 2.25]
)
def test_a_kept_number_is_written_as_django_writes_it(language, value):
    with translation.override(language):
        assert local_number(value) == str(formats.localize(value))
        # Kept: the second time is the same text.
        assert local_number(value) == str(formats.localize(value))


def test_what_is_not_a_plain_number_is_written_by_django_each_time():
    with translation.override("et"):
        assert local_number(False) == str(formats.localize(False))
        assert local_number(None) == str(formats.localize(None))


def test_equal_decimals_written_differently_are_kept_apart():
    with translation.override("et"):
        assert local_number(Decimal("87.5")) == "87,5"
        assert local_number(Decimal("87.50")) == "87,50"


def test_a_changed_setting_drops_the_kept_numbers():
    with translation.override("en"):
        assert local_number(12345) == "12345"
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            assert local_number(12345) == "12,345"
        assert local_number(12345) == "12345"


LABELS = RowLabels(gettext_noop("Site"), gettext_noop("Status"))


def _render_twice(language: str) -> list[tuple[str, ...]]:
    seen = []
    template = Template("{% for x in rows %}{{ x }}{% endfor %}")
    context = Context({"rows": [1, 2]})
    with translation.override(language), context.render_context.push_state(template):
        seen.append(LABELS.of(context))
        seen.append(LABELS.of(context))
    return seen


def test_labels_are_translated_once_per_rendering_in_its_language():
    first, again = _render_twice("ru")
    assert first == ("Объект", "Статус")
    assert again is first
    # Another rendering in another language is not given the Russian ones.
    assert _render_twice("et")[0] == ("Objekt", "Olek")


def test_labels_follow_a_language_switched_within_one_rendering():
    template = Template("")
    context = Context()
    with context.render_context.push_state(template):
        with translation.override("ru"):
            assert LABELS.of(context)[0] == "Объект"
        with translation.override("et"):
            assert LABELS.of(context)[0] == "Objekt"


def test_a_row_escapes_nothing_twice_and_pairs_labels_with_cells():
    row = labelled_row(("A&amp;B", "C"), "<b>1</b>", "2")
    assert row == '<tr>\n<td data-label="A&amp;B"><b>1</b></td>\n<td data-label="C">2</td>\n</tr>'
    with pytest.raises(ValueError):
        labelled_row(("A",), "1", "2")
