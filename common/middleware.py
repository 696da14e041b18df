from django.http import HttpResponsePermanentRedirect
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.utils.cache import patch_cache_control
from django.utils.http import escape_leading_slashes


class PrivateCacheMiddleware:
    """What a logged-in person is shown is never kept where someone else could read it.

    Pages and API answers for a logged-in user get ``Cache-Control: private,
    no-store``: no proxy keeps them, and the browser's Back button after logging
    out on a shared computer shows nothing. Files that set their own lifetime
    after an access check (photos, ``private, max-age=…``) keep it, but only in
    the person's own browser: a photo may be reused there, a page never. A
    response that already says ``no-store`` is left as it is. Anonymous answers
    without a policy of their own (the login page's CSRF token) are private.
    Static files never reach this: WhiteNoise answers them first, cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = response.get("Cache-Control", "")
        if "no-store" in policy:
            return response
        # The API sets request.user from a token inside the view, so it is read afterwards.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if policy and not _is_html(response):
                patch_cache_control(response, private=True)
            else:
                response["Cache-Control"] = "private, no-store"
        elif not policy:
            patch_cache_control(response, private=True)
        return response


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


class PermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    status_code = 308


class CommonMiddleware(DjangoCommonMiddleware):
    """Django's, but a missing trailing slash is answered with 308, not 301.

    After a 301 a client may repeat a POST as a GET: an API call without its
    final slash would then read a list and report success. A 308 makes the
    client repeat the same method with the same body at the right address.
    """

    response_redirect_class = PermanentRedirectKeepingMethod

    def get_full_path_with_slash(self, request):
        # Django refuses (under DEBUG) to redirect a POST, since a 301 would
        # lose its body; a 308 keeps it, so there is nothing to refuse.
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))
