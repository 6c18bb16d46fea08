"""A date read off a trend decades past the data is shown as a year, not to the day."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/lan/17/", "/lan/17/kommun/1780/", "/lan/01/", "/lan/01/kommun/0180/"]
)
def test_county_and_municipality_pages_show_far_trend_dates_as_years(client_as, url: str) -> None:  # type: ignore[no-untyped-def]
    html = client_as("reader").get(url).content.decode()
    latest = int(re.search(r"data till och med (\d{4})", html).group(1))  # type: ignore[union-attr]
    days = [int(d[:4]) for d in re.findall(r"\b(\d{4}-\d\d-\d\d)\b", html)]
    assert all(year - latest <= 10 for year in days), days
