"""The API keys pages: a user makes a personal key (shown once), sees it listed by its start,
and revokes it; an organisation's administrators do the same with service keys, others may not."""

from collections.abc import Callable

import pytest
from django.test import Client

from nettonoll.organisations.api_keys import key_from_raw
from nettonoll.organisations.models import ApiKey

pytestmark = pytest.mark.django_db


def _shown_key(html: str) -> str:
    start = html.index('value="nn_') + len('value="')
    return html[start : html.index('"', start)]


def test_a_personal_key_is_shown_once_listed_by_its_start_and_revoked(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("reader")
    made = client.post("/accounts/api-nycklar/", {"name": "Mitt skript"})
    assert made.status_code == 200
    raw = _shown_key(made.content.decode())
    key = key_from_raw(raw)
    assert key is not None and key.user is not None and key.user.username == "lasare"
    assert "no-store" in made["Cache-Control"] or "no-cache" in made["Cache-Control"]
    listed = client.get("/accounts/api-nycklar/").content.decode()
    assert key.prefix in listed and raw not in listed and "Mitt skript" in listed
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/organisations/RJH/").status_code == 200
    revoked = client.post(f"/accounts/api-nycklar/{key.pk}/aterkalla/", follow=True)
    assert "är återkallad" in revoked.content.decode()
    assert api.get("/api/v1/organisations/RJH/").status_code == 401
    again = client.post("/accounts/api-nycklar/", {"name": " "})
    assert again.status_code == 400 and "Ge nyckeln ett namn" in again.content.decode()


def test_another_users_key_cannot_be_revoked(client_as: Callable[[str], Client]) -> None:
    client_as("reader").post("/accounts/api-nycklar/", {"name": "Läsarens"})
    key = ApiKey.objects.get(name="Läsarens")
    response = client_as("strategist").post(f"/accounts/api-nycklar/{key.pk}/aterkalla/")
    assert response.status_code == 404
    assert ApiKey.objects.get(pk=key.pk).revoked_at is None


def test_administrators_manage_service_keys_others_may_not(
    client_as: Callable[[str], Client],
) -> None:
    admin = client_as("administrator")
    assert "/org/RJH/api-nycklar/" in admin.get("/accounts/api-nycklar/").content.decode()
    assert "/org/RJH/api-nycklar/" in admin.get("/org/RJH/").content.decode()
    made = admin.post("/org/RJH/api-nycklar/", {"name": "Power BI"})
    assert made.status_code == 200
    key = key_from_raw(_shown_key(made.content.decode()))
    assert key is not None and key.kind == "service" and key.organisation is not None
    assert client_as("strategist").post("/org/RJH/api-nycklar/", {"name": "x"}).status_code == 403
    assert client_as("outsider").get("/org/RJH/api-nycklar/").status_code == 404
    assert "/org/RJH/api-nycklar/" not in client_as("strategist").get("/org/RJH/").content.decode()
    admin.post(f"/org/RJH/api-nycklar/{key.pk}/aterkalla/")
    assert key_from_raw(_shown_key(made.content.decode())) is None
