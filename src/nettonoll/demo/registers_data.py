"""The demo registers' hand-written parts (all fictitious): where the vehicles are, the charging
sites, the backup-power units and their flexibility-market contracts."""

import datetime
from typing import Any

from nettonoll.registers.models import BackupEnergy, ChargingAccess, FlexMarket, VehicleType

d = datetime.date
CAR, LIGHT, HEAVY, MACHINE = (
    VehicleType.CAR,
    VehicleType.LIGHT_TRUCK,
    VehicleType.HEAVY_TRUCK,
    VehicleType.MACHINE,
)
SEEDS = {"RJH": 2301, "RV": 1701, "RST": 101}

# organisation → (node, number of vehicles, weights of the vehicle types)
FLEETS: dict[str, list[tuple[str, int, dict[str, float]]]] = {
    "RJH": [
        ("RS-SERV-FORD", 30, {CAR: 80, LIGHT: 20}),  # the region's car pool
        ("RS-SERV-KOST", 7, {LIGHT: 70, CAR: 30}),  # food transport between the kitchens
        ("RS-SERV-LOG", 12, {LIGHT: 55, HEAVY: 35, MACHINE: 10}),
        ("RS-SERV-FAST", 10, {LIGHT: 60, MACHINE: 30, CAR: 10}),
        ("RS-SERV-LOK", 5, {CAR: 100}),
        ("HS-PV", 18, {CAR: 100}),  # home care
        ("HS-SJH", 8, {CAR: 50, LIGHT: 30, MACHINE: 20}),
        ("RS-KTR", 3, {CAR: 100}),
    ],
    "RV": [
        ("RLF-FAST-DRIFT", 12, {LIGHT: 55, MACHINE: 25, CAR: 20}),
        ("HSV-CSK", 10, {CAR: 60, LIGHT: 40}),
        ("HSV-CSK-KOST", 5, {LIGHT: 80, HEAVY: 20}),
        ("HSV-PV", 16, {CAR: 100}),
        ("RU-KTR", 4, {CAR: 75, LIGHT: 25}),
        ("RLF", 8, {CAR: 100}),
    ],
    "RST": [
        ("TF-FORD", 20, {CAR: 30, LIGHT: 35, HEAVY: 20, MACHINE: 15}),  # depot service vehicles
        ("TF-FAST", 15, {LIGHT: 60, MACHINE: 25, CAR: 15}),
        ("HSF", 30, {CAR: 70, LIGHT: 30}),
        ("HSF-RK", 6, {LIGHT: 50, HEAVY: 50}),
        ("HSF-CIRK", 10, {LIGHT: 60, HEAVY: 40}),
        ("RLK", 15, {CAR: 100}),
        ("TRF", 6, {CAR: 100}),
    ],
}

INT, VIS, PUB = ChargingAccess.INTERNAL, ChargingAccess.VISITORS, ChargingAccess.PUBLIC
# organisation → (site code, node, address, points, kW per point, access, parking spaces,
# spaces with charging, in service from)
CHARGING_SITES: dict[str, list[tuple[str, str, str, int, str, str, int, int, datetime.date]]] = {
    "RJH": [
        (
            "OSD-DEPA",
            "RS-SERV-FORD",
            "Påhittade vägen 1, Östersund",
            16,
            "11",
            INT,
            40,
            16,
            d(2019, 9, 1),
        ),
        (
            "OSD-DEPA-SNABB",
            "RS-SERV-FORD",
            "Påhittade vägen 1, Östersund",
            2,
            "150",
            INT,
            4,
            2,
            d(2023, 5, 15),
        ),
        (
            "OSD-KOST",
            "RS-SERV-KOST",
            "Exempelgränd 4, Östersund",
            4,
            "22",
            INT,
            8,
            4,
            d(2021, 3, 1),
        ),
        (
            "OSD-SJH-P1",
            "HS-SJH",
            "Sjukhusgatan 0, Östersund",
            10,
            "22",
            VIS,
            220,
            10,
            d(2020, 6, 1),
        ),
        ("OSD-SJH-P2", "HS-SJH", "Sjukhusgatan 0, Östersund", 4, "50", PUB, 60, 4, d(2024, 10, 1)),
        ("SVEG-HC", "HS-PV", "Demovägen 7, Sveg", 6, "11", INT, 12, 6, d(2022, 2, 1)),
        ("STR-HC", "HS-PV", "Demovägen 2, Strömsund", 4, "11", INT, 10, 4, d(2025, 4, 1)),
    ],
    "RV": [
        (
            "KSD-CSK-P",
            "HSV-CSK",
            "Exempelgatan 12, Karlstad",
            12,
            "22",
            VIS,
            300,
            12,
            d(2020, 4, 1),
        ),
        (
            "KSD-CSK-SNABB",
            "HSV-CSK",
            "Exempelgatan 12, Karlstad",
            2,
            "150",
            PUB,
            4,
            2,
            d(2024, 3, 1),
        ),
        (
            "KSD-DRIFT",
            "RLF-FAST-DRIFT",
            "Fiktiva gatan 3, Karlstad",
            8,
            "11",
            INT,
            20,
            8,
            d(2019, 11, 1),
        ),
        ("KSD-RLF", "RLF", "Låtsasvägen 5, Karlstad", 6, "11", INT, 30, 6, d(2022, 9, 1)),
        ("ARV-VC", "HSV-PV", "Demogatan 9, Arvika", 4, "22", VIS, 40, 4, d(2023, 1, 15)),
        ("TBY-VC", "HSV-PV", "Demogatan 1, Torsby", 2, "11", INT, 15, 2, d(2025, 6, 1)),
    ],
    "RST": [
        (
            "STH-DEPA-N",
            "TF-FORD",
            "Depåvägen 1, Stockholm (påhittad)",
            24,
            "22",
            INT,
            60,
            24,
            d(2019, 5, 1),
        ),
        (
            "STH-DEPA-S",
            "TF-FORD",
            "Depåvägen 2, Stockholm (påhittad)",
            8,
            "150",
            INT,
            16,
            8,
            d(2022, 8, 1),
        ),
        ("STH-FAST", "TF-FAST", "Exempelvägen 10, Solna", 10, "11", INT, 30, 10, d(2020, 2, 1)),
        ("STH-KS-P", "HSF", "Sjukhusvägen 0, Solna", 40, "22", VIS, 900, 40, d(2021, 4, 1)),
        ("STH-KS-PUB", "HSF", "Sjukhusvägen 0, Solna", 8, "50", PUB, 20, 8, d(2024, 5, 1)),
        ("STH-DS-P", "HSF", "Demogatan 40, Danderyd", 20, "22", VIS, 500, 20, d(2022, 10, 1)),
        ("STH-RLK", "RLK", "Fiktiva torget 1, Stockholm", 12, "11", INT, 60, 12, d(2020, 9, 1)),
        (
            "STH-CIRK",
            "HSF-CIRK",
            "Lagergatan 3, Stockholm (påhittad)",
            6,
            "50",
            INT,
            14,
            6,
            d(2025, 2, 1),
        ),
    ],
}

# code, site, node, kW, energy, engine approved for HVO100, tank (l), test-run hours a year,
# (battery kWh, kWh reserved for backup) or None, in service from
BackupRow = tuple[
    str, str, str, str, str, bool, int | None, int | None, tuple[int, int] | None, datetime.date
]
DI, HVO, BAT, GAS = (
    BackupEnergy.DIESEL,
    BackupEnergy.HVO100,
    BackupEnergy.BATTERY,
    BackupEnergy.VEHICLE_GAS,
)
BACKUP_UNITS: dict[str, list[BackupRow]] = {
    "RJH": [
        ("RK-OSH-1", "OSD-SJH", "HS-SJH", "1250", DI, True, 8000, 24, None, d(2012, 5, 1)),
        ("RK-OSH-2", "OSD-SJH", "HS-SJH", "800", HVO, True, 5000, 24, None, d(2021, 11, 1)),
        (
            "RK-OSH-BAT",
            "OSD-SJH",
            "HS-SJH",
            "250",
            BAT,
            False,
            None,
            None,
            (500, 300),
            d(2024, 4, 1),
        ),
        ("RK-FAST-1", "OSD-DEPA", "RS-SERV-FAST", "200", DI, False, 1500, 12, None, d(2009, 9, 1)),
        ("RK-KOST-1", "OSD-KOST", "RS-SERV-KOST", "100", DI, True, 800, 12, None, d(2016, 3, 1)),
        ("RK-SVEG-1", "SVEG-HC", "HS-PV", "60", DI, False, 400, 12, None, d(2014, 6, 1)),
    ],
    "RV": [
        ("RK-CSK-1", "KSD-CSK", "HSV-CSK", "1600", DI, True, 10000, 24, None, d(2011, 10, 1)),
        ("RK-CSK-2", "KSD-CSK", "HSV-CSK", "1000", HVO, True, 6000, 24, None, d(2020, 9, 1)),
        (
            "RK-CSK-BAT",
            "KSD-CSK",
            "HSV-CSK",
            "400",
            BAT,
            False,
            None,
            None,
            (800, 400),
            d(2023, 9, 1),
        ),
        (
            "RK-DRIFT-1",
            "KSD-DRIFT",
            "RLF-FAST-DRIFT",
            "150",
            DI,
            False,
            1000,
            12,
            None,
            d(2013, 4, 1),
        ),
        ("RK-ARV-1", "ARV-VC", "HSV-PV", "80", GAS, False, None, None, None, d(2022, 5, 1)),
    ],
    "RST": [
        ("RK-KS-1", "STH-KS", "HSF-RK", "2000", HVO, True, 20000, 30, None, d(2018, 2, 1)),
        ("RK-KS-2", "STH-KS", "HSF-RK", "2000", HVO, True, 20000, 30, None, d(2018, 2, 1)),
        ("RK-DS-1", "STH-DS", "HSF-RK", "1500", DI, True, 12000, 24, None, d(2010, 6, 1)),
        ("RK-SOS-1", "STH-SOS", "HSF-RK", "1200", DI, False, 10000, 24, None, d(2008, 3, 1)),
        (
            "RK-KS-BAT",
            "STH-KS",
            "HSF-RK",
            "1000",
            BAT,
            False,
            None,
            None,
            (2400, 800),
            d(2023, 10, 1),
        ),
        (
            "RK-DEPA-BAT",
            "STH-DEPA-N",
            "TF-FAST",
            "500",
            BAT,
            False,
            None,
            None,
            (1000, 400),
            d(2024, 9, 1),
        ),
        ("RK-DEPA-1", "STH-DEPA-N", "TF-FAST", "400", DI, False, 3000, 12, None, d(2015, 1, 1)),
    ],
}

# the renewable share (volume %) of a delivery of ordinary diesel, by year: the reduction
# obligation's blend as the demo's fictitious supplier states it
DELIVERY_BLEND_PCT = {2020: 21, 2021: 26, 2022: 30, 2023: 30, 2024: 6, 2025: 6}

# unit, market, contracted kW, duration (h), from, to, activations, MWh delivered, revenue (SEK).
# A unit's contracts in force at the same time add up to at most its power, and a battery's
# kW × hours to at most its energy less what is reserved for backup (RK-KS-BAT, 1 000 kW:
# Sthlmflex 400 + FCR-D 600 = 1 000 kW; 400 × 2 + 600 × 0.5 = 1 100 ≤ 2 400 − 800 kWh).
FLEX: dict[str, list[tuple[Any, ...]]] = {
    "RST": [
        (
            "RK-KS-BAT",
            FlexMarket.STHLMFLEX,
            "400",
            "2",
            d(2023, 11, 1),
            d(2024, 3, 31),
            6,
            "4.8",
            "310000",
        ),
        (
            "RK-KS-BAT",
            FlexMarket.STHLMFLEX,
            "400",
            "2",
            d(2024, 11, 1),
            d(2025, 3, 31),
            9,
            "7.5",
            "365000",
        ),
        (
            "RK-KS-BAT",
            FlexMarket.STHLMFLEX,
            "400",
            "2",
            d(2025, 11, 1),
            d(2026, 3, 31),
            2,
            "1.6",
            "90000",
        ),
        ("RK-KS-BAT", FlexMarket.FCR_D, "600", "0.5", d(2024, 6, 1), None, 140, "12.4", "1150000"),
        (
            "RK-DEPA-BAT",
            FlexMarket.STHLMFLEX,
            "300",
            "2",
            d(2024, 11, 1),
            d(2025, 3, 31),
            5,
            "2.7",
            "120000",
        ),
        (
            "RK-KS-1",
            FlexMarket.STHLMFLEX,
            "1500",
            "4",
            d(2023, 11, 1),
            d(2024, 3, 31),
            3,
            "14.0",
            "420000",
        ),
        (
            "RK-KS-1",
            FlexMarket.STHLMFLEX,
            "1500",
            "4",
            d(2024, 11, 1),
            d(2025, 3, 31),
            4,
            "19.5",
            "480000",
        ),
    ],
    "RV": [
        ("RK-CSK-BAT", FlexMarket.LOCAL, "200", "1", d(2024, 1, 1), None, 22, "3.1", "45000"),
    ],
}
