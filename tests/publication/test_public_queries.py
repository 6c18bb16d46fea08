"""The public pages are read from aggregates: a bounded number of queries per page, whatever
the number of klimatbokslut rows (sums in the database, no per-row recomputation)."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nettonoll.plans.models import Plan

pytestmark = pytest.mark.django_db

MAX_QUERIES = 40


def test_every_public_page_answers_in_a_bounded_number_of_queries(
    client_as: Callable[[str], Client],
) -> None:
    plan = Plan.objects.get(organisation__code="RV")
    anonymous = client_as("anonymous")
    counts = {}
    for url in [
        "/offentlig/RV/",
        f"/offentlig/RV/mal/{plan.pk}/",
        "/offentlig/RV/indikatorer/",
        "/offentlig/RV/klimatbokslut/",
        "/offentlig/RV/klimatbokslut/2023/",
        "/offentlig/RV/koldioxidbudget/",
        "/offentlig/lan/17/",
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert anonymous.get(url).status_code == 200
        counts[url] = len(queries)
    print(counts)  # the figures for the closing note
    assert max(counts.values()) <= MAX_QUERIES, counts
