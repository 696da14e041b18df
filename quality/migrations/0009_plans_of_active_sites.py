from django.db import migrations


def unschedule_inactive_sites(apps, schema_editor):
    # Only an active site's plan has a next date (quality.services.plans.refresh).
    InspectionPlan = apps.get_model("quality", "InspectionPlan")
    InspectionPlan.objects.exclude(site__status="active").update(due_on=None)


def schedule_every_plan(apps, schema_editor):
    # Back to the old rule: every plan has a date; the site's status was a filter.
    from datetime import timedelta

    from django.utils import timezone

    InspectionPlan = apps.get_model("quality", "InspectionPlan")
    for plan in InspectionPlan.objects.filter(due_on=None).iterator():
        if plan.last_inspected_at is None:
            plan.due_on = plan.starts_on
        else:
            days = plan.every * (7 if plan.unit == "weeks" else 1)
            plan.due_on = timezone.localdate(plan.last_inspected_at) + timedelta(days=days)
        plan.save(update_fields=["due_on"])


class Migration(migrations.Migration):
    dependencies = [("quality", "0008_client_required")]

    operations = [migrations.RunPython(unschedule_inactive_sites, schedule_every_plan)]
