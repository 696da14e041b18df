from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import ProfileForm
from accounts.models import User
from common.views import save_form


@login_required
def profile(request):
    """A person's own name, phone, language and (for staff) contact card."""
    # A copy, so a rejected form does not rename the person in the page header.
    me = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=me)

    def update():
        return services.update_user(
            request.user,
            form.changes(),
            by=request.user,
            expected_version=form.cleaned_data["loaded_version"],
        )

    if save_form(form, update, request, _("Your profile is saved.")):
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
