"""Read models for quality pages: each a fixed number of queries however much data."""

from django.db.models import (
    BooleanField,
    Case,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404

from accounts.models import User
from api.fields import load_contacts
from clients.access import clients_manageable_by, get_site_for, sites_visible_to
from clients.models import Site
from common.related import load_children
from quality import access
from quality.models import (
    AreaRating,
    CorrectiveAction,
    Inspection,
    InspectionPlan,
    Photo,
    Rating,
    Score,
)
from quality.models.actions import POOR, lacking_owner

TREND_LENGTH = 12
# The people a corrective action names, each shown as a contact over the API.
ACTION_PEOPLE = ("owner", "solved_by", "checked_by")


def inspectors(user) -> QuerySet[User]:
    """The people who made inspections ``user`` may see: the inspector filter's choices."""
    return User.objects.filter(
        pk__in=access.inspections_visible_to(user).values("inspector")
    ).order_by("full_name")


def inspections(user) -> QuerySet[Inspection]:
    return access.inspections_visible_to(user).select_related("site__client", "inspector")


def shown_inspections(queryset: QuerySet[Inspection]) -> QuerySet[Inspection]:
    """What a list row of inspections shows of other tables, read with it as
    columns (``keyset_page(rows=…)``): its site's and client's names, its
    inspector's (``site_name``, ``client_name``, ``inspector_name``)."""
    return queryset.annotate(**_site_and_inspector_names())


def _site_and_inspector_names() -> dict[str, F]:
    # What an inspection's row and a plan's row alike show of their site, its
    # client and their inspector.
    return {
        "site_name": F("site__name"),
        "client_name": F("site__client__name"),
        "inspector_name": F("inspector__full_name"),
    }


def shown_plans(queryset: QuerySet[InspectionPlan]) -> QuerySet[InspectionPlan]:
    """What a row of the inspection schedule shows of other tables, read with it
    as columns (``keyset_page(rows=…)``): its site's name and address, its
    client's name, its inspector's (``site_name``, ``site_address``,
    ``client_name``, ``inspector_name``)."""
    return queryset.annotate(**_site_and_inspector_names(), site_address=F("site__address"))


def _scores_prefetch() -> Prefetch:
    return Prefetch(
        "scores",
        queryset=Score.objects.select_related("corrective_action").prefetch_related(
            Prefetch("photos", queryset=Photo.objects.only("id", "score_id", "width", "height"))
        ),
    )


def with_scores(queryset: QuerySet[Inspection]) -> QuerySet[Inspection]:
    """Inspections with their scores, photos and opened actions, for a full report."""
    return queryset.prefetch_related(_scores_prefetch())


def full_inspection(user, pk) -> Inspection:
    """One inspection ``user`` may see, with site, author, scores, photos and actions."""
    return get_object_or_404(with_scores(inspections(user)), pk=pk)


def inspection_of(user, pk) -> Inspection:
    """One inspection ``user`` may see, with its site and author; its scores are
    read by ``load_scores`` when they are shown (``quality.kept.score_parts``)."""
    return get_object_or_404(inspections(user), pk=pk)


def load_scores(inspection: Inspection) -> Inspection:
    """``full_inspection``'s scores, photos and actions, read for a loaded inspection."""
    prefetch_related_objects([inspection], _scores_prefetch())
    return inspection


def published_at_site(user, site) -> QuerySet[Inspection]:
    return inspections(user).filter(site=site, status=Inspection.Status.PUBLISHED)


def _newest_published(user, site) -> QuerySet[Inspection]:
    """The site's published inspections ``user`` sees, newest first."""
    return (
        access.inspections_visible_to(user)
        .filter(site=site, status=Inspection.Status.PUBLISHED)
        .order_by("-published_at", "-pk")
    )


# What the trend, the page's list and its latest inspection show of each.
TREND_FIELDS = ("id", "published_at", "quality_index", "remarks", "inspector__full_name")


def trend_of(user, site) -> list[Inspection]:
    """The site's last published inspections, oldest first, for the chart; with
    their inspector's name and remarks, so that the newest of them are also the
    page's list and its latest inspection."""
    latest = (
        _newest_published(user, site).select_related("inspector").only(*TREND_FIELDS)[:TREND_LENGTH]
    )
    return list(reversed(latest))


def site_and_plan(user, pk) -> tuple[Site, InspectionPlan | None]:
    """The site ``pk`` as ``clients.access.get_site_for`` finds it (404 for one
    ``user`` does not see), and its inspection plan with the plan's template
    and inspector from the same query, if ``user`` sees plans (``access.sees_plans``)."""
    if not access.sees_plans(user):
        return get_site_for(user, pk), None
    site = get_object_or_404(
        sites_visible_to(user).select_related(
            "client", "inspection_plan__template", "inspection_plan__inspector"
        ),
        pk=pk,
    )
    # The reverse one-to-one raises when the site has no plan.
    return site, getattr(site, "inspection_plan", None)


def trend_and_drafts(user, site) -> tuple[list[Inspection], list[Inspection]]:
    """``trend_of`` and the site's drafts ``user`` sees (newest first, as the
    inspection list orders them: when each began and who is inspecting) from
    one query."""
    newest = _newest_published(user, site).values("pk")[:TREND_LENGTH]
    rows = (
        access.inspections_visible_to(user)
        .filter(site=site)
        .filter(Q(status=Inspection.Status.DRAFT) | Q(pk__in=newest))
        .select_related("inspector")
        .only(*TREND_FIELDS, "status", "started_at")
        .order_by()
    )
    trend: list[Inspection] = []
    drafts: list[Inspection] = []
    for row in rows:
        (drafts if row.status == Inspection.Status.DRAFT else trend).append(row)
    trend.sort(key=lambda row: (row.published_at, row.pk))
    drafts.sort(key=lambda row: (row.started_at, row.pk), reverse=True)
    return trend, drafts


def poor_scores(inspection: Inspection) -> list[Score]:
    """The elements of ``inspection`` (one the caller may see) scored 2 or lower,
    in the template's order, each with its corrective action's id and status."""
    return list(
        inspection.scores.filter(score__lte=POOR)
        .select_related("corrective_action")
        .only(
            "id",
            "inspection_id",
            "position",
            "area_names",
            "element_names",
            "score",
            "remark",
            "corrective_action__id",
            "corrective_action__score_id",
            "corrective_action__status",
        )
        .order_by("position")
    )


def areas_of(inspection: Inspection) -> list[tuple[str, list[Score]]]:
    """The inspection's scores grouped by work area, in the template's order."""
    groups: list[tuple[str, list[Score]]] = []
    for score in inspection.scores.all():
        if not groups or groups[-1][0] != score.area_label:
            groups.append((score.area_label, []))
        groups[-1][1].append(score)
    return groups


def listed_actions(user) -> QuerySet[CorrectiveAction]:
    """The corrective actions ``user`` sees, in the queue's order: open first
    (overdue ones first, by deadline), then awaiting check, then closed.

    The order is the stored ``queue`` column and the deadline, which an index
    answers a page at a time. What a row shows is added by ``shown_actions``.
    """
    return access.actions_visible_to(user).order_by("queue", "due_at", "pk")


def shown_actions(queryset: QuerySet[CorrectiveAction]) -> QuerySet[CorrectiveAction]:
    """What a list row of corrective actions shows of other tables, read with it
    as columns: its site's name (``site_name``), its owner's (``owner_name``),
    and whether it lacks an owner (``lacks_owner``: the rule of
    ``models.lacking_owner``), which ``flag_needs_new_owner`` turns into a flag
    for those who can name one."""
    return queryset.annotate(
        site_name=F("site__name"),
        owner_name=F("owner__full_name"),
        # True or False, never NULL (an owner deleted leaves no row to compare);
        # named through a mapping, as the model declares the attribute it sets.
        **{
            "lacks_owner": Case(
                When(lacking_owner(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        },
    )


def flag_needs_new_owner(user, actions: list[CorrectiveAction]) -> list[CorrectiveAction]:
    """Set ``needs_new_owner`` on each of ``actions`` (rows of ``shown_actions``)
    as ``access.needs_new_owner`` would: it lacks an owner and ``user`` manages
    its client. One query, and only when some action lacks an owner."""
    lacking = {action.client_id for action in actions if action.lacks_owner}
    manageable = (
        set(clients_manageable_by(user).filter(pk__in=lacking).values_list("pk", flat=True))
        if lacking
        else set()
    )
    for action in actions:
        action.needs_new_owner = action.client_id in manageable and action.lacks_owner
    return actions


def actions(user) -> QuerySet[CorrectiveAction]:
    """``listed_actions`` with what their rows show (``shown_actions``)."""
    return shown_actions(listed_actions(user))


def site_actions(user, site, limit: int) -> list[CorrectiveAction]:
    """The first ``limit`` of the site's corrective actions in the queue's
    order, flagged for a new owner (``flag_needs_new_owner``)."""
    return flag_needs_new_owner(user, list(actions(user).filter(site=site)[:limit]))


def actions_for_api(user) -> QuerySet[CorrectiveAction]:
    """The corrective actions ``user`` sees with what the API shows of each
    that one query reads well, as columns rather than records: the site's name
    and the inspection's id (``inspection_ref``, from the score). The people and
    photos of a page are ``api_action_rows``': joined here as well, they would
    make the query take longer to plan than to run.
    """
    return access.actions_visible_to(user).annotate(
        site_name=F("site__name"), inspection_ref=F("score__inspection_id")
    )


def api_action_rows(actions: list[CorrectiveAction]) -> list[CorrectiveAction]:
    """A page of ``actions_for_api`` with its people (owner, solver, checker) as
    ``<person>_contact`` (``api.fields.load_contacts``), and each action's
    photos as ``photo_list``."""
    load_contacts(actions, ACTION_PEOPLE)
    photos = Photo.objects.only("id", "action_id", "width", "height")
    return load_children(actions, "photo_list", photos, "action")


def action_photos(action: CorrectiveAction) -> list[Photo]:
    return list(action.photos.only("id", "action_id", "width", "height"))


def problem_photos(user, action: CorrectiveAction) -> list[Photo]:
    """The photos of the problem: those of the inspection element that opened ``action``.

    A client's rating carries no photos, so an action it opened shows none.
    """
    if action.score_id is None:
        return []
    return list(
        access.photos_visible_to(user)
        .filter(score_id=action.score_id)
        .only("id", "score_id", "width", "height")
    )


def latest_ratings(user, site, limit: int, *, author=None) -> list[Rating]:
    """The site's ``limit`` newest client ratings ``user`` sees (only
    ``author``'s, if given), each with its author's name and its scores by
    area as ``area_list``, from one query over the areas: a rating always
    scores at least one area (``services.ratings.rate``)."""
    newest = access.ratings_visible_to(user).filter(site=site)
    if author is not None:
        newest = newest.filter(author=author)
    areas = (
        AreaRating.objects.filter(
            rating__in=newest.order_by("-created_at", "-pk").values("pk")[:limit]
        )
        .select_related("rating__author")
        .only(
            "id",
            "position",
            "area_names",
            "score",
            "rating",
            "rating__created_at",
            "rating__comment",
            "rating__author__full_name",
        )
        .order_by("-rating__created_at", "-rating_id", "position")
    )
    found: dict[int, Rating] = {}
    for area in areas:
        rating = found.setdefault(area.rating_id, area.rating)
        if not hasattr(rating, "area_list"):
            rating.area_list = []
        rating.area_list.append(area)
    return list(found.values())
