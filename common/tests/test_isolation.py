"""Every URL of the app, walked as client A's people against client B's records.

A new URL must be added to OBJECT_KWARGS (it names a record) or to PUBLIC
(it names none); otherwise test_every_url_is_covered fails. This test grows
with every capability.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api import tokens
from api.tests.helpers import token_client
from notifications.models import Delivery, Notification
from quality.models import CorrectiveAction
from quality.services import inspections as quality_inspections
from quality.services import ratings as quality_ratings
from quality.tests import helpers as quality_helpers
from webhooks import services as webhook_services
from webhooks.models import Call

# URL name -> (argument name, kind of record it names).
OBJECT_KWARGS = {
    "clients:client_detail": ("pk", "client"),
    "clients:client_edit": ("pk", "client"),
    "clients:site_create": ("client_pk", "client"),
    "clients:client_user_invite": ("client_pk", "client"),
    "clients:site_detail": ("pk", "site"),
    "clients:site_edit": ("pk", "site"),
    "clients:client_user_edit": ("pk", "client_admin"),
    "clients:client_user_resend": ("pk", "client_admin"),
    "clients:client_user_set_active": ("pk", "site_contact"),
    "portal:site_detail": ("pk", "site"),
    "portal:user_edit": ("pk", "client_admin"),
    "portal:user_resend": ("pk", "client_admin"),
    "portal:user_set_active": ("pk", "site_contact"),
    "accounts:staff_user_detail": ("pk", "staff"),
    "accounts:staff_edit": ("pk", "staff"),
    "accounts:staff_resend_invitation": ("pk", "staff"),
    "accounts:staff_set_active": ("pk", "staff"),
    "notifications:open": ("pk", "notification"),
    "notifications:mark_read": ("pk", "notification"),
    "notifications:retry": ("pk", "delivery"),
    "accounts:token_revoke": ("pk", "token"),
    "webhooks:detail": ("pk", "subscription"),
    "webhooks:ping": ("pk", "subscription"),
    "webhooks:rotate": ("pk", "subscription"),
    "webhooks:delete": ("pk", "subscription"),
    "webhooks:resend": ("pk", "call"),
    "api:webhook-detail": ("pk", "subscription"),
    "api:webhook-calls": ("pk", "subscription"),
    "api:webhook-ping": ("pk", "subscription"),
    "api:webhook-rotate-secret": ("pk", "subscription"),
    "api:client-detail": ("pk", "client"),
    "api:site-detail": ("pk", "site"),
    "api:client-user-detail": ("pk", "client_admin"),
    "api:client-user-deactivate": ("pk", "site_contact"),
    "api:client-user-reactivate": ("pk", "site_contact"),
    "api:client-user-resend-invitation": ("pk", "site_contact"),
    "api:staff-user-detail": ("pk", "staff"),
    "api:notification-detail": ("pk", "notification"),
    "api:notification-read": ("pk", "notification"),
    "quality:site": ("pk", "site"),
    "quality:plan_edit": ("pk", "site"),
    "quality:inspection_start": ("pk", "site"),
    "quality:inspection_detail": ("pk", "inspection"),
    "quality:inspection_fill": ("pk", "draft"),
    "quality:inspection_remarks": ("pk", "draft"),
    "quality:inspection_submit": ("pk", "draft"),
    "quality:inspection_discard": ("pk", "draft"),
    "quality:score_save": ("pk", "score"),
    "quality:photo_add": ("pk", "score"),
    "quality:photo_delete": ("pk", "photo"),
    "quality:action_detail": ("pk", "action"),
    "quality:action_solve": ("pk", "action"),
    "quality:action_check": ("pk", "action"),
    "portal_quality:site": ("pk", "site"),
    "portal_quality:rate": ("pk", "site"),
    "portal_quality:inspection_detail": ("pk", "inspection"),
    "portal_quality:action_detail": ("pk", "action"),
    "quality_files:photo": ("pk", "photo", {"size": "thumb"}),
    "quality_files:report": ("pk", "inspection"),
    "api:inspection-detail": ("pk", "inspection"),
    "api:inspection-answers": ("pk", "draft"),
    "api:inspection-photos": ("pk", "draft"),
    "api:inspection-submit": ("pk", "draft"),
    "api:corrective-action-detail": ("pk", "action"),
    "api:corrective-action-solve": ("pk", "action"),
    "api:corrective-action-verify": ("pk", "action"),
    "api:corrective-action-reopen": ("pk", "action"),
    "api:rating-detail": ("pk", "rating"),
}


def _notification_and_delivery(user, site):
    """A notification about ``site`` for ``user``, and a failed e-mail of it."""
    notification = Notification.objects.create(
        recipient=user,
        key=f"isolation:{user.pk}",
        event="site.team_changed",
        params={"site": site.name},
        link=site.get_portal_url(),
    )
    delivery = Delivery.objects.create(
        key=f"isolation:{user.pk}:email",
        recipient=user,
        channel="email",
        notification=notification,
        address=user.email,
        status=Delivery.Status.FAILED,
        last_error="Mail server: refused",
    )
    return notification, delivery


def _subscription_and_call(user):
    """A webhook subscription of ``user``'s client with one failed call."""
    subscription = webhook_services.subscribe(
        user, url=f"https://{user.pk}.example/hooks", events=["site.team_changed"]
    )
    call = Call.objects.create(
        subscription=subscription,
        event="ping",
        event_id=f"ping:{user.pk}",
        payload={},
        status=Call.Status.FAILED,
    )
    return subscription, call


def _quality(site, inspector, rater):
    """A published inspection of ``site`` with a photo and an action, and a draft."""
    quality_helpers.default_template()
    draft = quality_inspections.start(site, by=inspector)
    quality_helpers.fill(draft, [5, 4, 5, 2, "na"])
    poor = draft.scores.get(score=2)
    photo = quality_inspections.add_photo(poor, quality_helpers.photo_upload(), by=inspector)
    inspection = quality_inspections.submit(draft, by=inspector)
    draft = quality_inspections.start(site, by=inspector)
    area = quality_helpers.default_template().areas.first()
    rating = quality_ratings.rate(site, by=rater, scores={area.pk: (4, "")})
    return {
        "rating": rating,
        "inspection": inspection,
        "action": CorrectiveAction.objects.get(score=poor),
        "photo": photo,
        "draft": draft,
        "score": draft.scores.first(),
    }


def records(cast, side):
    """The records of client A or client B, by kind."""
    if side == "a":
        notification, delivery = _notification_and_delivery(cast.admin_a.user, cast.site_a1)
        return {
            **_quality(cast.site_a1, cast.staff.inspector, cast.admin_a.user),
            "notification": notification,
            "delivery": delivery,
            "token": tokens.create_token(cast.admin_a.user, name="A", scope="write")[0],
            **dict(zip(("subscription", "call"), _subscription_and_call(cast.admin_a.user))),
            "client": cast.client_a,
            "site": cast.site_a1,
            "client_admin": cast.admin_a,
            "site_contact": cast.contact_a,
            "staff": cast.staff.account_manager,
        }
    notification, delivery = _notification_and_delivery(cast.admin_b.user, cast.site_b1)
    return {
        **_quality(cast.site_b1, cast.staff.inspector, cast.admin_b.user),
        "notification": notification,
        "delivery": delivery,
        "token": tokens.create_token(cast.admin_b.user, name="B", scope="write")[0],
        **dict(zip(("subscription", "call"), _subscription_and_call(cast.admin_b.user))),
        "client": cast.client_b,
        "site": cast.site_b1,
        "client_admin": cast.admin_b,
        "site_contact": cast.contact_b,
        "staff": cast.staff.other_account_manager,
    }


def url_for(name, cast, side):
    argument, kind, *extra = OBJECT_KWARGS[name]
    return reverse(name, kwargs={argument: records(cast, side)[kind].pk, **dict(*extra)})


# URLs that name no record: a client user may open them (or is refused), but
# the page must not show anything of client B.
NO_OBJECT = {
    "home",
    "clients:client_list",
    "clients:client_create",
    "portal:home",
    "portal:user_list",
    "portal:user_invite",
    "accounts:profile",
    "accounts:staff_list",
    "accounts:staff_invite",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:set_language",
    "notifications:list",
    "notifications:bell",
    "notifications:mark_all_read",
    "notifications:settings",
    "notifications:client_defaults",
    "notifications:outbox",
    "accounts:tokens",
    "webhooks:list",
    "api:me",
    "api:schema",
    "api:docs",
    "api:client-list",
    "api:site-list",
    "api:client-user-list",
    "api:staff-user-list",
    "api:notification-list",
    "api:notification-read-all",
    "api:webhook-list",
    "quality:inspection_list",
    "quality:schedule",
    "quality:action_list",
    "api:inspection-list",
    "api:corrective-action-list",
    "api:rating-list",
    "api:inspection-template-list",
}
# URLs whose arguments are not record ids, checked by their own tests.
# Inspection templates are the provider's forms, shared by every client.
PUBLIC = {
    "accounts:password_reset_confirm",
    "accounts:invitation",
    "media",
    "api:inspection-template-detail",
}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin: staff-only by its own login, see below
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


ALL_NAMES = sorted(set(_walk(get_resolver().url_patterns)))


def test_every_url_is_covered():
    unknown = set(ALL_NAMES) - set(OBJECT_KWARGS) - NO_OBJECT - PUBLIC
    assert not unknown, f"Add these URLs to the isolation walk: {sorted(unknown)}"


def _b_names(cast):
    return [
        cast.client_b.name,
        cast.site_b1.name,
        cast.admin_b.user.full_name,
        cast.contact_b.user.email,
    ]


@pytest.mark.parametrize("name", sorted(OBJECT_KWARGS))
@pytest.mark.parametrize("who", ["admin_a", "contact_a"])
def test_client_a_cannot_reach_client_b_records(client, cast, name, who):
    client.force_login(getattr(cast, who).user)
    url = url_for(name, cast, "b")
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (403, 404, 405), (method.__name__, url)
        for text in _b_names(cast):
            assert text not in response.text
    cast.admin_b.user.refresh_from_db()
    cast.contact_b.user.refresh_from_db()
    assert cast.contact_b.user.is_active and cast.admin_b.user.is_active


@pytest.mark.parametrize("name", sorted(NO_OBJECT))
@pytest.mark.parametrize("who", ["admin_a", "contact_a"])
def test_pages_without_records_show_nothing_of_client_b(client, cast, name, who):
    client.force_login(getattr(cast, who).user)
    response = client.get(reverse(name), follow=True)
    assert response.status_code in (200, 403, 405)
    for text in _b_names(cast):
        assert text not in response.text


@pytest.mark.parametrize("name", sorted(OBJECT_KWARGS))
@pytest.mark.parametrize("who", ["idle_director", "technician", "other_account_manager"])
def test_staff_without_assignment_cannot_reach_client_a(client, cast, name, who):
    """Staff who are not assigned to client A see none of its records."""
    url = url_for(name, cast, "a")
    client.force_login(getattr(cast.staff, who))
    response = client.get(url)
    sent_to_the_desk = response.status_code == 302 and response["Location"] == "/"
    assert response.status_code in (403, 404, 405) or sent_to_the_desk, url
    assert "Secret margin" not in response.text


def test_client_users_cannot_use_the_admin_site(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.get("/admin/clients/client/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_list_without_assignment_is_empty(client, cast):
    client.force_login(cast.staff.idle_director)
    response = client.get(reverse("clients:client_list"))
    assert cast.client_a.name not in response.text
    assert cast.client_b.name not in response.text


API_NAMES = sorted(name for name in OBJECT_KWARGS if name.startswith("api:"))
API_LISTS = sorted(name for name in NO_OBJECT if name.startswith("api:") and "list" in name)


@pytest.mark.parametrize("name", API_NAMES)
@pytest.mark.parametrize("who", ["admin_a", "contact_a"])
def test_client_a_tokens_cannot_reach_client_b_over_the_api(cast, name, who):
    api = token_client(getattr(cast, who).user)
    url = url_for(name, cast, "b")
    for method in (api.get, api.post, api.patch):
        response = method(url, {})
        assert response.status_code in (403, 404, 405), (method.__name__, url)
        for text in _b_names(cast):
            assert text not in response.content.decode()
    cast.contact_b.user.refresh_from_db()
    assert cast.contact_b.user.is_active


@pytest.mark.parametrize("name", API_LISTS)
@pytest.mark.parametrize("who", ["admin_a", "contact_a"])
def test_client_a_api_lists_show_nothing_of_client_b(cast, name, who):
    records(cast, "b")
    response = token_client(getattr(cast, who).user).get(reverse(name))
    assert response.status_code in (200, 403)
    for text in _b_names(cast):
        assert text not in response.content.decode()
