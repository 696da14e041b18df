from django.utils import translation


class UserLanguageMiddleware:
    """Serve a logged-in user in the language saved on their account.

    LocaleMiddleware has already picked a language from the cookie or the
    browser; a person's own choice, remembered on the account, wins over both,
    on every device they log in from.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
