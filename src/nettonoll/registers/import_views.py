"""The registers' import and export pages: a file in the columns of the register's spec, all or
nothing (strategists and administrators at the organisation's root), and the register's rows of
the reader's part of the tree as XLSX or CSV."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.common.fields import UploadField
from nettonoll.common.tablespec import ImportResult
from nettonoll.common.tableviews import table_download, table_import_page
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Node, Role
from nettonoll.registers.tables import Table, table_by_slug, table_import, table_rows

IMPORT_INTRO = gettext_lazy(
    "Filen ska ha rubrikraden %(columns)s. Finns koden redan i organisationen ändras posten "
    "(historiken sparas); nya koder läggs till, och poster som inte finns i filen lämnas som de "
    "är. Importen är allt eller inget: är någon rad fel sparas ingenting."
)


class RegisterImportForm(forms.Form):
    file = UploadField(
        label=gettext_lazy("Fil (CSV eller XLSX)"),
        help_text=gettext_lazy("Semikolon eller komma, UTF-8 eller Windows-1252."),
    )


def _register(slug: str) -> Table:
    register = table_by_slug(slug)
    if register is None:
        raise Http404(_("Registret finns inte."))
    return register


@login_required
@require_http_methods(["GET", "POST"])
def register_import_page(request: HttpRequest, org_code: str, slug: str) -> HttpResponse:
    """Import a register from a file and show the counts, or every problem with its line."""
    register = _register(slug)
    access = access_of(request)
    organisation = access.organisation(org_code)
    root = access.require_root(
        organisation,
        Role.STRATEGIST,
        _("Bara miljöstrateger och administratörer kan importera register."),
    )
    form = RegisterImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    user = request.user if isinstance(request.user, User) else None

    def run(_form: forms.Form, data: bytes, filename: str) -> ImportResult:
        return table_import(
            register.key, organisation_code=organisation.code, data=data, filename=filename, by=user
        )

    export = reverse("register_imports:export", args=[organisation.code, register.slug, "xlsx"])
    context = {
        "organisation": organisation,
        "heading": _("Importera %(register)s för %(name)s")
        % {"register": str(register.label_plural).lower(), "name": organisation.name},
        "intro": IMPORT_INTRO % {"columns": ", ".join(register.spec.headers)},
        "back": (
            reverse("organisations:node", args=[organisation.code, root.code]),
            _("Tillbaka till %(name)s") % {"name": root.name},
        ),
        "templates": {register.slug: (register.spec, register.label_plural)},
        "links": list(links(organisation))
        if (links := getattr(register, "import_links", None))
        else [],
        "downloads": [
            (export, _("%(register)s (XLSX)") % {"register": register.label_plural}),
            (
                export[: -len("xlsx")] + "csv",
                _("%(register)s (CSV)") % {"register": register.label_plural},
            ),
        ],
    }
    return table_import_page(request, form, run, context)


def _export_name(org_code: str, node: Node, slug: str) -> str:
    """`RJH-fordon` for the organisation's root, `RJH-RS-STAB-fordon` for another node."""
    return f"{org_code}-{slug}" if node.is_root() else f"{org_code}-{node.code}-{slug}"


@login_required
def register_export(
    request: HttpRequest, org_code: str, slug: str, file_format: str
) -> HttpResponse:
    """The register's records of the reader's start node's subtree (or of `?node=CODE` below it)
    in the import's columns."""
    register = _register(slug)
    access = access_of(request)
    organisation = access.organisation(org_code)
    node = access.node_from_query(request, access.require_start(organisation))
    rows = table_rows(register.key, organisation, node)
    return table_download(
        register.spec, rows, _export_name(organisation.code, node, slug), file_format
    )
