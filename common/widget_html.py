"""Django's stock input, select and textarea widget templates, written in Python.

Every widget renders a template of its own, which includes another for its
attributes, and a select one more per option: a filter form of seven fields
cost about 4 ms, a quarter of a list page (bench/README.md). These functions
give the same HTML byte for byte as the templates of the Django installed
(common/tests/test_widget_html.py renders both; the renderer strips what a
template leaves around it, so do they), and ``render`` answers None
for any template they do not replace, which the renderer then renders.
"""

from collections.abc import Callable

from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
# These templates are only {% include "django/forms/widgets/input.html" %}.
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
}
OPTION = f"{WIDGETS}select_option.html"


def _text(value) -> str:
    """``{{ value|stringformat:'s' }}``: a value marked safe stays as it is."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _out(value) -> str:
    """``{{ value }}``: localized, escaped unless marked safe."""
    return conditional_escape(localize(template_localtime(value)))


def _attrs(attrs: dict) -> str:
    """attrs.html: ``name="value"``, a bare ``name`` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_out(name)}" if value is True else f' {_out(name)}="{_text(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_out(option['label'])}</option>"
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    value = _out(widget["value"]) if widget["value"] else ""
    name = _out(widget["name"])
    return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


RENDERERS: dict[str, Callable[[dict], str | None]] = {
    f"{WIDGETS}input.html": _input,
    **dict.fromkeys(INPUTS, _input),
    f"{WIDGETS}select.html": _select,
    OPTION: _option,
    f"{WIDGETS}textarea.html": _textarea,
}


def render(template_name: str, context: dict) -> str | None:
    """The HTML of ``template_name`` for ``context``, or None if it is not one of ours."""
    renderer = RENDERERS.get(template_name)
    return renderer(context["widget"]) if renderer is not None else None
