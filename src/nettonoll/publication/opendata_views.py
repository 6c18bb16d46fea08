"""Open data downloads, without login: only what the organisation has published (decision
0017); an unknown organisation, a table not published and a format not offered answer 404. A
logged-in visitor gets the same as anyone."""

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy

from nettonoll.organisations.models import Organisation
from nettonoll.organisations.selectors import organisation_root
from nettonoll.publication import public_views
from nettonoll.publication.opendata import (
    BOOLEAN,
    INTEGER,
    NUMBER,
    STRING,
    open_table,
    open_tables,
)
from nettonoll.publication.opendata_files import (
    FORMATS,
    LICENSE,
    WRITERS,
    datapackage,
    file_name,
)
from nettonoll.publication.selectors import published_of

TYPE_LABELS = {
    INTEGER: gettext_lazy("heltal"),
    NUMBER: gettext_lazy("decimaltal"),
    STRING: gettext_lazy("text"),
    BOOLEAN: gettext_lazy("sant/falskt"),
}
FORMAT_LABELS = {
    "csv": gettext_lazy("CSV för Excel"),
    "csv-utf8": gettext_lazy("CSV UTF-8"),
    "parquet": gettext_lazy("Parquet"),
}
MAX_AGE_S = 300  # an unpublished table leaves shared caches within five minutes


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=MAX_AGE_S)
    return response


def _organisation(org_code: str) -> Organisation:
    return get_object_or_404(Organisation, code=org_code)


def _public_nav(organisation: Organisation) -> dict[str, Any]:
    """The public pages' header (the organisation's published sections), or, when it publishes
    nothing, a header without the link to its (then missing) public start page."""
    root = organisation_root(organisation)
    published = published_of(organisation)
    if root is None or not published.anything:
        return {"no_public_start": True}
    return public_views.context_of(organisation, published, root)


def index(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = _organisation(org_code)
    tables = open_tables(organisation)
    if not tables:
        raise Http404
    listed = [
        (
            table,
            [
                (
                    FORMAT_LABELS[f],
                    reverse(f"opendata:{f}", args=[org_code, table.name]),
                    file_name(table.name, f),
                )
                for f in FORMATS
            ],
            [(c, TYPE_LABELS[c.type]) for c in table.definition.columns],
        )
        for table in tables
    ]
    context = {
        **_public_nav(organisation),
        "organisation": organisation,
        "tables": listed,
        "datapackage_url": reverse("opendata:datapackage", args=[org_code]),
        "license": LICENSE["title"],
    }
    return _public(render(request, "publication/opendata/index.html", context))


def download(request: HttpRequest, org_code: str, table: str, file_format: str) -> HttpResponse:
    found = open_table(_organisation(org_code), table)
    if found is None:
        raise Http404
    name = file_name(table, file_format)
    response = HttpResponse(WRITERS[file_format](found), content_type=FORMATS[file_format][1])
    response["Content-Disposition"] = f'attachment; filename="{org_code.lower()}-{name}"'
    return _public(response)


def package(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = _organisation(org_code)
    tables = open_tables(organisation)
    if not tables:
        raise Http404
    homepage = request.build_absolute_uri(reverse("opendata:index", args=[org_code]))
    body = json.dumps(datapackage(organisation, tables, homepage), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return _public(response)
