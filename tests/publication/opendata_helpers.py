"""Reading the open data files back as a user's program would: CSV in both dialects, Parquet."""

import csv
import io

import polars as pl

TABLES = ("klimatbokslut", "indikatorer", "mal", "budget")  # public once published
COUNTY = "kommuner"  # the county's public figures: for everyone, never published
SUFFIXES = (".csv", "-utf8.csv", ".parquet")


def table_urls(org: str, table: str) -> list[str]:
    return [f"/offentlig/{org}/data/{table}{suffix}" for suffix in SUFFIXES]


def every_url(org: str) -> list[str]:
    """Every open data URL of the organisation but the county's public figures."""
    return [url for table in TABLES for url in table_urls(org, table)]


def listing_urls(org: str) -> list[str]:
    return [f"/offentlig/{org}/data/", f"/offentlig/{org}/data/datapackage.json"]


def read_excel_csv(data: bytes) -> list[dict[str, str]]:
    """Semicolons, decimal commas, BOM: numbers come back with a point for comparing."""
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def read_utf8_csv(data: bytes) -> list[dict[str, str]]:
    assert not data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def swedish_number(text: str) -> float | None:
    return None if text == "" else float(text.replace(",", "."))


def plain_number(text: str) -> float | None:
    return None if text == "" else float(text)


def read_parquet(data: bytes) -> pl.DataFrame:
    return pl.read_parquet(io.BytesIO(data))
