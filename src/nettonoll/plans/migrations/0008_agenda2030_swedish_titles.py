"""The Swedish titles of the Agenda 2030 targets found so far (see data/agenda2030-SOURCES.md)."""

import csv
import io
from importlib import resources

from django.db import migrations


def titles(apps, schema_editor):
    target = apps.get_model("plans", "Agenda2030Target")
    text = (
        resources.files("nettonoll.plans").joinpath("data", "agenda2030.csv").read_text("utf-8")
    )
    for row in csv.DictReader(io.StringIO(text)):
        if row["title"]:
            target.objects.filter(code=row["code"]).update(title=row["title"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_goal_ended_on")]
    operations = [migrations.RunPython(titles, migrations.RunPython.noop)]
