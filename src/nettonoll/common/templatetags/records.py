"""`{% load records %}{{ record|history_url }}`: the link to a record's history page."""

from django import template
from django.db import models
from django.urls import reverse

from nettonoll.common.records import HISTORY_KINDS, history_kind_of

register = template.Library()


@register.filter
def history_url(record: models.Model | None) -> str:
    kind = history_kind_of(record) if record is not None and record.pk else None
    if record is None or kind is None:
        return ""
    owner = HISTORY_KINDS[kind].owner(record)
    organisation = getattr(owner, "organisation", owner)
    return reverse("organisations:record_history", args=[organisation.code, kind, record.pk])
