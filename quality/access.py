"""Who may see and do what in quality monitoring, built on clients.access.

Client users see the published inspections, the corrective actions and the
ratings of the sites they see; staff see those of the sites they see, drafts
included. Inspecting, planning, rating, filling in, solving and checking each
have their own rule here. Whether a record may still change (a draft, an open
action) is the services' to decide, not this module's.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import is_usable, sees_internal
from accounts.roles import Role
from clients.access import at_visible_sites, clients_manageable_by, sites_visible_to
from clients.models import Site
from common.querysets import unrestricted
from quality.models import (
    CorrectiveAction,
    Inspection,
    InspectionPlan,
    Photo,
    Rating,
    Score,
    Template,
)
from quality.models.actions import lacking_owner

# Roles that inspect any site they see; a service director inspects their own sites.
INSPECTING_ROLES = frozenset({Role.ADMINISTRATOR, Role.QUALITY_INSPECTOR})


def inspections_visible_to(user) -> QuerySet[Inspection]:
    """The inspections of the sites ``user`` sees; drafts are staff-only
    (``sees_internal``), so a client's people see the published ones only.
    None for anyone who is not usable."""
    if not is_usable(user):
        return Inspection.objects.none()
    inspections = at_visible_sites(user, Inspection.objects.all())
    if not sees_internal(user):
        return inspections.filter(status=Inspection.Status.PUBLISHED)
    return inspections


def actions_visible_to(user) -> QuerySet[CorrectiveAction]:
    """The corrective actions of the sites ``user`` sees, staff and client alike;
    none for anyone who is not usable."""
    if not is_usable(user):
        return CorrectiveAction.objects.none()
    return at_visible_sites(user, CorrectiveAction.objects.all())


def ratings_visible_to(user) -> QuerySet[Rating]:
    """The client ratings of the sites ``user`` sees, staff and client alike;
    none for anyone who is not usable."""
    if not is_usable(user):
        return Rating.objects.none()
    return at_visible_sites(user, Rating.objects.all())


def sees_plans(user) -> bool:
    """Whether ``user`` sees the inspection plans of the sites they see: plans
    are the provider's own, so its staff do, a client's people and anyone not
    usable do not."""
    return is_usable(user) and user.is_provider_staff


def plans_visible_to(user) -> QuerySet[InspectionPlan]:
    """The inspection plans of the sites ``user`` sees, if they see plans (``sees_plans``)."""
    if not sees_plans(user):
        return InspectionPlan.objects.none()
    return at_visible_sites(user, InspectionPlan.objects.all())


def templates_visible_to(user) -> QuerySet[Template]:
    """The active inspection templates: they hold no client's data, so every
    usable person reads them (forms and ratings name their areas); nobody else."""
    if not is_usable(user):
        return Template.objects.none()
    return Template.objects.filter(is_active=True)


def photos_visible_to(user) -> QuerySet[Photo]:
    """The photos of the inspections and corrective actions ``user`` sees (a
    draft's photos for staff only); none for anyone who is not usable."""
    return Photo.objects.filter(
        Q(score__inspection__in=inspections_visible_to(user))
        | Q(action__in=actions_visible_to(user))
    )


def sites_inspectable_by(user) -> QuerySet[Site]:
    """Inspectors and the administrator inspect every site they see; a service
    director the sites they direct; nobody else, and no client's person."""
    if not is_usable(user) or not user.is_provider_staff:
        return Site.objects.none()
    if user.role in INSPECTING_ROLES:
        return sites_visible_to(user)
    if user.role == Role.SERVICE_DIRECTOR:
        return sites_visible_to(user).filter(service_director=user)
    return Site.objects.none()


def sites_plannable_by(user) -> QuerySet[Site]:
    """Who sets a site's inspection plan: the administrator, the account manager,
    the site's service director and the inspectors; nobody else, and no client's person."""
    if not is_usable(user) or not user.is_provider_staff:
        return Site.objects.none()
    if user.role in INSPECTING_ROLES:
        return sites_visible_to(user)
    return sites_visible_to(user).filter(Q(client__account_manager=user) | Q(service_director=user))


def sites_rateable_by(user) -> QuerySet[Site]:
    """The client's own people rate the services at the active sites they see;
    staff and anyone who is not usable rate none."""
    if not is_usable(user) or not user.is_client_user:
        return Site.objects.none()
    return sites_visible_to(user).filter(status=Site.Status.ACTIVE)


def get_site_for_portal(user, pk) -> Site:
    """The site ``pk`` if ``user`` sees it (as ``clients.access.get_site_for``:
    404 otherwise), with ``rateable``: whether ``user`` rates its services
    (``sites_rateable_by``), and ``rated_by_reader``: whether ``user`` has
    rated it, asked in the same query."""
    return get_object_or_404(
        sites_visible_to(user)
        .select_related("client")
        .annotate(
            rateable=Exists(sites_rateable_by(user).filter(pk=OuterRef("pk"))),
            rated_by_reader=Exists(
                Rating.objects.filter(site=OuterRef("pk"), author_id=getattr(user, "pk", None))
            ),
        ),
        pk=pk,
    )


def can_inspect(user, site: Site) -> bool:
    """Whether ``user`` starts an inspection of ``site`` (``sites_inspectable_by``)."""
    return sites_inspectable_by(user).filter(pk=site.pk).exists()


def can_plan(user, site: Site) -> bool:
    """Whether ``user`` sets ``site``'s inspection plan (``sites_plannable_by``)."""
    return sites_plannable_by(user).filter(pk=site.pk).exists()


def can_inspect_and_plan(user, site: Site) -> tuple[bool, bool]:
    """(``can_inspect``, ``can_plan``) for ``site``, asked in one query: a
    site's quality page shows both buttons. Those who inspect and plan every
    site (``common.querysets.unrestricted``) are not asked at all."""
    inspectable, plannable = sites_inspectable_by(user), sites_plannable_by(user)
    if unrestricted(inspectable) and unrestricted(plannable) and site.pk is not None:
        return True, True
    found = (
        Site.objects.filter(pk=site.pk)
        .values_list(
            Exists(inspectable.filter(pk=OuterRef("pk"))),
            Exists(plannable.filter(pk=OuterRef("pk"))),
        )
        .first()
    )
    return found if found is not None else (False, False)


def can_rate(user, site: Site) -> bool:
    """Whether ``user`` rates the services at ``site`` (``sites_rateable_by``)."""
    return sites_rateable_by(user).filter(pk=site.pk).exists()


def can_fill(user, inspection: Inspection) -> bool:
    """An inspection is filled in by the person who started it, and by nobody else.

    Whether it may still change (only while it is a draft) is the state
    machine's rule (quality.states.INSPECTIONS), checked by the services.
    """
    return is_usable(user) and inspection.inspector_id == user.pk


def can_solve(user, action: CorrectiveAction) -> bool:
    """The responsible work manager solves; the site's current work manager or
    service director, or the administrator, may do it in their place.

    Whether the action is still open is the state machine's rule
    (quality.states.ACTIONS), checked by the service."""
    if not is_usable(user):
        return False
    site = action.site
    return user.pk in {action.owner_id, site.work_manager_id, site.service_director_id} or (
        user.role == Role.ADMINISTRATOR
    )


def can_check(user, action: CorrectiveAction) -> bool:
    """The follow-up check: an inspector, the site's service director or the
    administrator, and not the person who wrote the solution.

    Whether a solution awaits its check is the state machine's rule
    (quality.states.ACTIONS), checked by the service."""
    if not is_usable(user):
        return False
    if user.pk == action.solved_by_id:
        return False
    return user.role in INSPECTING_ROLES or user.pk == action.site.service_director_id


def needs_new_owner(user) -> Q:
    """Open corrective actions whose owner was deactivated and whose site has no
    active work manager to take them over (``can_solve``), flagged for the
    people who can name one: those who manage the site's client."""
    return lacking_owner() & Q(client__in=clients_manageable_by(user))


def action_needs_new_owner(user, action: CorrectiveAction) -> bool:
    """``needs_new_owner`` for one action, as its page shows it to ``user``."""
    return actions_visible_to(user).filter(needs_new_owner(user), pk=action.pk).exists()


def get_inspection_for(user, pk) -> Inspection:
    """The inspection ``pk`` if ``user`` sees it (``inspections_visible_to``): a
    client's draft reads as missing; 404 for a missing one and another's alike."""
    return get_object_or_404(
        inspections_visible_to(user).select_related("site__client", "inspector"), pk=pk
    )


def get_action_for(user, pk) -> CorrectiveAction:
    """The corrective action ``pk`` if ``user`` sees it (``actions_visible_to``),
    with the people its page names; 404 for a missing one and another's alike."""
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
    """The score ``pk`` if ``user`` sees its inspection; 404 otherwise."""
    return get_object_or_404(
        Score.objects.filter(inspection__in=inspections_visible_to(user)).select_related(
            "inspection"
        ),
        pk=pk,
    )


def get_photo_for(user, pk) -> Photo:
    """The photo ``pk`` if ``user`` sees it (``photos_visible_to``); 404 otherwise."""
    return get_object_or_404(photos_visible_to(user), pk=pk)
