from django.contrib import admin

from events.models import LoggedEvent


@admin.register(LoggedEvent)
class LoggedEventAdmin(admin.ModelAdmin):
    """The audit trail of events, for administrators to read; nobody edits it."""

    list_display = ["happened_at", "name", "target_type", "target_id", "actor"]
    list_filter = ["name"]
    search_fields = ["key", "actor__email"]
    list_select_related = ["target_type", "actor"]
    readonly_fields = [f.name for f in LoggedEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
