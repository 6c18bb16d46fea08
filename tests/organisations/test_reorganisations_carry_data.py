"""A reorganisation carries the units' data: goals, activities, open-round reports, indicator
values, headcounts, grants and klimatbokslut follow the old → new mapping (issue 10, item 4)."""

import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.emissions.models import ActivityAggregate, ImportBatch, InventoryResult
from nettonoll.emissions.services import activity_data_import
from nettonoll.indicators.models import IndicatorValue
from nettonoll.organisations.models import Headcount, Organisation, Reorganisation, RoleGrant
from nettonoll.organisations.reorganise import carriers, summary_text
from nettonoll.organisations.services import (
    ReorganisationError,
    SplitPart,
    node_end,
    node_move,
    node_rename,
    node_split,
    nodes_merge,
)
from nettonoll.plans.models import Activity, Assignment, FollowUpEntry
from tests.organisations.reorganised_world import DAY, ORG, build, node

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> None:
    build()


def tonnes(code: str) -> float:
    return sum(r.emissions_t_co2e for r in InventoryResult.objects.filter(node=node(code)))


def goals_of(code: str) -> set[str]:
    return set(Assignment.objects.filter(node=node(code)).values_list("goal__code", flat=True))


def test_a_merge_moves_goals_activities_and_emissions_to_the_new_unit(world: None) -> None:
    before = tonnes("EKO") + tonnes("HR")
    merged = nodes_merge(
        nodes=[node("EKO"), node("HR")], code="EKHR", name="Ekonomi och HR", effective_on=DAY
    )
    assert goals_of("EKHR") == {"G1", "G2", "G3"}  # G1 of both collapsed into one
    assert not Assignment.objects.filter(node__code__in=["EKO", "HR"]).exists()
    assert set(Activity.objects.filter(node=merged).values_list("title", flat=True)) == {
        "Resfria möten",
        "Sortera papper",
        "Cykelförmån",
    }
    assert tonnes("EKHR") == pytest.approx(before) and before > 0
    assert tonnes("EKO") == 0 and not ActivityAggregate.objects.filter(node__code="EKO").exists()
    carried = Reorganisation.objects.get(kind="merge").carried
    assert carried["moved"]["EKHR"]["goals"] == 4  # 2 of EKO, 2 of HR (one collapsed)
    assert carried["moved"]["EKHR"]["activities"] == 3
    assert carried["moved"]["EKHR"]["klimatbokslut"] == 3
    text = summary_text(carried["moved"], {"EKHR": "Ekonomi och HR"})
    assert text.startswith("4 mål, 3 aktiviteter, ") and "flyttades till Ekonomi och HR." in text
    activity = Activity.objects.get(title="Cykelförmån")
    assert activity.history.first().node_id == merged.pk  # the move is in the record's history
    assert activity.history.first().prev_record.node_id == node("HR").pk


def test_open_round_reports_follow_and_closed_round_reports_stay(world: None) -> None:
    merged = nodes_merge(nodes=[node("EKO"), node("HR")], code="EKHR", name="EH", effective_on=DAY)
    open_entries = FollowUpEntry.objects.filter(round__name="Helår 2024")
    assert set(open_entries.values_list("node_id", flat=True)) == {merged.pk}
    on_goal = open_entries.get(goal__code="G1")  # two reports on G1 became one, both comments
    assert on_goal.comment == "E\n\nH"
    closed = FollowUpEntry.objects.get(round__name="Delår 2024")
    assert closed.node == node("EKO") and closed.comment == "då"


def test_merged_headcounts_of_a_year_add_up_and_grants_collapse(world: None) -> None:
    merged = nodes_merge(nodes=[node("EKO"), node("HR")], code="EKHR", name="EH", effective_on=DAY)
    assert dict(Headcount.objects.filter(node=merged).values_list("year", "employees")) == {
        2023: 4,
        2024: 15,
    }
    assert not Headcount.objects.filter(node__code__in=["EKO", "HR"]).exists()
    grants = RoleGrant.objects.filter(node=merged)
    assert sorted((g.user.username, g.role) for g in grants) == [
        ("chefen", "manager"),
        ("lasaren", "reader"),
    ]
    assert not RoleGrant.objects.filter(node__code__in=["EKO", "HR"]).exists()
    grant = grants.get(user__username="chefen")
    assert grant.history.first().prev_record.node_id == node("HR").pk


def test_merged_amounts_add_up_and_a_share_stays_with_a_note(world: None) -> None:
    merged = nodes_merge(nodes=[node("EKO"), node("HR")], code="EKHR", name="EH", effective_on=DAY)
    values = IndicatorValue.objects.filter(node=merged)
    assert values.get(indicator__name="Resor").value == 7
    assert values.get(indicator__name="Andel fossilfritt").value == 50  # EKO's, moved first
    kept = IndicatorValue.objects.get(node=node("HR"))
    assert kept.value == 60
    assert any("Andel fossilfritt 2024 för HR" in k for k in merged_notes())


def merged_notes() -> list[str]:
    return list(Reorganisation.objects.get(kind="merge").carried["kept"])


def test_a_merge_into_one_of_the_units_keeps_its_records_and_adds_the_others(world: None) -> None:
    nodes_merge(nodes=[node("EKO"), node("HR")], code="EKO", name="Ekonomi", effective_on=DAY)
    assert goals_of("EKO") == {"G1", "G2", "G3"}
    assert Activity.objects.filter(node=node("EKO")).count() == 3
    assert Headcount.objects.get(node=node("EKO"), year=2024).employees == 15


def test_a_split_puts_each_record_where_the_user_chose(world: None) -> None:
    eko = node("EKO")
    sorting = Activity.objects.get(title="Sortera papper")
    g2 = Assignment.objects.get(node=eko, goal__code="G2")
    rows_2025 = ActivityAggregate.objects.get(node=eko, year=2025)
    value = IndicatorValue.objects.get(node=eko, indicator__name="Resor")
    a, b = node_split(
        node=eko,
        parts=[SplitPart("EKO-A", "Redovisning"), SplitPart("EKO-B", "Inköp")],
        choices={
            "activities": {str(sorting.pk): "EKO-B"},
            "goals": {str(g2.pk): "EKO-B"},
            "klimatbokslut": {str(rows_2025.pk): "EKO-B"},
            "indicator_values": {str(value.pk): "EKO-B"},
        },
        effective_on=DAY,
    )
    assert goals_of("EKO-A") == {"G1"} and goals_of("EKO-B") == {"G2"}
    assert [x.title for x in Activity.objects.filter(node=b)] == ["Sortera papper"]
    assert [x.title for x in Activity.objects.filter(node=a)] == ["Resfria möten"]
    assert list(ActivityAggregate.objects.filter(node=b).values_list("year", flat=True)) == [2025]
    assert list(ActivityAggregate.objects.filter(node=a).values_list("year", flat=True)) == [2024]
    assert IndicatorValue.objects.get(indicator__name="Resor", node=b).value == 3
    # the open report on A1 went with its activity, the one on G1 with the goal
    assert (
        FollowUpEntry.objects.get(round__name="Helår 2024", activity__title="Resfria möten").node
        == a
    )
    assert FollowUpEntry.objects.get(round__name="Helår 2024", node=a, goal__code="G1")
    assert RoleGrant.objects.get(user__username="lasaren", node=a)  # default: the first part
    carried = Reorganisation.objects.get(kind="split").carried["moved"]
    assert carried["EKO-B"] == {
        "goals": 1,
        "activities": 1,
        "indicator_values": 1,
        "klimatbokslut": 1,
    }


def test_a_split_refuses_a_choice_of_a_unit_that_is_not_a_part(world: None) -> None:
    with pytest.raises(ReorganisationError, match="Okänd ny enhet"):
        node_split(
            node=node("EKO"),
            parts=[SplitPart("EKO-A", "A"), SplitPart("EKO-B", "B")],
            choices={"activities": {"1": "KTR"}},
        )


def test_move_and_rename_keep_the_records_on_the_unit(world: None) -> None:
    node_rename(node=node("EKO"), name="Ekonomistaben", effective_on=DAY)
    node_move(node=node("HR"), new_parent=node("TST"), effective_on=DAY)
    assert (
        goals_of("EKO") == {"G1", "G2"} and Activity.objects.filter(node=node("EKO")).count() == 2
    )
    assert tonnes("HR") > 0 and Headcount.objects.filter(node=node("HR")).count() == 2


def test_ending_a_unit_with_data_is_refused_with_what_remains(world: None) -> None:
    with pytest.raises(ReorganisationError) as refused:
        node_end(node=node("KTR"), effective_on=DAY)
    assert "Kontor har kvar 1 rad klimatbokslut" in str(refused.value)
    assert node("KTR").is_active
    with pytest.raises(ReorganisationError) as refused:
        node_end(node=node("HR"), effective_on=DAY)
    assert "2 mål, 1 aktivitet, 2 rapporter i öppna omgångar" in str(refused.value)


def test_ending_a_unit_carries_its_data_to_the_chosen_successor(world: None) -> None:
    node_end(node=node("HR"), successor=node("KTR"), effective_on=DAY)
    assert not node("HR").is_active
    assert goals_of("KTR") == {"G1", "G3"}
    assert Activity.objects.get(title="Cykelförmån").node == node("KTR")
    assert RoleGrant.objects.filter(node=node("KTR")).count() == 2
    assert all(c.count(node("HR")) == 0 for c in carriers() if c.key != "indicator_values")


def test_an_import_naming_an_ended_unit_lands_on_its_successor_with_a_note(world: None) -> None:
    merged = nodes_merge(nodes=[node("EKO"), node("HR")], code="EKHR", name="EH", effective_on=DAY)
    batch = activity_data_import(
        organisation=Organisation.objects.get(code=ORG),
        data=b"org_unit;category;period;quantity;unit\nEKO;fuel.diesel;2023;10;l\n",
        filename="gammal.csv",
    )
    assert list(batch.aggregates.values_list("node_id", flat=True)) == [merged.pk]
    assert batch.notes == "1 rad med EKO (avvecklad) bokfördes på EH (EKHR)."
    node_split(node=node("KTR"), parts=[SplitPart("K1", "K1"), SplitPart("K2", "K2")])
    with pytest.raises(Rejected) as refused:
        activity_data_import(
            organisation=Organisation.objects.get(code=ORG),
            data=b"org_unit;category;period;quantity;unit\nKTR;fuel.diesel;2023;10;l\n",
            filename="delad.csv",
        )
    assert refused.value.has("org_unit_split")
    assert ImportBatch.objects.filter(organisation__code=ORG).count() == 2


def test_a_splits_choices_name_klimatbokslut_rows_by_category_name(world: None) -> None:
    (klimatbokslut,) = [c for c in carriers() if c.key == "klimatbokslut"]
    texts = [text for _pk, text in klimatbokslut.items(node("EKO"))]
    assert texts and all(text.startswith("Diesel") for text in texts), texts
    assert not any("fuel.diesel" in text for text in texts)
