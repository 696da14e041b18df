"""Clients rate the services of their sites, area by area, with the inspection's rule."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.access import sites_visible_to
from common.audit import set_author
from common.errors import ServiceError
from common.validators import check_fields
from events.bus import publish
from quality.models import Area, AreaRating, Rating
from quality.models.actions import POOR
from quality.services import actions
from quality.services.plans import template_for


def areas_for(site) -> list[Area]:
    """The work areas a client rates at ``site``: those of its inspection template."""
    template = template_for(site)
    return list(template.areas.all()) if template else []


@transaction.atomic
def rate(site, *, by, scores: dict[int, tuple[int | None, str]], comment: str = "") -> Rating:
    """Save a client's rating; ``scores`` maps an area's id to (score or None, remark).

    Areas left without a score are not rated. A score of 2 or lower opens a
    corrective action, as if an inspector had given it.
    """
    areas = {area.pk: area for area in areas_for(site)}
    unknown = set(scores) - set(areas)
    if unknown:
        raise ServiceError(_("Rate only the areas of this site."))
    given: dict[int, tuple[int, str]] = {
        pk: (score, remark) for pk, (score, remark) in scores.items() if score is not None
    }
    if not given:
        raise ServiceError(_("Give at least one area a score from 1 to 5."))
    for area_pk, (score, remark) in given.items():
        if score not in range(1, 6):
            raise ServiceError(_("Choose a score from 1 to 5."))
        if score <= POOR and not (remark or "").strip():
            raise ServiceError(
                _("%(area)s is scored %(score)s: tell us what is wrong.")
                % {"area": areas[area_pk].label, "score": score}
            )
        check_fields(AreaRating(remark=(remark or "").strip()), "remark")
    rating = Rating(site=site, author=by, comment=(comment or "").strip())
    check_fields(rating, "comment")
    set_author(rating, by=by)
    rating.save()
    for position, area in enumerate(areas.values(), start=1):
        if area.pk not in given:
            continue
        score, remark = given[area.pk]
        area_rating = AreaRating.objects.create(
            rating=rating,
            position=position,
            area_names=area.names(),
            score=score,
            remark=(remark or "").strip(),
        )
        if score <= POOR:
            actions.open_action(
                site,
                rated=score,
                area_names=area.names(),
                element_names={},
                problem=area_rating.remark,
                by=by,
                area_rating=area_rating,
            )
    publish(
        "rating.submitted",
        recipients=[site.service_director, site.work_manager, site.client.account_manager],
        target=rating,
        actor=by,
        params={
            "site": site.name,
            "author": by.full_name,
            "scores": [
                [area.names(), given[area.pk][0]] for area in areas.values() if area.pk in given
            ],
            "comment": rating.comment,
        },
        key=f"rating.submitted:{rating.pk}",
    )
    return rating


def remind_monthly(now=None) -> int:
    """Ask every active client user who sees an active site to rate this month.

    Safe to run again: the notification's key is per month.
    """
    now = now or timezone.now()
    month = timezone.localdate(now).strftime("%Y-%m")
    told = 0
    for user in User.objects.filter(is_active=True, membership__isnull=False):
        if not sites_visible_to(user).filter(status="active").exists():
            continue
        reminded = publish(
            "rating.reminder",
            recipients=[user],
            params={"month": month},
            key=f"rating.reminder:{month}:{user.pk}",
        )
        told += reminded is not None
    return told
