from django.urls import path

from clients.views import portal

app_name = "portal"

urlpatterns = [
    path("", portal.home, name="home"),
    path("sites/<int:pk>/", portal.site_detail, name="site_detail"),
    path("users/", portal.user_list, name="user_list"),
    path("users/invite/", portal.user_invite, name="user_invite"),
    path("users/<int:pk>/edit/", portal.user_edit, name="user_edit"),
    path("users/<int:pk>/resend-invitation/", portal.user_resend, name="user_resend"),
    path("users/<int:pk>/active/", portal.user_set_active, name="user_set_active"),
]
