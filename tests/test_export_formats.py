"""Each export format generated from the café sample and read back with a real reader."""

import io
import json
import zipfile
from datetime import date
from html.parser import HTMLParser

import pytest

from concept.export import FORMATS, UnknownFormat, export, export_format, file_name
from concept.model import Concept
from concept.transfer import concept_from_json

TODAY = date(2026, 11, 22)


class Collector(HTMLParser):
    """Tags and visible text of an HTML page (html.parser, as a browser-free reader)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if not (self._open and self._open[-1] in ("style", "script")):
            self.text.append(data)


def parse_html(raw: bytes) -> Collector:
    collector = Collector()
    collector.feed(raw.decode("utf-8"))
    collector.close()
    return collector


def pdf_text(raw: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)


def test_docx_has_real_headings_and_tables_with_header_rows(cafe):
    import docx

    raw = export(cafe, "docx", "fi", today=TODAY)
    document = docx.Document(io.BytesIO(raw))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Asiakkaat ja asiakasprofiilit") in headings
    assert ("Heading 2", "Keskittyvä etätyöläinen (ensisijainen profiili)") in headings
    assert any(p.style.name == "Title" and p.text == "Kahvila Kulma"
               for p in document.paragraphs)
    stopped = next(t for t in document.tables if t.rows[0].cells[0].text == "Aihe")
    assert [c.text for c in stopped.rows[0].cells] == ["Aihe", "Miksi se pysäytettiin"]
    assert [c.text for c in stopped.rows[1].cells] == [
        "Olutlista", "Strategian vastainen: Ei sovi päiväkonseptiin"]
    assert stopped.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert all(t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.xpath("./w:tblHeader")
               for t in document.tables)
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Hinta: 89 € / kk." in body


def test_pdf_text_has_finnish_letters_euro_signs_and_dashes(cafe):
    raw = export(cafe, "pdf", "fi", today=TODAY)
    assert raw.startswith(b"%PDF")
    text = pdf_text(raw)
    for expected in ("Kahvila Kulma", "Keskittyvä etätyöläinen", "89 €", "KONSEPTIKUVAUS",
                     "22. marraskuuta 2026", "Rajaukset: mitä konseptiin ei kuulu",
                     "Verkkosivut – aukiolot & wifi", "Asiakaspolku ja kohtaamispisteet"):
        assert expected in text, expected


def test_pdf_in_english_has_english_headings(cafe):
    text = pdf_text(export(cafe, "pdf", "en", today=TODAY))
    assert "Customer journey and touchpoints" in text
    assert "Keskittyvä etätyöläinen" in text


def test_html_is_a_complete_page_with_the_concept(cafe):
    raw = export(cafe, "html", "fi", today=TODAY)
    page = parse_html(raw)
    text = "".join(page.text)
    assert page.tags.count("h1") == 1 and "table" in page.tags and "script" not in page.tags
    assert "Kahvila Kulma" in text and "Keskittyvä etätyöläinen" in text and "89 €" in text
    assert b'<html lang="fi">' in raw


def test_markdown_has_headings_and_tables(cafe):
    text = export(cafe, "md", "en", today=TODAY).decode("utf-8")
    assert text.startswith("# Kahvila Kulma\n")
    assert "\n## Customers and customer profiles\n" in text
    assert "| Topic | Why it was stopped |\n|---|---|\n" in text
    assert "| Olutlista | Against strategy: Ei sovi päiväkonseptiin |" in text


def test_json_export_imports_again_unchanged(cafe):
    raw = export(cafe, "json", "fi")
    assert concept_from_json(raw) == cafe
    assert json.loads(raw)["name"] == "Kahvila Kulma"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_empty_concept_exports_in_every_format(fmt):
    raw = export(Concept(), fmt, "fi")
    assert raw
    if fmt == "docx":
        assert zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml")
    if fmt in ("md", "html"):
        text = raw.decode("utf-8")
        assert "Tiivistelmä" not in text and "Liite" not in text


def test_the_large_sample_exports_in_every_format(large):
    for fmt in FORMATS:
        assert export(large, fmt, "en")
    assert "Kohtaamispiste 5.12" in pdf_text(export(large, "pdf", "en"))


def test_formats_have_suffixes_and_mime_types_and_unknown_ones_are_refused(cafe):
    assert export_format("PDF").mime == "application/pdf"
    assert file_name(cafe, "docx") == "Kahvila-Kulma.docx"
    assert file_name(Concept(name="../../etc/passwd"), "md") == "etc-passwd.md"
    assert file_name(Concept(), "pdf") == "concept.pdf"
    with pytest.raises(UnknownFormat):
        export(cafe, "xls", "fi")


def test_paged_formats_mark_a_draft_in_the_footer(cafe):
    import docx

    from concept.document import build_document

    assert build_document(cafe, "fi").cover.footer == "Kahvila Kulma · Luonnos"
    assert "Kahvila Kulma · Luonnos" in pdf_text(export(cafe, "pdf", "fi"))
    footer = docx.Document(io.BytesIO(export(cafe, "docx", "en"))).sections[0].footer
    assert footer.paragraphs[0].text.startswith("Kahvila Kulma · Draft")
    cafe.status = "final"
    assert build_document(cafe, "en").cover.footer == "Kahvila Kulma"


def test_html_has_one_main_landmark_around_the_sections(cafe):
    # Screen-reader users jump to the content by its landmark (WCAG 1.3.1, 2.4.1).
    raw = export(cafe, "html", "fi", today=TODAY).decode("utf-8")
    assert raw.count("<main>") == 1 and raw.count("</main>") == 1
    assert raw.index("</header>") < raw.index("<main>") < raw.index("<section")
    assert raw.rindex("</section>") < raw.index("</main>")
