"""Audited, versioned records: optimistic locking with the other person's values, and history.

A user-edited model inherits `Versioned` (a `version` counter) and keeps `HistoricalRecords()`.
Its service saves through `save_versioned(instance, expected_version=..., by=...)`: the version the
user's form was built from is checked and bumped in one UPDATE, so of two people who opened the
same form the second save is refused with `StaleEdit` (HTTP 409 in the views, the other person's
values shown) instead of silently winning. `history_entries(instance)` lists who changed what.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nettonoll.common.history import changed_by
from nettonoll.common.metrics import metric_get

NOT_SHOWN_IN_HISTORY = {"id", "version", "history_id", "history_date", "history_user"}

# Swedish names for fields declared without a verbose name (mostly links between records)
FIELD_LABELS = {
    "organisation": gettext_lazy("organisation"),
    "node": gettext_lazy("enhet"),
    "indicator": gettext_lazy("indikator"),
    "plan": gettext_lazy("plan"),
    "parent": gettext_lazy("överordnat mål"),
    "factor_set": gettext_lazy("faktoruppsättning"),
    "scope": gettext_lazy("scope"),
    "status": gettext_lazy("status"),
    "agenda2030_targets": gettext_lazy("Agenda 2030-delmål"),
    "quality_objectives": gettext_lazy("miljökvalitetsmål"),
    "goals": gettext_lazy("mål"),
    "indicators": gettext_lazy("indikatorer"),
    "entered_by": gettext_lazy("inlagt av"),
    "created_by": gettext_lazy("skapad av"),
    "changed_by": gettext_lazy("ändrad av"),
    "unit": gettext_lazy("aggregat"),
}


# how a plain field's stored value reads, for fields whose values are keys of something else
FIELD_DISPLAY: dict[str, Callable[[Any], Any]] = {
    "metric_key": lambda key: getattr(metric_get(key), "label", key),
}


def field_label(field: models.Field[Any, Any]) -> str:
    """The field's Swedish name: its verbose name, or a shared name for a plain link field."""
    if str(field.verbose_name) == field.name.replace("_", " ") and field.name in FIELD_LABELS:
        return str(FIELD_LABELS[field.name])
    return str(field.verbose_name)


class Versioned(models.Model):
    """A record edited by people: each save bumps `version`; a stale form is refused."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class FieldValue:
    label: str
    value: str


class StaleEdit(Exception):
    """Someone else saved the record after the user opened it; `current` is what they saved."""

    def __init__(self, current: models.Model | None, *, already_there: bool = False) -> None:
        self.current = current
        if already_there:
            message = _(
                "Någon har redan sparat värden här (se nedan). Din ändring är inte sparad; spara "
                "igen om du vill ersätta dem med dina."
            )
        else:
            message = _(
                "Någon annan har sparat en ändring sedan du öppnade sidan. Din ändring är inte "
                "sparad; se de sparade värdena nedan, och gör om din ändring om den behövs."
            )
        super().__init__(message)

    def values(self) -> list[FieldValue]:
        return record_values(self.current) if self.current is not None else []


def record_values(instance: models.Model) -> list[FieldValue]:
    """The record's editable values with their Swedish labels, as a conflict shows them."""
    fields = [
        f
        for f in instance._meta.concrete_fields
        if f.editable and f.name not in NOT_SHOWN_IN_HISTORY and not f.primary_key
    ]
    values = [FieldValue(field_label(f), _text(getattr(instance, f.attname), f)) for f in fields]
    history = getattr(instance, "history", None)
    latest = history.select_related("history_user").first() if history is not None else None
    if latest is not None:
        values.append(
            FieldValue(
                _("sparat av"),
                f"{latest.history_user or _('systemet')}, {_text(latest.history_date)}",
            )
        )
    return values


def save_versioned(
    instance: Versioned, *, expected_version: int | None, by: Any, update_fields: Any = None
) -> Versioned:
    """Save an edit of an existing record made from a form built at `expected_version` (a new
    record is saved as is). Raises `StaleEdit` when another save came in between."""
    model = type(instance)
    with transaction.atomic():
        if instance.pk is not None and model._default_manager.filter(pk=instance.pk).exists():
            expected = instance.version if expected_version is None else expected_version
            bumped = model._default_manager.filter(pk=instance.pk, version=expected).update(
                version=F("version") + 1
            )
            if bumped != 1:
                raise StaleEdit(model._default_manager.filter(pk=instance.pk).first())
            instance.version = expected + 1
        changed_by(instance, by)
        instance.save(update_fields=update_fields)
    return instance


def add_version_field(form: forms.BaseForm, version: int) -> None:
    """A hidden field carrying the version the form was built from (0: no record yet)."""
    form.fields["version"] = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, initial=version
    )


def conflict_page(
    request: HttpRequest, conflict: StaleEdit, *, back_url: str, typed: dict[str, object]
) -> HttpResponse:
    """409 for a form that normally redirects: the saved values beside what the user typed,
    so nothing typed is lost, and a way back."""
    return render(
        request,
        "conflict.html",
        {"conflict": conflict, "back_url": back_url, "typed": typed},
        status=409,
    )


def refresh_version(form: forms.BaseForm, conflict: StaleEdit) -> None:
    """After a conflict the form keeps what the user typed but carries the saved version, so a
    second, deliberate save (having seen the other values) goes through."""
    data = form.data.copy()  # type: ignore[attr-defined]
    current = conflict.current
    data[form.add_prefix("version")] = str(getattr(current, "version", 0) if current else 0)
    form.data = data


def require_version(current: Versioned | None, expected_version: int | None) -> None:
    """For forms that create or replace a record by key (a value per node and year): the user saw
    `expected_version` (0 or None: no record yet); anything else saved since is a conflict."""
    seen = expected_version or 0
    if (current.version if current is not None else 0) != seen:
        raise StaleEdit(current, already_there=seen == 0)


@dataclass(frozen=True)
class HistoryEntry:
    at: Any
    by: Any
    kind: str
    changes: list[tuple[str, str, str]]


KINDS = {"+": gettext_lazy("skapad"), "~": gettext_lazy("ändrad"), "-": gettext_lazy("borttagen")}


def history_entries(instance: models.Model) -> list[HistoryEntry]:
    """Who changed the record, when, and each field old → new (newest first)."""
    history = getattr(instance, "history", None)
    if history is None:
        return []
    records = list(history.select_related("history_user").order_by("-history_date", "-pk"))
    fields: dict[str, Any] = {f.name: f for f in instance._meta.concrete_fields}
    fields |= {f.name: f for f in instance._meta.many_to_many}
    labels = {name: field_label(f) for name, f in fields.items()}
    for f in instance._meta.concrete_fields:  # foreign keys are diffed by their column
        labels[f.attname] = labels[f.name]
    entries = []
    for record in records:
        previous = record.prev_record
        changes: list[tuple[str, str, str]] = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [
                (
                    labels.get(c.field, c.field),
                    _text(c.old, fields.get(c.field)),
                    _text(c.new, fields.get(c.field)),
                )
                for c in delta.changes
                if c.field not in NOT_SHOWN_IN_HISTORY
            ]
        elif record.history_type == "+":  # what it was created with
            changes = [
                (labels[f.name], "–", _text(getattr(record, f.attname), f))
                for f in instance._meta.concrete_fields
                if f.editable
                and not f.primary_key
                and f.name not in NOT_SHOWN_IN_HISTORY
                and getattr(record, f.attname, None) not in (None, "")
            ]
        entries.append(
            HistoryEntry(
                at=record.history_date,
                by=record.history_user,
                kind=str(KINDS.get(record.history_type, record.history_type)),
                changes=changes,
            )
        )
    return entries


def _linked_names(rows: list[Any], field: Any) -> str:
    """A many-to-many change as the names of the linked records (the history stores the link
    rows: {"goal": 4, "qualityobjective": 1})."""
    related = field.related_model
    key = related._meta.model_name
    ids = [row.get(key) if isinstance(row, dict) else row for row in rows]
    names = {o.pk: str(o) for o in related._default_manager.filter(pk__in=[i for i in ids if i])}
    return ", ".join(names.get(i, "–") for i in ids) or "–"


def _text(value: object, field: models.Field[Any, Any] | None = None) -> str:
    """A value as people read it: the related record's name for a foreign key, the choice's
    label, numbers in the Swedish format."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if field is not None and field.many_to_many and isinstance(value, list):
        return _linked_names(value, field)
    if field is not None and field.name in FIELD_DISPLAY:
        return str(FIELD_DISPLAY[field.name](value))
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else "–"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items()) or "–"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, int) and field is not None and "year" in field.name:
        return str(value)  # a year is not grouped: 2022, not 2 022
    if isinstance(value, Decimal):  # 32.500 is "32,5", 100.000 is "100"
        value = int(value) if value == value.to_integral() else value.normalize()
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = int(value) if isinstance(value, float) and value.is_integer() else value
        return formats.number_format(number, use_l10n=True, force_grouping=True)
    return str(value)


@dataclass(frozen=True)
class HistoryKind:
    """A record type with a history page: its model, a Swedish name, and the node (or the
    organisation, for records about the whole organisation) whose readers may see the history."""

    model: type[models.Model]
    label: Any
    owner: Callable[[Any], Any]
    title: Callable[[Any], str] = str


HISTORY_KINDS: dict[str, HistoryKind] = {}


def history_register(
    kind: str,
    model: type[models.Model],
    label: Any,
    owner: Callable[[Any], Any],
    title: Callable[[Any], str] = str,
) -> None:
    """Declare a history page for `model` at /org/<org>/historik/<kind>/<pk>/; `title` names
    a record in words (not codes) on that page."""
    HISTORY_KINDS[kind] = HistoryKind(model, label, owner, title)


def history_kind_of(instance: models.Model) -> str | None:
    return next((k for k, v in HISTORY_KINDS.items() if isinstance(instance, v.model)), None)
