"""Checks of the side tools, the parking lot and the stop list; the tools' shared rules."""

from concept.checks import crosscheck
from concept.checks.toolbox import findings
from concept.i18n import LANGUAGES
from concept.model import (
    Concept,
    EmpathyMap,
    ImageGoal,
    ImageResponse,
    ParkingLotItem,
    Stakeholder,
    StopItem,
    Storyboard,
    StoryboardFrame,
)
from concept.steps import STEP_KEYS
from concept.toolbox import (
    TOOL_KEYS,
    TOOLS,
    answers,
    grouped,
    place,
    quadrant,
    set_answers,
)


def ids(concept: Concept) -> list[str]:
    return [f.check_id for f in findings(concept)]


def test_an_unused_toolbox_gives_no_findings():
    assert findings(Concept(name="Tyhjä")) == []


def test_e01_an_empathy_map_with_an_empty_quadrant():
    concept = Concept()
    concept.toolbox.empathy_maps = [EmpathyMap(persona_label="Eero", experiences=["Yksin"])]
    found = [f for f in findings(concept) if f.check_id == "E-01"]
    assert len(found) == 1 and found[0].severity == "warn"
    assert found[0].params == {"name": "Eero", "count": 3}
    assert found[0].step == "empathy_map"


def test_e01_silent_when_every_quadrant_has_a_note():
    concept = Concept()
    concept.toolbox.empathy_maps = [EmpathyMap(
        experiences=["a"], attitude_self_environment=["b"], pain_points=["c"],
        success_feelings=["d"], promoted=["pain:c", "gain:d"])]
    assert ids(concept) == []


def test_e03_pain_and_success_notes_not_yet_promoted():
    concept = Concept()
    concept.toolbox.empathy_maps = [EmpathyMap(
        experiences=["a"], attitude_self_environment=["b"], pain_points=["c", "e"],
        success_feelings=["d"], promoted=["pain:c"])]
    found = [f for f in findings(concept) if f.check_id == "E-03"]
    assert len(found) == 1 and found[0].params["count"] == 2 and found[0].severity == "info"


def test_m01_fewer_than_three_always_or_never_answers():
    concept = Concept()
    concept.toolbox.image_goal = ImageGoal(responses=[
        *(ImageResponse(kind="always", text=f"a{i}") for i in range(3)),
        ImageResponse(kind="never", text="n1"),
    ])
    found = [f for f in findings(concept) if f.check_id == "M-01"]
    assert len(found) == 1 and found[0].params["always"] == 3 and found[0].params["never"] == 1
    concept.toolbox.image_goal.responses += [ImageResponse(kind="never", text=f"n{i}")
                                             for i in (2, 3)]
    assert "M-01" not in ids(concept)


def test_sh01_fewer_than_five_stakeholders_once_the_map_is_used():
    concept = Concept()
    concept.toolbox.stakeholders = [Stakeholder(name="Asiakkaat", planned_interviews=10)]
    assert ids(concept) == ["SH-01"]
    concept.toolbox.stakeholders += [Stakeholder(name=f"R{i}") for i in range(4)]
    assert "SH-01" not in ids(concept)


def test_sh02_a_key_group_that_nobody_interviews():
    concept = Concept()
    concept.toolbox.stakeholders = [
        Stakeholder(name="Vakioasiakkaat", importance=5, influence=4, planned_interviews=10),
        Stakeholder(name="Naapurit", importance=2, influence=2),
    ]
    found = [f for f in findings(concept) if f.check_id == "SH-02"]
    assert [f.params["name"] for f in found] == ["Vakioasiakkaat"]
    concept.toolbox.stakeholders[0].interview_candidate = True
    assert "SH-02" not in ids(concept)


def test_sh03_fewer_than_ten_planned_interviews_in_total():
    concept = Concept()
    concept.toolbox.stakeholders = [Stakeholder(name="A", planned_interviews=4),
                                    Stakeholder(name="B", planned_interviews=5)]
    found = [f for f in findings(concept) if f.check_id == "SH-03"]
    assert found and found[0].params["count"] == 9
    concept.toolbox.stakeholders[1].planned_interviews = 6
    assert "SH-03" not in ids(concept)


def test_sb02_and_sb03_storyboard_without_service_wish_and_with_few_frames():
    concept = Concept()
    concept.toolbox.storyboards = [Storyboard(title="Aamu", frames=[StoryboardFrame()])]
    assert sorted(ids(concept)) == ["SB-02", "SB-03"]
    board = concept.toolbox.storyboards[0]
    board.how_they_want_to_be_served = "Nimellä, ilman jonoa"
    board.frames += [StoryboardFrame(), StoryboardFrame()]
    assert ids(concept) == []


def test_pk01_an_open_parked_item_without_an_owner():
    concept = Concept()
    concept.parking_lot = [ParkingLotItem(text="Kaista?"),
                           ParkingLotItem(text="Hinnat?", owner="Maija"),
                           ParkingLotItem(text="Vanha", status="resolved")]
    found = [f for f in findings(concept) if f.check_id == "PK-01"]
    assert [f.params["text"] for f in found] == ["Kaista?"]
    assert found[0].step == "parking"


def test_st02_stopped_against_strategy_without_a_reason():
    concept = Concept()
    concept.stop_list = [StopItem(text="Olut", reason="against_strategy"),
                         StopItem(text="Ilta", reason="off_topic"),
                         StopItem(text="Viini", reason="against_strategy", rationale="Päivä")]
    found = [f for f in findings(concept) if f.check_id == "ST-02"]
    assert [f.params["text"] for f in found] == ["Olut"]


def test_every_finding_points_at_a_step_or_tool_and_has_texts(cafe):
    mine = findings(cafe) + crosscheck.findings(cafe)
    assert mine
    for finding in mine:
        assert finding.step in STEP_KEYS or finding.step in TOOL_KEYS, finding
    for finding in findings(cafe):
        for lang in LANGUAGES:
            assert finding.message(lang) != finding.message_key
            assert "{" not in finding.message(lang)


def test_every_tool_key_has_a_page_and_title():
    for tool in TOOLS:
        found = place(tool.key)
        assert found is not None and found.page == tool.page
    assert place("value").page == "views/value.py"
    assert place("nowhere") is None


def test_stakeholder_quadrants_follow_importance_and_influence():
    assert quadrant(Stakeholder(importance=4, influence=5)) == "key_group"
    assert quadrant(Stakeholder(importance=5, influence=2)) == "listen"
    assert quadrant(Stakeholder(importance=1, influence=4)) == "keep_satisfied"
    assert quadrant(Stakeholder(importance=3, influence=3)) == "monitor"


def test_editing_image_answers_keeps_the_groups_of_kept_answers():
    goal = ImageGoal()
    set_answers(goal, "always", ["Rauhallinen", "Ystävällinen"])
    set_answers(goal, "never", ["Meluisa"])
    answers(goal, "always")[0].group = "rauha"
    kept_id = answers(goal, "always")[0].id
    set_answers(goal, "always", ["Ystävällinen", "Rauhallinen", "", "Nopea"])
    always = answers(goal, "always")
    assert [r.text for r in always] == ["Ystävällinen", "Rauhallinen", "Nopea"]
    assert always[1].id == kept_id and always[1].group == "rauha"
    assert [r.text for r in answers(goal, "never")] == ["Meluisa"]


def test_grouped_view_merges_groups_that_differ_in_case_and_puts_loose_answers_last():
    goal = ImageGoal(responses=[
        ImageResponse(text="Rauhallinen", group="Rauha"),
        ImageResponse(text="Hiljainen", group=" rauha "),
        ImageResponse(text="Ystävällinen", group="Palvelu"),
        ImageResponse(text="Halpa"),
        ImageResponse(kind="never", text="Meluisa", group="Rauha"),
    ])
    view = grouped(goal, "always")
    assert [(label, [r.text for r in items]) for label, items in view] == [
        ("Rauha", ["Rauhallinen", "Hiljainen"]),
        ("Palvelu", ["Ystävällinen"]),
        ("", ["Halpa"]),
    ]


def test_related_themes_are_found_in_both_directions():
    from concept.model import ContextTheme
    from concept.toolbox import related_themes

    quiet, people, price = ContextTheme(name="Rauha"), ContextTheme(name="Yhteisö"), ContextTheme(
        name="Hinta")
    quiet.related_theme_ids = [people.id]
    themes = [quiet, people, price]
    assert related_themes(themes, people) == [quiet]
    assert related_themes(themes, quiet) == [people]
    assert related_themes(themes, price) == []
