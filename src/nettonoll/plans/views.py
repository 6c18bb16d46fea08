"""Pages for plans: the plan's goals, a node's goals with distribution and coverage, activities,
follow-up rounds with each unit's checklist, and the board report."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from nettonoll.accounts.models import User
from nettonoll.common.records import StaleEdit, refresh_version
from nettonoll.common.tableviews import table_download, table_import_page
from nettonoll.organisations import selectors as org_selectors
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Node, Organisation, Role
from nettonoll.plans import imports, selectors, services
from nettonoll.plans.forms import (
    ActivityForm,
    EntryForm,
    GoalForm,
    PlanForm,
    PlanImportForm,
    RoundOpenForm,
)
from nettonoll.plans.models import Activity, ActivityStatus, FollowUpRound, Goal, GoalStatus, Plan

STATUS_RULE = _(
    "Status räknas fram ur indikatorerna och aktiviteterna som är kopplade till målet i hela "
    "underträdet: en indikator som ligger fel om sin målbana ger ”ej i fas”; utan aktiviteter "
    "och indikatorer blir det ”ingen bedömning”; minst hälften ej påbörjade eller avbrutna "
    "aktiviteter ger ”risk”; annars ”i fas”. En manuell status med motivering går före regeln."
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@dataclass(frozen=True)
class Where:
    organisation: Organisation
    plan: Plan
    node: Node


def _plan(request: HttpRequest, org_code: str, plan_id: int) -> tuple[Organisation, Plan]:
    organisation = access_of(request).organisation(org_code)
    plan = selectors.plan_get(organisation, plan_id)
    if plan is None:
        raise Http404
    return organisation, plan


def _where(request: HttpRequest, org_code: str, plan_id: int, node_code: str) -> Where:
    organisation, plan = _plan(request, org_code, plan_id)
    return Where(organisation, plan, access_of(request).node(org_code, node_code))


def _start(request: HttpRequest, organisation: Organisation) -> Node:
    return access_of(request).require_start(organisation)


def _require(request: HttpRequest, node: Node | None, role: Role, message: str = "") -> Node:
    """404 when the node is not visible to the user, 403 when their role is too weak."""
    return access_of(request).require(node, role, message)


@login_required
def plan_list(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = access_of(request).organisation(org_code)
    start = _start(request, organisation)
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
    organisation, plan = _plan(request, org_code, plan_id)
    start = _start(request, organisation)
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
            "can_manage": access_of(request).has(start, Role.STRATEGIST) and start.is_root(),
            "rounds": plan.rounds.all(),
        },
    )


def _node_page_context(request: HttpRequest, where: Where) -> dict[str, object]:
    node, plan = where.node, where.plan
    round_ = selectors.open_round(plan)
    goals = list(selectors.goals_reaching(node, plan).order_by("code"))
    children = list(org_selectors.node_children(node))
    received_by_child: dict[int, set[int]] = {}
    for child in children:
        received_by_child[child.pk] = set(
            selectors.goals_reaching(child, plan).values_list("pk", flat=True)
        )
    data = selectors.followup_data(node, plan, round_)
    reports = {r.goal.pk: r for r in selectors.goal_reports(node, plan, round_, data=data)}
    rows = []
    for goal in goals:
        assignment = None if node.is_root() else selectors.assignment_at(goal, node)
        rows.append(
            {
                "goal": goal,
                "report": reports.get(goal.pk),
                "status_label": GoalStatus(reports[goal.pk].status).label,
                "not_applicable": assignment.not_applicable_reason if assignment else "",
                "children": [
                    (c, c.pk in received_by_child[c.pk] and goal.pk in received_by_child[c.pk])
                    for c in children
                ],
                "has_children": [c for c in children if goal.pk in received_by_child[c.pk]],
            }
        )
    return {
        "organisation": where.organisation,
        "plan": plan,
        "node": node,
        "breadcrumbs": access_of(request).crumbs(node),
        "rows": rows,
        "children": children,
        "coverage": selectors.coverage(node, plan, round_, data=data),
        "round": round_,
        "activities": selectors.node_activities(node, plan),
        "can_distribute": access_of(request).has(node, Role.MANAGER),
        "can_add_activity": access_of(request).has(node, Role.CONTRIBUTOR),
        "can_override": access_of(request).has(node, Role.STRATEGIST),
        "status_rule": STATUS_RULE,
        "goal_statuses": GoalStatus,
    }


@login_required
def node_goals(request: HttpRequest, org_code: str, plan_id: int, node_code: str) -> HttpResponse:
    where = _where(request, org_code, plan_id, node_code)
    return render(request, "plans/node_goals.html", _node_page_context(request, where))


@login_required
@require_POST
def node_distribute(
    request: HttpRequest, org_code: str, plan_id: int, node_code: str
) -> HttpResponse:
    """Distribute, undo, mark not applicable, or override a goal's status at a node."""
    where = _where(request, org_code, plan_id, node_code)
    user = _user(request)
    action = request.POST.get("action", "")
    goal = get_object_or_404(Goal, plan=where.plan, pk=request.POST.get("goal") or 0)
    node_url = reverse("plans:node", args=[org_code, plan_id, node_code])
    try:
        if action == "override":
            _require(
                request,
                where.node,
                Role.STRATEGIST,
                _("Bara miljöstrateger kan sätta status manuellt."),
            )
            services.goal_override_status(
                goal=goal,
                status=request.POST.get("status", ""),
                reason=request.POST.get("reason", ""),
                by=user,
            )
            messages.success(request, _("Målets status är sparad."))
            return redirect(node_url)
        _require(
            request, where.node, Role.MANAGER, _("Bara chefer och miljöstrateger kan fördela mål.")
        )
        if action == "distribute":
            chosen = request.POST.getlist("children")
            children = [
                c
                for c in org_selectors.node_children(where.node)
                if c.code in chosen or "__all__" in chosen
            ]
            if not children:
                raise services.PlanError(_("Välj minst en enhet att fördela målet till."))
            count = services.goal_distribute(
                goal=goal, from_node=where.node, to_nodes=children, by=user
            )
            messages.success(
                request,
                _("%(code)s är fördelat till %(count)d nya enheter.")
                % {"code": goal.code, "count": count},
            )
        elif action == "undo":
            child = get_object_or_404(
                Node, organisation=where.organisation, code=request.POST.get("child")
            )
            if org_selectors.node_children(where.node).filter(pk=child.pk).count() != 1:
                raise services.PlanError(_("Enheten ligger inte direkt under den här."))
            services.goal_undistribute(goal=goal, node=child, by=user)
            messages.success(
                request,
                _("Fördelningen av %(code)s till %(node)s är ångrad.")
                % {"code": goal.code, "node": child.name},
            )
        elif action == "not_applicable":
            services.goal_mark_not_applicable(
                goal=goal, node=where.node, reason=request.POST.get("reason", ""), by=user
            )
            messages.success(
                request, _("%(code)s är markerat som ej tillämpligt.") % {"code": goal.code}
            )
        elif action == "applicable":
            services.goal_mark_applicable(goal=goal, node=where.node, by=user)
            messages.success(request, _("%(code)s gäller igen.") % {"code": goal.code})
        else:
            raise Http404
    except services.PlanError as error:
        messages.error(request, str(error))
    return redirect(node_url)


ACTIVITY_GUIDANCE_EXAMPLES = [
    _("Minska matsvinnet genom uppdaterade recept och att skicka över mat till andra kök."),
    _("Byt till elbilar när leasingavtalen löper ut."),
    _("Anställ en energiingenjör som hittar energislöseri i fastigheterna."),
    _("Återbruka byggmaterial i projekt för cirkulärt byggande."),
    _("Se till att det finns kärl för källsortering i alla lokaler."),
    _("Stäng av datorer, skärmar och annan utrustning när de inte används."),
]


def _activity_values(form: ActivityForm) -> dict[str, object]:
    data = dict(form.cleaned_data)
    data.pop("goals")
    data.pop("version", None)
    return data


def _activity_page(
    request: HttpRequest,
    where: Where,
    form: ActivityForm,
    activity: Activity | None,
    conflict: Activity | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "plans/activity_form.html",
        {
            "organisation": where.organisation,
            "plan": where.plan,
            "node": where.node,
            "breadcrumbs": access_of(request).crumbs(where.node),
            "form": form,
            "activity": activity,
            "conflict": conflict,
            "examples": ACTIVITY_GUIDANCE_EXAMPLES,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest, org_code: str, plan_id: int, node_code: str) -> HttpResponse:
    where = _where(request, org_code, plan_id, node_code)
    user = _user(request)
    _require(
        request,
        where.node,
        Role.CONTRIBUTOR,
        _("Bara medarbetare på enheten kan lägga in aktiviteter."),
    )
    reaching = selectors.goals_reaching(where.node, where.plan).order_by("code")
    form = ActivityForm(
        request.POST if request.method == "POST" else None,
        goals=reaching,
        initial={"goals": request.GET.getlist("goal")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_create(
                node=where.node,
                goals=list(form.cleaned_data["goals"]),
                by=user,
                **_activity_values(form),
            )
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect("plans:node", org_code, plan_id, node_code)
    return _activity_page(request, where, form, None, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(
    request: HttpRequest, org_code: str, plan_id: int, activity_id: int
) -> HttpResponse:
    organisation, plan = _plan(request, org_code, plan_id)
    activity = get_object_or_404(Activity, pk=activity_id, node__organisation=organisation)
    where = _where(request, org_code, plan_id, activity.node.code)
    user = _user(request)
    can_edit = access_of(request).has(where.node, Role.CONTRIBUTOR)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Bara medarbetare på enheten kan ändra aktiviteten."))
    reaching = selectors.goals_reaching(where.node, plan).order_by("code")
    initial = {f: getattr(activity, f) for f in services.ACTIVITY_FIELDS}
    initial |= {
        "goals": list(activity.goals.values_list("pk", flat=True)),
        "version": activity.version,
    }
    form = ActivityForm(
        request.POST if request.method == "POST" else None, goals=reaching, initial=initial
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=activity,
                expected_version=form.cleaned_data.get("version") or 0,
                goals=list(form.cleaned_data["goals"]),
                by=user,
                **_activity_values(form),
            )
        except services.ConflictError as error:
            form.add_error(None, str(error))
            conflict = error.current if isinstance(error.current, Activity) else None
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect("plans:node", org_code, plan_id, activity.node.code)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    return _activity_page(
        request, where, form, activity, conflict, status=400 if form.is_bound else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_list(request: HttpRequest, org_code: str, plan_id: int) -> HttpResponse:
    organisation, plan = _plan(request, org_code, plan_id)
    user = _user(request)
    start = _start(request, organisation)
    root = access_of(request).root(organisation)
    can_manage = access_of(request).has(root, Role.STRATEGIST)
    form = RoundOpenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Bara miljöstrateger kan öppna uppföljningsomgångar."))
        if form.is_valid():
            try:
                services.round_open(plan=plan, by=user, **form.cleaned_data)
            except services.PlanError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Omgången är öppen. Enheterna ser den på sina sidor."))
                return redirect("plans:rounds", org_code, plan_id)
    return render(
        request,
        "plans/round_list.html",
        {
            "organisation": organisation,
            "plan": plan,
            "rounds": plan.rounds.all(),
            "form": form,
            "can_manage": can_manage,
            "start": start,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def round_close(request: HttpRequest, org_code: str, plan_id: int, round_id: int) -> HttpResponse:
    organisation, plan = _plan(request, org_code, plan_id)
    round_ = get_object_or_404(FollowUpRound, plan=plan, pk=round_id)
    user = _user(request)
    access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan stänga uppföljningsomgångar.")
    )
    try:
        services.round_close(round_=round_, by=user)
        messages.success(request, _("Omgången är stängd och en ögonblicksbild är sparad."))
    except services.PlanError as error:
        messages.error(request, str(error))
    return redirect("plans:rounds", org_code, plan_id)


@login_required
@require_http_methods(["GET", "POST"])
def round_checklist(
    request: HttpRequest, org_code: str, plan_id: int, round_id: int, node_code: str
) -> HttpResponse:
    where = _where(request, org_code, plan_id, node_code)
    round_ = get_object_or_404(FollowUpRound, plan=where.plan, pk=round_id)
    user = _user(request)
    can_report = round_.is_open and access_of(request).has(where.node, Role.CONTRIBUTOR)
    conflict = None
    status = 200
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied(
                _("Du kan inte rapportera för den här enheten i den här omgången.")
            )
        activity = Activity.objects.filter(
            pk=request.POST.get("activity") or 0, node=where.node
        ).first()
        goal = Goal.objects.filter(pk=request.POST.get("goal") or 0, plan=where.plan).first()
        form = EntryForm(
            request.POST, for_goal=goal is not None, prefix=request.POST.get("prefix") or None
        )
        if form.is_valid():
            try:
                services.entry_report(
                    round_=round_,
                    node=where.node,
                    activity=activity,
                    goal=goal,
                    status=form.cleaned_data["status"],
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data.get("version"),
                    by=user,
                )
            except services.ConflictError as error:
                messages.error(request, str(error))
                conflict = error.current
                status = 409
            except services.PlanError as error:
                messages.error(request, str(error))
                status = 400
            else:
                messages.success(request, _("Rapporten är sparad."))
                return redirect("plans:checklist", org_code, plan_id, round_id, node_code)
        else:
            status = 400
    items: list[dict[str, object]] = []
    checklist_items = selectors.checklist(where.node, round_)
    for item in checklist_items:
        entry = item.entry
        initial = (
            {"status": entry.status, "comment": entry.comment, "version": entry.version}
            if entry
            else {
                "status": item.activity.status if item.activity else GoalStatus.NOT_ASSESSED,
                "version": 0,
            }
        )
        form = EntryForm(
            initial=initial,
            for_goal=item.goal is not None,
            prefix=f"g{item.goal.pk}"
            if item.goal
            else f"a{item.activity.pk if item.activity else 0}",
        )
        items.append({"item": item, "form": form})
    done = sum(1 for item in checklist_items if item.entry)
    return render(
        request,
        "plans/round_checklist.html",
        {
            "organisation": where.organisation,
            "plan": where.plan,
            "node": where.node,
            "breadcrumbs": access_of(request).crumbs(where.node),
            "round": round_,
            "items": items,
            "done": done,
            "can_report": can_report,
            "conflict": conflict,
        },
        status=status,
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
    organisation, plan = _plan(request, org_code, plan_id)
    user = _user(request)
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
    }
    return table_import_page(request, form, run, context)


@login_required
def plan_export(request: HttpRequest, org_code: str, plan_id: int, what: str) -> HttpResponse:
    organisation, plan = _plan(request, org_code, plan_id)
    access_of(request).require_root(organisation)
    if what not in EXPORTS:
        raise Http404
    spec, rows, _label = EXPORTS[what]
    return table_download(spec, rows(plan), f"{organisation.code}-{plan.pk}-{what}", "xlsx")


@login_required
@require_POST
def node_remind(request: HttpRequest, org_code: str, plan_id: int, node_code: str) -> HttpResponse:
    """Send a reminder to the managers below who have not distributed or reported."""
    where = _where(request, org_code, plan_id, node_code)
    user = _user(request)
    _require(
        request,
        where.node,
        Role.MANAGER,
        _("Bara chefer och miljöstrateger kan skicka påminnelser."),
    )
    sent = services.reminders_send(
        node=where.node, plan=where.plan, round_=selectors.open_round(where.plan), by=user
    )
    if sent:
        messages.success(
            request,
            _("Påminnelse skickad till %(count)d chefer: %(addresses)s.")
            % {"count": len(sent), "addresses": ", ".join(sent)},
        )
    else:
        messages.info(request, _("Ingen behöver påminnas just nu."))
    return redirect(reverse("plans:node", args=[org_code, plan_id, node_code]) + "#coverage")


STATUS_LABELS = {**dict(ActivityStatus.choices), **dict(GoalStatus.choices)}
FIGURE_LABELS = {
    "goals_total": _("Mål som nått regionen"),
    "children_distributed_further": _("Enheter direkt under som fördelat vidare"),
    "children_with_activities": _("Enheter direkt under med aktiviteter"),
    "activities_total": _("Aktiviteter totalt"),
    "reports_expected": _("Förväntade rapporter"),
    "reports_done": _("Lämnade rapporter"),
}


@login_required
def round_compare(request: HttpRequest, org_code: str, plan_id: int, round_id: int) -> HttpResponse:
    """A round set against the one before it: figures and the entries whose status changed."""
    organisation, plan = _plan(request, org_code, plan_id)
    access_of(request).require_root(organisation)
    round_ = get_object_or_404(FollowUpRound, plan=plan, pk=round_id)
    comparison = selectors.round_comparison(round_)
    return render(
        request,
        "plans/round_compare.html",
        {
            "organisation": organisation,
            "plan": plan,
            "comparison": comparison,
            "changes": [
                (node, item, STATUS_LABELS.get(before, before), STATUS_LABELS.get(now, now))
                for node, item, before, now in comparison.changed_entries
            ],
            "figures": [
                (
                    FIGURE_LABELS[key],
                    before,
                    now,
                    (now - before) if isinstance(now, int) and isinstance(before, int) else None,
                )
                for key, before, now in comparison.figures
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = access_of(request).organisation(org_code)
    user = _user(request)
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
            return redirect("plans:import", org_code, plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        {"organisation": organisation, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, org_code: str, plan_id: int, goal_id: int) -> HttpResponse:
    organisation, plan = _plan(request, org_code, plan_id)
    goal = get_object_or_404(Goal, plan=plan, pk=goal_id)
    user = _user(request)
    access_of(request).require_root(
        organisation, Role.STRATEGIST, _("Bara miljöstrateger kan ändra mål.")
    )
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        instance=goal,
        organisation_id=organisation.pk,
    )
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in services.GOAL_EDITABLE}
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
