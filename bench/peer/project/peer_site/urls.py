"""The peer's URLs: django-helpdesk under helpdesk/ (its guide), our ceiling pages beside it."""

from django.contrib import admin
from django.urls import include, path

from peer_site import views

urlpatterns = [
    # helpdesk's staff views send a non-staff user to admin:login.
    path("admin/", admin.site.urls),
    path("helpdesk/", include("helpdesk.urls", namespace="helpdesk")),
    path("ceiling/bare/", views.bare, name="ceiling-bare"),
    path("ceiling/fifty-rows/", views.fifty_rows, name="ceiling-fifty-rows"),
]
