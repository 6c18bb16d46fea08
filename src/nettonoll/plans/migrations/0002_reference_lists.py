"""Ship the reference lists: Agenda 2030's 169 targets and the 16 environmental quality objectives."""

import csv
import io
from importlib import resources

from django.db import migrations


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("nettonoll.plans").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def load(apps, schema_editor):
    target = apps.get_model("plans", "Agenda2030Target")
    objective = apps.get_model("plans", "QualityObjective")
    for row in _rows("agenda2030.csv"):
        target.objects.update_or_create(
            code=row["code"],
            defaults={"sdg": int(row["goal"]), "goal_name": row["goal_name"], "title": row["title"]},
        )
    for row in _rows("miljokvalitetsmal.csv"):
        objective.objects.update_or_create(number=int(row["number"]), defaults={"name": row["name"]})


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
