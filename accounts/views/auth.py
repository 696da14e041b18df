from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.forms import LoginForm, PasswordResetRequestForm
from common.states import InvalidState


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows once an account is locked from an address
    (AXES_LOCKOUT_CALLABLE): what is locked, from where, and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"lockout_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class PasswordResetView(auth_views.FormView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        form.save()
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    post_reset_login = True
    post_reset_login_backend = "accounts.backends.EmailBackend"
    success_url = reverse_lazy("home")
    extra_context = {"title": _("Choose a new password")}

    def form_valid(self, form):
        response = super().form_valid(form)
        # From here on the person is logged in: speak their language.
        translation.activate(form.user.language)
        messages.success(self.request, _("Your new password is saved. You are logged in."))
        return response


class InvitationView(PasswordResetConfirmView):
    """Accepting an invitation is choosing the first password through a one-time link."""

    extra_context = {"title": _("Welcome to Clientdesk: choose your password"), "invitation": True}

    def form_valid(self, form):
        try:
            with transaction.atomic():
                services.accept_invitation(form.user)
                response = auth_views.PasswordResetConfirmView.form_valid(self, form)
        except InvalidState as refused:
            # A deactivated account's old link: no password is set.
            messages.error(self.request, refused.message)
            return redirect("accounts:login")
        translation.activate(form.user.language)
        messages.success(self.request, _("Welcome! Your password is saved and you are logged in."))
        return response


@require_POST
def set_language(request):
    """Switch the interface language; remembered on the account and in a cookie."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("This language is not available."))
        language = None
    next_url = request.POST.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    response = HttpResponseRedirect(next_url)
    if language:
        if request.user.is_authenticated:
            services.set_language(request.user, language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
