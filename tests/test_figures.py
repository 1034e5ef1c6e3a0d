"""The document's figures: the pages' own chart specs, rendered with vl-convert in every format,
each with its caption, none when empty, and the user's text never alive inside the SVG."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from concept.document import Figure, build_document
from concept.export import export
from concept.export.figures import DPI, png, png_size_mm, svg
from concept.figures import document_figures
from concept.i18n import t
from concept.model import Concept
from concept.samples import cafe_concept, large_concept
from tests.test_export_formats import parse_html, pdf_text

SCRIPT = "<script>alert(1)</script>"
SVG_ATTACK = '"><svg onload=alert(1)><foreignObject><img src=x onerror=alert(2)>'
ALL = {"profiles", "journey", "purchase", "experience", "relationships", "competition"}


@pytest.fixture(scope="module")
def cafe():
    return cafe_concept()


def test_the_cafe_has_every_figure_and_an_empty_concept_none(cafe):
    assert {f.section for f in document_figures(cafe, "fi")} == ALL
    assert document_figures(Concept(name="Tyhjä"), "fi") == []
    assert not any(isinstance(b, Figure) for s in build_document(Concept(name="T"), "fi").sections
                   for b in s.blocks)


@pytest.mark.parametrize("make", [cafe_concept, large_concept])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_figure_is_valid_vega_lite(make, lang):
    schema = load_schema()
    for figure in document_figures(make(), lang):
        validate_jsonschema(figure.spec, schema)
        assert figure.caption.strip()


def test_figures_sit_in_their_sections_with_captions(cafe):
    document = build_document(cafe, "en")
    for figure in document_figures(cafe, "en"):
        blocks = document.section(figure.section).blocks
        assert Figure(figure.caption, figure.spec) in blocks
    assert t("doc.figure.competitors", "en") in [b.caption for s in document.sections
                                                for b in s.blocks if isinstance(b, Figure)]


def test_png_is_200_dpi_and_fits_the_text_width(cafe):
    data = png(document_figures(cafe, "fi")[0].spec)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width_mm, _ = png_size_mm(data)
    assert 120 < width_mm < 200
    # The pHYs chunk says 200 dpi (pixels per metre).
    at = data.index(b"pHYs")
    assert int.from_bytes(data[at + 4:at + 8], "big") == round(DPI / 0.0254)


def test_finnish_letters_are_drawn_in_the_document_font(cafe):
    drawn = svg(document_figures(cafe, "fi")[0].spec)
    assert "DejaVu Sans" in drawn and "Tärkeys liiketoiminnalle" in drawn


def _svgs(html: bytes) -> list[str]:
    return [base64.b64decode(m).decode("utf-8")
            for m in re.findall(rb'src="data:image/svg\+xml;base64,([^"]+)"', html)]


def _hostile() -> Concept:
    concept = cafe_concept()
    concept.profiles[0].name = SCRIPT
    concept.profiles[1].name = SVG_ATTACK
    concept.competition.attributes[0].name = SVG_ATTACK
    concept.competition.competitors[0].name = SCRIPT
    concept.purchase_process.stages[0].label = SVG_ATTACK
    concept.journeys[0].stages[0].name = SCRIPT
    concept.toolbox.stakeholders[0].name = SVG_ATTACK
    return concept


def test_hostile_chart_text_never_comes_alive_in_the_html():
    raw = export(_hostile(), "html", "en")
    page = parse_html(raw)
    assert "script" not in page.tags and "svg" not in page.tags and "foreignobject" not in page.tags
    drawn = _svgs(raw)
    assert len(drawn) == len(ALL) + _curves(_hostile())  # the journey map's curve is one too
    for image in drawn:
        root = ElementTree.fromstring(image)  # well-formed: the text did not break out
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1].lower()
            assert tag not in {"script", "foreignobject", "img", "iframe"}
            assert not [a for a in element.attrib if a.lower().startswith("on")]
    texts = "".join("".join(ElementTree.fromstring(i).itertext()) for i in drawn)
    assert SCRIPT in texts or "alert(1)" in texts  # drawn as text


def _curves(concept) -> int:
    """The journey maps with an emotion curve drawn across their stage columns."""
    from concept.document import Table

    return sum(1 for s in build_document(concept, "fi").sections for b in s.blocks
               if isinstance(b, Table) and b.curve is not None)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_paged_formats_carry_every_figure_as_png(cafe, fmt):
    raw = export(cafe, fmt, "fi")
    if fmt == "docx":
        media = [n for n in zipfile.ZipFile(io.BytesIO(raw)).namelist()
                 if n.startswith("word/media/") and n.endswith(".png")]
        assert len(media) == len(ALL) + _curves(cafe)
    else:
        from pypdf import PdfReader

        images = sum(len(page.images) for page in PdfReader(io.BytesIO(raw)).pages)
        assert images == len(ALL) + _curves(cafe)
        assert t("doc.figure.competitors", "fi") in pdf_text(raw).replace("\n", " ")


def test_markdown_carries_each_figure_as_an_svg_image(cafe):
    text = export(cafe, "md", "en").decode("utf-8")
    assert text.count("](data:image/svg+xml;base64,") == len(ALL)


BREAKERS = "a\u2028b\u2029c \"' \\ ${x} `y` ) ] } \x00"


def test_any_user_text_renders_in_every_figure():
    # Vega-Lite compiled a custom sort list of the user's texts into an expression; a line
    # separator in a name failed the whole chart ("Unexpected token ILLEGAL").
    concept = _hostile()
    concept.profiles[0].name = BREAKERS
    concept.competition.attributes[0].name = BREAKERS
    concept.competition.competitors[0].name = BREAKERS
    concept.purchase_process.stages[0].label = BREAKERS
    concept.journeys[0].stages[0].name = BREAKERS
    concept.experience.horizons[0].label = BREAKERS
    concept.toolbox.stakeholders[0].name = BREAKERS
    figures = document_figures(concept, "fi")
    assert {f.section for f in figures} == ALL
    for figure in figures:
        assert svg(figure.spec).startswith("<svg")


def test_a_long_label_of_emoji_renders():
    # Vega cut the label inside an emoji's UTF-16 pair and vl-convert failed on the half.
    concept = cafe_concept()
    concept.competition.attributes[0].name = "ab😀" * 30
    spec = next(f.spec for f in document_figures(concept, "fi") if f.section == "competition")
    assert svg(spec).startswith("<svg") and png(spec)[:4] == b"\x89PNG"
