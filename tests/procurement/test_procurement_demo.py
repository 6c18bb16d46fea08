"""The demo's procurements: every demo region has procurements 2022–2026 with requirements that
keep the register's rules, some follow-ups overdue, and loading again adds nothing."""

import datetime

import pytest

from nettonoll.demo.procurement import demo_procurement_load
from nettonoll.procurement.models import Procurement, Requirement

pytestmark = pytest.mark.django_db


def test_every_demo_region_has_procurements_with_requirements_and_overdue_follow_ups(
    demo: None,
) -> None:
    today = datetime.date.today()
    for code in ("RJH", "RV", "RST"):
        procurements = Procurement.objects.filter(organisation__code=code)
        years = {p.decided_on.year for p in procurements}
        assert years == {2022, 2023, 2024, 2025, 2026}
        requirements = Requirement.objects.filter(procurement__organisation__code=code)
        assert requirements.count() > procurements.count()
        assert any(r.is_overdue for r in requirements)
        for r in requirements:
            assert not r.result or r.followed_up_on is not None
            assert r.followed_up_on is None or r.followed_up_on <= today
            r.full_clean(exclude=["procurement"])
    before = Requirement.objects.count()
    assert demo_procurement_load() == 0
    assert Requirement.objects.count() == before
