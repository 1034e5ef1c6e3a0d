"""The five recipes as data agree with the method (methodology §2.1 tool order, §8.1 timings)."""

from __future__ import annotations

import json

import pytest

from concept.i18n import LANGUAGES
from concept.recipes import (
    RecipeProblem,
    builtin_recipes,
    find,
    own_recipes,
    recipe_from_data,
    recipe_to_data,
    save_own,
)

# (tool, work mode, work minutes (least, most) or None, presentation round after it).
# Methodology §8.1; the three-year image is 2 × 10 min alone plus 10–15 min grouping together.
EXPECTED = {
    "customers_and_paths": ("workshop", [
        ("empathy_map", "pairs_or_groups", (20, 30), False),
        ("everyday_life", "pairs_or_groups", (30, 30), False),
        ("image_goal", "individual", (30, 35), False),
        ("journey", "pairs_or_groups", (45, 45), True),
        ("purchase", "pairs_or_groups", (30, 30), True),
        ("relationships", "pairs_or_groups", (30, 30), True),
        ("parking", "all_together", None, False),
        ("stop", "all_together", None, False),
    ]),
    "value_proposition": ("workshop", [
        ("profiles", "all_together", (20, 20), False),
        ("journey", "groups", (45, 45), True),
        ("context", "groups", (30, 30), True),
        ("image_goal", "individual", (30, 35), False),
        ("ecosystem", "groups", (30, 30), True),
        ("positioning", "groups", (45, 45), True),
    ]),
    # The guides (§2.1): a project team, no timings.
    "service_concept": ("guide", [
        ("journey", "", None, False), ("purchase", "", None, False),
        ("experience", "", None, False), ("relationships", "", None, False),
    ]),
    "business_concept": ("guide", [
        ("start", "", None, False), ("profiles", "", None, False), ("journey", "", None, False),
        ("competition", "", None, False), ("value", "", None, False),
        ("relationships", "", None, False), ("channels", "", None, False),
    ]),
    "customer_insight": ("guide", [
        ("stakeholders", "", None, False), ("interviews", "", None, False),
        ("journey", "", None, False),
        ("context", "", None, False), ("storyboard", "", None, False),
        ("profiles", "", None, False), ("profiles", "", None, False),
        ("profiles", "", None, False),
    ]),
}


def test_the_five_recipes_in_the_methods_order():
    assert [r.key for r in builtin_recipes()] == list(EXPECTED)


@pytest.mark.parametrize("key", EXPECTED)
def test_every_tool_order_mode_and_timing_follows_the_method(key):
    recipe = find(key)
    kind, expected = EXPECTED[key]
    assert recipe.kind == kind
    got = [(a.tool, a.mode, a.work_range, a.presentation) for a in recipe.activities]
    assert got == expected


def test_the_three_year_image_runs_two_rounds_of_ten_minutes():
    for key in ("customers_and_paths", "value_proposition"):
        image = next(a for a in find(key).activities if a.tool == "image_goal")
        assert (image.rounds, image.round_minutes) == (2, 10)


def test_work_time_totals_match_the_methods_estimate():
    # §8.1: "work time 185–200 min" and "200–205 min".
    totals = {}
    for key in ("customers_and_paths", "value_proposition"):
        ranges = [a.work_range for a in find(key).activities if a.work_range]
        totals[key] = (sum(r[0] for r in ranges), sum(r[1] for r in ranges))
    assert totals == {"customers_and_paths": (185, 200), "value_proposition": (200, 205)}


def test_prework_the_recipes_ask_for():
    gates = {r.key: [(p.what, p.min) for p in r.prerequisites] for r in builtin_recipes()}
    assert gates["value_proposition"] == [("profiles", 1), ("context_themes", 1)]
    assert gates["customer_insight"] == [("planned_interviews", 10)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_recipe_and_activity_has_its_texts(lang):
    for recipe in builtin_recipes():
        assert recipe.title[lang] and recipe.intro[lang]
        for activity in recipe.activities:
            assert activity.instructions[lang].strip(), (recipe.key, activity.tool)


def test_an_own_copy_is_saved_and_loaded_back(tmp_path):
    original = find("customers_and_paths")
    edited = original.__class__(**{**original.__dict__,
                                   "activities": original.activities[:2]})
    saved = save_own(edited, "Asiakaspäivä Oulu", tmp_path)
    assert saved.key.startswith("own_") and saved.kind == "own"
    loaded = own_recipes(tmp_path)
    assert [r.key for r in loaded] == [saved.key]
    assert loaded[0].title["fi"] == "Asiakaspäivä Oulu"
    assert [a.tool for a in loaded[0].activities] == ["empathy_map", "everyday_life"]
    assert find(saved.key, tmp_path) == loaded[0]


def test_a_broken_own_recipe_is_left_out(tmp_path):
    folder = tmp_path / "recipes"
    folder.mkdir()
    (folder / "own_x.json").write_text("{not json", encoding="utf-8")
    (folder / "own_y.json").write_text(json.dumps({"key": "own_y", "activities": []}),
                                       encoding="utf-8")
    assert own_recipes(tmp_path) == []


def test_a_recipe_survives_its_data_form():
    for recipe in builtin_recipes():
        assert recipe_from_data(json.loads(json.dumps(recipe_to_data(recipe)))) == recipe


def test_bad_minutes_are_refused():
    with pytest.raises(RecipeProblem):
        recipe_from_data({"key": "x", "activities": [{"tool": "journey", "minutes": [30, 20]}]})
