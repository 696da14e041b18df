from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from common import capabilities, pickers
from common import views as common_views

admin.site.site_header = _("Clientdesk administration")
admin.site.site_title = _("Clientdesk")

urlpatterns = [
    path("", common_views.home, name="home"),
    # Each app's pages, as its capability.py declares them (common.capabilities.Urls).
    *(path(urls.prefix, include(urls.module)) for urls in capabilities.url_includes()),
    path("media/<path:path>", common_views.media, name="media"),
    path("pick/<slug:name>/", pickers.options, name="pick"),
    path("admin/", admin.site.urls),
]

# Under /api/ these answer in the API's JSON error shape; elsewhere they
# render common.views' pages.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
