"""Configuration: the kinds of request and the tree of topics, named in every language."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.names import NAME_FIELDS
from service_requests.models import RequestKind, Topic


@admin.register(RequestKind)
class RequestKindAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "procedure", "acceptance", "is_active", "position")
    fields = ("code", *NAME_FIELDS, "procedure", "acceptance", "position", "is_active")


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ("name", "parent", "is_active", "position")
    list_select_related = ("parent",)
    fields = ("parent", *NAME_FIELDS, "position", "is_active")
    # A tree of a few hundred topics at most; the parent is picked by search.
    autocomplete_fields = ("parent",)
    search_fields = ("name", "name_et", "name_ru", "name_zh_hans")
