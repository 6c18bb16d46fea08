"""A unit's report in a round: the whole checklist as one form, saved together."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.plans import selectors, services
from nettonoll.plans.forms import EntryForm
from nettonoll.plans.models import ActivityStatus, FollowUpEntry, FollowUpRound, GoalStatus
from nettonoll.plans.selectors import ChecklistItem
from nettonoll.plans.views.shared import Where, user_of, where_of

STATUS_LABELS = {**dict(ActivityStatus.choices), **dict(GoalStatus.choices)}


@dataclass
class Row:
    """A checklist item on the page: its form, and after a refused save what someone else
    saved (`conflict`) or why the item was refused (`error`)."""

    item: ChecklistItem
    form: EntryForm
    conflict: FollowUpEntry | None = None
    conflicted: bool = False
    error: str = ""

    @property
    def conflict_status(self) -> str:
        return str(STATUS_LABELS.get(self.conflict.status, "")) if self.conflict else ""


def _key(item: ChecklistItem) -> str:
    return f"g{item.goal.pk}" if item.goal else f"a{item.activity.pk if item.activity else 0}"


def _form(item: ChecklistItem, data: object = None) -> EntryForm:
    key = _key(item)
    if data is not None:  # as the user's page was built: reported or not when they opened it
        seen = str(data.get(f"{key}-version") or "")  # type: ignore[attr-defined]
        return EntryForm(
            data, prefix=key, for_goal=item.goal is not None, reported=seen not in ("", "0")
        )
    entry = item.entry
    initial = (
        {"status": entry.status, "comment": entry.comment, "version": entry.version}
        if entry
        else {"status": "", "comment": "", "version": 0}
    )
    return EntryForm(
        initial=initial, prefix=key, for_goal=item.goal is not None, reported=entry is not None
    )


def _save(request: HttpRequest, rows: list[Row], where: Where, round_: FollowUpRound) -> int | None:
    """Save the changed items; the number saved, or None when the page must be shown again."""
    if not all(row.form.is_valid() for row in rows):
        messages.error(request, _("Inget är sparat: rätta de markerade punkterna och spara igen."))
        return None
    changed = [row for row in rows if row.form.is_changed]
    inputs = [
        services.EntryInput(
            key=row.form.prefix or "",
            status=row.form.cleaned_data["status"],
            comment=row.form.cleaned_data["comment"],
            expected_version=row.form.cleaned_data.get("version"),
            activity=row.item.activity,
            goal=row.item.goal,
        )
        for row in changed
    ]
    try:
        services.entries_report(
            round_=round_,
            node=where.node,
            items=inputs,
            by=user_of(request),
        )
    except services.EntriesRefused as refused:
        messages.error(request, str(refused))
        for row in rows:
            key = row.form.prefix or ""
            if key in refused.conflicts:
                row.conflicted, row.conflict = True, refused.conflicts[key]
                # a second, deliberate save (having seen the other report) goes through
                data = row.form.data.copy()  # type: ignore[attr-defined]
                data[f"{key}-version"] = str(row.conflict.version if row.conflict else 0)
                row.form.data = data
            row.error = refused.errors.get(key, "")
        return None
    except services.PlanError as error:
        messages.error(request, str(error))
        return None
    return len(inputs)


@login_required
@require_http_methods(["GET", "POST"])
def round_checklist(
    request: HttpRequest, org_code: str, plan_id: int, round_id: int, node_code: str
) -> HttpResponse:
    where = where_of(request, org_code, plan_id, node_code)
    round_ = get_object_or_404(FollowUpRound, plan=where.plan, pk=round_id)
    can_report = round_.is_open and access_of(request).has(where.node, Role.CONTRIBUTOR)
    items = selectors.checklist(where.node, round_)
    status = 200
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied(
                _("Du kan inte rapportera för den här enheten i den här omgången.")
            )
        rows = [Row(item, _form(item, request.POST)) for item in items]
        saved = _save(request, rows, where, round_)
        if saved is not None:
            if saved:
                messages.success(
                    request,
                    ngettext(
                        "Rapporten är sparad: %(count)d punkt.",
                        "Rapporten är sparad: %(count)d punkter.",
                        saved,
                    )
                    % {"count": saved},
                )
            else:
                messages.info(request, _("Inget att spara: du har inte ändrat någon punkt."))
            return redirect("plans:checklist", org_code, plan_id, round_id, node_code)
        status = 409 if any(row.conflicted for row in rows) else 400
    else:
        rows = [Row(item, _form(item)) for item in items]
    return render(
        request,
        "plans/round_checklist.html",
        {
            "organisation": where.organisation,
            "plan": where.plan,
            "node": where.node,
            "breadcrumbs": access_of(request).crumbs(where.node),
            "round": round_,
            "rows": rows,
            "done": sum(1 for item in items if item.entry),
            "can_report": can_report,
            "unsaved": status != 200,
        },
        status=status,
    )
