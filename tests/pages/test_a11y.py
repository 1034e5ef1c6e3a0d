"""Accessibility decisions the app makes in Python: tab titles, advice as status, button names."""

from concept.ui.a11y import page_title_text


def test_page_title_names_page_concept_and_app_as_plain_text():
    assert page_title_text("Asiakaspolku", "Kahvila  *Kulma*\n", "Nimetön konsepti") == \
        "Asiakaspolku · Kahvila *Kulma* · Konseptikone"


def test_page_title_without_concept_and_unnamed():
    assert page_title_text("Start", None, "Unnamed concept") == "Start · Konseptikone"
    assert page_title_text("Journey", "  ", "Unnamed concept") == \
        "Journey · Unnamed concept · Konseptikone"


def test_advice_on_the_health_page_is_a_status_not_an_alert(data_dir):
    # st.warning is role="alert" (read out at once); advice goes out as st.info, role="status".
    from concept.samples import cafe_concept
    from tests.helpers import open_app_with

    at = open_app_with(cafe_concept(), data_dir, page="views/health.py")
    assert not at.exception
    assert len(at.info) >= 10
    assert not at.warning and not at.error
