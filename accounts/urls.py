from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from accounts.views import auth, profile, staff, tokens

app_name = "accounts"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        TemplateView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("invitation/<uidb64>/<token>/", auth.InvitationView.as_view(), name="invitation"),
    path("language/", auth.set_language, name="set_language"),
    path("profile/", profile.profile, name="profile"),
    path("profile/tokens/", tokens.token_list, name="tokens"),
    path("profile/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/invite/", staff.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff_user_detail"),
    path("staff/<int:pk>/edit/", staff.staff_edit, name="staff_edit"),
    path(
        "staff/<int:pk>/resend-invitation/",
        staff.staff_resend_invitation,
        name="staff_resend_invitation",
    ),
    path("staff/<int:pk>/active/", staff.staff_set_active, name="staff_set_active"),
]
