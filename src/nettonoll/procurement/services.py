"""Writes of procurement requirements from the web: add or change a requirement, record its
follow-up. Every save is versioned (a stale form raises `StaleEdit`) and kept in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nettonoll.accounts.models import User
from nettonoll.common.records import save_versioned
from nettonoll.procurement.models import Requirement


class RequirementError(ValueError):
    """A rule was broken; the message is for the user, `field` the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _checked(requirement: Requirement) -> None:
    requirement.requirement_code = " ".join(requirement.requirement_code.split())
    taken = (
        Requirement.objects.filter(
            procurement_id=requirement.procurement_id,
            requirement_code__iexact=requirement.requirement_code,  # k1 is K1 typed again
        )
        .exclude(pk=requirement.pk)
        .first()
    )
    if taken is not None:
        raise RequirementError(
            _("Upphandlingen har redan ett krav med nummer %(code)s.")
            % {"code": taken.requirement_code},
            "requirement_code",
        )
    requirement.full_clean(exclude=["procurement"], validate_unique=False)


@transaction.atomic
def requirement_save(
    *, requirement: Requirement, expected_version: int | None, by: User | None = None
) -> Requirement:
    """Add or change a procurement's requirement (its follow-up included)."""
    _checked(requirement)
    save_versioned(requirement, expected_version=expected_version, by=by)
    return requirement


__all__ = ["RequirementError", "ValidationError", "requirement_save"]
