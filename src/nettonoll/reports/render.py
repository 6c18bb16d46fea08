"""The board report as HTML, PDF (WeasyPrint, tagged PDF/UA-1) and DOCX (python-docx, A4,
Swedish proofing language). Rendering is deterministic: the same context gives the same bytes
(the PDF's and the DOCX's dates are the report's time — the freeze time of a closed round)."""

import datetime
import io
import zipfile
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nettonoll.reports.followup import more_comments_text, more_text


def summary_rows(context: dict[str, Any]) -> list[tuple[str, object]]:
    """The summary table, the same in every format."""
    summary = context["summary"]
    rows: list[tuple[str, object]] = [
        (_("Mål som nått enheten"), summary["goals_total"]),
        (_("… varav mål som kan fördelas"), context["figures"].goals_distributable),
        (_("Underliggande enheter"), summary["children"]),
        (_("… som fördelat mål vidare"), summary["children_distributed_further"]),
        (_("… med minst en aktivitet"), summary["children_with_activities"]),
        (_("Aktiviteter totalt"), summary["activities_total"]),
    ]
    if summary["reports_expected"]:
        rows.append((_("Förväntade rapporter i omgången"), summary["reports_expected"]))
        rows.append((_("… lämnade"), summary["reports_done"]))
    return rows


def render_html(context: dict[str, Any], *, standalone: bool = True) -> str:
    return render_to_string(
        "reports/followup_document.html",
        {**context, "standalone": standalone, "summary_rows": summary_rows(context)},
    )


def render_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # on use only: WeasyPrint takes 2 s to import

    # PDF/UA-1: tagged (structure tree), document language and title, for screen readers.
    pdf: bytes = HTML(string=render_html(context)).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def _language() -> str:
    return "sv-SE" if (get_language() or "sv").startswith("sv") else "en-GB"


def _proofing_language(document: Any, language: str) -> None:
    """w:lang in the document defaults and the Normal style: Word checks spelling in Swedish."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = []
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            targets.append(rpr_default.find(qn("w:rPr")))
    targets.append(document.styles["Normal"].element.get_or_add_rPr())
    for rpr in targets:
        if rpr is None:
            continue
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
        lang.set(qn("w:bidi"), "ar-SA")


def _fixed_zip(data: bytes, when: datetime.datetime) -> bytes:
    """The same archive with every member dated `when`: python-docx stamps the current time."""
    stamp = timezone.localtime(when).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def render_docx(context: dict[str, Any]) -> bytes:
    # on use only: python-docx takes 0.5 s to import
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(22)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    language = _language()
    _proofing_language(document, language)
    when = context["generated_at"]
    properties = document.core_properties
    properties.title = _("Uppföljning av aktiviteter kopplade till miljömål")
    properties.author = properties.last_modified_by = context["organisation_name"]
    properties.language = language
    properties.created = properties.modified = properties.last_printed = when.astimezone(
        datetime.UTC
    ).replace(tzinfo=None)
    properties.revision = 1
    properties.comments = ""
    # Resolving a style by name costs ~2 ms in python-docx; look the list styles up once.
    bullet = document.styles["List Bullet"].style_id
    bullet_2 = document.styles["List Bullet 2"].style_id

    def add_bullet(text: str, style_id: str, *, bold: str = "") -> None:
        paragraph = document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = style_id
        if bold:
            paragraph.add_run(bold).bold = True
        paragraph.add_run(text)

    header = [context["organisation_name"]]
    if context["node_name"]:
        header.append(context["node_name"])
    plan_line = context["plan_name"]
    if context["decision_reference"]:
        plan_line += f" · {context['decision_reference']}"
    header.append(plan_line)
    if context["round_name"]:
        header.append(context["round_name"])
    header.append(timezone.localtime(when).strftime("%Y-%m-%d"))
    meta = document.add_paragraph()
    for number, line in enumerate(header):
        run = meta.add_run(line)
        if number < len(header) - 1:
            run.add_break()
    document.add_heading(_("Uppföljning av aktiviteter kopplade till miljömål"), level=1)
    document.add_paragraph().add_run(context["state_text"]).italic = True
    document.add_heading(_("Ärendebeskrivning"), level=2)
    document.add_paragraph(" ".join(context["sentences"]))
    document.add_heading(_("Sammanställning"), level=2)
    rows = summary_rows(context)
    table = document.add_table(rows=len(rows) + 1, cols=2)
    table.style = document.styles["Table Grid"]
    table.cell(0, 0).text, table.cell(0, 1).text = _("Uppgift"), _("Antal")
    for number, (label, value) in enumerate(rows, start=1):
        table.cell(number, 0).text, table.cell(number, 1).text = str(label), str(value)
    for row in table.rows:
        row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for item in context["goals"]:
        document.add_heading(f"{item['code']} {item['title']}", level=3)
        status = _("Status: %(status)s") % {"status": item["status_label"]}
        if item["is_override"]:
            status += " " + _("(manuell bedömning: %(reason)s)") % {
                "reason": item["override_reason"]
            }
        document.add_paragraph().add_run(status).bold = True
        if item["indicators"]:
            if item["measured_centrally"]:
                document.add_paragraph(_("Målet mäts centralt."))
            for text in item["indicators"]:
                add_bullet(text, bullet)
        for activity in item["activities"]:
            add_bullet(
                f" ({activity['node_name']}, {activity['status_label']})",
                bullet,
                bold=activity["title"],
            )
            if activity["comment"]:
                add_bullet(activity["comment"], bullet_2)
        if not item["activities"] and not item["indicators"]:
            document.add_paragraph(
                _("Målet mäts centralt; inga indikatorvärden finns ännu.")
                if item["measured_centrally"]
                else _("Inga aktiviteter.")
            )
        if item["activities_more"]:
            document.add_paragraph(more_text(item))
        for entry in item["goal_comments"]:
            add_bullet(f"{entry['node_name']}: {entry['comment']}", bullet)
        if item["goal_comments_more"]:
            document.add_paragraph(more_comments_text(item))
    document.add_heading(_("Förslag till beslut"), level=2)
    document.add_paragraph(context["decision_proposal"])
    document.add_heading(_("I tjänsten"), level=2)
    for line in context["signatories"]:
        document.add_paragraph(line)
    document.add_heading(_("Utdrag till"), level=2)
    for line in context["extract_to"]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), when)
