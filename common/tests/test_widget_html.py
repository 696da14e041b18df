"""The widgets common/widget_html.py renders in Python give Django's templates' HTML exactly."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from common.forms import BootstrapFormRenderer

# A lazy string as gettext_lazy makes, without adding test words to the catalogues.
lazy_text = lazy(str, str)


class TemplatesOnly(BootstrapFormRenderer):
    """Our renderer without the Python fast path: what the templates give."""

    def render(self, template_name, context, request=None):
        return TemplatesSetting.render(self, template_name, context, request)


ATTRS = {
    "class": "form-control is-invalid",
    "required": True,
    "disabled": False,
    "maxlength": 0,
    "placeholder": lazy_text("Search…"),
    "data-x": 'say "<hi>" & bye',
    "data-safe": mark_safe("<b>"),
}
CHOICES = [
    ("", "---------"),
    ("open", lazy_text("Open")),
    (lazy_text("Group <1>"), [("a", "A & a"), (2, 2)]),
    ("closed", mark_safe("<i>closed</i>")),
]
CASES = [
    (forms.TextInput(), 'Tallinn <Old town> & "quotes"'),
    (forms.TextInput(ATTRS), None),
    (forms.TextInput(), mark_safe("<safe>")),
    (forms.NumberInput(), Decimal("1234.5")),
    (forms.NumberInput(), 0),
    (forms.DateInput(attrs={"type": "date"}), datetime.date(2026, 11, 30)),
    (forms.DateTimeInput(), datetime.datetime(2026, 11, 30, 12, 5)),
    (forms.TimeInput(), datetime.time(7, 30)),
    (forms.EmailInput(), "a@b.example"),
    (forms.URLInput(), "https://example.com/?a=1&b=2"),
    (forms.PasswordInput(render_value=True), "secret"),
    (forms.HiddenInput(), 42),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.FileInput(), None),
    (forms.SearchInput(), "x"),
    (forms.TelInput(), "+372 5555 5555"),
    (forms.ColorInput(), "#ff0000"),
    (forms.Select(choices=CHOICES, attrs={"class": "form-select"}), "open"),
    (forms.Select(choices=CHOICES), 2),
    (forms.Select(choices=[]), None),
    (forms.SelectMultiple(choices=CHOICES), ["a", "closed"]),
    (forms.NullBooleanSelect(), None),
    (forms.Textarea(attrs={"rows": 3}), "line one\n<line two> & three"),
    (forms.Textarea(), ""),
    (forms.Textarea(), None),
    # Not ours: these still render through their templates.
    (forms.RadioSelect(choices=CHOICES), "open"),
    (forms.CheckboxSelectMultiple(choices=CHOICES), ["a"]),
    (forms.ClearableFileInput(), None),
]


@pytest.mark.parametrize("language", ["en", "et", "zh-hans"])
@pytest.mark.parametrize(("widget", "value"), CASES, ids=lambda case: type(case).__name__)
def test_a_widget_renders_as_its_template_does(widget, value, language):
    with translation.override(language):
        expected = widget.render("field", value, {"id": "id_field"}, renderer=TemplatesOnly())
        assert widget.render("field", value, {"id": "id_field"}, BootstrapFormRenderer()) == (
            expected
        )


class EveryKind(forms.Form):
    name = forms.CharField(label=lazy_text("Name"), max_length=10, help_text="<b>help</b>")
    count = forms.IntegerField(min_value=0)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(choices=CHOICES[1:])
    note = forms.CharField(widget=forms.Textarea, required=False)
    agree = forms.BooleanField()


@pytest.mark.parametrize("data", [None, {"name": "x" * 20, "count": "-1", "kind": "nope"}])
def test_a_whole_form_renders_as_its_templates_do(data):
    with translation.override("ru"):
        expected = str(EveryKind(data, renderer=TemplatesOnly()))
        assert str(EveryKind(data, renderer=BootstrapFormRenderer())) == expected
