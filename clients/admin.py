from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clients.models import Client, Membership, Site


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    fields = ["name", "address", "status", "service_director", "work_manager"]
    raw_id_fields = ["service_director", "work_manager"]


@admin.register(Client)
class ClientAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "registry_code", "account_manager", "is_active"]
    list_filter = ["kind", "is_active", "language"]
    search_fields = ["name", "registry_code", "email"]
    raw_id_fields = ["account_manager"]
    # Deactivating a client goes through the desk (clients.services), which
    # also revokes its people's API tokens; a plain save here would skip that.
    readonly_fields = ["is_active"]
    inlines = [SiteInline]


@admin.register(Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "client", "status", "service_director", "work_manager"]
    list_filter = ["status"]
    search_fields = ["name", "address", "client__name"]
    raw_id_fields = ["client", "service_director", "work_manager"]

    def get_readonly_fields(self, request, obj=None):
        # A site stays with its client (clients.services.update_site): its
        # inspections, actions and ratings name that client (SiteRecord).
        return ["client"] if obj is not None else []


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "client"]
    search_fields = ["user__full_name", "user__email", "client__name"]
    raw_id_fields = ["user", "client"]
    filter_horizontal = ["sites"]
