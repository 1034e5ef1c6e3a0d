"""The workshop deck: a title slide, the sections' content, every figure with its caption, the
open questions last, every entered item present, any text exported without a crash."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concept.document import build_document
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
    assert pictures(raw) == len(document_figures(concept, "fi"))
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
