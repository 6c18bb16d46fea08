"""Reminders from a node's page: who will be reminded and who cannot be, then sending; and the
open round's scheduled reminder (a number of days before its last day)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.plans import selectors, services
from nettonoll.plans.models import FollowUpRound
from nettonoll.plans.views.shared import require, user_of, where_of


class ReminderScheduleForm(forms.Form):
    days_before = forms.IntegerField(
        label=gettext_lazy("Påminn automatiskt så här många dagar före sista dag"),
        help_text=gettext_lazy(
            "Påminnelsen går ut en gång, den dagen, till cheferna för de enheter som inte "
            "rapporterat. Lämna tomt för ingen automatisk påminnelse."
        ),
        required=False,
        min_value=0,
        max_value=365,
    )


def _deadline_passed_text(round_: FollowUpRound | None) -> str:
    deadline = round_.deadline.isoformat() if round_ else ""
    return _(
        "Sista dag %(deadline)s har passerat, så ingen automatisk påminnelse kan gå ut. "
        "Skicka påminnelsen nu i stället."
    ) % {"deadline": deadline}


def _back(request: HttpRequest, default: str) -> str:
    """Where the user came from (?next= or the form's `next`), if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _sent_message(plan: services.ReminderPlan) -> str:
    where = (
        _("i %(round)s") % {"round": plan.round.name}
        if plan.round
        else _("i %(plan)s") % {"plan": plan.plan.name}
    )
    units = ", ".join(f"{r.node.name} ({', '.join(r.addresses)})" for r in plan.to_send)
    text = ngettext(
        "Påminnelse %(where)s skickad för enheterna under %(node)s till %(count)d chef: %(units)s.",
        "Påminnelse %(where)s skickad för enheterna under %(node)s till %(count)d chefer: "
        "%(units)s.",
        len(plan.addresses),
    ) % {"where": where, "node": plan.node.name, "count": len(plan.addresses), "units": units}
    if plan.cannot:
        text += " " + ngettext(
            "%(count)d enhet kunde inte påminnas: %(units)s.",
            "%(count)d enheter kunde inte påminnas: %(units)s.",
            len(plan.cannot),
        ) % {
            "count": len(plan.cannot),
            "units": ", ".join(f"{r.node.name} ({r.reason})" for r in plan.cannot),
        }
    return text


@login_required
@require_http_methods(["GET", "POST"])
def node_remind(request: HttpRequest, org_code: str, plan_id: int, node_code: str) -> HttpResponse:
    """GET: who will be reminded and who cannot be. POST: send (or, with action=schedule, set
    the open round's scheduled reminder); then back to the page the user came from."""
    where = where_of(request, org_code, plan_id, node_code)
    user = user_of(request)
    require(
        request,
        where.node,
        Role.MANAGER,
        _("Bara chefer och miljöstrateger kan skicka påminnelser."),
    )
    round_ = selectors.open_round(where.plan)
    node_url = reverse("plans:node", args=[org_code, plan_id, node_code]) + "#coverage"
    back = _back(request, node_url)
    access = access_of(request)
    can_schedule = round_ is not None and access.has(
        access.root(where.organisation), Role.STRATEGIST
    )
    deadline_passed = round_ is not None and round_.deadline < timezone.localdate()
    schedule_form = ReminderScheduleForm(
        request.POST if request.POST.get("action") == "schedule" else None,
        initial={"days_before": round_.reminder_days_before if round_ else None},
    )
    if request.method == "POST" and request.POST.get("action") == "schedule":
        if not can_schedule or round_ is None:
            raise PermissionDenied(_("Bara miljöstrateger kan schemalägga påminnelser."))
        if deadline_passed and schedule_form.is_valid():
            schedule_form.add_error("days_before", _deadline_passed_text(round_))
        if schedule_form.is_valid():
            days = schedule_form.cleaned_data["days_before"]
            services.round_set_reminder_days(round_=round_, days_before=days, by=user)
            if days is None:
                messages.success(
                    request,
                    _("Ingen automatisk påminnelse i %(round)s.") % {"round": round_.name},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Påminnelse i %(round)s går ut automatiskt %(day)s (%(days)d dagar "
                        "före sista dag) till de chefer vars enheter inte rapporterat."
                    )
                    % {
                        "round": round_.name,
                        "day": services.reminder_goes_out(round_).isoformat(),  # type: ignore[union-attr]
                        "days": days,
                    },
                )
            return redirect(back)
    elif request.method == "POST":
        sent = services.reminders_send(node=where.node, plan=where.plan, round_=round_, by=user)
        if sent.to_send:
            messages.success(request, _sent_message(sent))
        elif sent.cannot:
            messages.warning(request, _sent_message(sent))
        else:
            messages.info(
                request,
                _("Ingen under %(node)s behöver påminnas just nu.") % {"node": where.node.name},
            )
        return redirect(back)
    return render(
        request,
        "plans/reminders.html",
        {
            "organisation": where.organisation,
            "plan": where.plan,
            "node": where.node,
            "breadcrumbs": access.crumbs(where.node),
            "round": round_,
            "reminders": services.reminder_plan(node=where.node, plan=where.plan, round_=round_),
            "back": back,
            "can_schedule": can_schedule,
            "schedule_form": schedule_form,
            "reminder_day": services.reminder_goes_out(round_) if round_ else None,
            "deadline_passed": _deadline_passed_text(round_) if deadline_passed else "",
        },
        status=400 if schedule_form.is_bound else 200,
    )
