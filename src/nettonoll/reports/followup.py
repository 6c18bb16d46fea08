"""The follow-up report to the board (tjänsteskrivelse) for a node and a round: figures in
sentences like the Jämtland Härjedalen report's, the activities and comments grouped by goal, each
goal's status and the decision proposal — as HTML, PDF (WeasyPrint) and DOCX (python-docx)."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

from nettonoll.organisations.models import Level, Node
from nettonoll.plans.models import ActivityStatus, FollowUpRound, GoalKind, GoalStatus, Plan
from nettonoll.plans.snapshots import followup_state, frozen_state
from nettonoll.reports.figures import (
    ActivityItem,
    Figures,
    GoalItem,
    IndicatorFigure,
    State,
    figures,
    goal_items,
    summary,
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


def _sentence(text: str) -> str:
    """Sentence case: the first letter capital, the rest as written (names keep theirs)."""
    return text[:1].upper() + text[1:]


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


def coverage_sentences(cov: Figures, round_name: str | None) -> list[str]:
    """The report's coverage figures as sentences; "av N möjliga" counts the goals that can be
    distributed (förvaltningsmål), not the centrally measured ones."""
    node = cov.node
    children = cov.children
    if not children:
        return [
            _sentence(
                ngettext(
                    "%(n)s mål har nått %(node)s.", "%(n)s mål har nått %(node)s.", cov.goals_total
                )
                % {"n": number_word(cov.goals_total, common_gender=False), "node": node.name}
            )
        ]
    level = children[0].node.level
    plural, singular = _level_plural(level), _level_singular(level)
    n = len(children)
    received = sorted({c.goals_received for c in children})
    possible = cov.goals_distributable
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
    if round_name is not None and cov.expected_reports:
        sentences.append(
            _(
                "I omgången %(round)s har %(done)s av %(expected)s förväntade rapporter lämnats (%(pct)s %%)."  # noqa: E501
            )
            % {
                "round": round_name,
                "done": cov.reports,
                "expected": cov.expected_reports,
                "pct": round(100 * cov.reports / cov.expected_reports),
            }
        )
    return [_sentence(s) for s in sentences]


class NotInSnapshot(LookupError):
    """The node did not exist when the round closed: its frozen report has nothing to show."""


def _number(value: float) -> str:
    decimals = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


def indicator_text(figure: IndicatorFigure) -> str:
    """One indicator's figures in a sentence: the latest value against its target path."""
    if figure.value is None or figure.year is None:
        return _("%(name)s: inga värden ännu.") % {"name": figure.name}
    text = _("%(name)s: %(value)s %(unit)s år %(year)s") % {
        "name": figure.name,
        "value": _number(figure.value),
        "unit": figure.unit,
        "year": figure.year,
    }
    if figure.path is not None:
        text += " " + _("(målbanan %(path)s %(unit)s, %(verdict)s)") % {
            "path": _number(figure.path),
            "unit": figure.unit,
            "verdict": _("i fas") if figure.on_track else _("ej i fas"),
        }
    if figure.target is not None:
        text += ". " + _("Målvärde %(value)s %(unit)s år %(year)s") % {
            "value": _number(figure.target[1]),
            "unit": figure.unit,
            "year": figure.target[0],
        }
    return _sentence(text) + "."


def _shown(item: GoalItem) -> list[ActivityItem]:
    """The activities a goal's section names: those reported on in the round first, at most
    ACTIVITIES_PER_GOAL, each with its comment."""
    ranked = sorted(item.activities, key=lambda a: not a.reported)
    return ranked[:ACTIVITIES_PER_GOAL]


def _state_of(node: Node, plan: Plan, round_: FollowUpRound | None) -> tuple[State, bool]:
    frozen = frozen_state(round_) if round_ is not None else None
    if frozen is None:
        return State(followup_state(node, plan, round_), node.pk), False
    ids = {n["id"] for n in frozen["nodes"]}
    if node.pk not in ids:
        same_code = [n["id"] for n in frozen["nodes"] if n["code"] == node.code]
        if not same_code:
            raise NotInSnapshot(
                _("%(node)s fanns inte när omgången %(round)s stängdes.")
                % {"node": node.name, "round": round_.name if round_ else ""}
            )
        return State(frozen, same_code[0]), True
    return State(frozen, node.pk), True


def _state_text(round_: FollowUpRound | None, frozen: bool, at: datetime.datetime) -> str:
    when = timezone.localtime(at).strftime("%Y-%m-%d %H:%M")
    if round_ is None:
        return _(
            "Nuläge (live): rapporten visar uppgifterna som de är %(when)s och följer ändringar."
        ) % {"when": when}
    if frozen:
        return _(
            "Omgången %(round)s är stängd. Rapporten visar uppgifterna som de frystes %(when)s."
        ) % {"round": round_.name, "when": when}
    if round_.is_open:
        return _(
            "Omgången %(round)s är öppen (live): rapporten visar uppgifterna som de är %(when)s."
        ) % {"round": round_.name, "when": when}
    return _(
        "Omgången %(round)s stängdes innan hela rapportunderlaget frystes; rapporten visar "
        "uppgifterna som de är %(when)s (live)."
    ) % {"round": round_.name, "when": when}


# As in the Jämtland Härjedalen document, when the round names no others.
DEFAULT_SIGNATORIES = [gettext_noop("Regiondirektör")]
DEFAULT_EXTRACT_TO = [gettext_noop("Miljöstrateg")]


def _lines(text: str, default: list[str]) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines or [_(line) for line in default]


def report_context(node: Node, plan: Plan, round_: FollowUpRound | None) -> dict[str, Any]:
    """Everything the report shows, computed from the follow-up state: the one frozen when the
    round closed, or the live one. The round's own texts (decision proposal, "I tjänsten",
    "Utdrag till") are the report's wording and stay editable."""
    state, frozen = _state_of(node, plan, round_)
    at = round_.closed_at if frozen and round_ and round_.closed_at else timezone.now()
    figs = figures(state)
    statuses = dict(GoalStatus.choices)
    activity_statuses = dict(ActivityStatus.choices)
    goals = []
    for item in goal_items(state):
        shown = _shown(item)
        goals.append(
            {
                "code": item.code,
                "title": item.title,
                "measured_centrally": item.kind == GoalKind.BUSINESS,
                "status_label": str(statuses.get(item.status, item.status)),
                "is_override": item.is_override,
                "override_reason": item.override_reason,
                "activities": [
                    {
                        "title": a.title,
                        "node_name": a.node_name,
                        "status_label": str(activity_statuses.get(a.status, a.status)).lower(),
                        "comment": a.comment,
                    }
                    for a in shown
                ],
                "activities_total": len(item.activities),
                "activities_more": len(item.activities) - len(shown),
                "goal_comments": [
                    {"node_name": name, "comment": comment}
                    for name, comment in item.goal_comments[:ACTIVITIES_PER_GOAL]
                ],
                "goal_comments_more": max(0, len(item.goal_comments) - ACTIVITIES_PER_GOAL),
                "indicators": [indicator_text(f) for f in item.indicators],
            }
        )
    proposal = (round_.decision_proposal if round_ else "") or _(
        "Uppföljningen av aktiviteterna kopplade till miljömål godkänns."
    )
    organisation_name = state.data["organisation"]["name"]
    return {
        "node": node,
        "plan": plan,
        "round": round_,
        "frozen": frozen,
        "organisation_name": organisation_name,
        "node_name": figs.node.name if figs.node.name != organisation_name else "",
        "plan_name": state.data["plan"]["name"],
        "decision_reference": state.data["plan"]["decision_reference"],
        "round_name": state.data["round"]["name"] if state.data["round"] else "",
        "state_text": _state_text(round_, frozen, at),
        "summary": summary(state, figs),
        "figures": figs,
        "sentences": coverage_sentences(figs, state.data["round"] and state.data["round"]["name"]),
        "goals": goals,
        "decision_proposal": proposal,
        "signatories": _lines(round_.signatories if round_ else "", DEFAULT_SIGNATORIES),
        "extract_to": _lines(round_.extract_to if round_ else "", DEFAULT_EXTRACT_TO),
        "generated_at": at,
    }


def more_comments_text(item: dict[str, Any]) -> str:
    return ngettext(
        "Ytterligare %(n)d kommentar om målet finns i omgångens rapporter.",
        "Ytterligare %(n)d kommentarer om målet finns i omgångens rapporter.",
        item["goal_comments_more"],
    ) % {"n": item["goal_comments_more"]}


def more_text(item: dict[str, Any]) -> str:
    return ngettext(
        "Ytterligare %(n)d aktivitet finns i aktivitetslistan (export till Excel).",
        "Ytterligare %(n)d aktiviteter finns i aktivitetslistan (export till Excel).",
        item["activities_more"],
    ) % {"n": item["activities_more"]}
