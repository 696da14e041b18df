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
