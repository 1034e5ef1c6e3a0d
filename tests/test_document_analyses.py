"""The document's sections that show other helpers' analyses: fit, competitive classes."""

from datetime import date

from concept.document import Heading, Table, build_document
from tests.test_document import texts_of


def test_cafe_document_has_every_section_in_the_method_order(cafe):
    document = build_document(cafe, "fi", today=date(2026, 11, 22))
    assert [s.key for s in document.sections] == [
        "summary", "at_a_glance", "profiles", "value", "journey", "purchase", "experience",
        "relationships", "competition", "exclusions", "open_questions", "findings",
    ]
    assert document.title == "Kahvila Kulma"
    assert document.cover.kind == "Konseptikuvaus"
    assert ("Päivämäärä", "22. marraskuuta 2026") in document.cover.meta
    assert ("Tekijä", "Maija Meikäläinen") in document.cover.meta
    assert ("Tila", "Luonnos") in document.cover.meta


def test_value_section_has_the_fit_table_with_answers(cafe):
    value = build_document(cafe, "en").section("value")
    fit = next(b for b in value.blocks if isinstance(b, Table) and "Weight" in b.headers)
    noise = next(r for r in fit.rows if r[1] == "Meluisa ympäristö katkaisee keskittymisen")
    assert noise[3] == "Hiljainen työskentelynurkkaus"
    socket = next(r for r in fit.rows if r[1] == "Pistorasiaa ei löydy")
    assert socket[3] == "Not answered yet"


def test_competition_section_has_the_competitor_table_and_the_edge(cafe):
    section = build_document(cafe, "en").section("competition")
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert [r[0] for r in table.rows] == ["Ketjukahvila pääkadulla", "Kirjaston lukusali",
                                          "Kotona työskentely"]
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    assert "Our competitive edge" in headings
    assert "Varattava paikka" in texts_of(build_document(cafe, "en"))




def test_analysis_sections_reach_the_docx_and_pdf(cafe):
    import io

    import docx

    from concept.export import export
    from tests.test_export_formats import pdf_text

    document = docx.Document(io.BytesIO(export(cafe, "docx", "fi")))
    competitors = next(t for t in document.tables if t.rows[0].cells[0].text == "Kilpailija")
    assert competitors.rows[1].cells[2].text == "Tunnettu brändi\nPitkät aukioloajat"
    text = pdf_text(export(cafe, "pdf", "fi"))
    assert "Kilpailuetu ja kilpailukyky" in text and "Ketjukahvila pääkadulla" in text
