"""Writes of the solar app: the organisation's target for installed kWp (versioned, history)."""

from django.db import transaction

from nettonoll.accounts.models import User
from nettonoll.common.records import StaleEdit, save_versioned
from nettonoll.solar.models import SolarTarget


@transaction.atomic
def target_save(
    *, target: SolarTarget, expected_version: int | None, by: User | None = None
) -> SolarTarget:
    """Save the organisation's target as set in a form built at `expected_version` (a new
    target is saved as is); raises `StaleEdit` when someone else saved in between."""
    target.full_clean(validate_unique=False)
    there = SolarTarget.objects.filter(organisation_id=target.organisation_id).first()
    if there is not None and not expected_version:
        # the form was opened before anyone set a target: someone did since
        raise StaleEdit(there, already_there=True)
    if there is not None:
        target.pk = there.pk
    save_versioned(target, expected_version=expected_version if there else None, by=by)
    return target
