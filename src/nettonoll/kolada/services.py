"""Writes for Kolada: choose a KPI for a municipality or region, fetch (network first, then one
transaction: a failed fetch stores nothing but its failure), record definition changes, and feed
the total (gender T) into the indicator through the indicators' own service."""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common import jobs
from nettonoll.common.models import Job
from nettonoll.indicators.models import Direction, Indicator, IndicatorValue
from nettonoll.indicators.services import indicator_define, indicator_value_enter
from nettonoll.kolada import client
from nettonoll.kolada.models import TRACKED_FIELDS, FetchState, Kpi, KpiChange, Selection, Value
from nettonoll.organisations.models import Node, Organisation

FETCH = "kolada.fetch"
KPI_ID = re.compile(r"^[A-Z][0-9]{5}$")  # N00401, U00501 [verify: every id has this form]
MUNICIPALITY_ID = re.compile(r"^[0-9]{4}$")  # 1780 Karlstad, 0017 Region Värmland, 0000 riket
SOURCE = "Källa: Kolada"  # Kolada's terms of use ask for exactly this attribution
RETRY_FAILED_AFTER = timedelta(hours=1)
THOUSANDTH = Decimal("0.001")  # IndicatorValue keeps three decimals


class KoladaRuleError(ValueError):
    """A rule of the Kolada selections was broken; the message is for the user."""


@dataclass
class FetchReport:
    """What a fetch changed, line by line (Swedish), and whether anything changed at all."""

    lines: list[str] = field(default_factory=list)
    changed: bool = False


def _kpi_fields(raw: dict[str, Any]) -> dict[str, str]:
    def text(key: str) -> str:
        value = raw.get(key)
        return "" if value is None else str(value).strip()

    return {
        "title": text("title")[:500],
        "description": text("description"),
        "operating_area": text("operating_area")[:500],
        "unit": text("unit")[:100],  # [verify] not every KPI carries a unit
        "municipality_type": text("municipality_type")[:20],
        "is_divided_by_gender": text("is_divided_by_gender")[:10],
        "publication_date": text("publication_date")[:40],
    }


@transaction.atomic
def selection_add(
    *,
    organisation: Organisation,
    kpi_id: str,
    municipality_id: str,
    indicator_name: str = "",
    by: User | None = None,
) -> Selection:
    """Follow a KPI for a municipality or region. Works without reaching Kolada: the KPI's
    definition and values come with the next fetch. `indicator_name` names an existing indicator
    to feed, or the one the first fetch creates."""
    kpi_id, municipality_id = kpi_id.strip().upper(), municipality_id.strip()
    indicator_name = indicator_name.strip()
    if not KPI_ID.match(kpi_id):
        raise KoladaRuleError(
            _("Ett nyckeltal i Kolada skrivs som en bokstav och fem siffror, t.ex. N00401.")
        )
    if not MUNICIPALITY_ID.match(municipality_id):
        raise KoladaRuleError(
            _(
                "Kommuner och regioner har fyrsiffriga id i Kolada, t.ex. 1780 för Karlstad "
                "och 0017 för Region Värmland."
            )
        )
    kpi, _created = Kpi.objects.get_or_create(kpi_id=kpi_id, defaults={"title": kpi_id})
    if Selection.objects.filter(
        organisation=organisation, kpi=kpi, municipality_id=municipality_id
    ).exists():
        raise KoladaRuleError(
            _("%(kpi)s för %(municipality)s är redan valt.")
            % {"kpi": kpi_id, "municipality": municipality_id}
        )
    indicator = None
    if indicator_name:
        indicator = Indicator.objects.filter(organisation=organisation, name=indicator_name).first()
        if indicator is not None and indicator.metric_key:
            raise KoladaRuleError(
                _("Indikatorn %(name)s får redan sina värden från en annan källa.")
                % {"name": indicator_name}
            )
    selection = Selection(
        organisation=organisation,
        kpi=kpi,
        municipality_id=municipality_id,
        indicator=indicator,
        indicator_name=indicator_name[:200],
        created_by=by,
    )
    selection._change_reason = "kolada"  # type: ignore[attr-defined]
    selection.save()
    return selection


def _kpi_refresh(kpi: Kpi, raw: dict[str, Any], now: Any, report: FetchReport) -> None:
    """Keep the definition as fetched; a field that differs from the last fetch is recorded as
    a change (the first fetch records none)."""
    fields = _kpi_fields(raw)
    if kpi.fetched_at is not None:
        for name, new in fields.items():
            old = getattr(kpi, name)
            if old != new:
                KpiChange.objects.create(kpi=kpi, field=name, old=old, new=new, found_at=now)
                report.changed = True
                report.lines.append(
                    _("%(kpi)s: definitionen ändrad, %(field)s: ”%(old)s” → ”%(new)s”")
                    % {
                        "kpi": kpi.kpi_id,
                        "field": TRACKED_FIELDS[name],
                        "old": old[:120],
                        "new": new[:120],
                    }
                )
    for name, new in fields.items():
        setattr(kpi, name, new)
    kpi.raw, kpi.fetched_at = raw, now
    kpi.save()


def _values_store(selection: Selection, fetched: list[client.KoladaValue]) -> tuple[int, int, int]:
    """Kolada's values for the selection as sent: (new, changed, removed)."""
    held = {(v.year, v.gender): v for v in selection.values.all()}
    new = changed = 0
    for item in fetched:
        value = held.pop((item.year, item.gender), None)
        if value is None:
            Value.objects.create(
                selection=selection,
                year=item.year,
                gender=item.gender,
                value=item.value,
                status=item.status,
            )
            new += 1
        elif value.value != item.value or value.status != item.status:
            value.value, value.status = item.value, item.status
            value.save(update_fields=["value", "status"])
            changed += 1
    for stale in held.values():
        stale.delete()
    return new, changed, len(held)


def _unit_of(kpi: Kpi) -> str:
    """The indicator's unit: Kolada's if it sends one, else the last parenthesis or comma part of
    the title when it looks like a unit (“…, andel (%)”, “…, ton CO2e/inv”), else “värde”."""
    if kpi.unit:
        return kpi.unit[:40]
    match = re.search(r"\(([^()]{1,40})\)\s*$", kpi.title)
    if match:
        return match.group(1)
    tail = kpi.title.rsplit(",", 1)[-1].strip() if "," in kpi.title else ""
    if tail and len(tail) <= 40 and ("/" in tail or tail in {"%", "kr", "st", "antal"}):
        return tail
    return _("värde")


def _totals(fetched: list[client.KoladaValue]) -> dict[int, Decimal]:
    return {
        v.year: v.value.quantize(THOUSANDTH)
        for v in fetched
        if v.gender == "T" and v.value is not None and abs(v.value) < Decimal("1e12")
    }


def _indicator_for(
    selection: Selection, totals: dict[int, Decimal], direction: str
) -> Indicator | None:
    if selection.indicator is not None:
        return selection.indicator
    kpi = selection.kpi
    name = (selection.indicator_name or f"{kpi.kpi_id} {kpi.title}")[:200]
    indicator = Indicator.objects.filter(organisation=selection.organisation, name=name).first()
    if indicator is None:
        if not totals:
            return None
        first_year = min(totals)
        description = f"{kpi.description}\n\n{SOURCE} ({kpi.kpi_id}, {selection.municipality_id})."
        indicator = indicator_define(
            organisation=selection.organisation,
            name=name,
            unit=_unit_of(kpi),
            direction=direction,
            baseline_year=first_year,
            baseline_value=totals[first_year],
            description=description.strip(),
        )
    Selection.objects.filter(pk=selection.pk).update(indicator=indicator)
    selection.indicator = indicator
    return indicator


def _indicator_feed(selection: Selection, totals: dict[int, Decimal], node: Node) -> int:
    """The totals into the indicator's values for the organisation's root unit; only a value
    that differs is written (so the indicator's history shows real changes only)."""
    indicator = selection.indicator
    assert indicator is not None
    comment = f"{SOURCE}, {selection.kpi.kpi_id} {selection.kpi.title}"[:300]
    held = {v.year: v for v in IndicatorValue.objects.filter(indicator=indicator, node=node)}
    written = 0
    for year, value in sorted(totals.items()):
        current = held.get(year)
        if current is not None and current.value == value and current.comment == comment:
            continue
        indicator_value_enter(
            indicator=indicator, node=node, year=year, value=value, comment=comment
        )
        written += 1
    return written


def kolada_fetch(
    *,
    organisation: Organisation,
    direction: str = Direction.DECREASE,
) -> FetchReport:
    """Fetch every KPI the organisation follows. Kolada is read completely first; if it cannot
    be read (or answers wrongly) the failure is noted on the selections, nothing else is stored,
    and `client.KoladaError` is raised with a Swedish message."""
    selections = list(
        Selection.objects.filter(organisation=organisation).select_related("kpi", "indicator")
    )
    if not selections:
        report = FetchReport()
        report.lines.append(_("%(org)s följer inga nyckeltal i Kolada.") % {"org": organisation})
        return report
    now = timezone.now()
    try:
        raws = {s.kpi.kpi_id: client.kpi_get(s.kpi.kpi_id) for s in selections}
        names = {s.municipality_id: client.municipality_name(s.municipality_id) for s in selections}
        fetched = {s.pk: client.values_get(s.kpi.kpi_id, s.municipality_id) for s in selections}
    except client.KoladaError as error:
        Selection.objects.filter(pk__in=[s.pk for s in selections]).update(
            fetch_state=FetchState.FAILED, attempted_at=now, fetch_message=str(error)[:500]
        )
        raise
    return kolada_store(
        organisation=organisation,
        selections=selections,
        raws=raws,
        fetched=fetched,
        names=names,
        direction=direction,
        now=now,
    )


@transaction.atomic
def kolada_store(
    *,
    organisation: Organisation,
    selections: list[Selection],
    raws: dict[str, dict[str, Any]],
    fetched: dict[int, list[client.KoladaValue]],
    names: dict[str, str],
    direction: str = Direction.DECREASE,
    now: Any = None,
) -> FetchReport:
    """Store what was read from Kolada in one transaction: the KPIs' definitions (changes
    recorded), the values, and the totals in the indicators. `raws` by KPI id, `fetched` by
    selection id, `names` by municipality id. The demo calls it with made-up answers."""
    now = now or timezone.now()
    report = FetchReport()
    root = Node.objects.get_root_nodes().filter(organisation=organisation).first()
    if root is None:
        raise client.KoladaError(_("Organisationen har inget organisationsträd ännu."))
    for kpi in {s.kpi.kpi_id: s.kpi for s in selections}.values():
        _kpi_refresh(kpi, raws[kpi.kpi_id], now, report)
    for selection in selections:
        values, name = fetched[selection.pk], names[selection.municipality_id]
        _selection_store(selection, values, name, direction, root, now, report)
    if not report.changed:
        report.lines.append(_("Inget har ändrats sedan förra hämtningen."))
    return report


def _selection_store(
    selection: Selection,
    fetched: list[client.KoladaValue],
    name: str,
    direction: str,
    root: Node,
    now: Any,
    report: FetchReport,
) -> None:
    label = f"{selection.kpi.kpi_id} {selection.municipality_id}"
    new, changed, removed = _values_store(selection, fetched)
    if new or changed or removed:
        report.changed = True
        report.lines.append(
            _("%(what)s: %(new)s nya värden, %(changed)s ändrade, %(removed)s borttagna")
            % {"what": label, "new": new, "changed": changed, "removed": removed}
        )
    totals = _totals(fetched)
    had_indicator = selection.indicator is not None
    indicator = _indicator_for(selection, totals, direction)
    if indicator is None:
        report.lines.append(
            _("%(what)s: Kolada har inga totalvärden (T) ännu; ingen indikator.") % {"what": label}
        )
    else:
        if not had_indicator:
            report.changed = True
            report.lines.append(
                _("%(what)s: matar indikatorn %(name)s") % {"what": label, "name": indicator.name}
            )
        written = _indicator_feed(selection, totals, root)
        if written and (had_indicator or not new):
            report.changed = True
            report.lines.append(
                _("%(what)s: %(count)s värden i indikatorn %(name)s uppdaterade")
                % {"what": label, "count": written, "name": indicator.name}
            )
    Selection.objects.filter(pk=selection.pk).update(
        fetch_state=FetchState.OK,
        fetched_at=now,
        attempted_at=now,
        fetch_message="",
        municipality_name=name[:200],
    )


def kolada_fetch_queue(*, organisation: Organisation, by: User | None = None) -> Job:
    """Fetch in the background (the page's “Hämta nu” and the periodic check)."""
    running = jobs.jobs_of(organisation).filter(kind=FETCH, status__in=[Job.QUEUED, Job.RUNNING])
    existing = running.first()
    if existing is not None:
        return existing
    return jobs.job_queue(
        kind=FETCH,
        title=_("Hämtning från Kolada"),
        subject=organisation,
        by=by,
    )


def kolada_fetch_due(now: Any = None) -> list[Organisation]:
    """Queue a fetch for each organisation whose selections are due: never tried, fetched more
    than NETTONOLL_KOLADA_FETCH_DAYS ago, or failed more than an hour ago."""
    now = now or timezone.now()
    fetched_before = now - timedelta(days=settings.NETTONOLL_KOLADA_FETCH_DAYS)
    due = Selection.objects.filter(attempted_at__isnull=True) | Selection.objects.filter(
        fetch_state=FetchState.OK, attempted_at__lt=fetched_before
    )
    due |= Selection.objects.exclude(fetch_state=FetchState.OK).filter(
        attempted_at__lt=now - RETRY_FAILED_AFTER
    )
    organisations = list(Organisation.objects.filter(kolada_selections__in=due).distinct())
    for organisation in organisations:
        kolada_fetch_queue(organisation=organisation)
    return organisations
