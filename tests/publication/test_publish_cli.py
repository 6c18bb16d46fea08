"""`nettonoll publish|unpublish`: nothing is public by default; without --year every year;
unpublishing what is not published changes nothing and is no error; each change is audited."""

import pytest
from click.testing import CliRunner

from nettonoll.cli import main
from nettonoll.publication.models import Publication
from nettonoll.publication.selectors import published_of
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_nothing_is_published_until_a_strategist_publishes_it() -> None:
    region = NodeFactory()
    assert not published_of(region.organisation).anything


def test_publish_a_year_then_every_year_then_unpublish_one_year() -> None:
    organisation = NodeFactory().organisation
    org = organisation.code
    mine = Publication.objects.filter(organisation=organisation)  # the demo publishes too
    run("publish", "--organisation", org, "--what", "klimatbokslut", "--year", "2023")
    published = published_of(organisation)
    assert published.covers("klimatbokslut", 2023)
    assert not published.covers("klimatbokslut", 2022)
    assert not published.covers("budget")
    assert "redan" in run(
        "publish", "--organisation", org, "--what", "klimatbokslut", "--year", "2023"
    )
    run("publish", "--organisation", org, "--what", "klimatbokslut")
    assert mine.filter(what="klimatbokslut").count() == 1
    assert published_of(organisation).covers("klimatbokslut", 1999)
    run("unpublish", "--organisation", org, "--what", "klimatbokslut")
    assert not mine.exists()


def test_unpublishing_what_is_not_published_is_no_error() -> None:
    org = NodeFactory().organisation.code
    output = run("unpublish", "--organisation", org, "--what", "budget", "--year", "2020")
    assert "var inte publicerat" in output
    assert not Publication.objects.filter(organisation__code=org).exists()


def test_publishing_is_recorded_in_history() -> None:
    org = NodeFactory().organisation.code
    run("publish", "--organisation", org, "--what", "budget")
    run("unpublish", "--organisation", org, "--what", "budget")
    kinds = list(
        Publication.history.filter(organisation__code=org)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    )
    assert kinds == ["+", "-"]


def test_an_unknown_organisation_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["publish", "--organisation", "NOPE", "--what", "budget"])
    assert result.exit_code == 1 and "finns inte" in result.output
