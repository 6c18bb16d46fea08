"""`nettonoll report …`: the follow-up report as JSON, HTML, PDF or DOCX."""

import json
from pathlib import Path

import click

from nettonoll.cli.rounds import plan_and_round
from nettonoll.cli.shared import setup


@click.group(name="report")
def report_group() -> None:
    """Ta fram rapporter."""


@report_group.command(name="followup")
@click.option("--organisation", "organisation_code", required=True)
@click.option("--plan", "plan_name", required=True, help="Planens namn, t.ex. 'Miljömål 2023'.")
@click.option("--node", "node_code", required=True, help="Enhetens kod.")
@click.option(
    "--round",
    "round_name",
    default=None,
    help="Omgångens namn; en stängd omgång visas som den frystes. Utan: nuläget.",
)
@click.option(
    "--format", "file_format", type=click.Choice(["json", "html", "pdf", "docx"]), default="json"
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def report_followup(
    organisation_code: str,
    plan_name: str,
    node_code: str,
    round_name: str | None,
    file_format: str,
    out: Path | None,
) -> None:
    """Uppföljningsrapporten (tjänsteskrivelse) för en enhet och en omgång."""
    setup()
    # after setup(): models
    from nettonoll.organisations.selectors import node_get
    from nettonoll.reports.followup import NotInSnapshot, report_context
    from nettonoll.reports.render import render_docx, render_html, render_pdf

    plan, round_ = plan_and_round(organisation_code, plan_name, round_name)
    node = node_get(organisation_code, node_code)
    if node is None:
        raise click.ClickException(f"Enheten {node_code} finns inte i {organisation_code}.")
    if round_name and round_ is None:
        raise click.ClickException(f"Omgången '{round_name}' finns inte i planen '{plan.name}'.")
    try:
        context = report_context(node, plan, round_)  # a closed round: its frozen state
    except NotInSnapshot as error:
        raise click.ClickException(str(error)) from error
    data: bytes
    if file_format == "json":
        frozen_at = context["generated_at"].isoformat() if context["frozen"] else None
        text = json.dumps(
            {**context["summary"], "frozen_at": frozen_at}, ensure_ascii=False, indent=2
        )
        data = (text + "\n").encode("utf-8")
    else:
        if file_format == "html":
            data = render_html(context).encode("utf-8")
        elif file_format == "pdf":
            data = render_pdf(context)
        else:
            data = render_docx(context)
    if out is None:
        if file_format in ("pdf", "docx"):
            raise click.ClickException("Ange --out FIL för PDF och DOCX.")
        click.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"Rapporten är skriven till {out}.", err=True)
