from django.urls import include, path
from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from common import capabilities

app_name = "api"

# Each app's endpoints, as its capability.py declares them (ApiRoute, ApiPath).
router = DefaultRouter()
router.include_root_view = False
for route in capabilities.api_routes():
    router.register(route.prefix, import_string(route.viewset), basename=route.basename)


# Swagger UI sets styles inline; its scripts stay same-origin files from the
# drf-spectacular-sidecar package.
@method_decorator(csp_override({"style-src": ["'self'", "'unsafe-inline'"]}), name="dispatch")
class DocsView(SpectacularSwaggerSplitView):
    pass


urlpatterns = [
    *(
        path(extra.route, import_string(extra.view).as_view(), name=extra.name)
        for extra in capabilities.api_paths()
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
