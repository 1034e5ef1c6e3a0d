"""PDF layout: tables continue over pages with their header row, overlong rows split."""

import io

from pypdf import PdfReader

from concept.document import Cover, Document, Paragraph, Section, Table
from concept.export import pdf


def pages_text(raw: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages]


def document_with(*blocks) -> Document:
    return Document(lang="fi", cover=Cover(title="Testi", kind="Konseptikuvaus"),
                    sections=[Section("summary", "Tiivistelmä", list(blocks))])


def test_a_long_table_repeats_its_header_row_on_every_page():
    rows = [[f"Rivi {i}", "Kohtaamispiste – verkkosivut", f"{i} €"] for i in range(150)]
    raw = pdf.render(document_with(Table(["Vaihe", "Kohtaamispisteet", "Hinta"], rows)))
    table_pages = pages_text(raw)[1:]  # after the cover
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "Vaihe Kohtaamispisteet Hinta" in text
    everything = "\n".join(table_pages)
    assert all(f"Rivi {i}\n" in everything or f"Rivi {i} " in everything for i in range(150))


def test_a_row_taller_than_a_page_continues_on_the_next_pages():
    long_cell = " ".join(f"sana{i}" for i in range(6000))
    raw = pdf.render(document_with(Table(["Kysymys", "Vastuu"], [[long_cell, "Maija"]])))
    texts = pages_text(raw)
    assert len(texts) > 3
    joined = " ".join(texts)
    assert "sana0 " in joined and "sana5999" in joined


def test_a_word_longer_than_the_line_is_broken_not_lost():
    raw = pdf.render(document_with(Paragraph("A" * 3000)))
    assert "".join(pages_text(raw)[1:]).count("A") == 3000
