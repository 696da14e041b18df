"""The isolation matrix's rows for quality: inspections, drafts, photos, actions, ratings."""

from datetime import date

from common.tests.isolation.roles import everyone, portal_page, signed_in, staff_page, tokens
from common.tests.isolation.rows import api, page, posted
from quality.forms import PlanForm
from quality.models import CorrectiveAction, InspectionPlan
from quality.services import actions, inspections, ratings
from quality.tests import helpers


def _published(w):
    """Client B's published inspection: two poor scores, so two corrective actions,
    and a photo of the first problem."""
    helpers.default_template()
    inspector = w.user("inspector")
    draft = inspections.start(w["site"], by=inspector)
    helpers.fill(draft, [5, 2, 5, 2, "na"])
    first_poor = draft.scores.filter(score=2).order_by("position").first()
    inspections.add_photo(first_poor, helpers.photo_upload(), by=inspector)
    return inspections.submit(draft, by=inspector)


def _actions(w):
    return list(CorrectiveAction.objects.filter(score__inspection=w["inspection"]).order_by("pk"))


def _solved_action(w):
    action = _actions(w)[1]
    return actions.solve(
        action, by=w.user("wm"), solution="Mopped", expected_version=action.version
    )


def _draft(w):
    """The inspector's complete draft of client B's site, ready to submit."""
    w["inspection"]  # the published one first: a draft is one per inspector and site
    draft = inspections.start(w["site"], by=w.user("inspector"))
    helpers.fill(draft, [5, 4, 5, 4, "na"])
    return draft


def _draft_photo(w):
    return inspections.add_photo(w["score"], helpers.photo_upload(), by=w.user("inspector"))


def _rating(w):
    area = helpers.default_template().areas.first()
    return ratings.rate(w["site"], by=w.user("ca_b"), scores={area.pk: (4, "Tidy")})


RECORDS = {
    "inspection": _published,
    "photo": lambda w: w["inspection"].scores.get(photos__isnull=False).photos.get(),
    "action": lambda w: _actions(w)[0],
    "solved_action": _solved_action,
    "draft": _draft,
    "score": lambda w: w["draft"].scores.order_by("position").first(),
    "draft_photo": _draft_photo,
    "rating": _rating,
}


def _plan(w):
    form = PlanForm(instance=InspectionPlan(site=w["site"]))
    return posted(
        form,
        template=helpers.default_template().pk,
        every=2,
        unit="weeks",
        starts_on=date(2027, 1, 4).isoformat(),
    )


def _solve(w):
    action = w["action"]
    return {"solution": "Fixed by a probe", "loaded_version": action.version}


def _check(w):
    action = w["solved_action"]
    return {"note": "Checked by a probe", "loaded_version": action.version, "decision": "verify"}


def _rate(w):
    helpers.default_template()
    return {
        **{f"score_{a.pk}": "4" for a in ratings.areas_for(w["site"])},
        "comment": "Rated by a probe",
    }


def _api_solve(w):
    return {"solution": "Fixed by a probe", "version": w["action"].version}


def _api_check(w):
    return {"note": "Checked by a probe", "version": w["solved_action"].version}


def _api_answers(w):
    return {"answers": [{"score": w["score"].pk, "value": "3"}]}


def _api_photo(w):
    return {"score": w["score"].pk, "photo": helpers.photo_upload()}


def _api_start(w):
    helpers.default_template()
    return {"site": w["site"].pk}


def _api_rate(w):
    area = helpers.default_template().areas.first()
    return {"site": w["site"].pk, "areas": [{"area": area.pk, "score": 4}]}


STRANGE_STAFF = "am_a sd_a wm_a tech"  # staff with nothing to do with client B
STRANGERS = "am_a sd_a wm_a tech ca sc"
# Who may see client B's records (ratings, published inspections, actions) on the desk.
SEES = staff_page(404, STRANGE_STAFF, others=200)
# A draft is filled in by its author (the inspector) alone; the staff who see
# it are refused (403), the strangers do not find it (404).
AUTHOR_ONLY = staff_page(302, "inspector", others=403) | dict.fromkeys(STRANGE_STAFF.split(), 404)


LISTS = ("inspection", "draft", "solved_action", "rating")

ROWS = [
    # The desk's lists and a site's quality page.
    *(
        page(
            name,
            needs=LISTS,
            GET=staff_page(others=200),
            POST=staff_page(others=200),
            OTHER=staff_page(others=200),
        )
        for name in ("quality:inspection_list", "quality:schedule", "quality:action_list")
    ),
    page("quality:site", "site", GET=SEES, POST=SEES, OTHER=SEES),
    page(
        "quality:plan_edit",
        "site",
        data=_plan,
        # Plans are set by the inspectors, the account manager and the service director.
        GET=SEES | {"wm": 403},
        POST=staff_page(404, STRANGE_STAFF, others=302) | {"wm": 403},
        OTHER=SEES | {"wm": 403},
    ),
    page(
        "quality:inspection_start",
        "site",
        # Inspectors, the administrator and the site's service director inspect.
        GET=everyone(405),
        POST=staff_page(403, "am wm", others=302) | dict.fromkeys(STRANGE_STAFF.split(), 404),
        OTHER=everyone(405),
    ),
    page("quality:inspection_detail", "inspection", GET=SEES, POST=SEES, OTHER=SEES),
    # Filling in client B's draft: only its author.
    page(
        "quality:inspection_fill",
        "draft",
        GET=AUTHOR_ONLY | {"inspector": 200},
        POST=AUTHOR_ONLY | {"inspector": 200},
        OTHER=AUTHOR_ONLY | {"inspector": 200},
    ),
    *(
        page(name, kind, data=data, GET=everyone(405), POST=AUTHOR_ONLY, OTHER=everyone(405))
        for name, kind, data in [
            ("quality:inspection_remarks", "draft", lambda w: {"remarks": "Noted by a probe"}),
            ("quality:inspection_submit", "draft", None),
            ("quality:inspection_discard", "draft", None),
            ("quality:score_save", "score", lambda w: {"value": "3", "remark": ""}),
            ("quality:photo_add", "score", lambda w: {"photo": helpers.photo_upload()}),
            ("quality:photo_delete", "draft_photo", None),
        ]
    ),
    # Corrective actions: the work manager (or the site's service director, or the
    # administrator) solves; an inspector, the service director or the administrator
    # checks, never the person who solved it.
    page("quality:action_detail", "action", GET=SEES, POST=SEES, OTHER=SEES),
    page(
        "quality:action_solve",
        "action",
        data=_solve,
        GET=everyone(405),
        POST=staff_page(403, "inspector am", others=302)
        | dict.fromkeys(STRANGE_STAFF.split(), 404),
        OTHER=everyone(405),
    ),
    page(
        "quality:action_check",
        "solved_action",
        data=_check,
        GET=everyone(405),
        POST=staff_page(403, "am wm", others=302) | dict.fromkeys(STRANGE_STAFF.split(), 404),
        OTHER=everyone(405),
    ),
    # The portal: a client's own people; client B's site contact sees B's site.
    *(
        page(
            name,
            kind,
            GET=portal_page(200, "ca_b sc_b"),
            POST=portal_page(200, "ca_b sc_b"),
            OTHER=portal_page(200, "ca_b sc_b"),
        )
        for name, kind in [
            ("portal_quality:site", "site"),
            ("portal_quality:inspection_detail", "inspection"),
            ("portal_quality:action_detail", "action"),
        ]
    ),
    page(
        "portal_quality:rate",
        "site",
        data=_rate,
        GET=portal_page(200, "ca_b sc_b"),
        POST=portal_page(302, "ca_b sc_b"),
        OTHER=portal_page(200, "ca_b sc_b"),
    ),
    # Photos and reports: one address for staff and clients, each behind access.
    page(
        "quality_files:photo",
        "photo",
        kwargs=lambda w: {"size": "thumb"},
        GET=signed_in(404, STRANGERS, others=200),
        POST=signed_in(404, STRANGERS, others=200),
        OTHER=signed_in(404, STRANGERS, others=200),
    ),
    page(
        "quality_files:report",
        "inspection",
        GET=signed_in(404, STRANGERS, others=200),
        POST=signed_in(404, STRANGERS, others=200),
        OTHER=signed_in(404, STRANGERS, others=200),
    ),
    # The API.
    *(
        api(
            name,
            needs=LISTS,
            GET=tokens(others=200),
            POST=tokens(others=405),
            PUT=tokens(others=405),
            PATCH=tokens(others=405),
            DELETE=tokens(others=405),
        )
        for name in ("api:corrective-action-list", "api:inspection-template-list")
    ),
    api(
        "api:inspection-list",
        needs=LISTS,
        # Starting a draft of client B's site: whoever may not inspect it cannot name it (400).
        data=_api_start,
        GET=tokens(others=200),
        POST=tokens(201, "admin inspector sd", others=400),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:inspection-detail",
        "inspection",
        GET=tokens(404, STRANGERS, others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        # Only the author deletes, and only a draft: this one is published (409 invalid_state).
        DELETE=tokens(404, STRANGERS, others=403) | {"inspector": 409},
        why="DELETE: the author's refusal is the state's (published), not access's",
    ),
    *(
        api(
            name,
            "draft",
            data=data,
            GET=tokens(others=405),
            # A client's people never see drafts: to them a draft is missing.
            POST=tokens(404, f"{STRANGERS} ca_b sc_b", others=403) | {"inspector": answer},
            PUT=tokens(others=405),
            PATCH=tokens(others=405),
            DELETE=tokens(others=405),
        )
        for name, data, answer in [
            ("api:inspection-answers", _api_answers, 200),
            ("api:inspection-photos", _api_photo, 201),
            ("api:inspection-submit", None, 200),
        ]
    ),
    api(
        "api:corrective-action-detail",
        "action",
        GET=tokens(404, STRANGERS, others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:corrective-action-solve",
        "action",
        data=_api_solve,
        GET=tokens(others=405),
        POST=tokens(404, STRANGERS, others=403) | dict.fromkeys(["admin", "sd", "wm"], 200),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    *(
        api(
            name,
            "solved_action",
            data=_api_check,
            GET=tokens(others=405),
            POST=tokens(404, STRANGERS, others=403)
            | dict.fromkeys(["admin", "inspector", "sd"], 200),
            PUT=tokens(others=405),
            PATCH=tokens(others=405),
            DELETE=tokens(others=405),
        )
        for name in ("api:corrective-action-verify", "api:corrective-action-reopen")
    ),
    api(
        "api:rating-list",
        needs=LISTS,
        # Rating client B's site: its own people; for everyone else its id is unknown (400).
        data=_api_rate,
        GET=tokens(others=200),
        POST=tokens(201, "ca_b sc_b", others=400),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:rating-detail",
        "rating",
        GET=tokens(404, STRANGERS, others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
    api(
        "api:inspection-template-detail",
        # Templates are the provider's forms, shared by every client.
        kwargs=lambda w: {"pk": helpers.default_template().pk},
        GET=tokens(others=200),
        POST=tokens(others=405),
        PUT=tokens(others=405),
        PATCH=tokens(others=405),
        DELETE=tokens(others=405),
    ),
]
