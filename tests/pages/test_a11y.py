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


def test_button_names_go_by_streamlit_key_class_and_cannot_close_the_script():
    from concept.ui.a11y import button_names_script, key_class

    assert key_class("journey.j1.stage.s1.up") == "st-key-journey-j1-stage-s1-up"
    script = button_names_script({"journey.j1.stage.s1.up": "Siirrä vaihe ”</script><b>” ylös"})
    assert script.count("</script>") == 1  # only the script's own end
    assert '"st-key-journey-j1-stage-s1-up": "Siirrä vaihe ”\\u003c/script>\\u003cb>” ylös"' \
        in script


def test_purchase_stage_buttons_are_named_with_the_stage(data_dir):
    from concept.samples import cafe_concept
    from tests.helpers import open_app_with

    at = open_app_with(cafe_concept(), data_dir, page="views/purchase.py", lang="fi")
    assert not at.exception
    scripts = "\n".join(h.proto.body for h in at.get("html"))
    assert "Siirrä vaihe ”Tarpeen tunnistaminen” ylös" in scripts, scripts[-600:]
    assert "st-key-purchase-stage-need-delete" in scripts


def test_start_page_fields_have_labels_apart_from_the_new_concept_form(data_dir):
    from concept.samples import cafe_concept
    from tests.helpers import open_app_with

    at = open_app_with(cafe_concept(), data_dir, lang="fi")  # the open concept and the form
    assert not at.exception
    labels = [w.label for w in at.text_input]
    assert "Nimi (uusi konsepti)" in labels
    assert len(labels) == len(set(labels)), labels


def test_emotion_curve_has_a_description_and_a_summary_in_words(data_dir):
    import json

    from concept.samples import cafe_concept
    from tests.helpers import open_app_with

    at = open_app_with(cafe_concept(), data_dir, page="views/journey.py", lang="fi")
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert any(spec.get("description") == "Tunnekäyrä" for spec in specs), specs[:1]
    assert any(c.value.startswith("Matalin tunne on vaiheessa ”") for c in at.caption)


def test_concept_list_buttons_name_the_concept_they_act_on(data_dir):
    from concept.samples import cafe_concept
    from tests.helpers import open_app_with

    at = open_app_with(cafe_concept(), data_dir, lang="fi")
    assert not at.exception
    scripts = "\n".join(h.proto.body for h in at.get("html"))
    for action in ("Avaa", "Nimeä uudelleen", "Poista"):
        assert f"{action}: ”Kahvila Kulma”" in scripts, action


def test_every_workshop_page_has_its_title_as_the_one_h1_and_no_skipped_level(data_dir):
    # A page without an h1 has no name in the outline (and the axe test waits on it); the
    # sections come one level below, never h3 straight under the h1.
    from concept import workshop as ws
    from concept.recipes import find
    from concept.samples import cafe_concept
    from concept.toolbox import WORKSHOP_PAGES
    from tests.helpers import open_app_with
    from tests.pages.test_chart_summaries import in_order

    concept = cafe_concept()
    ws.choose_recipe(concept, find("customers_and_paths"))
    for page in WORKSHOP_PAGES:
        at = open_app_with(concept, data_dir, page=page.page, lang="fi")
        assert not at.exception, page.key
        assert [title.value for title in at.title] == [
            {"agenda": "Aikataulu ja paketti", "run": "Ohjausnäkymä",
             "review": "Loppukatselmus"}[page.key]]
        levels = [LEVELS[e.type] for e in in_order(at.main) if e.type in LEVELS]
        assert levels[0] == 1 and 1 not in levels[1:], (page.key, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
        # Nothing the user prepares is announced as an alarm.
        assert not at.warning, (page.key, [w.value for w in at.warning])


LEVELS = {"title": 1, "header": 2, "subheader": 3}
