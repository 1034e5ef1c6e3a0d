"""AppTest: the customer-journey step is filled in, saved at once and read back."""

from concept.model import Concept, CustomerProfile, Journey, JourneyStage
from concept.samples import cafe_concept
from concept.ui import lazy
from concept.ui.journey import STAGES
from tests.helpers import button, open_app_with, stored
from tests.pages.test_profiles import open_in_finnish, widget

PAGE = "views/journey.py"


def two_profiles() -> Concept:
    return Concept(name="Polku", profiles=[
        CustomerProfile(name="Etätyöläinen", is_primary=True),
        CustomerProfile(name="Lapsiperhe")])


def open_stages(at, journey: Journey) -> None:
    """Open every stage section, as a user clicking each stage's title (they start closed)."""
    at.session_state[lazy.state_key(STAGES)] = {stage.id for stage in journey.stages}
    at.run()


def stage_names(at):
    return [w.value for w in at.text_input if w.label == "Name"]


def test_without_profiles_the_page_points_to_the_profiles_step(data_dir):
    at = open_app_with(Concept(name="Tyhjä"), data_dir, page=PAGE)
    assert not at.exception
    assert any("Add a profile first" in i.value for i in at.info)


def test_journey_is_filled_in_and_survives_rerun_page_switch_and_reload(data_dir):
    concept = two_profiles()
    family = concept.profiles[1]
    at = open_app_with(concept, data_dir, page=PAGE)
    chooser = widget(at.selectbox, "Whose journey?")
    assert chooser.options == ["Etätyöläinen", "Lapsiperhe"]  # offered, never retyped
    assert chooser.value == concept.profiles[0].id  # the primary profile first
    chooser.set_value(family.id).run()

    widget(at.text_input, "Where the journey starts").input("Päiväkodin ilmoitustaulu").run()
    widget(at.text_input, "Journey begins").input("Etsii aamukahvia").run()
    widget(at.text_input, "Journey ends").input("Vakioasiakas").run()
    for _ in range(3):
        button(at, "Add a stage").click().run()
    assert not at.exception
    assert stage_names(at) == ["New stage"] * 3
    names = [w for w in at.text_input if w.label == "Name"]
    for box, name in zip(names, ["Näkee ilmoituksen", "Ensikäynti", "Palaa"], strict=True):
        box.input(name).run()
    at.selectbox(key=widget_key(at, "emotion", 1)).set_value(-1).run()
    [w for w in at.text_area if w.label == "Failures"][1].input("Rattaat eivät mahdu\n").run()
    assert not at.exception

    journey = stored(data_dir, concept.id).journey_for(family.id)
    assert journey.entry_point == "Päiväkodin ilmoitustaulu"
    assert (journey.scope_start, journey.scope_end) == ("Etsii aamukahvia", "Vakioasiakas")
    assert [s.name for s in journey.stages] == ["Näkee ilmoituksen", "Ensikäynti", "Palaa"]
    assert [s.emotion for s in journey.stages] == [None, -1, None]
    assert journey.stages[1].failures == ["Rattaat eivät mahdu"]

    # reorder: the last stage up
    at.button(key=widget_key(at, "up", 2)).click().run()
    assert [s.name for s in stored(data_dir, concept.id).journey_for(family.id).stages] == [
        "Näkee ilmoituksen", "Palaa", "Ensikäynti"]
    assert stage_names(at) == ["Näkee ilmoituksen", "Palaa", "Ensikäynti"]

    at.run()
    assert widget(at.text_input, "Where the journey starts").value == "Päiväkodin ilmoitustaulu"
    at.switch_page("views/purchase.py").run()
    at.switch_page(PAGE).run()
    assert widget(at.selectbox, "Whose journey?").value == family.id
    assert stage_names(at) == ["Näkee ilmoituksen", "Palaa", "Ensikäynti"]

    again = open_app_with(concept, data_dir, page=PAGE)  # a reload: a new session
    widget(again.selectbox, "Whose journey?").set_value(family.id).run()
    assert widget(again.text_input, "Journey ends").value == "Vakioasiakas"
    assert stage_names(again) == []  # stages start closed in a new session
    open_stages(again, stored(data_dir, concept.id).journey_for(family.id))
    assert [s.value for s in again.selectbox if s.label == "Emotion"][2] == -1


def widget_key(at, suffix: str, index: int) -> str:
    """The key of the `index`th stage's widget ending in `suffix` (keys carry the item ids)."""
    keys = [w.key for w in [*at.button, *at.selectbox] if w.key and w.key.endswith(suffix)
            and ".stage." in w.key]
    return keys[index]


def test_stored_touchpoints_show_in_their_stage_tables_with_charts(data_dir):
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    assert not at.data_editor  # closed stages draw nothing
    open_stages(at, concept.journeys[0])
    tables = [e.value for e in at.data_editor]
    assert len(tables) == 5  # one per stage
    assert list(tables[2]["name"]) == ["Tervetulotoivotus tiskillä"]
    # The labels the screen shows, never stored codes or ids (a screen reader reads the data).
    assert list(tables[2]["dev_status"]) == ["Fine as is"]
    assert list(tables[2]["stage_id"]) == [f"3. {concept.journeys[0].stages[2].name}"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Fine as is": "1", "To be developed": "2", "New": "2",
                       "To be removed": "0"}
    assert any("80 % of the touchpoints change" in c.value for c in at.caption)
    assert at.get("vega_lite_chart")  # the emotion curve


def test_deleting_an_empty_stage_needs_no_question(data_dir):
    concept = two_profiles()
    empty, used = JourneyStage(name="Tyhjä"), JourneyStage(name="Käytössä")
    concept.journeys.append(Journey(profile_id=concept.profiles[0].id, stages=[empty, used]))
    at = open_app_with(concept, data_dir, page=PAGE)
    open_stages(at, concept.journeys[0])
    at.button(key=widget_key(at, "delete", 0)).click().run()
    assert not at.exception
    assert [s.name for s in stored(data_dir, concept.id).journeys[0].stages] == ["Käytössä"]


def test_deleting_a_stage_with_linked_touchpoints_asks_first(data_dir):
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    open_stages(at, concept.journeys[0])
    at.button(key=widget_key(at, "delete", 2)).click().run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "has 1 touchpoint(s); 1 link(s)" in text
    assert [r.label for r in at.radio] == ["What happens to its touchpoints?"]
    assert len(stored(data_dir, concept.id).journeys[0].stages) == 5


def test_a_linked_touchpoint_deleted_in_a_table_is_asked_about(data_dir):
    concept = cafe_concept()
    touchpoint = concept.journeys[0].touchpoints[3]
    at = open_app_with(concept, data_dir)
    at.session_state["journey_pending_touchpoint_delete"] = [touchpoint.id]
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any("Pöytävaraus verkossa** is linked from 1" in m.value for m in at.markdown)
    assert len(stored(data_dir, concept.id).journeys[0].touchpoints) == 5


def test_the_page_works_in_finnish(data_dir):
    at = open_in_finnish(cafe_concept(), data_dir, PAGE)
    assert not at.exception
    assert at.title[0].value == "Asiakaspolku"
    assert widget(at.text_input, "Mistä asiakas tavoitetaan").value == "Naapuruston Facebook-ryhmä"
    assert any("Tunnekäyrä" in h.value for h in at.subheader)


def test_the_page_shows_the_checks_across_steps_that_are_fixed_here(data_dir):
    concept = two_profiles()  # "Lapsiperhe" has no journey yet
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    advice = [box.value for box in [*at.warning, *at.info]]
    assert "The profile “Lapsiperhe” has no customer journey yet." in advice
