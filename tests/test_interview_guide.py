"""The interview guide prints in both formats and languages, with the questions, the storyboard
request, what is still a guess in the concept, and room for notes."""

from __future__ import annotations

import io

import pytest

from concept.interview_guide import guide_document, render_guide, still_a_guess
from concept.samples import cafe_concept


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_guide_has_questions_storyboard_guesses_and_notes(lang: str) -> None:
    concept = cafe_concept()
    document = guide_document(concept, lang)
    assert [s.key for s in document.sections] == [
        "before", "questions", "storyboard", "guesses", "notes"]
    questions = [b for b in document.section("questions").blocks if hasattr(b, "items")]
    assert all(len(b.items) >= 3 and all(len(q) > 10 for q in b.items) for b in questions)
    assert len(document.section("notes").blocks[0].rows) >= 10


def test_guesses_name_the_primary_profiles_unbacked_key_items() -> None:
    concept = cafe_concept()
    guesses = still_a_guess(concept, "fi")
    assert guesses and all(g.startswith(("Kysy tehtävästä ”", "Kysy murheesta ”"))
                           for g in guesses)


def test_docx_and_pdf_render() -> None:
    import docx
    import pypdf

    concept = cafe_concept()
    word = docx.Document(io.BytesIO(render_guide(concept, "docx", "fi")))
    assert any("Haastatteluopas" in p.text for p in word.paragraphs)
    pdf = pypdf.PdfReader(io.BytesIO(render_guide(concept, "pdf", "en")))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Draw a good customer experience" in text and len(pdf.pages) <= 4
