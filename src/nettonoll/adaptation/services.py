"""Writes of climate adaptation: a building's risk for a hazard (versioned, with history; its
measures kept in the history too)."""

from typing import Any

from django.db import transaction

from nettonoll.accounts.models import User
from nettonoll.adaptation.models import ClimateRisk
from nettonoll.common.records import StaleEdit, save_versioned


@transaction.atomic
def risk_save(
    *,
    risk: ClimateRisk,
    measures: Any,
    expected_version: int | None,
    by: User | None = None,
) -> ClimateRisk:
    """Save the risk as set in a form built at `expected_version` (0 or None: a new risk) and its
    measures; raises `StaleEdit` when someone else saved in between."""
    risk.full_clean(exclude=["measures"], validate_unique=False, validate_constraints=False)
    there = ClimateRisk.objects.filter(building=risk.building, hazard=risk.hazard).first()
    if there is not None and not expected_version:
        # the form was opened before anyone assessed the hazard: someone did since
        raise StaleEdit(there, already_there=True)
    if there is not None:
        risk.pk = there.pk
    save_versioned(risk, expected_version=expected_version if there else None, by=by)
    risk.measures.set(measures)
    return risk
