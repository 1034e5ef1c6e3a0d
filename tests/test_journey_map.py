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


# --- the emotion curve, drawn across the stage columns ----------------------------------------


def test_the_map_carries_the_emotion_curve_of_its_stage_columns():
    concept = long_journey()
    table = journey_map(build_document(concept, "fi"))
    assert table.curve is not None
    assert table.rows[table.curve.row][0] == "Tunne"
    assert table.curve.values == [s.emotion for s in concept.journeys[0].stages]
    # A stage with nothing entered has no column, and no point on the curve.
    concept.journeys[0].stages[1] = JourneyStage(name="Tyhjä")
    table = journey_map(build_document(concept, "fi"))
    assert len(table.headers) == 12 and len(table.curve.values) == 11
    assert table.curve.values[1] == concept.journeys[0].stages[2].emotion


def test_each_point_of_the_curve_sits_over_the_middle_of_its_column():
    from concept.figures import CURVE_PX_PER_MM, map_curve_spec

    spec = map_curve_spec([-2, None, 1], ["Hyvin kielteinen", "", "Myönteinen"],
                          [30.0, 40.0, 50.0], height=20.0, inset=2.0)
    line = spec["layer"][1]["encoding"]["x"]
    assert line["scale"]["domain"] == [2.0, 118.0]  # the picture spans the columns less insets
    assert [row["x"] for row in spec["data"]["values"]] == [15.0, 95.0]  # no point, no emotion
    assert spec["width"] == round(116 * CURVE_PX_PER_MM) and spec["padding"] == 0
    assert spec["autosize"] == {"type": "none"}  # nothing added around it: the scale is exact
    assert map_curve_spec([None, None], ["", ""], [1.0, 1.0], 10.0) is None


def _pdf_images_per_landscape_page(raw: bytes) -> list[int]:
    reader = PdfReader(io.BytesIO(raw))
    counts = []
    for page in reader.pages:
        if page.mediabox.width > page.mediabox.height:
            objects = page["/Resources"].get("/XObject", {})
            counts.append(sum(1 for o in objects.values() if o.get_object()["/Subtype"]
                              == "/Image"))
    return counts


def test_the_pdf_draws_the_curve_on_every_page_of_the_map():
    raw = export(long_journey(), "pdf", "fi")
    assert _pdf_images_per_landscape_page(raw) == [1, 1]  # six stages a page, a curve on each
    landscape = [p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages
                 if p.mediabox.width > p.mediabox.height]
    assert all("Tunne" in page for page in landscape)


def test_the_docx_curve_is_one_picture_in_a_cell_spanning_the_stages():
    import docx

    from concept.export.docx import CELL_MARGIN_MM

    document = docx.Document(io.BytesIO(export(long_journey(), "docx", "fi")))
    table = next(t for t in document.tables if t._tbl.tr_lst[0].tc_lst[0].xpath("string(.)")
                 == "Asiakaspolkukartta")
    row = next(tr for tr in table._tbl.tr_lst if tr.tc_lst[0].xpath("string(.)") == "Tunne")
    label, curve = row.tc_lst
    assert curve.grid_span == 12
    extents = curve.xpath(".//wp:extent")
    assert len(extents) == 1
    grid = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    wanted = sum(grid[1:]) - 2 * CELL_MARGIN_MM * 36000
    assert abs(int(extents[0].get("cx")) - wanted) < 36000  # within a millimetre
    description = curve.xpath(".//wp:docPr")[0].get("descr")
    assert "1. Vaihe numero 1: Kielteinen" in description


def test_the_html_curve_spans_equal_stage_columns():
    import re

    html = export(long_journey(), "html", "fi").decode("utf-8")
    assert '<table class="map">' in html and "table-layout: fixed" in html
    cell = re.search(r'<td class="curve" colspan="(\d+)"><img src="data:image/svg\+xml;base64,'
                     r'[A-Za-z0-9+/=]+" alt="([^"]*)"></td>', html)
    assert cell and cell.group(1) == "12"
    assert "12. Vaihe numero 12: Neutraali" in cell.group(2)
