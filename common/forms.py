from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    """Renders every form, ours and Django's own, with Bootstrap 5 markup."""

    form_template_name = "common/forms/div.html"
    field_template_name = "common/forms/field.html"
