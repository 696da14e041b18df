"""The API's own URLs; each app registers its endpoints (see common.capabilities)."""

from common.capabilities import Urls, register

register(Urls("api/v1/", "api.urls"))
