"""Plan pages: the list, a plan and its goals, a new plan, editing a goal, imports and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from nettonoll.common.records import StaleEdit, add_version_field, refresh_version
from nettonoll.common.tableviews import table_download, table_import_page
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.plans import imports, selectors, services
from nettonoll.plans.forms import (
    GoalCreateForm,
    GoalForm,
    PlanForm,
    PlanImportForm,
)
from nettonoll.plans.models import Goal, Plan
from nettonoll.plans.views.distribution import subtree_form
from nettonoll.plans.views.shared import plan_of, start_of, user_of


@login_required
def plan_list(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = access_of(request).organisation(org_code)
    start = start_of(request, organisation)
    return render(
        request,
        "plans/plan_list.html",
        {
            "organisation": organisation,
            "plans": selectors.plans_of(organisation),
            "start": start,
            "can_manage": access_of(request).has(start, Role.STRATEGIST) and start.is_root(),
        },
    )


@login_required
def plan_detail(request: HttpRequest, org_code: str, plan_id: int) -> HttpResponse:
    organisation, plan = plan_of(request, org_code, plan_id)
    start = start_of(request, organisation)
    can_manage = access_of(request).has(start, Role.STRATEGIST) and start.is_root()
    return render(
        request,
        "plans/plan_detail.html",
        {
            "organisation": organisation,
            "plan": plan,
            "goals": [
                (goal, depth, plan.level_name(goal.level))
                for goal, depth in selectors.goal_tree(plan)
            ],
            "start": start,
            "can_manage": can_manage,
            "distribute_form": subtree_form(plan) if can_manage else None,
            "rounds": plan.rounds.all(),
        },
    )


IMPORT_KINDS = {
    "plan": (_("Mål (code, title, parent_code, level, kind, deadline)"), imports.plan_import),
    "distributions": (_("Fördelningar (goal_code, node_code)"), imports.distributions_import),
    "activities": (
        _("Aktiviteter (node_code, title, goal_codes, status, comment)"),
        imports.activities_import,
    ),
}
EXPORTS = {
    "plan": (imports.PLAN, imports.plan_rows, gettext_lazy("Mål")),
    "distributions": (
        imports.DISTRIBUTIONS,
        imports.distribution_rows,
        gettext_lazy("Fördelningar"),
    ),
    "activities": (imports.ACTIVITIES, imports.activity_rows, gettext_lazy("Aktiviteter")),
}
PLAN_IMPORT_INTRO = gettext_lazy(
    "Importen är allt eller inget: är någon rad fel sparas ingenting, och varje fel visas med "
    "sitt radnummer. Samma fil kan importeras igen; oförändrade rader lämnas som de är."
)


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest, org_code: str, plan_id: int) -> HttpResponse:
    """The bulk imports of a plan from the web, with the same checks as on the command line."""
    organisation, plan = plan_of(request, org_code, plan_id)
    user = user_of(request)
    access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan importera till planen.")
    )
    form = PlanImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()),
        kinds=[(key, label) for key, (label, _run) in IMPORT_KINDS.items()],
    )

    def run(form: Form, data: bytes, filename: str) -> imports.ImportResult:
        return IMPORT_KINDS[form.cleaned_data["kind"]][1](
            organisation_code=organisation.code,
            plan_name=plan.name,
            data=data,
            filename=filename,
            by=user,
        )

    context = {
        "organisation": organisation,
        "plan": plan,
        "heading": _("Importera till %(name)s") % {"name": plan.name},
        "intro": PLAN_IMPORT_INTRO,
        "back": (reverse("plans:detail", args=[organisation.code, plan.pk]), plan.name),
        "downloads": [
            (reverse("plans:export", args=[organisation.code, plan.pk, what]), label)
            for what, (_spec, _rows, label) in EXPORTS.items()
        ],
        "templates": {what: (spec, label) for what, (spec, _rows, label) in EXPORTS.items()},
    }
    return table_import_page(request, form, run, context)


@login_required
def plan_export(request: HttpRequest, org_code: str, plan_id: int, what: str) -> HttpResponse:
    organisation, plan = plan_of(request, org_code, plan_id)
    access_of(request).require_root(organisation)
    if what not in EXPORTS:
        raise Http404
    spec, rows, _label = EXPORTS[what]
    return table_download(spec, rows(plan), f"{organisation.code}-{plan.pk}-{what}", "xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = access_of(request).organisation(org_code)
    user = user_of(request)
    access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan lägga upp planer.")
    )
    form = PlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(organisation=organisation, by=user, **form.cleaned_data)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Planen är skapad. Lägg in målen här eller importera dem från en fil.")
            )
            return redirect("plans:detail", org_code, plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        {"organisation": organisation, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, org_code: str, plan_id: int, goal_id: int) -> HttpResponse:
    organisation, plan = plan_of(request, org_code, plan_id)
    goal = get_object_or_404(Goal, plan=plan, pk=goal_id)
    user = user_of(request)
    access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan ändra mål.")
    )
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        instance=goal,
        organisation_id=organisation.pk,
        plan=plan,
    )
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in (*services.GOAL_EDITABLE, "parent")}
        try:
            services.goal_update(
                goal=Goal.objects.get(pk=goal.pk),
                values=values,
                agenda2030_targets=form.cleaned_data["agenda2030_targets"],
                quality_objectives=form.cleaned_data["quality_objectives"],
                indicators=form.cleaned_data["indicators"],
                expected_version=form.cleaned_data.get("version"),
                by=user,
            )
        except StaleEdit as stale:
            conflict = stale
            refresh_version(form, stale)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Målet är sparat."))
            return redirect("plans:detail", org_code, plan_id)
    if form.is_bound:
        goal.refresh_from_db()  # the heading names the goal as saved, not as typed
    return render(
        request,
        "plans/goal_form.html",
        {
            "organisation": organisation,
            "plan": plan,
            "goal": goal,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, org_code: str, plan_id: int) -> HttpResponse:
    organisation, plan = plan_of(request, org_code, plan_id)
    access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan lägga in mål.")
    )
    form = GoalCreateForm(
        request.POST if request.method == "POST" else None,
        instance=Goal(plan=plan),
        organisation_id=organisation.pk,
        plan=plan,
        initial={"parent": request.GET.get("parent")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_add(
                plan=plan,
                code=form.cleaned_data["code"],
                values={k: form.cleaned_data[k] for k in (*services.GOAL_EDITABLE, "parent")},
                agenda2030_targets=form.cleaned_data["agenda2030_targets"],
                quality_objectives=form.cleaned_data["quality_objectives"],
                indicators=form.cleaned_data["indicators"],
                by=user_of(request),
            )
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Målet %(code)s är sparat.") % {"code": goal.code})
            return redirect("plans:detail", org_code, plan_id)
    return render(
        request,
        "plans/goal_form.html",
        {"organisation": organisation, "plan": plan, "goal": None, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, org_code: str, plan_id: int) -> HttpResponse:
    organisation, plan = plan_of(request, org_code, plan_id)
    access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan ändra planen.")
    )
    initial = {k: getattr(plan, k) for k in services.PLAN_EDITABLE}
    initial["level_names"] = "\n".join(plan.level_names or [])
    form = PlanForm(request.POST if request.method == "POST" else None, initial=initial)
    add_version_field(form, plan.version)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=Plan.objects.get(pk=plan.pk),
                values={k: form.cleaned_data[k] for k in services.PLAN_EDITABLE},
                expected_version=form.cleaned_data.get("version"),
                by=user_of(request),
            )
        except StaleEdit as stale:
            conflict = stale
            refresh_version(form, stale)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Planen är sparad."))
            return redirect("plans:detail", org_code, plan_id)
    return render(
        request,
        "plans/plan_form.html",
        {"organisation": organisation, "plan": plan, "form": form, "conflict": conflict},
        status=409 if conflict else 400 if form.is_bound else 200,
    )
