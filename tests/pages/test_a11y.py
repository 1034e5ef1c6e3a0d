"""Accessibility decisions the app makes in Python: tab titles, advice as status, button names."""

from concept.ui.a11y import page_title_text


def test_page_title_names_page_concept_and_app_as_plain_text():
    assert page_title_text("Asiakaspolku", "Kahvila  *Kulma*\n", "Nimetön konsepti") == \
        "Asiakaspolku · Kahvila *Kulma* · Konseptikone"


def test_page_title_without_concept_and_unnamed():
    assert page_title_text("Start", None, "Unnamed concept") == "Start · Konseptikone"
    assert page_title_text("Journey", "  ", "Unnamed concept") == \
        "Journey · Unnamed concept · Konseptikone"
