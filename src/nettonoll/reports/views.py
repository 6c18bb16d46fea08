"""The board report pages: HTML with an editable decision proposal, PDF and DOCX downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.plans import selectors as plan_selectors
from nettonoll.plans.models import FollowUpRound
from nettonoll.plans.services import round_set_decision_proposal
from nettonoll.reports.followup import NotInSnapshot, report_context
from nettonoll.reports.render import render_docx, render_html, render_pdf


@login_required
@require_http_methods(["GET", "POST"])
def followup_report(
    request: HttpRequest, org_code: str, plan_id: int, node_code: str, file_format: str = "html"
) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    access = access_of(request)
    organisation = access.organisation(org_code)
    plan = plan_selectors.plan_get(organisation, plan_id)
    if plan is None:
        raise Http404
    node = access.node(org_code, node_code)
    round_ = None
    round_id = request.GET.get("round") or request.POST.get("round")
    if round_id:
        round_ = get_object_or_404(FollowUpRound, plan=plan, pk=round_id)
    can_edit = round_ is not None and access.has(node, Role.STRATEGIST)
    if request.method == "POST":
        if not can_edit or round_ is None:
            raise PermissionDenied(_("Bara miljöstrateger kan ändra förslaget till beslut."))
        round_set_decision_proposal(
            round_=round_,
            text=request.POST.get("decision_proposal", ""),
            signatories=request.POST.get("signatories"),
            extract_to=request.POST.get("extract_to"),
            by=user,
        )
        messages.success(request, _("Förslaget till beslut och sändlistan är sparade."))
        return redirect(f"{request.path}?round={round_.pk}")
    try:
        context = report_context(node, plan, round_)
    except NotInSnapshot as error:
        raise Http404(str(error)) from error
    filename = f"uppfoljning-{organisation.code}-{node.code}".lower()
    if file_format == "pdf":
        response = HttpResponse(render_pdf(context), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    if file_format == "docx":
        response = HttpResponse(
            render_docx(context),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
        return response
    if file_format != "html":
        raise Http404
    return render(
        request,
        "reports/followup.html",
        {
            **context,
            "organisation": organisation,
            "document": render_html(context, standalone=False),
            "rounds": plan.rounds.all(),
            "can_edit": can_edit,
            "breadcrumbs": access.crumbs(node),
        },
    )
