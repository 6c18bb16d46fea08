"""Register pages, the same for every register (read from its declaration): the registers of an
organisation, a register's list for a node's subtree, a record with its history, new, edit and
taking it out of service. Reading needs a role on the record's node; writing a contributor's."""

import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from nettonoll.accounts.models import User
from nettonoll.common.records import StaleEdit, conflict_page, refresh_version
from nettonoll.organisations.access import Access, access_of
from nettonoll.organisations.models import Node, Organisation, Role
from nettonoll.registers import selectors, services
from nettonoll.registers.declarations import REGISTERS, Register, register_by_slug
from nettonoll.registers.forms import EndForm, RecordForm, field_label, record_form_class
from nettonoll.registers.models import BackupUnit

PAGE_SIZE = 50
# a backup unit's fields that describe only an engine, or only a battery
ENGINE_ONLY = ("hvo100_approved", "tank_l", "test_hours_per_year")
BATTERY_ONLY = ("battery_kwh", "reserved_backup_kwh")
FLEX_SHOWN = ("contracted_kw", "duration_h", "activations", "delivered_mwh", "revenue_sek")
CONTRIBUTORS_ONLY = gettext_noop(
    "Bara medarbetare på enheten och chefer över den kan ändra registret."
)


def optional_url(name: str, *args: object) -> str | None:
    """The URL when the page exists in this installation (None: it does not)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _where(request: HttpRequest, org_code: str, slug: str) -> tuple[Register, Access, Node]:
    """The register, the user's access and where their view of the organisation starts."""
    register = register_by_slug(slug)
    if register is None:
        raise Http404
    access = access_of(request)
    return register, access, access.require_start(access.organisation(org_code))


def _record(request: HttpRequest, org_code: str, slug: str, pk: int) -> tuple[Register, Any]:
    """A record the user may see (404 otherwise)."""
    register, access, start = _where(request, org_code, slug)
    record = selectors.record_get(register, start.organisation, pk)
    if record is None:
        raise Http404
    access.require(record.node)
    return register, record


def keeps_together(register: Register, name: str) -> bool:
    """Dates and numbers are not broken over lines in a list ("2024-07-" / "20")."""
    if name == "node":
        return False
    field: Any = register.model._meta.get_field(name)
    return not field.choices and isinstance(
        field, models.DateField | models.DecimalField | models.IntegerField | models.FloatField
    )


def value_text(record: Any, name: str) -> str:
    """A field's value in words: the node's name, a choice's label, ja/nej, Swedish numbers."""
    if name == "node":
        return str(record.node.name)
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(getattr(record, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, int) and "year" in name:  # a year is no quantity: 1972, not 1 972
        return str(value)
    if isinstance(value, Decimal | int):
        number = value.normalize() if isinstance(value, Decimal) else value
        if isinstance(number, Decimal) and number == number.to_integral():
            number = int(number)
        return formats.number_format(number, use_l10n=True, force_grouping=True)
    return str(value)


@login_required
def register_index(request: HttpRequest, org_code: str) -> HttpResponse:
    access = access_of(request)
    organisation = access.organisation(org_code)
    start = access.require_start(organisation)
    counts = selectors.in_service_counts(start)
    groups: dict[str, list[tuple[Register, int]]] = {}
    for key, register in REGISTERS.items():
        groups.setdefault(family_name(register), []).append((register, counts[key]))
    return render(
        request,
        "registers/index.html",
        {
            "organisation": organisation,
            "start": start,
            "groups": list(groups.items()),
            "today": datetime.date.today(),
        },
    )


def family_name(register: Register) -> str:
    """The heading a register is listed under: its app's name (the fleet registers' app is
    "Register", so they are named for what they hold)."""
    config = register.model._meta.app_config
    if config is None or config.label == "registers":
        return _("Fordon, laddplatser och reservkraft")
    return str(config.verbose_name)


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return datetime.date.today()


@login_required
def register_list(request: HttpRequest, org_code: str, slug: str) -> HttpResponse:
    register, access, start = _where(request, org_code, slug)
    organisation = start.organisation
    node = access.node_from_query(request, start)
    show_all = request.GET.get("all") == "1" or not register.list_on_day
    on = _day(request.GET.get("on", ""))
    filters = []
    chosen: dict[str, str] = {}
    for name in register.filters:
        choices = selectors.filter_choices(register, name)
        value = request.GET.get(name, "")
        valid = {str(v) for v, _label in choices or ()}
        chosen[name] = value if value in valid else ""
        filters.append((name, field_label(register, name), choices, chosen[name]))
    descending = request.GET.get("sort") == "-code"
    records = selectors.register_records(
        register, node, on=None if show_all else on, filters=chosen, descending=descending
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k not in ("page", "sort") and v}
    root = access.root(organisation)
    together = {f: keeps_together(register, f) for f in register.list_fields}
    export_url = optional_url("register_imports:export", org_code, slug, "xlsx")
    return render(
        request,
        "registers/list.html",
        {
            "organisation": organisation,
            "register": register,
            "node": node,
            "breadcrumbs": access.crumbs(node),
            "nodes": selectors.visible_nodes(start),
            "filters": filters,
            "on": on,
            "show_all": show_all,
            "descending": descending,
            "columns": [
                str(register.column_labels.get(f) or field_label(register, f))
                for f in register.list_fields
            ],
            "rows": [
                (r, [(value_text(r, f), together[f]) for f in register.list_fields]) for r in page
            ],
            "page": page,
            "query": urlencode(query),
            "sort_query": urlencode(query | ({} if descending else {"sort": "-code"})),
            "can_add": bool(selectors.editable_nodes(access, node)),
            # the export gives what the reader may see: the listed node's subtree
            "export_url": f"{export_url}?{urlencode({'node': node.code})}"
            if export_url and access.can_view(node)
            else None,
            "import_url": optional_url("register_imports:import", org_code, slug)
            if access.has(root, Role.STRATEGIST)
            else None,
        },
    )


def detail_page(
    request: HttpRequest,
    register: Register,
    record: Any,
    *,
    end_form: EndForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """A record's page: its values in words, and what the user may do with it."""
    access = access_of(request)
    can_edit = access.has(record.node, Role.CONTRIBUTOR)
    in_service = record.valid_to is None or record.valid_to > datetime.date.today()
    if end_form is None and can_edit and in_service and register.endable:
        end_form = EndForm(version=record.version)
    is_battery = isinstance(record, BackupUnit) and record.is_battery
    left_out = (
        (ENGINE_ONLY if is_battery else BATTERY_ONLY) if isinstance(record, BackupUnit) else ()
    )
    shown_fields = [f for f in register.form_fields if f not in left_out]
    context: dict[str, object] = {
        "organisation": record.node.organisation,
        "register": register,
        "record": record,
        "breadcrumbs": access.crumbs(record.node),
        "title_label": _("batteri") if is_battery else register.label,
        "facts": [(field_label(register, f), value_text(record, f)) for f in shown_fields],
        "can_edit": can_edit,
        "end_form": end_form if can_edit and register.endable else None,
        "links": list(register.links(record)) if register.links is not None else [],
    }
    if isinstance(record, BackupUnit):
        context["deliveries"] = [
            (d, value_text(d, "volume_l"), value_text(d, "renewable_pct"))
            for d in record.deliveries.all()
        ]
        context["flex"] = [
            (p, {f: value_text(p, f) for f in FLEX_SHOWN}) for p in record.flex.all()
        ]
    return render(request, "registers/detail.html", context, status=status)


@login_required
def register_detail(request: HttpRequest, org_code: str, slug: str, pk: int) -> HttpResponse:
    register, record = _record(request, org_code, slug, pk)
    if register.page is not None:  # the register's own page shows the record
        return redirect(register.page(record))
    return detail_page(request, register, record)


def _form_page(
    request: HttpRequest,
    register: Register,
    organisation: Organisation,
    form: RecordForm,
    record: Any,
    conflict: StaleEdit | None = None,
) -> HttpResponse:
    return render(
        request,
        "registers/form.html",
        {
            "organisation": organisation,
            "register": register,
            "record": record,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


def _refused(form: RecordForm, error: services.RegisterError | ValidationError) -> None:
    if isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(error.field if error.field in form.fields else None, str(error))


@login_required
@require_http_methods(["GET", "POST"])
def register_new(request: HttpRequest, org_code: str, slug: str) -> HttpResponse:
    register, access, start = _where(request, org_code, slug)
    nodes = selectors.editable_nodes(access, start)
    if not nodes:
        access.require(start, Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
        raise PermissionDenied(_(CONTRIBUTORS_ONLY))  # an ended start node: nowhere to add
    chosen = request.GET.get("node", "")
    initial = {"node": chosen if any(n.code == chosen for n in nodes) else nodes[0].code}
    record = register.model(organisation=start.organisation)  # type: ignore[misc]
    form = record_form_class(register)(
        request.POST if request.method == "POST" else None,
        instance=record,
        nodes=nodes,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        access.require(form.cleaned_data["node"], Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
        try:
            services.record_create(register=register, record=form.instance, by=_user(request))
        except (services.RegisterError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(record)s är sparat.") % {"record": form.instance})
            return redirect("registers:detail", org_code, slug, form.instance.pk)
    return _form_page(request, register, start.organisation, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def register_edit(request: HttpRequest, org_code: str, slug: str, pk: int) -> HttpResponse:
    register, record = _record(request, org_code, slug, pk)
    access = access_of(request)
    access.require(record.node, Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
    start = access.require_start(record.organisation)
    nodes = selectors.editable_nodes(access, start)
    if record.node not in nodes:
        nodes.append(record.node)
    form = record_form_class(register)(
        request.POST if request.method == "POST" else None, instance=record, nodes=nodes
    )
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        access.require(form.cleaned_data["node"], Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
        try:
            services.record_update(
                register=register,
                record=form.instance,
                expected_version=form.cleaned_data.get("version"),
                by=_user(request),
            )
        except StaleEdit as stale:
            conflict = stale
            refresh_version(form, stale)
        except (services.RegisterError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(record)s är sparat.") % {"record": form.instance})
            return redirect("registers:detail", org_code, slug, record.pk)
    saved = selectors.record_get(register, record.organisation, record.pk)  # as saved, not typed
    return _form_page(request, register, record.organisation, form, saved, conflict)


@login_required
@require_POST
def register_end(request: HttpRequest, org_code: str, slug: str, pk: int) -> HttpResponse:
    """Take the record out of service from a day (it stays in the register and its history)."""
    register, record = _record(request, org_code, slug, pk)
    access_of(request).require(record.node, Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
    form = EndForm(request.POST, version=record.version)
    if form.is_valid():
        ended_on = form.cleaned_data["ended_on"]
        try:
            services.record_end(
                record=record,
                ended_on=ended_on,
                expected_version=form.cleaned_data.get("version"),
                by=_user(request),
            )
        except StaleEdit as stale:
            back = reverse("registers:detail", args=[org_code, slug, pk])
            typed: dict[str, object] = {
                _("Ur drift från"): formats.date_format(ended_on, "SHORT_DATE_FORMAT")
            }
            return conflict_page(request, stale, back_url=back, typed=typed)
        except services.RegisterError as error:
            form.add_error("ended_on", str(error))
        else:
            messages.success(
                request,
                _("%(record)s är ur drift från %(date)s.")
                % {"record": record, "date": formats.date_format(ended_on, "SHORT_DATE_FORMAT")},
            )
            return redirect("registers:detail", org_code, slug, pk)
        record.refresh_from_db()
    return detail_page(request, register, record, end_form=form, status=400)
