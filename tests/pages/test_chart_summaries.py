"""Every chart on every page has its title as the chart's description and, right under it, a
one-line summary in words (issue 20, point 8), in the user's language."""

from __future__ import annotations

import json

import pytest

from concept import chart_text
from concept.samples import cafe_concept
from tests.helpers import open_app_with
from tests.pages.test_charts import CHART_PAGES
from tests.test_chart_text import with_positions

PAGES = [*CHART_PAGES, "views/tools/positioning.py"]


def in_order(node):
    """The page's elements in the order they are drawn (columns left to right)."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from in_order(child)


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_chart_has_a_description_and_a_summary_under_it(data_dir, page, lang):
    concept = with_positions(cafe_concept())
    at = open_app_with(concept, data_dir, page, lang=lang)
    assert not at.exception
    elements = list(in_order(at.main))
    charts = [i for i, e in enumerate(elements) if e.type == "vega_lite_chart"]
    assert charts, f"{page} drew no chart"
    for index in charts:
        assert json.loads(elements[index].proto.spec).get("description"), page
        after = elements[index + 1]
        assert after.type == "caption", (page, after.type)
        assert after.value.endswith(".") and "{" not in after.value, after.value
    summaries = {e.value for e in elements if e.type == "caption"}
    expected = {
        "views/profiles.py": chart_text.priority_summary(concept, lang),
        "views/purchase.py": chart_text.stage_summary(concept, lang),
        "views/experience.py": chart_text.feeling_summary(concept, lang),
        "views/competition.py": chart_text.competitor_summary(concept, lang),
        "views/tools/stakeholders.py": chart_text.stakeholder_summary(
            concept.toolbox.stakeholders, lang),
        "views/tools/positioning.py": chart_text.positioning_summary(
            concept.toolbox.positioning, lang),
        "views/journey.py": chart_text.emotion_summary(concept.journeys[0], lang),
    }.get(page)
    if expected is not None:
        assert expected in summaries, (expected, summaries)
