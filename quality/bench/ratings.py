"""Client ratings of three years and the monthly reminders that ask for them.

A client's people rate the areas of the sites they see, as ``ratings.rate``
takes them: each rated area 1–5 in the template's order, a reason for a 2
or lower, which opens a corrective action exactly like an inspection's.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from common.benchdata import Bulk, Run
from events.bench import Happening, publish_past
from quality.bench import actions
from quality.bench.inspections import Writer, language
from quality.models import AreaRating, CorrectiveAction, Rating
from quality.models.actions import POOR

RATINGS = 100_000
CHUNK = 5_000
# 1 to 5, as clients give them.
SCORE_WEIGHTS = (1, 3, 15, 38, 43)
REASONS = {
    "et": "Koristus jäi poolikuks, prügi oli välja viimata.",
    "ru": "Уборка не закончена, мусор не вынесен.",
    "en": "The cleaning was left half done and the rubbish was not taken out.",
}
COMMENTS = {
    "et": "Aitäh, üldiselt oleme rahul.",
    "ru": "Спасибо, в целом довольны.",
    "en": "Thank you, generally happy.",
}


def write_all(run: Run, writer: Writer, before: datetime) -> None:
    """The bulk of the ratings, up to ``before`` (the services make the rest)."""
    rng = run.random("quality.ratings")
    told = writer.told
    joined = dict(_joined(run))
    choices = []
    for site in told.sites.values():
        people = told.client_people(site)
        if people and site.ended is None:
            choices.append((site, people))
    weights = [len(people) ** 0.5 for _site, people in choices]
    deadline_type = ContentType.objects.get_for_model(CorrectiveAction).pk
    total = run.count(RATINGS, 20)
    picks = sorted(
        (
            (_when(run, rng, site, joined, people, before), site, people)
            for site, people in rng.choices(choices, weights=weights, k=total)
        ),
        key=lambda pick: pick[0][0],
    )
    with run.part("ratings") as part:
        for start in range(0, len(picks), CHUNK):
            happened: list[Happening] = []
            with run.bulk() as bulk:
                for (at, author), site, _people in picks[start : start + CHUNK]:
                    happened += _rating(run, writer, bulk, rng, site, author, at, deadline_type)
                part.add(bulk.flush())
            publish_past(run, happened)


def _joined(run: Run):
    from accounts.models import User

    return User.objects.filter(membership__isnull=False).values_list("pk", "date_joined")


def _when(run, rng, site, joined, people, before) -> tuple[datetime, int]:
    author = rng.choice(people)
    after = max(site.opened, joined[author]) + timedelta(days=1)
    return run.calendar.moment(rng, after, before, hours=(7, 22)), author


def _rating(run, writer: Writer, bulk: Bulk, rng, site, author, at, deadline_type) -> list:
    told = writer.told
    lang = language(told, site)
    form = writer.form(site)
    pk = run.ids.new(Rating)
    comment = COMMENTS[lang] if rng.random() < 0.2 else ""
    bulk.created(
        Rating,
        when=at,
        by=author,
        id=pk,
        site_id=site.id,
        client_id=site.client_id,
        author_id=author,
        created_at=at,
        comment=comment,
    )
    happened: list[Happening] = []
    given = []
    for position, (_area_pk, names, names_json) in enumerate(form.areas, start=1):
        if rng.random() > 0.85:
            continue
        score = rng.choices(range(1, 6), weights=SCORE_WEIGHTS)[0]
        remark = REASONS[lang] if score <= POOR else ""
        area_rating = bulk.add(
            AreaRating,
            rating_id=pk,
            position=position,
            area_names=names_json,
            score=score,
            remark=remark,
        )
        given.append([names, score])
        if score <= POOR:
            action = actions.ActionRow(
                id=run.ids.new(CorrectiveAction),
                site_id=site.id,
                client_id=site.client_id,
                score_id=None,
                area_rating_id=area_rating,
                area_names=names,
                element_names={},
                rated=score,
                problem=remark,
                owner_id=site.work_manager or site.director,
                opened_at=at,
                due_at=at + timedelta(hours=writer.hours[score]),
            )
            plan = actions.course(rng, at, action.due_at, run.now)
            happened += actions.write(
                bulk,
                told,
                rng,
                action,
                plan,
                by=author,
                inspector=None,
                spare=writer.spare,
                language=lang,
                area_json=names_json,
                element_json=writer.empty_json,
                deadline_type=deadline_type,
                now=run.now,
            )
    if not given:
        # The form needs at least one area: the first one it is.
        _area_pk, names, names_json = form.areas[0]
        bulk.add(AreaRating, rating_id=pk, position=1, area_names=names_json, score=4, remark="")
        given.append([names, 4])
    happened.insert(0, told.rating(pk, site, author, at, given, comment))
    return happened


def reminders(run: Run, told, before: datetime) -> None:
    """``rating.reminder`` on the first of every month to each client user who sees a site."""
    people = {}
    for site in told.sites.values():
        for pk in told.client_people(site):
            people[pk] = True
    joined = dict(_joined(run))
    happened = []
    with run.part("rating reminders"):
        for first in run.calendar.months():
            at = first.replace(hour=settings.DIGEST_HOUR, minute=15)
            if at >= before:
                continue
            month = timezone.localdate(at).strftime("%Y-%m")
            for pk in people:
                if joined[pk] <= at:
                    happened.append(told.reminder(pk, month, at))
        publish_past(run, happened)
