"""Open data: the tables an organisation has published, as rows in typed columns (decision 0017).

Each table is declared once (`TABLES`): its columns with a type, a description and a unit, and
the function that reads its rows from the same selectors as the pages (the klimatbokslut from
the emissions results and `year_totals`, the budget from `budget_page`, the indicators from
`indicator_status`, the goals from `goal_reports`), so a download equals what a page shows.
Only what `published_of(organisation)` covers reaches a row: a table of a kind that is not
published at all is absent (the views answer 404), and a table published for some years has
rows of those years only. Files (CSV, Parquet, datapackage.json) are written in
`opendata_files`."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nettonoll.budgets.selectors.organisation import budget_page, carbon_budget_of
from nettonoll.common.templatetags.categories import category_label, scope3_label
from nettonoll.emissions.models import InventoryResult
from nettonoll.emissions.selectors import reported_totals_of, significant
from nettonoll.emissions.years import year_totals
from nettonoll.indicators.selectors import indicator_status, indicators_of
from nettonoll.organisations.models import Node, Organisation
from nettonoll.organisations.selectors import organisation_root
from nettonoll.plans.models import GoalStatus
from nettonoll.plans.selectors import goal_reports, plans_of
from nettonoll.publication.models import PublishedWhat
from nettonoll.publication.opendata_county import county_rows, has_county
from nettonoll.publication.pages import kolada_source
from nettonoll.publication.selectors import Published, published_of

T_CO2E = "t CO2e"
PUBLIC_FOR_ALL = ""  # a table of public figures: no publication needed
INTEGER, NUMBER, STRING, BOOLEAN = "integer", "number", "string", "boolean"

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Column:
    name: str  # English snake_case, the unit in the name where there is one (`t_co2e`)
    type: str  # a Frictionless Table Schema type: integer, number, string, boolean
    description: Promise | str  # Swedish, through gettext
    unit: str = ""  # "t CO2e"; "" for a year, a text or a value whose unit is in a column


@dataclass(frozen=True)
class TableDef:
    name: str  # the file name: klimatbokslut.csv, klimatbokslut.parquet
    title: Promise | str
    description: Promise | str
    what: str  # the PublishedWhat that makes it public; PUBLIC_FOR_ALL: public figures
    columns: tuple[Column, ...]
    rows: Callable[[Organisation, Published], list[Row]]

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass(frozen=True)
class OpenTable:
    definition: TableDef
    rows: list[Row]

    @property
    def name(self) -> str:
        return self.definition.name


def _is_published(published: Published, what: str) -> bool:
    """Anything of the kind published, for any year, plan or indicator; the county's public
    figures whenever the organisation has a known county."""
    if what == PUBLIC_FOR_ALL:
        return has_county(published.organisation)
    return any(r.what == what for r in published.rows)


def _root(organisation: Organisation) -> Node | None:
    return organisation_root(organisation)


# --- klimatbokslut -------------------------------------------------------------------------


def klimatbokslut_rows(organisation: Organisation, published: Published) -> list[Row]:
    """The whole organisation's t CO2e per published year, scope, scope-3 category and category:
    computed results summed over every unit, and for years without them the reported totals.
    Each year's rows add up to the year's total on the klimatbokslut page."""
    root = _root(organisation)
    if root is None:
        return []
    totals = year_totals(root)
    years = published.years(PublishedWhat.KLIMATBOKSLUT, set(totals.all_years))
    computed = (
        InventoryResult.objects.filter(organisation=organisation, year__in=years)
        .values_list("year", "scope", "scope3_category", "category")
        .annotate(t=Sum("emissions_t_co2e"))
        .order_by("year", "scope", "scope3_category", "category")
    )
    computed_basis, reported_basis = _("beräknat"), _("redovisad summa")
    rows: list[Row] = [
        (
            year,
            scope,
            scope3 if scope == 3 else None,
            scope3_label(scope3) if scope == 3 else "",
            category,
            category_label(category),
            significant(float(t)),
            year in totals.preliminary,
            computed_basis,
        )
        for year, scope, scope3, category, t in computed
        if year not in totals.reported
    ]
    reported = (
        reported_totals_of(organisation)
        .filter(year__in=[y for y in years if y in totals.reported])
        .values_list("year", "scope", "category")
        .annotate(t=Sum("t_co2e"))
        .order_by("year", "scope", "category")
    )
    rows += [
        (
            year,
            scope,
            None,
            "",
            category,
            category_label(category) if category else _("alla kategorier"),
            significant(float(t)),
            False,
            reported_basis,
        )
        for year, scope, category, t in reported
    ]
    return sorted(rows, key=lambda r: (r[0], r[1], r[2] or 0, r[4]))


KLIMATBOKSLUT = TableDef(
    name="klimatbokslut",
    title=gettext_lazy("Klimatbokslut"),
    description=gettext_lazy(
        "Hela organisationens utsläpp av växthusgaser per år, scope och kategori, i ton "
        "koldioxidekvivalenter. Bara publicerade år."
    ),
    what=PublishedWhat.KLIMATBOKSLUT,
    columns=(
        Column("year", INTEGER, gettext_lazy("År")),
        Column("scope", INTEGER, gettext_lazy("Scope enligt GHG-protokollet (1, 2 eller 3)")),
        Column(
            "scope3_category",
            INTEGER,
            gettext_lazy(
                "Kategorins nummer i scope 3 (1–15) enligt GHG-protokollet; tomt utanför scope 3"
            ),
        ),
        Column("scope3_category_label", STRING, gettext_lazy("Scope 3-kategorins namn")),
        Column("category_code", STRING, gettext_lazy("Utsläppskategorins kod")),
        Column("category_label", STRING, gettext_lazy("Utsläppskategorins namn")),
        Column(
            "t_co2e", NUMBER, gettext_lazy("Utsläpp i ton koldioxidekvivalenter (t CO2e)"), T_CO2E
        ),
        Column(
            "is_preliminary",
            BOOLEAN,
            gettext_lazy("Sant om året är preliminärt (data för en del av året)"),
        ),
        Column(
            "basis",
            STRING,
            gettext_lazy("Beräknat från verksamhetsdata, eller en redovisad summa"),
        ),
    ),
    rows=klimatbokslut_rows,
)


# --- carbon budget -------------------------------------------------------------------------


def budget_rows(organisation: Organisation, published: Published) -> list[Row]:
    """The carbon budget page's series per published year: the pathway, the actual emissions
    (complete years; preliminary ones apart) and the trend ahead, in t CO2e."""
    assessment = budget_page(organisation, carbon_budget_of(organisation)).assessment
    if assessment is None:
        return []
    series = (assessment.path_t, assessment.actual_t, assessment.preliminary_t, assessment.trend_t)
    years = sorted(set().union(*series))
    return [
        (year, *(_rounded(s.get(year)) for s in series))
        for year in years
        if published.covers(PublishedWhat.BUDGET, year)
    ]


def _rounded(value: float | None) -> float | None:
    return None if value is None else significant(value)


BUDGET = TableDef(
    name="budget",
    title=gettext_lazy("Koldioxidbudget"),
    description=gettext_lazy(
        "Koldioxidbudgetens utsläppsbana, faktiska utsläpp och trend per år, i ton "
        "koldioxidekvivalenter."
    ),
    what=PublishedWhat.BUDGET,
    columns=(
        Column("year", INTEGER, gettext_lazy("År")),
        Column(
            "pathway_t",
            NUMBER,
            gettext_lazy("Budgetbanan: utsläpp som ryms i budgeten (t CO2e)"),
            T_CO2E,
        ),
        Column(
            "actual_t", NUMBER, gettext_lazy("Faktiska utsläpp, fullständiga år (t CO2e)"), T_CO2E
        ),
        Column(
            "preliminary_t",
            NUMBER,
            gettext_lazy(
                "Preliminära utsläpp för ett ofullständigt år (t CO2e); ingår inte i trenden"
            ),
            T_CO2E,
        ),
        Column(
            "trend_t",
            NUMBER,
            gettext_lazy("Trenden framåt från de faktiska utsläppen (t CO2e)"),
            T_CO2E,
        ),
    ),
    rows=budget_rows,
)


# --- indicators ----------------------------------------------------------------------------


def indicator_rows(organisation: Organisation, published: Published) -> list[Row]:
    """Each published indicator's values for the whole organisation, with its base value, its
    last target, the target path's value that year and whether the value is on track."""
    root = _root(organisation)
    if root is None:
        return []
    rows: list[Row] = []
    for indicator in indicators_of(organisation):
        status = indicator_status(indicator, root)
        targets = sorted((t.year, float(t.value)) for t in indicator.targets.all())
        target_year, target_value = targets[-1] if targets else (None, None)
        metric = indicator.metric
        source = (
            str(metric.label)
            if metric is not None
            else (kolada_source(indicator) or _("inmatat värde"))
        )
        for value in status.values:
            year = value.value.year
            if not published.covers(PublishedWhat.INDICATORS, year, indicator_id=indicator.pk):
                continue
            rows.append(
                (
                    indicator.name,
                    indicator.unit,
                    str(indicator.get_direction_display()),
                    year,
                    value.value.value,
                    status.baseline.year,
                    status.baseline.value,
                    target_year,
                    target_value,
                    None if value.path is None else significant(float(value.path)),
                    _on_track_label(value.on_track),
                    source,
                    value.value.comment,
                )
            )
    return rows


def _on_track_label(on_track: bool | None) -> str:
    if on_track is None:
        return _("ej bedömt")
    return _("i fas") if on_track else _("ej i fas")


INDICATORS = TableDef(
    name="indikatorer",
    title=gettext_lazy("Indikatorer"),
    description=gettext_lazy(
        "Publicerade indikatorers värden per år för hela organisationen, med basvärde, målvärde "
        "och om värdet ligger i fas med målbanan. Enheten står i kolumnen unit."
    ),
    what=PublishedWhat.INDICATORS,
    columns=(
        Column("indicator", STRING, gettext_lazy("Indikatorns namn")),
        Column(
            "unit",
            STRING,
            gettext_lazy("Enheten för value, baseline_value, target_value och target_path_value"),
        ),
        Column("direction", STRING, gettext_lazy("Åt vilket håll indikatorn ska gå")),
        Column("year", INTEGER, gettext_lazy("Värdets år")),
        Column("value", NUMBER, gettext_lazy("Värdet, i enheten i kolumnen unit")),
        Column("baseline_year", INTEGER, gettext_lazy("Basår")),
        Column("baseline_value", NUMBER, gettext_lazy("Basvärde, i enheten i kolumnen unit")),
        Column("target_year", INTEGER, gettext_lazy("Året för det sista målvärdet")),
        Column(
            "target_value", NUMBER, gettext_lazy("Det sista målvärdet, i enheten i kolumnen unit")
        ),
        Column(
            "target_path_value",
            NUMBER,
            gettext_lazy("Målbanans värde det året (rak linje från basvärdet genom målvärdena)"),
        ),
        Column("on_track", STRING, gettext_lazy("I fas, ej i fas eller ej bedömt")),
        Column("source", STRING, gettext_lazy("Varifrån värdena kommer")),
        Column("comment", STRING, gettext_lazy("Kommentar till värdet")),
    ),
    rows=indicator_rows,
)


# --- goals ---------------------------------------------------------------------------------


def goal_rows(organisation: Organisation, published: Published) -> list[Row]:
    """The goals of every published plan with their status for the whole organisation, as the
    follow-up shows it (rolled up from activities and indicators, or set by hand)."""
    root = _root(organisation)
    if root is None:
        return []
    rows: list[Row] = []
    for plan in plans_of(organisation).order_by("name"):
        if not published.covers(PublishedWhat.PLAN, plan_id=plan.pk):
            continue
        for report in goal_reports(root, plan):
            goal = report.goal
            rows.append(
                (
                    plan.name,
                    plan.period_start_year,
                    plan.period_end_year,
                    goal.code,
                    goal.title,
                    goal.parent.code if goal.parent_id else "",  # type: ignore[union-attr]
                    goal.deadline.isoformat() if goal.deadline else "",
                    report.status,
                    str(GoalStatus(report.status).label),
                    report.is_override,
                )
            )
    return rows


GOALS = TableDef(
    name="mal",
    title=gettext_lazy("Mål"),
    description=gettext_lazy(
        "Målen i publicerade planer med deras status för hela organisationen."
    ),
    what=PublishedWhat.PLAN,
    columns=(
        Column("plan", STRING, gettext_lazy("Planens namn")),
        Column("plan_start_year", INTEGER, gettext_lazy("Planperiodens första år")),
        Column("plan_end_year", INTEGER, gettext_lazy("Planperiodens sista år")),
        Column("goal_code", STRING, gettext_lazy("Målets beteckning i planen")),
        Column("goal", STRING, gettext_lazy("Målet")),
        Column("parent_goal_code", STRING, gettext_lazy("Beteckningen på målet det hör till")),
        Column(
            "deadline_date",
            STRING,
            gettext_lazy("Datum då målet senast ska vara nått (ÅÅÅÅ-MM-DD)"),
        ),
        Column(
            "status_code",
            STRING,
            gettext_lazy("Statusens kod (not_assessed, on_track, at_risk, off_track, achieved)"),
        ),
        Column("status", STRING, gettext_lazy("Status i ord")),
        Column(
            "status_set_by_hand",
            BOOLEAN,
            gettext_lazy("Sant om statusen är satt för hand med en motivering"),
        ),
    ),
    rows=goal_rows,
)

# --- the county's municipalities (public data, for everyone) -------------------------------

COUNTY = TableDef(
    name="kommuner",
    title=gettext_lazy("Länets kommuner: territoriella utsläpp"),
    description=gettext_lazy(
        "Utsläpp av växthusgaser inom varje kommun i länet per år och huvudsektor, i ton "
        "koldioxidekvivalenter, från den nationella emissionsdatabasen (SMHI) som länsvyn visar. "
        "Offentliga uppgifter för alla, oberoende av vad organisationen har publicerat."
    ),
    what=PUBLIC_FOR_ALL,
    columns=(
        Column("county_code", STRING, gettext_lazy("Länets kod enligt SCB")),
        Column("county", STRING, gettext_lazy("Länets namn")),
        Column("municipality_code", STRING, gettext_lazy("Kommunens kod enligt SCB")),
        Column("municipality", STRING, gettext_lazy("Kommunens namn")),
        Column("year", INTEGER, gettext_lazy("År")),
        Column("sector", STRING, gettext_lazy("Huvudsektor i den nationella emissionsdatabasen")),
        Column(
            "t_co2e", NUMBER, gettext_lazy("Utsläpp i ton koldioxidekvivalenter (t CO2e)"), T_CO2E
        ),
    ),
    rows=county_rows,
)

TABLES: tuple[TableDef, ...] = (KLIMATBOKSLUT, INDICATORS, GOALS, BUDGET, COUNTY)
TABLES_BY_NAME = {t.name: t for t in TABLES}


# --- selectors -----------------------------------------------------------------------------


def published_tables(organisation: Organisation) -> list[TableDef]:
    """The tables of the kinds the organisation has published, in their fixed order."""
    published = published_of(organisation)
    return [t for t in TABLES if _is_published(published, t.what)]


def open_table(organisation: Organisation, name: str) -> OpenTable | None:
    """A published table with its rows; None when unknown or not published."""
    definition = TABLES_BY_NAME.get(name)
    published = published_of(organisation)
    if definition is None or not _is_published(published, definition.what):
        return None
    return OpenTable(definition, definition.rows(organisation, published))


def open_tables(organisation: Organisation) -> list[OpenTable]:
    """Every published table with its rows (the index page, datapackage.json)."""
    published = published_of(organisation)
    return [
        OpenTable(t, t.rows(organisation, published))
        for t in TABLES
        if _is_published(published, t.what)
    ]
