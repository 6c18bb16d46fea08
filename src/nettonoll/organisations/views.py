"""Pages of the organisation tree: start page, browse, node, history, reorganise, import, export."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.common.records import HISTORY_KINDS, history_entries
from nettonoll.common.tableviews import table_download, table_import_page
from nettonoll.organisations import imports, selectors, services
from nettonoll.organisations.access import access_of
from nettonoll.organisations.forms import (
    NewOrganisationImportForm,
    RoleGrantForm,
    TreeImportForm,
)
from nettonoll.organisations.models import Node, Organisation, Role, RoleGrant
from nettonoll.organisations.panels import node_panels
from nettonoll.organisations.reorganise import carried_summary

TREE_MANAGERS_ONLY = gettext_noop("Bara administratörer och miljöstrateger kan ändra trädet.")

ROLE_EXPECTATIONS = {
    Role.ADMINISTRATOR: gettext_lazy(
        "Håll organisationsträdet och behörigheterna aktuella: importera trädet, genomför "
        "omorganisationer och ge rätt personer rätt roll."
    ),
    Role.STRATEGIST: gettext_lazy(
        "Lägg upp miljöplanen och dess mål, fördela målen till förvaltningarna, öppna "
        "uppföljningsomgångarna i augusti och januari och skriv rapporten till regionstyrelsen."
    ),
    Role.MANAGER: gettext_lazy(
        "Fördela målen som nått din del av organisationen vidare till dina enheter, se till att "
        "varje enhet har aktiviteter och att alla rapporterar i uppföljningsomgången."
    ),
    Role.CONTRIBUTOR: gettext_lazy(
        "Lägg in din enhets aktiviteter kopplade till miljömålen som nått den och rapportera "
        "status och kommentar i varje uppföljningsomgång."
    ),
    Role.READER: gettext_lazy(
        "Följ mål, aktiviteter, uppföljning och klimatbokslut för din del av organisationen."
    ),
}


@dataclass(frozen=True)
class GrantView:
    grant: RoleGrant
    expectation: str
    breadcrumbs: list[Node]
    children: list[Node]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _managed_organisation(request: HttpRequest, org_code: str) -> Organisation:
    """Import and reorganise the tree: an administrator or strategist at the root."""
    access = access_of(request)
    organisation = access.organisation(org_code)
    access.require_root(organisation, Role.STRATEGIST, _(TREE_MANAGERS_ONLY))
    return organisation


@login_required
def home(request: HttpRequest) -> HttpResponse:
    grants = [
        GrantView(
            grant=grant,
            expectation=str(ROLE_EXPECTATIONS[Role(grant.role)]),
            breadcrumbs=selectors.node_breadcrumbs(grant.node),
            children=list(selectors.node_children(grant.node)),
        )
        for grant in access_of(request).grants
    ]
    return render(request, "organisations/home.html", {"grants": grants})


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access = access_of(request)
    organisations = [
        (organisation, [g.node for g in access.grants_in(organisation)])
        for organisation in selectors.organisations_visible_to(user)
    ]
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "organisations": organisations,
            "can_add": user.has_perm("organisations.add_organisation"),
        },
    )


@login_required
def organisation_tree(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    root = access.root(organisation)
    show_ended = request.GET.get("ended") == "1"
    tops = access.top_nodes(organisation)
    if not tops:
        raise Http404
    trees = [(top, selectors.tree_rows(top, include_ended=show_ended)) for top in tops]
    return render(
        request,
        "organisations/organisation_tree.html",
        {
            "organisation": organisation,
            "trees": trees,
            "show_ended": show_ended,
            "can_manage": access.has(root, Role.STRATEGIST),
            "can_export": access.can_view(root),
            "can_manage_keys": access.has(root, Role.ADMINISTRATOR),
        },
    )


@login_required
def node_detail(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    access = access_of(request)
    node = access.node(org_code, node_code)
    return render(
        request,
        "organisations/node_detail.html",
        {
            "node": node,
            "organisation": node.organisation,
            "breadcrumbs": access.crumbs(node),
            "children": selectors.node_children(node),
            "ended_children": Node.objects.get_children(node).exclude(selectors.active_q()),
            "grants": node.role_grants.select_related("user").order_by("role"),
            "reorganisations": selectors.node_reorganisations(node),
            "successors": selectors.current_successors(node),
            "predecessors": [
                (m.old_node, access.can_view(m.old_node))
                for m in selectors.node_neighbours(node, before=True)
            ],
            "can_manage": access.has(access.root(node.organisation), Role.STRATEGIST),
            "panels": node_panels(node, access),
        },
    )


@login_required
def node_children(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    """The children of a node as an htmx fragment; without JavaScript, the node's own page."""
    node = access_of(request).node(org_code, node_code)
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect("organisations:node", org_code=org_code, node_code=node_code)
    return render(
        request,
        "organisations/node_children.html#children",
        {"node": node, "children": selectors.node_children(node)},
    )


@login_required
def node_history(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    access = access_of(request)
    node = access.node(org_code, node_code)
    records = list(node.history.select_related("history_user").order_by("-history_date"))
    entries = []
    for record in records:
        previous = record.prev_record
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=["path", "depth", "numchild"])
            changes = [
                (Node._meta.get_field(c.field).verbose_name, c.old, c.new) for c in delta.changes
            ]
            if record.path != previous.path:
                changes.append((_("plats i trädet"), _("flyttad"), ""))
        entries.append({"record": record, "changes": changes})
    grant_records = RoleGrant.history.filter(node_id=node.pk).select_related("history_user", "user")
    return render(
        request,
        "organisations/node_history.html",
        {
            "node": node,
            "organisation": node.organisation,
            "breadcrumbs": access.crumbs(node),
            "entries": entries,
            "grant_records": grant_records.order_by("-history_date"),
            "reorganisations": [
                (r, carried_summary(r)) for r in selectors.node_reorganisations(node)
            ],
            "predecessors": [
                (m, m.old_node, access.can_view(m.old_node))
                for m in selectors.node_neighbours(node, before=True)
            ],
            "successors": [
                (m, m.new_node, access.can_view(m.new_node))
                for m in selectors.node_neighbours(node, before=False)
            ],
        },
    )


TREE_IMPORT_INTRO = gettext_lazy(
    "Filen ska ha rubrikraden code, name, parent_code, level. Finns en kod redan uppdateras "
    "enheten (namn, nivå, plats). Importen är allt eller inget: är någon rad fel sparas ingenting."
)


def _tree_page(
    request: HttpRequest, form: TreeImportForm, organisation: Organisation | None
) -> HttpResponse:
    """Run a tree import from an uploaded file and show the result or every problem."""

    def run(form: Form, data: bytes, filename: str) -> imports.TreeImportResult:
        return imports.tree_import(
            organisation_code=organisation.code if organisation else form.cleaned_data["code"],
            data=data,
            filename=filename,
            name=None if organisation else form.cleaned_data.get("name"),
            by=_user(request),
        )

    heading = (
        _("Importera organisationsträd för %(name)s") % {"name": organisation.name}
        if organisation
        else _("Ny organisation från fil")
    )
    context = {
        "organisation": organisation,
        "heading": heading,
        "intro": TREE_IMPORT_INTRO,
        "templates": {"organisation": (imports.TREE, _("Organisationsträd"))},
        "result_link": lambda result: (
            reverse("organisations:tree", args=[result.organisation.code]),
            _("Visa trädet"),
        ),
    }
    return table_import_page(request, form, run, context)


@login_required
@require_http_methods(["GET", "POST"])
def tree_import(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = _managed_organisation(request, org_code)
    form = TreeImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    return _tree_page(request, form, organisation)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_import(request: HttpRequest) -> HttpResponse:
    """A new organisation from a tree file: for data stewards (Django permission)."""
    if not _user(request).has_perm("organisations.add_organisation"):
        raise PermissionDenied(_("Bara dataförvaltare kan lägga upp nya organisationer."))
    form = NewOrganisationImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ())
    )
    return _tree_page(request, form, None)


@login_required
def tree_export(request: HttpRequest, org_code: str, file_format: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    access.require_root(organisation)
    rows = selectors.export_rows(organisation)
    return table_download(imports.TREE, rows, f"{organisation.code}-organisation", file_format)


@login_required
@require_http_methods(["GET", "POST"])
def node_roles(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    """Who holds which role on a node; administrators grant and revoke roles here."""
    access = access_of(request)
    node = access.node(org_code, node_code)
    user = _user(request)
    can_grant = access.has(node, Role.ADMINISTRATOR)
    if request.method == "POST" and not can_grant:
        raise PermissionDenied(_("Bara administratörer kan ändra roller."))
    form = RoleGrantForm(request.POST if request.POST.get("action") == "grant" else None)
    if request.POST.get("action") == "revoke":
        grant = RoleGrant.objects.filter(pk=request.POST.get("grant") or 0, node=node).first()
        if grant is None:  # someone else revoked it since the page was shown: say so, not 404
            gone = RoleGrant.history.filter(id=request.POST.get("grant") or 0, history_type="-")
            record = gone.select_related("history_user").first()
            messages.info(
                request,
                _("Rollen var redan borttagen (av %(user)s).")
                % {"user": record.history_user if record and record.history_user else _("någon")},
            )
            return redirect("organisations:roles", org_code=org_code, node_code=node_code)
        services.role_revoke(grant=grant, by=user)
        messages.success(
            request,
            _("%(user)s har inte längre rollen %(role)s här.")
            % {"user": grant.user, "role": grant.get_role_display().lower()},
        )
        return redirect("organisations:roles", org_code=org_code, node_code=node_code)
    if form.is_bound and form.is_valid():
        grant = services.role_grant(
            user=form.cleaned_data["person"],
            node=node,
            role=Role(form.cleaned_data["role"]),
            by=user,
        )
        messages.success(
            request,
            _("%(user)s har nu rollen %(role)s för %(node)s med underenheter.")
            % {"user": grant.user, "role": grant.get_role_display().lower(), "node": node.name},
        )
        return redirect("organisations:roles", org_code=org_code, node_code=node_code)
    return render(
        request,
        "organisations/node_roles.html",
        {
            "node": node,
            "organisation": node.organisation,
            "breadcrumbs": access.crumbs(node),
            "grants": selectors.node_grants(node),
            "inherited": selectors.inherited_grants(node),
            "form": form,
            "can_grant": can_grant,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def record_history(request: HttpRequest, org_code: str, kind: str, pk: int) -> HttpResponse:
    """Who changed a record, when, and what (old → new): for every audited record type."""
    declared = HISTORY_KINDS.get(kind)
    record = declared.model._default_manager.filter(pk=pk).first() if declared else None
    if declared is None or record is None:
        raise Http404
    access = access_of(request)
    owner = declared.owner(record)
    if isinstance(owner, Organisation):  # shown to all who hold a role in the organisation
        if owner.code != org_code:
            raise Http404
        node = access.require_start(access.organisation(org_code))
    else:
        node = access.require(owner)
        if node.organisation.code != org_code:
            raise Http404
    return render(
        request,
        "organisations/record_history.html",
        {
            "organisation": node.organisation,
            "node": node,
            "breadcrumbs": access.crumbs(node),
            "kind_label": declared.label,
            "record": declared.title(record),
            "entries": history_entries(record),
        },
    )
