"""Personal API tokens on the profile page: create (shown once) and revoke."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import access
from api import tokens
from api.models import ApiToken
from common.validators import single_line
from common.views import save_form


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        validators=[single_line],
        help_text=gettext_lazy("Which system uses it, e.g. “ERP export”."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Scope"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("Works for"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("After that it stops working; create a new one then."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [
            (days, ngettext("%(days)d day", "%(days)d days", days) % {"days": days})
            for days in tokens.lifetime_choices()
        ]
        self.fields["days"].initial = settings.API_TOKEN_DAYS


@never_cache
@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    created = save_form(
        form,
        lambda: tokens.create_token(
            request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        ),
        request,
        _("The token is created. Copy it now: it is not shown again."),
    )
    if created:
        token, text = created
        # Shown in this answer only; never stored, never redirected with.
        return render(request, "accounts/token_created.html", {"token": token, "text": text})
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": tokens.tokens_of(request.user)},
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = access.get_api_token_for(request.user, pk)
    tokens.revoke_token(token)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("accounts:tokens")
