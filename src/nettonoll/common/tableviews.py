"""The web side of table specs: one import page (run an import from an uploaded file, show the
counts or the problems grouped by cause, status 400 on problems) and one download of rows in a
spec's columns as XLSX or CSV. Views check access first, then call these."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nettonoll.calc.problems import Rejected
from nettonoll.common.problems import problem_context
from nettonoll.common.tablespec import FORMATS, TableSpec

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_import_page(
    request: HttpRequest,
    form: forms.Form,
    run: Callable[[forms.Form, bytes, str], Any],
    context: Mapping[str, object],
) -> HttpResponse:
    """`form` has a `file` field; `run(form, data, filename)` imports it (an `ImportResult` with
    created/updated/unchanged, or `Rejected`). `context`: `heading`, `intro`, and optionally
    `back` (url, label), `result_link` (url, label), `downloads` [(url, label)], `templates`
    {key: (spec, label)}: empty files to fill in, from the same spec the import reads
    (`?mall=<key>&format=xlsx|csv`)."""
    templates: Mapping[str, tuple[TableSpec, object]] = context.get("templates") or {}  # type: ignore[assignment]
    chosen = request.GET.get("mall")
    if request.method == "GET" and chosen is not None:
        file_format = request.GET.get("format", "xlsx")
        if chosen not in templates or file_format not in FORMATS:
            raise Http404
        empty = templates[chosen][0].template(file_format, example=False)
        return _attachment(empty, f"mall-{chosen}", file_format)
    problems: dict[str, object] = {}
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = run(form, upload.read(), upload.name)
        except Rejected as rejected:
            problems = problem_context(rejected)
    status = 400 if problems or (form.is_bound and not form.is_valid()) else 200
    page = {
        **context,
        "form": form,
        **problems,
        "result": result,
        "template_links": [(key, label) for key, (_spec, label) in templates.items()],
    }
    if result is not None and callable(context.get("result_link")):
        page["result_link"] = context["result_link"](result)  # type: ignore[operator]
    return render(request, "table_import.html", page, status=status)


def table_download(
    spec: TableSpec, rows: Iterable[Sequence[object]], filename: str, file_format: str
) -> HttpResponse:
    """Rows in the spec's columns as an attachment `filename.<format>` (404 for another
    format); cells that look like formulas are neutralised."""
    if file_format not in FORMATS:
        raise Http404
    return _attachment(spec.write(rows, file_format), filename, file_format)


def _attachment(data: bytes, filename: str, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
