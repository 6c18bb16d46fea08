"""Swedish names, not codes: the klimatbokslut page, every drill-down and the PDF's text show
no category code (`spend.average`, `medical_gas.nitrous_oxide`) where a name belongs."""

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from nettonoll.emissions import selectors
from nettonoll.emissions.models import InventoryResult
from nettonoll.organisations.models import Node

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


class _Text(HTMLParser):
    """The text a reader sees (not links' addresses, not scripts)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in ("title", "aria-label", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def codes_in(text: str, codes: set[str]) -> set[str]:
    return {c for c in codes if re.search(rf"(?<![\w.]){re.escape(c)}(?![\w.])", text)}


def test_no_category_code_on_the_klimatbokslut_drill_down_or_pdf(client_as: ClientAs) -> None:
    codes = set(InventoryResult.objects.values_list("category", flat=True))
    assert {"spend.average", "medical_gas.nitrous_oxide"} & codes
    client = client_as("administrator")
    seen: dict[str, set[str]] = {}
    for organisation in ("RJH", "RST"):
        root = Node.objects.get(organisation__code=organisation, code=organisation)
        years = selectors.inventory_view(root, None).years
        for year in years:
            url = f"/org/{organisation}/klimatbokslut/?year={year}"
            page = client.get(url).content.decode()
            seen[url] = codes_in(visible(page), codes)
            for link in sorted(set(re.findall(r'href="([^"]*/drill/[^"]*)"', page))):
                drill_url = link.replace("&amp;", "&")
                drill = client.get(drill_url)
                assert drill.status_code == 200, drill_url
                seen[drill_url] = codes_in(visible(drill.content.decode()), codes)
            view = selectors.inventory_view(root, year)
            report = render_to_string(  # the PDF's HTML: WeasyPrint prints exactly this text
                "emissions/report.html",
                {
                    "organisation": root.organisation,
                    "node": root,
                    "view": view,
                    "chart": {"bars": []},
                    "factors": selectors.factors_used(root, year),
                    "generated_at": timezone.now(),
                },
            )
            seen[f"PDF {organisation} {year}"] = codes_in(visible(report), codes)
    assert len(seen) > 10
    assert {where: found for where, found in seen.items() if found} == {}


def test_the_pdf_header_names_the_region_once_for_the_whole_organisation() -> None:
    root = Node.objects.get(organisation__code="RJH", code="RJH")
    unit = Node.objects.get(organisation__code="RJH", code="RS-SERV")
    headers = {}
    for node in (root, unit):
        view = selectors.inventory_view(node, 2024)
        report = render_to_string(
            "emissions/report.html",
            {
                "organisation": node.organisation,
                "node": node,
                "view": view,
                "chart": {"bars": []},
                "factors": [],
                "generated_at": timezone.now(),
            },
        )
        headers[node.code] = visible(report.split('<p class="meta">')[1].split("</p>")[0])
    assert headers["RJH"].count("Region Jämtland Härjedalen") == 1
    assert "Region Jämtland Härjedalen · Regionservice" in headers["RS-SERV"]
