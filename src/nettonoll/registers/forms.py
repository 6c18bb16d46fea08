"""Forms of the registers, built from each register's declaration (`form_fields`): the model's
rules (`clean()`) show as errors on their fields, the code is checked as the register declares,
and the node is chosen among the nodes the user may edit."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from nettonoll.common import fields as numbers
from nettonoll.common.records import add_version_field
from nettonoll.organisations.models import Node
from nettonoll.registers import selectors, services
from nettonoll.registers.declarations import Register
from nettonoll.registers.models import FlexParticipation, FuelDelivery

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# A register record's validity is its time in service: the base record's "gäller från/till"
# reads as "i drift från/till" (models that name it themselves, like vehicles, keep their words)
IN_SERVICE = {"valid_from": _("I drift från"), "valid_to": _("I drift till")}
GENERIC = {"valid_from": "gäller från", "valid_to": "gäller till"}


def field_label(register: Register, name: str) -> str:
    """A field's name on the register's pages."""
    if name == "node":
        return str(_("Enhet"))
    field: Any = register.model._meta.get_field(name)
    if name in GENERIC and str(field.verbose_name) == GENERIC[name]:
        return str(IN_SERVICE[name])
    return capfirst(str(field.verbose_name))


def _date_widgets(model: type[models.Model], names: tuple[str, ...]) -> dict[str, Any]:
    return {
        name: DATE
        for name in names
        if name != "node" and isinstance(model._meta.get_field(name), models.DateField)
    }


class NodeChoice(forms.ModelChoiceField):
    """A node by its code, shown by name and indented under its parent."""

    def __init__(self, nodes: list[Node], **kwargs: Any) -> None:
        super().__init__(
            queryset=Node.objects.filter(pk__in=[n.pk for n in nodes]).order_by("path"),
            to_field_name="code",
            **kwargs,
        )
        self.top_depth = min((n.depth for n in nodes), default=1)

    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * (obj.depth - self.top_depth)}{obj.name}"


class RecordForm(forms.ModelForm):
    """A register record; `register` and the nodes the user may edit are given."""

    register: Register

    def __init__(self, *args: Any, nodes: list[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code = self.register.code_field
        model_field: Any = self.register.model._meta.get_field(code)
        self.fields[code] = forms.CharField(
            label=capfirst(str(model_field.verbose_name)),
            max_length=100,
            help_text=model_field.help_text,
        )  # the length is checked once the code is normalised (spaces dropped)
        for name, form_field in list(self.fields.items()):
            # another unit (a reuse's receiving unit): any current unit of the organisation
            declared: Any = self.register.model._meta.get_field(name)
            if name != "node" and declared.is_relation and declared.related_model is Node:
                chosen = getattr(self.instance, f"{name}_id", None)
                others = Node.objects.filter(
                    Q(valid_to__isnull=True) | Q(valid_to__gt=datetime.date.today()) | Q(pk=chosen),
                    organisation_id=self.instance.organisation_id,
                )
                self.fields[name] = NodeChoice(
                    list(others),
                    label=form_field.label,
                    required=form_field.required,
                    help_text=form_field.help_text,
                )
                if chosen is not None and name not in (kwargs.get("initial") or {}):
                    self.initial[name] = getattr(self.instance, name).code
        via = self.register.field_of.get(self.register.node_column)
        self.node_via = via if self.register.node_of is not None else None
        if self.node_via is None:
            self.fields["node"] = NodeChoice(nodes, label=_("Enhet"))
        self._limit_references(nodes)
        for name in GENERIC:
            if name in self.fields:
                self.fields[name].label = field_label(self.register, name)
        if (
            self.node_via is None
            and self.instance.node_id is not None
            and "node" not in (kwargs.get("initial") or {})
        ):
            self.initial["node"] = self.instance.node.code  # chosen by code, not by id
        add_version_field(self, self.instance.version if self.instance.pk else 0)

    def _limit_references(self, nodes: list[Node]) -> None:
        """A reference to another record offers the organisation's records only; the one the
        record's node comes from (a solar installation's building) only those on nodes the user
        may edit."""
        for name, field in self.fields.items():
            if name == "node" or not isinstance(field, forms.ModelChoiceField):
                continue
            if field.queryset is None:
                continue
            model: Any = field.queryset.model
            if any(f.name == "organisation" for f in model._meta.fields):
                field.queryset = field.queryset.filter(
                    organisation_id=self.instance.organisation_id
                )
            if name == self.node_via:
                field.queryset = field.queryset.filter(node__in=nodes)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.node_via is not None and data.get(self.node_via) is not None:
            # the node comes from the chosen record (a solar installation's: its building's)
            data["node"] = self.register.node_of(data[self.node_via])  # type: ignore[misc]
            self.instance.node = data["node"]
        code = self.register.code_field
        if data.get(code):
            try:
                data[code] = self.register.code_checked(data[code])
            except ValidationError as error:
                self.add_error(code, error)
                return data
            taken = selectors.code_taken(
                self.register, self.instance.organisation_id, data[code], self.instance.pk
            )
            if taken:
                self.add_error(code, services.code_taken_message(self.register, data[code]))
        return data


FORM_CLASSES: dict[str, type[RecordForm]] = {}


def record_form_class(register: Register) -> type[RecordForm]:
    """The register's form class, from its declaration (built once)."""
    if register.key in FORM_CLASSES:
        return FORM_CLASSES[register.key]
    model = register.model
    decimal_fields = {
        f.name: numbers.DecimalField
        for f in model._meta.concrete_fields
        if isinstance(f, models.DecimalField) and f.name in register.form_fields
    }
    form_class: Any = forms.modelform_factory(
        model,
        form=RecordForm,
        fields=register.form_fields,
        widgets=_date_widgets(model, register.form_fields),
        field_classes=decimal_fields,
        localized_fields=tuple(decimal_fields),
    )
    form_class.register = register
    FORM_CLASSES[register.key] = form_class
    return form_class


class EndForm(forms.Form):
    """Take a record out of service from a day."""

    ended_on = forms.DateField(label=_("Ur drift från"), widget=DATE, initial=datetime.date.today)

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_version_field(self, version)


class DeliveryForm(forms.ModelForm):
    volume_l = numbers.DecimalField(
        label=_("Volym (l)"), max_digits=9, decimal_places=0, localize=True
    )
    renewable_pct = numbers.DecimalField(
        label=_("Förnybar andel (%)"),
        max_digits=5,
        decimal_places=1,
        localize=True,
        min_value=0,
        max_value=100,
    )

    class Meta:
        model = FuelDelivery
        fields = ("delivered_on", "volume_l", "renewable_pct")
        widgets = {"delivered_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_version_field(self, self.instance.version if self.instance.pk else 0)


class FlexForm(forms.ModelForm):
    class Meta:
        model = FlexParticipation
        fields = (
            "market",
            "contracted_kw",
            "duration_h",
            "period_from",
            "period_to",
            "activations",
            "delivered_mwh",
            "revenue_sek",
        )
        widgets = {"period_from": DATE, "period_to": DATE}
        field_classes = {
            "contracted_kw": numbers.DecimalField,
            "duration_h": numbers.DecimalField,
            "delivered_mwh": numbers.DecimalField,
            "revenue_sek": numbers.DecimalField,
        }
        localized_fields = ("contracted_kw", "duration_h", "delivered_mwh", "revenue_sek")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_version_field(self, self.instance.version if self.instance.pk else 0)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("Slutdatumet ligger före startdatumet."))
        if data.get("contracted_kw") is not None and data.get("duration_h") is not None:
            offer = FlexParticipation(
                unit=self.instance.unit,
                contracted_kw=data["contracted_kw"],
                duration_h=data["duration_h"],
            )
            refusal = services.flex_offer_refusal(self.instance.unit, offer)
            if refusal:
                self.add_error("contracted_kw", refusal)
        return data
