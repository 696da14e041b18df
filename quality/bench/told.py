"""Who hears of what happens in quality monitoring, as ``events.bench`` happenings.

The recipients are the services' (``quality.services``), narrowed as the
events' access functions narrow them: a client's administrators see every
site of their client, a site contact only their own sites, and the site's
director, work manager and account manager see its records. The params and
keys are the services' too, so the bulk reads like what they publish.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from clients.bench import SiteFacts
from common.benchdata import Run, path_maker
from events.bench import Happening
from quality.models import CorrectiveAction, Inspection, Rating


class Told:
    def __init__(self, run: Run) -> None:
        self.sites = run.shared["clients.sites"]
        self.clients = run.shared["clients.clients"]
        self.names = run.shared["accounts.names"]
        type_of = ContentType.objects.get_for_model
        self.inspection_type = type_of(Inspection).pk
        self.action_type = type_of(CorrectiveAction).pk
        self.rating_type = type_of(Rating).pk
        self.inspection_paths = (
            path_maker("quality:inspection_detail"),
            path_maker("portal_quality:inspection_detail"),
        )
        self.action_paths = (
            path_maker("quality:action_detail"),
            path_maker("portal_quality:action_detail"),
        )
        self.site_paths = (path_maker("quality:site"), path_maker("portal_quality:site"))
        self.portal_home = reverse("portal:home")

    def client_people(self, site: SiteFacts) -> list[int]:
        """The client's people who see ``site``: its administrators and its contacts."""
        return [*self.clients[site.client_id].admins, *site.contacts]

    def staff(self, site: SiteFacts) -> list[int]:
        manager = self.clients[site.client_id].account_manager
        return [pk for pk in (site.director, site.work_manager, manager) if pk is not None]

    def published(
        self, pk: int, site: SiteFacts, inspector: int, at: datetime, index, actions: int
    ) -> Happening:
        """``inspection.published``, as ``inspections.submit`` tells it."""
        staff_path, portal_path = self.inspection_paths
        return Happening(
            name="inspection.published",
            key=f"inspection.published:{pk}",
            at=at,
            target_type_id=self.inspection_type,
            target_id=pk,
            actor_id=inspector,
            params={
                "site": site.name,
                "index": str(index) if index else "",
                "inspector": self.names[inspector],
                "published_at": at.isoformat(),
                "actions": actions,
            },
            recipients=(*self.client_people(site), *self.staff(site)),
            client_id=site.client_id,
            links=(staff_path(pk), portal_path(pk)),
        )

    def action(
        self, event: str, action, at: datetime, *, by: int | None, recipients, key: str = ""
    ) -> Happening:
        """A corrective action's event, keyed and worded as ``services.actions._tell`` does."""
        site = self.sites[action.site_id]
        staff_path, portal_path = self.action_paths
        return Happening(
            name=event,
            key=key or f"{event}:{action.id}:{action.version}",
            at=at,
            target_type_id=self.action_type,
            target_id=action.id,
            actor_id=by,
            params={
                "site": site.name,
                "area": action.area_names,
                "element": action.element_names,
                "score": action.rated,
                "problem": action.problem,
                "due_at": action.due_at.isoformat(),
                "solution": action.solution,
                "note": action.check_note,
                "from_client": action.area_rating_id is not None,
            },
            recipients=tuple(pk for pk in recipients if pk is not None),
            client_id=site.client_id,
            links=(staff_path(action.id), portal_path(action.id)),
        )

    def rating(
        self, pk: int, site: SiteFacts, author: int, at: datetime, scores: list, comment: str
    ) -> Happening:
        """``rating.submitted``, as ``ratings.rate`` tells it."""
        staff_path, portal_path = self.site_paths
        return Happening(
            name="rating.submitted",
            key=f"rating.submitted:{pk}",
            at=at,
            target_type_id=self.rating_type,
            target_id=pk,
            actor_id=author,
            params={
                "site": site.name,
                "author": self.names[author],
                "scores": scores,
                "comment": comment,
            },
            recipients=tuple(self.staff(site)),
            client_id=site.client_id,
            links=(staff_path(site.id), portal_path(site.id)),
        )

    def reminder(self, user: int, month: str, at: datetime) -> Happening:
        """``rating.reminder``, as ``ratings.remind_monthly`` tells it."""
        return Happening(
            name="rating.reminder",
            key=f"rating.reminder:{month}:{user}",
            at=at,
            params={"month": month},
            recipients=(user,),
            links=(self.portal_home, self.portal_home),
        )
