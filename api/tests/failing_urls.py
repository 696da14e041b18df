"""The real URLs plus two views that fail, to see what a server error looks like."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from clientdesk.urls import handler400, handler403, handler404, handler500, urlpatterns

SECRET = "the database password is hunter2"


class FailingApiView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError(SECRET)


def failing_view(request):
    raise RuntimeError(SECRET)


urlpatterns = [
    path("api/v1/failing/", FailingApiView.as_view()),
    path("api/v1/failing-plain/", failing_view),
    path("desk/failing/", failing_view),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
