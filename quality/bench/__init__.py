"""Quality monitoring in the company at scale (part of ``make bench-data``).

Three templates (the demo's retail report, offices, warehouses), a plan for
most sites, 300,000 inspections over three years with every element scored,
a corrective action for every 2 or lower with its course (old ones verified,
recent ones open, some overdue), 100,000 client ratings (a 2 or lower with
its reason and action) and the monthly reminders to rate. The bulk is written
as rows by the rules' own functions (``quality_index``, ``hours_to_solve``);
the newest slice (about the last 2,000 inspections, today's drafts and
ratings) is made by the services (``recent``).

The bulk writes no history rows for scores (the services' slice does, one
per answer): no page reads a score's history, and six million more rows
would double the largest table and its build time.
"""

from datetime import timedelta

from common.benchdata import Run
from quality.bench import inspections, ratings, recent, templates
from quality.bench.told import Told
from quality.services.plans import refresh_all


def build(run: Run) -> None:
    """Templates, plans, the three years of inspections and ratings, then the newest slice."""
    told = Told(run)
    with run.part("inspection templates"):
        forms = templates.make(when=run.start - timedelta(days=400))
    hours = templates.deadlines()
    inspectors = inspections.Inspectors(run)
    plans = inspections.plans(run, forms, inspectors)
    visits = inspections.schedule(run, plans, inspectors)
    newest = min(len(visits) // 10, run.count(recent.RECENT_INSPECTIONS, 4))
    writer = inspections.Writer(run, told, forms, plans, hours)
    writer.write_all(visits[: len(visits) - newest])
    # Today's ratings are given through the service, now.
    ratings.write_all(run, writer, before=run.now - timedelta(hours=12))
    ratings.reminders(run, told, before=run.now)
    recent.Slice(run, writer).make(visits[len(visits) - newest :])
    # Each plan's last and next dates, as the services keep them: the bulk
    # went around the services, the schedule reads only these columns.
    with run.part("inspection plans' next dates") as part:
        part.add(refresh_all())
