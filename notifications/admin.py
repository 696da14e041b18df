from django.contrib import admin

from notifications.models import ClientDefault, Delivery, Notification


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["key", "recipient", "channel", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["key", "address", "recipient__email"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["event", "recipient", "created_at", "read_at", "in_app", "email_mode"]
    list_filter = ["event", "in_app", "email_mode"]
    search_fields = ["key", "recipient__email"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ClientDefault)
class ClientDefaultAdmin(admin.ModelAdmin):
    list_display = ["client", "event", "in_app", "email", "sms"]
    list_filter = ["event"]
