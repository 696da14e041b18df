from django.urls import path

from clients.views import staff

app_name = "clients"

urlpatterns = [
    path("clients/", staff.client_list, name="client_list"),
    path("clients/new/", staff.client_create, name="client_create"),
    path("clients/<int:pk>/", staff.client_detail, name="client_detail"),
    path("clients/<int:pk>/edit/", staff.client_edit, name="client_edit"),
    path("clients/<int:pk>/sites/", staff.client_sites, name="client_sites"),
    path("clients/<int:pk>/users/", staff.client_user_list, name="client_user_list"),
    path("clients/<int:pk>/history/", staff.client_history, name="client_history"),
    path("clients/<int:client_pk>/sites/new/", staff.site_create, name="site_create"),
    path(
        "clients/<int:client_pk>/users/invite/", staff.client_user_invite, name="client_user_invite"
    ),
    path("sites/<int:pk>/", staff.site_detail, name="site_detail"),
    path("sites/<int:pk>/edit/", staff.site_edit, name="site_edit"),
    path("client-users/<int:pk>/edit/", staff.client_user_edit, name="client_user_edit"),
    path(
        "client-users/<int:pk>/resend-invitation/",
        staff.client_user_resend,
        name="client_user_resend",
    ),
    path(
        "client-users/<int:pk>/active/", staff.client_user_set_active, name="client_user_set_active"
    ),
]
