"""Clients, sites and client users over the API: the same access and services as the pages."""

from clients.api.client_users import ClientUserViewSet
from clients.api.clients import ClientViewSet
from clients.api.sites import SiteViewSet

__all__ = ["ClientUserViewSet", "ClientViewSet", "SiteViewSet"]
