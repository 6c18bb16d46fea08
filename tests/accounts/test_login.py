"""Logging in and out, password reset by e-mail, Argon2 hashing and login throttling."""

import re

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client, override_settings

from nettonoll import settings as project_settings
from nettonoll.demo.loader import DEMO_PASSWORD
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_log_in_and_out_with_a_demo_login(demo: None) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "chef", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Regionservice" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_a_wrong_password_gives_a_swedish_message() -> None:
    user = UserFactory()
    page = (
        Client()
        .post("/accounts/login/", {"username": user.username, "password": "fel"})
        .content.decode()
    )
    assert "Ange ett korrekt användarnamn och lösenord" in page


def test_login_is_throttled_after_repeated_failures() -> None:
    user = UserFactory()
    client = Client()
    for _ in range(project_settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": user.username, "password": "fel"})
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


def test_password_reset_by_email_lets_the_user_choose_a_new_password(demo: None) -> None:
    client = Client()
    client.post("/accounts/password-reset/", {"email": "chef@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    new = "ett-nytt-langt-losenord-42"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert client.login is not None
    assert (
        Client().post("/accounts/login/", {"username": "chef", "password": new}).status_code == 302
    )


def test_passwords_are_hashed_with_argon2() -> None:
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        assert make_password("hemligt").startswith("argon2$")
