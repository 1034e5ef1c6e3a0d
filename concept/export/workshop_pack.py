"""The workshop pack: one PDF to print for the day (and a DOCX of its agenda and sheets).

In order: the agenda with clock times (A4); a facilitator sheet per activity with its purpose,
instructions, guiding questions, timing and work mode (A4); an A3 landscape canvas per activity
for the wall, pre-filled from the draft where there is one (the profiles on the empathy map, the
journey's stages, the purchase stages) and blank where the workshop fills it in; and the parking
lot and stop canvases, which are in every pack.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from concept import workshop as ws
from concept.i18n import t
from concept.labels import stage_label
from concept.model import AgendaItem, Concept
from concept.recipes import Recipe

ACCENT = (31, 111, 139)
MUTED = (90, 98, 106)
LINE_COLOUR = (150, 160, 168)
FAMILY = "DejaVu"
PREFILLED = ("empathy_map", "journey", "purchase", "image_goal")


def font_files() -> tuple[Path, Path]:
    """The app's embedded DejaVu faces (regular, bold), looked up where the PDF export keeps
    them, so a move of the font files is followed here too."""
    from concept.export import pdf

    return Path(pdf.REGULAR), Path(pdf.BOLD)


def _printable(text: str) -> str:
    from concept.export.pdf import printable

    return printable(text)


def pack_file_name(concept: Concept, suffix: str) -> str:
    stem = re.sub(r"[^\w\-]+", "-", concept.name, flags=re.UNICODE).strip("-")[:50]
    return f"{stem or 'concept'}-workshop.{suffix}"


def _recipe(concept: Concept) -> Recipe | None:
    from concept.store import default_data_dir

    return ws.recipe_of(concept, default_data_dir())


def _timing(concept: Concept, recipe: Recipe | None, item: AgendaItem, lang: str) -> str:
    activity = ws.activity_of(recipe, item)
    parts = []
    if activity is not None and activity.rounds and item.minutes == activity.planned_minutes:
        parts.append(t("pack.rounds", lang, rounds=activity.rounds,
                       minutes=activity.round_minutes,
                       grouping=activity.grouping_minutes[1]))
    elif item.minutes:
        parts.append(t("pack.minutes", lang, minutes=item.minutes))
    else:
        parts.append(t("pack.untimed", lang))
    if item.presentation:
        parts.append(t("pack.presentation", lang, groups=concept.workshop.groups,
                       minutes=ws.presentation_minutes(concept.workshop, item)))
    return " · ".join(parts)


def _agenda_rows(concept: Concept, lang: str) -> list[tuple[str, str, str, str]]:
    workshop = concept.workshop
    timed = any(item.minutes for item in workshop.items)
    rows = []
    for slot in ws.schedule(workshop):
        if slot.kind == "break":
            what, mode = t("workshop.break", lang), ""
        elif slot.kind == "presentation":
            what, mode = t("workshop.presentation_round", lang, groups=workshop.groups), ""
        else:
            item = slot.item
            what = ws.title(item.tool, lang, item.part)
            mode = t(f"workshop.mode.{item.mode}", lang) if item.mode else ""
        # A guide has no timings: no clock times either.
        clock = ws.clock_time(workshop, slot.start) if timed else ""
        rows.append((clock, what, mode,
                     f"{slot.minutes} min" if slot.minutes else ""))
    return rows


# --- canvases: what the wall sheet holds ---------------------------------------------------------


def _canvas_boxes(concept: Concept, item: AgendaItem, lang: str
                  ) -> tuple[str, list[tuple[str, list[str]]]]:
    """(a line under the title, [(box heading, pre-filled lines)]) for an activity's canvas."""
    key = ws.PAGE_OF.get(item.tool, item.tool)
    box = concept.toolbox
    if key == "empathy_map":
        first = box.empathy_maps[0] if box.empathy_maps else None
        names = ", ".join(p.name for p in concept.profiles if p.name.strip())
        fields = ("experiences", "attitude_self_environment", "pain_points", "success_feelings")
        return (t("pack.canvas_profiles", lang, names=names) if names else "",
                [(t(f"pack.empathy.{name}", lang), list(getattr(first, name)) if first else [])
                 for name in fields])
    if key == "journey":
        profile = concept.primary_profile()
        journey = concept.journey_for(profile.id) if profile is not None else None
        if journey is None and concept.journeys:
            journey = concept.journeys[0]
        stages = [s for s in journey.stages if s.name.strip()] if journey else []
        if not stages:
            return "", [(f"{t('pack.stage', lang)} {n}", []) for n in range(1, 7)]
        return "", [(s.name, [tp.name for tp in journey.touchpoints if tp.stage_id == s.id])
                    for s in stages]
    if key == "purchase":
        stages = concept.purchase_process.stages
        touchpoints = concept.all_touchpoints()
        return "", [(stage_label(s, lang), [tp.name for tp in touchpoints
                                             if s.key in tp.purchase_stage_keys])
                    for s in stages]
    if key == "image_goal":
        return "", [(t("workshop.image_always", lang),
                     [r.text for r in box.image_goal.responses if r.kind == "always"]),
                    (t("workshop.image_never", lang),
                     [r.text for r in box.image_goal.responses if r.kind == "never"])]
    return "", [(question, []) for question in ws.questions(item.tool, lang)] or [
        (ws.title(item.tool, lang, item.part), [])]


def _parking_rows(concept: Concept) -> list[list[str]]:
    return [[i.text, i.owner, i.due_date] for i in concept.parking_lot if i.status == "open"]


def _stop_rows(concept: Concept) -> list[list[str]]:
    return [[i.text, i.rationale] for i in concept.stop_list if i.status == "stopped"]


# --- the PDF -------------------------------------------------------------------------------------


def pack_pdf(concept: Concept, lang: str, today: date | None = None) -> bytes:
    from fpdf import FPDF

    regular, bold = font_files()
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 16, 18)
    recipe = _recipe(concept)
    workshop = concept.workshop
    title = recipe.text("title", lang) if recipe is not None else t("workshop.full_path", lang)

    def write(text: str, size: float = 10, style: str = "", colour=(0, 0, 0),
              height: float = 5.2) -> None:
        pdf.set_font(FAMILY, style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(0, height, _printable(text), new_x="LMARGIN", new_y="NEXT", align="L")

    # The agenda.
    pdf.add_page()
    write(title, 20, "B", ACCENT, 9)
    write(concept.name or t("common.untitled", lang), 13, "B", height=7)
    write(t("pack.printed", lang, date=(today or date.today()).strftime("%d.%m.%Y")), 9,
          colour=MUTED)
    write(t("pack.credit", lang), 8, colour=MUTED, height=4)
    pdf.ln(4)
    write(t("tool.agenda.title", lang), 14, "B", ACCENT, 7)
    rows = _agenda_rows(concept, lang)
    if rows:
        pdf.set_font(FAMILY, "", 10)
        pdf.set_text_color(0, 0, 0)
        headings = (t("workshop.col_time", lang), t("workshop.col_what", lang),
                    t("workshop.col_mode", lang), t("workshop.col_planned", lang))
        with pdf.table(col_widths=(16, 60, 40, 20), text_align="LEFT",
                       headings_style=_heading_style()) as table:
            table.row([_printable(h) for h in headings])
            for row in rows:
                table.row([_printable(cell) for cell in row])
        totals = ws.totals(workshop)
        pdf.ln(2)
        write(t("pack.totals", lang, net=ws.duration_text(totals.net),
                total=ws.duration_text(totals.total),
                end=ws.clock_time(workshop, totals.total)), 10, "B")
    gates = ws.gates(concept, recipe)
    if gates:
        pdf.ln(3)
        write(t("workshop.gates_title", lang), 12, "B", ACCENT, 6)
        for gate in gates:
            mark = "✓" if gate.met else "○"
            write(f"{mark} " + t(f"workshop.gate.{gate.what}", lang, needed=gate.needed,
                                 have=gate.have))

    # A facilitator sheet per activity.
    for number, item in enumerate(workshop.items, start=1):
        activity = ws.activity_of(recipe, item)
        pdf.add_page()
        write(t("pack.sheet", lang, number=number), 9, colour=MUTED)
        write(ws.title(item.tool, lang, item.part), 18, "B", ACCENT, 8)
        pdf.ln(1)
        if item.mode:
            write(f"{t('workshop.col_mode', lang)}: {t(f'workshop.mode.{item.mode}', lang)}",
                  11, "B")
        write(f"{t('pack.timing', lang)}: {_timing(concept, recipe, item, lang)}", 11, "B")
        pdf.ln(2)
        purpose = ws.purpose(item.tool, lang)
        if purpose:
            write(t("pack.purpose", lang), 12, "B", ACCENT, 6)
            write(purpose)
            pdf.ln(2)
        if activity is not None and activity.instructions.get(lang):
            write(t("pack.instructions", lang), 12, "B", ACCENT, 6)
            write(activity.instructions[lang])
            pdf.ln(2)
        questions = ws.questions(item.tool, lang)
        if questions:
            write(t("common.guiding_questions", lang), 12, "B", ACCENT, 6)
            for question in questions:
                write(f"• {question}")
            pdf.ln(2)
        if activity is not None and activity.builds_on:
            write(t("pack.builds_on", lang), 12, "B", ACCENT, 6)
            write(", ".join(ws.title(key, lang) for key in activity.builds_on))

    # An A3 landscape canvas per activity, then parking and stop.
    for item in workshop.items:
        subtitle, boxes = _canvas_boxes(concept, item, lang)
        # The questions head the boxes of a blank canvas; above a pre-filled one they run as
        # one line under the title.
        prefilled = ws.PAGE_OF.get(item.tool, item.tool) in PREFILLED
        _canvas(pdf, write, ws.title(item.tool, lang, item.part), subtitle, boxes,
                ws.questions(item.tool, lang) if prefilled else [])
    _table_canvas(pdf, write, t("tool.parking.title", lang),
                  (t("pack.parking_text", lang), t("pack.owner", lang), t("pack.due", lang)),
                  (60, 20, 20), _parking_rows(concept))
    _table_canvas(pdf, write, t("workshop.stop_title", lang),
                  (t("pack.stop_text", lang), t("pack.stop_why", lang)), (55, 45),
                  _stop_rows(concept))
    return bytes(pdf.output())


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", color=ACCENT, fill_color=(232, 241, 245))


def _canvas(pdf, write, title: str, subtitle: str, boxes: list[tuple[str, list[str]]],
            questions: list[str]) -> None:
    pdf.add_page(orientation="landscape", format="A3")
    write(title, 26, "B", ACCENT, 12)
    if subtitle:
        write(subtitle, 13, "B", height=7)
    if questions:
        write("  ·  ".join(questions), 11, colour=MUTED, height=6)
    pdf.ln(3)
    left, top = pdf.l_margin, pdf.get_y()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    height = pdf.h - top - 14
    count = max(len(boxes), 1)
    columns = count if count <= 4 else (count + 1) // 2
    rows = 1 if count <= 4 else 2
    if count == 4:  # four fields read best as a 2 × 2 map
        columns, rows = 2, 2
    box_w, box_h = width / columns, height / rows
    pdf.set_draw_color(*LINE_COLOUR)
    pdf.set_line_width(0.4)
    for index, (heading, lines) in enumerate(boxes):
        x = left + (index % columns) * box_w
        y = top + (index // columns) * box_h
        pdf.rect(x, y, box_w - 3, box_h - 3)
        pdf.set_xy(x + 3, y + 3)
        pdf.set_font(FAMILY, "B", 14)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(box_w - 9, 7, _printable(heading), new_x="LEFT", new_y="NEXT",
                       align="L")
        pdf.set_font(FAMILY, "", 12)
        pdf.set_text_color(0, 0, 0)
        for line in lines[:14]:
            if pdf.get_y() > y + box_h - 12:
                break
            pdf.set_x(x + 3)
            pdf.multi_cell(box_w - 9, 6, _printable(f"• {line}"), new_x="LEFT", new_y="NEXT",
                           align="L")
    pdf.set_auto_page_break(auto=True, margin=15)


def _table_canvas(pdf, write, title: str, headings: tuple[str, ...],
                  widths: tuple[int, ...], rows: list[list[str]]) -> None:
    pdf.add_page(orientation="landscape", format="A3")
    write(title, 26, "B", ACCENT, 12)
    pdf.ln(3)
    pdf.set_font(FAMILY, "", 13)
    pdf.set_text_color(0, 0, 0)
    blank_rows = max(12 - len(rows), 4)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=11,
                   headings_style=_heading_style()) as table:
        table.row([_printable(h) for h in headings])
        for row in rows:
            table.row([_printable(cell) for cell in row])
        for _ in range(blank_rows):
            table.row(["" for _ in headings])


# --- the DOCX: the agenda and the facilitator sheets ------------------------------------------


def pack_docx(concept: Concept, lang: str) -> bytes:
    from docx import Document

    recipe = _recipe(concept)
    workshop = concept.workshop
    document = Document()
    title = recipe.text("title", lang) if recipe is not None else t("workshop.full_path", lang)
    document.add_heading(title, level=0)
    document.add_paragraph(concept.name or t("common.untitled", lang))
    document.add_paragraph(t("pack.credit", lang))
    document.add_heading(t("tool.agenda.title", lang), level=1)
    rows = _agenda_rows(concept, lang)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, (
            t("workshop.col_time", lang), t("workshop.col_what", lang),
            t("workshop.col_mode", lang), t("workshop.col_planned", lang)), strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    totals = ws.totals(workshop)
    document.add_paragraph(t("pack.totals", lang, net=ws.duration_text(totals.net),
                             total=ws.duration_text(totals.total),
                             end=ws.clock_time(workshop, totals.total)))
    for number, item in enumerate(workshop.items, start=1):
        activity = ws.activity_of(recipe, item)
        document.add_page_break()
        document.add_heading(f"{number}. {ws.title(item.tool, lang, item.part)}", level=1)
        if item.mode:
            document.add_paragraph(
                f"{t('workshop.col_mode', lang)}: {t(f'workshop.mode.{item.mode}', lang)}")
        document.add_paragraph(f"{t('pack.timing', lang)}: "
                               f"{_timing(concept, recipe, item, lang)}")
        purpose = ws.purpose(item.tool, lang)
        if purpose:
            document.add_heading(t("pack.purpose", lang), level=2)
            document.add_paragraph(purpose)
        if activity is not None and activity.instructions.get(lang):
            document.add_heading(t("pack.instructions", lang), level=2)
            document.add_paragraph(activity.instructions[lang])
        questions = ws.questions(item.tool, lang)
        if questions:
            document.add_heading(t("common.guiding_questions", lang), level=2)
            for question in questions:
                document.add_paragraph(question, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
