"""The follow-up report to the board (tjänsteskrivelse) for a node and a round: figures in
sentences like the Jämtland Härjedalen report's, the activities and comments grouped by goal, each
goal's status and the decision proposal — as HTML, PDF (WeasyPrint) and DOCX (python-docx)."""

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from nettonoll.organisations.models import Level, Node
from nettonoll.plans.models import Activity, FollowUpEntry, FollowUpRound, GoalStatus, Plan
from nettonoll.plans.selectors import (
    Coverage,
    GoalReport,
    coverage,
    followup_data,
    followup_summary,
    goal_reports,
)

# A board report names at most this many activities per goal; the full list is the activities
# export (XLSX). Measured: a PDF of 5 000 activities is ~250 pages and takes ~30 s to lay out.
ACTIVITIES_PER_GOAL = 15

SV_NUMBERS = [
    "noll",
    "ett",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
    "tretton",
    "fjorton",
    "femton",
    "sexton",
    "sjutton",
    "arton",
    "nitton",
    "tjugo",
]
EN_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
SV_NUMBERS_COMMON = {1: "en"}  # "en avdelning", "en aktivitet" (common gender)


def number_word(n: int, *, common_gender: bool = True) -> str:
    """Numbers up to twenty in words, as Swedish report prose writes them; digits above."""
    words = SV_NUMBERS if (get_language() or "sv").startswith("sv") else EN_NUMBERS
    if (get_language() or "sv").startswith("sv") and common_gender and n in SV_NUMBERS_COMMON:
        return SV_NUMBERS_COMMON[n]
    return words[n] if 0 <= n < len(words) else f"{n:,}".replace(",", "\xa0")


def _level_plural(level: str) -> str:
    return {
        Level.ADMINISTRATION: _("förvaltningar"),
        Level.DEPARTMENT: _("avdelningar"),
        Level.UNIT: _("enheter"),
    }.get(Level(level), _("enheter"))


def _level_singular(level: str) -> str:
    return {
        Level.ADMINISTRATION: _("förvaltning"),
        Level.DEPARTMENT: _("avdelning"),
        Level.UNIT: _("enhet"),
    }.get(Level(level), _("enhet"))


def _level_tier(level: str) -> str:
    """The level as a tier: enhetsnivå, avdelningsnivå, förvaltningsnivå."""
    return {
        Level.ADMINISTRATION: _("förvaltningsnivå"),
        Level.DEPARTMENT: _("avdelningsnivå"),
        Level.UNIT: _("enhetsnivå"),
    }.get(Level(level), _("enhetsnivå"))


def coverage_sentences(
    node: Node, plan: Plan, round_: FollowUpRound | None, cov: Coverage | None = None
) -> list[str]:
    """The report's coverage figures as sentences."""
    cov = cov or coverage(node, plan, round_)
    children = cov.children
    if not children:
        return [
            ngettext(
                "%(n)s mål har nått %(node)s.", "%(n)s mål har nått %(node)s.", cov.goals_total
            )
            % {"n": number_word(cov.goals_total, common_gender=False), "node": node.name}
        ]
    level = children[0].node.level
    plural, singular = _level_plural(level), _level_singular(level)
    n = len(children)
    received = sorted({c.goals_received for c in children})
    possible = cov.goals_total
    sentences = []
    if received[0] == 0:
        with_goals = sum(c.goals_received > 0 for c in children)
        sentences.append(
            _(
                "%(k)s %(plural)s av %(n)s har fått minst ett miljömål nerfördelat, av %(possible)s möjliga."  # noqa: E501
            )
            % {
                "k": number_word(with_goals),
                "plural": plural,
                "n": number_word(n),
                "possible": number_word(possible, common_gender=False),
            }
        )
    elif len(received) == 1:
        sentences.append(
            _("Alla %(plural)s har fått %(a)s miljömål nerfördelade, av %(possible)s möjliga.")
            % {
                "plural": plural,
                "a": number_word(received[0], common_gender=False),
                "possible": number_word(possible, common_gender=False),
            }
        )
    elif len(received) == 2 and received[1] == received[0] + 1:
        sentences.append(
            _(
                "Alla %(plural)s har fått %(a)s eller %(b)s miljömål nerfördelade, av %(possible)s möjliga."  # noqa: E501
            )
            % {
                "plural": plural,
                "a": number_word(received[0], common_gender=False),
                "b": number_word(received[1], common_gender=False),
                "possible": number_word(possible, common_gender=False),
            }
        )
    else:
        sentences.append(
            _(
                "Alla %(plural)s har fått mellan %(a)s och %(b)s miljömål nerfördelade, av %(possible)s möjliga."  # noqa: E501
            )
            % {
                "plural": plural,
                "a": number_word(received[0], common_gender=False),
                "b": number_word(received[-1], common_gender=False),
                "possible": number_word(possible, common_gender=False),
            }
        )
    further = [c for c in children if c.goals_distributed_further > 0]
    next_level = {Level.ADMINISTRATION: Level.DEPARTMENT}.get(Level(level), Level.UNIT)
    below = _level_tier(next_level)
    if not further:
        sentences.append(
            _("Ingen %(singular)s har fördelat mål vidare till %(below)s.")
            % {"singular": singular, "below": below}
        )
    elif len(further) == 1:
        sentences.append(
            _("Endast en %(singular)s (%(name)s) har fördelat mål till %(below)s.")
            % {"singular": singular, "name": further[0].node.name, "below": below}
        )
    elif len(further) == n:
        sentences.append(
            _("Alla %(plural)s har fördelat mål vidare till %(below)s.")
            % {"plural": plural, "below": below}
        )
    else:
        sentences.append(
            _("%(k)s %(plural)s av %(n)s har fördelat mål till %(below)s.")
            % {
                "k": number_word(len(further)).capitalize(),
                "plural": plural,
                "n": number_word(n),
                "below": below,
            }
        )
    with_activities = sum(c.activities > 0 for c in children)
    if with_activities == n and n > 1:
        sentences.append(
            _(
                "Alla %(plural)s har minst en aktivitet inlagd, och totalt %(t)s aktiviteter "
                "har lagts in inom %(node)s."
            )
            % {"plural": plural, "t": number_word(cov.activities_total), "node": node.name}
        )
    else:
        sentences.append(
            ngettext(
                "%(k)s %(plural)s av %(n)s har minst en aktivitet inlagd, och totalt %(t)s aktivitet har lagts in inom %(node)s.",  # noqa: E501
                "%(k)s %(plural)s av %(n)s har minst en aktivitet inlagd, och totalt %(t)s aktiviteter har lagts in inom %(node)s.",  # noqa: E501
                cov.activities_total,
            )
            % {
                "k": number_word(with_activities).capitalize(),
                "plural": plural if with_activities != 1 else singular,
                "n": number_word(n),
                "t": number_word(cov.activities_total),
                "node": node.name,
            }
        )
    if round_ is not None and cov.expected_reports:
        sentences.append(
            _(
                "I omgången %(round)s har %(done)s av %(expected)s förväntade rapporter lämnats (%(pct)s %%)."  # noqa: E501
            )
            % {
                "round": round_.name,
                "done": cov.reports,
                "expected": cov.expected_reports,
                "pct": round(100 * cov.reports / cov.expected_reports),
            }
        )
    return sentences


def _shown(report: GoalReport) -> tuple[list[Activity], list[FollowUpEntry]]:
    """The activities a goal's section names: those reported on in the round first, at most
    ACTIVITIES_PER_GOAL; their comments and the goal's own come with them."""
    reported = {e.activity_id for e in report.comments if e.activity_id}
    ranked = sorted(report.activities, key=lambda a: a.pk not in reported)
    shown = ranked[:ACTIVITIES_PER_GOAL]
    keep = {a.pk for a in shown}
    comments = [e for e in report.comments if e.activity_id is None or e.activity_id in keep]
    return shown, comments[: 2 * ACTIVITIES_PER_GOAL]


def report_context(node: Node, plan: Plan, round_: FollowUpRound | None) -> dict[str, Any]:
    """Everything the report shows, from one pass over the node's subtree."""
    data = followup_data(node, plan, round_)
    cov = coverage(node, plan, round_, data=data)
    summary = followup_summary(node, plan, round_, cov=cov)
    statuses = dict(GoalStatus.choices)
    goals = []
    for report in goal_reports(node, plan, round_, data=data):
        shown, comments = _shown(report)
        goals.append(
            {
                "goal": report.goal,
                "status": report.status,
                "status_label": str(statuses[report.status]),
                "is_override": report.is_override,
                "override_reason": report.goal.status_override_reason,
                "activities": shown,
                "activities_total": len(report.activities),
                "activities_more": len(report.activities) - len(shown),
                "comments": comments,
            }
        )
    proposal = (round_.decision_proposal if round_ else "") or _(
        "Uppföljningen av aktiviteterna kopplade till miljömål godkänns."
    )
    return {
        "node": node,
        "plan": plan,
        "round": round_,
        "summary": summary,
        "sentences": coverage_sentences(node, plan, round_, cov),
        "goals": goals,
        "children": data.children,
        "decision_proposal": proposal,
        "generated_at": timezone.now(),
    }


def more_text(item: dict[str, Any]) -> str:
    return ngettext(
        "Ytterligare %(n)d aktivitet finns i aktivitetslistan (export till Excel).",
        "Ytterligare %(n)d aktiviteter finns i aktivitetslistan (export till Excel).",
        item["activities_more"],
    ) % {"n": item["activities_more"]}


def render_html(context: dict[str, Any], *, standalone: bool = True) -> str:
    return render_to_string("reports/followup_document.html", {**context, "standalone": standalone})


def render_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # on use only: WeasyPrint takes 2 s to import

    pdf: bytes = HTML(string=render_html(context)).write_pdf()
    return pdf


def render_docx(context: dict[str, Any]) -> bytes:
    # on use only: python-docx takes 0.5 s to import
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    node, plan, round_ = context["node"], context["plan"], context["round"]
    # Resolving a style by name costs ~2 ms in python-docx; look the two list styles up once.
    bullet = document.styles["List Bullet"].style_id
    bullet_2 = document.styles["List Bullet 2"].style_id

    def add_bullet(text: str, style_id: str, *, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = style_id
        paragraph.add_run(text).bold = bold

    document.add_paragraph(node.organisation.name)
    document.add_heading(_("Uppföljning av aktiviteter kopplade till miljömål"), level=1)
    document.add_paragraph(f"{plan.name} · {node.name}" + (f" · {round_.name}" if round_ else ""))
    document.add_heading(_("Ärendebeskrivning"), level=2)
    document.add_paragraph(" ".join(context["sentences"]))
    for item in context["goals"]:
        goal = item["goal"]
        document.add_heading(f"{goal.code} {goal.title}", level=3)
        status = _("Status: %(status)s") % {"status": item["status_label"]}
        if item["is_override"]:
            status += " " + _("(manuell bedömning: %(reason)s)") % {
                "reason": item["override_reason"]
            }
        document.add_paragraph(status)
        if not item["activities"]:
            document.add_paragraph(_("Inga aktiviteter."))
        for activity in item["activities"]:
            add_bullet(
                f"{activity.title} ({activity.node.name}, {activity.get_status_display().lower()})",
                bullet,
                bold=True,
            )
        for entry in item["comments"]:
            if entry.comment:
                add_bullet(f"{entry.node.name}: {entry.comment}", bullet_2)
        if item["activities_more"]:
            document.add_paragraph(more_text(item))
    document.add_heading(_("Förslag till beslut"), level=2)
    document.add_paragraph(context["decision_proposal"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
