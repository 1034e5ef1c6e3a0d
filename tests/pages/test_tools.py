"""AppTest: every side tool saves what is typed into the concept; promotions happen once."""

from __future__ import annotations

import pytest

from concept.model import Concept, CustomerProfile, EmpathyMap, Stakeholder, StopItem
from concept.toolbox import TOOLS
from tests.helpers import button, open_app_with, stored


def keyed(widgets, name: str):
    """The widget whose key ends with `name` (bound widgets carry a generation prefix)."""
    matches = [w for w in widgets if w.key and w.key.endswith(name)]
    assert matches, f"no widget key ending {name!r}: {[w.key for w in widgets]}"
    return matches[0]


def profile_concept() -> Concept:
    return Concept(name="Kulma", profiles=[CustomerProfile(name="Etätyöläinen", is_primary=True)])


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_every_tool_page_opens_with_the_cafe_sample(data_dir, cafe, lang):
    at = open_app_with(cafe, data_dir, lang=lang)
    for tool in TOOLS:
        at.switch_page(tool.page).run()
        assert not at.exception, tool.key
        assert at.title[0].value != f"tool.{tool.key}.title"
        assert not [m for m in at.markdown if m.value.startswith("tool.")], tool.key


def test_a_tool_page_without_an_open_concept_points_to_start(data_dir):
    at = open_app_with(Concept(name="x"), data_dir)
    at.session_state["concept"] = None
    at.query_params.pop("c", None)
    at.switch_page("views/tools/empathy_map.py").run()
    assert not at.exception
    assert any("No concept is open" in i.value for i in at.info)


def test_empathy_map_is_filled_and_saved(data_dir):
    concept = profile_concept()
    at = open_app_with(concept, data_dir, page="views/tools/empathy_map.py")
    button(at, "Add an empathy map").click().run()
    empathy_map = stored(data_dir, concept.id).toolbox.empathy_maps[0]
    assert empathy_map.profile_id == concept.profiles[0].id
    mid = empathy_map.id
    keyed(at.text_area, f"empathy.{mid}.experiences").input("Yksinäisyys kotona").run()
    keyed(at.text_area, f"empathy.{mid}.attitude").input("Vaativa itselleen").run()
    keyed(at.text_area, f"empathy.{mid}.pain_points").input("Keskeytykset\n\nMelu ").run()
    keyed(at.text_area, f"empathy.{mid}.success").input("Valmis raportti").run()
    keyed(at.text_input, f"empathy.{mid}.persona").input("Eero").run()
    assert not at.exception
    saved = stored(data_dir, concept.id).toolbox.empathy_maps[0]
    assert saved.experiences == ["Yksinäisyys kotona"]
    assert saved.attitude_self_environment == ["Vaativa itselleen"]
    assert saved.pain_points == ["Keskeytykset", "Melu"]
    assert saved.success_feelings == ["Valmis raportti"]
    assert saved.persona_label == "Eero"
    assert any("Empathy map: Eero" in s.value for s in at.header)


def test_pain_points_and_successes_are_promoted_once_into_the_profile(data_dir):
    concept = profile_concept()
    profile = concept.profiles[0]
    concept.toolbox.empathy_maps = [EmpathyMap(profile_id=profile.id,
                                               pain_points=["Keskeytykset"],
                                               success_feelings=["Valmis raportti"])]
    at = open_app_with(concept, data_dir, page="views/tools/empathy_map.py")
    button(at, "Add as a pain: Keskeytykset").click().run()
    button(at, "Add as a gain: Valmis raportti").click().run()
    assert not at.exception
    saved = stored(data_dir, concept.id)
    assert [p.text for p in saved.profiles[0].pains] == ["Keskeytykset"]
    assert [g.text for g in saved.profiles[0].gains] == ["Valmis raportti"]
    assert sorted(saved.toolbox.empathy_maps[0].promoted) == ["gain:Valmis raportti",
                                                              "pain:Keskeytykset"]
    assert not [b for b in at.button if b.label.startswith("Add as a")]
    assert any("In the profile: Keskeytykset" in c.value for c in at.caption)
    at.run()  # a rerun offers nothing again and adds nothing
    assert len(stored(data_dir, concept.id).profiles[0].pains) == 1


def test_promotion_asks_for_a_profile_first(data_dir):
    concept = profile_concept()
    concept.toolbox.empathy_maps = [EmpathyMap(pain_points=["Melu"])]
    at = open_app_with(concept, data_dir, page="views/tools/empathy_map.py")
    assert not [b for b in at.button if b.label.startswith("Add as a")]
    assert any("Choose a customer profile" in c.value for c in at.caption)


def test_everyday_life_is_filled_and_saved(data_dir):
    concept = profile_concept()
    at = open_app_with(concept, data_dir, page="views/tools/everyday_life.py")
    button(at, "Add an everyday life sketch").click().run()
    sid = stored(data_dir, concept.id).toolbox.everyday_life[0].id
    values = {"habits": "Aamukahvi kotona\nLenkki", "constants": "Koulun aikataulut",
              "new_products_services": "Työtilasovellus", "anxieties": "Kiire",
              "problems_to_solve": "Rauhallinen työpaikka"}
    for attr, text in values.items():
        keyed(at.text_area, f"everyday.{sid}.{attr}").input(text).run()
    assert not at.exception
    saved = stored(data_dir, concept.id).toolbox.everyday_life[0]
    assert saved.habits == ["Aamukahvi kotona", "Lenkki"]
    assert saved.problems_to_solve == ["Rauhallinen työpaikka"]
    assert saved.profile_id == concept.profiles[0].id


def test_three_year_image_answers_are_counted_grouped_and_saved(data_dir):
    concept = profile_concept()
    at = open_app_with(concept, data_dir, page="views/tools/image_goal.py")
    keyed(at.text_area, "image.always").input("Rauhallinen\nHiljainen\nYstävällinen").run()
    keyed(at.text_area, "image.never").input("Meluisa").run()
    assert not at.exception
    assert any("Write at least 3" in w.value for w in at.info)
    goal = stored(data_dir, concept.id).toolbox.image_goal
    assert [(r.kind, r.text) for r in goal.responses] == [
        ("always", "Rauhallinen"), ("always", "Hiljainen"), ("always", "Ystävällinen"),
        ("never", "Meluisa")]
    first, second = goal.responses[0].id, goal.responses[1].id
    keyed(at.text_input, f"image.{first}.group").input("Rauha").run()
    keyed(at.text_input, f"image.{second}.group").input("rauha").run()
    goal = stored(data_dir, concept.id).toolbox.image_goal
    assert [r.group for r in goal.responses[:2]] == ["Rauha", "rauha"]
    assert any("**Rauha** (2)" in m.value for m in at.markdown)
    # Editing the answers keeps the groups of the answers that stay.
    keyed(at.text_area, "image.always").input("Hiljainen\nRauhallinen\nNopea").run()
    goal = stored(data_dir, concept.id).toolbox.image_goal
    groups = {r.text: r.group for r in goal.responses}
    assert groups["Rauhallinen"] == "Rauha" and groups["Nopea"] == ""


def test_stakeholder_map_is_filled_saved_and_drawn(data_dir):
    concept = profile_concept()
    at = open_app_with(concept, data_dir, page="views/tools/stakeholders.py")
    button(at, "Add a stakeholder group").click().run()
    sid = stored(data_dir, concept.id).toolbox.stakeholders[0].id
    keyed(at.text_input, f"stakeholder.{sid}.name").input("Vakioasiakkaat").run()
    keyed(at.slider, f"stakeholder.{sid}.importance").set_value(5).run()
    keyed(at.slider, f"stakeholder.{sid}.influence").set_value(4).run()
    keyed(at.toggle, f"stakeholder.{sid}.interview").set_value(True).run()
    keyed(at.number_input, f"stakeholder.{sid}.planned").set_value(6).run()
    keyed(at.toggle, f"stakeholder.{sid}.internal").set_value(True).run()
    assert not at.exception
    saved = stored(data_dir, concept.id).toolbox.stakeholders[0]
    assert (saved.name, saved.importance, saved.influence, saved.interview_candidate,
            saved.planned_interviews, saved.internal) == ("Vakioasiakkaat", 5, 4, True, 6, True)
    assert any(c.value.startswith("Key group") for c in at.caption)
    assert at.get("vega_lite_chart")
    assert any("Planned interviews in total: 6" in c.value for c in at.caption)


def test_removing_a_stakeholder_asks_once_more(data_dir):
    concept = profile_concept()
    concept.toolbox.stakeholders = [Stakeholder(name="Naapurit"), Stakeholder(name="Omistaja")]
    at = open_app_with(concept, data_dir, page="views/tools/stakeholders.py")
    first = concept.toolbox.stakeholders[0].id
    at.button(key=f"remove.stakeholder.{first}").click().run()
    assert not at.exception
    assert [s.name for s in stored(data_dir, concept.id).toolbox.stakeholders] == ["Omistaja"]


def test_context_themes_are_filled_related_and_saved(data_dir):
    concept = profile_concept()
    at = open_app_with(concept, data_dir, page="views/tools/context.py")
    button(at, "Add a theme").click().run()
    button(at, "Add a theme").click().run()
    first, second = [th.id for th in stored(data_dir, concept.id).toolbox.context_themes]
    keyed(at.text_input, f"theme.{first}.name").input("Keskittyminen").run()
    keyed(at.text_input, f"theme.{second}.name").input("Yhteisö").run()
    keyed(at.text_area, f"theme.{first}.details").input("Melu\nKeskeytykset").run()
    keyed(at.selectbox, f"theme.{first}.handling").set_value("difficult").run()
    keyed(at.multiselect, f"theme.{first}.related").set_value([second]).run()
    keyed(at.text_area, f"theme.{first}.actors").input("Kirjasto tarjoaa hiljaisen tilan").run()
    assert not at.exception
    theme = stored(data_dir, concept.id).toolbox.context_themes[0]
    assert (theme.name, theme.details, theme.handling, theme.related_theme_ids,
            theme.other_actors) == ("Keskittyminen", ["Melu", "Keskeytykset"], "difficult",
                                    [second], "Kirjasto tarjoaa hiljaisen tilan")
    assert any("Connected to: Yhteisö" in c.value for c in at.caption)


def test_storyboard_frames_are_added_filled_and_saved(data_dir):
    concept = profile_concept()
    at = open_app_with(concept, data_dir, page="views/tools/storyboard.py")
    button(at, "Add a storyboard").click().run()
    bid = stored(data_dir, concept.id).toolbox.storyboards[0].id
    keyed(at.text_input, f"storyboard.{bid}.title").input("Hyvä aamu").run()
    at.button(key=f"storyboard.{bid}.add_frame").click().run()
    fid = stored(data_dir, concept.id).toolbox.storyboards[0].frames[0].id
    keyed(at.text_input, f"frame.{fid}.caption").input("Saapuu kahvilaan").run()
    keyed(at.text_area, f"frame.{fid}.situation").input("Pöytä on katettu valmiiksi").run()
    keyed(at.selectbox, f"frame.{fid}.emotion").set_value(2).run()
    keyed(at.text_area, f"storyboard.{bid}.served").input("Nimellä, ilman jonoa").run()
    assert not at.exception
    board = stored(data_dir, concept.id).toolbox.storyboards[0]
    frame = board.frames[0]
    assert (board.title, board.how_they_want_to_be_served) == ("Hyvä aamu",
                                                               "Nimellä, ilman jonoa")
    assert (frame.caption, frame.situation, frame.emotion) == (
        "Saapuu kahvilaan", "Pöytä on katettu valmiiksi", 2)


def test_a_stopped_item_becomes_an_exclusion_once_from_the_list_page(data_dir):
    concept = profile_concept()
    item = StopItem(text="Olutlista", reason="against_strategy", rationale="Päiväkonsepti",
                    raised_in_step="value")
    concept.stop_list = [item]
    at = open_app_with(concept, data_dir, page="views/facilitation.py")
    assert any("Raised in: Value proposition" in c.value for c in at.caption)
    at.button(key=f"stop.{item.id}.exclude").click().run()
    assert not at.exception
    exclusions = stored(data_dir, concept.id).description.exclusions
    assert [(e.text, e.from_stop_item_id) for e in exclusions] == [("Olutlista", item.id)]
    assert not [b for b in at.button if b.key == f"stop.{item.id}.exclude"]
    assert any("Among the concept's exclusions" in m.value for m in at.markdown)
    at.run()
    assert len(stored(data_dir, concept.id).description.exclusions) == 1


def test_a_tool_page_shows_its_own_advice(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page="views/tools/empathy_map.py")
    assert any("empty area(s) of four" in w.value for w in at.info)
    at.switch_page("views/tools/stakeholders.py").run()
    assert any("Only 1 stakeholder group(s)" in i.value for i in at.info)
