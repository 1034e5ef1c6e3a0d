"""The concept description as a structured document: sections, labels, empty parts left out."""


import re
from datetime import date

import pytest

from concept.document import (
    Bullets,
    Heading,
    KeyValue,
    Paragraph,
    Table,
    build_document,
    clean,
)
from concept.model import Concept, CustomerProfile, ParkingLotItem, StopItem


def texts_of(document) -> str:
    """Every text of the document, for "does it say X" assertions."""
    parts = [document.cover.title, document.cover.kind, document.cover.tagline]
    parts += [v for pair in document.cover.meta for v in pair]
    for section in document.sections:
        parts.append(section.title)
        for block in section.blocks:
            if isinstance(block, Heading | Paragraph):
                parts.append(block.text)
            elif isinstance(block, Bullets):
                parts += block.items
            elif isinstance(block, KeyValue):
                parts += [v for pair in block.items for v in pair]
            elif isinstance(block, Table):
                parts += block.headers + [c for row in block.rows for c in row]
    return "\n".join(parts)


def test_headings_follow_the_export_language_and_user_text_stays_as_entered(cafe):
    finnish = build_document(cafe, "fi")
    english = build_document(cafe, "en")
    assert finnish.section("exclusions").title == "Rajaukset: mitä konseptiin ei kuulu"
    assert english.section("exclusions").title == "What the concept does not include"
    assert "Keskittyvä etätyöläinen" in texts_of(english)
    assert "Paikkasi ja lounaasi odottavat sinua." in texts_of(english)


def test_an_empty_concept_has_a_cover_and_no_empty_sections():
    document = build_document(Concept(), "en")
    assert document.title == "Untitled concept"
    assert document.sections == []


def test_no_section_or_sub_heading_is_ever_left_empty(cafe):
    cafe.relationship.people = []
    cafe.parking_lot = []
    for document in (build_document(cafe, "fi"), build_document(Concept(name="x"), "fi")):
        for section in document.sections:
            assert any(not isinstance(b, Heading) for b in section.blocks), section.key
            for index, block in enumerate(section.blocks):
                if isinstance(block, Heading):
                    assert index + 1 < len(section.blocks), (section.key, block.text)
    assert build_document(cafe, "fi").section("open_questions") is None


def test_only_one_filled_part_gives_only_its_section():
    concept = Concept(name="Pieni", profiles=[CustomerProfile(name="Opiskelija")])
    keys = [s.key for s in build_document(concept, "en").sections]
    assert [k for k in keys if k != "findings"] == ["profiles"]


def test_journey_lists_touchpoints_with_their_development_status(cafe):
    journey = build_document(cafe, "en").section("journey")
    tables = [b for b in journey.blocks if isinstance(b, Table)]
    touchpoints = next(t for t in tables if "Development status" in t.headers)
    row = next(r for r in touchpoints.rows if r[1] == "Pöytävaraus verkossa")
    assert row[3] == "New"
    assert any("moment of truth" in r[1] for r in touchpoints.rows)


def test_purchase_section_shows_coverage_and_the_gaps_found(cafe):
    cafe.journeys[0].touchpoints[3].purchase_stage_keys = ["evaluate"]  # leaves "decide" empty
    purchase = build_document(cafe, "en").section("purchase")
    coverage = next(b for b in purchase.blocks if isinstance(b, Table))
    decide = next(r for r in coverage.rows if r[0] == "Purchase decision")
    assert decide[1] == "0" and "gap" in decide[3]
    assert any(isinstance(b, Heading) and b.text == "Gaps and imbalances found"
               for b in purchase.blocks)
    assert any(isinstance(b, Paragraph) and b.text.startswith("Balance index")
               for b in purchase.blocks)


def test_exclusions_include_stopped_topics_but_not_reconsidered_ones(cafe):
    cafe.stop_list.append(StopItem(text="Iltabingo", status="reconsidered"))
    text = texts_of(build_document(cafe, "en"))
    assert "Olutlista" in text and "Against strategy" in text
    assert "Iltabingo" not in text


def test_open_questions_show_owner_and_a_formatted_due_date_and_skip_resolved(cafe):
    cafe.parking_lot.append(ParkingLotItem(text="Ratkaistu jo", status="resolved"))
    section = build_document(cafe, "fi").section("open_questions")
    table = section.blocks[0]
    assert table.rows == [["Riittääkö verkon kaista 30 käyttäjälle?", "Maija",
                           "15. joulukuuta 2026", "Asiakaspolku"]]


def test_findings_appendix_lists_only_warnings_and_gaps(cafe):
    section = build_document(cafe, "en", variant="draft").section("findings")
    table = section.blocks[0]
    assert table.rows
    assert {row[0] for row in table.rows} <= {"Gap", "Worth considering"}


def test_the_draft_appendix_uses_the_apps_words_and_no_check_codes(cafe):
    finnish = build_document(cafe, "fi", variant="draft").section("findings")
    table = finnish.blocks[0]
    assert table.headers == ["Vakavuus", "Vaihe", "Huomio"]
    assert {row[0] for row in table.rows} <= {"Aukko", "Harkittavaa"}
    assert "Harkittavaa" in {row[0] for row in table.rows}
    text = texts_of(build_document(cafe, "fi", variant="draft"))
    assert "Varoitus" not in text
    assert not re.search(r"\b[A-Z]{1,2}-\d\d\b", text)  # no T-05, PP-02, X-01


def test_the_final_document_leaves_the_appendix_and_the_draft_mark_out(cafe):
    cafe.status = "draft"
    final = build_document(cafe, "fi", variant="final")
    assert final.section("findings") is None
    assert "Liite" not in texts_of(final)
    assert final.cover.footer == "Kahvila Kulma"
    assert ("Tila", "Valmis") in final.cover.meta
    draft = build_document(cafe, "fi", variant="draft")
    assert draft.sections[-1].title == "Liite: analyysien huomiot"
    assert "Luonnos" in draft.cover.footer


def test_the_variant_follows_the_saved_status_unless_chosen(cafe):
    cafe.status = "final"
    assert build_document(cafe, "en").section("findings") is None
    cafe.status = "draft"
    assert build_document(cafe, "en").section("findings") is not None


@pytest.mark.parametrize("raw, expected", [
    ("a\x0bb", "a\nb"), ("bell\x07", "bell"), ("nul\x00l", "null"), ("r\r\nn", "r\nn"),
    ("tab\tok", "tab\tok"), ("😀 ok", "😀 ok"), ("\ud800x", "x"),
])
def test_clean_removes_control_characters_and_keeps_the_rest(raw, expected):
    assert clean(raw) == expected


def test_control_characters_in_user_text_never_reach_the_document(cafe):
    cafe.profiles[0].name = "Etä\x07työ\x00läinen\x0bkoti"
    text = texts_of(build_document(cafe, "en"))
    assert "Etätyöläinen\nkoti" in text
    assert not any(ch in text for ch in "\x00\x07\x0b")


# --- sections that show the analyses of concept.checks (value fit, competitive classes) ---


def test_cafe_document_has_every_section_in_the_method_order(cafe):
    document = build_document(cafe, "fi", today=date(2026, 11, 22))
    assert [s.key for s in document.sections] == [
        "onepager", "summary", "background", "at_a_glance", "profiles", "value", "journey",
        "purchase", "experience", "relationships", "competition", "exclusions",
        "open_questions", "findings",
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


# --- parts nobody filled in are left out (issue 11, point 10) ---


def _unfilled(cafe) -> Concept:
    """The café with its value step never opened and several columns never filled in."""
    from concept.model import PersonInvolved, ValueProposition

    cafe.value_proposition = ValueProposition()
    for profile in cafe.profiles:
        for pain in profile.pains:
            pain.type = None
        for job in profile.jobs:
            job.current_satisfaction = None
    for stage in cafe.journeys[0].stages:
        stage.customer_goal, stage.emotion, stage.successes, stage.failures = "", None, [], []
    cafe.relationship.people = [PersonInvolved(role="payer", description="Työnantaja")]
    return cafe


def test_a_value_step_never_opened_gives_no_value_section(cafe):
    # The final variant: the draft's appendix may still report the unanswered needs.
    document = build_document(_unfilled(cafe), "fi", variant="final")
    assert document.section("value") is None
    text = texts_of(document)
    assert "Ei vielä vastausta" not in text
    assert not re.search(r"(?<![\d,])0\s%", text)  # no fit of 0 %


def test_columns_nobody_filled_in_are_left_out(cafe):
    document = build_document(_unfilled(cafe), "en")
    profiles = [b for b in document.section("profiles").blocks if isinstance(b, Table)]
    jobs, pains = profiles[0], profiles[1]
    assert jobs.headers == ["Jobs", "Type", "Importance"]  # no satisfaction column
    assert pains.headers == ["Pains", "Severity"]  # no type column
    journey = [b for b in document.section("journey").blocks if isinstance(b, Table)]
    assert journey[0].headers == ["Stages"]  # goal, emotion, successes, failures all empty
    people = next(b for b in document.section("relationships").blocks if isinstance(b, Table))
    assert people.headers == ["Role", "Description", "Influence"]  # needs own touchpoints unset
    assert people.rows == [["Payer", "Työnantaja", "3/5"]]


def test_a_column_filled_in_one_row_stays_with_empty_cells_elsewhere(cafe):
    pains = [b for b in build_document(cafe, "en").section("profiles").blocks
             if isinstance(b, Table) and b.headers[0] == "Pains"]
    assert pains[0].headers == ["Pains", "Type", "Severity"]


def test_touchpoints_on_no_purchase_stage_give_no_purchase_table(cafe):
    for touchpoint in cafe.all_touchpoints():
        touchpoint.purchase_stage_keys = []
    document = build_document(cafe, "en")
    assert document.section("purchase") is None


def test_unfilled_parts_are_left_out_of_the_rendered_markdown_and_docx(cafe):
    import io

    import docx

    from concept.export import export

    concept = _unfilled(cafe)
    markdown = export(concept, "md", "fi").decode()
    assert "Ei vielä vastausta" not in markdown and "## Arvolupaus" not in markdown
    assert "Tyydytetty nyt" not in markdown
    assert "| Vaiheet |\n|---|\n" in markdown
    assert "Tarvitsee omia kohtaamispisteitä" not in markdown
    word = docx.Document(io.BytesIO(export(concept, "docx", "fi")))
    headers = {cell.text for table in word.tables for cell in table.rows[0].cells}
    assert "Asiakkaan tavoite" not in headers and "Tyydytetty nyt" not in headers
    assert "Arvolupaus" not in {p.text for p in word.paragraphs}


def test_a_stop_item_without_a_reason_prints_no_reason(cafe):
    cafe.stop_list = [StopItem(text="Karaoke"), StopItem(text="Bingo", rationale="Liian äänekäs")]
    assert StopItem().reason is None
    stopped = next(b for b in build_document(cafe, "fi").section("exclusions").blocks
                   if isinstance(b, Table))
    assert stopped.rows == [["Karaoke", ""], ["Bingo", "Liian äänekäs"]]
    text = texts_of(build_document(cafe, "fi"))
    assert "Karaoke" in text and "Ei kuulu aiheeseen" not in text
