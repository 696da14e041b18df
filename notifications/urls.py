from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("bell/", views.bell, name="bell"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("settings/", views.settings_page, name="settings"),
    path("client-defaults/", views.client_defaults, name="client_defaults"),
    path("outbox/", views.outbox_page, name="outbox"),
    path("outbox/<int:pk>/retry/", views.retry, name="retry"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("<int:pk>/read/", views.mark_read, name="mark_read"),
]
