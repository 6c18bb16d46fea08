"""What every plans page starts from: the plan, the node and the user's role on it."""

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Node, Organisation, Role
from nettonoll.plans import selectors
from nettonoll.plans.models import Plan

STATUS_RULE = _(
    "Status räknas fram ur indikatorerna och aktiviteterna som är kopplade till målet i hela "
    "underträdet: en indikator som ligger fel om sin målbana ger ”ej i fas”; utan aktiviteter "
    "och indikatorer blir det ”ingen bedömning”; minst hälften ej påbörjade eller avbrutna "
    "aktiviteter ger ”risk”; annars ”i fas”. En manuell status med motivering går före regeln."
)


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@dataclass(frozen=True)
class Where:
    organisation: Organisation
    plan: Plan
    node: Node


def plan_of(request: HttpRequest, org_code: str, plan_id: int) -> tuple[Organisation, Plan]:
    organisation = access_of(request).organisation(org_code)
    plan = selectors.plan_get(organisation, plan_id)
    if plan is None:
        raise Http404
    return organisation, plan


def where_of(request: HttpRequest, org_code: str, plan_id: int, node_code: str) -> Where:
    organisation, plan = plan_of(request, org_code, plan_id)
    return Where(organisation, plan, access_of(request).node(org_code, node_code))


def start_of(request: HttpRequest, organisation: Organisation) -> Node:
    return access_of(request).require_start(organisation)


def require(request: HttpRequest, node: Node | None, role: Role, message: str = "") -> Node:
    """404 when the node is not visible to the user, 403 when their role is too weak."""
    return access_of(request).require(node, role, message)
