"""More Swedish titles of the Agenda 2030 targets, checked against the published pages.

Loads data/agenda2030.csv again (see data/agenda2030-SOURCES.md), as 0008 does: every
non-empty title replaces the stored one, so corrected titles reach existing databases too.
"""

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
    dependencies = [("plans", "0008_agenda2030_swedish_titles")]
    operations = [migrations.RunPython(titles, migrations.RunPython.noop)]
