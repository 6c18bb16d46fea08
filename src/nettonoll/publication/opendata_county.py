"""The county view's municipal emissions as open data: public figures (SMHI's national emission
database through the release the county view uses), the same for everyone and never behind a
publication: the municipalities of the organisation's county, t CO2e per year and main sector,
as the county and municipality pages show them."""

from typing import Any

from nettonoll.budgets.selectors.county import county_detail, municipality_detail
from nettonoll.calc.inventory import DECIMALS
from nettonoll.organisations.models import Organisation


def county_rows(organisation: Organisation, _published: Any = None) -> list[tuple[Any, ...]]:
    """(county code, county, municipality code, municipality, year, sector, t CO2e), by
    municipality name, year and sector; none when the organisation has no known county."""
    county = county_detail(organisation.county_code) if organisation.county_code else None
    if county is None:
        return []
    rows: list[tuple[Any, ...]] = []
    for member in sorted(county.municipalities, key=lambda m: m.code):
        detail = municipality_detail(county.county.code, member.code)
        if detail is None:
            continue
        for year, sectors in detail.sectors_by_year.items():
            rows.extend(
                (
                    county.county.code,
                    county.county.name,
                    member.code,
                    member.name,
                    year,
                    sector,
                    round(t, DECIMALS),
                )
                for sector, t in sorted(sectors.items())
            )
    return rows


def has_county(organisation: Organisation) -> bool:
    return bool(organisation.county_code) and county_detail(organisation.county_code) is not None
