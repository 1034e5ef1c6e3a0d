"""The workshop pack: page count, page sizes (A3 landscape canvases) and text in the chosen
language; the DOCX of the agenda and sheets; the pack from the command line."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from pypdf import PdfReader

from concept import workshop as ws
from concept.cli import main
from concept.export.workshop_pack import font_files, pack_docx, pack_pdf
from concept.i18n import t
from concept.model import ParkingLotItem
from concept.recipes import builtin_recipes, find
from concept.transfer import concept_to_json

A4 = (595, 842)
A3_LANDSCAPE = (1191, 842)


def sizes(reader: PdfReader) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("key", [r.key for r in builtin_recipes()])
def test_pack_pages_sizes_and_questions(cafe, key, lang):
    ws.choose_recipe(cafe, find(key))
    items = cafe.workshop.items
    reader = PdfReader(io.BytesIO(pack_pdf(cafe, lang)))
    # The agenda, a sheet per activity, a canvas per activity, parking and stop.
    assert len(reader.pages) == 1 + 2 * len(items) + 2
    assert sizes(reader) == [A4] * (1 + len(items)) + [A3_LANDSCAPE] * (len(items) + 2)
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for item in items:
        assert flat(ws.title(item.tool, lang, item.part)) in text
        for question in ws.questions(item.tool, lang):
            assert flat(question) in text, (item.tool, question)
    assert t("tool.parking.title", lang) in text and t("workshop.stop_title", lang) in text


def test_canvases_are_filled_from_the_draft(cafe):
    ws.choose_recipe(cafe, find("customers_and_paths"))
    cafe.parking_lot.append(ParkingLotItem(text="Aukioloajat talvella?", owner="Sari"))
    reader = PdfReader(io.BytesIO(pack_pdf(cafe, "fi")))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for profile in cafe.profiles:
        assert profile.name in text  # on the empathy map canvas
    journey = cafe.journey_for(cafe.primary_profile().id)
    for stage in journey.stages:
        assert flat(stage.name) in text
    assert "Aukioloajat talvella?" in text and "Sari" in text


def test_the_agenda_in_the_pack_has_clock_times_and_totals(cafe):
    ws.choose_recipe(cafe, find("customers_and_paths"))
    cafe.workshop.start_time = "08:30"
    first = flat(PdfReader(io.BytesIO(pack_pdf(cafe, "en"))).pages[0].extract_text())
    assert "08:30 Empathy map" in first
    assert "Net 4 h 8 min" in first


def test_fonts_come_from_the_pdf_export():
    regular, bold = font_files()
    assert regular.is_file() and bold.is_file()


def test_docx_has_the_agenda_and_a_sheet_per_activity(cafe):
    ws.choose_recipe(cafe, find("value_proposition"))
    document = Document(io.BytesIO(pack_docx(cafe, "fi")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[0] == "Aikataulu ja paketti"
    assert len(headings) == 1 + len(cafe.workshop.items)
    rows = document.tables[0].rows
    assert rows[1].cells[0].text == "09:00"


def test_the_pack_from_the_command_line(cafe, tmp_path, capsys):
    source = tmp_path / "kulma.json"
    source.write_text(concept_to_json(cafe), encoding="utf-8")
    target = tmp_path / "pack.pdf"
    code = main(["workshop-pack", str(source), "--recipe", "customers_and_paths",
                 "--lang", "fi", "-o", str(target)])
    assert code == 0
    reader = PdfReader(target)
    assert len(reader.pages) == 1 + 2 * 6 + 2
    assert main(["workshop-pack", str(source), "--recipe", "nope", "-o",
                 str(tmp_path / "x.pdf")]) == 2
    assert "customers_and_paths" in capsys.readouterr().err


def test_the_pack_from_the_command_line_uses_the_saved_agenda(cafe, tmp_path):
    ws.choose_recipe(cafe, find("value_proposition"))
    source = tmp_path / "kulma.json"
    source.write_text(concept_to_json(cafe), encoding="utf-8")
    assert json.loads(source.read_text())["workshop"]["recipe"] == "value_proposition"
    target = tmp_path / "pack.docx"
    assert main(["workshop-pack", str(source), "-f", "docx", "-l", "fi", "-o", str(target)]) == 0
    assert Document(target).paragraphs[0].text == "Työpaja: Arvolupaus"
