"""Settings of the benchmarked server: Clientdesk's own (production, from the
environment bench/run.py sets), plus a query counter and the ceiling pages."""

from clientdesk.settings import *  # noqa: F403
from clientdesk.settings import INSTALLED_APPS, MIDDLEWARE

# An app only for its template (the ceiling page); it has no models.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"
