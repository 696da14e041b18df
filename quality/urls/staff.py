from django.urls import path

from quality.views import actions, fill, staff

app_name = "quality"

urlpatterns = [
    path("", staff.inspection_list, name="inspection_list"),
    path("schedule/", staff.schedule, name="schedule"),
    path("sites/<int:pk>/", staff.site, name="site"),
    path("sites/<int:pk>/plan/", staff.plan_edit, name="plan_edit"),
    path("sites/<int:pk>/inspect/", staff.inspection_start, name="inspection_start"),
    path("inspections/<int:pk>/", staff.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/fill/", fill.fill, name="inspection_fill"),
    path("inspections/<int:pk>/remarks/", fill.remarks, name="inspection_remarks"),
    path("inspections/<int:pk>/submit/", fill.submit, name="inspection_submit"),
    path("inspections/<int:pk>/discard/", fill.discard, name="inspection_discard"),
    path("scores/<int:pk>/", fill.score_save, name="score_save"),
    path("scores/<int:pk>/photos/", fill.photo_add, name="photo_add"),
    path("photos/<int:pk>/delete/", fill.photo_delete, name="photo_delete"),
    path("actions/", actions.action_list, name="action_list"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/solve/", actions.action_solve, name="action_solve"),
    path("actions/<int:pk>/check/", actions.action_check, name="action_check"),
]
