"""AppTest: the customer-profiles step is filled in, saved at once and read back."""

from concept.model import Concept, Job
from concept.samples import cafe_concept
from concept.ui.bind import Column, apply_table_changes
from tests.helpers import button, open_app_with, stored

PAGE = "views/profiles.py"


def open_in_finnish(concept, data_dir, page):
    """Open `page` in Finnish for one look.

    AppTest re-applies a selectbox's format_func outside the script run, where the session's
    language is not known, so a translated selectbox (the sidebar's) breaks the second run of
    a session started in Finnish. Starting in English and switching before the page runs
    avoids that.
    """
    at = open_app_with(concept, data_dir)
    at.session_state["lang"] = "fi"
    return at.switch_page(page).run()


def widget(elements, label):
    matches = [w for w in elements if w.label == label]
    assert matches, f"no widget {label!r}: {[w.label for w in elements]}"
    return matches[0]


def test_a_profile_is_added_filled_in_and_survives_rerun_page_switch_and_reload(data_dir):
    concept = Concept(name="Kahvila")
    at = open_app_with(concept, data_dir, page=PAGE)
    assert any("No profiles yet" in i.value for i in at.info)
    button(at, "Add a profile").click().run()
    assert not at.exception
    profile = stored(data_dir, concept.id).profiles[0]
    assert profile.name == "Profile 1" and profile.is_primary  # the first one is primary

    widget(at.text_input, "Name").input("Keskittyvä etätyöläinen").run()
    widget(at.text_area, "Summary").input("Tekee töitä kotoa käsin.").run()
    widget(at.text_area, "What matters most to their experience").input(
        "Rauha\n\nNopea verkko\n").run()
    widget(at.slider, "Importance to the business").set_value(5).run()
    widget(at.slider, "How hard to serve").set_value(4).run()
    assert not at.exception
    assert any("core and hard" in m.value for m in at.markdown)

    saved = stored(data_dir, concept.id).profiles[0]
    assert saved.name == "Keskittyvä etätyöläinen"
    assert saved.summary == "Tekee töitä kotoa käsin."
    assert saved.experience_essentials == ["Rauha", "Nopea verkko"]
    assert (saved.business_importance, saved.service_difficulty) == (5, 4)

    at.run()  # a plain rerun keeps what was typed
    assert widget(at.text_input, "Name").value == "Keskittyvä etätyöläinen"
    at.switch_page("views/journey.py").run()
    at.switch_page(PAGE).run()
    assert widget(at.text_area, "Summary").value == "Tekee töitä kotoa käsin."
    assert widget(at.slider, "How hard to serve").value == 4

    again = open_app_with(concept, data_dir, page=PAGE)  # a reload: a new session
    assert widget(again.text_input, "Name").value == "Keskittyvä etätyöläinen"
    assert widget(again.text_area, "What matters most to their experience").value == (
        "Rauha\nNopea verkko")


def test_marking_a_second_profile_primary_unmarks_the_first(data_dir):
    concept = Concept(name="Kaksi profiilia")
    at = open_app_with(concept, data_dir, page=PAGE)
    button(at, "Add a profile").click().run()
    button(at, "Add a profile").click().run()
    profiles = stored(data_dir, concept.id).profiles
    assert [p.is_primary for p in profiles] == [True, False]
    assert at.button_group(key="profiles_selected").value == profiles[1].id  # the new one
    widget(at.toggle, "Primary profile").set_value(True).run()
    assert not at.exception
    assert [p.is_primary for p in stored(data_dir, concept.id).profiles] == [False, True]
    assert at.button_group(key="profiles_selected").options[1].startswith("★")


def test_stored_table_rows_are_shown_in_the_editors(data_dir):
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    jobs, pains, gains = (e.value for e in at.data_editor)
    assert list(jobs["text"]) == [j.text for j in concept.profiles[0].jobs]
    # The labels the screen shows, never the stored codes (a screen reader reads the data).
    assert list(jobs["type"]) == ["Functional", "Social", "Emotional"]
    assert list(pains["severity"]) == [5, 4, 3]
    assert list(gains["text"])[0] == "Varattu paikka odottaa"
    assert all(e.editing_mode == "dynamic" for e in at.data_editor)


def test_table_edits_are_applied_to_the_model_and_shown_after_saving(data_dir):
    # AppTest cannot send a data editor's edits (tests/e2e/test_profiles_browser.py does that
    # in a real browser), so the editor's change set is applied as bind.table applies it.
    concept = cafe_concept()
    profile = concept.profiles[0]
    kept_id = profile.jobs[0].id
    columns = [Column("text", "Text"), Column("type", "Type", "select"),
               Column("importance", "Importance", "scale"),
               Column("current_satisfaction", "Met today", "scale")]
    changes = {"edited_rows": {0: {"text": "Muokattu tehtävä", "importance": 2}},
               "added_rows": [{"text": "Näyttää ammattilaiselta", "type": "social",
                               "importance": 9}],
               "deleted_rows": [1]}
    jobs, removed, refused = apply_table_changes(profile.jobs, changes, columns, Job)
    profile.jobs = jobs
    assert [j.text for j in removed] == ["Tuntea kuuluvansa yhteisöön"]
    assert refused == 1  # importance 9 is outside 1–5: refused, the default 3 kept
    at = open_app_with(concept, data_dir, page=PAGE)
    table = at.data_editor[0].value
    assert list(table["text"]) == ["Muokattu tehtävä",
                                   "Tuntea olonsa tervetulleeksi pitkänkin istunnon ajan",
                                   "Näyttää ammattilaiselta"]
    assert list(table["importance"]) == [2, 4, 3]
    saved = stored(data_dir, concept.id).profiles[0].jobs
    assert saved[0].id == kept_id and saved[2].type == "social"


def test_deleting_an_unreferenced_profile_needs_no_question(data_dir):
    concept = cafe_concept()
    family = concept.profiles[1]
    at = open_app_with(concept, data_dir, page=PAGE)
    at.button_group(key="profiles_selected").set_value(family.id).run()
    at.button(key=f"profile.{family.id}.delete").click().run()
    assert not at.exception
    assert [p.name for p in stored(data_dir, concept.id).profiles] == [
        "Keskittyvä etätyöläinen"]
    assert any("deleted" in s.value for s in at.success)


def test_deleting_a_referenced_profile_asks_first_and_names_the_links(data_dir):
    concept = cafe_concept()
    remote = concept.profiles[0]
    at = open_app_with(concept, data_dir, page=PAGE)
    at.button(key=f"profile.{remote.id}.delete").click().run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "is used elsewhere" in text and "customer journey with 5 touchpoint(s)" in text
    assert "empathy map" in text
    assert len(stored(data_dir, concept.id).profiles) == 2  # nothing deleted yet


def test_the_page_works_in_finnish_with_advice(data_dir):
    concept = cafe_concept()
    at = open_in_finnish(concept, data_dir, PAGE)
    assert not at.exception
    assert at.title[0].value == "Asiakasprofiilit"
    assert widget(at.text_input, "Nimi").value == "Keskittyvä etätyöläinen"
    assert any("Mahdollisuus" in i.value for i in at.info)
    assert any("vain toiminnallisia" in w.value for w in at.info)
