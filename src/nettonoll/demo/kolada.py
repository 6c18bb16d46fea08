"""Demo: Region Värmland follows two Kolada KPIs for its county (0017). The demo never reaches
Kolada: the definitions and every value here are made up (and say so), stored through the same
service as a real fetch, once with an earlier wording so a recorded definition change shows."""

from decimal import Decimal

from nettonoll.kolada.client import KoladaValue
from nettonoll.kolada.models import Selection
from nettonoll.kolada.services import kolada_store, selection_add
from nettonoll.organisations.models import Organisation

DEMO_NOTE = "Demo: påhittade värden och definition, inte hämtade från Kolada."
KPIS = {
    "N07947": {
        "id": "N07947",
        "title": "Laddhybrider, andel av personbilarna i trafik (%)",
        "description": f"{DEMO_NOTE} Andel laddhybrider av alla personbilar i trafik i länet.",
        "operating_area": "Miljö och klimat",
        "municipality_type": "alla",
        "is_divided_by_gender": 0,
        "publication_date": "2024-03-01",
    },
    "U00501": {
        "id": "U00501",
        "title": "Fossiloberoende personbilar, andel av totalt antal bilar i området (%)",
        "description": f"{DEMO_NOTE} Andel fossiloberoende personbilar i det geografiska området.",
        "operating_area": "Miljö och klimat",
        "municipality_type": "alla",
        "is_divided_by_gender": 0,
        "publication_date": "2024-04-15",
    },
}
# made up, rising by a plausible few percentage points a year
VALUES_PCT = {
    "N07947": {2019: "1.8", 2020: "2.9", 2021: "4.2", 2022: "5.6", 2023: "6.7"},
    "U00501": {2019: "12.4", 2020: "14.1", 2021: "16.9", 2022: "19.8", 2023: "22.3"},
}


def _fetched(kpi_id: str) -> list[KoladaValue]:
    return [
        KoladaValue(year=year, gender="T", value=Decimal(value), status="")
        for year, value in VALUES_PCT[kpi_id].items()
    ]


def demo_kolada_load() -> None:
    organisation = Organisation.objects.get(code="RV")
    if Selection.objects.filter(organisation=organisation).exists():
        return  # loaded before: a second run changes nothing
    for kpi_id in KPIS:
        selection_add(organisation=organisation, kpi_id=kpi_id, municipality_id="0017")
    selections = list(
        Selection.objects.filter(organisation=organisation).select_related("kpi", "indicator")
    )
    names = {"0017": "Region Värmland (demo)"}
    fetched = {s.pk: _fetched(s.kpi.kpi_id) for s in selections}
    earlier = {k: dict(raw) for k, raw in KPIS.items()}
    earlier["U00501"]["description"] = f"{DEMO_NOTE} Andel miljöbilar i det geografiska området."
    earlier["U00501"]["publication_date"] = "2023-04-14"
    kolada_store(
        organisation=organisation,
        selections=selections,
        raws=earlier,
        fetched=fetched,
        names=names,
        direction="increase",
    )
    kolada_store(
        organisation=organisation,
        selections=selections,
        raws=KPIS,
        fetched=fetched,
        names=names,
        direction="increase",
    )
