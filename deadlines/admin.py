from django.contrib import admin

from deadlines.models import Deadline


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["kind", "target_type", "target_id", "due_at", "fired_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "target_type", "target_id", "due_at", "fired_at", "created_at"]
