"""`nettonoll reorganise …`: batch reorganisations of an organisation's tree from the command
line (merge, split, move, rename, end), with a summary of what moved.

    nettonoll reorganise merge --organisation RJH --into RS-EKHR --name "Ekonomi och HR" \\
        RS-EKO RS-HR
    nettonoll reorganise split --organisation RJH RS-SERV --into RS-SA:"Service A" \\
        --into RS-SB:"Service B" --assign aktivitet:12=RS-SB
    nettonoll reorganise split --organisation RJH RS-SERV --list   # what can be assigned
    nettonoll reorganise move --organisation RJH RS-SERV-FAST --to RS-STAB
    nettonoll reorganise rename --organisation RJH RS-SERV-KOST --name "Kost och måltid"
    nettonoll reorganise end --organisation RJH RS-KOM --successor RS-STAB
"""

import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from nettonoll.cli.shared import prepare_database, setup

if TYPE_CHECKING:
    from nettonoll.organisations.models import Node, Organisation

# the words a user types for each kind of record (--assign KIND:ID=NEWCODE) → carrier key
KINDS = {
    "underenhet": "child",
    "mal": "goals",
    "aktivitet": "activities",
    "indikatorvarde": "indicator_values",
    "anstallda": "headcounts",
    "roll": "grants",
    "klimatbokslut": "klimatbokslut",
    "fordon": "vehicles",
    "laddplats": "charging-points",
    "reservkraft": "backup-power",
}
EFFECTIVE_ON = click.option(
    "--effective-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Dag då ändringen gäller (ÅÅÅÅ-MM-DD); utan: i dag.",
)
ORGANISATION = click.option("--organisation", "organisation_code", required=True)


def fail(message: str) -> NoReturn:
    click.echo(f"Fel: {message}", err=True)
    sys.exit(1)


def _organisation(code: str) -> "Organisation":
    setup()
    prepare_database()
    from nettonoll.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        fail(f"Organisationen {code} finns inte.")
    return organisation


def _node(organisation: "Organisation", code: str) -> "Node":
    from nettonoll.organisations.models import Node

    node = Node.objects.filter(organisation=organisation, code=code).first()
    if node is None:
        fail(f"Enheten {code} finns inte i {organisation.code}.")
    return node


def _day(value: datetime.datetime | None) -> datetime.date | None:
    return value.date() if value else None


def _run(organisation: "Organisation", change: Any) -> None:
    """Run a change; a refusal is a Swedish message and exit 1; then what moved."""
    from nettonoll.organisations.models import Reorganisation
    from nettonoll.organisations.reorganise import carried_summary
    from nettonoll.organisations.services import ReorganisationError

    before = Reorganisation.objects.filter(organisation=organisation).order_by("-pk").first()
    try:
        change()
    except ReorganisationError as error:
        fail(str(error))
    done = Reorganisation.objects.filter(organisation=organisation).order_by("-pk").first()
    assert done is not None and done != before
    click.echo(done.description)
    lines = carried_summary(done)
    if done.kind in ("rename", "move"):
        lines = ["Enhetens mål, aktiviteter, rapporter och siffror stannar hos enheten."]
    for line in lines or ["Inget att flytta."]:
        click.echo(f"  {line}")


@click.group(name="reorganise")
def reorganise_group() -> None:
    """Omorganisera trädet: slå ihop, dela, flytta, byt namn, avveckla. Mål, aktiviteter,
    rapporter i öppna omgångar, indikatorvärden, antal anställda, roller och klimatbokslut
    följer med till de nya enheterna; stängda omgångar behåller de gamla."""


@reorganise_group.command(name="merge")
@ORGANISATION
@click.option("--into", "code", required=True, help="Koden för den sammanslagna enheten.")
@click.option("--name", default="", help="Namnet på den sammanslagna enheten.")
@click.option("--parent", "parent_code", default=None, help="Överordnad för en ny enhet.")
@EFFECTIVE_ON
@click.argument("old_codes", nargs=-1, required=True)
def merge(
    organisation_code: str,
    code: str,
    name: str,
    parent_code: str | None,
    effective_on: datetime.datetime | None,
    old_codes: tuple[str, ...],
) -> None:
    """Slå ihop enheterna OLD_CODES till --into (en ny kod skapar en ny enhet; en av de gamla
    koderna behåller den enheten)."""
    organisation = _organisation(organisation_code)
    from nettonoll.organisations.services import nodes_merge

    nodes = [_node(organisation, c) for c in old_codes]
    parent = _node(organisation, parent_code) if parent_code else None
    _run(
        organisation,
        lambda: nodes_merge(
            nodes=nodes, code=code, name=name, parent=parent, effective_on=_day(effective_on)
        ),
    )


def _assignments(values: tuple[str, ...], file: Path | None) -> list[tuple[int, str]]:
    """(line, text) of every KIND:ID=NEWCODE: the --assign options, then the file's lines."""
    lines = [(0, v) for v in values]
    if file is not None:
        for number, line in enumerate(file.read_text("utf-8-sig").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                lines.append((number, line.strip()))
    return lines


def _split_choices(
    node: "Node", codes: list[str], lines: list[tuple[int, str]]
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    from nettonoll.organisations.reorganise import split_groups

    known = {key: {item for item, _label in items} for key, _legend, items in split_groups(node)}
    choices: dict[str, dict[str, str]] = {}
    children: dict[str, str] = {}
    for number, text in lines:
        where = f"rad {number}: " if number else ""
        kind_id, sep, new_code = text.partition("=")
        kind, colon, item_id = kind_id.strip().partition(":")
        key = KINDS.get(kind.strip().lower())
        if not sep or not colon or key is None:
            fail(
                f"{where}'{text}' ska vara SLAG:ID=NYKOD, där SLAG är "
                f"{', '.join(KINDS)} (se --list)."
            )
        new_code, item_id = new_code.strip(), item_id.strip()
        if new_code not in codes:
            fail(f"{where}{new_code} är inte en av de nya enheterna ({', '.join(codes)}).")
        if item_id not in known.get(key, set()):
            fail(f"{where}{kind}:{item_id} hör inte till {node.code} (se --list).")
        if key == "child":
            children[item_id] = new_code
        else:
            choices.setdefault(key, {})[item_id] = new_code
    return choices, children


@reorganise_group.command(name="split")
@ORGANISATION
@click.option("--into", "parts", multiple=True, help="NYKOD:NAMN för varje ny enhet (minst två).")
@click.option(
    "--assign",
    "assign",
    multiple=True,
    help="SLAG:ID=NYKOD: vilken ny enhet som tar över en sak (annars den första).",
)
@click.option(
    "--assignments",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Fil med en SLAG:ID=NYKOD per rad (# inleder en kommentar).",
)
@click.option("--list", "list_only", is_flag=True, help="Visa vad som kan fördelas, ändra inget.")
@EFFECTIVE_ON
@click.argument("old_code")
def split(
    organisation_code: str,
    parts: tuple[str, ...],
    assign: tuple[str, ...],
    assignments: Path | None,
    list_only: bool,
    effective_on: datetime.datetime | None,
    old_code: str,
) -> None:
    """Dela enheten OLD_CODE i nya enheter bredvid den. SLAG är underenhet, mal, aktivitet,
    indikatorvarde, anstallda, roll eller klimatbokslut; ID visas av --list. Rapporter i
    öppna omgångar följer sin aktivitet eller sitt mål."""
    organisation = _organisation(organisation_code)
    from nettonoll.organisations.reorganise import split_groups
    from nettonoll.organisations.services import SplitPart, node_split

    node = _node(organisation, old_code)
    if list_only:
        words = {key: word for word, key in KINDS.items()}
        for key, legend, items in split_groups(node):
            click.echo(f"{legend}:")
            for item_id, label in items:
                click.echo(f"  {words.get(key, key)}:{item_id}\t{label}")
        return
    split_parts = []
    for part in parts:
        code, sep, name = part.partition(":")
        if not sep or not code.strip() or not name.strip():
            fail(f"--into '{part}' ska vara NYKOD:NAMN.")
        split_parts.append(SplitPart(code.strip(), name.strip()))
    codes = [p.code for p in split_parts]
    choices, children = _split_choices(node, codes, _assignments(assign, assignments))
    _run(
        organisation,
        lambda: node_split(
            node=node,
            parts=split_parts,
            children_to=children,
            choices=choices,
            effective_on=_day(effective_on),
        ),
    )


@reorganise_group.command(name="move")
@ORGANISATION
@click.option("--to", "parent_code", required=True, help="Koden för den nya överordnade.")
@EFFECTIVE_ON
@click.argument("code")
def move(
    organisation_code: str, parent_code: str, effective_on: datetime.datetime | None, code: str
) -> None:
    """Flytta enheten CODE till en ny överordnad; allt stannar hos enheten."""
    organisation = _organisation(organisation_code)
    from nettonoll.organisations.services import node_move

    node, parent = _node(organisation, code), _node(organisation, parent_code)
    _run(
        organisation,
        lambda: node_move(node=node, new_parent=parent, effective_on=_day(effective_on)),
    )


@reorganise_group.command(name="rename")
@ORGANISATION
@click.option("--name", required=True, help="Det nya namnet.")
@EFFECTIVE_ON
@click.argument("code")
def rename(
    organisation_code: str, name: str, effective_on: datetime.datetime | None, code: str
) -> None:
    """Byt namn på enheten CODE; koden och allt hos enheten stannar."""
    organisation = _organisation(organisation_code)
    from nettonoll.organisations.services import node_rename

    node = _node(organisation, code)
    _run(organisation, lambda: node_rename(node=node, name=name, effective_on=_day(effective_on)))


@reorganise_group.command(name="end")
@ORGANISATION
@click.option("--successor", "successor_code", default=None, help="Enheten som tar över.")
@EFFECTIVE_ON
@click.argument("code")
def end(
    organisation_code: str,
    successor_code: str | None,
    effective_on: datetime.datetime | None,
    code: str,
) -> None:
    """Avveckla enheten CODE. Har den mål, aktiviteter, siffror eller roller kvar flyttas de
    till --successor; utan efterträdare vägras avvecklingen och det som finns kvar räknas upp."""
    organisation = _organisation(organisation_code)
    from nettonoll.organisations.services import node_end

    node = _node(organisation, code)
    successor = _node(organisation, successor_code) if successor_code else None
    _run(
        organisation,
        lambda: node_end(node=node, successor=successor, effective_on=_day(effective_on)),
    )
