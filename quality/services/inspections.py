"""Filling in and publishing an inspection, and the rule it sets off.

A draft copies the template's areas, elements and weights, so later edits of
the template leave it alone. Each answer is saved as the inspector goes.
Submitting checks every element is answered, computes the quality index,
publishes the inspection to the client's people and opens a corrective
action for every element scored 2 or lower.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.audit import set_author
from common.errors import ServiceError
from common.validators import check_fields
from events.bus import publish
from quality.models import Inspection, Photo, Score
from quality.models.actions import POOR
from quality.services import actions, photos
from quality.services.index import quality_index
from quality.services.plans import record_inspection, template_for
from quality.states import INSPECTIONS

MAX_PHOTOS = 10


@transaction.atomic
def start(site, *, by, now: datetime | None = None) -> Inspection:
    """A draft inspection of ``site`` with the site's template, or the open draft by ``by``.

    ``now`` lets the demo and the benchmark data write the past.
    """
    existing = Inspection.objects.filter(
        site=site, inspector=by, status=Inspection.Status.DRAFT
    ).first()
    if existing is not None:
        return existing
    template = template_for(site)
    if template is None:
        raise ServiceError(
            _("No inspection template is set for this site, and there is no default template.")
        )
    inspection = Inspection(
        site=site,
        template=template,
        template_version=template.version,
        template_names=template.names(),
        inspector=by,
        started_at=now or timezone.now(),
    )
    set_author(inspection, by=by, when=now)
    inspection.save()
    scores = blank_scores(inspection, template)
    if not scores:
        raise ServiceError(_("The inspection template has no elements to score."))
    Score.objects.bulk_create(scores)
    return inspection


def blank_scores(inspection: Inspection, template) -> list[Score]:
    """The template's elements as unsaved scores of ``inspection``, names and weights copied."""
    scores: list[Score] = []
    for area in template.areas.prefetch_related("elements"):
        for element in area.elements.all():
            scores.append(
                Score(
                    inspection=inspection,
                    position=len(scores) + 1,
                    area_names=area.names(),
                    element_names=element.names(),
                    weight=element.weight,
                )
            )
    return scores


@transaction.atomic
def answer(score: Score, *, by, value: str, remark: str, now: datetime | None = None) -> Score:
    """Save one element's answer: "1"–"5", "na" (not applicable) or "" (not yet).

    Only while the inspection is a draft (``INSPECTIONS``); ``now`` dates its
    history for data written in the past.
    """
    # The inspection first, then the score: every service that locks both
    # locks them in this order, so two of them never wait on each other.
    INSPECTIONS.lock(score.inspection, "answer")
    score = (
        Score.objects.select_for_update(of=("self",)).select_related("inspection").get(pk=score.pk)
    )
    if value not in {"", "na", "1", "2", "3", "4", "5"}:
        raise ServiceError(_("Choose a score from 1 to 5, or not applicable."), field="value")
    score.not_applicable = value == "na"
    score.score = int(value) if value.isdigit() else None
    score.remark = (remark or "").strip()
    check_fields(score, "remark")
    set_author(score, by=by, when=now)
    score.save()
    return score


@transaction.atomic
def add_photo(score: Score, upload, *, by) -> Photo:
    """Add a photo to an element of a draft, at most MAX_PHOTOS each, cleaned and thumbnailed."""
    INSPECTIONS.check(score.inspection, "add_photo")
    # Cleaning a big photo takes a second: before the lock, not while holding it.
    image, thumbnail = photos.prepare(upload)
    INSPECTIONS.lock(score.inspection, "add_photo")
    if score.photos.count() >= MAX_PHOTOS:
        raise ServiceError(
            _("An element can have at most %(count)s photos.") % {"count": MAX_PHOTOS}
        )
    return Photo.objects.create(score=score, image=image, thumbnail=thumbnail, uploaded_by=by)


@transaction.atomic
def remove_photo(photo: Photo, *, by) -> None:
    """Remove a photo from an element of a draft; its files go once the row is gone.

    A solution's photo stays with the solution.
    """
    if photo.score is None:
        raise ServiceError(_("This photo belongs to a solution and stays with it."))
    INSPECTIONS.lock(photo.score.inspection, "remove_photo")
    files = [(f.storage, f.name) for f in (photo.image, photo.thumbnail) if f.name]
    photo.delete()

    def delete_files() -> None:
        for storage, name in files:
            storage.delete(name)

    # The files go only once the row is surely gone.
    transaction.on_commit(delete_files)


@transaction.atomic
def set_remarks(inspection: Inspection, *, by, remarks: str) -> Inspection:
    """The inspector's general remarks on a draft."""
    inspection = INSPECTIONS.lock(inspection, "set_remarks")
    inspection.remarks = (remarks or "").strip()
    check_fields(inspection, "remarks")
    set_author(inspection, by=by)
    inspection.save()
    return inspection


class NotReadyToSubmit(ServiceError):
    """A draft with elements unanswered, or scored 1–2 without a remark."""


@dataclass(frozen=True)
class Missing:
    """What still stands between a draft and its submission."""

    unanswered: list[Score]
    without_remark: list[Score]

    def __bool__(self) -> bool:
        return bool(self.unanswered or self.without_remark)


def missing(scores) -> Missing:
    """The elements with no answer yet, and those scored 1–2 without a remark saying why."""
    scores = list(scores)
    return Missing(
        unanswered=[score for score in scores if not score.is_answered],
        without_remark=[score for score in scores if score.is_poor and not score.remark],
    )


def _names(scores: list[Score]) -> str:
    # A semicolon, not a comma: element names may contain commas.
    return "; ".join(f"{score.area_label} · {score.element_label}" for score in scores)


def refusal(found: Missing) -> str:
    """The one message that says exactly which elements keep a draft from being submitted."""
    sentences = [_("The inspection is not submitted yet.")]
    if found.unanswered:
        sentences.append(_("No score yet: %(elements)s.") % {"elements": _names(found.unanswered)})
    if found.without_remark:
        sentences.append(
            _("A score of 1 or 2 needs a remark saying what is wrong: %(elements)s.")
            % {"elements": _names(found.without_remark)}
        )
    return " ".join(sentences)


@transaction.atomic
def submit(inspection: Inspection, *, by, now: datetime | None = None) -> Inspection:
    """Publish the inspection: the client sees it at once and every poor score gets an action.

    Only a draft with every element answered, and a remark for every score of
    1–2, is submitted (``NotReadyToSubmit`` names what is missing).
    """
    inspection = INSPECTIONS.lock(inspection, "submit", related=["site__client"])
    scores = list(inspection.scores.all())
    found = missing(scores)
    if found:
        raise NotReadyToSubmit(refusal(found), field="scores")
    inspection.status = Inspection.Status.PUBLISHED  # INSPECTIONS["submit"]
    inspection.published_at = now or timezone.now()
    inspection.quality_index = quality_index(scores)
    inspection.version += 1
    set_author(inspection, by=by, when=now)
    inspection.save()
    record_inspection(inspection)
    opened = [
        actions.open_action(
            inspection.site,
            rated=score.score,
            area_names=score.area_names,
            element_names=score.element_names,
            problem=score.remark,
            by=by,
            score=score,
            now=inspection.published_at,
        )
        for score in scores
        if score.score is not None and score.score <= POOR
    ]
    _tell_published(inspection, opened, by=by)
    return inspection


def _tell_published(inspection: Inspection, opened: list, *, by) -> None:
    site = inspection.site
    people = [m.user for m in site.client.memberships.select_related("user")]
    staff = [site.service_director, site.work_manager, site.client.account_manager]
    published_at = inspection.published_at or timezone.now()
    publish(
        "inspection.published",
        recipients=[person for person in [*people, *staff] if person is not None],
        target=inspection,
        actor=by,
        params={
            "site": site.name,
            "index": str(inspection.quality_index) if inspection.quality_index else "",
            "inspector": inspection.inspector.full_name,
            "published_at": published_at.isoformat(),
            "actions": len(opened),
        },
        key=f"inspection.published:{inspection.pk}",
    )


@transaction.atomic
def discard(inspection: Inspection, *, by) -> None:
    """Throw away a draft nobody has seen (a published inspection stays for good)."""
    inspection = INSPECTIONS.lock(inspection, "discard")
    for photo in Photo.objects.filter(score__inspection=inspection):
        remove_photo(photo, by=by)
    set_author(inspection, by=by)
    inspection.delete()
