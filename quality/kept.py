"""What of a site's quality page is kept rendered (``common.fragments``), and what renews it.

The portal's page shows every client reader of a site the same trend, latest
inspection, poor scores, earlier inspections and corrective actions: the
site's own access check runs on every request, and what the reader alone
sees (their ratings, the "Rate" button) is read outside the kept parts.

An inspection's scores are kept with its site's parts (``score_parts``).

A kept part is renewed when anything of the site it shows is saved or
deleted, however that happens (a service, the API, the admin): the receivers
below listen to the models, not to the services.
"""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_delete
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.access import sees_internal
from clients.access import can_manage_client
from common import fragments
from quality import charts, queries

SCOPE = "quality-site"
SITE_ACTIONS = 20
# Fewer than the trend holds (queries.TREND_LENGTH), so the trend's rows are enough.
SITE_EARLIER = 6
SITE_INSPECTIONS = 10
SITE_RATINGS = 5


def portal_parts(user, site) -> dict:
    """The portal page's ``latest`` (the latest inspection and what scored 2 or
    lower) and ``overview`` (the trend, the corrective actions, the earlier
    inspections) of ``site``, which ``user``, a client's person, may see.

    Every client reader of the site is shown the same: they see its published
    inspections and all its actions, and none of them may name an action's
    new owner (``clients.access.clients_manageable_by`` is staff's).
    """
    return fragments.kept(SCOPE, site.pk, "portal", lambda: _render_portal(user, site))


def desk_parts(user, site) -> dict:
    """The desk page's ``work`` (the trend, the corrective actions, the drafts
    and the latest inspections) and ``ratings`` (the client's latest ratings)
    of ``site``, which ``user``, a staff member, may see; ``draft_inspectors``
    are the ids of those with a draft there (the page's button says "Continue").

    Staff who see a site see all of it alike; what differs between them is
    whether they read drafts (``sees_internal``) and whether they may name an
    action's new owner (``can_manage_client``), so those make the audience.
    """
    audience = f"desk-{int(sees_internal(user))}-{int(can_manage_client(user, site.client))}"
    return fragments.kept(SCOPE, site.pk, audience, lambda: _render_desk(user, site))


def _render_desk(user, site) -> tuple[dict, int]:
    trend, drafts = queries.trend_and_drafts(user, site)
    actions = queries.site_actions(user, site, SITE_ACTIONS)
    context = {
        "site": site,
        "chart": charts.trend(trend),
        # The trend's newest inspections, read once for the chart and the list.
        "inspections": trend[::-1][:SITE_INSPECTIONS],
        "drafts": drafts,
        "actions": actions,
        "ratings": queries.latest_ratings(user, site, SITE_RATINGS),
    }
    parts: dict = {
        name: render_to_string(f"quality/staff/_site_parts.html#{name}", context)
        for name in ("work", "ratings")
    }
    parts["draft_inspectors"] = [draft.inspector_id for draft in drafts]
    return parts, _seconds_until_overdue(actions)


def _render_portal(user, site) -> tuple[dict[str, str], int]:
    trend = queries.trend_of(user, site)
    latest = trend[-1] if trend else None
    actions = queries.site_actions(user, site, SITE_ACTIONS)
    context = {
        "site": site,
        "inspection": latest,
        "poor_scores": queries.poor_scores(latest) if latest else [],
        "chart": charts.trend(trend),
        "earlier": trend[-2::-1][:SITE_EARLIER],
        "actions": actions,
    }
    # No request: nothing of the reader (their session's CSRF token, their
    # name) can be written into what other readers are served.
    parts = {
        name: render_to_string(f"quality/portal/_site_parts.html#{name}", context)
        for name in ("latest", "overview")
    }
    return parts, _seconds_until_overdue(actions)


def score_parts(inspection, *, portal: bool) -> dict:
    """The ``scores`` of ``inspection`` (one its reader may see): its areas, each
    score with its remark, photos and corrective action's status, linking to the
    desk's pages or the ``portal``'s. Kept with its site's parts, and renewed
    with them: every record they show is of the site.

    Every reader of an inspection is shown its scores alike; only the links
    differ between the desk and the portal.
    """
    audience = f"inspection-{int(inspection.pk)}-{'portal' if portal else 'desk'}"
    return fragments.kept(
        SCOPE, inspection.site_id, audience, lambda: _render_scores(inspection, portal)
    )


def _render_scores(inspection, portal: bool) -> tuple[dict, int]:
    queries.load_scores(inspection)
    context = {"areas": queries.areas_of(inspection), "portal": portal}
    return {"scores": render_to_string("quality/_scores.html", context)}, fragments.MAX_AGE


def _seconds_until_overdue(actions) -> int:
    """How long the actions' "Overdue" badges stay as rendered: until the next
    open action's deadline passes (``fragments.MAX_AGE`` at most)."""
    now = timezone.now()
    upcoming: list[datetime] = [a.due_at for a in actions if a.is_open and a.due_at > now]
    if not upcoming:
        return fragments.MAX_AGE
    return min(max(int((min(upcoming) - now).total_seconds()), 0), fragments.MAX_AGE)


def _site_of(sender, instance) -> int | None:
    from clients.models import Site
    from quality.models import CorrectiveAction, Inspection, Photo, Score

    if sender is Site:
        return instance.pk
    if sender is Score:
        if Score.inspection.is_cached(instance):
            return instance.inspection.site_id
        return (
            Inspection.objects.filter(pk=instance.inspection_id)
            .values_list("site_id", flat=True)
            .first()
        )
    if sender is Photo:
        # A score's photo or a solution's: either way of one site.
        if instance.score_id is not None:
            return (
                Score.objects.filter(pk=instance.score_id)
                .values_list("inspection__site_id", flat=True)
                .first()
            )
        return (
            CorrectiveAction.objects.filter(pk=instance.action_id)
            .values_list("site_id", flat=True)
            .first()
        )
    return instance.site_id


def _changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata
        return
    site_id = _site_of(sender, instance)
    if site_id is not None:
        fragments.changed(SCOPE, site_id)


# A person's save that changes nothing a kept part shows of them.
_UNSHOWN_FIELDS = frozenset({"last_login", "password"})


def _person_deleted(sender, instance, **kwargs):
    """Deleting a person empties their places (``SET_NULL``) without a save:
    their sites are found while they still hold them."""
    _person_changed(sender, instance)


def _person_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """A person's name or state shows in the kept parts of every site where
    they inspected, own an action, rated or manage the work (whether an
    action lacks an owner): those sites' parts are renewed. People are saved
    rarely but for their logins, which change nothing shown."""
    if raw or (update_fields is not None and set(update_fields) <= _UNSHOWN_FIELDS):
        return
    from clients.models import Site
    from quality.models import CorrectiveAction, Inspection, Rating

    person = instance.pk
    sites = (
        Inspection.objects.filter(inspector=person)
        .order_by()
        .values_list("site_id")
        .union(
            CorrectiveAction.objects.filter(owner=person).order_by().values_list("site_id"),
            Rating.objects.filter(author=person).order_by().values_list("site_id"),
            Site.objects.filter(work_manager=person).order_by().values_list("pk"),
        )
        .order_by()
    )
    for (site_id,) in sites:
        fragments.changed(SCOPE, site_id)


def connect() -> None:
    """Renew a site's kept parts whenever a record they show is saved or deleted.

    Listening to a score's deletion makes Django read the scores of an
    inspection it deletes (a discarded draft's fifty) to tell each: rare.
    """
    from clients.models import Site
    from quality.models import CorrectiveAction, Inspection, Photo, Rating, Score

    for model in (Site, Inspection, Score, Photo, CorrectiveAction, Rating):
        uid = f"quality.kept.{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
    for model in (Inspection, Score, Photo, CorrectiveAction, Rating):
        uid = f"quality.kept.{model.__name__}"
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
    person = get_user_model()
    post_save.connect(_person_changed, sender=person, dispatch_uid="quality.kept.person")
    pre_delete.connect(_person_deleted, sender=person, dispatch_uid="quality.kept.person.delete")
