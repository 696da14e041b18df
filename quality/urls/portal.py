from django.urls import path

from quality.views import portal

app_name = "portal_quality"

urlpatterns = [
    path("sites/<int:pk>/", portal.site, name="site"),
    path("sites/<int:pk>/rate/", portal.rate, name="rate"),
    path("inspections/<int:pk>/", portal.inspection_detail, name="inspection_detail"),
    path("actions/<int:pk>/", portal.action_detail, name="action_detail"),
]
