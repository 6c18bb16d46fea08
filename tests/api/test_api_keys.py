"""API keys: `nettonoll apikey create` prints a service key once (the last line alone), it is
stored only as a hash, and it gives read access to its own organisation and nothing else."""

import hashlib

import pytest
from click.testing import CliRunner
from django.http import Http404

from nettonoll.cli import main
from nettonoll.organisations.api_keys import (
    access_for_key,
    create_personal_key,
    key_from_raw,
    revoke_key,
)
from nettonoll.organisations.models import ApiKey, Role
from tests.factories import NodeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_apikey_create_prints_the_key_alone_on_its_last_line_and_stores_only_its_hash() -> None:
    region = NodeFactory()
    result = CliRunner().invoke(
        main, ["apikey", "create", "--organisation", region.organisation.code, "--name", "BI"]
    )
    assert result.exit_code == 0, result.output
    raw = result.output.strip().splitlines()[-1]
    assert raw.startswith("nn_") and " " not in raw and len(raw) > 40
    key = ApiKey.objects.get(name="BI")
    assert key.key_sha256 == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(list(ApiKey.objects.values_list()))
    assert key_from_raw(raw) == key


def test_a_service_key_reads_its_organisation_only_and_writes_nothing() -> None:
    region = NodeFactory()
    unit = NodeFactory(parent=region)
    other = NodeFactory()
    output = (
        CliRunner()
        .invoke(
            main, ["apikey", "create", "--organisation", region.organisation.code, "--name", "x"]
        )
        .output
    )
    key = key_from_raw(output.strip().splitlines()[-1])
    assert key is not None
    access = access_for_key(key)
    assert access.is_service
    assert access.can_view(unit) and access.can_view(region)
    assert not access.can_view(other)
    assert not access.has(unit, Role.CONTRIBUTOR)
    with pytest.raises(Http404):
        access.organisation(other.organisation.code)


def test_a_revoked_key_no_longer_opens_anything() -> None:
    region = NodeFactory()
    runner = CliRunner()
    raw = (
        runner.invoke(
            main, ["apikey", "create", "--organisation", region.organisation.code, "--name", "BI"]
        )
        .output.strip()
        .splitlines()[-1]
    )
    revoked = runner.invoke(
        main, ["apikey", "revoke", "--organisation", region.organisation.code, "--name", "BI"]
    )
    assert revoked.exit_code == 0, revoked.output
    assert key_from_raw(raw) is None
    again = runner.invoke(
        main, ["apikey", "revoke", "--organisation", region.organisation.code, "--name", "BI"]
    )
    assert again.exit_code == 1 and "ingen giltig tjänstenyckel" in again.output


def test_a_personal_key_acts_with_its_users_roles() -> None:
    region = NodeFactory()
    unit = NodeFactory(parent=region)
    user = UserFactory(roles=[(unit, Role.CONTRIBUTOR)])
    key, raw = create_personal_key(user, "skript")
    access = access_for_key(key_from_raw(raw))  # type: ignore[arg-type]
    assert not access.is_service
    assert access.has(unit, Role.CONTRIBUTOR) and not access.can_view(region)
    user.is_active = False
    user.save()
    assert key_from_raw(raw) is None
    assert revoke_key(key) and not revoke_key(key)


def test_an_unknown_or_malformed_key_opens_nothing() -> None:
    assert key_from_raw("") is None
    assert key_from_raw("nn_" + "x" * 43) is None
    assert key_from_raw("Bearer something") is None
