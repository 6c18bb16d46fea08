"""The reorganise page: rename, move, create, merge, split (in two steps: the new units, then
where each record goes) and end, each followed by what moved."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.organisations import selectors, services
from nettonoll.organisations.access import access_of
from nettonoll.organisations.forms import (
    CreateChildForm,
    EndForm,
    MergeForm,
    MoveForm,
    RenameForm,
    SplitChoicesForm,
    SplitForm,
)
from nettonoll.organisations.models import Level, Node, Reorganisation, Role
from nettonoll.organisations.reorganise import carried_summary, carriers, split_groups
from nettonoll.organisations.views import TREE_MANAGERS_ONLY


def _parent_choices(node: Node) -> list[tuple[str, str]]:
    root = selectors.organisation_root(node.organisation)
    assert root is not None
    return [
        (n.code, f"{'— ' * (n.depth - 1)}{n.name} ({n.code})")
        for n in selectors.node_subtree(root)
        if not n.path.startswith(node.path) and n.level_rank < node.level_rank
    ]


def _sibling_choices(node: Node) -> list[tuple[str, str]]:
    parent = Node.objects.get_parent(node)
    if parent is None:
        return []
    return [
        (n.code, f"{n.name} ({n.code})") for n in selectors.node_children(parent) if n.pk != node.pk
    ]


def _successor_choices(node: Node) -> list[tuple[str, str]]:
    """Active nodes outside the node's subtree, in tree order (the root first), indented by
    depth."""
    root = selectors.organisation_root(node.organisation)
    assert root is not None
    return [
        (n.code, f"{'— ' * (n.depth - 1)}{n.name} ({n.code})")
        for n in selectors.node_subtree(root)
        if not n.path.startswith(node.path)
    ]


def _done(request: HttpRequest, node: Node, kind: str) -> None:
    """The saved message, with what moved where (or that the records stay with the unit)."""
    lines = [_("Ändringen är sparad och finns i historiken.")]
    if kind in ("rename", "move"):
        lines.append(_("Enhetens mål, aktiviteter, rapporter och siffror stannar hos enheten."))
    elif kind != "create":
        reorganisation = (
            Reorganisation.objects.filter(organisation=node.organisation).order_by("-pk").first()
        )
        moved = carried_summary(reorganisation) if reorganisation else []
        lines += moved or [_("Enheten hade inga mål, aktiviteter eller siffror att flytta.")]
    messages.success(request, " ".join(lines))


def _split_step_two(
    request: HttpRequest, node: Node, form: SplitForm, context: dict[str, Any]
) -> HttpResponse | None:
    """After the new units are named: ask where each record goes (None: nothing to ask, or
    the answers are in and the split is done)."""
    split_parts = [services.SplitPart(code, name) for code, name in form.cleaned_data["parts"]]
    services.split_check(node=node, parts=split_parts)  # a refusal goes back to the first step
    parts = [(p.code, f"{p.name} ({p.code})") for p in split_parts]
    groups = split_groups(node)
    confirming = request.POST.get("confirm") == "1"
    choices = SplitChoicesForm(
        request.POST if confirming else None, prefix="choice", parts=parts, groups=groups
    )
    context |= {"split_form": form, "choices": choices}
    if groups and not (confirming and choices.is_valid()):
        return render(request, "organisations/node_split_choices.html", context)
    chosen, children = choices.choices() if groups else ({}, {})
    try:
        target = services.node_split(
            node=node,
            parts=split_parts,
            children_to=children,
            choices=chosen,
            effective_on=form.cleaned_data["effective_on"],
            by=_user(request),
        )[0]
    except services.ReorganisationError as error:
        if not groups:
            raise
        choices.add_error(None, str(error))
        return render(request, "organisations/node_split_choices.html", context, status=400)
    _done(request, node, "split")
    return redirect("organisations:node", org_code=node.organisation.code, node_code=target.code)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def node_reorganise(request: HttpRequest, org_code: str, node_code: str) -> HttpResponse:
    access = access_of(request)
    node = access.node(org_code, node_code)
    access.require_for_organisation(node, Role.STRATEGIST, _(TREE_MANAGERS_ONLY))
    if not node.is_active:
        return _ended(request, node, access.crumbs(node))
    user = _user(request)
    action = request.POST.get("action", "")
    data = request.POST if request.method == "POST" else None

    def bound(name: str) -> dict[str, object]:
        return {"data": data if action == name else None, "prefix": name}

    forms: dict[str, Form] = {
        "rename": RenameForm(**bound("rename"), initial={"name": node.name}),  # type: ignore[arg-type]
        "move": MoveForm(**bound("move"), parents=_parent_choices(node)),
        "create": CreateChildForm(**bound("create"), below=Level(node.level)),
        "merge": MergeForm(**bound("merge"), siblings=_sibling_choices(node)),
        "split": SplitForm(**bound("split")),  # type: ignore[arg-type]
        "end": EndForm(**bound("end"), successors=_successor_choices(node)),
    }
    if node.level == Level.UNIT:
        del forms["create"]
    if node.is_root():
        for only_below_the_root in ("move", "merge", "split", "end"):
            del forms[only_below_the_root]
    context: dict[str, Any] = {
        "node": node,
        "organisation": node.organisation,
        "breadcrumbs": access.crumbs(node),
        "forms": forms,
        "holds": [(c.label(n)) for c in carriers() if (n := c.count(node))],
    }
    form = forms.get(action)
    if form is not None and form.is_valid():
        values = form.cleaned_data
        effective_on: datetime.date = values["effective_on"]
        try:
            if action == "split":
                assert isinstance(form, SplitForm)
                response = _split_step_two(request, node, form, context)
                if response is not None:
                    return response
            target = _apply(node, action, values, effective_on, user)
        except services.ReorganisationError as error:
            form.add_error(None, str(error))
        else:
            _done(request, target, action)
            return redirect("organisations:node", org_code=org_code, node_code=target.code)
    status = 400 if form is not None else 200
    return render(request, "organisations/node_reorganise.html", context, status=status)


def _ended(request: HttpRequest, node: Node, crumbs: object) -> HttpResponse:
    """An ended unit keeps its history but cannot be changed: the page says so (409 on a
    post)."""
    context = {
        "node": node,
        "organisation": node.organisation,
        "breadcrumbs": crumbs,
        "forms": {},
        "ended": _("%(name)s är avvecklad och kan inte omorganiseras.") % {"name": node.name},
    }
    status = 409 if request.method == "POST" else 200
    return render(request, "organisations/node_reorganise.html", context, status=status)


def _apply(
    node: Node, action: str, values: dict[str, Any], effective_on: datetime.date, user: User
) -> Node:
    """Run the chosen change; the node whose page comes next."""
    organisation = node.organisation
    if action == "rename":
        return services.node_rename(
            node=node, name=values["name"], effective_on=effective_on, by=user
        )
    if action == "move":
        new_parent = Node.objects.get(organisation=organisation, code=values["new_parent"])
        return services.node_move(
            node=node, new_parent=new_parent, effective_on=effective_on, by=user
        )
    if action == "create":
        return services.node_create(
            parent=node,
            code=values["code"],
            name=values["name"],
            level=values["level"],
            effective_on=effective_on,
            by=user,
        )
    if action == "merge":
        others = list(Node.objects.filter(organisation=organisation, code__in=values["others"]))
        return services.nodes_merge(
            nodes=[node, *others],
            code=values["code"],
            name=values["name"],
            effective_on=effective_on,
            by=user,
        )
    successor = Node.objects.filter(organisation=organisation, code=values["successor"]).first()
    services.node_end(node=node, successor=successor, effective_on=effective_on, by=user)
    return node
