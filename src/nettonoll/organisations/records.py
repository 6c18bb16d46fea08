"""Records owned by a node of the tree: the base every register row builds on.

`NodeRecord` is an audited, versioned record (`common.records.Versioned`: optimistic locking,
a history page through `history_register`) that belongs to a node and holds for a period
(`valid_from`–`valid_to`, open-ended when `valid_to` is empty). Its readers and editors follow the
node: the access layer's rule on `record.node`. A concrete model adds its own fields and
`history = HistoricalRecords()`, and declares its history page with `node_record_register`.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nettonoll.common.records import Versioned, history_register
from nettonoll.organisations.models import Node


class NodeRecord(Versioned):
    node = models.ForeignKey(
        Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("enhet")
    )
    valid_from = models.DateField(_("gäller från"), default=datetime.date.today)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Slutdatumet ligger före startdatumet.")})


def valid_on(on: datetime.date | None = None) -> Q:
    """A filter for the records that hold on a day (today when not given)."""
    on = on or datetime.date.today()
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def in_subtree(node: Node) -> Q:
    """A filter for the records of a node and every node below it."""
    return Q(node__organisation_id=node.organisation_id, node__path__startswith=node.path)


def node_record_register(kind: str, model: type[NodeRecord], label: Any, title: Any = str) -> None:
    """A history page for the model, readable by those who may see the record's node."""
    history_register(kind, model, label, lambda record: record.node, title)
