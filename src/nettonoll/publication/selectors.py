"""What is published, read once per page: `published_of(organisation)` answers every question a
public page, an open-data download or a test asks about one organisation."""

from dataclasses import dataclass, field

from nettonoll.emissions.years import year_totals
from nettonoll.indicators.models import IndicatorValue
from nettonoll.organisations.models import Node, Organisation
from nettonoll.plans.models import Plan
from nettonoll.publication.models import Publication, PublishedWhat


@dataclass
class Published:
    organisation: Organisation
    rows: list[Publication] = field(default_factory=list)

    def _matching(
        self, what: str, *, plan_id: int | None = None, indicator_id: int | None = None
    ) -> list[Publication]:
        return [
            r
            for r in self.rows
            if r.what == what
            and (r.plan_id is None or r.plan_id == plan_id)
            and (r.indicator_id is None or r.indicator_id == indicator_id)
        ]

    def covers(
        self,
        what: str,
        year: int | None = None,
        *,
        plan_id: int | None = None,
        indicator_id: int | None = None,
    ) -> bool:
        """Whether the thing is published for `year` (None: for some year at least)."""
        rows = self._matching(what, plan_id=plan_id, indicator_id=indicator_id)
        if year is None:
            return bool(rows)
        return any(r.year is None or r.year == year for r in rows)

    def years(
        self,
        what: str,
        available: set[int],
        *,
        plan_id: int | None = None,
        indicator_id: int | None = None,
    ) -> list[int]:
        """The years of `available` that are published, in order."""
        return sorted(
            y for y in available if self.covers(what, y, plan_id=plan_id, indicator_id=indicator_id)
        )

    @property
    def anything(self) -> bool:
        return bool(self.rows)


def published_of(organisation: Organisation) -> Published:
    return Published(organisation, list(Publication.objects.filter(organisation=organisation)))


def years_available(organisation: Organisation, what: str) -> set[int]:
    """The years the organisation has content of that kind for (to split 'every year')."""
    if what in (PublishedWhat.KLIMATBOKSLUT, PublishedWhat.BUDGET):
        root = Node.objects.get_root_nodes().filter(organisation=organisation).first()
        return set(year_totals(root).all_years) if root is not None else set()
    if what == PublishedWhat.INDICATORS:
        return set(
            IndicatorValue.objects.filter(indicator__organisation=organisation)
            .values_list("year", flat=True)
            .distinct()
        )
    years: set[int] = set()
    for start, end in Plan.objects.filter(organisation=organisation).values_list(
        "period_start_year", "period_end_year"
    ):
        years.update(range(start, end + 1))
    return years
