"""Writes of the energy feedback: subscribing to (and leaving) the monthly e-mail, the monthly
e-mails themselves (queued as a background job, once per subscription and month), and saving an
energy-efficiency measure (versioned, with history)."""

import datetime
import os
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.calc.energy_feedback import last_complete_month
from nettonoll.common import jobs
from nettonoll.common.records import save_versioned
from nettonoll.energy_feedback import selectors
from nettonoll.energy_feedback.models import EnergyMeasure, FeedbackSubscription
from nettonoll.energy_feedback.texts import change_text, kwh_text
from nettonoll.estate.energy import building_weights
from nettonoll.estate.models import EnergyReading
from nettonoll.organisations.models import Node
from nettonoll.plans.models import Activity

MONTHLY_MAIL = "energy_feedback.monthly_mail"  # job kind; the handler is in tasks.py
UNSUBSCRIBE_SALT = "nettonoll.energy_feedback.unsubscribe"


class MeasureError(ValueError):
    """A measure broke a rule; the message is for the user, `field` the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# -- subscriptions -----------------------------------------------------------------------------


def subscription_start(*, user: User, node: Node) -> FeedbackSubscription:
    """Opt in to the node's monthly e-mail (again: nothing changes)."""
    subscription, _created = FeedbackSubscription.objects.get_or_create(user=user, node=node)
    return subscription


def subscription_end(*, user: User, node: Node) -> bool:
    """Leave the node's monthly e-mail; False when the user did not subscribe."""
    subscription = FeedbackSubscription.objects.filter(user=user, node=node).first()
    if subscription is None:
        return False
    subscription.delete()
    return True


def unsubscribe_token(subscription: FeedbackSubscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def subscription_from_token(token: str) -> FeedbackSubscription | None:
    """The subscription an e-mail's link names (None: a broken link or one already left)."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return FeedbackSubscription.objects.filter(pk=pk).select_related("node__organisation").first()


def site_url(path: str) -> str:
    """An absolute address for an e-mail: `NETTONOLL_BASE_URL` (setting or environment)."""
    base = getattr(settings, "NETTONOLL_BASE_URL", "") or os.environ.get(
        "NETTONOLL_BASE_URL", "http://localhost:8000"
    )
    return base.rstrip("/") + path


def _has_readings(node: Node, month: datetime.date) -> bool:
    weights = building_weights(node)
    return EnergyReading.objects.filter(building_id__in=list(weights), month=month).exists()


def mail_of(
    subscription: FeedbackSubscription, feedback: selectors.Feedback
) -> tuple[str, str, str]:
    """The e-mail for one subscription: (subject, plain text, address), in Swedish."""
    node = subscription.node
    latest = feedback.months[-1]
    with translation.override("sv"):
        month = selectors.month_name(latest)
        lines = []
        for carrier in feedback.carriers:
            row = carrier.rows[-1]
            if row.normalised_kwh is None:
                figure = _("inget värde (%(reason)s)") % {"reason": feedback.reason(row)}
            elif row.last_year_kwh is None:
                figure = _("%(kwh)s, inget värde samma månad förra året") % {
                    "kwh": kwh_text(row.normalised_kwh)
                }
            else:
                figure = _("%(kwh)s (förra året %(before)s, %(change)s)") % {
                    "kwh": kwh_text(row.normalised_kwh),
                    "before": kwh_text(row.last_year_kwh),
                    "change": change_text(row.change_kwh, row.change_pct),
                }
            lines.append(f"{carrier.label}: {figure}")
        total = feedback.total
        year_line = ""
        if total is not None and total.this_year_kwh is not None:
            year_line = _(
                "Under %(period)s: %(kwh)s (samma månader året innan %(before)s, %(change)s)."
            ) % {
                "period": total.period_label,
                "kwh": kwh_text(total.this_year_kwh),
                "before": kwh_text(total.last_year_kwh),
                "change": change_text(
                    total.this_year_kwh - (total.last_year_kwh or 0.0), total.change_pct
                ),
            }
            year_line = year_line[0].upper() + year_line[1:] + "\n\n"
        page = site_url(
            reverse("energy_feedback:feedback", args=[node.organisation.code, node.code])
        )
        leave = site_url(
            reverse(
                "energy_feedback:unsubscribe",
                args=[node.organisation.code, unsubscribe_token(subscription)],
            )
        )
        subject = _("Energiåterkoppling för %(node)s, %(month)s") % {
            "node": node.name,
            "month": month,
        }
        body = (
            _("Hej %(name)s!") % {"name": subscription.user.get_full_name() or subscription.user}
            + "\n\n"
            + _(
                "Så här mycket energi använde %(node)s i %(month)s, normalårskorrigerad (enhetens "
                "andel av byggnaderna), jämfört med samma månad förra året:"
            )
            % {"node": node.name, "month": month}
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + year_line
            + _("Hela återkopplingen månad för månad: %(url)s") % {"url": page}
            + "\n\n-- \n"
            + _(
                "Du får det här brevet en gång i månaden för att du prenumererar på "
                "energiåterkopplingen för %(node)s. Avsluta prenumerationen: %(url)s"
            )
            % {"node": node.name, "url": leave}
            + "\n"
        )
    return subject, body, subscription.user.email


def feedback_mails_due(today: datetime.date | None = None) -> list[FeedbackSubscription]:
    """Send the monthly e-mails that are due: for each subscription not yet sent the latest
    complete month, whose user still may see the node and has an address, when that month has
    a normalised value. The month is written on the subscription in the same transaction as the
    job (a conditional update), so running again, or a second worker, sends nothing twice."""
    today = today or timezone.localdate()
    month = last_complete_month(today)
    due = (
        FeedbackSubscription.objects.filter(
            Q(last_sent_month__isnull=True) | Q(last_sent_month__lt=month)
        )
        .select_related("user", "node__organisation")
        .order_by("node_id", "pk")
    )
    sent: list[FeedbackSubscription] = []
    feedbacks: dict[int, selectors.Feedback | None] = {}
    for subscription in due:
        user, node = subscription.user, subscription.node
        if not user.email or not selectors.may_view(user, node):
            continue
        if node.pk not in feedbacks:
            feedbacks[node.pk] = (
                selectors.node_feedback(node, today) if _has_readings(node, month) else None
            )
        feedback = feedbacks[node.pk]
        latest = feedback.latest() if feedback is not None else None
        if feedback is None or latest is None or latest.normalised_kwh is None:
            continue
        subject, body, address = mail_of(subscription, feedback)
        with transaction.atomic():
            claimed = (
                FeedbackSubscription.objects.filter(pk=subscription.pk)
                .filter(Q(last_sent_month__isnull=True) | Q(last_sent_month__lt=month))
                .update(last_sent_month=month)
            )
            if not claimed:  # sent meanwhile by another worker
                continue
            jobs.job_queue(
                kind=MONTHLY_MAIL,
                title=subject[:255],
                subject=node,
                params={"messages": [[subject, body, None, [address]]]},
            )
        subscription.last_sent_month = month
        sent.append(subscription)
    return sent


# -- measures ----------------------------------------------------------------------------------

MEASURE_FIELDS = (
    "building",
    "activity",
    "title",
    "carrier",
    "expected_saving_kwh_per_year",
    "implemented_on",
    "note",
)


def _checked(measure: EnergyMeasure) -> None:
    building = measure.building
    activity: Activity | None = measure.activity
    if activity is not None and activity.node.organisation_id != building.organisation_id:
        raise MeasureError(_("Aktiviteten hör till en annan organisation."), "activity")
    if measure.implemented_on is not None and measure.implemented_on > datetime.date.today():
        raise MeasureError(
            _("Datumet ligger i framtiden; lämna det tomt tills åtgärden är genomförd."),
            "implemented_on",
        )
    try:
        measure.full_clean()
    except ValidationError as error:
        raise MeasureError("; ".join(error.messages)) from error


@transaction.atomic
def measure_save(
    *, measure: EnergyMeasure, expected_version: int | None, by: User | None = None
) -> EnergyMeasure:
    """Save a new measure, or a changed one made from a form at `expected_version`
    (`StaleEdit` when someone saved in between)."""
    _checked(measure)
    save_versioned(measure, expected_version=expected_version, by=by)
    return measure


def measure_values(measure: EnergyMeasure) -> dict[str, Any]:
    return {name: getattr(measure, name) for name in MEASURE_FIELDS}
