"""Hostile user text (scripts, Markdown, control characters, emoji, 20,000 characters) never
crashes an export and never turns into markup."""

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concept.document import clean
from concept.export import FORMATS, export
from concept.export.markdown import escape
from concept.export.pdf import MISSING, printable
from concept.model import (
    Competitor,
    Concept,
    CustomerProfile,
    Exclusion,
    Journey,
    JourneyStage,
    Pain,
    ParkingLotItem,
    Touchpoint,
)
from concept.samples import cafe_concept
from concept.transfer import concept_from_json
from tests.test_export_formats import parse_html, pdf_text

SCRIPT = "<script>alert(1)</script>"
MARKDOWN = "**lihava** _kursiivi_ [linkki](http://example.com) `koodi` # otsikko | a | b |"
CONTROL = "pysty\x0bsarkain kello\x07 nolla\x00merkki"
EMOJI = "Kahvia ☕ ja raketti 🚀 peukku 👍🏽 hymy 😀"
LONG = ("Pitkä teksti ilman loppua. " * 800)[:20_000]
LONG_WORD = "x" * 20_000


def hostile_concept() -> Concept:
    """The café with scripts, Markdown, control characters, emoji and 20,000-character text in
    the name, a heading (profile name), a paragraph, bullets, key-values and table cells."""
    concept = cafe_concept()
    concept.name = f"Kulma {SCRIPT} {EMOJI[:12]}\x07"
    profile = concept.profiles[0]
    profile.name = f"{SCRIPT} {MARKDOWN}"
    profile.summary = LONG
    profile.pains.append(Pain(text=LONG_WORD, severity=5))
    profile.pains.append(Pain(text=f"{CONTROL} {EMOJI}", severity=4))
    concept.description.short_description = f"{MARKDOWN}\n- lista\n1. numero\n{SCRIPT}\n{LONG}"
    concept.description.who = f"{CONTROL}\n{EMOJI}"
    concept.description.exclusions.append(Exclusion(text=f"{SCRIPT}\n{MARKDOWN}"))
    concept.competition.competitors.append(
        Competitor(name=SCRIPT, strengths=[LONG], weaknesses=[MARKDOWN, EMOJI]))
    concept.parking_lot.append(ParkingLotItem(text=LONG_WORD, owner=SCRIPT, due_date="ei päivää"))
    stage = JourneyStage(name=MARKDOWN, customer_goal=LONG)
    concept.profiles.append(CustomerProfile(name=EMOJI))
    concept.journeys.append(Journey(
        profile_id=concept.profiles[-1].id, entry_point=SCRIPT, stages=[stage],
        touchpoints=[Touchpoint(stage_id=stage.id, name=f"{CONTROL}{EMOJI}",
                                purchase_stage_keys=["need", "decide"])]))
    return concept


@pytest.fixture(scope="module")
def hostile():
    return hostile_concept()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_hostile_text_exports_in_every_format_and_language(hostile, fmt, lang):
    assert len(export(hostile, fmt, lang)) > 1000


def test_html_shows_a_script_as_text_and_runs_none(hostile):
    raw = export(hostile, "html", "fi")
    page = parse_html(raw)
    assert "script" not in page.tags
    assert SCRIPT in "".join(page.text)
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "a" not in page.tags  # the Markdown link stays text


def test_markdown_escapes_scripts_and_markdown_syntax(hostile):
    text = export(hostile, "md", "fi").decode("utf-8")
    assert "<script>" not in text and "**lihava**" not in text and "[linkki](" not in text
    assert r"\<script\>alert\(1\)\</script\>" in text
    assert r"\*\*lihava\*\* \_kursiivi\_ \[linkki\]\(http\://example.com\)" in text
    # A user's "- lista" / "1. numero" line stays a line of text, not a list item.
    assert "\n\\- lista" in text and "\n1\\. numero" in text


SPECIAL = set("\\`*_{}[]<>()#!|~&$@")


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown.replace("\\\n", "\n"), flags=re.S)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
               max_size=60))
def test_markdown_escape_leaves_no_live_syntax_and_loses_no_text(text):
    escaped = escape(text)
    without_escapes = re.sub(r"\\.", "", escaped, flags=re.S)
    assert not SPECIAL & set(without_escapes)
    assert unescape(escaped) == "\n".join(line.lstrip(" \t") for line in text.split("\n"))


@pytest.mark.parametrize("text", [
    "Katso https://example.com/a_b.",
    "(lisää: https://example.com/hinta)",
    "Tilaa: https://example.com/tilaa!",
    "www.example.com!",
    "posti: kahvila@example.com!",
])
def test_bare_addresses_stay_text_as_typed_with_no_stray_backslash(text):
    # GitHub-flavoured Markdown (as Streamlit's preview renders it) turns bare addresses into
    # links, and a link's end swallowed the "\" escaping the punctuation after it.
    from html import unescape as html_unescape

    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify"])
    html = renderer.render(escape(text))
    assert "<a " not in html
    assert html_unescape(re.sub(r"<[^>]+>", "", html)).strip() == text


def test_docx_keeps_long_text_and_emoji_and_drops_control_characters(hostile):
    import docx

    document = docx.Document(io.BytesIO(export(hostile, "docx", "fi")))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert LONG.strip() in body
    assert LONG_WORD in cells
    assert EMOJI in cells
    assert SCRIPT in body
    assert not re.search("[\x00-\x08\x0e-\x1f]", body + cells)


def test_pdf_wraps_long_text_over_pages_and_replaces_missing_glyphs(hostile):
    from pypdf import PdfReader

    raw = export(hostile, "pdf", "fi")
    assert len(PdfReader(io.BytesIO(raw)).pages) > 10
    text = pdf_text(raw)
    assert SCRIPT in text
    assert "Pitkä teksti ilman loppua." in text
    assert "☕" in text  # in the font


def test_pdf_fallback_marks_characters_neither_font_has():
    assert printable("kanji 漢字 ok") == f"kanji {MISSING} ok"
    assert printable("raketti 🚀👍🏽 ok") == "raketti 🚀👍🏽 ok"  # from the emoji font
    assert printable("Ääkköset – “lainaus” € ☕") == "Ääkköset – “lainaus” € ☕"
    assert printable("a\x07b\x0bc") == "ab\nc"


def test_pdf_prints_emoji_with_the_fallback_font_not_boxes(tmp_path):
    import shutil
    import subprocess

    concept = cafe_concept()
    concept.name = "Kulma 🚇"
    concept.profiles[0].name = "Commuter Chen 🚇"
    concept.profiles[0].pains[0].text = "Melu 🫠 ja ✅ hiljaisuus"  # a table cell
    concept.profiles[0].summary = "**Bold** 🚀 " + "sana " * 40 + "👍🏽"  # wraps
    raw = export(concept, "pdf", "en")
    text = pdf_text(raw)
    assert "Commuter Chen 🚇" in text and "Melu 🫠 ja ✅ hiljaisuus" in text
    assert "🚀" in text and "👍" in text
    assert MISSING not in text
    assert "NotoEmoji" in raw.decode("latin-1")  # the fallback font is embedded
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # poppler's extraction as well, where it is installed
        path = tmp_path / "kulma.pdf"
        path.write_bytes(raw)
        extracted = subprocess.run([pdftotext, str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout
        assert "Commuter Chen 🚇" in extracted and MISSING not in extracted


def test_a_pdf_without_emoji_does_not_embed_the_emoji_font():
    assert b"NotoEmoji" not in export(cafe_concept(), "pdf", "fi")


def test_json_keeps_user_text_exactly_and_imports_again(hostile):
    hostile.description.tagline = "kello\x07 pysty\x0b"
    again = concept_from_json(export(hostile, "json", "fi"))
    assert again == hostile
    assert again.description.tagline == "kello\x07 pysty\x0b"
    assert clean(again.description.tagline) == "kello pysty\n"
    assert MARKDOWN in again.description.short_description


TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "p", "h1", "dl",
                 "dt", "dd", "section", "h2", "h3", "h4", "ul", "li", "table", "colgroup", "col",
                 "thead", "tr",
                 "th", "tbody", "td", "figure", "img", "figcaption", "main"}
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                   max_size=300)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=ANY_TEXT, summary=ANY_TEXT, cell=ANY_TEXT)
def test_any_text_exports_in_every_format_without_live_markup(name, summary, cell):
    concept = cafe_concept()
    concept.name = name[:300]
    concept.profiles[0].summary = summary
    concept.competition.competitors[0].strengths = [cell]
    for fmt in FORMATS:
        assert export(concept, fmt, "fi")
    page = parse_html(export(concept, "html", "en"))
    assert set(page.tags) <= TEMPLATE_TAGS  # no script, link or other element from user text
    assert page.tags.count("h1") == 1
