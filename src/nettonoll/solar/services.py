"""Writes of the solar app: the organisation's target for installed kWp (versioned, history)."""

from django.db import transaction

from nettonoll.accounts.models import User
from nettonoll.common.records import save_versioned
from nettonoll.solar.models import SolarTarget


@transaction.atomic
def target_save(
    *, target: SolarTarget, expected_version: int | None, by: User | None = None
) -> SolarTarget:
    """Save the organisation's target as set in a form built at `expected_version` (a new
    target is saved as is); raises `StaleEdit` when someone else saved in between."""
    target.full_clean(validate_unique=False)
    save_versioned(target, expected_version=expected_version or None, by=by)
    return target
