"""Every URL × every role (and anonymous) with the expected answer. Grows with every issue: a new
named URL without a row here (or in a module of tests/matrix/) fails
`test_every_url_is_in_the_matrix`.

Demo roles (Region Jämtland Härjedalen): administrator and strategist and reader at the root,
manager at the Regionservice department, contributor at its unit Kost och restaurang; the outsider
is Region Stockholm's strategist.
"""

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from nettonoll.estate.models import Building
from nettonoll.indicators.models import Indicator
from nettonoll.organisations.models import Node
from nettonoll.plans.models import Activity, Plan
from nettonoll.procurement.models import Procurement, Requirement
from nettonoll.registers.models import BackupUnit, FlexParticipation, FuelDelivery, Vehicle
from tests.matrix import ROLES, answers, collected_rows

pytestmark = pytest.mark.django_db

EVERYONE = answers(302, 200, 200, 200, 200, 200, 200)
RJH_ROOT_VIEWERS = answers(302, 200, 200, 404, 404, 200, 404)
REGIONSERVICE_VIEWERS = answers(302, 200, 200, 200, 404, 200, 404)
UNIT_VIEWERS = answers(302, 200, 200, 200, 200, 200, 404)
TREE_MANAGERS_AT_SERVICE = answers(302, 200, 200, 403, 404, 403, 404)
UNIT_EDITORS = answers(302, 200, 200, 200, 200, 403, 404)  # a record on Kost och restaurang
UNIT_EDITORS_POST = answers(302, 400, 400, 400, 400, 403, 404)  # an empty form: refused

# url name → (path, method, expected per role)
MATRIX: dict[str, list[tuple[str, str, dict[str, int]]]] = {
    "home": [("/", "get", EVERYONE)],
    "login": [("/accounts/login/", "get", answers(200, 302, 302, 302, 302, 302, 302))],
    "logout": [("/accounts/logout/", "get", answers(405, 405, 405, 405, 405, 405, 405))],
    "password_reset": [("/accounts/password-reset/", "get", answers(*[200] * 7))],
    "password_reset_done": [("/accounts/password-reset/sent/", "get", answers(*[200] * 7))],
    "password_reset_confirm": [
        ("/accounts/password-reset/MQ/bad-token/", "get", answers(*[200] * 7))
    ],
    "password_reset_complete": [("/accounts/password-reset/done/", "get", answers(*[200] * 7))],
    "set_language": [("/i18n/setlang/", "post", answers(*[302] * 7))],
    "organisations:list": [("/org/", "get", EVERYONE)],
    "organisations:tree": [
        ("/org/RJH/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/NOPE/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "organisations:import_new": [
        ("/org/new/import/", "get", answers(302, 200, 403, 403, 403, 403, 403))
    ],
    "organisations:import": [
        ("/org/RJH/import/", "get", answers(302, 200, 200, 404, 404, 403, 404))
    ],
    "organisations:export": [
        ("/org/RJH/export.xlsx", "get", RJH_ROOT_VIEWERS | {"reader": 200}),
        ("/org/RJH/export.csv", "get", RJH_ROOT_VIEWERS),
        ("/org/RJH/export.pdf", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "organisations:node": [
        ("/org/RJH/node/RJH/", "get", RJH_ROOT_VIEWERS),
        ("/org/RJH/node/RS-SERV/", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/node/RS-SERV-KOST/", "get", UNIT_VIEWERS),
        ("/org/RJH/node/NOPE/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "organisations:children": [
        (
            "/org/RJH/node/RS-SERV/children/",
            "get",
            REGIONSERVICE_VIEWERS
            | {"administrator": 302, "strategist": 302, "manager": 302, "reader": 302},
        ),
    ],
    "organisations:history": [
        ("/org/RJH/node/RS-SERV/history/", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/node/RS-SERV-KOST/history/", "get", UNIT_VIEWERS),
    ],
    "organisations:roles": [
        ("/org/RJH/node/RS-SERV/roles/", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/node/RS-SERV/roles/", "post", answers(302, 200, 403, 403, 404, 403, 404)),
    ],
    "organisations:reorganise": [
        ("/org/RJH/node/RS-SERV/reorganise/", "get", TREE_MANAGERS_AT_SERVICE),
        (
            "/org/RJH/node/RS-SERV-KOST/reorganise/",
            "get",
            answers(302, 200, 200, 403, 403, 403, 404),
        ),
    ],
    "organisations:record_history": [  # a goal's history: seen by all with a role in the region
        ("/org/RJH/historik/mal/{goal}/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/historik/okand/1/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
        ("/org/RJH/historik/fordon/{vehicle}/", "get", UNIT_VIEWERS),
        ("/org/RJH/historik/reservkraft-leverans/{delivery}/", "get", UNIT_VIEWERS),
    ],
    # Plans (Jämtland's "Miljömål 2023"; {plan}, {round}, {activity} are looked up by name).
    "plans:list": [("/org/RJH/plans/", "get", answers(302, 200, 200, 200, 200, 200, 404))],
    "plans:new": [
        ("/org/RJH/plans/new/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/plans/new/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "plans:goal": [
        ("/org/RJH/plans/{plan}/goals/{goal}/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
    ],
    "plans:edit": [
        ("/org/RJH/plans/{plan}/edit/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/plans/{plan}/edit/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "plans:goal_new": [
        ("/org/RJH/plans/{plan}/goals/new/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/plans/{plan}/goals/new/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "plans:distribute_subtree": [
        ("/org/RJH/plans/{plan}/distribute/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/plans/{plan}/distribute/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "plans:detail": [("/org/RJH/plans/{plan}/", "get", answers(302, 200, 200, 200, 200, 200, 404))],
    "plans:node": [
        ("/org/RJH/plans/{plan}/node/RS/", "get", RJH_ROOT_VIEWERS),
        ("/org/RJH/plans/{plan}/node/RS-SERV/", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/plans/{plan}/node/RS-SERV-KOST/", "get", UNIT_VIEWERS),
    ],
    "plans:distribute": [
        (
            "/org/RJH/plans/{plan}/node/RS-SERV/distribute/",
            "get",
            answers(302, 405, 405, 405, 405, 405, 405),
        ),
        (
            "/org/RJH/plans/{plan}/node/RS-SERV/distribute/",
            "post",
            answers(302, 404, 404, 404, 404, 404, 404),
        ),
    ],
    "plans:remind": [
        (
            "/org/RJH/plans/{plan}/node/RS-SERV/remind/",
            "get",
            answers(302, 200, 200, 200, 404, 403, 404),
        ),
        (
            "/org/RJH/plans/{plan}/node/RS-SERV/remind/",
            "post",
            answers(302, 302, 302, 302, 404, 403, 404),
        ),
    ],
    "plans:activity_new": [
        (
            "/org/RJH/plans/{plan}/node/RS-SERV-KOST/activities/new/",
            "get",
            answers(302, 200, 200, 200, 200, 403, 404),
        ),
        (
            "/org/RJH/plans/{plan}/node/RS-SERV-FORD/activities/new/",
            "get",
            answers(302, 200, 200, 200, 404, 403, 404),
        ),
    ],
    "plans:activity": [("/org/RJH/plans/{plan}/activities/{activity}/", "get", UNIT_VIEWERS)],
    "plans:rounds": [
        ("/org/RJH/plans/{plan}/rounds/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/plans/{plan}/rounds/", "post", answers(302, 400, 400, 403, 403, 403, 404)),
    ],
    "plans:import": [
        ("/org/RJH/plans/{plan}/import/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/plans/{plan}/import/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "plans:export": [
        ("/org/RJH/plans/{plan}/export/activities.xlsx", "get", RJH_ROOT_VIEWERS),
        (
            "/org/RJH/plans/{plan}/export/other.xlsx",
            "get",
            answers(302, 404, 404, 404, 404, 404, 404),
        ),
    ],
    "plans:round_compare": [
        ("/org/RJH/plans/{plan}/rounds/{round}/compare/", "get", RJH_ROOT_VIEWERS),
    ],
    "plans:round_close": [
        (
            "/org/RJH/plans/{plan}/rounds/{round}/close/",
            "get",
            answers(302, 405, 405, 405, 405, 405, 405),
        ),
    ],
    "plans:checklist": [
        ("/org/RJH/plans/{plan}/rounds/{round}/node/RS-SERV-KOST/", "get", UNIT_VIEWERS),
        (
            "/org/RJH/plans/{plan}/rounds/{round}/node/RS-SERV-KOST/",
            "post",  # nothing changed: nothing to save
            answers(302, 302, 302, 302, 302, 403, 404),
        ),
    ],
    "reports:followup": [
        ("/org/RJH/plans/{plan}/node/RS/report/", "get", RJH_ROOT_VIEWERS),
        ("/org/RJH/plans/{plan}/node/RS-SERV/report/?round={round}", "get", REGIONSERVICE_VIEWERS),
        (
            "/org/RJH/plans/{plan}/node/RS/report/",
            "post",
            answers(302, 403, 403, 404, 404, 403, 404),
        ),
    ],
    "reports:followup_file": [
        ("/org/RJH/plans/{plan}/node/RS-SERV/report.pdf", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/plans/{plan}/node/RS-SERV-KOST/report.docx", "get", UNIT_VIEWERS),
        (
            "/org/RJH/plans/{plan}/node/RS/report.xls",
            "get",
            RJH_ROOT_VIEWERS | {"administrator": 404, "strategist": 404, "reader": 404},
        ),
    ],
    "indicators:list": [
        ("/org/RJH/indicators/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/indicators/", "post", answers(302, 400, 400, 403, 403, 403, 404)),
    ],
    "indicators:detail": [
        ("/org/RJH/indicators/{indicator}/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/indicators/{indicator}/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/indicators/{indicator}/", "post", answers(302, 400, 400, 400, 403, 403, 404)),
    ],
    "indicators:edit": [
        (
            "/org/RJH/indicators/{indicator}/edit/",
            "get",
            answers(302, 200, 200, 404, 404, 403, 404),
        ),
        (
            "/org/RJH/indicators/{indicator}/edit/",
            "post",
            answers(302, 400, 400, 404, 404, 403, 404),
        ),
    ],
    "fuel:use": [
        ("/org/RJH/fordonsflotta/drivmedel/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/fordonsflotta/drivmedel/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/fordonsflotta/drivmedel/?node=NOPE", "get", answers(302, *[404] * 6)),
    ],
    "emissions:inventory": [
        ("/org/RJH/klimatbokslut/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/klimatbokslut/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
    ],
    "fleet:overview": [
        ("/org/RJH/fordonsflotta/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/fordonsflotta/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/fordonsflotta/?node=RS-SERV-KOST&age=5", "get", UNIT_VIEWERS),
    ],
    "emissions:drill": [
        (
            "/org/RJH/klimatbokslut/drill/?year=2023&category=fuel.diesel",
            "get",
            answers(302, 200, 200, 200, 200, 200, 404),
        ),
        (
            "/org/RJH/klimatbokslut/drill/?node=RS&year=2023&category=fuel.diesel",
            "get",
            RJH_ROOT_VIEWERS,
        ),
    ],
    "emissions:export": [
        (
            "/org/RJH/klimatbokslut/export.xlsx?year=2023",
            "get",
            answers(302, 200, 200, 200, 200, 200, 404),
        ),
        ("/org/RJH/klimatbokslut/export.xlsx?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
    ],
    "emissions:report": [
        ("/org/RJH/klimatbokslut/report.pdf?node=RS-SERV&year=2023", "get", REGIONSERVICE_VIEWERS),
    ],
    "budgets:counties": [("/lan/", "get", EVERYONE)],
    "budgets:county": [
        ("/lan/01/", "get", EVERYONE),
        ("/lan/99/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "budgets:municipality": [
        ("/lan/01/kommun/0180/", "get", EVERYONE),
        ("/lan/03/kommun/0180/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "budgets:organisation": [
        ("/org/RJH/koldioxidbudget/", "get", answers(302, 200, 200, 404, 404, 200, 404)),
        ("/org/RJH/koldioxidbudget/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "budgets:organisation_pdf": [
        ("/org/RJH/koldioxidbudget/rapport.pdf", "get", answers(302, 200, 200, 404, 404, 200, 404)),
    ],
    "emissions:headcount": [  # POST only; a manager may set it for their own node
        ("/org/RJH/klimatbokslut/headcount/", "get", answers(302, 405, 405, 405, 405, 405, 405)),
        ("/org/RJH/klimatbokslut/headcount/", "post", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "emissions:column_mappings": [
        ("/org/RJH/klimatbokslut/kolumnmallar/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        (
            "/org/RJH/klimatbokslut/kolumnmallar/",
            "post",
            answers(302, 400, 400, 404, 404, 403, 404),
        ),
    ],
    "emissions:import_job": [  # no such job: 404 for those who may import, the rest as above
        (
            "/org/RJH/klimatbokslut/import/999999/",
            "get",
            answers(302, 404, 404, 404, 404, 403, 404),
        ),
    ],
    "emissions:import": [
        ("/org/RJH/klimatbokslut/import/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/klimatbokslut/import/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "emissions:factors": [
        ("/org/RJH/klimatbokslut/factors/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/klimatbokslut/factors/", "post", answers(302, 400, 400, 403, 403, 403, 404)),
    ],
    "emissions:year_closing": [  # POST only; strategists close or reopen a year
        ("/org/RJH/klimatbokslut/year/", "get", answers(302, 405, 405, 405, 405, 405, 405)),
        ("/org/RJH/klimatbokslut/year/", "post", answers(302, 302, 302, 404, 404, 403, 404)),
    ],
    "emissions:reported_totals": [
        ("/org/RJH/klimatbokslut/redovisade/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        (
            "/org/RJH/klimatbokslut/redovisade/",
            "post",
            answers(302, 400, 400, 404, 404, 403, 404),
        ),
    ],
    "emissions:reported_totals_import": [
        (
            "/org/RJH/klimatbokslut/redovisade/import/",
            "get",
            answers(302, 200, 200, 404, 404, 403, 404),
        ),
        (
            "/org/RJH/klimatbokslut/redovisade/import/",
            "post",
            answers(302, 400, 400, 404, 404, 403, 404),
        ),
    ],
    "emissions:reported_totals_export": [
        (
            "/org/RJH/klimatbokslut/redovisade/export?format=xlsx",
            "get",
            answers(302, 200, 200, 200, 200, 200, 404),
        ),
    ],
    # Registers ({vehicle}, {unit}, {delivery}, {flex}: made on Kost och restaurang below)
    "registers:index": [("/org/RJH/register/", "get", UNIT_VIEWERS)],
    "registers:list": [
        ("/org/RJH/register/fordon/", "get", UNIT_VIEWERS),
        ("/org/RJH/register/reservkraft/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/register/okand/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "registers:new": [
        ("/org/RJH/register/fordon/new/", "get", UNIT_EDITORS),
        ("/org/RJH/register/laddplatser/new/", "post", UNIT_EDITORS_POST),
    ],
    "registers:detail": [
        ("/org/RJH/register/fordon/{vehicle}/", "get", UNIT_VIEWERS),
        ("/org/RJH/register/reservkraft/{unit}/", "get", UNIT_VIEWERS),
    ],
    "registers:edit": [
        ("/org/RJH/register/fordon/{vehicle}/edit/", "get", UNIT_EDITORS),
        ("/org/RJH/register/fordon/{vehicle}/edit/", "post", UNIT_EDITORS_POST),
    ],
    "registers:end": [
        (
            "/org/RJH/register/fordon/{vehicle}/end/",
            "get",
            answers(302, 405, 405, 405, 405, 405, 405),
        ),
        ("/org/RJH/register/fordon/{vehicle}/end/", "post", UNIT_EDITORS_POST),
    ],
    "registers:delivery_new": [
        ("/org/RJH/register/reservkraft/{unit}/deliveries/new/", "get", UNIT_EDITORS),
        ("/org/RJH/register/reservkraft/{unit}/deliveries/new/", "post", UNIT_EDITORS_POST),
    ],
    "registers:delivery_edit": [
        ("/org/RJH/register/reservkraft/{unit}/deliveries/{delivery}/", "get", UNIT_EDITORS),
    ],
    "registers:flex_new": [
        ("/org/RJH/register/reservkraft/{unit}/flex/new/", "get", UNIT_EDITORS),
        ("/org/RJH/register/reservkraft/{unit}/flex/new/", "post", UNIT_EDITORS_POST),
    ],
    "registers:flex_edit": [
        ("/org/RJH/register/reservkraft/{unit}/flex/{flex}/", "get", UNIT_EDITORS),
        ("/org/RJH/register/reservkraft/{unit}/flex/{flex}/", "post", UNIT_EDITORS_POST),
    ],
    "register_imports:import": [
        ("/org/RJH/register/fordon/import/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/register/fordon/import/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
        (
            "/org/RJH/register/reservkraft/import/?mall=reservkraft&format=csv",
            "get",
            answers(302, 200, 200, 404, 404, 403, 404),
        ),
        ("/org/RJH/register/batar/import/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
        # issue 12, circular and finance: a register, a child table with its own import
        ("/org/RJH/register/aterbruk/import/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/register/leveranser/import/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        (
            "/org/RJH/register/grona-obligationer-projekt/import/",
            "get",
            answers(302, 200, 200, 404, 404, 403, 404),
        ),
    ],
    "register_imports:export": [
        ("/org/RJH/register/fordon/export.xlsx", "get", EVERYONE | {"outsider": 404}),
        ("/org/RJH/register/laddplatser/export.csv", "get", EVERYONE | {"outsider": 404}),
        ("/org/RJH/register/reservkraft/export.csv?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/register/fordon/export.pdf", "get", answers(302, 404, 404, 404, 404, 404, 404)),
        ("/org/RJH/register/batar/export.csv", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    # Procurement (nettonoll.procurement; {procurement}, {requirement}: made on Kost och
    # restaurang below)
    "procurement:overview": [
        ("/org/RJH/upphandling/", "get", answers(302, 200, 200, 200, 200, 200, 404)),
        ("/org/RJH/upphandling/?node=RS-SERV&year=2024", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/upphandling/?node=NOPE", "get", answers(302, *[404] * 6)),
    ],
    "procurement:detail": [("/org/RJH/upphandling/{procurement}/", "get", UNIT_VIEWERS)],
    "procurement:requirement_new": [
        ("/org/RJH/upphandling/{procurement}/krav/ny/", "get", UNIT_EDITORS),
        ("/org/RJH/upphandling/{procurement}/krav/ny/", "post", UNIT_EDITORS_POST),
    ],
    "procurement:requirement_edit": [
        ("/org/RJH/upphandling/{procurement}/krav/{requirement}/", "get", UNIT_EDITORS),
        ("/org/RJH/upphandling/{procurement}/krav/{requirement}/", "post", UNIT_EDITORS_POST),
    ],
    "procurement:requirement_follow_up": [
        ("/org/RJH/upphandling/{procurement}/krav/{requirement}/uppfoljning/", "get", UNIT_EDITORS),
        (
            "/org/RJH/upphandling/{procurement}/krav/{requirement}/uppfoljning/",
            "post",
            answers(302, 302, 302, 302, 302, 403, 404),  # an empty follow-up is valid: saved
        ),
    ],
    # Circular (reuse, co-loading) and finance (green bonds, holdings) pages, issue 12
    "circular:reuse": [
        ("/org/RJH/aterbruk/", "get", UNIT_VIEWERS),
        ("/org/RJH/aterbruk/?node=RJH&year=2024", "get", RJH_ROOT_VIEWERS),
        ("/org/RJH/aterbruk/?node=RS-SERV&year=abc", "get", REGIONSERVICE_VIEWERS),
    ],
    "circular:coloading": [
        ("/org/RJH/samlastning/", "get", UNIT_VIEWERS),
        ("/org/RJH/samlastning/?node=RJH&year=2024", "get", RJH_ROOT_VIEWERS),
    ],
    "finance:overview": [
        ("/org/RJH/gron-finans/", "get", UNIT_VIEWERS),
        ("/org/RJH/gron-finans/?node=RJH&year=2024", "get", RJH_ROOT_VIEWERS),
        ("/org/NOPE/gron-finans/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    # Solar (app nettonoll.solar): the page of a node, the organisation's target (strategists)
    "solar:page": [
        ("/org/RJH/solel/", "get", UNIT_VIEWERS),
        ("/org/RJH/solel/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/solel/?node=NOPE", "get", answers(302, *[404] * 6)),
    ],
    "solar:target": [
        ("/org/RJH/solel/mal/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/solel/mal/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    # Climate adaptation and new builds (app nettonoll.adaptation; {building} on Kost och
    # restaurang, made by _adaptation_ids below)
    "adaptation:risks": [
        ("/org/RJH/klimatrisker/", "get", UNIT_VIEWERS),
        ("/org/RJH/klimatrisker/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
    ],
    "adaptation:building": [("/org/RJH/klimatrisker/byggnad/{building}/", "get", UNIT_VIEWERS)],
    "adaptation:risk_edit": [
        ("/org/RJH/klimatrisker/byggnad/{building}/skyfall/", "get", UNIT_EDITORS),
        ("/org/RJH/klimatrisker/byggnad/{building}/ras-skred/", "post", UNIT_EDITORS_POST),
        (
            "/org/RJH/klimatrisker/byggnad/{building}/tornado/",
            "get",
            answers(302, 404, 404, 404, 404, 403, 404),
        ),
    ],
    "adaptation:new_builds": [
        ("/org/RJH/nybyggnad/", "get", UNIT_VIEWERS),
        ("/org/RJH/nybyggnad/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
    ],
    # energy_feedback: a unit's energy feedback, its monthly e-mail and energy-efficiency measures
    # ({measure}: a measure in a building of Kost och restaurang; {token}: enhetschef's link)
    "energy_feedback:feedback": [
        ("/org/RJH/energi/aterkoppling/RS-SERV-KOST/", "get", UNIT_VIEWERS),
        ("/org/RJH/energi/aterkoppling/RS-SERV/", "get", REGIONSERVICE_VIEWERS),
        ("/org/RJH/energi/aterkoppling/NOPE/", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "energy_feedback:subscription": [
        (
            "/org/RJH/energi/aterkoppling/RS-SERV-KOST/prenumeration/",
            "post",
            answers(302, 400, 400, 400, 400, 400, 404),
        ),
        (
            "/org/RJH/energi/aterkoppling/RS-SERV-KOST/prenumeration/",
            "get",
            answers(302, 405, 405, 405, 405, 405, 405),
        ),
    ],
    "energy_feedback:unsubscribe": [
        ("/org/RJH/energi/avsluta-prenumeration/{token}/", "get", answers(*[200] * 7)),
        ("/org/RJH/energi/avsluta-prenumeration/fel/", "get", answers(*[404] * 7)),
        ("/org/RST/energi/avsluta-prenumeration/{token}/", "post", answers(*[404] * 7)),
    ],
    "energy_feedback:measures": [
        ("/org/RJH/energi/atgarder/RS-SERV-KOST/", "get", UNIT_VIEWERS),
        ("/org/RJH/energi/atgarder/RS-SERV/", "get", REGIONSERVICE_VIEWERS),
    ],
    "energy_feedback:measure_new": [
        ("/org/RJH/energi/atgarder/RS-SERV-KOST/ny/", "get", UNIT_EDITORS),
        ("/org/RJH/energi/atgarder/RS-SERV-KOST/ny/", "post", UNIT_EDITORS_POST),
    ],
    "energy_feedback:measure_edit": [
        ("/org/RJH/energi/atgard/{measure}/", "get", UNIT_EDITORS),
        ("/org/RJH/energi/atgard/{measure}/", "post", UNIT_EDITORS_POST),
    ],
    # estate (buildings and energy; {building}: the demo's central kitchen on Kost och restaurang)
    "estate:energy": [
        ("/org/RJH/energi/", "get", EVERYONE | {"outsider": 404}),
        ("/org/RJH/energi/?node=RS-SERV", "get", REGIONSERVICE_VIEWERS),
    ],
    "estate:building_energy": [("/org/RJH/energi/byggnad/{building}/", "get", UNIT_VIEWERS)],
    "estate:shares": [
        ("/org/RJH/energi/byggnad/{building}/ytandelar/", "get", UNIT_VIEWERS),
        ("/org/RJH/energi/byggnad/{building}/ytandelar/", "post", UNIT_EDITORS_POST),
    ],
    "estate:degree_days": [
        ("/org/RJH/energi/graddagar/", "get", EVERYONE | {"outsider": 404}),
        ("/org/RJH/energi/graddagar/", "post", answers(302, 400, 403, 403, 403, 403, 404)),
    ],
    "estate:degree_days_export": [
        ("/org/RJH/energi/graddagar/export.csv", "get", EVERYONE | {"outsider": 404}),
        ("/org/RJH/energi/graddagar/export.pdf", "get", answers(302, 404, 404, 404, 404, 404, 404)),
    ],
    "estate:supplier_templates": [
        ("/org/RJH/energi/leverantorsmallar/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/energi/leverantorsmallar/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    "estate:supplier_import": [
        ("/org/RJH/energi/leverantorsfil/", "get", answers(302, 200, 200, 404, 404, 403, 404)),
        ("/org/RJH/energi/leverantorsfil/", "post", answers(302, 400, 400, 404, 404, 403, 404)),
    ],
    # the admin is the operators' tool (superusers); a region's administrator is sent to its login
    "admin:index": [("/admin/", "get", answers(302, 302, 302, 302, 302, 302, 302))],
}
_twice = set(MATRIX) & set(collected_rows())
assert not _twice, f"{sorted(_twice)} are in the matrix twice"
MATRIX.update(collected_rows())


def _named_routes(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_routes(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_is_in_the_matrix() -> None:
    routes = {
        name for name in _named_routes(get_resolver().url_patterns) if not name.startswith("admin:")
    }
    assert routes - set(MATRIX) == set(), "add the new URLs to the authorisation matrix"
    assert set(MATRIX) - routes == {"admin:index"}


def _demo_ids() -> dict[str, object]:
    plan = Plan.objects.get(organisation__code="RJH", name="Miljömål 2023")
    return {
        "plan": plan.pk,
        "round": plan.rounds.get(name="Helår 2023").pk,
        "goal": plan.goals.get(code="M1").pk,
        "activity": Activity.objects.get(title__startswith="Minskat svinn").pk,
        "indicator": Indicator.objects.get(organisation__code="RJH", name__startswith="Andel").pk,
        **_register_ids(),
        **_adaptation_ids(),
        **_energy_ids(),
        "building": Building.objects.get(organisation__code="RJH", building_code="OSD-KOK").pk,
    }


def _register_ids() -> dict[str, int]:
    """A vehicle and a genset with a fuel delivery and a flexibility contract on Kost och
    restaurang (the demo has no register rows of its own for these checks)."""
    plan = Plan.objects.get(organisation__code="RJH", name="Miljömål 2023")
    kost = plan.organisation.nodes.get(code="RS-SERV-KOST")
    common = {"organisation": plan.organisation, "node": kost, "valid_from": date(2024, 1, 1)}
    vehicle, _new = Vehicle.objects.get_or_create(
        organisation=plan.organisation,
        reg_no="MTX111",
        defaults=common | {"vehicle_type": "personbil", "ownership": "leasad", "energy": "el"},
    )
    unit, _new = BackupUnit.objects.get_or_create(
        organisation=plan.organisation,
        unit_code="MATRIS-RK",
        defaults=common | {"power_kw": 200, "energy": "diesel"},
    )
    delivery = FuelDelivery.objects.filter(unit=unit).first() or FuelDelivery.objects.create(
        unit=unit, delivered_on=date(2024, 2, 1), volume_l=1000, renewable_pct=10
    )
    flex = FlexParticipation.objects.filter(unit=unit).first() or FlexParticipation.objects.create(
        unit=unit, market="sthlmflex", contracted_kw=100, period_from=date(2024, 1, 1)
    )
    procurement, _new = Procurement.objects.get_or_create(
        organisation=plan.organisation,
        procurement_code="MATRIS 2024-1",
        defaults=common | {"title": "Matris", "value_sek": 1000, "decided_on": date(2024, 1, 1)},
    )
    requirement, _new = Requirement.objects.get_or_create(
        procurement=procurement, requirement_code="K1", defaults={"area": "klimat"}
    )
    return {
        "vehicle": vehicle.pk,
        "unit": unit.pk,
        "delivery": delivery.pk,
        "flex": flex.pk,
        "procurement": procurement.pk,
        "requirement": requirement.pk,
    }


def _adaptation_ids() -> dict[str, int]:
    """A building on Kost och restaurang (the demo's buildings may sit elsewhere)."""
    from nettonoll.estate.models import Building

    kost = Plan.objects.get(organisation__code="RJH", name="Miljömål 2023").organisation.nodes.get(
        code="RS-SERV-KOST"
    )
    building, _new = Building.objects.get_or_create(
        organisation=kost.organisation,
        building_code="MATRIS-B",
        defaults={"node": kost, "name": "Matrishuset", "atemp_m2": 100, "ownership": "ägd"},
    )
    return {"building": building.pk}


def _energy_ids() -> dict[str, object]:
    """A building of Kost och restaurang with a measure, and enhetschef's subscription's link
    to leave it (the demo's buildings are the estate demo's; these are the matrix's own)."""
    from nettonoll.accounts.models import User
    from nettonoll.energy_feedback.models import EnergyMeasure, FeedbackSubscription
    from nettonoll.energy_feedback.services import unsubscribe_token
    from nettonoll.estate.models import Building

    kost = Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")
    building, _new = Building.objects.get_or_create(
        organisation=kost.organisation,
        building_code="MATRIS-B",
        defaults={"node": kost, "name": "Matrishuset", "atemp_m2": 1000, "ownership": "ägd"},
    )
    measure = EnergyMeasure.objects.filter(building=building).first() or (
        EnergyMeasure.objects.create(
            building=building, title="LED", carrier="el", expected_saving_kwh_per_year=1000
        )
    )
    subscription, _new = FeedbackSubscription.objects.get_or_create(
        user=User.objects.get(username="enhetschef"), node=kost
    )
    return {"measure": measure.pk, "token": unsubscribe_token(subscription)}


CASES = [
    pytest.param(path, method, role, expected[role], id=f"{name}-{path}-{role}")
    for name, rows in MATRIX.items()
    for path, method, expected in rows
    for role in ROLES
]


@pytest.mark.parametrize(("path", "method", "role", "expected"), CASES)
def test_answer_for_role(
    client_as: Callable[[str], Client], path: str, method: str, role: str, expected: int
) -> None:
    response = getattr(client_as(role), method)(path.format(**_demo_ids()))
    assert response.status_code == expected
