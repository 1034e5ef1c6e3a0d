"""Charts as text (issue 20, point 8): a one-line summary of every chart in the user's language
with the user's text made Markdown-safe, and every channel a screen reader or a tooltip reads
titled in the user's language (no "stage: …", "who: Me", "at: 0")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from concept import chart_text
from concept.figures import (
    competitor_matrix_spec,
    emotion_spec,
    feeling_spec,
    positioning_spec,
    priority_spec,
    stage_spec,
    stakeholder_spec,
)
from concept.formatting import plain
from concept.model import Concept, PositionPoint
from concept.samples import cafe_concept

HOSTILE = "*Kulma* [x](http://evil) <b>"


def with_positions(concept: Concept) -> Concept:
    positioning = concept.toolbox.positioning
    positioning.x_label, positioning.y_label = "Hinta", "Tunnelma"
    positioning.points = [PositionPoint(name="Kahvila Kulma", kind="us_target", x=0.25, y=0.9),
                          PositionPoint(name="Ketjukahvila", kind="competitor", x=0.5, y=0.2)]
    return concept


def all_specs(concept: Concept, lang: str) -> dict[str, dict]:
    specs = {
        "priority": priority_spec(concept, lang),
        "emotion": emotion_spec(concept.journeys[0], lang),
        "stages": stage_spec(concept, lang),
        "feeling": feeling_spec(concept, lang),
        "competitors": competitor_matrix_spec(concept, lang),
        "stakeholders": stakeholder_spec(concept.toolbox.stakeholders, lang),
        "positioning": positioning_spec(concept.toolbox.positioning, lang),
    }
    assert all(specs.values()), [name for name, spec in specs.items() if spec is None]
    return specs


def read_channels(spec: dict, aria: bool = True) -> Iterator[tuple[str, dict]]:
    """(channel, definition) of every field a screen reader reads: the channels of each mark
    that is not hidden from the accessibility tree (Vega-Lite describes a mark by them all)."""
    mark = spec.get("mark")
    hidden = isinstance(mark, dict) and mark.get("aria") is False
    for name, definition in spec.get("encoding", {}).items():
        if not aria or hidden:
            continue
        for item in definition if isinstance(definition, list) else [definition]:
            if isinstance(item, dict) and "field" in item:
                yield name, item
    for layer in spec.get("layer", []):
        merged = {**layer, "encoding": {**spec.get("encoding", {}), **layer.get("encoding", {})}}
        yield from read_channels(merged, aria)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_channel_read_out_has_a_title_in_the_users_language(lang):
    for chart, spec in all_specs(with_positions(cafe_concept()), lang).items():
        channels = list(read_channels(spec))
        assert channels, chart
        for name, definition in channels:
            title = definition.get("title")
            assert isinstance(title, str) and title.strip(), (chart, name, definition)
            assert title != definition["field"], (chart, name, definition)
            assert "." not in title or " " in title, (chart, name, title)  # not a catalog key


def test_the_charts_in_finnish_say_finnish_words():
    specs = all_specs(with_positions(cafe_concept()), "fi")
    titles = {chart: {d["title"] for _, d in read_channels(spec)}
              for chart, spec in specs.items()}
    assert "Kenen pisteet" in titles["competitors"]
    assert {"Vaihe", "Tunne", "Merkintä"} <= titles["emotion"]
    assert {"Hinta", "Tunnelma", "Nimi"} <= titles["positioning"]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_chart_has_a_one_line_summary(lang):
    concept = with_positions(cafe_concept())
    summaries = [
        chart_text.priority_summary(concept, lang),
        chart_text.emotion_summary(concept.journeys[0], lang),
        chart_text.stage_summary(concept, lang),
        chart_text.feeling_summary(concept, lang),
        chart_text.competitor_summary(concept, lang),
        chart_text.stakeholder_summary(concept.toolbox.stakeholders, lang),
        chart_text.positioning_summary(concept.toolbox.positioning, lang),
    ]
    for summary in summaries:
        assert summary and "\n" not in summary and "{" not in summary, summary


def test_summaries_say_what_the_chart_shows_in_finnish():
    concept = with_positions(cafe_concept())
    journey = concept.journeys[0]
    assert chart_text.emotion_summary(journey, "fi") == (
        f"Matalin tunne on vaiheessa ”1\\. {journey.stages[0].name}”: 0. Käyrä päättyy "
        f"vaiheeseen ”5\\. {journey.stages[4].name}”: +2.")
    assert chart_text.positioning_summary(concept.toolbox.positioning, "fi") == (
        "Kahvila Kulma (Me tavoitteena): Hinta 0,25, Tunnelma 0,9; "
        "Ketjukahvila (Kilpailija): Hinta 0,5, Tunnelma 0,2.")
    assert chart_text.stakeholder_summary(concept.toolbox.stakeholders, "fi") == (
        "Avainryhmä: Vakioasiakkaat.")
    assert chart_text.competitor_summary(concept, "fi") == (
        "Olemme kaikkia kilpailijoita parempia: Varattava paikka. "
        "Kilpailija on meitä parempi: ei yhtään.")


def test_summaries_show_the_users_text_as_text_and_nothing_when_no_chart():
    concept = with_positions(cafe_concept())
    concept.profiles[0].name = HOSTILE
    concept.profiles[0].business_importance = 5
    concept.profiles[0].service_difficulty = 5
    concept.toolbox.stakeholders[0].name = HOSTILE
    concept.toolbox.positioning.points[0].name = HOSTILE
    concept.competition.attributes[0].name = HOSTILE
    summaries = [chart_text.priority_summary(concept, "fi"),
                 chart_text.stakeholder_summary(concept.toolbox.stakeholders, "fi"),
                 chart_text.positioning_summary(concept.toolbox.positioning, "fi")]
    for summary in summaries:
        assert plain(HOSTILE) in summary and "[x](" not in summary, summary
    empty = Concept(name="Tyhjä")
    assert chart_text.priority_summary(empty, "fi") is None
    assert chart_text.stage_summary(empty, "fi") is None
    assert chart_text.feeling_summary(empty, "fi") is None
    assert chart_text.competitor_summary(empty, "fi") is None
    assert chart_text.stakeholder_summary([], "fi") is None
    assert chart_text.positioning_summary(empty.toolbox.positioning, "fi") is None
