"""Property-based tests (hypothesis) with hostile text: arbitrary Unicode, control characters,
very long strings and markup in every kind of field.

- The model: JSON export/import and a store save/load give back exactly the same concept.
- Every exporter: never crashes; HTML never contains live markup from user text; DOCX opens with
  python-docx; PDF starts with %PDF and opens with pypdf; Markdown keeps the text.
Example counts are modest to keep the suite fast.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from concept.model import (
    MAX_TEXT,
    CompetitiveAttribute,
    Competitor,
    CompetitorScore,
    Concept,
    CustomerProfile,
    Exclusion,
    Gain,
    Job,
    Journey,
    JourneyStage,
    Pain,
    ParkingLotItem,
    PersonInvolved,
    ProductService,
    StopItem,
    Touchpoint,
)
from concept.store import TinyDBConceptStore
from concept.transfer import concept_from_json, concept_to_json

MARKUP = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '"><iframe src="javascript:alert(1)"></iframe>',
    "</p></section><script>document.cookie</script>",
    "<!-- --><b onclick='x()'>lihava</b>",
    "{{ doc.lang }} {% raw %}",
    "**bold** _em_ [link](javascript:alert(1)) <br> | table | `code`",
    "# Otsikko\n- lista\n1. numero",
    "\\ \\\\ \" ' & &amp; &lt; <",
]
CONTROL = "".join(chr(c) for c in [*range(0, 32), 127, *range(128, 160)]) + "\u2028\u2029\ufeff"

# Any Unicode scalar value (no lone surrogates: neither a browser nor JSON text can deliver
# them, and the model refuses them), with the control characters drawn often.
any_char = st.characters(codec="utf-8")
control_text = st.text(alphabet=st.sampled_from(CONTROL), min_size=1, max_size=20)
long_text = st.builds(lambda unit, times: (unit * times)[:MAX_TEXT],
                      st.text(any_char, min_size=1, max_size=8), st.integers(2_000, 20_000))
hostile = st.one_of(
    st.text(any_char, max_size=60),
    st.sampled_from(MARKUP),
    control_text,
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(MARKUP), control_text,
              st.text(any_char, max_size=20)),
)
hostile_or_long = st.one_of(hostile, hostile, hostile, long_text)


def hostile_concept(texts: list[str]) -> Concept:
    """A concept with a part in every step, each text field filled from `texts` in turn."""
    pool = itertools.cycle(texts)

    def next_text() -> str:
        return next(pool)

    concept = Concept(name=next_text()[:300], industry=next_text()[:300],
                      author=next_text()[:300], organisation=next_text()[:300])
    concept.idea.who, concept.idea.what_value, concept.idea.how = (
        next_text(), next_text(), next_text())
    job = Job(text=next_text(), importance=5)
    pain = Pain(text=next_text(), type="risk", severity=4)
    gain = Gain(text=next_text(), type="desired", relevance=4)
    profile = CustomerProfile(name=next_text(), summary=next_text(), jobs=[job], pains=[pain],
                              gains=[gain], experience_essentials=[next_text()], is_primary=True)
    concept.profiles.append(profile)
    stage = JourneyStage(name=next_text(), customer_goal=next_text(), emotion=-1,
                         successes=[next_text()], failures=[next_text()])
    touchpoint = Touchpoint(stage_id=stage.id, name=next_text(), description=next_text(),
                            channel="web", kind="digital", is_moment_of_truth=True,
                            purchase_stage_keys=["need", "decide"],
                            horizon_ids=[concept.experience.horizons[0].id])
    concept.journeys.append(Journey(profile_id=profile.id, entry_point=next_text(),
                                    scope_start=next_text(), scope_end=next_text(),
                                    stages=[stage], touchpoints=[touchpoint]))
    first_stage = concept.purchase_process.stages[0]
    first_stage.label, first_stage.info_needs = next_text(), next_text()
    first_stage.drop_off_risks, concept.purchase_process.notes = next_text(), next_text()
    horizon = concept.experience.horizons[0]
    horizon.target_experience, horizon.essentials = next_text(), [next_text()]
    horizon.delight_moments, horizon.churn_risks = [next_text()], [next_text()]
    horizon.target_rating = 2
    concept.experience.horizons[1].label = next_text()
    relationship = concept.relationship
    relationship.types, relationship.closeness, relationship.duration = (
        ["personal"], 4, "long")
    relationship.rationale_for_value_proposition = next_text()
    relationship.people.append(PersonInvolved(role="payer", description=next_text()))
    competitor = Competitor(name=next_text(), summary=next_text(), strengths=[next_text()],
                            weaknesses=[next_text()])
    concept.competition.competitors.append(competitor)
    concept.competition.frame_of_reference = next_text()
    concept.competition.attributes.append(CompetitiveAttribute(
        name=next_text(), customer_importance=5, our_score=5,
        competitor_scores=[CompetitorScore(competitor_id=competitor.id, score=2)],
        linked_gain_ids=[gain.id], proof_points=[next_text()]))
    value = concept.value_proposition
    value.profile_id, value.key_promise, value.statement = profile.id, next_text(), next_text()
    value.reasons_to_believe = [next_text()]
    value.products_services.append(ProductService(name=next_text(), description=next_text(),
                                                  job_ids=[job.id]))
    description = concept.description
    description.tagline, description.short_description = next_text(), next_text()
    description.who, description.what_value, description.how = (
        next_text(), next_text(), next_text())
    description.differentiation = next_text()
    description.exclusions.append(Exclusion(text=next_text()))
    concept.parking_lot.append(ParkingLotItem(text=next_text(), owner=next_text(),
                                              resolution=next_text()))
    concept.stop_list.append(StopItem(text=next_text(), rationale=next_text()))
    return concept


concepts = st.lists(hostile_or_long, min_size=1, max_size=12).map(hostile_concept)


def _with_one_long_text(concept: Concept, long: str) -> Concept:
    concept.description.short_description = long
    return concept


# For the slow renderers (DOCX, PDF): hostile text everywhere, a very long string in one field
# only (60 fields of 20,000 characters each take seconds to lay out).
document_concepts = st.builds(
    _with_one_long_text,
    st.lists(hostile, min_size=1, max_size=12).map(hostile_concept),
    st.one_of(st.just("lyhyt"), long_text),
)
MODEST = settings(max_examples=40, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(max_examples=12, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])


# --- the model -------------------------------------------------------------------------------


@MODEST
@given(concepts)
def test_json_export_then_import_gives_exactly_the_same_concept(concept):
    again = concept_from_json(concept_to_json(concept))
    assert again == concept
    assert again.model_dump() == concept.model_dump()


@MODEST
@given(st.lists(hostile_or_long, min_size=1, max_size=12))
# Always run, whatever the example database holds: 105 notes of the longest length (about 39 MB
# of JSON with these characters) once failed as over the old 10 MB import limit.
@example(texts=[("ä€😀\x00" * (MAX_TEXT // 4))] * 105)
def test_each_text_survives_the_json_round_trip_character_for_character(texts):
    concept = Concept(name="x")
    concept.parking_lot.extend(ParkingLotItem(text=text) for text in texts)
    again = concept_from_json(concept_to_json(concept).encode("utf-8"))
    assert [item.text for item in again.parking_lot] == texts


@FEW
@given(concept=concepts)
def test_store_save_then_load_gives_exactly_the_same_concept(tmp_path_factory, concept):
    store = TinyDBConceptStore(tmp_path_factory.mktemp("data"))
    store.create(concept)
    concept.idea.who = concept.idea.who[::-1]
    store.save(concept)
    assert TinyDBConceptStore(store.data_dir).load(concept.id) == concept


# --- the exporters ---------------------------------------------------------------------------


def _needs(fmt: str) -> Callable[[Concept, str], bytes]:
    """`concept.export.export` for `fmt`: (concept, lang) -> the file's bytes."""
    try:
        from concept.export import FORMATS, export
    except ImportError:
        pytest.skip("concept.export is not there yet")
    if fmt not in FORMATS:
        pytest.skip(f"the {fmt} exporter is not there yet (concept.export)")
    return lambda concept, lang: export(concept, fmt, lang)


def _html(concept: Concept, lang: str) -> str:
    return _needs("html")(concept, lang).decode("utf-8")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def template_tags() -> set[str]:
    """The tags the HTML template itself writes, learned from a benign, full concept."""
    html = _html(hostile_concept(["teksti"]), "en")
    return set(_parse(html).tags) | {f"h{level}" for level in range(1, 7)}


@MODEST
@given(concept=concepts, lang=st.sampled_from(["fi", "en"]))
def test_html_export_never_contains_live_markup_from_user_text(template_tags, concept, lang):
    html = _html(concept, lang)
    parsed = _parse(html)
    assert "script" not in parsed.tags
    assert set(parsed.tags) <= template_tags
    assert not [name for name, _ in parsed.attributes if name.lower().startswith("on")]
    # Attributes that load or follow an address: the figures' data: SVG images only. (An alt
    # text such as "…: JAVASCRIPT:" is the user's text shown as text, not an address.)
    addresses = [value for name, value in parsed.attributes
                 if name.lower() in {"href", "src", "action", "formaction", "xlink:href"}]
    assert all(v and v.startswith("data:image/svg+xml;base64,") for v in addresses)


@MODEST
@given(markup=st.sampled_from(MARKUP))
def test_html_export_shows_user_markup_as_text(markup):
    concept = Concept(name="Merkit")
    concept.description.short_description = markup
    text = "".join(_parse(_html(concept, "fi")).text)
    assert markup.strip() in text


@MODEST
@given(concept=concepts, lang=st.sampled_from(["fi", "en"]))
def test_markdown_export_never_crashes_and_is_text(concept, lang):
    text = _needs("md")(concept, lang).decode("utf-8")
    assert concept.name.strip() == "" or text.strip()


@FEW
@given(concept=document_concepts, lang=st.sampled_from(["fi", "en"]))
def test_docx_export_never_crashes_and_opens_in_python_docx(concept, lang):
    import docx

    output = _needs("docx")(concept, lang)
    assert isinstance(output, bytes) and output[:2] == b"PK"
    opened = docx.Document(io.BytesIO(output))
    assert opened.paragraphs


@FEW
@given(concept=document_concepts, lang=st.sampled_from(["fi", "en"]))
def test_pdf_export_never_crashes_and_is_a_readable_pdf(concept, lang):
    import pypdf

    output = _needs("pdf")(concept, lang)
    assert isinstance(output, bytes | bytearray) and bytes(output[:5]) == b"%PDF-"
    assert len(pypdf.PdfReader(io.BytesIO(bytes(output))).pages) >= 1
