"""Column-mapping templates: typical source exports turned into the canonical activity columns
`org_unit, category, period, quantity, unit` before validation (docs/methods/klimatbokslut.md)."""

from dataclasses import dataclass, field

import polars as pl

from nettonoll.calc.messages import Problem, Rejected


@dataclass(frozen=True)
class Mapping:
    name: str
    title: str
    columns: dict[str, str]  # canonical column → source column (lower case)
    constants: dict[str, str] = field(default_factory=dict)  # canonical column → fixed value
    category_column: str = ""  # source column whose values name the category
    categories: dict[str, str] = field(default_factory=dict)  # source value (lower case) → category


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
        ),
    ]
}


def apply_mapping(frame: pl.DataFrame, mapping: Mapping) -> pl.DataFrame:
    """The source frame (with `line`) in canonical columns; unknown source values are listed with
    their line numbers."""
    needed = [
        *mapping.columns.values(),
        *([mapping.category_column] if mapping.category_column else []),
    ]
    missing = [
        c for c in needed if c not in frame.columns and c != mapping.columns.get("source_ref")
    ]
    if missing:
        raise Rejected([Problem(1, "columns_missing", params={"missing": ", ".join(missing)})])
    selected = [pl.col("line")]
    for canonical, source in mapping.columns.items():
        if source in frame.columns:
            selected.append(pl.col(source).cast(pl.Utf8).alias(canonical))
    for canonical, value in mapping.constants.items():
        selected.append(pl.lit(value).alias(canonical))
    if mapping.category_column:
        values = pl.col(mapping.category_column).cast(pl.Utf8).str.strip_chars().str.to_lowercase()
        selected.append(values.replace_strict(mapping.categories, default=None).alias("category"))
        selected.append(pl.col(mapping.category_column).cast(pl.Utf8).alias("_source_category"))
    mapped = frame.select(selected)
    if mapping.category_column:
        unknown = mapped.filter(
            pl.col("category").is_null() & (pl.col("_source_category").fill_null("") != "")
        ).head(1000)
        if unknown.height:
            raise Rejected(
                [
                    Problem(
                        line,
                        "mapping_value_unknown",
                        mapping.category_column,
                        {"value": value, "known": ", ".join(sorted(mapping.categories))},
                    )
                    for line, value in unknown.select("line", "_source_category").iter_rows()
                ]
            )
        mapped = mapped.drop("_source_category")
    # the period may come as a date-time from a spreadsheet ("2024-03-05 00:00:00")
    return mapped.with_columns(pl.col("period").str.slice(0, 10))
