"""Configuration: inspection templates, their areas and elements, and action deadlines.

Saving a template or any of its areas and elements raises the template's
version; inspections already made keep the names and weights they copied.
"""

from django.contrib import admin
from django.db.models import F
from simple_history.admin import SimpleHistoryAdmin

from common.names import NAME_FIELDS
from quality.models import ActionDeadline, Area, Element, Template


def _bump(template_id) -> None:
    Template.objects.filter(pk=template_id).update(version=F("version") + 1)


class AreaInline(admin.TabularInline):
    model = Area
    fields = ("position", *NAME_FIELDS)
    extra = 0
    show_change_link = True


class ElementInline(admin.TabularInline):
    model = Element
    fields = ("position", *NAME_FIELDS, "weight")
    extra = 0


@admin.register(Template)
class TemplateAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_et", "is_active", "is_default", "version")
    fields = (*NAME_FIELDS, "is_active", "is_default", "version")
    readonly_fields = ("version",)
    inlines = [AreaInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            _bump(form.instance.pk)


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_et", "template", "position")
    list_filter = ("template",)
    fields = ("template", "position", *NAME_FIELDS)
    inlines = [ElementInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _bump(form.instance.template_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _bump(obj.template_id)


@admin.register(Element)
class ElementAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_et", "area", "weight")
    list_filter = ("area__template",)
    fields = ("area", "position", *NAME_FIELDS, "weight")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _bump(obj.area.template_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _bump(obj.area.template_id)


@admin.register(ActionDeadline)
class ActionDeadlineAdmin(admin.ModelAdmin):
    list_display = ("score", "hours")
