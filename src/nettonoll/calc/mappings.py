"""Column-mapping templates: typical source exports turned into the canonical activity columns
`org_unit, category, period, quantity, unit` before validation (docs/methods/klimatbokslut.md).

A source value that is already a category code of the factor set (it contains a dot, e.g.
`district_heating.krokom`) passes through unchanged, so an export can name an organisation's own
categories without a new template. The ledger template finds the category from the account code
through an account → purchase-group table (`AccountRange`); the shipped table is an example by
account class and an organisation gives its own with `--accounts FILE` / the import form.
"""

import csv
import io
from dataclasses import dataclass, field, replace
from importlib import resources

import polars as pl

from nettonoll.calc.problems import Problem, Rejected, groups_of

# a fuel card's registration number: carried as `reg_no` (upper case, no spaces) so that the
# registers can link the rows to their vehicles
REG_NO_COLUMNS = ("regnr", "registreringsnummer", "reg_nr")
EXCLUDED = "-"  # an account → purchase-group row with this category: the rows are left out


@dataclass(frozen=True)
class AccountRange:
    """Accounts `first`…`last` (inclusive) belong to a purchase group with a factor category, or
    to no category (`-`: salaries, revenue, internal transfers)."""

    first: int
    last: int
    purchase_group: str
    category: str


@dataclass(frozen=True)
class Mapping:
    name: str
    title: str
    columns: dict[str, str]  # canonical column → source column (lower case)
    constants: dict[str, str] = field(default_factory=dict)  # canonical column → fixed value
    category_column: str = ""  # source column whose values name the category
    categories: dict[str, str] = field(default_factory=dict)  # source value (lower case) → category
    account_column: str = ""  # source column with the ledger account code
    accounts: tuple[AccountRange, ...] = ()
    # optional canonical column → the source columns that may carry it (the first present wins);
    # a file without any of them is read as before
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)


def read_account_table(data: bytes) -> tuple[AccountRange, ...]:
    """An account → purchase-group table: CSV (comma or semicolon, UTF-8 or Windows-1252) with
    the columns `konto_från, konto_till, inköpsgrupp, kategori`; every problem with its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    rows = [[cell.strip() for cell in row] for row in reader]
    header = [c.lower() for c in rows[0]] if rows else []
    wanted = ["konto_från", "konto_till", "inköpsgrupp", "kategori"]
    missing = [c for c in wanted if c not in header]
    if missing:
        raise Rejected([Problem("columns_missing", {"missing": ", ".join(missing)}, 1)])
    at = {c: header.index(c) for c in wanted}
    ranges, problems = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        cells = {c: row[i] if i < len(row) else "" for c, i in at.items()}
        try:
            first_account, last_account = int(cells["konto_från"]), int(cells["konto_till"])
        except ValueError:
            problems.append(
                Problem("account_range_invalid", {"value": cells["konto_från"]}, line, "konto_från")
            )
            continue
        if last_account < first_account or not cells["kategori"]:
            problems.append(
                Problem("account_range_invalid", {"value": cells["konto_till"]}, line, "konto_till")
            )
            continue
        ranges.append(
            AccountRange(first_account, last_account, cells["inköpsgrupp"], cells["kategori"])
        )
    if not ranges and not problems:
        raise Rejected([Problem("file_empty")])
    if problems:
        raise Rejected(problems)
    return tuple(ranges)


def _default_accounts() -> tuple[AccountRange, ...]:
    data = resources.files("nettonoll.calc.data").joinpath("ledger_accounts_default.csv")
    return read_account_table(data.read_bytes())


MAPPINGS = {
    mapping.name: mapping
    for mapping in [
        Mapping(
            name="resebyra",
            title="Resebyråns reseexport (kostnadsställe, resedatum, färdmedel, personkilometer)",
            columns={
                "org_unit": "kostnadsställe",
                "period": "resedatum",
                "quantity": "personkm",
                "source_ref": "bokningsnummer",
            },
            constants={"unit": "pkm"},
            category_column="färdmedel",
            categories={
                "flyg inrikes": "travel.air.short_haul",
                "flyg europa": "travel.air.medium_haul",
                "flyg interkontinentalt": "travel.air.long_haul",
                "tåg": "travel.train.nordic_electric",
                "tåg europa": "travel.train.european_electric",
                "buss": "travel.bus",
            },
        ),
        Mapping(
            name="drivmedelskort",
            title="Drivmedelskortens transaktioner (kostnadsställe, datum, produkt, volym i liter)",
            columns={
                "org_unit": "kostnadsställe",
                "period": "datum",
                "quantity": "volym",
                "source_ref": "kortnummer",
            },
            constants={"unit": "l"},
            category_column="produkt",
            categories={
                "diesel": "fuel.diesel",
                "bensin 95": "fuel.petrol",
                "bensin": "fuel.petrol",
                "hvo100": "fuel.hvo100",
                "hvo": "fuel.hvo100",
                "e85": "fuel.e85",
            },
            optional={"reg_no": REG_NO_COLUMNS},
        ),
        Mapping(
            name="energifaktura",
            title="Energibolagets fakturaunderlag (kostnadsställe, period, energislag, "
            "förbrukning, enhet)",
            columns={
                "org_unit": "kostnadsställe",
                "period": "period",
                "quantity": "förbrukning",
                "unit": "enhet",
                "source_ref": "anläggning",
            },
            category_column="energislag",
            categories={
                "el": "electricity.residual_mix",
                "el residualmix": "electricity.residual_mix",
                "el förnybar": "electricity.renewable_contract",
                "el ursprungsmärkt": "electricity.renewable_contract",
                "förnybar el": "electricity.renewable_contract",
                "fjärrvärme stockholm": "district_heating.stockholm",
                "fjärrvärme göteborg": "district_heating.goteborg",
                "fjärrvärme malmö": "district_heating.malmo",
                "fjärrvärme lund": "district_heating.lund",
                "fjärrvärme västerås": "district_heating.vasteras",
                "fjärrvärme umeå": "district_heating.umea",
                "fjärrvärme gävle": "district_heating.gavle",
                "fjärrvärme östersund": "district_heating.ostersund",
                "fjärrvärme krokom": "district_heating.krokom",
                "naturgas": "fuel.natural_gas",
                "fordonsgas": "fuel.vehicle_gas",
                "biogas": "fuel.biogas",
            },
        ),
        Mapping(
            name="avfall",
            title="Avfallsentreprenörens rapport (kostnadsställe, tömningsdatum, fraktion, vikt, "
            "enhet)",
            columns={
                "org_unit": "kostnadsställe",
                "period": "tömningsdatum",
                "quantity": "vikt",
                "unit": "enhet",
                "source_ref": "kundnummer",
            },
            category_column="fraktion",
            categories={
                "brännbart": "waste.combustible",
                "restavfall": "waste.combustible",
                "matavfall": "waste.food",
                "wellpapp": "waste.corrugated_cardboard",
                "pappersförpackningar": "waste.paper_packaging",
                "kontorspapper": "waste.office_paper",
                "plastförpackningar": "waste.plastic_packaging",
                "glasförpackningar": "waste.glass",
                "metallförpackningar": "waste.metal",
                "elavfall": "waste.electronics",
                "farligt avfall": "waste.hazardous",
                "smittförande avfall": "waste.infectious",
                "stickande och skärande": "waste.infectious",
                "deponi": "waste.landfill",
            },
        ),
        Mapping(
            name="livsmedel",
            title="Livsmedelsgrossistens inköpsstatistik (kostnadsställe, leveransdatum, "
            "varugrupp, kvantitet, enhet)",
            columns={
                "org_unit": "kostnadsställe",
                "period": "leveransdatum",
                "quantity": "kvantitet",
                "unit": "enhet",
                "source_ref": "artikelnummer",
            },
            category_column="varugrupp",
            categories={
                "nötkött": "food.beef",
                "lamm": "food.lamb",
                "blandfärs": "food.minced_meat_mixed",
                "ost": "food.cheese",
                "korv": "food.sausage",
                "fläskkött": "food.pork",
                "quorn": "food.quorn",
                "fisk": "food.fish",
                "fisk och skaldjur": "food.fish",
                "sojaprotein": "food.soy_meat_substitute",
                "kyckling": "food.poultry",
                "fågel": "food.poultry",
                "ägg": "food.eggs",
                "nötter": "food.nuts",
                "mjölk": "food.milk",
                "mjölk och yoghurt": "food.milk",
                "bröd": "food.bread",
                "baljväxter": "food.legumes_dried",
                "torkade baljväxter": "food.legumes_dried",
                "potatis": "food.potatoes",
            },
        ),
        Mapping(
            name="medicinska_gaser",
            title="Leveranser av medicinska gaser och anestesigaser (kostnadsställe, "
            "leveransdatum, produkt, mängd, enhet)",
            columns={
                "org_unit": "kostnadsställe",
                "period": "leveransdatum",
                "quantity": "mängd",
                "unit": "enhet",
                "source_ref": "följesedel",
            },
            category_column="produkt",
            categories={
                "desfluran": "medical_gas.desflurane",
                "sevofluran": "medical_gas.sevoflurane",
                "isofluran": "medical_gas.isoflurane",
                "lustgas": "medical_gas.nitrous_oxide",
                "dikväveoxid": "medical_gas.nitrous_oxide",
                "livopan": "medical_gas.nitrous_oxide",  # 50 % N2O: give the N2O mass
            },
        ),
        Mapping(
            name="huvudbok",
            title="Huvudboken per konto (konto, ansvar, period, belopp i kronor) med en tabell "
            "konto → inköpsgrupp",
            columns={
                "org_unit": "ansvar",
                "period": "period",
                "quantity": "belopp",
                "source_ref": "verifikation",
            },
            constants={"unit": "SEK"},
            account_column="konto",
            accounts=_default_accounts(),
        ),
    ]
}


def mapping_get(name: str, accounts: bytes | None = None) -> Mapping:
    """A template by name; the ledger's account table is the shipped example unless the
    organisation gives its own (CSV bytes)."""
    if name not in MAPPINGS:
        known = ", ".join(sorted(MAPPINGS))
        raise Rejected([Problem("mapping_unknown", {"name": name, "known": known})])
    mapping = MAPPINGS[name]
    if mapping.account_column and accounts is not None:
        mapping = replace(mapping, accounts=read_account_table(accounts))
    return mapping


def _account_category(mapping: Mapping) -> tuple[pl.Expr, pl.Expr]:
    """Category and purchase group from the account code, through the account ranges."""
    account = pl.col(mapping.account_column).cast(pl.Utf8).str.strip_chars()
    number = account.str.replace_all(r"\s", "").cast(pl.Int64, strict=False)
    category: pl.Expr = pl.lit(None, dtype=pl.Utf8)
    group: pl.Expr = pl.lit(None, dtype=pl.Utf8)
    for r in reversed(mapping.accounts):  # the first matching range wins
        inside = number.is_between(r.first, r.last)
        category = pl.when(inside).then(pl.lit(r.category)).otherwise(category)
        group = pl.when(inside).then(pl.lit(r.purchase_group)).otherwise(group)
    return category, group


def apply_mapping(frame: pl.DataFrame, mapping: Mapping) -> pl.DataFrame:
    """The source frame (with `line`) in canonical columns; unknown source values are listed with
    their line numbers."""
    source_column = mapping.category_column or mapping.account_column
    needed = [*mapping.columns.values(), *([source_column] if source_column else [])]
    missing = [
        c for c in needed if c not in frame.columns and c != mapping.columns.get("source_ref")
    ]
    if missing:
        raise Rejected([Problem("columns_missing", {"missing": ", ".join(missing)}, 1)])
    selected = [pl.col("line")]
    for canonical, source in mapping.columns.items():
        if source in frame.columns:
            selected.append(pl.col(source).cast(pl.Utf8).alias(canonical))
    for canonical, value in mapping.constants.items():
        selected.append(pl.lit(value).alias(canonical))
    for canonical, sources in mapping.optional.items():
        present = next((c for c in sources if c in frame.columns), None)
        if present is not None:
            carried = pl.col(present).cast(pl.Utf8)
            if canonical == "reg_no":
                carried = carried.str.replace_all(r"\s", "").str.to_uppercase()
            selected.append(carried.alias(canonical))
    if mapping.category_column:
        values = pl.col(mapping.category_column).cast(pl.Utf8).str.strip_chars().str.to_lowercase()
        passed = pl.when(values.str.contains(".", literal=True)).then(values)
        selected.append(values.replace_strict(mapping.categories, default=passed).alias("category"))
        known = ", ".join(sorted(mapping.categories))
    if mapping.account_column:
        category, group = _account_category(mapping)
        selected += [category.alias("category"), group.alias("note")]
        known = ", ".join(f"{r.first}–{r.last}" for r in mapping.accounts)
    if source_column:
        selected.append(pl.col(source_column).cast(pl.Utf8).alias("_source_category"))
    mapped = frame.select(selected)
    if source_column:
        unknown = mapped.filter(
            pl.col("category").is_null() & (pl.col("_source_category").fill_null("") != "")
        )
        if unknown.height:
            raise Rejected(
                groups_of(
                    unknown,
                    "mapping_value_unknown",
                    source_column,
                    {"value": "_source_category"},
                    {"known": known},
                )
            )
        mapped = mapped.drop("_source_category")
    if mapping.account_column:  # salaries, revenue, internal transfers: no emissions
        mapped = mapped.filter(pl.col("category").fill_null("") != EXCLUDED)
    # the period may come as a date-time from a spreadsheet ("2024-03-05 00:00:00")
    return mapped.with_columns(pl.col("period").str.slice(0, 10))


CANONICAL = ("org_unit", "period", "quantity", "unit", "category", "source_ref")


def mapping_from_definition(
    *,
    name: str,
    title: str,
    columns: dict[str, str],
    constants: dict[str, str] | None = None,
    category_column: str = "",
    categories: dict[str, str] | None = None,
    account_column: str = "",
    accounts: bytes | None = None,
) -> Mapping:
    """An organisation's own template from its stored parts (source column names and values in
    any case; they are matched in lower case, as the file's header is)."""
    return Mapping(
        name=name,
        title=title,
        columns={k: v.strip().lower() for k, v in columns.items() if v.strip()},
        constants={k: v.strip() for k, v in (constants or {}).items() if v.strip()},
        category_column=category_column.strip().lower(),
        categories={k.strip().lower(): v.strip() for k, v in (categories or {}).items()},
        account_column=account_column.strip().lower(),
        accounts=read_account_table(accounts) if account_column.strip() and accounts else (),
    )


def read_value_table(text: str) -> tuple[dict[str, str], list[Problem]]:
    """Lines `value;category` (or with a comma) as a dict, and a problem for each line that is
    not two non-empty parts."""
    values: dict[str, str] = {}
    problems = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.replace(";", ",").rsplit(",", 1)]
        if len(parts) != 2 or not all(parts):
            problems.append(Problem("value_line_invalid", {"value": raw.strip()}, line))
            continue
        values[parts[0].lower()] = parts[1]
    return values, problems
