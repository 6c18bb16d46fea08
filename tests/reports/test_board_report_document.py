"""The board report as a document a region signs: A4 Word in Swedish with the PDF's summary
table, a tagged PDF, indicator figures for centrally measured goals, comments under their
activities, the "I tjänsten" and "Utdrag till" blocks as in the Jämtland document."""

import io
import re
import zipfile
import zlib

import pytest
from docx import Document

from nettonoll.organisations.models import Node
from nettonoll.plans.models import FollowUpRound, Plan
from nettonoll.reports.followup import report_context
from nettonoll.reports.render import render_docx, render_html, render_pdf, summary_rows

pytestmark = pytest.mark.django_db


def context(code: str, round_name: str | None = "Delår augusti 2023") -> dict[str, object]:
    plan = Plan.objects.get(name="Miljömål 2023")
    round_ = FollowUpRound.objects.get(plan=plan, name=round_name) if round_name else None
    return report_context(Node.objects.get(organisation__code="RJH", code=code), plan, round_)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def pdf_objects(data: bytes) -> bytes:
    """The PDF's objects, with its compressed streams (object streams) inflated. Each stream is
    cut by its /Length, not by the `endstream` keyword: compressed data may end in a CR."""
    parts = [data]
    for match in re.finditer(rb"/Length (\d+)[^>]*>>\s*stream\r?\n", data):
        stream = data[match.end() : match.end() + int(match.group(1))]
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_docx_is_a4_in_swedish_with_the_pdfs_summary_table(demo: None) -> None:
    report = context("RS")
    data = render_docx(report)
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:lang w:val="sv-SE"' in styles and "en-US" not in styles
    assert document.core_properties.language == "sv-SE"
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Uppgift", "Antal"]
    assert rows[1:] == [[str(label), str(value)] for label, value in summary_rows(report)]
    html = render_html(report)
    for label, value in summary_rows(report):
        assert f'<td class="number">{value}</td>' in html and str(label) in html


def test_the_pdf_is_tagged_pdf_ua_in_swedish(demo: None) -> None:
    objects = pdf_objects(render_pdf(context("RS")))
    assert b"/StructTreeRoot" in objects and b"/MarkInfo" in objects
    assert b"/Lang (sv)" in objects
    assert b"pdfuaid:part" in objects


def test_the_header_names_the_region_once(demo: None) -> None:
    text = paragraphs(render_docx(context("RJH", None)))
    assert text[0].count("Region Jämtland Härjedalen") == 1
    html = render_html(context("RJH", None), standalone=False)
    header = html.split("</header>")[0]
    assert header.count("Region Jämtland Härjedalen") == 1


def test_of_n_possible_counts_only_goals_that_can_be_distributed(demo: None) -> None:
    """The root holds the centrally measured goals (V1–V3) too; four goals can be distributed."""
    sentences = " ".join(context("RJH", None)["sentences"])  # type: ignore[arg-type]
    assert "Alla förvaltningar har fått fyra miljömål nerfördelade, av fyra möjliga." in sentences


def test_centrally_measured_goals_show_their_indicator_figures(demo: None) -> None:
    text = "\n".join(paragraphs(render_docx(context("RJH", None))))
    v1 = text.split("V1 Koldioxidutsläppen från tjänsteresor ska minska")[1].split("V2 ")[0]
    assert "Inga aktiviteter" not in v1
    assert "Målet mäts centralt." in v1
    assert "Koldioxidutsläpp från tjänsteresor: 1\xa0080 t CO2e år 2023" in v1
    assert "Målvärde 600 t CO2e år 2030" in v1


def test_each_comment_stands_under_its_activity(demo: None) -> None:
    text = paragraphs(render_docx(context("RS")))
    at = text.index("Elbilar när leasingavtalen löper ut (Fordon och transport, pågår)")
    assert (
        text[at + 1]
        == "Andelen elbilar ökar löpande vid utbyte av leasingbilar, möjligt genom ny upphandling."
    )


def test_the_i_tjansten_and_utdrag_till_blocks_end_the_report(demo: None) -> None:
    round_ = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Delår augusti 2023")
    text = paragraphs(render_docx(context("RS")))
    assert text[-4:] == ["I tjänsten", "Regiondirektör", "Utdrag till", "Miljöstrateg"]
    round_.signatories, round_.extract_to = "Regiondirektör\nRegionstabschef", "Miljöstrateg\n"
    round_.save()
    text = paragraphs(render_docx(context("RS")))
    assert text[-5:] == [
        "I tjänsten",
        "Regiondirektör",
        "Regionstabschef",
        "Utdrag till",
        "Miljöstrateg",
    ]


def test_generated_sentences_begin_with_a_capital(demo: None) -> None:
    for code in ("RJH", "RS", "RS-SERV", "RS-SERV-KOST"):
        for sentence in context(code, None)["sentences"]:  # type: ignore[attr-defined]
            assert sentence[0].isupper(), sentence


def test_the_strategist_names_who_signs_and_who_gets_an_extract(client_as) -> None:  # type: ignore[no-untyped-def]
    round_ = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Delår augusti 2023")
    url = f"/org/RJH/plans/{round_.plan_id}/node/RS/report/"
    response = client_as("strategist").post(
        url,
        {
            "round": round_.pk,
            "decision_proposal": "Godkänns.",
            "signatories": "Regiondirektör\nRegionstabschef",
            "extract_to": "Miljöstrateg\nEkonomichef",
        },
    )
    assert response.status_code == 302
    text = paragraphs(
        client_as("reader")
        .get(url.replace("/report/", "/report.docx") + f"?round={round_.pk}")
        .content
    )
    assert text[-6:] == [
        "I tjänsten",
        "Regiondirektör",
        "Regionstabschef",
        "Utdrag till",
        "Miljöstrateg",
        "Ekonomichef",
    ]


def test_goal_comments_beyond_fifteen_are_counted_not_dropped_silently(demo: None) -> None:
    from nettonoll.plans import services
    from nettonoll.plans.models import Goal

    m1 = Goal.objects.get(plan__name="Miljömål 2023", code="M1")
    full_year = FollowUpRound.objects.get(plan__name="Miljömål 2023", name="Helår 2023")
    for unit in Node.objects.filter(organisation__code="RJH", depth__gt=1).order_by("path"):
        parent = unit.get_parent()
        has = parent is not None and (parent.is_root() or parent.goal_assignments.filter(goal=m1))
        if has and not unit.goal_assignments.filter(goal=m1).exists():
            services.goal_distribute(goal=m1, from_node=parent, to_nodes=[unit])
    reached = Node.objects.filter(goal_assignments__goal=m1).order_by("path")
    for unit in reached:
        services.entry_report(
            round_=full_year,
            node=unit,
            goal=m1,
            status="on_track",
            comment=f"Kommentar från {unit.code}",
            expected_version=None,
        )
    report = context("RJH", "Helår 2023")
    item = next(i for i in report["goals"] if i["code"] == "M1")  # type: ignore[attr-defined]
    total = reached.count()
    assert total > 15
    assert len(item["goal_comments"]) == 15 and item["goal_comments_more"] == total - 15
    text = paragraphs(render_docx(report))
    assert f"Ytterligare {total - 15} kommentarer om målet finns i omgångens rapporter." in text
