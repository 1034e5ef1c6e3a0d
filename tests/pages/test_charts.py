"""Every chart the app draws is valid Vega-Lite (checked against the schema Altair ships) and
shows the concept's data. The specs are written as plain dicts, so nothing else checks them."""

from __future__ import annotations

import json

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from concept.samples import cafe_concept, large_concept
from tests.helpers import open_app_with

CHART_PAGES = [
    "views/profiles.py",
    "views/journey.py",
    "views/purchase.py",
    "views/experience.py",
    "views/competition.py",
    "views/tools/stakeholders.py",
    "views/health.py",
]


@pytest.fixture(scope="module")
def schema():
    return load_schema()


def values_of(spec: dict) -> list[dict]:
    found = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        found += values_of(layer)
    return found


CASES = [(page, make, lang) for page in CHART_PAGES
         for make, lang in ((cafe_concept, "fi"), (large_concept, "en"))
         # The large sample fills the steps, not the toolbox: no stakeholders to draw.
         if not (page.endswith("stakeholders.py") and make is large_concept)]


@pytest.mark.parametrize(("page", "make", "lang"), CASES)
def test_charts_are_valid_vega_lite_with_the_concepts_data(data_dir, schema, page, make, lang):
    at = open_app_with(make(), data_dir, page, lang=lang)
    assert not at.exception
    charts = at.get("vega_lite_chart")
    assert charts, f"{page} drew no chart"
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        if chart.proto.data.data:  # Streamlit moved the data out; validate the spec as written
            spec.setdefault("data", {"values": []})
        validate_jsonschema(spec, schema)  # raises with the offending part
        # Streamlit moves a chart's top-level data out of the spec into an Arrow table.
        assert values_of(spec) or chart.proto.data.data, "a chart without data"
