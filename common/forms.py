from django import forms
from django.forms.renderers import TemplatesSetting

from common import images, widget_html


class BootstrapFormRenderer(TemplatesSetting):
    """Renders every form, ours and Django's own, with Bootstrap 5 markup."""

    form_template_name = "common/forms/div.html"
    field_template_name = "common/forms/field.html"

    def render(self, template_name, context, request=None):
        # Django's input, select and textarea templates in Python: the same HTML
        # without a template render per widget and per option (common/widget_html.py).
        html = widget_html.render(template_name, context)
        return super().render(template_name, context, request) if html is None else html


class ImageUploadField(forms.FileField):
    """A picture upload, cleaned by the image pipeline while the form validates.

    The refusal (not a photo, too large, too many pixels) shows on the field;
    a valid upload becomes a ``CleanedImage`` (re-encoded, with its
    thumbnail), which the service keeps as it is. Every image field of every
    form uses this class (or ``MultipleImageUploadField``).
    """

    def __init__(self, *, rules: images.Rules = images.PHOTO, **kwargs):
        self.rules = rules
        super().__init__(**kwargs)

    def to_python(self, data):
        data = super().to_python(data)
        if data is None:
            return None
        try:
            return images.clean_image(data, self.rules)
        except images.ImageRejected as error:
            raise forms.ValidationError(error.message, code="invalid_image") from error

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": images.ACCEPT}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageUploadField(ImageUploadField):
    """Several pictures from one input, each cleaned like ``ImageUploadField``; never required."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        return [super().clean(item, initial) for item in data]
