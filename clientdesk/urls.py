from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from common import views as common_views

admin.site.site_header = _("Clientdesk administration")
admin.site.site_title = _("Clientdesk")

urlpatterns = [
    path("", common_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("desk/", include("clients.urls.staff")),
    path("desk/quality/", include("quality.urls.staff")),
    path("portal/", include("clients.urls.portal")),
    path("portal/quality/", include("quality.urls.portal")),
    path("quality/", include("quality.urls.files")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", include("api.urls")),
    path("webhooks/", include("webhooks.urls")),
    path("media/<path:path>", common_views.media, name="media"),
    path("admin/", admin.site.urls),
]

# Under /api/ these answer in the API's JSON error shape; elsewhere they
# render common.views' pages.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
