"""The journey map as people draw it: stages as columns, a row per aspect, on landscape pages
(PDF page, DOCX section); a journey of 12 stages continues on a second page with the row names."""

from __future__ import annotations

import io

from pypdf import PdfReader

from concept.document import Table, build_document
from concept.export import export
from concept.model import JourneyStage, Touchpoint
from concept.samples import cafe_concept


def journey_map(document) -> Table:
    return next(b for b in document.section("journey").blocks
                if isinstance(b, Table) and b.landscape)


def long_journey():
    concept = cafe_concept()
    journey = concept.journeys[0]
    journey.stages = [JourneyStage(name=f"Vaihe numero {i}", customer_goal=f"Tavoite {i}",
                                   emotion=(i % 5) - 2, failures=[f"Epäonnistuminen {i}"])
                      for i in range(1, 13)]
    journey.touchpoints = [Touchpoint(stage_id=s.id, name=f"Piste {i}", channel="web",
                                      is_moment_of_truth=i == 3)
                           for i, s in enumerate(journey.stages, start=1)]
    return concept


def test_the_map_has_stages_as_columns_and_a_row_per_aspect():
    table = journey_map(build_document(long_journey(), "en"))
    assert table.headers[0] == "Journey map"
    assert table.headers[1:] == [f"{i}. Vaihe numero {i}" for i in range(1, 13)]
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Customer's goal"][0] == "Tavoite 1"
    assert rows["Touchpoints"][2].startswith("Piste 3 (moment of truth)")
    assert rows["Touchpoints"][0] == "Piste 1 (Website)"
    assert rows["Emotion"][0] and rows["Failures"][11] == "Epäonnistuminen 12"
    assert "Development status" in rows


def test_the_pdf_draws_the_map_on_landscape_pages_repeating_the_row_names():
    reader = PdfReader(io.BytesIO(export(long_journey(), "pdf", "fi")))
    landscape = [p.extract_text() for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert len(landscape) == 2  # 12 stages: six per page
    assert "1. Vaihe numero 1" in landscape[0] and "7. Vaihe numero 7" in landscape[1]
    assert all("Asiakkaan tavoite" in page for page in landscape)
    assert all("Kohtaamispisteet" in page for page in landscape)


def test_the_docx_has_a_landscape_section_for_the_map():
    import docx
    from docx.enum.section import WD_ORIENT

    document = docx.Document(io.BytesIO(export(cafe_concept(), "docx", "fi")))
    orientations = [s.orientation for s in document.sections]
    assert WD_ORIENT.LANDSCAPE in orientations
    assert orientations[-1] == WD_ORIENT.PORTRAIT
