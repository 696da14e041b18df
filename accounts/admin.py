from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "language"]
    search_fields = ["full_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "role", "title", "phone", "photo", "language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined", "invited_at", "invited_by"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "role", "password1", "password2"],
            },
        ),
    ]
    # Photos are changed on the staff pages only, where the image pipeline
    # cleans them (common/images.py); the admin would store them as uploaded.
    # Deactivation too: the service revokes the person's API tokens for good,
    # which a plain save here would skip.
    readonly_fields = [
        "photo",
        "is_active",
        "last_login",
        "date_joined",
        "invited_at",
        "invited_by",
    ]
