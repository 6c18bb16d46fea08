"""Clients that call the API with a bearer key: a personal key of a demo role's user, or a
service key of an organisation. The rate limits' counters start empty in every test."""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.organisations.api_keys import create_personal_key, create_service_key
from nettonoll.organisations.models import Organisation
from tests.conftest import ROLE_USERS


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def personal_key(demo: None) -> Callable[[str], str]:
    def make(role: str) -> str:
        user = User.objects.get(username=ROLE_USERS[role])
        return create_personal_key(user, f"test-{role}")[1]

    return make


@pytest.fixture
def service_key(demo: None) -> Callable[[str], str]:
    def make(org_code: str = "RJH") -> str:
        return create_service_key(Organisation.objects.get(code=org_code), "test")[1]

    return make


@pytest.fixture
def bearer() -> Callable[[str], Client]:
    def make(raw_key: str) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw_key}")

    return make
