"""Shared fixtures: the demo data set and one logged-in client per demo role."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.demo.loader import demo_load

ROLE_USERS = {
    "administrator": "administrator",
    "strategist": "miljostrateg",
    "manager": "chef",
    "contributor": "medarbetare",
    "reader": "lasare",
    "outsider": "strateg.stockholm",
}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: object) -> None:
    """Argon2 is the installation's hasher (tested on its own); tests hash with MD5 for speed."""
    settings.PASSWORD_HASHERS = [  # type: ignore[attr-defined]
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


@pytest.fixture
def demo(db: None) -> None:
    demo_load()


@pytest.fixture
def client_as(demo: None) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(User.objects.get(username=ROLE_USERS[role]))
        return client

    return make
