"""The concept on a page (first page after the cover, and the `onepager` format) and the
background and objective fields that open the document."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from concept.cli import main
from concept.document import Bullets, KeyValue, build_document, cut
from concept.export import export, file_name
from concept.model import Concept
from concept.samples import cafe_concept, large_concept
from concept.transfer import concept_from_json, concept_to_json
from tests.helpers import open_app_with, stored


def pages(raw: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages]


def longest() -> Concept:
    """Every text the one-pager shows at the longest length the app takes."""
    concept = large_concept()
    # Far over every cut (the app takes up to 100,000 characters; more only slows the test).
    long = ("Pitkä lause, jossa on paljon sanoja ja ääkkösiä. " * 60)[:3000]
    concept.name = long[:300]
    concept.background = concept.objective = long
    d = concept.description
    d.tagline = d.who = d.what_value = d.how = long
    concept.value_proposition.key_promise = long
    concept.value_proposition.reasons_to_believe = [long] * 5
    profile = concept.primary_profile()
    profile.name = long[:300]
    for item in (*profile.jobs, *profile.pains, *profile.gains):
        item.text = long
    for attribute in concept.competition.attributes:
        attribute.name = long[:300]
    for exclusion in d.exclusions:
        exclusion.text = long
    return concept


@pytest.mark.parametrize("make", [cafe_concept, large_concept, longest])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_one_pager_fits_one_page(make, lang):
    concept = make()
    alone = pages(export(concept, "onepager", lang))
    assert len(alone) == 1
    full = pages(export(concept, "pdf", lang))
    title = build_document(concept, lang).section("onepager").title.upper()
    starts = [i for i, page in enumerate(full) if page.startswith(title)]
    assert len(starts) == 1  # the first page after the cover (a 300-character name fills two)
    assert starts[0] == (1 if make is not longest else starts[0])
    assert not full[starts[0] + 1].startswith(title)


def test_long_texts_are_cut_in_the_one_pager_only():
    concept = longest()
    document = build_document(concept, "fi")
    onepager = document.section("onepager")
    values = [v for b in onepager.blocks if isinstance(b, KeyValue) for _, v in b.items]
    values += [i for b in onepager.blocks if isinstance(b, Bullets) for i in b.items]
    assert values and all(v.endswith("…") and len(v) <= 260 for v in values)
    background = document.section("background").blocks[0].items[0][1]
    assert background == concept.background.strip()  # whole in the document


def test_cut_keeps_short_text_and_cuts_at_a_word():
    assert cut("lyhyt teksti", 50) == "lyhyt teksti"
    assert cut("yksi kaksi kolme neljä viisi", 16) == "yksi kaksi…"
    assert cut("a\nb", 10) == "a b"


def test_the_one_pager_has_the_promise_profile_and_edge():
    text = pages(export(cafe_concept(), "onepager", "fi"))[0].replace("\n", " ")
    for expected in ("Kahvila Kulma", "Tärkein lupaus", "Paikkasi ja lounaasi odottavat sinua.",
                     "Keskittyvä etätyöläinen", "Varattava paikka", "Iltatapahtumat"):
        assert expected in text


def test_an_old_file_without_background_loads_and_the_fields_reach_the_document():
    data = json.loads(concept_to_json(cafe_concept()))
    data.pop("background", None)
    data.pop("objective", None)
    concept = concept_from_json(json.dumps(data).encode(), "fi")
    assert concept.background == "" and concept.objective == ""
    assert build_document(concept, "fi").section("background") is None
    concept.background = "Lähiön kahvilat ovat hiljentyneet."
    concept.objective = "Sata vakioasiakasta vuodessa."
    document = build_document(concept, "fi")
    assert [s.key for s in document.sections][:3] == ["onepager", "summary", "background"]
    assert document.section("background").blocks[0].items == [
        ("Tausta", "Lähiön kahvilat ovat hiljentyneet."),
        ("Tavoite", "Sata vakioasiakasta vuodessa.")]
    onepager = dict(document.section("onepager").blocks[0].items)
    assert onepager["Tavoite"] == "Sata vakioasiakasta vuodessa."


def test_the_cli_exports_the_one_pager(tmp_path):
    source = tmp_path / "cafe.json"
    source.write_text(concept_to_json(cafe_concept()), encoding="utf-8")
    assert main(["export", str(source), "--format", "onepager", "--lang", "en"]) == 0
    written = tmp_path / file_name(cafe_concept(), "onepager")
    assert written.name.endswith(".onepager.pdf")
    assert len(pages(written.read_bytes())) == 1


def test_background_and_objective_are_asked_on_the_start_step(data_dir):
    concept = Concept(name="Miksi")
    at = open_app_with(concept, data_dir)
    field = next(a for a in at.text_area if a.label == "Background")
    field.input("Kahvilat hiljenevät").run()
    next(a for a in at.text_area if a.label == "Objective").input("Sata kävijää").run()
    saved = stored(data_dir, concept.id)
    assert (saved.background, saved.objective) == ("Kahvilat hiljenevät", "Sata kävijää")
