from rest_framework.test import APIClient

from api import tokens


def token_client(user, scope="write", language=None):
    """An API client that authenticates like another system would: with a personal token."""
    _token, text = tokens.create_token(user, name="Test system", scope=scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    if language:
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def list_routes() -> list[str]:
    """The list URL of every resource of the API's router, so new ones are covered too."""
    from api.urls import router

    return [
        f"/api/v1/{prefix}/"
        for prefix, viewset, _basename in router.registry
        if hasattr(viewset, "list")
    ]


def detail_routes() -> list[str]:
    """The detail URL of every resource, with ``{id}`` in place of the id."""
    from api.urls import router

    return [
        f"/api/v1/{prefix}/{{id}}/"
        for prefix, viewset, _basename in router.registry
        if hasattr(viewset, "retrieve")
    ]
