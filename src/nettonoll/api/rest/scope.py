"""The access rule for the API's lists: an organisation the caller holds a role in (404
otherwise), and only the records on the nodes they may see."""

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.request import Request

from nettonoll.api.rest.auth import api_access
from nettonoll.organisations.access import NOT_VISIBLE
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans import selectors as plan_selectors
from nettonoll.plans.models import Plan


def organisation_of(request: Request, org_code: str) -> Organisation:
    return api_access(request).organisation(org_code)


def visible_q(request: Request, organisation: Organisation, prefix: str = "node__") -> Q:
    """Records of the organisation on the nodes the caller may see (their granted subtrees)."""
    access = api_access(request)
    q = Q(**{f"{prefix}organisation": organisation})
    if access.is_service or access.is_superuser:
        return q
    tops = access.top_nodes(organisation)
    if not tops:
        return Q(pk__in=[])
    subtrees = Q()
    for top in tops:
        subtrees |= Q(**{f"{prefix}path__startswith": top.path})
    return q & subtrees


def visible_nodes(request: Request, organisation: Organisation) -> Any:
    return Node.objects.filter(visible_q(request, organisation, prefix="")).order_by("path")


def plan_of(request: Request, org_code: str, plan_id: int) -> Plan:
    plan = plan_selectors.plan_get(organisation_of(request, org_code), plan_id)
    if plan is None:
        raise Http404(_(NOT_VISIBLE))
    return plan


class OrganisationScoped:
    """A view under /organisations/<org_code>/: the organisation checked once."""

    request: Request
    kwargs: dict[str, Any]
    _organisation: Organisation | None = None

    @property
    def organisation(self) -> Organisation:
        if self._organisation is None:
            self._organisation = organisation_of(self.request, self.kwargs["org_code"])
        return self._organisation
