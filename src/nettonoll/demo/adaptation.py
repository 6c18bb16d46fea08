"""Demo climate adaptation and new builds for the three demo regions: climate risks on the solar
demo's buildings (`demo.solar.solar_demo_buildings`; none when there are none) with a
measure where the region's plans have an activity on the building's unit or above it (Region
Värmland's demo has none), and a few new-build projects per region — one
followed up, one whose follow-up is overdue, one still planned. All fictitious.

Running the loader again changes nothing: a region that already has its first project gets
nothing added."""

import datetime

from django.db import transaction

from nettonoll.adaptation.models import ClimateRisk, NewBuildProject
from nettonoll.adaptation.selectors import measure_choices
from nettonoll.demo.solar import solar_demo_buildings
from nettonoll.organisations.models import Node, Organisation

# organisation → (which of the demo buildings, hazard, likelihood, consequence, vulnerable use,
# note, a measure if the plans have one for the building's unit)
RISKS = {
    "RJH": [
        (0, "värmebölja", 3, 3, True, "Rum mot söder utan kyla.", False),
        (0, "skyfall", 2, 3, True, "Källare med teknikutrymmen.", False),
        (1, "värmebölja", 2, 2, False, "", False),
        (2, "skyfall", 3, 3, False, "Lastkaj i lågpunkt.", True),
    ],
    "RV": [
        (0, "översvämning", 3, 4, True, "Nära Klarälven; reservkraft i källaren.", False),
        (0, "värmebölja", 3, 2, True, "", True),
        (2, "ras/skred", 1, 3, True, "", False),
    ],
    "RST": [
        (2, "värmebölja", 4, 3, True, "Äldre byggnad utan komfortkyla.", True),
        (0, "skyfall", 3, 3, False, "Uppställningsytor i lågpunkt.", True),
        (1, "översvämning", 1, 2, False, "", False),
    ],
}
d = datetime.date
# organisation → (code, name, node, requirement, text, planned, completed, achieved, result, note)
PROJECTS = {
    "RJH": [
        ("NB-RJH-1", "Nytt vårdboende Frösön", "HS-SJH", "miljöbyggnad silver", "",
         d(2024, 9, 30), d(2024, 11, 15), "miljöbyggnad silver", "uppfyllt", ""),
        ("NB-RJH-2", "Ny vårdcentral Brunflo", "HS-PV", "nollco2", "",
         d(2025, 6, 30), d(2025, 8, 20), "", "", ""),
        ("NB-RJH-3", "Nytt centralförråd", "RS-SERV-FAST", "miljöbyggnad guld", "",
         d(2028, 3, 31), None, "", "", ""),
    ],
    "RV": [
        ("NB-RV-1", "Akutens tillbyggnad", "HSV-CSK", "miljöbyggnad guld", "",
         d(2025, 3, 31), d(2025, 4, 30), "miljöbyggnad silver", "delvis",
         "Energikravet för Guld nåddes inte."),
        ("NB-RV-2", "Ny tandvårdsklinik", "HSV-PV", "annat", "Passivhus enligt FEBY 18",
         d(2027, 9, 30), None, "", "", ""),
    ],
    "RST": [
        ("NB-RST-1", "Ny bussdepå Norrtälje", "TF-FORD", "miljöbyggnad silver", "",
         d(2025, 10, 31), None, "", "", ""),
        ("NB-RST-2", "Nytt solcellslager", "TF-FAST-SOL", "nollco2", "",
         d(2024, 5, 31), d(2024, 6, 15), "nollco2", "uppfyllt", ""),
        ("NB-RST-3", "Nytt sjukhushus", "HSF", "miljöbyggnad guld", "",
         d(2029, 12, 31), None, "", "", ""),
    ],
}  # fmt: skip


def demo_adaptation_load() -> None:
    with transaction.atomic():
        for organisation in Organisation.objects.filter(code__in=list(PROJECTS)):
            first = PROJECTS[organisation.code][0][0]
            if NewBuildProject.objects.filter(
                organisation=organisation, project_code=first
            ).exists():
                continue
            _risks(organisation)
            _projects(organisation)


def _risks(organisation: Organisation) -> None:
    buildings = solar_demo_buildings(organisation)
    for index, hazard, likelihood, consequence, vulnerable, note, measured in RISKS[
        organisation.code
    ]:
        if index >= len(buildings):
            continue
        building = buildings[index]
        risk = ClimateRisk.objects.create(
            building=building,
            hazard=hazard,
            likelihood=likelihood,
            consequence=consequence,
            vulnerable_use=vulnerable,
            note=note,
        )
        activity = measure_choices(building).first() if measured else None
        if activity is not None:
            risk.measures.add(activity)


def _projects(organisation: Organisation) -> None:
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    for (code, name, node, requirement, text, planned, completed, achieved, result,
         note) in PROJECTS[organisation.code]:  # fmt: skip
        if node not in nodes:
            continue
        NewBuildProject.objects.create(
            organisation=organisation,
            project_code=code,
            name=name,
            node=nodes[node],
            requirement=requirement,
            requirement_text=text,
            planned_completion=planned,
            completed_on=completed,
            achieved_level=achieved,
            result=result,
            note=note,
            valid_from=datetime.date(2022, 1, 1),
        )
