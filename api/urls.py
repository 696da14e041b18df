from django.urls import include, path
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from accounts.api import MeView, StaffUserViewSet
from clients.api import ClientUserViewSet, ClientViewSet, SiteViewSet
from notifications.api import NotificationViewSet
from quality.api import CorrectiveActionViewSet, InspectionViewSet, RatingViewSet, TemplateViewSet
from webhooks.api import SubscriptionViewSet

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("clients", ClientViewSet, basename="client")
router.register("sites", SiteViewSet, basename="site")
router.register("client-users", ClientUserViewSet, basename="client-user")
router.register("staff-users", StaffUserViewSet, basename="staff-user")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("webhooks", SubscriptionViewSet, basename="webhook")
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("corrective-actions", CorrectiveActionViewSet, basename="corrective-action")
router.register("ratings", RatingViewSet, basename="rating")
router.register("inspection-templates", TemplateViewSet, basename="inspection-template")


# Swagger UI sets styles inline; its scripts stay same-origin files from the
# drf-spectacular-sidecar package.
@method_decorator(csp_override({"style-src": ["'self'", "'unsafe-inline'"]}), name="dispatch")
class DocsView(SpectacularSwaggerSplitView):
    pass


urlpatterns = [
    path("me/", MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
