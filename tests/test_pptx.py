"""The workshop deck: a title slide, the sections' content with each figure and its caption beside
it, the journey map with its emotion curve across the stage columns, the open questions last,
every entered item present, text that fits, any text exported without a crash."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concept.document import Table, build_document
from concept.export import export
from concept.figures import document_figures
from concept.samples import cafe_concept, large_concept


def slides(raw: bytes) -> list[str]:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(raw))
    return ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            for slide in deck.slides]


def pictures(raw: bytes) -> int:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(raw))
    return sum(1 for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13)


def test_the_deck_has_a_title_slide_figures_and_closes_with_open_questions():
    concept = cafe_concept()
    raw = export(concept, "pptx", "fi")
    texts = slides(raw)
    assert texts[0].startswith("Kahvila Kulma")
    maps = [b for s in build_document(concept, "fi").sections for b in s.blocks
            if isinstance(b, Table) and b.curve is not None]
    assert pictures(raw) == len(document_figures(concept, "fi")) + len(maps)
    open_questions = build_document(concept, "fi").section("open_questions").title
    assert texts[-1].startswith(open_questions)
    assert "Riittääkö verkon kaista 30 käyttäjälle?" in texts[-1]
    assert not any(t.startswith("Liite") for t in texts)  # no appendix of findings
    for figure in document_figures(concept, "fi"):
        assert any(figure.caption in t for t in texts)


def test_a_long_list_continues_on_the_next_slide_and_keeps_every_item():
    concept = large_concept()
    texts = slides(export(concept, "pptx", "en"))
    every = "\n".join(texts)
    for profile in concept.profiles:
        for pain in profile.pains:
            assert pain.text.replace("\n", " ") in every
    assert any("(2)" in t.split("\n", 1)[0] for t in texts)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                    min_size=1, max_size=200))
def test_any_text_exports_and_every_item_is_present(text):
    from concept.document import clean

    concept = cafe_concept()
    concept.profiles[0].pains[0].text = text
    concept.parking_lot[0].text = text
    every = "\n".join(slides(export(concept, "pptx", "fi")))
    wanted = clean(text).replace("\n", " ").strip()
    if wanted:
        assert wanted in every


def _deck(raw: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(raw))


def test_each_figure_shares_its_slide_with_the_steps_key_content():
    from concept.export.pptx import SIDE_BUDGET, SIDE_LINES

    concept = large_concept()
    deck = _deck(export(concept, "pptx", "fi"))
    captions = {f.caption for f in document_figures(concept, "fi")}
    with_figure = 0
    for slide in deck.slides:
        boxes = [shape.text_frame.text for shape in slide.shapes
                 if shape.has_text_frame and shape != slide.shapes.title]
        if not any(text in captions for text in boxes):
            continue
        with_figure += 1
        bullets = [text for text in boxes if text not in captions]
        assert bullets, slide.shapes.title.text_frame.text
        for text in bullets:  # the narrower box beside the figure holds less
            lines = text.split("\n")
            assert len(lines) <= SIDE_LINES
            assert len(lines) == 1 or sum(max(len(line), 60) for line in lines) <= SIDE_BUDGET
    assert with_figure >= len(captions) - 1  # a second journey's figure may be the one alone


def test_the_journey_map_has_slides_with_the_curve_over_the_stage_columns():
    from pptx.util import Emu

    from tests.test_journey_map import long_journey

    deck = _deck(export(long_journey(), "pptx", "fi"))
    maps = [slide for slide in deck.slides
            if any(shape.has_table for shape in slide.shapes)]
    assert len(maps) == 2  # twelve stages, six a slide, the row names on both
    for number, slide in enumerate(maps):
        (frame,) = [shape for shape in slide.shapes if shape.has_table]
        table = frame.table
        headers = [table.cell(0, i).text for i in range(len(table.columns))]
        assert headers[1] == f"{number * 6 + 1}. Vaihe numero {number * 6 + 1}"
        assert "Kohtaamispisteet" in [table.cell(r, 0).text for r in range(len(table.rows))]
        (curve,) = [shape for shape in slide.shapes if shape.shape_type == 13]
        widths = [column.width for column in table.columns]
        assert abs(curve.left - (frame.left + widths[0])) < Emu(12700)  # under 1 pt
        assert abs(curve.width - sum(widths[1:])) < Emu(12700)
        assert curve.top + curve.height <= frame.top  # the curve right above the stage names
        assert "Tunne" in [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_a_map_too_long_for_one_slide_shrinks_then_continues_under_the_same_header():
    from concept.export.pptx import MAP_SIZES
    from tests.test_journey_map import long_journey

    concept = long_journey()
    journey = concept.journeys[0]
    journey.stages = journey.stages[:3]
    long_text = "Asiakas odottaa liian kauan, eikä kukaan kerro miksi. " * 3
    for stage in journey.stages:
        stage.failures = [f"{n}. {long_text}" for n in range(8)]
        stage.successes = [f"{n}. {long_text}" for n in range(8)]
    deck = _deck(export(concept, "pptx", "fi"))
    maps = [[shape for shape in slide.shapes if shape.has_table][0].table
            for slide in deck.slides if any(shape.has_table for shape in slide.shapes)]
    assert len(maps) >= 2
    cells = []
    for table in maps:
        assert table.cell(0, 1).text == "1. Vaihe numero 1"  # the header on every slide
        size = table.cell(1, 1).text_frame.paragraphs[0].runs[0].font.size.pt
        assert size == MAP_SIZES[-1]
        cells += [table.cell(r, c).text for r in range(1, len(table.rows))
                  for c in range(len(table.columns))]
    every = "\n".join(cells)
    for stage in journey.stages:
        assert all(text.strip() in every for text in stage.failures + stage.successes)
