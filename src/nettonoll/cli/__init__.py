"""The `nettonoll` command: the front door. It parses arguments and calls services.

One module per command group; `shared` holds what they have in common (configuring Django,
refusing a file). Commands that need the database import the apps' code after `setup()`."""

import click

import nettonoll.cli.energy  # adds `import degree-days`, `import energy-supplier` …
import nettonoll.cli.registers  # noqa: F401  (adds `import register`, `export register`)
from nettonoll.cli import (
    apikeys,
    backup,
    budget,
    imports,
    klimatbokslut,
    kolada,
    publish,
    reorganise,
    report,
    rounds,
    serve,
)
from nettonoll.cli import metrics as metrics_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nettonoll")
def main() -> None:
    """Nettonoll – miljö- och klimatledning för regioner."""


for command in (
    serve.demo,
    serve.serve,
    serve.manage,
    imports.import_group,
    imports.export_group,
    backup.backup,
    backup.restore,
    report.report_group,
    rounds.round_group,
    klimatbokslut.klimatbokslut_group,
    kolada.kolada_group,
    budget.budget,
    reorganise.reorganise_group,
    metrics_command.metrics,
    apikeys.apikey_group,
    publish.publish,
    publish.unpublish,
):
    main.add_command(command)
