"""AppTest: the concept health page lists every finding with a way to the step that fixes it."""

from __future__ import annotations

from concept.checks import all_findings
from concept.formatting import plain
from concept.i18n import t
from concept.model import Concept
from concept.toolbox import place
from tests.helpers import open_app_with

PAGE = "views/health.py"


def shown_texts(at) -> list[str]:
    return [box.value for box in [*at.warning, *at.info]]


def ways_to_fix(at) -> list[str]:
    """Link labels; where AppTest runs the page without the app's navigation, captions."""
    return [link.value for link in at.page_link] + [c.value for c in at.caption]


def test_cafe_findings_are_all_listed_with_a_way_to_fix_each(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page=PAGE)
    assert not at.exception
    texts = shown_texts(at)
    found = all_findings(cafe)
    assert found
    for finding in found:
        assert finding.message("en", plain) in texts, finding
    labels = ways_to_fix(at)
    for finding in found:
        target = place(finding.step)
        if target is not None:
            assert t("health.fix_in", "en", place=t(target.title_key, "en")) in labels
    assert [link.value for link in at.page_link], "no real page links at all"
    value_link = [link for link in at.page_link if link.value == "Go to Value proposition"]
    assert value_link and value_link[0].proto.page == "value"


def test_findings_can_be_grouped_by_step(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page=PAGE)
    group_by = at.segmented_control(key="health_group_by")
    assert [group_by.format_func(o) for o in ("severity", "step")] == ["Seriousness", "Step"]
    group_by.set_value("step").run()
    assert not at.exception
    headings = [h.value for h in at.subheader]  # h3 under the findings' h2
    assert "Customer journey" in headings and "Empathy map" in headings
    assert not any(h.startswith("Gaps") for h in headings)


def test_cafe_health_page_in_finnish_shows_severity_groups_and_the_stakeholder_grid(data_dir,
                                                                                     cafe):
    at = open_app_with(cafe, data_dir, page=PAGE, lang="fi")
    assert not at.exception
    assert at.title[0].value == "Konseptin kunto"
    headings = [h.value for h in at.subheader]
    assert any(h.startswith("Aukot") for h in headings)
    assert "Sidosryhmäkartta" in headings
    assert at.get("vega_lite_chart")


def test_an_empty_concept_renders_its_few_findings_with_links(data_dir):
    concept = Concept(name="Tyhjä")
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    for finding in all_findings(concept):
        assert finding.message("en") in shown_texts(at)
    assert any("little to check yet" in c.value for c in at.caption) or not all_findings(concept)
    assert any("Nothing to draw yet" in c.value for c in at.caption)


def test_retention_readiness_is_one_indicator_with_its_three_parts(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page=PAGE)
    assert not at.exception
    assert "Retention readiness" in [h.value for h in at.header]
    assert [m.value for m in at.metric] == ["3/3"]
    parts = " ".join(m.value for m in at.markdown)
    assert "come after the purchase or in the later periods" in parts
    cafe.relationship.duration = "one_off"
    for horizon in cafe.experience.horizons[2:]:  # nothing said about the later periods
        horizon.essentials, horizon.delight_moments, horizon.churn_risks = [], [], []
        horizon.target_experience, horizon.target_rating = "", None
    cafe.id = "retention"  # stored as a concept of its own
    at = open_app_with(cafe, data_dir, page=PAGE)
    assert [m.value for m in at.metric] == ["2/3"]
    assert any("not marked as long" in c.value for c in at.caption)
