"""A backup-power unit's fuel deliveries and flexibility-market participation: add and change
them (versioned; a battery's offer is checked against its reserve for backup)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from nettonoll.accounts.models import User
from nettonoll.common.records import StaleEdit, refresh_version
from nettonoll.organisations.access import access_of
from nettonoll.organisations.models import Role
from nettonoll.registers import services
from nettonoll.registers.declarations import REGISTERS
from nettonoll.registers.forms import DeliveryForm, FlexForm
from nettonoll.registers.models import BackupUnit, FlexParticipation, FuelDelivery
from nettonoll.registers.views import CONTRIBUTORS_ONLY

BACKUP = REGISTERS["backup-power"]


def _unit(request: HttpRequest, org_code: str, unit_id: int) -> BackupUnit:
    """A unit the user may change (404 when they cannot see it, 403 when they may not edit)."""
    access = access_of(request)
    organisation = access.organisation(org_code)
    unit = (
        BackupUnit.objects.select_related("node", "node__organisation")
        .filter(organisation=organisation, pk=unit_id)
        .first()
    )
    if unit is None:
        raise Http404
    access.require(unit.node, Role.CONTRIBUTOR, _(CONTRIBUTORS_ONLY))
    return unit


def _page(
    request: HttpRequest,
    unit: BackupUnit,
    form: ModelForm[Any],
    heading: str,
    saved: Any,
    conflict: StaleEdit | None,
) -> HttpResponse:
    return render(
        request,
        "registers/child_form.html",
        {
            "organisation": unit.node.organisation,
            "register": BACKUP,
            "record": unit,
            "heading": heading,
            "form": form,
            "saved": saved,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.is_bound else 200,
    )


def _save(
    request: HttpRequest,
    unit: BackupUnit,
    form: ModelForm[Any],
    save: Any,
    done: str,
) -> tuple[bool, StaleEdit | None]:
    """Save the form through the service `save`; (saved, conflict)."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    assert isinstance(request.user, User)
    try:
        save(form.instance, expected_version=form.cleaned_data.get("version"), by=request.user)
    except StaleEdit as stale:
        refresh_version(form, stale)
        return False, stale
    except services.RegisterError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return False, None
    messages.success(request, done)
    return True, None


@dataclass(frozen=True)
class ChildKind:
    """A kind of record kept under a backup-power unit: its model, form, saving service and the
    words of its pages (one pair of views serves every kind)."""

    model: type[Any]
    form: type[ModelForm[Any]]
    save: Callable[..., Any]
    saved_text: Any
    new_heading: Any
    edit_heading: Any


DELIVERY = ChildKind(
    FuelDelivery,
    DeliveryForm,
    lambda instance, **kwargs: services.delivery_save(delivery=instance, **kwargs),
    gettext_lazy("Leveransen är sparad."),
    gettext_lazy("Ny bränsleleverans"),
    gettext_lazy("Ändra bränsleleverans"),
)
FLEX = ChildKind(
    FlexParticipation,
    FlexForm,
    lambda instance, **kwargs: services.flex_save(participation=instance, **kwargs),
    gettext_lazy("Deltagandet är sparat."),
    gettext_lazy("Nytt deltagande i flexmarknad"),
    gettext_lazy("Ändra deltagande i flexmarknad"),
)


def _child_new(request: HttpRequest, org_code: str, unit_id: int, kind: ChildKind) -> HttpResponse:
    unit = _unit(request, org_code, unit_id)
    data = request.POST if request.method == "POST" else None
    form = kind.form(data, instance=kind.model(unit=unit))
    saved, _conflict = _save(request, unit, form, kind.save, str(kind.saved_text))
    if saved:
        return redirect("registers:detail", org_code, BACKUP.slug, unit.pk)
    return _page(request, unit, form, str(kind.new_heading), None, None)


def _child_edit(
    request: HttpRequest, org_code: str, unit_id: int, pk: int, kind: ChildKind
) -> HttpResponse:
    unit = _unit(request, org_code, unit_id)
    record = get_object_or_404(kind.model, unit=unit, pk=pk)
    form = kind.form(request.POST if request.method == "POST" else None, instance=record)
    saved, conflict = _save(request, unit, form, kind.save, str(kind.saved_text))
    if saved:
        return redirect("registers:detail", org_code, BACKUP.slug, unit.pk)
    current = kind.model.objects.get(pk=pk)
    return _page(request, unit, form, str(kind.edit_heading), current, conflict)


@login_required
@require_http_methods(["GET", "POST"])
def delivery_new(request: HttpRequest, org_code: str, unit_id: int) -> HttpResponse:
    return _child_new(request, org_code, unit_id, DELIVERY)


@login_required
@require_http_methods(["GET", "POST"])
def delivery_edit(request: HttpRequest, org_code: str, unit_id: int, pk: int) -> HttpResponse:
    return _child_edit(request, org_code, unit_id, pk, DELIVERY)


@login_required
@require_http_methods(["GET", "POST"])
def flex_new(request: HttpRequest, org_code: str, unit_id: int) -> HttpResponse:
    return _child_new(request, org_code, unit_id, FLEX)


@login_required
@require_http_methods(["GET", "POST"])
def flex_edit(request: HttpRequest, org_code: str, unit_id: int, pk: int) -> HttpResponse:
    return _child_edit(request, org_code, unit_id, pk, FLEX)
