"""Photos and reports: the same addresses for staff and clients, each checked by access."""

from django.urls import path

from quality.views import files

app_name = "quality_files"

urlpatterns = [
    path("photos/<int:pk>/<str:size>/", files.photo, name="photo"),
    path("inspections/<int:pk>/report.pdf", files.inspection_report, name="report"),
]
