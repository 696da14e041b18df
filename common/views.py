import mimetypes
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils._os import safe_join
from django.utils.cache import patch_vary_headers

from common import capabilities
from common.errors import ServiceError
from common.states import InvalidState

# Uploaded files any logged-in person may fetch: staff contact-card photos are
# shown to the clients those staff serve. Other uploads get their own views,
# which ask the owning app's access module first.
PUBLIC_TO_USERS_PREFIXES = ("photos/",)


def home(request):
    """Send each person to the face of Clientdesk that is theirs, where their work is.

    The apps declare each role's landing page (``common.capabilities.Landing``).
    """
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    face: capabilities.Face = "staff" if request.user.is_provider_staff else "portal"
    landing = capabilities.landing(face, request.user.role)
    return redirect(reverse(landing.url_name) + landing.query)


@login_required
def media(request, path):
    if not path.startswith(PUBLIC_TO_USERS_PREFIXES):
        raise Http404
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except (SuspiciousFileOperation, ValueError):
        raise Http404 from None
    if not full_path.is_file():
        raise Http404
    content_type = mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        raise Http404
    response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def staff_required(view):
    """Only provider staff may open the staff desk; client users get 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_provider_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def client_user_required(view):
    """Only a client's users open the portal; staff are sent to the desk."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if request.user.is_provider_staff:
            return redirect("home")
        if not request.user.is_client_user:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors: whatever broke may be one of them.
    return HttpResponseServerError(loader.get_template("500.html").render())


MAX_SEARCH = 100


def search_text(request, name: str = "q") -> str:
    """What someone typed into a list's search box: one line, at most ``MAX_SEARCH`` characters.

    Control characters (a NUL breaks PostgreSQL's query) are dropped, not refused:
    a search box answers whatever is typed.
    """
    text = request.GET.get(name, "")[:MAX_SEARCH]
    return "".join(char for char in text if char.isprintable()).strip()


def render_with_results(request, template, context):
    """The whole page, or only its ``results`` partial when htmx asks (live search).

    ``Vary`` keeps a browser from showing the bare fragment from its cache when
    someone goes back to the page.
    """
    response = render(request, template + ("#results" if request.htmx else ""), context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def run_action(request, action, success_message) -> bool:
    """Run a service call from a button; show its success or its refusal as a message."""
    try:
        action()
    except ServiceError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success_message)
    return True


def save_form(form, action, request, success_message):
    """Call the service with a valid, posted form and return what it returns.

    Returns None when nothing was saved: not a POST, an invalid form, or the
    service refused (its reason then shows on the form).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action()
    except InvalidState as error:
        # The record moved on (solved by a colleague meanwhile): the form no
        # longer fits it, so the page says so above everything else.
        messages.error(request, error.message)
        return None
    except ServiceError as error:
        form.add_error(error.field, error.message)
        return None
    messages.success(request, success_message)
    return result
