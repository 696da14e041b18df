"""Who may see and do what in quality monitoring, built on clients.access.

Client users see the published inspections, the corrective actions and the
ratings of the sites they see; staff see those of the sites they see, drafts
included. Inspecting, solving and checking each have their own rule here.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import Role
from clients.access import clients_manageable_by, sites_visible_to
from clients.models import Site
from quality.models import CorrectiveAction, Inspection, InspectionPlan, Photo, Rating, Score

# Roles that inspect any site they see; a service director inspects their own sites.
INSPECTING_ROLES = frozenset({Role.ADMINISTRATOR, Role.QUALITY_INSPECTOR})


def _usable(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def inspections_visible_to(user) -> QuerySet[Inspection]:
    if not _usable(user):
        return Inspection.objects.none()
    inspections = Inspection.objects.filter(site__in=sites_visible_to(user))
    if not user.is_provider_staff:
        return inspections.filter(status=Inspection.Status.PUBLISHED)
    return inspections


def actions_visible_to(user) -> QuerySet[CorrectiveAction]:
    if not _usable(user):
        return CorrectiveAction.objects.none()
    return CorrectiveAction.objects.filter(site__in=sites_visible_to(user))


def ratings_visible_to(user) -> QuerySet[Rating]:
    if not _usable(user):
        return Rating.objects.none()
    return Rating.objects.filter(site__in=sites_visible_to(user))


def plans_visible_to(user) -> QuerySet[InspectionPlan]:
    if not _usable(user) or not user.is_provider_staff:
        return InspectionPlan.objects.none()
    return InspectionPlan.objects.filter(site__in=sites_visible_to(user))


def photos_visible_to(user) -> QuerySet[Photo]:
    return Photo.objects.filter(
        Q(score__inspection__in=inspections_visible_to(user))
        | Q(action__in=actions_visible_to(user))
    )


def sites_inspectable_by(user) -> QuerySet[Site]:
    """Inspectors and the administrator inspect every site; a service director their own."""
    if not _usable(user) or not user.is_provider_staff:
        return Site.objects.none()
    if user.role in INSPECTING_ROLES:
        return sites_visible_to(user)
    if user.role == Role.SERVICE_DIRECTOR:
        return sites_visible_to(user).filter(service_director=user)
    return Site.objects.none()


def sites_plannable_by(user) -> QuerySet[Site]:
    """Who sets a site's inspection plan: the administrator, the account manager,
    the site's service director and the inspectors."""
    if not _usable(user) or not user.is_provider_staff:
        return Site.objects.none()
    if user.role in INSPECTING_ROLES:
        return sites_visible_to(user)
    return sites_visible_to(user).filter(Q(client__account_manager=user) | Q(service_director=user))


def sites_rateable_by(user) -> QuerySet[Site]:
    """The client's own people rate the services at their sites."""
    if not _usable(user) or not user.is_client_user:
        return Site.objects.none()
    return sites_visible_to(user).filter(status=Site.Status.ACTIVE)


def can_fill(user, inspection: Inspection) -> bool:
    """A draft is filled in by the person who started it."""
    return inspection.is_draft and inspection.inspector_id == user.pk


def can_solve(user, action: CorrectiveAction) -> bool:
    """The responsible work manager solves; the site's current work manager or
    service director, or the administrator, may do it in their place."""
    if not _usable(user) or not action.is_open:
        return False
    site = action.site
    return user.pk in {action.owner_id, site.work_manager_id, site.service_director_id} or (
        user.role == Role.ADMINISTRATOR
    )


def can_check(user, action: CorrectiveAction) -> bool:
    """The follow-up check: an inspector, the site's service director or the
    administrator, and not the person who wrote the solution."""
    if not _usable(user) or action.status != CorrectiveAction.Status.SOLVED:
        return False
    if user.pk == action.solved_by_id:
        return False
    return user.role in INSPECTING_ROLES or user.pk == action.site.service_director_id


def needs_new_owner(user) -> Q:
    """Open corrective actions whose owner was deactivated and whose site has no
    active work manager to take them over (``can_solve``), flagged for the
    people who can name one: those who manage the site's client."""
    return (
        Q(status=CorrectiveAction.Status.OPEN, owner__is_active=False)
        & ~Q(site__work_manager__is_active=True)
        & Q(site__client__in=clients_manageable_by(user))
    )


def action_needs_new_owner(user, action: CorrectiveAction) -> bool:
    """``needs_new_owner`` for one action, as its page shows it to ``user``."""
    return actions_visible_to(user).filter(needs_new_owner(user), pk=action.pk).exists()


def get_inspection_for(user, pk) -> Inspection:
    return get_object_or_404(
        inspections_visible_to(user).select_related("site__client", "inspector"), pk=pk
    )


def get_action_for(user, pk) -> CorrectiveAction:
    return get_object_or_404(
        actions_visible_to(user).select_related(
            "site__client",
            "site__work_manager",
            "site__service_director",
            "owner",
            "solved_by",
            "checked_by",
        ),
        pk=pk,
    )


def get_score_for(user, pk) -> Score:
    return get_object_or_404(
        Score.objects.filter(inspection__in=inspections_visible_to(user)).select_related(
            "inspection"
        ),
        pk=pk,
    )


def get_photo_for(user, pk) -> Photo:
    return get_object_or_404(photos_visible_to(user), pk=pk)
