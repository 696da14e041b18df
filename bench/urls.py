"""The ceiling pages beside every page of Clientdesk (bench/settings.py's ROOT_URLCONF)."""

from django.urls import path

from bench import views
from clientdesk import urls as clientdesk_urls

handler400 = clientdesk_urls.handler400
handler403 = clientdesk_urls.handler403
handler404 = clientdesk_urls.handler404
handler500 = clientdesk_urls.handler500

urlpatterns = [
    path("bench/ceiling/bare/", views.bare, name="bench_bare"),
    path("bench/ceiling/fifty-rows/", views.fifty_rows, name="bench_fifty_rows"),
    *clientdesk_urls.urlpatterns,
]
