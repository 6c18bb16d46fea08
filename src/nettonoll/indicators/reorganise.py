"""How indicator values follow a reorganisation (registered in `IndicatorsConfig.ready`)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nettonoll.common.records import save_versioned
from nettonoll.indicators.models import IndicatorValue
from nettonoll.organisations.reorganise import Move, add, carrier_register

SHARES = {"%", "procent", "andel"}  # units whose values of two units do not add up


def _values_carry(move: Move) -> dict[int, int]:
    """A value follows its node. When the new node has a value of the same indicator and year
    (two merged units), amounts add up; a share (%) cannot be added without the weights, so the
    old node keeps it and the summary says so."""
    moved: dict[int, int] = {}
    for value in IndicatorValue.objects.filter(node=move.old).select_related("indicator"):
        target = move.target(value.pk)
        there = IndicatorValue.objects.filter(
            indicator=value.indicator, node=target, year=value.year
        ).first()
        if there is None:
            value.node = target
            save_versioned(value, expected_version=None, by=move.by)
        elif value.indicator.unit.strip().lower() in SHARES:
            move.kept.append(
                _(
                    "%(indicator)s %(year)d för %(old)s finns kvar där: %(new)s har redan ett "
                    "värde, och andelar kan inte läggas ihop."
                )
                % {
                    "indicator": value.indicator.name,
                    "year": value.year,
                    "old": move.old.name,
                    "new": target.name,
                }
            )
            continue
        else:
            there.value += value.value
            comments = [c for c in (there.comment, value.comment) if c]
            there.comment = "; ".join(comments)[:300]
            save_versioned(there, expected_version=None, by=move.by)
            value.delete()
        add(moved, target)
    return moved


def register() -> None:
    carrier_register(
        "indicator_values",
        lambda n: ngettext("%(n)d indikatorvärde", "%(n)d indikatorvärden", n) % {"n": n},
        lambda node: IndicatorValue.objects.filter(node=node).count(),
        _values_carry,
        items=lambda node: [
            (str(v.pk), f"{v.indicator.name} {v.year}: {v.value} {v.indicator.unit}")
            for v in IndicatorValue.objects.filter(node=node)
            .select_related("indicator")
            .order_by("indicator__name", "year")
        ],
        order=50,
    )
